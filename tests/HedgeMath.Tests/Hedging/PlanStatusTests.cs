using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>The now clock (<see cref="PlanStatus"/>, <see cref="PlanHistory.Now(MarketHistory, PlanDefinition, HedgeMath.Signals.SignalSeries?, TriggerPrice, HedgeMath.Signals.SignalOptions?)"/>): every figure by hand.</summary>
public class PlanStatusTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    // Stub: linear, one tier MMR 0.4 %, tick 0.01, lot 0.001, no fees.
    private static readonly Contract Stub0 = Stub.Contract();

    private static PlanBar Bar(int i, decimal close)
    {
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), close, close, close, close), close);
    }

    private static PlanDefinition Plan(LegStop stop, params PlanRule[] rules) =>
        PlanDefinition.Create("t", [SpotHolding.Create("BTC", 1m, 60_000m)], [new PlanLeg(Stub0, 0.5m, 2m, stop: stop)], rules);

    /// <summary>Steps the plan through daily flat bars at these closes; the status of the last one.</summary>
    private static PlanStatus Status(PlanDefinition plan, params decimal[] closes)
    {
        var state = PlanState.Start(plan);
        PlanStepResult? step = null;
        for (int i = 0; i < closes.Length; i++) { step = state.Step(Bar(i, closes[i])); state = step.State; }
        return PlanStatus.Of(step!, Bar(closes.Length - 1, closes[^1]));
    }

    [Fact]
    public void NothingDue_DistancesMarginAndTheStandingStop_ByHand()
    {
        // 1 BTC, 0.5 short at 2x opened at the first close 60,000; closes 62,000 then 61,000 (now).
        var s = Status(Plan(LegStop.AtDistance(0.10m), new PlanRule(PlanCondition.PriceAtOrBelow(50_000m), RuleAction.Remove(), RuleTrigger.Once)),
            60_000m, 62_000m, 61_000m);
        Assert.False(s.ActionDue);
        var leg = Assert.Single(s.Legs);
        Assert.Equal(0.5m, leg.HeldRatio);
        Assert.Equal(0.5m, leg.Quantity);
        Assert.Equal(60_000m, leg.EntryPrice);
        // Stop 10 % above the entry: 60,000 × 1.1 = 66,000 on the mark; 66,000 − 61,000 = 5,000 = 8.1967 % of 61,000.
        Assert.Equal(66_000m, leg.StopPrice);
        Assert.Equal(TriggerPrice.Mark, leg.StopTrigger);
        Assert.Equal(5_000m, leg.DistanceToStop);
        Assert.Equal(5_000m / 61_000m, leg.DistanceToStopFraction);
        // Binance single tier, isolated short at its initial margin: P·(1 + 1/L)/(1 + MMR) = 60,000 × 1.5 / 1.004 = 89,641.4342629…
        decimal liq = 90_000m / 1.004m;
        Assert.Equal(liq, leg.LiquidationPrice!.Value, 20);
        Assert.Equal(liq - 61_000m, leg.DistanceToLiquidation!.Value, 20);
        Assert.Equal((liq - 61_000m) / 61_000m, leg.DistanceToLiquidationFraction!.Value, 20);
        // Margin posted: 0.5 × 60,000 / 2 = 15,000 USDT.
        Assert.Equal(15_000m, leg.Margin);
        Assert.Equal(15_000m, s.MarginInQuote);
        // Unrealized at the last close: 0.5 × (60,000 − 61,000) = −500; equity 61,000 − 500; PnL against the first close's 60,000.
        Assert.Equal(-500m, leg.UnrealizedPnl);
        Assert.Equal(60_500m, s.Equity);
        Assert.Equal(500m, s.Pnl);
        // The one order: the standing stop, buy 0.5 reduce-only, trigger 66,000.00 on the mark.
        var o = Assert.Single(s.Orders);
        Assert.Equal((PlanOrderKind.StopMarket, Side.Long, "STUBUSDT", 0.5m, true, 66_000m, TriggerPrice.Mark),
            (o.Kind, o.Side, o.Symbol, o.Quantity, o.ReduceOnly, o.TriggerPrice, o.Trigger));
        var r = Assert.Single(s.Rules);
        Assert.False(r.Held);
        Assert.True(r.Armed);
        Assert.False(r.FiredOnLastBar);
        Assert.Equal("spot close 61,000.00 > 50,000", r.Why);
        Assert.Empty(s.Events);
    }

    [Fact]
    public void RuleFiresOnTheLastBar_ActionDue_MarketOrderReduceOnly_AndTheStopResized()
    {
        // The close 65,500 ≥ 65,000 lowers the hedge to 0.25: buy back 0.25 of the 0.5 short at the close.
        var s = Status(Plan(LegStop.AtDistance(0.10m), new PlanRule(PlanCondition.PriceAtOrAbove(65_000m), RuleAction.LowerTo(0.25m))),
            60_000m, 62_000m, 65_500m);
        Assert.True(s.ActionDue);
        var r = Assert.Single(s.Rules);
        Assert.True(r.FiredOnLastBar);
        Assert.True(r.Held);
        Assert.False(r.Armed);
        Assert.Equal("spot close 65,500.00 ≥ 65,000", r.Why);
        Assert.Equal(2, s.Orders.Length);
        var m = s.Orders[0];
        Assert.Equal((PlanOrderKind.Market, Side.Long, 0.25m, true, (decimal?)null), (m.Kind, m.Side, m.Quantity, m.ReduceOnly, m.TriggerPrice));
        var stop = s.Orders[1];
        Assert.Equal((PlanOrderKind.StopMarket, Side.Long, 0.25m, true, 66_000m), (stop.Kind, stop.Side, stop.Quantity, stop.ReduceOnly, stop.TriggerPrice));
        var leg = s.Legs[0];
        Assert.Equal(0.25m, leg.HeldRatio);
        // A reduce keeps the entry and releases margin pro rata: 15,000 × 0.25 / 0.5 = 7,500; the stop is 66,000 − 65,500 = 500 away.
        Assert.Equal(60_000m, leg.EntryPrice);
        Assert.Equal(7_500m, leg.Margin);
        Assert.Equal(500m, leg.DistanceToStop);
    }

    [Fact]
    public void OpeningTrade_IsNotReduceOnly_AndATriggerIsRoundedTowardTheEntry()
    {
        // Only one bar: the plan opens its short (sell 0.5, not reduce-only); the stop 60,000 × 1.1000001 = 66,000.006 is placed
        // on the engine at 66,000.00 (down to the tick 0.01, toward the entry), the price the exchange order carries.
        var s = Status(Plan(LegStop.AtDistance(0.1000001m)), 60_000m);
        Assert.True(s.ActionDue);
        var open = s.Orders[0];
        Assert.Equal((PlanOrderKind.Market, Side.Short, 0.5m, false), (open.Kind, open.Side, open.Quantity, open.ReduceOnly));
        Assert.Equal(66_000.00m, s.Legs[0].StopPrice);
        Assert.Equal(66_000.00m, s.Orders[1].TriggerPrice);
    }

    [Fact]
    public void CrossLeg_MarginAtTheMark_AndTheAccountsLiquidationPrice()
    {
        // A cross short of 0.5 at 60,000 with a 10,000 USDT cross wallet, marked at 61,000.
        var plan = PlanDefinition.Create("x", [SpotHolding.Create("BTC", 1m, 60_000m)],
            [new PlanLeg(Stub0, 0.5m, 2m, mode: MarginMode.Cross)], crossWallet: 10_000m);
        var state = PlanState.Start(plan);
        state = state.Step(Bar(0, 60_000m)).State;
        var step = state.Step(Bar(1, 61_000m));
        var leg = PlanStatus.Of(step, Bar(1, 61_000m)).Legs[0];
        // Initial margin at the mark: 0.5 × 61,000 / 2 = 15,250.
        Assert.Equal(15_250m, leg.Margin);
        // Binance cross, one position, one tier: LP = (WB + Q·EP) / (Q·(1 + MMR)) for a short = (10,000 + 30,000) / (0.5 × 1.004) = 79,681.27…
        Assert.Equal(40_000m / 0.502m, leg.LiquidationPrice!.Value, 20);
        Assert.Equal(40_000m / 0.502m - 61_000m, leg.DistanceToLiquidation!.Value, 20);
    }

    [Fact]
    public void LongLeg_StopIsASellBelow_RoundedUpTowardTheEntry()
    {
        // A long leg with a stop at 54,000.005: sell-stop, reduce-only, trigger 54,000.01 (up to the tick, toward the entry 60,000).
        var plan = PlanDefinition.Create("l", [SpotHolding.Create("BTC", 1m, 60_000m)],
            [new PlanLeg(Stub0, 0.5m, 2m, Side.Long, stop: LegStop.AtPrice(54_000.005m, TriggerPrice.Last))]);
        var s = Status(plan, 60_000m, 59_000m);
        Assert.False(s.ActionDue);
        var o = Assert.Single(s.Orders);
        Assert.Equal((PlanOrderKind.StopMarket, Side.Short, 0.5m, true, 54_000.01m, TriggerPrice.Last),
            (o.Kind, o.Side, o.Quantity, o.ReduceOnly, o.TriggerPrice, o.Trigger));
        // The engine's stop is that trigger (54,000.01); adverse distance of a long: close − stop = 59,000 − 54,000.01.
        Assert.Equal(54_000.01m, s.Legs[0].StopPrice);
        Assert.Equal(4_999.99m, s.Legs[0].DistanceToStop);
    }

    [Fact]
    public void WhyTexts_NameTheValuesCompared()
    {
        // Closes 60,000, 62,000, 61,000: SMA(3) = 61,000, equal to the close, so "below its average" is false.
        var both = PlanCondition.And(PlanCondition.PriceAtOrAbove(60_000m), PlanCondition.BelowMovingAverage(3));
        var s = Status(Plan(LegStop.AtDistance(0.10m),
                new PlanRule(both, RuleAction.CloseFraction(0.5m)),
                new PlanRule(PlanCondition.PnlAtOrAbove(2_000m), RuleAction.CloseFraction(0.5m)),
                new PlanRule(PlanCondition.DrawdownFromHigh(0.01m, 3), RuleAction.CloseFraction(0.5m))),
            60_000m, 62_000m, 61_000m);
        Assert.Equal("(yes: spot close 61,000.00 ≥ 60,000) and (no: spot close 61,000.00 = SMA(3) 61,000.00)", s.Rules[0].Why);
        // PnL (never 2,000 before, so nothing was closed): 61,000 − 0.5 × 1,000 − 60,000 = 500.
        Assert.Equal("plan PnL 500.00 < 2,000", s.Rules[1].Why);
        // 1 − 61,000 / 62,000 = 1.61 %.
        Assert.Equal("spot close 61,000.00 is 1.61 % below the 3-bar high 62,000.00 (≥ 1.00 %)", s.Rules[2].Why);
        Assert.True(s.Rules[2].Held);
        Assert.False(s.Rules[0].Held);
    }

    [Fact]
    public void Of_ABarOfAnotherTime_IsRejectedNamingTheBar()
    {
        var plan = Plan(LegStop.AtDistance(0.10m));
        var step = PlanState.Start(plan).Step(Bar(0, 60_000m));
        var e = Assert.Throws<ArgumentException>(() => PlanStatus.Of(step, Bar(1, 60_000m)));
        Assert.Equal("lastBar", e.ParamName);
        Assert.Throws<ArgumentException>(() => PlanStatus.Of(step, default));
    }

    [Fact]
    public void Now_OverCandles_IsTheStepOfTheLastBar()
    {
        // The same three days as candles (spot = mark = last, no funding): the same status as stepping by hand.
        Candle C(int i, decimal close) => new(DateOnly.FromDateTime(Day0.AddDays(i).UtcDateTime), close, close, close, close, 1m);
        var plan = Plan(LegStop.AtDistance(0.10m), new PlanRule(PlanCondition.PriceAtOrAbove(65_000m), RuleAction.LowerTo(0.25m)));
        var now = PlanHistory.Now(plan, [C(0, 60_000m), C(1, 62_000m), C(2, 65_500m)]);
        Assert.True(now.ActionDue);
        Assert.Equal(Day0.AddDays(3), now.Time);
        Assert.Equal(7_500m, now.Legs[0].Margin);
        Assert.Equal(0.25m, now.Orders[0].Quantity);
        var e = Assert.Throws<ArgumentException>(() => PlanHistory.Now(plan, [C(0, 60_000m)]));
        Assert.Equal("candles", e.ParamName);
    }
}
