using HedgeMath.Positions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// <see cref="HedgeBook.FirstExit"/> on hand-made bars where the mark and the last price differ, so that the trigger,
/// the gap rule and the side of every comparison matter.
/// </summary>
public class FirstExitTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PriceBar Bar(decimal o, decimal h, decimal l, decimal c, decimal lo, decimal lh, decimal ll, decimal lc) =>
        PriceBar.Create(T0, o, h, l, c, lo, lh, ll, lc);

    [Fact]
    public void Short_MarkGappedPastTheStop_LastNotYet_FillsAtTheStopWithSlippage()
    {
        // Stop on the mark at 52,000 (0.1 % slippage → 52,052). The mark opens at 52,500 (beyond), the last at 51,900
        // (not yet): the order is triggered but fills at the stop's price, not at the last open.
        var stop = StopOrder.At(52_000m, TriggerPrice.Mark, 0.001m);
        var bar = Bar(52_500m, 52_600m, 52_400m, 52_500m, 51_900m, 52_700m, 51_800m, 52_500m);
        Assert.Equal((HedgeExit.Stopped, 52_052m), HedgeBook.FirstExit(isLong: false, stop, liq: 60_000m, bar));
        // The last opened beyond too (52,300): filled at the last open.
        var gap = Bar(52_500m, 52_600m, 52_400m, 52_500m, 52_300m, 52_700m, 52_200m, 52_500m);
        Assert.Equal((HedgeExit.Stopped, 52_300m), HedgeBook.FirstExit(false, stop, 60_000m, gap));
    }

    [Fact]
    public void Long_MarkGappedPastTheStop_LastNotYet_FillsAtTheStopWithSlippage()
    {
        // Stop on the mark at 48,000 (0.1 % → 47,952); mark opens at 47,500, last at 48,100.
        var stop = StopOrder.At(48_000m, TriggerPrice.Mark, 0.001m);
        var bar = Bar(47_500m, 47_600m, 47_400m, 47_500m, 48_100m, 48_200m, 47_300m, 47_500m);
        Assert.Equal((HedgeExit.Stopped, 47_952m), HedgeBook.FirstExit(isLong: true, stop, liq: 40_000m, bar));
        var gap = Bar(47_500m, 47_600m, 47_400m, 47_500m, 47_700m, 47_800m, 47_300m, 47_500m);
        Assert.Equal((HedgeExit.Stopped, 47_700m), HedgeBook.FirstExit(true, stop, 40_000m, gap));
    }

    [Fact]
    public void StopOnLast_UsesTheLastPricesOnly()
    {
        // Long, stop 48,000 on the last price: the mark's low 47,000 does not trigger it, the last's low 48,500 stays above.
        var stop = StopOrder.At(48_000m, TriggerPrice.Last);
        var bar = Bar(50_000m, 50_100m, 47_000m, 49_000m, 50_000m, 50_100m, 48_500m, 49_000m);
        Assert.Equal((HedgeExit.None, 0m), HedgeBook.FirstExit(true, stop, null, bar));
        // A short's stop on the last at 51,000: the last's high 51,000 reaches it, the mark's 50,100 does not.
        var up = Bar(50_000m, 50_100m, 49_900m, 50_000m, 50_000m, 51_000m, 49_900m, 50_000m);
        Assert.Equal((HedgeExit.Stopped, 51_000m), HedgeBook.FirstExit(false, StopOrder.At(51_000m, TriggerPrice.Last), null, up));
        // The same stop on the mark is not reached.
        Assert.Equal(HedgeExit.None, HedgeBook.FirstExit(false, StopOrder.At(51_000m), null, up).Exit);
    }

    [Fact]
    public void LiquidationAndStop_TheNearerToTheOpenWins()
    {
        var straight = PriceBar.Straight(T0, 50_000m, 60_000m);
        // Short, liquidation 55,000 (10 % away), stop 53,000 (6 %): the stop, filled at 53,000.
        Assert.Equal((HedgeExit.Stopped, 53_000m), HedgeBook.FirstExit(false, StopOrder.At(53_000m), 55_000m, straight));
        // Stop 57,000 (14 %): the liquidation, at 55,000.
        Assert.Equal((HedgeExit.Liquidated, 55_000m), HedgeBook.FirstExit(false, StopOrder.At(57_000m), 55_000m, straight));
        // Only the liquidation price in reach: liquidated there.
        Assert.Equal((HedgeExit.Liquidated, 55_000m), HedgeBook.FirstExit(false, null, 55_000m, straight));
        // Neither in reach.
        Assert.Equal((HedgeExit.None, 0m), HedgeBook.FirstExit(false, StopOrder.At(61_000m), 62_000m, straight));
        // A stop whose slipped fill (54,000 · 1.02 = 55,080) passes the liquidation price: liquidated instead.
        Assert.Equal((HedgeExit.Liquidated, 55_000m), HedgeBook.FirstExit(false, StopOrder.At(54_000m, slippage: 0.02m), 55_000m, straight));
        // Long mirror: liquidation 45,000, stop 47,000, path 50,000 → 40,000.
        var down = PriceBar.Straight(T0, 50_000m, 40_000m);
        Assert.Equal((HedgeExit.Stopped, 47_000m), HedgeBook.FirstExit(true, StopOrder.At(47_000m), 45_000m, down));
        Assert.Equal((HedgeExit.Liquidated, 45_000m), HedgeBook.FirstExit(true, StopOrder.At(44_000m), 45_000m, down));
        Assert.Equal((HedgeExit.Liquidated, 45_000m), HedgeBook.FirstExit(true, StopOrder.At(46_000m, slippage: 0.03m), 45_000m, down));
    }

    [Fact]
    public void OpenBeyondTheLiquidationPrice_IsLiquidatedEvenWithAStopHit()
    {
        // Short opened at 56,000, past both the stop (53,000) and the liquidation price (55,000): liquidated.
        var bar = PriceBar.Straight(T0, 56_000m, 57_000m);
        Assert.Equal((HedgeExit.Liquidated, 55_000m), HedgeBook.FirstExit(false, StopOrder.At(53_000m), 55_000m, bar));
        // Opened exactly at the liquidation price: distance 0, liquidated.
        Assert.Equal((HedgeExit.Liquidated, 55_000m), HedgeBook.FirstExit(false, StopOrder.At(53_000m), 55_000m, PriceBar.Straight(T0, 55_000m, 56_000m)));
    }
}
