using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// The double batch risk path agrees with the decimal reference (<see cref="MarginCalc.Isolated(Position, decimal, LiquidationRule?)"/>)
/// within its documented bound, for random linear and inverse positions in every tier of the embedded tables, and
/// validates its input like the single path (parameter and index named).
/// </summary>
public class MarginBatchTests
{
    private static readonly Config Cfg = HedgePropertyAttribute.CheckConfig(4000);

    public sealed record Case(Contract Contract, LiquidationRule Rule, Side Side, decimal Quantity, decimal Entry, decimal Leverage, decimal Mark, decimal ExtraFraction);

    private static Gen<Case> Cases() =>
        from which in Gen.Choose(0, 7)
        from side in Gen.Elements(Side.Long, Side.Short)
        from tierPick in Gen.Choose(0, 1000)
        from fraction in Gen.Choose(5, 95)
        from entryCents in Gen.Choose(10_000, 10_000_000)
        from levPick in Gen.Choose(0, 10_000)
        from markPermille in Gen.Choose(300, 1700)
        from extraPercent in Gen.Choose(0, 60)
        select Build(which, side, tierPick, fraction / 100m, entryCents / 100m, levPick, markPermille / 1000m, extraPercent / 100m);

    private static Case Build(int which, Side side, int tierPick, decimal fraction, decimal entry, int levPick, decimal markFactor, decimal extra)
    {
        var (contract, rule) = which switch
        {
            0 => (Contract.BinanceBtcUsdt, LiquidationRule.BinanceUsdM),
            1 => (Contract.BinanceEthUsdt, LiquidationRule.BinanceUsdM),
            2 => (Contract.BinanceBtcUsdt, LiquidationRule.OkxGate),
            3 => (Contract.BinanceEthUsdt, LiquidationRule.BybitLinear),
            4 => (Contract.BinanceCoinMBtcUsd, LiquidationRule.BinanceCoinM),
            5 => (Contract.Find("bybit-linear", "BTCUSDT"), LiquidationRule.BybitLinearUnified),
            _ => (Contract.Find("bybit-inverse", "BTCUSD"), LiquidationRule.BybitInverse),
        };
        // A notional inside a tier chosen uniformly among all tiers of the table.
        var tiers = contract.Tiers.Tiers;
        var tier = tiers[tierPick % tiers.Length];
        var top = tier.NotionalCap > tier.NotionalFloor * 4 + 1_000m ? tier.NotionalFloor * 4 + 1_000m : tier.NotionalCap;
        var notional = tier.NotionalFloor + fraction * (top - tier.NotionalFloor);
        decimal q = contract.Type == ContractType.Linear
            ? Math.Max(contract.LotStep, decimal.Round(notional / entry, 3))
            : Math.Max(1m, decimal.Round(notional * entry / contract.ContractSize));
        var max = decimal.Floor(contract.MaxLeverageFor(contract.Notional(q, entry)));
        decimal lev = 1m + levPick % max;
        return new Case(contract, rule, side, q, entry, lev, decimal.Round(entry * markFactor, 2), extra);
    }

    private static bool Agree(decimal? reference, double fast, double relative)
    {
        if (reference is not { } r) return double.IsNaN(fast);
        return Math.Abs(fast - (double)r) <= relative * Math.Abs((double)r);
    }

