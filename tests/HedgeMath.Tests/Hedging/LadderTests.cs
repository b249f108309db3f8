using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

public class LadderTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;
    private static readonly Contract Eth = Contract.BinanceEthUsdt;

    [Fact]
    public void ScaleOut_ThreeTargets_HandComputedRungs()
    {
        // 1.0 BTC bought at 40,000; short 25 % at 60,000, 15 % at 65,000, 20 % at 70,000; 5x on BTCUSDT (tier 1: MMR 0.4 %, cum 0).
        var l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1.0m, 40_000m), Btc, 5m,
            [(60_000m, 0.25m), (65_000m, 0.15m), (70_000m, 0.20m)]);
        var r = l.Rungs;
        Assert.Equal([0.25m, 0.15m, 0.20m], r.Select(x => x.QuantityAdded));
        Assert.Equal([0.25m, 0.40m, 0.60m], r.Select(x => x.CumulativeQuantity));
        Assert.Equal([0.25m, 0.40m, 0.60m], r.Select(x => x.CumulativeHedgeRatio));
        // Average entry: (15,000 + 9,750)/0.4 = 61,875; (24,750 + 14,000)/0.6 = 64,583.33.
        Assert.Equal(60_000m, r[0].AverageShortEntry);
        Assert.Equal(61_875m, r[1].AverageShortEntry);
        Assert.Equal(64_583.33m, Math.Round(r[2].AverageShortEntry, 2));
        // Margin: 15,000/5 = 3,000; + 9,750/5 = 4,950; + 14,000/5 = 7,750.
        Assert.Equal([3_000m, 4_950m, 7_750m], r.Select(x => x.TotalMargin));
        // Liquidation (isolated short, LP = (M + q·EP)/(q·1.004)): 18,000/0.251 = 71,713.15; 29,700/0.4016 = 73,954.18; 46,500/0.6024 = 77,191.24.
        Assert.Equal([71_713.15m, 73_954.18m, 77_191.24m], r.Select(x => Math.Round(x.LiquidationPrice!.Value, 2)));
        // Locked-in value 15,000; 24,750; 38,750 and gain vs cost 5,000; 8,750; 14,750.
        Assert.Equal([15_000m, 24_750m, 38_750m], r.Select(x => x.LockedInValue));
        Assert.Equal([5_000m, 8_750m, 14_750m], r.Select(x => x.LockedInGainVsCost));
        // Fees 0.05 %: 7.5, 4.875, 7.
        Assert.Equal([7.5m, 4.875m, 7m], r.Select(x => x.OpenFee));
    }

    [Fact]
    public void ScaleOut_BadTargets_Rejected()
    {
        var h = SpotHolding.Create("BTC", 1.0m, 40_000m);
        var ex = BadInput.Throws("targets", () => ScaleOutLadder.Create(h, Btc, 5m, [(65_000m, 0.25m), (60_000m, 0.15m)]));
        Assert.Contains("ascending", ex.Message);
        BadInput.Throws("targets", () => ScaleOutLadder.Create(h, Btc, 5m, [(60_000m, 0.25m), (60_000m, 0.15m)]));
        BadInput.Throws("targets", () => ScaleOutLadder.Create(h, Btc, 5m, [(60_000m, 0.6m), (65_000m, 0.6m)]));
        BadInput.Throws("targets", () => ScaleOutLadder.Create(h, Btc, 5m, []));
        BadInput.Throws("contract", () => ScaleOutLadder.Create(h, Eth, 5m, [(60_000m, 0.25m)]));
        BadInput.Rejects("leverage", lev => ScaleOutLadder.Create(h, Btc, lev, [(60_000m, 0.25m)]), 0m, 200m);
        BadInput.Rejects("targets", f => ScaleOutLadder.Create(h, Btc, 5m, [(60_000m, f)]), 0m, -0.1m, 1.1m);
        BadInput.Rejects("targets", p => ScaleOutLadder.Create(h, Btc, 5m, [(p, 0.25m)]), 0m, -1m);
    }

    [Fact]
    public void ScaleIn_FuturesHalfThenOneThenRest_HandComputedRungs()
    {
        // Long ETH futures at 3x: 0.5 at 3,000, 1.0 at 2,800, the rest of 2.0 at 2,600; reversal 5 % right after each rung.
        var l = ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.5m, null), (2_800m, 1.0m, null), (2_600m, null, null)], plannedQuantity: 2.0m);
        var r = l.Rungs;
        Assert.Equal([0.5m, 1.0m, 0.5m], r.Select(x => x.QuantityAdded));
        // Average entry: 3,000; 4,300/1.5 = 2,866.67; 5,600/2 = 2,800.
        Assert.Equal(3_000m, r[0].AverageEntry);
        Assert.Equal(2_866.67m, Math.Round(r[1].AverageEntry, 2));
        Assert.Equal(2_800m, r[2].AverageEntry);
        // Exposure at the rung price: 1,500; 4,200; 5,200. Margin: 500; +933.33 = 1,433.33; +433.33 = 1,866.67.
        Assert.Equal([1_500m, 4_200m, 5_200m], r.Select(x => x.Exposure));
        Assert.Equal([500m, 1_433.33m, 1_866.67m], r.Select(x => Math.Round(x.TotalMargin, 2)));
        // Loss if price reverses 5 %: 0.5 × 150 = 75; 1.5 × (2,866.67 − 2,660) = 310; 2 × (2,800 − 2,470) = 660.
        Assert.Equal([75m, 310m, 660m], r.Select(x => Math.Round(x.LossIfReverses, 2)));
        Assert.All(r, x => Assert.NotNull(x.LiquidationPrice));
    }

    [Fact]
    public void ScaleIn_Spot_MarginIsCashSpent()
    {
        var l = ScaleInLadder.Spot("ETH", [(3_000m, 0.5m, null), (2_800m, 1.0m, null)]);
        Assert.Equal([1_500m, 4_300m], l.Rungs.Select(x => x.TotalMargin));
        Assert.Null(l.Position);
        Assert.All(l.Rungs, x => Assert.Null(x.LiquidationPrice));
    }

    [Fact]
    public void ScaleIn_BadEntries_Rejected()
    {
        BadInput.Throws("entries", () => ScaleInLadder.Spot("ETH", [(3_000m, 0.5m, null), (2_800m, 1m, null), (2_900m, 1m, null)]));
        BadInput.Throws("entries", () => ScaleInLadder.Spot("ETH", [(3_000m, 0.5m, null), (3_000m, 1m, null)]));
        BadInput.Throws("entries", () => ScaleInLadder.Spot("ETH", [(3_000m, null, null), (2_800m, 1m, null)], 2m));
        BadInput.Throws("plannedQuantity", () => ScaleInLadder.Spot("ETH", [(3_000m, 0.5m, null), (2_800m, null, null)]));
        BadInput.Throws("entries", () => ScaleInLadder.Spot("ETH", [(3_000m, 1.5m, null), (2_800m, 1m, null)], 2m));
        BadInput.Rejects("reversalMove", m => ScaleInLadder.Spot("ETH", [(3_000m, 0.5m, null)], null, m), 0m, 1m, -0.1m);
        // An entry's own numbers: a positive price and quantity, a stop below the price (a long's).
        BadInput.Rejects("entries", p => ScaleInLadder.Spot("ETH", [(p, 0.5m, null)]), 0m, -1m);
        BadInput.Rejects("entries", q => ScaleInLadder.Spot("ETH", [(3_000m, q, null)]), 0m, -1m);
        BadInput.Rejects("entries", st => ScaleInLadder.Futures(Eth, 3m, [(3_000m, 0.5m, st)]), 0m, -1m, 3_000m, 3_100m);
    }
}
