using System.Diagnostics;
using System.Net;
using HedgeMath.Positions;
using Xunit.Abstractions;

namespace HedgeMath.Exchanges.Tests;

public class BinanceClientTests(ITestOutputHelper output)
{
    private static readonly TimeSpan H1 = TimeSpan.FromHours(1);

    private static async Task<(LoopbackServer, BinanceFuturesClient)> Start(Func<SeenRequest, Reply> handler, ExchangeCredentials? keys = null,
        TimeProvider? clock = null, BinanceFuturesMarket market = BinanceFuturesMarket.UsdM)
    {
        var server = await LoopbackServer.StartAsync(handler);
        return (server, new BinanceFuturesClient(Fx.Http(), market, Fx.Options(server, keys, clock)));
    }

    [Fact]
    public async Task Klines_RecordedMinuteBars_MapToCandles()
    {
        // binance/klines.json: three BTCUSDT 1m rows of GET /fapi/v1/klines as ccxt recorded them (Fixtures/SOURCES.md).
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/klines.json")));
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1712738460000);   // 2024-04-10 08:41 UTC
        var candles = await client.GetCandlesAsync("BTCUSDT", TimeSpan.FromMinutes(1), from, from.AddMinutes(3)).ToListAsync();
        Assert.Equal(3, candles.Count);
        Assert.Equal([from, from.AddMinutes(1), from.AddMinutes(2)], candles.Select(c => c.Timestamp));
        // close time − open time + 1 ms: 1712738519999 − 1712738460000 + 1 = 60,000 ms
        Assert.All(candles, c => Assert.Equal(TimeSpan.FromMinutes(1), c.Interval));
        var c = candles[1];   // row 2: [1712738520000, "71471.00", "71471.00", "70459.40", "70459.40", "0.120", ...]
        Assert.Equal((71471.00m, 71471.00m, 70459.40m, 70459.40m, 0.120m), (c.Open, c.High, c.Low, c.Close, c.Volume));
        Assert.Equal((71470.70m, 71470.90m, 1.542m), (candles[2].Open, candles[2].High, candles[2].Volume));
        var req = Assert.Single(server.Requests);
        Assert.Equal("/fapi/v1/klines", req.Path);
        Assert.Equal("BTCUSDT", req.Param("symbol"));
        Assert.Equal("1m", req.Param("interval"));
        Assert.Equal("1500", req.Param("limit"));
        Assert.Equal(1712738460000, req.Ms("startTime"));
        Assert.Equal(1712738460000 + 3 * 60_000L - 1, req.Ms("endTime"));   // [from, to) sent as inclusive endTime = to − 1 ms
    }

    [Fact]
    public async Task MarkPriceKlines_DocumentedExample_MapsToCandle()
    {
        // No recorded markPriceKlines response was found; binance/markPriceKlines.json is the documented example.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/markPriceKlines.json")));
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1591256460000);
        var c = Assert.Single(await client.GetCandlesAsync("BTCUSDT", TimeSpan.FromMinutes(1), from, from.AddMinutes(1), PriceKind.Mark).ToListAsync());
        Assert.Equal((9653.29201333m, 9654.56401333m, 9653.07367333m, 9653.07367333m, 0m), (c.Open, c.High, c.Low, c.Close, c.Volume));
        Assert.Equal("/fapi/v1/markPriceKlines", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task IndexKlines_CoinMRecordedDailyBars_IncludeTheDayStillForming()
    {
        // binance/coinm-indexPriceKlines.json: GET /dapi/v1/indexPriceKlines?pair=BTCUSD&interval=1d as ccxt recorded it. Its third
        // row counts 31,378 one-second index samples where a whole day has 86,400: the day was still forming when it was recorded,
        // and the client passes it on as the exchange sent it.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/coinm-indexPriceKlines.json")), market: BinanceFuturesMarket.CoinM);
        await using var _ = server;
        var from = Fx.Utc(2024, 4, 8);   // 1712534400000
        var candles = await client.GetCandlesAsync("BTCUSD_PERP", TimeSpan.FromDays(1), from, from.AddDays(3), PriceKind.Index).ToListAsync();
        Assert.Equal(3, candles.Count);
        var c = candles[0];
        Assert.Equal(from, c.Timestamp);
        Assert.Equal(TimeSpan.FromDays(1), c.Interval);   // 1712620799999 − 1712534400000 + 1 = 86,400,000 ms
        Assert.Equal((69362.49174406m, 72740.01330078m, 69076.81471239m, 71625.41841177m, 0m), (c.Open, c.High, c.Low, c.Close, c.Volume));
        Assert.Equal((Fx.Utc(2024, 4, 10), 68921.79749600m), (candles[2].Timestamp, candles[2].Close));
        var req = Assert.Single(server.Requests);
        Assert.Equal(("/dapi/v1/indexPriceKlines", "BTCUSD", "1d"), (req.Path, req.Param("pair"), req.Param("interval")));
    }

    [Theory]
    [InlineData(PriceKind.Mark, "/fapi/v1/markPriceKlines", "symbol")]
    [InlineData(PriceKind.Index, "/fapi/v1/indexPriceKlines", "pair")]
    public async Task Klines_MarkAndIndex_UseTheirEndpoints(PriceKind kind, string path, string idParam)
    {
        var (server, client) = await Start(r => Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, 1500)));
        await using var _ = server;
        var candles = await client.GetCandlesAsync("BTCUSDT", H1, Fx.Utc(2024, 1, 1), Fx.Utc(2024, 1, 2), kind).ToListAsync();
        Assert.Equal(24, candles.Count);
        var req = Assert.Single(server.Requests);
        Assert.Equal(path, req.Path);
        Assert.Equal("BTCUSDT", req.Param(idParam));
    }

    [Fact]
    public async Task Klines_TwoYearsHourly_PagesCompletelyInOrder()
    {
        var (server, client) = await Start(r => Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, int.Parse(r.Param("limit")!))));
        await using var _ = server;
        DateTimeOffset from = Fx.Utc(2023, 1, 1), to = Fx.Utc(2025, 1, 1);
        var sw = Stopwatch.StartNew();
        var candles = await client.GetCandlesAsync("BTCUSDT", H1, from, to).ToListAsync();
        sw.Stop();
        output.WriteLine($"2 years of hourly klines from the loopback server: {candles.Count} candles, {server.Requests.Count} requests, {sw.ElapsedMilliseconds} ms");
        // 2023 (365 d) + 2024 (366 d) = 731 days × 24 = 17,544 hours; pages of 1,500 → ceil(17,544 / 1,500) = 12 requests.
        Assert.Equal(17_544, candles.Count);
        Assert.Equal(12, server.Requests.Count);
        Assert.Equal(from, candles[0].Timestamp);
        Assert.Equal(to - H1, candles[^1].Timestamp);
        for (int i = 1; i < candles.Count; i++) Assert.Equal(H1, candles[i].Timestamp - candles[i - 1].Timestamp);
    }

    [Fact]
    public async Task Klines_OverlappingPages_YieldEachBarOnce()
    {
        // The server starts every page 10 bars before the requested start (an overlapping page).
        var (server, client) = await Start(r => Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, 1500,
            firstOverride: (r.Ms("startTime") + 3_599_999) / 3_600_000 * 3_600_000 - 10 * 3_600_000)));
        await using var _ = server;
        var candles = await client.GetCandlesAsync("BTCUSDT", H1, Fx.Utc(2024, 1, 1), Fx.Utc(2024, 5, 1)).ToListAsync();
        // Jan 31 + Feb 29 + Mar 31 + Apr 30 = 121 days × 24 = 2,904 bars, none twice.
        Assert.Equal(2_904, candles.Count);
        Assert.Equal(candles.Count, candles.Select(c => c.Timestamp).Distinct().Count());
    }

    [Fact]
    public async Task Klines_EmptyAndPartialPages_AreTheExchangesData()
    {
        // Window 1 empty (nothing listed yet), window 2 a partial page, window 3 full: an empty page is not an error.
        int n = 0;
        var (server, client) = await Start(r => Interlocked.Increment(ref n) == 1
            ? Reply.Json("[]")
            : Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, n == 2 ? 100 : 1500)));
        await using var _ = server;
        var from = Fx.Utc(2024, 1, 1);
        var candles = await client.GetCandlesAsync("BTCUSDT", H1, from, from + 3 * 1500 * H1).ToListAsync();
        Assert.Equal(100 + 1500, candles.Count);
        Assert.Equal(from + 1500 * H1, candles[0].Timestamp);
    }

    [Fact]
    public async Task Klines_FailedPage_ThrowsNamingTheMissingRange()
    {
        int n = 0;
        var (server, client) = await Start(r => Interlocked.Increment(ref n) <= 2
            ? Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, 1500))
            : new Reply(503, "Service Unavailable"));
        await using var _ = server;
        DateTimeOffset from = Fx.Utc(2024, 1, 1), to = Fx.Utc(2025, 1, 1);
        var got = new List<HedgeMath.Market.Candle>();
        var ex = await Assert.ThrowsAsync<IncompleteHistoryException>(async () =>
        {
            await foreach (var c in client.GetCandlesAsync("BTCUSDT", H1, from, to)) got.Add(c);
        });
        Assert.Equal(3000, got.Count);                       // two full pages arrived
        Assert.Equal(from + 3000 * H1, ex.MissingFrom);      // the third window's start
        Assert.Equal(to, ex.MissingTo);
        Assert.Equal(3000, ex.Delivered);
        var inner = Assert.IsType<ExchangeApiException>(ex.InnerException);
        Assert.Equal(ExchangeErrorKind.ServerError, inner.Kind);
        Assert.Equal(2 + 3, server.Requests.Count);          // the failing page was tried 1 + 2 retries times
        Assert.Contains("2024-05-05T00:00:00Z", ex.Message); // 2024-01-01 + 3,000 h = 2024-05-05 00:00
    }

    [Fact]
    public async Task Klines_MalformedJson_IsAnIncompleteHistoryWithMalformedResponse()
    {
        var (server, client) = await Start(_ => Reply.Json("[[1704067200000,\"42000\",\"42100\""));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<IncompleteHistoryException>(() => client.GetCandlesAsync("BTCUSDT", H1, Fx.Utc(2024, 1, 1), Fx.Utc(2024, 1, 2)).ToListAsync());
        Assert.Equal(ExchangeErrorKind.MalformedResponse, Assert.IsType<ExchangeApiException>(ex.InnerException).Kind);
    }

    [Fact]
    public async Task RateLimited429_WithRetryAfter_IsRetriedThenSucceeds()
    {
        int n = 0;
        var (server, client) = await Start(_ => Interlocked.Increment(ref n) == 1
            ? new Reply(429, Fx.Read("binance/error-too-many.json"), new Dictionary<string, string> { ["Retry-After"] = "1" })
            : Reply.Json(Fx.Read("binance/premiumIndex.json")));
        await using var _ = server;
        var f = await client.GetCurrentFundingAsync("BTCUSDT");
        Assert.Equal(0.00038246m, f.Rate);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task RateLimited429_RetryAfterBeyondTheCap_FailsAtOnceWithTheWait()
    {
        var (server, client) = await Start(_ => new Reply(429, Fx.Read("binance/error-too-many.json"), new Dictionary<string, string> { ["Retry-After"] = "120" }));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetCurrentFundingAsync("BTCUSDT"));
        Assert.Equal(ExchangeErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), ex.RetryAfter);
        Assert.Equal("-1003", ex.Code);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task IpBanned418_IsNotRetried()
    {
        var (server, client) = await Start(_ => new Reply(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1700000000000.\"}",
            new Dictionary<string, string> { ["Retry-After"] = "7200" }));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetCurrentFundingAsync("BTCUSDT"));
        Assert.Equal(ExchangeErrorKind.IpBanned, ex.Kind);
        Assert.Equal(TimeSpan.FromHours(2), ex.RetryAfter);
        Assert.Equal((HttpStatusCode)418, ex.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task InvalidSymbol_IsClassified()
    {
        var (server, client) = await Start(_ => new Reply(400, Fx.Read("binance/error-invalid-symbol.json")));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetCurrentFundingAsync("NOPEUSDT"));
        Assert.Equal(ExchangeErrorKind.InvalidSymbol, ex.Kind);
        Assert.Equal("/fapi/v1/premiumIndex", ex.Endpoint);
        Assert.Contains("Invalid symbol.", ex.Message);
    }

    [Fact]
    public async Task PremiumIndex_DocumentedExample_IsTheCurrentFunding()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/premiumIndex.json")));
        await using var _ = server;
        var f = await client.GetCurrentFundingAsync("BTCUSDT");
        Assert.Equal(0.00038246m, f.Rate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1597392000000), f.NextFundingTime);
        Assert.Equal(11793.63104562m, f.MarkPrice);
        Assert.Equal(11781.80495970m, f.IndexPrice);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1597370495002), f.AsOf);
    }

    [Fact]
    public async Task PremiumIndex_RecordedArray_FindsTheSymbol_AndAMissingOneNamesTheEndpoint()
    {
        // binance/premiumIndex-all.json: three entries of a recorded GET /fapi/v1/premiumIndex answer for all symbols (an array).
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/premiumIndex-all.json")));
        await using var _ = server;
        var f = await client.GetCurrentFundingAsync("FIDAUSDT");
        Assert.Equal(("FIDAUSDT", 0.00008799m), (f.Symbol, f.Rate));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732723200000), f.NextFundingTime);   // 2024-11-27 16:00 UTC
        Assert.Equal((0.24512733m, 0.24512091m), (f.MarkPrice, f.IndexPrice));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732715655000), f.AsOf);
        var missing = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetCurrentFundingAsync("BTCUSDT"));
        Assert.Equal((ExchangeErrorKind.InvalidSymbol, "/fapi/v1/premiumIndex"), (missing.Kind, missing.Endpoint));
        Assert.Contains("'BTCUSDT'", missing.Message);
        // the same answer lists the quarterly ETHUSDT_250328 with nextFundingTime 0: no funding, not a settlement at 1970-01-01
        var quarterly = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetCurrentFundingAsync("ETHUSDT_250328"));
        Assert.Equal(ExchangeErrorKind.InvalidSymbol, quarterly.Kind);
        Assert.Contains("delivery contract", quarterly.Message);
    }

    [Fact]
    public async Task FundingRate_DocumentedExample_TwoPrintsEightHoursApart()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/fundingRate.json")));
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1570608000000);
        var prints = await client.GetFundingHistoryAsync("BTCUSDT", from, from.AddDays(1)).ToListAsync();
        Assert.Equal(2, prints.Count);
        Assert.Equal(-0.0375m, prints[0].Rate);
        Assert.Equal(0.0001m, prints[1].Rate);
        // 1570636800000 − 1570608000000 = 28,800,000 ms = 8 h
        Assert.All(prints, p => Assert.Equal(TimeSpan.FromHours(8), p.Interval));
        Assert.Equal("/fapi/v1/fundingRate", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task ExchangeInfo_Instrument_TickAndLotFromFilters()
    {
        // binance/exchangeInfo.json: a recorded GET /fapi/v1/exchangeInfo (serverTime 2022-02-19), BTCUSDT and ETHUSDT.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/exchangeInfo.json")));
        await using var _ = server;
        var i = await client.GetInstrumentAsync("BTCUSDT");
        Assert.Equal(ContractType.Linear, i.Type);
        Assert.Equal(0.10m, i.TickSize);     // PRICE_FILTER.tickSize "0.10"
        Assert.Equal(0.001m, i.LotStep);     // LOT_SIZE.stepSize "0.001"
        Assert.Equal(("BTC", "USDT", "USDT", 1m), (i.BaseAsset, i.QuoteAsset, i.SettlementAsset, i.ContractSize));
        Assert.Equal("TRADING", i.Status);
        Assert.Equal(0.01m, (await client.GetInstrumentAsync("ETHUSDT")).TickSize);
        var missing = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetInstrumentAsync("NOPEUSDT"));
        Assert.Equal((ExchangeErrorKind.InvalidSymbol, "/fapi/v1/exchangeInfo"), (missing.Kind, missing.Endpoint));
    }

    [Fact]
    public async Task ExchangeInfo_CoinM_ContractSizeIsANumber_StatusIsContractStatus()
    {
        // binance/coinm-exchangeInfo.json: GET /dapi/v1/exchangeInfo recorded live (BTCUSD_PERP, ETHUSD_PERP). COIN-M sends
        // contractSize as a JSON number and its status as contractStatus (there is no status field).
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/coinm-exchangeInfo.json")), market: BinanceFuturesMarket.CoinM);
        await using var _ = server;
        var i = await client.GetInstrumentAsync("ETHUSD_PERP");
        Assert.Equal(ContractType.Inverse, i.Type);
        Assert.Equal((10m, 0.01m, 1m), (i.ContractSize, i.TickSize, i.LotStep));   // 10 USD a contract, tick 0.01, 1 contract
        Assert.Equal(("ETH", "USD", "ETH", "TRADING"), (i.BaseAsset, i.QuoteAsset, i.SettlementAsset, i.Status));
        Assert.Equal(100m, (await client.GetInstrumentAsync("BTCUSD_PERP")).ContractSize);
        Assert.All(server.Requests, r => Assert.Equal("/dapi/v1/exchangeInfo", r.Path));
    }

    [Fact]
    public async Task Contract_WithoutKeys_UsesCatalogTiers_WithKeys_TheSignedBrackets()
    {
        var (server, client) = await Start(r => r.Path switch
        {
            "/fapi/v1/exchangeInfo" => Reply.Json(Fx.Read("binance/exchangeInfo.json")),
            _ => Reply.Json(Fx.Read("binance/leverageBracket.json")),
        });
        await using var _ = server;
        var snapshot = await client.GetContractAsync("BTCUSDT");
        Assert.Equal("catalog", snapshot.TiersFormat);
        Assert.Equal(Contract.BinanceBtcUsdt.Tiers.Count, snapshot.Contract.Tiers.Count);
        Assert.Equal(0.10m, snapshot.Contract.TickSize);

        var signed = new BinanceFuturesClient(Fx.Http(), BinanceFuturesMarket.UsdM, Fx.Options(server, new ExchangeCredentials("k", "s")));
        var live = await signed.GetContractAsync("BTCUSDT");
        Assert.Equal("binance-brackets", live.TiersFormat);
        // binance/leverageBracket.json: BTCUSDT's ten recorded brackets (values as strings in the recording)
        Assert.Equal(10, live.Contract.Tiers.Count);
        var tier = live.Contract.Tiers.Tiers[2];             // bracket 3: 250,000 .. 3,000,000 USDT at 50x, MMR 1 %, cum 1,300
        Assert.Equal((250_000m, 3_000_000m, 50m, 0.01m), (tier.NotionalFloor, tier.NotionalCap, tier.MaxLeverage, tier.MaintenanceMarginRate));
        // Binance's cum recurrence: cum(3) = cum(2) + floor(3) × (MMR(3) − MMR(2)) = 50 + 250,000 × (0.01 − 0.005) = 1,300
        Assert.Equal(1300m, tier.MaintenanceAmount);
        Assert.Equal(125m, live.Contract.MaxLeverage);       // bracket 1: 125x up to 50,000
        Assert.Equal("binance-usdm", live.Contract.Exchange);
    }

    [Fact]
    public async Task Positions_SignedRequest_CarriesKeyTimestampWindowAndSignature()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1672025956592));
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/positionRisk.json")), new ExchangeCredentials("test-key", "test-secret"), clock);
        await using var _ = server;
        var positions = await client.GetPositionsAsync();
        // binance/positionRisk.json: ccxt's recording of a long 0.009 BTCUSDT cross position in Binance's V3 row layout, which has
        // no leverage and no marginType: cross because its isolated wallet is 0; leverage |notional| ÷ positionInitialMargin =
        // 607.52416678 ÷ 7.59405208 = 80.00000005 → 80.
        var p = Assert.Single(positions);
        Assert.Equal(("BTCUSDT", Side.Long, 0.009m, 67445.9m, 67502.68519858m, 80m), (p.Symbol, p.Side, p.Quantity, p.EntryPrice, p.MarkPrice, p.Leverage));
        Assert.Equal(MarginMode.Cross, p.MarginMode);
        Assert.Equal(64846.98753790m, p.LiquidationPrice);
        Assert.Equal((7.59405208m, 2.43009666m), (p.Margin, p.MaintenanceMargin));   // cross: the position's initial margin
        Assert.Equal((0.51106678m, "USDT"), (p.UnrealizedPnl, p.MarginAsset));
        var req = Assert.Single(server.Requests);
        Assert.Equal("/fapi/v2/positionRisk", req.Path);
        Assert.Equal("test-key", req.Headers["X-MBX-APIKEY"]);
        Assert.Equal("5000", req.Param("recvWindow"));
        Assert.Equal("1672025956592", req.Param("timestamp"));
        // python3: hmac.new(b"test-secret", b"recvWindow=5000&timestamp=1672025956592", hashlib.sha256).hexdigest()
        Assert.Equal("0cdf331dc30031f8fa4fda2345c87cc69ccac9cd99d00f431a2a49f250354e7a", req.Param("signature"));
    }

    [Fact]
    public async Task Balance_Documented_MapsWalletAndAvailable()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/balance.json")), new ExchangeCredentials("k", "s"));
        await using var _ = server;
        var b = Assert.Single(await client.GetBalancesAsync());
        Assert.Equal(("USDT", 122607.35137903m, 23.72469206m), (b.Asset, b.WalletBalance, b.Available));
        Assert.Equal("/fapi/v2/balance", Assert.Single(server.Requests).Path);
    }

    [Theory]
    [InlineData("binance/error-timestamp.json", ExchangeErrorKind.ClockSkew, "clock")]
    [InlineData("binance/error-signature.json", ExchangeErrorKind.InvalidSignature, "secret")]
    [InlineData("binance/error-api-key.json", ExchangeErrorKind.PermissionDenied, "permission")]
    public async Task SignedErrors_AreClassified_AndNeverEchoTheKeys(string fixture, ExchangeErrorKind kind, string hint)
    {
        var (server, client) = await Start(_ => new Reply(400, Fx.Read(fixture)), new ExchangeCredentials("KEY-abcdef", "SECRET-123456"));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetPositionsAsync());
        Assert.Equal(kind, ex.Kind);
        Assert.Contains(hint, ex.Message, StringComparison.OrdinalIgnoreCase);
        var sig = server.Requests.Single().Param("signature")!;
        foreach (var secret in new[] { "KEY-abcdef", "SECRET-123456", sig, "signature=" })
            Assert.DoesNotContain(secret, ex.ToString());
    }

    [Fact]
    public async Task Signed_WithoutKeys_FailsBeforeAnyRequest()
    {
        var (server, client) = await Start(_ => Reply.Json("[]"));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetBalancesAsync());
        Assert.Equal(ExchangeErrorKind.MissingCredentials, ex.Kind);
        Assert.Contains("HEDGEMATH_BINANCE_API_KEY", ex.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CoinM_UsesDapiPaths_AndContractBrackets()
    {
        var (server, client) = await Start(r => r.Path switch
        {
            "/dapi/v2/leverageBracket" => Reply.Json(Fx.Read("binance/coinm-leverage-bracket.json")),
            _ => Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, 1500)),
        }, new ExchangeCredentials("k", "s"), market: BinanceFuturesMarket.CoinM);
        await using var _ = server;
        Assert.Equal("binance-coinm", client.Exchange);
        var (tiers, json) = await client.GetMarginTiersAsync("BTCUSD_PERP");
        Assert.Equal(125m, tiers.MaxLeverage);                       // bracket 1 of the recorded COIN-M table: 125x up to 5 BTC
        Assert.Contains("qtyCap", json);
        await client.GetCandlesAsync("BTCUSD_PERP", H1, Fx.Utc(2024, 1, 1), Fx.Utc(2024, 1, 2), PriceKind.Index).ToListAsync();
        var index = server.Requests.Last();
        Assert.Equal("/dapi/v1/indexPriceKlines", index.Path);
        Assert.Equal("BTCUSD", index.Param("pair"));                // COIN-M index klines are per pair
    }

    [Fact]
    public async Task Positions_CoinMRecorded_ContractsAndTheCoinFromTheSymbol()
    {
        // binance/coinm-positionRisk.json: ccxt's recording of GET /dapi/v1/positionRisk: a short of 3 BTCUSD_PERP contracts and a
        // flat BCHUSD_241227 row. COIN-M rows carry no marginAsset and no maintMargin.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("binance/coinm-positionRisk.json")), new ExchangeCredentials("k", "s"),
            market: BinanceFuturesMarket.CoinM);
        await using var _ = server;
        var p = Assert.Single(await client.GetPositionsAsync());   // the flat row is dropped
        Assert.Equal(("BTCUSD_PERP", Side.Short, 3m, 68911.00000037m, 68234.20000000m, 20m), (p.Symbol, p.Side, p.Quantity, p.EntryPrice, p.MarkPrice, p.Leverage));
        Assert.Equal((MarginMode.Cross, 72491.16879818m), (p.MarginMode, p.LiquidationPrice));
        Assert.Null(p.Margin);
        Assert.Null(p.MaintenanceMargin);
        Assert.Equal((0.00004318m, "BTC"), (p.UnrealizedPnl, p.MarginAsset));   // the coin before "USD" in the symbol
        Assert.Equal("/dapi/v1/positionRisk", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public void Arguments_AreCheckedBeforeAnyRequest()
    {
        var client = new BinanceFuturesClient(new HttpClient(), BinanceFuturesMarket.UsdM);
        var iv = Assert.Throws<ArgumentOutOfRangeException>(() => client.GetCandlesAsync("BTCUSDT", TimeSpan.FromMinutes(7), Fx.Utc(2024, 1, 1), Fx.Utc(2024, 1, 2)));
        Assert.Equal("interval", iv.ParamName);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => client.GetCandlesAsync("BTCUSDT", H1, Fx.Utc(2024, 1, 2), Fx.Utc(2024, 1, 1)));
        Assert.Equal("to", range.ParamName);
        Assert.Throws<ArgumentException>(() => client.GetFundingHistoryAsync(" ", Fx.Utc(2024, 1, 1), Fx.Utc(2024, 1, 2)));
    }
}
