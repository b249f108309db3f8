namespace HedgeMath.Exchanges.Tests;

/// <summary>A fact that runs only with HEDGEMATH_LIVE=1 (a network to the real exchanges); skipped — not failed — otherwise.</summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("HEDGEMATH_LIVE") != "1") Skip = "live exchange test: set HEDGEMATH_LIVE=1 to call the real public endpoints";
    }
}

public class LiveSmokeTests
{
    [LiveFact]
    public async Task PublicEndpoints_OfEveryExchange_Answer()
    {
        using var http = ExchangeHttp.CreateHttpClient();
        var factory = new ExchangeClientFactory(_ => http, _ => new ExchangeClientOptions());
        var to = DateTimeOffset.UtcNow;
        foreach (var (exchange, symbol) in new[] { ("binance-usdm", "BTCUSDT"), ("binance-coinm", "BTCUSD_PERP"), ("bybit-linear", "BTCUSDT"),
                     ("bybit-inverse", "BTCUSD"), ("okx-swap", "BTC-USDT-SWAP") })
        {
            var client = factory.Create(exchange);
            var candles = await client.GetCandlesAsync(symbol, TimeSpan.FromHours(1), to.AddDays(-1), to, PriceKind.Mark).ToListAsync();
            Assert.InRange(candles.Count, 20, 24);
            var funding = await client.GetCurrentFundingAsync(symbol);
            Assert.True(funding.NextFundingTime > to.AddDays(-1));
            var instrument = await client.GetInstrumentAsync(symbol);
            Assert.True(instrument.TickSize > 0);
        }
    }
}
