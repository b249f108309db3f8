using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

// Bybit help centre, "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)" / "Trading Rules:
// Liquidation Process (Unified Trading Account)", USDT Perpetual and Expiry Contracts:
// LP(long)  = [(EP × Size) − (EP × Size ÷ Leverage) − (Extra ÷ (1 − taker)) − MM Deduction] ÷ [Size − (Size × MMR)],
// LP(short) = [(EP × Size) + (EP × Size ÷ Leverage) + (Extra ÷ (1 + taker)) + MM Deduction] ÷ [Size + (Size × MMR)].
// The page's worked example: long 1 BTC at 40,000 USDT, 50x, 3,000 USDT extra margin added, MMR 0.5 %, taker 0.055 %,
// no deduction → liquidation price 36,380.25 USDT (estimated fee to close 40,000 × (1 − 1/50) × 0.055 % = 21.56 in both
// IM and MM). The other values below are worked out by hand from the same formulas.
public class BybitLinearUnifiedRuleTests
{
    private static Contract BtcUsdt(decimal mmr, decimal deduction = 0m, decimal taker = 0.00055m) =>
        Contract.Linear("BTCUSDT", "BTC", "USDT", MarginTierTable.Flat(mmr, 100m, deduction), 0.1m, 0.001m, 0.0002m, taker);

