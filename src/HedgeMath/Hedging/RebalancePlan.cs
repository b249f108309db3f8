using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The two ways back to the target allocation, side by side: futures hedges (spot untouched) or spot trades.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RebalancePlan
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal RebalancePlan(decimal portfolioValue, ImmutableArray<BucketRebalance> buckets, decimal futuresFeeRate, decimal spotFeeRate)
    {
        PortfolioValue = portfolioValue;
        Buckets = buckets;
        FuturesFeeRate = futuresFeeRate;
        SpotFeeRate = spotFeeRate;
    }

    /// <summary>Portfolio value the targets apply to (quote asset).</summary>
    public decimal PortfolioValue { get; }

    /// <summary>One row per bucket, in target order.</summary>
    public ImmutableArray<BucketRebalance> Buckets { get; }

    /// <summary>Futures fee rate used (fraction of notional).</summary>
    public decimal FuturesFeeRate { get; }

    /// <summary>Spot fee rate used (fraction of traded value).</summary>
    public decimal SpotFeeRate { get; }

    /// <summary>Σ |hedge notional|: futures notional to open.</summary>
    public decimal GrossHedgeNotional => Buckets.Sum(b => Math.Abs(b.HedgeNotional));
    /// <summary>Fees to open all hedges.</summary>
    public decimal HedgeOpenFees => Buckets.Sum(b => b.HedgeOpenFee);
    /// <summary>Fees to open and later close all hedges at unchanged prices (2 × open fees).</summary>
    public decimal HedgeRoundTripFees => 2m * HedgeOpenFees;
    /// <summary>Σ |spot trade| over risky buckets: spot value to trade.</summary>
    public decimal GrossSpotTraded => Buckets.Where(b => !b.IsCash).Sum(b => Math.Abs(b.SpotTrade));
    /// <summary>Fees of the spot trades.</summary>
    public decimal SpotFees => Buckets.Sum(b => b.SpotFee);
}
