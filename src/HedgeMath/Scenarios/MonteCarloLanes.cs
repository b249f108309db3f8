using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>Steps whose normals and funding rates GBM draws ahead.</summary>
    private const int Block = 64;

    /// <summary>One xoshiro256** step in every lane: <c>rotl(s1·5, 7)·9</c>, then the state's shifts and xors (×5 and ×9 as shift-and-add).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TU Next<L, TD, TU>(ref TU s0, ref TU s1, ref TU s2, ref TU s3) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        var x5 = L.AddU(L.Shl(s1, 2), s1);
        var rot = L.OrU(L.Shl(x5, 7), L.Shr(x5, 57));
        var result = L.AddU(L.Shl(rot, 3), rot);
        var t = L.Shl(s1, 17);
        s2 = L.XorU(s2, s0);
        s3 = L.XorU(s3, s1);
        s1 = L.XorU(s1, s2);
        s0 = L.XorU(s0, s3);
        s2 = L.XorU(s2, t);
        s3 = L.OrU(L.Shl(s3, 45), L.Shr(s3, 19));
        return result;
    }

    /// <summary>Simulates paths <paramref name="first"/> … <paramref name="first"/> + L.Count − 1 (those below the path count are written).</summary>
    public static void RunGroup<L, TD, TU>(Job job, int first) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        unchecked
        {
            int w = L.Count, ns = job.K.Count, steps = job.Steps;
            var k = job.K;
            Span<ulong> u0 = stackalloc ulong[w], u1 = stackalloc ulong[w], u2 = stackalloc ulong[w], u3 = stackalloc ulong[w];
            Span<ulong> idx = stackalloc ulong[w];
            Span<double> d2s = stackalloc double[w];
            // Per lane and strategy: how the hedge ended, the funding sum at its exit and its exit price.
            Span<byte> exit = stackalloc byte[w * ns];
            Span<double> exitSum = stackalloc double[w * ns];
            Span<double> exitPrice = stackalloc double[w * ns];
            exit.Clear();
            for (int l = 0; l < w; l++) new Rng(job.Seed, (ulong)(first + l)).GetState(out u0[l], out u1[l], out u2[l], out u3[l]);
            TU s0 = L.LoadU(u0), s1 = L.LoadU(u1), s2 = L.LoadU(u2), s3 = L.LoadU(u3);

            ref double zx = ref MemoryMarshal.GetArrayDataReference(Rng.Ziggurat.X);
            ref double zr = ref MemoryMarshal.GetArrayDataReference(Rng.Ziggurat.R);
            var funding = job.Funding; var logReturns = job.LogReturns;
            ref double fundingRef = ref MemoryMarshal.GetArrayDataReference(funding);
            ref double returnsRef = ref MemoryMarshal.GetArrayDataReference(logReturns);
            bool gbm = job.Gbm, hasFunding = funding.Length > 0, linear = job.Linear;
            uint all = (1u << w) - 1u;
            var start = L.Splat(job.S0);
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
            ulong nFunding = (ulong)funding.Length;
            int left = 0, block = job.BlockLength;
            ulong starts = (ulong)(logReturns.Length - block + 1);

            // GBM draws its normals and funding rates a block of steps ahead into these (per step, one vector each). A lane's
            // stream order is a function of its path alone: per block, each step's normal (and every second step a funding
            // draw), then the bridge uniforms its steps need. The two inner loops (Generate, Advance) are methods of their
            // own without a call inside: a rare event (a lane's ziggurat slow path, a lane's exit) returns from them, is
            // handled here, and the loop resumes; so the JIT keeps the streams and the path state in registers in them
            // (vector registers do not survive a call on x64 Unix, and a call in the loop makes the JIT spill them on every
            // iteration).
            Span<double> zBuf = stackalloc double[Block * w], rateBuf = stackalloc double[Block * w];
            var c = new Constants<TD>
            {
                Start = start, Mu = mu, Sig = sig, TwoVar = twoVar, Far40 = far40, Gbm = gbm, HasFunding = hasFunding, Linear = linear,
                Block = block, Starts = starts, NFunding = nFunding,
            };
            var st = new Lanes<TD, TU> { S0 = s0, S1 = s1, S2 = s2, S3 = s3, Draw = fundingDraw, X = x, Level = level, Sum = sum, Left = left };
            for (int t0 = 0; t0 < steps; t0 += Block)
            {
                int len = Math.Min(Block, steps - t0);
                if (gbm)
                {
                    int i = 0;
                    while ((i = Generate<L, TD, TU>(ref st, in c, i, len, zBuf, rateBuf, idx, u0, ref zx, ref zr, ref fundingRef)) < len)
                    {
                        // A lane failed the rectangle test: it takes Rng.NormalSlow on its own stream.
                        SlowNormals<L, TD, TU>(ref st, idx);
                        L.Store(st.Z, zBuf.Slice(i * w, w));
                        if (hasFunding) DrawFunding<L, TD, TU>(i, ref st.S0, ref st.S1, ref st.S2, ref st.S3, ref st.Draw, ref fundingRef, nFunding, u0, idx, rateBuf);
                        i++;
                    }
                }
                int j = 0;
                while ((j = Advance<L, TD, TU>(ref st, in c, j, len, zBuf, rateBuf, u0, u1, ref returnsRef, ref fundingRef)) < len)
                {
                    // Some lanes reached their level during step j: they close their hedges (funding so far), then the step ends.
                    st.Level = ExitLanes<L, TD, TU>(job, st.Bits, st.X, st.X1, st.Hi, st.Sum, st.Level, exit, exitSum, exitPrice);
                    if (hasFunding) st.Sum = AddFunding<L, TD, TU>(st.Sum, start, st.X1, st.Rate, linear);
                    st.X = st.X1;
                    j++;
                }
            }
            x = st.X; sum = st.Sum;

            var last = L.Mul(start, LaneMath.Exp<L, TD, TU>(x));
            for (int l = 0; l < w && first + l < job.Paths; l++)
                Settle(job, first + l, L.Get(last, l), L.Get(sum, l), exit.Slice(l * ns, ns), exitSum.Slice(l * ns, ns), exitPrice.Slice(l * ns, ns));
        }
    }

    /// <summary>The constants of a group's loops.</summary>
    private struct Constants<TD> where TD : struct
    {
        public TD Start, Mu, Sig, TwoVar, Far40;
        public bool Gbm, HasFunding, Linear;
        public int Block;
        public ulong Starts, NFunding;
    }

    /// <summary>A group's state between the inner loops: the streams, the path state, and the event that stopped a loop.</summary>
    private struct Lanes<TD, TU> where TD : struct where TU : struct
    {
        public TU S0, S1, S2, S3, Draw;
        public TD X, Level, Sum, Z, U, X1, Hi, Rate;
        public uint Bits;
        public int Left;
    }

    /// <summary>Draws GBM's normals (and funding rates) for steps <paramref name="i"/>.. of the block until a lane fails the ziggurat's rectangle test (returns that step, with its draw in <paramref name="st"/>) or the block is full (returns <paramref name="len"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Generate<L, TD, TU>(ref Lanes<TD, TU> st, in Constants<TD> c, int i, int len, Span<double> zBuf, Span<double> rateBuf,
        Span<ulong> idx, Span<ulong> u0, ref double zx, ref double zr, ref double fundingRef) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        int w = L.Count;
        uint all = (1u << w) - 1u;
        TU s0 = st.S0, s1 = st.S1, s2 = st.S2, s3 = st.S3, draw = st.Draw;
        bool hasFunding = c.HasFunding;
        ulong n = c.NFunding;
        for (; i < len; i++)
        {
            // Ziggurat rectangle test in every lane (Rng.NextNormal).
            var bits = Next<L, TD, TU>(ref s0, ref s1, ref s2, ref s3);
            var u = L.Sub(L.AsDouble(L.OrU(L.Shr(bits, 12), L.SplatU(0x4000000000000000UL))), L.Splat(3d));
            L.StoreU(L.AndU(bits, L.SplatU(0x7FUL)), idx); // the block, 0..127: in range of X (129) and R (128)
            var ok = L.LessThan(L.AndNot(u, L.Splat(-0d)), L.Gather(ref zr, idx));
            var z = L.Mul(u, L.Gather(ref zx, idx));
            uint okBits = L.MaskBits(ok);
            if (okBits != all) { st.Z = z; st.U = u; st.Bits = okBits; break; }
            L.Store(z, zBuf.Slice(i * w, w));
            if (hasFunding) DrawFunding<L, TD, TU>(i, ref s0, ref s1, ref s2, ref s3, ref draw, ref fundingRef, n, u0, idx, rateBuf);
        }
        st.S0 = s0; st.S1 = s1; st.S2 = s2; st.S3 = s3; st.Draw = draw;
        return i;
    }

    /// <summary>Advances every lane through steps <paramref name="j"/>.. of the block until some lane's bridge high reaches its level (returns that step, the closes, high and rate in <paramref name="st"/>, the step's funding not yet added) or the block ends (returns <paramref name="len"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Advance<L, TD, TU>(ref Lanes<TD, TU> st, in Constants<TD> c, int j, int len, Span<double> zBuf, Span<double> rateBuf,
        Span<ulong> u0, Span<ulong> u1, ref double returnsRef, ref double fundingRef) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        unchecked
        {
            int w = L.Count;
            uint all = (1u << w) - 1u;
            TU s0 = st.S0, s1 = st.S1, s2 = st.S2, s3 = st.S3;
            TD x = st.X, level = st.Level, sum = st.Sum, zero = L.Splat(0d);
            TD start = c.Start, mu = c.Mu, sig = c.Sig, twoVar = c.TwoVar, far40 = c.Far40;
            bool gbm = c.Gbm, hasFunding = c.HasFunding, linear = c.Linear;
            int left = st.Left, block = c.Block;
            ulong starts = c.Starts;
            for (; j < len; j++)
            {
                TD x1, rate = zero;
                if (gbm)
                {
                    x1 = L.Add(L.Add(x, mu), L.Mul(sig, L.Load(zBuf.Slice(j * w, w))));
                    if (hasFunding) rate = L.Load(rateBuf.Slice(j * w, w));
                }
                else
                {
                    if (left == 0)
                    {
                        var b = Next<L, TD, TU>(ref s0, ref s1, ref s2, ref s3);
                        L.StoreU(b, u0);
                        for (int l = 0; l < w; l++) u1[l] = ((u0[l] >> 32) * starts) >> 32; // block start < starts
                        left = block;
                    }
                    // u1[l] + days into the block ≤ starts − 1 + block − 1 = last day.
                    x1 = L.Add(x, L.Gather(ref returnsRef, u1));
                    if (hasFunding) rate = L.Gather(ref fundingRef, u1);
                    for (int l = 0; l < w; l++) u1[l]++;
                    left--;
                }

                // Brownian-bridge maximum between the closes, drawn only in lanes near their lowest open exit level.
                var dl0 = L.Sub(level, x);
                var dl1 = L.Sub(level, x1);
                var far = L.And(L.And(L.GreaterThan(dl0, zero), L.GreaterThan(dl1, zero)), L.GreaterThan(L.Mul(dl0, dl1), far40));
                uint farBits = L.MaskBits(far);
                if (farBits != all)
                {
                    TU b0 = s0, b1 = s1, b2 = s2, b3 = s3;
                    var ub = Next<L, TD, TU>(ref s0, ref s1, ref s2, ref s3);
                    s0 = L.SelectU(far, b0, s0);
                    s1 = L.SelectU(far, b1, s1);
                    s2 = L.SelectU(far, b2, s2);
                    s3 = L.SelectU(far, b3, s3);
                    // U in (0, 1]: 2 − [1, 2) from the top 52 bits.
                    var uu = L.Sub(L.Splat(2d), L.AsDouble(L.OrU(L.Shr(ub, 12), L.SplatU(0x3FF0000000000000UL))));
                    var d = L.Sub(x1, x);
                    var hi = L.Mul(L.Splat(0.5), L.Add(L.Add(x, x1), L.Sqrt(L.Sub(L.Mul(d, d), L.Mul(twoVar, LaneMath.Log<L, TD, TU>(uu))))));
                    uint hitBits = L.MaskBits(L.AndNot(L.GreaterOrEqual(hi, level), far));
                    if (hitBits != 0) { st.X1 = x1; st.Hi = hi; st.Rate = rate; st.Bits = hitBits; break; }
                }
                if (hasFunding) sum = AddFunding<L, TD, TU>(sum, start, x1, rate, linear);
                x = x1;
            }
            st.S0 = s0; st.S1 = s1; st.S2 = s2; st.S3 = s3; st.X = x; st.Level = level; st.Sum = sum; st.Left = left;
            return j;
        }
    }

    /// <summary>The funding rate of step <paramref name="i"/> of a block in every lane: one 64-bit draw per two steps, each 32-bit half an index by Lemire's multiply-shift (below the sample's length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DrawFunding<L, TD, TU>(int i, ref TU s0, ref TU s1, ref TU s2, ref TU s3, ref TU draw, ref double funding, ulong n,
        Span<ulong> bits, Span<ulong> idx, Span<double> rateBuf) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        unchecked
        {
            int w = L.Count;
            if ((i & 1) == 0) draw = Next<L, TD, TU>(ref s0, ref s1, ref s2, ref s3);
            L.StoreU(draw, bits);
            int shift = (i & 1) == 0 ? 0 : 32;
            for (int l = 0; l < w; l++) idx[l] = (((bits[l] >> shift) & 0xFFFFFFFFUL) * n) >> 32;
            L.Store(L.Gather(ref funding, idx), rateBuf.Slice(i * w, w));
        }
    }

    /// <summary>The funding sum after the close <paramref name="x1"/>: + price·rate (linear) or + rate/price (inverse), price = S₀·e^x₁.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD AddFunding<L, TD, TU>(TD sum, TD start, TD x1, TD rate, bool linear) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        var price = L.Mul(start, LaneMath.Exp<L, TD, TU>(x1));
        return L.Add(sum, linear ? L.Mul(price, rate) : L.Div(rate, price));
    }

    /// <summary>The lanes in <paramref name="hitBits"/> reached their lowest open level during the step: each closes its hedges there; returns the new levels.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TD ExitLanes<L, TD, TU>(Job job, uint hitBits, TD x, TD x1, TD hi, TD sum, TD level, Span<byte> exit, Span<double> exitSum, Span<double> exitPrice)
        where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        int w = L.Count, ns = job.K.Count;
        Span<double> levels = stackalloc double[w];
        L.Store(level, levels);
        for (int l = 0; l < w; l++)
        {
            if ((hitBits & (1u << l)) == 0) continue;
            double open = job.S0 * LaneMath.Exp(L.Get(x, l)), close = job.S0 * LaneMath.Exp(L.Get(x1, l));
            double high = job.S0 * LaneMath.Exp(L.Get(hi, l));
            levels[l] = Exits(job.K, open, high, close, L.Get(sum, l), exit.Slice(l * ns, ns), exitSum.Slice(l * ns, ns), exitPrice.Slice(l * ns, ns));
        }
        return L.Load(levels);
    }

    /// <summary>The lanes whose rectangle test failed (their bit of <c>Bits</c> clear) finish their normal on their own stream, scalar.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SlowNormals<L, TD, TU>(ref Lanes<TD, TU> state, ReadOnlySpan<ulong> block)
        where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        int w = L.Count;
        Span<ulong> a = stackalloc ulong[4 * w];
        Span<ulong> a0 = a[..w], a1 = a.Slice(w, w), a2 = a.Slice(2 * w, w), a3 = a.Slice(3 * w, w);
        Span<double> zs = stackalloc double[w], us = stackalloc double[w];
        L.StoreU(state.S0, a0); L.StoreU(state.S1, a1); L.StoreU(state.S2, a2); L.StoreU(state.S3, a3);
        L.Store(state.Z, zs);
        L.Store(state.U, us);
        for (int l = 0; l < w; l++)
        {
            if ((state.Bits & (1u << l)) != 0) continue;
            var r = new Rng(a0[l], a1[l], a2[l], a3[l]);
            zs[l] = r.NormalSlow(us[l], (int)block[l]);
            r.GetState(out a0[l], out a1[l], out a2[l], out a3[l]);
        }
        state.S0 = L.LoadU(a0); state.S1 = L.LoadU(a1); state.S2 = L.LoadU(a2); state.S3 = L.LoadU(a3); state.Z = L.Load(zs);
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
