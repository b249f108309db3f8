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
        double u = 2.0 * ((bits >> 11) * (1.0 / (1UL << 53))) - 1.0;
        int i = unchecked((int)bits) & 0x7F;
        var r = Ziggurat.R;
        if (Math.Abs(u) < r[i]) return u * Ziggurat.X[i];
        return NormalSlow(u, i);
    }

    private double NormalSlow(double u, int i)
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
                    x = Math.Log(1.0 - NextDouble()) / Ziggurat.TailStart;
                    y = Math.Log(1.0 - NextDouble());
                } while (-2.0 * y < x * x);
                return u < 0 ? x - Ziggurat.TailStart : Ziggurat.TailStart - x;
            }
            double xs = u * zx[i];
            double f0 = Math.Exp(-0.5 * (zx[i] * zx[i] - xs * xs));
            double f1 = Math.Exp(-0.5 * (zx[i + 1] * zx[i + 1] - xs * xs));
            if (f1 + NextDouble() * (f0 - f1) < 1.0) return xs;
            ulong bits = NextULong();
            u = 2.0 * ((bits >> 11) * (1.0 / (1UL << 53))) - 1.0;
            i = (int)(bits & 0x7F);
        }
    }

    /// <summary>The ziggurat tables: block edges X (X[0] = V/f(R), X[1] = R, X[128] = 0) and ratios R[i] = X[i+1]/X[i].</summary>
    private static class Ziggurat
    {
        public const int Blocks = 128;
        public const double TailStart = 3.442619855899;
        private const double Area = 9.91256303526217e-3;
        public static readonly double[] X = BuildX();
        public static readonly double[] R = BuildR(X);

        private static double[] BuildX()
        {
            var x = new double[Blocks + 1];
            double f = Math.Exp(-0.5 * TailStart * TailStart);
            x[0] = Area / f;
            x[1] = TailStart;
            x[Blocks] = 0.0;
            for (int i = 2; i < Blocks; i++)
            {
                x[i] = Math.Sqrt(-2.0 * Math.Log(Area / x[i - 1] + f));
                f = Math.Exp(-0.5 * x[i] * x[i]);
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
