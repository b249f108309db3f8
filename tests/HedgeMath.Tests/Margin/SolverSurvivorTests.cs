using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// The liquidation solver (<c>Margin/LiquidationSolver.cs</c>, <c>Margin/Engine.cs</c> before issue 25) where a wrong tier, fee or segment would go unnoticed (issue 29's
/// mutation survivors): a root exactly on a tier cap, a root a hair above one after a cancelling subtraction, the OKX
/// fee deciding the tier, size-basis tiers, two hedge-mode roots, ties between segments. Every expected number is a
/// hand calculation of the balance equation <c>WB + Σ PnL_i(P) = Σ MM_i(P)</c> (Binance FAQ "How to Calculate
/// Liquidation Price of USDⓈ-M Contracts": <c>LP = (WB + Σcum − Σ s·q·EP) / (Σ q·MMR − Σ s·q)</c>; COIN-M:
/// <c>LP = (Σ Q·MMR + Σ s·Q) / (WB + Σcum + Σ s·Q/EP)</c>; OKX/Gate: MMR + taker fee), with the tier that holds the
/// notional at the price (Binance brackets: floor &lt; notional ≤ cap).
/// </summary>
public class SolverSurvivorTests
{
    private static MarginTier Tier(int n, decimal floor, decimal cap, decimal lev, decimal mmr, decimal cum) => new(n, floor, cap, lev, mmr, cum);

    private static Contract Linear(MarginTierTable table, decimal takerFee = 0.0005m, decimal contractSize = 1m) =>
        Contract.Linear("XUSDT", "X", "USDT", table, tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0.0002m, takerFeeRate: takerFee, contractSize: contractSize);

    // Two tiers, continuous: 0–50,000 at 0.4 %, above at 0.5 % with cum 50,000·(0.005 − 0.004) = 50.
    private static readonly MarginTierTable TwoTiers = MarginTierTable.Create(
        Tier(1, 0m, 50_000m, 50m, 0.004m, 0m), Tier(2, 50_000m, decimal.MaxValue, 20m, 0.005m, 50m));

    [Fact]
    public void Isolated_RootExactlyOnACap_IsInTheTierBelowTheCap()
    {
        // Long 2 at 30,000 (entry notional 60,000: tier 2), margin 10,200. Tier 2: (10,200 + 50 − 60,000)/(2·0.005 − 2)
        // = −49,750/−1.99 = 25,000 exactly; its notional 50,000 is the cap of tier 1 (≤ cap), where
        // (10,200 − 60,000)/(2·0.004 − 2) = −49,800/−1.992 = 25,000 again. So LP 25,000 in tier 1.
        var p = Position.Open(Linear(TwoTiers), Side.Long, 2m, 30_000m, 6m, MarginMode.Isolated, 10_200m);
        var s = MarginCalc.Isolated(p, 30_000m, LiquidationRule.BinanceUsdM);
        Assert.Equal(25_000m, s.LiquidationPrice);
        Assert.Equal(1, s.LiquidationTier!.Tier);
        Assert.Equal(25_000m, MarginCalc.LiquidationPrice(p, LiquidationRule.BinanceUsdM));
    }

    [Fact]
    public void NoRootInTheEntryTier_RetriesTheFirstTier()
    {
        // Long 2 at 30,000 (entry notional 60,000: tier 2) with 59,950 = 60,000 − cum: tier 2 gives
        // (59,950 + 50 − 60,000)/(2·0.005 − 2) = 0, no positive price. Near 0 the notional is in tier 1:
        // (59,950 − 60,000)/(2·0.004 − 2) = 50/1.992 = 25.1004…, notional 50.2 (tier 1). That is the liquidation price.
        var p = Position.Open(Linear(TwoTiers), Side.Long, 2m, 30_000m, 1m, MarginMode.Isolated, 59_950m);
        var s = MarginCalc.Isolated(p, 30_000m, LiquidationRule.BinanceUsdM);
        Assert.Equal(Math.Round(50m / 1.992m, 10), Math.Round(s.LiquidationPrice!.Value, 10));
        Assert.Equal(1, s.LiquidationTier!.Tier);
        // The general iteration (the solvers' and size-basis path) from tier 2 likewise.
        var lp = HedgeMath.Margin.LiquidationSolver.Solve(LiquidationRule.BinanceUsdM, p, null, 59_950m, 1, 0, out int tier, out _);
        Assert.Equal(Math.Round(50m / 1.992m, 10), Math.Round(lp!.Value, 10));
        Assert.Equal(0, tier);
    }

