using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using HedgeMath.Exchanges.Internal;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>OKX v5 perpetual swaps over an <see cref="HttpClient"/>: candles (last, mark, index), funding, instruments, position
/// tiers, and with keys the positions and balances (HMAC-SHA256 signed, read-only).</summary>
/// <remarks>
/// Endpoints (OKX API v5 docs): <c>GET /api/v5/market/history-candles</c>, <c>history-mark-price-candles</c>,
/// <c>history-index-candles</c> (limit 100, newest first, paged with <c>after</c> = older than, <c>before</c> = newer than),
/// <c>/api/v5/public/funding-rate-history</c> (limit 100), <c>funding-rate</c>, <c>instruments</c>, <c>position-tiers</c>; signed
/// <c>/api/v5/account/positions</c>, <c>/api/v5/account/balance</c>. Responses are <c>{"code":"0","msg":"","data":[...]}</c>; a
/// non-zero code is an error. Symbols are instIds (<c>BTC-USDT-SWAP</c>); quantities are contracts of <c>ctVal</c>. Last-price
/// candles parse through <see cref="Candle.ParseOkxSwapJson"/> (volume in the base currency, <c>volCcy</c>); mark and index rows (<c>[ts, o, h, l, c, confirm]</c>) into candles with
/// volume 0; funding through <see cref="FundingEvent.ParseOkxJson"/>; tiers through <see cref="MarginTierTable.FromOkxPositionTiers"/>.
/// Signed requests send <c>OK-ACCESS-KEY</c>, <c>OK-ACCESS-PASSPHRASE</c>, <c>OK-ACCESS-TIMESTAMP</c> (ISO 8601, ms) and
/// <c>OK-ACCESS-SIGN</c> = Base64 HMAC-SHA256 of timestamp + <c>GET</c> + path and query. Thread-safe.
/// </remarks>
public sealed class OkxClient : IFuturesExchangeClient
{
    private const int Limit = 100;
    private readonly ExchangeTransport _t;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client; not disposed by this client.</param>
    /// <param name="options">Base address, keys (with the passphrase), limiter; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="http"/> is null.</exception>
    public OkxClient(HttpClient http, ExchangeClientOptions? options = null) =>
        _t = new ExchangeTransport(ExchangeNames.OkxSwap, http, new Uri("https://www.okx.com"), options, ReadError);

    /// <inheritdoc />
    public string Exchange => _t.Exchange;

