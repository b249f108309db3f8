using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The one valuation rule for coin-margined money (docs/hedging.md, "Conventions"; issue 22, item 2): every outcome
/// reports the hedge's coin figures (PnL, fees, funding) summed in the coin and valued at the one valuation price, so
/// equity = unhedged value + hedge PnL − fees + funding closes in the coin × price and in USD.
/// </summary>
public class ValuationConventionTests
{
    private static readonly Contract CoinM = Contract.BinanceCoinMBtcUsd;

    /// <summary>A random daily path: spot closes from a random walk, the perpetual a small basis away, three prints a day.</summary>
    private static MarketHistory RandomHistory(decimal start, int[] movesBp, int[] basisBp, int[] ratesBp10)
    {
        var d0 = new DateOnly(2024, 1, 1);
        var spot = new List<Candle>();
        var perp = new List<Candle>();
        decimal prev = start;
        for (int i = 0; i < movesBp.Length; i++)
        {
            decimal close = Math.Round(prev * (1m + movesBp[i] / 10_000m), 2);
            decimal hi = Math.Max(prev, close) * 1.01m, lo = Math.Min(prev, close) * 0.99m;
            spot.Add(new Candle(d0.AddDays(i), prev, Math.Round(hi, 2), Math.Round(lo, 2), close, 1m));
            decimal b = 1m + basisBp[i % basisBp.Length] / 10_000m;
            perp.Add(new Candle(d0.AddDays(i), Math.Round(prev * b, 2), Math.Round(hi * b, 2), Math.Round(lo * b, 2), Math.Round(close * b, 2), 1m));
            prev = close;
        }
        var prints = Enumerable.Range(0, movesBp.Length * 3).Select(j => new FundingEvent(
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(8 * j), ratesBp10[j % ratesBp10.Length] / 100_000m)).ToArray();
        return MarketHistory.Align(spot, perp, prints);
    }

