using HedgeMath.Hedging;
using HedgeMath.Scenarios;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace HedgeMath.Orleans;

/// <summary>The persisted state of a shard, written once per bar: the replay pointer of each of its plans (the same
/// replay-based state a plan grain keeps, without the document, <see cref="PlanShardDocuments"/>, and without the outbox,
/// <see cref="PlanShardOutbox"/>): a bar writes a few dozen bytes per plan.</summary>
[GenerateSerializer, Alias("hm.PlanShardState")]
public sealed class PlanShardState
{
    /// <summary>Plan id → the plan's state.</summary>
    [Id(0)] public Dictionary<string, PlanGrainState> Plans { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Bars stepped by the shard (the checkpoint counter).</summary>
    [Id(1)] public int Bars { get; set; }
}

/// <summary>The outboxes of a shard's plans, written only on a bar with records (before <see cref="PlanShardState"/>).</summary>
[GenerateSerializer, Alias("hm.PlanShardOutbox")]
public sealed class PlanShardOutbox
{
    /// <summary>Plan id → the records of its last <see cref="PlanGrain.OutboxBars"/> bars that had any.</summary>
    [Id(0)] public Dictionary<string, List<PlanEventRecord>> Records { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The plan documents of a shard, written only when a plan is set or removed (not with each bar's state).</summary>
[GenerateSerializer, Alias("hm.PlanShardDocuments")]
public sealed class PlanShardDocuments
{
    /// <summary>Plan id → the plan document.</summary>
    [Id(0)] public Dictionary<string, string> Documents { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A shard of a symbol's plans (shard mode, <see cref="PlanServiceOptions.ShardSize"/> &gt; 0), keyed "symbol/index".</summary>
[Alias("hm.IPlanShardGrain")]
public interface IPlanShardGrain : IGrainWithStringKey
{
    /// <summary>Sets (or replaces) a plan of the shard with its fresh state.</summary>
    /// <param name="plan">The plan's id.</param>
    /// <param name="state">Its state (document, symbol, generation, first bar; nothing stepped).</param>
    [Alias("Set")] Task SetAsync(string plan, PlanGrainState state);
    /// <summary>Removes a plan from the shard.</summary>
    [Alias("Remove")] Task RemoveAsync(string plan);
    /// <summary>Steps every plan of the shard on a bar (each at most once per bar, as a plan grain does), then writes the
    /// shard's state once and publishes the plans' records (one message on the shard's events stream).</summary>
    /// <param name="bar">The bar.</param>
    [Alias("OnBar")] Task OnBarAsync(SymbolBar bar);
    /// <summary>A plan's status (not in the shard: <see cref="PlanStatus.Exists"/> false).</summary>
    [Alias("Status"), global::Orleans.Concurrency.AlwaysInterleave] Task<PlanStatus> GetStatusAsync(string plan);
}

/// <summary>
/// A shard of a symbol's plans (see <see cref="IPlanShardGrain"/>): one grain call per bar steps up to
/// <see cref="PlanServiceOptions.ShardSize"/> plans with <see cref="PlanLive.Advance"/> (allocation-free on a quiet bar),
/// and one write stores all their replay pointers, instead of a call and a write per plan; a bar with records also writes
/// the outboxes, and publishes all the plans' records as one message on the shard's events stream (key: the shard's key).
/// Reactivation replays the symbol's bar log through each plan, as a plan grain does.
/// </summary>
[global::Orleans.Placement.RandomPlacement]
public sealed class PlanShardGrain(
    [PersistentState("shard", PlanNames.Storage)] IPersistentState<PlanShardState> state,
    [PersistentState("shard-documents", PlanNames.Storage)] IPersistentState<PlanShardDocuments> documents,
    [PersistentState("shard-outbox", PlanNames.Storage)] IPersistentState<PlanShardOutbox> outbox,
    Microsoft.Extensions.Options.IOptions<PlanServiceOptions> options,
    ILocalSiloDetails silo,
    ILogger<PlanShardGrain> logger) : Grain, IPlanShardGrain
{
    private readonly Dictionary<string, PlanLive> _live = new(StringComparer.Ordinal);
    private IAsyncStream<List<PlanEventRecord>>? _events;

    private List<PlanEventRecord> Outbox(string plan) =>
        outbox.State.Records.TryGetValue(plan, out var o) ? o : outbox.State.Records[plan] = [];

    /// <summary>The key of a symbol's shard.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="index">The shard's index.</param>
    public static string Key(string symbol, int index) => FormattableString.Invariant($"{symbol}/{index}");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _events = this.GetStreamProvider(PlanNames.StreamProvider)
            .GetStream<List<PlanEventRecord>>(StreamId.Create(PlanNames.EventsNamespace, this.GetPrimaryKeyString()));
        var stepped = state.State.Plans.Where(p => p.Value.FirstBar is not null).ToList();
        SymbolBar[] log = [];
        if (stepped.Count > 0)
        {
            var symbol = stepped[0].Value.Symbol;
            log = await GrainFactory.GetGrain<ISymbolGrain>(symbol).GetBarsAsync(stepped.Min(p => p.Value.FirstBar!.Value), stepped.Max(p => p.Value.LastBar!.Value));
        }
        foreach (var (id, s) in state.State.Plans)
        {
            var document = documents.State.Documents[id];
            if (s.FirstBar is { } first && s.LastBar is { } last)
            {
                _live[id] = PlanSteps.Replay(id, document, s, log.Where(b => b.Open >= first && b.Open <= last).ToList());
                s.Replays++;
            }
            else _live[id] = new PlanLive(PlanDocument.Load(document));
        }
        if (stepped.Count > 0) logger.LogInformation("Shard {Shard} reactivated: {Plans} plans replayed", this.GetPrimaryKeyString(), stepped.Count);
    }

    /// <inheritdoc />
    public async Task SetAsync(string plan, PlanGrainState s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var document = s.Document ?? throw new ArgumentException("must carry the plan document", nameof(s));
        _live[plan] = new PlanLive(PlanDocument.Load(document));
        // Documents first: a state that names a plan always finds its document on reactivation. The per-bar state
        // carries the plans' progress only (no document).
        documents.State.Documents[plan] = document;
        await documents.WriteStateAsync();
        // A replaced plan starts over: its old generation's records go (before the state that says so).
        if (outbox.State.Records.Remove(plan)) await outbox.WriteStateAsync();
        state.State.Plans[plan] = new PlanGrainState { Symbol = s.Symbol, Generation = s.Generation, StartAt = s.StartAt };
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string plan)
    {
        _live.Remove(plan);
        if (state.State.Plans.Remove(plan)) await state.WriteStateAsync();
        if (outbox.State.Records.Remove(plan)) await outbox.WriteStateAsync();
        if (documents.State.Documents.Remove(plan)) await documents.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task OnBarAsync(SymbolBar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        bool stepped = false, records = false;
        List<PlanEventRecord>? publish = null;
        foreach (var (id, s) in state.State.Plans)
        {
            var step = PlanSteps.Step(id, s, Outbox(id), _live[id], bar, out var r);
            stepped |= step == PlanStep.Stepped;
            records |= step == PlanStep.Stepped && r.Count > 0;
            if (r.Count > 0) (publish ??= []).AddRange(r);
        }
        if (stepped) state.State.Bars++;
        // The records first (the outboxes, only on a bar with records), then one write of every plan's replay pointer, before
        // any record is published (see PlanGrain.OnBarAsync for the checkpoint rule).
        if (records) await outbox.WriteStateAsync();
        if (records || (stepped && state.State.Bars % options.Value.CheckpointEvery == 0)) await state.WriteStateAsync();
        if (publish is null) return;
        await _events!.OnNextAsync(publish);
    }

    /// <inheritdoc />
    public Task<PlanStatus> GetStatusAsync(string plan) => Task.FromResult(state.State.Plans.TryGetValue(plan, out var s)
        ? PlanSteps.Status(s, outbox.State.Records.GetValueOrDefault(plan) ?? [], _live.GetValueOrDefault(plan), silo.SiloAddress.ToString(), this.GetPrimaryKeyString())
        : new PlanStatus());
}
