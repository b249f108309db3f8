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

/// <summary>The persisted state of a plan's event log: the keys of the bars whose records were written.</summary>
[GenerateSerializer, Alias("hm.EventLogState")]
public sealed class EventLogState
{
    /// <summary>"generation/bar open ticks" of every bar whose records were written.</summary>
    [Id(0)] public HashSet<string> Written { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A plan's events consumer (implicit subscriber of the plan's events stream): writes each bar's records to the silo's
/// <see cref="IPlanEventSink"/> once, dropping bars already written (the plan publishes a bar's records again when the bar
/// is delivered again after a failure). A crash between the sink's write and the record of it writes that bar again: each
/// line carries its unique <see cref="PlanEventRecord.Id"/>.
/// </summary>
[ImplicitStreamSubscription(PlanNames.EventsNamespace)]
public sealed class EventLogGrain(
    [PersistentState("events", PlanNames.Storage)] IPersistentState<EventLogState> state,
    IPlanEventSink sink) : Grain, IEventLogGrain
{
    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(PlanNames.StreamProvider)
            .GetStream<List<PlanEventRecord>>(StreamId.Create(PlanNames.EventsNamespace, this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((records, _) => OnRecordsAsync(records));
    }

    /// <inheritdoc />
    public Task<bool> HasWrittenAsync(int generation, DateTimeOffset barOpen) =>
        Task.FromResult(state.State.Written.Contains(FormattableString.Invariant($"{generation}/{barOpen.UtcTicks}")));

    private async Task OnRecordsAsync(List<PlanEventRecord> records)
    {
        var fresh = new List<PlanEventRecord>(records.Count);
        var keys = new List<string>();
        foreach (var group in records.GroupBy(r => FormattableString.Invariant($"{r.Generation}/{r.BarOpen.UtcTicks}")))
        {
            if (state.State.Written.Contains(group.Key)) continue;
            fresh.AddRange(group);
            keys.Add(group.Key);
        }
        if (fresh.Count == 0) return;
        await sink.WriteAsync(fresh);
        foreach (var k in keys) state.State.Written.Add(k);
        await state.WriteStateAsync();
    }
}
