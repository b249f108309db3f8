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
        var ladder = ScaleInLadder.Spot("ETH", [(2_900m, 0.5m, null), (2_800m, 0.5m, null), (2_700m, 0.75m, 2_600m)]);
        var plan = PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 2m, 3_000m));

        // Each rung buys its own quantity (units, not a share of what is held then); the stop sells the ladder's 1.75.
        Assert.Equal([0.5m, 0.5m, 0.75m], plan.Rules.Take(3).Select(r => r.Action.Value));
        Assert.All(plan.Rules, r => Assert.True(r.Action.IsQuantity));
        Assert.Equal((RuleActionKind.SellSpot, 1.75m), (plan.Rules[3].Action.Kind, plan.Rules[3].Action.Value));
        Assert.All(plan.Rules, r => Assert.Equal(RuleTrigger.Once, r.Trigger));

        var end = PlanHistory.Along(plan, 3_000m, 2_700m, ThreeBars);
        Assert.Equal(3.75m, end.SpotQuantity);                               // 2 + 0.5 + 0.5 + 0.75
        Assert.Equal(-4_875m, end.SpotCash);                                 // −(0.5·2,900 + 0.5·2,800 + 0.75·2,700), no spot fee

        // One bar further down (2,600, four bars over 1.5 days): the stop sells the ladder's 1.75 and keeps the 2 held before.
        var stopped = PlanHistory.Along(plan, 3_000m, 2_600m, FundingTerms.Constant(0m, 1.5m));
        // Exactly: a share of 3.75 was 1e-28 off (1.5000…0001 after a rung) before the rungs traded units.
        Assert.Equal(2m, stopped.SpotQuantity);
        Assert.Equal(-4_875m + 1.75m * 2_600m, stopped.SpotCash);
        Assert.Equal(plan, PlanDocument.Load(PlanDocument.Save(plan)));
    }

    [Fact]
    public void FuturesScaleInLadder_ReplayedDown_BuildsTheLaddersLong_WithItsStops()
    {
        var eth = Contract.BinanceEthUsdt;
        var ladder = ScaleInLadder.Futures(eth, 3m,
            [(2_900m, 0.5m, 2_500m), (2_800m, 0.5m, 2_500m), (2_700m, 0.75m, 2_400m)]);
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
        var ladder = ScaleInLadder.Spot("ETH", [(2_900m, 0.5m, null)]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 0m, 3_000m)));
        Assert.Equal("holding", e.ParamName);
        Assert.Equal("holding", Assert.Throws<ArgumentException>(() => PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("BTC", 1m, 3_000m))).ParamName);
        // A spot ladder buys units, whatever is held; a futures ladder's 0.5 ETH long on 0.01 held is a hedge ratio of 50,
        // beyond the plan's cap of 10.
        Assert.Equal(0.5m, PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 0.01m, 3_000m)).Rules[0].Action.Value);
        var futures = ScaleInLadder.Futures(Contract.BinanceEthUsdt, 3m, [(2_900m, 0.5m, null)]);
        Assert.Equal("holding", Assert.Throws<ArgumentOutOfRangeException>(() => PlanDefinition.FromScaleInLadder(futures, SpotHolding.Create("ETH", 0.01m, 3_000m))).ParamName);
    }

    private static PortfolioAllocation Allocation(decimal btcPrice) => PortfolioAllocation.Analyze(
        [("core", 0.5m, false), ("buffer", 0.5m, true)],
        [("BTC", "core", 1m, btcPrice), ("USDT", "buffer", 50_000m, 1m)], toleranceBand: 0.1m);

    [Fact]
    public void RebalancingBand_ReplayedUp_RaisesTheShortAtTheThreshold_BackToTheTarget()
    {
        // 1 BTC at 50,000 and 50,000 USDT against 50/50 ± 10 pp: in the band, no short now.
        var plan = PlanDefinition.FromRebalancing(Allocation(50_000m), "core", Contract.BinanceBtcUsdt, 2m);
        Assert.Equal(0m, plan.Legs[0].Ratio);
        Assert.Equal(3, plan.Rules.Length);                                   // three levels up, none down (no short to lower)
        // w(P) = P / (P + 50,000) = 0.6 at P = 0.6 · 50,000 / 0.4 = 75,000; there 1 − h = 0.5 / 0.6: h = 1/6 → 0.166667.
        Assert.Equal(PlanCondition.PriceAtOrAbove(75_000m), plan.Rules[0].When);
        Assert.Equal(RuleAction.RaiseTo(0.166667m), plan.Rules[0].Action);
        // Level 2: O' = 50,000 + 0.166667 · 75,000 = 62,500.025; P = 0.6 · 62,500.025 / (0.833333 · 0.4) = 112,500.09000004,
        // up to BTCUSDT's 0.1 tick: 112,500.1; 1 − h = 0.833333 · 0.5 / 0.6 = 0.6944441…: h = 0.305556.
        Assert.Equal(PlanCondition.PriceAtOrAbove(112_500.1m), plan.Rules[1].When);
        Assert.Equal(0.305556m, plan.Rules[1].Action.Value);

        // Up to 70,000: below the threshold, nothing shorted.
        Assert.Equal(0m, PlanHistory.Along(plan, 50_000m, 70_000m, FundingTerms.Constant(0m, 1m)).HeldRatio(0));
        // Up to 75,000 in three bars (58,333.33, 66,666.67, 75,000): the last bar raises the short to 0.166667 of the
        // holding, 0.166 BTC at the lot step. Effective weight = (1 − 0.166) · 75,000 / (equity + 50,000 USDT), with the
        // equity after the open's taker fee: the target within one lot (0.001 · 75,000 / 125,000 = 0.0006).
        var end = PlanHistory.Along(plan, 50_000m, 75_000m, FundingTerms.Constant(0m, 1m));
        Assert.Equal(0.166667m, end.HeldRatio(0));
        Assert.Equal(0.166m, end.Book.Legs[0].Position!.Quantity);
        decimal weight = (1m - 0.166m) * 75_000m / (end.Equity + 50_000m);
        Assert.InRange(weight - 0.5m, -0.0006m, 0.0006m);
        Assert.Equal(plan, PlanDocument.Load(PlanDocument.Save(plan)));
    }

    [Fact]
    public void RebalancingBand_AboveTheBandNow_ShortsNow_AndLowersItBelowTheBand()
    {
        // 1 BTC at 80,000 and 50,000 USDT: weight 80 / 130 = 61.5 %, above 60 %: short 1 − 0.5 · 130,000 / 80,000 = 0.1875 now.
        var plan = PlanDefinition.FromRebalancing(Allocation(80_000m), "core", Contract.BinanceBtcUsdt, 2m);
        Assert.Equal(0.1875m, plan.Legs[0].Ratio);
        // O' = 50,000 + 0.1875 · 80,000 = 65,000. Up: P = 0.6 · 65,000 / (0.8125 · 0.4) = 120,000, h = 1 − 0.8125 · 0.5 / 0.6 = 0.322917.
        Assert.Equal(PlanCondition.PriceAtOrAbove(120_000m), plan.Rules[0].When);
        Assert.Equal(0.322917m, plan.Rules[0].Action.Value);
        // Down: P = 0.4 · 65,000 / (0.8125 · 0.6) = 53,333.33…, down to the tick: 53,333.3; 1 − 0.8125 · 0.5 / 0.4 < 0: lower to 0 (one level).
        var down = plan.Rules.Single(r => r.Action.Kind == RuleActionKind.LowerTo);
        Assert.Equal(PlanCondition.PriceAtOrBelow(53_333.3m), down.When);
        Assert.Equal(0m, down.Action.Value);

        var up = PlanHistory.Along(plan, 80_000m, 120_000m, FundingTerms.Constant(0m, 1m));
        Assert.Equal(0.322917m, up.HeldRatio(0));
        Assert.Equal(0.322m, up.Book.Legs[0].Position!.Quantity);
        // V = q(1 − h)P + O' = 0.8125 · 120,000 + 65,000 = 162,500 before lot rounding and fees: the effective weight
        // (1 − 0.322) · 120,000 / (equity + 50,000) is the target within one lot (0.001 · 120,000 / 162,500 = 0.000738).
        Assert.InRange((1m - 0.322m) * 120_000m / (up.Equity + 50_000m) - 0.5m, -0.000738m, 0.000738m);
        var fell = PlanHistory.Along(plan, 80_000m, 50_000m, FundingTerms.Constant(0m, 1m));
        Assert.Equal(0m, fell.HeldRatio(0));
        Assert.False(fell.Book.Legs[0].IsOpen);
    }

    [Fact]
    public void RebalancingBand_RejectsABucketItCannotRun()
    {
        var a = Allocation(50_000m);
        Assert.Equal("bucket", Assert.Throws<ArgumentException>(() => PlanDefinition.FromRebalancing(a, "buffer", Contract.BinanceBtcUsdt, 2m)).ParamName);
        Assert.Equal("bucket", Assert.Throws<ArgumentException>(() => PlanDefinition.FromRebalancing(a, "nope", Contract.BinanceBtcUsdt, 2m)).ParamName);
        Assert.Equal("bucket", Assert.Throws<ArgumentException>(() => PlanDefinition.FromRebalancing(a, "core", Contract.BinanceEthUsdt, 2m)).ParamName);
        Assert.Equal("levels", Assert.Throws<ArgumentOutOfRangeException>(() => PlanDefinition.FromRebalancing(a, "core", Contract.BinanceBtcUsdt, 2m, levels: 0)).ParamName);
    }

    // The plan's one leg at the end of the path, valued as the strategies value a hedge at a price (HedgeOutcome.FromLeg):
    // realized + unrealized PnL, fees with the close at that price (taker), funding, and how it ended. Linear: quote asset.
    private static (decimal Pnl, decimal Fees, decimal Funding, HedgeExit Exit, decimal? ExitPrice) Leg(PlanState s, decimal price)
    {
        var l = s.Book.Legs[0];
        return (l.RealizedPnl + (l.Position?.UnrealizedPnl(price) ?? 0m), l.Fees + (l.Position?.CloseFee(price) ?? 0m), l.Funding, l.Exit, l.ExitPrice);
    }

    private static readonly FundingTerms Month = FundingTerms.Constant(0.0001m, 30m);

    [Theory]
    [InlineData(2_500)]   // the hedge gains
    [InlineData(3_100)]
    [InlineData(3_400)]   // past the 3,300 stop: stopped there
    [InlineData(4_000)]   // past the stop (with it) or the liquidation price (without)
    public void SellAndHedge_OutcomeAtAPrice_IsThePlanRunAlongTheStraightPath(int at)
    {
        decimal x = at;
        var plan = SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2m, 2_000m), 1m, 1m, Contract.BinanceEthUsdt, 5m, 3_000m);
        foreach (var p in new[] { plan, plan.WithStop(LegStop.AtPrice(3_300m)) })
        {
            var doc = PlanDefinition.FromHedgePlan(p.Hedge, PlanReentry.StayFlat, stopFollowsEntry: false);   // what --save writes
            foreach (var funding in new[] { FundingTerms.None, Month })
            {
                var o = p.OutcomeAt(x, funding: funding);
                var leg = Leg(PlanHistory.Along(doc, 3_000m, x, funding), x);
                Assert.Equal((o.FuturesPnl, o.Fees, o.Funding, o.Exit, o.ExitPrice), leg);
            }
        }
        if (at == 2_500)
        {
            // By hand: short 1 ETH from 3,000 to 2,500 = +500; fees = taker × (3,000 + 2,500).
            var leg = Leg(PlanHistory.Along(PlanDefinition.FromHedgePlan(plan.Hedge, PlanReentry.StayFlat, false), 3_000m, 2_500m), 2_500m);
            Assert.Equal(500m, leg.Pnl);
            Assert.Equal(5_500m * Contract.BinanceEthUsdt.TakerFeeRate, leg.Fees);
        }
    }

    [Theory]
    [InlineData(35_000)]  // the fall ending
    [InlineData(45_000)]  // the rise ending
    [InlineData(70_000)]  // a rise past the 2x short's liquidation price
    public void DeRisk_EndingsHedge_IsThePlanRunAlongTheStraightPath(int at)
    {
        decimal x = at;
        var plan = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.6m, Contract.BinanceBtcUsdt, 2m, 40_000m);
        var exit = x < 40_000m ? plan.IfPriceFalls(x) : plan.IfPriceRises(x);
        var leg = Leg(PlanHistory.Along(PlanDefinition.FromHedgePlan(plan.Hedge, PlanReentry.StayFlat, false), 40_000m, x), x);
        Assert.Equal((exit.HedgePnl, exit.HedgeFees), (leg.Pnl, leg.Fees));
        Assert.Equal(0m, leg.Funding);
    }

    [Theory]
    [InlineData(3_300)]
    [InlineData(2_700)]
    [InlineData(2_000)]   // past the 3x long's liquidation price
    public void Buyback_OutcomeAtAPrice_IsThePlanRunAlongTheStraightPath_WithItsFunding(int at)
    {
        decimal x = at;
        var plan = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, Contract.BinanceEthUsdt, 3m, 3_000m);
        foreach (var funding in new[] { FundingTerms.None, Month })
        {
            var o = plan.OutcomeAt(x, funding);
            var leg = Leg(PlanHistory.Along(PlanDefinition.FromLeveragedExposure(plan), 3_000m, x, funding), x);
            Assert.Equal((o.FuturesPnl, o.Fees, o.Funding, o.Exit, o.ExitPrice), leg);
        }
        // 30 days of 0.01 % per 8 h on the 2 ETH long: 90 prints on the straight path's notionals; a long pays.
        Assert.True(plan.OutcomeAt(x, Month).Funding < 0m || plan.OutcomeAt(x, Month).Exit == HedgeExit.Liquidated);
    }

