using HedgeMath.Positions;

namespace HedgeMath.Exchanges.Tests;

public class OkxClientTests
{
    private static readonly TimeSpan H1 = TimeSpan.FromHours(1);

    private static async Task<(LoopbackServer, OkxClient)> Start(Func<SeenRequest, Reply> handler, ExchangeCredentials? keys = null, TimeProvider? clock = null)
    {
        var server = await LoopbackServer.StartAsync(handler);
        return (server, new OkxClient(Fx.Http(), Fx.Options(server, keys, clock)));
    }

    [Fact]
    public async Task HistoryCandles_PagesWithAfterAndBefore()
    {
        var (server, client) = await Start(r => Reply.Json(Synthetic.OkxCandles(r.Ms("before"), r.Ms("after"), 3_600_000, 100)));
        await using var _ = server;
        var from = Fx.Utc(2024, 1, 1);
        var candles = await client.GetCandlesAsync("BTC-USDT-SWAP", H1, from, from.AddDays(10)).ToListAsync();
        Assert.Equal(240, candles.Count);                          // 10 days × 24, in ceil(240 / 100) = 3 pages
        Assert.Equal(3, server.Requests.Count);
        var first = server.Requests.First();
        Assert.Equal(("/api/v5/market/history-candles", "1H", "BTC-USDT-SWAP"), (first.Path, first.Param("bar"), first.Param("instId")));
        Assert.Equal(from.ToUnixTimeMilliseconds() - 1, first.Ms("before"));   // newer than start − 1 ms
        Assert.Equal((from + 100 * H1).ToUnixTimeMilliseconds(), first.Ms("after")); // older than the window's end
        Assert.Equal(from, candles[0].Timestamp);
    }

