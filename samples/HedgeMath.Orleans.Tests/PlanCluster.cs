using System.Collections.Concurrent;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Scenarios;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace HedgeMath.Orleans.Tests;

/// <summary>
/// Grain storage shared by every silo of the test process (the silos of a TestCluster run in one process): a silo that is
/// killed loses nothing of it, as with an external store. States are copied through the Orleans serializer.
/// </summary>
public sealed class SharedGrainStorage(ConcurrentDictionary<string, (byte[] Data, long Version)> store, Serializer serializer) : IGrainStorage
{
    private static string Key(string stateName, GrainId id) => $"{stateName}|{id}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.TryGetValue(Key(stateName, grainId), out var v))
        {
            grainState.State = serializer.Deserialize<T>(v.Data);
            grainState.ETag = v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.SerializeToArray(grainState.State);
        var v = store.AddOrUpdate(Key(stateName, grainId), _ => (data, 1), (_, old) => (data, old.Version + 1));
        grainState.ETag = v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }
}

/// <summary>What the silos' event sinks wrote, per test (by store name).</summary>
public static class Collected
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<PlanEventRecord>> Records = new();
    public static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (byte[] Data, long Version)>> Stores = new();
}

internal sealed class CollectingSink(ConcurrentQueue<PlanEventRecord> queue) : IPlanEventSink
{
    public Task WriteAsync(IReadOnlyList<PlanEventRecord> records)
    {
        foreach (var r in records) queue.Enqueue(r);
        return Task.CompletedTask;
    }
}

/// <summary>The silos: the plan service, the shared store or Redis (configuration HedgeMath:Redis), fast failure detection.</summary>
public sealed class SiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        var name = silo.Configuration["HedgeMath:Store"]!;
        var redis = silo.Configuration["HedgeMath:Redis"];
        silo.AddPlanService(int.Parse(silo.Configuration["HedgeMath:Checkpoint"] ?? "1", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(silo.Configuration["HedgeMath:ShardSize"] ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        if (string.IsNullOrEmpty(redis))
            silo.Services.AddGrainStorage(PlanNames.Storage, (sp, _) =>
                new SharedGrainStorage(Collected.Stores.GetOrAdd(name, _ => new()), sp.GetRequiredService<Serializer>()));
        else
            silo.AddPlanStorage(redis);
        silo.Services.AddSingleton<IPlanEventSink>(new CollectingSink(Collected.Records.GetOrAdd(name, _ => new())));
        // Fast failure detection only where a silo is killed: on a loaded CI machine it could declare a slow silo dead.
        if (silo.Configuration["HedgeMath:FastFailure"] == "true")
        {
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
        }
    }
}

public sealed class ClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder client)
    {
        client.AddPlanService();
        if (configuration["HedgeMath:FastFailure"] == "true")
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
    }
}

/// <summary>Builds test clusters, the feed of real candles and the plans, and the single-process reference.</summary>
public static class PlanCluster
{
    public static async Task<TestCluster> StartAsync(string store, int silos = 2, string? redis = null, string? serviceId = null, int checkpointEvery = 1, bool fastFailure = false, int shardSize = 0)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HedgeMath:Store"] = store,
            ["HedgeMath:Redis"] = redis,
            ["HedgeMath:Checkpoint"] = checkpointEvery.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HedgeMath:FastFailure"] = fastFailure ? "true" : "false",
            ["HedgeMath:ShardSize"] = shardSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        if (serviceId is not null) builder.Options.ServiceId = serviceId;
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Real daily candles (data/market): the last <paramref name="bars"/> of BTC, ETH (with their funding), SOL and XRP.</summary>
    public static FileFeed Feed(int bars) => FileFeed.Load(
    [
        ("BTCUSDT", PlanServiceProgram.FindData("market/btcusdt_spot_daily.csv"), PlanServiceProgram.FindData("market/btcusdt_funding_8h.csv")),
        ("ETHUSDT", PlanServiceProgram.FindData("market/ethusdt_spot_daily.csv"), PlanServiceProgram.FindData("market/ethusdt_funding_8h.csv")),
        ("SOLUSDT", PlanServiceProgram.FindData("market/solusdt_spot_daily.csv"), null),
        ("XRPUSDT", PlanServiceProgram.FindData("market/xrpusdt_spot_daily.csv"), null),
    ], bars);

    /// <summary>Three plans per symbol: hedge ratios, stop distances and rule levels spread so that stops, rules and warnings fire.</summary>
    public static PlanSpec[] Plans(FileFeed feed) =>
    [
        .. feed.Symbols.SelectMany(s =>
        {
            var bars = s.Value;
            decimal lo = bars.Min(b => b.C), hi = bars.Max(b => b.C), mid = (lo + hi) / 2m;
            string asset = s.Key[..^4];
            return Enumerable.Range(0, 3).Select(k => new PlanSpec
            {
                Id = $"{s.Key}-{k}", Symbol = s.Key, StartAt = bars[0].Open,
                Document = PlanServiceProgram.SampleDocument($"{asset} plan {k}", s.Key, asset, 10m, bars[0].C,
                    0.5m + 0.25m * k, 0.02m + 0.03m * k, decimal.Round(lo + (mid - lo) * k / 3m, 4)),
            });
        }),
    ];

    /// <summary>The single-process live clock on the same bars: each plan's JSON lines, in bar order.</summary>
    public static Dictionary<string, List<string>> Reference(FileFeed feed, IEnumerable<PlanSpec> plans)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var p in plans)
        {
            var live = new PlanLive(PlanDocument.Load(p.Document));
            var lines = new List<string>();
            foreach (var bar in feed.Symbols[p.Symbol!].Where(b => p.StartAt is null || b.Open >= p.StartAt))
            {
                var u = live.Push(bar.ToCandle(), bar.ToFunding());
                lines.AddRange(PlanEventRecords.From(p.Id, 1, p.Symbol!, bar.Open, u.Events.AsSpan(), u.Warnings.AsSpan()).Select(PlanEventJson.Line));
            }
            map[p.Id] = lines;
        }
        return map;
    }

    /// <summary>What the cluster wrote, per plan, in bar order.</summary>
    public static Dictionary<string, List<string>> Written(string store, IEnumerable<PlanSpec> plans)
    {
        var all = Collected.Records.GetOrAdd(store, _ => new()).ToArray();
        return plans.ToDictionary(p => p.Id, p => all.Where(r => r.Plan == p.Id).OrderBy(r => r.BarOpen).ThenBy(r => r.Index)
            .Select(PlanEventJson.Line).ToList(), StringComparer.Ordinal);
    }

    public static Dictionary<string, DateTimeOffset> LastBars(FileFeed feed, int? upTo = null)
    {
        var bars = upTo is { } n ? feed.Merged.Take(n) : feed.Merged;
        return bars.GroupBy(b => b.Symbol).ToDictionary(g => g.Key, g => g.Max(b => b.Open), StringComparer.Ordinal);
    }
}
