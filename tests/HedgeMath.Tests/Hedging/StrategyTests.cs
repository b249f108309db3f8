using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

public class StrategyTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;
    private static readonly Contract Eth = Contract.BinanceEthUsdt;

    // 2 BTC at 40,000 = 80,000 crypto + 20,000 cash → 80 %; target 60 % → remove 20,000 → short 0.5 BTC (ratio 0.25) at 2x.
    private static DeRiskPlan EightyToSixty() =>
        DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Btc, 2m, 40_000m);

    [Fact]
    public void DeRisk_80To60_HedgesTwentyThousand()
    {
        var p = EightyToSixty();
        Assert.Equal(0.8m, p.CryptoWeight);
        Assert.Equal(20_000m, p.ExposureToRemove);
        Assert.Equal(0.25m, p.Hedge.HedgeRatio);
        Assert.Equal(0.5m, p.Hedge.Quantity);
        Assert.Equal(10_000m, p.Hedge.InitialMargin);   // 20,000 / 2
        Assert.Equal(0.6m, p.EffectiveCryptoWeight);
    }

    [Fact]
    public void DeRisk_PriceFalls_HedgeProfitAgainstSellNow()
    {
        var e = EightyToSixty().IfPriceFalls(36_000m);
        // Hedge +0.5 × 4,000 = 2,000; fees 0.05 % × (20,000 + 18,000) = 19; 1,981 buys 0.0550278 BTC at 36,000.
        Assert.Equal(2_000m, e.HedgePnl);
        Assert.Equal(19m, e.HedgeFees);
        Assert.Equal(0.0550278m, Math.Round(e.CoinsBuyableWithProfit, 7));
        Assert.Equal(2m, e.FinalCoins);
        Assert.Equal(21_981m, e.FinalCash);
        Assert.Equal(93_981m, e.FinalValue);                 // 2 × 36,000 + 21,981
        // Sell now: 1.5 × 36,000 + 20,000 + 20,000 − 20 (0.1 % spot fee) = 93,980.
        Assert.Equal(93_980m, e.SellNowFinalValue);
        Assert.Equal(1m, e.VersusSellNow);
        // Closing the hedge leaves every coin: the weight is back at 72,000 / 93,981 = 76.6 %, not 60 %. Reaching 60 % takes a
        // sale s at 36,000 with the 0.1 % fee: (2 − s)·36,000 = 0.6·(93,981 − 36·s) → s = (72,000 − 56,388.6) / (36,000 · 0.9994)
        // = 15,611.4 / 35,978.4 = 0.43391… BTC (buying back lower with the profit would raise the weight instead).
        Assert.Equal(72_000m / 93_981m, e.CryptoWeight);
        Assert.Equal(15_611.4m / 35_978.4m, e.SaleToReachTarget);
        var after = 2m - e.SaleToReachTarget;                     // check: the weight after that sale is the target
        Assert.Equal(0.6m, Math.Round(after * 36_000m / (93_981m - e.SaleToReachTarget * 36_000m * 0.001m), 20));
    }

    [Fact]
    public void DeRisk_PriceRises_SellSpotHigherAfterSmallHedgeLoss()
    {
        var e = EightyToSixty().IfPriceRises(44_000m);
        // Hedge −2,000; fees 10 + 11 = 21; sell 0.5 at 44,000 = 22,000, fee 22.
        Assert.Equal(-2_000m, e.HedgePnl);
        Assert.Equal(21m, e.HedgeFees);
        Assert.Equal(0.5m, e.SpotSold);
        Assert.Equal(22m, e.SpotFees);
        Assert.Equal(39_957m, e.FinalCash);                  // 20,000 + 22,000 − 22 − 2,000 − 21
        Assert.Equal(39_914m, e.EffectiveSalePrice);         // 19,957 / 0.5
        Assert.Equal(105_957m, e.FinalValue);                // 1.5 × 44,000 + 39,957
        Assert.Equal(105_980m, e.SellNowFinalValue);         // 1.5 × 44,000 + 40,000 − 20
        Assert.Equal(-23m, e.VersusSellNow);
        // Weight 66,000 / 105,957 = 62.3 %; to 60 %: (66,000 − 63,574.2) / (44,000 · 0.9994) = 2,425.8 / 43,973.6 BTC more.
        Assert.Equal(66_000m / 105_957m, e.CryptoWeight);
        Assert.Equal(2_425.8m / 43_973.6m, e.SaleToReachTarget);
    }

    [Fact]
    public void LeverageAssisted_OnAContractOfATenthEth_CountsContractsAndCoinsApart()
    {
        // OKX ETH-USDT-SWAP: one contract is 0.1 ETH (ctVal, the catalog). Hold 10, want 12: 2 ETH = 20 contracts.
        var okx = Contract.Find("okx-swap", "ETH-USDT-SWAP");
        var p = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 2_500m), 12m, okx, 3m, 3_000m);
        Assert.Equal(20m, p.FuturesQuantity);
        Assert.Equal(2m, p.FuturesCoins);
        Assert.Equal(12m, p.TotalExposure);
        Assert.Equal(6_000m, p.Notional);                    // 2 ETH × 3,000
    }

    [Fact]
    public void LeverageAssisted_Hold10Want12_LongTwoEth()
    {
        var p = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 2_500m), 12m, Eth, 3m, 3_000m);
        Assert.Equal(2m, p.FuturesQuantity);
        Assert.Equal(12m, p.TotalExposure);
        Assert.Equal(36_000m, p.ExposureValue);
        Assert.Equal(6_000m, p.Notional);
        Assert.Equal(2_000m, p.InitialMargin);
        // Isolated long: LP = (WB + cum − q·EP)/(q·MMR − q) = (2,000 − 6,000)/(0.008 − 2) = 2,008.03.
        Assert.Equal(2_008.03m, Math.Round(p.LiquidationPrice!.Value, 2));
        // Funding 0.01 % per 8 h: the long pays 6,000 × 0.0001 × 3 = 1.8 a day.
        Assert.Equal(-1.8m, p.FundingPerDay);
        var o = p.OutcomeAt(2_700m);
        Assert.Equal(-3_000m, o.SpotPnlVsDecision);                    // 10 × −300
        Assert.Equal(-600m, o.FuturesPnl);                   // 2 × −300
        Assert.Equal(5.7m, o.Fees);                          // 3 + 2.7
        Assert.Empty(p.Warnings);
    }

    [Fact]
    public void Strategies_BadInput_Rejected()
    {
        var h = SpotHolding.Create("BTC", 2m, 30_000m);
        BadInput.Rejects("targetCryptoWeight", w => DeRiskPlan.Create(h, 20_000m, w, Btc, 2m, 40_000m), 0.8m, 0.9m, -0.1m);
        BadInput.Rejects("lowerPrice", p => EightyToSixty().IfPriceFalls(p), 40_000m, 41_000m);
        BadInput.Rejects("higherPrice", p => EightyToSixty().IfPriceRises(p), 40_000m, 39_000m);
        BadInput.Rejects("targetExposure", t => LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 2_500m), t, Eth, 3m, 3_000m), 10m, 9m);
        BadInput.Rejects("sellQuantity", q => SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2m, 2_000m), q, 1m, Eth, 5m, 3_000m), 0m, 2m, 3m);
    }
}
