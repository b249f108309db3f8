// Exercises obsolete API on purpose: frozen numbers of the retired HistoricalReplay (issue 28): they prove the old path until it goes.
#pragma warning disable CS0618
using HedgeMath.Market;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

public class ReplayTests
{
    internal static readonly Lazy<MarketHistory> Btc = new(() => MarketHistory.Align(
        TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"), TestData.Funding("btcusdt_funding_8h.csv")));

    [Fact]
    public void Align_RealBtc_Covers2038DaysWithThreePrintsEach()
    {
        var h = Btc.Value;
        Assert.Equal(2038, h.Length);
        Assert.Equal(new DateOnly(2021, 1, 1), h.Dates[0]);
        Assert.Equal(new DateOnly(2026, 7, 31), h.Dates[^1]);
        Assert.All(h.FundingPrints, c => Assert.Equal(3, c));
        Assert.Equal(29337.16m, h.Perp[0].Close); // first row of btcusdt_perp_daily.csv
    }

    [Fact]
    public void Align_BadSeries_AreRejectedNamingTheParameter()
    {
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var perp = TestData.Candles("btcusdt_perp_daily.csv");
        var funding = TestData.Funding("btcusdt_funding_8h.csv");
        BadInput.Throws("from", () => MarketHistory.Align(spot, perp, funding, from: new DateOnly(2020, 6, 1)));
        BadInput.Throws("to", () => MarketHistory.Align(spot, perp, funding, to: new DateOnly(2026, 8, 5)));
        BadInput.Throws("spot", () => MarketHistory.Align(Array.Empty<Candle>(), perp, funding));
        var gap = perp.RemoveAt(100);
        BadInput.Throws("perp", () => MarketHistory.Align(spot, gap, funding));
        BadInput.Throws("funding", () => MarketHistory.Align(spot, perp, funding.Take(100).ToArray()));
        var h = MarketHistory.Align(spot, perp, funding, new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 10));
        BadInput.Throws("blockLength", () => h.Bootstrap(10)); // 9 returns only
    }

    private static decimal NaiveFinalEquity(MarketHistory h, decimal q, decimal ratio, decimal fee, out decimal funding, out decimal fees, out int trades)
    {
        // Naive recomputation of a static linear short hedge with no stop that is never liquidated: open at the first
        // perp close; a 30-day re-hedge of a linear hedge trades nothing (the size in coins does not drift);
        // funding = h · spot open (the mark) · (sum of the day's rates); close-out value at the last perp close.
        decimal hq = ratio * q, entry = h.Perp[0].Close;
        funding = 0m; fees = hq * entry * fee; trades = 1;
        for (int t = 1; t < h.Length; t++) funding += hq * h.Spot[t].Open * h.DailyFunding[t];
        return q * h.Spot[^1].Close + hq * (entry - h.Perp[^1].Close) + funding - fees;
    }

    [Fact]
    public void StaticHalfHedge_HeadlineNumbers_MatchNaiveRecomputation()
    {
        // 2022–2023: BTC never doubled from its first close, so a 1x short is never liquidated.
        var h = MarketHistory.Align(TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"),
            TestData.Funding("btcusdt_funding_8h.csv"), new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31));
        var policy = HedgePolicy.Static(0.5m, 1m, Stub.Contract(feeRate: 0.0005m), rehedgeEveryDays: 30);
        var r = HistoricalReplay.Run(h, policy, 1m);
        Assert.Equal(0, r.Liquidations);
        var expected = NaiveFinalEquity(h, 1m, 0.5m, 0.0005m, out var funding, out var fees, out var trades);
        Assert.Equal(expected, r.Hedged.FinalEquity);
        Assert.Equal(funding, r.TotalFunding);
        Assert.Equal(fees, r.TotalFees);
        Assert.Equal(trades, r.Trades);
        Assert.Equal(h.Spot[^1].Close, r.Unhedged.FinalEquity);
        // Drawdown of the unhedged curve, recomputed naively from the spot closes.
        decimal peak = 0m, dd = 0m;
        foreach (var c in h.Spot) { peak = Math.Max(peak, c.Close); dd = Math.Max(dd, (peak - c.Close) / peak); }
        Assert.Equal((double)dd, r.Unhedged.MaxDrawdown, 12);
    }

    [Fact]
    public void Replay_EquityDifference_IsHedgePnlMinusFeesPlusFunding()
    {
        var policy = HedgePolicy.Create("trend", 0m, 3m, Stub.Contract(feeRate: 0.0005m),
            [new HedgeLevel(HedgeConditions.PriceBelowMovingAverage(50), 0.5m)], stopDistance: 0.15m);
        var r = HistoricalReplay.Run(Btc.Value, policy, 2m);
        Assert.Equal(r.FuturesPnl - r.TotalFees + r.TotalFunding, r.HedgedEquity[^1] - r.UnhedgedEquity[^1]);
        Assert.True(r.Trades > 10);
        Assert.Contains("Max drawdown", r.ToTable());
    }

