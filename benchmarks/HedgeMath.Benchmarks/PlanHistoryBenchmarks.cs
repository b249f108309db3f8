using BenchmarkDotNet.Attributes;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Issue 28's replay item: a plan with three rules over 2,000 real daily BTC bars, signals computed inside the call, on the
/// history clock (<see cref="PlanHistory.Run"/>, which steps the plan in place) against the old <c>PlanReplay</c> of the
/// same <see cref="HedgePlan"/> in the same run (target: no slower; issue 28 removed it, so the baseline is its frozen copy,
/// <see cref="PlanReplayV1"/>). The plan is the <c>StrategiesBenchmarks</c> one: a stop 30 % above the entry, a raise rule
/// (RSI extreme → 0.75) and two removal rules (RSI oversold; price at or below half the entry), as plan rules on
/// <see cref="PlanDefinition.FromHedgePlan(HedgePlan, IEnumerable{PlanRule}, PlanReentry, bool)"/>.
/// </summary>
[MemoryDiagnoser]
public class PlanHistoryBenchmarks
{
    private MarketHistory _history = null!;
    private HedgePlan _stopped = null!;
    private PlanReplayV1.Removal[] _removals = null!;
    private PlanReplayV1.Raise[] _raises = null!;
    private PlanDefinition _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HedgeMath.sln"))) dir = dir.Parent;
        var data = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("HedgeMath.sln"), "data", "market");
        var spot = Candle.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_spot_daily.csv")));
        var perp = Candle.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_perp_daily.csv")));
        var funding = FundingEvent.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_funding_8h.csv")));
        var first = new DateOnly(2021, 1, 1);
        _history = MarketHistory.Align(spot, perp, funding, first, first.AddDays(1_999)); // 2,000 daily bars
        decimal entry = _history.Spot[0].Close;
        _stopped = HedgePlan.Create(SpotHolding.Create("BTC", 1m, entry), 0.5m, Contract.BinanceBtcUsdt, 3m, entry)
            .WithStop(LegStop.AtPrice(entry * 1.3m));
        _removals = [new(Signals: SignalKinds.RsiOversold), new(PriceAtOrBelow: entry * 0.5m)];
        _raises = [new(SignalKinds.RsiExtreme, 0.75m)];
        PlanRule[] rules =
        [
            new(PlanCondition.Signal(SignalKinds.RsiOversold), RuleAction.Remove(), RuleTrigger.Once),
            new(PlanCondition.PriceAtOrBelow(entry * 0.5m), RuleAction.Remove(), RuleTrigger.Once),
            new(PlanCondition.Signal(SignalKinds.RsiExtreme), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
        ];
        _plan = PlanDefinition.FromHedgePlan(_stopped, rules, PlanReentry.NextBar, stopFollowsEntry: true);
        if (_plan.Rules.Length != 3) throw new InvalidOperationException($"the plan has {_plan.Rules.Length} rules, not 3");
    }

    /// <summary>Baseline: the old replay (its frozen copy, <see cref="PlanReplayV1"/>), signals computed from the window's candles inside the call.</summary>
    [Benchmark(Baseline = true)]
    public decimal PlanReplay2000WithSignals() => PlanReplayV1.Run(_history, _stopped, _removals, _raises).Replay.Hedged.TotalReturn;

    /// <summary>The history clock on the same plan and bars, signals computed inside the call.</summary>
    [Benchmark]
    public decimal PlanHistory2000WithSignals() => PlanHistory.Run(_history, _plan).Hedged.TotalReturn;
}
