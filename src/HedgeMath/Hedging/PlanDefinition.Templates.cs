using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

// The strategies as plans (issue 28 item 3): each builds the PlanDefinition that runs it on any clock and saves as a
// document. FromHedgePlan (PlanDefinition.cs) serves the one-leg hedges (plan, sell-and-hedge, de-risk).
public sealed partial class PlanDefinition
{
    /// <summary>
    /// The plan of a scale-out ladder: one short leg on the ladder's contract, flat at the start, and per rung a
    /// <see cref="RuleTrigger.Once"/> rule "spot close at or above the rung's target → raise the short to the
    /// cumulative fraction so far" (rungs in order, so a bar that passes several targets takes the last one's ratio).
    /// </summary>
    /// <remarks>The ladder assumes each short opens at its target (a resting order); the plan trades at the close of the
    /// bar whose close reaches it (a market order after the close), so on a clock of bars its entries are at those closes.</remarks>
    /// <param name="ladder">The ladder.</param>
    /// <param name="stop">The short's stop (following its average entry), or null.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ladder"/> is null.</exception>
    public static PlanDefinition FromScaleOutLadder(ScaleOutLadder ladder, LegStop? stop = null)
    {
        Preconditions.NotNull(ladder);
        // The contract's own rule stays implicit (null), as a document writes it; another rule is the leg's.
        LiquidationRule? rule = Equals(ladder.Rule, MarginCalc.DefaultRule(ladder.Contract)) ? null : ladder.Rule;
        var leg = new PlanLeg(ladder.Contract, 0m, ladder.Leverage, Side.Short, MarginMode.Isolated, stop, rule: rule);
        var rules = new List<PlanRule>(ladder.Rungs.Length);
        decimal cumulative = 0m;
        foreach (var r in ladder.Rungs)
        {
            cumulative += r.Fraction;
            rules.Add(new PlanRule(PlanCondition.PriceAtOrAbove(r.TargetPrice), RuleAction.RaiseTo(cumulative), RuleTrigger.Once,
                string.Create(CultureInfo.InvariantCulture, $"rung {r.Index + 1}: at {r.TargetPrice} short {cumulative} of the holding")));
        }
        return Create(string.Create(CultureInfo.InvariantCulture, $"scale-out ladder: {ladder.Rungs.Length} rungs on {ladder.Contract.Symbol}"),
            [ladder.Holding], [leg], rules);
    }

    /// <summary>
    /// The plan of a leveraged buy-back: the holding and one long leg on the plan's contract sized to the extra exposure
    /// (ratio = (target exposure − spot) / spot), opened at the first close.
    /// </summary>
    /// <param name="plan">The buy-back plan.</param>
    /// <param name="stop">The long's stop; null: the plan's <see cref="LeveragedExposurePlan.StopPrice"/> as a price stop, or none.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The extra exposure is more than <see cref="HedgePlan.MaxHedgeRatio"/> times the spot held (named <paramref name="plan"/>).</exception>
    public static PlanDefinition FromLeveragedExposure(LeveragedExposurePlan plan, LegStop? stop = null)
    {
        Preconditions.NotNull(plan);
        decimal ratio = (plan.TargetExposure - plan.Holding.Quantity) / plan.Holding.Quantity;
        if (ratio > HedgePlan.MaxHedgeRatio)
            Preconditions.ThrowOutOfRange(nameof(plan), ratio, string.Create(CultureInfo.InvariantCulture,
                $"asks for a long of {ratio:0.####} times the spot held; a plan leg is at most {HedgePlan.MaxHedgeRatio} times it"));
        stop ??= plan.StopPrice is { } sp ? LegStop.AtPrice(sp) : null;
        var leg = new PlanLeg(plan.Position.Contract, ratio, plan.Position.Leverage, Side.Long, MarginMode.Isolated, stop, rule: plan.Options.Rule);
        return Create(string.Create(CultureInfo.InvariantCulture, $"buy-back: {plan.TargetExposure} {plan.Holding.Asset} of exposure"),
            [plan.Holding], [leg]);
    }
}
