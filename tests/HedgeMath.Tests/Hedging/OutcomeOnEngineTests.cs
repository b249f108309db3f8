using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Hedging;

public class OutcomeOnEngineTests
{
    private static Contract Btc => Contract.BinanceBtcUsdt;
    private static HedgePlan HalfAt10x() => HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Btc, 10m, 50_000m);

    [Fact]
    public void OutcomeAt_BeyondLiquidation_LosesOnlyTheIsolatedMargin()
    {
        // Issue 10's example. 1 BTC at 50,000 hedged 0.5 at 10x on BTCUSDT:
        //   margin = 0.5 × 50,000 / 10 = 2,500 USDT;
        //   Binance isolated short, tier 1 (MMR 0.4 %, cum 0): LP = (2,500 + 0.5 × 50,000) / (0.5 × 0.004 + 0.5) = 27,500 / 0.502 = 54,780.88.
        // At 60,000 the straight path from 50,000 crosses 54,780.88: the position is liquidated and loses its 2,500
        // (the unstopped loss 0.5 × (50,000 − 60,000) = −5,000 cannot happen on an isolated position).
        // Fees: the open fee only, 25,000 × 0.0005 = 12.5 (no close fee: the exchange closes it).
        var plan = HalfAt10x();
        Assert.Equal(54_780.88m, Math.Round(plan.LiquidationPrice!.Value, 2));
        var o = plan.OutcomeAt(60_000m);
        Assert.Equal(HedgeExit.Liquidated, o.Exit);
        Assert.Equal(plan.LiquidationPrice, o.ExitPrice);
        Assert.Equal(-2_500m, o.FuturesPnl);
        Assert.Equal(12.5m, o.Fees);
        Assert.Equal(10_000m, o.SpotPnlVsDecision);                 // 1 × (60,000 − 50,000)
        Assert.Equal(10_000m - 2_500m - 12.5m, o.NetVsDecision);
    }

    [Fact]
    public void OutcomeAt_PostedMarginIsWhatIsLost()
    {
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Btc, 10m, 50_000m, new HedgePlanOptions { IsolatedMargin = 3_000m });
        Assert.Equal(-3_000m, plan.OutcomeAt(80_000m).FuturesPnl);
    }

    [Fact]
    public void OutcomeAt_ThroughStop_ClosesAtStop_AndSpotRunsUnhedged()
    {
        // Stop 53,000 (below liquidation 54,780.88): hedge loses 0.5 × (50,000 − 53,000) = −1,500; fees 12.5 + 0.5 × 53,000 × 0.0005 = 12.5 + 13.25.
        var plan = HalfAt10x().WithStop(LegStop.AtPrice(53_000m));
        var o = plan.OutcomeAt(60_000m);
        Assert.Equal(HedgeExit.Stopped, o.Exit);
        Assert.Equal(53_000m, o.ExitPrice);
        Assert.Equal(-1_500m, o.FuturesPnl);
        Assert.Equal(25.75m, o.Fees);
    }

    [Fact]
    public void OutcomeAt_FundingIsInOnlyWhenAsked()
    {
        // 30 days at 0.0001 per 8 h, price flat at 50,000: 90 prints × 0.5 × 50,000 × 0.0001 = 225 USDT received by the short.
        var plan = HalfAt10x();
        Assert.Equal(0m, plan.OutcomeAt(50_000m).Funding);
        var o = plan.OutcomeAt(50_000m, funding: FundingTerms.Constant(0.0001m, 30m));
        Assert.Equal(225m, o.Funding);
        Assert.Equal(o.NetVsDecisionBeforeFees - o.Fees + 225m, o.NetVsDecision);
    }

    [Fact]
    public void DeRisk_HugeRise_NeverSellsBelowZero()
    {
        var p = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.6m, Btc, 10m, 40_000m);
        var e = p.IfPriceRises(400_000m);
        Assert.Equal(HedgeExit.Liquidated, e.HedgeExit);
        Assert.Equal(-p.Hedge.InitialMargin, e.HedgePnl);
        Assert.True(e.EffectiveSalePrice > 0m);
    }

    [Fact]
    public void LeveragedExposure_Crash_LosesOnlyTheMargin()
    {
        var p = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 2_000m), 12m, Contract.BinanceEthUsdt, 10m, 3_000m);
        var o = p.OutcomeAt(1_000m);
        Assert.Equal(HedgeExit.Liquidated, o.Exit);
        Assert.Equal(-p.InitialMargin, o.FuturesPnl);   // 2 × 3,000 / 10 = 600, not 2 × (1,000 − 3,000) = −4,000
    }

    [Fact]
    public void Inverse_OutcomeAt_ReportsCoinAndUsd()
    {
        // 1 BTC at 50,000 hedged 0.5 with COIN-M at 5x: 250 contracts; at 45,000 the short gains 25,000·(1/45,000 − 1/50,000)
        // = 0.0555… BTC, worth 0.0555… × 45,000 = 2,500 USD.
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceCoinMBtcUsd, 5m, 50_000m);
        var o = plan.OutcomeAt(45_000m);
        Assert.Equal("BTC", o.SettlementAsset);
        Assert.Equal(0.05555556m, Math.Round(o.FuturesPnlInSettlement, 8));
        Assert.Equal(2_500m, Math.Round(o.FuturesPnl, 6));
    }
}
