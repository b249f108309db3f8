using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// A leg's stop as the plan places it (price, distance and ATR stops of a short and a long, on the tick toward the
/// entry, none where the formula gives no positive price) and the rule actions' texts and checks — through
/// <see cref="PlanState.Step"/> and the public members, by hand. Stub contract: tick 0.01, lot 0.001, no fees.
/// </summary>
public class PlanActionsAndStopsTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    private static PlanBar Bar(int i, decimal close, double atr = double.NaN)
    {
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), close, close, close, close), close, atr: atr);
    }

    /// <summary>The engine's stop after the first close (the leg opens there, 1:1 on 1 BTC at 1x).</summary>
    private static StopOrder? StopAfterFirstClose(LegStop stop, Side side, decimal close = 100m, double atr = double.NaN)
    {
        var plan = PlanDefinition.Create("s", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub0, 1m, 1m, side, stop: stop)]);
        var state = PlanState.Start(plan).Step(Bar(0, close, atr)).State;
        Assert.True(state.Book.Legs[0].IsOpen);
        return state.Book.Legs[0].Stop;
    }

    [Fact]
    public void PriceStop_IsThePriceWithItsTriggerAndSlippage()
    {
        var s = StopAfterFirstClose(LegStop.AtPrice(105m, TriggerPrice.Last, 0.01m), Side.Short)!;
        Assert.Equal((105m, TriggerPrice.Last, 0.01m), (s.Price, s.Trigger, s.Slippage));
    }

    [Fact]
    public void DistanceStop_AboveAShortsEntry_BelowALongs_OnTheTickTowardTheEntry()
    {
        // Entry 100, 5 %: a short's stop at 105, a long's at 95.
        Assert.Equal(105m, StopAfterFirstClose(LegStop.AtDistance(0.05m), Side.Short)!.Price);
        Assert.Equal(95m, StopAfterFirstClose(LegStop.AtDistance(0.05m), Side.Long)!.Price);
        // 0.123 %: 100.123 and 99.877, each rounded toward the entry onto the 0.01 tick: 100.12 and 99.88.
        Assert.Equal(100.12m, StopAfterFirstClose(LegStop.AtDistance(0.00123m), Side.Short)!.Price);
        Assert.Equal(99.88m, StopAfterFirstClose(LegStop.AtDistance(0.00123m), Side.Long)!.Price);
        // A long's stop 100 % or more below the entry is no price at all: no stop is placed.
        Assert.Null(StopAfterFirstClose(LegStop.AtDistance(1m), Side.Long));
        Assert.Null(StopAfterFirstClose(LegStop.AtDistance(1.5m), Side.Long));
    }

    [Fact]
    public void AtrStop_BothSides_AndNoneWithoutAPositiveAtrOrPrice()
    {
        // Entry 100, ATR 5, 2 × ATR: 110 for a short, 90 for a long.
        Assert.Equal(110m, StopAfterFirstClose(LegStop.AtAtrMultiple(2m), Side.Short, atr: 5d)!.Price);
        Assert.Equal(90m, StopAfterFirstClose(LegStop.AtAtrMultiple(2m), Side.Long, atr: 5d)!.Price);
        // An ATR of 0 (or not yet known) places nothing; nor does a long's 100 − 2 × 60 = −20.
        Assert.Null(StopAfterFirstClose(LegStop.AtAtrMultiple(2m), Side.Short, atr: 0d));
        // An infinite ATR is no bar at all (PlanBar.Create names it), so no step sees one.
        Assert.Equal("atr", Assert.Throws<ArgumentOutOfRangeException>(() => StopAfterFirstClose(LegStop.AtAtrMultiple(2m), Side.Short, atr: double.PositiveInfinity)).ParamName);
        Assert.Null(StopAfterFirstClose(LegStop.AtAtrMultiple(2m), Side.Long, atr: 60d));
    }

    [Fact]
    public void LegStop_Texts_Checks_AndEquality()
    {
        Assert.Equal("stop at 105", LegStop.AtPrice(105m).ToString());
        Assert.Equal("stop 5.0 % from entry on last", LegStop.AtDistance(0.05m, TriggerPrice.Last).ToString());
        Assert.Equal("stop 2 × ATR(14) from entry", LegStop.AtAtrMultiple(2m).ToString());
        Assert.Equal(LegStop.AtDistance(0.05m, TriggerPrice.Last, 0.001m), LegStop.AtDistance(0.05m, TriggerPrice.Last, 0.001m));
        Assert.Equal(LegStop.AtDistance(0.05m).GetHashCode(), LegStop.AtDistance(0.05m).GetHashCode());
        Assert.NotEqual(LegStop.AtDistance(0.05m), LegStop.AtDistance(0.05m, slippage: 0.001m));
        Assert.NotEqual(LegStop.AtDistance(0.05m), LegStop.AtDistance(0.05m, TriggerPrice.Last));
        Assert.NotEqual(LegStop.AtPrice(0.05m), LegStop.AtDistance(0.05m));
        Assert.False(LegStop.AtPrice(1m).Equals(null));
        Assert.Contains("(0, 100]", BadInput.Throws("multiple", () => LegStop.AtAtrMultiple(100.01m)).Message);
        Assert.Equal(100m, LegStop.AtAtrMultiple(100m).Value);
        BadInput.Throws("multiple", () => LegStop.AtAtrMultiple(0m));
        Assert.Contains("[0, 1)", BadInput.Throws("slippage", () => LegStop.AtPrice(1m, slippage: 1m)).Message);
        BadInput.Throws("slippage", () => LegStop.AtPrice(1m, slippage: -0.001m));
        Assert.Equal(0.999m, LegStop.AtPrice(1m, slippage: 0.999m).Slippage);
        BadInput.Throws("fraction", () => LegStop.AtDistance(0m));
        Assert.Equal(LegStop.MaxDistance, LegStop.AtDistance(LegStop.MaxDistance).Value);
    }

    [Fact]
    public void RuleAction_NamesTextsAndChecks()
    {
        Assert.Equal(("remove", "remove leg 1"), (RuleAction.Remove(1).Name, RuleAction.Remove(1).ToString()));
        Assert.Equal(("raise-to", "raise leg 0 to ratio 1.5"), (RuleAction.RaiseTo(1.5m).Name, RuleAction.RaiseTo(1.5m).ToString()));
        Assert.Equal(("lower-to", "lower leg 2 to ratio 0.25"), (RuleAction.LowerTo(0.25m, 2).Name, RuleAction.LowerTo(0.25m, 2).ToString()));
        Assert.Equal(("close-fraction", "close 50 % of leg 0"), (RuleAction.CloseFraction(0.5m).Name, RuleAction.CloseFraction(0.5m).ToString()));
        Assert.Equal(("move-stop", "move leg 0's stop to stop at 105"), (RuleAction.MoveStop(LegStop.AtPrice(105m)).Name, RuleAction.MoveStop(LegStop.AtPrice(105m)).ToString()));
        Assert.Equal("move leg 0's stop to none", RuleAction.MoveStop(null).ToString());
        Assert.Equal(("sell-spot", "sell 25 % of spot"), (RuleAction.SellSpot(0.25m).Name, RuleAction.SellSpot(0.25m).ToString()));
        Assert.Equal(("buy-spot", "buy 200 % more spot"), (RuleAction.BuySpot(2m).Name, RuleAction.BuySpot(2m).ToString()));
        // Which actions set a leg's ratio.
        Assert.Equal([true, true, true, false, false, false, false],
            new[] { RuleAction.Remove(), RuleAction.RaiseTo(1m), RuleAction.LowerTo(0m), RuleAction.CloseFraction(1m), RuleAction.MoveStop(null),
                RuleAction.SellSpot(1m), RuleAction.BuySpot(1m) }.Select(a => a.SetsRatio));
        // Edges: a ratio up to the maximum, a fraction of exactly 1 (all), buying up to 10 times the holding.
        Assert.Equal(HedgePlan.MaxHedgeRatio, RuleAction.RaiseTo(HedgePlan.MaxHedgeRatio).Value);
        BadInput.Throws("ratio", () => RuleAction.RaiseTo(HedgePlan.MaxHedgeRatio + 0.01m));
        Assert.Contains("must be in (0, ", BadInput.Throws("ratio", () => RuleAction.RaiseTo(0m)).Message);
        Assert.Equal(1m, RuleAction.CloseFraction(1m).Value);
        Assert.Contains("(0, 1]", BadInput.Throws("fraction", () => RuleAction.CloseFraction(1.01m)).Message);
        BadInput.Throws("fraction", () => RuleAction.SellSpot(0m));
        Assert.Equal(10m, RuleAction.BuySpot(10m).Value);
        Assert.Contains("(0, 10]", BadInput.Throws("fraction", () => RuleAction.BuySpot(10.01m)).Message);
        BadInput.Throws("fraction", () => RuleAction.BuySpot(0m));
        BadInput.Throws("quantity", () => RuleAction.BuySpotQuantity(0m));
        BadInput.Throws("quantity", () => RuleAction.SellSpotQuantity(-1m));
        BadInput.Throws("asset", () => RuleAction.SellSpotQuantity(1m, " "));
        Assert.Equal(("sell-spot", "sell 1.75 ETH", true), (RuleAction.SellSpotQuantity(1.75m, "ETH").Name, RuleAction.SellSpotQuantity(1.75m, "ETH").ToString(), RuleAction.SellSpotQuantity(1.75m, "ETH").IsQuantity));
        Assert.NotEqual(RuleAction.BuySpot(0.5m), RuleAction.BuySpotQuantity(0.5m));
        BadInput.Throws("leg", () => RuleAction.CloseFraction(0.5m, -1));
        // Equality: kind, leg, value and stop.
        Assert.Equal(RuleAction.MoveStop(LegStop.AtPrice(1m), 1), RuleAction.MoveStop(LegStop.AtPrice(1m), 1));
        Assert.NotEqual(RuleAction.MoveStop(LegStop.AtPrice(1m)), RuleAction.MoveStop(LegStop.AtPrice(2m)));
        Assert.NotEqual(RuleAction.LowerTo(0.5m), RuleAction.LowerTo(0.5m, 1));
        Assert.NotEqual(RuleAction.LowerTo(0.5m), RuleAction.RaiseTo(0.5m));
        Assert.NotEqual(RuleAction.LowerTo(0.5m), RuleAction.LowerTo(0.25m));
        Assert.Equal(RuleAction.LowerTo(0.5m).GetHashCode(), RuleAction.LowerTo(0.5m).GetHashCode());
        Assert.False(RuleAction.Remove().Equals(null));
    }
}
