using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>One rule of a plan: when a <see cref="PlanCondition"/> holds at a close, do a <see cref="RuleAction"/>.</summary>
/// <remarks>
/// Semantics (one bar): stops, take-profits and liquidation are applied first, as the bar's range reaches them; then
/// at the close every rule's condition is evaluated; the ratio rules (remove, raise, lower) set their legs' targets in
/// the plan's order and each leg is brought to its target; then the other actions (close a fraction, move the stop,
/// sell or buy spot) are done in the plan's order. A rule whose action has nothing to trade (a flat leg, no spot) is
/// recorded as idle, not an error. Immutable and thread-safe.
/// </remarks>
public sealed class PlanRule : IEquatable<PlanRule>
{
    /// <summary>Creates a rule.</summary>
    /// <param name="when">The condition.</param>
    /// <param name="action">The action.</param>
    /// <param name="trigger">When it acts (default: on the edge, re-arming when the condition turns false).</param>
    /// <param name="name">A name for explanations; the condition and action when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="when"/> or <paramref name="action"/> is null.</exception>
    /// <exception cref="ArgumentException">A <see cref="RuleTrigger.While"/> rule whose action does not set a ratio, or a <see cref="RuleTrigger.OncePerPosition"/> rule on spot.</exception>
    public PlanRule(PlanCondition when, RuleAction action, RuleTrigger trigger = RuleTrigger.Edge, string? name = null)
    {
        When = Preconditions.NotNull(when);
        Action = Preconditions.NotNull(action);
        Trigger = Preconditions.Defined(trigger);
        if (trigger == RuleTrigger.While && !action.SetsRatio)
            Preconditions.ThrowArgument(nameof(trigger), $"While needs a ratio action (remove, raise-to, lower-to); {action.Name} is done once per firing");
        if (trigger == RuleTrigger.OncePerPosition && action.Kind is RuleActionKind.SellSpot or RuleActionKind.BuySpot)
            Preconditions.ThrowArgument(nameof(trigger), $"OncePerPosition needs a hedge action; {action.Name} acts on spot");
        Name = string.IsNullOrWhiteSpace(name) ? $"when {when.Name}: {action}" : name;
    }

    /// <summary>The condition.</summary>
    public PlanCondition When { get; }
    /// <summary>The action.</summary>
    public RuleAction Action { get; }
    /// <summary>When the rule acts.</summary>
    public RuleTrigger Trigger { get; }
    /// <summary>The rule's name in explanations.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <inheritdoc />
    public bool Equals(PlanRule? other) => other is not null && When.Equals(other.When) && Action.Equals(other.Action) && Trigger == other.Trigger && Name == other.Name;
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PlanRule);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(When, Action, Trigger, Name);
}
