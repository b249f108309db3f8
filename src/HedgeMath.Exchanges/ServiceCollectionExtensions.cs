using HedgeMath.Exchanges;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

// The conventional namespace of IServiceCollection extensions, so `services.AddHedgeMathExchanges()` needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HedgeMath's exchange clients with dependency injection.</summary>
public static class HedgeMathExchangesServiceCollectionExtensions
{
    /// <summary>The name of an exchange's HttpClient in the HttpClient factory: <c>HedgeMath.Exchanges.</c> + the identifier.</summary>
    /// <param name="exchange">An identifier of <see cref="ExchangeNames"/>.</param>
    /// <returns>The client name.</returns>
    public static string HttpClientName(string exchange) => "HedgeMath.Exchanges." + exchange;

    /// <summary>Registers a named HttpClient per exchange (with retries, Retry-After and timeouts), an <see cref="ExchangeClientFactory"/>
    /// (one rate limiter per exchange), and the typed clients <see cref="BinanceFuturesClient"/> (USDⓈ-M), <see cref="BybitClient"/>
    /// (linear) and <see cref="OkxClient"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Returns an exchange's options; null for the defaults, with credentials from the environment.</param>
    /// <returns>The same collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddHedgeMathExchanges(this IServiceCollection services, Func<string, ExchangeClientOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var resolve = options ?? (e => new ExchangeClientOptions { Credentials = ExchangeCredentials.FromEnvironment(e) });
        foreach (var exchange in ExchangeNames.All)
        {
            var pipeline = ExchangeHttp.BuildPipeline(resolve(exchange).Resilience);
            services.AddHttpClient(HttpClientName(exchange))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.All })
                .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
                .AddHttpMessageHandler(() => new ResilienceHandler(pipeline));
        }
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new ExchangeClientFactory(e => factory.CreateClient(HttpClientName(e)), resolve);
        });
        services.TryAddTransient(sp => (BinanceFuturesClient)sp.GetRequiredService<ExchangeClientFactory>().Create(ExchangeNames.BinanceUsdm));
        services.TryAddTransient(sp => (BybitClient)sp.GetRequiredService<ExchangeClientFactory>().Create(ExchangeNames.BybitLinear));
        services.TryAddTransient(sp => (OkxClient)sp.GetRequiredService<ExchangeClientFactory>().Create(ExchangeNames.OkxSwap));
        return services;
    }
}
