using System.Net.Sockets;
using Orleans.TestingHost;
using Xunit;

namespace HedgeMath.Orleans.Tests;

/// <summary>
/// The plan service on two silos (Microsoft.Orleans.TestingHost) against the single-process live clock (PlanLive) on the
/// same real candles: every plan's events equal bit for bit (as JSON lines, decimals at their scale); a silo killed
/// mid-stream loses and repeats nothing; the state survives a full cluster restart, in the shared store and in Redis.
/// </summary>
public class PlanClusterTests
{
    private const int Bars = 160;

    private static string NewStore() => Guid.NewGuid().ToString("N");

    private static async Task SetUpAsync(TestCluster cluster, PlanSpec[] plans)
    {
        var symbols = await cluster.GrainFactory.GetGrain<IPlanManagerGrain>(PlanNames.Manager).PutManyAsync(plans);
        Assert.Equal(plans.Select(p => p.Symbol), symbols);
    }

    private static async Task WaitAsync(TestCluster cluster, FileFeed feed, PlanSpec[] plans, int? upTo = null)
    {
        await PlanServiceProgram.WaitForAsync(cluster.GrainFactory, PlanCluster.LastBars(feed, upTo), TimeSpan.FromSeconds(90));
        await PlanServiceProgram.WaitForEventsAsync(cluster.GrainFactory, plans.Select(p => p.Id), TimeSpan.FromSeconds(60));
    }

    private static void SameAsReference(FileFeed feed, PlanSpec[] plans, string store)
    {
        var expected = PlanCluster.Reference(feed, plans);
        var written = PlanCluster.Written(store, plans);
        Assert.True(expected.Values.Sum(l => l.Count) >= plans.Length, "the plans must have events for the comparison to mean something");
        foreach (var p in plans) Assert.Equal(expected[p.Id], written[p.Id]);
        var ids = Collected.Records[store].Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(0)]   // one plan grain per plan
    [InlineData(2)]   // shard mode: the 3 plans of a symbol in shards of 2 and 1
    public async Task Events_of_every_plan_equal_the_single_process_live_clock(int shardSize)
    {
        var store = NewStore();
        var feed = PlanCluster.Feed(Bars);
        var plans = PlanCluster.Plans(feed);
        var cluster = await PlanCluster.StartAsync(store, shardSize: shardSize);
        try
        {
            await SetUpAsync(cluster, plans);
            Assert.Equal(["BTCUSDT-0", "BTCUSDT-1", "BTCUSDT-2"], await cluster.GrainFactory.GetGrain<IPlanManagerGrain>(PlanNames.Manager).PlansForAsync("BTCUSDT"));
            await feed.ReplayAsync(cluster.Client.GetStreamProvider(PlanNames.StreamProvider), 0);
            await WaitAsync(cluster, feed, plans);
            SameAsReference(feed, plans, store);
            var status = await cluster.GrainFactory.GetGrain<IPlanGrain>("ETHUSDT-1").GetStatusAsync();
            Assert.Equal(Bars, status.Bars);
            Assert.Equal(feed.Symbols["ETHUSDT"][^1].Open, status.LastBar);
        }
        finally { await cluster.DisposeAsync(); }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]   // shard mode: the replaced plan moves to another symbol's shard
    public async Task A_bar_delivered_again_is_not_stepped_again_and_a_replaced_plan_starts_over(int shardSize)
    {
        var store = NewStore();
        var feed = PlanCluster.Feed(40);
        var plans = PlanCluster.Plans(feed).Where(p => p.Symbol == "BTCUSDT").ToArray();
        var cluster = await PlanCluster.StartAsync(store, shardSize: shardSize);
        try
        {
            await SetUpAsync(cluster, plans);
            var provider = cluster.Client.GetStreamProvider(PlanNames.StreamProvider);
            await feed.ReplayAsync(provider, 0);
            await feed.ReplayAsync(provider, 0);   // every bar twice
            await WaitAsync(cluster, feed, plans);
            SameAsReference(feed, plans, store);
            var plan = cluster.GrainFactory.GetGrain<IPlanGrain>(plans[0].Id);
            Assert.Equal(40, (await plan.GetStatusAsync()).Bars);

            var manager = cluster.GrainFactory.GetGrain<IPlanManagerGrain>(PlanNames.Manager);
            await manager.PutAsync(plans[0].Id, plans[0].Document, "ETHUSDT");
            var replaced = await plan.GetStatusAsync();
            Assert.Equal((2, 0, "ETHUSDT"), (replaced.Generation, replaced.Bars, replaced.Symbol));
            Assert.Equal([plans[1].Id, plans[2].Id], await manager.PlansForAsync("BTCUSDT"));
            Assert.True(await manager.RemoveAsync(plans[0].Id));
            Assert.False(await manager.RemoveAsync(plans[0].Id));
            Assert.False((await plan.GetStatusAsync()).Exists);
            await Assert.ThrowsAsync<ArgumentException>(() => manager.PutAsync("bad", "{\"version\": 1}"));
        }
        finally { await cluster.DisposeAsync(); }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(8, 0)]
    [InlineData(8, 2)]   // shard mode
    public async Task A_silo_killed_mid_stream_loses_and_repeats_no_event(int checkpointEvery, int shardSize)
    {
        var store = NewStore();
        var feed = PlanCluster.Feed(Bars);
        var plans = PlanCluster.Plans(feed);
        var cluster = await PlanCluster.StartAsync(store, checkpointEvery: checkpointEvery, fastFailure: true, shardSize: shardSize);
        try
        {
            await SetUpAsync(cluster, plans);
            var provider = cluster.Client.GetStreamProvider(PlanNames.StreamProvider);
            int half = feed.Merged.Count / 2;
            await feed.ReplayAsync(provider, 0, 0, half);   // published, still being delivered when the silo goes
            await PlanServiceProgram.WaitForAsync(cluster.GrainFactory, PlanCluster.LastBars(feed, half / 4), TimeSpan.FromSeconds(60));
            var secondary = cluster.SecondarySilos[0];
            int onSecondary = 0;
            foreach (var p in plans)
                if ((await cluster.GrainFactory.GetGrain<IPlanGrain>(p.Id).GetStatusAsync()).Silo == secondary.SiloAddress.ToString()) onSecondary++;
            Assert.True(onSecondary > 0, "random placement put no plan on the secondary silo");
            await cluster.KillSiloAsync(secondary);
            // The feed resends from its last checkpoint (here the start): what was processed is skipped, what was lost is not.
            await feed.ReplayAsync(provider, 0);
            await WaitAsync(cluster, feed, plans);
            SameAsReference(feed, plans, store);
            int replays = 0;
            foreach (var p in plans)
            {
                var s = await cluster.GrainFactory.GetGrain<IPlanGrain>(p.Id).GetStatusAsync();
                Assert.Equal(feed.Symbols[p.Symbol!].Count, s.Bars);
                replays += s.Replays;
            }
            Assert.True(replays > 0, "some plans lived on the killed silo and were reactivated from storage");
        }
        finally { await cluster.DisposeAsync(); }
    }

