using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

/// <summary>The OKX/Gate rule against Gate's published liquidation price formulas, worked by hand.</summary>
public class OkxGateRuleTests
{
    [Fact]
    public void Isolated_GateLinearWithContractMultiplier_MatchesGateFormula()
    {
        // Gate: LP(long) = (EP − margin / multiplier / position) / [1 − (MMR + taker)].
        // 1,000 contracts × 0.0001 BTC @ 10,000, 10x → notional 1,000 USDT, margin 100; MMR 0.5 %, taker 0.05 %:
        // (10,000 − 100/0.0001/1,000) / (1 − 0.0055) = 9,000/0.9945 = 9,049.77375565610859728506787…
        var c = TestContracts.LinearFlat("BTC_USDT", 0.005m, 100m, takerFee: 0.0005m, contractSize: 0.0001m);
        var p = Position.Open(c, Side.Long, 1_000m, 10_000m, 10m);
        Assert.Equal(100m, p.IsolatedMargin);
        var lp = MarginCalc.Isolated(p, 10_000m, LiquidationRule.OkxGate).LiquidationPrice!.Value;
        Assert.Equal(9_049.7737556561m, Math.Round(lp, 10));
        // Short: (EP + margin/multiplier/position) / [1 + (MMR + taker)] = 11,000/1.0055 = 10,939.830929885629…
        var s = Position.Open(c, Side.Short, 1_000m, 10_000m, 10m);
        Assert.Equal(10_939.8309298856m, Math.Round(MarginCalc.LiquidationPrice(s, LiquidationRule.OkxGate)!.Value, 10));
    }

    [Fact]
    public void Isolated_GateInverse_MatchesGateFormula()
    {
        // Gate inverse: LP = position·EP·(1 ± MMR ± taker) / (position ± margin·EP) (long +, short −).
        // 100 contracts × 100 USD @ 50,000, 10x → margin 0.02 BTC; MMR 0.5 %, taker 0.05 %:
        // long  10,000·50,000·1.0055 / (10,000 + 1,000) = 45,704.545454…
        // short 10,000·50,000·0.9945 / (10,000 − 1,000) = 55,250
        var c = TestContracts.InverseFlat("BTC_USD", 100m, 0.005m, 100m, takerFee: 0.0005m);
        var l = Position.Open(c, Side.Long, 100m, 50_000m, 10m);
        Assert.Equal(0.02m, l.IsolatedMargin);
        Assert.Equal(45_704.5454545455m, Math.Round(MarginCalc.LiquidationPrice(l, LiquidationRule.OkxGate)!.Value, 10));
        var s = Position.Open(c, Side.Short, 100m, 50_000m, 10m);
        Assert.Equal(55_250m, Math.Round(MarginCalc.LiquidationPrice(s, LiquidationRule.OkxGate)!.Value, 18));
    }

    [Fact]
    public void Isolated_BybitShortExample_Is20300()
    {
        // Bybit help centre, short: LP = EP + (IM − MM)/q; 1 BTC @ 20,000, 50x, MMR 0.5 % → 20,000 + (400 − 100) = 20,300.
        var c = TestContracts.LinearFlat("BTCUSDT", 0.005m, 100m);
        Assert.Equal(20_300m, MarginCalc.LiquidationPrice(Position.Open(c, Side.Short, 1m, 20_000m, 50m), LiquidationRule.BybitLinear));
    }

    [Fact]
    public void Overflow_InFeesAndRounding_IsReportedNamingTheInput()
    {
        Assert.Contains("overflow", BadInput.Throws("entryPrice", () => Fees.BreakevenPrice(ContractType.Linear, Side.Long, decimal.MaxValue / 1.0001m, 0.0005m, 0.0005m)).Message);
        Assert.Contains("overflow", BadInput.Throws("quantity", () => Contract.BinanceBtcUsdt.RoundQuantity(decimal.MaxValue / 10m)).Message);
        Assert.Contains("overflow", BadInput.Throws("price", () => Contract.BinanceEthUsdt.RoundPrice(decimal.MaxValue / 10m)).Message);
    }
}
