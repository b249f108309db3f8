using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>When a <see cref="PlanRule"/> acts.</summary>
public enum RuleTrigger
{
    /// <summary>Fires on the bar whose close makes its condition true, and re-arms when the condition is false at a close (the default).</summary>
    Edge = 1,
    /// <summary>Fires on the first close at which its condition is true, then never again.</summary>
    Once = 2,
    /// <summary>
    /// Holds while its condition holds: a ratio action (remove, raise, lower) sets the leg's target at every close at which
    /// the condition is true; when several hold, the first in the plan's order wins; when none holds, the leg's own
    /// ratio (as the edge rules last set it) applies. A level, as in the backtest's policies (<see cref="PlanDefinition.TrendHedge"/>); only for ratio actions.
    /// </summary>
    While = 3,
    /// <summary>Fires once per position of its leg: re-armed when the leg is brought to its target again (opened, re-sized or re-opened). Only for hedge actions.</summary>
    OncePerPosition = 4,
}