    /// <inheritdoc />
    public IAsyncEnumerable<Candle> GetCandlesAsync(string symbol, TimeSpan interval, DateTimeOffset from, DateTimeOffset to, PriceKind price = PriceKind.Last,
        CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        Check.Interval(interval);
        Check.Range(from, to);
        string path = Check.ForPrice(price, "/api/v5/market/history-candles", "/api/v5/market/history-mark-price-candles", "/api/v5/market/history-index-candles");
        // The index is quoted per underlying (BTC-USDT), the others per instrument (BTC-USDT-SWAP).
        string id = price == PriceKind.Index ? Family(symbol) : symbol;
        string bar = ExchangeIntervals.Okx(interval);
        return Paging.Windows(Exchange, symbol, $"{price.ToString().ToLowerInvariant()} klines {ExchangeIntervals.Binance(interval)}", from, to, interval * Limit, Limit, interval,
            async (start, end, ct) =>
            {
                var q = ExchangeTransport.Query(("instId", id), ("bar", bar), ("after", ExchangeTransport.Ms(end)),
                    ("before", ExchangeTransport.Ms(start.AddMilliseconds(-1))), ("limit", "100"));
                var body = await _t.GetAsync(path, q, 1, null, ct).ConfigureAwait(false);
                try
                {
                    // Swap rows count contracts in vol; volCcy is the base currency (Candle.ParseOkxSwapJson).
                    return price == PriceKind.Last ? Candle.ParseOkxSwapJson(body, interval) : JsonRead.PriceOnlyKlines(body, null, "data", interval);
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
        const string path = "/api/v5/public/funding-rate-history";
        TimeSpan lastInterval = FundingEvent.DefaultInterval;
        return Paging.Windows(Exchange, symbol, "funding", from, to, TimeSpan.FromHours(Limit), Limit, TimeSpan.FromHours(1),
            async (start, end, ct) =>
            {
                var q = ExchangeTransport.Query(("instId", symbol), ("after", ExchangeTransport.Ms(end)),
                    ("before", ExchangeTransport.Ms(start.AddMilliseconds(-1))), ("limit", "100"));
                var body = await _t.GetAsync(path, q, 1, null, ct).ConfigureAwait(false);
                try
                {
                    var page = Shared.FundingPage(body, FundingEvent.ParseOkxJson, null, "data", "fundingTime", "realizedRate", lastInterval);
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
        const string path = "/api/v5/public/funding-rate";
        var body = await _t.GetAsync(path, ExchangeTransport.Query(("instId", symbol)), 1, null, cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var e = First(root, path, symbol);
            // fundingTime: the settlement of the current rate (OKX "Get funding rate").
            return new FundingSnapshot(Exchange, JsonRead.Str(e, "instId"), JsonRead.Dec(e, "fundingRate"), JsonRead.Ms(JsonRead.Str(e, "fundingTime")),
                null, null, JsonRead.StrOrNull(e, "ts") is { Length: > 0 } t ? JsonRead.Ms(t) : _t.Clock.GetUtcNow());
        });
    }

    /// <inheritdoc />
    public async Task<InstrumentInfo> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        const string path = "/api/v5/public/instruments";
        var query = ExchangeTransport.Query(("instType", "SWAP"), ("instId", symbol));
        var body = await _t.GetAsync(path, query, 1, null, cancellationToken).ConfigureAwait(false);
        var asOf = _t.Clock.GetUtcNow();
        return _t.Read(path, body, root =>
        {
            var e = First(root, path, symbol);
            var family = JsonRead.StrOrNull(e, "instFamily") is { Length: > 0 } f ? f : JsonRead.Str(e, "uly");
            var parts = family.Split('-');
            bool inverse = JsonRead.StrOrNull(e, "ctType") == "inverse";
            return new InstrumentInfo(Exchange, JsonRead.Str(e, "instId"), inverse ? ContractType.Inverse : ContractType.Linear,
                parts[0], parts.Length > 1 ? parts[1] : "", JsonRead.Str(e, "settleCcy"),
                JsonRead.Dec(e, "ctVal") * (JsonRead.DecOrNull(e, "ctMult") ?? 1m), JsonRead.Dec(e, "tickSz"), JsonRead.Dec(e, "lotSz"),
                JsonRead.DecOrNull(e, "lever"), null, JsonRead.StrOrNull(e, "state") ?? "", asOf, _t.Url(path, query).ToString());
        });
    }

    /// <inheritdoc />
    public async Task<(MarginTierTable Tiers, string Json)> GetMarginTiersAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var instrument = await GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        return await TiersAsync(instrument, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(MarginTierTable, string)> TiersAsync(InstrumentInfo instrument, CancellationToken ct)
    {
        const string path = "/api/v5/public/position-tiers";
        string family = Family(instrument.Symbol);
        var body = await _t.GetAsync(path, ExchangeTransport.Query(("instType", "SWAP"), ("tdMode", "cross"), ("instFamily", family)), 1, null, ct).ConfigureAwait(false);
        try { return (MarginTierTable.FromOkxPositionTiers(body, family, instrument.ContractSize), body); }
        catch (ArgumentException ex) { throw _t.Malformed(path, ex); }
    }

    /// <inheritdoc />
    public async Task<ContractSnapshot> GetContractAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var instrument = await GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        var (tiers, json) = await TiersAsync(instrument, cancellationToken).ConfigureAwait(false);
        return Shared.Contract(instrument, tiers, json, "okx-position-tiers", instrument.Source + " + /api/v5/public/position-tiers");
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ExchangePosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        const string path = "/api/v5/account/positions";
        var body = await SignedGetAsync(path, ExchangeTransport.Query(("instType", "SWAP")), cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var b = ImmutableArray.CreateBuilder<ExchangePosition>();
            foreach (var p in root.GetProperty("data").EnumerateArray())
            {
                var pos = JsonRead.Dec(p, "pos");
                if (pos == 0m) continue;
                var side = JsonRead.StrOrNull(p, "posSide") switch
                {
                    "long" => Side.Long,
                    "short" => Side.Short,
                    _ => pos > 0 ? Side.Long : Side.Short, // net mode: the sign of pos
                };
                var mode = Shared.Mode(JsonRead.StrOrNull(p, "mgnMode"));
                b.Add(new ExchangePosition(Exchange, JsonRead.Str(p, "instId"), side, Math.Abs(pos), JsonRead.Dec(p, "avgPx"), JsonRead.Dec(p, "markPx"),
                    JsonRead.Dec(p, "lever"), mode, Shared.Positive(JsonRead.DecOrNull(p, "liqPx")),
                    mode == MarginMode.Isolated ? JsonRead.DecOrNull(p, "margin") : JsonRead.DecOrNull(p, "imr"),
                    JsonRead.DecOrNull(p, "mmr"), JsonRead.DecOrNull(p, "upl") ?? 0m, JsonRead.StrOrNull(p, "ccy") ?? ""));
            }
            return b.ToImmutable();
        });
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ExchangeBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        const string path = "/api/v5/account/balance";
        var body = await SignedGetAsync(path, "", cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var b = ImmutableArray.CreateBuilder<ExchangeBalance>();
            foreach (var account in root.GetProperty("data").EnumerateArray())
                foreach (var d in account.GetProperty("details").EnumerateArray())
                    b.Add(new ExchangeBalance(Exchange, JsonRead.Str(d, "ccy"), JsonRead.DecOrNull(d, "cashBal") ?? 0m,
                        JsonRead.DecOrNull(d, "eq") ?? 0m, JsonRead.DecOrNull(d, "availBal")));
            return b.ToImmutable();
        });
    }

    private static string Family(string instId) =>
        instId.EndsWith("-SWAP", StringComparison.OrdinalIgnoreCase) ? instId[..^5] : instId;

    private Task<string> SignedGetAsync(string path, string query, CancellationToken ct)
    {
        var credentials = _t.RequireCredentials(path);
        if (credentials.Passphrase is null)
            throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.MissingCredentials, null, null,
                $"{Exchange} {path}: OKX signs with a passphrase as well as the key and secret; set HEDGEMATH_OKX_API_PASSPHRASE.");
        var ts = Signatures.OkxTimestamp(_t.Clock.GetUtcNow());
        var sign = Signatures.Okx(credentials.Secret, ts, "GET", query.Length > 0 ? path + "?" + query : path, "");
        return _t.GetAsync(path, query, 1, r =>
        {
            r.Headers.Add("OK-ACCESS-KEY", credentials.ApiKey);
            r.Headers.Add("OK-ACCESS-SIGN", sign);
            r.Headers.Add("OK-ACCESS-TIMESTAMP", ts);
            r.Headers.Add("OK-ACCESS-PASSPHRASE", credentials.Passphrase);
        }, ct);
    }

    private JsonElement First(JsonElement root, string path, string symbol)
    {
        foreach (var e in root.GetProperty("data").EnumerateArray()) return e;
        throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.InvalidSymbol, HttpStatusCode.OK, null,
            $"{Exchange} {path}: the instrument '{symbol}' is not listed.");
    }


