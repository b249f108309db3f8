using System.Collections.Immutable;
using System.Globalization;

namespace HedgeMath.Hedging;

// Issue 28 item 3: every plan — a strategy's template or one written by hand — says what a careful trader would raise.
public sealed partial class PlanDefinition
{
    private ImmutableArray<HedgeWarning> _warnings;

    /// <summary>
    /// What a careful trader would raise about the plan, per leg: leverage above <see cref="HedgePlanOptions.LeverageCap"/>'s
    /// default (5x; beginners are told 3–5x) — <see cref="HedgeWarningCode.LeverageAboveCap"/> —, and no stop-loss —
    /// <see cref="HedgeWarningCode.NoStop"/>: a leg without a stop that no rule gives one, or one a rule's
    /// <see cref="RuleAction.MoveStop"/> leaves without one —, and a cross leg's basis risk —
    /// <see cref="HedgeWarningCode.CrossHedgeBasisRisk"/> (the leg's contract is on another asset than the holding it
    /// hedges: SOL with BTCUSDT; <see cref="HedgePlan"/>'s warning, with the leg's index). Empty for a spot-only plan.
    /// Computed once; never throws.
    /// </summary>
    public ImmutableArray<HedgeWarning> Warnings
    {
        get
        {
            if (_warnings.IsDefault) _warnings = ComputeWarnings();
            return _warnings;
        }
    }

    private ImmutableArray<HedgeWarning> ComputeWarnings()
    {
        decimal cap = HedgePlanOptions.Default.LeverageCap;
        var w = ImmutableArray.CreateBuilder<HedgeWarning>();
        for (int i = 0; i < Legs.Length; i++)
        {
            var leg = Legs[i];
            if (leg.Leverage > cap)
                w.Add(new HedgeWarning(HedgeWarningCode.LeverageAboveCap, string.Create(CultureInfo.InvariantCulture,
                    $"Leg {i} ({leg.Contract.Symbol}) uses {leg.Leverage}x, above the cap of {cap}x: a smaller move against it liquidates it."),
                    [HedgeWarning.Fig("leg", i), HedgeWarning.Fig("leverage", leg.Leverage), HedgeWarning.Fig("cap", cap)]) { Leg = i });
            bool given = false, removed = false;
            foreach (var r in Rules)
            {
                if (r.Action.Kind != RuleActionKind.MoveStop || r.Action.Leg != i) continue;
                if (r.Action.Stop is null) removed = true; else given = true;
            }
            if (removed)
                w.Add(new HedgeWarning(HedgeWarningCode.NoStop, string.Create(CultureInfo.InvariantCulture,
                    $"A rule leaves leg {i} ({leg.Contract.Symbol}) without a stop-loss: until another gives it one, only liquidation closes it."),
                    [HedgeWarning.Fig("leg", i)]) { Leg = i });
            else if (leg.Stop is null && !given)
                w.Add(new HedgeWarning(HedgeWarningCode.NoStop, string.Create(CultureInfo.InvariantCulture,
                    $"Leg {i} ({leg.Contract.Symbol}) has no stop-loss: only liquidation closes it when the price runs against it (give it one: --stop or --stop-distance)."),
                    [HedgeWarning.Fig("leg", i)]) { Leg = i });
            if (leg.IsCrossHedge) w.Add(HedgeWarning.CrossHedge(leg.Hedges, leg.Contract, leg.Ratio, i));
        }
        return w.ToImmutable();
    }
}
