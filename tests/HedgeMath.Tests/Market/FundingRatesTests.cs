using HedgeMath.Market;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Market;

public class FundingRatesTests
{
    [Fact]
    public void ParseBinanceCsv_Download_KeepsTheFilesInterval()
    {
        // data.binance.vision funding download layout: calc_time (ms), funding_interval_hours, last_funding_rate.
        // 1704067200000 = 2024-01-01T00:00Z; a symbol on 4-hour funding.
        var csv = "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,4,0.00010000\n1704081600000,4,-0.00002500\n";
        var f = FundingEvent.ParseBinanceCsv(csv);
        Assert.Equal(TimeSpan.FromHours(4), f[0].Interval);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 4, 0, 0, TimeSpan.Zero), f[1].Time);
        Assert.Equal(-0.000025m, f[1].Rate);
    }

    [Fact]
    public void ParseBinanceJson_RecordedResponse_IntervalFromTheGap()
    {
        // Binance GET /fapi/v1/fundingRate recorded in nautilus_trader (http_futures_usdt_funding_rate.json):
        // 1570608000000 and 1570636800000 ms are 28,800,000 ms = 8 h apart.
        var json = """[{"symbol":"BTCUSDT","fundingRate":"-0.03750000","fundingTime":1570608000000},{"symbol":"BTCUSDT","fundingRate":"0.00010000","fundingTime":1570636800000}]""";
        var f = FundingEvent.ParseBinanceJson(json);
        Assert.Equal(TimeSpan.FromHours(8), f[0].Interval);
        Assert.Equal(-0.0375m, f[0].Rate);
        Assert.Equal(new DateTimeOffset(2019, 10, 9, 8, 0, 0, TimeSpan.Zero), f[0].Time);
    }

    [Fact]
    public void ParseOkxJson_RecordedResponse_NewestFirst_UsesRealizedRate()
    {
        // OKX GET /api/v5/public/funding-rate-history recorded in nautilus_trader (http_get_funding_rate_history.json).
        var json = """{"code":"0","msg":"","data":[{"instType":"SWAP","instId":"BTC-USDT-SWAP","fundingRate":"0.0001515032","realizedRate":"0.00015","fundingTime":"1704067200000"},{"instType":"SWAP","instId":"BTC-USDT-SWAP","fundingRate":"-0.0000236017","realizedRate":"-0.00002","fundingTime":"1704038400000"}]}""";
        var f = FundingEvent.ParseOkxJson(json);
        Assert.Equal(new DateTimeOffset(2023, 12, 31, 16, 0, 0, TimeSpan.Zero), f[0].Time);
        Assert.Equal(-0.00002m, f[0].Rate);
        Assert.Equal(0.00015m, f[1].Rate);
        Assert.Equal(TimeSpan.FromHours(8), f[1].Interval);
    }

    [Fact]
    public void ParseBybitJson_NewestFirst_Ascends()
    {
        // Bybit GET /v5/market/funding/history layout (result.list, newest first).
        var json = """{"retCode":0,"result":{"category":"linear","list":[{"symbol":"BTCUSDT","fundingRate":"0.0001","fundingRateTimestamp":"1672070400000"},{"symbol":"BTCUSDT","fundingRate":"0.00005","fundingRateTimestamp":"1672041600000"}]}}""";
        var f = FundingEvent.ParseBybitJson(json);
        Assert.True(f[0].Time < f[1].Time);
        Assert.Equal(0.00005m, f[0].Rate);
    }

    [Fact]
    public void ParseBybitJson_Duplicate_NamesRowAndField()
    {
        var json = """{"result":{"list":[{"fundingRate":"0.0001","fundingRateTimestamp":"1672070400000"},{"fundingRate":"0.0001","fundingRateTimestamp":"1672070400000"}]}}""";
        var ex = BadInput.Throws("json", () => FundingEvent.ParseBybitJson(json));
        Assert.Contains("row 2", ex.Message);
        Assert.Contains("fundingRateTimestamp", ex.Message);
    }

    [Fact]
    public void MarketCsv_Funding_SwitchFrom8hTo4h_TakesTheSmallerGap()
    {
        var f = FundingEvent.ParseCsv("time,funding_rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T08:00:00Z,0.0001\n2024-01-01T12:00:00Z,0.0001\n2024-01-01T16:00:00Z,0.0001\n");
        Assert.Equal([8d, 4d, 4d, 4d], f.Select(e => e.Interval.TotalHours));
    }

    [Fact]
    public void MarketCsv_Funding_DuplicateTime_NamesLineAndColumn()
    {
        var ex = BadInput.Throws("csv", () => FundingEvent.ParseCsv("time,funding_rate\n2024-01-01T00:00:00Z,0.0001\n2024-01-01T00:00:00Z,0.0001\n"));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("'time'", ex.Message);
    }
}
