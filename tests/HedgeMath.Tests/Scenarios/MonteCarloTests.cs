using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

public class MonteCarloTests
{
    private static readonly decimal[] Ratios = [0m, 0.25m, 0.5m, 0.75m, 1m];

    private static MonteCarloSpec Spec(int paths = 2_000, int steps = 90, ulong seed = 42, decimal leverage = 3m, decimal? stop = 0.2m, decimal fee = 0.0005m) =>
        MonteCarloSpec.Create(1m, 50_000m, Ratios, leverage, Stub.Contract(feeRate: fee), steps, paths, seed, stop);

    [Fact]
    public void SameSeed_SameNumbers_WhateverTheThreadCount()
    {
        var model = PricePathModel.Gbm(0.1, 0.8, [0.0003, -0.0001, 0.0002]);
        var one = MonteCarlo.Run(Spec(), model, maxDegreeOfParallelism: 1);
        var many = MonteCarlo.Run(Spec(), model, maxDegreeOfParallelism: 4);
        var all = MonteCarlo.Run(Spec(), model);
        for (int k = 0; k < one.Strategies.Length; k++)
        {
            Assert.Equal(one.Strategies[k].SortedPnl.ToArray(), many.Strategies[k].SortedPnl.ToArray());
            Assert.Equal(one.Strategies[k].Mean, all.Strategies[k].Mean);
            Assert.Equal(one.Strategies[k].ProbabilityLiquidation, all.Strategies[k].ProbabilityLiquidation);
        }
    }

