using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>Moving Average Convergence/Divergence (Gerald Appel, 1979): the fast EMA minus the slow EMA, its signal line and histogram.</summary>
/// <remarks>
/// <c>MACD = EMA_fast(x) − EMA_slow(x)</c> (first value at index slow − 1); <c>signal = EMA_signal(MACD)</c> seeded with the
/// simple mean of the first <c>signal</c> MACD values (first value at index slow + signal − 2, 33 for 12/26/9);
/// <c>histogram = MACD − signal</c>. The EMAs are those of <see cref="Ema"/> (SMA seed, α = 2/(N+1)); the operation
/// seeds are Stock.Indicators' and each step is one fused multiply-add (see <see cref="Ema"/>), agreeing with it to ≤ 1e-15
/// relative. The static methods are stateless and thread-safe; an instance is the streaming form (see <see cref="IIndicatorStream{TInput, TValue}"/>).
/// </remarks>
public sealed partial class Macd
{
    /// <summary>Default fast EMA length (12).</summary>
    public const int DefaultFastPeriods = 12;
    /// <summary>Default slow EMA length (26).</summary>
    public const int DefaultSlowPeriods = 26;
    /// <summary>Default signal EMA length (9).</summary>
    public const int DefaultSignalPeriods = 9;

    /// <summary>The number of leading NaN values of the MACD line: slow − 1.</summary>
    /// <param name="fastPeriods">Fast EMA length (≥ 1, &lt; slow).</param>
    /// <param name="slowPeriods">Slow EMA length.</param>
    /// <returns>slow − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive or fast ≥ slow.</exception>
    public static int WarmupPeriods(int fastPeriods, int slowPeriods)
    {
        Validate(fastPeriods, slowPeriods, 1);
        return slowPeriods - 1;
    }

    /// <summary>The number of leading NaN values of the signal line and histogram: slow + signal − 2.</summary>
    /// <param name="fastPeriods">Fast EMA length (≥ 1, &lt; slow).</param>
    /// <param name="slowPeriods">Slow EMA length.</param>
    /// <param name="signalPeriods">Signal EMA length (≥ 1).</param>
    /// <returns>slow + signal − 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive or fast ≥ slow.</exception>
    public static int SignalWarmupPeriods(int fastPeriods, int slowPeriods, int signalPeriods)
    {
        Validate(fastPeriods, slowPeriods, signalPeriods);
        return slowPeriods + signalPeriods - 2;
    }

    /// <summary>Bars until the seeds' influence has decayed (slow + signal + 250, the figure Stock.Indicators removes as convergence warm-up).</summary>
    /// <param name="fastPeriods">Fast EMA length (≥ 1, &lt; slow).</param>
    /// <param name="slowPeriods">Slow EMA length.</param>
    /// <param name="signalPeriods">Signal EMA length (≥ 1).</param>
    /// <returns>slow + signal + 250.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive or fast ≥ slow.</exception>
    public static int ConvergencePeriods(int fastPeriods, int slowPeriods, int signalPeriods)
    {
        Validate(fastPeriods, slowPeriods, signalPeriods);
        return checked(slowPeriods + signalPeriods + 250);
    }

    /// <summary>Writes the MACD line, signal line and histogram of <paramref name="source"/>.</summary>
    /// <param name="source">The values, usually closes (finite).</param>
    /// <param name="macd">Receives the MACD line; NaN for the first slow − 1 values.</param>
    /// <param name="signal">Receives the signal line; NaN for the first slow + signal − 2 values.</param>
    /// <param name="histogram">Receives MACD − signal; NaN like the signal line.</param>
    /// <param name="fastPeriods">Fast EMA length (≥ 1, &lt; slow).</param>
    /// <param name="slowPeriods">Slow EMA length.</param>
    /// <param name="signalPeriods">Signal EMA length (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive, fast ≥ slow, or <paramref name="source"/> holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException">A destination is shorter than <paramref name="source"/>.</exception>
    public static void Compute(ReadOnlySpan<double> source, Span<double> macd, Span<double> signal, Span<double> histogram,
        int fastPeriods, int slowPeriods, int signalPeriods)
    {
        Validate(fastPeriods, slowPeriods, signalPeriods);
        Preconditions.DestinationLongEnough(macd.Length, source.Length, nameof(macd));
        Preconditions.DestinationLongEnough(signal.Length, source.Length, nameof(signal));
        Preconditions.DestinationLongEnough(histogram.Length, source.Length, nameof(histogram));
        Preconditions.IndicatorValues(source, nameof(source));
        int len = source.Length;
        ComputeCore(source, macd[..len], signal[..len], histogram[..len], fastPeriods, slowPeriods, signalPeriods);
    }

