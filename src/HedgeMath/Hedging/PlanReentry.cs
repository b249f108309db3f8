using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>What follows a stop, a take-profit or a liquidation: stay flat, re-enter at the next bar, or re-enter when a condition holds.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class PlanReentry : IEquatable<PlanReentry>
{
    private PlanReentry(bool reEnters, PlanCondition? when) { ReEnters = reEnters; When = when; }

    /// <summary>Stay flat (the default): the leg stays flat until a rule raises or lowers its ratio.</summary>
    public static PlanReentry StayFlat { get; } = new(false, null);
    /// <summary>Re-open the leg to its target at the next bar's close (what the backtest's policies do: <see cref="PlanDefinition.StaticHedge"/>).</summary>
    public static PlanReentry NextBar { get; } = new(true, null);

    /// <summary>Re-open at the first later close at which a condition holds.</summary>
    /// <param name="when">The condition.</param>
    /// <returns>The re-entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="when"/> is null.</exception>
    public static PlanReentry WhenCondition(PlanCondition when) => new(true, Preconditions.NotNull(when));

    /// <summary>Whether the leg is re-opened at all: false for <see cref="StayFlat"/>; true for <see cref="NextBar"/> (no <see cref="When"/>) and <see cref="WhenCondition"/>.</summary>
    public bool ReEnters { get; }
    /// <summary>The condition of a <see cref="WhenCondition"/> re-entry, or null (<see cref="StayFlat"/>, <see cref="NextBar"/>).</summary>
    public PlanCondition? When { get; }

    /// <inheritdoc />
    public override string ToString() => !ReEnters ? "stay flat" : When is null ? "re-enter at the next bar" : $"re-enter when {When.Name}";

    /// <inheritdoc />
    public bool Equals(PlanReentry? other) => other is not null && ReEnters == other.ReEnters && Equals(When, other.When);
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PlanReentry);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ReEnters, When?.Kind);
}
