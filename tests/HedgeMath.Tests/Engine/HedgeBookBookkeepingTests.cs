using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// The book's bookkeeping by hand: which legs a symbol-filtered move or funding print touches, cross wallets after
/// fees, stops and funding, trades that reduce, re-open and close a leg, and each rejected input by name.
/// </summary>
public class HedgeBookBookkeepingTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static Contract Btc => Contract.BinanceBtcUsdt;
    private static Contract Eth => Contract.BinanceEthUsdt;

    private static HedgeBook CrossBook(decimal wallet = 10_000m) =>
        HedgeBook.Create(crossWallets: new Dictionary<string, decimal> { ["USDT"] = wallet });

    [Fact]
    public void Create_KeepsSpotAndWallets_AndRejectsBadOnes()
    {
        var btc = SpotHolding.Create("BTC", 1m, 50_000m);
        var b = HedgeBook.Create([btc], new Dictionary<string, decimal> { ["USDT"] = 0m, ["BTC"] = 2m });
        Assert.Same(btc, Assert.Single(b.Spot));
        Assert.Equal(0m, b.CrossWallets["USDT"]);
        Assert.Equal(2m, b.CrossWallets["BTC"]);
        Assert.Empty(b.Legs);
        Assert.Equal("book: 1 spot, 0 legs (0 open)", b.ToString());
        BadInput.Throws("spot", () => HedgeBook.Create([btc, null!]));
        BadInput.Throws("crossWallets", () => HedgeBook.Create(crossWallets: new Dictionary<string, decimal> { ["USDT"] = -0.01m }));
    }

    [Fact]
    public void Open_Cross_PaysTheFeeFromTheWallet_AndHasNoIsolatedLiquidationPrice()
    {
        // Cross short 1 BTC at 50,000: taker fee 25 leaves the wallet at 9,975; a cross leg has no own liquidation price.
        var r = CrossBook().Open(Btc, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross);
        Assert.Equal(9_975m, r.Book.CrossWallets["USDT"]);
        Assert.Null(r.Book.Legs[0].LiquidationPrice);
        Assert.Equal(25m, r.Fill.Fee);
        // A maker open: 50,000 · 0.0002 = 10.
        Assert.Equal(10m, CrossBook().Open(Btc, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross, maker: true).Fill.Fee);
        // An isolated open leaves the wallets alone.
        Assert.Equal(10_000m, CrossBook().Open(Btc, Side.Short, 1m, 50_000m, 10m).Book.CrossWallets["USDT"]);
        Assert.Equal("book: 0 spot, 1 legs (1 open)", r.Book.ToString());
    }

    [Fact]
    public void Open_BadInput_NamesTheParameter()
    {
        var book = CrossBook();
        BadInput.Throws("contract", () => book.Open(null!, Side.Short, 1m, 1m, 1m));
        BadInput.Throws("side", () => book.Open(Btc, (Side)5, 1m, 1m, 1m));
        BadInput.Rejects("quantity", (decimal q) => book.Open(Btc, Side.Short, q, 50_000m, 1m), BadInput.NonPositiveDecimals);
        BadInput.Throws("mode", () => book.Open(Btc, Side.Short, 1m, 50_000m, 1m, (MarginMode)9));
        BadInput.Rejects("leverage", (decimal l) => book.Open(Btc, Side.Short, 1m, 50_000m, l), 0.99m, 0m, 125.01m);
        Assert.Equal(125m, book.Open(Btc, Side.Short, 0.001m, 50_000m, 125m).Book.Legs[0].Leverage);
        BadInput.Throws("isolatedMargin", () => book.Open(Btc, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross, isolatedMargin: 5_000m));
        BadInput.Throws("rule", () => book.Open(Btc, Side.Short, 1m, 50_000m, 10m, rule: LiquidationRule.BinanceCoinM));
        // A cross leg needs a wallet in its settlement asset: COIN-M settles in BTC, the book only has USDT.
        BadInput.Throws("mode", () => book.Open(Contract.BinanceCoinMBtcUsd, Side.Short, 10m, 50_000m, 10m, MarginMode.Cross));
    }

    [Fact]
    public void Trade_ReduceReopenAndBadInput()
    {
        var book = HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book;
        // Add 0.1 at 60,000: the position grows to 0.6, fee 0.1·60,000·0.0005 = 3, nothing realized.
        var up = book.Trade(0, Side.Short, 0.1m, 60_000m);
        Assert.Equal(0.6m, up.Book.Legs[0].Position!.Quantity);
        Assert.Equal(3m, up.Fill.Fee);
        Assert.Equal(0m, up.Fill.RealizedPnl);
        // Buy back all 0.5 at 48,000: closed, realized 0.5·(50,000 − 48,000) = 1,000.
        var closed = book.Trade(0, Side.Long, 0.5m, 48_000m);
        Assert.False(closed.Book.Legs[0].IsOpen);
        Assert.Equal(1_000m, closed.Book.Legs[0].RealizedPnl);
        // Re-open the closed leg on its own side: a fresh 0.2 at 49,000.
        var again = closed.Book.Trade(0, Side.Short, 0.2m, 49_000m);
        Assert.Equal(0.2m, again.Book.Legs[0].Position!.Quantity);
        Assert.Equal(49_000m, again.Book.Legs[0].Position!.EntryPrice);
        Assert.Equal(HedgeExit.None, again.Book.Legs[0].Exit);
        BadInput.Throws("side", () => closed.Book.Trade(0, Side.Long, 0.2m, 49_000m));
        // A quantity below one lot trades nothing.
        var dust = book.Trade(0, Side.Short, 0.0004m, 50_000m);
        Assert.Same(book, dust.Book);
        Assert.Equal(0m, dust.Fill.FilledQuantity);
        // Exactly the leg's quantity may be bought back; more may not.
        Assert.False(book.Trade(0, Side.Long, 0.5m, 50_000m).Book.Legs[0].IsOpen);
        BadInput.Throws("quantity", () => book.Trade(0, Side.Long, 0.501m, 50_000m));
        BadInput.Rejects("leg", (int i) => book.Trade(i, Side.Long, 0.1m, 50_000m), -1, 1);
        BadInput.Throws("side", () => book.Trade(0, (Side)3, 0.1m, 50_000m));
        BadInput.Rejects("quantity", (decimal q) => book.Trade(0, Side.Short, q, 50_000m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("price", (decimal p) => book.Trade(0, Side.Short, 0.1m, p), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void Trade_Cross_MovesRealizedPnlAndFeeIntoTheWallet()
    {
        // Cross short 1 at 50,000 (wallet 10,000 − 25 = 9,975); buy back 0.4 at 45,000: realized 0.4·5,000 = 2,000,
        // fee 0.4·45,000·0.0005 = 9 → wallet 9,975 + 2,000 − 9 = 11,966.
        var book = CrossBook().Open(Btc, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross).Book;
        var r = book.Trade(0, Side.Long, 0.4m, 45_000m);
        Assert.Equal(11_966m, r.Book.CrossWallets["USDT"]);
        Assert.Equal(2_000m, r.Fill.RealizedPnl);
    }

    [Fact]
    public void TradeTo_NothingToDo_Grows_AndClosesExactly()
    {
        var book = HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book;
        var same = book.TradeTo(0, 0.5m, 51_000m);
        Assert.Same(book, same.Book);
        Assert.Equal(0m, same.Fill.FilledQuantity);
        Assert.Equal(0m, same.Fill.Fee);
        // Up to 0.7: sells 0.2 more (the leg's side).
        var grow = book.TradeTo(0, 0.7m, 50_000m);
        Assert.Equal(Side.Short, grow.Fill.Side);
        Assert.Equal(0.2m, grow.Fill.FilledQuantity);
        // To zero: the whole position is bought back.
        var zero = book.TradeTo(0, 0m, 49_000m);
        Assert.False(zero.Book.Legs[0].IsOpen);
        Assert.Equal(500m, zero.Fill.RealizedPnl);          // 0.5·(50,000 − 49,000)
        // A closed leg asked for zero again: nothing.
        Assert.Same(zero.Book, zero.Book.TradeTo(0, 0m, 49_000m).Book);
        BadInput.Rejects("targetQuantity", (decimal q) => book.TradeTo(0, q, 1m), BadInput.NegativeDecimals);
        BadInput.Rejects("price", (decimal p) => book.TradeTo(0, 0.1m, p), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void Fund_SymbolFilter_AndCrossWallet()
    {
        // A cross BTC short (0.5) and an isolated ETH short (10 at 3,000; a cross wallet holds one underlying). A BTC print
        // at +0.0001, mark 52,000: the BTC leg receives 2.6, the ETH leg nothing; the wallet (10,000 − 12.5 open fee =
        // 9,987.5; the isolated leg's fee is not the wallet's) gains 2.6.
        var book = CrossBook()
            .Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross).Book
            .Open(Eth, Side.Short, 10m, 3_000m, 10m).Book;
        Assert.Equal(9_987.5m, book.CrossWallets["USDT"]);
        var f = book.Fund(new FundingPrint(T0, 0.0001m, 52_000m), "BTCUSDT");
        Assert.Equal(2.6m, f.Legs[0].Funding);
        Assert.Equal(0m, f.Legs[1].Funding);
        Assert.Equal(9_990.1m, f.CrossWallets["USDT"]);
        BadInput.Throws("print", () => book.Fund(default));
    }

    [Fact]
    public void Move_SymbolFilter_LeavesOtherLegsAlone()
    {
        // Two isolated shorts; a BTC bar through the BTC liquidation price touches only the BTC leg.
        var book = HedgeBook.Empty
            .Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book
            .Open(Eth, Side.Short, 10m, 3_000m, 10m).Book;
        var after = book.Move(PriceBar.Straight(T0, 50_000m, 60_000m), "BTCUSDT");
        Assert.Equal(HedgeExit.Liquidated, after.Legs[0].Exit);
        Assert.Equal(T0, after.Legs[0].ExitTime);
        Assert.Equal(2_500m, after.Legs[0].MarginLost);
        Assert.True(after.Legs[1].IsOpen);
        // Without the filter the same bar (60,000 is far beyond ETH's liquidation) closes both.
        Assert.False(book.Move(PriceBar.Straight(T0, 50_000m, 60_000m)).Legs[1].IsOpen);
    }

    [Fact]
    public void Move_CrossStop_SettlesIntoTheWallet()
    {
        // Cross short 1 at 50,000 with a stop at 51,000 (no slippage). Wallet 10,000 − 25 = 9,975; the stop fills at 51,000:
        // realized −1,000, close fee 25.5 → wallet 9,975 − 1,000 − 25.5 = 8,949.5.
        var book = CrossBook().Open(Btc, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross, stop: StopOrder.At(51_000m)).Book;
        var after = book.Move(PriceBar.Straight(T0, 50_000m, 51_500m));
        Assert.Equal(HedgeExit.Stopped, after.Legs[0].Exit);
        Assert.Equal(8_949.5m, after.CrossWallets["USDT"]);
        Assert.Equal(25m + 25.5m, after.Legs[0].Fees);
    }

    [Fact]
    public void WithStop_AndNetPnl()
    {
        var book = HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book;
        var s = StopOrder.At(55_000m);
        var withStop = book.WithStop(0, s);
        Assert.Same(s, withStop.Legs[0].Stop);
        Assert.Null(withStop.WithStop(0, null).Legs[0].Stop);
        // Net PnL at 48,000: unrealized 0.5·2,000 = 1,000 − open fee 12.5 = 987.5; another asset counts nothing.
        Assert.Equal(987.5m, book.NetPnl("USDT", 48_000m));
        Assert.Equal(0m, book.NetPnl("BTC", 48_000m));
        BadInput.Rejects("markPrice", (decimal m) => book.NetPnl("USDT", m), BadInput.NonPositiveDecimals);
        BadInput.Throws("settlementAsset", () => book.NetPnl(" ", 1m));
        BadInput.Rejects("leg", (int i) => book.WithStop(i, null), -1, 1);
    }
    [Fact]
    public void CrossLiquidation_GapPastTheLiquidationPrice_ClosesAtTheOpen()
    {
        // Cross short 0.5 at 50,000, wallet 3,000 − 12.5 fee = 2,987.5: LP = (2,987.5 + 25,000)/(0.002 + 0.5) = 55,751.99.
        // A bar that opens at 60,000 finds the account already liquidatable: closed at the open, PnL 0.5·(50,000 − 60,000)
        // = −5,000; the book is down exactly the 3,000 deposited (the rest is the exchange's loss).
        var book = CrossBook(3_000m).Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross).Book;
        var after = book.Move(PriceBar.Straight(T0, 60_000m, 61_000m));
        Assert.Equal(HedgeExit.Liquidated, after.Legs[0].Exit);
        Assert.Equal(60_000m, after.Legs[0].ExitPrice);
        Assert.Equal(-5_000m, after.Legs[0].RealizedPnl);
        Assert.Equal(-3_000m, after.NetPnl("USDT", 61_000m));
        Assert.Equal(0m, after.CrossWallets["USDT"]);
        // A bar from 50,000 to 57,000 reaches the LP from below: closed there.
        var hit = book.Move(PriceBar.Straight(T0, 50_000m, 57_000m)).Legs[0];
        Assert.Equal(55_751.99m, Math.Round(hit.ExitPrice!.Value, 2));
        // One to 55,000 does not.
        Assert.True(book.Move(PriceBar.Straight(T0, 50_000m, 55_000m)).Legs[0].IsOpen);
    }

    [Fact]
    public void CrossLiquidation_Long_ReachedFromAbove()
    {
        // Cross long 0.5 at 50,000, wallet 2,987.5 after the fee: LP = (2,987.5 − 25,000)/(0.002 − 0.5) = 44,201.81.
        var book = CrossBook(3_000m).Open(Btc, Side.Long, 0.5m, 50_000m, 10m, MarginMode.Cross).Book;
        var hit = book.Move(PriceBar.Straight(T0, 50_000m, 40_000m)).Legs[0];
        Assert.Equal(HedgeExit.Liquidated, hit.Exit);
        Assert.Equal(44_201.81m, Math.Round(hit.ExitPrice!.Value, 2));
        Assert.Equal(T0, hit.ExitTime);
        Assert.True(book.Move(PriceBar.Straight(T0, 50_000m, 45_000m)).Legs[0].IsOpen);
    }
}
