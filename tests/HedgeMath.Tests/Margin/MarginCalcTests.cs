using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

public class MarginCalcTests
{
    private static Position WorkedHedge => Position.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m);

    [Fact]
    public void Isolated_WorkedExampleHedge_BinanceFigures()
    {
        // Short 0.5 BTCUSDT @ 50,000, 10x isolated: notional 25,000 → tier 1 (MMR 0.4 %, cum 0); IM 2,500; MM 100.
        // LP = (2,500 + 0 + 0.5·50,000) / (0.5·0.004 + 0.5) = 27,500/0.502 = 54,780.876494…; notional there 27,390 → tier 1.
        // Bankruptcy: 50,000 + 2,500/0.5 = 55,000. Distance (54,780.876 − 50,000)/50,000 = 0.0956175…
        var s = MarginCalc.Isolated(WorkedHedge, 50_000m);
        Assert.Equal(LiquidationRule.BinanceUsdM, s.Rule);
        Assert.Equal("USDT", s.SettlementAsset);
        Assert.Equal(25_000m, s.Notional);
        Assert.Equal(2_500m, s.InitialMargin);
        Assert.Equal(100m, s.MaintenanceMargin);
        Assert.Equal(1, s.Tier.Tier);
        Assert.Equal(1, s.LiquidationTier!.Tier);
        Assert.Equal(2_500m, s.MarginBalance);
        Assert.Equal(0.04m, s.MarginRatio);
        Assert.False(s.IsLiquidatable);
        Assert.Equal(54_780.876494m, Math.Round(s.LiquidationPrice!.Value, 6));
        Assert.Equal(55_000m, s.BankruptcyPrice);
        Assert.Equal(0.09561753m, Math.Round(s.DistanceToLiquidation!.Value, 8));
    }

    [Fact]
    public void Isolated_WorkedExampleHedge_BybitAndOkxRules()
    {
        // Bybit: LP = 50,000 + (2,500 − 100)/0.5 = 54,800.
        Assert.Equal(54_800m, MarginCalc.Isolated(WorkedHedge, 50_000m, LiquidationRule.BybitLinear).LiquidationPrice);
        // OKX/Gate: margin + q·(EP − P) = q·P·(MMR + taker) → P = 27,500 / (0.5·(1 + 0.004 + 0.0005)) = 54,753.608760…
        var okx = MarginCalc.Isolated(WorkedHedge, 50_000m, LiquidationRule.OkxGate);
        Assert.Equal(54_753.608761m, Math.Round(okx.LiquidationPrice!.Value, 6));
        Assert.Equal(25_000m * (0.004m + 0.0005m), okx.MaintenanceMargin); // closing fee included
    }

    [Fact]
    public void Isolated_BinanceTierAtTheLiquidationPrice_NotAtEntry()
    {
        // Long 1.2 BTC @ 50,000 at 1.2x... no: long 1.1 BTC @ 50,000, 125x is refused (55,000 is tier 2, max 100x);
        // at 100x the LP notional falls back into tier 1: IM 550; tier 1 candidate
        // LP = (550 + 0 − 55,000)/(1.1·0.004 − 1.1) = 54,450/1.0956 = 49,698.795…, notional 54,668.67 → tier 2;
        // tier 2 (MMR 0.005, cum 50): (550 + 50 − 55,000)/(1.1·0.005 − 1.1) = 54,400/1.0945 = 49,703.06…, notional 54,673.4 → tier 2: stable.
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1.1m, 50_000m, 100m);
        var s = MarginCalc.Isolated(p, 50_000m);
        Assert.Equal(2, s.LiquidationTier!.Tier);
        Assert.Equal(Math.Round(54_400m / 1.0945m, 8), Math.Round(s.LiquidationPrice!.Value, 8));
    }

    [Fact]
    public void LiquidationPrice_OneXLinearLong_IsNone()
    {
        // 1x long: (q·EP + 0 − q·EP)/(q·MMR − q) = 0 → no liquidation price; bankruptcy at 0 → none.
        var s = MarginCalc.Isolated(Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 1m), 50_000m);
        Assert.Null(s.LiquidationPrice);
        Assert.Null(s.BankruptcyPrice);
        Assert.Null(s.DistanceToLiquidation);
        Assert.Null(s.LiquidationTier);
    }

    [Fact]
    public void LiquidationPrice_OneXInverseShort_IsNone()
    {
        // 1x inverse short: WB = Q/EP, so WB + cum − Q/EP ≥ 0 and Q(MMR − 1) < 0 → no positive root: a coin-margined
        // 1x short is the classic synthetic dollar and cannot be liquidated.
        var p = Position.Open(Contract.BinanceCoinMBtcUsd, Side.Short, 1_000m, 50_000m, 1m);
        Assert.Null(MarginCalc.LiquidationPrice(p));
        Assert.Null(MarginCalc.Isolated(p, 50_000m).BankruptcyPrice);
    }

    [Fact]
    public void Isolated_PastTheLiquidationPrice_IsLiquidatableWithNegativeDistance()
    {
        var s = MarginCalc.Isolated(WorkedHedge, 56_000m);
        Assert.True(s.IsLiquidatable);
        Assert.True(s.DistanceToLiquidation < 0m);
        Assert.Null(s.MarginRatio); // margin balance 2,500 − 3,000 < 0
    }

    [Fact]
    public void Cross_AccountTotals_AreSumsOfPositions()
    {
        var a = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        var b = Position.Open(Contract.BinanceEthUsdt, Side.Short, 10m, 3_000m, 10m, MarginMode.Cross);
        var account = CrossAccount.Create("USDT", 10_000m, [a, b]);
        var s = MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = 51_000m, ["ETHUSDT"] = 2_900m });
        // UPNL: 1·1,000 + 10·100 = 2,000; MM: 51,000·0.005 − 50 = 205 (tier 2) and 29,000·0.004 = 116 (tier 1).
        Assert.Equal(2_000m, s.UnrealizedPnl);
        Assert.Equal(12_000m, s.MarginBalance);
        Assert.Equal(321m, s.MaintenanceMargin);
        Assert.Equal(321m / 12_000m, s.MarginRatio);
        Assert.Equal(5_100m + 2_900m, s.InitialMargin);
        Assert.Equal(2, s.Positions.Length);
    }

    [Fact]
    public void Rules_NotApplicable_ThrowNamingRule()
    {
        BadInput.Throws("rule", () => MarginCalc.Isolated(WorkedHedge, 50_000m, LiquidationRule.BinanceCoinM));
        var inv = Position.Open(Contract.BinanceCoinMBtcUsd, Side.Long, 100m, 50_000m, 10m);
        BadInput.Throws("rule", () => MarginCalc.Isolated(inv, 50_000m, LiquidationRule.BinanceUsdM));
        BadInput.Throws("rule", () => MarginCalc.Isolated(inv, 50_000m, LiquidationRule.BybitLinear));
        BadInput.Throws("rule", () => MarginCalc.Isolated(WorkedHedge, 50_000m, (LiquidationRule)99));
        var cross = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        BadInput.Throws("rule", () => MarginCalc.Cross(CrossAccount.Create("USDT", 1_000m, [cross]),
            new Dictionary<string, decimal> { ["BTCUSDT"] = 50_000m }, LiquidationRule.BybitLinear));
    }

    [Fact]
    public void BadInput_IsRejectedNamingTheParameter()
    {
        BadInput.Rejects("markPrice", (decimal m) => MarginCalc.Isolated(WorkedHedge, m), BadInput.NonPositiveDecimals);
        var cross = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        BadInput.Throws("position", () => MarginCalc.Isolated(cross, 50_000m));
        var account = CrossAccount.Create("USDT", 1_000m, [cross]);
        BadInput.Throws("markPrices", () => MarginCalc.Cross(account, new Dictionary<string, decimal>()));
        BadInput.Throws("markPrices", () => MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = -1m }));
        BadInput.Throws("position", () => MarginCalc.Cross(account, WorkedHedge, new Dictionary<string, decimal> { ["BTCUSDT"] = 1m }));
        BadInput.Rejects("quantity", (decimal q) => MarginCalc.BinanceLiquidationPrice(Side.Long, q, 1m, 1m, 0.01m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("entryPrice", (decimal e) => MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, e, 1m, 0.01m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("walletBalance", (decimal w) => MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, 1m, w, 0.01m, 0m), BadInput.NegativeDecimals);
        BadInput.Rejects("maintenanceMarginRate", (decimal r) => MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, 1m, 1m, r, 0m), 0m, 1m, -0.1m);
        BadInput.Rejects("contracts", (decimal c) => MarginCalc.CoinMLiquidationPrice(Side.Long, c, 100m, 1m, 1m, 0.01m, 0m), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void Isolated_DecimalOverflow_IsReportedNamingTheInput()
    {
        var big = Position.Open(PositionsTestsAccess.Flat, Side.Long, 1e12m, 1e12m, 1m);
        var ex = BadInput.Throws("markPrice", () => MarginCalc.Isolated(big, 1e20m));
        Assert.Contains("overflow", ex.Message);
    }
}

internal static class PositionsTestsAccess
{
    public static Contract Flat => HedgeMath.Tests.Positions.PositionTests.TestFlat;
}

public class HedgeModeTwoRootTests
{
    // Two tiers: (0, 1000] at 1 % (50x) and (1000, ∞) at 10 % with cum = 1000·(0.10 − 0.01) = 90 (5x).
    private static readonly Contract Tiered = Contract.Linear("TWOUSDT", "TWO", "USDT", new MarginTierTable(
    [
        new MarginTier(1, 0m, 1000m, 50m, 0.01m, 0m),
        new MarginTier(2, 1000m, 1_000_000_000m, 5m, 0.10m, 90m),
    ]), 0.01m, 0.001m, 0m, 0m);

    private static MarginSnapshot LongLeg(decimal wallet)
    {
        var l = Position.Open(Tiered, Side.Long, 2m, 100m, 5m, MarginMode.Cross);
        var s = Position.Open(Tiered, Side.Short, 1.9m, 100m, 5m, MarginMode.Cross);
        var account = CrossAccount.Create("USDT", wallet, [l, s], PositionMode.Hedge);
        return MarginCalc.Cross(account, new Dictionary<string, decimal> { ["TWOUSDT"] = 100m }).Positions[0];
    }

    [Fact]
    public void Cross_NearlyHedgedBook_IsLiquidatedOnARise()
    {
        // Long 2 and short 1.9 @ 100, wallet 10. f(P) = 10 + 0.1·(P − 100) − MM(P).
        // Both legs in tier 1 (P ≤ 500): f = 0.061·P > 0 — no root on a fall.
        // Long in tier 2 (500 < P ≤ 526.3): f = 90 − 0.119·P → 756.3, outside the segment.
        // Both in tier 2 (P > 526.3): f = 180 − 0.29·P → P = 620.689655…: the maintenance of both legs outgrows the net PnL.
        var s = LongLeg(10m);
        Assert.Equal(620.68965517m, Math.Round(s.LiquidationPrice!.Value, 8));
        Assert.Equal(2, s.LiquidationTier!.Tier);
        Assert.Equal(Math.Round((620.68965517m - 100m) / 100m, 6), Math.Round(s.DistanceToLiquidation!.Value, 6));
    }

    [Fact]
    public void Cross_NearlyHedgedBookWithTwoRoots_ReportsTheOneNearestTheMark()
    {
        // Wallet 5: on a fall f = −5 + 0.061·P → 81.967…; on a rise 175 − 0.29·P → 603.45…; the mark 100 is nearer 81.97.
        var s = LongLeg(5m);
        Assert.Equal(81.96721311m, Math.Round(s.LiquidationPrice!.Value, 8));
        Assert.Equal(1, s.LiquidationTier!.Tier);
    }
}
