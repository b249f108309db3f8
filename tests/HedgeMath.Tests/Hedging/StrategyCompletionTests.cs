using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

/// <summary>The strategies with the user's numbers: ladder close and correction, per-rung stops, warnings, tax view, bucket positions — hand calculations in the comments.</summary>
public class StrategyCompletionTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;
    private static readonly Contract Eth = Contract.BinanceEthUsdt;

    /// <summary>The worked scale-out ladder: 1 BTC bought at 40,000, 25 % at 60k, 15 % at 65k, 20 % at 70k, 5x.</summary>
    internal static ScaleOutLadder BtcLadder() => ScaleOutLadder.Create(SpotHolding.Create("BTC", 1.0m, 40_000m), Btc, 5m,
        [(60_000m, 0.25m), (65_000m, 0.15m), (70_000m, 0.20m)]);

    [Fact]
    public void ScaleOutCloseAt_BelowAndAboveAverageEntry()
    {
        var l = BtcLadder();
        // Average short entry = (0.25·60,000 + 0.15·65,000 + 0.20·70,000)/0.6 = 38,750/0.6 = 64,583.33.
        // Close at 62,000: PnL = 38,750 − 0.6·62,000 = 1,550. Open fees 0.05 %: 7.5 + 4.875 + 7 = 19.375; close fee 37,200·0.0005 = 18.6.
        var c = l.CloseAt(62_000m);
        Assert.Equal(1_550m, Math.Round(c.FuturesPnl, 10));
        Assert.Equal(19.375m, c.OpenFees);
        Assert.Equal(18.6m, c.CloseFee);
        Assert.Equal(1_512.025m, Math.Round(c.NetFuturesPnl, 10));
        Assert.Equal(22_000m, c.SpotPnlVsCost);                 // 1·(62,000 − 40,000)
        // The rally goes on to 75,000: the shorts lose 0.6·75,000 − 38,750 = 6,250 — "realizes gains as the price moves up" is wrong.
        Assert.Equal(-6_250m, Math.Round(l.CloseAt(75_000m).FuturesPnl, 10));
        BadInput.Rejects("price", p => l.CloseAt(p), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void ScaleOutAfterCorrection_OffsetsOnlyTheHedgedShare()
    {
        var l = BtcLadder();
        // Every figure is a change from the target (issue 22, item 1): shorts q·(target − price), spot 1·(price − target).
        // Rung A: 60,000 → 54,000: short 0.25·6,000 = 1,500; spot −6,000; net −4,500; offset 0.25.
        // Rung B: 65,000 → 58,500: short 0.40·6,500 = 2,600; spot −6,500; net −3,900; offset 0.40
        //         (the PnL since the 61,875 average entry, 0.4·3,375 = 1,350, would read 0.2077: it mixes bases).
        // Rung C: 70,000 → 63,000: short 0.60·7,000 = 4,200; spot −7,000; net −2,800; offset 0.60 (not −6,050 / 0.1357).
        Assert.Equal(
            [(54_000m, 1_500m, -6_000m, -4_500m, 0.25m), (58_500m, 2_600m, -6_500m, -3_900m, 0.40m), (63_000m, 4_200m, -7_000m, -2_800m, 0.60m)],
            l.Rungs.Select(r => l.AfterCorrection(r.Index, 0.10m)).Select(c => (c.SpotPrice, Math.Round(c.FuturesPnl, 10), c.SpotPnlVsDecision, Math.Round(c.NetVsDecisionBeforeFees, 10), Math.Round(c.ShareOffset, 10))));
        Assert.All(l.Rungs, r => Assert.Equal(r.CumulativeHedgeRatio, Math.Round(l.AfterCorrection(r.Index, 0.10m).ShareOffset, 10)));
        BadInput.Rejects("targetIndex", i => l.AfterCorrection(i, 0.1m), -1, 3);
        BadInput.Rejects("correction", x => l.AfterCorrection(0, x), 0m, 1m, -0.1m);
    }

    [Fact]
    public void ScaleOutAfterCorrection_StrategiesLadder_EveryRungFromItsTarget()
    {
        // docs/strategies.md §4: 1 BTC, 25 % at 30,000, 15 % at 40,000, 20 % at 50,000, 2x; a 10 % correction from each target.
        var l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 16_616.75m), Btc, 2m,
            [(30_000m, 0.25m), (40_000m, 0.15m), (50_000m, 0.20m)]);
        // 30,000 → 27,000: 0.25·3,000 = 750, spot −3,000, net −2,250; 40,000 → 36,000: 0.4·4,000 = 1,600, −4,000, −2,400;
        // 50,000 → 45,000: 0.6·5,000 = 3,000, −5,000, −2,000.
        Assert.Equal([(750m, -3_000m, -2_250m, 0.25m), (1_600m, -4_000m, -2_400m, 0.40m), (3_000m, -5_000m, -2_000m, 0.60m)],
            l.Rungs.Select(r => l.AfterCorrection(r.Index, 0.10m)).Select(c => (Math.Round(c.FuturesPnl, 10), c.SpotPnlVsDecision, Math.Round(c.NetVsDecisionBeforeFees, 10), Math.Round(c.ShareOffset, 10))));
    }

    [Fact]
    public void ScaleOutAfterCorrection_Inverse_CoinChangeValuedAtTheCorrectedPrice()
    {
        // COIN-M BTCUSD (100 USD a contract): 25 % of 1 BTC at 60,000 = 0.25·60,000/100 = 150 contracts; 15 % at 65,000 =
        // 97.5 → 97 contracts (lot 1): 247 in all. A 10 % fall from 65,000 to 58,500: the shorts gain
        // 247·100·(1/58,500 − 1/65,000) BTC, × 58,500 = (24,700 / 65,000)·6,500 = 2,470 USD; offset 2,470 / 6,500 = 0.38.
        var l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), Contract.BinanceCoinMBtcUsd, 5m,
            [(60_000m, 0.25m), (65_000m, 0.15m)]);
        var a = l.AfterCorrection(0, 0.10m);
        Assert.Equal((1_500m, 0.25m), (Math.Round(a.FuturesPnl, 10), Math.Round(a.ShareOffset, 10)));   // (15,000 / 60,000)·6,000
        var b = l.AfterCorrection(1, 0.10m);
        Assert.Equal((2_470m, -6_500m, 0.38m), (Math.Round(b.FuturesPnl, 10), b.SpotPnlVsDecision, Math.Round(b.ShareOffset, 10)));
    }

    [Fact]
    public void ScaleIn_Pyramiding_PerRungStops()
    {
        // Long ETH 3x: 0.5 at 3,000 (stop 2,850), 1.0 at 3,150 (stop 3,000), the rest of 2.0 at 3,300 (stop 3,150).
        var l = ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.5m, 2_850m), (3_150m, 1m, 3_000m), (3_300m, null, 3_150m)], 2m);
        Assert.True(l.IsPyramiding);
        // Rung 0: 0.5·(3,000 − 2,850) = 75. Rung 1: avg (1,500 + 3,150)/1.5 = 3,100; 1.5·(3,100 − 3,000) = 150.
        // Rung 2: avg (4,650 + 1,650)/2 = 3,150; stop at 3,150 loses 0 (the stop locks break-even).
        Assert.Equal([75m, 150m, 0m], l.Rungs.Select(r => Math.Round(r.LossAtStop!.Value, 10)));
        Assert.Equal(3_150m, l.Rungs[2].AverageEntry);
        Assert.All(l.Rungs, r => Assert.False(r.StopBeyondLiquidation));
        // At 20x the first rung's liquidation ≈ 3,000·(1 − 1/20)/(1 − 0.004)... ≈ 2,861 is above the 2,850 stop.
        var hot = ScaleInLadder.Futures(Eth, 20m, [(3_000m, 0.5m, 2_850m)]);
        Assert.True(hot.Rungs[0].StopBeyondLiquidation);
        Assert.False(ScaleInLadder.Spot("ETH", [(3_000m, 1m, null), (2_800m, 1m, null)]).IsPyramiding);
        // Spot with a stop: 1 at 100 (stop 90) → loses 10.
        Assert.Equal(10m, ScaleInLadder.Spot("X", [(100m, 1m, 90m)]).Rungs[0].LossAtStop);
        BadInput.Rejects("entries", s => ScaleInLadder.Spot("X", [(100m, 1m, s)]), 100m, 101m, 0m, -1m);
    }

    [Fact]
    public void FullHedgeAtOnce_FundingClause_UsesTheSignThePlanComputes()
    {
        // 1 ETH hedged 1.0 at 3,000: funding per day = 3,000 × rate × 3. At +0.01 %/8 h the short receives +0.90 a day, so the
        // warning must not say it pays funding; at −0.01 %/8 h it pays 0.90 a day, and the warning says so.
        var receives = HedgePlan.Create(SpotHolding.Create("ETH", 1m, 3_000m), 1m, Eth, 3m, 3_000m, new HedgePlanOptions { FundingRatePerInterval = 0.0001m });
        Assert.Equal(0.9m, receives.FundingPerDay);
        var w = Assert.Single(receives.Warnings, x => x.Code == HedgeWarningCode.FullHedgeAtOnce);
        Assert.DoesNotContain("pays funding", w.Message);
        Assert.Contains("receives funding", w.Message);
        var pays = HedgePlan.Create(SpotHolding.Create("ETH", 1m, 3_000m), 1m, Eth, 3m, 3_000m, new HedgePlanOptions { FundingRatePerInterval = -0.0001m });
        Assert.Equal(-0.9m, pays.FundingPerDay);
        Assert.Contains("pays funding from day one", Assert.Single(pays.Warnings, x => x.Code == HedgeWarningCode.FullHedgeAtOnce).Message);
    }

    [Fact]
    public void FullHedgeAtOnce_RaisedAtRatio1_NotBelow()
    {
        var full = HedgePlan.Create(SpotHolding.Create("ETH", 1m, 3_000m), 1m, Eth, 3m, 3_000m);
        var w = Assert.Single(full.Warnings, x => x.Code == HedgeWarningCode.FullHedgeAtOnce);
        Assert.Contains(w.Figures, f => f.Key == "suggested first stage" && f.Value == 0.5m);
        Assert.DoesNotContain(HedgePlan.Create(SpotHolding.Create("ETH", 1m, 3_000m), 0.5m, Eth, 3m, 3_000m).Warnings, x => x.Code == HedgeWarningCode.FullHedgeAtOnce);
        Assert.Throws<ArgumentOutOfRangeException>(() => HedgePlan.Create(SpotHolding.Create("ETH", 1m, 3_000m), 0.5m, Eth, 3m, 3_000m, new HedgePlanOptions { FullHedgeThreshold = 0m }));
    }

    [Fact]
    public void LeverageRaisedAfterLoss_FlagsRevengeTrading()
    {
        var h = SpotHolding.Create("BTC", 1m, 50_000m);
        var lost = new HedgePlanOptions { PreviousHedge = (3m, -500m, null, null) };
        var w = Assert.Single(HedgePlan.Create(h, 0.5m, Btc, 5m, 50_000m, lost).Warnings, x => x.Code == HedgeWarningCode.LeverageRaisedAfterLoss);
        Assert.Contains(w.Figures, f => f.Key == "leverage increase" && f.Value == 2m);
        // Same leverage after a loss, or higher after a gain: no warning.
        Assert.DoesNotContain(HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, lost).Warnings, x => x.Code == HedgeWarningCode.LeverageRaisedAfterLoss);
        Assert.DoesNotContain(HedgePlan.Create(h, 0.5m, Btc, 5m, 50_000m, new HedgePlanOptions { PreviousHedge = (3m, 500m, null, null) }).Warnings,
            x => x.Code == HedgeWarningCode.LeverageRaisedAfterLoss);
        Assert.Contains(LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, Eth, 5m, 3_000m, lost).Warnings,
            x => x.Code == HedgeWarningCode.LeverageRaisedAfterLoss);
        // The previous trade's figures are checked with the options (named by the property, as every option is).
        BadInput.Rejects("options", l => HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, new HedgePlanOptions { PreviousHedge = (l, -1m, null, null) }), 0.5m, 0m, -1m);
        Assert.Contains("PreviousHedge.Leverage", BadInput.Throws("options", () => LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, Eth, 5m, 3_000m,
            new HedgePlanOptions { PreviousHedge = (0.5m, -1m, null, null) })).Message);
    }

    [Fact]
    public void SizeRaisedOrStopWidenedAfterLoss_FlagsRevengeTrading()
    {
        // Issue 28 item 6: after a loss, more size or a farther (or no) stop is revenge trading too.
        var h = SpotHolding.Create("BTC", 1m, 50_000m);
        // The previous short: 0.4 BTC at 3x, a stop 5 % above its entry, lost 500.
        var lost = new HedgePlanOptions { PreviousHedge = (3m, -500m, 0.4m, 0.05m) };
        static HedgeWarning[] Revenge(HedgePlan p) => [.. p.Warnings.Where(w => w.Code is HedgeWarningCode.SizeRaisedAfterLoss or HedgeWarningCode.StopWidenedAfterLoss or HedgeWarningCode.LeverageRaisedAfterLoss)];

        // 0.5 × 1 BTC = 0.5 BTC short at the same 3x, stop at 55,000 = 10 % above 50,000: size +0.1, stop 5 % → 10 %.
        var wider = HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, lost).WithStop(LegStop.AtPrice(55_000m));
        var w = Revenge(wider);
        Assert.Equal([HedgeWarningCode.SizeRaisedAfterLoss, HedgeWarningCode.StopWidenedAfterLoss], w.Select(x => x.Code));
        Assert.Contains(w[0].Figures, f => f.Key == "size increase (base asset)" && f.Value == 0.1m);
        Assert.Contains(w[1].Figures, f => f.Key == "stop distance" && f.Value == 0.1m);
        Assert.Contains("5% to 10%", w[1].Message);

        // No stop at all after a stopped loss: flagged as a removed stop (no "stop distance" figure).
        var none = Assert.Single(Revenge(HedgePlan.Create(h, 0.4m, Btc, 3m, 50_000m, lost)));
        Assert.Equal(HedgeWarningCode.StopWidenedAfterLoss, none.Code);
        Assert.DoesNotContain(none.Figures, f => f.Key == "stop distance");
        Assert.Contains("no stop", none.Message);

        // Same size (0.4 BTC), a closer stop (52,000 = 4 %): nothing. After a gain: nothing. Not given: not checked.
        Assert.Empty(Revenge(HedgePlan.Create(h, 0.4m, Btc, 3m, 50_000m, lost).WithStop(LegStop.AtPrice(52_000m))));
        var won = new HedgePlanOptions { PreviousHedge = (3m, 500m, 0.1m, 0.01m) };
        Assert.Empty(Revenge(HedgePlan.Create(h, 0.5m, Btc, 5m, 50_000m, won)));
        Assert.Empty(Revenge(HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, new HedgePlanOptions { PreviousHedge = (3m, -500m, null, null) })));

        // Inverse: 0.5 × 1 BTC × 50,000 = 25,000 USD = 250 contracts of 100 USD = 250 × 100 / 50,000 = 0.5 BTC > 0.4.
        var inverse = HedgePlan.Create(h, 0.5m, Contract.BinanceCoinMBtcUsd, 3m, 50_000m, lost).WithStop(LegStop.AtPrice(52_000m));
        var size = Assert.Single(Revenge(inverse));
        Assert.Contains(size.Figures, f => f.Key == "size (base asset)" && f.Value == 0.5m);

        // The buy-back long (no stop): 10 ETH held, exposure 12 → a 2 ETH long; after a losing 1.5 ETH trade with a stop.
        var eth = new HedgePlanOptions { PreviousHedge = (5m, -100m, 1.5m, 0.05m) };
        var codes = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, Eth, 5m, 3_000m, eth).Warnings.Select(x => x.Code).ToArray();
        Assert.Contains(HedgeWarningCode.SizeRaisedAfterLoss, codes);
        Assert.Contains(HedgeWarningCode.StopWidenedAfterLoss, codes);
        Assert.DoesNotContain(HedgeWarningCode.LeverageRaisedAfterLoss, codes);

        BadInput.Rejects("options", q => HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, new HedgePlanOptions { PreviousHedge = (3m, -1m, q, null) }), 0m, -1m);
        BadInput.Rejects("options", d => HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, new HedgePlanOptions { PreviousHedge = (3m, -1m, null, d) }), 0m, -0.05m);
        Assert.Contains("PreviousHedge.BaseQuantity", BadInput.Throws("options", () => HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, new HedgePlanOptions { PreviousHedge = (3m, -1m, 0m, null) })).Message);
        Assert.Contains("PreviousHedge.StopDistance", BadInput.Throws("options", () => HedgePlan.Create(h, 0.5m, Btc, 3m, 50_000m, new HedgePlanOptions { PreviousHedge = (3m, -1m, null, 0m) })).Message);
    }

    [Fact]
    public void DeRisk_TwentyPercentOfHoldingsGives64NotSixty()
    {
        // 80,000 crypto + 20,000 cash: shorting 20 % of the holding removes 16,000: 64,000/100,000 = 64 %.
        var d = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Btc, 2m, 40_000m);
        Assert.Equal(0.64m, d.WeightIfFractionOfHolding);
        Assert.Equal(0.25m, d.Hedge.HedgeRatio); // 20,000 / 80,000: a quarter of the holding reaches 60 %
    }

    [Fact]
    public void Buyback_ProfitBuys0_18EthNotTwo()
    {
        // Long 2 ETH at 3,000, recovery to 3,300: 2·300 = 600; fees 3,000·2·0.05 % + 3,300·2·0.05 % = 3 + 3.3.
        var p = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 3_000m), 12m, Eth, 3m, 3_000m);
        var o = p.OutcomeAt(3_300m);
        Assert.Equal(600m, o.FuturesPnl);
        Assert.Equal(6.3m, o.Fees);
        Assert.Equal(593.7m / 3_300m, o.CoinsBuyableWithProfit);   // 0.1799…
        Assert.Equal(0.18m, Math.Round(o.CoinsBuyableWithProfit, 2));
        Assert.Equal(0m, p.OutcomeAt(2_700m).CoinsBuyableWithProfit);
    }

    [Fact]
    public void HedgeVersusSale_DeRisk_FifoAndHifo()
    {
        // Hedge 0.5 BTC at 40,000 (2x). Lots: a 1 @ 20,000 (2021-01-05), b 1 @ 40,000 (2024-03-01).
        var d = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Btc, 2m, 40_000m);
        var lots = TaxLots.Create("BTC", [new TaxLot("b", 1m, 40_000m, new DateOnly(2024, 3, 1)), new TaxLot("a", 1m, 20_000m, new DateOnly(2021, 1, 5))]);
        Assert.Equal("a", lots.Lots[0].Id);                     // FIFO order by date
        var fifo = HedgeVersusSale.For(d.Hedge, lots, LotMethod.Fifo, 0.25m);
        // FIFO sells 0.5 of a: proceeds 20,000, fee 20 (0.1 %), cost 10,000 → gain 9,980; tax 25 % = 2,495.
        Assert.Equal(9_980m, fifo.Sale.RealizedGain);
        Assert.Equal(2_495m, fifo.Tax);
        // Hedge: fees 10 + 10; funding 20,000·0.0001·3·30 = 180 received; cash cost −160; margin 10,000.
        Assert.Equal((20m, 180m, -160m, 10_000m), (fifo.HedgeFees, fifo.HedgeFunding, fifo.HedgeCost, fifo.MarginAtRisk));
        // The funding received is taxed too (issue 22 item 14): 25 % of 180 = 45, so the cost after tax is −160 + 45 = −115
        // and tax − cost = 2,495 + 115 = 2,610 (was 2,655).
        Assert.Equal(-115m, fifo.HedgeCostAfterTax);
        Assert.Equal(2_610m, fifo.TaxMinusHedgeCost);
        // HIFO sells 0.5 of b at cost: gain −20 (the fee), no tax.
        var hifo = HedgeVersusSale.For(d.Hedge, lots, LotMethod.Hifo, 0.25m);
        Assert.Equal((-20m, 0m), (hifo.Sale.RealizedGain, hifo.Tax));
        BadInput.Rejects("taxRate", r => HedgeVersusSale.For(d.Hedge, lots, LotMethod.Fifo, r), -0.1m, 1.1m);
        BadInput.Throws("lots", () => HedgeVersusSale.For(d.Hedge, TaxLots.Create("ETH", [new TaxLot("x", 5m, 1m)]), LotMethod.Fifo, 0.2m));
    }

    [Fact]
    public void RebalanceHedgePositions_RealPositionsPerBucket()
    {
        // 50/30/20 against 60/20/20 of 100,000: long 10,000 of core, short 10,000 of satellite, both BTCUSDT at 100,000, 2x.
        (string Name, decimal Weight, bool IsCash)[] targets = [("core", 0.6m, false), ("satellite", 0.2m, false), ("buffer", 0.2m, true)];
        var a = PortfolioAllocation.Analyze(targets, [("BTC", "core", 0.5m, 100_000m), ("SOL", "satellite", 200m, 150m), ("USDT", "buffer", 20_000m, 1m)]);
        var pos = a.HedgePositions([("core", Btc, 100_000m), ("satellite", Btc, 100_000m)], 2m);
        Assert.Equal(2, pos.Length);
        var core = pos[0]; var sat = pos[1];
        Assert.Equal((Side.Long, 0.1m, 10_000m, 5_000m, 40m), (core.Side, core.Quantity, core.Notional, core.InitialMargin, core.MaintenanceMargin));
        // Binance isolated, tier 1 (0.4 %, cum 0): long LP = (5,000 − 10,000)/(0.1·0.004 − 0.1) = 50,200.80; short (5,000 + 10,000)/(0.1·0.004 + 0.1) = 149,402.39.
        Assert.Equal(50_200.80m, Math.Round(core.LiquidationPrice!.Value, 2));
        Assert.Equal(149_402.39m, Math.Round(sat.LiquidationPrice!.Value, 2));
        // Funding 10,000·0.0001·3 = 3 a day: the long pays, the short receives.
        Assert.Equal((-3m, 3m), (core.FundingPerDay, sat.FundingPerDay));
        Assert.Equal(5m, sat.OpenFee);
        BadInput.Throws("instruments", () => a.HedgePositions([("core", Btc, 100_000m)], 2m));
        BadInput.Throws("instruments", () => a.HedgePositions([("buffer", Btc, 100_000m)], 2m));
        // An instrument's own values: a bucket name, a contract, a positive futures price.
        BadInput.Throws("instruments", () => a.HedgePositions([("", Btc, 100_000m), ("satellite", Btc, 100_000m)], 2m));
        BadInput.Throws("instruments", () => a.HedgePositions([("core", null!, 100_000m), ("satellite", Btc, 100_000m)], 2m));
        BadInput.Rejects("instruments", p => a.HedgePositions([("core", Btc, p), ("satellite", Btc, 100_000m)], 2m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("leverage", l => a.HedgePositions([("core", Btc, 100_000m), ("satellite", Btc, 100_000m)], l), 0.5m, 500m);
        // The satellite's sale avoided: 10,000/150 = 66.67 SOL from lots a 100 @ 50 (FIFO): gain 10,000 − 10 − 3,333.33 = 6,656.67.
        var v = a.SaleAvoided(sat, TaxLots.Create("SOL", [new TaxLot("a", 100m, 50m), new TaxLot("b", 100m, 200m)]), 150m, LotMethod.Fifo, 0.3m, 30);
        Assert.Equal(6_656.67m, Math.Round(v.Sale.RealizedGain, 2));
        Assert.Equal(1_997m, Math.Round(v.Tax, 2));
        Assert.Equal((10m, 90m), (v.HedgeFees, v.HedgeFunding)); // 5 + 5; 3·30
        BadInput.Throws("hedge", () => a.SaleAvoided(core, TaxLots.Create("BTC", [new TaxLot("x", 1m, 1m)]), 100_000m, LotMethod.Fifo, 0.3m, 30));
    }
}