    /// <summary>The MACD of <paramref name="source"/>, one reading per value.</summary>
    /// <param name="source">The values, usually closes (finite).</param>
    /// <param name="fastPeriods">Fast EMA length (default 12).</param>
    /// <param name="slowPeriods">Slow EMA length (default 26).</param>
    /// <param name="signalPeriods">Signal EMA length (default 9).</param>
    /// <returns>One reading per value (line, signal, histogram; NaN parts during warm-up); the span overload writes each series into its own destination.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive, fast ≥ slow, or <paramref name="source"/> holds NaN or infinity.</exception>
    public static ImmutableArray<MacdValue> Compute(ReadOnlySpan<double> source, int fastPeriods = DefaultFastPeriods,
        int slowPeriods = DefaultSlowPeriods, int signalPeriods = DefaultSignalPeriods)
    {
        var m = new double[source.Length];
        var s = new double[source.Length];
        var h = new double[source.Length];
        Compute(source, m, s, h, fastPeriods, slowPeriods, signalPeriods);
        var values = new MacdValue[source.Length];
        for (int i = 0; i < values.Length; i++) values[i] = new MacdValue(m[i], s[i], h[i]);
        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    /// <summary>The MACD of the candles' closes.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="fastPeriods">Fast EMA length (default 12).</param>
    /// <param name="slowPeriods">Slow EMA length (default 26).</param>
    /// <param name="signalPeriods">Signal EMA length (default 9).</param>
    /// <returns>One reading per candle (line, signal, histogram; NaN parts during warm-up).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive or fast ≥ slow.</exception>
    public static ImmutableArray<MacdValue> Compute(IReadOnlyList<Candle> candles, int fastPeriods = DefaultFastPeriods,
        int slowPeriods = DefaultSlowPeriods, int signalPeriods = DefaultSignalPeriods) =>
        Compute(Candle.Closes(candles), fastPeriods, slowPeriods, signalPeriods);

    internal static void Validate(int fastPeriods, int slowPeriods, int signalPeriods)
    {
        Preconditions.Lookback(fastPeriods, nameof(fastPeriods));
        Preconditions.Lookback(slowPeriods, nameof(slowPeriods));
        Preconditions.Lookback(signalPeriods, nameof(signalPeriods));
        if (fastPeriods >= slowPeriods)
            Preconditions.ThrowOutOfRange(nameof(fastPeriods), fastPeriods, $"must be less than slowPeriods ({slowPeriods})");
    }

    internal static void ComputeCore(ReadOnlySpan<double> source, Span<double> macd, Span<double> signal, Span<double> histogram,
        int fastN, int slowN, int signalN)
    {
        int length = source.Length;
        int macdWarm = Math.Min(slowN - 1, length);
        int sigWarm = Math.Min(slowN + signalN - 2, length);
        macd[..macdWarm].Fill(double.NaN);
        signal[..sigWarm].Fill(double.NaN);
        histogram[..sigWarm].Fill(double.NaN);
        if (!Seed(source, macd, fastN, slowN, signalN, out var state)) return;
        int seedEnd = slowN + signalN - 2;
        signal[seedEnd] = state.Signal;
        histogram[seedEnd] = state.Line - state.Signal;
        int from = seedEnd + 1;
        Steady(source[from..], macd[from..], signal[from..], histogram[from..], fastN, slowN, signalN, ref state);
    }

    /// <summary>The three EMAs after a bar (and the MACD line fast − slow there).</summary>
    internal struct ChainState
    {
        public double Fast, Slow, Line, Signal;
    }

    /// <summary>
    /// The seeds (Stock.Indicators' order): the EMAs from bar 0 to bar min(slow + signal − 2, length − 1), writing the MACD
    /// line of bars slow − 1 .. there into <paramref name="macd"/> unless it is empty. True when the series reaches bar
    /// slow + signal − 2, where the signal line is seeded; <paramref name="state"/> is then that bar's.
    /// </summary>
    private static bool Seed(ReadOnlySpan<double> source, Span<double> macd, int fastN, int slowN, int signalN, out ChainState state)
    {
        state = default;
        int length = source.Length;
        if (length < slowN) return false;
        bool write = !macd.IsEmpty;
        double kf = 2d / (fastN + 1), ks = 2d / (slowN + 1);
        double df = 1d - kf, ds_ = 1d - ks;
        double sumF = 0;
        for (int p = 0; p < fastN; p++) sumF += source[p];
        double fast = sumF / fastN;
        for (int p = fastN; p < slowN; p++) fast = Ema.Step(fast, source[p], kf, df);
        double sumS = 0;
        for (int p = 0; p < slowN; p++) sumS += source[p];
        double slow = sumS / slowN;
        double m = fast - slow;
        if (write) macd[slowN - 1] = m;
        double sumG = m;
        int seedEnd = Math.Min(slowN + signalN - 2, length - 1);
        for (int i = slowN; i <= seedEnd; i++)
        {
            double x = source[i];
            fast = Ema.Step(fast, x, kf, df);
            slow = Ema.Step(slow, x, ks, ds_);
            m = fast - slow;
            if (write) macd[i] = m;
            sumG += m;
        }
        if (slowN + signalN - 2 > length - 1) return false;
        state = new ChainState { Fast = fast, Slow = slow, Line = m, Signal = sumG / signalN };
        return true;
    }

    /// <summary>The chains over <paramref name="source"/> (the bars after <paramref name="state"/>'s), which they move on.</summary>
    private static void Steady(ReadOnlySpan<double> source, Span<double> macd, Span<double> signal, Span<double> histogram,
        int fastN, int slowN, int signalN, ref ChainState state)
    {
        double kf = 2d / (fastN + 1), ks = 2d / (slowN + 1), kg = 2d / (signalN + 1);
        double df = 1d - kf, ds_ = 1d - ks, dg = 1d - kg;
        double fast = state.Fast, slow = state.Slow, m = state.Line, sig = state.Signal;
        ref double src = ref MemoryMarshal.GetReference(source);
        ref double dm = ref MemoryMarshal.GetReference(macd);
        ref double ds = ref MemoryMarshal.GetReference(signal);
        ref double dh = ref MemoryMarshal.GetReference(histogram);
        int length = source.Length;
        macd = macd[..length]; signal = signal[..length]; histogram = histogram[..length]; // bounds, once
        unchecked
        {
            for (int i = 0; i < length; i++)
            {
                double x = Unsafe.Add(ref src, i);
                fast = Ema.Step(fast, x, kf, df);
                slow = Ema.Step(slow, x, ks, ds_);
                m = fast - slow;
                sig = Ema.Step(sig, m, kg, dg);
                Unsafe.Add(ref dm, i) = m;
                Unsafe.Add(ref ds, i) = sig;
                Unsafe.Add(ref dh, i) = m - sig;
            }
        }
        state = new ChainState { Fast = fast, Slow = slow, Line = m, Signal = sig };
    }

    /// <summary>
    /// MACD line, signal and histogram of bars <paramref name="start"/> .. start + histogram.Length − 1 of
    /// <paramref name="source"/> (the whole series, validated), given the <paramref name="state"/> after the bar before
    /// (any value before the signal line's seed), which it moves on. The same seed and steps as <see cref="ComputeCore"/>,
    /// so consecutive blocks give its histogram bit for bit (the line and signal only from the seed bar on: the line's
    /// warm-up values are not written); <see cref="SignalSeries"/> runs it a cache-sized block at a time.
    /// </summary>
    internal static void ComputeBlock(ReadOnlySpan<double> source, int start, Span<double> macd, Span<double> signal, Span<double> histogram,
        int fastN, int slowN, int signalN, ref ChainState state)
    {
        int count = histogram.Length, seedEnd = slowN + signalN - 2, j = 0;
        for (; j < count && start + j < seedEnd; j++)
        {
            macd[j] = double.NaN;
            signal[j] = double.NaN;
            histogram[j] = double.NaN;
        }
        if (j < count && start + j == seedEnd)
        {
            if (!Seed(source, Span<double>.Empty, fastN, slowN, signalN, out state)) return; // unreachable: the series reaches seedEnd
            macd[j] = state.Line;
            signal[j] = state.Signal;
            histogram[j] = state.Line - state.Signal;
            j++;
        }
        if (j < count)
            Steady(source.Slice(start + j, count - j), macd[j..count], signal[j..count], histogram[j..], fastN, slowN, signalN, ref state);
    }
}
