using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>One OHLCV bar (a daily candle unless said otherwise), in the quote asset.</summary>
/// <remarks>
/// Prices are <see cref="decimal"/> as the exchanges publish them; use <see cref="CandleSeries"/> to get
/// <see cref="double"/> spans for indicators and statistics. Creation validates: prices positive, volume
/// non-negative, low ≤ open, close ≤ high. Immutable and thread-safe.
/// </remarks>
public readonly struct Candle : IEquatable<Candle>
{
    /// <summary>Creates a validated candle.</summary>
    /// <param name="date">The UTC day the candle opens.</param>
    /// <param name="open">Open price (&gt; 0).</param>
    /// <param name="high">High price (&gt; 0, ≥ open, low and close).</param>
    /// <param name="low">Low price (&gt; 0, ≤ open, high and close).</param>
    /// <param name="close">Close price (&gt; 0).</param>
    /// <param name="volume">Volume (≥ 0), in the unit of the source (base asset for Binance).</param>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive, the volume is negative, or low/high do not bound open and close.</exception>
    public Candle(DateOnly date, decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        Preconditions.Positive(open);
        Preconditions.Positive(high);
        Preconditions.Positive(low);
        Preconditions.Positive(close);
        Preconditions.NonNegative(volume);
        if (low > Math.Min(open, close)) Preconditions.ThrowOutOfRange(nameof(low), low, $"must not exceed open ({open}) or close ({close})");
        if (high < Math.Max(open, close)) Preconditions.ThrowOutOfRange(nameof(high), high, $"must not be below open ({open}) or close ({close})");
        Date = date; Open = open; High = high; Low = low; Close = close; Volume = volume;
    }

    /// <summary>The UTC day the candle opens.</summary>
    public DateOnly Date { get; }
    /// <summary>Open price.</summary>
    public decimal Open { get; }
    /// <summary>High price.</summary>
    public decimal High { get; }
    /// <summary>Low price.</summary>
    public decimal Low { get; }
    /// <summary>Close price.</summary>
    public decimal Close { get; }
    /// <summary>Volume in the source's unit.</summary>
    public decimal Volume { get; }

    /// <inheritdoc />
    public bool Equals(Candle other) => Date == other.Date && Open == other.Open && High == other.High
        && Low == other.Low && Close == other.Close && Volume == other.Volume;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Candle c && Equals(c);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Date, Open, High, Low, Close, Volume);
    /// <summary>Equality of all fields.</summary>
    public static bool operator ==(Candle left, Candle right) => left.Equals(right);
    /// <summary>Inequality of any field.</summary>
    public static bool operator !=(Candle left, Candle right) => !left.Equals(right);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Date:yyyy-MM-dd} O {Open} H {High} L {Low} C {Close} V {Volume}");
}
