// The retired replay (issue 28) stays as the baseline the plan clocks are measured against (docs/benchmarks.md).
#pragma warning disable CS0618
using BenchmarkDotNet.Attributes;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>Strategies: plan creation with its rules, and a plan evaluated with its rules over 2,000 real daily bars (baseline: the static replay in the same run).</summary>
[MemoryDiagnoser]
public class StrategiesBenchmarks
{
    private readonly SpotHolding _btc = SpotHolding.Create("BTC", 1.0m, 50_000m);
    private MarketHistory _history = null!;
    private SignalSeries _signals = null!;
    private HedgePlan _ruled = null!;
    private HedgePolicy _static = null!;

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
        _signals = SignalSeries.FromCandles(spot);
        decimal entry = _history.Spot[0].Close;
        _ruled = Ruled(entry);
        _static = HedgePolicy.Static(0.5m, 3m, Contracts.BinanceBtcUsdt, entry * 1.3m / entry - 1m);
    }

    private HedgePlan Ruled(decimal entry) =>
        HedgePlan.Create(SpotHolding.Create("BTC", 1m, entry), 0.5m, Contracts.BinanceBtcUsdt, 3m, entry)
            .WithStop(HedgeStop.AtPrice(entry * 1.3m))
            .WithRaiseRules(RaiseRule.WhenSignal(SignalKinds.RsiExtreme, 0.75m))
            .WithRemovalRules(RemovalRule.WhenSignal(SignalKinds.RsiOversold), RemovalRule.PriceAtOrBelow(entry * 0.5m));

    /// <summary>Baseline: a plan alone.</summary>
    [Benchmark(Baseline = true)]
    public HedgePlan CreatePlan() => HedgePlan.Create(_btc, 0.5m, Contracts.BinanceBtcUsdt, 3m, 50_000m);

    /// <summary>A plan with a stop, a raise rule and two removal rules (each With* re-validates and recomputes the plan).</summary>
    [Benchmark]
    public HedgePlan CreatePlanWithRules() => Ruled(50_000m);

    /// <summary>Its rules decided once from a context.</summary>
    [Benchmark]
    public PlanDecision Decide() => _ruled.Decide(new RemovalContext(60_000m, TimeSpan.FromDays(3), SignalKinds.RsiExtreme | SignalKinds.RsiOverbought));

    /// <summary>Baseline for the replays: the static replay of the same 2,000 days (no rules).</summary>
    [Benchmark]
    public ReplayResult StaticReplay2000() => HistoricalReplay.Run(_history, _static, 1m);

    /// <summary>The plan with its rules over 2,000 days, signals given (computed once over the whole series).</summary>
    [Benchmark]
    public PlanReplayResult PlanReplay2000() => PlanReplay.Run(_history, _ruled, _signals);

    /// <summary>The same, computing the signals from the window's candles inside the call.</summary>
    [Benchmark]
    public PlanReplayResult PlanReplay2000WithSignals() => PlanReplay.Run(_history, _ruled);
}