    // OKX v5 "Error Code": code != "0" is a failure; 50011 rate limit (HTTP 429), 50102 timestamp expired, 50111/50105 invalid key or
    // passphrase, 50113 invalid sign, 50030/50110 permission or IP, 51001 instrument does not exist.
    private static (ExchangeErrorKind, string?, string)? ReadError(HttpStatusCode status, string body)
    {
        var code = ExchangeTransport.TopLevel(body, "code");
        int s = (int)status;
        if ((code is null || code == "0") && s < 400) return null;
        var msg = ExchangeTransport.TopLevel(body, "msg") is { Length: > 0 } m ? m : ExchangeTransport.Snippet(body);
        var kind = (s, code) switch
        {
            (429, _) or (_, "50011") or (_, "50061") => ExchangeErrorKind.RateLimited,
            (_, "50102") or (_, "50112") => ExchangeErrorKind.ClockSkew,
            (_, "50111") or (_, "50105") or (_, "50119") => ExchangeErrorKind.InvalidKey,
            (_, "50113") => ExchangeErrorKind.InvalidSignature,
            (_, "50030") or (_, "50110") or (_, "50120") => ExchangeErrorKind.PermissionDenied,
            (_, "51001") => ExchangeErrorKind.InvalidSymbol,
            (>= 500, _) => ExchangeErrorKind.ServerError,
            _ => ExchangeErrorKind.Other,
        };
        return (kind, code, msg);
    }
}
