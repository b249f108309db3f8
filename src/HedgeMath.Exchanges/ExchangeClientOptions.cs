using System.Threading.RateLimiting;

namespace HedgeMath.Exchanges;

/// <summary>Settings of one exchange client: where it connects, which keys sign, how long a signed request stays valid, its rate limiter.</summary>
/// <remarks>Immutable and thread-safe (the rate limiter it names is shared, and is itself thread-safe).</remarks>
public sealed record ExchangeClientOptions
{
    /// <summary>The API root; null for the exchange's public address (<c>https://fapi.binance.com</c>, <c>https://dapi.binance.com</c>,
    /// <c>https://api.bybit.com</c>, <c>https://www.okx.com</c>). Tests point it at a local server; the CLI reads
    /// <c>--base-url</c> or <c>HEDGEMATH_EXCHANGE_BASE_URL</c>.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>Keys for the signed read-only endpoints; null for public data only.</summary>
    public ExchangeCredentials? Credentials { get; init; }

    /// <summary>How long a signed request stays valid after its timestamp (Binance <c>recvWindow</c>, Bybit
    /// <c>X-BAPI-RECV-WINDOW</c>; default 5 s, both exchanges' default).</summary>
    public TimeSpan ReceiveWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock that stamps signed requests (default the system clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The client-side limiter, in request-weight permits; null for <see cref="ExchangeRateLimits.Create"/>'s
    /// documented default. Share one limiter among clients of the same exchange and IP.</summary>
    public RateLimiter? RateLimiter { get; init; }

    /// <summary>Retries and timeouts of the HTTP pipeline built by <see cref="ExchangeHttp.CreateHttpClient"/> and <c>AddHedgeMathExchanges</c>.</summary>
    public ExchangeResilienceOptions Resilience { get; init; } = ExchangeResilienceOptions.Default;
}
