using HedgeMath.Internal;

namespace HedgeMath.Engine;

/// <summary>Whether an outcome includes funding, and at what assumed rate over how long: the one argument every outcome takes.</summary>
/// <remarks>
/// <see cref="None"/> leaves funding out (the outcome of an instant move). <see cref="Constant"/> holds the hedge for
/// <see cref="HoldingDays"/> with one print of <see cref="RatePerInterval"/> at the end of each of the contract's funding
/// intervals, each taken on the notional at that time's mark (<see cref="HedgeMath.Margin.Funding.Payment(HedgeMath.Positions.Position, decimal, decimal)"/>).
/// Positive rate: longs pay shorts (a short hedge receives). Immutable and thread-safe.
/// </remarks>
public sealed class FundingTerms
{
    private FundingTerms(decimal rate, decimal days) { RatePerInterval = rate; HoldingDays = days; }

    /// <summary>No funding: the move is instant.</summary>
    public static FundingTerms None { get; } = new(0m, 0m);

    /// <summary>The assumed rate per funding interval.</summary>
    public decimal RatePerInterval { get; }
    /// <summary>The holding period in days over which the price moves and funding is paid.</summary>
    public decimal HoldingDays { get; }
    /// <summary>True when funding is included.</summary>
    public bool IsIncluded => HoldingDays > 0m;

    /// <summary>A constant rate per funding interval over a holding period.</summary>
    /// <param name="ratePerInterval">The rate per interval, in (−1, 1) (Binance's base rate: 0.0001 per 8 h).</param>
    /// <param name="holdingDays">The holding period in days, ≥ 0 (0: no funding).</param>
    /// <returns>The terms.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks its rule.</exception>
    public static FundingTerms Constant(decimal ratePerInterval, decimal holdingDays)
    {
        Preconditions.FundingRate(ratePerInterval);
        Preconditions.NonNegative(holdingDays);
        if (holdingDays > 36_500m) Preconditions.ThrowOutOfRange(nameof(holdingDays), holdingDays, "must be at most 36,500 (100 years)");
        return holdingDays == 0m ? None : new FundingTerms(ratePerInterval, holdingDays);
    }

    /// <summary>The number of funding prints in the holding period for a funding interval.</summary>
    /// <param name="interval">The contract's funding interval.</param>
    /// <returns><c>floor(holding period / interval)</c>.</returns>
    public int PrintsFor(TimeSpan interval) =>
        !IsIncluded || interval <= TimeSpan.Zero ? 0 : (int)decimal.Floor(HoldingDays * TimeSpan.TicksPerDay / interval.Ticks);

    /// <inheritdoc />
    public override string ToString() => IsIncluded ? FormattableString.Invariant($"funding {RatePerInterval} per interval for {HoldingDays} days") : "no funding";
}
