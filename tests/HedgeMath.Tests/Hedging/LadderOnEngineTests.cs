using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

/// <summary>Ladder outcomes on the hedge engine: liquidation and stops on the way, the exit reported — hand calculations in the comments.</summary>
public class LadderOnEngineTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;
    private static readonly Contract Eth = Contract.BinanceEthUsdt;

    private static ScaleOutLadder BtcLadder() => StrategyCompletionTests.BtcLadder();

    [Fact]
    public void ScaleOutCloseAt_PastTheLiquidationPrice_LosesTheMarginOnly()
    {
        var l = BtcLadder();
        // Combined short 0.6 BTC, entry value 38,750, isolated margin 38,750/5 = 7,750; BTCUSDT tier 1 (MMR 0.4 %, cum 0):
        // LP = (7,750 + 38,750)/(0.6·1.004) = 46,500/0.6024 = 77,191.24. A close at 80,000 finds it liquidated on the way:
        // it loses 7,750 (not 0.6·80,000 − 38,750 = 9,250) and pays no close fee.
        var c = l.CloseAt(80_000m);
        Assert.Equal(HedgeExit.Liquidated, c.Exit);
        Assert.Equal(77_191.24m, Math.Round(c.ExitPrice!.Value, 2));
        Assert.Equal(-7_750m, c.FuturesPnl);
        Assert.Equal(0m, c.CloseFee);
        Assert.Equal(19.375m, c.OpenFees);                           // 7.5 + 4.875 + 7
        Assert.Equal(-7_769.375m, c.NetFuturesPnl);
        Assert.Equal(40_000m, c.SpotPnlVsCost);                      // 1·(80,000 − 40,000)
        // Inside the liquidation price the short is closed at the price: 38,750 − 0.6·75,000 = −6,250, open.
        var open = l.CloseAt(75_000m);
        Assert.Equal(HedgeExit.None, open.Exit);
        Assert.Null(open.ExitPrice);
        Assert.Equal(-6_250m, Math.Round(open.FuturesPnl, 10));
        Assert.Equal(22.5m, open.CloseFee);                          // 45,000·0.0005
        Assert.Equal(HedgeExit.None, l.AfterCorrection(2, 0.2m).Exit);
    }

    [Fact]
    public void ScaleOut_TargetBeyondTheShortsLiquidation_Rejected()
    {
        var h = SpotHolding.Create("BTC", 1.0m, 40_000m);
        // 10x: 0.25 short at 60,000, margin 1,500: LP = (1,500 + 15,000)/(0.25·1.004) = 16,500/0.251 = 65,737.05.
        // A second target at 66,000 lies beyond it: the short is liquidated before that rung can be added.
        var ex = BadInput.Throws("targets", () => ScaleOutLadder.Create(h, Btc, 10m, [(60_000m, 0.25m), (66_000m, 0.15m)]));
        Assert.Contains("65737.05", ex.Message, StringComparison.Ordinal);
        // 65,000 is inside it.
        Assert.Equal(2, ScaleOutLadder.Create(h, Btc, 10m, [(60_000m, 0.25m), (65_000m, 0.15m)]).Rungs.Length);
    }

    [Fact]
    public void ScaleIn_ReversalPastTheStop_LosesAtTheStop()
    {
        // Long 0.5 ETH at 3,000, 3x, stop 2,850; a 10 % reversal goes to 2,700, through the stop: the loss is
        // 0.5·(3,000 − 2,850) = 75, not 0.5·300 = 150.
        var l = ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.5m, 2_850m)], reversalMove: 0.10m);
        Assert.Equal(2_700m, l.Rungs[0].ReversalPrice);
        Assert.Equal(75m, l.Rungs[0].LossIfReverses);
        Assert.Equal(HedgeExit.Stopped, l.Rungs[0].ExitIfReverses);
        Assert.Equal(75m, l.Rungs[0].LossAtStop);
        // A 5 % reversal (2,850) reaches the stop exactly: stopped there, the same 75.
        var r5 = ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.5m, 2_850m)]).Rungs[0];
        Assert.Equal((75m, HedgeExit.Stopped), (r5.LossIfReverses, r5.ExitIfReverses));
        // Without a stop the 10 % reversal stays open: 150.
        var free = ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.5m, null)], reversalMove: 0.10m).Rungs[0];
        Assert.Equal((150m, HedgeExit.None), (free.LossIfReverses, free.ExitIfReverses));
    }

    [Fact]
    public void ScaleIn_ReversalPastTheLiquidation_LosesTheMargin()
    {
        // Long 0.5 ETH at 3,000, 20x: isolated margin 1,500/20 = 75. The liquidation price lies about 4.6 % below the entry
        // (above 2,850), so a 10 % reversal to 2,700 and the stop at 2,850 both find it liquidated: the loss is the 75 posted.
        var r = ScaleInLadder.Futures(Eth, 20m, [(3_000m, 0.5m, 2_850m)], reversalMove: 0.10m).Rungs[0];
        Assert.True(r.StopBeyondLiquidation);
        Assert.Equal(75m, r.TotalMargin);
        Assert.Equal((75m, HedgeExit.Liquidated), (r.LossIfReverses, r.ExitIfReverses));
        Assert.Equal(75m, r.LossAtStop);
    }

    [Fact]
    public void ScaleIn_EntryBeyondTheStopOrLiquidationBeforeIt_Rejected()
    {
        // Averaging down 3,000 → 2,800 with a stop at 2,850 on the first rung: stopped at 2,850 before 2,800 is reached.
        var ex = BadInput.Throws("entries", () => ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.5m, 2_850m), (2_800m, 1m, null)]));
        Assert.Contains("stopped at 2850", ex.Message, StringComparison.Ordinal);
        // At 20x the first rung is liquidated (LP = (1,500 − 75)/(0.5·(1 − MMR)) = 2,850/(1 − MMR), above 2,850) before 2,800.
        ex = BadInput.Throws("entries", () => ScaleInLadder.Futures(Eth, 20m, [(3_000m, 0.5m, null), (2_800m, 1m, null)]));
        Assert.Contains("liquidated", ex.Message, StringComparison.Ordinal);
        // Below one lot step (ETHUSDT: 0.001).
        BadInput.Throws("entries", () => ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.0004m, null)]));
    }
}

