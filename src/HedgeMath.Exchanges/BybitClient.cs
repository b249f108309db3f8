using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
using HedgeMath.Exchanges.Internal;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>Which Bybit v5 category a <see cref="BybitClient"/> serves.</summary>
public enum BybitCategory
{
    /// <summary><c>linear</c>: USDT and USDC contracts.</summary>
    Linear = 1,
    /// <summary><c>inverse</c>: coin-margined contracts.</summary>
    Inverse = 2,
}

/// <summary>Bybit v5 (linear or inverse) over an <see cref="HttpClient"/>: klines (last, mark, index), funding, tickers, instruments,
/// risk limits, and with keys the positions and wallet balance (HMAC-SHA256 signed, read-only).</summary>
/// <remarks>
/// Endpoints (Bybit v5 docs): <c>GET /v5/market/kline</c>, <c>mark-price-kline</c>, <c>index-price-kline</c> (limit 1,000, newest
/// first), <c>funding/history</c> (limit 200), <c>tickers</c>, <c>instruments-info</c>, <c>risk-limit</c>; signed
/// <c>/v5/position/list</c>, <c>/v5/account/wallet-balance</c>. Every response is <c>{"retCode":0,"retMsg":"OK","result":...}</c>;
/// a non-zero <c>retCode</c> is an error even with HTTP 200. Last-price klines parse through <see cref="Candle.ParseBybitJson"/> (volume
/// in contracts: the base coin for linear, USD for inverse — Bybit v5 "Get Kline"); mark
/// and index rows (<c>[startTime, open, high, low, close]</c>, no volume) into candles with volume 0; funding through
/// <see cref="FundingEvent.ParseBybitJson"/>; tiers through <see cref="MarginTierTable.FromBybitRiskLimits"/>. Signed requests send
/// <c>X-BAPI-API-KEY</c>, <c>X-BAPI-TIMESTAMP</c>, <c>X-BAPI-RECV-WINDOW</c> and <c>X-BAPI-SIGN</c> = hex HMAC-SHA256 of
/// timestamp + key + recvWindow + query. Thread-safe.
/// </remarks>
public sealed class BybitClient : IFuturesExchangeClient
{
    private const int KlineLimit = 1000, FundingLimit = 200;
    private readonly ExchangeTransport _t;
    private readonly string _category;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client; not disposed by this client.</param>
    /// <param name="category">Linear or inverse.</param>
    /// <param name="options">Base address, keys, receive window, limiter; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="http"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="category"/> is not defined.</exception>
    public BybitClient(HttpClient http, BybitCategory category, ExchangeClientOptions? options = null)
    {
        if (category is not (BybitCategory.Linear or BybitCategory.Inverse))
            throw new ArgumentOutOfRangeException(nameof(category), category, $"category must be Linear or Inverse; got {(int)category}.");
        Category = category;
        _category = category == BybitCategory.Linear ? "linear" : "inverse";
        _t = new ExchangeTransport(category == BybitCategory.Linear ? ExchangeNames.BybitLinear : ExchangeNames.BybitInverse, http,
            new Uri("https://api.bybit.com"), options, ReadError);
    }

    /// <summary>Linear or inverse.</summary>
    public BybitCategory Category { get; }

    /// <inheritdoc />
    public string Exchange => _t.Exchange;

