using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One rung of a scale-out ladder after its short is added.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScaleOutRung
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal ScaleOutRung(int index, decimal targetPrice, decimal fraction, decimal quantityAdded, decimal cumulativeQuantity, decimal cumulativeHedgeRatio, decimal averageShortEntry, decimal totalMargin, decimal? liquidationPrice, decimal lockedInValue, decimal lockedInGainVsCost, decimal openFee)
    {
        Index = index;
        TargetPrice = targetPrice;
        Fraction = fraction;
        QuantityAdded = quantityAdded;
        CumulativeQuantity = cumulativeQuantity;
        CumulativeHedgeRatio = cumulativeHedgeRatio;
        AverageShortEntry = averageShortEntry;
        TotalMargin = totalMargin;
        LiquidationPrice = liquidationPrice;
        LockedInValue = lockedInValue;
        LockedInGainVsCost = lockedInGainVsCost;
        OpenFee = openFee;
    }

    /// <summary>0-based rung number.</summary>
    public int Index { get; }

    /// <summary>The rung's price.</summary>
    public decimal TargetPrice { get; }

    /// <summary>The fraction of the spot asked for at this rung.</summary>
    public decimal Fraction { get; }

    /// <summary>Futures quantity added (rounded down to the lot step).</summary>
    public decimal QuantityAdded { get; }

    /// <summary>Futures quantity of the combined short.</summary>
    public decimal CumulativeQuantity { get; }

    /// <summary>Hedged base units / spot quantity after this rung.</summary>
    public decimal CumulativeHedgeRatio { get; }

    /// <summary>Average entry of the combined short (as the exchange computes it).</summary>
    public decimal AverageShortEntry { get; }

    /// <summary>Isolated margin of the combined short: Σ each part's notional / leverage (settlement asset).</summary>
    public decimal TotalMargin { get; }

    /// <summary>Liquidation price of the combined short (<see cref="MarginCalc.LiquidationPrice"/>); null when none.</summary>
    public decimal? LiquidationPrice { get; }

    /// <summary>Σ hedged units × rung price: the spot value locked in so far (quote asset).</summary>
    public decimal LockedInValue { get; }

    /// <summary>Σ hedged units × (rung price − average cost): the profit locked in against the cost basis (quote asset).</summary>
    public decimal LockedInGainVsCost { get; }

    /// <summary>Fee to open this rung's short (settlement asset).</summary>
    public decimal OpenFee { get; }
}
