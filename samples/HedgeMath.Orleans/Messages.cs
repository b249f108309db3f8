using HedgeMath.Market;

namespace HedgeMath.Orleans;

/// <summary>A funding print carried with a bar: its time and rate.</summary>
[GenerateSerializer, Immutable, Alias("hm.FundingPrint")]
public sealed class FundingPrintMessage
{
    /// <summary>When the print settled.</summary>
    [Id(0)] public DateTimeOffset Time { get; set; }
    /// <summary>The rate.</summary>
    [Id(1)] public decimal Rate { get; set; }
}

/// <summary>
/// One closed bar of a symbol on the symbol's stream, with the funding prints that settled in it and the open time of the
/// bar before it in the feed (<see cref="Previous"/>, null for the feed's first bar): a receiver that has processed the bar
/// opening at <see cref="Previous"/> processes this one next; any other bar is either already processed (ignored) or
/// comes after a gap (held back until the feed sends the missing bars again). Immutable once published (marked so: a
/// call inside a silo passes it without a copy, which matters when one bar goes to hundreds of plans).
/// </summary>
[GenerateSerializer, Immutable, Alias("hm.SymbolBar")]
public sealed class SymbolBar
{
    /// <summary>The symbol (the stream's key).</summary>
    [Id(0)] public string Symbol { get; set; } = "";
    /// <summary>The bar's open time.</summary>
    [Id(1)] public DateTimeOffset Open { get; set; }
    /// <summary>The bar's interval.</summary>
    [Id(2)] public TimeSpan Interval { get; set; }
    /// <summary>Open price.</summary>
    [Id(3)] public decimal O { get; set; }
    /// <summary>High price.</summary>
    [Id(4)] public decimal H { get; set; }
    /// <summary>Low price.</summary>
    [Id(5)] public decimal L { get; set; }
    /// <summary>Close price.</summary>
    [Id(6)] public decimal C { get; set; }
    /// <summary>Volume.</summary>
    [Id(7)] public decimal V { get; set; }
    /// <summary>The open time of the feed's previous bar of this symbol (null: the feed's first bar).</summary>
    [Id(8)] public DateTimeOffset? Previous { get; set; }
    /// <summary>Funding prints in [open, close), oldest first.</summary>
    [Id(9)] public FundingPrintMessage[] Funding { get; set; } = [];

    /// <summary>The bar as a HedgeMath candle.</summary>
    public Candle ToCandle() => new(Open, Interval, O, H, L, C, V);

    /// <summary>The funding prints as HedgeMath funding events.</summary>
    public FundingEvent[] ToFunding()
    {
        var f = new FundingEvent[Funding.Length];
        for (int i = 0; i < f.Length; i++) f[i] = new FundingEvent(Funding[i].Time, Funding[i].Rate);
        return f;
    }

    /// <summary>A bar message from a candle.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="candle">The closed candle.</param>
    /// <param name="previous">The open time of the feed's previous bar (null for the first).</param>
    /// <param name="funding">The funding prints in [open, close), oldest first.</param>
    public static SymbolBar From(string symbol, Candle candle, DateTimeOffset? previous, IEnumerable<FundingEvent> funding) => new()
    {
        Symbol = symbol, Open = candle.Timestamp, Interval = candle.Interval,
        O = candle.Open, H = candle.High, L = candle.Low, C = candle.Close, V = candle.Volume,
        Previous = previous,
        Funding = [.. funding.Select(e => new FundingPrintMessage { Time = e.Time, Rate = e.Rate })],
    };
}

