using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One target of a scale-out (profit-taking) ladder: at this price, short this fraction of the spot holding.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LadderTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="price">The target price (&gt; 0).</param>
    /// <param name="fraction">The fraction of the spot quantity to short here, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks its rule.</exception>
    public LadderTarget(decimal price, decimal fraction)
    {
        Price = Preconditions.Positive(price);
        if (fraction <= 0m || fraction > 1m) Preconditions.ThrowOutOfRange(nameof(fraction), fraction, "must be in (0, 1]");
        Fraction = fraction;
    }

    /// <summary>The target price.</summary>
    public decimal Price { get; }
    /// <summary>The fraction of the spot quantity shorted at this target.</summary>
    public decimal Fraction { get; }
}