    // Three continuous tiers: 0–1,000 at 1.23 %, 1,000–10,000 at 2.5 % (cum 1,000·(0.025 − 0.0123) = 12.7), above at
    // 5 % (cum 12.7 + 10,000·0.025 = 262.7).
    private static readonly MarginTierTable ThreeTiers = MarginTierTable.Create(
        Tier(1, 0m, 1_000m, 50m, 0.0123m, 0m), Tier(2, 1_000m, 10_000m, 25m, 0.025m, 12.7m), Tier(3, 10_000m, decimal.MaxValue, 10m, 0.05m, 262.7m));

    [Fact]
    public void Isolated_NearlyOneX_RootOnTheCapAfterACancellingSubtraction()
    {
        // Long 8 at 124,999.99 (entry notional 999,999.92), margin 999,012.22 = 999,999.92 − 987.7: the balance and the
        // entry notional cancel to 987.7. Tier 1: (999,012.22 − 999,999.92)/(8·0.0123 − 8) = −987.7/−7.9016 = 125
        // exactly, notional 1,000 = tier 1's cap; tier 2 gives (−987.7 + 12.7)/(8·0.025 − 8) = −975/−7.8 = 125 too.
        // LP 125, tier 1. (In double the two ~1e6 terms lose ~1e-10 each: the tier can only be decided in decimal.)
        var p = Position.Open(Linear(ThreeTiers), Side.Long, 8m, 124_999.99m, 1m, MarginMode.Isolated, 999_012.22m);
        var s = MarginCalc.Isolated(p, 124_999.99m, LiquidationRule.BinanceUsdM);
        Assert.Equal(125m, s.LiquidationPrice);
        Assert.Equal(1, s.LiquidationTier!.Tier);
    }

