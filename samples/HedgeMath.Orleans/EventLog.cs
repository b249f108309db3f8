using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Streams;

namespace HedgeMath.Orleans;

/// <summary>Where a silo writes the plans' event records (one JSON line each).</summary>
public interface IPlanEventSink
{
    /// <summary>Writes records, in order.</summary>
    /// <param name="records">The records.</param>
    Task WriteAsync(IReadOnlyList<PlanEventRecord> records);
}

/// <summary>The JSON-lines form of a record (camelCase, full precision).</summary>
public static class PlanEventJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One JSON line (no newline).</summary>
    /// <param name="record">The record.</param>
    public static string Line(PlanEventRecord record) => JsonSerializer.Serialize(record, Options);
}

/// <summary>Writes JSON lines to a text writer (a file, the console), one flush per batch.</summary>
/// <param name="writer">The writer (not disposed here).</param>
public sealed class JsonLinesEventSink(TextWriter writer) : IPlanEventSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<PlanEventRecord> records)
    {
        await _gate.WaitAsync();
        try
        {
            foreach (var r in records) await writer.WriteLineAsync(PlanEventJson.Line(r));
            await writer.FlushAsync();
        }
        finally { _gate.Release(); }
    }
}

/// <summary>The persisted state of an event log: the keys of the bars whose records were written.</summary>
[GenerateSerializer, Alias("hm.EventLogState")]
public sealed class EventLogState
{
    /// <summary>"plan/generation/bar open ticks" → the bar's open time, for the bars whose records were written, of the
    /// newest <see cref="EventLogGrain.WindowBars"/> bars written.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> Written { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// An events consumer (implicit subscriber of an events stream: a plan's, or in shard mode a shard's): writes each plan's
/// bar's records to the silo's <see cref="IPlanEventSink"/> once, dropping bars already written (a plan publishes a bar's
/// records again when the bar is delivered again after a failure). A crash between the sink's write and the record of it
/// writes that bar again: each line carries its unique <see cref="PlanEventRecord.Id"/>. It remembers the newest
/// <see cref="WindowBars"/> bars it wrote (a feed resends at most that many bars back), so its state stays bounded.
/// </summary>
[ImplicitStreamSubscription(PlanNames.EventsNamespace)]
public sealed class EventLogGrain(
    [PersistentState("events", PlanNames.Storage)] IPersistentState<EventLogState> state,
    IPlanEventSink sink) : Grain, IEventLogGrain
{
    /// <summary>How many of the newest bars written the log remembers: a feed resends at most <see cref="PlanGrain.OutboxBars"/>
    /// bars back, and that many distinct bars written reach at least that far back.</summary>
    public const int WindowBars = PlanGrain.OutboxBars;

    private static string Key(string plan, int generation, DateTimeOffset barOpen) => FormattableString.Invariant($"{plan}/{generation}/{barOpen.UtcTicks}");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(PlanNames.StreamProvider)
            .GetStream<List<PlanEventRecord>>(StreamId.Create(PlanNames.EventsNamespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((records, _) => OnRecordsAsync(records));
    }

    /// <inheritdoc />
    public Task<bool> HasWrittenAsync(string plan, int generation, DateTimeOffset barOpen) =>
        Task.FromResult(state.State.Written.ContainsKey(Key(plan, generation, barOpen)));

    private async Task OnRecordsAsync(List<PlanEventRecord> records)
    {
        var fresh = new List<PlanEventRecord>(records.Count);
        var keys = new List<(string Key, DateTimeOffset Bar)>();
        foreach (var group in records.GroupBy(r => Key(r.Plan, r.Generation, r.BarOpen)))
        {
            if (state.State.Written.ContainsKey(group.Key)) continue;
            fresh.AddRange(group);
            keys.Add((group.Key, group.First().BarOpen));
        }
        if (fresh.Count == 0) return;
        await sink.WriteAsync(fresh);
        foreach (var k in keys) state.State.Written[k.Key] = k.Bar;
        // Forget the bars the feed no longer resends: all but the newest WindowBars bars written (a plan's outbox keeps as many).
        var bars = state.State.Written.Values.Distinct().ToList();
        if (bars.Count > WindowBars)
        {
            bars.Sort();
            var keep = bars[^WindowBars];
            foreach (var (k, bar) in state.State.Written)
                if (bar < keep) state.State.Written.Remove(k);
        }
        await state.WriteStateAsync();
    }
}
