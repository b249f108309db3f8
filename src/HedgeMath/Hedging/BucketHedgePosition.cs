using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The futures contract a rebalancing bucket is hedged with, and its price now.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BucketInstrument
{
    /// <summary>Creates the assignment.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="contract">The futures contract (a satellite of altcoins hedged with BTC futures is a cross-hedge).</param>
    /// <param name="futuresPrice">The futures price now, &gt; 0.</param>
    /// <exception cref="ArgumentException"><paramref name="bucket"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="futuresPrice"/> is not positive.</exception>
    public BucketInstrument(string bucket, Contract contract, decimal futuresPrice)
    {
        Bucket = Preconditions.NotNullOrWhiteSpace(bucket);
        Contract = Preconditions.NotNull(contract);
        FuturesPrice = Preconditions.Positive(futuresPrice);
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }
    /// <summary>The contract.</summary>
    public Contract Contract { get; }
    /// <summary>The futures price now.</summary>
    public decimal FuturesPrice { get; }
}

/// <summary>The real futures position that restores one bucket's target: contract, side, size, margin, liquidation, funding and fee.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="HedgeNotional">The signed notional asked for (positive = short), from <see cref="BucketRebalance.HedgeNotional"/>.</param>
/// <param name="Position">The position opened (isolated), size rounded down to the lot step.</param>
/// <param name="Notional">Its notional (settlement asset).</param>
/// <param name="InitialMargin">Initial margin (settlement asset).</param>
/// <param name="MaintenanceMargin">Maintenance margin at entry (settlement asset).</param>
/// <param name="LiquidationPrice">Liquidation price; null when no positive price liquidates it.</param>
/// <param name="FundingPerDay">Funding per day at the assumed rate (positive = received; a short receives at a positive rate).</param>
/// <param name="OpenFee">Taker fee to open.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BucketHedgePosition(string Bucket, decimal HedgeNotional, Position Position, decimal Notional, decimal InitialMargin,
    decimal MaintenanceMargin, decimal? LiquidationPrice, decimal FundingPerDay, decimal OpenFee)
{
    /// <summary>Long or short.</summary>
    public Side Side => Position.Side;
    /// <summary>The contract.</summary>
    public Contract Contract => Position.Contract;
    /// <summary>The size (linear: base units; inverse: contracts).</summary>
    public decimal Quantity => Position.Quantity;
}