    [Theory]
    [InlineData("124999.92", "999011.65999999999025", "125.00000000000125")]
    [InlineData("124999.64", "999009.41999999999025", "125.00000000000125")]
    [InlineData("12499999.29", "99999006.619999999025", "125.000000000125")]
    [InlineData("124999999.99", "999999012.219999999025", "125.000000000125")]
    [InlineData("124999999.71", "999999009.979999999025", "125.000000000125")]
    [InlineData("124999999.08", "999999004.939999999025", "125.000000000125")]
    [InlineData("1249999999.37", "9999999007.25999999025", "125.00000000125")]
    public void Isolated_NearlyOneX_RootAHairAboveTheCap_IsInTheTierAbove(string entry, string margin, string expected)
    {
        // Long 8 at EP (entry notional E = 8·EP). Choose LP P* a hair above 125 (notional 8·P* just above tier 1's cap
        // of 1,000: tier 2). The margin that puts tier 2's root there: WB = P*·8·(0.025 − 1) − 12.7 + E, e.g. for
        // EP 124,999.92: −975.0000000000097500 − 12.7 + 999,999.36 = 999,011.65999999999025. The balance and the
        // entry notional cancel to ~988: in double the tier cannot be told from tier 1 (whose root is 1.2e-15 lower
        // in relative terms); the decimal step must decide it.
        var ep = decimal.Parse(entry, System.Globalization.CultureInfo.InvariantCulture);
        var wb = decimal.Parse(margin, System.Globalization.CultureInfo.InvariantCulture);
        var p = Position.Open(Linear(ThreeTiers), Side.Long, 8m, ep, 1m, MarginMode.Isolated, wb);
        var s = MarginCalc.Isolated(p, ep, LiquidationRule.BinanceUsdM);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), s.LiquidationPrice);
        Assert.Equal(2, s.LiquidationTier!.Tier);
    }

    // Inverse, tiers in coin: 0–0.5 BTC at 1.23 %, 0.5–5 at 2.5 % (cum 0.5·0.0127 = 0.00635), above at 5 % (cum 0.13135).
    private static readonly MarginTierTable CoinTiers = MarginTierTable.Create(
        Tier(1, 0m, 0.5m, 50m, 0.0123m, 0m), Tier(2, 0.5m, 5m, 25m, 0.025m, 0.00635m), Tier(3, 5m, decimal.MaxValue, 10m, 0.05m, 0.13135m));

    [Theory]
    [InlineData(2_500_021, "4999.54815")]
    [InlineData(2_500_070, "4999.64615")]
    public void Inverse_NearlyOneXShort_RootOnTheCap(int contracts, string margin)
    {
        // Short n contracts of 100 USD at 50,000: Q = 100·n USD, entry value E = Q/50,000 BTC (5,000.042 for n =
        // 2,500,021), wallet WB = E − 0.5·(1 − 0.0123) (4,999.54815). COIN-M: tier 1 gives (Q·0.0123 − Q)/(WB − E) =
        // Q·0.9877/0.49385 = 2Q, notional Q/2Q = 0.5 BTC = tier 1's cap; tier 2 gives Q·0.975/(0.49385 − 0.00635) = 2Q
        // too. LP 2Q in tier 1 (WB and E cancel to 0.49: in double the tier cannot be told).
        var c = Contract.Inverse("XUSD", "BTC", "USD", 100m, CoinTiers, 0.1m, 1m, 0.0002m, 0.0005m);
        var wb = decimal.Parse(margin, System.Globalization.CultureInfo.InvariantCulture);
        var p = Position.Open(c, Side.Short, contracts, 50_000m, 1m, MarginMode.Isolated, wb);
        var s = MarginCalc.Isolated(p, 50_000m, LiquidationRule.BinanceCoinM);
        Assert.Equal(200m * contracts, s.LiquidationPrice);
        Assert.Equal(1, s.LiquidationTier!.Tier);
    }

    [Theory]
    [InlineData(2_500_000)]
    [InlineData(2_500_007)]
    public void Inverse_NearlyOneXShort_RootAHairAboveTheCap_IsInTheTierAbove(int contracts)
    {
        // As above with WB = E − 0.00635 − 0.975·(0.5 + 1e-13): tier 2 gives Q·0.975/(0.4875 + 9.75e-14) = 2Q/(1 + 2e-13),
        // notional 0.5 + 1e-13 BTC, just above tier 1's cap: tier 2.
        var c = Contract.Inverse("XUSD", "BTC", "USD", 100m, CoinTiers, 0.1m, 1m, 0.0002m, 0.0005m);
        decimal q = 100m * contracts, e = q / 50_000m;
        var p = Position.Open(c, Side.Short, contracts, 50_000m, 1m, MarginMode.Isolated, e - 0.00635m - 0.975m * 0.5000000000001m);
        var s = MarginCalc.Isolated(p, 50_000m, LiquidationRule.BinanceCoinM);
        Assert.Equal(Math.Round(q * 0.975m / 0.4875000000000975m, 6), Math.Round(s.LiquidationPrice!.Value, 6));
        Assert.Equal(2, s.LiquidationTier!.Tier);
    }

    [Fact]
    public void Inverse_ShortAHairBelowOneX_HasAHugeButRealLiquidationPrice()
    {
        // COIN-M short 10 contracts of 100 USD (Q = 1,000) at 50,000: entry value 0.02 BTC; wallet 0.02 − 1e-20 BTC.
        // LP = (Q·0.005 − Q)/(WB − Q/EP) = −995/−1e-20 = 9.95e22: a price, however far. (In double the wallet and the
        // entry value are one number, the denominator 0: only the decimal step can find it.)
        var c = TestContracts.InverseFlat("XUSD", 100m, 0.005m, 125m);
        var p = Position.Open(c, Side.Short, 10m, 50_000m, 1m, MarginMode.Isolated, 0.01999999999999999999m);
        Assert.Equal(99_500_000_000_000_000_000_000m, MarginCalc.LiquidationPrice(p));
    }

    [Fact]
    public void OkxGate_TheTakerFeePutsTheRootInTheUpperTier()
    {
        // Tiers 0–45,190 at 0.4 %, above at 1 % (cum 45,190·0.006 = 271.14); taker 0.05 %. Long 1 at 50,000, 10x
        // (margin 5,000). OKX/Gate: m = MMR + fee. Tier 2: (5,000 + 271.14 − 50,000)/(0.0105 − 1) = 44,728.86/0.9895
        // = 45,203.4967…, notional above 45,190: tier 2 holds. (Without the fee, tier 2 would give 44,728.86/0.99 =
        // 45,180.67, below the cap, and tier 1 45,000/0.996 = 45,180.72: a different tier and price.)
        var table = MarginTierTable.Create(Tier(1, 0m, 45_190m, 50m, 0.004m, 0m), Tier(2, 45_190m, decimal.MaxValue, 20m, 0.01m, 271.14m));
        var p = Position.Open(Linear(table), Side.Long, 1m, 50_000m, 10m);
        var s = MarginCalc.Isolated(p, 50_000m, LiquidationRule.OkxGate);
        Assert.Equal(Math.Round(44_728.86m / 0.9895m, 10), Math.Round(s.LiquidationPrice!.Value, 10));
        Assert.Equal(2, s.LiquidationTier!.Tier);
    }

    [Fact]
    public void OkxGate_SizeBasisTiers_TierBySizeAndTheFeeCounts()
    {
        // OKX position tiers count size, not notional: tier 1 up to 10 (0.4 %), tier 2 above (1 %). Long 1 (size 1:
        // tier 1 whatever the price) at 50,000, 10x, margin 5,000; taker 0.05 %:
        // (5,000 − 50,000)/(0.004 + 0.0005 − 1) = 45,000/0.9955 = 45,203.4153…
        var table = new MarginTierTable([Tier(1, 0m, 10m, 50m, 0.004m, 0m), Tier(2, 10m, decimal.MaxValue, 20m, 0.01m, 0m)], TierBasis.Quantity);
        var p = Position.Open(Linear(table), Side.Long, 1m, 50_000m, 10m);
        var s = MarginCalc.Isolated(p, 50_000m, LiquidationRule.OkxGate);
        Assert.Equal(Math.Round(45_000m / 0.9955m, 10), Math.Round(s.LiquidationPrice!.Value, 10));
        Assert.Equal(1, s.LiquidationTier!.Tier);
    }

    [Fact]
    public void MaxLeverageForStop_LiquidationTierBelowTheEntryTier()
    {
        // Long 1 at 60,000 (entry notional in tier 2), stop 45,000 (tier 1): M* = 45,000·0.004 + 15,000 = 15,180;
        // 60,000/15,180 = 3.95 → 3x, margin 20,000. Tier 2 from the entry: (20,000 + 50 − 60,000)/(0.005 − 1) =
        // 40,150.75…, notional in tier 1, so tier 1: (20,000 − 60,000)/(0.004 − 1) = 40,000/0.996 = 40,160.6425…
        var r = MarginCalc.MaxLeverageForStop(Linear(TwoTiers), Side.Long, 1m, 60_000m, 45_000m, rule: LiquidationRule.BinanceUsdM);
        Assert.Equal(15_180m, r.MinimumMargin);
        Assert.Equal(3m, r.Leverage);
        Assert.Equal(20_000m, r.Margin);
        Assert.Equal(Math.Round(40_000m / 0.996m, 10), Math.Round(r.LiquidationPrice!.Value, 10));
    }

    [Fact]
    public void MaxLeverageForStop_SizeBasisTiers_KeyIsQuantityTimesContractSize()
    {
        // OKX-style size tiers (tier 1 up to size 5 at 0.4 %, 100x; tier 2 at 1 %, 20x), contract value 0.01: 100
        // contracts are size 1 (tier 1). Long at 50,000 (notional 50,000), stop 48,000, OKX/Gate rule:
        // M* = 48,000·(0.004 + 0.0005) + 2,000 = 2,216; 50,000/2,216 = 22.56 → 22x (tier 1 allows 100x).
        var table = new MarginTierTable([Tier(1, 0m, 5m, 100m, 0.004m, 0m), Tier(2, 5m, decimal.MaxValue, 20m, 0.01m, 0m)], TierBasis.Quantity);
        var r = MarginCalc.MaxLeverageForStop(Linear(table, contractSize: 0.01m), Side.Long, 100m, 50_000m, 48_000m, rule: LiquidationRule.OkxGate);
        Assert.Equal(2_216m, r.MinimumMargin);
        Assert.Equal(22m, r.Leverage);
        Assert.Equal(1, r.Tier.Tier);
    }

    private static CrossMarginSnapshot Hedge(Contract c, decimal wallet, decimal mark, params Position[] legs) =>
        MarginCalc.Cross(CrossAccount.Create(c.SettlementAsset, wallet, legs, PositionMode.Hedge), new Dictionary<string, decimal> { [c.Symbol] = mark });

    [Fact]
    public void HedgeMode_RootOnABreak_IsReportedInTheTierBelowTheCap()
    {
        // Long 2 and short 1 at 30,000, wallet 5,300, two tiers. Below 25,000 (long notional ≤ 50,000) both in tier 1:
        // (5,300 − (60,000 − 30,000))/(2·0.004 + 0.004 − (2 − 1)) = −24,700/−0.988 = 25,000; between 25,000 and 50,000
        // the long is in tier 2: (5,300 + 50 − 30,000)/(0.010 + 0.004 − 1) = −24,650/−0.986 = 25,000. One root, 25,000,
        // where the long's notional is 50,000: tier 1.
        var c = Linear(TwoTiers);
        var l = Position.Open(c, Side.Long, 2m, 30_000m, 10m, MarginMode.Cross);
        var s = Position.Open(c, Side.Short, 1m, 30_000m, 10m, MarginMode.Cross);
        var snap = Hedge(c, 5_300m, 30_000m, l, s);
        Assert.Equal(25_000m, snap.Positions[0].LiquidationPrice);
        Assert.Equal(1, snap.Positions[0].LiquidationTier!.Tier);
    }

    // Tier 1 up to 100,000 at 1 %, tier 2 at 10 % (cum 100,000·0.09 = 9,000).
    private static readonly MarginTierTable SteepTiers = MarginTierTable.Create(
        Tier(1, 0m, 100_000m, 50m, 0.01m, 0m), Tier(2, 100_000m, decimal.MaxValue, 5m, 0.1m, 9_000m));

    [Theory]
    [InlineData(120_000)]
    [InlineData(60_000)]
    public void HedgeMode_TwoRoots_TheOneNearerTheMark(int mark)
    {
        // Long 1 at 50,000 and short 0.9 at 40,000, wallet 10,000. Both legs in tier 1 (P < 100,000):
        // (10,000 − (50,000 − 36,000))/(0.01 + 0.009 − 0.1) = −4,000/−0.081 = 49,382.716…; both in tier 2
        // (P > 111,111): (10,000 + 18,000 − 14,000)/(0.1 + 0.09 − 0.1) = 14,000/0.09 = 155,555.555…; none between.
        // The book is liquidated on a fall to 49,382.72 or a rise to 155,555.56; each mark reports the nearer.
        var c = Linear(SteepTiers);
        var l = Position.Open(c, Side.Long, 1m, 50_000m, 5m, MarginMode.Cross);
        var s = Position.Open(c, Side.Short, 0.9m, 40_000m, 5m, MarginMode.Cross);
        var lp = Hedge(c, 10_000m, mark, l, s).Positions[0].LiquidationPrice!.Value;
        Assert.Equal(mark == 120_000 ? 155_555.555556m : 49_382.716049m, Math.Round(lp, 6));
    }

    [Fact]
    public void HedgeMode_Inverse_OneTier()
    {
        // COIN-M, 100 USD contracts, flat 0.5 %: long 10 and short 4 contracts at 50,000, wallet 0.01 BTC.
        // (1,400·0.005 + 1,000 − 400)/(0.01 + 1,000/50,000 − 400/50,000) = 607/0.022 = 27,590.909…
        var c = TestContracts.InverseFlat("XUSD", 100m, 0.005m, 125m);
        var l = Position.Open(c, Side.Long, 10m, 50_000m, 10m, MarginMode.Cross);
        var s = Position.Open(c, Side.Short, 4m, 50_000m, 10m, MarginMode.Cross);
        var lp = Hedge(c, 0.01m, 50_000m, l, s).Positions[0].LiquidationPrice!.Value;
        Assert.Equal(27_590.909091m, Math.Round(lp, 6));
    }

    [Fact]
    public void HedgeMode_FortyTiers()
    {
        // Forty tiers of 10,000 each, all 1 % without cum (a flat table cut in pieces; 78 break prices, past the
        // stack buffer): long 1 and short 0.5 at 50,000, wallet 10,000: (10,000 − 25,000)/(1.5·0.01 − 0.5) =
        // 15,000/0.485 = 30,927.835…
        var tiers = Enumerable.Range(1, 40).Select(i => Tier(i, (i - 1) * 10_000m, i == 40 ? decimal.MaxValue : i * 10_000m, 20m, 0.01m, 0m));
        var c = Linear(MarginTierTable.Create(tiers));
        var l = Position.Open(c, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        var s = Position.Open(c, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross);
        var lp = Hedge(c, 10_000m, 50_000m, l, s).Positions[0].LiquidationPrice!.Value;
        Assert.Equal(30_927.835052m, Math.Round(lp, 6));
    }
}
