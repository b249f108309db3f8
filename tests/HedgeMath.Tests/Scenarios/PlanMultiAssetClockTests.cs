using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Properties;
using HedgeMath.Tests.Signals;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// Plans over several assets on the three clocks (issue 28, item 1): the history clock over one history per asset (bars
/// aligned on open time; a mismatch is an error naming the asset), the now clock, the live clock's one-candle-per-asset
/// push equal to the history bar for bar, and the equity identity at every step of random two-asset plans with a cross leg.
/// </summary>
public class PlanMultiAssetClockTests
{
    private static readonly Contract BtcUsdt = Contract.BinanceBtcUsdt;
    private static readonly Contract BtcUsd = Contract.BinanceCoinMBtcUsd;

    private static readonly Func<int, PlanRule>[] RuleMakers =
    [
        _ => new PlanRule(PlanCondition.OnAsset("BTC", PlanCondition.BelowMovingAverage(10)), RuleAction.LowerTo(0.25m), RuleTrigger.While),
        _ => new PlanRule(PlanCondition.DrawdownFromHigh(0.1m, 20), RuleAction.RaiseTo(1m)),
        _ => new PlanRule(PlanCondition.OnAsset("BTC", PlanCondition.RiseOver(0.05m, 3)), RuleAction.CloseFraction(0.5m)),
        _ => new PlanRule(PlanCondition.Signal("rsi-oversold"), RuleAction.BuySpot(0.1m)),
        _ => new PlanRule(PlanCondition.OnAsset("SOL", PlanCondition.CrossesAboveMovingAverage(5)), RuleAction.SellSpot(0.1m, "SOL"), RuleTrigger.Once),
        _ => new PlanRule(PlanCondition.PnlAtOrBelow(-1_500m), RuleAction.Remove(), RuleTrigger.Once),
        _ => new PlanRule(PlanCondition.BelowEntry(0.03m), RuleAction.MoveStop(LegStop.AtDistance(0.04m))),
    ];

    /// <summary>100 SOL hedged with BTC futures (linear or inverse, a distance or an ATR stop), random rules reading SOL, BTC, the signals and the PnL.</summary>
    internal static PlanDefinition RandomPlan(int seed)
    {
        var rng = new Random(seed);
        var rules = Enumerable.Range(0, rng.Next(4)).Select(_ => RuleMakers[rng.Next(RuleMakers.Length)](seed)).ToList();
        LegStop? stop = rng.Next(3) switch { 0 => null, 1 => LegStop.AtDistance(0.04m + (rng.Next(10) / 100m)), _ => LegStop.AtAtrMultiple(1.5m + rng.Next(3)) };
        var leg = new PlanLeg(rng.Next(2) == 0 ? BtcUsdt : BtcUsd, 0.25m + (rng.Next(4) * 0.25m), 1m + rng.Next(5), stop: stop) { Hedges = "SOL" };
        var afterExit = rng.Next(2) == 0 ? PlanReentry.NextBar : PlanReentry.WhenCondition(PlanCondition.OnAsset("BTC", PlanCondition.AboveMovingAverage(5)));
        return PlanDefinition.Create("sol-btc", [SpotHolding.Create("SOL", 100m, 150m)], [leg], rules, afterExit: afterExit,
            rehedgeEveryDays: rng.Next(2) * 7, spotFeeRate: 0.001m);
    }

    private static (ImmutableArray<Candle> Sol, ImmutableArray<Candle> Btc) Candles(int length, int seed, double step) =>
        (SignalStreamTests.RandomCandles(length, seed, 150, step), SignalStreamTests.RandomCandles(length, seed + 7, 60_000, step / 2));

