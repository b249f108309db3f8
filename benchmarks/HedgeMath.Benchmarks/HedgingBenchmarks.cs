using BenchmarkDotNet.Attributes;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Benchmarks;

/// <summary>Hedge planning: plan creation (sizing, MarginCalc, funding, fees, warnings) and the minimum-variance ratio over 2,000 points.</summary>
[MemoryDiagnoser]
public class HedgingBenchmarks
{
    private readonly SpotHolding _btc = SpotHolding.Create("BTC", 1.0m, 50_000m);
    private readonly Contract _contract = Contract.BinanceBtcUsdt;
    private double[] _spot = [];
    private double[] _futures = [];

    [GlobalSetup]
    public void Setup()
    {
        // Deterministic correlated random walks of 2,000 prices.
        var rng = new Random(42);
        _spot = new double[2_000];
        _futures = new double[2_000];
        double s = 150, f = 50_000;
        for (int i = 0; i < _spot.Length; i++)
        {
            double common = rng.NextDouble() - 0.5, own = rng.NextDouble() - 0.5;
            f *= 1 + 0.03 * common;
            s *= 1 + 0.04 * common + 0.03 * own;
            _spot[i] = s; _futures[i] = f;
        }
        _ = _contract.Tiers; // load the preset once
    }

    [Benchmark]
    public HedgePlan CreatePlan() => HedgePlan.Create(_btc, 0.5m, _contract, 10m, 50_000m);

    [Benchmark]
    public HedgePlan CreatePlanWithStop() => HedgePlan.Create(_btc, 0.5m, _contract, 3m, 50_000m).WithStop(LegStop.AtPrice(55_000m));

    [Benchmark]
    public MinimumVarianceHedge MinimumVariance2000LogReturns() =>
        HedgeRatio.MinimumVariance(_spot, _futures, HedgeRatioBasis.PricesToLogReturns);

    [Benchmark]
    public MinimumVarianceHedge MinimumVariance2000PriceChanges() =>
        HedgeRatio.MinimumVariance(_spot, _futures, HedgeRatioBasis.PricesToPriceChanges);
}
