using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// Issue 29's mutation survivors in <see cref="MarginBatch"/>: every length and element check named, the leverage check
/// by tier (notional, size basis, contract size, the contract's own cap), a wallet of 0, a margin balance of 0 or below,
/// size-basis maintenance and the OKX fee in the tier search. Expected numbers are hand calculations of the Binance
/// balance equation (<c>LP = (WB + cum − s·q·EP)/(q·(MMR + fee) − s·q)</c>, fee only for OKX/Gate).
/// </summary>
public class MarginBatchSurvivorTests
{
    private static readonly Contract Flat = TestContracts.LinearFlat("XUSDT", 0.01m, 100m);

    private static MarginTierTable Two(decimal cap, decimal mmr2, TierBasis basis = TierBasis.Notional) =>
        new([new MarginTier(1, 0m, cap, 50m, 0.004m, 0m), new MarginTier(2, cap, decimal.MaxValue, 20m, mmr2, cap * (mmr2 - 0.004m))], basis);

    private static (double Lp, double Ratio, double Distance) One(Contract c, Side side, double q, double ep, double wb, double mark, double? lev = null, LiquidationRule? rule = null)
    {
        double[] lp = new double[1], ratio = new double[1], dist = new double[1];
        if (lev is { } l) MarginBatch.Isolated(c, [side], [q], [ep], [wb], [l], [mark], lp, ratio, dist, rule);
        else MarginBatch.Isolated(c, [side], [q], [ep], [wb], [mark], lp, ratio, dist, rule);
        return (lp[0], ratio[0], dist[0]);
    }

