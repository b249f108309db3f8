using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One hedge leg of a plan at the latest close: the ratio held, the position, the distances to its stop and liquidation price, and the margin it needs.</summary>
/// <remarks>
/// <para>Distances are in the adverse direction (how far the price can move against the leg before the level is
/// reached): a short's stop − price, a long's price − stop; as a fraction of that price. The stop is measured from the
/// close of the price it watches (mark or last), the liquidation price from the mark close. A negative distance means
/// the price is already beyond the level.</para>
/// <para>Margin to keep in the futures wallet, in the settlement asset: an isolated leg's posted margin
/// (<see cref="Position.IsolatedMargin"/>, what the engine loses on liquidation); a cross leg's initial margin at the
/// mark (<see cref="MarginSnapshot.InitialMargin"/> from <see cref="MarginCalc.Cross(CrossAccount, IReadOnlyDictionary{string, decimal}, LiquidationRule?)"/>).
/// In the quote asset an inverse leg's coin is valued at the perpetual's close, as the plan's equity is. Immutable and thread-safe.</para>
/// </remarks>
public sealed record PlanLegStatus
{
    internal PlanLegStatus() { }

    /// <summary>The leg's index in the plan.</summary>
    public int Index { get; internal init; }
    /// <summary>The plan's leg.</summary>
    public PlanLeg Leg { get; internal init; } = null!;
    /// <summary>The hedge ratio held after the latest close (0 while flat).</summary>
    public decimal HeldRatio { get; internal init; }
    /// <summary>The open position, or null while flat.</summary>
    public Position? Position { get; internal init; }
    /// <summary>The position's size in contracts (0 while flat).</summary>
    public decimal Quantity => Position?.Quantity ?? 0m;
    /// <summary>The average entry price, or null while flat.</summary>
    public decimal? EntryPrice => Position?.EntryPrice;
    /// <summary>The unrealized PnL at the perpetual's close, in the settlement asset (0 while flat).</summary>
    public decimal UnrealizedPnl { get; internal init; }
    /// <summary>The stop price on the engine (unrounded), or null (no stop, flat, or an ATR stop still warming up).</summary>
    public decimal? StopPrice { get; internal init; }
    /// <summary>The price the stop watches, or null without a stop.</summary>
    public TriggerPrice? StopTrigger { get; internal init; }
    /// <summary>Distance from the watched close to the stop, in the quote asset (adverse direction), or null.</summary>
    public decimal? DistanceToStop { get; internal init; }
    /// <summary><see cref="DistanceToStop"/> as a fraction of the watched close, or null.</summary>
    public decimal? DistanceToStopFraction { get; internal init; }
    /// <summary>The liquidation price (isolated: the engine's; cross: the account's from <see cref="MarginCalc"/>), or null (flat, or no price liquidates it).</summary>
    public decimal? LiquidationPrice { get; internal init; }
    /// <summary>Distance from the mark close to the liquidation price, in the quote asset (adverse direction), or null.</summary>
    public decimal? DistanceToLiquidation { get; internal init; }
    /// <summary><see cref="DistanceToLiquidation"/> as a fraction of the mark close, or null.</summary>
    public decimal? DistanceToLiquidationFraction { get; internal init; }
    /// <summary>The margin to keep in the futures wallet for this leg, in the settlement asset (0 while flat).</summary>
    public decimal Margin { get; internal init; }
    /// <summary><see cref="Margin"/> in the quote asset.</summary>
    public decimal MarginInQuote { get; internal init; }
    /// <summary>The settlement asset of <see cref="Margin"/> and <see cref="UnrealizedPnl"/>.</summary>
    public string SettlementAsset => Leg.Contract.SettlementAsset;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"leg {Index} {Leg.Contract.Symbol}: ratio {HeldRatio}, {(Position is null ? "flat" : $"{Position.Side} {Quantity} @ {EntryPrice}")}, stop {StopPrice?.ToString(CultureInfo.InvariantCulture) ?? "none"}, liquidation {LiquidationPrice?.ToString(CultureInfo.InvariantCulture) ?? "none"}, margin {Margin} {SettlementAsset}");
}