    [Fact]
    public async Task HistoryCandles_DocumentedExampleRepeatsItsTimestamp_RejectedAsMalformed()
    {
        // OKX's "Get candlesticks history" response example holds two rows with the same ts (1597026383085).
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/history-candles.json")));
        await using var _ = server;
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1597026383085);
        var ex = await Assert.ThrowsAsync<IncompleteHistoryException>(() => client.GetCandlesAsync("BTC-USDT-SWAP", H1, t.AddHours(-1), t.AddHours(1)).ToListAsync());
        var inner = Assert.IsType<ExchangeApiException>(ex.InnerException);
        Assert.Equal(ExchangeErrorKind.MalformedResponse, inner.Kind);
        Assert.Contains("row", inner.Message);
    }

    [Fact]
    public async Task MarkPriceCandles_SixColumns_VolumeZero()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/history-mark-price-candles.json")));
        await using var _ = server;
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1597026323085);
        var candles = await client.GetCandlesAsync("BTC-USDT-SWAP", TimeSpan.FromMinutes(1), t, t.AddMinutes(2), PriceKind.Mark).ToListAsync();
        Assert.Equal(2, candles.Count);
        Assert.Equal((3.731m, 3.799m, 3.494m, 3.72m, 0m), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Close, candles[0].Volume));
        Assert.Equal("/api/v5/market/history-mark-price-candles", server.Requests.Single().Path);
    }

    [Fact]
    public async Task IndexCandles_AskForTheUnderlying()
    {
        var (server, client) = await Start(_ => Reply.Json("{\"code\":\"0\",\"msg\":\"\",\"data\":[]}"));
        await using var _ = server;
        Assert.Empty(await client.GetCandlesAsync("BTC-USDT-SWAP", H1, Fx.Utc(2024, 1, 1), Fx.Utc(2024, 1, 2), PriceKind.Index).ToListAsync());
        Assert.Equal("BTC-USDT", server.Requests.Single().Param("instId"));
    }

    [Fact]
    public async Task FundingHistoryAndCurrent()
    {
        var (server, client) = await Start(r => r.Path.EndsWith("history", StringComparison.Ordinal)
            ? Reply.Json(Fx.Read("okx/funding-rate-history.json")) : Reply.Json(Fx.Read("okx/funding-rate.json")));
        await using var _ = server;
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1703059200000);
        var f = Assert.Single(await client.GetFundingHistoryAsync("BTC-USD-SWAP", t.AddHours(-8), t.AddHours(8)).ToListAsync());
        Assert.Equal((t, 0.0000746572360545m), (f.Time, f.Rate));
        var now = await client.GetCurrentFundingAsync("BTC-USDT-SWAP");
        Assert.Equal((0.0000792386885340m, DateTimeOffset.FromUnixTimeMilliseconds(1703088000000)), (now.Rate, now.NextFundingTime));
    }

    [Fact]
    public async Task InstrumentAndPositionTiers_BuildASizeBasisContract()
    {
        var (server, client) = await Start(r => r.Path == "/api/v5/public/instruments"
            ? Reply.Json(Fx.Read("okx/instruments.json")) : Reply.Json(Fx.Read("okx/position-tiers.json")));
        await using var _ = server;
        var snapshot = await client.GetContractAsync("BTC-USDT-SWAP");
        Assert.Equal((0.01m, 0.1m, 0.01m), (snapshot.Instrument.ContractSize, snapshot.Instrument.TickSize, snapshot.Instrument.LotStep));
        Assert.Equal(TierBasis.Quantity, snapshot.Contract.Tiers.Basis);
        // tier 1 of the recorded BTC-USDT tiers: up to 1,000 contracts × ctVal 0.01 = 10 BTC at 100x, MMR 0.4 %
        var tier = snapshot.Contract.Tiers.Tiers[0];
        Assert.Equal((10m, 0.004m), (tier.NotionalCap, tier.MaintenanceMarginRate));
        Assert.Equal("BTC-USDT", server.Requests.Last().Param("instFamily"));
        Assert.Equal("okx-position-tiers", snapshot.TiersFormat);
    }

    [Fact]
    public async Task Positions_NetModeSign_AndSignedHeaders()
    {
        var clock = new FixedClock(new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero));
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/positions.json")), new ExchangeCredentials("test-key", "test-secret", "pass"), clock);
        await using var _ = server;
        var p = Assert.Single(await client.GetPositionsAsync());
        Assert.Equal(("BTC-USDT-SWAP", Side.Short, 5m, 50000m, 54810.5m, 250m), (p.Symbol, p.Side, p.Quantity, p.EntryPrice, p.LiquidationPrice, p.Margin));
        var req = server.Requests.Single();
        Assert.Equal(("test-key", "pass", "2020-12-08T09:08:57.715Z"),
            (req.Headers["OK-ACCESS-KEY"], req.Headers["OK-ACCESS-PASSPHRASE"], req.Headers["OK-ACCESS-TIMESTAMP"]));
        // python3: base64(hmac(b"test-secret", b"2020-12-08T09:08:57.715ZGET/api/v5/account/positions?instType=SWAP", sha256))
        Assert.Equal("MsmcBgCbhWAMCKdaJoysWjnL+R4B9j3IyM4IjyYrJ3c=", req.Headers["OK-ACCESS-SIGN"]);
    }

    [Fact]
    public async Task Balance_Details()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/balance.json")), new ExchangeCredentials("k", "s", "p"));
        await using var _ = server;
        var b = Assert.Single(await client.GetBalancesAsync());
        Assert.Equal(("USDT", 4850.435693622894m, 4992.890093622894m, 4834.317093622894m), (b.Asset, b.WalletBalance, b.Equity, b.Available));
    }

    [Fact]
    public async Task Errors_InstrumentAndTimestamp()
    {
        var (server, client) = await Start(r => r.Path == "/api/v5/public/instruments"
            ? Reply.Json(Fx.Read("okx/error-instrument.json")) : new Reply(401, Fx.Read("okx/error-timestamp.json")), new ExchangeCredentials("k", "s", "p"));
        await using var _ = server;
        Assert.Equal(ExchangeErrorKind.InvalidSymbol, (await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetInstrumentAsync("NOPE-SWAP"))).Kind);
        var skew = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetBalancesAsync());
        Assert.Equal((ExchangeErrorKind.ClockSkew, "50102"), (skew.Kind, skew.Code));
    }

    [Fact]
    public async Task Signed_WithoutPassphrase_FailsBeforeAnyRequest()
    {
        var (server, client) = await Start(_ => Reply.Json("{}"), new ExchangeCredentials("k", "s"));
        await using var _ = server;
        var ex = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetPositionsAsync());
        Assert.Equal(ExchangeErrorKind.MissingCredentials, ex.Kind);
        Assert.Empty(server.Requests);
    }
}
