using System.Runtime.Intrinsics;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The vectorised Monte Carlo kernel: every vector width (1, 2, 4, 8 lanes; the widths the hardware lacks run in software)
/// and every thread count give bit-identical results, and the one exp/log all widths share is accurate against
/// <see cref="Math.Exp"/>/<see cref="Math.Log(double)"/>. CI reruns these with AVX-512 and then every intrinsic switched off.
/// </summary>
public class MonteCarloLanesTests
{
    private static readonly decimal[] Ratios = [0m, 0.25m, 0.5m, 0.75m, 1m];

    private static MonteCarloSpec Spec(int paths, int steps, ulong seed, decimal leverage = 3m, decimal? stop = 0.2m, HedgeMath.Positions.Contract? contract = null) =>
        MonteCarloSpec.Create(1m, 50_000m, Ratios, leverage, contract ?? Stub.Contract(feeRate: 0.0005m), steps, paths, seed, stop);

    public static TheoryData<string> Models => new() { "gbm", "gbm-funding", "gbm-wild", "bootstrap", "bootstrap-funding", "inverse" };

    private static (MonteCarloSpec, PricePathModel) Case(string name) => name switch
    {
        "gbm" => (Spec(203, 60, 11), PricePathModel.Gbm(0.1, 0.8)),
        "gbm-funding" => (Spec(203, 60, 12), PricePathModel.Gbm(-0.2, 0.9, [0.0003, -0.0001, 0.0002, 0.001])),
        // 20× leverage, no stop, 150 % volatility: liquidations in most paths; 14,800 normals, so ~180 take the slow path.
        "gbm-wild" => (Spec(37, 400, 13, leverage: 20m, stop: null), PricePathModel.Gbm(0.0, 1.5, [0.0005])),
        "bootstrap" => (Spec(203, 60, 14), PricePathModel.Bootstrap([0.05, -0.04, 0.01, 0.12, -0.1, 0.0], [], 2)),
        "bootstrap-funding" => (Spec(203, 60, 15), PricePathModel.Bootstrap([0.05, -0.04, 0.01, 0.12, -0.1, 0.0], [0.001, 0.0, -0.0005, 0.002, 0.0001, 0.0003], 3)),
        _ => (Spec(203, 60, 16, contract: HedgeMath.Positions.Contract.BinanceCoinMBtcUsd), PricePathModel.Gbm(0.0, 0.8, [0.0002, 0.0004])),
    };

