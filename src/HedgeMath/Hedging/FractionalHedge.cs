using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The size of a "hedge X %" on one bucket under a stated reading of the percentage.</summary>
/// <remarks>
/// What "hedge X %" is a percentage of — both readings are in use and they give different sizes. Holding a bucket worth
/// H in a portfolio worth P, "hedge 20 %" means either a short of 0.20·H (a fifth of that holding is protected:
/// <see cref="OfPortfolio"/> false) or a short of 0.20·P (the portfolio's exposure falls by 20 percentage points:
/// <see cref="OfPortfolio"/> true). With H = 50 and P = 100 the first is 10 and the second 20. The second exceeds the
/// holding (a net short) once the fraction is above H/P. Immutable and thread-safe.
/// </remarks>
public sealed record FractionalHedge
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal FractionalHedge(string bucket, decimal fraction, bool ofPortfolio, decimal holdingValue, decimal portfolioValue, decimal notional)
    {
        Bucket = bucket;
        Fraction = fraction;
        OfPortfolio = ofPortfolio;
        HoldingValue = holdingValue;
        PortfolioValue = portfolioValue;
        Notional = notional;
    }

    /// <summary>Bucket hedged.</summary>
    public string Bucket { get; }

    /// <summary>The X in "hedge X %", as a fraction.</summary>
    public decimal Fraction { get; }

    /// <summary>What the fraction is of: false, of the value of the holding being hedged (notional = fraction × holding value); true, of the whole portfolio value (notional = fraction × portfolio value).</summary>
    public bool OfPortfolio { get; }

    /// <summary>Value of the bucket.</summary>
    public decimal HoldingValue { get; }

    /// <summary>Value of the portfolio.</summary>
    public decimal PortfolioValue { get; }

    /// <summary>Short notional: Fraction × HoldingValue, or Fraction × PortfolioValue when <see cref="OfPortfolio"/>.</summary>
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
