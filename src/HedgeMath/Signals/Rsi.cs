using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Market;
using HedgeMath.Internal;

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
/// A flat window (no gains and no losses) gives <see cref="FlatValue"/> = 100, as Stock.Indicators for .NET and
/// TradingView do (its rule: RSI = 100 whenever the average loss is 0), so results match that library on any
/// input. Signal consumers that must not read a frozen feed as overbought should check for it themselves.
/// Result always in [0, 100]. The static methods are stateless and thread-safe; an instance is the streaming form (see <see cref="IIndicatorStream{TInput, TValue}"/>).</para>
/// </remarks>
public sealed partial class Rsi
{
    /// <summary>The default lookback (14 bars).</summary>
    public const int DefaultLookbackPeriods = 14;

    /// <summary>The RSI of a flat window (no gains and no losses): 100, Stock.Indicators' convention (average loss 0 → 100).</summary>
    public const double FlatValue = 100d;

    /// <summary>The number of leading <see cref="double.NaN"/> outputs: N (one change is lost at the start).</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>N.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int WarmupPeriods(int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return lookbackPeriods;
    }

    /// <summary>Bars after which the seed's influence has decayed (10·N, the figure Stock.Indicators removes as convergence warm-up).</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>10·N.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int ConvergencePeriods(int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
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
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        Preconditions.DestinationLongEnough(destination.Length, source.Length, nameof(destination));
        Preconditions.IndicatorValues(source, nameof(source));
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
        Compute(Candle.Closes(candles), lookbackPeriods);

    /// <summary>RSI from the two averages (shared with <see cref="Rsi"/>).</summary>
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
        var state = Seed(source, n);
        destination[n] = FromAverages(state.AvgGain, state.AvgLoss);
        var (decay, halfWeight) = ChainFactors(n);
        // The two Wilder chains (one fused multiply-add each per bar) are the only sequential work. Each chunk of bars
        // parks avgGain (in the destination) and avgLoss (in scratch); the divisions that turn them into RSI
        // run a vector at a time for the PREVIOUS chunk inside the same loop, so the divider works while the chains
        // wait on their multiply-add latency. Same IEEE operations as FromAverages, so results equal Rsi's and the
        // single-loop form's bit for bit.
        const int Chunk = 256;
        Span<double> losses = stackalloc double[2 * Chunk];
        int pendingStart = 0, pendingCount = 0, half = 0;
        unchecked
        {
            for (int start = n + 1; start < length; start += Chunk)
            {
                int count = Math.Min(Chunk, length - start);
                var pendingLoss = losses.Slice((1 - half) * Chunk, pendingCount);
                int done = Chains(source.Slice(start, count), destination.Slice(start, count), losses.Slice(half * Chunk, count),
                    destination.Slice(pendingStart, pendingCount), pendingLoss, decay, halfWeight, ref state);
                FromAverages(destination.Slice(pendingStart + done, pendingCount - done), pendingLoss[done..]);
                pendingStart = start;
                pendingCount = count;
                half = 1 - half;
            }
            FromAverages(destination.Slice(pendingStart, pendingCount), losses.Slice((1 - half) * Chunk, pendingCount));
        }
    }

    /// <summary>The state of the two Wilder chains after a bar: the averages and the bar's value.</summary>
    internal struct ChainState
    {
        public double AvgGain, AvgLoss, Previous;
    }

    /// <summary>The state at bar N: the simple means of the first N gains and losses (bars 1..N). Needs more than N values.</summary>
    private static ChainState Seed(ReadOnlySpan<double> source, int n)
    {
        double sumGain = 0, sumLoss = 0;
        for (int p = 1; p <= n; p++)
        {
            double d = source[p] - source[p - 1];
            sumGain += Gain(d);
            sumLoss += Loss(d);
        }
        return new ChainState { AvgGain = sumGain / n, AvgLoss = sumLoss / n, Previous = source[n] };
    }

    /// <summary>The chain's factors: (N−1)/N and 0.5/N.</summary>
    /// <remarks>
    /// Gain(d)·(1/N) = ((d + |d|)·0.5)·(1/N) is evaluated as (d + |d|)·(0.5/N): d + |d| is 2d or 0 exactly and 0.5/N is
    /// exact, so both are the one rounding of d/N (or 0), the same bits with one multiply fewer. Likewise for the loss.
    /// </remarks>
    private static (double Decay, double HalfWeight) ChainFactors(int n) => ((n - 1d) / n, 0.5 * (1d / n));

    /// <summary>
    /// The RSI of bars <paramref name="start"/> .. start + destination.Length − 1 of <paramref name="source"/> (the whole
    /// series, validated), given the chains' <paramref name="state"/> after the bar before (any value when start ≤ N),
    /// which it moves on. Bar for bar the operations of <see cref="ComputeCore"/> (the same seed, chains and division),
    /// so consecutive blocks give its output bit for bit; <see cref="SignalSeries"/> runs it a cache-sized block at a time.
    /// <paramref name="lossScratch"/> holds at least destination.Length values.
    /// </summary>
    internal static void ComputeBlock(ReadOnlySpan<double> source, int start, Span<double> destination, Span<double> lossScratch,
        int n, ref ChainState state)
    {
        int count = destination.Length, j = 0;
        for (; j < count && start + j < n; j++) destination[j] = double.NaN;
        if (j < count && start + j == n)
        {
            state = Seed(source, n);
            destination[j] = FromAverages(state.AvgGain, state.AvgLoss);
            j++;
        }
        if (j == count) return;
        var (decay, halfWeight) = ChainFactors(n);
        var gain = destination[j..];
        var loss = lossScratch[..gain.Length];
        Chains(source.Slice(start + j, gain.Length), gain, loss, Span<double>.Empty, ReadOnlySpan<double>.Empty, decay, halfWeight, ref state);
        FromAverages(gain, loss);
    }

    /// <summary>
    /// Runs the two chains over <paramref name="source"/> (avgGain into <paramref name="gain"/>, avgLoss into
    /// <paramref name="loss"/>) and, a vector per vector's worth of bars, turns the previous chunk's averages into RSI.
    /// A method of its own so that the chain values live in registers. Returns how many pending bars it finished.
    /// </summary>
    private static int Chains(ReadOnlySpan<double> source, Span<double> gain, Span<double> loss, Span<double> pendingGain,
        ReadOnlySpan<double> pendingLoss, double decay, double halfWeight, ref ChainState state)
    {
        double avgGain = state.AvgGain, avgLoss = state.AvgLoss, prev = state.Previous;
        ref double src = ref MemoryMarshal.GetReference(source);
        ref double g = ref MemoryMarshal.GetReference(gain);
        ref double l = ref MemoryMarshal.GetReference(loss);
        ref double pg = ref MemoryMarshal.GetReference(pendingGain);
        ref double pl = ref MemoryMarshal.GetReference(pendingLoss);
        int count = source.Length, pendingCount = pendingGain.Length, j = 0, done = 0;
        unchecked
        {
            if (Vector.IsHardwareAccelerated)
            {
                int w = Vector<double>.Count;
                var hundred = new Vector<double>(100d);
                var flat = new Vector<double>(FlatValue);
                for (; j <= count - w; j += w)
                {
                    for (int q = j; q < j + w; q++)
                    {
                        double x = Unsafe.Add(ref src, q);
                        double d = x - prev;
                        prev = x;
                        double a = Math.Abs(d);
                        avgGain = Math.FusedMultiplyAdd(avgGain, decay, (d + a) * halfWeight);
                        avgLoss = Math.FusedMultiplyAdd(avgLoss, decay, (a - d) * halfWeight);
                        Unsafe.Add(ref g, q) = avgGain;
                        Unsafe.Add(ref l, q) = avgLoss;
                    }
                    if (done <= pendingCount - w)
                    {
                        var vg = Vector.LoadUnsafe(ref pg, (nuint)done);
                        var vt = vg + Vector.LoadUnsafe(ref pl, (nuint)done);
                        Vector.ConditionalSelect(Vector.GreaterThan(vt, Vector<double>.Zero), hundred * (vg / vt), flat).StoreUnsafe(ref pg, (nuint)done);
                        done += w;
                    }
                }
            }
            for (; j < count; j++)
            {
                double x = Unsafe.Add(ref src, j);
                double d = x - prev;
                prev = x;
                double a = Math.Abs(d);
                avgGain = Math.FusedMultiplyAdd(avgGain, decay, (d + a) * halfWeight);
                avgLoss = Math.FusedMultiplyAdd(avgLoss, decay, (a - d) * halfWeight);
                Unsafe.Add(ref g, j) = avgGain;
                Unsafe.Add(ref l, j) = avgLoss;
            }
        }
        state.AvgGain = avgGain;
        state.AvgLoss = avgLoss;
        state.Previous = prev;
        return done;
    }

    /// <summary>In place: gain[i] ← RSI from gain[i] and loss[i] (vectorized <see cref="FromAverages(double, double)"/>).</summary>
    private static void FromAverages(Span<double> gainThenRsi, ReadOnlySpan<double> loss)
    {
        unchecked
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var hundred = new Vector<double>(100d);
                var flat = new Vector<double>(FlatValue);
                ref double g = ref MemoryMarshal.GetReference(gainThenRsi);
                ref double t = ref MemoryMarshal.GetReference(loss);
                for (; i <= gainThenRsi.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    var vg = Vector.LoadUnsafe(ref g, (nuint)i);
                    var vt = vg + Vector.LoadUnsafe(ref t, (nuint)i);
                    var rsi = hundred * (vg / vt);
                    Vector.ConditionalSelect(Vector.GreaterThan(vt, Vector<double>.Zero), rsi, flat).StoreUnsafe(ref g, (nuint)i);
                }
            }
            for (; i < gainThenRsi.Length; i++) gainThenRsi[i] = FromAverages(gainThenRsi[i], loss[i]);
        }
    }
}
