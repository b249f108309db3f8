namespace HedgeMath.Hedging;

/// <summary>One rule of a plan at the latest close: whether its condition held, whether it can fire, whether it fired on the latest bar, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlanRuleStatus
{
    internal PlanRuleStatus(int index, PlanRule rule, bool held, bool armed, bool fired, bool idle, string why)
    {
        Index = index; Rule = rule; Held = held; Armed = armed; FiredOnLastBar = fired; IdleOnLastBar = idle; Why = why;
    }

    /// <summary>The rule's index in the plan.</summary>
    public int Index { get; }
    /// <summary>The rule.</summary>
    public PlanRule Rule { get; }
    /// <summary>Whether its condition held at the latest close (as the plan step evaluated it).</summary>
    public bool Held { get; }
    /// <summary>Whether it can fire at the next close (<see cref="PlanState.RuleArmed"/>).</summary>
    public bool Armed { get; }
    /// <summary>Whether it fired on the latest bar and its action was done (an action is due now).</summary>
    public bool FiredOnLastBar { get; }
    /// <summary>Whether it fired on the latest bar with nothing to act on (a flat or removed leg, no spot): recorded, nothing due.</summary>
    public bool IdleOnLastBar { get; }
    /// <summary>The condition with the values it compared at the latest close, e.g. <c>spot close 97,000.00 ≥ 90,000</c>.</summary>
    public string Why { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Rule.Name}: {(FiredOnLastBar ? "fired" : Held ? "holds" : "does not hold")} ({Why})";
}
