using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

/// <summary>The strategies as plans (issue 28 item 3): the scale-out ladder and the buy-back build plans that run on the one step and save as documents.</summary>
public class PlanTemplatesTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PlanBar Day(int i, decimal close)
    {
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), close, close, close, close), close);
    }

    [Fact]
    public void ScaleOutLadder_RaisesTheShortAtEachTarget_ToTheCumulativeFraction()
    {
        var btc = Contract.BinanceBtcUsdt;
        var ladder = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), btc, 3m,
            [(60_000m, 0.25m), (65_000m, 0.15m), (70_000m, 0.2m)]);
        var plan = PlanDefinition.FromScaleOutLadder(ladder, LegStop.AtDistance(0.2m));

        Assert.Equal(0m, plan.Legs[0].Ratio);
        Assert.Equal(Side.Short, plan.Legs[0].Side);
        Assert.Equal([0.25m, 0.40m, 0.60m], plan.Rules.Select(r => r.Action.Value));
        Assert.All(plan.Rules, r => Assert.Equal(RuleTrigger.Once, r.Trigger));

        // Closes 59,000 (below every target), 61,000 (first), 71,000 (a gap past the second and the third).
        var s = PlanState.Start(plan);
        s = s.Step(Day(0, 59_000m)).State;
        Assert.Equal(0m, s.HeldRatio(0));
        Assert.False(s.Book.Legs[0].IsOpen);
        s = s.Step(Day(1, 61_000m)).State;
        Assert.Equal(0.25m, s.HeldRatio(0));
        Assert.Equal(0.25m, s.Book.Legs[0].Position!.Quantity);           // 0.25 × 1 BTC / contract size 1
        Assert.Equal(61_000m, s.Book.Legs[0].Position!.EntryPrice);
        s = s.Step(Day(2, 71_000m)).State;
        Assert.Equal(0.60m, s.HeldRatio(0));
        Assert.Equal(0.60m, s.Book.Legs[0].Position!.Quantity);
        // Average entry (0.25 × 61,000 + 0.35 × 71,000) / 0.6 = 66,833.33…
        Assert.Equal(66_833.33m, Math.Round(s.Book.Legs[0].Position!.EntryPrice, 2));

        Assert.Equal(plan, PlanDocument.Load(PlanDocument.Save(plan)));

        // With a 10 % stop the 61,000 short's stop is 67,100: the gap to 71,000 stops it before the rules act, and the
        // leg stays flat (the plan's default after a stop), though two more rungs fired on that close.
        var tight = PlanDefinition.FromScaleOutLadder(ladder, LegStop.AtDistance(0.1m));
        var t = PlanState.Start(tight).Step(Day(0, 59_000m)).State.Step(Day(1, 61_000m)).State;
        var gap = t.Step(Day(2, 71_000m));
        Assert.Equal(PlanEventKind.Stopped, gap.Events[0].Kind);
        Assert.Equal(71_000m, gap.Events[0].Price);                            // filled at the gapped open
        Assert.Equal(0m, gap.State.HeldRatio(0));
    }

    [Fact]
    public void ScaleOutLadder_Warns_LeverageAboveTheCap_AndNoStop()
    {
        var targets = new[] { (60_000m, 0.25m), (62_000m, 0.15m) };
        var high = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), Contract.BinanceBtcUsdt, 10m, targets);
        var w = high.Warnings.Single(x => x.Code == HedgeWarningCode.LeverageAboveCap);
        Assert.Contains(w.Figures, f => f.Key == "cap" && f.Value == 5m);                 // the beginners' 3–5x, HedgePlanOptions' default
        Assert.Contains(high.Warnings, x => x.Code == HedgeWarningCode.NoStop);
        var low = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), Contract.BinanceBtcUsdt, 5m, targets);
        Assert.Equal([HedgeWarningCode.NoStop], low.Warnings.Select(x => x.Code));
    }

    [Fact]
    public void ScaleInLadder_Warns_LeverageAboveTheCap_AndAnEntryWithoutAStop()
    {
        var eth = Contract.BinanceEthUsdt;
        var high = ScaleInLadder.Futures(eth, 10m, [(3_000m, 0.5m, 2_700m), (3_150m, 0.5m, null)]);
        Assert.Equal([HedgeWarningCode.LeverageAboveCap, HedgeWarningCode.NoStop], high.Warnings.Select(x => x.Code));
        var safe = ScaleInLadder.Futures(eth, 3m, [(3_000m, 0.5m, 2_700m), (3_150m, 0.5m, 2_900m)]);
        Assert.Empty(safe.Warnings);
        Assert.Empty(ScaleInLadder.Spot("ETH", [(3_000m, 0.5m, null)]).Warnings);
    }

    [Fact]
    public void Now_ShowsHowFarTheNextRungIs()
    {
        // A ladder at 60,000 (25 %) and 65,000 (15 %) checked on three daily closes: 59,000, 61,000, 62,000 now.
        var ladder = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), Contract.BinanceBtcUsdt, 3m,
            [(60_000m, 0.25m), (65_000m, 0.15m)]);
        var plan = PlanDefinition.FromScaleOutLadder(ladder);
        var day = new DateOnly(2025, 1, 1);
        HedgeMath.Market.Candle C(int i, decimal close) => new(day.AddDays(i), close, close, close, close, 1m);
        var now = HedgeMath.Scenarios.PlanHistory.Now(plan, [C(0, 59_000m), C(1, 61_000m), C(2, 62_000m)]);

        // Rung 1 is behind: 60,000 − 62,000 = −2,000 (there). Rung 2: 65,000 − 62,000 = 3,000 to go, 3,000 / 62,000 = 4.8387 %.
        Assert.Equal(60_000m, now.Rules[0].TriggerPrice);
        Assert.Equal(-2_000m, now.Rules[0].DistanceToTrigger);
        Assert.Equal(3_000m, now.Rules[1].DistanceToTrigger);
        Assert.Equal(0.048387m, Math.Round(now.Rules[1].DistanceToTriggerFraction!.Value, 6));
        Assert.True(now.Rules[1].Armed);
        Assert.False(now.Rules[0].Armed);                                  // a Once rule that has fired

        // A removal price below: close − level. Other conditions: no trigger price.
        var below = PlanDefinition.Create("r", [SpotHolding.Create("BTC", 1m, 40_000m)], [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m)],
            [new PlanRule(PlanCondition.PriceAtOrBelow(50_000m), RuleAction.Remove(), RuleTrigger.Once),
             new PlanRule(PlanCondition.After(TimeSpan.FromDays(30)), RuleAction.Remove(), RuleTrigger.Once)]);
        var s2 = HedgeMath.Scenarios.PlanHistory.Now(below, [C(0, 59_000m), C(1, 61_000m), C(2, 62_000m)]);
        Assert.Equal(12_000m, s2.Rules[0].DistanceToTrigger);            // 62,000 − 50,000 to fall
        Assert.Null(s2.Rules[1].TriggerPrice);
        Assert.Null(s2.Rules[1].DistanceToTrigger);
    }

    [Fact]
    public void HedgePlan_AsAUserSavesIt_KeepsThePriceStop_AndStaysFlatAfterIt()
    {
        // plan --stop 55,000 --save: the saved leg's stop is the price 55,000 (not 10 % following the entry) and a stop
        // leaves the leg flat; the replay conversion keeps PlanReplay's distance stop and next-bar re-entry.
        var hp = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 3m, 50_000m).WithStop(LegStop.AtPrice(55_000m));
        var saved = PlanDefinition.FromHedgePlan(hp, PlanReentry.StayFlat, stopFollowsEntry: false);
        Assert.Equal(LegStop.AtPrice(55_000m), saved.Legs[0].Stop);
        Assert.Equal(PlanReentry.StayFlat, saved.AfterExit);
        var replayed = PlanDefinition.FromHedgePlan(hp);
        Assert.Equal(LegStop.AtDistance(0.1m), replayed.Legs[0].Stop);      // 55,000 / 50,000 − 1
        Assert.Equal(PlanReentry.NextBar, replayed.AfterExit);
        Assert.Equal(saved, PlanDocument.Load(PlanDocument.Save(saved)));
        BadInput.Throws("afterExit", () => PlanDefinition.FromHedgePlan(hp, null!, false));
    }

    [Fact]
    public void LeveragedExposure_IsOneLongLeg_SizedToTheExtraExposure()
    {
        var eth = Contract.BinanceEthUsdt;
        var buyback = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, eth, 5m, 3_000m);
        var plan = PlanDefinition.FromLeveragedExposure(buyback);
        var leg = Assert.Single(plan.Legs);
        Assert.Equal(Side.Long, leg.Side);
        Assert.Equal(0.2m, leg.Ratio);                                        // (12 − 10) / 10
        Assert.Equal(5m, leg.Leverage);

        var step = PlanState.Start(plan).Step(Day(0, 3_000m));
        Assert.Equal(2m, step.State.Book.Legs[0].Position!.Quantity);       // 0.2 × 10 ETH
        // Equity = 10 × 3,000 − the taker fee 2 × 3,000 × 0.0005 = 30,000 − 3 = 29,997.
        Assert.Equal(0.0005m, eth.TakerFeeRate);
        Assert.Equal(29_997m, step.State.Equity);
        Assert.Equal(plan, PlanDocument.Load(PlanDocument.Save(plan)));

        // With a stop at 2,700 (10 % below the entry): the long's outcome at 2,500 is stopped at 2,700,
        // 2 × (2,700 − 3,000) = −600, fees 2 × 3,000 × 0.0005 + 2 × 2,700 × 0.0005 = 3 + 2.70; the plan's leg carries the price stop.
        var stopped = buyback.WithStop(2_700m);
        var o = stopped.OutcomeAt(2_500m);
        Assert.Equal((HedgeMath.Engine.HedgeExit.Stopped, 2_700m, -600m, 5.70m), (o.Exit, o.ExitPrice, o.FuturesPnl, o.Fees));
        Assert.Equal(LegStop.AtPrice(2_700m), PlanDefinition.FromLeveragedExposure(stopped).Legs[0].Stop);
        BadInput.Rejects("stopPrice", p => buyback.WithStop(p), 0m, 3_000m, 3_100m);
        // After a losing trade that had a 5 % stop: no stop is flagged, a 10 % stop too (wider), a 4 % stop is not.
        var lost = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, eth, 5m, 3_000m,
            new HedgePlanOptions { PreviousHedge = (5m, -100m, null, 0.05m) });
        Assert.Contains(lost.Warnings, w => w.Code == HedgeWarningCode.StopWidenedAfterLoss);
        Assert.Contains(lost.WithStop(2_700m).Warnings, w => w.Code == HedgeWarningCode.StopWidenedAfterLoss);
        Assert.DoesNotContain(lost.WithStop(2_880m).Warnings, w => w.Code == HedgeWarningCode.StopWidenedAfterLoss);

        BadInput.Throws("ladder", () => PlanDefinition.FromScaleOutLadder(null!));
        BadInput.Throws("plan", () => PlanDefinition.FromLeveragedExposure(null!));
    }
}
