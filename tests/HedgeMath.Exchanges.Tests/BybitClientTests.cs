using HedgeMath.Positions;

namespace HedgeMath.Exchanges.Tests;

public class BybitClientTests
{
    private static readonly TimeSpan H1 = TimeSpan.FromHours(1);

    private static async Task<(LoopbackServer, BybitClient)> Start(Func<SeenRequest, Reply> handler, BybitCategory category = BybitCategory.Linear,
        ExchangeCredentials? keys = null, TimeProvider? clock = null)
    {
        var server = await LoopbackServer.StartAsync(handler);
        return (server, new BybitClient(Fx.Http(), category, Fx.Options(server, keys, clock)));
    }

    [Fact]
    public async Task Kline_DocumentedExample_NewestFirstBecomesAscending()
    {
        // Bybit v5 "Get Kline" response example: BTCUSD inverse, three hourly rows, newest first.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/kline.json")), BybitCategory.Inverse);
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1670601600000);
        var candles = await client.GetCandlesAsync("BTCUSD", H1, from, from.AddHours(3)).ToListAsync();
        Assert.Equal(3, candles.Count);
        Assert.Equal(from, candles[0].Timestamp);
        Assert.Equal((17086.5m, 17088m, 16978m, 17071.5m, 6356m), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Close, candles[0].Volume));
        Assert.Equal((17071m, 17073m, 17027m, 17055.5m, 268611m), (candles[2].Open, candles[2].High, candles[2].Low, candles[2].Close, candles[2].Volume));
        var req = Assert.Single(server.Requests);
        Assert.Equal(("/v5/market/kline", "inverse", "60", "1000"), (req.Path, req.Param("category"), req.Param("interval"), req.Param("limit")));
    }

    [Fact]
    public async Task MarkPriceKline_DocumentedExample_HasNoVolume()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/mark-price-kline.json")));
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1670608800000);
        var c = Assert.Single(await client.GetCandlesAsync("BTCUSDT", H1, from, from.AddHours(1), PriceKind.Mark).ToListAsync());
        Assert.Equal((17164.16m, 17164.16m, 17121.5m, 17131.64m, 0m), (c.Open, c.High, c.Low, c.Close, c.Volume));
        Assert.Equal("/v5/market/mark-price-kline", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Kline_LongRange_PagesOfAThousand()
    {
        var (server, client) = await Start(r => Reply.Json(Synthetic.BybitKlines(r.Ms("start"), r.Ms("end"), 3_600_000, 1000)));
        await using var _ = server;
        var candles = await client.GetCandlesAsync("BTCUSDT", H1, Fx.Utc(2024, 1, 1), Fx.Utc(2024, 4, 1)).ToListAsync();
        // Jan 31 + Feb 29 + Mar 31 = 91 days × 24 = 2,184 bars in ceil(2,184 / 1,000) = 3 requests.
        Assert.Equal(2_184, candles.Count);
        Assert.Equal(3, server.Requests.Count);
        Assert.True(candles.Zip(candles.Skip(1)).All(p => p.Second.Timestamp - p.First.Timestamp == H1));
    }

    [Fact]
    public async Task FundingHistory_DocumentedSinglePrint_TakesTheFallbackInterval()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/funding-history.json")));
        await using var _ = server;
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1672041600000);
        var f = Assert.Single(await client.GetFundingHistoryAsync("ETHPERP", t.AddHours(-1), t.AddHours(1)).ToListAsync());
        Assert.Equal((t, 0.0001m, TimeSpan.FromHours(8)), (f.Time, f.Rate, f.Interval));
    }

    [Fact]
    public async Task Tickers_DocumentedExample_IsTheCurrentFunding()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/tickers.json")), BybitCategory.Inverse);
        await using var _ = server;
        var f = await client.GetCurrentFundingAsync("BTCUSD");
        Assert.Equal(0.0001m, f.Rate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760371200000), f.NextFundingTime);
        Assert.Equal(114898.43m, f.MarkPrice);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760352369814), f.AsOf);
    }

    [Fact]
    public async Task InstrumentAndRiskLimit_BuildAContract()
    {
        var (server, client) = await Start(r => r.Path == "/v5/market/instruments-info"
            ? Reply.Json(Fx.Read("bybit/instruments-info.json"))
            : Reply.Json(Fx.Read("bybit/risk-limit.json").Replace("BTCUSD\"", "BTCUSDT\"")));
        await using var _ = server;
        var i = await client.GetInstrumentAsync("BTCUSDT");
        Assert.Equal((0.10m, 0.001m, 100m), (i.TickSize, i.LotStep, i.MaxLeverage));
        Assert.Equal(TimeSpan.FromHours(8), i.FundingInterval);   // fundingInterval 480 minutes
        var snapshot = await client.GetContractAsync("BTCUSDT");
        Assert.Equal("bybit-risk-limit", snapshot.TiersFormat);
        Assert.Equal(2, snapshot.Contract.Tiers.Count);
        // tier 2's maintenance deduction by Bybit's recurrence: 150 × (0.01 − 0.005) + 0 = 0.75, as the recording says
        Assert.Equal(0.75m, snapshot.Contract.Tiers.Tiers[1].MaintenanceAmount);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1735809771618), snapshot.AsOf);
    }

    [Fact]
    public async Task PositionList_DocumentedExample_SignedWithHeaders()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1672025956592));
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/position-list.json")), BybitCategory.Inverse,
            new ExchangeCredentials("test-key", "test-secret"), clock);
        await using var _ = server;
        var p = Assert.Single(await client.GetPositionsAsync());
        Assert.Equal(("BTCUSD", Side.Short, 300m, 27464.50441675m, 28224.50m, 10m), (p.Symbol, p.Side, p.Quantity, p.EntryPrice, p.MarkPrice, p.Leverage));
        Assert.Null(p.LiquidationPrice);                  // liqPrice "" in the documented example
        Assert.Equal(0.00010923m, p.Margin);
        Assert.Equal(0.0000015m, p.MaintenanceMargin);
        Assert.Equal("BTC", p.MarginAsset);
        var req = Assert.Single(server.Requests);
        Assert.Equal("category=inverse&limit=200", req.Query.TrimStart('?'));
        Assert.Equal(("test-key", "1672025956592", "5000"), (req.Headers["X-BAPI-API-KEY"], req.Headers["X-BAPI-TIMESTAMP"], req.Headers["X-BAPI-RECV-WINDOW"]));
        // python3: hmac.new(b"test-secret", b"1672025956592test-key5000category=inverse&limit=200", hashlib.sha256).hexdigest()
        Assert.Equal("b9413610652325b24ce590c6527bd68ce1954fe6dc1fd9dd4c05b2d7e914245c", req.Headers["X-BAPI-SIGN"]);
    }

    [Fact]
    public async Task WalletBalance_DocumentedExample()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/wallet-balance.json")), keys: new ExchangeCredentials("k", "s"));
        await using var _ = server;
        var b = Assert.Single(await client.GetBalancesAsync());
        Assert.Equal(("BTC", 0m, 0m), (b.Asset, b.WalletBalance, b.Equity));
        Assert.Equal("UNIFIED", server.Requests.Single().Param("accountType"));
    }

    [Theory]
    [InlineData("bybit/error-sign.json", ExchangeErrorKind.InvalidSignature)]
    [InlineData("bybit/error-recv-window.json", ExchangeErrorKind.ClockSkew)]
    [InlineData("bybit/error-permission.json", ExchangeErrorKind.PermissionDenied)]
    public async Task RetCodeErrors_WithHttp200_AreClassified(string fixture, ExchangeErrorKind kind)
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read(fixture)), keys: new ExchangeCredentials("test-key", "SECRET-xyz"));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetPositionsAsync());
        Assert.Equal(kind, ex.Kind);
        Assert.DoesNotContain("SECRET-xyz", ex.ToString());
        Assert.DoesNotContain(server.Requests.Single().Headers["X-BAPI-SIGN"], ex.ToString());
    }

    [Fact]
    public async Task InvalidSymbol_RetCode10001()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/error-symbol.json")));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetInstrumentAsync("NOPE"));
        Assert.Equal((ExchangeErrorKind.InvalidSymbol, "10001"), (ex.Kind, ex.Code));
    }
}
