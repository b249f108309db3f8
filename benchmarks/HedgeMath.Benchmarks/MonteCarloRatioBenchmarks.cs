using BenchmarkDotNet.Attributes;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Market;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Issue 26, item 1: Monte Carlo per path-step on one thread against EMA(20) per bar, in one run. Each benchmark reports
/// its time per unit (<c>OperationsPerInvoke</c>): a bar for EMA(20) over 10,000 bars (the baseline), a path-step for
/// 10,000 paths × 365 days with the BTCUSDT funding and four hedges at 3x with a 20 % stop (the spec of
/// <see cref="ScenariosBenchmarks"/>), so the Ratio column is the target's ratio (≤ 3×). Rows per vector width (8, 4, 2, 1
/// lanes; the widths the hardware lacks run in software) give the ablation of the vectorisation; <c>*V1</c> rows run the
/// path loop of before the issue (<see cref="MonteCarloV1"/>) on the same specification.
/// Run: dotnet run -c Release --project benchmarks/HedgeMath.Benchmarks -- --filter '*MonteCarloRatio*' --job short
/// </summary>
[MemoryDiagnoser]
public class MonteCarloRatioBenchmarks
{
    private const int Bars = 10_000, Paths = 10_000, Steps = 365, PathSteps = Paths * Steps;
    private double[] _close = [], _ema = [];
    private MonteCarloSpec _spec = null!;
    private PricePathModel _gbm = null!, _gbmNoFunding = null!;
    private PricePathModel _bootstrap = null!;

    [GlobalSetup]
    public void Setup()
    {
        // EMA input: IndicatorRatioBenchmarks' mean-reverting walk around 30,000 (seed 42).
        var rng = new Random(42);
        _close = new double[Bars]; _ema = new double[Bars];
        double x = 0;
        for (int i = 0; i < Bars; i++) { x = (0.999 * x) + ((rng.NextDouble() - 0.5) * 0.06); _close[i] = Math.Round(30_000 * Math.Exp(x), 2); }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HedgeMath.sln"))) dir = dir.Parent;
        var data = Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("HedgeMath.sln"), "data", "market");
        var history = MarketHistory.Align(
            Candle.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_spot_daily.csv"))),
            Candle.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_perp_daily.csv"))),
            FundingEvent.ParseCsv(File.ReadAllText(Path.Combine(data, "btcusdt_funding_8h.csv"))));
        _spec = MonteCarloSpec.Create(1m, 60_000m, [0.25m, 0.5m, 0.75m, 1m], 3m, HedgeMath.Positions.Contract.BinanceBtcUsdt, Steps, Paths, 42, 0.2m);
        _gbm = PricePathModel.Gbm(0.0, 0.6, history.FundingOfReturnDays());
        _gbmNoFunding = PricePathModel.Gbm(0.0, 0.6);
        _bootstrap = history.Bootstrap(10);
    }

    /// <summary>EMA(20) per bar (10,000 bars): the yardstick.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Bars)]
    public double Ema20PerBar()
    {
        Ema.Compute(_close, _ema, 20);
        return _ema[^1];
    }

    /// <summary>GBM with funding, one thread, the hardware's widest vector: per path-step.</summary>
    [Benchmark(OperationsPerInvoke = PathSteps)]
    public double GbmPerPathStep() => MonteCarlo.Run(_spec, _gbm, 1).Strategies[2].Mean;

    /// <summary>Block bootstrap with the real funding of the same days, one thread: per path-step.</summary>
    [Benchmark(OperationsPerInvoke = PathSteps)]
    public double BootstrapPerPathStep() => MonteCarlo.Run(_spec, _bootstrap, 1).Strategies[2].Mean;

    /// <summary>Ablation: GBM without funding (no funding draw, no exp per step).</summary>
    [Benchmark(OperationsPerInvoke = PathSteps)]
    public double GbmNoFundingPerPathStep() => MonteCarlo.Run(_spec, _gbmNoFunding, 1).Strategies[2].Mean;

    /// <summary>Ablation: GBM with funding on 4 lanes (AVX2 width).</summary>
    [Benchmark(OperationsPerInvoke = PathSteps)]
    public double GbmPerPathStep4Lanes() => MonteCarlo.Run(_spec, _gbm, 1, lanes: 4).Strategies[2].Mean;

    /// <summary>Ablation: GBM with funding on 1 lane (the scalar kernel: what the vectorisation buys).</summary>
    [Benchmark(OperationsPerInvoke = PathSteps)]
    public double GbmPerPathStep1Lane() => MonteCarlo.Run(_spec, _gbm, 1, lanes: 1).Strategies[2].Mean;

    /// <summary>The GBM path loop of before issue 26 item 1, one thread: per path-step.</summary>
    [Benchmark(OperationsPerInvoke = PathSteps)]
    public double GbmPerPathStepV1() => MonteCarloV1.Run(_spec, _gbm, 1).Strategies[2].Mean;

    /// <summary>The bootstrap path loop of before issue 26 item 1, one thread: per path-step.</summary>
    [Benchmark(OperationsPerInvoke = PathSteps)]
    public double BootstrapPerPathStepV1() => MonteCarloV1.Run(_spec, _bootstrap, 1).Strategies[2].Mean;
}
