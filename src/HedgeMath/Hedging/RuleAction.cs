using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>What a kind of <see cref="RuleAction"/> does.</summary>
public enum RuleActionKind
{
    /// <summary>Take a hedge leg off for good: it closes and nothing re-opens it.</summary>
    Remove = 1,
    /// <summary>Set a leg's hedge ratio to a higher value.</summary>
    RaiseTo = 2,
    /// <summary>Set a leg's hedge ratio to a lower value (0 closes the leg; a later rule may raise it again).</summary>
    LowerTo = 3,
    /// <summary>Close a fraction of a leg's position (its target stays as it was).</summary>
    CloseFraction = 4,
    /// <summary>Give a leg another stop.</summary>
    MoveStop = 5,
    /// <summary>Sell a fraction of the spot holding at the close, or a quantity of it (<see cref="RuleAction.IsQuantity"/>).</summary>
    SellSpot = 6,
    /// <summary>Buy spot worth a fraction of the holding at the close, or a quantity of it (<see cref="RuleAction.IsQuantity"/>).</summary>
    BuySpot = 7,
}

/// <summary>The one action type of a plan's rules: remove a leg, raise or lower its ratio, close a fraction of it, move its stop, sell or buy a fraction of spot.</summary>
/// <remarks>
/// A closed set: create actions with the factories. Hedge actions name a leg by its index in the plan (0 = the first
/// leg). Ratios are hedge ratios of the holding, in [0, <see cref="HedgePlan.MaxHedgeRatio"/>]. Immutable and thread-safe.
/// </remarks>
public sealed class RuleAction : IEquatable<RuleAction>
{
    private RuleAction(RuleActionKind kind, int leg, decimal value, LegStop? stop, string? asset = null, bool isQuantity = false)
    {
        Kind = kind; Leg = leg; Value = value; Stop = stop; Asset = asset; IsQuantity = isQuantity;
    }

    /// <summary>
    /// Whether a spot action's <see cref="Value"/> is a quantity in the asset's units (<see cref="SellSpotQuantity"/>,
    /// <see cref="BuySpotQuantity"/>) rather than a fraction of the holding.
    /// </summary>
    public bool IsQuantity { get; }

    /// <summary>The asset a spot action sells or buys (a plan over several assets); null: the plan's first holding's asset.</summary>
    public string? Asset { get; }

    /// <summary>The action's kind.</summary>
    public RuleActionKind Kind { get; }
    /// <summary>The leg acted on (hedge actions), 0 for spot actions.</summary>
    public int Leg { get; }
    /// <summary>The ratio (<see cref="RuleActionKind.RaiseTo"/>, <see cref="RuleActionKind.LowerTo"/>), fraction (close, sell, buy) or spot quantity (<see cref="IsQuantity"/>); 0 otherwise.</summary>
    public decimal Value { get; }
    /// <summary>The new stop (<see cref="RuleActionKind.MoveStop"/>; null removes the stop), null otherwise.</summary>
    public LegStop? Stop { get; }

    /// <summary>Whether the action sets a leg's target ratio (remove, raise, lower).</summary>
    public bool SetsRatio => Kind is RuleActionKind.Remove or RuleActionKind.RaiseTo or RuleActionKind.LowerTo;

    /// <summary>The target ratio a ratio action asks for (0 for remove).</summary>
    internal decimal TargetRatio => Kind == RuleActionKind.Remove ? 0m : Value;

    /// <summary>Take the leg off for good.</summary>
    /// <param name="leg">The leg's index, ≥ 0.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leg"/> is negative.</exception>
    public static RuleAction Remove(int leg = 0) => new(RuleActionKind.Remove, Preconditions.NonNegative(leg), 0m, null);

    /// <summary>Raise the leg's hedge ratio to <paramref name="ratio"/>.</summary>
    /// <param name="ratio">The ratio, in (0, 10].</param>
    /// <param name="leg">The leg's index, ≥ 0.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static RuleAction RaiseTo(decimal ratio, int leg = 0)
    {
        if (ratio <= 0m || ratio > HedgePlan.MaxHedgeRatio) Preconditions.ThrowOutOfRange(nameof(ratio), ratio, $"must be in (0, {HedgePlan.MaxHedgeRatio}]");
        return new(RuleActionKind.RaiseTo, Preconditions.NonNegative(leg), ratio, null);
    }

    /// <summary>Lower the leg's hedge ratio to <paramref name="ratio"/>.</summary>
    /// <param name="ratio">The ratio, in [0, 10].</param>
    /// <param name="leg">The leg's index, ≥ 0.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static RuleAction LowerTo(decimal ratio, int leg = 0) =>
        new(RuleActionKind.LowerTo, Preconditions.NonNegative(leg), Preconditions.InRange(ratio, 0m, HedgePlan.MaxHedgeRatio), null);

    /// <summary>Close a fraction of the leg's position (rounded down to the lot step).</summary>
    /// <param name="fraction">The fraction, in (0, 1].</param>
    /// <param name="leg">The leg's index, ≥ 0.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static RuleAction CloseFraction(decimal fraction, int leg = 0) =>
        new(RuleActionKind.CloseFraction, Preconditions.NonNegative(leg), Fraction(fraction), null);

    /// <summary>Give the leg another stop (null: no stop).</summary>
    /// <param name="stop">The new stop, or null to remove it.</param>
    /// <param name="leg">The leg's index, ≥ 0.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leg"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="stop"/> is a maximum hedge cost (a one-off plan's stop).</exception>
    public static RuleAction MoveStop(LegStop? stop, int leg = 0) => new(RuleActionKind.MoveStop, Preconditions.NonNegative(leg), 0m, LegStop.ForLeg(stop, nameof(stop)));

