using HedgeMath.Hedging;
using HedgeMath.Scenarios;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace HedgeMath.Orleans;

/// <summary>
/// The persisted state of a plan grain: the plan document and the evaluator's state as a pointer into the symbol's bar
/// log (the first and last bar stepped, the bar count): <see cref="PlanLive"/> is deterministic and has no public
/// snapshot, so reactivation replays the logged bars from <see cref="FirstBar"/> to <see cref="LastBar"/> through a new
/// <see cref="PlanLive"/>, which rebuilds its state, indicators and warning flags exactly. Plus an outbox: the records of
/// the last bars, published again when such a bar is delivered again.
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
    /// <summary>The records of the last <see cref="PlanGrain.OutboxBars"/> bars that had any.</summary>
    [Id(7)] public List<PlanEventRecord> Outbox { get; set; } = [];
    /// <summary>Activations that replayed bars.</summary>
    [Id(8)] public int Replays { get; set; }
}

/// <summary>A saved plan on the cluster (see <see cref="IPlanGrain"/>); placed at random among the silos.</summary>
[global::Orleans.Placement.RandomPlacement]
public sealed class PlanGrain(
    [PersistentState("plan", PlanNames.Storage)] IPersistentState<PlanGrainState> state,
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
        if (S.Document is null) return;
        _live = new PlanLive(PlanDocument.Load(S.Document));
        if (S.FirstBar is { } first && S.LastBar is { } last)
        {
            var bars = await GrainFactory.GetGrain<ISymbolGrain>(S.Symbol).GetBarsAsync(first, last);
            if (bars.Length != S.Bars)
                throw new InvalidOperationException($"plan {this.GetPrimaryKeyString()}: the bar log of {S.Symbol} has {bars.Length} bars in [{first:O}, {last:O}], the state says {S.Bars}");
            foreach (var b in bars) _live.Advance(b.ToCandle(), b.ToFunding());
            S.Replays++;
            logger.LogInformation("Plan {Plan} reactivated: {Bars} bars replayed", this.GetPrimaryKeyString(), bars.Length);
        }
    }

    /// <inheritdoc />
    public async Task SetAsync(string document, string symbol, DateTimeOffset? startAt)
    {
        var live = new PlanLive(PlanDocument.Load(document));
        state.State = new PlanGrainState { Document = document, Symbol = symbol, Generation = S.Generation + 1, StartAt = startAt };
        _live = live;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task RemoveAsync()
    {
        _live = null;
        state.State = new PlanGrainState { Generation = S.Generation };
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public async Task OnBarAsync(SymbolBar bar)
    {
        if (_live is null || bar.Symbol != S.Symbol) return;
        if (S.LastBar is { } last)
        {
            if (bar.Open <= last) { await PublishAgainAsync(bar.Open); return; }
            if (bar.Previous != last) return;   // a gap: wait until the feed sends the missing bars again
        }
        else if (S.StartAt is { } start && bar.Open < start) return;

        var events = _live.Advance(bar.ToCandle(), bar.ToFunding());
        var records = PlanEventRecords.From(this.GetPrimaryKeyString(), S.Generation, S.Symbol, bar.Open, events, _live.LastWarnings);
        S.FirstBar ??= bar.Open;
        S.LastBar = bar.Open;
        S.Bars++;
        if (records.Count > 0)
        {
            S.Outbox.AddRange(records);
            TrimOutbox();
        }
        // State first (the bar is processed at most once), then the records (published again from the outbox on redelivery).
        // A bar without records may go unwritten (CheckpointEvery > 1): after a crash it is stepped again from the stored
        // state when the feed resends it, to the same state (the step is deterministic) and again without records.
        if (records.Count > 0 || S.Bars % options.Value.CheckpointEvery == 0) await state.WriteStateAsync();
        if (records.Count > 0) await _events!.OnNextAsync(records);
    }

    private async Task PublishAgainAsync(DateTimeOffset barOpen)
    {
        var again = S.Outbox.Where(r => r.BarOpen == barOpen).ToList();
        if (again.Count > 0) await _events!.OnNextAsync(again);
    }

    private void TrimOutbox()
    {
        var bars = S.Outbox.Select(r => r.BarOpen).Distinct().Count();
        if (bars <= OutboxBars) return;
        var keep = S.Outbox.Select(r => r.BarOpen).Distinct().OrderDescending().Take(OutboxBars).Min();
        S.Outbox.RemoveAll(r => r.BarOpen < keep);
    }

    /// <inheritdoc />
    public Task<PlanStatus> GetStatusAsync() => Task.FromResult(new PlanStatus
    {
        Exists = S.Document is not null, Name = _live?.Plan.Name ?? "", Symbol = S.Symbol, Generation = S.Generation,
        Bars = S.Bars, LastBar = S.LastBar, Equity = _live?.Equity ?? 0m, Replays = S.Replays,
        LastRecordBar = S.Outbox.Count == 0 ? null : S.Outbox[^1].BarOpen, Silo = silo.SiloAddress.ToString(),
    });
}
