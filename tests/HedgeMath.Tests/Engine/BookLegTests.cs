using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// A leg's figures at a price (<see cref="BookLeg.PnlAt"/>, <see cref="BookLeg.CloseFeeAt"/>, <see cref="BookLeg.ToQuote"/>), by
/// hand: the one owner the strategies' outcomes (<c>HedgeOutcome</c>) and <c>plan at</c> both read (issue 25's rule on issue 28's path).
/// </summary>
public class BookLegTests
{
    [Fact]
    public void LinearShort_OpenThenClosed_ByHand()
    {
        // Short 0.5 BTCUSDT at 60,000 (taker 0.05 %): open fee 0.5 × 60,000 × 0.0005 = 15.
        var book = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 60_000m, 2m).Book;
        var leg = book.Legs[0];
        Assert.Equal(15m, leg.Fees);
        // At 54,000: unrealized 0.5 × (60,000 − 54,000) = 3,000; closing there costs 0.5 × 54,000 × 0.0005 = 13.5.
        Assert.Equal(3_000m, leg.PnlAt(54_000m));
        Assert.Equal(13.5m, leg.CloseFeeAt(54_000m));
        Assert.Equal(5.4m, leg.CloseFeeAt(54_000m, maker: true)); // maker 0.02 %: 27,000 × 0.0002
        // Linear: settled in USDT, the quote asset, whatever the price.
        Assert.Equal(3_000m, leg.ToQuote(3_000m, 54_000m));
        // Closed at 54,000: 3,000 realized, 28.5 fees; nothing left to close, the PnL no longer moves.
        var closed = book.TradeTo(0, 0m, 54_000m).Book.Legs[0];
        Assert.Equal(3_000m, closed.PnlAt(70_000m));
        Assert.Equal(0m, closed.CloseFeeAt(70_000m));
        Assert.Equal(28.5m, closed.Fees);
    }

    [Fact]
    public void InverseShort_ValuesTheCoinAtThePrice_ByHand()
    {
        // Short 10 BTCUSD_PERP contracts (100 USD each) at 50,000: 1,000 USD of BTC.
        var c = Contract.BinanceCoinMBtcUsd;
        var leg = HedgeBook.Empty.Open(c, Side.Short, 10m, 50_000m, 2m).Book.Legs[0];
        // At 40,000: 1,000 × (1/40,000 − 1/50,000) = 0.005 BTC, worth 0.005 × 40,000 = 200 USD.
        Assert.Equal(0.005m, leg.PnlAt(40_000m));
        Assert.Equal(200m, leg.ToQuote(leg.PnlAt(40_000m), 40_000m));
        // Closing costs 1,000 / 40,000 = 0.025 BTC of notional × the taker rate.
        Assert.Equal(0.025m * c.TakerFeeRate, leg.CloseFeeAt(40_000m));
    }

    [Fact]
    public void BadPrice_NamesPrice()
    {
        var leg = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 60_000m, 2m).Book.Legs[0];
        BadInput.Throws("price", () => leg.PnlAt(0m));
        BadInput.Throws("price", () => leg.CloseFeeAt(-1m));
        BadInput.Throws("price", () => leg.ToQuote(1m, 0m));
        var inverse = HedgeBook.Empty.Open(Contract.BinanceCoinMBtcUsd, Side.Short, 10m, 50_000m, 2m).Book.Legs[0];
        BadInput.Throws("settlementAmount", () => inverse.ToQuote(decimal.MaxValue, 2m));
    }
}
