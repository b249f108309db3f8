using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The numbers the removed types of issue 28 published, on their replacements: the backtest's policies (<c>HedgePolicy</c> +
/// <c>HistoricalReplay</c>) are the plan templates (<see cref="PlanDefinition.StaticHedge"/>,
/// <see cref="PlanDefinition.TrendHedge"/>, <see cref="PlanDefinition.SignalHedge"/>) on <see cref="PlanHistory"/>; a
/// <see cref="HedgePlan"/>'s removal/raise rules (<c>RemovalRule</c>, <c>RaiseRule</c>, <c>PlanReplay</c>) are
/// <see cref="PlanRule"/>s. The frozen values are docs/scenarios.md's headline rows (ScenariosDocsTests checks them against
/// a naive recomputation) and the old path's figures at its removal (commit c1588cb, where each was asserted equal to the
/// new path bar for bar); the old plan replay's frozen copy (<see cref="PlanReplayV1"/>, the benchmark baseline) still
/// gives them.
/// </summary>
public class PlanRetiredEquivalenceTests
{
    private static MarketHistory Btc => ReplayTests.Btc.Value;
    private static SpotHolding Held(decimal quantity = 1m, Contract? c = null) =>
        SpotHolding.Create((c ?? Contract.BinanceBtcUsdt).BaseAsset, quantity, Btc.Spot[0].Close, (c ?? Contract.BinanceBtcUsdt).QuoteAsset);