/// <summary>
/// One thing that happened to a plan on a bar, as written to the events stream and the JSON lines: a step event
/// (<see cref="HedgeMath.Hedging.PlanEvent"/>: rule fired, traded, stopped, liquidated, took profit, ...) or a live warning
/// (<see cref="HedgeMath.Hedging.HedgeWarning"/> StopNear / LiquidationNear: a stop or liquidation price near the close).
/// </summary>
[GenerateSerializer, Alias("hm.PlanEventRecord")]
public sealed class PlanEventRecord
{
    /// <summary>A unique key: plan, generation, bar open (UTC ticks) and index in the bar. A reader can drop repeated keys.</summary>
    public string Id => FormattableString.Invariant($"{Plan}/{Generation}/{BarOpen.UtcTicks}/{Index}");
    /// <summary>The plan's id.</summary>
    [Id(0)] public string Plan { get; set; } = "";
    /// <summary>The plan's generation (1 when added, +1 at each replacement).</summary>
    [Id(1)] public int Generation { get; set; }
    /// <summary>The symbol whose bar it was.</summary>
    [Id(2)] public string Symbol { get; set; } = "";
    /// <summary>The bar's open time.</summary>
    [Id(3)] public DateTimeOffset BarOpen { get; set; }
    /// <summary>The index among the bar's records (events first, then warnings).</summary>
    [Id(4)] public int Index { get; set; }
    /// <summary>The kind: a <see cref="HedgeMath.Hedging.PlanEventKind"/> name, or StopNear / LiquidationNear for warnings.</summary>
    [Id(5)] public string Kind { get; set; } = "";
    /// <summary>The event's time (the bar's close time).</summary>
    [Id(6)] public DateTimeOffset Time { get; set; }
    /// <summary>The leg's index, or −1.</summary>
    [Id(7)] public int Leg { get; set; }
    /// <summary>The rule's index, or −1 (always −1 for warnings).</summary>
    [Id(8)] public int Rule { get; set; }
    /// <summary>Events: the quantity traded (0 when nothing traded). Warnings: null.</summary>
    [Id(9)] public decimal? Quantity { get; set; }
    /// <summary>Events: the fill or exit price (0 when nothing traded). Warnings: the stop or liquidation price.</summary>
    [Id(10)] public decimal Price { get; set; }
    /// <summary>Warnings: the close the distance is measured from; events: null.</summary>
    [Id(11)] public decimal? Close { get; set; }
    /// <summary>Warnings: |level − close| / close; events: null.</summary>
    [Id(12)] public decimal? Distance { get; set; }
    /// <summary>A sentence for people.</summary>
    [Id(13)] public string Detail { get; set; } = "";
}

/// <summary>A plan grain's status.</summary>
[GenerateSerializer, Alias("hm.PlanStatus")]
public sealed class PlanStatus
{
    /// <summary>Whether the grain holds a plan.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>The plan's name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>The symbol it follows.</summary>
    [Id(2)] public string Symbol { get; set; } = "";
    /// <summary>The generation (see <see cref="PlanEventRecord.Generation"/>).</summary>
    [Id(3)] public int Generation { get; set; }
    /// <summary>Bars stepped.</summary>
    [Id(4)] public int Bars { get; set; }
    /// <summary>The open time of the last processed bar.</summary>
    [Id(5)] public DateTimeOffset? LastBar { get; set; }
    /// <summary>The plan's equity at the last close.</summary>
    [Id(6)] public decimal Equity { get; set; }
    /// <summary>Times this plan's grain was activated with bars to replay (reactivations from storage).</summary>
    [Id(7)] public int Replays { get; set; }
    /// <summary>The open time of the last bar that had records (null: none yet).</summary>
    [Id(8)] public DateTimeOffset? LastRecordBar { get; set; }
    /// <summary>The silo the plan's grain runs on.</summary>
    [Id(9)] public string Silo { get; set; } = "";
    /// <summary>The key of the events stream (namespace <see cref="PlanNames.EventsNamespace"/>) the plan's records go to, and
    /// of the <see cref="IEventLogGrain"/> that writes them: the plan's id; in shard mode its shard's key (one stream per shard).</summary>
    [Id(10)] public string Events { get; set; } = "";
}
