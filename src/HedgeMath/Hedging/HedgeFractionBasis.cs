using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>What "hedge X %" is a percentage of — both readings are in use and they give different sizes.</summary>
/// <remarks>
/// Holding a bucket worth H in a portfolio worth P, "hedge 20 %" means either a short of 0.20·H (a fifth
/// of that holding is protected: <see cref="OfHolding"/>) or a short of 0.20·P (the portfolio's exposure
/// falls by 20 percentage points: <see cref="OfPortfolio"/>). With H = 50 and P = 100 the first is 10 and
/// the second 20. The second exceeds the holding (a net short) once the fraction is above H/P.
/// </remarks>
public enum HedgeFractionBasis
{
    /// <summary>The fraction is of the value of the holding being hedged: notional = fraction × holding value.</summary>
    OfHolding = 0,
    /// <summary>The fraction is of the whole portfolio value: notional = fraction × portfolio value.</summary>
    OfPortfolio = 1,
}
