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
        ReadOnlySpan<PlanEvent> events, ReadOnlySpan<PlanWarning> warnings)
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
                Kind = w.Kind.ToString(), Time = w.Time, Leg = w.Leg, Rule = -1, Price = w.Level, Close = w.Close, Distance = w.Distance,
                Detail = w.ToString(),
            });
        return list;
    }
}
