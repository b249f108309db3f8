// The retired PlanReplay (issue 28) stays as the baseline the history clock is measured against (issue 28's speed target, docs/benchmarks.md).
#pragma warning disable CS0618
using BenchmarkDotNet.Attributes;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Issue 28's replay item: a plan with three rules over 2,000 real daily BTC bars, signals computed inside the call, on the
/// history clock (<see cref="PlanHistory.Run"/>, which steps the plan in place) against the old <c>PlanReplay</c> of the
/// same <see cref="HedgePlan"/> in the same run (target: no slower). The plan is the <c>StrategiesBenchmarks</c> one: a
/// stop 30 % above the entry, a raise rule (RSI extreme → 0.75) and two removal rules (RSI oversold; price at or below half
/// the entry); the definition is <see cref="PlanDefinition.FromHedgePlan(HedgePlan)"/> of it.
/// </summary>
[MemoryDiagnoser]
public class PlanHistoryBenchmarks
{
    private MarketHistory _history = null!;
    private HedgePlan _ruled = null!;
    private PlanDefinition _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HedgeMath.sln"))) dir = dir.Parent;
        var data = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("HedgeMath.sln"), "data", "market");
        var spot = MarketCsv.ParseCandles(File.ReadAllText(Path.Combine(data, "btcusdt_spot_daily.csv")));
        var perp = MarketCsv.ParseCandles(File.ReadAllText(Path.Combine(data, "btcusdt_perp_daily.csv")));
        var funding = MarketCsv.ParseFunding(File.ReadAllText(Path.Combine(data, "btcusdt_funding_8h.csv")));
        var first = new DateOnly(2021, 1, 1);
        _history = MarketHistory.Align(spot, perp, funding, first, first.AddDays(1_999)); // 2,000 daily bars
        decimal entry = _history.Spot[0].Close;
        _ruled = HedgePlan.Create(SpotHolding.Create("BTC", 1m, entry), 0.5m, Contracts.BinanceBtcUsdt, 3m, entry)
            .WithStop(HedgeStop.AtPrice(entry * 1.3m))
            .WithRaiseRules(RaiseRule.WhenSignal(SignalKinds.RsiExtreme, 0.75m))
            .WithRemovalRules(RemovalRule.WhenSignal(SignalKinds.RsiOversold), RemovalRule.PriceAtOrBelow(entry * 0.5m));
        _plan = PlanDefinition.FromHedgePlan(_ruled);
        if (_plan.Rules.Length != 3) throw new InvalidOperationException($"the plan has {_plan.Rules.Length} rules, not 3");
    }

#pragma warning disable CS0618 // the old replay is the baseline the issue names, obsolete or not
    /// <summary>Baseline: the old replay (<c>PlanReplay.Run</c>), signals computed from the window's candles inside the call.</summary>
    [Benchmark(Baseline = true)]
    public decimal PlanReplay2000WithSignals() => PlanReplay.Run(_history, _ruled).Replay.Hedged.TotalReturn;
#pragma warning restore CS0618

    /// <summary>The history clock on the same plan and bars, signals computed inside the call.</summary>
    [Benchmark]
    public decimal PlanHistory2000WithSignals() => PlanHistory.Run(_history, _plan).Replay.Hedged.TotalReturn;
}
