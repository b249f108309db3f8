using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

public class HedgePlanTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;
    private static readonly Contract Eth = Contract.BinanceEthUsdt;

    private static HedgePlan BtcHalfAt10x() => HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Btc, 10m, 50_000m);

    [Fact]
    public void Create_OneBtcHalfHedgeAt10x_WorkedExample()
    {
        var p = BtcHalfAt10x();
        // Issue worked example: 1.0 BTC at 50,000, hedge 0.5 at 10x → hedged value 25,000, notional 25,000, IM 2,500.
        Assert.Equal(Side.Short, p.Side);
        Assert.Equal(0.5m, p.Quantity);
        Assert.Equal(0m, p.QuantityRoundingError);
        Assert.Equal(25_000m, p.HedgedValue);
        Assert.Equal(25_000m, p.Notional);
        Assert.Equal(2_500m, p.InitialMargin);
        // Binance BTCUSDT tier 1 (0–50,000 notional): MMR 0.4 %, cum 0 → MM = 25,000 × 0.004 = 100.
        Assert.Equal(100m, p.MaintenanceMargin);
        // Binance isolated short (R1 formula, side −1): LP = (WB + cum + q·EP)/(q·MMR + q) = (2,500 + 25,000)/(0.5 × 1.004) = 54,780.88.
        Assert.Equal(54_780.88m, Math.Round(p.LiquidationPrice!.Value, 2));
        Assert.Equal(LiquidationRule.BinanceUsdM, p.Rule);
        // Taker 0.05 % × 25,000 = 12.5 to open and 12.5 to close at entry.
        Assert.Equal(12.5m, p.OpenFee);
        Assert.Equal(25m, p.RoundTripFees);
        // Funding 0.01 % per 8 h: the short receives 25,000 × 0.0001 = 2.5 per event, 7.5 per day, 225 per 30 days.
        Assert.Equal(7.5m, p.FundingPerDay);
        Assert.Equal(225m, p.FundingPer30Days);
        // Protection on a 10 % fall: 0.5 × 5,000 = 2,500.
        Assert.Equal(2_500m, p.ProtectionAtMove);
    }

    [Fact]
    public void Warnings_10xWithoutStop_LeverageAboveCapAndNoStop()
    {
        var p = BtcHalfAt10x();
        Assert.Equal([HedgeWarningCode.LeverageAboveCap, HedgeWarningCode.NoStop], p.Warnings.Select(w => w.Code));
        var lev = p.Warnings[0];
        Assert.Contains(lev.Figures, f => f.Key == "leverage" && f.Value == 10m);
        Assert.Contains(lev.Figures, f => f.Key == "cap" && f.Value == 5m);
        // A raised cap removes the leverage warning.
        var relaxed = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Btc, 10m, 50_000m, new HedgePlanOptions { LeverageCap = 10m });
        Assert.DoesNotContain(relaxed.Warnings, w => w.Code == HedgeWarningCode.LeverageAboveCap);
    }

    [Fact]
    public void WithStop_StopAboveLiquidation_StopBeyondLiquidation()
    {
        // Liquidation 54,780.88 comes before a stop at 56,000.
        var p = BtcHalfAt10x().WithStop(LegStop.AtPrice(56_000m));
        var w = Assert.Single(p.Warnings, x => x.Code == HedgeWarningCode.StopBeyondLiquidation);
        Assert.Contains(w.Figures, f => f.Key == "stop price" && f.Value == 56_000m);
        Assert.DoesNotContain(p.Warnings, x => x.Code == HedgeWarningCode.NoStop);
        // Loss at the stop: 0.5 × (56,000 − 50,000) = 3,000.
        Assert.Equal(3_000m, p.LossAtStop);
    }

    [Fact]
    public void WithStop_LiquidationWithinBuffer_LiquidationNearStop()
    {
        // Stop 53,000, buffer 5 % → liquidation must be ≥ 55,650; it is 54,780.88.
        var p = BtcHalfAt10x().WithStop(LegStop.AtPrice(53_000m));
        var w = Assert.Single(p.Warnings, x => x.Code == HedgeWarningCode.LiquidationNearStop);
        Assert.DoesNotContain(p.Warnings, x => x.Code == HedgeWarningCode.StopBeyondLiquidation);
        // The fix: liquidation at ≥ 55,650 needs margin M with (M + 25,000)/0.502 ≥ 55,650 → M ≥ 2,936.30 (MM at 55,650 is
        // 0.5 × 55,650 × 0.4 % = 111.30; loss 2,825) → leverage ≤ 25,000/2,936.30 = 8.51 → 8x (margin 3,125).
        Assert.Contains(w.Figures, f => f.Key == "max leverage for stop" && f.Value == 8m);
        Assert.Contains(w.Figures, f => f.Key == "margin at max leverage" && f.Value == 3_125m);
    }

    [Fact]
    public void WithStop_5xWithStopAt55000_NoWarnings()
    {
        // 5x: IM 5,000, LP = (5,000 + 25,000)/0.502 = 59,760.96 ≥ 55,000 × 1.05 = 57,750.
        var p = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Btc, 5m, 50_000m).WithStop(LegStop.AtPrice(55_000m));
        Assert.Equal(59_760.96m, Math.Round(p.LiquidationPrice!.Value, 2));
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void WithStop_MaxHedgeCost_TurnsIntoPrice()
    {
        // Max loss 1,000 on a 0.5 BTC short from 50,000 → stop at 50,000 + 1,000/0.5 = 52,000.
        var p = BtcHalfAt10x().WithStop(LegStop.MaxHedgeCost(1_000m));
        Assert.Equal(52_000m, p.StopPrice);
        Assert.True(p.IsStopTriggered(52_000m));
        Assert.False(p.IsStopTriggered(51_999.9m));
    }

    [Fact]
    public void WithStop_OneStopType_DistanceIsAPrice_AtrAndLegMaxCostRejected()
    {
        // One stop type for a one-off plan and a plan leg (issue 28): 10 % above the 50,000 entry is 55,000, the same plan
        // as a price stop at 55,000; the engine book watches its trigger (last here).
        var byDistance = BtcHalfAt10x().WithStop(LegStop.AtDistance(0.10m, TriggerPrice.Last));
        Assert.Equal(55_000m, byDistance.StopPrice);
        Assert.Equal(BtcHalfAt10x().WithStop(LegStop.AtPrice(55_000m)).LossAtStop, byDistance.LossAtStop); // 0.5 × 5,000 = 2,500
        Assert.Equal(2_500m, byDistance.LossAtStop);
        Assert.Equal("stop at a hedge loss of 1000", LegStop.MaxHedgeCost(1_000m).ToString());
        // An ATR stop needs candles; a maximum hedge cost depends on a one-off plan's size: neither fits the other.
        BadInput.Throws("stop", () => BtcHalfAt10x().WithStop(LegStop.AtAtrMultiple(2m)));
        BadInput.Throws("stop", () => new PlanLeg(Btc, 0.5m, 2m, stop: LegStop.MaxHedgeCost(1_000m)));
        BadInput.Throws("stop", () => RuleAction.MoveStop(LegStop.MaxHedgeCost(1_000m)));
        BadInput.Rejects("amount", a => LegStop.MaxHedgeCost(a), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void WithStop_WrongSide_RejectsStop()
    {
        BadInput.Rejects("stop", s => BtcHalfAt10x().WithStop(LegStop.AtPrice(s)), 50_000m, 49_000m, 1m);
    }

    [Fact]
    public void OverHedged_RatioAboveOne_Warned()
    {
        var p = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 1.2m, Btc, 3m, 50_000m);
        var w = Assert.Single(p.Warnings, x => x.Code == HedgeWarningCode.OverHedged);
        // Net short value 1.2 × 50,000 − 50,000 = 10,000.
        Assert.Contains(w.Figures, f => f.Value == 10_000m);
    }

    [Fact]
    public void FundingEatsProtection_NegativeRate_Warned()
    {
        // Rate −0.1 % per 8 h: the short pays 25,000 × 0.001 × 3 = 75 a day, 2,250 over 30 days = 90 % of the 2,500 protection (limit 25 %).
        var p = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Btc, 3m, 50_000m, new HedgePlanOptions { FundingRatePerInterval = -0.001m });
        Assert.Equal(-75m, p.FundingPerDay);
        var w = Assert.Single(p.Warnings, x => x.Code == HedgeWarningCode.FundingEatsProtection);
        Assert.Contains(w.Figures, f => f.Key == "funding cost over holding period" && f.Value == 2_250m);
        Assert.Contains(w.Figures, f => f.Key == "share" && f.Value == 0.9m);
    }

    [Fact]
    public void EthSellHalfHedgeHalf_BothViews_WorkedExample()
    {
        // Issue worked example: 2.0 ETH bought at 2,000; price 3,000; sell 1.0 spot and short 1.0 ETH at 5x; price falls to 2,500.
        var plan = SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2.0m, 2_000m), 1.0m, 1.0m, Eth, 5m, 3_000m);
        Assert.Equal(1_000m, plan.RealizedOnSale);               // 1.0 × (3,000 − 2,000)
        Assert.Equal(1.0m, plan.Hedge.Quantity);
        Assert.Equal(600m, plan.Hedge.InitialMargin);            // 3,000 / 5
        var o = plan.OutcomeAt(2_500m);
        Assert.Equal(500m, o.SpotPnlVsCost);               // 1.0 × (2,500 − 2,000)
        Assert.Equal(500m, o.FuturesPnl);                  // 1.0 × (3,000 − 2,500)
        Assert.Equal(1_000m, o.NetVsCostBeforeFees);       // +500 + 500
        Assert.Equal(-500m, o.SpotPnlVsDecision);          // 1.0 × (2,500 − 3,000)
        Assert.Equal(0m, o.NetVsDecisionBeforeFees);       // −500 + 500
        Assert.Equal(2_000m, o.TotalVsCostBeforeFees);           // 1,000 realized + 1,000
        Assert.Equal(1_000m, o.RealizedOnSale);                 // one outcome type: the sale's profit is in it
        Assert.Equal(0m, plan.Hedge.OutcomeAt(2_500m).RealizedOnSale); // a plain hedge realized nothing
        Assert.Equal(plan.Hedge.OutcomeAt(2_500m).NetVsCost, plan.Hedge.OutcomeAt(2_500m).TotalVsCost);
        // Fees: 0.05 % × 3,000 open + 0.05 % × 2,500 close = 1.5 + 1.25.
        Assert.Equal(2.75m, o.Fees);
        Assert.Equal(-2.75m, o.NetVsDecision);
    }

    [Fact]
    public void CrossHedge_SolWithBtcFromData_SizesAndWarnsBasisRisk()
    {
        var a = AlignedCloses.Create(TestData.Candles("solusdt_spot_daily.csv"), TestData.Candles("btcusdt_spot_daily.csv"));
        var est = HedgeRatio.MinimumVariance(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns);
        var p = HedgePlan.CreateCrossHedge(SpotHolding.Create("SOL", 100m, 150m), est, Btc, 3m, 150m, 50_000m);
        // h* = 1.1691902608 (independent Python computation, see OutOfSampleHedgeTests) → ratio 1.169190 (6 dp).
        Assert.Equal(1.169190m, p.HedgeRatio);
        // Hedged value 15,000 × 1.169190 = 17,537.85 → 0.350757 BTC → 0.350 at lot 0.001; notional 17,500.
        Assert.Equal(17_537.85m, p.HedgedValue);
        Assert.Equal(0.350m, p.Quantity);
        Assert.Equal(17_500m, p.Notional);
        Assert.Equal(17_500m / 15_000m, p.EffectiveHedgeRatio);
        Assert.True(p.IsCrossHedge);
        var w = Assert.Single(p.Warnings, x => x.Code == HedgeWarningCode.CrossHedgeBasisRisk);
        Assert.Contains(w.Figures, f => f.Key == "correlation" && Math.Abs(f.Value - 0.5746201358m) < 1e-9m);
        Assert.DoesNotContain(p.Warnings, x => x.Code == HedgeWarningCode.OverHedged);
    }

    [Fact]
    public void FundingOver_RealBtcFunding_SumsPrints()
    {
        var events = TestData.Funding("btcusdt_funding_8h.csv");
        var p = BtcHalfAt10x();
        var from = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(30);
        var total = p.FundingOver(events, from, to);
        // Naive recomputation: short receives notional × rate for every print in [from, to).
        decimal expected = events.Where(e => e.Time >= from && e.Time < to).Sum(e => 25_000m * e.Rate);
        Assert.Equal(90, total.EventCount);
        Assert.Equal(expected, total.Amount);
    }

    [Fact]
    public void Create_InverseCoinM_SizesInUsdContractsAndMarginInBtc()
    {
        // COIN-M BTCUSD: 100 USD per contract. 1.0 BTC at 50,000 hedged 0.5 → 25,000 USD → 250 contracts.
        var p = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contract.BinanceCoinMBtcUsd, 10m, 50_000m);
        Assert.Equal(250m, p.Quantity);
        Assert.Equal(25_000m, p.NotionalInQuote);
        Assert.Equal(0.5m, p.Notional);           // 250 × 100 / 50,000 BTC
        Assert.Equal(0.05m, p.InitialMargin);     // 0.5 / 10 BTC
        Assert.Equal("BTC", p.SettlementAsset);
        Assert.Equal(LiquidationRule.BinanceCoinM, p.Rule);
        // Inverse short PnL in USD at exit X: 25,000 × (1 − X/50,000); at 45,000: 2,500 (exact up to decimal rounding).
        var o = p.OutcomeAt(45_000m);
        Assert.Equal(2_500m, Math.Round(o.FuturesPnl, 8));
        Assert.Equal(-5_000m, o.SpotPnlVsDecision);
    }

    [Fact]
    public void Create_FuturesAtPremium_HedgesRatioTimesUnits()
    {
        // Spot 50,000, perpetual 50,100 (basis +0.2 %): half of 1.0 BTC is 0.5 BTC of futures, notional 0.5 × 50,100 = 25,050.
        var p = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Btc, 5m, 50_000m, new HedgePlanOptions { FuturesPrice = 50_100m });
        Assert.Equal(0.5m, p.Quantity);
        Assert.Equal(25_050m, p.Notional);
        Assert.Equal(25_000m, p.HedgedValue);
        Assert.Equal(5_010m, p.InitialMargin);
        Assert.Equal(0.5m, p.EffectiveHedgeRatio);
        // At spot 45,000 / futures 45,050 the short gains 0.5 × 5,050 = 2,525 against a spot loss (vs decision) of 2,500.
        var o = p.OutcomeAt(45_000m, 45_050m);
        Assert.Equal(2_525m, o.FuturesPnl);
        Assert.Equal(-5_000m, o.SpotPnlVsDecision);
    }

    [Fact]
    public void Create_BadInput_Rejected()
    {
        var h = SpotHolding.Create("BTC", 1.0m, 50_000m);
        BadInput.Rejects("hedgeRatio", r => HedgePlan.Create(h, r, Btc, 5m, 50_000m), 0m, -0.5m, 10.01m);
        BadInput.Rejects("leverage", l => HedgePlan.Create(h, 0.5m, Btc, l, 50_000m), 0m, 0.5m, 126m);
        BadInput.Rejects("decisionPrice", p => HedgePlan.Create(h, 0.5m, Btc, 5m, p), BadInput.NonPositiveDecimals);
        BadInput.Throws("options", () => HedgePlan.Create(h, 0.5m, Btc, 5m, 50_000m, new HedgePlanOptions { LeverageCap = 0.5m }));
        BadInput.Throws("options", () => HedgePlan.Create(SpotHolding.Create("SOL", 10m, 150m), 0.5m, Btc, 5m, 150m));
        BadInput.Throws("hedgeRatio", () => HedgePlan.Create(SpotHolding.Create("BTC", 0.001m, 50_000m), 0.5m, Btc, 5m, 50_000m));
        var nan = new MinimumVarianceHedge(double.NaN, 0.5, 0.1, 0.1, 0.1, 10, HedgeRatioBasis.PricesToLogReturns);
        BadInput.Throws("estimate", () => HedgePlan.CreateCrossHedge(SpotHolding.Create("SOL", 10m, 150m), nan, Btc, 3m, 150m, 50_000m));
        var neg = nan with { HedgeRatio = -0.3 };
        BadInput.Throws("estimate", () => HedgePlan.CreateCrossHedge(SpotHolding.Create("SOL", 10m, 150m), neg, Btc, 3m, 150m, 50_000m));
        var diff = nan with { HedgeRatio = 0.8, Basis = HedgeRatioBasis.PricesToPriceChanges };
        BadInput.Throws("estimate", () => HedgePlan.CreateCrossHedge(SpotHolding.Create("SOL", 10m, 150m), diff, Btc, 3m, 150m, 50_000m));
    }
}
