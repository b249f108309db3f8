using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Market;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Scenarios;

/// <summary>The replay on intraday candles: funding prints settled at their own timestamps with that time's mark.</summary>
public class IntradayReplayTests
{
    private static readonly TimeSpan H8 = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Day1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Two days of 8-hour spot bars (O, H, L, C). The 2026-01-02 08:00 bar gaps up: its open (110) is the mark at the
    // 08:00 print, far from the day's open (104).
    private static readonly decimal[][] SpotBars =
    [
        [100m, 102m, 99m, 101m], [101m, 104m, 100m, 103m], [103m, 105m, 102m, 104m],
        [104m, 106m, 103m, 105m], [110m, 112m, 108m, 111m], [120m, 121m, 118m, 119m],
    ];

    private static ImmutableArray<Candle> Bars(decimal offset, TimeSpan? shift = null) =>
        [.. SpotBars.Select((b, i) => new Candle(Day1 + i * H8 + (shift ?? TimeSpan.Zero), H8, b[0] + offset, b[1] + offset, b[2] + offset, b[3] + offset, 1m))];

    // Prints at 00:00, 08:00 and 16:00 UTC, rates 0.0001 .. 0.0006 in time order.
    private static readonly ImmutableArray<FundingEvent> Prints =
        [.. Enumerable.Range(0, 6).Select(i => new FundingEvent(Day1 + i * H8, 0.0001m * (i + 1)))];

