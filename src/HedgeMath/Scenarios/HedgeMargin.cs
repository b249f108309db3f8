using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>The margin facts of one short futures hedge: the posted isolated margin and the liquidation price.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class HedgeMargin : IEquatable<HedgeMargin>
{
    /// <summary>Creates the margin facts of a hedge.</summary>
    /// <param name="initialMargin">The isolated margin the hedge ties up, in its settlement asset (≥ 0).</param>
    /// <param name="liquidationPrice">The mark price at which the short is liquidated (&gt; 0), or null when it cannot be.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialMargin"/> is negative or <paramref name="liquidationPrice"/> is not positive.</exception>
    internal HedgeMargin(decimal initialMargin, decimal? liquidationPrice)
    {
        Preconditions.NonNegative(initialMargin);
        if (liquidationPrice is { } l) Preconditions.Positive(l, nameof(liquidationPrice));
        InitialMargin = initialMargin;
        LiquidationPrice = liquidationPrice;
    }

    /// <summary>The isolated margin the hedge ties up (settlement asset). On liquidation this margin is lost.</summary>
    public decimal InitialMargin { get; }

    /// <summary>The mark price at which the short hedge is liquidated; null when it cannot be.</summary>
    public decimal? LiquidationPrice { get; }

    /// <inheritdoc />
    public bool Equals(HedgeMargin? other) => other is not null && InitialMargin == other.InitialMargin && LiquidationPrice == other.LiquidationPrice;
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HedgeMargin);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(InitialMargin, LiquidationPrice);
    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"initial margin {InitialMargin}, liquidation {(LiquidationPrice is { } l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}");
}
