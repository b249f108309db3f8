using HedgeMath.Market;
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
    public async Task HistoryCandles_RecordedSwapBars_VolumeInBaseCurrency()
    {
        // okx/candles.json: two BTC-USDT-SWAP 1H rows of GET /api/v5/market/candles (the layout history-candles answers in) recorded
        // from www.okx.com on 2026-08-15, newest first; the newest (19:00, confirm "0") was still forming.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/candles.json")));
        await using var _ = server;
        var from = new DateTimeOffset(2026, 8, 15, 18, 0, 0, TimeSpan.Zero);   // 1786816800000
        var candles = await client.GetCandlesAsync("BTC-USDT-SWAP", H1, from, from.AddHours(2)).ToListAsync();
        Assert.Equal([from, from.AddHours(1)], candles.Select(c => c.Timestamp));
        // 18:00: ["1786816800000","63045.5","63081.5","63013.7","63028","32101.18","321.0118","20234523.14448","1"]
        var c = candles[0];
        Assert.Equal((63045.5m, 63081.5m, 63013.7m, 63028m), (c.Open, c.High, c.Low, c.Close));
        // The volume is volCcy, BTC: vol counts contracts of ctVal 0.01 BTC (okx/instruments.json), 32,101.18 × 0.01 = 321.0118;
        // volCcyQuote ÷ volCcy = 20,234,523.14448 ÷ 321.0118 = 63,033.58 USDT, inside the bar's 63,013.7 .. 63,081.5.
        // It used to be 32,101.18 (contracts).
        Assert.Equal(321.0118m, c.Volume);
        Assert.Equal(32101.18m * 0.01m, c.Volume);
        Assert.InRange(20234523.14448m / c.Volume, c.Low, c.High);
        Assert.Equal(8.618m, candles[1].Volume);                             // 861.8 contracts × 0.01
        // The same hour on Bybit (bybit/kline-forming.json, BTCUSDT linear, recorded the same minute): 385.721 BTC — both in BTC
        // now; in contracts OKX's would have been 83 times Bybit's.
        var bybit = Candle.ParseBybitJson(Fx.Read("bybit/kline-forming.json"), H1);
        Assert.Equal((from, 385.721m), (bybit[0].Timestamp, bybit[0].Volume));
        Assert.InRange(c.Volume / bybit[0].Volume, 0.5m, 2m);
        Assert.Equal("BTC-USDT-SWAP", Assert.Single(server.Requests).Param("instId"));
    }

    [Fact]
    public async Task MarkPriceCandles_DocumentedExample_RepeatsItsTimestamp_ItsFirstRowAloneIsOneCandle()
    {
        // No recorded history-mark-price-candles response was found. OKX's documented example repeats ts 1597026383085, which the
        // client rejects; the same example trimmed to its first row is one six-column row [ts, o, h, l, c, confirm] with no volume.
        var doc = Fx.Read("okx/history-mark-price-candles.json");
        var t = DateTimeOffset.FromUnixTimeMilliseconds(1597026383085);
        var (server, client) = await Start(_ => Reply.Json(doc));
        await using (server)
        {
            var ex = await Assert.ThrowsAsync<IncompleteHistoryException>(() =>
                client.GetCandlesAsync("BTC-USD-SWAP", TimeSpan.FromMinutes(1), t.AddMinutes(-1), t.AddMinutes(1), PriceKind.Mark).ToListAsync());
            Assert.Equal(ExchangeErrorKind.MalformedResponse, Assert.IsType<ExchangeApiException>(ex.InnerException).Kind);
            Assert.Equal("/api/v5/market/history-mark-price-candles", server.Requests.Last().Path);
        }
        var firstRow = System.Text.Json.Nodes.JsonNode.Parse(doc)!;
        firstRow["data"]!.AsArray().RemoveAt(1);
        var (server2, client2) = await Start(_ => Reply.Json(firstRow.ToJsonString()));
        await using var _ = server2;
        var c = Assert.Single(await client2.GetCandlesAsync("BTC-USD-SWAP", TimeSpan.FromMinutes(1), t.AddMinutes(-1), t.AddMinutes(1), PriceKind.Mark).ToListAsync());
        Assert.Equal((t, 3.721m, 3.743m, 3.677m, 3.708m, 0m), (c.Timestamp, c.Open, c.High, c.Low, c.Close, c.Volume));
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
        // okx/funding-rate-history.json: OKX's documented example (no recording found), two BTC-USD-SWAP prints newest first; the
        // realized rate is the one charged. okx/funding-rate.json: a BTC-USDT-SWAP funding-rate record of 2026-09-25.
        var (server, client) = await Start(r => r.Path.EndsWith("history", StringComparison.Ordinal)
            ? Reply.Json(Fx.Read("okx/funding-rate-history.json")) : Reply.Json(Fx.Read("okx/funding-rate.json")));
        await using var _ = server;
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1703030400000);   // 2023-12-20 00:00 UTC
        var prints = await client.GetFundingHistoryAsync("BTC-USD-SWAP", t0, t0.AddDays(1)).ToListAsync();
        Assert.Equal([(t0, 0.0002279755647389m), (t0.AddHours(8), 0.0000746572360545m)], prints.Select(p => (p.Time, p.Rate)));
        // 1703059200000 − 1703030400000 = 28,800,000 ms = 8 h
        Assert.All(prints, p => Assert.Equal(TimeSpan.FromHours(8), p.Interval));
        var now = await client.GetCurrentFundingAsync("BTC-USDT-SWAP");
        Assert.Equal(("BTC-USDT-SWAP", 0.0000263463215391m), (now.Symbol, now.Rate));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790380800000), now.NextFundingTime);   // 2026-09-26 00:00 UTC
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790358563915), now.AsOf);             // ts
        Assert.Null(now.MarkPrice);
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
    public async Task Instrument_RecordedInverseSwap()
    {
        // okx/instruments-inverse.json: BTC-USD-SWAP as recorded live (2026-09-25); only ctType says it is inverse.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/instruments-inverse.json")));
        await using var _ = server;
        var i = await client.GetInstrumentAsync("BTC-USD-SWAP");
        Assert.Equal(ContractType.Inverse, i.Type);
        Assert.Equal((100m, 0.1m, 0.1m, 100m), (i.ContractSize, i.TickSize, i.LotStep, i.MaxLeverage));   // ctVal 100 × ctMult 1 USD
        Assert.Equal(("BTC", "USD", "BTC", "live"), (i.BaseAsset, i.QuoteAsset, i.SettlementAsset, i.Status));
        var req = Assert.Single(server.Requests);
        Assert.Equal(("SWAP", "BTC-USD-SWAP"), (req.Param("instType"), req.Param("instId")));
    }

    [Fact]
    public async Task Positions_RecordedIsolated_AndSignedHeaders()
    {
        var clock = new FixedClock(new DateTimeOffset(2020, 12, 8, 9, 8, 57, 715, TimeSpan.Zero));
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/positions.json")), new ExchangeCredentials("test-key", "test-secret", "pass"), clock);
        await using var _ = server;
        // okx/positions.json: ccxt's recording of a long 1-contract BTC-USD-SWAP isolated position at 3x (2026-01-20)
        var p = Assert.Single(await client.GetPositionsAsync());
        Assert.Equal(("BTC-USD-SWAP", Side.Long, 1m, 92300m, 92376.7m, 3m), (p.Symbol, p.Side, p.Quantity, p.EntryPrice, p.MarkPrice, p.Leverage));
        Assert.Equal((MarginMode.Isolated, 69536.6125000014m, 0.0003611412062116m), (p.MarginMode, p.LiquidationPrice, p.Margin));
        Assert.Equal((0.0000043300962256m, 0.000000899562244m, "BTC"), (p.MaintenanceMargin, p.UnrealizedPnl, p.MarginAsset));
        var req = server.Requests.Single();
        Assert.Equal(("test-key", "pass", "2020-12-08T09:08:57.715Z"),
            (req.Headers["OK-ACCESS-KEY"], req.Headers["OK-ACCESS-PASSPHRASE"], req.Headers["OK-ACCESS-TIMESTAMP"]));
        // python3: base64(hmac(b"test-secret", b"2020-12-08T09:08:57.715ZGET/api/v5/account/positions?instType=SWAP", sha256))
        Assert.Equal("MsmcBgCbhWAMCKdaJoysWjnL+R4B9j3IyM4IjyYrJ3c=", req.Headers["OK-ACCESS-SIGN"]);
    }

    [Fact]
    public async Task Positions_RecordedCross_MarginIsTheInitialMargin_EmptyFieldsAreNone()
    {
        // okx/positions-cross.json: the same account's cross position at 20x; OKX writes margin "" for cross and gives imr instead.
        var body = Fx.Read("okx/positions-cross.json");
        var (server, client) = await Start(_ => Reply.Json(body), new ExchangeCredentials("k", "s", "p"));
        await using var _ = server;
        var p = Assert.Single(await client.GetPositionsAsync());
        Assert.Equal((Side.Long, 1m, 91957.1m, 20m, MarginMode.Cross), (p.Side, p.Quantity, p.EntryPrice, p.Leverage, p.MarginMode));
        Assert.Equal((89.11497615226264m, 0.000054313938912m, 0.000004345115113m), (p.LiquidationPrice, p.Margin, p.MaintenanceMargin));
        // the isolated record above writes imr "" and this one margin "": an empty field is no value, not an error
        var noLiq = body.Replace("\"liqPx\": \"89.11497615226264\"", "\"liqPx\": \"\"", StringComparison.Ordinal);
        Assert.NotEqual(body, noLiq);
        var (server2, client2) = await Start(_ => Reply.Json(noLiq), new ExchangeCredentials("k", "s", "p"));
        await using var __ = server2;
        Assert.Null(Assert.Single(await client2.GetPositionsAsync()).LiquidationPrice);
    }

    [Fact]
    public async Task Balance_RecordedDetails()
    {
        // okx/balance.json: ccxt's recording of GET /api/v5/account/balance (2025-07-11), trimmed to the BTC, USDC and USDT details
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("okx/balance.json")), new ExchangeCredentials("k", "s", "p"));
        await using var _ = server;
        var b = await client.GetBalancesAsync();
        Assert.Equal(["BTC", "USDC", "USDT"], b.Select(x => x.Asset));
        Assert.Equal((1.06126645222m, 1.06126645222m, 0.6612664522199999m), (b[0].WalletBalance, b[0].Equity, b[0].Available));
        Assert.Equal((0.000258796m, 0.000258796m, 0m), (b[2].WalletBalance, b[2].Equity, b[2].Available));   // USDT: availBal "0"
        Assert.Equal("/api/v5/account/balance", Assert.Single(server.Requests).Path);
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
