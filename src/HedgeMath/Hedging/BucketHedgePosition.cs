using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The real futures position that restores one bucket's target: contract, side, size, margin, liquidation, funding and fee.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BucketHedgePosition
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal BucketHedgePosition(string bucket, decimal hedgeNotional, Position position, decimal notional, decimal initialMargin, decimal maintenanceMargin, decimal? liquidationPrice, decimal fundingPerDay, decimal openFee,
        ImmutableArray<HedgeWarning> warnings)
    {
        Warnings = warnings;
        Bucket = bucket;
        HedgeNotional = hedgeNotional;
        Position = position;
        Notional = notional;
        InitialMargin = initialMargin;
        MaintenanceMargin = maintenanceMargin;
        LiquidationPrice = liquidationPrice;
        FundingPerDay = fundingPerDay;
        OpenFee = openFee;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The signed notional asked for (positive = short), from <see cref="BucketAllocation.HedgeNotional"/>.</summary>
    public decimal HedgeNotional { get; }

    /// <summary>The position opened (isolated), size rounded down to the lot step.</summary>
    public Position Position { get; }

    /// <summary>Its notional (settlement asset).</summary>
    public decimal Notional { get; }

    /// <summary>Initial margin (settlement asset).</summary>
    public decimal InitialMargin { get; }

    /// <summary>Maintenance margin at entry (settlement asset).</summary>
    public decimal MaintenanceMargin { get; }

    /// <summary>Liquidation price; null when no positive price liquidates it.</summary>
    public decimal? LiquidationPrice { get; }

    /// <summary>Funding per day at the assumed rate (positive = received; a short receives at a positive rate).</summary>
    public decimal FundingPerDay { get; }

    /// <summary>Taker fee to open.</summary>
    public decimal OpenFee { get; }

    /// <summary>
    /// The risks of this position: a <see cref="HedgeWarningCode.CrossHedgeBasisRisk"/> warning for each asset of the
    /// bucket that the contract is not on (SOL in a satellite hedged with BTCUSDT); empty for a same-asset hedge.
    /// </summary>
    public ImmutableArray<HedgeWarning> Warnings { get; }

    /// <summary>Long or short.</summary>
    public Side Side => Position.Side;
    /// <summary>The contract.</summary>
    public Contract Contract => Position.Contract;
    /// <summary>The size (linear: base units; inverse: contracts).</summary>
    public decimal Quantity => Position.Quantity;
}
