extern alias v0;
using BenchmarkDotNet.Attributes;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>
/// The replay items of issues 28 and 26: a plan with three rules over 2,000 real daily BTC bars, signals computed inside
/// the call, on the history clock (<see cref="PlanHistory.Run"/>, which steps the plan in place). The baseline is the
/// replay <b>as it was when both issues were filed</b>: <c>PlanReplay.Run</c> of the library built from commit 1e9a8d0
/// (<c>Baseline/V0/HedgeMath.V0.dll</c>, extern alias <c>v0</c>), on the same history, plan and rules, loaded in the
/// same process. Targets: issue 28, no slower than it; issue 26 item 2, ≥ 2× faster and ≤ 64 KB allocated. The plan is
/// the <c>StrategiesBenchmarks</c> one of that commit: a stop 30 % above the entry, a raise rule (RSI extreme → 0.75) and
/// two removal rules (RSI oversold; price at or below half the entry), as plan rules on
/// <see cref="PlanDefinition.FromHedgePlan(HedgePlan, IEnumerable{PlanRule}, PlanReentry, bool)"/>. A third row runs
/// <see cref="PlanReplayV1"/>, the old rule logic over today's history clock (the tests' reference for the frozen numbers,
/// and this benchmark's baseline until 2026-12-08: it got faster with the clock, so it could not show the clock's gains).
/// </summary>
[MemoryDiagnoser]
public class PlanHistoryBenchmarks
{
    private MarketHistory _history = null!;
    private HedgePlan _stopped = null!;
    private PlanReplayV1.Removal[] _removals = null!;
    private PlanReplayV1.Raise[] _raises = null!;
    private PlanDefinition _plan = null!;
    private v0::HedgeMath.Scenarios.MarketHistory _v0History = null!;
    private v0::HedgeMath.Hedging.HedgePlan _v0Plan = null!;

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

        // The same history, plan and rules in the library as filed (1e9a8d0's StrategiesBenchmarks plan).
        var v0Spot = v0::HedgeMath.Market.MarketCsv.ParseCandles(File.ReadAllText(Path.Combine(data, "btcusdt_spot_daily.csv")));
        var v0Perp = v0::HedgeMath.Market.MarketCsv.ParseCandles(File.ReadAllText(Path.Combine(data, "btcusdt_perp_daily.csv")));
        var v0Funding = v0::HedgeMath.Market.MarketCsv.ParseFunding(File.ReadAllText(Path.Combine(data, "btcusdt_funding_8h.csv")));
        _v0History = v0::HedgeMath.Scenarios.MarketHistory.Align(v0Spot, v0Perp, v0Funding, first, first.AddDays(1_999));
        decimal e0 = _v0History.Spot[0].Close;
        _v0Plan = v0::HedgeMath.Hedging.HedgePlan.Create(v0::HedgeMath.Positions.SpotHolding.Create("BTC", 1m, e0), 0.5m,
                v0::HedgeMath.Positions.Contracts.BinanceBtcUsdt, 3m, e0)
            .WithStop(v0::HedgeMath.Hedging.HedgeStop.AtPrice(e0 * 1.3m))
            .WithRaiseRules(v0::HedgeMath.Hedging.RaiseRule.WhenSignal(v0::HedgeMath.Signals.SignalKinds.RsiExtreme, 0.75m))
            .WithRemovalRules(v0::HedgeMath.Hedging.RemovalRule.WhenSignal(v0::HedgeMath.Signals.SignalKinds.RsiOversold),
                v0::HedgeMath.Hedging.RemovalRule.PriceAtOrBelow(e0 * 0.5m));
        if (e0 != entry || _v0History.Length != _history.Length) throw new InvalidOperationException("the baseline's history differs");
    }

    /// <summary>Baseline: the replay as filed (<c>PlanReplay.Run</c> of 1e9a8d0), signals computed from the window's candles inside the call.</summary>
    [Benchmark(Baseline = true)]
    public decimal PlanReplayAtFiling2000WithSignals() => v0::HedgeMath.Scenarios.PlanReplay.Run(_v0History, _v0Plan).Replay.Hedged.TotalReturn;

    /// <summary>The old rule logic over today's history clock (<see cref="PlanReplayV1"/>), signals computed inside the call.</summary>
    [Benchmark]
    public decimal PlanReplay2000WithSignals() => PlanReplayV1.Run(_history, _stopped, _removals, _raises).Replay.Hedged.TotalReturn;

    /// <summary>The history clock on the same plan and bars, signals computed inside the call.</summary>
    [Benchmark]
    public decimal PlanHistory2000WithSignals() => PlanHistory.Run(_history, _plan).Hedged.TotalReturn;
}
