using System.Net;

namespace HedgeMath.Exchanges;

/// <summary>An exchange call failed: the exchange, the endpoint (path only: never the query of a signed request), the HTTP status,
/// the exchange's error code and message, and what kind of failure it is.</summary>
/// <remarks>The message never holds an API key, secret, passphrase or signature. Thread-safe (immutable after creation).</remarks>
public sealed class ExchangeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="exchange">The exchange identifier.</param>
    /// <param name="endpoint">The path called, e.g. <c>/fapi/v1/klines</c>.</param>
    /// <param name="kind">The kind of failure.</param>
    /// <param name="statusCode">The HTTP status, or null when no response arrived.</param>
    /// <param name="code">The exchange's error code, or null.</param>
    /// <param name="message">The explanation.</param>
    /// <param name="retryAfter">How long the exchange asked to wait, or null.</param>
    /// <param name="innerException">The cause, or null.</param>
    public ExchangeApiException(string exchange, string endpoint, ExchangeErrorKind kind, HttpStatusCode? statusCode, string? code,
        string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Exchange = exchange;
        Endpoint = endpoint;
        Kind = kind;
        StatusCode = statusCode;
        Code = code;
        RetryAfter = retryAfter;
    }

    /// <summary>The exchange identifier (<see cref="ExchangeNames"/>).</summary>
    public string Exchange { get; }
    /// <summary>The path called (no query string).</summary>
    public string Endpoint { get; }
    /// <summary>What kind of failure this is.</summary>
    public ExchangeErrorKind Kind { get; }
    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }
    /// <summary>The exchange's own error code (Binance <c>code</c>, Bybit <c>retCode</c>, OKX <c>code</c>), or null.</summary>
    public string? Code { get; }
    /// <summary>How long the exchange asked to wait (<c>Retry-After</c>), or null.</summary>
    public TimeSpan? RetryAfter { get; }
}