    [Fact]
    public void Isolated_AgreesWithDecimalPath_WithinDocumentedBound()
    {
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            // Margin added above the initial margin (0 .. 60 % of it): Bybit's UTA rules count it net of the closing fee.
            var im = c.Contract.Notional(c.Quantity, c.Entry) / c.Leverage;
            var position = Position.Open(c.Contract, c.Side, c.Quantity, c.Entry, c.Leverage, isolatedMargin: im * (1m + c.ExtraFraction));
            var snap = MarginCalc.Isolated(position, c.Mark, c.Rule);
            double[] lp = new double[1], ratio = new double[1], dist = new double[1];
            MarginBatch.Isolated(c.Contract, [c.Side], [(double)c.Quantity], [(double)c.Entry], [(double)position.IsolatedMargin],
                [(double)c.Leverage], [(double)c.Mark], lp, ratio, dist, c.Rule);
            if (c.Rule is not (LiquidationRule.BybitLinearUnified or LiquidationRule.BybitInverse))
            {
                // The other rules use only the wallet: the overload without leverage gives the same numbers bit for bit.
                double[] lp2 = new double[1], ratio2 = new double[1], dist2 = new double[1];
                MarginBatch.Isolated(c.Contract, [c.Side], [(double)c.Quantity], [(double)c.Entry], [(double)position.IsolatedMargin],
                    [(double)c.Mark], lp2, ratio2, dist2, c.Rule);
                if (lp2[0].CompareTo(lp[0]) != 0 || ratio2[0].CompareTo(ratio[0]) != 0 || dist2[0].CompareTo(dist[0]) != 0)
                    return false.Label($"{c}: the overloads differ");
            }
            // LP: 1e-9 relative to the larger of the LP and the entry price; a decimal LP below 1e-9 (above 1e9) of the entry may read as none.
            double entry = (double)c.Entry;
            bool tinyLp = snap.LiquidationPrice is { } refLp && ((double)refLp <= entry * 1e-9 || (double)refLp >= entry * 1e9);
            bool lpOk = tinyLp || (snap.LiquidationPrice is { } l
                ? Math.Abs(lp[0] - (double)l) <= 1e-9 * Math.Max((double)l, entry)
                : double.IsNaN(lp[0]));
            // Ratio: 1e-9 relative while the margin balance is at least 1e-6 of the notional (see MarginBatch remarks).
            // Below that the balance is a difference of nearly equal numbers (e.g. a 5x long exactly 20 % under entry: 0 in
            // decimal, ±1e-8 in double), so the ratio's sign and size are outside the documented bound and not compared.
            bool ratioOk = snap.MarginBalance < snap.Notional * 1e-6m || Agree(snap.MarginRatio, ratio[0], 1e-9);
            bool distOk = tinyLp || (snap.DistanceToLiquidation is { } d ? Math.Abs(dist[0] - (double)d) <= 1e-9 : double.IsNaN(dist[0]));
            return (lpOk && ratioOk && distOk).Label($"{c}: LP {snap.LiquidationPrice} vs {lp[0]:R}, ratio {snap.MarginRatio} vs {ratio[0]:R}, distance {snap.DistanceToLiquidation} vs {dist[0]:R}");
        }).Check(Cfg);
    }

    [Fact]
    public void Isolated_ManyPositionsInOneCall_EachEqualsItsOwnCall()
    {
        // Structure of arrays: position i's results do not depend on its neighbours.
        var c = Contract.BinanceBtcUsdt;
        Side[] side = [Side.Long, Side.Short, Side.Long];
        double[] q = [0.5, 2, 30], ep = [50_000, 60_000, 40_000], wb = [2_500, 1_000, 40_000], mark = [49_000, 61_000, 41_000];
        double[] lp = new double[3], ratio = new double[3], dist = new double[3];
        MarginBatch.Isolated(c, side, q, ep, wb, mark, lp, ratio, dist);
        for (int i = 0; i < 3; i++)
        {
            double[] l1 = new double[1], r1 = new double[1], d1 = new double[1];
            MarginBatch.Isolated(c, [side[i]], [q[i]], [ep[i]], [wb[i]], [mark[i]], l1, r1, d1);
            Assert.Equal(l1[0], lp[i]);
            Assert.Equal(r1[0], ratio[i]);
            Assert.Equal(d1[0], dist[i]);
        }
        // Hand check of position 0 (Binance R1, tier 1 of BTCUSDT: MMR 0.4 %, cum 0):
        // LP = (WB + cum − q·EP) / (q·MMR − q) = (2,500 − 25,000) / (0.5·0.004 − 0.5) = 22,500 / 0.498 = 45,180.72...
        Assert.Equal(22_500 / 0.498, lp[0], 1e-6);
    }

    [Fact]
    public void Isolated_BadElement_NamesParameterAndIndex()
    {
        var c = Contract.BinanceBtcUsdt;
        double[] ok = [1, 1, 1], o1 = new double[3], o2 = new double[3], o3 = new double[3];
        Side[] sides = [Side.Long, Side.Long, Side.Long];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, sides, ok, [1, double.NaN, 1], ok, ok, o1, o2, o3));
        Assert.Equal("entryPrice", e.ParamName);
        Assert.Contains("index 1", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, sides, [1, 1, 0], ok, ok, ok, o1, o2, o3));
        Assert.Equal("quantity", e.ParamName);
        Assert.Contains("index 2", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, sides, ok, ok, [-1, 0, 0], ok, o1, o2, o3));
        Assert.Equal("isolatedMargin", e.ParamName);
        Assert.Contains("index 0", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, [Side.Long, (Side)7, Side.Long], ok, ok, ok, ok, o1, o2, o3));
        Assert.Equal("side", e.ParamName);
        Assert.Contains("index 1", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, [1, 1, double.PositiveInfinity], o1, o2, o3));
        Assert.Equal("markPrice", e.ParamName);
        var a = Assert.Throws<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, [1, 1], ok, ok, o1, o2, o3));
        Assert.Equal("entryPrice", a.ParamName);
        a = Assert.Throws<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, ok, o1, new double[2], o3));
        Assert.Equal("marginRatio", a.ParamName);
        a = Assert.Throws<ArgumentException>(() => MarginBatch.Isolated(Contract.BinanceCoinMBtcUsd, sides, ok, ok, ok, ok, o1, o2, o3, LiquidationRule.BinanceUsdM));
        Assert.Equal("rule", a.ParamName);
        Assert.Throws<ArgumentNullException>(() => MarginBatch.Isolated(null!, sides, ok, ok, ok, ok, o1, o2, o3));
        // Leverage: length, NaN, below 1, above the tier's maximum (BTCUSDT tier 1: 125x).
        a = Assert.Throws<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, [10, 10], ok, o1, o2, o3));
        Assert.Equal("leverage", a.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, [10, double.NaN, 10], ok, o1, o2, o3));
        Assert.Equal("leverage", e.ParamName);
        Assert.Contains("index 1", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, [0.5, 10, 10], ok, o1, o2, o3));
        Assert.Contains("index 0", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, [10, 10, 126], ok, o1, o2, o3));
        Assert.Contains("index 2", e.Message);
        Assert.Contains("125", e.Message);
    }

    [Fact]
    public void Isolated_BybitUnified_CountsExtraMarginNetOfTheClosingFee_AndNeedsLeverage()
    {
        // Bybit's worked example (help centre, UTA isolated, USDT): long 1 BTC at 40,000, 50x, 3,000 USDT added, MMR 0.5 %,
        // taker 0.055 % → (40,000 − 800 − 3,000/0.99945)/0.995 = 36,380.2503… At 36,381 the counted margin 3,801.651 − 3,619
        // = 182.65 is above the MM 181.905 (not liquidatable); at 36,380 it is 181.65 ≤ 181.90.
        var c = Contract.Linear("BTCUSDT", "BTC", "USDT", MarginTierTable.Flat(0.005m, 100m), 0.1m, 0.001m, 0.0002m, 0.00055m);
        double[] lp = new double[2], ratio = new double[2], dist = new double[2];
        MarginBatch.Isolated(c, [Side.Long, Side.Long], [1, 1], [40_000, 40_000], [3_800, 3_800], [50, 50], [36_381, 36_380], lp, ratio, dist,
            LiquidationRule.BybitLinearUnified);
        double expected = (40_000 - 800 - (3_000 / 0.99945)) / 0.995;
        Assert.Equal(expected, lp[0], 1e-7);
        Assert.Equal(36_380.25, Math.Round(lp[0], 2));
        Assert.True(dist[0] > 0);
        Assert.True(dist[1] < 0);
        // Without leverage the initial margin cannot be told from the margin added: rejected, not approximated.
        var a = Assert.Throws<ArgumentException>(() => MarginBatch.Isolated(c, [Side.Long], [1], [40_000], [3_800], [36_381], lp, ratio, dist,
            LiquidationRule.BybitLinearUnified));
        Assert.Equal("rule", a.ParamName);
    }
}