    /// <inheritdoc />
    public IAsyncEnumerable<Candle> GetCandlesAsync(string symbol, TimeSpan interval, DateTimeOffset from, DateTimeOffset to, PriceKind price = PriceKind.Last,
        CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        Check.Interval(interval);
        Check.Range(from, to);
        string path = Check.ForPrice(price, "/v5/market/kline", "/v5/market/mark-price-kline", "/v5/market/index-price-kline");
        string iv = ExchangeIntervals.Bybit(interval);
        return Paging.Windows(Exchange, symbol, $"{price.ToString().ToLowerInvariant()} klines {ExchangeIntervals.Binance(interval)}", from, to, interval * KlineLimit, KlineLimit, interval,
            async (start, end, ct) =>
            {
                var q = ExchangeTransport.Query(("category", _category), ("symbol", symbol), ("interval", iv), ("start", ExchangeTransport.Ms(start)),
                    ("end", ExchangeTransport.Ms(end.AddMilliseconds(-1))), ("limit", "1000"));
                var body = await _t.GetAsync(path, q, 1, null, ct).ConfigureAwait(false);
                try
                {
                    return price == PriceKind.Last ? Candle.ParseBybitJson(body, interval) : JsonRead.PriceOnlyKlines(body, "result", "list", interval);
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException) { throw _t.Malformed(path, ex); }
            },
            c => c.Timestamp, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<FundingEvent> GetFundingHistoryAsync(string symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        Check.Range(from, to);
        const string path = "/v5/market/funding/history";
        TimeSpan lastInterval = FundingEvent.DefaultInterval;
        return Paging.Windows(Exchange, symbol, "funding", from, to, TimeSpan.FromHours(FundingLimit), FundingLimit, TimeSpan.FromHours(1),
            async (start, end, ct) =>
            {
                var q = ExchangeTransport.Query(("category", _category), ("symbol", symbol), ("startTime", ExchangeTransport.Ms(start)),
                    ("endTime", ExchangeTransport.Ms(end.AddMilliseconds(-1))), ("limit", "200"));
                var body = await _t.GetAsync(path, q, 1, null, ct).ConfigureAwait(false);
                try
                {
                    var page = Shared.FundingPage(body, FundingEvent.ParseBybitJson, "result", "list", "fundingRateTimestamp", "fundingRate", lastInterval);
                    if (page.Length > 0) lastInterval = page[^1].Interval;
                    return page;
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException) { throw _t.Malformed(path, ex); }
            },
            f => f.Time, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<FundingSnapshot> GetCurrentFundingAsync(string symbol, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        const string path = "/v5/market/tickers";
        var body = await _t.GetAsync(path, ExchangeTransport.Query(("category", _category), ("symbol", symbol)), 1, null, cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var e = First(root, path, symbol);
            return new FundingSnapshot(Exchange, JsonRead.Str(e, "symbol"), JsonRead.Dec(e, "fundingRate"), JsonRead.Ms(JsonRead.Str(e, "nextFundingTime")),
                JsonRead.DecOrNull(e, "markPrice"), JsonRead.DecOrNull(e, "indexPrice"),
                JsonRead.StrOrNull(root, "time") is { } t ? JsonRead.Ms(t) : _t.Clock.GetUtcNow());
        });
    }

    /// <inheritdoc />
    public async Task<InstrumentInfo> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        const string path = "/v5/market/instruments-info";
        var query = ExchangeTransport.Query(("category", _category), ("symbol", symbol));
        var body = await _t.GetAsync(path, query, 1, null, cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var e = First(root, path, symbol);
            bool inverse = Category == BybitCategory.Inverse;
            var minutes = JsonRead.DecOrNull(e, "fundingInterval");
            return new InstrumentInfo(Exchange, JsonRead.Str(e, "symbol"), inverse ? ContractType.Inverse : ContractType.Linear,
                JsonRead.Str(e, "baseCoin"), JsonRead.Str(e, "quoteCoin"), JsonRead.Str(e, "settleCoin"),
                1m, // Bybit inverse contracts are 1 USD each; linear quantities are in the base coin
                JsonRead.Dec(e.GetProperty("priceFilter"), "tickSize"), JsonRead.Dec(e.GetProperty("lotSizeFilter"), "qtyStep"),
                JsonRead.DecOrNull(e.GetProperty("leverageFilter"), "maxLeverage"),
                minutes is > 0m ? TimeSpan.FromMinutes((double)minutes.Value) : null,
                JsonRead.StrOrNull(e, "status") ?? "", JsonRead.StrOrNull(root, "time") is { } t ? JsonRead.Ms(t) : _t.Clock.GetUtcNow(),
                _t.Url(path, query).ToString());
        });
    }

    /// <inheritdoc />
    public async Task<(MarginTierTable Tiers, string Json)> GetMarginTiersAsync(string symbol, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        const string path = "/v5/market/risk-limit";
        var body = await _t.GetAsync(path, ExchangeTransport.Query(("category", _category), ("symbol", symbol)), 1, null, cancellationToken).ConfigureAwait(false);
        try { return (MarginTierTable.FromBybitRiskLimits(body, symbol), body); }
        catch (ArgumentException ex) { throw _t.Malformed(path, ex); }
    }

    /// <inheritdoc />
    public async Task<ContractSnapshot> GetContractAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var instrument = await GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        var (tiers, json) = await GetMarginTiersAsync(instrument.Symbol, cancellationToken).ConfigureAwait(false);
        return Shared.Contract(instrument, tiers, json, "bybit-risk-limit", instrument.Source + " + /v5/market/risk-limit");
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ExchangePosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        const string path = "/v5/position/list";
        // linear lists need a symbol or settleCoin; USDT covers the USDT perpetuals (the catalog's linear contracts).
        var query = Category == BybitCategory.Linear
            ? ExchangeTransport.Query(("category", _category), ("settleCoin", "USDT"), ("limit", "200"))
            : ExchangeTransport.Query(("category", _category), ("limit", "200"));
        var body = await SignedGetAsync(path, query, cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var b = ImmutableArray.CreateBuilder<ExchangePosition>();
            foreach (var p in root.GetProperty("result").GetProperty("list").EnumerateArray())
            {
                var size = JsonRead.Dec(p, "size");
                if (size == 0m) continue;
                var symbol = JsonRead.Str(p, "symbol");
                // tradeMode 0 cross, 1 isolated (classic accounts); unified accounts report 0 and margin per account.
                var mode = JsonRead.StrOrNull(p, "tradeMode") == "1" ? MarginMode.Isolated : MarginMode.Cross;
                b.Add(new ExchangePosition(Exchange, symbol, JsonRead.Str(p, "side") == "Buy" ? Side.Long : Side.Short, size,
                    JsonRead.Dec(p, "avgPrice"), JsonRead.Dec(p, "markPrice"), JsonRead.Dec(p, "leverage"), mode,
                    Shared.Positive(JsonRead.DecOrNull(p, "liqPrice")), JsonRead.DecOrNull(p, "positionIM") ?? JsonRead.DecOrNull(p, "positionBalance"),
                    JsonRead.DecOrNull(p, "positionMM"), JsonRead.DecOrNull(p, "unrealisedPnl") ?? 0m,
                    Category == BybitCategory.Linear ? "USDT" : symbol[..Math.Max(0, symbol.IndexOf("USD", StringComparison.Ordinal))]));
            }
            return b.ToImmutable();
        });
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ExchangeBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        const string path = "/v5/account/wallet-balance";
        var body = await SignedGetAsync(path, ExchangeTransport.Query(("accountType", "UNIFIED")), cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var b = ImmutableArray.CreateBuilder<ExchangeBalance>();
            foreach (var account in root.GetProperty("result").GetProperty("list").EnumerateArray())
                foreach (var c in account.GetProperty("coin").EnumerateArray())
                    // availableToWithdraw is "" on unified accounts (recorded 2025-01-14, Fixtures/SOURCES.md): not reported, not 0.
                    b.Add(new ExchangeBalance(Exchange, JsonRead.Str(c, "coin"), JsonRead.DecOrNull(c, "walletBalance") ?? 0m,
                        JsonRead.DecOrNull(c, "equity") ?? 0m, JsonRead.DecOrNull(c, "availableToWithdraw")));
            return b.ToImmutable();
        });
    }

    private Task<string> SignedGetAsync(string path, string query, CancellationToken ct)
    {
        var credentials = _t.RequireCredentials(path);
        long ts = _t.Clock.GetUtcNow().ToUnixTimeMilliseconds(), recv = (long)_t.Options.ReceiveWindow.TotalMilliseconds;
        var sign = Signatures.Bybit(credentials.Secret, ts, credentials.ApiKey, recv, query);
        return _t.GetAsync(path, query, 1, r =>
        {
            r.Headers.Add("X-BAPI-API-KEY", credentials.ApiKey);
            r.Headers.Add("X-BAPI-TIMESTAMP", ts.ToString(CultureInfo.InvariantCulture));
            r.Headers.Add("X-BAPI-RECV-WINDOW", recv.ToString(CultureInfo.InvariantCulture));
            r.Headers.Add("X-BAPI-SIGN", sign);
        }, ct);
    }

    private JsonElement First(JsonElement root, string path, string symbol)
    {
        foreach (var e in root.GetProperty("result").GetProperty("list").EnumerateArray()) return e;
        throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.InvalidSymbol, HttpStatusCode.OK, null,
            $"{Exchange} {path}: the symbol '{symbol}' is not listed in category {_category}.");
    }


    // Bybit v5 "Error Codes": retCode != 0 is a failure whatever the HTTP status; HTTP 403 "access too frequent" is the IP rate limit.
    private static (ExchangeErrorKind, string?, string)? ReadError(HttpStatusCode status, string body)
    {
        var code = ExchangeTransport.TopLevel(body, "retCode");
        int s = (int)status;
        if ((code is null || code == "0") && s < 400) return null;
        var msg = ExchangeTransport.TopLevel(body, "retMsg") ?? ExchangeTransport.Snippet(body);
        var kind = (s, code) switch
        {
            (429, _) or (_, "10006") or (_, "10018") => ExchangeErrorKind.RateLimited,
            (403, null) => ExchangeErrorKind.RateLimited,
            (_, "10002") => ExchangeErrorKind.ClockSkew,
            (_, "10003") => ExchangeErrorKind.InvalidKey,
            (_, "10004") => ExchangeErrorKind.InvalidSignature,
            (_, "10005") or (_, "10010") => ExchangeErrorKind.PermissionDenied,
            (_, "10001") when msg.Contains("symbol", StringComparison.OrdinalIgnoreCase) => ExchangeErrorKind.InvalidSymbol,
            (_, "110023") or (_, "181001") => ExchangeErrorKind.InvalidSymbol,
            (>= 500, _) => ExchangeErrorKind.ServerError,
            _ => ExchangeErrorKind.Other,
        };
        return (kind, code, msg);
    }
}
