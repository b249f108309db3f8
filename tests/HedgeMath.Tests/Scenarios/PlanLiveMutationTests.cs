using System.Runtime.CompilerServices;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The live clock (<see cref="PlanLive"/>), issue 29: its documented errors and their texts, warm-up feeding the ATR
/// (one asset and several), a failed step leaving the clock unusable, the warnings' threshold decided exactly near its edge
/// and given again after a leg was closed, and <see cref="PlanLive.RunAsync"/>'s funding bucketing — by hand. Stub contract:
/// linear STUBUSDT, one tier up to 1e9 notional, MMR 0.4 %, tick 0.01, lot 0.001, no fees.
/// </summary>
public class PlanLiveMutationTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    private static Candle Day(int day, decimal open, decimal high, decimal low, decimal close) =>
        new(Day0.AddDays(day), TimeSpan.FromDays(1), open, high, low, close, 1m);

    private static Candle Flat(int day, decimal price) => Day(day, price, price, price, price);

    private static PlanDefinition Btc(PlanLeg leg, params PlanRule[] rules) =>
        PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 60_000m)], [leg], rules);

    private static PlanDefinition SolWithBtc(decimal sol = 100m) =>
        PlanDefinition.Create("sol", [SpotHolding.Create("SOL", sol, 150m)], [new PlanLeg(Stub0, 0.5m, 2m) { Hedges = "SOL" }]);

    private static async IAsyncEnumerable<Candle> Feed(IEnumerable<Candle> candles, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var c in candles) { await Task.Yield(); ct.ThrowIfCancellationRequested(); yield return c; }
    }

    [Fact]
    public async Task Nulls_AreRejected_NamingTheParameter()
    {
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => new PlanLive(null!)).ParamName);
        var live = new PlanLive(SolWithBtc());
        Assert.Equal("candles", Assert.Throws<ArgumentNullException>(() => live.PushAssets(null!)).ParamName);
        var e = await Assert.ThrowsAsync<ArgumentNullException>(async () =>
        {
            await foreach (var _ in PlanLive.RunAsync(Btc(new PlanLeg(Stub0, 0.5m, 2m)), null!)) { }
        });
        Assert.Equal("candles", e.ParamName);
    }

    [Fact]
    public void State_IsBuiltOnce_AfterABar()
    {
        // "built when first read after a bar": the same state on every read until the next bar.
        var live = new PlanLive(Btc(new PlanLeg(Stub0, 0.5m, 2m)));
        live.Push(Flat(0, 60_000m));
        var first = live.State;
        Assert.Same(first, live.State);
        live.Push(Flat(1, 61_000m));
        Assert.NotSame(first, live.State);
        Assert.Equal(2, live.State.Bars);
    }

    [Fact]
    public void WarmUp_AfterAPushedBar_IsRefusedWithTheReason()
    {
        var live = new PlanLive(Btc(new PlanLeg(Stub0, 0.5m, 2m)));
        live.Push(Flat(0, 60_000m));
        var e = Assert.Throws<InvalidOperationException>(() => live.WarmUp(Flat(1, 60_000m)));
        Assert.Equal("Warm-up bars go before the first pushed bar: push past bars to step the plan over them.", e.Message);
    }

    [Fact]
    public void PushOnAPlanOverSeveralAssets_IsRefused_NamingTheAssets()
    {
        var live = new PlanLive(SolWithBtc());
        var e = Assert.Throws<ArgumentException>(() => live.Push(Flat(0, 150m)));
        Assert.Equal("candle", e.ParamName);
        Assert.StartsWith("candle is one asset's bar, but the plan runs on SOL, BTC: push one candle per asset (PushAssets).", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A bar of range 2 × <paramref name="half"/> around <paramref name="mid"/>, opening and closing at it: its true range is 2 × half.</summary>
    private static Candle Ranged(int day, decimal mid, decimal half) => Day(day, mid, mid + half, mid - half, mid);

    [Fact]
    public void WarmUp_FeedsTheAtr_ThatTheFirstPushedBarsStopUses()
    {
        // Fourteen warm-up bars and the first pushed one, each 60,000 ± 500 (open = close): every true range is 1,000,
        // so ATR(14) = 1,000 whatever its smoothing. The short opens at 60,000 with its stop 2 ATR above: 62,000.
        var live = new PlanLive(Btc(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtAtrMultiple(2m))));
        for (int d = 0; d < 14; d++) live.WarmUp(Ranged(d, 60_000m, 500m));
        Assert.Equal(0, live.Bars);
        var u = live.Push(Ranged(14, 60_000m, 500m));
        Assert.Equal(60_000m, u.State.Book.Legs[0].Position!.EntryPrice);
        Assert.Equal(62_000m, u.State.Book.Legs[0].Stop!.Price);
    }

    [Fact]
    public void WarmUpAssets_FeedsEveryAssetsAtr_EachLegsStopUsesItsOwnAssets()
    {
        // 1 BTC at 60,000 and 10 ETH at 3,000; leg 0 shorts 0.5 BTC (stub BTC contract), leg 1 0.5 × 10 ETH on ETHUSDT, both
        // with a 2-ATR stop. Fourteen warm-up bars and the pushed one: BTC 60,000 ± 500 (ATR 1,000), ETH 3,000 ± 25 (ATR 50).
        // Stops: 60,000 + 2 × 1,000 = 62,000 and 3,000 + 2 × 50 = 3,100.
        var plan = PlanDefinition.Create("two", [SpotHolding.Create("BTC", 1m, 60_000m), SpotHolding.Create("ETH", 10m, 3_000m)],
            [new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtAtrMultiple(2m)), new PlanLeg(Contract.BinanceEthUsdt, 0.5m, 2m, stop: LegStop.AtAtrMultiple(2m))]);
        Assert.Equal(["BTC", "ETH"], plan.Assets.ToArray());
        var live = new PlanLive(plan);
        for (int d = 0; d < 14; d++)
            live.WarmUpAssets(new Dictionary<string, Candle> { ["BTC"] = Ranged(d, 60_000m, 500m), ["eth"] = Ranged(d, 3_000m, 25m) });
        Assert.Equal((14, 0), (live.Candles, live.Bars));
        var u = live.PushAssets(new Dictionary<string, Candle> { ["BTC"] = Ranged(14, 60_000m, 500m), ["ETH"] = Ranged(14, 3_000m, 25m) });
        Assert.Equal(0, u.Bar);
        Assert.Equal(62_000m, u.State.Book.Legs[0].Stop!.Price);
        Assert.Equal(3_100m, u.State.Book.Legs[1].Stop!.Price);
        var next = live.PushAssets(new Dictionary<string, Candle> { ["BTC"] = Ranged(15, 60_000m, 500m), ["ETH"] = Ranged(15, 3_000m, 25m) });
        Assert.Equal(1, next.Bar);
    }

    [Fact]
    public void PushAssets_TheSameBarTwice_IsRefused()
    {
        var live = new PlanLive(SolWithBtc());
        Dictionary<string, Candle> bar = new() { ["SOL"] = Flat(0, 150m), ["BTC"] = Flat(0, 60_000m) };
        live.PushAssets(bar);
        Assert.Equal(1, live.Candles);
        var e = Assert.Throws<ArgumentException>(() => live.PushAssets(bar));
        Assert.Equal("candle", e.ParamName);
        Assert.StartsWith("candle opens at 2025-01-01T00:00:00Z, before the previous bar closed (2025-01-02T00:00:00Z)", e.Message, StringComparison.Ordinal);
    }

    private const string Faulted = "An earlier bar failed part-way through the plan's step, so its state is not known: start a new PlanLive.";

    [Fact]
    public void AStepThatFails_LeavesTheClockUnusable_OneAsset()
    {
        // 1,000,000 BTC hedged 0.5 at 60,000 is a 3e10 USDT short, beyond the stub's one tier (1e9): the step fails.
        var live = new PlanLive(PlanDefinition.Create("huge", [SpotHolding.Create("BTC", 1_000_000m, 60_000m)], [new PlanLeg(Stub0, 0.5m, 2m)]));
        Assert.Throws<ArgumentException>(() => live.Push(Flat(0, 60_000m)));
        Assert.Equal(Faulted, Assert.Throws<InvalidOperationException>(() => live.Push(Flat(1, 60_000m))).Message);
        Assert.Equal(Faulted, Assert.Throws<InvalidOperationException>(() => live.Advance(Flat(1, 60_000m))).Message);
    }

    [Fact]
    public void AStepThatFails_LeavesTheClockUnusable_SeveralAssets()
    {
        // 100,000,000 SOL at 150 hedged 0.5: 7.5e9 USDT of BTC, beyond the stub's tier.
        var live = new PlanLive(SolWithBtc(sol: 100_000_000m));
        Assert.Throws<ArgumentException>(() => live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = Flat(0, 150m), ["BTC"] = Flat(0, 60_000m) }));
        var e = Assert.Throws<InvalidOperationException>(() => live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = Flat(1, 150m), ["BTC"] = Flat(1, 60_000m) }));
        Assert.Equal(Faulted, e.Message);
    }

    [Fact]
    public void StopNear_IsDecidedExactly_AtTheEdgeOfTheWarningDistance()
    {
        // A short opened at 90,000 with its stop at 105,000 (default warning distance 5 %).
        // Close 99,999.999999: (105,000 − 99,999.999999) / 99,999.999999 = 0.0500000000105… > 5 %: no warning, though the
        // distance is within 1e-9 (relative) of the edge. Close 100,000: exactly 5 %: warned (≤).
        var live = new PlanLive(Btc(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtPrice(105_000m))));
        Assert.Empty(live.Push(Flat(0, 90_000m)).Warnings);
        Assert.Empty(live.Push(Day(1, 90_000m, 99_999.999999m, 90_000m, 99_999.999999m)).Warnings);
        var w = Assert.Single(live.Push(Flat(2, 100_000m)).Warnings);
        Assert.Equal((HedgeWarningCode.StopNear, 0.05m), (w.Code, w.Figure("distance")!.Value));
    }

    [Fact]
    public void StopNear_IsGivenAgain_AfterTheLegWasClosed()
    {
        // A 4 % stop is near (within 5 %) as soon as the leg opens: warned at 100,000 (bar 0). At 90,000 the while-rule
        // lowers the hedge to 0 (the leg closes); at 100,000 again it reopens with its stop at 104,000: warned again.
        var live = new PlanLive(Btc(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtDistance(0.04m)),
            new PlanRule(PlanCondition.PriceAtOrBelow(95_000m), RuleAction.LowerTo(0m), RuleTrigger.While)));
        Assert.Equal(HedgeWarningCode.StopNear, Assert.Single(live.Push(Flat(0, 100_000m)).Warnings).Code);
        var closed = live.Push(Flat(1, 90_000m));
        Assert.False(closed.State.Book.Legs[0].IsOpen);
        Assert.Empty(closed.Warnings);
        var w = Assert.Single(live.Push(Flat(2, 100_000m)).Warnings);
        Assert.Equal((HedgeWarningCode.StopNear, 104_000m), (w.Code, w.Figure("level")!.Value));
    }

    [Fact]
    public async Task RunAsync_SettlesEachPrintInItsBar_NoneInAGapOrBeforeTheFirstBar()
    {
        // Bars on days 0, 2 and 3 (a gap on day 1), flat at 60,000; a 0.5 short from bar 0. Prints: day 0 − 8 h (before
        // the first bar) 1 %, day 1 + 8 h (in the gap) 1 %, day 2 + 8 h 0.1 %. Only the last is in a bar: the short
        // receives 0.001 × 0.5 × 60,000 = 30 on bar 1; the plan's PnL at the end is 30.
        var plan = Btc(new PlanLeg(Stub0, 0.5m, 2m));
        FundingEvent[] funding =
        [
            new(Day0.AddDays(1).AddHours(8), 0.01m), new(Day0.AddHours(-8), 0.01m), new(Day0.AddDays(2).AddHours(8), 0.001m),
        ];
        var updates = new List<PlanStepResult>();
        await foreach (var u in PlanLive.RunAsync(plan, Feed([Flat(0, 60_000m), Flat(2, 60_000m), Flat(3, 60_000m)]), funding)) updates.Add(u);
        Assert.Equal(3, updates.Count);
        Assert.Equal(30m, updates[1].State.Pnl);
        Assert.Equal(30m, updates[2].State.Pnl);
        // Without funding: no PnL on flat bars.
        var none = new List<PlanStepResult>();
        await foreach (var u in PlanLive.RunAsync(plan, Feed([Flat(0, 60_000m), Flat(1, 60_000m)]))) none.Add(u);
        Assert.Equal(0m, none[^1].State.Pnl);
    }

    [Fact]
    public void ALongAtOneTimes_HasNoLiquidationPrice_ToWarnOf_EvenAtTheWidestDistance()
    {
        // A long at 1x on the stub: Binance's isolated long P·(1 − 1/L)/(1 − MMR) = 0 — no price to be liquidated at.
        // With the warning distance at its widest (1 = 100 %) a price of 0 would be "near" (|0 − close| / close = 1): none is given.
        var live = new PlanLive(Btc(new PlanLeg(Stub0, 0.5m, 1m, Side.Long)), new PlanLiveOptions { WarningDistance = 1m });
        Assert.Empty(live.Push(Flat(0, 60_000m)).Warnings);
        Assert.Empty(live.Push(Flat(1, 61_000m)).Warnings);
        Assert.True(live.State.Book.Legs[0].IsOpen);
    }
}