    [HedgeProperty(QuickTests = 40)]
    public Property Live_EqualsHistory_BarForBar_ForTwoAssetPlansWithACrossLeg() =>
        Prop.ForAll(
            (from length in Gen.Choose(2, 200)
             from seed in Gen.Choose(0, 1_000_000)
             from step in Gen.Elements(0.01, 0.04, 0.08)
             select (length, seed, step)).ToArbitrary(),
            c =>
            {
                var (sol, btc) = Candles(c.length, c.seed, c.step);
                var fSol = PlanLiveTests.RandomFunding(sol, c.seed);
                var fBtc = PlanLiveTests.RandomFunding(btc, c.seed + 1);
                var plan = RandomPlan(c.seed);
                var history = PlanHistory.Run(new Dictionary<string, MarketHistory>
                {
                    ["SOL"] = MarketHistory.Align(sol, sol, fSol), ["btc"] = MarketHistory.Align(btc, btc, fBtc),
                }, plan);
                var live = new PlanLive(plan);
                var funding = new Dictionary<string, IReadOnlyList<FundingEvent>> { ["SOL"] = fSol, ["BTC"] = fBtc };
                var r = history;
                var byBar = history.Events.ToLookup(e => e.Time);
                PlanStepResult? last = null;
                for (int t = 0; t < c.length; t++)
                {
                    var u = live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = sol[t], ["BTC"] = btc[t] }, funding);
                    Assert.True(r.HedgedEquity[t] == u.State.Equity, $"bar {t} equity: {r.HedgedEquity[t]} vs {u.State.Equity}");
                    Assert.True(r.UnhedgedEquity[t] == u.State.UnhedgedEquity, $"bar {t} unhedged");
                    Assert.True(r.HedgeRatios[t] == u.State.HeldRatio(0), $"bar {t} ratio");
                    Assert.Equal(byBar[u.Candle.CloseTime].ToArray(), u.Events.ToArray());
                    Assert.Equal(new[] { sol[t], btc[t] }, u.Candles.ToArray());
                    foreach (var w in u.Warnings) Assert.Equal(btc[t].Close, w.Figure("close")!.Value); // the leg's warnings are measured on BTC
                    last = u;
                }
                Assert.Equal(history.Final.SpotQuantityOf("SOL"), last!.State.SpotQuantityOf("SOL"));
                Assert.Equal(history.Final.Book.Legs[0].Funding, last.State.Book.Legs[0].Funding);
                return true;
            });

    [HedgeProperty(QuickTests = 100)]
    public Property EveryStep_EquityIsEachAssetsSpotPlusCashPlusTheLegsMoney() =>
        Prop.ForAll(
            (from length in Gen.Choose(2, 120)
             from seed in Gen.Choose(0, 1_000_000)
             from step in Gen.Elements(0.02, 0.06, 0.12)
             from eth in Gen.Choose(0, 5)
             select (length, seed, step, eth)).ToArbitrary(),
            c =>
            {
                // Two held assets (SOL, and ETH when eth > 0) and BTC only through the cross leg.
                var (sol, btc) = Candles(c.length, c.seed, c.step);
                var ethCandles = SignalStreamTests.RandomCandles(c.length, c.seed + 3, 3_000, c.step);
                var basePlan = RandomPlan(c.seed);
                var holdings = c.eth == 0 ? basePlan.Holdings : basePlan.Holdings.Add(SpotHolding.Create("ETH", c.eth, 3_000m));
                var rules = c.eth == 0 ? basePlan.Rules : basePlan.Rules.Add(new PlanRule(PlanCondition.OnAsset("ETH", PlanCondition.DrawdownFromHigh(0.05m, 5)),
                    RuleAction.SellSpot(0.5m, "ETH"), RuleTrigger.Once));
                var plan = PlanDefinition.Create("identity", holdings, basePlan.Legs, rules, afterExit: basePlan.AfterExit, spotFeeRate: 0.001m);
                var fBtc = PlanLiveTests.RandomFunding(btc, c.seed);
                var state = PlanState.Start(plan);
                decimal worst = 0m;
                for (int t = 0; t < c.length; t++)
                {
                    var parts = new List<PlanBar> { Part("SOL", sol[t], []), Part("BTC", btc[t], [new FundingPrint(btc[t].Timestamp, 0.0003m, btc[t].Open)]) };
                    if (c.eth > 0) parts.Add(Part("ETH", ethCandles[t], []));
                    state = state.Step(PlanBar.Create(sol[t].Timestamp, [.. parts])).State;
                    // Equity (USDT) = Σ asset quantity × its close + cash + the leg's realized + unrealized at BTC's close − fees + funding
                    // (an inverse leg's BTC × BTC's close).
                    decimal spot = state.SpotQuantityOf("SOL") * sol[t].Close + (c.eth > 0 ? state.SpotQuantityOf("ETH") * ethCandles[t].Close : 0m) + state.SpotCash;
                    var leg = state.Book.Legs[0];
                    decimal money = leg.RealizedPnl + (leg.Position?.UnrealizedPnl(btc[t].Close) ?? 0m) - leg.Fees + leg.Funding;
                    decimal expected = spot + money * (leg.Contract.Type == ContractType.Linear ? 1m : btc[t].Close);
                    Assert.Equal(spot, state.UnhedgedEquity);
                    worst = Math.Max(worst, Math.Abs(state.Equity - expected) / Math.Max(1m, Math.Abs(expected)));
                }
                return (worst <= 1e-20m).Label($"worst relative gap {worst}");
            });

    private static PlanBar Part(string asset, Candle c, ImmutableArray<FundingPrint> prints) =>
        PlanBar.OfAsset(asset, PriceBar.Create(c.CloseTime, c.Open, c.High, c.Low, c.Close), c.Close, prints);

    [Fact]
    public void History_OnOneAsset_IsTheOneAssetRun()
    {
        var (_, btc) = Candles(60, 11, 0.04);
        var f = PlanLiveTests.RandomFunding(btc, 11);
        var plan = PlanLiveTests.RandomPlan(11);
        var one = PlanHistory.Run(MarketHistory.Align(btc, btc, f), plan);
        var many = PlanHistory.Run(new Dictionary<string, MarketHistory> { ["BTC"] = MarketHistory.Align(btc, btc, f), ["SOL"] = MarketHistory.Align(btc, btc, f) }, plan);
        Assert.Equal(one.HedgedEquity.ToArray(), many.HedgedEquity.ToArray());
        Assert.Equal(one.Events.ToArray(), many.Events.ToArray());
    }

    [Fact]
    public void History_CrossHedge_ReportsTheLegAtItsOwnClose_AndNowGivesDistancesOnBtc()
    {
        // Three days: SOL 150 → 135 → 120, BTC 60,000 → 57,000 → 54,000 (no funding). 0.125 BTC short from day 0 (7,500 / 60,000);
        // by day 2 it gained 0.125 × 6,000 = 750 at BTC's close; fees 3.75. Spot lost 100 × 30 = 3,000.
        var day = new DateOnly(2025, 1, 1);
        Candle C(int i, decimal o, decimal c) => new(day.AddDays(i), o, Math.Max(o, c), Math.Min(o, c), c, 1m);
        Candle[] sol = [C(0, 150m, 150m), C(1, 150m, 135m), C(2, 135m, 120m)];
        Candle[] btc = [C(0, 60_000m, 60_000m), C(1, 60_000m, 57_000m), C(2, 57_000m, 54_000m)];
        FundingEvent[] none = [new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 0m), new(new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero), 0m)];
        var plan = PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 150m)],
            [new PlanLeg(BtcUsdt, 0.5m, 2m, stop: LegStop.AtPrice(66_000m)) { Hedges = "SOL" }]);
        var markets = new Dictionary<string, MarketHistory> { ["SOL"] = MarketHistory.Align(sol, sol, none), ["BTC"] = MarketHistory.Align(btc, btc, none) };
        var run = PlanHistory.Run(markets, plan);
        Assert.Equal(750m, run.FuturesPnl);
        Assert.Equal(3.75m, run.TotalFees);
        Assert.Equal(12_000m + 750m - 3.75m, run.HedgedEquity[^1]);
        Assert.Equal(12_000m, run.UnhedgedEquity[^1]);
        var now = PlanHistory.Now(markets, plan);
        // The stop at 66,000 is 12,000 above BTC's close 54,000 (not SOL's 120).
        Assert.Equal(12_000m, now.Legs[0].DistanceToStop);
        Assert.Equal(120m, now.SpotClose);
    }

    [Fact]
    public void PushAssets_KeysDifferingOnlyInCase_TakeTheExactKeyFirst_AsTheHistoryClockDoes()
    {
        // "btc" (a stray, lower-case feed of other prices) beside "BTC": the plan's BTC reads BTC's candle and funding, as
        // PlanHistory reads BTC's history (AssetLookup), whatever order the dictionary enumerates them in.
        var (sol, btc) = Candles(40, 11, 0.03);
        var (_, other) = Candles(40, 12, 0.05);
        var plan = RandomPlan(11);
        var f = PlanLiveTests.RandomFunding(btc, 11);
        var exact = new PlanLive(plan);
        var mixed = new PlanLive(plan);
        for (int t = 0; t < sol.Length; t++)
        {
            var a = exact.PushAssets(new Dictionary<string, Candle> { ["SOL"] = sol[t], ["BTC"] = btc[t] },
                new Dictionary<string, IReadOnlyList<FundingEvent>> { ["BTC"] = f });
            var b = mixed.PushAssets(new Dictionary<string, Candle> { ["btc"] = other[t], ["SOL"] = sol[t], ["BTC"] = btc[t] },
                new Dictionary<string, IReadOnlyList<FundingEvent>> { ["btc"] = [], ["BTC"] = f });
            Assert.Equal(a.State.Equity, b.State.Equity);
            Assert.Equal(btc[t], b.Candles[1]);
        }
    }

    [Fact]
    public void History_MisalignedOrMissingSeries_AreErrorsNamingTheAsset()
    {
        var (sol, btc) = Candles(30, 5, 0.03);
        var f = PlanLiveTests.RandomFunding(sol, 5);
        var plan = RandomPlan(5);
        var e = Assert.Throws<ArgumentException>(() => PlanHistory.Run(new Dictionary<string, MarketHistory> { ["SOL"] = MarketHistory.Align(sol, sol, f) }, plan));
        Assert.Equal("markets", e.ParamName);
        Assert.Contains("no history for BTC", e.Message, StringComparison.Ordinal);
        // BTC's history a day shorter at the start: bar 0 differs.
        var late = btc.Skip(1).ToArray();
        e = Assert.Throws<ArgumentException>(() => PlanHistory.Run(new Dictionary<string, MarketHistory>
        {
            ["SOL"] = MarketHistory.Align(sol, sol, f), ["BTC"] = MarketHistory.Align(late, late, f),
        }, plan));
        Assert.Contains("BTC's bar 0 opening at 2024-01-02", e.Message, StringComparison.Ordinal);
        // A gap in one series is the aligner's error, naming the missing day (not skipped).
        var gap = btc.Where((_, i) => i != 10).ToArray();
        e = Assert.Throws<ArgumentException>(() => MarketHistory.Align(gap, gap, f));
        Assert.Contains("has no candle for 2024-01-11", e.Message, StringComparison.Ordinal);
        // The live clock: one candle per asset, at one open time.
        var live = new PlanLive(plan);
        // A straight path moves one price: a plan over several assets is replayed over candles instead.
        e = Assert.Throws<ArgumentException>(() => PlanHistory.Along(plan, 150m, 120m));
        Assert.Equal("plan", e.ParamName);
        Assert.Contains("runs on SOL, BTC", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = sol[0] }));
        Assert.Contains("has no candle for BTC", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = sol[0], ["BTC"] = btc[1] }));
        Assert.Contains("same open time", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => live.Push(sol[0]));
        Assert.Contains("push one candle per asset", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, live.Candles);
    }
}
