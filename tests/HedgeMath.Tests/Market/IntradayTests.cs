using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Market;

// data/indicators/quotes_intraday_1m.csv: Stock.Indicators' intraday test series, 1,564 one-minute bars,
// 2020-12-15 09:30 .. 2020-12-18 16:00 (391 bars a day, exchange local time read as given).
public class IntradayTests
{
    private static readonly Lazy<System.Collections.Immutable.ImmutableArray<Candle>> s_bars =
        new(() => Candle.ParseCsv(TestData.Text("indicators/quotes_intraday_1m.csv")));

    [Fact]
    public void ParseCandles_DateTimeColumn_OneMinuteBars()
    {
        var k = s_bars.Value;
        Assert.Equal(1564, k.Length);
        Assert.All(k, c => Assert.Equal(TimeSpan.FromMinutes(1), c.Interval));
        Assert.Equal(new DateTimeOffset(2020, 12, 15, 9, 30, 0, TimeSpan.Zero), k[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2020, 12, 18, 16, 0, 0, TimeSpan.Zero), k[^1].Timestamp);
        Assert.Equal(391, k.Count(c => c.Date == new DateOnly(2020, 12, 15)));
    }

    [Fact]
    public void Resample_ToHours_FirstBucketMatchesTheFile()
    {
        // The 09:00 bucket of 2020-12-15 holds the 30 bars 09:30 .. 09:59: open 367.4 (first row), high 367.775,
        // low 366.69, close 366.86 (09:59 row), volume 4,071,769 (sum) — computed from the file outside the library.
        var h = Candle.Resample(s_bars.Value, TimeSpan.FromHours(1));
        Assert.Equal(32, h.Length); // 8 hourly buckets (09 .. 16) on each of 4 days
        var first = h[0];
        Assert.Equal(new DateTimeOffset(2020, 12, 15, 9, 0, 0, TimeSpan.Zero), first.Timestamp);
        Assert.Equal((367.4m, 367.775m, 366.69m, 366.86m, 4_071_769m), (first.Open, first.High, first.Low, first.Close, first.Volume));
        var daily = Candle.Resample(s_bars.Value, TimeSpan.FromDays(1));
        Assert.Equal(4, daily.Length);
        Assert.Equal(367.4m, daily[0].Open);
    }

    [Fact]
    public void Resample_NotAMultiple_Throws() =>
        BadInput.Throws("interval", () => Candle.Resample(s_bars.Value, TimeSpan.FromSeconds(90)));

    [Fact]
    public void Rsi_OnMinuteBars_MatchesStreaming()
    {
        var closes = Candle.Closes(s_bars.Value);
        var batch = Rsi.Compute(closes, 14);
        var stream = new Rsi(14);
        for (int i = 0; i < closes.Length; i++)
        {
            var v = stream.Add(closes[i]);
            if (double.IsNaN(batch[i])) Assert.True(double.IsNaN(v));
            else Assert.Equal(batch[i], v, 1e-9);
        }
        Assert.All(batch.Skip(14), v => Assert.InRange(v, 0d, 100d));
    }

    [Fact]
    public void Signals_OnMinuteBars_CarryTimestamps()
    {
        var s = SignalSeries.FromCandles(s_bars.Value);
        Assert.Equal(1564, s.Timestamps.Length);
        Assert.Equal(s_bars.Value[100].Timestamp, s.Timestamps[100]);
        Assert.Equal(s.Timestamps.Length, s.Timestamps.Distinct().Count());
        var last = s.RecentFired(5);
        Assert.All(last, x => Assert.NotNull(x.Timestamp));
    }

    [Fact]
    public void AlignedCloses_MinuteBars_JoinOnTimestampNotDate()
    {
        // Futures series missing every 10th minute: the join keeps the 1,564 − 157 common minutes (a join on the
        // date would have collapsed each day to one row).
        var spot = s_bars.Value;
        var fut = spot.Where((_, i) => i % 10 != 0).ToList();
        var a = AlignedCloses.Create(spot, fut);
        Assert.Equal(1564 - 157, a.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), a.Interval);
        Assert.True(a.Gaps > 0);
        var h = HedgeRatio.MinimumVariance(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns);
        Assert.Equal(1.0, h.HedgeRatio, 1e-12); // identical closes → h* = 1
    }

    [Fact]
    public void AlignedCloses_DifferentIntervals_Throws()
    {
        var hourly = Candle.Resample(s_bars.Value, TimeSpan.FromHours(1));
        BadInput.Throws("futures", () => AlignedCloses.Create(s_bars.Value, hourly));
    }

    [Fact]
    public void MarketHistory_MinuteBars_AreAlignedByTimestamp()
    {
        // Minute bars are a history of their own now (one continuous session: 2020-12-15 09:30 .. 16:00, 391 bars);
        // the whole file has overnight gaps, which are rejected naming the first missing bar.
        var f = FundingEvent.ParseCsv("time,funding_rate\n2020-12-15T00:00:00Z,0.0001\n2020-12-19T00:00:00Z,0.0001\n");
        var ex = BadInput.Throws("spot", () => MarketHistory.Align(s_bars.Value, s_bars.Value, f));
        Assert.Contains("2020-12-15T16:01:00Z", ex.Message);
        var day = s_bars.Value.Where(c => c.Date == new DateOnly(2020, 12, 15)).ToArray();
        var h = MarketHistory.Align(day, day, f);
        Assert.Equal(391, h.Length);
        Assert.Equal(TimeSpan.FromMinutes(1), h.Interval);
        var daily = Candle.Resample(s_bars.Value, TimeSpan.FromDays(1));
        Assert.Equal(4, MarketHistory.Align(daily, daily, f).Length);
    }
}
