using System.Collections.Immutable;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HedgeMath.Exchanges.Internal;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>Which Binance futures market a <see cref="BinanceFuturesClient"/> serves.</summary>
public enum BinanceFuturesMarket
{
    /// <summary>USDⓈ-M (<c>https://fapi.binance.com</c>, paths <c>/fapi/...</c>), linear.</summary>
    UsdM = 1,
    /// <summary>COIN-M (<c>https://dapi.binance.com</c>, paths <c>/dapi/...</c>), inverse.</summary>
    CoinM = 2,
}

/// <summary>Binance USDⓈ-M or COIN-M futures over an <see cref="HttpClient"/>: klines (last, mark, index), funding, exchange info,
/// and with keys the leverage brackets, positions and balances (HMAC-SHA256 signed, read-only).</summary>
/// <remarks>
/// Endpoints (Binance derivatives API docs): <c>GET /fapi/v1/klines</c>, <c>markPriceKlines</c>, <c>indexPriceKlines</c> (limit 1,500;
/// weight by limit, <see cref="ExchangeRateLimits.BinanceKlineWeight"/>), <c>fundingRate</c> (limit 1,000), <c>premiumIndex</c>,
/// <c>exchangeInfo</c>; signed <c>/fapi/v1/leverageBracket</c>, <c>/fapi/v2/positionRisk</c>, <c>/fapi/v2/balance</c>. COIN-M:
/// the <c>/dapi/v1</c> equivalents (<c>indexPriceKlines</c> takes the <c>pair</c>), <c>/dapi/v2/leverageBracket</c>,
/// <c>/dapi/v1/positionRisk</c>, <c>/dapi/v1/balance</c>. Klines parse through <see cref="Candle.ParseBinanceJson"/>, funding through
/// <see cref="FundingEvent.ParseBinanceJson"/>, brackets through <see cref="MarginTierTable.FromBinanceBrackets(string, string?)"/>.
/// Signed requests carry <c>timestamp</c> and <c>recvWindow</c>, then <c>signature</c> = hex HMAC-SHA256 of the query with the
/// secret; the key goes in <c>X-MBX-APIKEY</c>. Thread-safe.
/// </remarks>
public sealed class BinanceFuturesClient : IFuturesExchangeClient
{
    private const int KlineLimit = 1500, FundingLimit = 1000;
    private readonly ExchangeTransport _t;
    private readonly string _v1;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client (from the factory, or <see cref="ExchangeHttp.CreateHttpClient"/>); not disposed by this client.</param>
    /// <param name="market">USDⓈ-M or COIN-M.</param>
    /// <param name="options">Base address, keys, receive window, limiter; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="http"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="market"/> is not defined.</exception>
    public BinanceFuturesClient(HttpClient http, BinanceFuturesMarket market, ExchangeClientOptions? options = null)
    {
        if (market is not (BinanceFuturesMarket.UsdM or BinanceFuturesMarket.CoinM))
            throw new ArgumentOutOfRangeException(nameof(market), market, $"market must be UsdM or CoinM; got {(int)market}.");
        Market = market;
        bool usdm = market == BinanceFuturesMarket.UsdM;
        _v1 = usdm ? "/fapi/v1" : "/dapi/v1";
        _t = new ExchangeTransport(usdm ? ExchangeNames.BinanceUsdm : ExchangeNames.BinanceCoinm, http,
            new Uri(usdm ? "https://fapi.binance.com" : "https://dapi.binance.com"), options, ReadError);
    }

    /// <summary>USDⓈ-M or COIN-M.</summary>
    public BinanceFuturesMarket Market { get; }

    /// <inheritdoc />
    public string Exchange => _t.Exchange;

