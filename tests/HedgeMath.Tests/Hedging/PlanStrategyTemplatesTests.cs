using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>Issue 28 item 3, the rest of the strategies as plans: the scale-in ladder, the rebalancing band, and the outcome tables as the plan run along a straight path.</summary>
public class PlanStrategyTemplatesTests
{
    // A straight path whose closes land on the rungs: 3,000 → 2,700 over one day of 8 h funding prints is three bars
    // closing at 2,900, 2,800 and 2,700 (from + (to − from)·k/3); a zero rate pays nothing.
    private static readonly FundingTerms ThreeBars = FundingTerms.Constant(0m, 1m);

    [Fact]
    public void SpotScaleInLadder_ReplayedDown_BuysEachRungsQuantity_AtItsPrice()
    {
        // Hold 2 ETH; buy 0.5 at 2,900, 0.5 at 2,800 and 0.75 at 2,700 (stop 2,600 after the last).
        var ladder = ScaleInLadder.Spot("ETH", [LadderEntry.At(2_900m, 0.5m), LadderEntry.At(2_800m, 0.5m), LadderEntry.At(2_700m, 0.75m, 2_600m)]);
        var plan = PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 2m, 3_000m));

        // Fractions of the spot held before each rung: 0.5 / 2, 0.5 / 2.5, 0.75 / 3; then the stop sells 1.75 of 3.75.
        Assert.Equal([0.25m, 0.2m, 0.25m], plan.Rules.Take(3).Select(r => r.Action.Value));
        Assert.Equal(RuleActionKind.SellSpot, plan.Rules[3].Action.Kind);
        Assert.All(plan.Rules, r => Assert.Equal(RuleTrigger.Once, r.Trigger));

        var end = PlanHistory.Along(plan, 3_000m, 2_700m, ThreeBars);
        Assert.Equal(3.75m, end.SpotQuantity);                               // 2 + 0.5 + 0.5 + 0.75
        Assert.Equal(-4_875m, end.SpotCash);                                 // −(0.5·2,900 + 0.5·2,800 + 0.75·2,700), no spot fee

        // One bar further down (2,600, four bars over 1.5 days): the stop sells the ladder's 1.75 and keeps the 2 held before.
        var stopped = PlanHistory.Along(plan, 3_000m, 2_600m, FundingTerms.Constant(0m, 1.5m));
        Assert.Equal(2m, Math.Round(stopped.SpotQuantity, 20));
        Assert.Equal(-4_875m + 1.75m * 2_600m, Math.Round(stopped.SpotCash, 18));
        Assert.Equal(plan, PlanDocument.Load(PlanDocument.Save(plan)));
    }

    [Fact]
    public void FuturesScaleInLadder_ReplayedDown_BuildsTheLaddersLong_WithItsStops()
    {
        var eth = Contracts.BinanceEthUsdt;
        var ladder = ScaleInLadder.Futures(eth, 3m,
            [LadderEntry.At(2_900m, 0.5m, 2_500m), LadderEntry.At(2_800m, 0.5m, 2_500m), LadderEntry.At(2_700m, 0.75m, 2_400m)]);
        var plan = PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 2m, 3_000m));
        Assert.Equal(Side.Long, plan.Legs[0].Side);
        Assert.Equal(0m, plan.Legs[0].Ratio);
        // Ratios of the 2 ETH held: 0.5 / 2, 1 / 2, 1.75 / 2; each followed by the rung's stop.
        Assert.Equal([0.25m, 0.5m, 0.875m], plan.Rules.Where(r => r.Action.Kind == RuleActionKind.RaiseTo).Select(r => r.Action.Value));
        Assert.Equal([2_500m, 2_500m, 2_400m], plan.Rules.Where(r => r.Action.Kind == RuleActionKind.MoveStop).Select(r => r.Action.Stop!.Value));

        var end = PlanHistory.Along(plan, 3_000m, 2_700m, ThreeBars);
        var pos = end.Book.Legs[0].Position!;
        Assert.Equal(1.75m, pos.Quantity);
        // Average entry 4,875 / 1.75 = 2,785.714285…, as the ladder's own engine run says.
        Assert.Equal(2_785.714286m, Math.Round(pos.EntryPrice, 6));
        Assert.Equal(ladder.Position!.EntryPrice, pos.EntryPrice);
        Assert.Equal(2_400m, end.Book.Legs[0].Stop!.Price);
        Assert.Equal(plan, PlanDocument.Load(PlanDocument.Save(plan)));
    }

    [Fact]
    public void ScaleInLadder_Plan_NeedsSpotHeld_OfItsAsset()
    {
        var ladder = ScaleInLadder.Spot("ETH", [LadderEntry.At(2_900m, 0.5m)]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 0m, 3_000m)));
        Assert.Equal("holding", e.ParamName);
        Assert.Equal("holding", Assert.Throws<ArgumentException>(() => PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("BTC", 1m, 3_000m))).ParamName);
        // 0.5 bought on 0.01 held is 50 times the holding: beyond what one rule buys (10 times).
        Assert.Equal("holding", Assert.Throws<ArgumentOutOfRangeException>(() => PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 0.01m, 3_000m))).ParamName);
    }
}
