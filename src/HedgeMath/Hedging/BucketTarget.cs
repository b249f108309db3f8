using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>One bucket of an allocation (e.g. core BTC/ETH, satellite altcoins, buffer stablecoins) and its target weight.</summary>
/// <remarks>
/// A cash bucket (stablecoins, fiat) has a stable value and no futures to hedge it with; a short hedge on
/// a risky bucket turns that exposure into synthetic cash. Immutable and thread-safe.
/// </remarks>
public sealed class BucketTarget
{
    /// <summary>Creates a bucket target.</summary>
    /// <param name="name">Bucket name (non-empty; unique within an <see cref="AllocationTargets"/>, compared ordinally ignoring case).</param>
    /// <param name="weight">Target weight as a fraction of the portfolio, in [0, 1].</param>
    /// <param name="isCash">True for a stable-value bucket (stablecoins) that is not hedged with futures.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is outside [0, 1].</exception>
    public BucketTarget(string name, decimal weight, bool isCash = false)
    {
        Name = Preconditions.NotNullOrWhiteSpace(name);
        Weight = Preconditions.InRange(weight, 0m, 1m);
        IsCash = isCash;
    }

    /// <summary>Bucket name.</summary>
    public string Name { get; }
    /// <summary>Target weight (fraction of the portfolio value).</summary>
    public decimal Weight { get; }
    /// <summary>True for a stable-value bucket.</summary>
    public bool IsCash { get; }
}