#if NET10_0_OR_GREATER // the CLI tests run on net10.0 only
    [Fact]
    public void Cli_PlanAt_RunsTheSavedSellAndHedgePlan_ToTheLaterPrice()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hedgemath-plan-at-{Guid.NewGuid():N}.json");
        try
        {
            var (rc0, _, err0) = HedgeMath.Tests.Cli.CliRunner.Run("sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1", "--stop", "3300", "--save", file);
            Assert.True(rc0 == 0, err0);
            var (rc, json, err) = HedgeMath.Tests.Cli.CliRunner.Run("plan", "at", file, "--price", "3000", "--at", "2500", "3400", "--json");
            Assert.True(rc == 0, err);
            var rows = System.Text.Json.Nodes.JsonNode.Parse(json)!["sections"]![0]!["tables"]![0]!["rows"]!.AsArray();
            // Short 1 ETH from 3,000: +500 at 2,500; stopped at 3,300 on the way to 3,400: −300 (as the outcome table says).
            Assert.Equal(500m, rows[0]!["hedgePnl"]!.GetValue<decimal>());
            Assert.Equal(-300m, rows[1]!["hedgePnl"]!.GetValue<decimal>());
            Assert.Contains("stopped", rows[1]!["legs"]!.GetValue<string>());
            var (rcBad, _, errBad) = HedgeMath.Tests.Cli.CliRunner.Run("plan", "at", file, "--price", "3000", "--at", "2500", "--days", "-1");
            Assert.Equal(2, rcBad);
            Assert.Contains("--days", errBad);
        }
        finally { File.Delete(file); }
    }
