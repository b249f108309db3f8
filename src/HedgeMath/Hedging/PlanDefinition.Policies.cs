using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Positions;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

// The backtest's policies as plans (issue 28: "today's replay policies, which re-open, are plans with re-entry"): one
// hedge leg at its default ratio, the levels as RuleTrigger.While rules in priority order (the first that holds sets the
// ratio; none: the leg's own), re-opened at the next bar after a stop or liquidation. `hedgemath backtest --policy
// static|trend|signals` replays these with PlanHistory.
public sealed partial class PlanDefinition
{
    /// <summary>
    /// A static hedge: <paramref name="leg"/> held at its ratio on every bar, re-opened at the next bar's close after a
    /// stop or liquidation (<see cref="PlanReentry.NextBar"/>), brought back to its size every
    /// <paramref name="rehedgeEveryDays"/> days.
    /// </summary>
    /// <param name="holding">The spot holding the leg hedges.</param>
    /// <param name="leg">The hedge: contract, default ratio, leverage (also the plan's leverage cap), stop.</param>
    /// <param name="rehedgeEveryDays">The re-hedge period in days, ≥ 0 (0: only when the target changes).</param>
    /// <param name="rules">More rules after the template's (e.g. a partial close after a drop), or null.</param>
    /// <returns>The plan, named "static R hedge at Lx: …".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="holding"/> or <paramref name="leg"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Create"/>: a value breaks its rule (the message names it).</exception>
    public static PlanDefinition StaticHedge(SpotHolding holding, PlanLeg leg, int rehedgeEveryDays = 0, IEnumerable<PlanRule>? rules = null)
    {
        Preconditions.NotNull(leg);
        return PolicyPlan(PolicyText($"static {leg.Ratio:P0} hedge at {leg.Leverage}x"), holding, leg, [], rehedgeEveryDays, rules);
    }

    /// <summary>
    /// A trend hedge: <paramref name="raisedRatio"/> while the spot close is below its simple moving average of
    /// <paramref name="movingAverageBars"/> closes (<see cref="PlanCondition.BelowMovingAverage"/>), else
    /// <paramref name="leg"/>'s ratio; re-opened at the next bar after a stop or liquidation.
    /// </summary>
    /// <param name="holding">The spot holding the leg hedges.</param>
    /// <param name="leg">The hedge: contract, default ratio, leverage (also the plan's leverage cap), stop.</param>
    /// <param name="movingAverageBars">The moving average's length in bars, in (1, 100,000].</param>
    /// <param name="raisedRatio">The ratio below the average, in [0, 10].</param>
    /// <param name="rehedgeEveryDays">The re-hedge period in days, ≥ 0 (0: only when the target changes).</param>
    /// <param name="rules">More rules after the template's, or null.</param>
    /// <returns>The plan, named "trend: R below SMA(n), else D: …".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="holding"/> or <paramref name="leg"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="movingAverageBars"/> or <paramref name="raisedRatio"/> is out of range.</exception>
    /// <exception cref="ArgumentException">As <see cref="Create"/>: a value breaks its rule (the message names it).</exception>
    public static PlanDefinition TrendHedge(SpotHolding holding, PlanLeg leg, int movingAverageBars, decimal raisedRatio, int rehedgeEveryDays = 0,
        IEnumerable<PlanRule>? rules = null)
    {
        Preconditions.NotNull(leg);
        PlanCondition.CheckBars(movingAverageBars);
        var below = PlanCondition.BelowMovingAverage(movingAverageBars);
        return PolicyPlan(PolicyText($"trend: {raisedRatio:P0} below SMA({movingAverageBars}), else {leg.Ratio:P0}"), holding, leg,
            [PolicyLevel(below, raisedRatio, leg.Ratio, nameof(raisedRatio))], rehedgeEveryDays, rules);
    }

    /// <summary>
    /// A signal-driven hedge: none while the confluence of RSI, MACD and Bollinger signals suggests lowering the hedge
    /// (first: it wins), <paramref name="raisedRatio"/> while it suggests scaling out or raising the hedge, else
    /// <paramref name="leg"/>'s ratio (<see cref="PlanCondition.ConfluenceSuggests"/>); re-opened at the next bar after a
    /// stop or liquidation. The history clock computes the signals from the spot candles.
    /// </summary>
    /// <param name="holding">The spot holding the leg hedges.</param>
    /// <param name="leg">The hedge: contract, default ratio, leverage (also the plan's leverage cap), stop.</param>
    /// <param name="raisedRatio">The ratio on bearish confluence, in [0, 10].</param>
    /// <param name="rehedgeEveryDays">The re-hedge period in days, ≥ 0 (0: only when the target changes).</param>
    /// <param name="rules">More rules after the template's, or null.</param>
    /// <returns>The plan, named "signals: R on bearish confluence, none on bullish, else D: …".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="holding"/> or <paramref name="leg"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="raisedRatio"/> is out of range.</exception>
    /// <exception cref="ArgumentException">As <see cref="Create"/>: a value breaks its rule (the message names it).</exception>
    public static PlanDefinition SignalHedge(SpotHolding holding, PlanLeg leg, decimal raisedRatio, int rehedgeEveryDays = 0, IEnumerable<PlanRule>? rules = null)
    {
        Preconditions.NotNull(leg);
        var bullish = PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge);
        var bearish = PlanCondition.ConfluenceSuggests(SuggestedAction.ScaleOut, SuggestedAction.RaiseHedge);
        return PolicyPlan(PolicyText($"signals: {raisedRatio:P0} on bearish confluence, none on bullish, else {leg.Ratio:P0}"), holding, leg,
            [new PlanRule(bullish, RuleAction.LowerTo(0m), RuleTrigger.While, "none when " + bullish.Name), PolicyLevel(bearish, raisedRatio, leg.Ratio, nameof(raisedRatio))],
            rehedgeEveryDays, rules);
    }

    /// <summary>A level: hold <paramref name="ratio"/> while <paramref name="when"/> holds (a raise above the default, else a lowering).</summary>
    private static PlanRule PolicyLevel(PlanCondition when, decimal ratio, decimal defaultRatio, string parameter)
    {
        Preconditions.InRange(ratio, 0m, HedgePlan.MaxHedgeRatio, parameter);
        var action = ratio > defaultRatio ? RuleAction.RaiseTo(ratio) : RuleAction.LowerTo(ratio);
        return new PlanRule(when, action, RuleTrigger.While, PolicyText($"{ratio:P0} when {when.Name}"));
    }

    private static PlanDefinition PolicyPlan(string title, SpotHolding holding, PlanLeg leg, PlanRule[] levels, int rehedgeEveryDays, IEnumerable<PlanRule>? rules)
    {
        Preconditions.NotNull(holding);
        PlanRule[] all = [.. levels, .. rules ?? []];
        // The name says what the plan does, as a report shows it: its levels and rules, the hedge, the stop and the re-hedge.
        string name = PolicyText($"{title}: default {leg.Ratio:P0}") + string.Concat(all.Select(r => ", " + r?.Name))
            + PolicyText($", {leg.Contract.Symbol} {leg.Leverage}x, {leg.Stop?.ToString() ?? "no stop"}, re-hedge {(rehedgeEveryDays == 0 ? "on change" : $"every {rehedgeEveryDays} days")}");
        return Create(name, [holding], [leg], all, leverageCap: leg.Leverage, afterExit: PlanReentry.NextBar, rehedgeEveryDays: rehedgeEveryDays);
    }

    private static string PolicyText(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
