using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The size of a "hedge X %" on one bucket under a stated reading of the percentage.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FractionalHedge
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal FractionalHedge(string bucket, decimal fraction, HedgeFractionBasis basis, decimal holdingValue, decimal portfolioValue, decimal notional)
    {
        Bucket = bucket;
        Fraction = fraction;
        Basis = basis;
        HoldingValue = holdingValue;
        PortfolioValue = portfolioValue;
        Notional = notional;
    }

    /// <summary>Bucket hedged.</summary>
    public string Bucket { get; }

    /// <summary>The X in "hedge X %", as a fraction.</summary>
    public decimal Fraction { get; }

    /// <summary>What the fraction is of.</summary>
    public HedgeFractionBasis Basis { get; }

    /// <summary>Value of the bucket.</summary>
    public decimal HoldingValue { get; }

    /// <summary>Value of the portfolio.</summary>
    public decimal PortfolioValue { get; }

    /// <summary>Short notional: Fraction × HoldingValue (<see cref="HedgeFractionBasis.OfHolding"/>) or Fraction × PortfolioValue (<see cref="HedgeFractionBasis.OfPortfolio"/>).</summary>
    public decimal Notional { get; }

    /// <summary>Notional / holding value: the hedge ratio on the holding (above 1 = net short).</summary>
    public decimal HedgeRatio => HoldingValue == 0m ? 0m : Notional / HoldingValue;
    /// <summary>True when the notional exceeds the holding (over-hedged: net short that asset).</summary>
    public bool ExceedsHolding => Notional > HoldingValue;
    /// <summary>The bucket's exposure after the hedge: holding value − notional.</summary>
    public decimal ExposureAfter => HoldingValue - Notional;
    /// <summary>The bucket's exposure after the hedge as a fraction of the portfolio.</summary>
    public decimal ExposureWeightAfter => ExposureAfter / PortfolioValue;
}