    /// <inheritdoc />
    public IAsyncEnumerable<Candle> GetCandlesAsync(string symbol, TimeSpan interval, DateTimeOffset from, DateTimeOffset to, PriceKind price = PriceKind.Last,
        CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        Check.Interval(interval);
        Check.Range(from, to);
        var (path, key) = Check.ForPrice(price, ($"{_v1}/klines", "symbol"), ($"{_v1}/markPriceKlines", "symbol"), ($"{_v1}/indexPriceKlines", "pair"));
        // COIN-M index klines take the pair (BTCUSD), the others the symbol (BTCUSD_PERP); USDⓈ-M index klines take the pair too, equal to the symbol.
        string id = key == "pair" ? symbol.Split('_')[0] : symbol;
        // COIN-M limits a kline request's startTime..endTime to 200 days (dapi docs); 1,500 daily bars would exceed it.
        var window = interval * KlineLimit;
        if (Market == BinanceFuturesMarket.CoinM && window > TimeSpan.FromDays(200)) window = TimeSpan.FromDays(200);
        int weight = ExchangeRateLimits.BinanceKlineWeight(KlineLimit);
        string iv = ExchangeIntervals.Binance(interval);
        return Paging.Windows(Exchange, symbol, $"{price.ToString().ToLowerInvariant()} klines {iv}", from, to, window, KlineLimit, interval,
            async (start, end, ct) =>
            {
                var q = ExchangeTransport.Query((key, id), ("interval", iv), ("startTime", ExchangeTransport.Ms(start)),
                    ("endTime", ExchangeTransport.Ms(end.AddMilliseconds(-1))), ("limit", KlineLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var body = await _t.GetAsync(path, q, weight, null, ct).ConfigureAwait(false);
                try { return Candle.ParseBinanceJson(body); }
                catch (ArgumentException ex) { throw _t.Malformed(path, ex); }
            },
            c => c.Timestamp, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<FundingEvent> GetFundingHistoryAsync(string symbol, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        Check.Range(from, to);
        string path = $"{_v1}/fundingRate";
        TimeSpan lastInterval = FundingEvent.DefaultInterval;
        // Windows of 1,000 hours hold at most 1,000 prints even on 1-hour funding.
        return Paging.Windows(Exchange, symbol, "funding", from, to, TimeSpan.FromHours(FundingLimit), FundingLimit, TimeSpan.FromHours(1),
            async (start, end, ct) =>
            {
                var q = ExchangeTransport.Query(("symbol", symbol), ("startTime", ExchangeTransport.Ms(start)),
                    ("endTime", ExchangeTransport.Ms(end.AddMilliseconds(-1))), ("limit", "1000"));
                var body = await _t.GetAsync(path, q, 1, null, ct).ConfigureAwait(false);
                try
                {
                    var page = Shared.FundingPage(body, FundingEvent.ParseBinanceJson, null, null, "fundingTime", "fundingRate", lastInterval);
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
        string path = $"{_v1}/premiumIndex";
        var body = await _t.GetAsync(path, ExchangeTransport.Query(("symbol", symbol)), 1, null, cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            // USDⓈ-M answers an object for one symbol; COIN-M an array.
            var e = root.ValueKind == JsonValueKind.Array ? FindSymbol(root, symbol, path) : root;
            var next = JsonRead.Ms(JsonRead.Str(e, "nextFundingTime"));
            // A delivery contract (ETHUSDT_250328 in a recorded premiumIndex answer) is listed with nextFundingTime 0 and rate 0: no funding.
            if (next.ToUnixTimeMilliseconds() <= 0)
                throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.InvalidSymbol, HttpStatusCode.OK, null,
                    $"{Exchange} {path}: '{symbol}' has no funding (nextFundingTime 0): it is a delivery contract, not a perpetual.");
            return new FundingSnapshot(Exchange, symbol, JsonRead.Dec(e, "lastFundingRate"), next,
                JsonRead.DecOrNull(e, "markPrice"), JsonRead.DecOrNull(e, "indexPrice"),
                JsonRead.StrOrNull(e, "time") is { } t ? JsonRead.Ms(t) : _t.Clock.GetUtcNow());
        });
    }

    /// <inheritdoc />
    public async Task<InstrumentInfo> GetInstrumentAsync(string symbol, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        string path = $"{_v1}/exchangeInfo";
        var body = await _t.GetAsync(path, null, 1, null, cancellationToken).ConfigureAwait(false);
        var asOf = _t.Clock.GetUtcNow();
        return _t.Read(path, body, root =>
        {
            var s = FindSymbol(root.GetProperty("symbols"), symbol, path);
            decimal tick = 0, lot = 0;
            foreach (var f in s.GetProperty("filters").EnumerateArray())
            {
                var type = JsonRead.StrOrNull(f, "filterType");
                if (type == "PRICE_FILTER") tick = JsonRead.Dec(f, "tickSize");
                else if (type == "LOT_SIZE") lot = JsonRead.Dec(f, "stepSize");
            }
            bool coin = Market == BinanceFuturesMarket.CoinM;
            return new InstrumentInfo(Exchange, JsonRead.Str(s, "symbol"), coin ? ContractType.Inverse : ContractType.Linear,
                JsonRead.Str(s, "baseAsset"), JsonRead.Str(s, "quoteAsset"), JsonRead.Str(s, "marginAsset"),
                coin ? JsonRead.Dec(s, "contractSize") : 1m, tick, lot, null, null,
                JsonRead.StrOrNull(s, coin ? "contractStatus" : "status") ?? "", asOf, _t.Url(path, null).ToString());
        });
    }

    /// <inheritdoc />
    public async Task<(MarginTierTable Tiers, string Json)> GetMarginTiersAsync(string symbol, CancellationToken cancellationToken = default)
    {
        Check.NotBlank(symbol);
        string path = Market == BinanceFuturesMarket.UsdM ? "/fapi/v1/leverageBracket" : "/dapi/v2/leverageBracket";
        var body = await SignedGetAsync(path, ExchangeTransport.Query(("symbol", symbol)), 1, cancellationToken).ConfigureAwait(false);
        try { return (MarginTierTable.FromBinanceBrackets(body, symbol), body); }
        catch (ArgumentException ex) { throw _t.Malformed(path, ex); }
    }

    /// <inheritdoc />
    public async Task<ContractSnapshot> GetContractAsync(string symbol, CancellationToken cancellationToken = default)
    {
        var instrument = await GetInstrumentAsync(symbol, cancellationToken).ConfigureAwait(false);
        // Binance serves brackets only to a signed request; without keys the catalog's tiers stand in, and the snapshot says so.
        if (_t.Options.Credentials is null)
        {
            if (!Contract.TryFind(Exchange, instrument.Symbol, out var known))
                throw new ExchangeApiException(Exchange, Market == BinanceFuturesMarket.UsdM ? "/fapi/v1/leverageBracket" : "/dapi/v2/leverageBracket",
                    ExchangeErrorKind.MissingCredentials, null, null,
                    $"{Exchange} {instrument.Symbol}: Binance serves leverage brackets only to a signed request and the catalog has no tiers for this symbol; set {ExchangeCredentials.EnvironmentPrefix(Exchange)}_API_KEY and _API_SECRET.");
            return Shared.Contract(instrument, known.Tiers, null, "catalog", instrument.Source);
        }
        var (tiers, json) = await GetMarginTiersAsync(instrument.Symbol, cancellationToken).ConfigureAwait(false);
        return Shared.Contract(instrument, tiers, json, "binance-brackets", instrument.Source + " + leverageBracket");
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ExchangePosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        string path = Market == BinanceFuturesMarket.UsdM ? "/fapi/v2/positionRisk" : "/dapi/v1/positionRisk";
        var body = await SignedGetAsync(path, "", 5, cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var b = ImmutableArray.CreateBuilder<ExchangePosition>();
            foreach (var p in root.EnumerateArray())
            {
                var amount = JsonRead.Dec(p, "positionAmt");
                if (amount == 0m) continue;
                // positionSide LONG/SHORT in hedge mode; BOTH in one-way mode, where the sign of positionAmt gives the side.
                var side = JsonRead.StrOrNull(p, "positionSide") switch
                {
                    "LONG" => Side.Long,
                    "SHORT" => Side.Short,
                    _ => amount > 0 ? Side.Long : Side.Short,
                };
                // Binance's V3 position rows (GET /fapi/v3/positionRisk, the layout of the recorded response in the test fixtures) carry
                // neither marginType nor leverage: an isolated position is one with an isolated wallet, and the leverage is
                // |notional| ÷ positionInitialMargin (initial margin = notional ÷ leverage), rounded to the whole number Binance's
                // leverage setting always is (1..125).
                var isolatedWallet = JsonRead.DecOrNull(p, "isolatedWallet") ?? JsonRead.DecOrNull(p, "isolatedMargin");
                var mode = JsonRead.StrOrNull(p, "marginType") is { } marginType ? Shared.Mode(marginType)
                    : isolatedWallet is > 0m ? MarginMode.Isolated : MarginMode.Cross;
                var positionIm = JsonRead.DecOrNull(p, "positionInitialMargin");
                var leverage = JsonRead.DecOrNull(p, "leverage")
                    ?? (positionIm is > 0m && JsonRead.DecOrNull(p, "notional") is { } notional ? Math.Round(Math.Abs(notional) / positionIm.Value) : (decimal?)null)
                    ?? throw new FormatException("the field 'leverage' is missing, and no notional and positionInitialMargin to derive it from");
                var symbol = JsonRead.Str(p, "symbol");
                b.Add(new ExchangePosition(Exchange, symbol, side, Math.Abs(amount), JsonRead.Dec(p, "entryPrice"), JsonRead.Dec(p, "markPrice"),
                    leverage, mode, Shared.Positive(JsonRead.DecOrNull(p, "liquidationPrice")),
                    mode == MarginMode.Isolated ? isolatedWallet : positionIm, JsonRead.DecOrNull(p, "maintMargin"),
                    JsonRead.DecOrNull(p, "unRealizedProfit") ?? 0m,
                    JsonRead.StrOrNull(p, "marginAsset") ?? (Market == BinanceFuturesMarket.UsdM ? "USDT" : symbol[..Math.Max(0, symbol.IndexOf("USD", StringComparison.Ordinal))])));
            }
            return b.ToImmutable();
        });
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<ExchangeBalance>> GetBalancesAsync(CancellationToken cancellationToken = default)
    {
        string path = Market == BinanceFuturesMarket.UsdM ? "/fapi/v2/balance" : "/dapi/v1/balance";
        var body = await SignedGetAsync(path, "", 5, cancellationToken).ConfigureAwait(false);
        return _t.Read(path, body, root =>
        {
            var b = ImmutableArray.CreateBuilder<ExchangeBalance>();
            foreach (var e in root.EnumerateArray())
            {
                var wallet = JsonRead.Dec(e, "balance");
                b.Add(new ExchangeBalance(Exchange, JsonRead.Str(e, "asset"), wallet, wallet + (JsonRead.DecOrNull(e, "crossUnPnl") ?? 0m),
                    JsonRead.DecOrNull(e, "availableBalance") ?? JsonRead.DecOrNull(e, "withdrawAvailable")));
            }
            return b.ToImmutable();
        });
    }

    private Task<string> SignedGetAsync(string path, string query, int weight, CancellationToken ct)
    {
        var credentials = _t.RequireCredentials(path);
        var now = _t.Clock.GetUtcNow();
        var q = (query.Length > 0 ? query + "&" : "") + ExchangeTransport.Query(
            ("recvWindow", ((long)_t.Options.ReceiveWindow.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("timestamp", ExchangeTransport.Ms(now)));
        q += "&signature=" + Signatures.Binance(credentials.Secret, q);
        return _t.GetAsync(path, q, weight, r => r.Headers.Add("X-MBX-APIKEY", credentials.ApiKey), ct);
    }


    private JsonElement FindSymbol(JsonElement array, string symbol, string path)
    {
        foreach (var s in array.EnumerateArray())
            if (string.Equals(JsonRead.StrOrNull(s, "symbol"), symbol, StringComparison.OrdinalIgnoreCase)) return s;
        throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.InvalidSymbol, HttpStatusCode.OK, null,
            $"{Exchange} {path}: the symbol '{symbol}' is not listed.");
    }

    // Binance errors: {"code":-1121,"msg":"Invalid symbol."} with HTTP 4xx (Binance "Error Codes"); 429 and 418 carry Retry-After.
    private static (ExchangeErrorKind, string?, string)? ReadError(HttpStatusCode status, string body)
    {
        int s = (int)status;
        if (s < 400) return null;
        var code = ExchangeTransport.TopLevel(body, "code");
        var msg = ExchangeTransport.TopLevel(body, "msg") ?? ExchangeTransport.Snippet(body);
        var kind = (s, code) switch
        {
            (418, _) => ExchangeErrorKind.IpBanned,
            (429, _) or (_, "-1003") => ExchangeErrorKind.RateLimited,
            (_, "-1121") => ExchangeErrorKind.InvalidSymbol,
            (_, "-1021") => ExchangeErrorKind.ClockSkew,
            (_, "-1022") => ExchangeErrorKind.InvalidSignature,
            (_, "-2014") => ExchangeErrorKind.InvalidKey,
            // -2015 "Invalid API-key, IP, or permissions for action": Binance does not say which.
            (_, "-2015") => ExchangeErrorKind.PermissionDenied,
            (>= 500, _) => ExchangeErrorKind.ServerError,
            _ => ExchangeErrorKind.Other,
        };
        return (kind, code, msg);
    }
}
