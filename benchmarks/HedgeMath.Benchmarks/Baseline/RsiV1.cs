using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HedgeMath.Benchmarks.Baseline;

/// <summary>
/// Frozen copy of <c>Rsi.ComputeCore</c> as it was before issue 15 (commit baa14ae): the benchmarks' baseline and the
/// tests' bit-for-bit reference (this file is linked into HedgeMath.Tests). Do not optimise.
/// </summary>
internal static class RsiV1
{
    public static void Compute(ReadOnlySpan<double> source, Span<double> destination, int n)
    {
        int length = source.Length;
        int warm = Math.Min(n, length);
        destination[..warm].Fill(double.NaN);
        if (length <= n) return;
        double sumGain = 0, sumLoss = 0;
        for (int p = 1; p <= n; p++)
        {
            double d = source[p] - source[p - 1];
            sumGain += Gain(d);
            sumLoss += Loss(d);
        }
        double avgGain = sumGain / n, avgLoss = sumLoss / n;
        destination[n] = FromAverages(avgGain, avgLoss);
        double decay = (n - 1d) / n, weight = 1d / n;
        const int Chunk = 256;
        Span<double> totals = stackalloc double[Chunk];
        ref double src = ref MemoryMarshal.GetReference(source);
        ref double dst = ref MemoryMarshal.GetReference(destination);
        ref double tot = ref MemoryMarshal.GetReference(totals);
        double prev = source[n];
        unchecked
        {
            for (int start = n + 1; start < length; start += Chunk)
            {
                int count = Math.Min(Chunk, length - start);
                for (int j = 0; j < count; j++)
                {
                    double x = Unsafe.Add(ref src, start + j);
                    double d = x - prev;
                    prev = x;
                    avgGain = Math.FusedMultiplyAdd(avgGain, decay, Gain(d) * weight);
                    avgLoss = Math.FusedMultiplyAdd(avgLoss, decay, Loss(d) * weight);
                    Unsafe.Add(ref dst, start + j) = avgGain;
                    Unsafe.Add(ref tot, j) = avgGain + avgLoss;
                }
                FromAverages(destination.Slice(start, count), totals[..count]);
            }
        }
    }

    private static double FromAverages(double avgGain, double avgLoss)
    {
        double total = avgGain + avgLoss;
        return total > 0 ? 100d * (avgGain / total) : 100d;
    }

    private static double Gain(double change) => (change + Math.Abs(change)) * 0.5;

    private static double Loss(double change) => (Math.Abs(change) - change) * 0.5;

    private static void FromAverages(Span<double> gainThenRsi, ReadOnlySpan<double> total)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var hundred = new Vector<double>(100d);
            var flat = new Vector<double>(100d);
            ref double g = ref MemoryMarshal.GetReference(gainThenRsi);
            ref double t = ref MemoryMarshal.GetReference(total);
            for (; i <= gainThenRsi.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var vg = Vector.LoadUnsafe(ref g, (nuint)i);
                var vt = Vector.LoadUnsafe(ref t, (nuint)i);
                var rsi = hundred * (vg / vt);
                Vector.ConditionalSelect(Vector.GreaterThan(vt, Vector<double>.Zero), rsi, flat).StoreUnsafe(ref g, (nuint)i);
            }
        }
        for (; i < gainThenRsi.Length; i++)
        {
            double t = total[i];
            gainThenRsi[i] = t > 0 ? 100d * (gainThenRsi[i] / t) : 100d;
        }
    }
}