    [HedgeProperty(QuickTests = 100)]
    public Property SameSeed_SameResult()
    {
        var model = PricePathModel.Gbm(0.0, 0.6);
        return Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), seed =>
        {
            var a = MonteCarlo.Run(Spec(paths: 64, steps: 10, seed: seed), model);
            var b = MonteCarlo.Run(Spec(paths: 64, steps: 10, seed: seed), model);
            return a.Strategies.Zip(b.Strategies).All(p => p.First.Mean == p.Second.Mean && p.First.StandardDeviation == p.Second.StandardDeviation);
        });
    }

    [Fact]
    public void DifferentSeeds_DifferentResults()
    {
        var model = PricePathModel.Gbm(0.0, 0.6);
        var x = MonteCarlo.Run(Spec(seed: 1), model);
        var y = MonteCarlo.Run(Spec(seed: 2), model);
        Assert.NotEqual(x.Strategies[0].Mean, y.Strategies[0].Mean);
    }

    [Fact]
    public void ZeroVolatilityAndDrift_GivesZeroSpread()
    {
        var r = MonteCarlo.Run(Spec(), PricePathModel.Gbm(0d, 0d));
        foreach (var s in r.Strategies)
        {
            Assert.Equal(0d, s.StandardDeviation, 9);
            Assert.Equal(s.Worst, s.Best);
            Assert.Equal(0d, s.ProbabilityLiquidation);
        }
        Assert.Equal(0d, r.Strategies[0].Mean);
        // hedge 50 %: only the fees, 0.5 · 50,000 · 0.0005 · 2 = 25
        Assert.Equal(-25d, r.Strategies[3].Mean, 9);
    }

    [Fact]
    public void RatioZero_EqualsUnhedged()
    {
        var r = MonteCarlo.Run(Spec(), PricePathModel.Gbm(0.2, 1.0, [0.001]));
        Assert.Equal(r.Strategies[0].SortedPnl.ToArray(), r.Strategies[1].SortedPnl.ToArray());
        Assert.Equal(0d, r.Strategies[1].ProbabilityLiquidation);
        Assert.Equal(0d, r.Strategies[1].VarianceReduction, 12);
        Assert.Equal("unhedged", r.Strategies[0].Name);
        Assert.Equal("hedge 50%", r.Strategies[3].Name);
    }

    [Fact]
    public void FullHedge_RemovesMostVariance_AndHighLeverageGetsLiquidated()
    {
        var calm = MonteCarlo.Run(Spec(leverage: 1m, stop: null, fee: 0m, steps: 30), PricePathModel.Gbm(0.0, 0.5));
        Assert.True(calm.Strategies[5].VarianceReduction > 0.99, string.Join("; ", calm.Strategies));
        Assert.True(calm.Strategies[3].VarianceReduction is > 0.7 and < 0.8, string.Join("; ", calm.Strategies)); // 1 − 0.5² = 0.75
        var wild = MonteCarlo.Run(Spec(leverage: 20m, stop: null), PricePathModel.Gbm(0.0, 1.0));
        Assert.True(wild.Strategies[5].ProbabilityLiquidation > 0.3, string.Join("; ", wild.Strategies));
        var stopped = MonteCarlo.Run(Spec(leverage: 2m, stop: 0.1m), PricePathModel.Gbm(0.0, 1.0));
        Assert.True(stopped.Strategies[5].ProbabilityStop > 0.3, string.Join("; ", stopped.Strategies));
        Assert.Equal(0d, stopped.Strategies[5].ProbabilityLiquidation);
    }

    [Fact]
    public void Bootstrap_SpikeAndReturn_LiquidationCheckedAtEveryStep()
    {
        // Two returns, block of 2: every path is +ln 1.2 then −ln 1.2, so the price goes 50,000 → 60,000 → 50,000.
        double up = Math.Log(1.2);
        var model = PricePathModel.Bootstrap([up, -up], [], 2);
        var spec = MonteCarloSpec.Create(1m, 50_000m, [0.5m], 10m, Stub.Contract(), 2, 16, 7);
        var r = MonteCarlo.Run(spec, model);
        var h = r.Strategies[1];
        Assert.Equal(1d, h.ProbabilityLiquidation);
        // spot back to 0; the hedge lost its margin 0.5 · 50,000 / 10 = 2,500
        Assert.Equal(-2_500d, h.Mean, 6);
        Assert.Equal(0d, r.Strategies[0].Mean, 6);
    }

    [Fact]
    public void Statistics_FollowTheDocumentedEstimators()
    {
        // One step, block 1, 20 distinct returns: each path's unhedged PnL is 50,000·(e^r − 1) for one of them.
        var returns = Enumerable.Range(0, 20).Select(i => (i - 10) / 100.0).ToArray();
        var r = MonteCarlo.Run(MonteCarloSpec.Create(1m, 50_000m, [0m], 1m, Stub.Contract(), 1, 4_000, 3), PricePathModel.Bootstrap(returns, [], 1));
        var u = r.Strategies[0];
        var x = u.SortedPnl;
        int m = 200; // ⌈0.05 · 4000⌉
        Assert.Equal(-x[m - 1], u.ValueAtRisk95);
        Assert.Equal(-x.Take(m).Average(), u.ConditionalValueAtRisk95, 9);
        Assert.Equal(50_000d * (Math.Exp(-0.10) - 1), u.Worst, 6);
        Assert.Equal(0.5 * (x[1999] + x[2000]), u.Median);
        Assert.Equal("unhedged", r.Strategies[0].Name);
    }

    [Fact]
    public void BadInput_IsRejectedNamingTheParameter()
    {
        var m = Stub.Contract();
        BadInput.Rejects("paths", (int p) => MonteCarloSpec.Create(1m, 1m, [0.5m], 2m, m, 10, p, 1), BadInput.NonPositiveInts);
        BadInput.Rejects("steps", (int s) => MonteCarloSpec.Create(1m, 1m, [0.5m], 2m, m, s, 10, 1), BadInput.NonPositiveInts);
        BadInput.Throws("hedgeRatios", () => MonteCarloSpec.Create(1m, 1m, [], 2m, m, 10, 10, 1));
        BadInput.Throws("hedgeRatios", () => MonteCarloSpec.Create(1m, 1m, [10.5m], 2m, m, 10, 10, 1));
        BadInput.Throws("leverage", () => MonteCarloSpec.Create(1m, 1m, [0.5m], 126m, m, 10, 10, 1));
        BadInput.Rejects("annualVolatility", (double v) => PricePathModel.Gbm(0, v), double.NaN, double.PositiveInfinity, -0.1);
        BadInput.Rejects("annualDrift", (double v) => PricePathModel.Gbm(v, 0.5), BadInput.NonFiniteDoubles);
        BadInput.Throws("dailyFundingSample", () => PricePathModel.Gbm(0, 0.5, [double.NaN]));
        BadInput.Throws("dailyLogReturns", () => PricePathModel.Bootstrap([], [], 1));
        BadInput.Throws("dailyLogReturns", () => PricePathModel.Bootstrap([0.1, double.NaN], [], 1));
        BadInput.Throws("dailyFunding", () => PricePathModel.Bootstrap([0.1, 0.2], [0.0001], 1));
        BadInput.Throws("blockLength", () => PricePathModel.Bootstrap([0.1, 0.2], [], 3)); // block longer than the data
        BadInput.Throws("maxDegreeOfParallelism", () => MonteCarlo.Run(Spec(paths: 10), PricePathModel.Gbm(0, 0.5), 0));
    }

    /// <summary>Φ by Abramowitz &amp; Stegun 7.1.26 (|error| &lt; 1.5e-7), enough for a 0.5 percentage-point check.</summary>
    private static double NormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2), t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    public void DailySteppedGbm_TouchProbability_MatchesReflectionPrinciple(int leverage)
    {
        // GBM ln S_t = ln S_0 + νt + σW_t, ν = μ − σ²/2. For a barrier B above S_0, b = ln(B/S_0), the reflection principle
        // for Brownian motion with drift gives (Harrison, "Brownian Motion and Stochastic Flow Systems", 1985, §1.8):
        //   P(max_{t≤T} S_t ≥ B) = 1 − Φ((b − νT)/(σ√T)) + exp(2νb/σ²) · Φ((−b − νT)/(σ√T)).
        // The short's liquidation price (single-tier test contract, no fees, no stop) is the barrier. Daily steps with the
        // Brownian-bridge high between closes must agree with the continuous closed form within 0.5 percentage point.
        const double sigma = 0.7, mu = 0.0, days = 30;
        var spec = MonteCarloSpec.Create(1m, 50_000m, [1m], leverage, Stub.Contract(), (int)days, 100_000, 2024);
        var r = MonteCarlo.Run(spec, PricePathModel.Gbm(mu, sigma));
        double barrier = (double)r.Strategies[1].LiquidationPrice!.Value;
        double T = days / 365.0, nu = mu - sigma * sigma / 2, b = Math.Log(barrier / 50_000.0), sT = sigma * Math.Sqrt(T);
        double closedForm = 1 - NormalCdf((b - nu * T) / sT) + Math.Exp(2 * nu * b / (sigma * sigma)) * NormalCdf((-b - nu * T) / sT);
        Assert.True(closedForm > 0.01, $"barrier {barrier} gives {closedForm}");
        Assert.True(Math.Abs(r.Strategies[1].ProbabilityLiquidation - closedForm) <= 0.005,
            $"{leverage}x: simulated {r.Strategies[1].ProbabilityLiquidation:P2} vs closed form {closedForm:P2}");
    }
}
