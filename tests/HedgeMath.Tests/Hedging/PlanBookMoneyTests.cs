using System.Collections.Immutable;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// The plan step's book (<c>BookCore</c>) after the events that change a leg's money — a stop fill, a take-profit, a
/// funding print, a cross leg's trade, stop and liquidation — read as the equity and the cross wallet, by hand (issue 29,
/// the Engine folder's last survivors). Each runs through a clock's stepper (one <see cref="PlanStepper"/> kept across
/// bars, as <c>PlanHistory</c> and <c>PlanLive</c> run it: the legs' money is cached between bars while the book's money
/// and the close are unchanged) and through the pure <see cref="PlanState.Step"/>; both must give the hand figure. The
/// event bar closes where the bar before it closed, so only the book's own change can tell the equity that the money moved.
/// 1 BTC held at 100; a 1:1 short at 1x on the stub contract (tick 0.01, lot 0.001, MMR 0.4 %) with a 0.1 % fee, opened
/// at bar 0's close of 100: fee 0.1, equity 100 − 0.1 = 99.9.
/// </summary>
public class PlanBookMoneyTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Fee01 = Stub.Contract(feeRate: 0.001m);

    /// <summary>Daily bar i (mark = last = spot), flat at the close unless open, high and low are given; a funding print at the open at <paramref name="rate"/>.</summary>
    private static PlanBar Bar(int i, decimal close, decimal? open = null, decimal? high = null, decimal? low = null, decimal? rate = null)
    {
        decimal o = open ?? close, h = high ?? Math.Max(o, close), l = low ?? Math.Min(o, close);
        var t = Day0.AddDays(i);
        ImmutableArray<FundingPrint> prints = rate is { } r ? [new FundingPrint(t, r, o)] : [];
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), o, h, l, close), close, prints);
    }

    private static PlanDefinition Plan(PlanLeg leg, decimal crossWallet = 0m, params PlanRule[] rules) =>
        PlanDefinition.Create("p", [SpotHolding.Create("BTC", 1m, 100m)], [leg], rules, crossWallet: crossWallet);

    /// <summary>The equity after each bar and the final state, stepped by a clock (one stepper) and by <see cref="PlanState.Step"/>; the two must agree.</summary>
    private static (decimal[] Equity, PlanState Final, PlanEvent[] Events) Run(PlanDefinition plan, params PlanBar[] bars)
    {
        var stepper = new PlanStepper(PlanState.Start(plan));
        var state = PlanState.Start(plan);
        var clock = new decimal[bars.Length];
        var pure = new decimal[bars.Length];
        var events = new List<PlanEvent>();
        for (int i = 0; i < bars.Length; i++)
        {
            stepper.Step(bars[i]);
            clock[i] = stepper.Equity;
            var s = state.Step(bars[i]);
            state = s.State;
            pure[i] = state.Equity;
            events.AddRange(s.Events);
        }
        Assert.Equal(pure, clock);
        Assert.Equal(state.Book.CrossWallets, stepper.Snapshot().Book.CrossWallets);
        return (clock, state, [.. events]);
    }

    private static PlanEvent Last(PlanEvent[] events, PlanEventKind kind) => events.Last(e => e.Kind == kind);

    [Fact]
    public void IsolatedStop_OnABarClosingWhereThePreviousClosed_IsInTheEquity()
    {
        // Stop 5 % above the entry: 105. Bar 1 opens 100, reaches 106, closes at 100 again: stopped at 105, PnL −5, fee
        // 1 × 105 × 0.001 = 0.105. Equity 100 − 0.1 − 5 − 0.105 = 94.795 (the plan stays flat after the exit).
        var r = Run(Plan(new PlanLeg(Fee01, 1m, 1m, stop: LegStop.AtDistance(0.05m))), Bar(0, 100m), Bar(1, 100m, high: 106m));
        Assert.Equal(new[] { 99.9m, 94.795m }, r.Equity);
        Assert.Equal(105m, Last(r.Events, PlanEventKind.Stopped).Price);
        Assert.Equal((-5m, 0.205m), (r.Final.Book.Legs[0].RealizedPnl, r.Final.Book.Legs[0].Fees));
    }

    [Fact]
    public void IsolatedStop_AfterAFundingPrint_OnTheSameBar_BothInTheEquity()
    {
        // As above, with a +0.01 % print at bar 1's open (mark 100): the short receives 1 × 100 × 0.0001 = 0.01, then is
        // stopped at 105. Equity 94.795 + 0.01 = 94.805.
        var r = Run(Plan(new PlanLeg(Fee01, 1m, 1m, stop: LegStop.AtDistance(0.05m))), Bar(0, 100m), Bar(1, 100m, high: 106m, rate: 0.0001m));
        Assert.Equal(new[] { 99.9m, 94.805m }, r.Equity);
        Assert.Equal(0.01m, r.Final.Book.Legs[0].Funding);
    }

    [Fact]
    public void TakeProfit_AfterAFundingPrint_OnTheSameBar_BothInTheEquity()
    {
        // Take profit at 90. Bar 1: print +0.01 % (receives 0.01), low 89: closed at 90, PnL +10, fee 0.09; the close is
        // 100 again. Equity 100 − 0.1 + 0.01 + 10 − 0.09 = 109.82.
        var r = Run(Plan(new PlanLeg(Fee01, 1m, 1m, takeProfit: 90m)), Bar(0, 100m), Bar(1, 100m, low: 89m, rate: 0.0001m));
        Assert.Equal(new[] { 99.9m, 109.82m }, r.Equity);
        Assert.Equal(90m, Last(r.Events, PlanEventKind.TookProfit).Price);
    }

    [Fact]
    public void CrossLeg_TradeAndFunding_GoToTheCrossWallet()
    {
        // Cross wallet 10 USDT. The opening fee is paid from it: 9.9. Bar 1 flat at 100 with a +0.01 % print: the short
        // receives 0.01 into it, 9.91; equity 100 − 0.1 + 0.01 = 99.91.
        var plan = Plan(new PlanLeg(Fee01, 1m, 1m, mode: MarginMode.Cross), crossWallet: 10m);
        var open = Run(plan, Bar(0, 100m));
        Assert.Equal(9.9m, open.Final.Book.CrossWallets["USDT"]);
        var r = Run(plan, Bar(0, 100m), Bar(1, 100m, rate: 0.0001m));
        Assert.Equal(new[] { 99.9m, 99.91m }, r.Equity);
        Assert.Equal(9.91m, r.Final.Book.CrossWallets["USDT"]);
        Assert.True(r.Final.Book.Legs[0].IsOpen);
    }

    [Fact]
    public void CrossLegStopped_BooksItsPnlAndFeeToTheCrossWallet()
    {
        // Cross wallet 10, 9.9 after the opening fee; the account's liquidation price, (9.9 + 100) / 1.004 ≈ 109.46, is above
        // the bar. Bar 1 reaches 106: the stop at 105 closes the leg, PnL −5 and fee 0.105 from the wallet: 4.795.
        var plan = Plan(new PlanLeg(Fee01, 1m, 1m, mode: MarginMode.Cross, stop: LegStop.AtDistance(0.05m)), crossWallet: 10m);
        var r = Run(plan, Bar(0, 100m), Bar(1, 100m, high: 106m));
        Assert.Equal(4.795m, r.Final.Book.CrossWallets["USDT"]);
        Assert.Equal(new[] { 99.9m, 94.795m }, r.Equity);
        Assert.Equal((HedgeExit.Stopped, 105m), (r.Final.Book.Legs[0].Exit, r.Final.Book.Legs[0].ExitPrice));
        Assert.Empty(r.Final.Book.CrossMarginLost);
    }

    [Fact]
    public void CrossLegLiquidated_AtAGap_LosesTheWholeCrossWallet()
    {
        // Cross wallet 10, 9.9 after the fee. Bar 1 opens at 120, beyond the account's liquidation price (≈ 109.46): the
        // leg is liquidated at the open, 120, PnL −20; the account forfeits its margin balance there, 9.9 − 20 = −10.1.
        // The hedge's money: −20 − 0.1 − (−10.1) = −10, the whole wallet and no more. The bar closes at 100 again:
        // equity 100 − 10 = 90, the wallet 0.
        var plan = Plan(new PlanLeg(Fee01, 1m, 1m, mode: MarginMode.Cross), crossWallet: 10m);
        var r = Run(plan, Bar(0, 100m), Bar(1, 100m, open: 120m));
        var e = Last(r.Events, PlanEventKind.Liquidated);
        Assert.Equal((120m, "leg 0 liquidated at 120"), (e.Price, e.Detail));
        Assert.Equal(new[] { 99.9m, 90m }, r.Equity);
        var leg = r.Final.Book.Legs[0];
        Assert.Equal((false, HedgeExit.Liquidated, -20m), (leg.IsOpen, leg.Exit, leg.RealizedPnl));
        Assert.Equal(0m, r.Final.Book.CrossWallets["USDT"]);
        Assert.Equal(-10.1m, r.Final.Book.CrossMarginLost["USDT"]);
        Assert.Equal(0m, r.Final.HeldRatio(0));
    }

    [Fact]
    public void MovedStop_ChangingOnlyTheTrigger_TriggersOnTheNewPrice()
    {
        // Stop at 105 on the mark; from day 1 a rule moves it to 105 on the last price (same price, same slippage). Bar 2:
        // the mark reaches 104 only, the last 106: stopped at 105 on the last price (PnL −5, fee 0.105; equity at the close
        // 100: 94.795). Kept on the mark, it would not have been.
        var plan = Plan(new PlanLeg(Fee01, 1m, 1m, stop: LegStop.AtPrice(105m)), 0m,
            new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.MoveStop(LegStop.AtPrice(105m, TriggerPrice.Last))));
        var moved = Run(plan, Bar(0, 100m), Bar(1, 100m));
        Assert.Equal(TriggerPrice.Last, moved.Final.Book.Legs[0].Stop!.Trigger);
        var t2 = Day0.AddDays(2);
        var lastOnly = PlanBar.Create(t2, PriceBar.Create(t2.AddDays(1), 100m, 104m, 100m, 100m, 100m, 106m, 100m, 100m), 100m);
        var r = Run(plan, Bar(0, 100m), Bar(1, 100m), lastOnly);
        Assert.Equal(105m, Last(r.Events, PlanEventKind.Stopped).Price);
        Assert.Equal(94.795m, r.Equity[^1]);
    }

    [Fact]
    public void MovedStop_ChangingOnlyTheSlippage_FillsWithTheNewSlippage()
    {
        // Stop at 105 without slippage; from day 1 the same stop with 1 % slippage. Bar 2 reaches 106: a short's stop fills
        // at 105 × 1.01 = 106.05 (StopOrder: price × (1 + slippage) for a buy).
        var plan = Plan(new PlanLeg(Fee01, 1m, 1m, stop: LegStop.AtPrice(105m)), 0m,
            new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.MoveStop(LegStop.AtPrice(105m, slippage: 0.01m))));
        var r = Run(plan, Bar(0, 100m), Bar(1, 100m), Bar(2, 100m, high: 106m));
        Assert.Equal(106.05m, Last(r.Events, PlanEventKind.Stopped).Price);
        // Equity 100 − 0.1 − 6.05 − 106.05 × 0.001 = 93.74395.
        Assert.Equal(93.74395m, r.Equity[^1]);
    }

    [Fact]
    public void ADefaultFundingPrint_InABar_IsRejectedByName()
    {
        // A default(FundingPrint) (mark 0) is no print: the bar that would carry it is refused, naming its funding and the
        // print's index — also on a flat plan, which would never have settled it (the engine's own check names print).
        var t = Day0.AddDays(1);
        var price = PriceBar.Create(t.AddDays(1), 100m, 100m, 100m, 100m);
        Assert.Contains("[1] has no mark price", BadInput.Throws("funding", () => PlanBar.Create(t, price, 100m, [new FundingPrint(t, 0.0001m, 100m), default])).Message);
        Assert.Equal("funding", BadInput.Throws("funding", () => PlanBar.OfAsset("BTC", price, 100m, [default])).ParamName);
    }

    [Fact]
    public void APlanOverTwoAssets_PaysEachAssetsPrintToItsOwnLegsOnly()
    {
        // 100 SOL hedged with BTCUSDT (0.125 BTC at 60,000, fee 3.75) and 2 ETH with ETHUSDT (2 ETH at 3,000, fee 3): equity
        // 15,000 + 6,000 − 6.75 = 20,993.25 (PlanMultiAssetTests). Day 1, every price flat, one print on ETH only, +0.01 %
        // at 3,000: the ETH short receives 2 × 3,000 × 0.0001 = 0.6 USDT, the BTC leg nothing. Equity 20,993.85.
        var plan = PlanDefinition.Create("two assets", [SpotHolding.Create("SOL", 100m, 150m), SpotHolding.Create("ETH", 2m, 3_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m) { Hedges = "SOL" }, new PlanLeg(Contract.BinanceEthUsdt, 1m, 2m)]);
        PlanBar Day(int d, decimal btc, decimal eth, decimal sol, decimal? ethRate = null)
        {
            var t = Day0.AddDays(d);
            PlanBar A(string asset, decimal p, ImmutableArray<FundingPrint> f = default) => PlanBar.OfAsset(asset, PriceBar.Create(t.AddDays(1), p, p, p, p), p, f);
            return PlanBar.Create(t, [A("BTC", btc), A("ETH", eth, ethRate is { } r ? [new FundingPrint(t, r, eth)] : default), A("SOL", sol)]);
        }
        var r = Run(plan, Day(0, 60_000m, 3_000m, 150m), Day(1, 60_000m, 3_000m, 150m, ethRate: 0.0001m));
        Assert.Equal(new[] { 20_993.25m, 20_993.85m }, r.Equity);
        Assert.Equal((0m, 0.6m), (r.Final.Book.Legs[0].Funding, r.Final.Book.Legs[1].Funding));
    }
}