    [Fact]
    public void RatioZeroPolicy_EqualsUnhedgedEveryDay()
    {
        var r = HistoricalReplay.Run(Btc.Value, HedgePolicy.Static(0m, 2m, Stub.Contract(feeRate: 0.001m)), 1m);
        Assert.Equal(r.UnhedgedEquity.ToArray(), r.HedgedEquity.ToArray());
        Assert.Equal(0, r.Trades);
    }

    [Fact]
    public void HighLeverageShort_InTheBullRun_IsLiquidated()
    {
        var r = HistoricalReplay.Run(Btc.Value, HedgePolicy.Static(0.5m, 10m, Stub.Contract()), 1m);
        Assert.True(r.Liquidations > 0);
    }

    [Fact]
    public void Conditions_HandleWarmUpAndCombine()
    {
        var h = MarketHistory.Align(TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"),
            TestData.Funding("btcusdt_funding_8h.csv"), new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 10));
        var below = new bool[h.Length];
        HedgeConditions.PriceBelowMovingAverage(3).Evaluate(h, below);
        Assert.False(below[0]); Assert.False(below[1]);
        // 2021-01-01..03 spot closes 29,331.69 / 32,178.33 / 33,000.05: close above its 3-day mean
        Assert.False(below[2]);
        var series = HedgeConditions.Series("ext", Enumerable.Repeat(true, h.Length));
        var both = new bool[h.Length];
        HedgeConditions.And(series, HedgeConditions.Not(HedgeConditions.PriceBelowMovingAverage(3))).Evaluate(h, both);
        Assert.Equal(below.Select(b => !b), both);
        BadInput.Throws("values", () => HedgeConditions.Series("short", [true]).Evaluate(h, new bool[h.Length]));
        BadInput.Throws("days", () => HedgeConditions.PriceBelowMovingAverage(1));
        BadInput.Throws("fraction", () => HedgeConditions.DrawdownFromHigh(1m, 10));
    }
}

public class ReplayHandCalculationTests
{
    internal static MarketHistory Synthetic()
    {
        var d0 = new DateOnly(2024, 1, 1);
        var spot = Enumerable.Range(0, 4).Select(i => new HedgeMath.Market.Candle(d0.AddDays(i), 100m, 100m, 100m, 100m, 1m)).ToArray();
        var perp = new[]
        {
            new HedgeMath.Market.Candle(d0, 100m, 100m, 100m, 100m, 1m),
            new HedgeMath.Market.Candle(d0.AddDays(1), 100m, 104m, 99m, 103m, 1m),
            new HedgeMath.Market.Candle(d0.AddDays(2), 103m, 112m, 102m, 110m, 1m),
            new HedgeMath.Market.Candle(d0.AddDays(3), 110m, 111m, 105m, 106m, 1m),
        };
        var funding = Enumerable.Range(0, 12).Select(i => new HedgeMath.Market.FundingEvent(
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(8 * i), 0.0001m)).ToArray();
        return MarketHistory.Align(spot, perp, funding);
    }

    [Fact]
    public void Replay_StopHitIntraday_HandCalculated()
    {
        // Static full hedge (1 unit) at 1x (liquidation near 2× the entry, never reached), stop 10 % above entry, fee 0.1 %,
        // funding 0.01 % per 8h; the mark is the perpetual (the synthetic spot is flat).
        var r = HistoricalReplay.Run(Synthetic(), HedgePolicy.Static(1m, 1m, Stub.Contract(feeRate: 0.001m), stopDistance: 0.10m), 1m, MarkPriceSource.Last);
        // day 0: open at 100, fee 0.1                                  → 100 − 0.1 = 99.9
        // day 1: survives (high 104 < 110), funding 1·100·0.0003 = 0.03; unrealized 100 − 103 = −3 → 100 − 0.07 − 3 = 96.93
        // day 2: the day's prints at the open mark first: 1·103·0.0003 = 0.0309; then high 112 ≥ stop 110 → fill at the stop
        //        110 (the day opened at 103, below it): −10, fee 0.11 → 100 − 0.1 + 0.03 + 0.0309 − 10 − 0.11 = 89.8509 (no re-entry today)
        // day 3: re-open at 106, fee 0.106                             → 89.8509 − 0.106 = 89.7449
        Assert.Equal([99.9m, 96.93m, 89.8509m, 89.7449m], r.HedgedEquity.ToArray());
        Assert.Equal(0.0609m, r.TotalFunding);
        Assert.Equal(0.316m, r.TotalFees);
        Assert.Equal(-10m, r.FuturesPnl);
        Assert.Equal(1, r.StopsHit);
        Assert.Equal(3, r.Trades);
        Assert.Equal([1m, 1m, 0m, 1m], r.HedgeRatios.ToArray());
        Assert.Equal(0d, r.Unhedged.MaxDrawdown);
        // hedged drawdown: peak 99.9 → trough 89.7449
        Assert.Equal((99.9 - 89.7449) / 99.9, r.Hedged.MaxDrawdown, 12);
    }
}
