using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary><see cref="PlanDefinition.WithRules"/>: a template's plan with the user's rules appended (issue 28 item 3).</summary>
public class PlanWithRulesTests
{
    private static PlanDefinition Buyback()
    {
        var p = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, Contract.BinanceEthUsdt, 3m, 3_000m);
        return PlanDefinition.FromLeveragedExposure(p);
    }

    [Fact]
    public void Appends_AfterTheTemplatesOwnRules_KeepingEverythingElse()
    {
        var plan = PlanDefinition.FromHedgePlan(HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 2m, 50_000m),
            [new PlanRule(PlanCondition.PriceAtOrAbove(60_000m), RuleAction.Remove(), RuleTrigger.Once, "own")], PlanReentry.StayFlat, stopFollowsEntry: false);
        var more = new PlanRule(PlanCondition.PriceAtOrBelow(40_000m), RuleAction.Remove(), RuleTrigger.Once, "mine");
        var both = plan.WithRules([more]);
        Assert.Equal(["own", "mine"], both.Rules.Select(r => r.Name));
        Assert.Equal(plan.Legs, both.Legs);
        Assert.Equal(plan.Holdings, both.Holdings);
        Assert.Equal(plan.AfterExit, both.AfterExit);
        Assert.Same(plan, plan.WithRules([]));
    }

    [Fact]
    public void TheAppendedRule_Fires_AlongAPath()
    {
        // The 2 ETH long of the buy-back, removed at a close at or above 3,200 on the way from 3,000 to 3,300 (30 days, 90 bars:
        // bar 60 closes at 3,200): the long's PnL is 2 × 200 = 400, and it is flat at the end.
        var plan = Buyback().WithRules([new PlanRule(PlanCondition.PriceAtOrAbove(3_200m), RuleAction.Remove(), RuleTrigger.Once, "take it off")]);
        var end = PlanHistory.Along(plan, 3_000m, 3_300m, FundingTerms.Constant(0m, 30m));
        var leg = end.Book.Legs[0];
        Assert.Null(leg.Position);
        Assert.Equal(400m, leg.RealizedPnl);
    }

    [Fact]
    public void BadRules_AreRejected_NamingRules()
    {
        Assert.Equal("rules", Assert.Throws<ArgumentNullException>(() => Buyback().WithRules(null!)).ParamName);
        var onLeg3 = new PlanRule(PlanCondition.PriceAtOrAbove(3_200m), RuleAction.Remove(3), RuleTrigger.Once, "no such leg");
        Assert.Equal("rules", Assert.ThrowsAny<ArgumentException>(() => Buyback().WithRules([onLeg3])).ParamName);
    }
}
