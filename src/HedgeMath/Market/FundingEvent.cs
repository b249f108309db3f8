using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>One funding print of a perpetual contract: the time it settles, the rate for its interval, and that interval.</summary>
/// <remarks>
/// The rate is a fraction per funding interval (Binance: 8 h on most symbols, 4 h or 1 h on some; 0.0001 = 0.01 %).
/// A positive rate means longs pay shorts. Rates are bounded to (−1, 1) on creation. Immutable and thread-safe.
/// The funding histories the exchanges publish are read by <see cref="ParseBinanceCsv"/>, <see cref="ParseBinanceJson"/>,
/// <see cref="ParseBybitJson"/> and <see cref="ParseOkxJson"/> (FundingEvent.Parse.cs): ascending, each print's interval
/// from the source or, where it does not state one, the smaller gap to its neighbours.
/// </remarks>
public readonly partial struct FundingEvent : IEquatable<FundingEvent>
{
    /// <summary>The interval assumed by <see cref="FundingEvent(DateTimeOffset, decimal)"/> (8 hours).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(8);

    /// <summary>Creates an 8-hourly funding print.</summary>
    /// <param name="time">The UTC settlement time.</param>
    /// <param name="rate">Rate per funding interval as a fraction, in (−1, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in (−1, 1).</exception>
    public FundingEvent(DateTimeOffset time, decimal rate) : this(time, rate, DefaultInterval)
    {
    }

    /// <summary>Creates a funding print with its interval.</summary>
    /// <param name="time">The UTC settlement time.</param>
    /// <param name="rate">Rate per funding interval as a fraction, in (−1, 1).</param>
    /// <param name="interval">The funding interval the rate covers, in [1 minute, 1 day].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in (−1, 1) or the interval is out of range.</exception>
    public FundingEvent(DateTimeOffset time, decimal rate, TimeSpan interval)
    {
        Preconditions.FundingRate(rate);
        if (interval < TimeSpan.FromMinutes(1) || interval > TimeSpan.FromDays(1))
            Preconditions.ThrowOutOfRange(nameof(interval), interval, "must be in the range [1 minute, 1 day]");
        Time = time.ToUniversalTime();
        Rate = rate;
        Interval = interval;
    }

    /// <summary>The UTC settlement time.</summary>
    public DateTimeOffset Time { get; }
    /// <summary>Rate per funding interval (fraction; positive: longs pay shorts).</summary>
    public decimal Rate { get; }
    /// <summary>The funding interval the rate covers (8 h unless the source says otherwise).</summary>
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public bool Equals(FundingEvent other) => Time == other.Time && Rate == other.Rate && Interval == other.Interval;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FundingEvent f && Equals(f);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Time, Rate, Interval);
    /// <summary>Equality of time, rate and interval.</summary>
    public static bool operator ==(FundingEvent left, FundingEvent right) => left.Equals(right);
    /// <summary>Inequality of time, rate or interval.</summary>
    public static bool operator !=(FundingEvent left, FundingEvent right) => !left.Equals(right);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Time:yyyy-MM-ddTHH:mm:ssZ} {Rate} per {Interval.TotalHours}h");
}
