using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>
/// A yes/no rule evaluated at each day's close of a <see cref="MarketHistory"/>, using only data up to that close.
/// Price rules, indicator signals and externally computed series are all conditions, so a hedge policy treats a
/// signal as just another condition.
/// </summary>
/// <remarks>Implementations must be pure and must not look ahead (day t may use data of days ≤ t only).</remarks>
[Obsolete(Retired.HedgeConditions)]
public interface IHedgeCondition
{
    /// <summary>A short description for reports.</summary>
    string Name { get; }

    /// <summary>Writes whether the condition holds at each day's close.</summary>
    /// <param name="history">The market history.</param>
    /// <param name="destination">One flag per day; at least <see cref="MarketHistory.Length"/> long.</param>
    void Evaluate(MarketHistory history, Span<bool> destination);
}

/// <summary>Ready-made conditions: price against its moving average, drawdown from a high, rise over days, external series, and their combinations.</summary>
/// <remarks>All returned conditions are immutable and thread-safe; during a warm-up (not enough history yet) a price condition is false.</remarks>
[Obsolete(Retired.HedgeConditions)]
public static class HedgeConditions
{
    /// <summary>Spot close below its simple moving average of <paramref name="days"/> closes (a downtrend).</summary>
    /// <param name="days">Moving-average length (&gt; 1).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not greater than 1.</exception>
    public static IHedgeCondition PriceBelowMovingAverage(int days) => new MovingAverageCondition(CheckDays(days), below: true);

    /// <summary>Spot close above its simple moving average of <paramref name="days"/> closes (an uptrend).</summary>
    /// <param name="days">Moving-average length (&gt; 1).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is not greater than 1.</exception>
    public static IHedgeCondition PriceAboveMovingAverage(int days) => new MovingAverageCondition(CheckDays(days), below: false);

    /// <summary>Spot close at least <paramref name="fraction"/> below the highest close of the last <paramref name="lookbackDays"/> days.</summary>
    /// <param name="fraction">Drawdown in (0, 1).</param>
    /// <param name="lookbackDays">Lookback (&gt; 1).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static IHedgeCondition DrawdownFromHigh(decimal fraction, int lookbackDays)
    {
        if (fraction <= 0m || fraction >= 1m) Preconditions.ThrowOutOfRange(nameof(fraction), fraction, "must be in (0, 1)");
        return new DrawdownCondition((double)fraction, CheckDays(lookbackDays, nameof(lookbackDays)));
    }

    /// <summary>Spot close at least <paramref name="fraction"/> above the close <paramref name="days"/> days earlier.</summary>
    /// <param name="fraction">Rise (&gt; 0).</param>
    /// <param name="days">Days back (&gt; 0).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static IHedgeCondition RiseOverDays(decimal fraction, int days)
    {
        Preconditions.Positive(fraction);
        Preconditions.Positive(days);
        return new RiseCondition((double)fraction, days);
    }

    /// <summary>A condition given as one flag per day (e.g. signals computed elsewhere); its length must match the history it is used with.</summary>
    /// <param name="name">A description.</param>
    /// <param name="values">One flag per day of the history.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IHedgeCondition Series(string name, IEnumerable<bool> values)
    {
        Preconditions.NotNullOrWhiteSpace(name);
        Preconditions.NotNull(values);
        return new SeriesCondition(name, values.ToImmutableArray());
    }

    /// <summary>Both conditions hold.</summary>
    /// <param name="left">First condition.</param>
    /// <param name="right">Second condition.</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentNullException">A condition is null.</exception>
    public static IHedgeCondition And(IHedgeCondition left, IHedgeCondition right) => new Combined(Preconditions.NotNull(left), Preconditions.NotNull(right), and: true);

    /// <summary>Either condition holds.</summary>
    /// <param name="left">First condition.</param>
    /// <param name="right">Second condition.</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentNullException">A condition is null.</exception>
    public static IHedgeCondition Or(IHedgeCondition left, IHedgeCondition right) => new Combined(Preconditions.NotNull(left), Preconditions.NotNull(right), and: false);

    /// <summary>The condition does not hold.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>The negation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    public static IHedgeCondition Not(IHedgeCondition condition) => new Negated(Preconditions.NotNull(condition));

    internal static void CheckDestination(MarketHistory history, Span<bool> destination)
    {
        Preconditions.NotNull(history);
        Preconditions.DestinationLongEnough(destination.Length, history.Length, nameof(destination));
    }

    private static int CheckDays(int days, string name = "days")
    {
        if (days <= 1) Preconditions.ThrowOutOfRange(name, days, "must be greater than 1");
        return days;
    }

    private sealed class MovingAverageCondition(int days, bool below) : IHedgeCondition
    {
        public string Name => FormattableString.Invariant($"close {(below ? "below" : "above")} SMA({days})");

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            CheckDestination(history, destination);
            var c = history.SpotCloses;
            double sum = 0d;
            for (int t = 0; t < c.Length; t++)
            {
                sum += c[t];
                if (t >= days) sum -= c[t - days];
                if (t < days - 1) { destination[t] = false; continue; }
                double sma = sum / days;
                destination[t] = below ? c[t] < sma : c[t] > sma;
            }
        }
    }

    private sealed class DrawdownCondition(double fraction, int lookback) : IHedgeCondition
    {
        public string Name => FormattableString.Invariant($"close {fraction:P0} below {lookback}-day high");

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            CheckDestination(history, destination);
            var c = history.SpotCloses;
            for (int t = 0; t < c.Length; t++)
            {
                double high = c[t];
                for (int i = Math.Max(0, t - lookback + 1); i < t; i++) high = Math.Max(high, c[i]);
                destination[t] = t >= lookback - 1 && c[t] <= (1d - fraction) * high;
            }
        }
    }

    private sealed class RiseCondition(double fraction, int days) : IHedgeCondition
    {
        public string Name => FormattableString.Invariant($"close {fraction:P0} above {days} days ago");

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            CheckDestination(history, destination);
            var c = history.SpotCloses;
            for (int t = 0; t < c.Length; t++) destination[t] = t >= days && c[t] >= (1d + fraction) * c[t - days];
        }
    }

    private sealed class SeriesCondition(string name, ImmutableArray<bool> values) : IHedgeCondition
    {
        public string Name => name;

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            CheckDestination(history, destination);
            Preconditions.SameLength(values.Length, history.Length, "values", nameof(history));
            values.AsSpan().CopyTo(destination);
        }
    }

    private sealed class Combined(IHedgeCondition left, IHedgeCondition right, bool and) : IHedgeCondition
    {
        public string Name => $"({left.Name} {(and ? "and" : "or")} {right.Name})";

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            CheckDestination(history, destination);
            left.Evaluate(history, destination);
            var other = new bool[history.Length];
            right.Evaluate(history, other);
            for (int t = 0; t < history.Length; t++) destination[t] = and ? destination[t] && other[t] : destination[t] || other[t];
        }
    }

    private sealed class Negated(IHedgeCondition inner) : IHedgeCondition
    {
        public string Name => $"not {inner.Name}";

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            inner.Evaluate(history, destination);
            for (int t = 0; t < history.Length; t++) destination[t] = !destination[t];
        }
    }
}
