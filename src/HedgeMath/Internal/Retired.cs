namespace HedgeMath.Internal;

/// <summary>
/// The messages of the types and members retired by issue 28 ("One plan, three clocks": one condition type, one action
/// type, one replay). Each says what replaces it; they stay one release marked <see cref="ObsoleteAttribute"/>, then go.
/// </summary>
internal static class Retired
{
    private const string Tail = " (issue 28; removed in the next release)";

    public const string RemovalRule = "Use a PlanRule on a PlanDefinition: new PlanRule(PlanCondition.PriceAtOrBelow/PriceAtOrAbove/After/Signal(...), RuleAction.Remove(), RuleTrigger.Once); a one-leg HedgePlan with rules is PlanDefinition.FromHedgePlan(plan, rules, afterExit, stopFollowsEntry)" + Tail;
    public const string RaiseRule = "Use a PlanRule on a PlanDefinition: new PlanRule(PlanCondition.Signal(...), RuleAction.RaiseTo(ratio), RuleTrigger.While); a one-leg HedgePlan with rules is PlanDefinition.FromHedgePlan(plan, rules, afterExit, stopFollowsEntry)" + Tail;
    public const string RemovalContext = "A plan's conditions are evaluated on a bar by PlanState.Step (PlanBar: close, time, signals); read every rule's state with PlanHistory.Now or PlanLive" + Tail;
    public const string Decide = "Use PlanHistory.Now(history, PlanDefinition.FromHedgePlan(plan, rules, afterExit, stopFollowsEntry)): PlanStatus says which rules hold and the orders to place now" + Tail;
    public const string HedgePlanRules = "Rules belong to the plan definition: PlanDefinition.FromHedgePlan(plan, rules, afterExit, stopFollowsEntry) with PlanRules" + Tail;
    public const string PlanReplay = "Use PlanHistory.Run(history, PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.NextBar, stopFollowsEntry: true), signals); what the rules did is PlanRun.Events" + Tail;
    public const string HedgePolicy = "Use a PlanDefinition: PlanDefinition.StaticHedge/TrendHedge/SignalHedge, or PlanDefinition.Create with RuleTrigger.While rules for levels and new PlanRule(PlanCondition.BelowEntry(drop), RuleAction.CloseFraction(fraction), RuleTrigger.OncePerPosition) for a drop reduction; replay it with PlanHistory.Run" + Tail;
    public const string HedgeConditions = "Use PlanCondition: BelowMovingAverage/AboveMovingAverage, DrawdownFromHigh, RiseOver, Series, And/Or/Not, in a PlanRule run by PlanHistory.Run" + Tail;
    public const string SignalConditions = "Use PlanCondition.Signal(kinds) (all active; Or for any) or PlanCondition.ConfluenceSuggests(actions) in a PlanRule; PlanHistory.Run computes the signals (options) or takes a SignalSeries" + Tail;
    public const string HistoricalReplay = "Use PlanHistory.Run(history, plan, mark: mark).Replay with a PlanDefinition (PlanDefinition.StaticHedge/TrendHedge/SignalHedge for today's policies)" + Tail;
}
