using System.Net;
using HedgeMath.Exchanges.Internal;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace HedgeMath.Exchanges;

/// <summary>Builds the HTTP pipeline the exchange clients use outside dependency injection: retries with jittered
/// back-off that honour <c>Retry-After</c>, per-attempt and total timeouts.</summary>
/// <remarks>With <c>services.AddHedgeMathExchanges()</c> the same pipeline is attached to the named clients by the HttpClient
/// factory. Thread-safe.</remarks>
public static class ExchangeHttp
{
    /// <summary>Creates an <see cref="HttpClient"/> whose handler retries and times out per <paramref name="options"/>.</summary>
    /// <param name="options">Retries and timeouts; null for <see cref="ExchangeResilienceOptions.Default"/>.</param>
    /// <param name="innerHandler">The handler that does the I/O; null for a new <see cref="SocketsHttpHandler"/>.</param>
    /// <returns>The client (dispose it when done; it owns <paramref name="innerHandler"/>).</returns>
    public static HttpClient CreateHttpClient(ExchangeResilienceOptions? options = null, HttpMessageHandler? innerHandler = null)
    {
        var handler = new ResilienceHandler(BuildPipeline(options ?? ExchangeResilienceOptions.Default))
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All },
        };
        // The pipeline owns the timeouts; HttpClient's own 100 s default would cut a long Retry-After wait short.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    internal static ResiliencePipeline<HttpResponseMessage> BuildPipeline(ExchangeResilienceOptions o)
    {
        Check.NotNull(o);
        Check.NonNegative(o.MaxRetryAttempts);
        Check.Positive(o.AttemptTimeout);
        Check.Positive(o.TotalTimeout);
        var b = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(o.TotalTimeout);
        if (o.MaxRetryAttempts > 0)
        {
            var maxRetryAfter = o.MaxRetryAfter;
            b.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = o.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.BaseDelay,
                // Retry-After (seconds or a date) sets the next delay exactly (Polly reads the header).
                ShouldRetryAfterHeader = true,
                // 408, 429, 5xx, connection failures, attempt timeouts — but not a 429 that asks for a wait longer than the caller allows.
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !(args.Outcome.Result is { } r && RetryAfter(r) is { } wait && wait > maxRetryAfter)),
            });
        }
        return b.AddTimeout(o.AttemptTimeout).Build();
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var h = response.Headers.RetryAfter;
        if (h?.Delta is { } d) return d;
        if (h?.Date is { } date) return date - (response.Headers.Date ?? DateTimeOffset.UtcNow);
        return null;
    }
}
