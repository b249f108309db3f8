namespace HedgeMath.Exchanges;

/// <summary>How a client's HTTP pipeline retries and times out.</summary>
/// <remarks>
/// Retries: HTTP 408, 429, 5xx, connection failures and attempt timeouts, with exponential back-off and jitter
/// (Polly's decorrelated jitter: <see cref="BaseDelay"/>, 2×, 4×, ... randomised). A <c>Retry-After</c> header is
/// honoured: the next attempt waits exactly that long, unless it is longer than <see cref="MaxRetryAfter"/> (then the
/// call fails at once with <see cref="ExchangeErrorKind.RateLimited"/> and the wait in
/// <see cref="ExchangeApiException.RetryAfter"/>). Binance's 418 (IP banned after ignoring 429s) is never retried.
/// Immutable and thread-safe.
/// </remarks>
public sealed record ExchangeResilienceOptions
{
    /// <summary>Retries after the first attempt (default 3; 0 switches retries off).</summary>
    public int MaxRetryAttempts { get; init; } = 3;
    /// <summary>The first back-off delay (default 1 s), doubled per retry, jittered.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>One attempt's timeout (default 10 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The whole call's timeout, retries included (default 60 s).</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The longest <c>Retry-After</c> waited for (default 60 s).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The defaults.</summary>
    public static ExchangeResilienceOptions Default { get; } = new();
}
