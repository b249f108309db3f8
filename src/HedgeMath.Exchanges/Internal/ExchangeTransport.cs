using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;

namespace HedgeMath.Exchanges.Internal;

/// <summary>What an exchange's response says about failure: null when it is a success.</summary>
internal delegate (ExchangeErrorKind Kind, string? Code, string Message)? ErrorReader(HttpStatusCode status, string body);

/// <summary>Sends one exchange's requests: the rate limiter (weights), the HTTP pipeline, and the mapping of failures to
/// <see cref="ExchangeApiException"/> (path only — never the query of a signed request, never a key).</summary>
internal sealed class ExchangeTransport
{
    private readonly HttpClient _http;
    private readonly RateLimiter _limiter;
    private readonly ErrorReader _errors;

    public ExchangeTransport(string exchange, HttpClient http, Uri defaultBase, ExchangeClientOptions? options, ErrorReader errors)
    {
        Exchange = exchange;
        _http = Check.NotNull(http);
        Options = options ?? new ExchangeClientOptions();
        Base = Options.BaseAddress ?? http.BaseAddress ?? defaultBase;
        _limiter = Options.RateLimiter ?? ExchangeRateLimits.Create(exchange);
        _errors = errors;
    }

    public string Exchange { get; }
    public Uri Base { get; }
    public ExchangeClientOptions Options { get; }
    public TimeProvider Clock => Options.TimeProvider;

    public ExchangeCredentials RequireCredentials(string path) => Options.Credentials
        ?? throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.MissingCredentials, null, null,
            $"{Exchange} {path} is a signed endpoint: set credentials ({ExchangeCredentials.EnvironmentPrefix(Exchange)}_API_KEY and _API_SECRET" +
            (Exchange == ExchangeNames.OkxSwap ? ", _API_PASSPHRASE" : "") + ", or ExchangeClientOptions.Credentials) with read permission.");

    public Uri Url(string path, string? query) => new(Base, query is null or "" ? path : path + "?" + query);

    /// <summary>Sends a GET and returns the body of a success; throws <see cref="ExchangeApiException"/> otherwise.</summary>
    public async Task<string> GetAsync(string path, string? query, int weight, Action<HttpRequestMessage>? sign, CancellationToken ct)
    {
        using (var lease = await _limiter.AcquireAsync(weight, ct).ConfigureAwait(false))
        {
            if (!lease.IsAcquired)
                throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.RateLimited, null, null,
                    $"{Exchange} {path}: the client-side rate limiter refused {weight} permits (its queue is full).");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path, query));
        request.Headers.Accept.ParseAdd("application/json");
        sign?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new ExchangeApiException(Exchange, path, ExchangeErrorKind.ServerError, null, null,
                $"{Exchange} {path}: no response after the retries ({ex.GetType().Name}: {ex.Message}).", null, ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var error = _errors(response.StatusCode, body) ?? Generic(response.StatusCode, body);
            if (error is not { } e) return body;
            var retryAfter = ExchangeHttp.RetryAfter(response);
            var message = $"{Exchange} {path}: HTTP {(int)response.StatusCode}" + (e.Code is null ? "" : $", code {e.Code}") + $": {e.Message}";
            message += e.Kind switch
            {
                ExchangeErrorKind.RateLimited => $" — rate limited{(retryAfter is { } w ? $"; retry after {w.TotalSeconds:0.#} s" : "")}.",
                ExchangeErrorKind.IpBanned => $" — this IP is banned for ignoring rate limits{(retryAfter is { } w ? $"; the ban lifts in {w.TotalSeconds:0} s" : "")}.",
                ExchangeErrorKind.ClockSkew => $" — the request's timestamp is outside the receive window ({Options.ReceiveWindow.TotalMilliseconds:0} ms): this machine's clock " +
                    (response.Headers.Date is { } d ? $"reads {Clock.GetUtcNow():HH:mm:ss}Z, the exchange's {d.UtcDateTime:HH:mm:ss}Z" : "differs from the exchange's") +
                    "; synchronise the clock (NTP) or raise ReceiveWindow.",
                ExchangeErrorKind.InvalidKey => " — the API key is not valid for this exchange (check the key, and that it is not a testnet key).",
                ExchangeErrorKind.PermissionDenied => " — the key lacks the permission (enable read/futures access) or this IP is not on its whitelist.",
                ExchangeErrorKind.InvalidSignature => " — the signature does not verify: check the API secret.",
                ExchangeErrorKind.InvalidSymbol => " — the symbol is not listed.",
                _ => "",
            };
            throw new ExchangeApiException(Exchange, path, e.Kind, response.StatusCode, e.Code, message, retryAfter);
        }
    }

    /// <summary>HTTP-level failures the exchange's own reader left unclassified.</summary>
    private static (ExchangeErrorKind, string?, string)? Generic(HttpStatusCode status, string body)
    {
        int s = (int)status;
        if (s < 400) return null;
        string snippet = Snippet(body);
        return s switch
        {
            429 => (ExchangeErrorKind.RateLimited, null, snippet),
            418 => (ExchangeErrorKind.IpBanned, null, snippet),
            >= 500 => (ExchangeErrorKind.ServerError, null, snippet),
            _ => (ExchangeErrorKind.Other, null, snippet),
        };
    }

    public static string Snippet(string body)
    {
        var t = body.Trim();
        return t.Length == 0 ? "(empty body)" : t.Length <= 200 ? t : t[..200] + "…";
    }

    /// <summary>A malformed or unexpected response, as the exception callers catch.</summary>
    public ExchangeApiException Malformed(string path, Exception inner) =>
        new(Exchange, path, ExchangeErrorKind.MalformedResponse, HttpStatusCode.OK, null,
            $"{Exchange} {path}: the response is not in the documented format: {inner.Message}", null, inner);

    /// <summary>Maps a response document; a missing field or a malformed value becomes <see cref="ExchangeErrorKind.MalformedResponse"/>.</summary>
    public T Read<T>(string path, string body, Func<JsonElement, T> map)
    {
        try
        {
            using var doc = JsonRead.Parse(body);
            return map(doc.RootElement);
        }
        catch (ExchangeApiException) { throw; }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw Malformed(path, ex);
        }
    }

    public static string Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null) continue;
            if (sb.Length > 0) sb.Append('&');
            sb.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return sb.ToString();
    }

    /// <summary>The string or number value of a top-level property, read without building a document; null when absent.</summary>
    public static string? TopLevel(string body, string name)
    {
        var t = body.AsSpan().TrimStart();
        if (t.IsEmpty || t[0] != '{') return null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(body), new JsonReaderOptions { AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(name);
                reader.Read();
                if (match)
                    return reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => null,
                    };
                reader.Skip();
            }
        }
        catch (JsonException) { }
        return null;
    }
}