    [Fact]
    public void StaticHedge_ReproducesTheDocsHeadlineRow()
    {
        // docs/scenarios.md, "Backtest": static 50 % at 2x on BTCUSDT, re-hedged every 30 days, mark = spot.
        var plan = PlanDefinition.StaticHedge(Held(), new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m), rehedgeEveryDays: 30);
        var r = PlanHistory.Run(Btc, plan);
        Assert.Equal(61_781.73m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(62_887.88m, r.Unhedged.FinalEquity);
        Assert.Equal(16_531.00m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(61.00m, Math.Round(r.TotalFees, 2));
        Assert.Equal(3, r.Liquidations);
        Assert.Equal(7, r.Trades);
        Assert.StartsWith("static 50 % hedge at 2x: default 50 %", r.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public void SignalHedge_ReproducesTheDocsHeadlineRow()
    {
        // docs/scenarios.md's signal-driven row: 25 % by default, 75 % on bearish confluence, none on bullish.
        var plan = PlanDefinition.SignalHedge(Held(), new PlanLeg(Contract.BinanceBtcUsdt, 0.25m, 2m), 0.75m, rehedgeEveryDays: 30);
        var r = PlanHistory.Run(Btc, plan);
        Assert.Equal(54_454.82m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(11_268.43m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(1_326.74m, Math.Round(r.TotalFees, 2));
        Assert.Equal(1, r.Liquidations);
        Assert.Equal(116, r.Trades);
    }

    [Fact]
    public void TrendHedge_TheCliDefault_ReproducesTheOldReplay()
    {
        // `backtest --policy trend` (the old HedgePolicy "trend"): 50 %, 75 % while the close is below its SMA(100), 2x, re-hedged every 30 days.
        var plan = PlanDefinition.TrendHedge(Held(), new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m), 100, 0.75m, 30);
        var r = PlanHistory.Run(Btc, plan);
        PlanHistoryTests.Frozen(r, 71_659.219783m, 17_765.446923m, 659.087925m, trades: 86, liquidations: 5, stops: 0, partials: 0, daysHedged: 2027);
    }

    [Fact]
    public void TrendHedge_LoweringStopAndDropReduction_ReproducesTheOldReplay()
    {
        // A level below the default (25 % below SMA(50), else 50 %), a 10 % stop and half the hedge closed once per position
        // 20 % below its entry (the old DropReduction(0.2, 0.5)).
        var c = Contract.BinanceBtcUsdt;
        PlanRule[] rules = [new PlanRule(PlanCondition.BelowEntry(0.2m), RuleAction.CloseFraction(0.5m), RuleTrigger.OncePerPosition)];
        var plan = PlanDefinition.TrendHedge(Held(), new PlanLeg(c, 0.5m, 2m, stop: LegStop.AtDistance(0.1m)), 50, 0.25m, 30, rules);
        var r = PlanHistory.Run(Btc, plan);
        PlanHistoryTests.Frozen(r, 57_996.887082m, 13_394.819336m, 2_034.053504m, trades: 223, liquidations: 0, stops: 37, partials: 19, daysHedged: 1963);
    }

    [Fact]
    public void StaticHedge_InverseWithDropReduction_ReproducesTheOldReplay()
    {
        // `backtest --symbol BTCUSD --reduce-after-drop 0.1` (ScenariosCliTests): coin-margined, a partial close after a drop.
        var c = Contract.BinanceCoinMBtcUsd;
        var plan = PlanDefinition.StaticHedge(Held(1m, c), new PlanLeg(c, 0.5m, 2m), 30,
            [new PlanRule(PlanCondition.BelowEntry(0.1m), RuleAction.CloseFraction(0.5m), RuleTrigger.OncePerPosition)]);
        var r = PlanHistory.Run(Btc, plan);
        PlanHistoryTests.Frozen(r, 84_988.385398m, 17_095.280159m, 365.504877m, trades: 84, liquidations: 1, stops: 0, partials: 15, daysHedged: 2035);
        Assert.Equal(-34.72965m, r.LotRounding);
    }

    [Fact]
    public void HedgePlanRules_WrittenAsPlanRules_ReproduceTheOldPlanReplay()
    {
        // The demo's plan: 0.5 at 3x, stop 30 % above entry, raised to 0.75 while RSI is extreme, removed on RSI oversold.
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var signals = SignalSeries.FromCandles(spot);
        decimal entry = Btc.Spot[0].Close;
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, entry), 0.5m, Contract.BinanceBtcUsdt, 3m, entry).WithStop(LegStop.AtPrice(entry * 1.3m));
        PlanRule[] rules =
        [
            new(PlanCondition.Signal("rsi-oversold"), RuleAction.Remove(), RuleTrigger.Once),
            new(PlanCondition.Signal("rsi-extreme"), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
        ];
        var run = PlanHistory.Run(Btc, PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.NextBar, stopFollowsEntry: true), signals);
        PlanHistoryTests.Frozen(run, 62_203.107216m, 5_531.020687m, 84.220971m, trades: 8, liquidations: 0, stops: 2, partials: 0, daysHedged: 132);
        // The old replay removed the hedge on 2021-05-17 and raised it on 8 days; its frozen copy (the benchmark baseline) agrees.
        var removal = Assert.Single(run.Events, e => e.Kind == PlanEventKind.RuleFired && e.Rule == 0);
        Assert.Equal(new DateOnly(2021, 5, 17), DateOnly.FromDateTime(removal.Time.AddDays(-1).UtcDateTime));
        var old = PlanReplayV1.Run(Btc, plan, [new(Signals: SignalKinds.RsiOversold)], [new(SignalKinds.RsiExtreme, 0.75m)], signals);
        PlanHistoryTests.SameReplay(old.Replay, run);
        Assert.Equal((new DateOnly(2021, 5, 17), 8), (old.RemovedOn, old.DaysRaised));
    }

    [Fact]
    public void FromHedgePlan_KeepsTheRulesInOrder_AndRejectsANullRule()
    {
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 2m, 50_000m);
        var after = new PlanRule(PlanCondition.After(TimeSpan.FromDays(30)), RuleAction.Remove(), RuleTrigger.Once);
        var mine = new PlanRule(PlanCondition.PriceAtOrAbove(60_000m), RuleAction.LowerTo(0.25m), RuleTrigger.Edge, "mine");
        var d = PlanDefinition.FromHedgePlan(plan, [after, mine], PlanReentry.StayFlat, stopFollowsEntry: false);
        Assert.Equal([PlanCondition.After(TimeSpan.FromDays(30)), mine.When], d.Rules.Select(r => r.When));
        Assert.Equal(PlanReentry.StayFlat, d.AfterExit);
        Assert.Empty(PlanDefinition.FromHedgePlan(plan.WithStop(LegStop.AtPrice(55_000m))).Rules);
        BadInput.Throws("rules", () => PlanDefinition.FromHedgePlan(plan, [null!], PlanReentry.NextBar, true));
    }

    [Fact]
    public void AnySignal_IsPlanConditionOr_ReproducesTheOldReplay()
    {
        // The old SignalConditions.AnyActive(a | b) is PlanCondition.Or(Signal(a), Signal(b)): 75 % while RSI is overbought or
        // MACD has just crossed down, else 25 %, 2x.
        var c = Contract.BinanceBtcUsdt;
        var when = PlanCondition.Or(PlanCondition.Signal(SignalKinds.RsiOverbought), PlanCondition.Signal(SignalKinds.MacdBearishCross));
        var plan = PlanDefinition.StaticHedge(Held(), new PlanLeg(c, 0.25m, 2m), 30, [new PlanRule(when, RuleAction.RaiseTo(0.75m), RuleTrigger.While)]);
        var r = PlanHistory.Run(Btc, plan);
        PlanHistoryTests.Frozen(r, 49_846.876631m, 12_613.756926m, 2_532.690295m, trades: 170, liquidations: 1, stops: 0, partials: 0, daysHedged: 2035);
        Assert.Contains(0.75m, r.HedgeRatios);
    }

    [Fact]
    public void ARemovalRule_IsWhatTheNowClockSays()
    {
        // The old HedgePlan.Decide with RemovalRule.PriceAtOrBelow(45,000) said remove at 44,000 and keep at 52,000; the same
        // rule as a plan rule fires on the now clock's last bar when it closes at 44,000, and holds nothing at 52,000.
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 3m, 50_000m);
        var definition = PlanDefinition.FromHedgePlan(plan, [new PlanRule(PlanCondition.PriceAtOrBelow(45_000m), RuleAction.Remove(), RuleTrigger.Once)],
            PlanReentry.StayFlat, stopFollowsEntry: false);
        var day = new DateOnly(2025, 1, 1);
        Candle C(int i, decimal close) => new(day.AddDays(i), close, close, close, close, 1m);
        var removed = PlanHistory.Now(definition, [C(0, 50_000m), C(1, 51_000m), C(2, 44_000m)]);
        Assert.True(removed.Rules[0].FiredOnLastBar);
        Assert.Equal(0m, removed.State.HeldRatio(0));
        var kept = PlanHistory.Now(definition, [C(0, 50_000m), C(1, 51_000m), C(2, 52_000m)]);
        Assert.False(kept.Rules[0].Held);
        Assert.Equal(0.5m, kept.State.HeldRatio(0));
    }

    [Fact]
    public void Templates_BadInput_NamesTheParameter()
    {
        var leg = new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m);
        BadInput.Throws("movingAverageBars", () => PlanDefinition.TrendHedge(Held(), leg, 1, 0.75m));
        BadInput.Throws("raisedRatio", () => PlanDefinition.TrendHedge(Held(), leg, 20, 11m));
        BadInput.Throws("raisedRatio", () => PlanDefinition.SignalHedge(Held(), leg, -0.1m));
        BadInput.Throws("rehedgeEveryDays", () => PlanDefinition.StaticHedge(Held(), leg, -1));
        Assert.Throws<ArgumentNullException>(() => PlanDefinition.StaticHedge(null!, leg));
        Assert.Throws<ArgumentNullException>(() => PlanDefinition.StaticHedge(Held(), null!));
        // A plan holding no spot cannot be replayed: its legs are sized on it and its returns are relative to it.
        BadInput.Throws("plan", () => PlanHistory.Run(Btc, PlanDefinition.StaticHedge(Held(0m), leg)));
    }
}
