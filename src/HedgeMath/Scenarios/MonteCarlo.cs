using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
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
/// derived from (seed, i), paths run in parallel over all cores, and every statistic is reduced in path order
/// afterwards, so the same seed gives bit-identical results whatever the thread count (on a given runtime and machine:
/// GBM paths take one vectorised exp per block of 64 days on .NET 9+ with AVX2, which may differ from
/// <see cref="Math.Exp"/> in the last bit). No allocation per path or step.</para>
/// <para><b>Intrabar monitoring.</b> Each step's high is drawn from the exact distribution of the maximum of a Brownian
/// bridge between the two log closes x₀, x₁ with variance σ²Δ: <c>ln H = (x₀ + x₁ + √((x₁ − x₀)² − 2σ²Δ·ln U))/2</c>,
/// U uniform (so <c>P(H ≥ B) = exp(−2(b − x₀)(b − x₁)/(σ²Δ))</c>, b = ln B; Glasserman, <i>Monte Carlo Methods in
/// Financial Engineering</i>, §6.4). The bootstrap uses the sample's daily volatility for σ²Δ. A hedge whose stop or
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
    public static MonteCarloResult Run(MonteCarloSpec spec, PricePathModel model, int? maxDegreeOfParallelism = null)
    {
        Preconditions.NotNull(spec);
        Preconditions.NotNull(model);
        if (maxDegreeOfParallelism is { } dop && (dop == 0 || dop < -1)) Preconditions.ThrowOutOfRange(nameof(maxDegreeOfParallelism), dop, "must be -1 (all cores) or greater than 0");
        var k = Strategies.Build(spec);
        int n = spec.Paths, ns = k.Count;
        var pnl = new double[ns * n];
        var exits = new byte[ns * n];
        int chunks = (n + Chunk - 1) / Chunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1 };
        Parallel.For(0, chunks, options, c =>
        {
            int end = Math.Min(n, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++) SimulatePath(spec, model, k, i, pnl, exits);
        });
        return MonteCarloResult.Reduce(spec, model, k, pnl, exits);
    }

    internal sealed class Strategies
    {
        public required FastLeg[] Legs { get; init; }
        public required double[] LogThreshold { get; init; }
        public required decimal?[] Ratios { get; init; }
        public required decimal?[] LiquidationPrices { get; init; }
        public int Count => Legs.Length;

        public static Strategies Build(MonteCarloSpec spec)
        {
            int ns = spec.HedgeRatios.Length + 1;
            var s = new Strategies { Legs = new FastLeg[ns], LogThreshold = new double[ns], Ratios = new decimal?[ns], LiquidationPrices = new decimal?[ns] };
            s.LogThreshold[0] = double.PositiveInfinity;
            for (int j = 1; j < ns; j++)
            {
                var setup = spec.Setup(spec.HedgeRatios[j - 1]);
                s.Ratios[j] = spec.HedgeRatios[j - 1];
                s.LiquidationPrices[j] = setup.LiquidationPrice;
                s.Legs[j] = new FastLeg(setup.Book.Legs[0]);
                s.LogThreshold[j] = Math.Log(s.Legs[j].Threshold);
            }
            return s;
        }
    }

    private static void SimulatePath(MonteCarloSpec spec, PricePathModel model, Strategies k, int path, double[] pnl, byte[] exits)
    {
        int ns = k.Count, n = spec.Paths;
        // Per strategy: funding sums at exit (Σ price·rate for linear, Σ rate/price for inverse) and the exit price.
        Span<double> exitSumP = stackalloc double[ns];
        Span<double> exitSumInv = stackalloc double[ns];
        Span<double> exitPrice = stackalloc double[ns];
        Span<byte> exit = stackalloc byte[ns];
        exit.Clear();
        double s0 = (double)spec.DecisionPrice, logS0 = Math.Log(s0);
        double minLog = double.PositiveInfinity;
        for (int j = 1; j < ns; j++) minLog = Math.Min(minLog, k.LogThreshold[j]);
        var rng = new Rng(spec.Seed, (ulong)path);
        double price = s0, sumP = 0d, sumInv = 0d;
        int steps = spec.Steps;

        if (model is GbmPathModel g)
        {
            double mu = g.StepDrift, sig = g.StepVolatility, twoVar = 2d * sig * sig, logS = logS0;
            var sample = g.DailyFundingSample.AsSpan();
            bool hasFunding = sample.Length > 0;
            bool constant = sig == 0d && mu == 0d;
            Span<double> logs = stackalloc double[Block];
            Span<double> block = stackalloc double[Block];
            Span<double> highs = stackalloc double[Block];
            double prevLog = logS0;
            for (int t0 = 0; t0 < steps; t0 += Block)
            {
                int len = Math.Min(Block, steps - t0);
                var prices = block[..len];
                if (constant) { prices.Fill(s0); logs[..len].Fill(logS0); highs[..len].Fill(logS0); }
                else
                {
                    for (int j = 0; j < len; j++)
                    {
                        double x1 = logS + mu + sig * rng.NextNormal();
                        highs[j] = BridgeHigh(ref rng, logS, x1, twoVar, minLog);
                        logS = x1; logs[j] = x1; prices[j] = x1;
                    }
                    ExpInPlace(prices);
                }
                for (int j = 0; j < len; j++)
                {
                    double open = price;
                    price = prices[j];
                    double rate = hasFunding ? sample[rng.NextInt(sample.Length)] : 0d;
                    if (highs[j] >= minLog) minLog = Exits(k, open, Math.Exp(highs[j]), price, sumP, sumInv, exit, exitSumP, exitSumInv, exitPrice);
                    sumP += price * rate; sumInv += rate / price;
                }
            }
            _ = prevLog;
        }
        else
        {
            var b = (BootstrapPathModel)model;
            var growth = b.Growth; var rates = b.Funding;
            double twoVar = 2d * b.StepVariance, logS = logS0;
            int block = b.BlockLength, starts = growth.Length - block + 1, idx = 0, left = 0;
            for (int t = 0; t < steps; t++)
            {
                if (left == 0) { idx = rng.NextInt(starts); left = block; }
                double open = price;
                price *= growth[idx];
                double x1 = Math.Log(price);
                double hi = BridgeHigh(ref rng, logS, x1, twoVar, minLog);
                logS = x1;
                if (hi >= minLog) minLog = Exits(k, open, Math.Exp(hi), price, sumP, sumInv, exit, exitSumP, exitSumInv, exitPrice);
                sumP += price * rates[idx]; sumInv += rates[idx] / price;
                idx++; left--;
            }
        }

        double spot = (double)spec.SpotQuantity * (price - s0);
        pnl[path] = spot;
        for (int j = 1; j < ns; j++)
        {
            ref readonly var leg = ref k.Legs[j];
            double v = spot;
            if (leg.Active)
            {
                var e = (HedgeExit)exit[j];
                double money = leg.Settle(e, exitPrice[j], price);
                double fs = e == HedgeExit.None ? (leg.Linear ? sumP : sumInv) : (leg.Linear ? exitSumP[j] : exitSumInv[j]);
                money += leg.Long ? -leg.Qk * fs : leg.Qk * fs;
                v += leg.Linear ? money : money * price;
            }
            pnl[j * n + path] = v;
            exits[j * n + path] = exit[j];
        }
    }

    private const int Block = 64;

    /// <summary>
    /// The log high of a step: the maximum of the Brownian bridge from x₀ to x₁ with variance σ²Δ (twoVar = 2σ²Δ),
    /// <c>(x₀ + x₁ + √((x₁ − x₀)² − 2σ²Δ·ln U))/2</c>. When both closes lie so far below the lowest exit level b that
    /// the crossing probability <c>exp(−2(b − x₀)(b − x₁)/(σ²Δ))</c> is below e⁻⁴⁰, the draw is skipped and the higher
    /// close returned (the level cannot be reached either way); the stream stays a function of the path alone.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double BridgeHigh(ref Rng rng, double x0, double x1, double twoVar, double level)
    {
        double d0 = level - x0, d1 = level - x1;
        if (d0 > 0d && d1 > 0d && d0 * d1 > 20d * twoVar) return Math.Max(x0, x1);
        double d = x1 - x0;
        return 0.5 * (x0 + x1 + Math.Sqrt(d * d - twoVar * Math.Log(rng.NextOpenUnit())));
    }

    /// <summary>exp of every element in place: vectorised where the runtime offers it (.NET 9+), else <see cref="Math.Exp"/>.</summary>
    private static void ExpInPlace(Span<double> values)
    {
        int i = 0;
#if NET9_0_OR_GREATER
        ref double start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= values.Length; i += 4)
            {
                var v = System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref start, (nuint)i);
                System.Runtime.Intrinsics.Vector256.StoreUnsafe(System.Runtime.Intrinsics.Vector256.Exp(v), ref start, (nuint)i);
            }
        }
#endif
        for (; i < values.Length; i++) values[i] = Math.Exp(values[i]);
    }

    /// <summary>Closes every hedge whose exit level the step reached (the engine's rule on the step's bar); returns the new lowest open log threshold.</summary>
    private static double Exits(Strategies k, double open, double high, double close, double sumP, double sumInv,
        Span<byte> exit, Span<double> exitSumP, Span<double> exitSumInv, Span<double> exitPrice)
    {
        double min = double.PositiveInfinity;
        high = Math.Max(high, Math.Max(open, close));
        double low = Math.Min(open, close);
        for (int j = 1; j < exit.Length; j++)
        {
            if (exit[j] != 0 || !k.Legs[j].Active) continue;
            var e = k.Legs[j].FirstExit(open, high, low, out double fill);
            if (e != HedgeExit.None)
            {
                exit[j] = (byte)e; exitPrice[j] = fill; exitSumP[j] = sumP; exitSumInv[j] = sumInv;
            }
            else min = Math.Min(min, k.LogThreshold[j]);
        }
        return min;
    }
}
