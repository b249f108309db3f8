using HedgeMath.Positions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// The double fast leg on hand-computed cases: exit levels of a short and a long, with and without a stop or a
/// liquidation price, which exit comes first, the fill, and the money at the end (the property test compares it with
/// the engine on random books; these pin each branch to a number).
/// </summary>
public class FastLegTests
{
    private static Contract Btc => Contract.BinanceBtcUsdt;

    // Short 0.5 BTC at 50,000, 10x: margin 2,500, open fee 25,000·0.0005 = 12.5, liquidation ≈ 54,780.88 (HedgeBookTests).
    private static BookLeg ShortLeg(StopOrder? stop = null) =>
        HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m, stop: stop).Book.Legs[0];

    // Long 1 BTC at 50,000, 5x: margin 10,000; Binance LP = (10,000 − 50,000)/(1·0.004 − 1) = 40,160.64…
    private static BookLeg LongLeg(StopOrder? stop = null) =>
        HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 5m, stop: stop).Book.Legs[0];

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1d, Math.Abs(expected)), $"expected {expected}, got {actual}");

    [Fact]
    public void Constants_FromTheLeg()
    {
        var leg = ShortLeg(StopOrder.At(52_000m, slippage: 0.001m));
        var f = new FastLeg(leg);
        Assert.True(f.Active);
        Assert.True(f.Linear);
        Assert.False(f.Long);
        Assert.Equal(0.5d, f.Qk);
        Assert.Equal(25_000d, f.EntryValue);
        Assert.Equal(2_500d, f.Margin);
        Assert.Equal((double)leg.LiquidationPrice!.Value, f.Liq);
        Assert.Equal(52_000d, f.Stop);
        Assert.Equal(52_052d, f.StopFill);          // a short's stop buys: 52,000·1.001
        Assert.Equal(0.0005d, f.FeeRate);           // taker, the exits are market orders
        Near(49_896.008d, new FastLeg(LongLeg(StopOrder.At(49_996m, slippage: 0.002m))).StopFill); // a long's stop sells: 49,996·0.998
    }

    [Fact]
    public void Threshold_IsTheNearerOfStopAndLiquidation()
    {
        // Short: the lower of stop 52,000 and liquidation 54,780.88; without a stop the liquidation price.
        Assert.Equal(52_000d, new FastLeg(ShortLeg(StopOrder.At(52_000m))).Threshold);
        var bare = ShortLeg();
        Assert.Equal((double)bare.LiquidationPrice!.Value, new FastLeg(bare).Threshold);
        // Long: the higher of stop 45,000 and liquidation 40,160.64; with a stop below the liquidation, the liquidation.
        Assert.Equal(45_000d, new FastLeg(LongLeg(StopOrder.At(45_000m))).Threshold);
        var deep = LongLeg(StopOrder.At(30_000m));
        Assert.Equal((double)deep.LiquidationPrice!.Value, new FastLeg(deep).Threshold);
        // A 1x linear long has no liquidation price: the stop alone, or 0 (never exits) without one.
        var oneX = HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 1m).Book.Legs[0];
        Assert.Null(oneX.LiquidationPrice);
        Assert.Equal(0d, new FastLeg(oneX).Threshold);
        var oneXStop = HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 1m, stop: StopOrder.At(45_000m)).Book.Legs[0];
        Assert.Equal(45_000d, new FastLeg(oneXStop).Threshold);
    }

    [Fact]
    public void InactiveLeg_NeverExits_AndSettlesToZero()
    {
        // 0.0004 BTC rounds down to 0 lots (step 0.001): the leg is there but holds no position.
        var shortLeg = HedgeBook.Empty.Open(Btc, Side.Short, 0.0004m, 50_000m, 10m).Book.Legs[0];
        var longLeg = HedgeBook.Empty.Open(Btc, Side.Long, 0.0004m, 50_000m, 10m).Book.Legs[0];
        Assert.False(shortLeg.IsOpen);
        var s = new FastLeg(shortLeg);
        var l = new FastLeg(longLeg);
        Assert.False(s.Active);
        Assert.Equal(double.PositiveInfinity, s.Threshold);    // a short exits on a rise: never
        Assert.Equal(0d, l.Threshold);                         // a long exits on a fall: never
        Assert.Equal(HedgeExit.None, s.FirstExit(50_000, 1e12, 1, out _));
        Assert.Equal(0d, s.Settle(HedgeExit.None, 0d, 60_000d));
        Assert.Equal(0d, s.Notional(50_000d));
    }

    [Fact]
    public void NotionalPnlAndFunding_LinearShort()
    {
        var f = new FastLeg(ShortLeg());
        Near(30_000d, f.Notional(60_000d));                 // 0.5 · 60,000
        Near(1_000d, f.Pnl(48_000d));                       // short: −(0.5·48,000 − 25,000)
        Near(-5_000d, f.Pnl(60_000d));
        Near(2.6d, f.FundingPayment(52_000d, 0.0001d));     // the short receives 0.5·52,000·0.0001
        Near(-2.6d, f.FundingPayment(52_000d, -0.0001d));
        var l = new FastLeg(LongLeg());
        Near(-5.2d, l.FundingPayment(52_000d, 0.0001d));    // the long pays 1·52,000·0.0001
        Near(2_000d, l.Pnl(52_000d));
    }

    [Fact]
    public void NotionalAndPnl_InverseShort()
    {
        // 250 contracts × 100 USD = 25,000 USD: 0.5 BTC at 50,000, 0.625 BTC at 40,000. Inverse PnL = side·Q·(1/EP − 1/P):
        // the short at 40,000 gains −25,000·(1/50,000 − 1/40,000) = +0.125 BTC.
        var f = new FastLeg(HedgeBook.Empty.Open(Contract.BinanceCoinMBtcUsd, Side.Short, 250m, 50_000m, 10m).Book.Legs[0]);
        Assert.False(f.Linear);
        Near(0.5d, f.EntryValue);
        Near(0.625d, f.Notional(40_000d));
        Near(0.125d, f.Pnl(40_000d));
        Near(-0.1d, f.Pnl(62_500d));                        // −25,000·(1/50,000 − 1/62,500) = −0.1 BTC
    }

    [Fact]
    public void FirstExit_Short_StopBeforeLiquidation_FillsWithSlippage()
    {
        var f = new FastLeg(ShortLeg(StopOrder.At(52_000m, slippage: 0.001m)));
        // The high stays below the stop: nothing.
        Assert.Equal(HedgeExit.None, f.FirstExit(50_000, 51_999, 49_000, out _));
        // The high reaches the stop (not the liquidation): stopped at 52,052.
        Assert.Equal(HedgeExit.Stopped, f.FirstExit(50_000, 52_000, 49_000, out var px));
        Assert.Equal(52_052d, px);
        // The high passes both: the stop is nearer the open, so it fires first.
        Assert.Equal(HedgeExit.Stopped, f.FirstExit(50_000, 60_000, 49_000, out px));
        Assert.Equal(52_052d, px);
        // The bar opens beyond the stop (gap to 53,000): filled at the open.
        Assert.Equal(HedgeExit.Stopped, f.FirstExit(53_000, 53_500, 52_900, out px));
        Assert.Equal(53_000d, px);
        // The bar opens beyond the liquidation price: liquidated, at the liquidation price.
        Assert.Equal(HedgeExit.Liquidated, f.FirstExit(56_000, 56_500, 55_900, out px));
        Assert.Equal(f.Liq, px);
    }

    [Fact]
    public void FirstExit_Short_StopBeyondLiquidation_IsLiquidated()
    {
        // Stop 56,000 beyond the liquidation price 54,780.88: the liquidation comes first.
        var f = new FastLeg(ShortLeg(StopOrder.At(56_000m)));
        Assert.Equal(HedgeExit.Liquidated, f.FirstExit(50_000, 57_000, 49_000, out var px));
        Assert.Equal(f.Liq, px);
        // Only the liquidation price is reached.
        Assert.Equal(HedgeExit.Liquidated, f.FirstExit(50_000, 55_000, 49_000, out px));
        Assert.Equal(f.Liq, px);
        // A stop at 54,700 with 1 % slippage would fill at 55,247, past the liquidation price: liquidated instead.
        var g = new FastLeg(ShortLeg(StopOrder.At(54_700m, slippage: 0.01m)));
        Assert.Equal(HedgeExit.Liquidated, g.FirstExit(50_000, 54_750, 49_000, out px));
        Assert.Equal(g.Liq, px);
    }

    [Fact]
    public void FirstExit_Long_MirrorsTheShort()
    {
        // Long, stop 45,000 with 0.2 % slippage (fill 44,910), liquidation 40,160.64.
        var f = new FastLeg(LongLeg(StopOrder.At(45_000m, slippage: 0.002m)));
        Assert.Equal(HedgeExit.None, f.FirstExit(50_000, 51_000, 45_001, out _));
        Assert.Equal(HedgeExit.Stopped, f.FirstExit(50_000, 51_000, 45_000, out var px));
        Near(44_910d, px);
        Assert.Equal(HedgeExit.Stopped, f.FirstExit(50_000, 51_000, 30_000, out px));  // both reached: the stop is nearer
        Near(44_910d, px);
        Assert.Equal(HedgeExit.Stopped, f.FirstExit(44_000, 44_500, 43_000, out px));  // gap below the stop: the open
        Assert.Equal(44_000d, px);
        Assert.Equal(HedgeExit.Liquidated, f.FirstExit(39_000, 39_500, 38_000, out px)); // gap below the liquidation
        Assert.Equal(f.Liq, px);
        // Without a stop, only the liquidation price.
        var bare = new FastLeg(LongLeg());
        Assert.Equal(HedgeExit.None, bare.FirstExit(50_000, 51_000, 40_500, out _));
        Assert.Equal(HedgeExit.Liquidated, bare.FirstExit(50_000, 51_000, 40_000, out px));
        Assert.Equal(bare.Liq, px);
    }

    [Fact]
    public void Settle_EachEnding()
    {
        var f = new FastLeg(ShortLeg(StopOrder.At(52_000m, slippage: 0.001m)));
        // Liquidated: the margin and the open fee, −2,500 − 12.5.
        Near(-2_512.5d, f.Settle(HedgeExit.Liquidated, f.Liq, 60_000d));
        // Stopped at 52,052: PnL −1,026, fees 12.5 + 0.5·52,052·0.0005 = 13.013 → −1,051.513.
        Near(-1_051.513d, f.Settle(HedgeExit.Stopped, 52_052d, 40_000d));
        // Open at the end, 48,000: PnL +1,000, fees 12.5 + 12 → 975.5.
        Near(975.5d, f.Settle(HedgeExit.None, 0d, 48_000d));
    }
    [Theory]
    [InlineData(Side.Long, 0.4)]
    [InlineData(Side.Short, 0.6)]
    public void BelowOneUnitOfPrice_TheNearerStopStillComesFirst(Side side, double stop)
    {
        // DOGEUSDT at 0.5, 2x: the liquidation price is about 0.25 (long) / 0.75 (short), 50 % away; the stop is 20 % away.
        // A bar reaching both (0.5 → 0.2, or 0.5 → 0.8) meets the stop first: stopped at the stop, as the decimal engine.
        // (Distances are fractions of the open; a distance scaled by the open instead would put a price below 1 the
        // other way round.)
        var doge = Contract.Find("binance-usdm", "DOGEUSDT");
        var leg = HedgeBook.Empty.Open(doge, side, 10_000m, 0.5m, 2m, stop: StopOrder.At((decimal)stop)).Book.Legs[0];
        var f = new FastLeg(leg);
        Assert.True(side == Side.Long ? f.Liq < 0.3d : f.Liq > 0.7d, f.Liq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        double extreme = side == Side.Long ? 0.2d : 0.8d;
        var exit = f.FirstExit(0.5d, Math.Max(0.5d, extreme), Math.Min(0.5d, extreme), out double price);
        Assert.Equal((HedgeExit.Stopped, stop), (exit, price));
        var bar = side == Side.Long ? PriceBar.Create(T0, 0.5m, 0.5m, 0.2m, 0.2m) : PriceBar.Create(T0, 0.5m, 0.8m, 0.5m, 0.8m);
        Assert.Equal((HedgeExit.Stopped, (decimal)stop), HedgeBook.FirstExit(side == Side.Long, leg.Stop, leg.LiquidationPrice, bar));
    }

    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
