using HedgeMath.Engine;
using HedgeMath.Scenarios;

namespace HedgeMath.Benchmarks.Baseline;

/// <summary>
/// Frozen copy of the Monte Carlo path loop as it was before issue 26 item 1 (commit bbcdc2a: one path at a time, the
/// ziggurat per draw, GBM prices through one vectorised exp per block of 64 days), so <see cref="MonteCarloRatioBenchmarks"/>
/// compares the lanes kernel with it in the same run. Adapted only where the library's internals moved (the absolute log
/// thresholds and the bootstrap's growth factors are computed here). Its numbers are not the library's any more (the
/// random streams are consumed in another order); it is a speed baseline only. Do not optimise.
/// </summary>
internal static class MonteCarloV1
{
    private const int Chunk = 64;

    public static MonteCarloResult Run(MonteCarloSpec spec, PricePathModel model, int maxDegreeOfParallelism)
    {
        var k = MonteCarlo.Strategies.Build(spec);
        int n = spec.Paths, ns = k.Count;
        var logThreshold = new double[ns];
        logThreshold[0] = double.PositiveInfinity;
        for (int j = 1; j < ns; j++) logThreshold[j] = Math.Log(k.Legs[j].Threshold);
        var growth = model is BootstrapPathModel bm ? bm.DailyLogReturns.Select(Math.Exp).ToArray() : [];
        var pnl = new double[ns * n];
        var exits = new byte[ns * n];
        int chunks = (n + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c =>
        {
            int end = Math.Min(n, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++) SimulatePath(spec, model, k, logThreshold, growth, i, pnl, exits);
        });
        return MonteCarloResult.Reduce(spec, model, k, pnl, exits);
    }

    private static void SimulatePath(MonteCarloSpec spec, PricePathModel model, MonteCarlo.Strategies k, double[] logThreshold, double[] growth, int path, double[] pnl, byte[] exits)
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
        for (int j = 1; j < ns; j++) minLog = Math.Min(minLog, logThreshold[j]);
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
                    if (highs[j] >= minLog) minLog = Exits(k, logThreshold, open, Math.Exp(highs[j]), price, sumP, sumInv, exit, exitSumP, exitSumInv, exitPrice);
                    sumP += price * rate; sumInv += rate / price;
                }
            }
            _ = prevLog;
        }
        else
        {
            var b = (BootstrapPathModel)model;
            var rates = b.Funding;
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
                if (hi >= minLog) minLog = Exits(k, logThreshold, open, Math.Exp(hi), price, sumP, sumInv, exit, exitSumP, exitSumInv, exitPrice);
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
    private static double Exits(MonteCarlo.Strategies k, double[] logThreshold, double open, double high, double close, double sumP, double sumInv,
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
            else min = Math.Min(min, logThreshold[j]);
        }
        return min;
    }
}
