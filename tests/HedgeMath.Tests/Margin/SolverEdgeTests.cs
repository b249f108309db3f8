using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

/// <summary>The solvers at their edges: every field of the result, 1x not being enough, nothing to open, the limits.</summary>
public class SolverEdgeTests
{
    private static Contract Btc => Contract.BinanceBtcUsdt;

    // One tier: MMR 1 %, no cum, up to 100x; taker 0.05 %.
    private static readonly Contract Flat = TestContracts.LinearFlat("XUSDT", 0.01m, 100m);

    [Fact]
    public void MaxOpenQuantity_EveryField()
    {
        // 1,000 USDT at 10x and 50,000: notional 10,000 → 0.2 BTC; initial margin 1,000; taker fee 10,000·0.0005 = 5.
        var r = MarginCalc.MaxOpenQuantity(Btc, 1_000m, 50_000m, 10m);
        Assert.Equal(0.2m, r.Quantity);
        Assert.Equal(10_000m, r.Notional);
        Assert.Equal(1_000m, r.InitialMargin);
        Assert.Equal(5m, r.OpenFee);
        Assert.Equal("USDT", r.SettlementAsset);
        // The leverage range is inclusive: 1x (0.02 BTC) and the contract's maximum both work.
        Assert.Equal(0.02m, MarginCalc.MaxOpenQuantity(Btc, 1_000m, 50_000m, 1m).Quantity);
        Assert.Equal(Btc.MaxLeverage, MarginCalc.MaxOpenQuantity(Btc, 100m, 50_000m, Btc.MaxLeverage).Notional / MarginCalc.MaxOpenQuantity(Btc, 100m, 50_000m, Btc.MaxLeverage).InitialMargin);
    }

    [Fact]
    public void MaxOpenQuantity_LessThanOneLot_IsNothing()
    {
        // 1 USDT at 1x buys 0.00002 BTC, below the 0.001 lot: nothing, and every figure 0.
        var r = MarginCalc.MaxOpenQuantity(Btc, 1m, 50_000m, 1m);
        Assert.Equal((0m, 0m, 0m, 0m, false), (r.Quantity, r.Notional, r.InitialMargin, r.OpenFee, r.LimitedByTier));
        Assert.Equal("USDT", r.SettlementAsset);
        BadInput.Throws("contract", () => MarginCalc.MaxOpenQuantity(null!, 1m, 1m, 1m));
    }

    [Fact]
    public void MaxLeverageForStop_Short_EvenOneXIsNotEnough_PostsExtraMargin()
    {
        // Short 1 at 50,000, stop 120,000 on a flat 1 % table: M* = MM(120,000) − PnL = 1,200 + 70,000 = 71,200 > the
        // 50,000 of 1x. Binance rule: margin 71,200, LP = (71,200 + 50,000)/(0.01 + 1) = 120,000.
        var r = MarginCalc.MaxLeverageForStop(Flat, Side.Short, 1m, 50_000m, 120_000m);
        Assert.Equal(71_200m, r.MinimumMargin);
        Assert.Equal(1m, r.Leverage);
        Assert.Equal(71_200m, r.Margin);
        Assert.Equal(50_000m / 71_200m, r.ExactLeverage);
        Assert.Equal(120_000m, Math.Round(r.LiquidationPrice!.Value, 8));
        Assert.Equal(0.01m, r.Tier.MaintenanceMarginRate);
    }

    [Fact]
    public void MaxLeverageForStop_BybitUnified_ExtraMarginCountsNetOfTheClosingFee()
    {
        // As above under Bybit's Unified Trading Account rule, which counts extra margin ÷ (1 + taker) for a linear short:
        // post IM + (M* − IM)·(1 + 0.0005) = 50,000 + 21,200·1.0005 = 71,210.6; Bybit's short formula then gives
        // (50,000 + 50,000 + 21,210.6/1.0005)/(1 + 0.01) = 121,200/1.01 = 120,000.
        var r = MarginCalc.MaxLeverageForStop(Flat, Side.Short, 1m, 50_000m, 120_000m, rule: LiquidationRule.BybitLinearUnified);
        Assert.Equal(71_200m, r.MinimumMargin);
        Assert.Equal(71_210.6m, r.Margin);
        Assert.Equal(120_000m, Math.Round(r.LiquidationPrice!.Value, 8));
        // A long can never need more than 1x (its loss is at most the notional): the margin is the initial margin.
        var l = MarginCalc.MaxLeverageForStop(Flat, Side.Long, 1m, 50_000m, 40_000m, rule: LiquidationRule.BybitLinearUnified);
        Assert.Equal(50_000m / l.Leverage, l.Margin);
    }

    [Fact]
    public void MaxLeverageForStop_OkxAddsTheTakerFeeToTheMaintenance()
    {
        // Long 1 at 50,000, stop 45,000 on the flat table under OKX/Gate: MM(45,000) = 45,000·(0.01 + 0.0005) = 472.5,
        // PnL −5,000 → M* = 5,472.5; 50,000/5,472.5 = 9.13… → 9x.
        var r = MarginCalc.MaxLeverageForStop(Flat, Side.Long, 1m, 50_000m, 45_000m, rule: LiquidationRule.OkxGate);
        Assert.Equal(5_472.5m, r.MinimumMargin);
        Assert.Equal(9m, r.Leverage);
        Assert.Equal(LiquidationRule.OkxGate, r.Rule);
    }

    [Fact]
    public void MaxLeverageForStop_BadInput_NamesTheParameter()
    {
        BadInput.Throws("contract", () => MarginCalc.MaxLeverageForStop(null!, Side.Long, 1m, 50_000m, 45_000m));
        BadInput.Throws("side", () => MarginCalc.MaxLeverageForStop(Btc, (Side)4, 1m, 50_000m, 45_000m));
        BadInput.Rejects("entryPrice", (decimal e) => MarginCalc.MaxLeverageForStop(Btc, Side.Long, 1m, e, 45_000m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("stopPrice", (decimal s) => MarginCalc.MaxLeverageForStop(Btc, Side.Short, 1m, 50_000m, s), BadInput.NonPositiveDecimals);
        // A buffer just below 1 is allowed (the required price is then near 0 for a long).
        Assert.Equal(0.45m, MarginCalc.MaxLeverageForStop(Btc, Side.Long, 1m, 50_000m, 45_000m, 0.99999m).RequiredLiquidationPrice);
        // 100,000 BTC at 50,000 = 5e9 USDT, above the largest Binance BTCUSDT tier.
        BadInput.Throws("quantity", () => MarginCalc.MaxLeverageForStop(Btc, Side.Long, 100_000m, 50_000m, 45_000m));
        BadInput.Throws("rule", () => MarginCalc.MaxLeverageForStop(Btc, Side.Long, 1m, 50_000m, 45_000m, rule: LiquidationRule.BinanceCoinM));
    }
}
