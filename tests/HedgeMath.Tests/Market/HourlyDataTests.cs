using HedgeMath.Market;

namespace HedgeMath.Tests.Market;

// Real hourly crypto candles from QuantConnect/Lean's sample data (Apache-2.0; provenance in data/market/SOURCES.md):
// - market/btcusdt_spot_hourly_2018-05-01_05.csv: Binance BTCUSDT, 120 bars, 2018-05-01 00:00 .. 2018-05-05 23:00 UTC;
// - market/btcusd_bitfinex_hourly_2013-10.csv: Bitfinex BTCUSD, 733 bars, 2013-10-01 00:00 .. 2013-10-31 21:00 UTC
//   (11 of October's 744 hours have no bar: no trades).
// Lean's convention: the time of a row is the bar's open time (TradeBar.Time; EndTime = Time + Period), in UTC.
public class HourlyDataTests
{
    [Fact]
    public void BinanceHourly_ResampledToDays_IsBinancesDailyCandles()
    {
        // The repository's daily Binance BTCUSDT file comes from other sources (data/market/SOURCES.md). If the hourly
        // rows are open times in UTC, their UTC-day buckets must reproduce the daily candles exactly: open of 00:00,
        // high/low over the 24 bars, close of 23:00, volume summed.
        var hours = Candle.ParseCsv(TestData.Text("market/btcusdt_spot_hourly_2018-05-01_05.csv"));
        Assert.Equal(120, hours.Length);
        Assert.All(hours, c => Assert.Equal(TimeSpan.FromHours(1), c.Interval));
        Assert.Equal(new DateTimeOffset(2018, 5, 1, 0, 0, 0, TimeSpan.Zero), hours[0].Timestamp);
        var days = Candle.Resample(hours, TimeSpan.FromDays(1));
        var daily = TestData.Candles("btcusdt_spot_daily.csv").Where(c => c.Date >= new DateOnly(2018, 5, 1) && c.Date <= new DateOnly(2018, 5, 5)).ToArray();
        Assert.Equal(5, days.Length);
        Assert.Equal(5, daily.Length);
        for (int i = 0; i < 5; i++)
            Assert.Equal((daily[i].Timestamp, daily[i].Open, daily[i].High, daily[i].Low, daily[i].Close, daily[i].Volume),
                (days[i].Timestamp, days[i].Open, days[i].High, days[i].Low, days[i].Close, days[i].Volume));
    }

    [Fact]
    public void BitfinexMonth_ParsesAsHourlyBars_WithItsGaps()
    {
        var k = Candle.ParseCsv(TestData.Text("market/btcusd_bitfinex_hourly_2013-10.csv"));
        Assert.Equal(733, k.Length);
        Assert.All(k, c => Assert.Equal(TimeSpan.FromHours(1), c.Interval));
        Assert.Equal(new DateTimeOffset(2013, 10, 1, 0, 0, 0, TimeSpan.Zero), k[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2013, 10, 31, 21, 0, 0, TimeSpan.Zero), k[^1].Timestamp);
        // October has 744 hours: 733 bars, the 2 hours after 21:00 on the 31st, and 9 hours without a bar inside the
        // month, in 7 places (checked from the file outside the library).
        int gaps = 0, missing = 0;
        for (int i = 1; i < k.Length; i++)
        {
            var step = k[i].Timestamp - k[i - 1].Timestamp;
            if (step == TimeSpan.FromHours(1)) continue;
            gaps++;
            missing += (int)(step.TotalHours - 1);
        }
        Assert.Equal((7, 9), (gaps, missing));
    }

    [Fact]
    public void BitfinexMonth_ResampledToDays_MatchesTheFile()
    {
        // 2013-10-02 (the day Silk Road was shut down): 24 bars, open 126.99 (00:00 row), high 128.5, low 83.26,
        // close 105.3 (23:00 row), volume 41,044.28406535 BTC — computed from the file outside the library.
        // 2013-10-05 has 22 bars (two hours without trades): open 121.78, high 125, low 115, close 121.01, volume 1,345.88078967.
        var days = Candle.Resample(Candle.ParseCsv(TestData.Text("market/btcusd_bitfinex_hourly_2013-10.csv")), TimeSpan.FromDays(1));
        Assert.Equal(31, days.Length);
        var d2 = days.Single(d => d.Date == new DateOnly(2013, 10, 2));
        Assert.Equal((126.99m, 128.5m, 83.26m, 105.3m, 41_044.28406535m), (d2.Open, d2.High, d2.Low, d2.Close, d2.Volume));
        var d5 = days.Single(d => d.Date == new DateOnly(2013, 10, 5));
        Assert.Equal((121.78m, 125m, 115m, 121.01m, 1_345.88078967m), (d5.Open, d5.High, d5.Low, d5.Close, d5.Volume));
    }
}
