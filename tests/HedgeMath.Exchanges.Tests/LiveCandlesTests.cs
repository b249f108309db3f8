using HedgeMath.Market;

namespace HedgeMath.Exchanges.Tests;

/// <summary><see cref="LiveCandles.FollowAsync"/>: closed candles only, each once, in order, then the next one after it closes.</summary>
public class LiveCandlesTests
{
    private static readonly TimeSpan H1 = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A clock the test sets; delays still run on real time (short: <see cref="LiveCandleOptions.MaxWait"/> 20 ms).</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private long _ticks = now.UtcTicks;
        public DateTimeOffset Now { get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero); set => Interlocked.Exchange(ref _ticks, value.UtcTicks); }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Binance klines from startTime to the candle forming at the clock's now, whatever endTime says (an exchange
    /// that hands out the bar still forming), unless <paramref name="lagging"/> holds the newest closed one back once.</summary>
    private static Func<SeenRequest, Reply> Exchange(ManualClock clock, Func<bool>? lagging = null) => r =>
    {
        long start = r.Ms("startTime"), h = (long)H1.TotalMilliseconds;
        long forming = clock.Now.ToUnixTimeMilliseconds() / h * h;
        long last = lagging?.Invoke() == true ? forming - 2 * h : forming;
        return Reply.Json(Synthetic.BinanceKlines(start, last, h, 1500));
    };

    private static async Task<(LoopbackServer, BinanceFuturesClient)> Start(Func<SeenRequest, Reply> handler)
    {
        var server = await LoopbackServer.StartAsync(handler);
        return (server, new BinanceFuturesClient(Fx.Http(), BinanceFuturesMarket.UsdM, Fx.Options(server)));
    }

    [Fact]
    public async Task CatchesUp_ThenYieldsEachCandleAfterItCloses_NeverTheOneForming()
    {
        var clock = new ManualClock(T0 + 3 * H1 + TimeSpan.FromMinutes(30));   // three hours closed, the fourth forming
        var (server, client) = await Start(Exchange(clock));
        await using var _ = server;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new LiveCandleOptions { Settle = TimeSpan.FromSeconds(2), MaxWait = TimeSpan.FromMilliseconds(20), TimeProvider = clock };
        await using var e = LiveCandles.FollowAsync(client, "BTCUSDT", H1, T0, options, cts.Token).GetAsyncEnumerator(cts.Token);

        var caught = new List<Candle>();
        for (int i = 0; i < 3; i++) { Assert.True(await e.MoveNextAsync()); caught.Add(e.Current); }
        Assert.Equal([T0, T0 + H1, T0 + 2 * H1], caught.Select(c => c.Timestamp));
        // The one request asked only for closed candles: endTime = 03:00 − 1 ms (Binance's inclusive end).
        var first = Assert.Single(server.Requests);
        Assert.Equal((T0 + 3 * H1).ToUnixTimeMilliseconds() - 1, first.Ms("endTime"));

        // The fourth closes at 04:00; it is asked for from 04:00:02 (the settle time) and not before.
        var fourth = e.MoveNextAsync().AsTask();
        await Task.Delay(200);
        Assert.False(fourth.IsCompleted);
        Assert.Single(server.Requests);                       // waiting is not polling
        clock.Now = T0 + 4 * H1 + TimeSpan.FromSeconds(1);    // closed, not settled
        await Task.Delay(200);
        Assert.False(fourth.IsCompleted);
        clock.Now = T0 + 4 * H1 + TimeSpan.FromSeconds(3);
        Assert.True(await fourth.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(T0 + 3 * H1, e.Current.Timestamp);
        Assert.Equal(Synthetic.Price((T0 + 3 * H1).ToUnixTimeMilliseconds(), 3_600_000), e.Current.Close);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal((T0 + 3 * H1).ToUnixTimeMilliseconds(), server.Requests.ElementAt(1).Ms("startTime"));
    }

    [Fact]
    public async Task AClosedCandleTheExchangeHasNotSettled_IsAskedForAgain_AfterAPause()
    {
        var clock = new ManualClock(T0 + 2 * H1 + TimeSpan.FromSeconds(5));
        int calls = 0;
        var (server, client) = await Start(Exchange(clock, () => Interlocked.Increment(ref calls) == 1));
        await using var _ = server;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new LiveCandleOptions { Settle = TimeSpan.Zero, MaxWait = TimeSpan.FromMilliseconds(20), TimeProvider = clock };
        var got = new List<DateTimeOffset>();
        await foreach (var c in LiveCandles.FollowAsync(client, "BTCUSDT", H1, T0 + H1, options, cts.Token))
        {
            got.Add(c.Timestamp);
            break;
        }
        // 01:00–02:00 has closed; the first answer held it back (nothing new), so the follower paused (max(Settle, 1 s), cut
        // to MaxWait = 20 ms here) and asked again for the same range, once, and got it.
        Assert.Equal([T0 + H1], got);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal((T0 + H1).ToUnixTimeMilliseconds(), r.Ms("startTime")));
    }

    [Fact]
    public async Task BadInput_NamesTheParameter()
    {
        var (server, client) = await Start(_ => Reply.Json("[]"));
        await using var _ = server;
        Assert.Equal("symbol", Assert.Throws<ArgumentException>(() => LiveCandles.FollowAsync(client, " ", H1, T0)).ParamName);
        Assert.Equal("interval", Assert.Throws<ArgumentOutOfRangeException>(() => LiveCandles.FollowAsync(client, "BTCUSDT", TimeSpan.FromMinutes(7), T0)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LiveCandles.FollowAsync(client, "BTCUSDT", H1, T0, new LiveCandleOptions { Settle = TimeSpan.FromSeconds(-1) })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() =>
            LiveCandles.FollowAsync(client, "BTCUSDT", H1, T0, new LiveCandleOptions { MaxWait = TimeSpan.FromMilliseconds(1) })).ParamName);
        Assert.Equal("client", Assert.Throws<ArgumentNullException>(() => LiveCandles.FollowAsync(null!, "BTCUSDT", H1, T0)).ParamName);
    }
}