    private static void AssertSame(MonteCarloResult a, MonteCarloResult b, string what)
    {
        Assert.Equal(a.Strategies.Length, b.Strategies.Length);
        for (int k = 0; k < a.Strategies.Length; k++)
        {
            var x = a.Strategies[k]; var y = b.Strategies[k];
            Assert.True(x.SortedPnl.AsSpan().SequenceEqual(y.SortedPnl.AsSpan()), $"{what}: strategy {k} differs");
            Assert.Equal(BitConverter.DoubleToInt64Bits(x.Mean), BitConverter.DoubleToInt64Bits(y.Mean));
            Assert.Equal(x.ProbabilityLiquidation, y.ProbabilityLiquidation);
            Assert.Equal(x.ProbabilityStop, y.ProbabilityStop);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryVectorWidth_GivesTheScalarKernelsNumbers_BitForBit(string model)
    {
        var (spec, m) = Case(model);
        var scalar = MonteCarlo.Run(spec, m, 1, lanes: 1);
        foreach (int lanes in new[] { 2, 4, 8 })
            AssertSame(scalar, MonteCarlo.Run(spec, m, 1, lanes), $"{model}, {lanes} lanes");
        AssertSame(scalar, MonteCarlo.Run(spec, m), $"{model}, the hardware's {MonteCarlo.HardwareLanes} lanes on all cores");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OneAndTwoThreads_GiveTheSameNumbers(string model)
    {
        var (spec, m) = Case(model);
        AssertSame(MonteCarlo.Run(spec, m, 1), MonteCarlo.Run(spec, m, 2), model);
    }

    [Fact]
    public void WildCase_ExercisesExitsAndSlowNormals()
    {
        // The bit-identity tests above mean something only if the rare per-lane branches run: stops, liquidations.
        var (spec, m) = Case("gbm-wild");
        var r = MonteCarlo.Run(spec, m, 1, lanes: 1);
        Assert.True(r.Strategies[4].ProbabilityLiquidation > 0.3, string.Join("; ", r.Strategies));
        (spec, m) = Case("gbm");
        r = MonteCarlo.Run(spec, m, 1, lanes: 1);
        Assert.True(r.Strategies[4].ProbabilityStop > 0.1, string.Join("; ", r.Strategies));
    }

    [Fact]
    public void SameNumbers_OnEveryTargetFramework()
    {
        // A golden pin: this project runs on net8.0 and net10.0, and both must print the same bits for this seed (the
        // kernel uses no runtime-provided exp/log, no FMA, no runtime-dependent conversions). The number is the kernel's own
        // output recorded once; what the test proves is that it does not move between targets, widths and machines.
        var (spec, m) = Case("gbm-funding");
        var r = MonteCarlo.Run(spec, m);
        long bits = 0;
        foreach (var s in r.Strategies) foreach (var v in s.SortedPnl) bits = unchecked(bits * 31 + BitConverter.DoubleToInt64Bits(v));
        Assert.Equal(GoldenHash, bits);
    }

    private const long GoldenHash = 7765250062774551978;

    [Fact]
    public void Exp_IsWithinTwoUlpsOfMathExp()
    {
        var rng = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            double x = i < 100_000 ? (rng.NextDouble() - 0.5) * 2 : (rng.NextDouble() - 0.5) * 1400;
            AssertUlps(Math.Exp(x), LaneMath.Exp(x), 2, $"exp({x:R})");
        }
        Assert.Equal(1d, LaneMath.Exp(0d));
        AssertUlps(Math.E, LaneMath.Exp(1d), 1, "exp(1)");
    }

    [Fact]
    public void Log_IsWithinTwoUlpsOfMathLog()
    {
        var rng = new Random(6);
        for (int i = 0; i < 200_000; i++)
        {
            double x = i < 100_000 ? 0.5 + rng.NextDouble() : Math.Exp((rng.NextDouble() - 0.5) * 1400);
            if (x == 0 || !double.IsNormal(x)) continue;
            AssertUlps(Math.Log(x), LaneMath.Log(x), 2, $"log({x:R})");
        }
        Assert.Equal(0d, LaneMath.Log(1d));
        Assert.Equal(Math.Log(2.0), LaneMath.Log(2.0), 15);
        Assert.Equal(-36.7368005696771, LaneMath.Log(Math.Pow(2, -53)), 12); // −53·ln 2
    }

    [Fact]
    public void ExpAndLog_VectorLanes_EqualTheScalarLane()
    {
        var rng = new Random(7);
        var xs = new double[8];
        for (int round = 0; round < 2_000; round++)
        {
            for (int i = 0; i < 8; i++) xs[i] = (rng.NextDouble() - 0.5) * 60;
            var e8 = LaneMath.Exp<Lanes512, Vector512<double>, Vector512<ulong>>(Vector512.Create(xs));
            var e4 = LaneMath.Exp<Lanes256, Vector256<double>, Vector256<ulong>>(Vector256.Create(xs.AsSpan(0, 4)));
            var e2 = LaneMath.Exp<Lanes128, Vector128<double>, Vector128<ulong>>(Vector128.Create(xs.AsSpan(0, 2)));
            var l8 = LaneMath.Log<Lanes512, Vector512<double>, Vector512<ulong>>(Vector512.Create(xs) * Vector512.Create(xs) + Vector512.Create(1e-3));
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(LaneMath.Exp(xs[i]), e8.GetElement(i));
                if (i < 4) Assert.Equal(LaneMath.Exp(xs[i]), e4.GetElement(i));
                if (i < 2) Assert.Equal(LaneMath.Exp(xs[i]), e2.GetElement(i));
                Assert.Equal(LaneMath.Log(xs[i] * xs[i] + 1e-3), l8.GetElement(i));
            }
        }
    }

    private static void AssertUlps(double expected, double actual, long max, string what)
    {
        long d = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
        Assert.True(d <= max, $"{what}: {actual:R} vs {expected:R} ({d} ulps)");
    }
}