    [Fact]
    public void Checks_NameEachInput()
    {
        double[] ok = [1, 1, 1], o1 = new double[3], o2 = new double[3], o3 = new double[3], two = [1, 1];
        Side[] sides = [Side.Long, Side.Long, Side.Long];
        var c = Flat;
        Assert.Throws<ArgumentNullException>("contract", () => MarginBatch.Isolated(null!, sides, ok, ok, ok, ok, o1, o2, o3, LiquidationRule.BinanceUsdM));
        Assert.Throws<ArgumentNullException>("contract", () => MarginBatch.Isolated(null!, sides, ok, ok, ok, ok, ok, o1, o2, o3, LiquidationRule.BinanceUsdM));
        Assert.Equal("side", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, [Side.Long, Side.Long], ok, ok, ok, ok, o1, o2, o3)).ParamName);
        Assert.Equal("isolatedMargin", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, two, ok, o1, o2, o3)).ParamName);
        Assert.Equal("markPrice", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, two, o1, o2, o3)).ParamName);
        Assert.Equal("liquidationPrice", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, ok, new double[2], o2, o3)).ParamName);
        Assert.Equal("distanceToLiquidation", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, ok, o1, o2, new double[2])).ParamName);
        Assert.Contains("must be Long or Short", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, [Side.Long, (Side)7, Side.Long], ok, ok, ok, ok, o1, o2, o3)).Message);
        Assert.Contains("must contain finite numbers ≥ 0", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, [1, -1, 1], ok, o1, o2, o3)).Message);
        Assert.Contains("must contain finite numbers > 0", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, [1, 0, 1], ok, ok, ok, o1, o2, o3)).Message);
        Assert.Contains("must contain finite numbers ≥ 1", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, [1, 0.5, 1], ok, o1, o2, o3)).Message);
        Assert.Contains("use the overload with leverage", Assert.ThrowsAny<ArgumentException>(() => MarginBatch.Isolated(c, sides, ok, ok, ok, ok, o1, o2, o3, LiquidationRule.BybitLinearUnified)).Message);
    }

    [Fact]
    public void WalletOfZero_IsAllowed_AndAlreadyLiquidatable()
    {
        // Long 1 at 50,000 with nothing: LP = (0 − 50,000)/(0.01 − 1) = 50,505.05… above the mark: liquidatable now.
        var r = One(Flat, Side.Long, 1, 50_000, 0, 50_000);
        Assert.Equal(50_000 / 0.99, r.Lp, 50_000 / 0.99 * 1e-12);
        Assert.True(r.Distance < 0);
    }

    [Fact]
    public void MarginBalanceAtOrBelowZero_HasNoRatio()
    {
        // Long 1 at 50,000 with 5,000: at 45,000 the balance is exactly 0, at 40,000 it is −5,000: no ratio (NaN).
        Assert.True(double.IsNaN(One(Flat, Side.Long, 1, 50_000, 5_000, 45_000).Ratio));
        Assert.True(double.IsNaN(One(Flat, Side.Long, 1, 50_000, 5_000, 40_000).Ratio));
        // At 50,000: MM 500 over a balance of 5,000.
        Assert.Equal(0.1, One(Flat, Side.Long, 1, 50_000, 5_000, 50_000).Ratio, 1e-15);
    }

    [Fact]
    public void Leverage_CheckedAgainstTheTierOfTheEntryNotional()
    {
        // Tier 1 up to 50,000 allows 50x, tier 2 20x.
        var table = Two(50_000m, 0.005m);
        // Contract value 0.001: 1,000 contracts at 50,000 are 50,000 notional (tier 1): 50x is allowed.
        var milli = Contract.Linear("MUSDT", "M", "USDT", table, 0.01m, 1m, 0.0002m, 0.0005m, contractSize: 0.001m);
        Assert.False(double.IsNaN(One(milli, Side.Long, 1_000, 50_000, 1_000, 50_000, lev: 50).Lp));
        // 2 at 50,000 is 100,000 (tier 2): 50x is not.
        var c = Contract.Linear("NUSDT", "N", "USDT", table, 0.01m, 0.001m, 0.0002m, 0.0005m);
        Assert.Equal("leverage", Assert.ThrowsAny<ArgumentException>(() => One(c, Side.Long, 2, 50_000, 5_000, 50_000, lev: 50)).ParamName);
        // A contract capped at 25x below its tier's 50x: 30x is refused.
        var capped = Contract.Linear("PUSDT", "P", "USDT", table, 0.01m, 0.001m, 0.0002m, 0.0005m, maxLeverage: 25m);
        Assert.Equal("leverage", Assert.ThrowsAny<ArgumentException>(() => One(capped, Side.Long, 0.1, 50_000, 500, 50_000, lev: 30)).ParamName);
        // Inverse, tiers in coin (tier 1 up to 5 BTC): 10 contracts of 100 USD at 50,000 are 0.02 BTC: 50x is allowed.
        var inv = Contract.Inverse("QUSD", "BTC", "USD", 100m, Two(5m, 0.005m), 0.1m, 1m, 0.0002m, 0.0005m);
        Assert.False(double.IsNaN(One(inv, Side.Long, 10, 50_000, 0.0004, 50_000, lev: 50).Lp));
    }

    [Fact]
    public void SizeBasisTiers_LeverageAndMaintenanceBySize()
    {
        // OKX-style: tier 1 up to size 5 (0.4 %, 50x), tier 2 above (1 %). Size 1 at 50,000 (notional 50,000) is tier 1:
        // 50x allowed; MM at 50,000 = 50,000·0.004 = 200 over the wallet 5,000: ratio 0.04.
        var c = Contract.Linear("SUSDT", "S", "USDT", Two(5m, 0.01m, TierBasis.Quantity), 0.01m, 0.001m, 0.0002m, 0.0005m);
        var r = One(c, Side.Long, 1, 50_000, 5_000, 50_000, lev: 50, rule: LiquidationRule.BinanceUsdM);
        Assert.Equal(0.04, r.Ratio, 1e-15);
    }

    [Fact]
    public void OkxGate_TheFeeDecidesTheTier()
    {
        // As SolverSurvivorTests: tiers 0–45,190 at 0.4 %, above at 1 % (cum 271.14), taker 0.05 %; long 1 at 50,000 with
        // 5,000. With the fee the root lies in tier 2: 44,728.86/0.9895 = 45,203.4967…
        var c = Contract.Linear("OUSDT", "O", "USDT", Two(45_190m, 0.01m), 0.01m, 0.001m, 0.0002m, 0.0005m);
        var r = One(c, Side.Long, 1, 50_000, 5_000, 50_000, rule: LiquidationRule.OkxGate);
        Assert.Equal(44_728.86 / 0.9895, r.Lp, 1e-6);
    }
}
