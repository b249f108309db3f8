using HedgeMath.Market;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Market;

public class MarketCsvTests
{
    [Fact]
    public void ParseCandles_BtcSpot_MatchesSourcesRowCountAndEnds()
    {
        // data/market/SOURCES.md: btcusdt_spot_daily.csv has 3283 rows, 2017-08-17 .. 2026-08-12.
        var candles = TestData.Candles("btcusdt_spot_daily.csv");
        Assert.Equal(3283, candles.Length);
        Assert.Equal(new DateOnly(2017, 8, 17), candles[0].Date);
        Assert.Equal(new DateOnly(2026, 8, 12), candles[^1].Date);
        // First row of the file: 2017-08-17,4261.48,4485.39,4200.74,4285.08,795.150377
        Assert.Equal(4261.48m, candles[0].Open);
        Assert.Equal(4485.39m, candles[0].High);
        Assert.Equal(4200.74m, candles[0].Low);
        Assert.Equal(4285.08m, candles[0].Close);
        Assert.Equal(795.150377m, candles[0].Volume);
    }

    [Fact]
    public void ParseFunding_Btc_MatchesSourcesCountAndSpan()
    {
        // SOURCES.md: 7550 events, 2019-09-10T08:00Z .. 2026-07-31T16:00Z; first rate 0.0001.
        var f = TestData.Funding("btcusdt_funding_8h.csv");
        Assert.Equal(7550, f.Length);
        Assert.Equal(new DateTimeOffset(2019, 9, 10, 8, 0, 0, TimeSpan.Zero), f[0].Time);
        Assert.Equal(new DateTimeOffset(2026, 7, 31, 16, 0, 0, TimeSpan.Zero), f[^1].Time);
        Assert.Equal(0.0001m, f[0].Rate);
    }

    [Fact]
    public void ParseFunding_ScientificNotation_IsExact()
    {
        var f = FundingEvent.ParseCsv("time,funding_rate\n2020-01-01T00:00:00Z,6.876e-05\n");
        Assert.Equal(0.00006876m, f[0].Rate);
    }

    [Fact]
    public void ParseCandles_MissingColumn_NamesTheColumn()
    {
        var ex = BadInput.Throws("csv", () => Candle.ParseCsv("date,open,high,low,volume\n"));
        Assert.Contains("close", ex.Message);
    }

    [Fact]
    public void ParseCandles_BadRow_NamesTheLine()
    {
        var ex = BadInput.Throws("csv", () => Candle.ParseCsv("date,open,high,low,close,volume\n2020-01-01,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,-1,10\n"));
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void ParseCandles_DatesNotAscending_Throws()
    {
        var ex = BadInput.Throws("csv", () => Candle.ParseCsv("date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-01,1,2,0.5,1.5,10\n"));
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void Candle_RejectsBadPrices()
    {
        var d = new DateOnly(2020, 1, 1);
        BadInput.Rejects("open", v => _ = new Candle(d, v, 2m, 0.5m, 1m, 1m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("close", v => _ = new Candle(d, 1m, 2m, 0.5m, v, 1m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("volume", v => _ = new Candle(d, 1m, 2m, 0.5m, 1m, v), BadInput.NegativeDecimals);
        BadInput.Throws("high", () => _ = new Candle(d, 1m, 1.2m, 0.5m, 1.5m, 1m));
        BadInput.Throws("low", () => _ = new Candle(d, 1m, 2m, 1.1m, 1.5m, 1m));
    }

    [Fact]
    public void FundingEvent_RejectsRateOutsideUnitInterval()
    {
        BadInput.Rejects("rate", v => _ = new FundingEvent(DateTimeOffset.UnixEpoch, v), [1m, -1m, 5m]);
    }

    [Fact]
    public void CandleSeries_Closes_ConvertsInOrder()
    {
        var candles = TestData.Candles("btcusdt_spot_daily.csv");
        var closes = Candle.Closes(candles);
        Assert.Equal(candles.Length, closes.Length);
        Assert.Equal(4285.08, closes[0]);
        Assert.Equal(4108.37, closes[1]);
    }
}