    [Fact]
    public void LiquidationPrice_BybitsWorkedExample_Matches()
    {
        // Isolated margin = IM 800 + extra 3,000. (40,000 − 800 − 3,000/0.99945 − 0)/0.995 = 36,380.2503…
        var p = Position.Open(BtcUsdt(0.005m), Side.Long, 1m, 40_000m, 50m, isolatedMargin: 3_800m);
        Assert.Equal(36_380.25m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified)!.Value, 2));
        var s = MarginCalc.Isolated(p, 40_000m, LiquidationRule.BybitLinearUnified);
        Assert.Equal(LiquidationRule.BybitLinearUnified, s.Rule);
        Assert.Equal(36_380.25m, Math.Round(s.LiquidationPrice!.Value, 2));
    }

    [Fact]
    public void IsLiquidatable_SwitchesAtBybitsLiquidationPrice_NotAtThePlainBalance()
    {
        // Bybit's worked example, LP 36,380.25. At 36,381 (above it): counted margin 800 + 3,000/0.99945 = 3,801.651,
        // plus PnL −3,619 = 182.651 > MM 36,381 × 0.5 % = 181.905: not liquidatable. The plain balance 800 + 3,000 − 3,619
        // = 181 would be below the MM (the old answer). At 36,380 (below the LP): 3,801.651 − 3,620 = 181.651 ≤ 181.90.
        var p = Position.Open(BtcUsdt(0.005m), Side.Long, 1m, 40_000m, 50m, isolatedMargin: 3_800m);
        Assert.False(MarginCalc.Isolated(p, 36_381m, LiquidationRule.BybitLinearUnified).IsLiquidatable);
        Assert.True(MarginCalc.Isolated(p, 36_380m, LiquidationRule.BybitLinearUnified).IsLiquidatable);
        Assert.True(MarginCalc.Isolated(p, 36_381m, LiquidationRule.BybitLinearUnified).DistanceToLiquidation > 0m);
        // Short mirror, LP 43,580.45: counted margin 800 + 3,000/1.00055 = 3,798.351; at 43,580 PnL −3,580 → 218.35 >
        // MM 217.90; at 43,581 → 217.35 ≤ 217.905.
        var s = Position.Open(BtcUsdt(0.005m), Side.Short, 1m, 40_000m, 50m, isolatedMargin: 3_800m);
        Assert.False(MarginCalc.Isolated(s, 43_580m, LiquidationRule.BybitLinearUnified).IsLiquidatable);
        Assert.True(MarginCalc.Isolated(s, 43_581m, LiquidationRule.BybitLinearUnified).IsLiquidatable);
    }

    [Fact]
    public void LiquidationPrice_ShortMirror_Matches()
    {
        // (40,000 + 800 + 3,000/1.00055 + 0)/1.005 = 43,580.4486…
        var p = Position.Open(BtcUsdt(0.005m), Side.Short, 1m, 40_000m, 50m, isolatedMargin: 3_800m);
        Assert.Equal(43_580.45m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified)!.Value, 2));
    }

    [Fact]
    public void ExtraMargin_CountsMoreThanUnderBinance_ByTheClosingFee()
    {
        // The Binance balance equation takes the wallet as it is: (3,800 − 40,000)/(0.005 − 1) = 36,381.91; Bybit's
        // extra margin divided by (1 − taker) moves the price 1.66 further away.
        var p = Position.Open(BtcUsdt(0.005m), Side.Long, 1m, 40_000m, 50m, isolatedMargin: 3_800m);
        Assert.Equal(36_381.91m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BinanceUsdM)!.Value, 2));
        Assert.True(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified) < MarginCalc.LiquidationPrice(p, LiquidationRule.BinanceUsdM));
    }

    [Fact]
    public void Deduction_EntersTheNumerator()
    {
        // MMR 1 %, deduction 10,000, long 100 BTC @ 40,000, 20x (IM 200,000):
        // (4,000,000 − 200,000 − 0 − 10,000)/(100 × 0.99) = 3,790,000/99 = 38,282.83
        var p = Position.Open(BtcUsdt(0.01m, 10_000m), Side.Long, 100m, 40_000m, 20m);
        Assert.Equal(38_282.83m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified)!.Value, 2));
    }

    [Fact]
    public void CatalogEth_ShortCrossingATier_TakesTheTierAtTheLiquidationPrice()
    {
        // Bybit ETHUSDT (catalog, 2026-08-05): tier 7 (3,200,000, 4,000,000] MMR 0.91 % deduction 8,620; tier 8
        // (4,000,000, 5,000,000] MMR 1 % deduction 12,220. Short 2,000 ETH @ 2,000 (4,000,000, tier 7), 20x, IM 200,000:
        // tier 7 gives (4,000,000 + 200,000 + 8,620)/(2,000 × 1.0091) = 2,085.33, notional 4,170,667 → tier 8:
        // (4,000,000 + 200,000 + 12,220)/(2,000 × 1.01) = 2,085.2574…, notional 4,170,515, still tier 8.
        var p = Position.Open(Contract.Find("bybit-linear", "ETHUSDT"), Side.Short, 2_000m, 2_000m, 20m);
        var s = MarginCalc.Isolated(p, 2_000m, LiquidationRule.BybitLinearUnified);
        Assert.Equal(LiquidationRule.BybitLinearUnified, s.Rule);
        Assert.Equal(2_085.26m, Math.Round(s.LiquidationPrice!.Value, 2));
        Assert.Equal(8, s.LiquidationTier!.Tier);
    }

    [Fact]
    public void WithoutExtraMargin_EqualsTheBalanceEquation()
    {
        // No extra margin: the closing fee cancels entirely and the formula is the balance equation with MM at the
        // liquidation price, the Binance USDⓈ-M one. Long 2,000 ETH @ 2,000, 20x on the catalog contract (tier 7):
        // (4,000,000 − 200,000 − 8,620)/(2,000 × 0.9909) = 1,913.10.
        var p = Position.Open(Contract.Find("bybit-linear", "ETHUSDT"), Side.Long, 2_000m, 2_000m, 20m);
        var bybit = MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified)!.Value;
        Assert.Equal(1_913.10m, Math.Round(bybit, 2));
        Assert.Equal(Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BinanceUsdM)!.Value, 18), Math.Round(bybit, 18));
    }

    [Fact]
    public void NoPositivePrice_IsNull()
    {
        // 1x long without deduction: (40,000 − 40,000)/0.995 = 0 → no liquidation price.
        var p = Position.Open(BtcUsdt(0.005m), Side.Long, 1m, 40_000m, 1m);
        Assert.Null(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified));
    }

    [Fact]
    public void OnInverseContract_Throws()
    {
        var inv = Contract.Inverse("BTCUSD", "BTC", "USD", 100m, MarginTierTable.Flat(0.005m, 100m), 0.5m, 1m, 0.0001m, 0.00055m);
        var p = Position.Open(inv, Side.Long, 100m, 50_000m, 10m);
        var ex = Assert.Throws<ArgumentException>(() => MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified));
        Assert.Equal("rule", ex.ParamName);
    }

    [Fact]
    public void OnCrossAccount_Throws()
    {
        var c = BtcUsdt(0.005m);
        var account = CrossAccount.Create("USDT", 10_000m, [Position.Open(c, Side.Long, 1m, 40_000m, 10m, MarginMode.Cross)]);
        var ex = Assert.Throws<ArgumentException>(() => MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = 40_000m }, LiquidationRule.BybitLinearUnified));
        Assert.Equal("rule", ex.ParamName);
    }

    [Fact]
    public void Batch_WithoutExtraMargin_AgreesWithTheDecimalRule()
    {
        // The batch path takes no leverage; with the wallet equal to the initial margin there is no extra margin to
        // split, so its balance equation is the rule itself (docs/margin.md, fast path).
        var c = Contract.Find("bybit-linear", "ETHUSDT");
        var p = Position.Open(c, Side.Short, 2_000m, 2_000m, 20m);
        var expected = (double)MarginCalc.LiquidationPrice(p)!.Value;
        Side[] side = [Side.Short];
        double[] q = [2_000], entry = [2_000], margin = [(double)p.IsolatedMargin], mark = [2_000];
        double[] lp = new double[1], ratio = new double[1], distance = new double[1];
        MarginBatch.Isolated(c, side, q, entry, margin, mark, lp, ratio, distance);
        Assert.True(Math.Abs(lp[0] - expected) <= 1e-9 * expected, $"batch {lp[0]}, decimal {expected}");
    }

    [Fact]
    public void MaxLeverageForStop_ExtraMarginNeeded_IsScaledAsBybitCountsIt()
    {
        // Short 1 BTC @ 40,000, stop 100,000, no buffer, MMR 0.5 %, taker 0.055 %: M* = 100,000 × 0.5 % + (100,000 − 40,000)
        // = 60,500 > the 40,000 of 1x, so 20,500 must count as extra margin; Bybit counts extra/(1 + taker), so post
        // 40,000 + 20,500 × 1.00055 = 60,511.275, and the liquidation price is (80,000 + 20,500)/1.005 = 100,000.
        var r = MarginCalc.MaxLeverageForStop(BtcUsdt(0.005m), Side.Short, 1m, 40_000m, 100_000m, 0m, LiquidationRule.BybitLinearUnified);
        Assert.Equal(1m, r.Leverage);
        Assert.Equal(60_500m, r.MinimumMargin);
        Assert.Equal(60_511.275m, r.Margin);
        Assert.Equal(100_000m, Math.Round(r.LiquidationPrice!.Value, 8));
    }
}
