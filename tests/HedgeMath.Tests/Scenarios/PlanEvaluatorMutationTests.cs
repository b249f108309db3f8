using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The plan evaluator's other files where no test pinned a bound, an operator or a text a user reads (issue 29, after
/// <c>PlanStepper.cs</c>): <see cref="PlanState"/>'s index checks and quantities, <see cref="PlanCondition"/>'s equality
/// and factory bounds, <see cref="PlanLive.PushAssets"/>' funding per asset and its candle checks, and the history
/// clock's checks of several histories. Expected values by hand in the comments.
/// </summary>
public class PlanEvaluatorMutationTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Contract Usdt(string asset) => Contract.Linear(asset + "USDT", asset, "USDT",
        new MarginTierTable([new MarginTier(1, 0m, 1_000_000_000m, 125m, 0.004m, 0m)]), tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0m, takerFeeRate: 0m);

    private static Candle Day(int day, decimal price) => new(DateOnly.FromDateTime(Day0.UtcDateTime).AddDays(day), price, price, price, price, 1m);

    // ------------------------------------------------------------------ PlanState

    [Fact]
    public void PlanState_LegAndRuleIndices_AreCheckedAtBothEnds_NamingTheRange()
    {
        // Two legs and two rules: indices 0 and 1 are read; −1 and 2 are refused, the message giving [0, 1].
        var c = Stub.Contract();
        var after = PlanCondition.After(TimeSpan.FromDays(1));
        var plan = PlanDefinition.Create("p", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(c, 0.5m, 2m), new PlanLeg(c, 0.25m, 2m)],
            [new PlanRule(after, RuleAction.SellSpot(0.5m)), new PlanRule(after, RuleAction.BuySpot(0.5m))]);
        var t = Day0;
        var s = PlanState.Start(plan).Step(PlanBar.Create(t, PriceBar.Create(t.AddDays(1), 100m, 100m, 100m, 100m), 100m)).State;
        Assert.Equal((0.5m, 0.25m), (s.HeldRatio(0), s.HeldRatio(1)));
        Assert.Equal((false, false, true, true), (s.RuleHeld(0), s.RuleHeld(1), s.RuleArmed(0), s.RuleArmed(1)));
        foreach (int bad in new[] { -1, 2 })
        {
            Assert.Contains("must be a leg index in [0, 1]", BadInput.Throws("leg", () => s.HeldRatio(bad)).Message);
            Assert.Contains("must be a rule index in [0, 1]", BadInput.Throws("rule", () => s.RuleHeld(bad)).Message);
            Assert.Contains("must be a rule index in [0, 1]", BadInput.Throws("rule", () => s.RuleArmed(bad)).Message);
        }
        // 1 BTC at 100; the two shorts of 0.5 and 0.25 BTC opened at 100 without fees: equity 100.
        Assert.Equal("p: 1 bars, equity 100", s.ToString());
    }

    [Fact]
    public void PlanState_SpotQuantityOf_SumsAnAssetsLots_AndIsZeroForAnotherAsset()
    {
        // Holdings BTC 1, ETH 2, BTC 0.5 (two lots of BTC): BTC 1.5, ETH 2, any case; SOL, which the plan does not hold, 0.
        var plan = PlanDefinition.Create("lots", [SpotHolding.Create("BTC", 1m, 100m), SpotHolding.Create("ETH", 2m, 10m), SpotHolding.Create("BTC", 0.5m, 90m)],
            [new PlanLeg(Usdt("BTC"), 1m, 2m), new PlanLeg(Usdt("ETH"), 1m, 2m)]);
        var s = PlanState.Start(plan);
        Assert.Equal((1.5m, 1.5m, 2m, 2m, 0m), (s.SpotQuantity, s.SpotQuantityOf("btc"), s.SpotQuantityOf("ETH"), s.SpotQuantityOf("eth"), s.SpotQuantityOf("SOL")));
        // A one-asset plan: its asset's quantity; another asset's 0.
        var one = PlanState.Start(PlanDefinition.Create("one", [SpotHolding.Create("BTC", 1m, 100m), SpotHolding.Create("BTC", 2m, 100m)], []));
        Assert.Equal((3m, 0m), (one.SpotQuantityOf("BTC"), one.SpotQuantityOf("ETH")));
        Assert.Equal("asset", BadInput.Throws("asset", () => one.SpotQuantityOf(" ")).ParamName);
    }

    [Fact]
    public void PlanState_Start_GivesTheCrossWalletOnlyToCrossLegsSettlementAsset()
    {
        // An isolated leg has no cross wallet; a cross leg's settlement asset gets the plan's deposit, 10 USDT.
        var c = Stub.Contract();
        var isolated = PlanState.Start(PlanDefinition.Create("i", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(c, 1m, 2m)]));
        Assert.Empty(isolated.Book.CrossWallets);
        var cross = PlanState.Start(PlanDefinition.Create("c", [SpotHolding.Create("BTC", 1m, 100m)],
            [new PlanLeg(c, 1m, 2m), new PlanLeg(c, 0.5m, 2m, mode: MarginMode.Cross)], crossWallet: 10m));
        Assert.Equal(10m, Assert.Single(cross.Book.CrossWallets).Value);
    }

    // ------------------------------------------------------------------ PlanCondition

    [Fact]
    public void PlanCondition_ConditionsOfAnotherKindWithTheSameParameters_AreNotEqual()
    {
        // A price level and a PnL level both keep (amount, below); they are different conditions.
        Assert.NotEqual(PlanCondition.PriceAtOrBelow(100m), PlanCondition.PnlAtOrBelow(100m));
        Assert.NotEqual(PlanCondition.PriceAtOrBelow(100m), PlanCondition.PriceAtOrAbove(100m));
        Assert.Equal(PlanCondition.PriceAtOrBelow(100m), PlanCondition.PriceAtOrBelow(100.0m));
        Assert.Equal(PlanCondition.PriceAtOrBelow(100m).GetHashCode(), PlanCondition.PriceAtOrBelow(100m).GetHashCode());
        Assert.NotEqual(PlanCondition.BelowMovingAverage(20), PlanCondition.BelowMovingAverage(21));
        Assert.False(PlanCondition.After(TimeSpan.FromDays(1)).Equals(null));
        Assert.False(PlanCondition.After(TimeSpan.FromDays(1)).Equals("1 days elapsed"));
    }

    [Fact]
    public void PlanCondition_Factories_RefuseTheirBounds_AndTakeTheValuesJustInside()
    {
        // Fractions in (0, 1): 0 and 1 refused; a bar count in (1, 100,000]: 1 and 100,001 refused, 2 and 100,000 taken.
        Assert.Contains("must be in (0, 1)", BadInput.Throws("fraction", () => PlanCondition.DrawdownFromHigh(0m, 5)).Message);
        BadInput.Throws("fraction", () => PlanCondition.DrawdownFromHigh(1m, 5));
        Assert.Contains("must be greater than 1 and at most 100,000", BadInput.Throws("lookbackBars", () => PlanCondition.DrawdownFromHigh(0.5m, 1)).Message);
        BadInput.Throws("lookbackBars", () => PlanCondition.DrawdownFromHigh(0.5m, 100_001));
        Assert.Equal("spot 50 % below its 100000-bar high", PlanCondition.DrawdownFromHigh(0.5m, 100_000).Name);
        BadInput.Throws("bars", () => PlanCondition.BelowMovingAverage(1));
        Assert.Equal("spot below SMA(2)", PlanCondition.BelowMovingAverage(2).Name);
        Assert.Contains("must be at least 1 and at most 100,000", BadInput.Throws("bars", () => PlanCondition.RiseOver(0.1m, 0)).Message);
        BadInput.Throws("bars", () => PlanCondition.RiseOver(0.1m, 100_001));
        Assert.Equal("spot 10 % above 1 bars ago", PlanCondition.RiseOver(0.1m, 1).Name);
        BadInput.Throws("fraction", () => PlanCondition.NearSupport(0m));
        BadInput.Throws("fraction", () => PlanCondition.NearResistance(1m));
        Assert.Equal("spot within 0.1 % of support", PlanCondition.NearSupport(0.001m).Name);
        BadInput.Throws("fraction", () => PlanCondition.BelowEntry(1m));
        BadInput.Throws("fraction", () => PlanCondition.BelowEntry(0m));
        BadInput.Throws("leg", () => PlanCondition.BelowEntry(0.5m, -1));
        Assert.Contains("must be a positive time span", BadInput.Throws("elapsed", () => PlanCondition.After(TimeSpan.Zero)).Message);
        Assert.Equal("0 days elapsed", PlanCondition.After(TimeSpan.FromTicks(1)).Name);
    }

    [Fact]
    public void PlanCondition_OnAsset_RefusesSignalsInsideAndOrNot()
    {
        // The signals are the first asset's: a signal anywhere inside a condition read on another asset is refused, naming it.
        var inside = PlanCondition.And(PlanCondition.PriceAtOrBelow(1m), PlanCondition.Not(PlanCondition.NearSupport(0.01m)));
        var e = Assert.Throws<ArgumentException>(() => PlanCondition.OnAsset("ETH", inside));
        Assert.Equal("condition", e.ParamName);
        Assert.Contains("reads the signals, which are the first asset's (computed from its candles); it cannot be read on ETH", e.Message, StringComparison.Ordinal);
        Assert.Equal("ETH: spot ≤ 1", PlanCondition.OnAsset("ETH", PlanCondition.PriceAtOrBelow(1m)).Name);
    }

    // ------------------------------------------------------------------ PlanLive over several assets

    private static PlanDefinition BtcAndEth() => PlanDefinition.Create("two", [SpotHolding.Create("BTC", 1m, 100m), SpotHolding.Create("ETH", 10m, 10m)],
        [new PlanLeg(Usdt("BTC"), 1m, 1m), new PlanLeg(Usdt("ETH"), 1m, 1m)]);

    [Fact]
    public void PushAssets_EachAssetsPrints_FromItsOpenUpToButNotAtItsClose_PayItsOwnLeg()
    {
        // Day 0 opens both shorts: 1 BTC at 100, 10 ETH at 10. Day 1: BTC prints +0.1 % at its open (counted: 1 × 100 × 0.001
        // = 0.1) and +0.5 % at its close (the next bar's); ETH prints −0.2 % just before its open (the previous bar's) and
        // +0.3 % at its open (10 × 10 × 0.003 = 0.3). The funding is keyed by asset in any case.
        var live = new PlanLive(BtcAndEth());
        live.PushAssets(new Dictionary<string, Candle> { ["BTC"] = Day(0, 100m), ["ETH"] = Day(0, 10m) });
        var funding = new Dictionary<string, IReadOnlyList<FundingEvent>>
        {
            ["btc"] = [new(Day0.AddDays(1), 0.001m), new(Day0.AddDays(2), 0.005m)],
            ["Eth"] = [new(Day0.AddDays(1).AddTicks(-1), -0.002m), new(Day0.AddDays(1), 0.003m)],
        };
        var u = live.PushAssets(new Dictionary<string, Candle> { ["eth"] = Day(1, 10m), ["BTC"] = Day(1, 100m) }, funding);
        Assert.Equal((0.1m, 0.3m), (u.State.Book.Legs[0].Funding, u.State.Book.Legs[1].Funding));
        // Equity: 1 × 100 + 10 × 10 + 0.1 + 0.3 = 200.4.
        Assert.Equal(200.4m, u.State.Equity);
        Assert.Equal(new[] { Day(1, 100m), Day(1, 10m) }, u.Candles.ToArray());
    }

    [Fact]
    public void PushAssets_ADefaultCandleOrAnotherInterval_IsRefused_NamingTheAsset()
    {
        var live = new PlanLive(BtcAndEth());
        var e = BadInput.Throws("candles", () => live.PushAssets(new Dictionary<string, Candle> { ["BTC"] = Day(0, 100m), ["ETH"] = default }));
        Assert.Contains("has default(Candle) for ETH", e.Message);
        var hourly = new Candle(Day0, TimeSpan.FromHours(1), 10m, 10m, 10m, 10m, 1m);
        e = BadInput.Throws("candles", () => live.PushAssets(new Dictionary<string, Candle> { ["BTC"] = Day(0, 100m), ["ETH"] = hourly }));
        Assert.Contains("has ETH's candle opening at 2025-01-01T00:00:00Z (1h) but BTC's at 2025-01-01T00:00:00Z (1d): one bar of every asset, same open time and interval", e.Message);
        e = BadInput.Throws("candles", () => live.PushAssets(new Dictionary<string, Candle> { ["ETH"] = Day(0, 10m), ["SOL"] = Day(0, 1m) }));
        Assert.Contains("has no candle for BTC (the plan runs on BTC, ETH; given: ETH, SOL)", e.Message);
        Assert.Equal(0, live.Candles);
    }

    [Fact]
    public void PushAssets_EachLegsWarning_IsMeasuredFromItsOwnAssetsClose()
    {
        // Shorts opened at day 0's closes: BTC 100 (stop 110, 10 % away: not near at 5 %) and ETH 10 (stop 10.4:
        // |10.4 − 10| / 10 = 4 %, near). The ETH warning is measured from ETH's close, 10, not BTC's 100. Day 1 (ETH 10.1,
        // 0.3 / 10.1 ≈ 2.97 %): still near, not warned again.
        var plan = PlanDefinition.Create("two", [SpotHolding.Create("BTC", 1m, 100m), SpotHolding.Create("ETH", 10m, 10m)],
            [new PlanLeg(Usdt("BTC"), 1m, 1m, stop: LegStop.AtPrice(110m)), new PlanLeg(Usdt("ETH"), 1m, 1m, stop: LegStop.AtPrice(10.4m))]);
        var live = new PlanLive(plan);
        var u0 = live.PushAssets(new Dictionary<string, Candle> { ["BTC"] = Day(0, 100m), ["ETH"] = Day(0, 10m) });
        var w = Assert.Single(u0.Warnings);
        Assert.Equal((1, 10.4m, 10m, 0.04m), (w.Leg, w.Figure("level"), w.Figure("close"), w.Figure("distance")));
        var u1 = live.PushAssets(new Dictionary<string, Candle> { ["BTC"] = Day(1, 100m), ["ETH"] = Day(1, 10.1m) });
        Assert.Empty(u1.Warnings);
    }

    // ------------------------------------------------------------------ PlanHistory over several assets

    [Fact]
    public void HistoryOfSeveralAssets_AnotherIntervalOrAShorterSeries_IsRefused_NamingTheAssetAndTheBar()
    {
        var plan = BtcAndEth();
        var days = Enumerable.Range(0, 3).Select(d => Day(d, 100m)).ToArray();
        var funding = new[] { new FundingEvent(Day0, 0m), new FundingEvent(Day0.AddDays(3), 0m) };
        var btc = MarketHistory.Align(days, days, funding);
        var hours = Enumerable.Range(0, 3).Select(h => new Candle(Day0.AddHours(h), TimeSpan.FromHours(1), 10m, 10m, 10m, 10m, 1m)).ToArray();
        var e = BadInput.Throws("markets", () => PlanHistory.Run(new Dictionary<string, MarketHistory> { ["BTC"] = btc, ["ETH"] = MarketHistory.Align(hours, hours, funding) }, plan));
        Assert.Contains("has 1h bars for ETH but 1d bars for BTC: resample to one interval", e.Message);
        var two = days.Take(2).ToArray();
        e = BadInput.Throws("markets", () => PlanHistory.Run(new Dictionary<string, MarketHistory> { ["BTC"] = btc, ["ETH"] = MarketHistory.Align(two, two, funding) }, plan));
        Assert.Contains("has ETH's bar 2 missing but BTC's opening at 2025-01-03T00:00:00Z", e.Message);
        // The same bars: a run. 1 BTC and 10 ETH, flat at 100 (both series at 100 here), no fees: equity 1,100 at every bar.
        var run = PlanHistory.Run(new Dictionary<string, MarketHistory> { ["btc"] = btc, ["ETH"] = btc }, plan);
        Assert.Equal(new[] { 1_100m, 1_100m, 1_100m }, run.HedgedEquity.ToArray());
    }

    // ------------------------------------------------------------------ PlanHistory.Along

    private static PlanDefinition OneBtc(decimal quantity = 1m, params PlanRule[] rules) =>
        PlanDefinition.Create("along", [SpotHolding.Create("BTC", quantity, 100m)], [new PlanLeg(Stub.Contract(), 1m, 2m)], rules);

    [Fact]
    public void Along_BadPricesAndTooManyPrints_AreRefusedByName()
    {
        BadInput.Throws("from", () => PlanHistory.Along(OneBtc(), 0m, 100m));
        BadInput.Throws("to", () => PlanHistory.Along(OneBtc(), 100m, -1m));
        // 8-hour funding: 33,334 days are 100,002 prints, above the 100,000 a path may have; 33,333.34 days are exactly
        // 100,000 (floor(33,333.34 × 3)), taken: the opening bar, 100,000 print bars and the closing bar.
        Assert.Contains("must have at most 100,000 funding prints on the path", BadInput.Throws("funding", () => PlanHistory.Along(OneBtc(), 100m, 100m, FundingTerms.Constant(0m, 33_334m))).Message);
        Assert.Equal(100_002, PlanHistory.Along(OneBtc(), 100m, 100m, FundingTerms.Constant(0m, 33_333.34m)).Bars);
    }

    [Fact]
    public void Along_TheStartLeavesRoomForTheBars_OneIntervalBeforeIt_AndTheIntervalsAfterIt()
    {
        // No funding: the bars are [start − 8 h, start) and [start, start + 8 h). The earliest start is MinValue + 8 h; the
        // latest leaves more than 8 h before MaxValue.
        var eight = TimeSpan.FromHours(8);
        var min = DateTimeOffset.MinValue + eight;
        Assert.Equal(2, PlanHistory.Along(OneBtc(), 100m, 100m, start: min).Bars);
        Assert.Contains("must leave room for the path's bars", BadInput.Throws("start", () => PlanHistory.Along(OneBtc(), 100m, 100m, start: min.AddTicks(-1))).Message);
        var max = DateTimeOffset.MaxValue - eight - TimeSpan.FromTicks(1);
        Assert.Equal(2, PlanHistory.Along(OneBtc(), 100m, 100m, start: max).Bars);
        BadInput.Throws("start", () => PlanHistory.Along(OneBtc(), 100m, 100m, start: max.AddTicks(1)));
    }

    [Fact]
    public void Along_WithoutPrints_EndsAfterTheHoldingDays_OrOneInterval()
    {
        // 0.1 days hold no 8-hour print (floor(0.3) = 0): one bar from the start to start + 2.4 h; without funding terms, one
        // funding interval, 8 h.
        var t0 = DateTimeOffset.UnixEpoch;
        Assert.Equal(t0.AddMinutes(144), PlanHistory.Along(OneBtc(), 100m, 90m, FundingTerms.Constant(0.0001m, 0.1m)).LastCloseTime);
        Assert.Equal(t0.AddHours(8), PlanHistory.Along(OneBtc(), 100m, 90m).LastCloseTime);
    }

    [Fact]
    public void Along_ATradeTheContractCannotTake_IsThePricesError_AtTheOpeningOrOnTheWay()
    {
        // The stub's tier ends at a notional of 1,000,000,000: 20,000,000 BTC at 100 is 2e9 at the opening close (from).
        // 6,000,000 BTC (6e8) fits; closed after a day and re-opened at ratio 2 half a day later, it asks for 1.2e9 on the
        // way (to).
        BadInput.Throws("from", () => PlanHistory.Along(OneBtc(20_000_000m), 100m, 100m));
        var close = new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.LowerTo(0m), RuleTrigger.Once);
        var reopen = new PlanRule(PlanCondition.After(TimeSpan.FromDays(1.5)), RuleAction.RaiseTo(2m), RuleTrigger.Once);
        BadInput.Throws("to", () => PlanHistory.Along(OneBtc(6_000_000m, close, reopen), 100m, 100m, FundingTerms.Constant(0m, 3m)));
        // Raised to 2 without closing first: the leg adds 6,000,000 BTC to its 6,000,000, also 1.2e9 (Position.Increase
        // refuses a position past the largest tier, as Open does).
        var raise = new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.RaiseTo(2m), RuleTrigger.Once);
        BadInput.Throws("to", () => PlanHistory.Along(OneBtc(6_000_000m, raise), 100m, 100m, FundingTerms.Constant(0m, 2m)));
    }
}
