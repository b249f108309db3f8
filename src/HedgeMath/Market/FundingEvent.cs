using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>One funding print of a perpetual contract: the time it settles and the rate for its interval.</summary>
/// <remarks>
/// The rate is a fraction per funding interval (Binance: 8 h; 0.0001 = 0.01 %). A positive rate means
/// longs pay shorts. Rates are bounded to (−1, 1) on creation. Immutable and thread-safe.
/// </remarks>
public readonly struct FundingEvent : IEquatable<FundingEvent>
{
    /// <summary>Creates a funding print.</summary>
    /// <param name="time">The UTC settlement time.</param>
    /// <param name="rate">Rate per funding interval as a fraction, in (−1, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in (−1, 1).</exception>
    public FundingEvent(DateTimeOffset time, decimal rate)
    {
        if (rate <= -1m || rate >= 1m) Preconditions.ThrowOutOfRange(nameof(rate), rate, "must be a fraction in (-1, 1)");
        Time = time.ToUniversalTime();
        Rate = rate;
    }

    /// <summary>The UTC settlement time.</summary>
    public DateTimeOffset Time { get; }
    /// <summary>Rate per funding interval (fraction; positive: longs pay shorts).</summary>
    public decimal Rate { get; }

    /// <inheritdoc />
    public bool Equals(FundingEvent other) => Time == other.Time && Rate == other.Rate;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FundingEvent f && Equals(f);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Time, Rate);
    /// <summary>Equality of time and rate.</summary>
    public static bool operator ==(FundingEvent left, FundingEvent right) => left.Equals(right);
    /// <summary>Inequality of time or rate.</summary>
    public static bool operator !=(FundingEvent left, FundingEvent right) => !left.Equals(right);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Time:yyyy-MM-ddTHH:mm:ssZ} {Rate}");
}
