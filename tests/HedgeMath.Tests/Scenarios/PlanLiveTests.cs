using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Properties;
using HedgeMath.Tests.Signals;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The live clock (<see cref="PlanLive"/>: candles one at a time, signals and ATR from streaming state) gives the states
/// and events of the history clock (<see cref="PlanHistory.Run"/>) bar for bar on the same candles and funding — random
/// paths and plans with signal, level, moving-average and PnL conditions, and the real BTC history — plus the warnings
/// of stops and liquidation prices near the close.
/// </summary>
public class PlanLiveTests
{
    private static readonly SpotHolding TwoBtc = SpotHolding.Create("BTC", 2m, 29_000m);

    private static async IAsyncEnumerable<Candle> Feed(IEnumerable<Candle> candles, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var c in candles)
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return c;
        }
    }

    private static List<PlanStepResult> RunLive(PlanDefinition plan, IEnumerable<Candle> candles, IEnumerable<FundingEvent> funding,
        PlanLiveOptions? options = null, IEnumerable<Candle>? warmUp = null)
    {
        var list = new List<PlanStepResult>();
        var e = PlanLive.RunAsync(plan, Feed(candles), funding, options, warmUp).GetAsyncEnumerator();
        try
        {
            while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult()) list.Add(e.Current);
        }
        finally { e.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
        return list;
    }

    /// <summary>The live updates against the history's run: equity curves, held ratio, each bar's events, the final book.</summary>
    private static void SameAsHistory(ReplayResult history, IReadOnlyList<PlanStepResult> live)
    {
        var r = history;
        Assert.Equal(r.HedgedEquity.Length, live.Count);
        var byBar = history.Events.ToLookup(e => e.Time);
        for (int t = 0; t < live.Count; t++)
        {
            var u = live[t];
            Assert.Equal(t, u.Bar);
            Assert.True(r.HedgedEquity[t] == u.State.Equity, $"bar {t} equity: {r.HedgedEquity[t]} vs {u.State.Equity}");
            Assert.True(r.UnhedgedEquity[t] == u.State.UnhedgedEquity, $"bar {t} unhedged: {r.UnhedgedEquity[t]} vs {u.State.UnhedgedEquity}");
            Assert.True(r.HedgeRatios[t] == u.State.HeldRatio(0), $"bar {t} ratio: {r.HedgeRatios[t]} vs {u.State.HeldRatio(0)}");
            Assert.Equal(byBar[u.Candle.CloseTime].ToArray(), u.Events.ToArray());
        }
        Assert.Equal(history.Events.ToArray(), live.SelectMany(u => u.Events).ToArray());
        var a = history.Final; var b = live[^1].State;
        Assert.Equal(a.Bars, b.Bars);
        Assert.Equal(a.SpotQuantity, b.SpotQuantity);
        Assert.Equal(a.SpotCash, b.SpotCash);
        Assert.Equal(a.StartEquity, b.StartEquity);
        for (int i = 0; i < a.Book.Legs.Length; i++)
        {
            Assert.Equal(a.Book.Legs[i].RealizedPnl, b.Book.Legs[i].RealizedPnl);
            Assert.Equal(a.Book.Legs[i].Fees, b.Book.Legs[i].Fees);
            Assert.Equal(a.Book.Legs[i].Funding, b.Book.Legs[i].Funding);
            Assert.Equal(a.Book.Legs[i].Position?.Quantity, b.Book.Legs[i].Position?.Quantity);
            Assert.Equal(a.Book.Legs[i].Stop?.Price, b.Book.Legs[i].Stop?.Price);
            for (int r2 = 0; r2 < a.Plan.Rules.Length; r2++) Assert.Equal(a.RuleArmed(r2), b.RuleArmed(r2));
        }
    }

    /// <summary>Every warning: its level is the leg's stop or liquidation price after the bar, |level − close| / close ≤ the distance, and it is not repeated on the next bar while the level stays near.</summary>
    private static void WarningsHoldTheirDefinition(IReadOnlyList<PlanStepResult> live, decimal near)
    {
        for (int t = 0; t < live.Count; t++)
            foreach (var w in live[t].Warnings)
            {
                var leg = live[t].State.Book.Legs[w.Leg!.Value];
                Assert.True(leg.IsOpen);
                Assert.Equal(w.Code == HedgeWarningCode.StopNear ? leg.Stop?.Price : leg.LiquidationPrice, w.Figure("level")!.Value);
                Assert.Equal(live[t].Candle.Close, w.Figure("close")!.Value);
                Assert.Equal(Math.Abs(w.Figure("level")!.Value - w.Figure("close")!.Value) / w.Figure("close")!.Value, w.Figure("distance")!.Value);
                Assert.True(w.Figure("distance")!.Value <= near);
                if (t == 0) continue;
                var before = live[t - 1].State.Book.Legs[w.Leg!.Value];
                decimal? previous = w.Code == HedgeWarningCode.StopNear ? before.Stop?.Price : before.LiquidationPrice;
                decimal prevClose = live[t - 1].Candle.Close;
                Assert.False(before.IsOpen && previous is { } p && Math.Abs(p - prevClose) / prevClose <= near, $"bar {t}: warned again while near");
            }
    }

    internal static ImmutableArray<FundingEvent> RandomFunding(IReadOnlyList<Candle> candles, int seed)
    {
        var rng = new Random(seed);
        var b = ImmutableArray.CreateBuilder<FundingEvent>();
        foreach (var c in candles)
            for (int h = 0; h < 24; h += 8)
                b.Add(new FundingEvent(c.Timestamp.AddHours(h), Math.Round((decimal)((rng.NextDouble() * 0.0008) - 0.0003), 6)));
        return b.ToImmutable();
    }

    private static readonly Func<PlanRule>[] RuleMakers =
    [
        () => new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge), RuleAction.LowerTo(0m), RuleTrigger.While),
        () => new PlanRule(PlanCondition.Signal(SignalKinds.RsiOverbought), RuleAction.RaiseTo(0.9m)),
        () => new PlanRule(PlanCondition.And(PlanCondition.Signal(SignalKinds.MacdBearishCross), PlanCondition.NearResistance(0.05m)), RuleAction.CloseFraction(0.5m)),
        () => new PlanRule(PlanCondition.Signal(SignalKinds.RsiOversold), RuleAction.BuySpot(0.1m)),
        () => new PlanRule(PlanCondition.NearSupport(0.02m), RuleAction.MoveStop(LegStop.AtDistance(0.08m))),
        () => new PlanRule(PlanCondition.BelowMovingAverage(20), RuleAction.LowerTo(0.25m)),
        () => new PlanRule(PlanCondition.Or(PlanCondition.Signal(SignalKinds.Squeeze), PlanCondition.Signal(SignalKinds.UpperBandBreak)), RuleAction.RaiseTo(1m), RuleTrigger.Once),
        () => new PlanRule(PlanCondition.Not(PlanCondition.Signal(SignalKinds.MacdBullishCross)), RuleAction.SellSpot(0.05m), RuleTrigger.Once),
        () => new PlanRule(PlanCondition.PnlAtOrBelow(-2_000m), RuleAction.Remove()),
    ];

    internal static PlanDefinition RandomPlan(int seed)
    {
        var rng = new Random(seed);
        var rules = Enumerable.Range(0, 1 + rng.Next(4)).Select(_ => RuleMakers[rng.Next(RuleMakers.Length)]()).ToList();
        rules.Insert(0, RuleMakers[rng.Next(5)]()); // at least one signal condition
        LegStop? stop = rng.Next(3) switch
        {
            0 => null,
            1 => LegStop.AtDistance(0.05m + (rng.Next(10) / 100m)),
            _ => LegStop.AtAtrMultiple(1.5m + rng.Next(3)),
        };
        var afterExit = rng.Next(3) switch { 0 => PlanReentry.StayFlat, 1 => PlanReentry.NextBar, _ => PlanReentry.WhenCondition(PlanCondition.Signal(SignalKinds.RsiOversold)) };
        var leg = new PlanLeg(Contract.BinanceBtcUsdt, 0.25m + (rng.Next(4) * 0.25m), 1m + rng.Next(5), stop: stop);
        return PlanDefinition.Create("random", [TwoBtc], [leg], rules, afterExit: afterExit, rehedgeEveryDays: rng.Next(2) * 30, spotFeeRate: 0.001m);
    }

    [HedgeProperty(QuickTests = 40)]
    public Property Live_EqualsHistory_BarForBar_OnRandomPathsAndPlans() =>
        Prop.ForAll(
            (from length in Gen.Choose(2, 400)
             from seed in Gen.Choose(0, 1_000_000)
             from step in Gen.Elements(0.01, 0.03, 0.08)
             select (length, seed, step)).ToArbitrary(),
            c =>
            {
                var candles = SignalStreamTests.RandomCandles(c.length, c.seed, 30_000, c.step);
                var funding = RandomFunding(candles, c.seed);
                var plan = RandomPlan(c.seed);
                var history = PlanHistory.Run(MarketHistory.Align(candles, candles, funding), plan);
                var live = RunLive(plan, candles, funding);
                SameAsHistory(history, live);
                WarningsHoldTheirDefinition(live, 0.05m);
                return true;
            });

    [Fact]
    public void Live_EqualsHistory_OnTheRealBtcHistory_WithSignalRulesAndAnAtrStop()
    {
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var funding = TestData.Funding("btcusdt_funding_8h.csv");
        var history = MarketHistory.Align(spot, spot, funding, new DateOnly(2021, 1, 1), new DateOnly(2026, 7, 31)); // the funding file's whole days
        var rules = new[]
        {
            new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge), RuleAction.LowerTo(0m), RuleTrigger.While),
            new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.ScaleOut, SuggestedAction.RaiseHedge), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
            new PlanRule(PlanCondition.And(PlanCondition.Signal(SignalKinds.MacdBearishCross), PlanCondition.NearResistance(0.03m)), RuleAction.CloseFraction(0.5m)),
        };
        var plan = PlanDefinition.Create("btc", [TwoBtc], [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m, stop: LegStop.AtAtrMultiple(3m))], rules,
            afterExit: PlanReentry.NextBar, rehedgeEveryDays: 30);
        var run = PlanHistory.Run(history, plan);
        var live = RunLive(plan, history.Spot, funding);
        SameAsHistory(run, live);
        // The run does things: rules fire and stops are hit, so the comparison is not of an idle plan.
        Assert.Contains(run.HedgeRatios, r => r == 0.75m); // the While rules moved the hedge
        Assert.Contains(run.HedgeRatios, r => r == 0m);
        Assert.Contains(run.Events, e => e.Kind == PlanEventKind.Stopped);
        Assert.True(run.TotalFunding != 0m);
    }

    [Fact]
    public void Push_EqualsRunAsync_AndFundingOutsideTheBarIsIgnored()
    {
        var candles = SignalStreamTests.RandomCandles(120, 7);
        var funding = RandomFunding(candles, 7);
        var plan = RandomPlan(11);
        var async = RunLive(plan, candles, funding);
        var live = new PlanLive(plan);
        for (int t = 0; t < candles.Length; t++)
        {
            var u = live.Push(candles[t], funding); // the whole list: only the bar's own prints count
            Assert.Equal(async[t].State.Equity, u.State.Equity);
            Assert.Equal(async[t].Events.ToArray(), u.Events.ToArray());
        }
        Assert.Equal(candles.Length, live.Bars);
        Assert.Equal(candles.Length, live.Candles);
    }

    [Fact]
    public void WarmUp_WarmsTheSignalsOnly_TheHistoryWithTheWholeSeriesAgrees()
    {
        // 200 warm-up bars, then 150 live ones: the plan starts at the first live bar with indicators that have seen all
        // 350, which is the history of the live bars with the signal series of all 350 candles.
        var all = SignalStreamTests.RandomCandles(350, 42);
        var funding = RandomFunding(all, 42);
        var plan = PlanDefinition.Create("warm", [TwoBtc], [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m, stop: LegStop.AtDistance(0.1m))],
            [new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge), RuleAction.LowerTo(0m), RuleTrigger.While),
             new PlanRule(PlanCondition.Signal(SignalKinds.RsiOverbought), RuleAction.RaiseTo(1m), RuleTrigger.While)],
            afterExit: PlanReentry.NextBar);
        var liveBars = all[200..];
        var history = MarketHistory.Align(liveBars, liveBars, funding);
        var run = PlanHistory.Run(history, plan, SignalSeries.FromCandles(all));
        var live = RunLive(plan, liveBars, funding, warmUp: all[..200]);
        SameAsHistory(run, live);
        // Without the warm-up the first live bars have no RSI yet: the signals differ.
        var cold = RunLive(plan, liveBars, funding);
        Assert.True(double.IsNaN(cold[0].Signals.Rsi));
        Assert.False(double.IsNaN(live[0].Signals.Rsi));
    }

    private static Candle Day(int day, decimal open, decimal high, decimal low, decimal close) =>
        new(new DateOnly(2025, 1, 1).AddDays(day), open, high, low, close, 1m);

    [Fact]
    public void Warnings_StopNear_OnTheBarItComesNear_AndAgainOnlyAfterItWasFar()
    {
        // 1 BTC hedged 1:1 at 2x, stop 5 % above the entry: the short opens at the first close, 30,000, so the stop is
        // 31,500 (30,000 × 1.05). Warning distance 3 %.
        var plan = PlanDefinition.Create("warn", [SpotHolding.Create("BTC", 1m, 30_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 1m, 2m, stop: LegStop.AtDistance(0.05m))]);
        var live = new PlanLive(plan, new PlanLiveOptions { WarningDistance = 0.03m });
        var u0 = live.Push(Day(0, 30_000m, 30_100m, 29_900m, 30_000m));
        Assert.Equal(31_500m, u0.State.Book.Legs[0].Stop!.Price);
        Assert.Empty(u0.Warnings); // 1,500 / 30,000 = 5 % > 3 %
        var u1 = live.Push(Day(1, 30_000m, 31_000m, 29_950m, 30_900m));
        var w = Assert.Single(u1.Warnings);
        Assert.Equal(HedgeWarningCode.StopNear, w.Code);
        Assert.Equal(0, w.Leg);
        Assert.Equal(31_500m, w.Figure("level")!.Value);
        Assert.Equal(30_900m, w.Figure("close")!.Value);
        Assert.Equal(600m / 30_900m, w.Figure("distance")!.Value); // 1.94 %
        Assert.Equal(new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero), w.Time);
        Assert.Empty(live.Push(Day(2, 30_900m, 31_100m, 30_800m, 31_000m)).Warnings); // still near: not repeated
        Assert.Empty(live.Push(Day(3, 31_000m, 31_000m, 29_900m, 30_000m)).Warnings); // 5 %: far again
        Assert.Single(live.Push(Day(4, 30_000m, 31_000m, 29_900m, 30_950m)).Warnings); // near again: warned again
        // The liquidation price of a 2x short (about 1.5 × entry) is far: no liquidation warning on any bar.
        Assert.True(live.State.Book.Legs[0].LiquidationPrice > 40_000m);
    }

    [Fact]
    public void Warnings_LiquidationNear_ForAHighLeverageShort()
    {
        // 20x short: liquidation a little under 5 % above the entry (1/20 less the maintenance margin), so within 5 % at once.
        var plan = PlanDefinition.Create("liq", [SpotHolding.Create("BTC", 1m, 30_000m)], [new PlanLeg(Contract.BinanceBtcUsdt, 1m, 20m)]);
        var u = new PlanLive(plan).Push(Day(0, 30_000m, 30_100m, 29_900m, 30_000m));
        var w = Assert.Single(u.Warnings);
        Assert.Equal(HedgeWarningCode.LiquidationNear, w.Code);
        Assert.Equal(u.State.Book.Legs[0].LiquidationPrice, w.Figure("level")!.Value);
        Assert.InRange(w.Figure("level")!.Value, 31_000m, 31_500m);
        Assert.Equal((w.Figure("level")!.Value - 30_000m) / 30_000m, w.Figure("distance")!.Value);
    }

    [Fact]
    public void BadInput_NamesTheParameter()
    {
        var plan = PlanDefinition.Create("p", [TwoBtc], [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m)]);
        var live = new PlanLive(plan);
        live.Push(Day(0, 30_000m, 30_100m, 29_900m, 30_000m));
        var ex = Assert.Throws<ArgumentException>(() => live.Push(Day(0, 30_000m, 30_100m, 29_900m, 30_000m)));
        Assert.Equal("candle", ex.ParamName);
        Assert.Contains("before the previous bar closed", ex.Message);
        var hourly = new Candle(new DateTimeOffset(2025, 1, 5, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1), 1m, 1m, 1m, 1m, 1m);
        Assert.Equal("candle", Assert.Throws<ArgumentException>(() => live.Push(hourly)).ParamName);
        Assert.Throws<InvalidOperationException>(() => live.WarmUp(Day(9, 1m, 1m, 1m, 1m)));
        Assert.Equal("WarningDistance", Assert.Throws<ArgumentOutOfRangeException>(() => new PlanLiveOptions { WarningDistance = 2m }).ParamName);
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => new PlanLive(null!)).ParamName);
        Assert.Equal(1, live.Bars); // the rejected bars changed nothing
    }
}
