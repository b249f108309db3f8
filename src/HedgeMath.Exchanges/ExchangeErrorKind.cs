namespace HedgeMath.Exchanges;

/// <summary>What went wrong in an exchange call, from the HTTP status and the exchange's own error code.</summary>
public enum ExchangeErrorKind
{
    /// <summary>An error this package does not classify; see the code and message.</summary>
    Other = 0,
    /// <summary>Too many requests (HTTP 429; Binance -1003, Bybit 10006, OKX 50011); see <see cref="ExchangeApiException.RetryAfter"/>.</summary>
    RateLimited = 1,
    /// <summary>The IP is banned for ignoring rate limits (Binance HTTP 418); see <see cref="ExchangeApiException.RetryAfter"/>.</summary>
    IpBanned = 2,
    /// <summary>The symbol or instrument does not exist (Binance -1121, Bybit 10001 "symbol invalid", OKX 51001).</summary>
    InvalidSymbol = 3,
    /// <summary>The API key is unknown or malformed (Binance -2014/-2015, Bybit 10003, OKX 50111/50105).</summary>
    InvalidKey = 4,
    /// <summary>The key lacks the permission, or the IP is not on its whitelist (Binance -2015, Bybit 10005/10010, OKX 50030/50110).</summary>
    PermissionDenied = 5,
    /// <summary>The signature does not verify (Binance -1022, Bybit 10004, OKX 50113): usually the secret.</summary>
    InvalidSignature = 6,
    /// <summary>The request's timestamp is outside the receive window (Binance -1021, Bybit 10002, OKX 50102/50112): the local clock is off.</summary>
    ClockSkew = 7,
    /// <summary>The response is not what the exchange documents (malformed JSON, missing field, rows out of order).</summary>
    MalformedResponse = 8,
    /// <summary>The exchange failed (HTTP 5xx) after the retries.</summary>
    ServerError = 9,
    /// <summary>A signed endpoint was called without credentials.</summary>
    MissingCredentials = 10,
}