    [Fact]
    public async Task The_event_log_writes_each_plans_bar_once_and_remembers_its_newest_256_bars()
    {
        // A shard's events stream: one message per bar with the records of two plans. Bars 0..300, then bars 300 and 100
        // again (a redelivery), then bar 301 as a marker. The log keeps the newest 256 distinct bars it wrote: after bar 300
        // those are 45..300 (300 − 256 + 1 = 45: the redelivered 300 and 100 are known), after bar 301 they are 46..301.
        var store = NewStore();
        var cluster = await PlanCluster.StartAsync(store, silos: 1);
        try
        {
            var stream = cluster.Client.GetStreamProvider(PlanNames.StreamProvider)
                .GetStream<List<PlanEventRecord>>(global::Orleans.Runtime.StreamId.Create(PlanNames.EventsNamespace, "SYM/0"));
            var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            static PlanEventRecord Record(string plan, DateTimeOffset open) => new()
            {
                Plan = plan, Generation = 1, Symbol = "SYM", BarOpen = open, Time = open.AddDays(1), Kind = "StopNear", Leg = 0, Rule = -1, Detail = "near",
            };
            List<PlanEventRecord> Bar(int i) => [Record("a", t0.AddDays(i)), Record("b", t0.AddDays(i))];
            for (int i = 0; i <= 300; i++) await stream.OnNextAsync(Bar(i));
            await stream.OnNextAsync(Bar(300));
            await stream.OnNextAsync(Bar(100));
            await stream.OnNextAsync(Bar(301));
            var log = cluster.GrainFactory.GetGrain<IEventLogGrain>("SYM/0");
            var wait = System.Diagnostics.Stopwatch.StartNew();
            while (!await log.HasWrittenAsync("b", 1, t0.AddDays(301)))
            {
                Assert.True(wait.Elapsed < TimeSpan.FromSeconds(60), "the marker bar was not written in 60 s");
                await Task.Delay(50);
            }
            var written = Collected.Records[store].ToArray();
            Assert.Equal(2 * 302, written.Length);   // bars 0..301, two plans each; the redelivered bars 300 and 100 not again
            Assert.Equal(2 * 302, written.Select(r => r.Id).Distinct().Count());
            Assert.True(await log.HasWrittenAsync("a", 1, t0.AddDays(46)));
            Assert.True(await log.HasWrittenAsync("a", 1, t0.AddDays(300)));
            Assert.False(await log.HasWrittenAsync("a", 2, t0.AddDays(300)));   // another generation
            Assert.False(await log.HasWrittenAsync("c", 1, t0.AddDays(300)));   // another plan
            Assert.False(await log.HasWrittenAsync("a", 1, t0.AddDays(45)));    // forgotten when bar 301 came: newest 256 are 46..301
            Assert.False(await log.HasWrittenAsync("a", 1, t0));
        }
        finally { await cluster.DisposeAsync(); }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]   // shard mode
    public Task The_state_survives_a_full_cluster_restart(int shardSize) => RestartAsync(null, shardSize);

