using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Hedging;

public class HedgingPropertyTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;
    [HedgeProperty(QuickTests = 1000)]
    public Property FullHedge_SameAsset_CombinedPnlUnchangedByPrice_ExceptFees()
    {
        var gen = from lots in Gen.Choose(1, 5_000)              // 0.001 .. 5 BTC
                  from price in Gen.Choose(1_000, 100_000)
                  from movePct in Gen.Choose(-50, 15)              // below a 5x short's liquidation (about +19.6 %)
                  from lev in Gen.Choose(1, 5)
                  select (qty: lots * 0.001m, price: (decimal)price, later: price * (100m + movePct) / 100m, lev: (decimal)lev);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var plan = HedgePlan.Create(SpotHolding.Create("BTC", t.qty, t.price), 1m, Btc, t.lev, t.price);
            var o = plan.OutcomeAt(t.later);
            return o.NetVsDecisionBeforeFees == 0m && o.NetVsDecision == -o.Fees && o.Fees > 0m;
        });
    }

    [HedgeProperty(QuickTests = 1000)]
    public Property MarginAndNotional_ScaleLinearly_WithHedgeRatio()
    {
        // 10 BTC; ratio n/1000 gives n/100 BTC, a whole number of 0.001 lots, so rounding does not interfere.
        var gen = from n in Gen.Choose(1, 400)
                  from k in Gen.Choose(2, 3)
                  from price in Gen.Choose(10_000, 100_000)
                  select (ratio: n / 1000m, k: (decimal)k, price: (decimal)price);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var h = SpotHolding.Create("BTC", 10m, t.price);
            var a = HedgePlan.Create(h, t.ratio, Btc, 5m, t.price);
            var b = HedgePlan.Create(h, t.ratio * t.k, Btc, 5m, t.price);
            return b.Notional == t.k * a.Notional && b.InitialMargin == t.k * a.InitialMargin && b.HedgedValue == t.k * a.HedgedValue;
        });
    }

    [HedgeProperty(QuickTests = 1000)]
    public Property LadderRungs_NeverReduceCumulativeHedge()
    {
        var gen = from count in Gen.Choose(1, 6)
                  from steps in Gen.ArrayOf(Gen.Choose(1, 5_000), count)      // price steps
                  from fracs in Gen.ArrayOf(Gen.Choose(1, 160), count)       // per-mille fractions, sum ≤ 960
                  from start in Gen.Choose(20_000, 60_000)
                  select (steps, fracs, start);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            decimal price = t.start;
            var targets = new List<(decimal Price, decimal Fraction)>();
            for (int i = 0; i < t.steps.Length; i++) { price += t.steps[i]; targets.Add((price, t.fracs[i] / 1000m)); }
            ScaleOutLadder l;
            try { l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 10m, 20_000m), Btc, 3m, targets); }
            catch (ArgumentException e) when (e.ParamName == "targets" && e.Message.Contains("liquidated on the way", StringComparison.Ordinal))
            {
                return true.Collect("rejected: a target beyond the liquidation price of the short before it");
            }
            bool monotone = Enumerable.Range(1, Math.Max(0, l.Rungs.Length - 1)).All(i =>
                l.Rungs[i].CumulativeHedgeRatio >= l.Rungs[i - 1].CumulativeHedgeRatio
                && l.Rungs[i].CumulativeQuantity >= l.Rungs[i - 1].CumulativeQuantity
                && l.Rungs[i].LockedInValue >= l.Rungs[i - 1].LockedInValue);
            return monotone.Collect($"{l.Rungs.Length} rungs");
        });
    }

    [HedgeProperty(QuickTests = 1000)]
    public Property RestoringHedge_EffectiveExposuresEqualTargets_ForAnyHoldings()
    {
        var gen = from core in Gen.Choose(0, 1_000_000)
                  from sat in Gen.Choose(0, 1_000_000)
                  from cash in Gen.Choose(1, 1_000_000)
                  from wCore in Gen.Choose(0, 100)
                  from wSat in Gen.Choose(0, 100 - wCore)        // only valid targets: weights sum to ≤ 100 %
                  select (core: (decimal)core, sat: (decimal)sat, cash: (decimal)cash, wCore: wCore / 100m, wSat: wSat / 100m);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            (string Name, decimal Weight, bool IsCash)[] targets = [("core", t.wCore, false), ("sat", t.wSat, false), ("cash", 1m - t.wCore - t.wSat, true)];
            var a = PortfolioAllocation.Analyze(targets, [("BTC", "core", t.core, 1m), ("SOL", "sat", t.sat, 1m), ("USDT", "cash", t.cash, 1m)], 0.05m, 0.0005m, 0.001m);
            decimal p = a.PortfolioValue;
            // Every bucket ends at target × P; the hedges net to the synthetic cash the cash bucket receives.
            return a.Buckets.All(b => b.EffectiveExposure == b.TargetValue && b.TargetValue == targets.Single(x => x.Name == b.Name).Weight * p)
                && a.Buckets.Where(b => !b.IsCash).Sum(b => b.HedgeNotional) == a.Buckets.Single(b => b.IsCash).TargetValue - t.cash;
        });
    }

    [HedgeProperty(QuickTests = 300)]
    public Property OutOfSample_RealizedNeverExceedsHindsight()
    {
        // The hindsight ratio minimizes the test window's hedged variance, so no ratio estimated elsewhere can beat it.
        var gen = from seed in Gen.Choose(0, int.MaxValue - 1)
                  from beta in Gen.Choose(-20, 30)
                  select (seed, beta: beta / 10.0);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var rng = new Random(t.seed);
            var f = new double[120]; var s = new double[120];
            for (int i = 0; i < f.Length; i++) { f[i] = rng.NextDouble() - 0.5; s[i] = t.beta * f[i] + (rng.NextDouble() - 0.5); }
            var r = HedgeRatio.OutOfSample(s, f, HedgeRatioBasis.InputsAreChanges, 20, step: 7);
            return r.Windows.All(w => w.RealizedEffectiveness <= w.Hindsight.Effectiveness + 1e-12);
        });
    }
}
