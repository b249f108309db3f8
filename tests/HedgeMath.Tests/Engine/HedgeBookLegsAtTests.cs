using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// The legs' figures at a price summed in the quote asset (<see cref="HedgeBook.LegsAt(decimal)"/>, the totals of
/// <c>plan at</c>'s table), by hand: each leg's PnL, fees, fee to close and funding, an inverse leg's coin valued at the price.
/// </summary>
public class HedgeBookLegsAtTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OnePrice_LinearAndInverseLegs_ByHand()
    {
        Assert.Equal(0.0005m, Contract.BinanceBtcUsdt.TakerFeeRate);
        Assert.Equal(0.0005m, Contract.BinanceCoinMBtcUsd.TakerFeeRate);
        // Short 0.5 BTCUSDT at 60,000: open fee 0.5 × 60,000 × 0.0005 = 15 USDT; a +0.01 % print at a 50,000 mark on
        // BTCUSDT only pays the short 0.5 × 50,000 × 0.0001 = 2.5 USDT.
        // Short 10 BTCUSD_PERP (100 USD each) at 50,000: open fee 1,000 / 50,000 × 0.0005 = 0.00001 BTC.
        var book = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 60_000m, 2m).Book
            .Open(Contract.BinanceCoinMBtcUsd, Side.Short, 10m, 50_000m, 2m).Book
            .Fund(new FundingPrint(T0, 0.0001m, 50_000m), "BTCUSDT");
        var (pnl, fees, closeFees, funding) = book.LegsAt(40_000m);
        // At 40,000: PnL 0.5 × 20,000 = 10,000 USDT + 1,000 × (1/40,000 − 1/50,000) = 0.005 BTC = 200 USD.
        Assert.Equal(10_200m, pnl);
        // Fees paid: 15 + 0.00001 BTC × 40,000 = 0.4. To close: 0.5 × 40,000 × 0.0005 = 10, + 1,000 / 40,000 × 0.0005
        // = 0.0000125 BTC = 0.5 USD.
        Assert.Equal(15.4m, fees);
        Assert.Equal(10.5m, closeFees);
        Assert.Equal(2.5m, funding);
    }

    [Fact]
    public void PricePerAsset_EachLegAtItsOwnAssetsPrice_ByHand()
    {
        Assert.Equal(0.0005m, Contract.BinanceEthUsdt.TakerFeeRate);
        // Short 0.5 BTCUSDT at 60,000 (fee 15) and short 2 ETHUSDT at 3,000 (fee 2 × 3,000 × 0.0005 = 3).
        var book = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 60_000m, 2m).Book
            .Open(Contract.BinanceEthUsdt, Side.Short, 2m, 3_000m, 2m).Book;
        var prices = new Dictionary<string, decimal> { ["BTC"] = 54_000m, ["ETH"] = 2_500m, ["SOL"] = 150m };
        var (pnl, fees, closeFees, funding) = book.LegsAt(prices);
        // BTC at 54,000: 0.5 × 6,000 = 3,000, close 0.5 × 54,000 × 0.0005 = 13.5; ETH at 2,500: 2 × 500 = 1,000, close
        // 2 × 2,500 × 0.0005 = 2.5. A price no leg trades (SOL) is not used.
        Assert.Equal(4_000m, pnl);
        Assert.Equal(18m, fees);
        Assert.Equal(16m, closeFees);
        Assert.Equal(0m, funding);
        // One price for every leg values ETH at BTC's price: the per-asset overload is not that.
        Assert.NotEqual(pnl, book.LegsAt(54_000m).Pnl);
    }

    [Fact]
    public void NoLegs_AllZero_ClosedLeg_KeepsItsRealizedFigures()
    {
        Assert.Equal((0m, 0m, 0m, 0m), HedgeBook.Empty.LegsAt(50_000m));
        Assert.Equal((0m, 0m, 0m, 0m), HedgeBook.Empty.LegsAt(new Dictionary<string, decimal>()));
        // Closed at 54,000: 3,000 realized, fees 15 + 13.5 = 28.5; nothing left to close at any later price.
        var closed = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 60_000m, 2m).Book.TradeTo(0, 0m, 54_000m).Book;
        Assert.Equal((3_000m, 28.5m, 0m, 0m), closed.LegsAt(70_000m));
    }

    [Fact]
    public void BadPrices_NameTheParameter()
    {
        var book = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 60_000m, 2m).Book
            .Open(Contract.BinanceEthUsdt, Side.Short, 2m, 3_000m, 2m).Book;
        BadInput.Throws("price", () => book.LegsAt(0m));
        BadInput.Throws("price", () => book.LegsAt(-1m));
        BadInput.Throws("prices", () => book.LegsAt(new Dictionary<string, decimal> { ["BTC"] = 54_000m }));
        BadInput.Throws("prices", () => book.LegsAt(new Dictionary<string, decimal> { ["BTC"] = 54_000m, ["ETH"] = 0m }));
        Assert.Throws<ArgumentNullException>("prices", () => book.LegsAt(null!));
    }
}
