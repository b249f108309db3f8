using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Positions;

public class PositionPropertyTests
{
    private static Gen<decimal> Price => Gen.Choose(1_000_000, 20_000_000).Select(c => c / 100m);

    [HedgeProperty(QuickTests = 3000)]
    public Property IncreaseThenReduceAtTheEntryPrice_RealizesZero()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from side in Gen.Elements(Side.Long, Side.Short)
            from q1 in Gen.Choose(1, 1000)
            from q2 in Gen.Choose(1, 1000)
            from e1 in Price
            from e2 in Price
            select (inverse, side, q1, q2, e1, e2);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = t.inverse ? Contract.BinanceCoinMBtcUsd : Contract.BinanceBtcUsdt;
            var q1 = t.inverse ? t.q1 : t.q1 * 0.001m;
            var q2 = t.inverse ? t.q2 : t.q2 * 0.001m;
            var p = Position.Open(c, t.side, q1, t.e1, 1m).Increase(q2, t.e2);
            var r = p.Reduce(q2, p.EntryPrice);
            return r.RealizedPnl == 0m && r.Remaining!.Quantity == q1 && r.Remaining.EntryPrice == p.EntryPrice;
        });
    }

    [HedgeProperty(QuickTests = 3000)]
    public Property IncreaseAtEntryThenReduceAtEntry_RealizesZeroToRounding()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from side in Gen.Elements(Side.Long, Side.Short)
            from q1 in Gen.Choose(1, 1000)
            from q2 in Gen.Choose(1, 1000)
            from e in Price
            select (inverse, side, q1, q2, e);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = t.inverse ? Contract.BinanceCoinMBtcUsd : Contract.BinanceBtcUsdt;
            var q1 = t.inverse ? t.q1 : t.q1 * 0.001m;
            var q2 = t.inverse ? t.q2 : t.q2 * 0.001m;
            var p = Position.Open(c, t.side, q1, t.e, 1m).Increase(q2, t.e);
            return Math.Abs(p.Reduce(q2, t.e).RealizedPnl) <= 1e-18m;
        });
    }

    [HedgeProperty(QuickTests = 3000)]
    public Property InverseShortOfXUsdAgainstXOverPriceBtc_KeepsUsdValueConstant()
    {
        // Spot X/P0 BTC plus a short of X USD of inverse contracts at P0: value in USD at P is
        // (X/P0)·P + (−X)·(1/P0 − 1/P)·P = X for every P.
        var gen =
            from p0 in Price
            from contracts in Gen.Choose(1, (int)Math.Min(100_000m, 4m * p0))   // notional = contracts·100/p0 ≤ 400 BTC (the preset's tiers reach 1,500 BTC)
            from p in Price
            select (contracts, p0, p);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = Contract.BinanceCoinMBtcUsd;
            decimal x = t.contracts * c.ContractSize;
            var spot = SpotHolding.Create("BTC", x / t.p0, t.p0, "USD");
            var shortHedge = Position.Open(c, Side.Short, t.contracts, t.p0, 1m);
            var usd = spot.Value(t.p) + shortHedge.UnrealizedPnl(t.p) * t.p;
            return Math.Abs(usd - x) <= x * 1e-20m;
        });
    }
}
