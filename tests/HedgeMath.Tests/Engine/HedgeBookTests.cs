using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Engine;

public class HedgeBookTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static Contract Btc => Contract.BinanceBtcUsdt;
    private static Contract CoinM => Contract.BinanceCoinMBtcUsd;

    private static HedgeBook ShortHalfBtc(StopOrder? stop = null) =>
        HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m, stop: stop).Book;

    [Fact]
    public void Move_PastIsolatedLiquidation_LosesExactlyTheMargin()
    {
        // Short 0.5 BTC at 50,000, 10x: margin = 0.5·50,000/10 = 2,500 USDT; open fee = 25,000·0.0005 = 12.5.
        // The liquidation price comes from MarginCalc (Binance: (2,500 + 0 + 0.5·50,000)/(0.5·0.004 + 0.5) = 54,780.88).
        var book = ShortHalfBtc();
        Assert.Equal(54_780.88m, Math.Round(book.Legs[0].LiquidationPrice!.Value, 2));
        var after = book.Move(PriceBar.Straight(T0, 50_000m, 60_000m));
        var leg = after.Legs[0];
        Assert.Equal(HedgeExit.Liquidated, leg.Exit);
        Assert.Equal(-2_500m, leg.RealizedPnl);           // not 0.5·(50,000 − 60,000) = −5,000
        Assert.Equal(12.5m, leg.Fees);
        Assert.False(leg.IsOpen);
        Assert.Equal(-2_512.5m, after.NetPnl("USDT", 60_000m));
    }

    [Fact]
    public void Move_ThroughStop_FillsAtStopPlusSlippage_WithTakerFee()
    {
        // Stop 52,000 with 0.1 % slippage: fill 52,052; PnL 0.5·(50,000 − 52,052) = −1,026; close fee 0.5·52,052·0.0005 = 13.013.
        var book = ShortHalfBtc(StopOrder.At(52_000m, slippage: 0.001m));
        var leg = book.Move(PriceBar.Straight(T0, 50_000m, 56_000m)).Legs[0];
        Assert.Equal(HedgeExit.Stopped, leg.Exit);
        Assert.Equal(52_052m, leg.ExitPrice);
        Assert.Equal(-1_026m, leg.RealizedPnl);
        Assert.Equal(12.5m + 13.013m, leg.Fees);
    }

    [Fact]
    public void Move_GappingThroughStop_FillsAtTheOpen()
    {
        var book = ShortHalfBtc(StopOrder.At(52_000m, slippage: 0.001m));
        var leg = book.Move(PriceBar.Create(T0, 53_000m, 53_500m, 52_800m, 53_100m)).Legs[0];
        Assert.Equal(HedgeExit.Stopped, leg.Exit);
        Assert.Equal(53_000m, leg.ExitPrice);
        Assert.Equal(0.5m * (50_000m - 53_000m), leg.RealizedPnl);
    }

    [Fact]
    public void Move_StopOnLast_FiresOnLastWick_NotOnMark()
    {
        var onLast = ShortHalfBtc(StopOrder.At(52_000m, TriggerPrice.Last));
        var onMark = ShortHalfBtc(StopOrder.At(52_000m, TriggerPrice.Mark));
        // Mark (index) high 51,500; last-price wick to 52,400.
        var bar = PriceBar.Create(T0, 50_000m, 51_500m, 49_800m, 50_500m, 50_010m, 52_400m, 49_700m, 50_520m);
        Assert.Equal(HedgeExit.Stopped, onLast.Move(bar).Legs[0].Exit);
        Assert.Equal(HedgeExit.None, onMark.Move(bar).Legs[0].Exit);
    }

    [Fact]
    public void Move_StopBeyondLiquidation_IsLiquidatedFirst()
    {
        var book = ShortHalfBtc(StopOrder.At(56_000m));
        var leg = book.Move(PriceBar.Straight(T0, 50_000m, 57_000m)).Legs[0];
        Assert.Equal(HedgeExit.Liquidated, leg.Exit);
        Assert.Equal(-2_500m, leg.RealizedPnl);
    }

    [Fact]
    public void Inverse_Liquidation_LosesExactlyTheCoinMargin()
    {
        // 250 contracts × 100 USD at 50,000, 10x: notional 25,000/50,000 = 0.5 BTC, margin 0.05 BTC; open fee 0.5·0.0005 = 0.00025 BTC.
        var book = HedgeBook.Empty.Open(CoinM, Side.Short, 250m, 50_000m, 10m).Book;
        Assert.Equal(0.05m, book.Legs[0].Position!.IsolatedMargin);
        var leg = book.Move(PriceBar.Straight(T0, 50_000m, 70_000m)).Legs[0];
        Assert.Equal(HedgeExit.Liquidated, leg.Exit);
        Assert.Equal(-0.05m, leg.RealizedPnl);
        Assert.Equal(0.00025m, leg.Fees);
    }

    [Fact]
    public void Open_RoundsDownToLotStep_AndReportsIt()
    {
        var r = HedgeBook.Empty.Open(Btc, Side.Short, 0.12345m, 50_000m, 5m);
        Assert.Equal(0.123m, r.Fill.FilledQuantity);
        Assert.Equal(-0.00045m, r.Fill.RoundingDifference);
        Assert.Equal(0.123m * 50_000m * 0.0005m, r.Fill.Fee);
    }

    [Fact]
    public void TradeTo_TradesOnlyTheDifference()
    {
        // From 0.5 to 0.3 BTC at 48,000: buy back 0.2; fee 0.2·48,000·0.0005 = 4.8; realized 0.2·(50,000 − 48,000) = 400.
        var r = ShortHalfBtc().TradeTo(0, 0.3m, 48_000m);
        Assert.Equal(0.2m, r.Fill.FilledQuantity);
        Assert.Equal(Side.Long, r.Fill.Side);
        Assert.Equal(4.8m, r.Fill.Fee);
        Assert.Equal(400m, r.Fill.RealizedPnl);
        Assert.Equal(0.3m, r.Book.Legs[0].Position!.Quantity);
        Assert.Equal(12.5m + 4.8m, r.Book.Legs[0].Fees);
    }

    [Fact]
    public void Fund_PaysOnNotionalAtThePrintsMark()
    {
        // Short 0.5 BTC, rate +0.0001, mark 52,000: the short receives 0.5·52,000·0.0001 = 2.6 USDT.
        var b = ShortHalfBtc().Fund(new FundingPrint(T0, 0.0001m, 52_000m));
        Assert.Equal(2.6m, b.Legs[0].Funding);
        // Inverse: 250 contracts at mark 40,000: 25,000/40,000 = 0.625 BTC notional, × 0.0001 = 0.0000625 BTC.
        var inv = HedgeBook.Empty.Open(CoinM, Side.Short, 250m, 50_000m, 10m).Book.Fund(new FundingPrint(T0, 0.0001m, 40_000m));
        Assert.Equal(0.0000625m, inv.Legs[0].Funding);
    }

    [Fact]
    public void CrossLiquidation_LosesTheWholeWalletBalance()
    {
        var book = HedgeBook.Create(crossWallets: new Dictionary<string, decimal> { ["USDT"] = 3_000m })
            .Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross).Book;
        var after = book.Move(PriceBar.Straight(T0, 50_000m, 70_000m));
        Assert.Equal(HedgeExit.Liquidated, after.Legs[0].Exit);
        // Wallet 3,000 − open fee 12.5 = 2,987.5 is lost; with the fee the book is down exactly the 3,000 deposited.
        Assert.Equal(-3_000m, after.NetPnl("USDT", 70_000m));
        Assert.Equal(0m, after.CrossWallets["USDT"]);
    }

    [Fact]
    public void BadInput_IsRejected_NamingTheParameter()
    {
        Assert.Equal("from", Assert.Throws<ArgumentOutOfRangeException>(() => PriceBar.Straight(T0, 0m, 50_000m)).ParamName);
        Assert.Equal("price", Assert.Throws<ArgumentOutOfRangeException>(() => HedgeBook.Empty.Open(CoinM, Side.Short, 10m, 0m, 5m)).ParamName);
        Assert.Equal("leverage", Assert.Throws<ArgumentOutOfRangeException>(() => HedgeBook.Empty.Open(Btc, Side.Short, 1m, 50_000m, 500m)).ParamName);
        Assert.Equal("bar", Assert.Throws<ArgumentOutOfRangeException>(() => ShortHalfBtc().Move(default)).ParamName);
        Assert.Equal("slippage", Assert.Throws<ArgumentOutOfRangeException>(() => StopOrder.At(1m, slippage: 1m)).ParamName);
        Assert.Equal("mode", Assert.Throws<ArgumentException>(() => HedgeBook.Empty.Open(Btc, Side.Short, 1m, 50_000m, 5m, MarginMode.Cross)).ParamName);
        Assert.Equal("quantity", Assert.Throws<ArgumentOutOfRangeException>(() => ShortHalfBtc().Trade(0, Side.Long, 0.6m, 50_000m)).ParamName);
    }
}
