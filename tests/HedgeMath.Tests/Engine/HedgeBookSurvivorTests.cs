using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// Issue 29's survivors of <see cref="HedgeBook"/> and <see cref="BookLeg"/>, each by hand: an order below one lot still
/// checks every argument (no position is built to check them), messages, the zero fill's side, a target off the lot
/// step, isolated legs beside a cross wallet, the straight path's bad input, bar, time, route and shared print table,
/// and a closed leg's money and text. BTCUSDT (Binance): taker 0.05 %, maker 0.02 %, lot 0.001, MMR 0.4 % in the first
/// tier (cum 0), funding every 8 hours.
/// </summary>
public class HedgeBookSurvivorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static Contract Btc => Contract.BinanceBtcUsdt;

    private static HedgeBook CrossBook(decimal wallet = 10_000m) =>
        HedgeBook.Create(crossWallets: new Dictionary<string, decimal> { ["USDT"] = wallet });

    // Short 0.5 BTC at 50,000, 10x: margin 2,500, open fee 12.5, LP (2,500 + 25,000)/(0.5·0.004 + 0.5) = 54,780.88.
    private static HedgeBook ShortHalf(StopOrder? stop = null) => HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m, stop: stop).Book;

    [Fact]
    public void Create_Messages_SayWhatIsWrong()
    {
        Assert.Contains("must not contain null", BadInput.Throws("spot", () => HedgeBook.Create([null!])).Message);
        Assert.Contains("BTC is not", BadInput.Throws("crossWallets",
            () => HedgeBook.Create(crossWallets: new Dictionary<string, decimal> { ["BTC"] = -1m })).Message);
    }

    [Fact]
    public void Open_BelowOneLot_StillChecksEveryArgument()
    {
        // 0.0004 BTC is below the 0.001 lot: no position is built, so Position.Open's own checks never run; the book's do.
        var book = CrossBook();
        BadInput.Throws("side", () => book.Open(Btc, (Side)5, 0.0004m, 50_000m, 10m));
        BadInput.Throws("mode", () => book.Open(Btc, Side.Short, 0.0004m, 50_000m, 10m, (MarginMode)9));
        var lev = BadInput.Throws("leverage", () => book.Open(Btc, Side.Short, 0.0004m, 50_000m, 0.99m));
        Assert.Contains("must be in [1, 125", lev.Message);
        Assert.Contains("] for BTCUSDT", lev.Message);
        BadInput.Throws("leverage", () => book.Open(Btc, Side.Short, 0.0004m, 50_000m, 125.01m));
        Assert.Contains("must be null for a cross leg", BadInput.Throws("isolatedMargin",
            () => book.Open(Btc, Side.Short, 0.0004m, 50_000m, 10m, MarginMode.Cross, isolatedMargin: 100m)).Message);
        // Leverage 1 is the lower edge, allowed. The empty leg: nothing filled, no fee, no liquidation price.
        var r = book.Open(Btc, Side.Short, 0.0004m, 50_000m, 1m, MarginMode.Cross);
        Assert.False(r.Book.Legs[0].IsOpen);
        Assert.Equal(1m, r.Book.Legs[0].Leverage);
        Assert.Equal((0.0004m, 0m, 0m, -0.0004m), (r.Fill.RequestedQuantity, r.Fill.FilledQuantity, r.Fill.Fee, r.Fill.RoundingDifference));
        Assert.Null(r.Book.Legs[0].LiquidationPrice);
        Assert.Equal(10_000m, r.Book.CrossWallets["USDT"]);
    }

    [Fact]
    public void Open_CrossNeedsAWallet_AndIsolatedRulesStayIsolated()
    {
        Assert.Contains("cross wallet in USDT", BadInput.Throws("mode",
            () => HedgeBook.Empty.Open(Btc, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross)).Message);
        // Bybit's isolated formula applies to an isolated leg and not to a cross one.
        Assert.True(HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m, rule: LiquidationRule.BybitLinear).Book.Legs[0].IsOpen);
        BadInput.Throws("rule", () => CrossBook().Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross, rule: LiquidationRule.BybitLinear));
    }

    [Fact]
    public void Open_IsolatedWithItsOwnMargin_MovesTheLiquidationPrice()
    {
        // Short 0.5 at 50,000 with 3,000 posted instead of 2,500: LP = (3,000 + 25,000)/(0.5·0.004 + 0.5) = 55,776.89.
        var leg = HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m, isolatedMargin: 3_000m).Book.Legs[0];
        Assert.Equal(3_000m, leg.Position!.IsolatedMargin);
        Assert.Equal(55_776.89m, Math.Round(leg.LiquidationPrice!.Value, 2));
    }

    [Fact]
    public void Open_APositionTheMarginEngineRejects_NamesTheInputThatSizedIt()
    {
        // 10 million BTC (5e11 USDT) is beyond BTCUSDT's last tier: the liquidation price cannot be computed, and the error
        // names the quantity; an isolated margin of decimal's maximum overflows that computation and is named instead.
        BadInput.Throws("quantity", () => HedgeBook.Empty.Open(Btc, Side.Short, 10_000_000m, 50_000m, 1m));
        BadInput.Throws("isolatedMargin", () => HedgeBook.Empty.Open(Btc, Side.Short, 1m, 50_000m, 10m, isolatedMargin: decimal.MaxValue));
    }

    [Fact]
    public void TradeTo_AWalletThatOverflows_NamesTheTarget()
    {
        // A cross wallet at decimal's maximum (less the 25 open fee) cannot take the 10,000 − 20 of a close at 40,000.
        var book = CrossBook(decimal.MaxValue).Open(Btc, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross).Book;
        Assert.Contains("overflows decimal", BadInput.Throws("targetQuantity", () => book.TradeTo(0, 0m, 40_000m)).Message);
    }

    [Fact]
    public void Trade_BelowOneLot_StillChecksThePrice_AndMessages()
    {
        var book = ShortHalf();
        BadInput.Rejects("price", (decimal p) => book.Trade(0, Side.Short, 0.0004m, p), BadInput.NonPositiveDecimals);
        var flip = BadInput.Throws("quantity", () => book.Trade(0, Side.Long, 0.6m, 50_000m)).Message;
        Assert.Contains("must not exceed the leg's quantity", flip);
        Assert.Contains("(a trade never flips a leg)", flip);
        var closed = book.Trade(0, Side.Long, 0.5m, 48_000m).Book;
        Assert.Contains("(Short) to re-open", BadInput.Throws("side", () => closed.Trade(0, Side.Long, 0.1m, 48_000m)).Message);
        Assert.Contains("must be a leg index in [0, 0]", BadInput.Throws("leg", () => book.WithStop(1, null)).Message);
    }

    [Fact]
    public void TradeTo_NothingToTrade_IsAZeroFillOnTheLegsSide_AndStillChecksThePrice()
    {
        var book = ShortHalf();
        var same = book.TradeTo(0, 0.5m, 51_000m);
        Assert.Equal((Side.Short, 0m, 51_000m), (same.Fill.Side, same.Fill.FilledQuantity, same.Fill.Price));
        BadInput.Rejects("price", (decimal p) => book.TradeTo(0, 0.5m, p), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void TradeTo_ATargetOffTheLotStep_TradesTheDifferenceRoundedDown()
    {
        // From 0.5 to 0.7004: 0.2004 asked, 0.2 traded (lot 0.001), the rounding −0.0004 reported; fee 0.2·50,000·0.0005 = 5.
        var r = ShortHalf().TradeTo(0, 0.7004m, 50_000m);
        Assert.Equal((0.2004m, 0.2m, -0.0004m, 5m), (r.Fill.RequestedQuantity, r.Fill.FilledQuantity, r.Fill.RoundingDifference, r.Fill.Fee));
        Assert.Equal(0.7m, r.Book.Legs[0].Position!.Quantity);
    }

    [Fact]
    public void TradeTo_ATargetTheContractCannotHold_NamesTheTarget()
    {
        // 10 million BTC at 50,000 is 5e11 USDT, beyond BTCUSDT's last tier; 7.9e28 overflows decimal on the way.
        var book = ShortHalf();
        BadInput.Throws("targetQuantity", () => book.TradeTo(0, 10_000_000m, 50_000m));
        BadInput.Throws("targetQuantity", () => book.TradeTo(0, 79_000_000_000_000_000_000_000_000_000m, 50_000m));
    }

    [Fact]
    public void IsolatedTrades_LeaveTheCrossWalletAlone()
    {
        // An isolated short 0.5 at 50,000 in a book with a 10,000 USDT cross wallet, bought back at 48,000: realized 1,000,
        // fee 12; the money is the leg's, the cross wallet stays at 10,000.
        var book = CrossBook().Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book;
        var r = book.Trade(0, Side.Long, 0.5m, 48_000m);
        Assert.Equal(1_000m, r.Fill.RealizedPnl);
        Assert.Equal(10_000m, r.Book.CrossWallets["USDT"]);
    }

    [Fact]
    public void AnIsolatedBook_HasNoCrossWallet()
    {
        var r = ShortHalf().Trade(0, Side.Long, 0.2m, 48_000m);
        Assert.Equal(400m, r.Fill.RealizedPnl);        // 0.2·(50,000 − 48,000)
        Assert.Empty(r.Book.CrossWallets);
        Assert.Empty(ShortHalf().TradeTo(0, 0m, 48_000m).Book.CrossWallets);
    }

    [Fact]
    public void AStoppedLeg_ReopenedByATrade_IsOpenAgainWithNoExit()
    {
        // Stopped at 52,000 (stop on the mark, no slippage), then sold again at 51,000: the leg is open, its exit cleared.
        var stopped = ShortHalf(StopOrder.At(52_000m)).Move(PriceBar.Straight(T0, 50_000m, 53_000m));
        Assert.Equal((HedgeExit.Stopped, 52_000m, T0), (stopped.Legs[0].Exit, stopped.Legs[0].ExitPrice, stopped.Legs[0].ExitTime));
        var again = stopped.Trade(0, Side.Short, 0.3m, 51_000m).Book.Legs[0];
        Assert.Equal((true, HedgeExit.None, (decimal?)null, (DateTimeOffset?)null), (again.IsOpen, again.Exit, again.ExitPrice, again.ExitTime));
        var viaTarget = stopped.TradeTo(0, 0.3m, 51_000m).Book.Legs[0];
        Assert.Equal((HedgeExit.None, (decimal?)null), (viaTarget.Exit, viaTarget.ExitPrice));
    }

    [Fact]
    public void DefaultBarsAndPrints_AreRejectedWithTheReason()
    {
        Assert.Contains("default(FundingPrint) is not a print", BadInput.Throws("print", () => ShortHalf().Fund(default)).Message);
        Assert.Contains("default(PriceBar) is not a bar", BadInput.Throws("bar", () => ShortHalf().Move(default)).Message);
    }

    [Fact]
    public void NetPnl_ChecksTheMark_WithNoOpenLeg()
    {
        BadInput.Rejects("markPrice", (decimal m) => HedgeBook.Empty.NetPnl("USDT", m), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void BookLeg_ClosedLeg_MoneyAndText()
    {
        // Short 0.5 at 50,000 (fee 12.5); one print at +0.01 %, mark 50,000: the short receives 25,000·0.0001 = 2.5; bought
        // back at 48,000: realized 0.5·2,000 = 1,000, fee 0.5·48,000·0.0005 = 12. Net = 1,000 − 24.5 + 2.5 = 978.
        var book = ShortHalf();
        var open = book.Legs[0];
        Assert.Equal(1_000m, open.UnrealizedPnl(48_000m));          // 0.5·(50,000 − 48,000)
        Assert.Contains(open.Position!.ToString(), open.ToString());
        Assert.DoesNotContain("closed", open.ToString());
        var leg = book.Fund(new FundingPrint(T0, 0.0001m, 50_000m)).Trade(0, Side.Long, 0.5m, 48_000m).Book.Legs[0];
        Assert.Equal(978m, leg.NetPnl);
        Assert.Equal(0m, leg.UnrealizedPnl(48_000m));
        BadInput.Rejects("markPrice", (decimal m) => leg.UnrealizedPnl(m), BadInput.NonPositiveDecimals);
        Assert.Matches(@"^BTCUSDT Short Isolated: closed, None, net 978(\.0*)? USDT$", leg.ToString());
    }

    [Fact]
    public void Messages_OfTheSmallInputs()
    {
        Assert.Contains("(-1, 1)", BadInput.Throws("ratePerInterval", () => FundingTerms.Constant(1m, 1m)).Message);
        Assert.Contains("36,500", BadInput.Throws("holdingDays", () => FundingTerms.Constant(0m, 36_501m)).Message);
        Assert.Contains("(-1, 1)", BadInput.Throws("rate", () => new FundingPrint(T0, -1m, 1m)).Message);
        Assert.Contains("must not exceed the open (100) or the close (105)", BadInput.Throws("low", () => PriceBar.Create(T0, 100m, 110m, 101m, 105m)).Message);
        Assert.Contains("must not be below the open (100) or the close (105)", BadInput.Throws("high", () => PriceBar.Create(T0, 100m, 104m, 99m, 105m)).Message);
    }

    // ---- The straight path ----

    [Fact]
    public void MoveStraight_BadInput_NamesTheParameter()
    {
        var book = ShortHalf();
        BadInput.Rejects("from", (decimal f) => book.MoveStraight(f, 50_000m, FundingTerms.None), BadInput.NonPositiveDecimals);
        BadInput.Rejects("to", (decimal t) => book.MoveStraight(50_000m, t, FundingTerms.None), BadInput.NonPositiveDecimals);
        BadInput.Throws("funding", () => book.MoveStraight(50_000m, 50_000m, null!));
    }

    [Fact]
    public void MoveStraight_NoPrint_IsOneBarOverTheHoldingPeriod()
    {
        // A quarter day with 8-hour funding holds no print: one bar from the start, ending 6 hours later. Short 0.5 (LP
        // 54,780.88) up to 60,000 is liquidated in it; long 1 at 5x (LP (10,000 − 50,000)/(0.004 − 1) = 40,160.64) down to
        // 40,000 too.
        var quarter = FundingTerms.Constant(0.0001m, 0.25m);
        var s = ShortHalf().MoveStraight(50_000m, 60_000m, quarter, T0).Legs[0];
        Assert.Equal((HedgeExit.Liquidated, T0.AddHours(6)), (s.Exit, s.ExitTime));
        Assert.Equal(0m, s.Funding);
        var l = HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 5m).Book.MoveStraight(50_000m, 40_000m, FundingTerms.None, T0).Legs[0];
        Assert.Equal((HedgeExit.Liquidated, T0), (l.Exit, l.ExitTime));
        Assert.Equal(40_160.64m, Math.Round(l.ExitPrice!.Value, 2));
    }

    [Fact]
    public void MoveStraight_ACrossLeg_IsLiquidatedOnThePath()
    {
        // Cross short 0.5 at 50,000, wallet 3,000 − 12.5: LP 55,751.99 (HedgeBookBookkeepingTests). One day to 57,000 with
        // 8-hour prints at 52,333.33, 54,666.67, 57,000: crossed in the third segment, which ends at T0 + 24 h.
        var book = CrossBook(3_000m).Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross).Book;
        var leg = book.MoveStraight(50_000m, 57_000m, FundingTerms.Constant(0m, 1m), T0).Legs[0];
        Assert.Equal((HedgeExit.Liquidated, T0.AddHours(24)), (leg.Exit, leg.ExitTime));
        Assert.Equal(55_751.99m, Math.Round(leg.ExitPrice!.Value, 2));
    }

    [Fact]
    public void MoveStraight_TwoLegs_EachExitsOnItsOwnLevel()
    {
        // Two shorts of 0.5 at 50,000: 5x (LP (10,000 + 25,000)/0.502 = 69,721.12) and 10x (LP 54,780.88). To 56,000:
        // only the 10x leg is liquidated.
        var book = HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 5m).Book.Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book;
        var after = book.MoveStraight(50_000m, 56_000m, FundingTerms.Constant(0m, 1m), T0);
        Assert.True(after.Legs[0].IsOpen);
        Assert.Equal(HedgeExit.Liquidated, after.Legs[1].Exit);
    }

    [Fact]
    public void MoveStraight_TheFirstOpenLegsFundingInterval_CountsThePrints()
    {
        // Leg 0 on BTCUSDT (8 h), leg 1 on a 4-hour contract; a flat day at 50,000 and +0.01 %: the book pays the first open
        // leg's 3 prints, 0.5·50,000·0.0001 = 2.5 each → 7.5 to each short (not 6 prints, 15).
        var fourHour = Contract.Linear("FOURUSDT", "BTC", "USDT", new MarginTierTable([new MarginTier(1, 0m, 1_000_000_000m, 125m, 0.004m, 0m)]),
            tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0m, takerFeeRate: 0m, fundingInterval: TimeSpan.FromHours(4));
        var book = ShortHalf().Open(fourHour, Side.Short, 0.5m, 50_000m, 10m).Book;
        var after = book.MoveStraight(50_000m, 50_000m, FundingTerms.Constant(0.0001m, 1m), T0);
        Assert.Equal(7.5m, after.Legs[0].Funding);
        Assert.Equal(7.5m, after.Legs[1].Funding);
    }

    [Fact]
    public void MoveStraight_EndsExactlyAtTheEndPrice()
    {
        // From 2 to 1 in three prints: the step −1/3 is not exact in decimal (2 + 3·step = 1.0000…0001), but the path ends
        // at 1 itself, so a long's stop at exactly 1 is reached at the last print (fill 1, PnL 1·(1 − 2) = −1).
        var c = HedgeMath.Tests.Scenarios.Stub.Contract();
        var book = HedgeBook.Empty.Open(c, Side.Long, 1m, 2m, 1m, stop: StopOrder.At(1m)).Book;
        var leg = book.MoveStraight(2m, 1m, FundingTerms.Constant(0m, 1m), T0).Legs[0];
        Assert.Equal((HedgeExit.Stopped, 1m, -1m, T0.AddHours(24)), (leg.Exit, leg.ExitPrice, leg.RealizedPnl, leg.ExitTime));
    }

    [Fact]
    public void MoveStraight_APrintTableOfAnotherPath_IsNotUsed()
    {
        // An inverse (COIN-M) short whose funding sums 1/p over the prints: a shared table is used only when it is of this
        // path (same from, to and count); one that differs in any of them gives the result of no table.
        var coin = Contract.BinanceCoinMBtcUsd;
        var book = HedgeBook.Empty.Open(coin, Side.Short, 100m, 50_000m, 5m).Book;
        var terms = FundingTerms.Constant(0.0001m, 1m); // 3 prints
        decimal expected = book.MoveStraight(50_000m, 53_000m, terms, T0).Legs[0].Funding;
        Assert.True(expected > 0m); // a short receives at a positive rate
        foreach (var table in new[] { new StraightPrints(40_000m, 53_000m, 3), new StraightPrints(50_000m, 63_000m, 3), new StraightPrints(50_000m, 53_000m, 6) })
            Assert.Equal(expected, book.MoveStraightRoute(50_000m, 53_000m, terms, T0, printByPrint: false, table).Legs[0].Funding);
        // The table of this path gives the same sums (accumulated in the same order).
        Assert.Equal(expected, book.MoveStraightRoute(50_000m, 53_000m, terms, T0, printByPrint: false, new StraightPrints(50_000m, 53_000m, 3)).Legs[0].Funding);
    }
}
