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

public class FromPlanTests
{
    [Fact]
    public void FromPlan_WorkedExample_TakesThePlansNumbers()
    {
        // 1.0 BTC spot at 50,000, hedge 0.5 at 10x: hedged value 25,000, initial margin 2,500 (hedging issue's worked example).
        var plan = HedgeMath.Hedging.HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contracts.BinanceBtcUsdt, 10m, 50_000m)
            .WithStop(HedgeMath.Hedging.HedgeStop.AtPrice(53_000m));
        var s = ScenarioSetup.FromPlan(plan);
        Assert.Equal(0.5m, s.HedgeQuantity);
        Assert.Equal(2_500m, s.Margin.InitialMargin);
        Assert.Equal(plan.LiquidationPrice, s.LiquidationPrice);
        Assert.Equal(53_000m, s.StopPrice);
        Assert.Equal(Contracts.BinanceBtcUsdt.TakerFeeRate, s.FeeRate);
        var r = Scenario.AtPrice(s, 40_000m);
        Assert.Equal(-10_000m + 5_000m - r.Fees, r.NetPnl);
        Assert.True(Scenario.AtPrice(s, 60_000m).StoppedOut);
    }
}

public class FromPositionTests
{
    [Fact]
    public void FromPosition_ExtraIsolatedMargin_MovesLiquidationAndLoss()
    {
        // The worked example's short with 5,000 of isolated margin instead of the 2,500 initial margin.
        var p = Position.Open(Contracts.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Isolated, isolatedMargin: 5_000m);
        var s = ScenarioSetup.FromPosition(1m, 45_000m, p, feeRate: 0m);
        Assert.Equal(MarginCalc.LiquidationPrice(p), s.LiquidationPrice);
        Assert.True(s.LiquidationPrice > ContractMarginModel.BinanceBtcUsdt.ShortHedge(0.5m, 50_000m, 10m).LiquidationPrice);
        var r = Scenario.AtPrice(s, 70_000m);
        Assert.True(r.Liquidated);
        Assert.Equal(-5_000m, r.FuturesPnl);      // the whole isolated margin
        Assert.Equal(25_000m - 5_000m, r.NetPnlVsCost); // spot 1 · (70,000 − 45,000)
        var longPosition = Position.Open(Contracts.BinanceBtcUsdt, Side.Long, 0.5m, 50_000m, 10m);
        HedgeMath.Tests.Conventions.BadInput.Throws("hedge", () => ScenarioSetup.FromPosition(1m, 1m, longPosition));
    }
}
