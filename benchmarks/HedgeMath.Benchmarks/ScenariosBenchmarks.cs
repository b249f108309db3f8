using HedgeMath.Engine;
using BenchmarkDotNet.Attributes;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Scenarios;

namespace HedgeMath.Benchmarks;

/// <summary>Scenario grids (exact and fast), Monte Carlo per path-step, and the 2,038-day historical replay.</summary>
[MemoryDiagnoser]
public class ScenariosBenchmarks
{
    private GridSpec _grid = null!;
    private GridSpec _gridNoFunding = null!;
    private GridSpec _gridInverse = null!;
    private FastGridPlan _plan = null!;
    private double[] _net = null!;
    private HedgeExit[] _exits = null!;
    private MonteCarloSpec _mc = null!;
    private PricePathModel _gbm = null!;
    private PricePathModel _bootstrap = null!;
    private MarketHistory _history = null!;
    private PlanDefinition _static = null!;
    private PlanDefinition _trend = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = HedgeMath.Positions.Contract.BinanceBtcUsdt;
        _grid = GridSpec.Create(1m, 50_000m, 50_000m, GridSpec.EvenMoves(-0.5m, 0.5m, 1000), [0m, 0.25m, 0.5m, 0.75m, 1m], [1m, 2m, 3m, 5m, 10m],
            model, FundingTerms.Constant(0.0001m, 30m), stopDistance: 0.15m);
        _gridNoFunding = GridSpec.Create(1m, 50_000m, 50_000m, GridSpec.EvenMoves(-0.5m, 0.5m, 1000), [0m, 0.25m, 0.5m, 0.75m, 1m], [1m, 2m, 3m, 5m, 10m],
            model, FundingTerms.None, stopDistance: 0.15m);
        _gridInverse = GridSpec.Create(1m, 50_000m, 50_000m, GridSpec.EvenMoves(-0.5m, 0.5m, 1000), [0m, 0.25m, 0.5m, 0.75m, 1m], [1m, 2m, 3m, 5m, 10m],
            HedgeMath.Positions.Contract.BinanceCoinMBtcUsd, FundingTerms.Constant(0.0001m, 30m), stopDistance: 0.15m);
        _plan = FastGridPlan.Create(_grid);
        _net = new double[_grid.CellCount];
        _exits = new HedgeExit[_grid.CellCount];
        var data = Path.Combine(FindRepo(), "data", "market");
        var spot = Candle.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_spot_daily.csv")));
        var perp = Candle.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_perp_daily.csv")));
        var funding = FundingEvent.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_funding_8h.csv")));
        _history = MarketHistory.Align(spot, perp, funding);
        _mc = MonteCarloSpec.Create(1m, 60_000m, [0.25m, 0.5m, 0.75m, 1m], 3m, model, 365, 10_000, 42, 0.2m);
        _gbm = PricePathModel.Gbm(0.0, 0.6, _history.FundingOfReturnDays());
        _bootstrap = _history.Bootstrap(10);
        // The backtest's policies as plans (issue 28 removed HistoricalReplay/HedgePolicy; the same numbers, PlanRetiredEquivalenceTests).
        var held = HedgeMath.Positions.SpotHolding.Create("BTC", 1m, _history.Spot[0].Close, "USDT");
        _static = PlanDefinition.StaticHedge(held, new PlanLeg(model, 0.5m, 2m), rehedgeEveryDays: 30);
        _trend = PlanDefinition.TrendHedge(held, new PlanLeg(model, 0.25m, 2m, stop: LegStop.AtDistance(0.2m)), 100, 0.75m, rehedgeEveryDays: 30);
    }

    private static string FindRepo()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HedgeMath.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("HedgeMath.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>25,000 cells (1,000 prices × 5 ratios × 5 leverages) in decimal, margin facts included.</summary>
    [Benchmark]
    public decimal GridExact25k() => ScenarioGrid.Exact(_grid).Cells[^1].NetPnl;

    /// <summary>The same 25,000 cells without funding (an instant move): what the funding of 90 prints per cell adds.</summary>
    [Benchmark]
    public decimal GridExact25kNoFunding() => ScenarioGrid.Exact(_gridNoFunding).Cells[^1].NetPnl;

    /// <summary>The same 25,000 cells with a COIN-M (inverse) hedge: Σ 1/p over the prints summed once per move.</summary>
    [Benchmark]
    public decimal GridExact25kInverse() => ScenarioGrid.Exact(_gridInverse).Cells[^1].NetPnl;

    /// <summary>The same 25,000 cells on the double fast path into preallocated spans (plan built once).</summary>
    [Benchmark]
    public double GridFast25k()
    {
        ScenarioGrid.FastInto(_plan, _net, _exits);
        return _net[^1];
    }

    /// <summary>Fast path including building the plan (25 margin-engine calls) and the result arrays.</summary>
    [Benchmark]
    public double GridFast25kWithPlan() => ScenarioGrid.Fast(_grid).NetPnl.Span[^1];

    /// <summary>Monte Carlo GBM: 10,000 paths × 365 steps (3.65 M path-steps), 4 hedge ratios + unhedged, all cores.</summary>
    [Benchmark]
    public double MonteCarloGbm10kx365() => MonteCarlo.Run(_mc, _gbm).Strategies[2].Mean;

    /// <summary>Monte Carlo block bootstrap: 10,000 paths × 365 steps, all cores.</summary>
    [Benchmark]
    public double MonteCarloBootstrap10kx365() => MonteCarlo.Run(_mc, _bootstrap).Strategies[2].Mean;

    /// <summary>Monte Carlo GBM on one thread (per-core cost): 10,000 paths × 365 steps.</summary>
    [Benchmark]
    public double MonteCarloGbm10kx365OneThread() => MonteCarlo.Run(_mc, _gbm, 1).Strategies[2].Mean;

    /// <summary>Monte Carlo block bootstrap on one thread: 10,000 paths × 365 steps.</summary>
    [Benchmark]
    public double MonteCarloBootstrap10kx365OneThread() => MonteCarlo.Run(_mc, _bootstrap, 1).Strategies[2].Mean;

    /// <summary>Replay of the 2,038-day BTC window, static 50 % hedge re-hedged every 30 days.</summary>
    [Benchmark]
    public decimal ReplayStatic2038Days() => PlanHistory.Run(_history, _static).Hedged.FinalEquity;

    /// <summary>Replay of the 2,038-day BTC window with a condition-driven policy (SMA(100) trend).</summary>
    [Benchmark]
    public decimal ReplayTrend2038Days() => PlanHistory.Run(_history, _trend).Hedged.FinalEquity;
}
