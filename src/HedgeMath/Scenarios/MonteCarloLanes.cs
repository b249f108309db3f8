using System.Runtime.CompilerServices;
using HedgeMath.Engine;

namespace HedgeMath.Scenarios;

/// <summary>
/// The Monte Carlo kernel, written once over <see cref="ILanes{TD, TU}"/>: <c>L.Count</c> paths side by side, one per lane,
/// each with its own xoshiro256** stream and its own lowest open exit level. Every lane computes exactly what the scalar
/// instantiation (<see cref="ScalarLanes"/>) computes for that path: lanes never exchange values, every operation is exact or
/// correctly rounded per lane, a lane draws from its stream only what its own path needs (masked advance), and the rare
/// per-path work (the ziggurat's slow path, a hedge's exit, the settlement) is scalar code shared by every width.
/// </summary>
internal static class MonteCarloLanes
{
    /// <summary>What a group of paths needs, taken once per run.</summary>
    internal sealed class Job
    {
        public required MonteCarlo.Strategies K { get; init; }
        public required ulong Seed { get; init; }
        public required int Paths { get; init; }
        public required int Steps { get; init; }
        public required double S0 { get; init; }
        public required double SpotQuantity { get; init; }
        public required bool Linear { get; init; }
        public required bool Gbm { get; init; }
        public required double Drift { get; init; }
        public required double Volatility { get; init; }
        /// <summary>2σ²Δ of the Brownian bridge between closes.</summary>
        public required double TwoVar { get; init; }
        /// <summary>GBM: funding drawn per step from these; bootstrap: the funding of each historical day (or empty).</summary>
        public required double[] Funding { get; init; }
        public required double[] LogReturns { get; init; }
        public required int BlockLength { get; init; }
        public required double[] Pnl { get; init; }
        public required byte[] Exits { get; init; }
    }

    /// <summary>The xoshiro256** state of every lane (Blackman &amp; Vigna 2021), one word per field, as <see cref="Rng"/> keeps it per path.</summary>
    private struct State<TU> where TU : struct
    {
        public TU S0, S1, S2, S3;
    }

