using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>A rule that raises a plan's hedge ratio temporarily while a signal is active (the strategy's "RSI 85+ → increase the short hedge ratio temporarily").</summary>
/// <remarks>
/// While the rule fires the plan's target ratio is <see cref="RaisedRatio"/>; when it stops firing the target falls back
/// to the plan's own ratio. A removal rule wins over a raise (<see cref="HedgePlan.Decide"/>). Immutable and thread-safe.
/// </remarks>
[Obsolete(Retired.RaiseRule)]
public sealed class RaiseRule
{
    private RaiseRule(SignalKinds signals, decimal raisedRatio)
    {
        Signals = signals;
        RaisedRatio = raisedRatio;
        Description = string.Create(CultureInfo.InvariantCulture, $"raise the hedge ratio to {raisedRatio} while '{string.Join(" + ", SignalNames.Names(signals))}' is active");
    }

    /// <summary>The signals that must all be active.</summary>
    public SignalKinds Signals { get; }
    /// <summary>The hedge ratio while the rule fires.</summary>
    public decimal RaisedRatio { get; }
    /// <summary>A sentence that says what the rule does.</summary>
    public string Description { get; }

    /// <summary>Raise to <paramref name="raisedRatio"/> while every signal of <paramref name="signals"/> is active.</summary>
    /// <param name="signals">One or more flags, e.g. <see cref="SignalKinds.RsiExtreme"/>.</param>
    /// <param name="raisedRatio">The raised hedge ratio, in (0, 10] (checked against the plan's ratio when attached).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signals"/> is None or has undefined bits, or <paramref name="raisedRatio"/> is outside (0, 10].</exception>
    public static RaiseRule WhenSignal(SignalKinds signals, decimal raisedRatio)
    {
        if (signals == SignalKinds.None) Preconditions.ThrowOutOfRange(nameof(signals), signals, "must name at least one signal");
        Preconditions.DefinedFlags(signals);
        if (raisedRatio <= 0m || raisedRatio > HedgePlan.MaxHedgeRatio)
            Preconditions.ThrowOutOfRange(nameof(raisedRatio), raisedRatio, $"must be in (0, {HedgePlan.MaxHedgeRatio}]");
        return new RaiseRule(signals, raisedRatio);
    }

    /// <summary>Raise to <paramref name="raisedRatio"/> while the named signal is active.</summary>
    /// <param name="signalName">A signal name (<see cref="SignalNames"/>), e.g. "rsi-extreme".</param>
    /// <param name="raisedRatio">The raised hedge ratio, in (0, 10].</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="signalName"/> is not a signal name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="raisedRatio"/> is outside (0, 10].</exception>
    public static RaiseRule WhenSignal(string signalName, decimal raisedRatio)
    {
        Preconditions.NotNullOrWhiteSpace(signalName);
        if (!SignalNames.TryParse(signalName, out var kind))
            Preconditions.ThrowArgument(nameof(signalName), $"'{signalName}' is not a signal name; use one of: {string.Join(", ", SignalNames.All)}");
        return WhenSignal(kind, raisedRatio);
    }

    /// <summary>True when the hedge should be raised in this context.</summary>
    /// <param name="context">What is known now.</param>
    /// <returns>Whether every signal of the rule is active.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public bool ShouldRaise(RemovalContext context)
    {
        Preconditions.NotNull(context);
        return (context.Signals & Signals) == Signals;
    }

    /// <summary>The rule as a plan rule: while its signals are active, raise leg 0 to <see cref="RaisedRatio"/>.</summary>
    internal PlanRule AsPlanRule() => new(PlanCondition.Signal(Signals), RuleAction.RaiseTo(RaisedRatio), RuleTrigger.While, Description);

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary>What a plan's rules say at a moment.</summary>
[Obsolete(Retired.Decide)]
public enum PlanAction
{
    /// <summary>No rule fires: hold the plan's own hedge ratio.</summary>
    Keep = 0,
    /// <summary>A raise rule fires: hold the raised ratio.</summary>
    Raise = 1,
    /// <summary>A removal rule fires: take the hedge off (ratio 0).</summary>
    Remove = 2,
}

/// <summary>The decision of a plan's rules in one context: the action, the target hedge ratio and the rule that decided.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[Obsolete(Retired.Decide)]
public sealed record PlanDecision
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal PlanDecision(PlanAction action, decimal targetRatio, RemovalRule? removal, RaiseRule? raise)
    {
        Action = action;
        TargetRatio = targetRatio;
        Removal = removal;
        Raise = raise;
    }

    /// <summary>Keep, raise or remove.</summary>
    public PlanAction Action { get; }

    /// <summary>The hedge ratio to hold: the plan's, the raised one, or 0.</summary>
    public decimal TargetRatio { get; }

    /// <summary>The removal rule that fired, or null.</summary>
    public RemovalRule? Removal { get; }

    /// <summary>The raise rule that fired, or null.</summary>
    public RaiseRule? Raise { get; }
}
