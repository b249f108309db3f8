using BenchmarkDotNet.Attributes;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>Strategies: plan creation, and a plan evaluated with its rules over 2,000 real daily bars (the frozen old replay, <see cref="PlanReplayV1"/>, beside the history clock).</summary>
[MemoryDiagnoser]
public class StrategiesBenchmarks
{
    private readonly SpotHolding _btc = SpotHolding.Create("BTC", 1.0m, 50_000m);
    private MarketHistory _history = null!;
    private SignalSeries _signals = null!;
    private HedgePlan _stopped = null!;
    private PlanDefinition _ruled = null!;
    private PlanDefinition _static = null!;
    private PlanReplayV1.Removal[] _removals = null!;

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
        _signals = SignalSeries.FromCandles(spot);
        decimal entry = _history.Spot[0].Close;
        _stopped = Stopped(entry);
        _ruled = PlanDefinition.FromHedgePlan(_stopped, Rules(entry), PlanReentry.NextBar, stopFollowsEntry: true);
        _static = PlanDefinition.FromHedgePlan(_stopped);
        _removals = [new(Signals: SignalKinds.RsiOversold), new(PriceAtOrBelow: entry * 0.5m)];
    }

    private static HedgePlan Stopped(decimal entry) =>
        HedgePlan.Create(SpotHolding.Create("BTC", 1m, entry), 0.5m, Contract.BinanceBtcUsdt, 3m, entry).WithStop(LegStop.AtPrice(entry * 1.3m));

    // The old plan's rules: removal on RSI oversold or at half the entry (once), a raise to 0.75 while RSI is extreme.
    private static PlanRule[] Rules(decimal entry) =>
    [
        new(PlanCondition.Signal(SignalKinds.RsiOversold), RuleAction.Remove(), RuleTrigger.Once),
        new(PlanCondition.PriceAtOrBelow(entry * 0.5m), RuleAction.Remove(), RuleTrigger.Once),
        new(PlanCondition.Signal(SignalKinds.RsiExtreme), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
    ];

    private static readonly PlanReplayV1.Raise[] Raises = [new(SignalKinds.RsiExtreme, 0.75m)];

    /// <summary>Baseline: a plan alone.</summary>
    [Benchmark(Baseline = true)]
    public HedgePlan CreatePlan() => HedgePlan.Create(_btc, 0.5m, Contract.BinanceBtcUsdt, 3m, 50_000m);

    /// <summary>A plan with a stop and its definition with a raise rule and two removal rules (the stop re-validates and recomputes the plan).</summary>
    [Benchmark]
    public PlanDefinition CreatePlanWithRules() => PlanDefinition.FromHedgePlan(Stopped(50_000m), Rules(50_000m), PlanReentry.NextBar, stopFollowsEntry: true);

    /// <summary>Baseline for the replays: the plan without rules over the same 2,000 days.</summary>
    [Benchmark]
    public ReplayResult StaticReplay2000() => PlanHistory.Run(_history, _static);

    /// <summary>The plan with its rules over 2,000 days on the history clock, signals given (computed once over the whole series).</summary>
    [Benchmark]
    public ReplayResult PlanReplay2000() => PlanHistory.Run(_history, _ruled, _signals);

    /// <summary>The frozen old replay of the same plan (<see cref="PlanReplayV1"/>), signals given.</summary>
    [Benchmark]
    public ReplayResult PlanReplayV1_2000() => PlanReplayV1.Run(_history, _stopped, _removals, Raises, _signals).Replay;
}