    [RedisFact]
    public Task The_state_survives_a_full_cluster_restart_in_redis() => RestartAsync(RedisFactAttribute.Endpoint);

    private static async Task RestartAsync(string? redis, int shardSize = 0)
    {
        var store = NewStore();
        var feed = PlanCluster.Feed(Bars);
        var plans = PlanCluster.Plans(feed);
        int half = feed.Merged.Count / 2;
        var serviceId = "hedgemath-test-" + store;
        var first = await PlanCluster.StartAsync(store, redis: redis, serviceId: serviceId, shardSize: shardSize);
        try
        {
            await SetUpAsync(first, plans);
            await feed.ReplayAsync(first.Client.GetStreamProvider(PlanNames.StreamProvider), 0, 0, half);
            await WaitAsync(first, feed, plans, half);
            await first.StopAllSilosAsync();
        }
        finally { await first.DisposeAsync(); }

        var second = await PlanCluster.StartAsync(store, redis: redis, serviceId: serviceId, shardSize: shardSize);
        try
        {
            Assert.Equal(plans.Length, (await second.GrainFactory.GetGrain<IPlanManagerGrain>(PlanNames.Manager).ListAsync()).Count);
            await feed.ReplayAsync(second.Client.GetStreamProvider(PlanNames.StreamProvider), 0, half);
            await WaitAsync(second, feed, plans);
            SameAsReference(feed, plans, store);
            var stepped = PlanCluster.LastBars(feed, half);
            foreach (var p in plans.Where(p => stepped.ContainsKey(p.Symbol!)))
                Assert.True((await second.GrainFactory.GetGrain<IPlanGrain>(p.Id).GetStatusAsync()).Replays > 0, $"{p.Id} was rebuilt from the stored state");
        }
        finally { await second.DisposeAsync(); }
    }
}

/// <summary>Runs when HEDGEMATH_REDIS names a Redis server (host:port) that answers; skipped with the reason otherwise.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public static string? Endpoint => Environment.GetEnvironmentVariable("HEDGEMATH_REDIS");

    public RedisFactAttribute()
    {
        var e = Endpoint;
        if (string.IsNullOrWhiteSpace(e)) { Skip = "HEDGEMATH_REDIS is not set (host:port of a local redis-server; .ci/run starts one when redis-server is installed)"; return; }
        var parts = e.Split(':');
        try
        {
            using var tcp = new TcpClient();
            if (!tcp.ConnectAsync(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)).Wait(TimeSpan.FromSeconds(2)))
                Skip = $"no Redis answers at HEDGEMATH_REDIS={e}";
        }
        catch (Exception ex) when (ex is SocketException or AggregateException or FormatException or IndexOutOfRangeException)
        {
            Skip = $"no Redis answers at HEDGEMATH_REDIS={e}: {ex.GetBaseException().Message}";
        }
    }
}
