using Orleans.Concurrency;

namespace HedgeMath.Orleans;

/// <summary>Names shared by the silos, the clients and the feed.</summary>
public static class PlanNames
{
    /// <summary>The stream provider of the bars and events streams.</summary>
    public const string StreamProvider = "hedgemath";
    /// <summary>The stream namespace of the per-symbol bar streams (key: the symbol).</summary>
    public const string BarsNamespace = "bars";
    /// <summary>The stream namespace of the events streams (key: the plan's id; in shard mode the shard's key).</summary>
    public const string EventsNamespace = "plan-events";
    /// <summary>The grain storage of the plans, symbols, management and event-log grains.</summary>
    public const string Storage = "plans";
    /// <summary>The key of the one management grain.</summary>
    public const string Manager = "default";
}

/// <summary>One saved plan: its document and the evaluator's state, persisted; steps on each new bar of its symbol.</summary>
[Alias("hm.IPlanGrain")]
public interface IPlanGrain : IGrainWithStringKey
{
    /// <summary>Sets (or replaces: a new generation, the state starts over) the plan.</summary>
    /// <param name="document">The plan document (<see cref="HedgeMath.Hedging.PlanDocument"/>).</param>
    /// <param name="symbol">The symbol whose bars step it.</param>
    /// <param name="startAt">The first bar to step (its open time or later); null: the next bar that arrives.</param>
    [Alias("Set")] Task SetAsync(string document, string symbol, DateTimeOffset? startAt);
    /// <summary>Removes the plan (its state is cleared).</summary>
    [Alias("Remove")] Task RemoveAsync();
    /// <summary>Steps the plan on a bar: at most once per bar (a bar at or before the last processed one is not stepped again;
    /// its recorded events, if still in the outbox, are published again for a consumer that may have missed them).</summary>
    /// <param name="bar">The bar.</param>
    [Alias("OnBar")] Task OnBarAsync(SymbolBar bar);
    /// <summary>The plan's status.</summary>
    [Alias("Status"), AlwaysInterleave] Task<PlanStatus> GetStatusAsync();
}

/// <summary>One symbol: consumes the symbol's bar stream, keeps its bar log, fans each bar out to the plans that hold it.</summary>
[Alias("hm.ISymbolGrain")]
public interface ISymbolGrain : IGrainWithStringKey
{
    /// <summary>Adds a plan to the symbol's fan-out (again: no change).</summary>
    /// <returns>Shard mode: the index of the plan's shard; otherwise −1.</returns>
    [Alias("Attach")] Task<int> AttachAsync(string plan);
    /// <summary>Removes a plan from the symbol's fan-out (and from its shard in shard mode).</summary>
    [Alias("Detach")] Task DetachAsync(string plan);
    /// <summary>The plans that hold the symbol.</summary>
    [Alias("Plans"), AlwaysInterleave] Task<string[]> GetPlansAsync();
    /// <summary>The logged bars whose open time is in [from, to] (a plan's replay on reactivation).</summary>
    [Alias("Bars"), AlwaysInterleave] Task<SymbolBar[]> GetBarsAsync(DateTimeOffset from, DateTimeOffset to);
    /// <summary>The open time of the latest bar handed to every plan by this activation (null: none yet): progress for a feed or a benchmark.</summary>
    [Alias("FannedOut"), AlwaysInterleave] Task<DateTimeOffset?> GetFannedOutAsync();
    /// <summary>The open time of the last logged bar.</summary>
    [Alias("Last"), AlwaysInterleave] Task<DateTimeOffset?> GetLastBarAsync();
}

/// <summary>The management grain: plans added, replaced and removed; which plans hold a symbol.</summary>
[Alias("hm.IPlanManagerGrain")]
public interface IPlanManagerGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a plan.</summary>
    /// <param name="id">The plan's id.</param>
    /// <param name="document">The plan document; validated here (one <see cref="ArgumentException"/> naming the JSON path).</param>
    /// <param name="symbol">The symbol whose bars step it; null: the first leg's contract symbol.</param>
    /// <param name="startAt">The first bar to step; null: the next bar that arrives.</param>
    /// <returns>The symbol the plan follows.</returns>
    [Alias("Put")] Task<string> PutAsync(string id, string document, string? symbol = null, DateTimeOffset? startAt = null);
    /// <summary>Adds or replaces many plans (one write of the management state).</summary>
    /// <param name="plans">The plans.</param>
    /// <returns>The symbol of each, in order.</returns>
    [Alias("PutMany")] Task<string[]> PutManyAsync(PlanSpec[] plans);
    /// <summary>Removes a plan; false when there was none.</summary>
    [Alias("Remove")] Task<bool> RemoveAsync(string id);
    /// <summary>The plans that hold a symbol, by id.</summary>
    [Alias("PlansFor")] Task<string[]> PlansForAsync(string symbol);
    /// <summary>Every plan id with its symbol.</summary>
    [Alias("List")] Task<Dictionary<string, string>> ListAsync();
}

/// <summary>One events stream's consumer (key: the stream's, <see cref="PlanStatus.Events"/>): writes each record once to the
/// silo's <see cref="IPlanEventSink"/> as a JSON line.</summary>
[Alias("hm.IEventLogGrain")]
public interface IEventLogGrain : IGrainWithStringKey
{
    /// <summary>Whether the records of a plan's bar of a generation were written (remembered for the newest
    /// <see cref="EventLogGrain.WindowBars"/> bars it wrote).</summary>
    [Alias("Written"), AlwaysInterleave] Task<bool> HasWrittenAsync(string plan, int generation, DateTimeOffset barOpen);
}

/// <summary>A plan to add: its id, document, symbol (null: the first leg's) and first bar (null: the next).</summary>
[GenerateSerializer, Alias("hm.PlanSpec")]
public sealed class PlanSpec
{
    /// <summary>The plan's id.</summary>
    [Id(0)] public string Id { get; set; } = "";
    /// <summary>The plan document.</summary>
    [Id(1)] public string Document { get; set; } = "";
    /// <summary>The symbol (null: the first leg's contract symbol).</summary>
    [Id(2)] public string? Symbol { get; set; }
    /// <summary>The first bar to step (null: the next bar that arrives).</summary>
    [Id(3)] public DateTimeOffset? StartAt { get; set; }
}
