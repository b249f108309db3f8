using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>How a stop-loss on a short hedge is stated.</summary>
public enum HedgeStopKind
{
    /// <summary>A futures price above the short's entry.</summary>
    Price = 1,
    /// <summary>The largest loss on the hedge (before fees, in the settlement asset) the trader accepts.</summary>
    MaxHedgeCost = 2,
}

/// <summary>A stop-loss on the futures hedge: a price above entry for a short, or the largest hedge loss accepted.</summary>
/// <remarks>
/// A short hedge loses when the price rises. The stop closes it before the loss grows (the spot gains
/// meanwhile, so closing the hedge leaves the holding unprotected above the stop). A maximum cost C is
/// turned into a price by the contract's PnL: linear <c>entry + C/(q·size)</c>; inverse
/// <c>1/(1/entry − C/(contracts·size))</c>. Immutable and thread-safe.
/// </remarks>
public sealed class HedgeStop
{
    private HedgeStop(HedgeStopKind kind, decimal value) { Kind = kind; Value = value; }

    /// <summary>How the stop is stated.</summary>
    public HedgeStopKind Kind { get; }
    /// <summary>The stop price (for <see cref="HedgeStopKind.Price"/>) or the maximum hedge cost (for <see cref="HedgeStopKind.MaxHedgeCost"/>).</summary>
    public decimal Value { get; }

    /// <summary>A stop at a futures price (must be above the hedge's entry; checked when attached to a plan).</summary>
    /// <param name="price">The stop price, &gt; 0.</param>
    /// <returns>The stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public static HedgeStop AtPrice(decimal price) => new(HedgeStopKind.Price, Preconditions.Positive(price));

    /// <summary>A stop at the price where the hedge has lost <paramref name="amount"/> (before fees).</summary>
    /// <param name="amount">The largest loss accepted, in the contract's settlement asset, &gt; 0.</param>
    /// <returns>The stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    public static HedgeStop MaxHedgeCost(decimal amount) => new(HedgeStopKind.MaxHedgeCost, Preconditions.Positive(amount));

    /// <inheritdoc />
    public override string ToString() => Kind == HedgeStopKind.Price
        ? FormattableString.Invariant($"stop at {Value}")
        : FormattableString.Invariant($"stop at a hedge loss of {Value}");
}
