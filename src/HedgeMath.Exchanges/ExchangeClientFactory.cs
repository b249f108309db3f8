using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace HedgeMath.Exchanges;

/// <summary>Creates the client for an exchange identifier, sharing one rate limiter per exchange among the clients it creates.</summary>
/// <remarks>
/// Registered by <c>services.AddHedgeMathExchanges()</c> (HttpClients from the factory, with the resilience pipeline), or built
/// directly over a function that hands out <see cref="HttpClient"/>s (<see cref="ExchangeHttp.CreateHttpClient"/>). Thread-safe.
/// </remarks>
public sealed class ExchangeClientFactory
{
    private readonly Func<string, HttpClient> _http;
    private readonly Func<string, ExchangeClientOptions> _options;
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>Creates the factory.</summary>
    /// <param name="httpClient">Returns the HttpClient for an exchange identifier (the named client of that exchange).</param>
    /// <param name="options">Returns the options of an exchange identifier; null for the defaults plus credentials from the environment.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> is null.</exception>
    public ExchangeClientFactory(Func<string, HttpClient> httpClient, Func<string, ExchangeClientOptions>? options = null)
    {
        _http = Internal.Check.NotNull(httpClient);
        _options = options ?? (e => new ExchangeClientOptions { Credentials = ExchangeCredentials.FromEnvironment(e) });
    }

    /// <summary>The client of an exchange.</summary>
    /// <param name="exchange">An identifier of <see cref="ExchangeNames.All"/> (case-insensitive).</param>
    /// <returns>A <see cref="BinanceFuturesClient"/>, <see cref="BybitClient"/> or <see cref="OkxClient"/>.</returns>
    /// <exception cref="ArgumentException">The exchange is not served.</exception>
    public IFuturesExchangeClient Create(string exchange)
    {
        var name = ExchangeNames.Normalize(exchange)
            ?? throw new ArgumentException($"exchange must be one of {string.Join(", ", ExchangeNames.All)}; got '{exchange}'.", nameof(exchange));
        var options = _options(name);
        // One limiter per exchange and IP: Binance's two markets count separately, Bybit's categories share one limit.
        string limiterKey = name is ExchangeNames.BybitLinear or ExchangeNames.BybitInverse ? "bybit" : name;
        options = options with { RateLimiter = options.RateLimiter ?? _limiters.GetOrAdd(limiterKey, _ => ExchangeRateLimits.Create(name)) };
        var http = _http(name);
        return name switch
        {
            ExchangeNames.BinanceUsdm => new BinanceFuturesClient(http, BinanceFuturesMarket.UsdM, options),
            ExchangeNames.BinanceCoinm => new BinanceFuturesClient(http, BinanceFuturesMarket.CoinM, options),
            ExchangeNames.BybitLinear => new BybitClient(http, BybitCategory.Linear, options),
            ExchangeNames.BybitInverse => new BybitClient(http, BybitCategory.Inverse, options),
            _ => new OkxClient(http, options),
        };
    }
}
