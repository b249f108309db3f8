using HedgeMath.Internal;
using HedgeMath.Signals;

namespace HedgeMath.Scenarios;

/// <summary>Conditions over the signal layer (<see cref="SignalSeries"/>, <see cref="SignalSet"/>, <see cref="Confluence"/>): a signal is just another condition of a <see cref="HedgePolicy"/>.</summary>
/// <remarks>
/// Signals are computed from the history's spot candles with <see cref="SignalSeries.FromCandles"/>; the readings at
/// day t use closes up to t only, so a policy acting at t's close does not look ahead. During the indicators'
/// warm-up no signal is active. All returned conditions are immutable and thread-safe.
/// </remarks>
[Obsolete(Retired.SignalConditions)]
public static class SignalConditions
{
    /// <summary>Any of <paramref name="kinds"/> is active at the close.</summary>
    /// <param name="kinds">One or more signal flags.</param>
    /// <param name="options">Signal thresholds (null: defaults).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kinds"/> is <see cref="SignalKinds.None"/>.</exception>
    public static IHedgeCondition AnyActive(SignalKinds kinds, SignalOptions? options = null)
    {
        if (kinds == SignalKinds.None) Preconditions.ThrowOutOfRange(nameof(kinds), kinds, "must name at least one signal");
        Preconditions.DefinedFlags(kinds);
        return new Computed($"any of {string.Join("/", Confluence.Names(kinds))}", options, s => (s.Active & kinds) != 0);
    }

    /// <summary>The confluence of the active signals suggests one of <paramref name="actions"/> at the close.</summary>
    /// <param name="options">Signal thresholds (null: defaults).</param>
    /// <param name="actions">The suggested actions that make the condition hold (at least one).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">No action given.</exception>
    public static IHedgeCondition ConfluenceSuggests(SignalOptions? options, params SuggestedAction[] actions)
    {
        Preconditions.NotNull(actions);
        if (actions.Length == 0) Preconditions.ThrowArgument(nameof(actions), "must name at least one suggested action");
        var set = actions.ToArray();
        return new Computed($"confluence suggests {string.Join("/", set)}", options, s => Array.IndexOf(set, s.Confluence.Action) >= 0);
    }

    /// <summary>A predicate over a precomputed <see cref="SignalSeries"/> (e.g. from indicator values computed elsewhere), matched to the history by date (or by position when the series has no dates).</summary>
    /// <param name="name">A description.</param>
    /// <param name="series">The signal series.</param>
    /// <param name="predicate">Whether the condition holds for a bar's signal set.</param>
    /// <returns>The condition; days the series does not cover are false.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHedgeCondition FromSeries(string name, SignalSeries series, Func<SignalSet, bool> predicate)
    {
        Preconditions.NotNullOrWhiteSpace(name);
        Preconditions.NotNull(series);
        Preconditions.NotNull(predicate);
        return new Given(name, series, predicate);
    }

    private static void Fill(MarketHistory history, SignalSeries series, Func<SignalSet, bool> predicate, Span<bool> destination)
    {
        if (series.Dates.IsDefaultOrEmpty)
        {
            Preconditions.SameLength(series.Count, history.Length, "series", nameof(history));
            for (int t = 0; t < history.Length; t++) destination[t] = predicate(series[t]);
            return;
        }
        if (history.Interval != TimeSpan.FromDays(1) && !series.Timestamps.IsDefaultOrEmpty)
        {
            // Intraday: several bars share a day; align by timestamp.
            var byTime = new Dictionary<DateTimeOffset, int>(series.Count);
            for (int i = 0; i < series.Count; i++) byTime[series.Timestamps[i]] = i;
            for (int t = 0; t < history.Length; t++)
                destination[t] = byTime.TryGetValue(history.Times[t], out int i) && predicate(series[i]);
            return;
        }
        var index = new Dictionary<DateOnly, int>(series.Count);
        for (int i = 0; i < series.Count; i++) index[series.Dates[i]] = i;
        for (int t = 0; t < history.Length; t++)
            destination[t] = index.TryGetValue(history.Dates[t], out int i) && predicate(series[i]);
    }

    private sealed class Computed(string name, SignalOptions? options, Func<SignalSet, bool> predicate) : IHedgeCondition
    {
        public string Name => name;

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            HedgeConditions.CheckDestination(history, destination);
            Fill(history, SignalSeries.FromCandles(history.Spot, options), predicate, destination);
        }
    }

    private sealed class Given(string name, SignalSeries series, Func<SignalSet, bool> predicate) : IHedgeCondition
    {
        public string Name => name;

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            HedgeConditions.CheckDestination(history, destination);
            Fill(history, series, predicate, destination);
        }
    }
}
