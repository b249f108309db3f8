using HedgeMath.Hedging;
using HedgeMath.Scenarios;

namespace HedgeMath.Orleans;

/// <summary>The one conversion of a bar's step events and warnings into <see cref="PlanEventRecord"/>s.</summary>
public static class PlanEventRecords
{
    /// <summary>The bar's records: the step's events in order, then the warnings in order.</summary>
    /// <param name="plan">The plan's id.</param>
    /// <param name="generation">The plan's generation.</param>
    /// <param name="symbol">The symbol.</param>
    /// <param name="barOpen">The bar's open time.</param>
    /// <param name="events">The step's events (<see cref="PlanLive.LastEvents"/>).</param>
    /// <param name="warnings">The warnings (<see cref="PlanLive.LastWarnings"/>).</param>
    /// <returns>The records, empty when nothing happened.</returns>
    public static List<PlanEventRecord> From(string plan, int generation, string symbol, DateTimeOffset barOpen,
        ReadOnlySpan<PlanEvent> events, ReadOnlySpan<HedgeWarning> warnings)
    {
        var list = new List<PlanEventRecord>(events.Length + warnings.Length);
        foreach (var e in events)
            list.Add(new PlanEventRecord
            {
                Plan = plan, Generation = generation, Symbol = symbol, BarOpen = barOpen, Index = list.Count,
                Kind = e.Kind.ToString(), Time = e.Time, Leg = e.Leg, Rule = e.Rule, Quantity = e.Quantity, Price = e.Price, Detail = e.Detail,
            });
        foreach (var w in warnings)
            list.Add(new PlanEventRecord
            {
                Plan = plan, Generation = generation, Symbol = symbol, BarOpen = barOpen, Index = list.Count,
                Kind = w.Code.ToString(), Time = w.Time ?? barOpen, Leg = w.Leg ?? -1, Rule = -1, Price = w.Figure("level") ?? 0m, Close = w.Figure("close"),
                Distance = w.Figure("distance"), Detail = w.Message,
            });
        return list;
    }
}
