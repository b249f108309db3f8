using System.Numerics;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>Bollinger Bands (John Bollinger, <i>Bollinger on Bollinger Bands</i>, 2001): an SMA with bands k population standard deviations away.</summary>
/// <remarks>
/// <para><c>middle = SMA_N(x)</c>, <c>σ = √(Σ(x − middle)²/N)</c> (population), <c>upper = middle + k·σ</c>,
/// <c>lower = middle − k·σ</c>, <c>%B = (x − lower)/(upper − lower)</c>, <c>width = (upper − lower)/middle</c> (a fraction),
/// <c>z = (x − middle)/σ</c>. First value at index N − 1. Conventions: when σ = 0 (all N values equal, so x = middle)
/// %B = 0.5 and z = 0, width = 0; width is NaN when middle = 0.</para>
/// <para>O(1) per bar: anchored rolling sums of the deviations, recomputed exactly every max(64, N) bars and
/// whenever their accumulated rounding error could exceed ~1e-10 of the window's own variance (after a spike leaves,
/// or when a flat run follows a trend), so σ is accurate relative to the window's values whatever came before and a
/// flat window has width exactly 0 (see docs/signals.md). The static methods are stateless and thread-safe; an instance is the streaming form (see <see cref="IIndicatorStream{TInput, TValue}"/>).</para>
/// </remarks>
public sealed partial class BollingerBands
{
    /// <summary>Default lookback (20 bars).</summary>
    public const int DefaultLookbackPeriods = 20;
    /// <summary>Default band multiplier (2 standard deviations).</summary>
    public const double DefaultStandardDeviations = 2d;

