using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>Relative Strength Index with Wilder smoothing (Wilder, <i>New Concepts in Technical Trading Systems</i>, 1978).</summary>
/// <remarks>
/// <para>Changes <c>d[i] = x[i] − x[i−1]</c>, gain <c>g = max(d, 0)</c>, loss <c>l = max(−d, 0)</c>. The averages are
/// seeded with the simple mean of the first N gains and losses (i = 1..N) and then smoothed with Wilder's
/// factor 1/N: <c>avg[i] = (avg[i−1]·(N−1) + g[i]) / N</c>, evaluated as <c>avg·((N−1)/N) + g·(1/N)</c> with one
/// fused multiply-add so the recursion is not limited by division latency (agrees with Stock.Indicators for .NET
/// to ~1e-15 relative). <c>RSI = 100·avgGain/(avgGain + avgLoss)</c>, which equals
/// <c>100 − 100/(1 + avgGain/avgLoss)</c>. First value at index N (<see cref="WarmupPeriods"/> = N).</para>
/// <para>Conventions: no losses in the average gives exactly 100, no gains exactly 0 (as Stock.Indicators).
/// A flat series (no gains and no losses) is neutral: <see cref="FlatValue"/> = 50. Stock.Indicators and
/// TradingView return 100 and TA-Lib 0 in that case; HedgeMath chooses 50 so a frozen feed does not read
/// as overbought. Result always in [0, 100]. Stateless and thread-safe.</para>
/// </remarks>
public static class Rsi
{
    /// <summary>The default lookback (14 bars).</summary>
    public const int DefaultLookbackPeriods = 14;

    /// <summary>The RSI of a flat window (no gains and no losses): 50.</summary>
    public const double FlatValue = 50d;

    /// <summary>The number of leading <see cref="double.NaN"/> outputs: N (one change is lost at the start).</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>N.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int WarmupPeriods(int lookbackPeriods)
    {
        IndicatorGuard.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return lookbackPeriods;
    }

    /// <summary>Bars after which the seed's influence has decayed (10·N, the figure Stock.Indicators removes as convergence warm-up).</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>10·N.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int ConvergencePeriods(int lookbackPeriods)
    {
        IndicatorGuard.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return checked(10 * lookbackPeriods);
    }

    /// <summary>Writes the RSI of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The values, usually closes (finite).</param>
    /// <param name="destination">Receives one value per source value; NaN during warm-up.</param>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive, or <paramref name="source"/> holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Compute(ReadOnlySpan<double> source, Span<double> destination, int lookbackPeriods)
    {
        IndicatorGuard.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        IndicatorGuard.Destination(destination.Length, source.Length, nameof(destination));
        IndicatorGuard.Finite(source, nameof(source));
        ComputeCore(source, destination[..source.Length], lookbackPeriods);
    }

    /// <summary>The RSI of <paramref name="source"/> as a new array.</summary>
    /// <param name="source">The values, usually closes (finite).</param>
    /// <param name="lookbackPeriods">N, at least 1 (default 14).</param>
    /// <returns>One value per source value; NaN during warm-up.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive, or <paramref name="source"/> holds NaN or infinity.</exception>
    public static double[] Compute(ReadOnlySpan<double> source, int lookbackPeriods = DefaultLookbackPeriods)
    {
        var result = new double[source.Length];
        Compute(source, result, lookbackPeriods);
        return result;
    }

    /// <summary>The RSI of the candles' closes.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="lookbackPeriods">N, at least 1 (default 14).</param>
    /// <returns>One value per candle; NaN during warm-up.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static double[] Compute(IReadOnlyList<Candle> candles, int lookbackPeriods = DefaultLookbackPeriods) =>
        Compute(CandleSeries.Closes(candles), lookbackPeriods);

    /// <summary>RSI from the two averages (shared with <see cref="RsiStream"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double FromAverages(double avgGain, double avgLoss)
    {
        double total = avgGain + avgLoss;
        return total > 0 ? 100d * (avgGain / total) : FlatValue;
    }

    /// <summary>Gain of a change, exactly max(d, 0), without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Gain(double change) => (change + Math.Abs(change)) * 0.5;

    /// <summary>Loss of a change, exactly max(−d, 0), without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Loss(double change) => (Math.Abs(change) - change) * 0.5;

    internal static void ComputeCore(ReadOnlySpan<double> source, Span<double> destination, int n)
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
        // Two passes per chunk of 256 bars so the division is off the recursion and vectorized: pass 1 runs the two
        // fused multiply-add chains and parks avgGain (in the destination) and avgGain + avgLoss (on the stack);
        // pass 2 divides a vector at a time. Same IEEE operations as FromAverages, so results equal RsiStream's.
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

    /// <summary>In place: gain[i] ← RSI from gain[i] and total[i] = gain + loss (vectorized <see cref="FromAverages(double, double)"/>).</summary>
    private static void FromAverages(Span<double> gainThenRsi, ReadOnlySpan<double> total)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var hundred = new Vector<double>(100d);
            var flat = new Vector<double>(FlatValue);
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
            gainThenRsi[i] = t > 0 ? 100d * (gainThenRsi[i] / t) : FlatValue;
        }
    }
}
