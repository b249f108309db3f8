using HedgeMath.Hedging;
using HedgeMath.Scenarios;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace HedgeMath.Orleans;

/// <summary>
/// The persisted state of a plan grain: the plan document and the evaluator's state as a pointer into the symbol's bar
/// log (the first and last bar stepped, the bar count): <see cref="PlanLive"/> is deterministic and has no public
/// snapshot, so reactivation replays the logged bars from <see cref="FirstBar"/> to <see cref="LastBar"/> through a new
/// <see cref="PlanLive"/>, which rebuilds its state, indicators and warning flags exactly. The outbox (the records of the
/// last bars, published again when such a bar is delivered again) is a state of its own (<see cref="PlanOutbox"/>),
/// written only on bars with records, so that a quiet bar writes only this.
/// </summary>
[GenerateSerializer, Alias("hm.PlanGrainState")]
public sealed class PlanGrainState
{
    /// <summary>The plan document (null: no plan).</summary>
    [Id(0)] public string? Document { get; set; }
    /// <summary>The symbol.</summary>
    [Id(1)] public string Symbol { get; set; } = "";
    /// <summary>The generation.</summary>
    [Id(2)] public int Generation { get; set; }
    /// <summary>The first bar to step (null: any).</summary>
    [Id(3)] public DateTimeOffset? StartAt { get; set; }
    /// <summary>The open time of the first bar stepped.</summary>
    [Id(4)] public DateTimeOffset? FirstBar { get; set; }
    /// <summary>The open time of the last bar stepped.</summary>
    [Id(5)] public DateTimeOffset? LastBar { get; set; }
    /// <summary>Bars stepped.</summary>
    [Id(6)] public int Bars { get; set; }
    /// <summary>Activations that replayed bars.</summary>
    [Id(8)] public int Replays { get; set; }
    /// <summary>Shard mode, in the plan grain: the index of the shard of <see cref="Symbol"/> that holds the plan (−1: the plan grain steps it).</summary>
    [Id(9)] public int Shard { get; set; } = -1;
}

/// <summary>A plan's outbox: the records of its last <see cref="PlanGrain.OutboxBars"/> bars that had any, written only on a
/// bar with records (before the plan's state).</summary>
[GenerateSerializer, Alias("hm.PlanOutbox")]
public sealed class PlanOutbox
{
    /// <summary>The records, in bar order.</summary>
    [Id(0)] public List<PlanEventRecord> Records { get; set; } = [];
}

