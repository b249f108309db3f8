using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Hedging;

public class HedgingPropertyTests
{
    private static readonly Contract Btc = Contracts.BinanceBtcUsdt;
    private static readonly Config Cfg = Config.QuickThrowOnFailure.WithMaxTest(1000);

    [Fact]
    public void FullHedge_SameAsset_CombinedPnlUnchangedByPrice_ExceptFees()
    {
        var gen = from lots in Gen.Choose(1, 5_000)              // 0.001 .. 5 BTC
                  from price in Gen.Choose(1_000, 100_000)
                  from movePct in Gen.Choose(-50, 50)
                  from lev in Gen.Choose(1, 5)
                  select (qty: lots * 0.001m, price: (decimal)price, later: price * (100m + movePct) / 100m, lev: (decimal)lev);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var plan = HedgePlan.Create(SpotHolding.Create("BTC", t.qty, t.price), 1m, Btc, t.lev, t.price);
            var o = plan.OutcomeAt(t.later);
            return o.NetVsDecisionBeforeFees == 0m && o.NetVsDecision == -o.Fees && o.Fees > 0m;
        }).Check(Cfg);
    }

    [Fact]
    public void MarginAndNotional_ScaleLinearly_WithHedgeRatio()
    {
        // 10 BTC; ratio n/1000 gives n/100 BTC, a whole number of 0.001 lots, so rounding does not interfere.
        var gen = from n in Gen.Choose(1, 400)
                  from k in Gen.Choose(2, 3)
                  from price in Gen.Choose(10_000, 100_000)
                  select (ratio: n / 1000m, k: (decimal)k, price: (decimal)price);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var h = SpotHolding.Create("BTC", 10m, t.price);
            var a = HedgePlan.Create(h, t.ratio, Btc, 5m, t.price);
            var b = HedgePlan.Create(h, t.ratio * t.k, Btc, 5m, t.price);
            return b.Notional == t.k * a.Notional && b.InitialMargin == t.k * a.InitialMargin && b.HedgedValue == t.k * a.HedgedValue;
        }).Check(Cfg);
    }

    [Fact]
    public void LadderRungs_NeverReduceCumulativeHedge()
    {
        var gen = from count in Gen.Choose(1, 6)
                  from steps in Gen.ArrayOf(Gen.Choose(1, 5_000), count)      // price steps
                  from fracs in Gen.ArrayOf(Gen.Choose(1, 160), count)       // per-mille fractions, sum ≤ 960
                  from start in Gen.Choose(20_000, 60_000)
                  select (steps, fracs, start);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            decimal price = t.start;
            var targets = new List<LadderTarget>();
            for (int i = 0; i < t.steps.Length; i++) { price += t.steps[i]; targets.Add(new LadderTarget(price, t.fracs[i] / 1000m)); }
            var l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 10m, 20_000m), Btc, 3m, targets);
            for (int i = 1; i < l.Rungs.Length; i++)
            {
                if (l.Rungs[i].CumulativeHedgeRatio < l.Rungs[i - 1].CumulativeHedgeRatio) return false;
                if (l.Rungs[i].CumulativeQuantity < l.Rungs[i - 1].CumulativeQuantity) return false;
                if (l.Rungs[i].LockedInValue < l.Rungs[i - 1].LockedInValue) return false;
            }
            return true;
        }).Check(Cfg);
    }
}
