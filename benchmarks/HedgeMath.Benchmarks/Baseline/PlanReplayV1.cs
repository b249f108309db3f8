using System.Globalization;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks.Baseline;

/// <summary>
/// Frozen copy of the old plan replay (<c>PlanReplay.Run</c> over <c>HedgePlan.Decide</c> and <c>HistoricalReplay</c>) as
/// it was when issue 28 removed it (commit c1588cb): the baseline of <c>PlanHistoryBenchmarks.PlanReplay2000WithSignals</c>
/// (issue 28: the history clock must be no slower) and the tests' reference for the frozen plan-replay numbers (this file is
/// linked into HedgeMath.Tests). Only the rule kinds the benchmark and the tests use are kept: removal at or below a price,
/// removal after a time, removal and raise while signals are all active. Do not optimise.
/// </summary>
/// <remarks>
/// Day t: unless a removal has fired, a context (spot close, days since the start, active signals) is built and the
/// removal rules are asked first (the first that fires removes the hedge for good), then the raise rules (the first that
/// fires raises the ratio for that day). The days are then replayed on the history clock as the old policy was: a
/// <see cref="RuleTrigger.While"/> lower-to-0 rule on the removal days, one While raise rule per raise rule on its days,
/// the stop as its distance from the futures price, re-entry at the next bar.
/// </remarks>
internal static class PlanReplayV1
{
    /// <summary>A retired removal rule: at or below a price, after a time, or while signals are all active.</summary>
    internal sealed record Removal(decimal? PriceAtOrBelow = null, TimeSpan? After = null, SignalKinds Signals = SignalKinds.None)
    {
        public bool ShouldRemove(Context c) =>
            (PriceAtOrBelow is { } p && c.SpotPrice <= p) || (After is { } a && c.Elapsed >= a)
            || (Signals != SignalKinds.None && (c.Signals & Signals) == Signals);

        public string Description => PriceAtOrBelow is { } p ? string.Create(CultureInfo.InvariantCulture, $"remove at or below {p}")
            : After is { } a ? $"remove after {a.TotalDays} days" : "remove on " + string.Join(" + ", SignalNames.Names(Signals));
    }

    /// <summary>A retired raise rule: raise to a ratio while signals are all active.</summary>
    internal sealed record Raise(SignalKinds Signals, decimal RaisedRatio)
    {
        public string Description => string.Create(CultureInfo.InvariantCulture, $"raise to {RaisedRatio} while {string.Join(" + ", SignalNames.Names(Signals))}");
    }

    /// <summary>The retired <c>RemovalContext</c>: what is known at a day's close (one allocated per day, as before).</summary>
    internal sealed class Context(decimal spotPrice, TimeSpan elapsed, SignalKinds signals)
    {
        public decimal SpotPrice { get; } = spotPrice > 0m ? spotPrice : throw new ArgumentOutOfRangeException(nameof(spotPrice));
        public TimeSpan Elapsed { get; } = elapsed >= TimeSpan.Zero ? elapsed : throw new ArgumentOutOfRangeException(nameof(elapsed));
        public SignalKinds Signals { get; } = signals;
    }

    /// <summary>The old result: the replay, the day a removal fired (or null) and the days a raise held.</summary>
    internal sealed record Result(ReplayResult Replay, DateOnly? RemovedOn, int DaysRaised);

    public static Result Run(MarketHistory history, HedgePlan plan, IReadOnlyList<Removal> removals, IReadOnlyList<Raise> raises,
        SignalSeries? signals = null, SignalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsCrossHedge || plan.Contract.Type != ContractType.Linear)
            throw new ArgumentException("must hedge its own asset on a linear contract to be replayed", nameof(plan));
        int n = history.Length;
        signals ??= SignalSeries.FromCandles(history.Spot, options);
        var index = PlanHistory.BarIndex(history, signals);

        var remove = new bool[n];
        var raise = raises.Select(_ => new bool[n]).ToArray();
        int removedAt = -1, daysRaised = 0;
        for (int t = 0; t < n; t++)
        {
            if (removedAt >= 0) { remove[t] = true; continue; }
            var active = index[t] >= 0 ? signals.Active[index[t]] : SignalKinds.None;
            var context = new Context(history.Spot[t].Close, TimeSpan.FromDays(t), active);
            if (removals.Any(r => r.ShouldRemove(context))) { remove[t] = true; removedAt = t; continue; }
            for (int k = 0; k < raises.Count; k++)
            {
                if ((context.Signals & raises[k].Signals) != raises[k].Signals) continue;
                raise[k][t] = true; daysRaised++;
                break;
            }
        }

        // The old HistoricalReplay.PlanOf of the policy the old PlanReplay made: removal first (it wins), then the levels.
        var rules = new List<PlanRule> { new(PlanCondition.Series("removal rules", [.. remove]), RuleAction.LowerTo(0m), RuleTrigger.While, "none when removal rules") };
        for (int k = 0; k < raises.Count; k++)
        {
            var r = raises[k];
            var action = r.RaisedRatio > plan.HedgeRatio ? RuleAction.RaiseTo(r.RaisedRatio) : RuleAction.LowerTo(r.RaisedRatio);
            rules.Add(new PlanRule(PlanCondition.Series(r.Description, [.. raise[k]]), action, RuleTrigger.While));
        }
        var c = plan.Contract;
        var stop = plan.StopPrice is { } s ? LegStop.AtDistance(s / plan.FuturesPrice - 1m) : null;
        var leg = new PlanLeg(c, plan.HedgeRatio, plan.Leverage, Side.Short, MarginMode.Isolated, stop, rule: plan.Options.Rule);
        string name = "plan: " + string.Join("; ", removals.Select(r => r.Description).Concat(raises.Select(r => r.Description)).DefaultIfEmpty("no rules"));
        var definition = PlanDefinition.Create(name, [SpotHolding.Create(c.BaseAsset, plan.Holding.Quantity, history.Spot[0].Close, c.QuoteAsset)], [leg], rules,
            leverageCap: plan.Leverage, afterExit: PlanReentry.NextBar);
        var replay = PlanHistory.Run(history, definition);
        return new Result(replay, removedAt >= 0 ? history.Dates[removedAt] : null, daysRaised);
    }
}