#endif

    private static HedgeWarningCode[] Codes(PlanDefinition p) => [.. p.Warnings.Select(w => w.Code)];

    [Fact]
    public void EveryTemplatesPlan_WarnsOfLeverageAboveTheCap_AndOfALegWithoutAStop()
    {
        const HedgeWarningCode Cap = HedgeWarningCode.LeverageAboveCap, NoStop = HedgeWarningCode.NoStop;
        var btc = Contract.BinanceBtcUsdt;
        var eth = Contract.BinanceEthUsdt;
        // plan / sell-and-hedge / derisk: FromHedgePlan.
        var hp = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, btc, 10m, 50_000m);
        Assert.Equal([Cap, NoStop], Codes(PlanDefinition.FromHedgePlan(hp, PlanReentry.StayFlat, false)));
        Assert.Equal([Cap], Codes(PlanDefinition.FromHedgePlan(hp.WithStop(LegStop.AtPrice(55_000m)), PlanReentry.StayFlat, false)));
        var low = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, btc, 5m, 50_000m).WithStop(LegStop.AtPrice(55_000m));
        Assert.Empty(PlanDefinition.FromHedgePlan(low, PlanReentry.StayFlat, false).Warnings);   // 5x is at the cap, not above
        // ladder out.
        var lo = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), btc, 10m, [(60_000m, 0.25m)]);
        Assert.Equal([Cap, NoStop], Codes(PlanDefinition.FromScaleOutLadder(lo)));
        Assert.Equal([Cap], Codes(PlanDefinition.FromScaleOutLadder(lo, LegStop.AtDistance(0.1m))));
        // ladder in: a stop on every entry, or an entry that leaves the long without one (a rule removes the stop).
        var held = SpotHolding.Create("ETH", 2m, 3_000m);
        var withStops = ScaleInLadder.Futures(eth, 3m, [(2_900m, 0.5m, 2_500m), (2_800m, 0.5m, 2_500m)]);
        Assert.Empty(PlanDefinition.FromScaleInLadder(withStops, held).Warnings);
        var lastBare = ScaleInLadder.Futures(eth, 10m, [(2_900m, 0.5m, 2_700m), (2_800m, 0.5m, null)]);
        Assert.Equal([Cap, NoStop], Codes(PlanDefinition.FromScaleInLadder(lastBare, held)));
        var none = ScaleInLadder.Futures(eth, 3m, [(2_900m, 0.5m, null)]);
        Assert.Equal([NoStop], Codes(PlanDefinition.FromScaleInLadder(none, held)));
        Assert.Empty(PlanDefinition.FromScaleInLadder(ScaleInLadder.Spot("ETH", [(2_900m, 0.5m, null)]), held).Warnings);   // spot: no leg
        // buyback.
        var bb = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, eth, 10m, 3_000m);
        Assert.Equal([Cap, NoStop], Codes(PlanDefinition.FromLeveragedExposure(bb)));
        Assert.Equal([Cap], Codes(PlanDefinition.FromLeveragedExposure(bb.WithStop(2_800m))));
        // rebalance.
        Assert.Equal([Cap, NoStop], Codes(PlanDefinition.FromRebalancing(Allocation(50_000m), "core", btc, 10m)));
        Assert.Empty(PlanDefinition.FromRebalancing(Allocation(50_000m), "core", btc, 2m, LegStop.AtDistance(0.2m)).Warnings);
        Assert.Contains(PlanDefinition.FromScaleOutLadder(lo).Warnings[0].Figures, f => f.Key == "cap" && f.Value == 5m);
    }

#if NET10_0_OR_GREATER // the CLI tests run on net10.0 only
    [Fact]
    public void Cli_PlanShow_ListsThePlansWarnings()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hedgemath-plan-warn-{Guid.NewGuid():N}.json");
        try
        {
            var (rc0, _, err0) = HedgeMath.Tests.Cli.CliRunner.Run("ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "60000:0.25", "--leverage", "10", "--save", file);
            Assert.True(rc0 == 0, err0);
            var (rc, text, err) = HedgeMath.Tests.Cli.CliRunner.Run("plan", "show", file);
            Assert.True(rc == 0, err);
            Assert.Contains("LeverageAboveCap", text);
            Assert.Contains("NoStop", text);
        }
        finally { File.Delete(file); }
    }
#endif
}