    [Fact]
    public void Align_EightHourBars_OnePrintPerBar()
    {
        var h = MarketHistory.Align(Bars(0m), Bars(1m), Prints);
        Assert.Equal(6, h.Length);
        Assert.Equal(H8, h.Interval);
        Assert.Equal(Day1 + 4 * H8, h.Times[4]);
        Assert.Equal(new DateOnly(2026, 1, 2), h.Dates[4]);
        Assert.All(h.FundingPrints, c => Assert.Equal(1, c));
        Assert.Equal(0.0005m, h.DailyFunding[4]);
        // The window is whole UTC days: from/to select the second day's three bars.
        var d2 = MarketHistory.Align(Bars(0m), Bars(1m), Prints, new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 2));
        Assert.True(d2.Times.SequenceEqual([Day1 + 3 * H8, Day1 + 4 * H8, Day1 + 5 * H8]));
    }

    [Fact]
    public void Replay_EightHourBars_FundsEachPrintAtTheMarkOfItsTime()
    {
        // Static 0.5 hedge of 1 spot at 1x, no fees, mark = spot, perpetual = spot + 1. The hedge opens at the first
        // bar's close (perp 102, 0.5 short). Each later print is settled at the open of the bar starting at its time:
        //   08:00 d1: 0.5 × 101 × 0.0002 = 0.0101
        //   16:00 d1: 0.5 × 103 × 0.0003 = 0.01545
        //   00:00 d2: 0.5 × 104 × 0.0004 = 0.0208
        //   08:00 d2: 0.5 × 110 × 0.0005 = 0.0275   (the day's open would give 0.026)
        //   16:00 d2: 0.5 × 120 × 0.0006 = 0.036    (the day's open would give 0.0312)
        //   total 0.10985
        // Final equity = spot close 119 + 0.5 × (102 − 120) + 0.10985 = 110.10985.
        var h = MarketHistory.Align(Bars(0m), Bars(1m), Prints);
        var r = ReplayTests.Static(h, 0.5m, 1m, Stub.Contract());
        Assert.Equal(0.10985m, r.TotalFunding);
        Assert.Equal(-9m, r.FuturesPnl);
        Assert.Equal(110.10985m, r.Hedged.FinalEquity);
        Assert.Equal(0, r.Liquidations);
        Assert.Equal(5, r.DaysHedged); // bars held through
        Assert.Equal(Day1 + 5 * H8, h.Times[^1]);
        // The result says what its bars are: six 8-hour bars from 2026-01-01 00:00 to 2026-01-02 16:00, not "6 days".
        Assert.Equal(H8, r.Interval);
        Assert.True(r.Times.SequenceEqual(h.Times));
        var table = ResultTables.Replay(r);
        Assert.Contains(table.Facts, f => f.Key == "Bars hedged (8h)" && f.Value.Number == 5m);
        Assert.Equal(110.10985m, table.Rows[1][1].Number);                   // final equity, hedged (above)
        Assert.Equal(0.10985m, table.Facts.Single(f => f.Key == "Funding received").Value.Number);
        Assert.DoesNotContain(table.Facts, f => f.Key.Contains("days", StringComparison.OrdinalIgnoreCase));

        // The same data as daily bars keeps the daily convention: the hedge opens at day 1's close and day 2's three
        // prints are summed at day 2's open: 0.5 × 104 × (0.0004 + 0.0005 + 0.0006) = 0.078.
        var daily = MarketHistory.Align(Candle.Resample(Bars(0m), TimeSpan.FromDays(1)), Candle.Resample(Bars(1m), TimeSpan.FromDays(1)), Prints);
        Assert.Equal(104m, daily.Spot[1].Open);
        var dailyResult = ReplayTests.Static(daily, 0.5m, 1m, Stub.Contract());
        Assert.Equal(0.078m, dailyResult.TotalFunding);
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2)], dailyResult.Dates.ToArray());
        Assert.Contains(ResultTables.Replay(dailyResult).Facts, f => f.Key == "Days hedged");
    }

    [Fact]
    public void Replay_EightHourBars_LiquidationChecksEachBarRangeAfterItsPrint()
    {
        // 0.5 short at 2x from perp close 102: liquidation at 102 × 1.5 / 1.004 = 152.39 (single tier, MMR 0.4 %). Raise
        // the last bar's high to 160: the 16:00 d2 print is settled first (at the bar's open 120), then the bar's range
        // liquidates the hedge; the loss is the isolated margin 0.5 × 102 / 2 = 25.5.
        var spot = Bars(0m).SetItem(5, new Candle(Day1 + 5 * H8, H8, 120m, 160m, 118m, 119m, 1m));
        var perp = Bars(1m).SetItem(5, new Candle(Day1 + 5 * H8, H8, 121m, 161m, 119m, 120m, 1m));
        var r = ReplayTests.Static(MarketHistory.Align(spot, perp, Prints), 0.5m, 2m, Stub.Contract());
        Assert.Equal(1, r.Liquidations);
        Assert.Equal(0.10985m, r.TotalFunding);
        Assert.Equal(-25.5m, r.FuturesPnl);
    }

    [Fact]
    public void Replay_RealOneMinuteAndHourlyBars_FundTheSixteenHundredPrintAtThatMinutesOpen()
    {
        // data/indicators/quotes_intraday_1m.csv, 2020-12-15: 391 one-minute bars 09:30 .. 16:00 (real data, used as
        // both spot and perpetual). A print at 16:00 (rate 0.0003) is the only one in the window (the 08:00 print is
        // before it). The 16:00 row opens at 369.55, so a 0.5 hedge receives 0.5 × 369.55 × 0.0003 = 0.0554325 whether
        // the bars are minutes or hours (the 16:00 hourly bar holds only the 16:00 minute).
        var minutes = Candle.ParseCsv(TestData.Text("indicators/quotes_intraday_1m.csv"))
            .Where(c => c.Date == new DateOnly(2020, 12, 15)).ToImmutableArray();
        Assert.Equal(391, minutes.Length);
        var funding = FundingEvent.ParseCsv("time,funding_rate\n2020-12-15T08:00:00Z,0.0001\n2020-12-15T16:00:00Z,0.0003\n2020-12-16T00:00:00Z,0.0002\n");

        var m = MarketHistory.Align(minutes, minutes, funding);
        Assert.Equal(391, m.Length);
        Assert.Equal(1, m.FundingPrints[^1]);
        Assert.Equal(1, m.FundingPrints.Sum());
        var rm = ReplayTests.Static(m, 0.5m, 1m, Stub.Contract());
        Assert.Equal(0.0554325m, rm.TotalFunding);

        var hours = Candle.Resample(minutes, TimeSpan.FromHours(1));
        var h = MarketHistory.Align(hours, hours, funding);
        Assert.Equal(8, h.Length); // 09:00 .. 16:00
        var rh = ReplayTests.Static(h, 0.5m, 1m, Stub.Contract());
        Assert.Equal(0.0554325m, rh.TotalFunding);
        // Both end at the same close with the hedge opened at the first bar's close: 09:30's close 367.46 vs the 09:00
        // hour's close 366.86 (the 09:59 row); hedge PnL 0.5 × (entry − 369.56).
        Assert.Equal(0.5m * (367.46m - 369.56m), rm.FuturesPnl);
        Assert.Equal(0.5m * (366.86m - 369.56m), rh.FuturesPnl);
        // Volatility is annualised with the bars in 365 days: √(365 × 24) for hours.
        Assert.Equal(StdDev(rh.UnhedgedEquity) * Math.Sqrt(365d * 24d), rh.Unhedged.AnnualizedVolatility, 9);
    }

    private static double StdDev(ImmutableArray<decimal> equity)
    {
        var r = new double[equity.Length - 1];
        for (int i = 0; i < r.Length; i++) r[i] = (double)equity[i + 1] / (double)equity[i] - 1d;
        double mean = r.Average();
        return Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
    }

    [Fact]
    public void Align_MismatchedIntervals_AreRejectedNamingTheSeriesAndRow()
    {
        var daily = Candle.Resample(Bars(1m), TimeSpan.FromDays(1));
        var ex = BadInput.Throws("perp", () => MarketHistory.Align(Bars(0m), daily, Prints));
        Assert.Contains("row 0", ex.Message);
        Assert.Contains("1d", ex.Message);
        // One 4-hour bar among 8-hour bars.
        var mixed = Bars(0m).SetItem(3, new Candle(Day1 + 3 * H8, TimeSpan.FromHours(4), 104m, 106m, 103m, 105m, 1m));
        ex = BadInput.Throws("spot", () => MarketHistory.Align(mixed, Bars(1m), Prints));
        Assert.Contains("row 3", ex.Message);
        Assert.Contains("4h", ex.Message);
    }

    [Fact]
    public void Align_MisalignedOrMissingBars_AreRejectedNamingTheSeriesAndRow()
    {
        // Perpetual bars opening 30 minutes after the spot bars.
        var ex = BadInput.Throws("perp", () => MarketHistory.Align(Bars(0m), Bars(1m, TimeSpan.FromMinutes(30)), Prints));
        Assert.Contains("row 0", ex.Message);
        // A missing 16:00 bar on the first day.
        ex = BadInput.Throws("perp", () => MarketHistory.Align(Bars(0m), Bars(1m).RemoveAt(2), Prints));
        Assert.Contains("2026-01-01T16:00:00Z", ex.Message);
        Assert.Contains("row 2", ex.Message);
        // A window reaching past the data.
        BadInput.Throws("to", () => MarketHistory.Align(Bars(0m), Bars(1m), Prints, to: new DateOnly(2026, 1, 3)));
        // The bootstrap model steps in days.
        Assert.Throws<InvalidOperationException>(() => MarketHistory.Align(Bars(0m), Bars(1m), Prints).Bootstrap(2));
    }

    [Fact]
    public void Signals_OnEightHourBars_JoinOnTheTimestampNotTheDay()
    {
        // The history clock matches signals to bars by timestamp: bar 4 (2026-01-02 08:00) gets the 08:00 signal set (a
        // join on the day would give all three bars of that day the last bar's set).
        var h = MarketHistory.Align(Bars(0m), Bars(1m), Prints);
        var series = HedgeMath.Signals.SignalSeries.FromCandles(Bars(0m));
        var index = PlanHistory.BarIndex(h, series);
        Assert.Equal([0, 1, 2, 3, 4, 5], index);
        Assert.Equal(Day1 + 4 * H8, series[index[4]].Timestamp);
    }

    [HedgeProperty(QuickTests = 40)]
    public Property DailyHistory_ReplaysAsBefore_FundingSummedAtTheDaysOpen()
    {
        // The daily convention, recomputed naively (as before intraday histories): a static linear short hedge of a
        // random size, opened at the first perpetual close and re-hedged every k days (a linear hedge's size does not
        // drift, so nothing trades), funding = Σ h · spot open · (the day's summed rate), no liquidation (in 2022 BTC never
        // doubled from a close, so a 1x short survives every window).
        var full = ReplayTests.Btc.Value;
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var perp = TestData.Candles("btcusdt_perp_daily.csv");
        var prints = TestData.Funding("btcusdt_funding_8h.csv");
        int i0 = full.Dates.IndexOf(new DateOnly(2022, 1, 1));
        int i1 = full.Dates.IndexOf(new DateOnly(2022, 12, 31));
        var gen = from a in Gen.Choose(i0, i1 - 2)
                  from len in Gen.Choose(2, 400)
                  from ratioPct in Gen.Choose(1, 100)
                  from k in Gen.Choose(0, 40)
                  select (start: full.Dates[a], end: full.Dates[Math.Min(i1, a + len)], ratio: ratioPct / 100m, k);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var h = MarketHistory.Align(spot, perp, prints, t.start, t.end);
            var r = ReplayTests.Static(h, t.ratio, 1m, Stub.Contract(feeRate: 0.0005m), rehedgeEveryDays: t.k);
            decimal hq = t.ratio, entry = h.Perp[0].Close, funding = 0m;
            for (int d = 1; d < h.Length; d++) funding += hq * h.Spot[d].Open * h.DailyFunding[d];
            decimal fees = hq * entry * 0.0005m;
            decimal final = h.Spot[^1].Close + hq * (entry - h.Perp[^1].Close) + funding - fees;
            return r.Liquidations == 0 && r.TotalFunding == funding && r.TotalFees == fees && r.Hedged.FinalEquity == final
                && r.DaysHedged == h.Length - 1 && h.Interval == TimeSpan.FromDays(1) && h.Times[0].TimeOfDay == TimeSpan.Zero;
        });
    }
}