    [HedgeProperty(QuickTests = 200)]
    public Property Equity_IsUnhedgedPlusHedgePnlMinusFeesPlusFunding_OnRandomPaths()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from days in Gen.Choose(3, 60)
            from moves in Gen.ArrayOf(Gen.Choose(-900, 900), days)
            from basis in Gen.ArrayOf(Gen.Choose(-30, 30), 5)
            from rates in Gen.ArrayOf(Gen.Choose(-50, 100), 7)
            from start in Gen.Choose(5_000, 120_000)
            from ratio in Gen.Choose(10, 100).Select(r => r / 100m)
            // From 1x: a 1x COIN-M short re-hedged at a new average entry has no liquidation price (it overflowed before that fix).
            from lev in Gen.Choose(1, 20).Select(l => (decimal)l)
            from stop in Gen.Choose(0, 30).Select(s => s == 0 ? (decimal?)null : s / 100m)
            from rehedge in Gen.Choose(0, 10)
            select (inverse, moves, basis, rates, start, ratio, lev, stop, rehedge);
        return Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var h = RandomHistory(g.start, g.moves, g.basis, g.rates);
            var contract = g.inverse ? CoinM : Contract.BinanceBtcUsdt;
            var r = ReplayTests.Static(h, g.ratio, g.lev, contract, g.stop, g.rehedge, quantity: 1.5m);
            decimal endClose = h.Perp[^1].Close, toQuote = g.inverse ? endClose : 1m;
            // The identity, in USD: final equity = unhedged + hedge PnL − fees + funding (rounding: decimal's 28 digits).
            decimal gap = r.HedgedEquity[^1] - (r.UnhedgedEquity[^1] + r.FuturesPnl - r.TotalFees + r.TotalFunding);
            // Each USD figure is its coin figure at the one valuation price, the last perpetual close.
            bool sameRule = r.FuturesPnl == r.FuturesPnlInSettlement * toQuote && r.TotalFees == r.FeesInSettlement * toQuote
                && r.TotalFunding == r.FundingInSettlement * toQuote;
            // The same rule on a scenario along the same closes (ScenarioSetup.AlongPath with the day's summed rate).
            var setup = ScenarioSetup.Create(1.5m, g.start, g.start, g.ratio, g.lev, contract);
            var s = setup.AlongPath(h.Spot.Skip(1).Select(c => c.Close).ToList(), h.DailyFunding.Skip(1).ToList());
            decimal scenarioGap = s.NetPnl - (s.UnhedgedPnl + s.FuturesPnl - s.Fees + s.Funding);
            decimal p = s.Price, sq = g.inverse ? p : 1m;
            bool scenarioRule = s.FuturesPnl == s.FuturesPnlInSettlement * sq && s.Fees == s.FeesInSettlement * sq && s.Funding == s.FundingInSettlement * sq;
            return (Math.Abs(gap) <= 1e-12m && sameRule && Math.Abs(scenarioGap) <= 1e-12m && scenarioRule)
                .Label($"replay gap {gap}, same rule {sameRule}; scenario gap {scenarioGap}, rule {scenarioRule}")
                .Classify(g.inverse, "inverse").Classify(r.Liquidations + r.StopsHit > 0, "exits");
        });
    }

    [Fact]
    public void Replay_InverseFunding_ValuedAtTheLastClose_NotAtEachPrint()
    {
        // Three days, spot = perp: closes 100,000 → 90,000 → 80,000. COIN-M BTCUSD (100 USD a contract, taker 0.05 %) short
        // of 0.5 × 1 BTC × 100,000 / 100 = 500 contracts opened at the day-0 close, 1x (liquidation near 200,000), no stop.
        var d0 = new DateOnly(2024, 1, 1);
        Candle Bar(int i, decimal open, decimal close) => new(d0.AddDays(i), open, Math.Max(open, close), Math.Min(open, close), close, 1m);
        Candle[] bars = [Bar(0, 100_000m, 100_000m), Bar(1, 100_000m, 90_000m), Bar(2, 90_000m, 80_000m)];
        var prints = Enumerable.Range(0, 9).Select(j => new FundingEvent(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(8 * j), 0.0001m)).ToArray();
        var r = ReplayTests.Static(MarketHistory.Align(bars, bars, prints), 0.5m, 1m, CoinM);
        // Funding (a positive rate: the short receives), the day's three prints at the day's open mark:
        // day 1: 500·100/100,000 · 0.0003 = 0.00015 BTC; day 2: 50,000/90,000 · 0.0003 = 0.000166666… BTC.
        decimal fundingCoin = 0.00015m + 50_000m / 90_000m * 0.0003m;
        Assert.Equal(Math.Round(fundingCoin, 20), Math.Round(r.FundingInSettlement, 20));
        // Valued at the last close, 80,000: 25.3333… USD (at each print's mark it read 15 + 15 = 30).
        Assert.Equal(25.3333m, Math.Round(r.TotalFunding, 4));
        // PnL 500·100·(1/80,000 − 1/100,000) = 0.125 BTC = 10,000 USD; fee 50,000/100,000 · 0.0005 = 0.00025 BTC = 20 USD.
        Assert.Equal(10_000m, Math.Round(r.FuturesPnl, 10));
        Assert.Equal(20m, Math.Round(r.TotalFees, 10));
        // Equity = 80,000 + 10,000 − 20 + 25.3333… = 90,005.3333…
        Assert.Equal(90_005.3333m, Math.Round(r.Hedged.FinalEquity, 4));
    }

    [Fact]
    public void LadderClose_Inverse_OpenFeesValuedAtTheClosingPrice()
    {
        // COIN-M BTCUSD: 150 contracts at 60,000 (25 % of 1 BTC) and 97 at 65,000 (15 %: 97.5 rounded down), taker 0.05 %.
        // Open fees in BTC: 15,000/60,000·0.0005 = 0.000125; 9,700/65,000·0.0005 = 0.0000746153846…
        // Closed at 62,000, both valued at 62,000: 7.75 + 4.6261538… = 12.3761538… USD (each at its rung's price: 7.5 + 4.85 = 12.35).
        var l = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1m, 40_000m), CoinM, 5m, [(60_000m, 0.25m), (65_000m, 0.15m)]);
        var c = l.CloseAt(62_000m);
        Assert.Equal(12.376154m, Math.Round(c.OpenFees, 6));
        // Close fee: 24,700/62,000 · 0.0005 BTC × 62,000 = 12.35 USD.
        Assert.Equal(12.35m, Math.Round(c.CloseFee, 10));
    }
}
