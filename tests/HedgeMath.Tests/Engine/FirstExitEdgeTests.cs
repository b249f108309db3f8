using HedgeMath.Positions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// The exit rules at their edges (issue 29's survivors), for <see cref="HedgeBook.FirstExit"/> and the double
/// <see cref="FastLeg"/>: a bar that touches the liquidation price exactly, a stop exactly on the liquidation price (its
/// fill "at or beyond" the liquidation price counts as liquidated), an interval that opens exactly at the stop (the
/// open is the fill, no slippage), and bars whose mark and last differ so that each distance is taken from its own open.
/// </summary>
public class FirstExitEdgeTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PriceBar Bar(decimal o, decimal h, decimal l, decimal c, decimal lo, decimal lh, decimal ll, decimal lc) =>
        PriceBar.Create(T0, o, h, l, c, lo, lh, ll, lc);

    [Fact]
    public void ABarThatTouchesTheLiquidationPrice_Liquidates()
    {
        // "Liquidated when the mark reaches its liquidation price": a low (long) or high (short) exactly on it.
        Assert.Equal((HedgeExit.Liquidated, 95m), HedgeBook.FirstExit(true, null, 95m, PriceBar.Create(T0, 100m, 100m, 95m, 97m)));
        Assert.Equal((HedgeExit.Liquidated, 105m), HedgeBook.FirstExit(false, null, 105m, PriceBar.Create(T0, 100m, 105m, 100m, 103m)));
    }

    [Fact]
    public void AStopExactlyOnTheLiquidationPrice_CountsAsLiquidated()
    {
        // Stop 95 = LP 95 (long), no slippage: the fill 95 is "at" the liquidation price. Short: 105 = 105.
        Assert.Equal((HedgeExit.Liquidated, 95m), HedgeBook.FirstExit(true, StopOrder.At(95m), 95m, PriceBar.Straight(T0, 100m, 90m)));
        Assert.Equal((HedgeExit.Liquidated, 105m), HedgeBook.FirstExit(false, StopOrder.At(105m), 105m, PriceBar.Straight(T0, 100m, 110m)));
    }

    [Fact]
    public void OpeningExactlyAtALastPriceStop_FillsAtTheOpen()
    {
        // A long's stop at 95 on the last price with 1 % slippage; the last opens at 95: distance 0, the trigger is met at
        // the open, so the fill is the open, 95 (not the slipped 95·0.99 = 94.05). The mark (open 100) is far from it.
        var longStop = StopOrder.At(95m, TriggerPrice.Last, 0.01m);
        Assert.Equal((HedgeExit.Stopped, 95m), HedgeBook.FirstExit(true, longStop, null, Bar(100m, 100m, 96m, 97m, 95m, 96m, 94m, 95m)));
        // A short's at 105 with the last opening at 105: 105, not 105·1.01 = 106.05.
        var shortStop = StopOrder.At(105m, TriggerPrice.Last, 0.01m);
        Assert.Equal((HedgeExit.Stopped, 105m), HedgeBook.FirstExit(false, shortStop, null, Bar(100m, 104m, 100m, 103m, 105m, 106m, 104m, 105m)));
    }

    [Fact]
    public void AMarkStop_IsMeasuredFromTheMarksOpen_AndReachedByTheMarksLow()
    {
        // Long, stop 95 on the mark. The mark opens at 100 (5 % above the stop) and falls to 94; the last opens at 90. The
        // stop is reached on the way down, not gapped: filled at 95, not at the last's open 90.
        var stop = StopOrder.At(95m);
        Assert.Equal((HedgeExit.Stopped, 95m), HedgeBook.FirstExit(true, stop, null, Bar(100m, 100m, 94m, 95m, 90m, 96m, 89m, 95m)));
        // The mark falls to 94, the last only to 97: the mark's low triggers it.
        Assert.Equal((HedgeExit.Stopped, 95m), HedgeBook.FirstExit(true, stop, null, Bar(100m, 100m, 94m, 96m, 100m, 100m, 97m, 98m)));
    }

    [Fact]
    public void ALastStopAndTheLiquidation_EachDistanceFromItsOwnOpen()
    {
        // Long: the mark opens at 100 with the LP at 95 (5 % away); the stop at 97 is on the last, which opens at 110
        // ((110 − 97)/110 = 11.8 % away). The liquidation is nearer: liquidated at 95, although 97 is above 95.
        var longBar = Bar(100m, 100m, 94m, 96m, 110m, 110m, 96m, 96m);
        Assert.Equal((HedgeExit.Liquidated, 95m), HedgeBook.FirstExit(true, StopOrder.At(97m, TriggerPrice.Last), 95m, longBar));
        // Short mirror: mark open 100, LP 105 (5 %); stop 103 on the last, which opens at 92 ((103 − 92)/92 = 12 %).
        var shortBar = Bar(100m, 106m, 100m, 104m, 92m, 104m, 92m, 104m);
        Assert.Equal((HedgeExit.Liquidated, 105m), HedgeBook.FirstExit(false, StopOrder.At(103m, TriggerPrice.Last), 105m, shortBar));
    }

    [Fact]
    public void OpeningExactlyAtTheLiquidationPrice_Liquidates_EvenIfTheLastStopWouldFillAbove()
    {
        // Long: the mark opens at the LP 95 (distance 0): liquidated at 95, although the last (open 96.5) has gapped past
        // a last-price stop at 97 and would fill at 96.5.
        var bar = Bar(95m, 95m, 94m, 95m, 96.5m, 96.5m, 95m, 95.5m);
        Assert.Equal((HedgeExit.Liquidated, 95m), HedgeBook.FirstExit(true, StopOrder.At(97m, TriggerPrice.Last), 95m, bar));
    }

    // ---- The fast leg (mark = last) ----

    private static Contract Btc => Contract.BinanceBtcUsdt;

    [Fact]
    public void FastLeg_TouchingTheLiquidationPrice_Liquidates()
    {
        // Long 1 at 50,000, 5x: LP 40,160.64…; a low exactly on it. Short 0.5 at 10x: LP 54,780.88…; a high exactly on it.
        var l = new FastLeg(HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 5m).Book.Legs[0]);
        Assert.Equal(HedgeExit.Liquidated, l.FirstExit(50_000d, 50_000d, l.Liq, out double p));
        Assert.Equal(l.Liq, p);
        var s = new FastLeg(HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book.Legs[0]);
        Assert.Equal(HedgeExit.Liquidated, s.FirstExit(50_000d, s.Liq, 50_000d, out p));
        Assert.Equal(s.Liq, p);
    }

    [Fact]
    public void FastLeg_AStopOnTheLiquidationPrice_CountsAsLiquidated()
    {
        var longLeg = HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 5m).Book.Legs[0];
        var l = new FastLeg(HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 5m, stop: StopOrder.At(longLeg.LiquidationPrice!.Value)).Book.Legs[0]);
        Assert.Equal(HedgeExit.Liquidated, l.FirstExit(50_000d, 50_000d, 39_000d, out _));
        var shortLeg = HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m).Book.Legs[0];
        var s = new FastLeg(HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 10m, stop: StopOrder.At(shortLeg.LiquidationPrice!.Value)).Book.Legs[0]);
        Assert.Equal(HedgeExit.Liquidated, s.FirstExit(50_000d, 56_000d, 50_000d, out _));
    }

    [Fact]
    public void FastLeg_OpeningExactlyAtTheStop_FillsAtTheOpen()
    {
        // Long 1 at 50,000, 5x, stop 48,000 with 0.1 % slippage; the interval opens at 48,000: filled at 48,000, not 47,952.
        var l = new FastLeg(HedgeBook.Empty.Open(Btc, Side.Long, 1m, 50_000m, 5m, stop: StopOrder.At(48_000m, slippage: 0.001m)).Book.Legs[0]);
        Assert.Equal(HedgeExit.Stopped, l.FirstExit(48_000d, 48_000d, 47_000d, out double p));
        Assert.Equal(48_000d, p);
    }

    [Fact]
    public void FastLeg_AShortWithNoLiquidationPrice_IsBoundByItsStop()
    {
        // A cross short has no own liquidation price: the threshold is the stop alone, 52,000.
        var book = HedgeBook.Create(crossWallets: new Dictionary<string, decimal> { ["USDT"] = 10_000m })
            .Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross, stop: StopOrder.At(52_000m)).Book;
        Assert.Equal(52_000d, new FastLeg(book.Legs[0]).Threshold);
    }
    [Fact]
    public void ALiquidationAndALastPriceStopAtTheSameDistance_TheStopFillsFirst()
    {
        // The engine's rule for a tie (HedgeBook's remarks): both levels reached at the same fraction of their own opens
        // go to the stop, which rests on the book; liquidation takes over only if the stop's fill is at or beyond it.
        // Long: the mark opens at 100 with its liquidation at 90 (10 % away); the last opens at 102 with the stop at 91.8
        // (10 % away, no slippage); both are reached. The stop fills at 91.8, above 90: stopped, not liquidated.
        var longStop = StopOrder.At(91.8m, TriggerPrice.Last);
        Assert.Equal((HedgeExit.Stopped, 91.8m), HedgeBook.FirstExit(true, longStop, 90m, Bar(100m, 100m, 85m, 88m, 102m, 102m, 87m, 89m)));
        // Short: mark 100, liquidation 110 (10 %); last 98, stop 107.8 (10 %): stopped at 107.8, below 110.
        var shortStop = StopOrder.At(107.8m, TriggerPrice.Last);
        Assert.Equal((HedgeExit.Stopped, 107.8m), HedgeBook.FirstExit(false, shortStop, 110m, Bar(100m, 115m, 100m, 112m, 98m, 113m, 98m, 110m)));
    }
}
