using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Runtime.Intrinsics;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>
/// Monte Carlo of hedged against unhedged outcomes: simulated daily price paths (GBM or a block bootstrap of real
/// returns) with funding, each hedge's stop and liquidation checked continuously between the daily closes.
/// </summary>
/// <remarks>
/// <para>Every strategy sees the same paths (common random numbers). Path i draws from its own xoshiro256** stream
/// derived from (seed, i). Paths run side by side in the lanes of a vector (8 with AVX-512, 4 with AVX2, 2 with SSE or
/// Neon, 1 without hardware intrinsics), groups of paths in parallel over all cores, and every statistic is reduced in
/// path order afterwards. A lane computes exactly what a lone path computes (one kernel written once over the vector
/// width, its exp and log included, no fused multiply-add), so the same seed gives bit-identical results whatever the
/// thread count, the vector width, the processor and the target framework. No allocation per path or step.</para>
/// <para><b>Per step.</b> GBM: one ziggurat normal (one 64-bit draw in ~99 % of steps) and, with funding, half a draw
/// for the day's funding rate (each 32-bit half of a draw picks one day). Bootstrap: one draw per block for its start.</para>
/// <para><b>Intrabar monitoring.</b> Each step's high is drawn from the exact distribution of the maximum of a Brownian
/// bridge between the two log closes x₀, x₁ with variance σ²Δ: <c>ln H = (x₀ + x₁ + √((x₁ − x₀)² − 2σ²Δ·ln U))/2</c>,
/// U uniform (so <c>P(H ≥ B) = exp(−2(b − x₀)(b − x₁)/(σ²Δ))</c>, b = ln B; Glasserman, <i>Monte Carlo Methods in
/// Financial Engineering</i>, §6.4). When both closes lie so far below the path's lowest open exit level that this
/// probability is below e⁻⁴⁰, U is not drawn (the level cannot be reached either way; the stream stays a function of the
/// path alone). The bootstrap uses the sample's daily volatility for σ²Δ. A hedge whose stop or
/// liquidation price lies below the step's high exits there, by the engine's rule (<see cref="HedgeBook.Move"/>): a
/// stop fills at the stop, a liquidated hedge loses its isolated margin. Funding of step t is paid at the step's close
/// to a hedge still open. The money per hedge is the double fast path of the engine (property-tested against it);
/// inverse hedges are converted to the quote asset at the path's last price.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public static class MonteCarlo
{
    private const int Chunk = 64;

    /// <summary>Runs the simulation.</summary>
    /// <param name="spec">What to simulate.</param>
    /// <param name="model">How paths are generated.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; null or −1 for all cores.</param>
    /// <returns>The statistics per strategy (unhedged first, then each hedge ratio).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public static MonteCarloResult Run(MonteCarloSpec spec, PricePathModel model, int? maxDegreeOfParallelism = null) =>
        Run(spec, model, maxDegreeOfParallelism, lanes: 0);

    /// <summary>The widest vector the hardware accelerates: 8, 4, 2 or 1 lanes of doubles.</summary>
    internal static int HardwareLanes =>
        Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : Vector128.IsHardwareAccelerated ? 2 : 1;

    /// <summary><see cref="Run(MonteCarloSpec, PricePathModel, int?)"/> with a chosen lane count (1, 2, 4 or 8; 0 for <see cref="HardwareLanes"/>), for the tests that prove every width gives the same numbers.</summary>
    internal static MonteCarloResult Run(MonteCarloSpec spec, PricePathModel model, int? maxDegreeOfParallelism, int lanes)
    {
        Preconditions.NotNull(spec);
        Preconditions.NotNull(model);
        if (maxDegreeOfParallelism is { } dop && (dop == 0 || dop < -1)) Preconditions.ThrowOutOfRange(nameof(maxDegreeOfParallelism), dop, "must be -1 (all cores) or greater than 0");
        if (lanes == 0) lanes = HardwareLanes;
        var k = Strategies.Build(spec);
        int n = spec.Paths, ns = k.Count;
        var job = Job(spec, model, k, new double[ns * n], new byte[ns * n]);
        int chunks = (n + Chunk - 1) / Chunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.For(0, chunks, options, c =>
        {
            int end = Math.Min(n, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i += lanes)
            {
                switch (lanes)
                {
                    case 8: MonteCarloLanes.RunGroup<Lanes512, Vector512<double>, Vector512<ulong>>(job, i); break;
                    case 4: MonteCarloLanes.RunGroup<Lanes256, Vector256<double>, Vector256<ulong>>(job, i); break;
                    case 2: MonteCarloLanes.RunGroup<Lanes128, Vector128<double>, Vector128<ulong>>(job, i); break;
                    default: MonteCarloLanes.RunGroup<ScalarLanes, double, ulong>(job, i); break;
                }
            }
        });
        return MonteCarloResult.Reduce(spec, model, k, job.Pnl, job.Exits);
    }

    private static MonteCarloLanes.Job Job(MonteCarloSpec spec, PricePathModel model, Strategies k, double[] pnl, byte[] exits)
    {
        bool linear = spec.Contract.Type == ContractType.Linear;
        double s0 = (double)spec.DecisionPrice, q = (double)spec.SpotQuantity;
        if (model is GbmPathModel g)
        {
            return new MonteCarloLanes.Job
            {
                K = k, Seed = spec.Seed, Paths = spec.Paths, Steps = spec.Steps, S0 = s0, SpotQuantity = q, Linear = linear, Gbm = true,
                Drift = g.StepDrift, Volatility = g.StepVolatility, TwoVar = 2d * g.StepVolatility * g.StepVolatility,
                Funding = g.DailyFundingSample.ToArray(), LogReturns = [], BlockLength = 1, Pnl = pnl, Exits = exits,
            };
        }
        var b = (BootstrapPathModel)model;
        var funding = b.Funding.ToArray();
        bool anyFunding = false;
        foreach (var f in funding) anyFunding |= f != 0d;
        return new MonteCarloLanes.Job
        {
            K = k, Seed = spec.Seed, Paths = spec.Paths, Steps = spec.Steps, S0 = s0, SpotQuantity = q, Linear = linear, Gbm = false,
            Drift = 0d, Volatility = 0d, TwoVar = 2d * b.StepVariance,
            Funding = anyFunding ? funding : [], LogReturns = b.DailyLogReturns.ToArray(), BlockLength = b.BlockLength, Pnl = pnl, Exits = exits,
        };
    }

    internal sealed class Strategies
    {
        public required FastLeg[] Legs { get; init; }
        /// <summary>ln(threshold / S₀) per strategy: the log level (relative to the start) at which the hedge can exit; +∞ for none.</summary>
        public required double[] LogLevel { get; init; }
        /// <summary>The lowest <see cref="LogLevel"/>.</summary>
        public double MinLevel { get; private set; }
        public required decimal?[] Ratios { get; init; }
        public required decimal?[] LiquidationPrices { get; init; }
        public int Count => Legs.Length;

        public static Strategies Build(MonteCarloSpec spec)
        {
            int ns = spec.HedgeRatios.Length + 1;
            double s0 = (double)spec.DecisionPrice;
            var s = new Strategies { Legs = new FastLeg[ns], LogLevel = new double[ns], Ratios = new decimal?[ns], LiquidationPrices = new decimal?[ns] };
            s.LogLevel[0] = double.PositiveInfinity;
            double min = double.PositiveInfinity;
            for (int j = 1; j < ns; j++)
            {
                var setup = spec.Setup(spec.HedgeRatios[j - 1]);
                s.Ratios[j] = spec.HedgeRatios[j - 1];
                s.LiquidationPrices[j] = setup.LiquidationPrice;
                s.Legs[j] = new FastLeg(setup.Book.Legs[0]);
                double threshold = s.Legs[j].Threshold;
                s.LogLevel[j] = double.IsFinite(threshold) && threshold > 0d ? LaneMath.Log(threshold / s0) : double.PositiveInfinity;
                min = Math.Min(min, s.LogLevel[j]);
            }
            s.MinLevel = min;
            return s;
        }
    }
}
