using HedgeMath.Market;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Market;

public class KlinesTests
{
    // Binance kline rows (12 columns, data.binance.vision layout): 1h BTCUSDT bars, open_time/close_time in ms.
    private const string BinanceRows =
        "1704067200000,42283.58,42554.57,42261.02,42475.23,1271.68108,1704070799999,53957248.97,47134,682.57581,28957416.82,0\n" +
        "1704070800000,42475.23,42775.00,42431.65,42613.56,1196.37856,1704074399999,50984893.20,45593,712.31123,30356498.15,0\n";

    [Fact]
    public void ParseBinanceCsv_NoHeaderMilliseconds_ReadsTimestampAndInterval()
    {
        var k = Candle.ParseBinanceCsv(BinanceRows);
        Assert.Equal(2, k.Length);
        // 1704067200000 ms = 2024-01-01T00:00:00Z; close_time − open_time + 1 ms = 3,600,000 ms = 1 h.
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), k[0].Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), k[0].Interval);
        Assert.Equal((42283.58m, 42554.57m, 42261.02m, 42475.23m, 1271.68108m), (k[0].Open, k[0].High, k[0].Low, k[0].Close, k[0].Volume));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero), k[1].Timestamp);
    }

    [Fact]
    public void ParseBinanceCsv_HeaderAndMicroseconds_SameCandles()
    {
        // Binance spot archives since 2025 write microseconds: 1704067200000000 µs = 2024-01-01T00:00:00Z.
        var micro = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n" +
            "1704067200000000,42283.58,42554.57,42261.02,42475.23,1271.68108,1704070799999999,53957248.97,47134,682.57581,28957416.82,0\n";
        var k = Candle.ParseBinanceCsv(micro);
        Assert.Equal(Candle.ParseBinanceCsv(BinanceRows)[0], k[0]);
    }

    [Fact]
    public void ParseBinanceCsv_DuplicateTimestamp_NamesRowAndColumn()
    {
        var lines = BinanceRows.Split('\n');
        var ex = BadInput.Throws("csv", () => Candle.ParseBinanceCsv(lines[0] + "\n" + lines[0] + "\n"));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("open_time", ex.Message);
        Assert.Contains("duplicates", ex.Message);
    }

    [Fact]
    public void ParseBinanceCsv_Unordered_NamesRowAndColumn()
    {
        var lines = BinanceRows.Split('\n');
        var ex = BadInput.Throws("csv", () => Candle.ParseBinanceCsv(lines[1] + "\n" + lines[0] + "\n"));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("open_time", ex.Message);
    }

    [Fact]
    public void ParseBinanceCsv_BadNumber_NamesRowAndColumn()
    {
        var ex = BadInput.Throws("csv", () => Candle.ParseBinanceCsv(BinanceRows.Replace("42775.00", "x")));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("'high'", ex.Message);
    }

    [Fact]
    public void ParseBinanceJson_RecordedResponse()
    {
        // Binance GET /fapi/v1/klines response recorded in nautilus_trader
        // (tests/integration_tests/adapters/binance/resources/http_responses/http_futures_market_klines.json):
        // open 1499040000000 (2017-07-03T00:00Z), close 1499644799999 → interval 7 days (a 1w kline).
        var json = """[[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","17928899.62484339"]]""";
        var k = Assert.Single(Candle.ParseBinanceJson(json));
        Assert.Equal(new DateTimeOffset(2017, 7, 3, 0, 0, 0, TimeSpan.Zero), k.Timestamp);
        Assert.Equal(TimeSpan.FromDays(7), k.Interval);
        Assert.Equal(0.80000000m, k.High);
        Assert.Equal(k, Candle.Parse(json)[0]);
    }

    // Bybit GET /v5/market/kline response (BTCUSDT linear, 1d) recorded in nautilus_trader
    // (tests/integration_tests/adapters/bybit/resources/http_responses/linear/klines_btc.json), newest first.
    private const string BybitResponse = """
        {"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[
        ["1694649600000","26210","26527.2","26125.8","26268.2","11185.573","293656450.7204"],
        ["1694563200000","25828.3","34343","25752.4","26210","76565.946","2060874661.2268"],
        ["1694476800000","25155.5","26556.1","25117.7","25828.3","56642.088","1469420524.0455"]]},"time":1694674505073}
        """;

    [Fact]
    public void ParseBybitJson_NewestFirst_ReturnsAscendingDailyBars()
    {
        var k = Candle.ParseBybitJson(BybitResponse);
        Assert.Equal(3, k.Length);
        // 1694476800000 ms = 2023-09-12T00:00Z; bars one day apart → interval 1 day.
        Assert.Equal(new DateTimeOffset(2023, 9, 12, 0, 0, 0, TimeSpan.Zero), k[0].Timestamp);
        Assert.Equal(TimeSpan.FromDays(1), k[0].Interval);
        Assert.Equal(25155.5m, k[0].Open);
        Assert.Equal(26268.2m, k[^1].Close);
        Assert.Equal(k.ToArray(), Candle.Parse(BybitResponse).ToArray());
    }

    [Fact]
    public void ParseBybitJson_MixedOrder_NamesRow()
    {
        // Rows 1 and 2 set the order (newest first after the edit: row 2 is the newest), row 3 then breaks it.
        var mixed = BybitResponse.Replace("\"1694563200000\"", "\"1694735900000\"");
        var ex = BadInput.Throws("json", () => Candle.ParseBybitJson(mixed));
        Assert.Contains("row 3", ex.Message);
        Assert.Contains("startTime", ex.Message);
    }

    [Fact]
    public void ParseOkxJson_RecordedResponse_OneMinuteBars()
    {
        // OKX GET /api/v5/market/candles response recorded in nautilus_trader (crates/adapters/okx/test_data/http_get_candlesticks.json):
        // two bars 60,000 ms apart → 1-minute interval; 1625097600000 ms = 2021-07-01T00:00Z.
        var json = """{"code":"0","msg":"","data":[["1625097600000","33528.6","33870.0","33528.6","33783.9","778.838","0","0","0"],["1625097660000","33783.9","33783.9","33782.1","33782.1","0.123","0","0","0"]]}""";
        var k = Candle.ParseOkxJson(json);
        Assert.Equal(TimeSpan.FromMinutes(1), k[0].Interval);
        Assert.Equal(new DateTimeOffset(2021, 7, 1, 0, 0, 0, TimeSpan.Zero), k[0].Timestamp);
        Assert.Equal(33782.1m, k[1].Close);
        Assert.Equal(k.ToArray(), Candle.Parse(json).ToArray());
    }

    // OKX GET /api/v5/market/candles, recorded: BTC-USDT (spot) 1H rows of 2024-01-30 16:00–18:00 UTC in ccxt/ccxt
    // ts/src/test/static/response/okx.json @02140ad047b4 ("spot ohlcv with limit and since"), first and last row; BTC-USDT-SWAP 1H
    // rows of 2026-08-15 18:00–19:00 UTC in EzequielBes/invest market-data/internal/exchange/okx/testdata/candles.json @c9195eef5c19.
    private const string OkxSpotRecorded = """{"code":"0","msg":"","data":[["1706637600000","43398.6","43493.9","43279.9","43373.9","5070.79611732","220057933.233687634","220057933.233687634","1"],["1706630400000","43377.1","43500","43220.9","43495.9","7137.30786672","309343235.363089398","309343235.363089398","1"]]}""";
    private const string OkxSwapRecorded = """{"code":"0","msg":"","data":[["1786820400000","63028","63032.2","63028","63032.2","861.8","8.618","543180.43308","0"],["1786816800000","63045.5","63081.5","63013.7","63028","32101.18","321.0118","20234523.14448","1"]]}""";

    [Fact]
    public void ParseOkxJson_RecordedSpot_VolumeIsVol_TheBaseCurrency()
    {
        // OKX "Get candlesticks": for SPOT vol is the base currency, volCcy (= volCcyQuote) the quote currency.
        var k = Candle.ParseOkxJson(OkxSpotRecorded, TimeSpan.FromHours(1));
        Assert.Equal(7137.30786672m, k[0].Volume);
        // 309,343,235.36 USDT ÷ 7,137.30786672 BTC = 43,341.7, inside the 16:00 bar's 43,220.9 .. 43,500: vol is BTC.
        Assert.InRange(309343235.363089398m / k[0].Volume, k[0].Low, k[0].High);
        Assert.Equal(5070.79611732m, k[1].Volume);
    }

    [Fact]
    public void ParseOkxSwapJson_RecordedSwap_VolumeIsVolCcy_TheBaseCurrency()
    {
        // For SWAP vol counts contracts (ctVal 0.01 BTC for BTC-USDT-SWAP) and volCcy is the base currency:
        // 32,101.18 contracts × 0.01 = 321.0118 BTC; volCcyQuote ÷ volCcy = 20,234,523.14448 ÷ 321.0118 = 63,033.58, inside 63,013.7 .. 63,081.5.
        var k = Candle.ParseOkxSwapJson(OkxSwapRecorded, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2026, 8, 15, 18, 0, 0, TimeSpan.Zero), k[0].Timestamp);
        Assert.Equal((63045.5m, 63081.5m, 63013.7m, 63028m), (k[0].Open, k[0].High, k[0].Low, k[0].Close));
        Assert.Equal([321.0118m, 8.618m], k.Select(c => c.Volume));
        Assert.Equal(32101.18m * 0.01m, k[0].Volume);
        Assert.InRange(20234523.14448m / k[0].Volume, k[0].Low, k[0].High);
        // the spot reader on the same rows gives the contracts
        Assert.Equal(32101.18m, Candle.ParseOkxJson(OkxSwapRecorded, TimeSpan.FromHours(1))[0].Volume);
    }

    [Fact]
    public void ParseOkxSwapJson_RowWithoutVolCcy_NamesRowAndColumn()
    {
        var json = """{"data":[["1625097600000","1","2","0.5","1.5","1"]]}""";
        var ex = BadInput.Throws("json", () => Candle.ParseOkxSwapJson(json, TimeSpan.FromHours(1)));
        Assert.Contains("row 1", ex.Message);
        Assert.Contains("volCcy", ex.Message);
        Assert.Equal(1m, Assert.Single(Candle.ParseOkxJson(json, TimeSpan.FromHours(1))).Volume);
    }

    [Fact]
    public void ParseOkxJson_SingleBarWithoutInterval_Throws()
    {
        var json = """{"data":[["1625097600000","1","2","0.5","1.5","1","0","0","0"]]}""";
        BadInput.Throws("interval", () => Candle.ParseOkxJson(json));
        Assert.Equal(TimeSpan.FromHours(4), Assert.Single(Candle.ParseOkxJson(json, TimeSpan.FromHours(4))).Interval);
    }

    [Fact]
    public void Parse_RecognisesBinanceCsvWithoutHeader_AndGenericCsv()
    {
        Assert.Equal(Candle.ParseBinanceCsv(BinanceRows).ToArray(), Candle.Parse(BinanceRows).ToArray());
        var generic = Candle.Parse("date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2,1,1.8,12\n");
        Assert.Equal(TimeSpan.FromDays(1), generic[0].Interval);
    }
}
