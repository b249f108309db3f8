using System.Runtime.CompilerServices;

namespace HedgeMath.Scenarios;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", 2021), seeded by
/// SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", 2014). One stream per
/// Monte Carlo path, derived from (seed, path index), so results do not depend on the thread count.
/// </summary>
internal struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The stream for path <paramref name="stream"/> of a run seeded with <paramref name="seed"/>.</summary>
    public Rng(ulong seed, ulong stream)
    {
        ulong x = seed ^ unchecked(stream * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    /// <summary>A stream resumed from its four state words (see <see cref="GetState"/>).</summary>
    public Rng(ulong s0, ulong s1, ulong s2, ulong s3) { _s0 = s0; _s1 = s1; _s2 = s2; _s3 = s3; }

    /// <summary>The four state words, to carry the stream in a lane of <see cref="MonteCarloLanes"/> and back.</summary>
    public readonly void GetState(out ulong s0, out ulong s1, out ulong s2, out ulong s3) { s0 = _s0; s1 = _s1; s2 = _s2; s3 = _s3; }

    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            ulong z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextULong()
    {
        unchecked
        {
            ulong result = BitRotate(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
            _s2 ^= t;
            _s3 = BitRotate(_s3, 45);
            return result;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitRotate(ulong x, int k) => System.Numerics.BitOperations.RotateLeft(x, k);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1] (never 0, so its logarithm is finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenUnit() => ((NextULong() >> 11) + 1UL) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) (Lemire's multiply-shift; bias below 2⁻³² for the n used here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n) => unchecked((int)(((NextULong() >> 32) * (uint)n) >> 32));

    /// <summary>
    /// Standard normal by the ziggurat method of Marsaglia &amp; Tsang (2000) in Doornik's variant (ZIGNOR: "An Improved
    /// Ziggurat Method to Generate Normal Random Samples", 2005): 128 blocks, R = 3.442619855899, V = 9.91256303526217e-3;
    /// the rectangle test takes one 64-bit draw (53 bits for the uniform, 7 independent low bits for the block).
    /// Tail beyond R by Marsaglia's exponential method.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextNormal()
    {
        ulong bits = NextULong();
        double u = SignedUnit(bits);
        int i = unchecked((int)bits) & 0x7F;
        var r = Ziggurat.R;
        if (Math.Abs(u) < r[i]) return u * Ziggurat.X[i];
        return NormalSlow(u, i);
    }

    /// <summary>
    /// The ziggurat's uniform in [−1, 1) from the top 52 bits of a draw: the double 2 + k·2⁻⁵¹ built from the bits, minus 3
    /// (exact; the vector kernel computes the same bits the same way).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double SignedUnit(ulong bits) => BitConverter.UInt64BitsToDouble((bits >> 12) | 0x4000000000000000UL) - 3.0;

    /// <summary>
    /// The ziggurat's slow path (the rectangle test failed for block <paramref name="i"/>): the wedge test, the tail, or a
    /// new draw. exp and log are <see cref="LaneMath"/>'s, so a path's normals do not depend on the C runtime's libm.
    /// </summary>
    internal double NormalSlow(double u, int i)
    {
        var zx = Ziggurat.X; var zr = Ziggurat.R;
        while (true)
        {
            if (Math.Abs(u) < zr[i]) return u * zx[i];
            if (i == 0)
            {
                double x, y;
                do
                {
                    x = LaneMath.Log(1.0 - NextDouble()) / Ziggurat.TailStart;
                    y = LaneMath.Log(1.0 - NextDouble());
                } while (-2.0 * y < x * x);
                return u < 0 ? x - Ziggurat.TailStart : Ziggurat.TailStart - x;
            }
            double xs = u * zx[i];
            double f0 = LaneMath.Exp(-0.5 * (zx[i] * zx[i] - xs * xs));
            double f1 = LaneMath.Exp(-0.5 * (zx[i + 1] * zx[i + 1] - xs * xs));
            if (f1 + NextDouble() * (f0 - f1) < 1.0) return xs;
            ulong bits = NextULong();
            u = SignedUnit(bits);
            i = (int)(bits & 0x7F);
        }
    }

    /// <summary>The ziggurat tables: block edges X (X[0] = V/f(R), X[1] = R, X[128] = 0) and ratios R[i] = X[i+1]/X[i].</summary>
    internal static class Ziggurat
    {
        public const int Blocks = 128;
        public const double TailStart = 3.442619855899;
        private const double Area = 9.91256303526217e-3;
        public static readonly double[] X = BuildX();
        public static readonly double[] R = BuildR(X);

        private static double[] BuildX()
        {
            var x = new double[Blocks + 1];
            double f = LaneMath.Exp(-0.5 * TailStart * TailStart);
            x[0] = Area / f;
            x[1] = TailStart;
            x[Blocks] = 0.0;
            for (int i = 2; i < Blocks; i++)
            {
                x[i] = Math.Sqrt(-2.0 * LaneMath.Log(Area / x[i - 1] + f));
                f = LaneMath.Exp(-0.5 * x[i] * x[i]);
            }
            return x;
        }

        private static double[] BuildR(double[] x)
        {
            var r = new double[Blocks];
            for (int i = 0; i < Blocks; i++) r[i] = x[i + 1] / x[i];
            return r;
        }
    }
}