/// <summary>No ladder outcome reports a loss on the isolated position larger than the margin it can lose.</summary>
public class LadderOnEnginePropertyTests
{
    [HedgeMath.Tests.Properties.HedgeProperty(QuickTests = 500)]
    public Property LadderLosses_NeverExceedTheIsolatedMargin()
    {
        var gen = from lev in Gen.Choose(1, 50)
                  from step in Gen.Choose(1, 80)          // per-mille between rungs
                  from stopPct in Gen.Choose(0, 30)       // 0: no stop
                  from reversal in Gen.Choose(1, 99)      // percent
                  from closePct in Gen.Choose(-50, 200)   // close vs the last target
                  select (lev: (decimal)lev, step: step / 1000m, stopPct, reversal: reversal / 100m, closePct);
        return Prop.ForAll(gen.ToArbitrary(), g =>
        {
            const decimal p0 = 3_000m;
            decimal p1 = p0 * (1m + g.step), p2 = p1 * (1m + g.step);
            decimal? Stop(decimal p) => g.stopPct == 0 ? null : p * (1m - g.stopPct / 100m);
            ScaleInLadder l;
            try
            {
                l = ScaleInLadder.Futures(Contract.BinanceEthUsdt, g.lev,
                    [(p0, 0.5m, Stop(p0)), (p1, 0.5m, Stop(p1)), (p2, 0.5m, Stop(p2))], reversalMove: g.reversal);
            }
            catch (ArgumentException e) when (e.ParamName == "leverage") { return true; } // above the tier's maximum
            bool scaleIn = l.Rungs.All(r => r.LossIfReverses <= r.TotalMargin && (r.LossAtStop ?? 0m) <= r.TotalMargin);
            ScaleOutLadder o;
            try
            {
                o = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), Contract.BinanceBtcUsdt, g.lev,
                    [(60_000m, 0.25m), (60_000m * (1m + g.step), 0.25m)]);
            }
            catch (ArgumentException e) when (e.ParamName is "targets" or "leverage") { return scaleIn; }
            decimal closePrice = 60_000m * (1m + g.step) * (1m + g.closePct / 100m);
            var close = o.CloseAt(closePrice);
            bool scaleOut = close.FuturesPnl >= -o.Rungs[^1].TotalMargin
                && (close.Exit == HedgeExit.Liquidated) == (closePrice >= o.Rungs[^1].LiquidationPrice);
            return scaleIn && scaleOut;
        });
    }
}
