// Exercises obsolete API on purpose: each retired entry point (issue 28) against its replacement, on frozen numbers.
#pragma warning disable CS0618
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The retired types of issue 28 and their replacements give the same numbers: the backtest's policies
/// (<see cref="HedgePolicy"/> + <see cref="HistoricalReplay"/>) and the plan templates
/// (<see cref="PlanDefinition.StaticHedge"/>, <see cref="PlanDefinition.TrendHedge"/>, <see cref="PlanDefinition.SignalHedge"/>)
/// on <see cref="PlanHistory"/>; a <see cref="HedgePlan"/>'s retired removal/raise rules and the same rules written as
/// <see cref="PlanRule"/>s. The frozen values are docs/scenarios.md's headline rows (ScenariosDocsTests checks them against
/// a naive recomputation).
/// </summary>
public class PlanRetiredEquivalenceTests
{
    private static MarketHistory Btc => ReplayTests.Btc.Value;
    private static SpotHolding Held(decimal quantity = 1m, Contract? c = null) =>
        SpotHolding.Create((c ?? Contracts.BinanceBtcUsdt).BaseAsset, quantity, Btc.Spot[0].Close, (c ?? Contracts.BinanceBtcUsdt).QuoteAsset);

    [Fact]
    public void StaticHedge_ReproducesTheDocsHeadlineRow_AndHistoricalReplay()
    {
        // docs/scenarios.md, "Backtest": static 50 % at 2x on BTCUSDT, re-hedged every 30 days, mark = spot.
        var plan = PlanDefinition.StaticHedge(Held(), new PlanLeg(Contracts.BinanceBtcUsdt, 0.5m, 2m), rehedgeEveryDays: 30);
        var r = PlanHistory.Run(Btc, plan).Replay;
        Assert.Equal(61_781.73m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(62_887.88m, r.Unhedged.FinalEquity);
        Assert.Equal(16_531.00m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(61.00m, Math.Round(r.TotalFees, 2));
        Assert.Equal(3, r.Liquidations);
        Assert.Equal(7, r.Trades);
        PlanHistoryTests.SameReplay(HistoricalReplay.Run(Btc, HedgePolicy.Static(0.5m, 2m, Contracts.BinanceBtcUsdt, rehedgeEveryDays: 30), 1m), r);
        Assert.StartsWith("static 50 % hedge at 2x: default 50 %", r.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public void SignalHedge_ReproducesTheDocsHeadlineRow_AndHistoricalReplay()
    {
        // docs/scenarios.md's signal-driven row: 25 % by default, 75 % on bearish confluence, none on bullish.
        var plan = PlanDefinition.SignalHedge(Held(), new PlanLeg(Contracts.BinanceBtcUsdt, 0.25m, 2m), 0.75m, rehedgeEveryDays: 30);
        var r = PlanHistory.Run(Btc, plan).Replay;
        Assert.Equal(54_454.82m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(11_268.43m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(1_326.74m, Math.Round(r.TotalFees, 2));
        Assert.Equal(1, r.Liquidations);
        Assert.Equal(116, r.Trades);
        var policy = HedgePolicy.Create("signals", 0.25m, 2m, Contracts.BinanceBtcUsdt,
            [new HedgeLevel(SignalConditions.ConfluenceSuggests(null, SuggestedAction.ScaleOut, SuggestedAction.RaiseHedge), 0.75m)],
            removeWhen: SignalConditions.ConfluenceSuggests(null, SuggestedAction.LowerHedge), rehedgeEveryDays: 30);
        PlanHistoryTests.SameReplay(HistoricalReplay.Run(Btc, policy, 1m), r);
    }

    [Theory]
    [InlineData(0.5, 0.75, 100, null, null)]   // the CLI's default trend policy
    [InlineData(0.5, 0.25, 50, 0.1, 0.2)]      // a level below the default (a lowering), a stop and a drop reduction
    public void TrendHedge_SameAsHistoricalReplay_BarForBar(double ratio, double raised, int sma, double? stop, double? drop)
    {
        var c = Contracts.BinanceBtcUsdt;
        decimal d = (decimal)ratio, up = (decimal)raised;
        decimal? s = stop is { } x ? (decimal)x : null, dr = drop is { } y ? (decimal)y : null;
        var policy = HedgePolicy.Create("trend", d, 2m, c, [new HedgeLevel(HedgeConditions.PriceBelowMovingAverage(sma), up)], stopDistance: s,
            rehedgeEveryDays: 30, reduceAfterDrop: dr is { } v ? new DropReduction(v, 0.5m) : null);
        PlanRule[] rules = dr is { } w ? [new PlanRule(PlanCondition.BelowEntry(w), RuleAction.CloseFraction(0.5m), RuleTrigger.OncePerPosition)] : [];
        var plan = PlanDefinition.TrendHedge(Held(), new PlanLeg(c, d, 2m, stop: s is { } z ? LegStop.AtDistance(z) : null), sma, up, 30, rules);
        var expected = HistoricalReplay.Run(Btc, policy, 1m);
        PlanHistoryTests.SameReplay(expected, PlanHistory.Run(Btc, plan).Replay);
        if (dr is not null) Assert.True(expected.PartialCloses > 0);
    }

    [Fact]
    public void StaticHedge_InverseWithDropReduction_SameAsHistoricalReplay()
    {
        // `backtest --symbol BTCUSD --reduce-after-drop 0.1` (ScenariosCliTests): coin-margined, a partial close after a drop.
        var c = Contracts.BinanceCoinMBtcUsd;
        var policy = HedgePolicy.Create("static", 0.5m, 2m, c, rehedgeEveryDays: 30, reduceAfterDrop: new DropReduction(0.1m, 0.5m));
        var plan = PlanDefinition.StaticHedge(Held(1m, c), new PlanLeg(c, 0.5m, 2m), 30,
            [new PlanRule(PlanCondition.BelowEntry(0.1m), RuleAction.CloseFraction(0.5m), RuleTrigger.OncePerPosition)]);
        var expected = HistoricalReplay.Run(Btc, policy, 1m);
        PlanHistoryTests.SameReplay(expected, PlanHistory.Run(Btc, plan).Replay);
        Assert.True(expected.PartialCloses > 0);
    }

    [Fact]
    public void HedgePlanRules_WrittenAsPlanRules_SameAsTheRetiredRulesAndPlanReplay()
    {
        // The demo's plan: 0.5 at 3x, stop 30 % above entry, raised to 0.75 while RSI is extreme, removed on RSI oversold.
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var signals = SignalSeries.FromCandles(spot);
        decimal entry = Btc.Spot[0].Close;
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, entry), 0.5m, Contracts.BinanceBtcUsdt, 3m, entry).WithStop(HedgeStop.AtPrice(entry * 1.3m));
        var old = plan.WithRaiseRules(RaiseRule.WhenSignal("rsi-extreme", 0.75m)).WithRemovalRules(RemovalRule.WhenSignal("rsi-oversold"));
        PlanRule[] rules =
        [
            new(PlanCondition.Signal("rsi-oversold"), RuleAction.Remove(), RuleTrigger.Once),
            new(PlanCondition.Signal("rsi-extreme"), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
        ];
        var expected = PlanReplay.Run(Btc, old, signals);
        var fromRetired = PlanHistory.Run(Btc, PlanDefinition.FromHedgePlan(old), signals);
        var fromRules = PlanHistory.Run(Btc, PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.NextBar, stopFollowsEntry: true), signals);
        PlanHistoryTests.SameReplay(expected.Replay, fromRetired.Replay);
        PlanHistoryTests.SameReplay(expected.Replay, fromRules.Replay);
        // The retired rules become the same plan rules (their names aside), removals first.
        var converted = PlanDefinition.FromHedgePlan(old).Rules;
        Assert.Equal(rules.Select(r => (r.When, r.Action, r.Trigger)), converted.Select(r => (r.When, r.Action, r.Trigger)));
        // The removal is one event on the day PlanReplay reports it.
        var removal = Assert.Single(fromRules.Events, e => e.Kind == PlanEventKind.RuleFired && e.Rule == 0);
        Assert.Equal(expected.RemovedOn, DateOnly.FromDateTime(removal.Time.AddDays(-1).UtcDateTime));
    }

    [Fact]
    public void FromHedgePlan_RulesFollowTheRetiredOnes_AndAPredicateIsRejected()
    {
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contracts.BinanceBtcUsdt, 2m, 50_000m);
        var mine = new PlanRule(PlanCondition.PriceAtOrAbove(60_000m), RuleAction.LowerTo(0.25m), RuleTrigger.Edge, "mine");
        var d = PlanDefinition.FromHedgePlan(plan.WithRemovalRules(RemovalRule.After(TimeSpan.FromDays(30))), [mine], PlanReentry.StayFlat, stopFollowsEntry: false);
        Assert.Equal([PlanCondition.After(TimeSpan.FromDays(30)), mine.When], d.Rules.Select(r => r.When));
        Assert.Equal(PlanReentry.StayFlat, d.AfterExit);
        // A plan's own rules stay with the plan through a new stop.
        var stopped = plan.WithRemovalRules(RemovalRule.PriceAtOrBelow(40_000m)).WithStop(HedgeStop.AtPrice(55_000m));
        Assert.Equal([PlanCondition.PriceAtOrBelow(40_000m)], PlanDefinition.FromHedgePlan(stopped).Rules.Select(r => r.When));
        Assert.Single(stopped.RemovalRules);
        BadInput.Throws("plan", () => PlanDefinition.FromHedgePlan(plan.WithRemovalRules(RemovalRule.When("mine", _ => true))));
        BadInput.Throws("rules", () => PlanDefinition.FromHedgePlan(plan, [null!], PlanReentry.NextBar, true));
    }

    [Fact]
    public void SignalConditionsAnyActive_IsPlanConditionOr_BarForBar()
    {
        // SignalConditions.AnyActive(a | b) is PlanCondition.Or(Signal(a), Signal(b)): 75 % while RSI is overbought or MACD
        // has just crossed down, else 25 %, 2x.
        var c = Contracts.BinanceBtcUsdt;
        var policy = HedgePolicy.Create("any", 0.25m, 2m, c,
            [new HedgeLevel(SignalConditions.AnyActive(SignalKinds.RsiOverbought | SignalKinds.MacdBearishCross), 0.75m)], rehedgeEveryDays: 30);
        var when = PlanCondition.Or(PlanCondition.Signal(SignalKinds.RsiOverbought), PlanCondition.Signal(SignalKinds.MacdBearishCross));
        var plan = PlanDefinition.StaticHedge(Held(), new PlanLeg(c, 0.25m, 2m), 30, [new PlanRule(when, RuleAction.RaiseTo(0.75m), RuleTrigger.While)]);
        var expected = HistoricalReplay.Run(Btc, policy, 1m);
        PlanHistoryTests.SameReplay(expected, PlanHistory.Run(Btc, plan).Replay);
        Assert.Contains(0.75m, expected.HedgeRatios);
    }

    [Fact]
    public void Decide_IsWhatTheNowClockSays()
    {
        // HedgePlan.Decide on a context at 44,000 says remove (the price rule), at 52,000 keep; the same rule as a plan rule
        // fires on the now clock's last bar when it closes at 44,000, and holds nothing at 52,000.
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contracts.BinanceBtcUsdt, 3m, 50_000m);
        var old = plan.WithRemovalRules(RemovalRule.PriceAtOrBelow(45_000m));
        Assert.Equal(PlanAction.Remove, old.Decide(new RemovalContext(44_000m, TimeSpan.FromDays(2))).Action);
        Assert.Equal(PlanAction.Keep, old.Decide(new RemovalContext(52_000m, TimeSpan.FromDays(2))).Action);
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
        var leg = new PlanLeg(Contracts.BinanceBtcUsdt, 0.5m, 2m);
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
