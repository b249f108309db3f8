using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

public class ContractMarginModelTests
{
    [Fact]
    public void ShortHedge_TakesEveryNumberFromTheMarginEngine()
    {
        var model = ContractMarginModel.BinanceBtcUsdt;
        var m = model.ShortHedge(0.5m, 50_000m, 10m);
        var p = Position.Open(Contracts.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m);
        Assert.Equal(2_500m, m.InitialMargin); // 0.5 · 50,000 / 10 (hedging issue's worked example)
        Assert.Equal(MarginCalc.LiquidationPrice(p), m.LiquidationPrice);
        Assert.True(m.LiquidationPrice > 50_000m);
        Assert.Equal(MarginCalc.MaintenanceMargin(p, 52_000m), model.MaintenanceMargin(0.5m, 50_000m, 10m, 52_000m));
    }

    [Fact]
    public void WorkedExample_HigherLeverage_LiquidatesCloser()
    {
        var model = ContractMarginModel.BinanceBtcUsdt;
        var l2 = model.ShortHedge(0.5m, 50_000m, 2m).LiquidationPrice!.Value;
        var l10 = model.ShortHedge(0.5m, 50_000m, 10m).LiquidationPrice!.Value;
        Assert.True(l10 < l2);
        var r = Scenario.AtPrice(ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 10m, model), l10 + 1m);
        Assert.True(r.Liquidated);
        Assert.Equal(-2_500m, r.FuturesPnl);
    }

    [Fact]
    public void For_InverseContract_IsRejected() =>
        BadInput.Throws("contract", () => ContractMarginModel.For(Contracts.BinanceCoinMBtcUsd));
}
