using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// A <see cref="HedgePlan"/> with plan rules replayed over the real BTC history (signals → remove / raise) on
/// <see cref="PlanHistory.Run"/>: the checks the removed <c>PlanReplay</c> had, on the rules that replace its
/// <c>RemovalRule</c>/<c>RaiseRule</c>.
/// </summary>
public class HedgePlanRulesReplayTests
{
    private static MarketHistory History => ReplayTests.Btc.Value;

    private static HedgePlan Plan(decimal ratio = 0.5m) =>
        HedgePlan.Create(SpotHolding.Create("BTC", 1m, 29_000m), ratio, Contract.BinanceBtcUsdt, 2m, 29_337.16m);

    private static ReplayResult Run(HedgePlan plan, PlanRule[] rules, SignalSeries? signals = null) =>
        PlanHistory.Run(History, PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.NextBar, stopFollowsEntry: true), signals);

    [Fact]
    public void NoRules_IsTheStaticHedge()
    {
        // The old PlanReplay without rules was the static policy: docs/scenarios.md's headline figures (without the re-hedge).
        var r = Run(Plan(), []);
        PlanHistoryTests.Frozen(r, 61_781.727575m, 16_530.995650m, 60.998075m, trades: 7, liquidations: 3, stops: 0, partials: 0, daysHedged: 2031);
        Assert.Empty(Run(Plan(), []).Events.Where(e => e.Kind == PlanEventKind.RuleFired));
    }

    [Fact]
    public void PriceRemoval_FiresOnTheFirstCloseAtOrBelow_AndStaysOff()
    {
        var run = Run(Plan(), [new PlanRule(PlanCondition.PriceAtOrBelow(30_000m), RuleAction.Remove(), RuleTrigger.Once)]);
        // Independently: the first day whose spot close is ≤ 30,000 (the first day of btcusdt_spot_daily.csv, 29,331.69).
        int first = Enumerable.Range(0, History.Length).First(t => History.Spot[t].Close <= 30_000m);
        Assert.Equal(0, first);
        var fired = Assert.Single(run.Events, e => e.Kind == PlanEventKind.RuleFired);
        Assert.Equal(History.Dates[first], DateOnly.FromDateTime(fired.Time.AddDays(-1).UtcDateTime));
        Assert.All(run.HedgeRatios.Skip(first), x => Assert.Equal(0m, x));
    }

    [Fact]
    public void RsiExtremeRaise_HoldsTheRaisedRatio_WhileTheSignalIsActive()
    {
        // Signals over the whole spot series (no warm-up inside the window), matched by date; no stop, 2x never liquidated in
        // a raised stretch here, so the held ratio is 0.75 exactly on the days RSI is extreme.
        var signals = SignalSeries.FromCandles(TestData.Candles("btcusdt_spot_daily.csv"));
        var run = Run(Plan(), [new PlanRule(PlanCondition.Signal("rsi-extreme"), RuleAction.RaiseTo(0.75m), RuleTrigger.While)], signals);
        var byDate = Enumerable.Range(0, signals.Count).ToDictionary(i => signals.Dates[i]);
        var expected = History.Dates.Select(d => signals[byDate[d]].IsActive(SignalKinds.RsiExtreme)).ToArray();
        Assert.Contains(true, expected);
        var ratios = run.HedgeRatios;
        for (int t = 0; t < expected.Length; t++)
            if (expected[t]) Assert.Equal(0.75m, ratios[t]);
            else Assert.NotEqual(0.75m, ratios[t]);
    }

    [Fact]
    public void BadInput_NamesTheSignals_AndACrossHedgeIsAPlan()
    {
        var cross = HedgePlan.Create(SpotHolding.Create("SOL", 100m, 150m), 0.5m, Contract.BinanceBtcUsdt, 2m, 150m, new HedgePlanOptions { FuturesPrice = 50_000m });
        // A cross-hedge is a plan too (issue 28 item 1): its leg hedges the SOL holding by value.
        Assert.Equal("SOL", PlanDefinition.FromHedgePlan(cross).Legs[0].Hedges);
        BadInput.Throws("signals", () => Run(Plan(), [], SignalSeries.FromCloses([1, 2, 3])));
        Assert.Throws<ArgumentNullException>(() => PlanDefinition.FromHedgePlan(null!));
    }
}
