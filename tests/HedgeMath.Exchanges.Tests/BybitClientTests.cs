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
    public async Task Kline_RecordedLinear_NewestFirstBecomesAscending_VolumeInBaseCoin()
    {
        // bybit/kline.json: ccxt's recording of three BTCUSDT (linear) hourly rows, 2024-01-30 16:00 .. 18:00 UTC, newest first.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/kline.json")));
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1706630400000);   // 2024-01-30 16:00 UTC
        var candles = await client.GetCandlesAsync("BTCUSDT", H1, from, from.AddHours(3)).ToListAsync();
        Assert.Equal([from, from.AddHours(1), from.AddHours(2)], candles.Select(c => c.Timestamp));
        // the last row: ["1706630400000","43350.7","43492.5","43204.5","43488","1341.261","58117391.4117"]
        Assert.Equal((43350.7m, 43492.5m, 43204.5m, 43488m, 1341.261m), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Close, candles[0].Volume));
        Assert.Equal((43376.1m, 43474.1m, 43264.8m, 43352.8m, 1575.305m), (candles[2].Open, candles[2].High, candles[2].Low, candles[2].Close, candles[2].Volume));
        // The volume is BTC: turnover ÷ volume = 58,117,391.4117 ÷ 1,341.261 = 43,330.41 USDT, inside the bar's 43,204.5 .. 43,492.5.
        Assert.InRange(58117391.4117m / candles[0].Volume, candles[0].Low, candles[0].High);
        var req = Assert.Single(server.Requests);
        Assert.Equal(("/v5/market/kline", "linear", "BTCUSDT", "60", "1000"), (req.Path, req.Param("category"), req.Param("symbol"), req.Param("interval"), req.Param("limit")));
    }

    [Fact]
    public async Task Kline_DocumentedInverse_VolumeInUsdContracts()
    {
        // No recorded inverse kline was found: Bybit v5 "Get Kline" response example, BTCUSD, three hourly rows, newest first.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/kline-inverse.json")), BybitCategory.Inverse);
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1670601600000);
        var candles = await client.GetCandlesAsync("BTCUSD", H1, from, from.AddHours(3)).ToListAsync();
        Assert.Equal(3, candles.Count);
        Assert.Equal(from, candles[0].Timestamp);
        Assert.Equal((17086.5m, 17088m, 16978m, 17071.5m, 6356m), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Close, candles[0].Volume));
        Assert.Equal((17071m, 17073m, 17027m, 17055.5m, 268611m), (candles[2].Open, candles[2].High, candles[2].Low, candles[2].Close, candles[2].Volume));
        // Inverse volume counts 1-USD contracts (turnover is the BTC): 6,356 USD ÷ 0.37288112 BTC = 17,045.6, inside 16,978 .. 17,088.
        Assert.InRange(candles[0].Volume / 0.37288112m, candles[0].Low, candles[0].High);
        var req = Assert.Single(server.Requests);
        Assert.Equal(("/v5/market/kline", "inverse", "60", "1000"), (req.Path, req.Param("category"), req.Param("interval"), req.Param("limit")));
    }

    [Fact]
    public async Task MarkPriceKline_DocumentedExample_HasNoVolume()
    {
        // No recorded mark-price-kline response was found: the documented example (one BTCUSDT row).
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/mark-price-kline.json")));
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1670608800000);
        var c = Assert.Single(await client.GetCandlesAsync("BTCUSDT", H1, from, from.AddHours(1), PriceKind.Mark).ToListAsync());
        Assert.Equal((17164.16m, 17164.16m, 17121.5m, 17131.64m, 0m), (c.Open, c.High, c.Low, c.Close, c.Volume));
        Assert.Equal("/v5/market/mark-price-kline", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task IndexPriceKline_DocumentedExample_TwoMinuteRows()
    {
        // No recorded index-price-kline response was found: the documented example (BTCUSDZ22, inverse, two 1-minute rows).
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/index-price-kline.json")), BybitCategory.Inverse);
        await using var _ = server;
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1670608740000);
        var candles = await client.GetCandlesAsync("BTCUSDZ22", TimeSpan.FromMinutes(1), from, from.AddMinutes(2), PriceKind.Index).ToListAsync();
        Assert.Equal([from, from.AddMinutes(1)], candles.Select(c => c.Timestamp));
        Assert.Equal((17166.54m, 17167.69m, 17165.42m, 17167m, 0m), (candles[0].Open, candles[0].High, candles[0].Low, candles[0].Close, candles[0].Volume));
        Assert.Equal(("/v5/market/index-price-kline", "1"), (Assert.Single(server.Requests).Path, server.Requests.Single().Param("interval")));
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
    public async Task FundingHistory_RecordedTwoPrints_EightHoursApart()
    {
        // bybit/funding-history.json: BTCUSDT (linear) prints of 2026-08-15 08:00 and 16:00 UTC, newest first, recorded from api.bybit.com.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/funding-history.json")));
        await using var _ = server;
        var t0 = new DateTimeOffset(2026, 8, 15, 8, 0, 0, TimeSpan.Zero);   // 1786780800000
        var f = await client.GetFundingHistoryAsync("BTCUSDT", t0.AddHours(-1), t0.AddHours(9)).ToListAsync();
        Assert.Equal([(t0, 0.00004737m), (t0.AddHours(8), 0.00004403m)], f.Select(e => (e.Time, e.Rate)));
        Assert.All(f, e => Assert.Equal(TimeSpan.FromHours(8), e.Interval));   // 1786809600000 − 1786780800000 = 28,800,000 ms
        var req = Assert.Single(server.Requests);
        Assert.Equal(("/v5/market/funding/history", "linear", "BTCUSDT", "200"), (req.Path, req.Param("category"), req.Param("symbol"), req.Param("limit")));
    }

    [Fact]
    public async Task Tickers_RecordedLinear_IsTheCurrentFunding()
    {
        // bybit/tickers.json: ccxt's recording of BTCUSDT's ticker, 2024-02-14 10:12:29 UTC (ccxt's recorder wrote time as a string).
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/tickers.json")));
        await using var _ = server;
        var f = await client.GetCurrentFundingAsync("BTCUSDT");
        Assert.Equal(("BTCUSDT", -0.00046295m), (f.Symbol, f.Rate));
        Assert.Equal(new DateTimeOffset(2024, 2, 14, 16, 0, 0, TimeSpan.Zero), f.NextFundingTime);   // 1707926400000
        Assert.Equal((51444.40m, 51469.95m), (f.MarkPrice, f.IndexPrice));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1707905549267), f.AsOf);
        Assert.Equal("linear", Assert.Single(server.Requests).Param("category"));
    }

    [Fact]
    public async Task Tickers_DocumentedInverse_IsTheCurrentFunding()
    {
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/tickers-inverse.json")), BybitCategory.Inverse);
        await using var _ = server;
        var f = await client.GetCurrentFundingAsync("BTCUSD");
        Assert.Equal(0.0001m, f.Rate);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760371200000), f.NextFundingTime);
        Assert.Equal(114898.43m, f.MarkPrice);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1760352369814), f.AsOf);
    }

    [Fact]
    public async Task InstrumentAndRiskLimit_RecordedLinear_BuildAContract()
    {
        // bybit/instruments-info.json: BTCUSDT as recorded on 2023-09-14; bybit/risk-limit-linear.json: BTCUSDT tiers 1–3 of 2026-08-05.
        var (server, client) = await Start(r => r.Path == "/v5/market/instruments-info"
            ? Reply.Json(Fx.Read("bybit/instruments-info.json"))
            : Reply.Json(Fx.Read("bybit/risk-limit-linear.json")));
        await using var _ = server;
        var i = await client.GetInstrumentAsync("BTCUSDT");
        Assert.Equal((ContractType.Linear, "BTC", "USDT", "USDT", 1m), (i.Type, i.BaseAsset, i.QuoteAsset, i.SettlementAsset, i.ContractSize));
        Assert.Equal((0.10m, 0.001m, 100m), (i.TickSize, i.LotStep, i.MaxLeverage));
        Assert.Equal(TimeSpan.FromHours(8), i.FundingInterval);   // fundingInterval 480 minutes
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1694668718723), i.AsOf);
        var snapshot = await client.GetContractAsync("BTCUSDT");
        Assert.Equal("bybit-risk-limit", snapshot.TiersFormat);
        var tiers = snapshot.Contract.Tiers.Tiers;
        Assert.Equal([2_000_000m, 2_600_000m, 3_200_000m], tiers.Select(t => t.NotionalCap));
        // Bybit's deductions, recorded, equal its recurrence: 2,000,000 × (0.0056 − 0.005) = 1,200; 1,200 + 2,600,000 × (0.0063 − 0.0056) = 3,020.
        Assert.Equal([0m, 1200m, 3020m], tiers.Select(t => t.MaintenanceAmount));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1694668718723), snapshot.AsOf);
    }

    [Fact]
    public async Task InstrumentAndRiskLimit_RecordedInverse_BuildAContract()
    {
        // bybit/instruments-info-inverse.json: BTCUSD as bytex recorded it on 2026-09-26, in bytex's envelope (time 1700000000000 is
        // bytex's placeholder); bybit/risk-limit-inverse.json: BTCUSD tiers 1–2 of the same day.
        var (server, client) = await Start(r => r.Path == "/v5/market/instruments-info"
            ? Reply.Json(Fx.Read("bybit/instruments-info-inverse.json"))
            : Reply.Json(Fx.Read("bybit/risk-limit-inverse.json")), BybitCategory.Inverse);
        await using var _ = server;
        var i = await client.GetInstrumentAsync("BTCUSD");
        Assert.Equal((ContractType.Inverse, "BTC", "USD", "BTC", 1m), (i.Type, i.BaseAsset, i.QuoteAsset, i.SettlementAsset, i.ContractSize));
        Assert.Equal((0.10m, 1m, 100m, TimeSpan.FromHours(8)), (i.TickSize, i.LotStep, i.MaxLeverage, i.FundingInterval));
        var snapshot = await client.GetContractAsync("BTCUSD");
        Assert.Equal(2, snapshot.Contract.Tiers.Count);
        // tier 2's maintenance deduction by Bybit's recurrence: 150 × (0.01 − 0.005) + 0 = 0.75, as the recording says
        Assert.Equal(0.75m, snapshot.Contract.Tiers.Tiers[1].MaintenanceAmount);
        Assert.Equal("inverse", server.Requests.Last().Param("category"));
    }

    [Fact]
    public async Task PositionList_DocumentedInverse_SignedWithHeaders()
    {
        // No recorded inverse position list was found: the documented example (short 300 BTCUSD contracts).
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1672025956592));
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/position-list-inverse.json")), BybitCategory.Inverse,
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
    public async Task PositionList_RecordedLinear_LongCrossPosition()
    {
        // bybit/position-list-linear.json: ccxt's recording (2023-11-14) of a long 1.2 LTCUSDT, 6x, tradeMode "0" (cross), liqPrice "".
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/position-list-linear.json")), keys: new ExchangeCredentials("k", "s"));
        await using var _ = server;
        var p = Assert.Single(await client.GetPositionsAsync());
        Assert.Equal(("LTCUSDT", Side.Long, 1.2m, 64.59947917m, 71.1m, 6m, MarginMode.Cross),
            (p.Symbol, p.Side, p.Quantity, p.EntryPrice, p.MarkPrice, p.Leverage, p.MarginMode));
        Assert.Null(p.LiquidationPrice);
        Assert.Equal((12.95542633m, 0.81072399m, "USDT"), (p.Margin, p.MaintenanceMargin, p.MarginAsset));
        // the recorded PnL is the long's: 1.2 × (71.1 − 64.59947917) = 7.800625 (to the 8 decimals Bybit prints)
        Assert.Equal(7.800625m, p.UnrealizedPnl);
        Assert.Equal(Math.Round(1.2m * (71.1m - 64.59947917m), 6), p.UnrealizedPnl);
        Assert.Equal("category=linear&settleCoin=USDT&limit=200", Assert.Single(server.Requests).Query.TrimStart('?'));
    }

    [Fact]
    public async Task PositionList_RecordedFlatRow_IsNoPosition()
    {
        // bybit/position-list-flat.json: the same account after closing (size "0", side "", avgPrice "0", unrealisedPnl "").
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/position-list-flat.json")), keys: new ExchangeCredentials("k", "s"));
        await using var _ = server;
        Assert.Empty(await client.GetPositionsAsync());
    }

    [Fact]
    public async Task WalletBalance_RecordedUnifiedAccount_AvailableNotReported()
    {
        // bybit/wallet-balance.json: ccxt's recording of a unified account (2025-01-14, seven coins) whose availableToWithdraw is ""
        // for every coin. The client used to report 0 available; Bybit no longer says, so it is null.
        var (server, client) = await Start(_ => Reply.Json(Fx.Read("bybit/wallet-balance.json")), keys: new ExchangeCredentials("k", "s"));
        await using var _ = server;
        var b = await client.GetBalancesAsync();
        Assert.Equal(["USDC", "BTC", "ETH", "ADA", "XRP", "USDT", "LTC"], b.Select(x => x.Asset));
        var usdt = b.Single(x => x.Asset == "USDT");
        Assert.Equal((3322.25896609m, 3304.29766609m), (usdt.WalletBalance, usdt.Equity));
        Assert.Equal(usdt.WalletBalance - 17.9613m, usdt.Equity);   // equity = wallet + unrealisedPnl (−17.9613)
        Assert.All(b, x => Assert.Null(x.Available));
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
