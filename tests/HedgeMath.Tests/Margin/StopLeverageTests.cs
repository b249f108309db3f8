using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

/// <summary><see cref="StopLeverage.InitialMargin"/> and <see cref="StopLeverage.ExtraMargin"/>: the margin above the initial
/// margin that a stop beyond a 1x position's liquidation price needs (what <c>hedgemath liquidation --stop</c> reports as
/// "even 1x is not enough"). Expected values by hand from the balance equation M* = MM(P*) − PnL(P*).</summary>
public class StopLeverageTests
{
    // One tier: MMR 1 %, no cum, up to 100x; taker 0.05 %.
    private static readonly Contract Flat = TestContracts.LinearFlat("XUSDT", 0.01m, 100m);

    [Fact]
    public void ExtraMargin_IsZero_WhenTheLeverageAloneKeepsLiquidationBeyondTheStop()
    {
        // Long 0.5 @ 50,000 on Binance BTCUSDT, stop 45,000, buffer 1 %: M* = 2,814.1 (SolverTests) → 8x;
        // IM = 25,000/8 = 3,125 = the margin to post, so nothing extra.
        var r = MarginCalc.MaxLeverageForStop(Contract.BinanceBtcUsdt, Side.Long, 0.5m, 50_000m, 45_000m, 0.01m);
        Assert.Equal(8m, r.Leverage);
        Assert.Equal(3_125m, r.InitialMargin);
        Assert.Equal(3_125m, r.Margin);
        Assert.Equal(0m, r.ExtraMargin);
    }

    [Fact]
    public void ExtraMargin_LinearShortBeyondOneX_IsTheMinimumMarginLessTheInitialMargin()
    {
        // Short 1 @ 50,000, stop 120,000 on the flat 1 % table: M* = 1,200 + 70,000 = 71,200 > the 50,000 of 1x:
        // IM 50,000, margin 71,200, extra 21,200.
        var r = MarginCalc.MaxLeverageForStop(Flat, Side.Short, 1m, 50_000m, 120_000m);
        Assert.Equal(1m, r.Leverage);
        Assert.Equal(50_000m, r.InitialMargin);
        Assert.Equal(71_200m, r.Margin);
        Assert.Equal(21_200m, r.ExtraMargin);
    }

    [Fact]
    public void ExtraMargin_BybitUnified_IsTheAmountToPost_ScaledAsBybitCountsIt()
    {
        // As above under Bybit UTA (extra margin counted ÷ (1 + taker) for a short): post 21,200·1.0005 = 21,210.6 extra.
        var r = MarginCalc.MaxLeverageForStop(Flat, Side.Short, 1m, 50_000m, 120_000m, rule: LiquidationRule.BybitLinearUnified);
        Assert.Equal(50_000m, r.InitialMargin);
        Assert.Equal(21_210.6m, r.ExtraMargin);
    }

    [Fact]
    public void ExtraMargin_InverseLongWithAFarStop_IsInCoins()
    {
        // Inverse, 100 USD a contract, MMR 1 %: long 1,000 contracts (100,000 USD) @ 50,000, stop 20,000.
        // Notional at the stop 100,000/20,000 = 5 BTC → MM 0.05; PnL = 100,000·(1/50,000 − 1/20,000) = 2 − 5 = −3 BTC;
        // M* = 3.05 BTC > the 2 BTC of 1x (100,000/50,000): extra 1.05 BTC.
        var inverse = TestContracts.InverseFlat("BTCUSD", 100m, 0.01m, 100m);
        var r = MarginCalc.MaxLeverageForStop(inverse, Side.Long, 1_000m, 50_000m, 20_000m);
        Assert.Equal(1m, r.Leverage);
        Assert.Equal(2m, r.InitialMargin);
        Assert.Equal(3.05m, r.Margin);
        Assert.Equal(1.05m, r.ExtraMargin);
    }

    [Fact]
    public void ExtraMargin_AtTheBoundary_IsZeroExactlyAtOneX_AndPositiveJustBeyond()
    {
        // MMR 25 % (4x max): short 1 @ 50,000, stop 80,000: M* = 80,000·0.25 + 30,000 = 50,000 = the 1x initial margin,
        // so 1x is exactly enough. One dollar farther (80,001): M* = 20,000.25 + 30,001 = 50,001.25 → extra 1.25.
        var steep = TestContracts.LinearFlat("YUSDT", 0.25m, 4m);
        var at = MarginCalc.MaxLeverageForStop(steep, Side.Short, 1m, 50_000m, 80_000m);
        Assert.Equal((1m, 50_000m, 50_000m, 50_000m, 0m), (at.Leverage, at.MinimumMargin, at.InitialMargin, at.Margin, at.ExtraMargin));
        var beyond = MarginCalc.MaxLeverageForStop(steep, Side.Short, 1m, 50_000m, 80_001m);
        Assert.Equal((1m, 50_001.25m, 50_000m, 50_001.25m, 1.25m), (beyond.Leverage, beyond.MinimumMargin, beyond.InitialMargin, beyond.Margin, beyond.ExtraMargin));
    }

    [Fact]
    public void InitialMargin_IsThePositionsInitialMarginAtTheLeverageFound()
    {
        // Short 0.5 @ 50,000 on Binance BTCUSDT, stop 55,000: M* = 2,610 → 9x (SolverTests); IM = 25,000/9.
        var r = MarginCalc.MaxLeverageForStop(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 55_000m);
        Assert.Equal(25_000m / 9m, r.InitialMargin);
        Assert.Equal(Position.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, r.Leverage).InitialMargin(), r.InitialMargin);
        Assert.Equal(0m, r.ExtraMargin);
    }
}
