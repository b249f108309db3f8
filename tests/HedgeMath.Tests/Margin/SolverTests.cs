using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

public class SolverTests
{
    private static Contract Btc => Contract.BinanceBtcUsdt;

    [Fact]
    public void MaxLeverageForStop_LongWithBuffer_HandComputed()
    {
        // Long 0.5 @ 50,000, stop 45,000, buffer 1 % → LP must be ≤ 44,550. Notional there 22,275 → tier 1.
        // M* = MM(P*) − PnL(P*) = 22,275·0.004 − 0.5·(44,550 − 50,000) = 89.1 + 2,725 = 2,814.1
        // exact leverage 25,000/2,814.1 = 8.88…→ 8x, margin 3,125; LP = (3,125 − 25,000)/(0.002 − 0.5) = 43,925.70…
        var r = MarginCalc.MaxLeverageForStop(Btc, Side.Long, 0.5m, 50_000m, 45_000m, 0.01m);
        Assert.Equal(44_550m, r.RequiredLiquidationPrice);
        Assert.Equal(2_814.1m, r.MinimumMargin);
        Assert.Equal(8m, r.Leverage);
        Assert.Equal(3_125m, r.Margin);
        Assert.Equal(43_925.70m, Math.Round(r.LiquidationPrice!.Value, 2));
        Assert.True(r.LiquidationPrice <= r.RequiredLiquidationPrice);
        // At exactly the minimum margin the liquidation price sits on the target.
        var atMin = Position.Open(Btc, Side.Long, 0.5m, 50_000m, 8m, MarginMode.Isolated, r.MinimumMargin);
        Assert.Equal(44_550m, Math.Round(MarginCalc.LiquidationPrice(atMin)!.Value, 10));
    }

    [Fact]
    public void MaxLeverageForStop_Short_HandComputed()
    {
        // Short 0.5 @ 50,000, stop 55,000: MM(55,000) = 27,500·0.004 = 110; PnL = −2,500 → M* = 2,610 → 9.578…→ 9x.
        var r = MarginCalc.MaxLeverageForStop(Btc, Side.Short, 0.5m, 50_000m, 55_000m);
        Assert.Equal(2_610m, r.MinimumMargin);
        Assert.Equal(9m, r.Leverage);
        Assert.True(r.LiquidationPrice >= 55_000m);
    }

    [Fact]
    public void MaxLeverageForStop_Bybit_MaintenanceAtEntry()
    {
        // Bybit: MM at entry = 25,000·0.004 = 100 → M* = 100 + 2,725 = 2,825 → 8.849…→ 8x.
        var r = MarginCalc.MaxLeverageForStop(Btc, Side.Long, 0.5m, 50_000m, 45_000m, 0.01m, LiquidationRule.BybitLinear);
        Assert.Equal(2_825m, r.MinimumMargin);
        Assert.Equal(8m, r.Leverage);
        Assert.Equal(LiquidationRule.BybitLinear, r.Rule);
    }

    [Fact]
    public void MaxLeverageForStop_TightStop_CapsAtTierMaximum()
    {
        // Stop 0.1 % away needs ~0.5 % margin → more than 125x: capped at tier 1's 125x.
        var r = MarginCalc.MaxLeverageForStop(Btc, Side.Long, 0.5m, 50_000m, 49_990m);
        Assert.Equal(125m, r.Leverage);
    }

    [Fact]
    public void MaxLeverageForStop_InverseCoinM_HandComputed()
    {
        // COIN-M long 1,000 contracts (100,000 USD) @ 50,000, stop 45,000: notional there 100,000/45,000 = 2.222 BTC → tier 1
        // (0.4 %): MM = 0.008888…; PnL = 100,000·(1/50,000 − 1/45,000) = −0.222… → M* = 0.231111… BTC;
        // entry notional 2 BTC / M* = 8.65… → 8x, margin 0.25 BTC; LP = 100,000·1.004/(0.25 + 2) = 44,622.22…
        var r = MarginCalc.MaxLeverageForStop(Contract.BinanceCoinMBtcUsd, Side.Long, 1_000m, 50_000m, 45_000m);
        Assert.Equal(LiquidationRule.BinanceCoinM, r.Rule);
        Assert.Equal(0.231111111m, Math.Round(r.MinimumMargin, 9));
        Assert.Equal(8m, r.Leverage);
        Assert.Equal(0.25m, r.Margin);
        Assert.Equal(44_622.22m, Math.Round(r.LiquidationPrice!.Value, 2));
    }

    [Fact]
    public void MaxLeverageForStop_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("stopPrice", (decimal s) => MarginCalc.MaxLeverageForStop(Btc, Side.Long, 1m, 50_000m, s), 50_000m, 60_000m, 0m);
        BadInput.Rejects("stopPrice", (decimal s) => MarginCalc.MaxLeverageForStop(Btc, Side.Short, 1m, 50_000m, s), 50_000m, 40_000m);
        BadInput.Rejects("safetyBuffer", (decimal b) => MarginCalc.MaxLeverageForStop(Btc, Side.Long, 1m, 50_000m, 45_000m, b), -0.1m, 1m);
        BadInput.Rejects("quantity", (decimal q) => MarginCalc.MaxLeverageForStop(Btc, Side.Long, q, 50_000m, 45_000m), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void MaxOpenQuantity_LimitedByBalance()
    {
        // 1,000 USDT at 10x → 10,000 notional → 0.2 BTC at 50,000.
        var r = MarginCalc.MaxOpenQuantity(Btc, 1_000m, 50_000m, 10m);
        Assert.Equal(0.2m, r.Quantity);
        Assert.Equal(1_000m, r.InitialMargin);
        Assert.False(r.LimitedByTier);
        // Reserving the taker fee: 1,000/(0.1 + 0.0005) = 9,950.248… → 0.19900… → 0.199 BTC.
        Assert.Equal(0.199m, MarginCalc.MaxOpenQuantity(Btc, 1_000m, 50_000m, 10m, reserveOpenFee: true).Quantity);
    }

    [Fact]
    public void MaxOpenQuantity_LimitedByTier()
    {
        // 1,000 USDT at 125x would be 125,000, but 125x is allowed only up to 50,000 → 1 BTC.
        var r = MarginCalc.MaxOpenQuantity(Btc, 1_000m, 50_000m, 125m);
        Assert.Equal(1m, r.Quantity);
        Assert.True(r.LimitedByTier);
    }

    [Fact]
    public void MaxOpenQuantity_Inverse_InContracts()
    {
        // 1 BTC at 10x → 10 BTC notional → 10·50,000/100 = 5,000 contracts.
        Assert.Equal(5_000m, MarginCalc.MaxOpenQuantity(Contract.BinanceCoinMBtcUsd, 1m, 50_000m, 10m).Quantity);
    }

    [Fact]
    public void MaxOpenQuantity_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("leverage", (decimal l) => MarginCalc.MaxOpenQuantity(Btc, 1m, 1m, l), 0.5m, 126m);
        BadInput.Rejects("balance", (decimal b) => MarginCalc.MaxOpenQuantity(Btc, b, 1m, 1m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("price", (decimal p) => MarginCalc.MaxOpenQuantity(Btc, 1m, p, 1m), BadInput.NonPositiveDecimals);
    }
}
