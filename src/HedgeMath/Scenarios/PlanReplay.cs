using System.Collections.Immutable;
using System.Runtime.InteropServices;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Positions;
using HedgeMath.Signals;

namespace HedgeMath.Scenarios;

/// <summary>A <see cref="HedgePlan"/> with its rules evaluated day by day over a real <see cref="MarketHistory"/>: signals → remove / raise, on <see cref="HistoricalReplay"/>.</summary>
/// <remarks>
/// <para>At each day's close the plan's rules see a <see cref="RemovalContext"/> built from that day's
/// <see cref="SignalSet"/> (<see cref="RemovalContext.FromSignalSet"/>: the spot close, the active signals, the days since
/// the first close) and <see cref="HedgePlan.Decide"/> says keep, raise or remove. A removal is final (the plan's hedge
/// comes off and stays off); a raise lasts while its rule fires. The days are then replayed by
/// <see cref="HistoricalReplay.Run"/> (the hedge engine) with a policy made from the plan: default ratio = the plan's,
/// one <see cref="HedgeLevel"/> per raise rule (its ratio while it is the rule that decided), stop distance = stop price /
/// entry − 1, the plan's leverage, contract (its taker fee) and liquidation rule. So stops, liquidation, funding and fees
/// follow the replay's rules (docs/scenarios.md); in particular a stopped hedge is re-opened at a later close unless a
/// removal has fired. Thread-safe (pure).</para>
/// </remarks>
[Obsolete(Retired.PlanReplay)]
public static class PlanReplay
{
    /// <summary>Evaluates the plan's rules on every day and replays the result.</summary>
    /// <param name="history">The market history (at least 2 days).</param>
    /// <param name="plan">A same-asset plan on a linear contract.</param>
    /// <param name="signals">Signals matched to the days by date (by position when it has no dates); null: computed from the history's spot candles with <paramref name="options"/>. Compute them over a longer series to have no warm-up inside the window.</param>
    /// <param name="options">Signal options when <paramref name="signals"/> is null.</param>
    /// <returns>The replay with the decision of each day.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">The plan is a cross-hedge or inverse; a dateless series of another length; fewer than 2 days.</exception>
    public static PlanReplayResult Run(MarketHistory history, HedgePlan plan, SignalSeries? signals = null, SignalOptions? options = null)
    {
        Preconditions.NotNull(history);
        Preconditions.NotNull(plan);
        if (plan.IsCrossHedge || plan.Contract.Type != ContractType.Linear)
            Preconditions.ThrowArgument(nameof(plan), "must hedge its own asset on a linear contract to be replayed");
        int n = history.Length;
        signals ??= SignalSeries.FromCandles(history.Spot, options);
        var index = PlanHistory.BarIndex(history, signals);

        var actions = new PlanAction[n];
        var remove = new bool[n];
        var raise = plan.RaiseRules.Select(_ => new bool[n]).ToArray(); // one level per raise rule, in the plan's order
        RemovalRule? removedBy = null;
        int removedAt = -1, daysRaised = 0;
        for (int t = 0; t < n; t++)
        {
            if (removedAt >= 0) { remove[t] = true; actions[t] = PlanAction.Remove; continue; }
            var active = index[t] >= 0 ? signals.Active[index[t]] : SignalKinds.None;
            var d = plan.Decide(new RemovalContext(history.Spot[t].Close, TimeSpan.FromDays(t), active));
            actions[t] = d.Action;
            if (d.Action == PlanAction.Remove) { remove[t] = true; removedAt = t; removedBy = d.Removal; }
            else if (d.Action == PlanAction.Raise) { raise[plan.RaiseRules.IndexOf(d.Raise!)][t] = true; daysRaised++; }
        }
        decimal? stop = plan.StopPrice is { } s ? s / plan.FuturesPrice - 1m : null;
        var levels = plan.RaiseRules.Select((r, k) => new HedgeLevel(new Fixed(r.Description, raise[k]), r.RaisedRatio));
        var policy = HedgePolicy.Create("plan: " + string.Join("; ", plan.RemovalRules.Select(r => r.Description).Concat(plan.RaiseRules.Select(r => r.Description)).DefaultIfEmpty("no rules")),
            plan.HedgeRatio, plan.Leverage, plan.Contract, levels, new Fixed("removal rules", remove), stop, rule: plan.Options.Rule);
        var replay = HistoricalReplay.Run(history, policy, plan.Holding.Quantity);
        return new PlanReplayResult(replay, ImmutableCollectionsMarshal.AsImmutableArray(actions),
            removedAt >= 0 ? history.Dates[removedAt] : null, removedBy, daysRaised);
    }

    private sealed class Fixed(string name, bool[] values) : IHedgeCondition
    {
        public string Name => name;

        public void Evaluate(MarketHistory history, Span<bool> destination)
        {
            HedgeConditions.CheckDestination(history, destination);
            values.AsSpan(0, history.Length).CopyTo(destination);
        }
    }
}

/// <summary>A plan replayed with its rules: the replay and what the rules decided each day.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[Obsolete(Retired.PlanReplay)]
public sealed record PlanReplayResult
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal PlanReplayResult(ReplayResult replay, ImmutableArray<PlanAction> actions, DateOnly? removedOn, RemovalRule? removedBy, int daysRaised)
    {
        Replay = replay;
        Actions = actions;
        RemovedOn = removedOn;
        RemovedBy = removedBy;
        DaysRaised = daysRaised;
    }

    /// <summary>Equity curves, hedged and unhedged, fees, funding, stops and liquidations.</summary>
    public ReplayResult Replay { get; }

    /// <summary>The rules' decision at each day's close (after a removal: Remove every day).</summary>
    public ImmutableArray<PlanAction> Actions { get; }

    /// <summary>The day a removal rule fired, or null.</summary>
    public DateOnly? RemovedOn { get; }

    /// <summary>The removal rule that fired, or null.</summary>
    public RemovalRule? RemovedBy { get; }

    /// <summary>Days on which a raise rule held the hedge above the plan's ratio.</summary>
    public int DaysRaised { get; }
}
