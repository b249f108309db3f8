using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HedgeMath.Signals;
using HedgeMath.Internal;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Issue 13, measured side by side in one run: Bollinger's rolling variance before (periodic recompute only, copied
/// below as the baseline) and after (recompute also when the accumulated rounding bound exceeds 2⁻²⁰ of the
/// variance), batch and streaming; and the input scan every batch indicator runs (finite before, finite and
/// |x| ≤ 1e100 after). Series: a random walk (no spikes, the common case) and the same walk with a ×1e6 spike every
/// 500 bars (each spike costs one O(N) recompute when it leaves the window).
/// Run: dotnet run -c Release --project benchmarks/HedgeMath.Benchmarks -- --filter '*BollingerVariance*' --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class BollingerVarianceBenchmarks
{
    [Params(1_000_000)]
    public int N;

    [Params(false, true)]
    public bool Spikes;

    private double[] _x = [];
    private double[] _u = [], _m = [], _l = [], _b = [], _w = [], _z = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _x = new double[N];
        double p = 30_000;
        for (int i = 0; i < N; i++)
        {
            p *= Math.Exp((rng.NextDouble() - 0.5) * 0.06);
            _x[i] = Math.Round(p, 2) * (Spikes && i % 500 == 250 ? 1e6 : 1);
        }
        _u = new double[N]; _m = new double[N]; _l = new double[N]; _b = new double[N]; _w = new double[N]; _z = new double[N];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Batch")]
    public double Bollinger_Before()
    {
        Legacy.Compute(_x, _u, _m, _l, _b, _w, _z, 20, 2);
        return _u[^1];
    }

    [Benchmark, BenchmarkCategory("Batch")]
    public double Bollinger_After()
    {
        BollingerBands.Compute(_x, _u, _m, _l, _b, _w, _z, 20, 2);
        return _u[^1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Stream")]
    public double BollingerStream_Before()
    {
        var s = new Legacy.Stream(20, 2);
        double last = 0;
        foreach (var v in _x) last = s.Add(v);
        return last;
    }

    [Benchmark, BenchmarkCategory("Stream")]
    public double BollingerStream_After()
    {
        var s = new BollingerBands(20, 2);
        BollingerValue last = default;
        foreach (var v in _x) last = s.Add(v);
        return last.Upper;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("InputScan")]
    public int FiniteScan_Before() => Legacy.FirstNonFinite(_x);

    [Benchmark, BenchmarkCategory("InputScan")]
    public int FiniteScan_After() => Preconditions.FirstBeyondIndicatorLimit(_x);

    /// <summary>The implementation before issue 13, kept verbatim as the baseline.</summary>
    private static class Legacy
    {
        private struct Moments
        {
            private const double NoiseFloor = 1e-13;
            public double Anchor, S1, S2, Sum, Compensation;

            public void Reset(double anchor) { Anchor = anchor; S1 = 0; S2 = 0; Sum = 0; Compensation = 0; }

            public void Accumulate(ReadOnlySpan<double> part)
            {
                double s1 = S1, s2 = S2, sum = Sum, k = Anchor;
                foreach (double x in part) { double d = x - k; s1 += d; s2 += d * d; sum += x; }
                S1 = s1; S2 = s2; Sum = sum;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Slide(double added, double removed)
            {
                double a = added - Anchor, r = removed - Anchor;
                S1 += a - r;
                S2 += (a * a) - (r * r);
                double d = added - removed, t = Sum + d, bp = t - Sum;
                Compensation += (Sum - (t - bp)) + (d - bp);
                Sum = t;
            }

            public readonly double Mean(int n) => (Sum + Compensation) / n;

            public readonly double StdDev(double invN)
            {
                double variance = (S2 - (S1 * S1 * invN)) * invN;
                return variance > S2 * invN * NoiseFloor ? Math.Sqrt(variance) : 0d;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (double Up, double Mid, double Lo, double PctB, double Width, double Z) Bar(in Moments m, double x, int n, double invN, double k)
        {
            double mean = m.Mean(n), sd = m.StdDev(invN), dev = k * sd, up = mean + dev, lo = mean - dev, pctB, z;
            if (sd > 0) { double inv = 1d / sd; pctB = (x - lo) * (inv * (0.5 / k)); z = (x - mean) * inv; }
            else { pctB = 0.5; z = 0; }
            return (up, mean, lo, pctB, mean != 0 ? (up - lo) / mean : double.NaN, z);
        }

        public static int FirstNonFinite(ReadOnlySpan<double> values)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
            {
                ref double r = ref MemoryMarshal.GetReference(values);
                int last = values.Length - Vector<double>.Count;
                for (; i <= last; i += Vector<double>.Count)
                {
                    var v = Vector.LoadUnsafe(ref r, (nuint)i);
                    if (!Vector.EqualsAll(v - v, Vector<double>.Zero)) break;
                }
            }
            for (; i < values.Length; i++) if (!double.IsFinite(values[i])) return i;
            return -1;
        }

        public static void Compute(ReadOnlySpan<double> source, Span<double> upper, Span<double> middle, Span<double> lower,
            Span<double> percentB, Span<double> width, Span<double> zScore, int n, double k)
        {
            if (FirstNonFinite(source) >= 0) throw new ArgumentOutOfRangeException(nameof(source));
            int length = source.Length;
            int warm = Math.Min(n - 1, length);
            upper[..warm].Fill(double.NaN); middle[..warm].Fill(double.NaN); lower[..warm].Fill(double.NaN);
            percentB[..warm].Fill(double.NaN); width[..warm].Fill(double.NaN); zScore[..warm].Fill(double.NaN);
            if (length < n) return;
            double invN = 1d / n;
            int interval = Math.Max(64, n), countdown = 0;
            Moments mo = default;
            ref double src = ref MemoryMarshal.GetReference(source);
            for (int i = n - 1; i < length; i++)
            {
                double x = Unsafe.Add(ref src, i);
                if (countdown == 0) { mo.Reset(x); mo.Accumulate(source.Slice(i - n + 1, n)); countdown = interval; }
                else mo.Slide(x, Unsafe.Add(ref src, i - n));
                countdown--;
                var v = Bar(mo, x, n, invN, k);
                upper[i] = v.Up; middle[i] = v.Mid; lower[i] = v.Lo; percentB[i] = v.PctB; width[i] = v.Width; zScore[i] = v.Z;
            }
        }

        /// <summary>The stream before: ring buffer, periodic recompute only.</summary>
        public sealed class Stream(int n, double k)
        {
            public int Replaced => _prevCount + _prevHead + _prevCountdown + (int)_prev.S1;

            private readonly double[] _ring = new double[n];
            private readonly int _interval = Math.Max(64, n);
            private readonly double _invN = 1d / n;
            private int _count, _head, _countdown, _prevCount, _prevHead, _prevCountdown;
            private Moments _m, _prev;

            public double Add(double x)
            {
                if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x));
                // The state copy the real stream keeps for ReplaceLast.
                _prev = _m; _prevCount = _count; _prevHead = _head; _prevCountdown = _countdown;
                int slot = _count < n ? _count : _head;
                double removed = _ring[slot];
                _ring[slot] = x;
                if (_count >= n) _head = slot + 1 == n ? 0 : slot + 1;
                _count++;
                if (_count < n) return double.NaN;
                if (_countdown == 0)
                {
                    _m.Reset(x); _m.Accumulate(_ring.AsSpan(_head)); _m.Accumulate(_ring.AsSpan(0, _head)); _countdown = _interval;
                }
                else _m.Slide(x, removed);
                _countdown--;
                return Bar(_m, x, n, _invN, k).Up;
            }
        }
    }
}
