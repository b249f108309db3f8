using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Engine;

/// <summary>One interval of prices the engine advances a book through: the mark price's open, high, low and close, and the last price's.</summary>
/// <remarks>
/// The high and low are the extremes the price reached between the open and the close: stops and liquidation are
/// checked against them, so a wick inside the interval counts. A straight move from one price to another is the bar
/// (open = from, high = max, low = min, close = to). When the last price is not given it equals the mark.
/// Creation validates (prices &gt; 0, low ≤ open, close ≤ high). Immutable and thread-safe.
/// </remarks>
public readonly struct PriceBar
{
    private PriceBar(DateTimeOffset time, decimal o, decimal h, decimal l, decimal c, decimal lo, decimal lh, decimal ll, decimal lc)
    {
        Time = time; Open = o; High = h; Low = l; Close = c; LastOpen = lo; LastHigh = lh; LastLow = ll; LastClose = lc;
    }

    /// <summary>The time at the end of the interval (when the close is observed).</summary>
    public DateTimeOffset Time { get; }
    /// <summary>Mark price at the open.</summary>
    public decimal Open { get; }
    /// <summary>Highest mark price in the interval.</summary>
    public decimal High { get; }
    /// <summary>Lowest mark price in the interval.</summary>
    public decimal Low { get; }
    /// <summary>Mark price at the close.</summary>
    public decimal Close { get; }
    /// <summary>Last price at the open.</summary>
    public decimal LastOpen { get; }
    /// <summary>Highest last price.</summary>
    public decimal LastHigh { get; }
    /// <summary>Lowest last price.</summary>
    public decimal LastLow { get; }
    /// <summary>Last price at the close.</summary>
    public decimal LastClose { get; }

    /// <summary>A bar whose mark and last prices are the same.</summary>
    /// <param name="time">The time at the end of the interval.</param>
    /// <param name="open">Open (&gt; 0).</param>
    /// <param name="high">High (≥ open, close).</param>
    /// <param name="low">Low (&gt; 0, ≤ open, close).</param>
    /// <param name="close">Close (&gt; 0).</param>
    /// <returns>The bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive or the high/low do not bound the open and close.</exception>
    public static PriceBar Create(DateTimeOffset time, decimal open, decimal high, decimal low, decimal close)
    {
        Check(open, high, low, close);
        return new PriceBar(time, open, high, low, close, open, high, low, close);
    }

    /// <summary>A bar with separate mark and last prices (e.g. the mark from the spot index, the last from the perpetual).</summary>
    /// <param name="time">The time at the end of the interval.</param>
    /// <param name="open">Mark open (&gt; 0).</param>
    /// <param name="high">Mark high.</param>
    /// <param name="low">Mark low.</param>
    /// <param name="close">Mark close.</param>
    /// <param name="lastOpen">Last-price open (&gt; 0).</param>
    /// <param name="lastHigh">Last-price high.</param>
    /// <param name="lastLow">Last-price low.</param>
    /// <param name="lastClose">Last-price close.</param>
    /// <returns>The bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive or a high/low does not bound its open and close.</exception>
    public static PriceBar Create(DateTimeOffset time, decimal open, decimal high, decimal low, decimal close,
        decimal lastOpen, decimal lastHigh, decimal lastLow, decimal lastClose)
    {
        Check(open, high, low, close);
        Check(lastOpen, lastHigh, lastLow, lastClose);
        return new PriceBar(time, open, high, low, close, lastOpen, lastHigh, lastLow, lastClose);
    }

    /// <summary>The straight move from one price to another (mark = last): open <paramref name="from"/>, close <paramref name="to"/>, nothing beyond them.</summary>
    /// <param name="time">The time at the end of the move.</param>
    /// <param name="from">The price at the start (&gt; 0).</param>
    /// <param name="to">The price at the end (&gt; 0).</param>
    /// <returns>The bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive.</exception>
    public static PriceBar Straight(DateTimeOffset time, decimal from, decimal to)
    {
        Preconditions.Positive(from);
        Preconditions.Positive(to);
        decimal hi = Math.Max(from, to), lo = Math.Min(from, to);
        return new PriceBar(time, from, hi, lo, to, from, hi, lo, to);
    }

    /// <summary>
    /// The one conversion from Market's candles to the engine's bar (docs/contributing.md, "Market data: one
    /// vocabulary"): mark prices from one candle, last prices from another of the same interval, stamped at
    /// <paramref name="time"/> (the interval's end). Checked as <see cref="Create(DateTimeOffset, decimal, decimal, decimal, decimal, decimal, decimal, decimal, decimal)"/>
    /// checks (a default candle is refused).
    /// </summary>
    internal static PriceBar FromCandles(DateTimeOffset time, in Candle mark, in Candle last) =>
        Create(time, mark.Open, mark.High, mark.Low, mark.Close, last.Open, last.High, last.Low, last.Close);

    /// <summary><see cref="FromCandles"/> for one candle that is both the mark and the last price, unchecked: a
    /// candle's prices were checked when it was made (the caller refuses default candles).</summary>
    internal static PriceBar FromCandleUnchecked(DateTimeOffset time, in Candle candle) =>
        Unchecked(time, candle.Open, candle.High, candle.Low, candle.Close);

    internal static PriceBar Unchecked(DateTimeOffset time, decimal o, decimal h, decimal l, decimal c) => new(time, o, h, l, c, o, h, l, c);

    internal static PriceBar Unchecked(DateTimeOffset time, decimal o, decimal h, decimal l, decimal c, decimal lo, decimal lh, decimal ll, decimal lc) =>
        new(time, o, h, l, c, lo, lh, ll, lc);

    private static void Check(decimal open, decimal high, decimal low, decimal close,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(open))] string? o = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(high))] string? h = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(low))] string? l = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(close))] string? c = null)
    {
        Preconditions.Positive(open, o);
        // A high ≤ 0 needs no check of its own: open and close are positive, so high < max(open, close) rejects it below.
        Preconditions.Positive(low, l);
        Preconditions.Positive(close, c);
        if (low > Math.Min(open, close)) Preconditions.ThrowOutOfRange(l, low, $"must not exceed the open ({open}) or the close ({close})");
        if (high < Math.Max(open, close)) Preconditions.ThrowOutOfRange(h, high, $"must not be below the open ({open}) or the close ({close})");
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Time:O} mark O {Open} H {High} L {Low} C {Close}");
}
