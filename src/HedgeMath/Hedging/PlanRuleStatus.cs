namespace HedgeMath.Hedging;

/// <summary>One rule of a plan at the latest close: whether its condition held, whether it can fire, whether it fired on the latest bar, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlanRuleStatus
{
    internal PlanRuleStatus(int index, PlanRule rule, bool held, bool armed, bool fired, bool idle, string why, decimal spotClose)
    {
        Index = index; Rule = rule; Held = held; Armed = armed; FiredOnLastBar = fired; IdleOnLastBar = idle; Why = why;
        // A level read on another asset (PlanCondition.OnAsset) is measured from that asset's close (the caller's spotClose).
        var when = rule.When is PlanCondition.AssetScoped { Inner: PlanCondition.PriceLevel } scoped ? scoped.Inner : rule.When;
        if (when is PlanCondition.PriceLevel level)
        {
            // How far the spot close still has to go to reach the level (a ladder's next rung, a removal price):
            // at-or-above, level − close; at-or-below, close − level; ≤ 0 once it is there.
            TriggerPrice = level.Price;
            DistanceToTrigger = level.Below ? spotClose - level.Price : level.Price - spotClose;
            DistanceToTriggerFraction = DistanceToTrigger / spotClose;
        }
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
    /// <summary>The spot price the rule waits for, when its condition is a price level (<see cref="PlanCondition.PriceAtOrAbove"/>,
    /// <see cref="PlanCondition.PriceAtOrBelow"/>: a ladder's rung, a removal price; or one read on another asset,
    /// <see cref="PlanCondition.OnAsset"/>, measured from that asset's close); null for other conditions.</summary>
    public decimal? TriggerPrice { get; }
    /// <summary>How far the spot close still has to move to reach <see cref="TriggerPrice"/> (up for at-or-above, down for
    /// at-or-below), in the quote asset; 0 or less once it is there; null without a price level.</summary>
    public decimal? DistanceToTrigger { get; }
    /// <summary><see cref="DistanceToTrigger"/> as a fraction of the spot close; null without a price level.</summary>
    public decimal? DistanceToTriggerFraction { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Rule.Name}: {(FiredOnLastBar ? "fired" : Held ? "holds" : "does not hold")} ({Why})";
}
