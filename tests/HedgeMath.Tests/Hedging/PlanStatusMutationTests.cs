using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// The now clock's report (<see cref="PlanStatus"/>), issue 29: the orders' every field (kind, leg, rule, side, spot or not,
/// reduce-only, trigger, reason text), the rules' states, each leg's distances on the price its stop watches, an inverse
/// leg's margin in the quote asset, and the cross account's figures — by hand. Stub contract: linear STUBUSDT, one tier
/// MMR 0.4 %, tick 0.01, lot 0.001, no fees unless given.
/// </summary>
public class PlanStatusMutationTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    /// <summary>A daily bar: mark = spot = <paramref name="close"/>, the perpetual's last price <paramref name="last"/> (default the same).</summary>
    private static PlanBar Bar(int i, decimal close, decimal? last = null)
    {
        var t = Day0.AddDays(i);
        decimal l = last ?? close;
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), close, close, close, close, l, l, l, l), close);
    }

    private static PlanStatus Status(PlanDefinition plan, params decimal[] closes) => Status(plan, closes, null);

    private static PlanStatus Status(PlanDefinition plan, decimal[] closes, decimal? lastOfLastBar)
    {
        var state = PlanState.Start(plan);
        PlanStepResult step = null!;
        PlanBar bar = default;
        for (int i = 0; i < closes.Length; i++)
        {
            bar = Bar(i, closes[i], i == closes.Length - 1 ? lastOfLastBar : null);
            step = state.Step(bar);
            state = step.State;
        }
        return PlanStatus.Of(step, bar);
    }

    private static PlanDefinition OneLeg(PlanLeg leg, params PlanRule[] rules) =>
        PlanDefinition.Create("t", [SpotHolding.Create("BTC", 1m, 60_000m)], [leg], rules);

    [Fact]
    public void Of_Null_And_DefaultBar_AreRejected_WithTheDocumentedText()
    {
        var step = PlanState.Start(OneLeg(new PlanLeg(Stub0, 0.5m, 2m))).Step(Bar(0, 60_000m));
        Assert.Equal("lastStep", Assert.Throws<ArgumentNullException>(() => PlanStatus.Of(null!, Bar(0, 60_000m))).ParamName);
        var e = Assert.Throws<ArgumentException>(() => PlanStatus.Of(step, default));
        Assert.Equal("lastBar", e.ParamName);
        Assert.StartsWith("lastBar must be created with PlanBar.Create (default(PlanBar) is not a bar).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StopOnTheLastPrice_IsMeasuredFromTheLastClose_OnTheMarkFromTheMark()
    {
        // A short of 0.5 at 60,000 (mark = last on the first bar); now mark 61,000, last 61,100.
        // Stop at 66,000 on the last price: 66,000 − 61,100 = 4,900 away, 4,900 / 61,100 of the last close.
        var onLast = Status(OneLeg(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtPrice(66_000m, TriggerPrice.Last))), [60_000m, 61_000m], 61_100m);
        var l = onLast.Legs[0];
        Assert.Equal((66_000m, TriggerPrice.Last), (l.StopPrice, l.StopTrigger!.Value));
        Assert.Equal(4_900m, l.DistanceToStop);
        Assert.Equal(4_900m / 61_100m, l.DistanceToStopFraction);
        // Liquidation is watched on the mark: 90,000 / 1.004 − 61,000; the PnL is at the last price: 0.5 × (60,000 − 61,100) = −550.
        Assert.Equal(90_000m / 1.004m - 61_000m, l.DistanceToLiquidation!.Value, 20);
        Assert.Equal(-550m, l.UnrealizedPnl);
        Assert.Equal((61_000m, 61_100m), (onLast.MarkClose, onLast.LastClose));
        // The same stop on the mark: 66,000 − 61,000 = 5,000 = 5,000 / 61,000 of the mark.
        var onMark = Status(OneLeg(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtPrice(66_000m, TriggerPrice.Mark))), [60_000m, 61_000m], 61_100m);
        Assert.Equal(5_000m, onMark.Legs[0].DistanceToStop);
        Assert.Equal(5_000m / 61_000m, onMark.Legs[0].DistanceToStopFraction);
    }

    [Fact]
    public void InverseLeg_MarginInQuote_IsTheCoinMarginTimesTheLastClose_AndTheQuoteAssetIsTheContracts()
    {
        // Binance COIN-M BTCUSD: 100 USD a contract. 1 BTC at 60,000 hedged 0.5: 30,000 USD = 300 contracts, isolated 2x:
        // margin 300 × 100 / 60,000 / 2 = 0.25 BTC. Now (last close 61,000) that is 0.25 × 61,000 = 15,250 USD.
        var plan = OneLeg(new PlanLeg(Contract.BinanceCoinMBtcUsd, 0.5m, 2m));
        var s = Status(plan, 60_000m, 61_000m);
        var leg = s.Legs[0];
        Assert.Equal(300m, leg.Quantity);
        Assert.Equal(0.25m, leg.Margin);
        Assert.Equal(15_250m, leg.MarginInQuote);
        Assert.Equal(15_250m, s.MarginInQuote);
        // "The quote asset of the plan's money (the first leg's contract's)": USD, not the holding's USDT.
        Assert.Equal("USD", s.QuoteAsset);
        Assert.Equal("USDT", plan.Holdings[0].QuoteAsset);
    }

    [Fact]
    public void OpeningTrade_IsALegOrder_OfNoRule_NotSpot()
    {
        var s = Status(OneLeg(new PlanLeg(Stub0, 0.5m, 2m)), 60_000m);
        var o = Assert.Single(s.Orders);
        Assert.Equal((PlanOrderKind.Market, 0, -1, Side.Short, "STUBUSDT", false, 0.5m, false, (decimal?)null, (TriggerPrice?)null),
            (o.Kind, o.Leg, o.Rule, o.Side, o.Symbol, o.IsSpot, o.Quantity, o.ReduceOnly, o.TriggerPrice, o.Trigger));
    }

    [Fact]
    public void StandingStop_IsALegOrderOfNoRule_ItsReasonNamesTheLegsStop()
    {
        // LegStop.ToString of a distance stop: "stop 10.0 % from entry" (P1, invariant culture).
        var s = Status(OneLeg(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtDistance(0.10m))), 60_000m, 61_000m);
        var o = Assert.Single(s.Orders);
        Assert.Equal((PlanOrderKind.StopMarket, 0, -1, Side.Long, false, 0.5m, true, 66_000m, TriggerPrice.Mark),
            (o.Kind, o.Leg, o.Rule, o.Side, o.IsSpot, o.Quantity, o.ReduceOnly, o.TriggerPrice!.Value, o.Trigger!.Value));
        Assert.Equal("leg 0 stop (stop 10.0 % from entry)", o.Reason);
    }

    [Fact]
    public void TakeProfit_IsATakeProfitMarketOrderOnTheLastPrice_ReduceOnly_ForTheWholePosition()
    {
        // A short of 0.5 with a take profit at 50,000: buy 0.5 reduce-only when the last price reaches 50,000.00.
        var s = Status(OneLeg(new PlanLeg(Stub0, 0.5m, 2m, takeProfit: 50_000m)), 60_000m, 61_000m);
        var o = Assert.Single(s.Orders);
        Assert.Equal((PlanOrderKind.TakeProfitMarket, 0, -1, Side.Long, "STUBUSDT", false, 0.5m, true, 50_000m, TriggerPrice.Last),
            (o.Kind, o.Leg, o.Rule, o.Side, o.Symbol, o.IsSpot, o.Quantity, o.ReduceOnly, o.TriggerPrice!.Value, o.Trigger!.Value));
        Assert.Equal("leg 0 take profit at 50000", o.Reason);
    }

    [Fact]
    public void ALegClosedByARule_HasNoStop_NoLiquidation_NoMargin_AndNoStandingOrders()
    {
        // Removed at the last close 62,000 (≥ 62,000): the buy-back is the one order; the closed leg's stop (10 %) and take
        // profit are not standing orders any more, and it shows no stop, liquidation price or margin.
        var plan = OneLeg(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtDistance(0.10m), takeProfit: 50_000m),
            new PlanRule(PlanCondition.PriceAtOrAbove(62_000m), RuleAction.Remove(), RuleTrigger.Once));
        var s = Status(plan, 60_000m, 62_000m);
        var o = Assert.Single(s.Orders);
        Assert.Equal((PlanOrderKind.Market, Side.Long, 0.5m, true), (o.Kind, o.Side, o.Quantity, o.ReduceOnly));
        var leg = s.Legs[0];
        Assert.Null(leg.Position);
        Assert.Null(leg.StopPrice);
        Assert.Null(leg.StopTrigger);
        Assert.Null(leg.DistanceToStop);
        Assert.Null(leg.LiquidationPrice);
        Assert.Equal(0m, leg.Margin);
        Assert.Equal(0m, s.MarginInQuote);
    }

    [Fact]
    public void PartialClose_IsAReduceOnlyMarketOrderOfTheRule_ThenTheResizedStop()
    {
        // 0.5 short; at the last close 61,000 rule 1 closes half: buy 0.25 reduce-only on STUBUSDT (leg 0, rule 1).
        var plan = OneLeg(new PlanLeg(Stub0, 0.5m, 2m, stop: LegStop.AtDistance(0.10m)),
            new PlanRule(PlanCondition.PriceAtOrBelow(10_000m), RuleAction.Remove()),
            new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.CloseFraction(0.5m), RuleTrigger.Once, "half off"));
        var s = Status(plan, 60_000m, 61_000m);
        Assert.True(s.ActionDue);
        Assert.Equal(2, s.Orders.Length);
        var m = s.Orders[0];
        Assert.Equal((PlanOrderKind.Market, 0, 1, Side.Long, "STUBUSDT", false, 0.25m, true, (decimal?)null),
            (m.Kind, m.Leg, m.Rule, m.Side, m.Symbol, m.IsSpot, m.Quantity, m.ReduceOnly, m.TriggerPrice));
        Assert.Equal("half off", m.Reason);
        Assert.Equal((PlanOrderKind.StopMarket, 0.25m), (s.Orders[1].Kind, s.Orders[1].Quantity));
        Assert.Equal((true, false), (s.Rules[1].FiredOnLastBar, s.Rules[0].FiredOnLastBar));
    }

    [Fact]
    public void EveryOrder_HasAPositiveQuantity_APartialCloseBelowOneLotPlacesNone()
    {
        // 0.002 BTC hedged 0.5: a 0.001 short (one lot). Closing a tenth of it asks for 0.0009, which is 0.001 on the lot:
        // nothing is filled, so there is nothing to place (and no action is due).
        var plan = PlanDefinition.Create("tiny", [SpotHolding.Create("BTC", 0.002m, 60_000m)], [new PlanLeg(Stub0, 0.5m, 2m)],
            [new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.CloseFraction(0.1m), RuleTrigger.Once)]);
        var s = Status(plan, 60_000m, 61_000m);
        var partial = Assert.Single(s.Events, e => e.Kind == PlanEventKind.PartlyClosed);
        Assert.Equal(0m, partial.Quantity);
        Assert.Equal(0.001m, s.Legs[0].Quantity);
        Assert.Empty(s.Orders);
        Assert.All(s.Orders, o => Assert.True(o.Quantity > 0m));
    }

    [Fact]
    public void SpotSaleAndPurchase_AreSpotMarketOrders_OnTheHoldingsSymbol_NotReduceOnly()
    {
        // A spot plan (no legs) of 1 BTC: at the last close 61,000 rule 0 sells a quarter (0.25 BTC), then rule 1 buys a tenth
        // of what is held after it (0.75 × 0.1 = 0.075 BTC), both on BTCUSDT at market.
        var plan = PlanDefinition.Create("spot", [SpotHolding.Create("BTC", 1m, 60_000m)], [],
            [
                new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.SellSpot(0.25m), RuleTrigger.Once, "sell"),
                new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.BuySpot(0.1m), RuleTrigger.Once, "buy"),
            ]);
        var s = Status(plan, 60_000m, 61_000m);
        Assert.True(s.ActionDue);
        Assert.Equal(2, s.Orders.Length);
        var sell = s.Orders[0];
        Assert.Equal((PlanOrderKind.Market, -1, 0, Side.Short, "BTCUSDT", true, 0.25m, false, "sell"),
            (sell.Kind, sell.Leg, sell.Rule, sell.Side, sell.Symbol, sell.IsSpot, sell.Quantity, sell.ReduceOnly, sell.Reason));
        var buy = s.Orders[1];
        Assert.Equal((PlanOrderKind.Market, -1, 1, Side.Long, "BTCUSDT", true, 0.075m, false, "buy"),
            (buy.Kind, buy.Leg, buy.Rule, buy.Side, buy.Symbol, buy.IsSpot, buy.Quantity, buy.ReduceOnly, buy.Reason));
        Assert.All(s.Rules, r => Assert.True(r.FiredOnLastBar));
    }

    [Fact]
    public void TwoStopMoves_OnTheLastBar_AreAnActionDue_TheOtherRuleDidNotFire_AndTheMovedStopsReasonSaysSo()
    {
        // A leg without a stop of its own; at 61,000 rules 0 and 1 both move its stop (no trade: a moved stop is an action,
        // ActionDue says so for one such rule and for two); rule 2 (≤ 50,000) neither fired nor went idle.
        var plan = OneLeg(new PlanLeg(Stub0, 0.5m, 2m),
            new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.MoveStop(LegStop.AtDistance(0.10m)), RuleTrigger.Once),
            new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.MoveStop(LegStop.AtDistance(0.20m)), RuleTrigger.Once),
            new PlanRule(PlanCondition.PriceAtOrBelow(50_000m), RuleAction.Remove(), RuleTrigger.Once));
        var s = Status(plan, 60_000m, 61_000m);
        Assert.True(s.ActionDue);
        Assert.Equal([true, true, false], s.Rules.Select(r => r.FiredOnLastBar).ToArray());
        Assert.Equal([false, false, false], s.Rules.Select(r => r.IdleOnLastBar).ToArray());
        // The last move wins: 60,000 × 1.2 = 72,000; the order's reason says a rule placed it (the leg has no stop of its own).
        var o = Assert.Single(s.Orders);
        Assert.Equal((PlanOrderKind.StopMarket, 72_000m), (o.Kind, o.TriggerPrice!.Value));
        Assert.Equal("leg 0 stop (moved by a rule)", o.Reason);
        // One such rule alone is an action too.
        var one = OneLeg(new PlanLeg(Stub0, 0.5m, 2m),
            new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.MoveStop(LegStop.AtDistance(0.10m)), RuleTrigger.Once));
        Assert.True(Status(one, 60_000m, 61_000m).ActionDue);
    }

    [Fact]
    public void ARuleWithNothingToDo_IsIdle_NotFired_AndNoActionIsDue()
    {
        // Rule 0 removes the leg at 61,000 (bar 1); at 62,000 (bar 2) rule 1 would close half of it, but the leg is flat: idle.
        var plan = OneLeg(new PlanLeg(Stub0, 0.5m, 2m),
            new PlanRule(PlanCondition.PriceAtOrAbove(61_000m), RuleAction.Remove(), RuleTrigger.Once),
            new PlanRule(PlanCondition.PriceAtOrAbove(62_000m), RuleAction.CloseFraction(0.5m), RuleTrigger.Once));
        var s = Status(plan, 60_000m, 61_000m, 62_000m);
        Assert.Equal((false, true), (s.Rules[1].FiredOnLastBar, s.Rules[1].IdleOnLastBar));
        Assert.Equal((false, false), (s.Rules[0].FiredOnLastBar, s.Rules[0].IdleOnLastBar));
        Assert.False(s.ActionDue);
        Assert.Empty(s.Orders);
    }

    [Fact]
    public void WhyTexts_OfRatioRules_ReadTheBarAndThePnlBeforeTheOtherRules_TheOthersAfterTheRatioTrades()
    {
        // Stub with a 0.1 % fee. 1 BTC, a 0.5 short opened at 60,000: fee 0.5 × 60,000 × 0.001 = 30.
        // Bar 1 closes 61,000. The ratio rules are evaluated first: the plan's PnL then is the spot's 1,000, the short's
        // −0.5 × 1,000 = −500 and the fee −30: 470. Rule 0 (a series true at bar 1) lowers the hedge to 0.25: buy 0.25 at 61,000,
        // fee 0.25 × 61,000 × 0.001 = 15.25. The other rules then read 470 − 15.25 = 454.75.
        var fee = Stub.Contract(feeRate: 0.001m);
        var plan = PlanDefinition.Create("pnl", [SpotHolding.Create("BTC", 1m, 60_000m)], [new PlanLeg(fee, 0.5m, 2m)],
            [
                new PlanRule(PlanCondition.Series("flag", [false, true, false]), RuleAction.LowerTo(0.25m)),
                new PlanRule(PlanCondition.PnlAtOrAbove(10_000m), RuleAction.RaiseTo(1m)),
                new PlanRule(PlanCondition.PnlAtOrAbove(10_000m), RuleAction.CloseFraction(0.5m)),
            ]);
        var s = Status(plan, 60_000m, 61_000m);
        Assert.Equal("flag is true at bar 1", s.Rules[0].Why);
        Assert.True(s.Rules[0].FiredOnLastBar);
        Assert.Equal("plan PnL 470.00 < 10,000", s.Rules[1].Why);
        Assert.Equal("plan PnL 454.75 < 10,000", s.Rules[2].Why);
    }

    [Fact]
    public void CrossLegBesideAnIsolatedOne_IsItsOwnAccount_AtItsOwnAssetsMark()
    {
        // 100 SOL at 150 hedged with a cross short on BTCUSDT (leg 0) and an isolated one on BTCUSDT (leg 1), wallet 10,000.
        // Each leg: 0.5 × 100 × 150 = 7,500 USDT / 60,000 = 0.125 BTC. Now SOL 140, BTC 58,000.
        // The cross account holds leg 0 alone (one-way, one position): its initial margin at the BTC mark is
        // 0.125 × 58,000 / 2 = 3,625 (on SOL's 140 it would be 8.75), its price Binance's one-position cross formula
        // (10,000 + 0.125 × 60,000 − fee) / (0.125 × (1 + MMR)).
        var btc = Contract.BinanceBtcUsdt;
        var plan = PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 150m)],
            [new PlanLeg(btc, 0.5m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }, new PlanLeg(btc, 0.5m, 2m) { Hedges = "SOL" }],
            crossWallet: 10_000m);
        var s0 = PlanState.Start(plan).Step(PlanMultiAssetTests.Bar(0, PlanMultiAssetTests.Asset("SOL", 0, 150m, 150m), PlanMultiAssetTests.Asset("BTC", 0, 60_000m, 60_000m))).State;
        var bar1 = PlanMultiAssetTests.Bar(1, PlanMultiAssetTests.Asset("SOL", 1, 150m, 140m), PlanMultiAssetTests.Asset("BTC", 1, 60_000m, 58_000m));
        var step = s0.Step(bar1);
        var s = PlanStatus.Of(step, bar1);
        Assert.Equal(0.125m, s.Legs[0].Quantity);
        Assert.Equal(3_625m, s.Legs[0].Margin);
        // The isolated leg's margin is what it posted: 0.125 × 60,000 / 2 = 3,750.
        Assert.Equal(3_750m, s.Legs[1].Margin);
        // Taker 0.05 %: the cross leg's opening fee 0.125 × 60,000 × 0.0005 = 3.75 left the wallet; Binance's first tier MMR 0.4 %.
        decimal wallet = step.State.Book.CrossWallets["USDT"];
        Assert.Equal(10_000m - 3.75m, wallet);
        decimal expected = (wallet + 0.125m * 60_000m) / (0.125m * 1.004m);
        Assert.Equal(expected, s.Legs[0].LiquidationPrice!.Value, 10);
        // Distances on BTC's mark: expected − 58,000.
        Assert.Equal(expected - 58_000m, s.Legs[0].DistanceToLiquidation!.Value, 10);
    }

    [Fact]
    public void ACrossLegAlone_OnAnotherAssetThanThePlansFirst_IsMarkedAtItsOwnAsset()
    {
        // 100 SOL at 150 hedged 0.5 with one cross short on BTCUSDT: 7,500 USDT / 60,000 = 0.125 BTC. Now SOL 140, BTC 58,000:
        // its initial margin at the BTC mark is 0.125 × 58,000 / 2 = 3,625 (at SOL's 140 it would be 8.75).
        var plan = PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 150m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }], crossWallet: 10_000m);
        var s0 = PlanState.Start(plan).Step(PlanMultiAssetTests.Bar(0, PlanMultiAssetTests.Asset("SOL", 0, 150m, 150m), PlanMultiAssetTests.Asset("BTC", 0, 60_000m, 60_000m))).State;
        var bar1 = PlanMultiAssetTests.Bar(1, PlanMultiAssetTests.Asset("SOL", 1, 150m, 140m), PlanMultiAssetTests.Asset("BTC", 1, 60_000m, 58_000m));
        var s = PlanStatus.Of(s0.Step(bar1), bar1);
        Assert.Equal(3_625m, s.Legs[0].Margin);
        Assert.Equal(3_625m, s.MarginInQuote);
    }
}
