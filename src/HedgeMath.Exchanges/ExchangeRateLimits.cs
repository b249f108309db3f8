using System.Threading.RateLimiting;

namespace HedgeMath.Exchanges;

/// <summary>The exchanges' documented request limits as client-side rate limiters (permits = request weight).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Binance USDⓈ-M and COIN-M: <c>REQUEST_WEIGHT</c> 2,400 per minute per IP (each <c>exchangeInfo</c>'s <c>rateLimits</c>);
/// klines weigh 1 / 2 / 5 / 10 for limit &lt; 100 / &lt; 500 / ≤ 1000 / &gt; 1000 (the kline endpoints' documented weights).
/// Modelled as a token bucket of 2,400 refilled at 40 per second.</item>
/// <item>Bybit v5: 600 requests per 5 seconds per IP ("Rate Limit Rules", IP limit): a bucket of 600 refilled at 120 per second.</item>
/// <item>OKX v5: per endpoint, 10 to 40 requests per 2 seconds ("Rate Limit" of each public endpoint; <c>funding-rate-history</c>,
/// <c>position-tiers</c> and <c>history-mark-price-candles</c> are the strictest at 10 per 2 s): one bucket of 10 refilled at 5 per
/// second, safe for every endpoint used here.</item>
/// </list>
/// Callers queue (oldest first) rather than fail when the bucket is empty. Thread-safe.
/// </remarks>
public static class ExchangeRateLimits
{
    /// <summary>A new limiter for one exchange (share it among that exchange's clients on one IP).</summary>
    /// <param name="exchange">An identifier of <see cref="ExchangeNames"/>.</param>
    /// <returns>The limiter.</returns>
    /// <exception cref="ArgumentException">The exchange is not served.</exception>
    public static RateLimiter Create(string exchange) => ExchangeNames.Normalize(exchange) switch
    {
        ExchangeNames.BinanceUsdm or ExchangeNames.BinanceCoinm => Bucket(2400, 40, TimeSpan.FromSeconds(1)),
        ExchangeNames.BybitLinear or ExchangeNames.BybitInverse => Bucket(600, 120, TimeSpan.FromSeconds(1)),
        ExchangeNames.OkxSwap => Bucket(10, 5, TimeSpan.FromSeconds(1)),
        _ => throw new ArgumentException($"exchange must be one of {string.Join(", ", ExchangeNames.All)}; got '{exchange}'.", nameof(exchange)),
    };

    /// <summary>A token bucket: <paramref name="capacity"/> permits, <paramref name="refill"/> more every <paramref name="period"/>.</summary>
    /// <param name="capacity">The most permits held.</param>
    /// <param name="refill">Permits added per period.</param>
    /// <param name="period">The refill period.</param>
    /// <returns>The limiter.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive or the period is not positive.</exception>
    public static RateLimiter Bucket(int capacity, int refill, TimeSpan period) => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Internal.Check.Positive(capacity),
        TokensPerPeriod = Internal.Check.Positive(refill),
        ReplenishmentPeriod = Internal.Check.Positive(period),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    /// <summary>Binance's weight of a kline request (<c>klines</c>, <c>markPriceKlines</c>, <c>indexPriceKlines</c>) by its limit.</summary>
    /// <param name="limit">The <c>limit</c> parameter, 1 .. 1500.</param>
    /// <returns>1 for [1, 100), 2 for [100, 500), 5 for [500, 1000], 10 above 1000.</returns>
    public static int BinanceKlineWeight(int limit) => limit switch
    {
        < 100 => 1,
        < 500 => 2,
        <= 1000 => 5,
        _ => 10,
    };
}
