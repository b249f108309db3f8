using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace HedgeMath.Exchanges.Tests;

public class RegistrationAndLimitsTests
{
    [Fact]
    public async Task AddHedgeMathExchanges_ResolvesFactoryAndTypedClients_ThatReachTheServer()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Reply.Json(Fx.Read("binance/premiumIndex.json")));
        var services = new ServiceCollection();
        services.AddHedgeMathExchanges(_ => new ExchangeClientOptions { BaseAddress = server.BaseAddress, Resilience = Fx.FastRetries });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ExchangeClientFactory>();
        Assert.IsType<BybitClient>(factory.Create("BYBIT-inverse"));
        Assert.IsType<OkxClient>(provider.GetRequiredService<OkxClient>());
        var binance = provider.GetRequiredService<BinanceFuturesClient>();
        Assert.Equal(BinanceFuturesMarket.UsdM, binance.Market);
        Assert.Equal(0.00038246m, (await binance.GetCurrentFundingAsync("BTCUSDT")).Rate);
        var ex = Assert.Throws<ArgumentException>(() => factory.Create("kraken"));
        Assert.Equal("exchange", ex.ParamName);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(99, 1)]
    [InlineData(100, 2)]
    [InlineData(499, 2)]
    [InlineData(500, 5)]
    [InlineData(1000, 5)]
    [InlineData(1500, 10)]
    public void BinanceKlineWeight_FollowsTheDocumentedTable(int limit, int weight) =>
        // Binance USDⓈ-M "Kline/Candlestick Data", Request Weight: [1,100) 1; [100,500) 2; [500,1000] 5; > 1000 10.
        Assert.Equal(weight, ExchangeRateLimits.BinanceKlineWeight(limit));

    [Fact]
    public async Task Limiter_IsCharged_TheRequestWeight()
    {
        await using var server = await LoopbackServer.StartAsync(r => Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, 1500)));
        var limiter = new CountingLimiter();
        var client = new BinanceFuturesClient(Fx.Http(), BinanceFuturesMarket.UsdM, Fx.Options(server) with { RateLimiter = limiter });
        await client.GetCandlesAsync("BTCUSDT", TimeSpan.FromHours(1), Fx.Utc(2024, 1, 1), Fx.Utc(2024, 6, 1)).ToListAsync();
        // 152 days × 24 = 3,648 bars → 3 pages of limit 1,500 at weight 10 each
        Assert.Equal([10, 10, 10], limiter.Permits);
    }

    [Fact]
    public async Task Bucket_WhenEmpty_QueuesRatherThanGrants()
    {
        using var bucket = ExchangeRateLimits.Bucket(10, 10, TimeSpan.FromHours(1));
        using (var all = await bucket.AcquireAsync(10)) Assert.True(all.IsAcquired);
        using var none = bucket.AttemptAcquire(1);
        Assert.False(none.IsAcquired);                       // empty until the next refill
        var waiting = bucket.AcquireAsync(1).AsTask();
        Assert.False(waiting.IsCompleted);                   // queued, not failed
        Assert.Equal(1, bucket.GetStatistics()!.CurrentQueuedCount);
    }

    [Fact]
    public void DefaultLimiters_ExistForEveryExchange_AndIntervalsParse()
    {
        foreach (var e in ExchangeNames.All) Assert.NotNull(ExchangeRateLimits.Create(e));
        Assert.Equal(TimeSpan.FromHours(4), ExchangeIntervals.Parse("4h"));
        Assert.Equal(TimeSpan.FromDays(7), ExchangeIntervals.Parse("1w"));
        Assert.Equal("text", Assert.Throws<ArgumentException>(() => ExchangeIntervals.Parse("7m")).ParamName);
    }

    private sealed class CountingLimiter : RateLimiter
    {
        public List<int> Permits { get; } = [];
        public override TimeSpan? IdleDuration => null;
        public override RateLimiterStatistics? GetStatistics() => null;
        protected override RateLimitLease AttemptAcquireCore(int permitCount) { Permits.Add(permitCount); return new Lease(); }
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Permits.Add(permitCount);
            return ValueTask.FromResult<RateLimitLease>(new Lease());
        }

        private sealed class Lease : RateLimitLease
        {
            public override bool IsAcquired => true;
            public override IEnumerable<string> MetadataNames => [];
            public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
        }
    }
}
