using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

public class PlanInputsTests
{
    private static readonly SpotHolding Btc1 = SpotHolding.Create("BTC", 1.0m, 50_000m);

    private static HedgePlan With(HedgePlanOptions o) => HedgePlan.Create(Btc1, 0.5m, Contract.BinanceBtcUsdt, 3m, 50_000m, o);

    [Fact]
    public void Options_OutOfRange_RejectedNamingOptionsAndProperty()
    {
        (HedgePlanOptions Options, string Property)[] bad =
        [
            (new() { LeverageCap = 0.9m }, "LeverageCap"),
            (new() { FuturesPrice = 0m }, "FuturesPrice"),
            (new() { IsolatedMargin = -1m }, "IsolatedMargin"),
            (new() { FundingRatePerInterval = 1m }, "FundingRatePerInterval"),
            (new() { FundingRatePerInterval = -1m }, "FundingRatePerInterval"),
            (new() { HoldingPeriodDays = -1 }, "HoldingPeriodDays"),
            (new() { LiquidationBuffer = -0.01m }, "LiquidationBuffer"),
            (new() { LiquidationBuffer = 1m }, "LiquidationBuffer"),
            (new() { ProtectionMove = 0m }, "ProtectionMove"),
            (new() { ProtectionMove = 1m }, "ProtectionMove"),
            (new() { FundingShareLimit = 0m }, "FundingShareLimit"),
            (new() { FundingShareLimit = 1.5m }, "FundingShareLimit"),
        ];
        foreach (var (o, prop) in bad)
        {
            var ex = BadInput.Throws("options", () => With(o));
            Assert.Contains(prop, ex.Message);
        }
    }

    [Fact]
    public void Options_IsolatedMarginAboveInitial_MovesLiquidationAway()
    {
        // Short 0.5 BTC at 50,000, 3x: IM 8,333.33; posting 12,500 instead: LP = (12,500 + 25,000)/0.502 = 74,701.20 (vs 66,401.06).
        var p = With(new HedgePlanOptions { IsolatedMargin = 12_500m });
        Assert.Equal(74_701.20m, Math.Round(p.LiquidationPrice!.Value, 2));
        Assert.Equal(66_401.06m, Math.Round(With(HedgePlanOptions.Default).LiquidationPrice!.Value, 2));
    }

    [Fact]
    public void StopsAndRules_BadInput_Rejected()
    {
        BadInput.Rejects("price", p => LegStop.AtPrice(p), BadInput.NonPositiveDecimals);
        BadInput.Rejects("amount", a => LegStop.MaxHedgeCost(a), BadInput.NonPositiveDecimals);
        BadInput.Throws("futuresPrice", () => HedgePlan.Create(Btc1, 0.5m, Contract.BinanceBtcUsdt, 3m, 50_000m).IsStopTriggered(0m));
        BadInput.Throws("stop", () => HedgePlan.Create(Btc1, 0.5m, Contract.BinanceBtcUsdt, 3m, 50_000m).WithStop(LegStop.MaxHedgeCost(decimal.MaxValue / 2m)));
        var huge = ("BTC", "a", decimal.MaxValue / 2m, 1m);
        BadInput.Throws("holdings", () => PortfolioAllocation.Analyze([("a", 1m, false)], [huge, huge, huge]));
        var btc = TestData.Candles("btcusdt_spot_daily.csv");
        BadInput.Throws("to", () => AlignedCloses.Create(btc, btc).Between(new DateOnly(2024, 2, 1), new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void MaxHedgeCost_InverseContract_TurnsIntoPrice()
    {
        // COIN-M short of 250 contracts × 100 USD from 50,000; a loss of 0.01 BTC happens where 25,000·(1/50,000 − 1/X) = −0.01
        // → 1/X = 1/50,000 − 0.01/25,000 = 0.0000196 → X = 51,020.41.
        var p = HedgePlan.Create(Btc1, 0.5m, Contract.BinanceCoinMBtcUsd, 5m, 50_000m).WithStop(LegStop.MaxHedgeCost(0.01m));
        Assert.Equal(51_020.41m, Math.Round(p.StopPrice!.Value, 2));
        Assert.Equal(0.01m, Math.Round(p.LossAtStop!.Value, 10));
    }
}