/// <summary>A saved plan on the cluster (see <see cref="IPlanGrain"/>); placed at random among the silos.</summary>
[global::Orleans.Placement.RandomPlacement]
public sealed class PlanGrain(
    [PersistentState("plan", PlanNames.Storage)] IPersistentState<PlanGrainState> state,
    [PersistentState("plan-outbox", PlanNames.Storage)] IPersistentState<PlanOutbox> outbox,
    Microsoft.Extensions.Options.IOptions<PlanServiceOptions> options,
    ILocalSiloDetails silo,
    ILogger<PlanGrain> logger) : Grain, IPlanGrain
{
    /// <summary>How many bars with records the outbox keeps: the feed may resend at most this many bars after a failure.</summary>
    public const int OutboxBars = 256;

    private PlanLive? _live;
    private IAsyncStream<List<PlanEventRecord>>? _events;

    private PlanGrainState S => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _events = this.GetStreamProvider(PlanNames.StreamProvider)
            .GetStream<List<PlanEventRecord>>(StreamId.Create(PlanNames.EventsNamespace, this.GetPrimaryKeyString()));
        if (S.Document is null || S.Shard >= 0) return;   // a sharded plan lives in its shard
        _live = new PlanLive(PlanDocument.Load(S.Document));
        if (S.FirstBar is { } first && S.LastBar is { } last)
        {
            var bars = await GrainFactory.GetGrain<ISymbolGrain>(S.Symbol).GetBarsAsync(first, last);
            _live = PlanSteps.Replay(this.GetPrimaryKeyString(), S.Document, S, bars);
            S.Replays++;
            logger.LogInformation("Plan {Plan} reactivated: {Bars} bars replayed", this.GetPrimaryKeyString(), bars.Length);
        }
    }

    /// <inheritdoc />
    public async Task SetAsync(string document, string symbol, DateTimeOffset? startAt)
    {
        PlanLive? live = new PlanLive(PlanDocument.Load(document));
        var next = new PlanGrainState { Document = document, Symbol = symbol, Generation = S.Generation + 1, StartAt = startAt };
        if (options.Value.ShardSize > 0)
        {
            // Shard mode: the symbol picks the plan's shard, which holds the plan's state and steps it; this grain keeps the
            // plan's identity (generation, symbol, shard) and answers its status from the shard.
            next.Shard = await GrainFactory.GetGrain<ISymbolGrain>(symbol).AttachAsync(this.GetPrimaryKeyString());
            await GrainFactory.GetGrain<IPlanShardGrain>(PlanShardGrain.Key(symbol, next.Shard)).SetAsync(this.GetPrimaryKeyString(), next);
            live = null;
        }
        // A replaced plan starts over: its old generation's records go (before the state that says so).
        if (outbox.State.Records.Count > 0) { outbox.State.Records = []; await outbox.WriteStateAsync(); }
        state.State = next;
        _live = live;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RemoveAsync()
    {
        _live = null;
        if (outbox.State.Records.Count > 0) { outbox.State.Records = []; await outbox.WriteStateAsync(); }
        state.State = new PlanGrainState { Generation = S.Generation };
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public async Task OnBarAsync(SymbolBar bar)
    {
        if (_live is null) return;
        var step = PlanSteps.Step(this.GetPrimaryKeyString(), S, outbox.State.Records, _live, bar, out var records);
        if (step == PlanStep.Skipped) return;
        // The records first (the outbox), then the state that says the bar was stepped: after a crash between the two the
        // bar is stepped again, to the same records, which replace the ones already there.
        if (step == PlanStep.Stepped && records.Count > 0) await outbox.WriteStateAsync();
        // State first (the bar is processed at most once), then the records (published again from the outbox on redelivery).
        // A bar without records may go unwritten (CheckpointEvery > 1): after a crash it is stepped again from the stored
        // state when the feed resends it, to the same state (the step is deterministic) and again without records.
        if (step == PlanStep.Stepped && (records.Count > 0 || S.Bars % options.Value.CheckpointEvery == 0)) await state.WriteStateAsync();
        if (records.Count > 0) await _events!.OnNextAsync(records);
    }

    /// <inheritdoc />
    public Task<PlanStatus> GetStatusAsync() => S.Shard >= 0 && S.Document is not null
        ? GrainFactory.GetGrain<IPlanShardGrain>(PlanShardGrain.Key(S.Symbol, S.Shard)).GetStatusAsync(this.GetPrimaryKeyString())
        : Task.FromResult(PlanSteps.Status(S, outbox.State.Records, _live, silo.SiloAddress.ToString(), this.GetPrimaryKeyString()));
}

/// <summary>What <see cref="PlanSteps.Step"/> did with a bar.</summary>
public enum PlanStep
{
    /// <summary>Not stepped: no plan, another symbol, before the first bar, or after a gap.</summary>
    Skipped,
    /// <summary>Already stepped: the records are the bar's records still in the outbox, to publish again.</summary>
    Again,
    /// <summary>Stepped: the state moved on; the records are the bar's new records (maybe none).</summary>
    Stepped,
}

/// <summary>The one step of a plan on a bar, shared by the plan grains and the shard grains: at most once per bar,
/// idempotent on the bar's open time, the records kept in the state's outbox.</summary>
public static class PlanSteps
{
    /// <summary>Steps a plan's <see cref="PlanLive"/> on a bar and updates its state (not written here).</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="s">The plan's state (its <see cref="PlanGrainState.Document"/> is not read: a shard keeps the documents apart).</param>
    /// <param name="outbox">The plan's outbox: the records of its last bars that had any (<see cref="PlanOutbox"/>, or a shard's <see cref="PlanShardOutbox"/>).</param>
    /// <param name="live">The plan's evaluator, in step with <paramref name="s"/>.</param>
    /// <param name="bar">The bar.</param>
    /// <param name="records">Stepped: the new records; again: the outbox's records of the bar; skipped: empty.</param>
    public static PlanStep Step(string id, PlanGrainState s, List<PlanEventRecord> outbox, PlanLive live, SymbolBar bar, out List<PlanEventRecord> records)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(bar);
        records = [];
        if (bar.Symbol != s.Symbol) return PlanStep.Skipped;
        if (s.LastBar is { } last)
        {
            if (bar.Open <= last) { records = outbox.Where(r => r.BarOpen == bar.Open).ToList(); return PlanStep.Again; }
            if (bar.Previous != last) return PlanStep.Skipped;   // a gap: wait until the feed sends the missing bars again
        }
        else if (s.StartAt is { } start && bar.Open < start) return PlanStep.Skipped;

        var events = live.Advance(bar.ToCandle(), bar.ToFunding());
        if (events.Length > 0 || live.LastWarnings.Length > 0)
            records = PlanEventRecords.From(id, s.Generation, s.Symbol, bar.Open, events, live.LastWarnings);
        s.FirstBar ??= bar.Open;
        s.LastBar = bar.Open;
        s.Bars++;
        if (records.Count > 0)
        {
            // The outbox is written before the replay pointer: after a crash between the two writes the bar is stepped again
            // (to the same records), which replace the ones already there.
            if (outbox.Count > 0 && outbox[^1].BarOpen >= bar.Open) outbox.RemoveAll(r => r.BarOpen >= bar.Open);
            outbox.AddRange(records);
            TrimOutbox(outbox);
        }
        return PlanStep.Stepped;
    }

    /// <summary>Replays the plan's stepped bars (from the symbol's bar log) through a new evaluator.</summary>
    /// <param name="id">The plan's id (for the error).</param>
    /// <param name="document">The plan document.</param>
    /// <param name="s">The plan's state.</param>
    /// <param name="bars">The logged bars of [<see cref="PlanGrainState.FirstBar"/>, <see cref="PlanGrainState.LastBar"/>].</param>
    /// <exception cref="InvalidOperationException">The log does not hold the bars the state says were stepped.</exception>
    public static PlanLive Replay(string id, string document, PlanGrainState s, IReadOnlyList<SymbolBar> bars)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(bars);
        var live = new PlanLive(PlanDocument.Load(document));
        if (bars.Count != s.Bars)
            throw new InvalidOperationException($"plan {id}: the bar log of {s.Symbol} has {bars.Count} bars in [{s.FirstBar:O}, {s.LastBar:O}], the state says {s.Bars}");
        foreach (var b in bars) live.Advance(b.ToCandle(), b.ToFunding());
        return live;
    }

    /// <summary>A plan's status from its state.</summary>
    /// <param name="s">The state.</param>
    /// <param name="outbox">The plan's outbox.</param>
    /// <param name="live">The evaluator (null: none; the plan exists when it or the state's document is there).</param>
    /// <param name="silo">The silo it runs on.</param>
    /// <param name="events">The key of the events stream its records go to (the plan's id; in shard mode the shard's key).</param>
    public static PlanStatus Status(PlanGrainState s, List<PlanEventRecord> outbox, PlanLive? live, string silo, string events)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(outbox);
        return new PlanStatus
        {
            Exists = s.Document is not null || live is not null, Name = live?.Plan.Name ?? "", Symbol = s.Symbol, Generation = s.Generation,
            Bars = s.Bars, LastBar = s.LastBar, Equity = live?.Equity ?? 0m, Replays = s.Replays,
            LastRecordBar = outbox.Count == 0 ? null : outbox[^1].BarOpen, Silo = silo, Events = events,
        };
    }

    private static void TrimOutbox(List<PlanEventRecord> outbox)
    {
        var bars = outbox.Select(r => r.BarOpen).Distinct().Count();
        if (bars <= PlanGrain.OutboxBars) return;
        var keep = outbox.Select(r => r.BarOpen).Distinct().OrderDescending().Take(PlanGrain.OutboxBars).Min();
        outbox.RemoveAll(r => r.BarOpen < keep);
    }
}
