using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

public class ScenarioSetupTests
{
    [Fact]
    public void Create_TakesEveryNumberFromTheEngine()
    {
        var s = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 10m, Contract.BinanceBtcUsdt);
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m);
        Assert.Equal(2_500m, s.InitialMargin); // 0.5 · 50,000 / 10 (hedging issue's worked example)
        Assert.Equal(MarginCalc.LiquidationPrice(p), s.LiquidationPrice);
        Assert.Equal(0.5m, s.HedgeQuantity);
    }

    [Fact]
    public void WorkedExample_HigherLeverage_LiquidatesCloser()
    {
        var c = Contract.BinanceBtcUsdt;
        var l2 = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 2m, c).LiquidationPrice!.Value;
        var s10 = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 10m, c);
        var l10 = s10.LiquidationPrice!.Value;
        Assert.True(l10 < l2);
        var r = s10.AtPrice(l10 + 1m);
        Assert.True(r.Liquidated);
        Assert.Equal(-2_500m, r.FuturesPnl);
    }

    [Fact]
    public void Create_RoundsTheHedgeDownToTheLot_AndReportsIt()
    {
        // 1 BTC hedged 0.33333 on BTCUSDT (lot 0.001): 0.33333 asked, 0.333 held.
        var s = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.33333m, 5m, Contract.BinanceBtcUsdt);
        Assert.Equal(0.333m, s.HedgeQuantity);
        Assert.Equal(-0.00033m, s.QuantityRoundingError);
    }
}

public class FromPlanTests
{
    [Fact]
    public void FromPlan_UsesThePostedIsolatedMargin()
    {
        // Issue 10: with IsolatedMargin = 3,000 the plan's hedge loses 3,000 when liquidated, not the 2,500 initial margin.
        var plan = HedgeMath.Hedging.HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m,
            new HedgeMath.Hedging.HedgePlanOptions { IsolatedMargin = 3_000m });
        var s = ScenarioSetup.FromPlan(plan);
        Assert.Equal(3_000m, s.InitialMargin);
        Assert.Equal(plan.LiquidationPrice, s.LiquidationPrice);
        var r = s.AtPrice(80_000m);
        Assert.True(r.Liquidated);
        Assert.Equal(-3_000m, r.FuturesPnl);
        Assert.Equal(plan.OutcomeAt(80_000m).FuturesPnl, r.FuturesPnl); // one engine, one answer
    }

    [Fact]
    public void FromPlan_WorkedExample_TakesThePlansNumbers()
    {
        // 1.0 BTC spot at 50,000, hedge 0.5 at 10x: hedged value 25,000, initial margin 2,500 (hedging issue's worked example).
        var plan = HedgeMath.Hedging.HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m)
            .WithStop(HedgeMath.Hedging.LegStop.AtPrice(53_000m));
        var s = ScenarioSetup.FromPlan(plan);
        Assert.Equal(0.5m, s.HedgeQuantity);
        Assert.Equal(2_500m, s.InitialMargin);
        Assert.Equal(plan.LiquidationPrice, s.LiquidationPrice);
        Assert.Equal(53_000m, s.StopPrice);
        Assert.Equal(Contract.BinanceBtcUsdt.TakerFeeRate, s.FeeRate);
        var r = s.AtPrice(40_000m);
        Assert.Equal(-10_000m + 5_000m - r.Fees, r.NetPnl);
        Assert.True(s.AtPrice(60_000m).StoppedOut);
    }
}

public class FromPositionTests
{
    [Fact]
    public void FromPosition_ExtraIsolatedMargin_MovesLiquidationAndLoss()
    {
        // The worked example's short with 5,000 of isolated margin instead of the 2,500 initial margin.
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Isolated, isolatedMargin: 5_000m);
        var s = ScenarioSetup.FromPosition(1m, 45_000m, p);
        Assert.Equal(MarginCalc.LiquidationPrice(p), s.LiquidationPrice);
        Assert.True(s.LiquidationPrice > ScenarioSetup.Create(1m, 45_000m, 50_000m, 0.5m, 10m, Contract.BinanceBtcUsdt).LiquidationPrice);
        var r = s.AtPrice(70_000m);
        Assert.True(r.Liquidated);
        Assert.Equal(-5_000m, r.FuturesPnl);      // the whole isolated margin
        Assert.Equal(25_000m - 5_000m - 12.5m, r.NetPnlVsCost); // spot 1 · (70,000 − 45,000); open fee 25,000 × 0.0005
        var longPosition = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 0.5m, 50_000m, 10m);
        HedgeMath.Tests.Conventions.BadInput.Throws("hedge", () => ScenarioSetup.FromPosition(1m, 1m, longPosition));
    }
}
