using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>
/// Where the margin numbers of a scenario come from: the initial margin and liquidation price of a short
/// futures hedge and its maintenance margin at a mark price. Scenarios never derive margin formulas
/// themselves; an implementation wraps the margin engine (<c>HedgeMath.Margin.MarginCalc</c>) for a
/// contract and rule set.
/// </summary>
/// <remarks>Implementations must be pure and thread-safe: grids and Monte Carlo call them from several threads.</remarks>
public interface IHedgeMarginModel
{
    /// <summary>A short name for reports (e.g. the contract and rule set).</summary>
    string Name { get; }

    /// <summary>The margin picture of a short hedge of <paramref name="quantity"/> opened at <paramref name="entryPrice"/> with <paramref name="leverage"/>.</summary>
    /// <param name="quantity">Hedge quantity in base units (&gt; 0).</param>
    /// <param name="entryPrice">Entry price in the quote asset (&gt; 0).</param>
    /// <param name="leverage">Leverage (≥ 1).</param>
    /// <returns>Initial margin and liquidation price (null when the position cannot be liquidated).</returns>
    HedgeMargin ShortHedge(decimal quantity, decimal entryPrice, decimal leverage);

    /// <summary>The maintenance margin of that short hedge at <paramref name="markPrice"/>, in the quote asset.</summary>
    /// <param name="quantity">Hedge quantity in base units (&gt; 0).</param>
    /// <param name="entryPrice">Entry price (&gt; 0).</param>
    /// <param name="leverage">Leverage (≥ 1).</param>
    /// <param name="markPrice">Mark price (&gt; 0).</param>
    /// <returns>The maintenance margin in the quote asset.</returns>
    decimal MaintenanceMargin(decimal quantity, decimal entryPrice, decimal leverage, decimal markPrice);
}

/// <summary>The margin facts of one short futures hedge as a margin model reports them.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class HedgeMargin : IEquatable<HedgeMargin>
{
    /// <summary>Creates the margin facts of a hedge.</summary>
    /// <param name="initialMargin">The isolated margin the hedge ties up, in the quote asset (≥ 0).</param>
    /// <param name="liquidationPrice">The mark price at which the short is liquidated (&gt; 0), or null when it cannot be.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialMargin"/> is negative or <paramref name="liquidationPrice"/> is not positive.</exception>
    public HedgeMargin(decimal initialMargin, decimal? liquidationPrice)
    {
        Preconditions.NonNegative(initialMargin);
        if (liquidationPrice is { } l) Preconditions.Positive(l, nameof(liquidationPrice));
        InitialMargin = initialMargin;
        LiquidationPrice = liquidationPrice;
    }

    /// <summary>The isolated margin the hedge ties up (quote asset). On liquidation this margin is lost.</summary>
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