    /// <summary>Sell a fraction of the spot holding at the close.</summary>
    /// <param name="fraction">The fraction, in (0, 1].</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is out of range.</exception>
    public static RuleAction SellSpot(decimal fraction) => new(RuleActionKind.SellSpot, 0, Fraction(fraction), null);

    /// <summary>Sell a fraction of the holding of one asset at its close (a plan over several assets).</summary>
    /// <param name="fraction">The fraction, in (0, 1].</param>
    /// <param name="asset">The asset (one the plan holds; checked by <see cref="PlanDefinition.Create"/>).</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is null, empty or white space.</exception>
    public static RuleAction SellSpot(decimal fraction, string asset) =>
        new(RuleActionKind.SellSpot, 0, Fraction(fraction), null, Preconditions.NotNullOrWhiteSpace(asset));

    /// <summary>Buy spot worth a fraction of the current holding at the close (0.2 adds 20 %).</summary>
    /// <param name="fraction">The fraction, in (0, 10].</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is out of range.</exception>
    public static RuleAction BuySpot(decimal fraction)
    {
        if (fraction <= 0m || fraction > 10m) Preconditions.ThrowOutOfRange(nameof(fraction), fraction, "must be in (0, 10]");
        return new(RuleActionKind.BuySpot, 0, fraction, null);
    }

    /// <summary>Buy spot of one asset worth a fraction of its current holding at its close (a plan over several assets).</summary>
    /// <param name="fraction">The fraction, in (0, 10].</param>
    /// <param name="asset">The asset (one the plan holds; checked by <see cref="PlanDefinition.Create"/>).</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is null, empty or white space.</exception>
    public static RuleAction BuySpot(decimal fraction, string asset)
    {
        var a = BuySpot(fraction);
        return new(RuleActionKind.BuySpot, 0, a.Value, null, Preconditions.NotNullOrWhiteSpace(asset));
    }

    /// <summary>Sell a quantity of spot at the close (all that is held when less is held).</summary>
    /// <remarks>A plan that knows the units to trade (a ladder's purchases) says so exactly: a fraction of a holding that
    /// has grown in between is not a whole number of units in general.</remarks>
    /// <param name="quantity">The quantity, in the asset's units, &gt; 0.</param>
    /// <param name="asset">The asset (one the plan holds; checked by <see cref="PlanDefinition.Create"/>); null: the plan's first holding's asset.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is not greater than 0.</exception>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is empty or white space.</exception>
    public static RuleAction SellSpotQuantity(decimal quantity, string? asset = null) =>
        new(RuleActionKind.SellSpot, 0, Preconditions.Positive(quantity), null, asset is null ? null : Preconditions.NotNullOrWhiteSpace(asset), true);

    /// <summary>Buy a quantity of spot at the close (a scale-in ladder's rung).</summary>
    /// <param name="quantity">The quantity, in the asset's units, &gt; 0.</param>
    /// <param name="asset">The asset (one the plan holds; checked by <see cref="PlanDefinition.Create"/>); null: the plan's first holding's asset.</param>
    /// <returns>The action.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is not greater than 0.</exception>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is empty or white space.</exception>
    public static RuleAction BuySpotQuantity(decimal quantity, string? asset = null) =>
        new(RuleActionKind.BuySpot, 0, Preconditions.Positive(quantity), null, asset is null ? null : Preconditions.NotNullOrWhiteSpace(asset), true);

    private static decimal Fraction(decimal fraction, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(fraction))] string? name = null)
    {
        if (fraction <= 0m || fraction > 1m) Preconditions.ThrowOutOfRange(name, fraction, "must be in (0, 1]");
        return fraction;
    }

    /// <summary>The action's name in plan documents, e.g. <c>raise-to</c>.</summary>
    public string Name => Kind switch
    {
        RuleActionKind.Remove => "remove",
        RuleActionKind.RaiseTo => "raise-to",
        RuleActionKind.LowerTo => "lower-to",
        RuleActionKind.CloseFraction => "close-fraction",
        RuleActionKind.MoveStop => "move-stop",
        RuleActionKind.SellSpot => "sell-spot",
        _ => "buy-spot",
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        RuleActionKind.Remove => $"remove leg {Leg}",
        RuleActionKind.RaiseTo or RuleActionKind.LowerTo => string.Create(CultureInfo.InvariantCulture, $"{(Kind == RuleActionKind.RaiseTo ? "raise" : "lower")} leg {Leg} to ratio {Value}"),
        RuleActionKind.CloseFraction => string.Create(CultureInfo.InvariantCulture, $"close {Value:P0} of leg {Leg}"),
        RuleActionKind.MoveStop => $"move leg {Leg}'s stop to {(Stop is null ? "none" : Stop.ToString())}",
        RuleActionKind.SellSpot when IsQuantity => string.Create(CultureInfo.InvariantCulture, $"sell {Value} {(Asset is null ? "spot" : Asset)}"),
        RuleActionKind.SellSpot => string.Create(CultureInfo.InvariantCulture, $"sell {Value:P0} of {(Asset is null ? "spot" : Asset)}"),
        RuleActionKind.BuySpot when IsQuantity => string.Create(CultureInfo.InvariantCulture, $"buy {Value} more {(Asset is null ? "spot" : Asset)}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"buy {Value:P0} more {(Asset is null ? "spot" : Asset)}"),
    };

    /// <inheritdoc />
    public bool Equals(RuleAction? other) => other is not null && Kind == other.Kind && Leg == other.Leg && Value == other.Value && Equals(Stop, other.Stop)
        && IsQuantity == other.IsQuantity && string.Equals(Asset, other.Asset, StringComparison.OrdinalIgnoreCase);
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RuleAction);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Leg, Value, Stop, IsQuantity);
}
