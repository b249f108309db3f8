using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace HedgeMath.Orleans;

/// <summary>The persisted plans of a symbol: the plans that hold it (written when a plan is attached or detached, not per bar).</summary>
[GenerateSerializer, Alias("hm.SymbolGrainState")]
public sealed class SymbolGrainState
{
    /// <summary>The plans that hold the symbol.</summary>
    [Id(0)] public List<string> Plans { get; set; } = [];
    /// <summary>Shard mode: plan id → the index of its shard.</summary>
    [Id(4)] public Dictionary<string, int> ShardOf { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Shard mode: the number of plans in each shard, by index.</summary>
    [Id(5)] public List<int> ShardSizes { get; set; } = [];
}

/// <summary>The persisted tail of a symbol's bar log, written on each new bar: at most <see cref="SymbolGrain.ChunkBars"/> bars.</summary>
[GenerateSerializer, Alias("hm.SymbolLogState")]
public sealed class SymbolLogState
{
    /// <summary>The bars received after the last sealed chunk, in order, without gaps.</summary>
    [Id(0)] public List<SymbolBar> Log { get; set; } = [];
    /// <summary>Sealed chunks of <see cref="SymbolGrain.ChunkBars"/> bars each, before <see cref="Log"/> (grains "symbol/index").</summary>
    [Id(1)] public int Chunks { get; set; }
    /// <summary>The open time of the last bar received (null: none).</summary>
    [Id(2)] public DateTimeOffset? Last { get; set; }
}

/// <summary>A sealed chunk of a symbol's bar log (written once).</summary>
[GenerateSerializer, Alias("hm.BarChunkState")]
public sealed class BarChunkState
{
    /// <summary>The bars, in order.</summary>
    [Id(0)] public List<SymbolBar> Bars { get; set; } = [];
}

/// <summary>A sealed chunk of a symbol's bar log, keyed "symbol/index".</summary>
[Alias("hm.IBarChunkGrain")]
public interface IBarChunkGrain : IGrainWithStringKey
{
    /// <summary>Stores the chunk.</summary>
    [Alias("Seal")] Task SealAsync(List<SymbolBar> bars);
    /// <summary>The chunk's bars.</summary>
    [Alias("Get"), global::Orleans.Concurrency.ReadOnly] Task<List<SymbolBar>> GetAsync();
}

/// <summary>A sealed chunk of a symbol's bar log: the bar log is written in chunks so that a bar costs one small write (the
/// tail since the last chunk), not a rewrite of the whole history.</summary>
public sealed class BarChunkGrain([PersistentState("chunk", PlanNames.Storage)] IPersistentState<BarChunkState> state) : Grain, IBarChunkGrain
{
    /// <inheritdoc />
    public async Task SealAsync(List<SymbolBar> bars)
    {
        state.State.Bars = bars;
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task<List<SymbolBar>> GetAsync() => Task.FromResult(state.State.Bars);
}

/// <summary>
/// A symbol (see <see cref="ISymbolGrain"/>): an implicit subscriber of the symbol's bar stream. Each new bar is logged,
/// then handed to every plan that holds the symbol; a bar already logged is handed out again (plans skip it and publish
/// its recorded events again); a bar after a gap is dropped until the feed sends the missing ones.
/// </summary>
[ImplicitStreamSubscription(PlanNames.BarsNamespace), global::Orleans.Placement.RandomPlacement]
public sealed class SymbolGrain(
    [PersistentState("symbol", PlanNames.Storage)] IPersistentState<SymbolGrainState> state,
    [PersistentState("symbol-log", PlanNames.Storage)] IPersistentState<SymbolLogState> log,
    Microsoft.Extensions.Options.IOptions<PlanServiceOptions> options,
    ILogger<SymbolGrain> logger) : Grain, ISymbolGrain
{
    /// <summary>Bars per sealed chunk of the log: the tail written with each bar holds fewer than this many (16 on average);
    /// a replay reads one chunk grain per this many bars.</summary>
    public const int ChunkBars = 32;

    /// <summary>How often a plan's step is tried when its grain cannot be reached (a silo went down: it reactivates elsewhere).</summary>
    private const int Attempts = 5;

    private DateTimeOffset? _fannedOut;

    private SymbolGrainState S => state.State;
    private SymbolLogState L => log.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(PlanNames.StreamProvider)
            .GetStream<SymbolBar>(StreamId.Create(PlanNames.BarsNamespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((bar, _) => OnBarAsync(bar));
    }

    private async Task OnBarAsync(SymbolBar bar)
    {
        bool known = L.Last is { } l && bar.Open <= l;
        if (!known)
        {
            var expected = L.Last;
            if (bar.Previous != expected)
            {
                logger.LogWarning("{Symbol}: bar {Open:O} follows {Previous:O}, the log ends at {Last:O}: dropped until the gap is sent again",
                    bar.Symbol, bar.Open, bar.Previous, expected);
                return;
            }
            if (L.Log.Count == ChunkBars)
            {
                // Seal the full chunk first: a crash before the log's write leaves the chunk written twice, never lost.
                await GrainFactory.GetGrain<IBarChunkGrain>(ChunkKey(L.Chunks)).SealAsync(L.Log);
                L.Chunks++;
                L.Log = [];
            }
            L.Log.Add(bar);
            L.Last = bar.Open;
            // The bar is logged before any plan steps it: a plan's replay pointer never runs past the log.
            await log.WriteStateAsync();
        }
        if (options.Value.ShardSize > 0)
        {
            // Shard mode: one call per shard steps all its plans.
            var shards = new List<Task>(S.ShardSizes.Count);
            for (int k = 0; k < S.ShardSizes.Count; k++)
                if (S.ShardSizes[k] > 0) shards.Add(StepAsync(GrainFactory.GetGrain<IPlanShardGrain>(PlanShardGrain.Key(bar.Symbol, k)).OnBarAsync, PlanShardGrain.Key(bar.Symbol, k), bar));
            await Task.WhenAll(shards);
        }
        else if (S.Plans.Count > 0) await Task.WhenAll(S.Plans.Select(id => StepAsync(GrainFactory.GetGrain<IPlanGrain>(id).OnBarAsync, id, bar)));
        if (_fannedOut is not { } f || bar.Open > f) _fannedOut = bar.Open;
    }

    private async Task StepAsync(Func<SymbolBar, Task> step, string plan, SymbolBar bar)
    {
        for (int attempt = 1; ; attempt++)
        {
            try { await step(bar); return; }
            catch (Exception e) when (attempt < Attempts && e is not ArgumentException)
            {
                logger.LogWarning(e, "{Symbol}: plan {Plan} did not take bar {Open:O} (attempt {Attempt})", bar.Symbol, plan, bar.Open, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Symbol}: plan {Plan} failed on bar {Open:O}; the feed's resend retries it", bar.Symbol, plan, bar.Open);
                return;
            }
        }
    }

    /// <inheritdoc />
    public async Task<int> AttachAsync(string plan)
    {
        int i = S.Plans.BinarySearch(plan, StringComparer.Ordinal);
        if (i >= 0) return S.ShardOf.GetValueOrDefault(plan, -1);
        S.Plans.Insert(~i, plan);
        int shard = -1;
        if (options.Value.ShardSize is var size and > 0)
        {
            // The first shard with room (a removed plan's place is reused); a plan keeps its shard until it is removed.
            shard = S.ShardSizes.FindIndex(n => n < size);
            if (shard < 0) { shard = S.ShardSizes.Count; S.ShardSizes.Add(0); }
            S.ShardSizes[shard]++;
            S.ShardOf[plan] = shard;
        }
        await state.WriteStateAsync();
        return shard;
    }

    /// <inheritdoc />
    public async Task DetachAsync(string plan)
    {
        if (!S.Plans.Remove(plan)) return;
        if (S.ShardOf.Remove(plan, out var shard))
        {
            S.ShardSizes[shard]--;
            await GrainFactory.GetGrain<IPlanShardGrain>(PlanShardGrain.Key(this.GetPrimaryKeyString(), shard)).RemoveAsync(plan);
        }
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<string[]> GetPlansAsync() => Task.FromResult(S.Plans.ToArray());

    /// <inheritdoc />
    public async Task<SymbolBar[]> GetBarsAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var tail = L.Log.ToArray();
        int chunks = L.Chunks;
        var bars = new List<SymbolBar>();
        if (tail.Length == 0 || from < tail[0].Open)
            for (int i = 0; i < chunks; i++)
            {
                var chunk = await GrainFactory.GetGrain<IBarChunkGrain>(ChunkKey(i)).GetAsync();
                if (chunk.Count > 0 && chunk[^1].Open < from) continue;
                bars.AddRange(chunk.Where(b => b.Open >= from && b.Open <= to));
            }
        bars.AddRange(tail.Where(b => b.Open >= from && b.Open <= to));
        return [.. bars];
    }

    private string ChunkKey(int index) => FormattableString.Invariant($"{this.GetPrimaryKeyString()}/{index}");

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetFannedOutAsync() => Task.FromResult(_fannedOut);

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetLastBarAsync() => Task.FromResult(L.Last);
}
