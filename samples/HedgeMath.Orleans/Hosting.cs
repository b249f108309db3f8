using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace HedgeMath.Orleans;

/// <summary>Options of the plan grains.</summary>
public sealed class PlanServiceOptions
{
    /// <summary>Write a plan's state after every this many bars without records (default 1: every bar).</summary>
    public int CheckpointEvery { get; set; } = 1;
    /// <summary>Shard mode when &gt; 0: each symbol's plans are stepped by shard grains of at most this many plans (one call and
    /// one state write per shard and bar); 0 (the default): one plan grain per plan.</summary>
    public int ShardSize { get; set; }
}

/// <summary>The silo and client set-up of the plan service: the streams (memory streams here; any persistent stream
/// provider registered under <see cref="PlanNames.StreamProvider"/> works the same). The grain storage named
/// <see cref="PlanNames.Storage"/> and the <see cref="IPlanEventSink"/> are the host's choice.</summary>
public static class PlanServiceHosting
{
    /// <summary>Adds the streams and the stream subscriptions' storage ("PubSubStore", in memory: the service's
    /// subscriptions are all implicit, so nothing durable lives there).</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="checkpointEvery">Write a plan's (or shard's) state after every this many bars without records (1, the default: after every
    /// bar; a bar with records is always written before they are published). More: fewer writes; after a crash the feed
    /// must resend at least this many bars.</param>
    /// <param name="shardSize">See <see cref="PlanServiceOptions.ShardSize"/> (0: plan grains). Every silo of a cluster must use the same value, for the cluster's life.</param>
    public static ISiloBuilder AddPlanService(this ISiloBuilder silo, int checkpointEvery = 1, int shardSize = 0)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointEvery, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shardSize);
        silo.Services.Configure<PlanServiceOptions>(o => { o.CheckpointEvery = checkpointEvery; o.ShardSize = shardSize; });
        // Pull the queues every 10 ms (the default 100 ms caps a symbol at a few dozen bars per second in a replay).
        silo.AddMemoryStreams(PlanNames.StreamProvider, b => b.ConfigurePullingAgent(o => o.Configure(p => p.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10))));
        silo.AddMemoryGrainStorage("PubSubStore");
        return silo;
    }

    /// <summary>Adds the grain storage of the plans (named <see cref="PlanNames.Storage"/>): Redis when a configuration string is
    /// given, otherwise memory (tests and benchmarks only: it dies with the silo). The states are stored with the Orleans
    /// binary serializer (the <c>[GenerateSerializer]</c>/<c>[Id]</c> contracts of the state types, version tolerant) instead of
    /// the provider's default JSON, which costs several times the CPU per write on the per-bar path.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="redis">A Redis configuration string ("host:port"); null: memory storage.</param>
    public static ISiloBuilder AddPlanStorage(this ISiloBuilder silo, string? redis = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (redis is null)
            // Many storage grains: the default 10 serialise every plan's writes through 10 activations.
            silo.AddMemoryGrainStorage(PlanNames.Storage, b => b.Configure<Serializer>((o, s) =>
            {
                o.NumStorageGrains = 256;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(s);
            }));
        else
            silo.AddRedisGrainStorage(PlanNames.Storage, b => b.Configure<Serializer>((o, s) =>
            {
                o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis);
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(s);
            }));
        return silo;
    }

    /// <summary>Adds the streams to a client (the feed publishes through it).</summary>
    /// <param name="client">The client builder.</param>
    public static IClientBuilder AddPlanService(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddMemoryStreams(PlanNames.StreamProvider);
        return client;
    }

    /// <summary>Writes the events as JSON lines to a writer.</summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="writer">The writer.</param>
    public static IServiceCollection AddJsonLinesEvents(this IServiceCollection services, TextWriter writer) =>
        services.AddSingleton<IPlanEventSink>(new JsonLinesEventSink(writer));
}