    /// <summary>One xoshiro256** step in every lane: <c>rotl(s1·5, 7)·9</c>, then the state's shifts and xors (×5 and ×9 as shift-and-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TU Next<L, TD, TU>(ref State<TU> s) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        var x5 = L.AddU(L.Shl(s.S1, 2), s.S1);
        var rot = L.OrU(L.Shl(x5, 7), L.Shr(x5, 57));
        var result = L.AddU(L.Shl(rot, 3), rot);
        var t = L.Shl(s.S1, 17);
        s.S2 = L.XorU(s.S2, s.S0);
        s.S3 = L.XorU(s.S3, s.S1);
        s.S1 = L.XorU(s.S1, s.S2);
        s.S0 = L.XorU(s.S0, s.S3);
        s.S2 = L.XorU(s.S2, t);
        s.S3 = L.OrU(L.Shl(s.S3, 45), L.Shr(s.S3, 19));
        return result;
    }

    /// <summary>Simulates paths <paramref name="first"/> … <paramref name="first"/> + L.Count − 1 (those below the path count are written).</summary>
    public static void RunGroup<L, TD, TU>(Job job, int first) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        int w = L.Count, ns = job.K.Count, steps = job.Steps;
        var k = job.K;
        Span<ulong> u0 = stackalloc ulong[w], u1 = stackalloc ulong[w], u2 = stackalloc ulong[w], u3 = stackalloc ulong[w];
        Span<double> d0s = stackalloc double[w], d1s = stackalloc double[w], d2s = stackalloc double[w];
        Span<int> idx = stackalloc int[w];
        // Per lane and strategy: how the hedge ended, the funding sum at its exit and its exit price.
        Span<byte> exit = stackalloc byte[w * ns];
        Span<double> exitSum = stackalloc double[w * ns];
        Span<double> exitPrice = stackalloc double[w * ns];
        exit.Clear();
        for (int l = 0; l < w; l++) new Rng(job.Seed, (ulong)(first + l)).GetState(out u0[l], out u1[l], out u2[l], out u3[l]);
        var rng = new State<TU> { S0 = L.LoadU(u0), S1 = L.LoadU(u1), S2 = L.LoadU(u2), S3 = L.LoadU(u3) };

        var zx = Rng.Ziggurat.X; var zr = Rng.Ziggurat.R;
        var funding = job.Funding; var logReturns = job.LogReturns;
        bool gbm = job.Gbm, hasFunding = funding.Length > 0, linear = job.Linear;
        uint all = (1u << w) - 1u;
        var s0 = L.Splat(job.S0);
        var mu = L.Splat(job.Drift);
        var sig = L.Splat(job.Volatility);
        var twoVar = L.Splat(job.TwoVar);
        // Both closes so far below the level that the bridge crosses it with probability exp(−2d₀d₁/σ²Δ) < e⁻⁴⁰: skip the draw.
        var far40 = L.Splat(20d * job.TwoVar);
        var zero = L.Splat(0d);
        var x = zero; // ln(S/S₀)
        var level = L.Splat(k.MinLevel);
        var sum = zero; // Σ price·rate (linear) or Σ rate/price (inverse) up to the previous close
        TU fundingDraw = L.SplatU(0);
        int left = 0, block = job.BlockLength, starts = logReturns.Length - block + 1;

        for (int t = 0; t < steps; t++)
        {
            TD x1, rate = zero;
            if (gbm)
            {
                // Ziggurat rectangle test in every lane (Rng.NextNormal); a lane that fails takes Rng.NormalSlow on its own stream.
                var bits = Next<L, TD, TU>(ref rng);
                var u = L.AsDouble(L.OrU(L.Shr(bits, 12), L.SplatU(0x4000000000000000UL)));
                u = L.Sub(u, L.Splat(3d));
                L.StoreU(bits, u0);
                for (int l = 0; l < w; l++) { int i = unchecked((int)u0[l]) & 0x7F; d0s[l] = zx[i]; d1s[l] = zr[i]; }
                var ok = L.LessThan(L.AndNot(u, L.Splat(-0d)), L.Load(d1s));
                var z = L.Mul(u, L.Load(d0s));
                uint okBits = L.MaskBits(ok);
                if (okBits != all) z = SlowNormals<L, TD, TU>(ref rng, z, u, okBits, u0);
                x1 = L.Add(L.Add(x, mu), L.Mul(sig, z));
                if (hasFunding)
                {
                    // One 64-bit draw gives the funding of two steps (Lemire's multiply-shift on each 32-bit half).
                    if ((t & 1) == 0) fundingDraw = Next<L, TD, TU>(ref rng);
                    L.StoreU(fundingDraw, u0);
                    int shift = (t & 1) == 0 ? 0 : 32;
                    ulong n = (ulong)funding.Length;
                    for (int l = 0; l < w; l++) d2s[l] = funding[unchecked((int)((((u0[l] >> shift) & 0xFFFFFFFFUL) * n) >> 32))];
                    rate = L.Load(d2s);
                }
            }
            else
            {
                if (left == 0)
                {
                    var b = Next<L, TD, TU>(ref rng);
                    L.StoreU(b, u0);
                    for (int l = 0; l < w; l++) idx[l] = unchecked((int)(((u0[l] >> 32) * (ulong)starts) >> 32));
                    left = block;
                }
                for (int l = 0; l < w; l++) { d0s[l] = logReturns[idx[l]]; if (hasFunding) d2s[l] = funding[idx[l]]; idx[l]++; }
                left--;
                x1 = L.Add(x, L.Load(d0s));
                if (hasFunding) rate = L.Load(d2s);
            }

            // Brownian-bridge maximum between the closes, drawn only in lanes near their lowest open exit level.
            var dl0 = L.Sub(level, x);
            var dl1 = L.Sub(level, x1);
            var far = L.And(L.And(L.GreaterThan(dl0, zero), L.GreaterThan(dl1, zero)), L.GreaterThan(L.Mul(dl0, dl1), far40));
            uint farBits = L.MaskBits(far);
            if (farBits != all)
            {
                var before = rng;
                var ub = Next<L, TD, TU>(ref rng);
                rng.S0 = L.SelectU(far, before.S0, rng.S0);
                rng.S1 = L.SelectU(far, before.S1, rng.S1);
                rng.S2 = L.SelectU(far, before.S2, rng.S2);
                rng.S3 = L.SelectU(far, before.S3, rng.S3);
                // U in (0, 1]: 2 − [1, 2) from the top 52 bits.
                var uu = L.Sub(L.Splat(2d), L.AsDouble(L.OrU(L.Shr(ub, 12), L.SplatU(0x3FF0000000000000UL))));
                var d = L.Sub(x1, x);
                var hi = L.Mul(L.Splat(0.5), L.Add(L.Add(x, x1), L.Sqrt(L.Sub(L.Mul(d, d), L.Mul(twoVar, LaneMath.Log<L, TD, TU>(uu))))));
                var hit = L.AndNot(L.GreaterOrEqual(hi, level), far);
                uint hitBits = L.MaskBits(hit);
                if (hitBits != 0)
                {
                    L.Store(level, d2s);
                    for (int l = 0; l < w; l++)
                    {
                        if ((hitBits & (1u << l)) == 0) continue;
                        double open = job.S0 * LaneMath.Exp(L.Get(x, l)), close = job.S0 * LaneMath.Exp(L.Get(x1, l));
                        double high = job.S0 * LaneMath.Exp(L.Get(hi, l));
                        d2s[l] = Exits(k, open, high, close, L.Get(sum, l), exit.Slice(l * ns, ns), exitSum.Slice(l * ns, ns), exitPrice.Slice(l * ns, ns));
                    }
                    level = L.Load(d2s);
                }
            }

            if (hasFunding)
            {
                var price = L.Mul(s0, LaneMath.Exp<L, TD, TU>(x1));
                sum = L.Add(sum, linear ? L.Mul(price, rate) : L.Div(rate, price));
            }
            x = x1;
        }

        var last = L.Mul(s0, LaneMath.Exp<L, TD, TU>(x));
        for (int l = 0; l < w && first + l < job.Paths; l++)
            Settle(job, first + l, L.Get(last, l), L.Get(sum, l), exit.Slice(l * ns, ns), exitSum.Slice(l * ns, ns), exitPrice.Slice(l * ns, ns));
    }

    /// <summary>The lanes whose rectangle test failed (<paramref name="okBits"/> clear) finish their normal on their own stream, scalar.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TD SlowNormals<L, TD, TU>(ref State<TU> rng, TD z, TD u, uint okBits, ReadOnlySpan<ulong> drawBits)
        where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        int w = L.Count;
        Span<ulong> a = stackalloc ulong[4 * w];
        Span<ulong> a0 = a[..w], a1 = a.Slice(w, w), a2 = a.Slice(2 * w, w), a3 = a.Slice(3 * w, w);
        Span<double> zs = stackalloc double[w], us = stackalloc double[w];
        L.StoreU(rng.S0, a0); L.StoreU(rng.S1, a1); L.StoreU(rng.S2, a2); L.StoreU(rng.S3, a3);
        L.Store(z, zs);
        L.Store(u, us);
        for (int l = 0; l < w; l++)
        {
            if ((okBits & (1u << l)) != 0) continue;
            var r = new Rng(a0[l], a1[l], a2[l], a3[l]);
            zs[l] = r.NormalSlow(us[l], unchecked((int)drawBits[l]) & 0x7F);
            r.GetState(out a0[l], out a1[l], out a2[l], out a3[l]);
        }
        rng.S0 = L.LoadU(a0); rng.S1 = L.LoadU(a1); rng.S2 = L.LoadU(a2); rng.S3 = L.LoadU(a3);
        return L.Load(zs);
    }

    /// <summary>Closes every hedge of one path whose exit level the step reached (the engine's rule on the step's bar, <see cref="FastLeg.FirstExit"/>); returns the new lowest open log level.</summary>
    private static double Exits(MonteCarlo.Strategies k, double open, double high, double close, double sum,
        Span<byte> exit, Span<double> exitSum, Span<double> exitPrice)
    {
        double min = double.PositiveInfinity;
        high = Math.Max(high, Math.Max(open, close));
        double low = Math.Min(open, close);
        for (int j = 1; j < exit.Length; j++)
        {
            if (exit[j] != 0 || !k.Legs[j].Active) continue;
            var e = k.Legs[j].FirstExit(open, high, low, out double fill);
            if (e != HedgeExit.None) { exit[j] = (byte)e; exitPrice[j] = fill; exitSum[j] = sum; }
            else min = Math.Min(min, k.LogLevel[j]);
        }
        return min;
    }

    /// <summary>One path's money per strategy at the end: spot, then each hedge's settlement and funding (<see cref="FastLeg.Settle"/>).</summary>
    private static void Settle(Job job, int path, double price, double sum, ReadOnlySpan<byte> exit, ReadOnlySpan<double> exitSum, ReadOnlySpan<double> exitPrice)
    {
        var k = job.K;
        int n = job.Paths;
        double spot = job.SpotQuantity * (price - job.S0);
        job.Pnl[path] = spot;
        for (int j = 1; j < k.Count; j++)
        {
            ref readonly var leg = ref k.Legs[j];
            double v = spot;
            if (leg.Active)
            {
                var e = (HedgeExit)exit[j];
                double money = leg.Settle(e, exitPrice[j], price);
                double fs = e == HedgeExit.None ? sum : exitSum[j];
                money += leg.Long ? -leg.Qk * fs : leg.Qk * fs;
                v += job.Linear ? money : money * price;
            }
            job.Pnl[j * n + path] = v;
            job.Exits[j * n + path] = exit[j];
        }
    }
}