    /// <summary>The number of leading NaN values: N − 1.</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>N − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int WarmupPeriods(int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return lookbackPeriods - 1;
    }

    /// <summary>Writes all six Bollinger outputs of <paramref name="source"/>.</summary>
    /// <param name="source">The values, usually closes (finite).</param>
    /// <param name="upper">Receives the upper band.</param>
    /// <param name="middle">Receives the middle band (SMA).</param>
    /// <param name="lower">Receives the lower band.</param>
    /// <param name="percentB">Receives %B = (x − lower)/(upper − lower).</param>
    /// <param name="width">Receives (upper − lower)/middle as a fraction.</param>
    /// <param name="zScore">Receives (x − middle)/σ.</param>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <param name="standardDeviations">The band multiplier k, finite and &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> or <paramref name="standardDeviations"/> is not positive, or <paramref name="source"/> holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException">A destination is shorter than <paramref name="source"/>.</exception>
    public static void Compute(ReadOnlySpan<double> source, Span<double> upper, Span<double> middle, Span<double> lower,
        Span<double> percentB, Span<double> width, Span<double> zScore, int lookbackPeriods, double standardDeviations)
    {
        Validate(lookbackPeriods, standardDeviations);
        int len = source.Length;
        Preconditions.DestinationLongEnough(upper.Length, len, nameof(upper));
        Preconditions.DestinationLongEnough(middle.Length, len, nameof(middle));
        Preconditions.DestinationLongEnough(lower.Length, len, nameof(lower));
        Preconditions.DestinationLongEnough(percentB.Length, len, nameof(percentB));
        Preconditions.DestinationLongEnough(width.Length, len, nameof(width));
        Preconditions.DestinationLongEnough(zScore.Length, len, nameof(zScore));
        Preconditions.IndicatorValues(source, nameof(source));
        ComputeCore(source, upper[..len], middle[..len], lower[..len], percentB[..len], width[..len], zScore[..len], lookbackPeriods, standardDeviations);
    }

    /// <summary>The Bollinger Bands of <paramref name="source"/>, one reading per value.</summary>
    /// <param name="source">The values, usually closes (finite).</param>
    /// <param name="lookbackPeriods">N (default 20).</param>
    /// <param name="standardDeviations">The band multiplier k (default 2).</param>
    /// <returns>One reading per value (the six outputs; all NaN during warm-up); the span overload writes each series into its own destination.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive, or <paramref name="source"/> holds NaN or infinity.</exception>
    public static ImmutableArray<BollingerValue> Compute(ReadOnlySpan<double> source, int lookbackPeriods = DefaultLookbackPeriods,
        double standardDeviations = DefaultStandardDeviations)
    {
        int n = source.Length;
        double[] u = new double[n], m = new double[n], l = new double[n], b = new double[n], w = new double[n], z = new double[n];
        Compute(source, u, m, l, b, w, z, lookbackPeriods, standardDeviations);
        var values = new BollingerValue[n];
        for (int i = 0; i < n; i++) values[i] = new BollingerValue(u[i], m[i], l[i], b[i], w[i], z[i]);
        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    /// <summary>The Bollinger Bands of the candles' closes.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="lookbackPeriods">N (default 20).</param>
    /// <param name="standardDeviations">The band multiplier k (default 2).</param>
    /// <returns>One reading per candle (the six outputs; all NaN during warm-up).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive.</exception>
    public static ImmutableArray<BollingerValue> Compute(IReadOnlyList<Candle> candles, int lookbackPeriods = DefaultLookbackPeriods,
        double standardDeviations = DefaultStandardDeviations) =>
        Compute(Candle.Closes(candles), lookbackPeriods, standardDeviations);

    internal static void Validate(int lookbackPeriods, double standardDeviations)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        Multiplier(standardDeviations, nameof(standardDeviations));
    }

    /// <summary>Requires a band multiplier k in [<see cref="MinStandardDeviations"/>, <see cref="MaxStandardDeviations"/>] (also <see cref="SignalOptions.BollingerStandardDeviations"/>'s rule).</summary>
    internal static double Multiplier(double value, string paramName)
    {
        if (!(value >= MinStandardDeviations && value <= MaxStandardDeviations))
            Preconditions.ThrowOutOfRange(paramName, value,
                $"must be a finite number in the range [{MinStandardDeviations}, {MaxStandardDeviations}] (band multipliers beyond it make %B or the bands overflow)");
        return value;
    }

    /// <summary>The smallest band multiplier accepted.</summary>
    internal const double MinStandardDeviations = 1e-3;

    /// <summary>The largest band multiplier accepted.</summary>
    internal const double MaxStandardDeviations = 1e3;

    /// <summary>The six outputs of one bar from the window moments (shared with <see cref="BollingerBands"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BollingerValue Bar(in WindowMoments m, double x, int n, double invN, double k)
    {
        double mean = m.Mean(n);
        double sd = m.PopulationStdDev(invN);
        double dev = k * sd;
        double up = mean + dev, lo = mean - dev;
        double pctB, z;
        if (sd > 0)
        {
            // One division: 1/σ. %B = (x − lower)/(2kσ) and z = (x − middle)/σ as products (a few ulps from the quotients).
            double inv = 1d / sd;
            pctB = (x - lo) * (inv * (0.5 / k));
            z = (x - mean) * inv;
        }
        else
        {
            pctB = 0.5;
            z = 0;
        }
        double width = mean != 0 ? (up - lo) / mean : double.NaN;
        return new BollingerValue(up, mean, lo, pctB, width, z);
    }

    internal static void ComputeCore(ReadOnlySpan<double> source, Span<double> upper, Span<double> middle, Span<double> lower,
        Span<double> percentB, Span<double> width, Span<double> zScore, int n, double k)
    {
        int length = source.Length;
        int warm = Math.Min(n - 1, length);
        upper[..warm].Fill(double.NaN);
        middle[..warm].Fill(double.NaN);
        lower[..warm].Fill(double.NaN);
        percentB[..warm].Fill(double.NaN);
        width[..warm].Fill(double.NaN);
        bool writeZ = !zScore.IsEmpty; // internal callers that do not need z pass an empty span
        if (writeZ) zScore[..warm].Fill(double.NaN);
        if (length < n) return;
        var state = new BandState();
        int from = n - 1;
        Range(source, from, upper[from..], middle[from..], lower[from..], percentB[from..], width[from..], writeZ ? zScore[from..] : Span<double>.Empty,
            n, k, ref state);
    }

    /// <summary>The rolling window's state after a bar: its moments and the bars left until the next exact recomputation.</summary>
    internal struct BandState
    {
        public WindowMoments Moments;
        public int Countdown;
    }

    /// <summary>
    /// The bands of bars <paramref name="start"/> .. start + upper.Length − 1 of <paramref name="source"/> (the whole
    /// series, validated), given the window <paramref name="state"/> after the bar before (any value before bar N − 1),
    /// which it moves on. The code of <see cref="ComputeCore"/> (which is one call of it), so consecutive blocks give its
    /// output bit for bit; <see cref="SignalSeries"/> runs it a cache-sized block at a time. No z-score.
    /// </summary>
    internal static void ComputeBlock(ReadOnlySpan<double> source, int start, Span<double> upper, Span<double> middle, Span<double> lower,
        Span<double> percentB, Span<double> width, int n, double k, ref BandState state)
    {
        int count = upper.Length, j = 0;
        for (; j < count && start + j < n - 1; j++)
        {
            upper[j] = double.NaN;
            middle[j] = double.NaN;
            lower[j] = double.NaN;
            percentB[j] = double.NaN;
            width[j] = double.NaN;
        }
        if (j == count) return;
        if (start + j == n - 1) state = new BandState();
        Range(source, start + j, upper[j..], middle[j..count], lower[j..count], percentB[j..count], width[j..count], Span<double>.Empty, n, k, ref state);
    }

    /// <summary>Bars from .. from + upper.Length − 1 (from ≥ N − 1); the destinations start at bar <paramref name="from"/>.</summary>
    /// <remarks>
    /// A sub-block of bars at a time: first the window's sums of every bar (the only sequential work: the rolling moments),
    /// parked on the stack, then every bar's outputs from its sums a vector at a time (<see cref="Bars"/>: the square
    /// root and the three divisions of <see cref="Bar"/> run on vectors, off the sequential chain).
    /// </remarks>
    private static void Range(ReadOnlySpan<double> source, int from, Span<double> upper, Span<double> middle, Span<double> lower,
        Span<double> percentB, Span<double> width, Span<double> zScore, int n, double k, ref BandState state)
    {
        const int Sub = 256;
        int count = upper.Length;
        if (count == 0) return;
        bool writeZ = !zScore.IsEmpty;
        _ = source[from + count - 1]; _ = middle[count - 1]; _ = lower[count - 1]; _ = percentB[count - 1]; _ = width[count - 1];
        if (writeZ) _ = zScore[count - 1];
        double invN = 1d / n;
        int interval = WindowMoments.RestartInterval(n);
        Span<double> sums = stackalloc double[4 * Sub];
        Span<double> sum = sums[..Sub], compensation = sums.Slice(Sub, Sub), s1 = sums.Slice(2 * Sub, Sub), s2 = sums.Slice(3 * Sub, Sub);
        WindowMoments mo = state.Moments;
        int countdown = state.Countdown;
        for (int done = 0; done < count; done += Sub)
        {
            int c = Math.Min(Sub, count - done);
            Moments(source, from + done, n, invN, interval, sum[..c], compensation[..c], s1[..c], s2[..c], ref mo, ref countdown);
            Bars(source.Slice(from + done, c), sum, compensation, s1, s2, upper.Slice(done, c), middle.Slice(done, c), lower.Slice(done, c),
                percentB.Slice(done, c), width.Slice(done, c), writeZ ? zScore.Slice(done, c) : Span<double>.Empty, n, invN, k);
        }
        state.Moments = mo;
        state.Countdown = countdown;
    }

    /// <summary>The rolling moments of bars from .. from + sum.Length − 1, parked per bar (Σx, its compensation, Σd, Σd²).</summary>
    private static void Moments(ReadOnlySpan<double> source, int from, int n, double invN, int interval, Span<double> sum, Span<double> compensation,
        Span<double> s1, Span<double> s2, ref WindowMoments moments, ref int countdown)
    {
        int count = sum.Length;
        _ = compensation[count - 1]; _ = s1[count - 1]; _ = s2[count - 1];
        ref double src = ref MemoryMarshal.GetReference(source);
        ref double ps = ref MemoryMarshal.GetReference(sum);
        ref double pc = ref MemoryMarshal.GetReference(compensation);
        ref double p1 = ref MemoryMarshal.GetReference(s1);
        ref double p2 = ref MemoryMarshal.GetReference(s2);
        WindowMoments mo = moments;
        int cd = countdown;
        unchecked
        {
            for (int j = 0; j < count; j++)
            {
                int i = from + j;
                double x = Unsafe.Add(ref src, i);
                if (cd == 0)
                {
                    mo = Recomputed(source, i, n);
                    cd = interval;
                }
                else
                {
                    mo.Slide(x, Unsafe.Add(ref src, i - n));
                    if (mo.IsInexact(invN)) mo = Recomputed(source, i, n);
                }
                cd--;
                Unsafe.Add(ref ps, j) = mo.Sum;
                Unsafe.Add(ref pc, j) = mo.Compensation;
                Unsafe.Add(ref p1, j) = mo.S1;
                Unsafe.Add(ref p2, j) = mo.S2;
            }
        }
        moments = mo;
        countdown = cd;
    }

    /// <summary>
    /// The window of bar <paramref name="i"/> recomputed exactly, anchored at its newest value (returned by value, so the
    /// caller's moments are never address-taken and stay in registers across the sequential loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WindowMoments Recomputed(ReadOnlySpan<double> source, int i, int n)
    {
        var m = default(WindowMoments);
        m.Reset(source[i]);
        m.Accumulate(source.Slice(i - n + 1, n));
        return m;
    }

    /// <summary>
    /// Every bar's outputs from its parked moments: <see cref="Bar"/> (with <see cref="WindowMoments.Mean"/> and
    /// <see cref="WindowMoments.PopulationStdDev"/>) a vector at a time, operation for operation (IEEE division and square
    /// root are correctly rounded in either form, and neither form fuses a multiply with an add), so bit for bit the
    /// scalar results; the tail by <see cref="Bar"/> itself.
    /// </summary>
    private static void Bars(ReadOnlySpan<double> x, ReadOnlySpan<double> sum, ReadOnlySpan<double> compensation, ReadOnlySpan<double> s1,
        ReadOnlySpan<double> s2, Span<double> upper, Span<double> middle, Span<double> lower, Span<double> percentB, Span<double> width,
        Span<double> zScore, int n, double invN, double k)
    {
        int count = x.Length, j = 0;
        bool writeZ = !zScore.IsEmpty;
        unchecked
        {
            if (Vector.IsHardwareAccelerated)
            {
                ref double px = ref MemoryMarshal.GetReference(x);
                ref double ps = ref MemoryMarshal.GetReference(sum);
                ref double pc = ref MemoryMarshal.GetReference(compensation);
                ref double p1 = ref MemoryMarshal.GetReference(s1);
                ref double p2 = ref MemoryMarshal.GetReference(s2);
                ref double du = ref MemoryMarshal.GetReference(upper);
                ref double dm = ref MemoryMarshal.GetReference(middle);
                ref double dl = ref MemoryMarshal.GetReference(lower);
                ref double db = ref MemoryMarshal.GetReference(percentB);
                ref double dw = ref MemoryMarshal.GetReference(width);
                ref double dz = ref MemoryMarshal.GetReference(zScore);
                var vn = new Vector<double>((double)n);
                var vInvN = new Vector<double>(invN);
                var vk = new Vector<double>(k);
                var halfOverK = new Vector<double>(0.5 / k);
                var half = new Vector<double>(0.5);
                var one = new Vector<double>(1d);
                var nan = new Vector<double>(double.NaN);
                var zero = Vector<double>.Zero;
                for (; j <= count - Vector<double>.Count; j += Vector<double>.Count)
                {
                    nuint o = (nuint)j;
                    var mean = (Vector.LoadUnsafe(ref ps, o) + Vector.LoadUnsafe(ref pc, o)) / vn;
                    var d1 = Vector.LoadUnsafe(ref p1, o);
                    var variance = (Vector.LoadUnsafe(ref p2, o) - (d1 * d1 * vInvN)) * vInvN;
                    var sd = Vector.ConditionalSelect(Vector.GreaterThan(variance, zero), Vector.SquareRoot(variance), zero);
                    var dev = vk * sd;
                    var up = mean + dev;
                    var lo = mean - dev;
                    var spread = Vector.GreaterThan(sd, zero);
                    var inv = one / sd;
                    var vx = Vector.LoadUnsafe(ref px, o);
                    up.StoreUnsafe(ref du, o);
                    mean.StoreUnsafe(ref dm, o);
                    lo.StoreUnsafe(ref dl, o);
                    Vector.ConditionalSelect(spread, (vx - lo) * (inv * halfOverK), half).StoreUnsafe(ref db, o);
                    Vector.ConditionalSelect(Vector.Equals(mean, zero), nan, (up - lo) / mean).StoreUnsafe(ref dw, o);
                    if (writeZ) Vector.ConditionalSelect(spread, (vx - mean) * inv, zero).StoreUnsafe(ref dz, o);
                }
            }
            for (; j < count; j++)
            {
                var m = new WindowMoments { Sum = sum[j], Compensation = compensation[j], S1 = s1[j], S2 = s2[j] };
                var v = Bar(m, x[j], n, invN, k);
                upper[j] = v.Upper;
                middle[j] = v.Middle;
                lower[j] = v.Lower;
                percentB[j] = v.PercentB;
                width[j] = v.Width;
                if (writeZ) zScore[j] = v.ZScore;
            }
        }
    }
}
