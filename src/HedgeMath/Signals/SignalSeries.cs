using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>The <see cref="SignalSet"/> of every bar of a price series: readings, active and newly fired signals, confluence.</summary>
/// <remarks>
/// Build it from candles or closes (the library's RSI, MACD and Bollinger Bands with the parameters of
/// <see cref="SignalOptions"/>) or from indicator values computed elsewhere (<see cref="FromValues"/>). One pass, O(n)
/// (the squeeze ranks the width against its lookback with a vectorized count). Rules: see <see cref="SignalOptions"/> and
/// <see cref="Confluence"/>. Immutable and thread-safe.
/// </remarks>
public sealed class SignalSeries
{
    private SignalSeries(SignalOptions options, ImmutableArray<DateOnly> dates, double[] close, double[] rsi, double[] line,
        double[] signal, double[] hist, double[] upper, double[] middle, double[] lower, double[] pctB, double[] width,
        double[]? high = null, double[]? low = null)
    {
        Options = options;
        Dates = dates;
        Close = A(close); Rsi = A(rsi); MacdLine = A(line); MacdSignal = A(signal); MacdHistogram = A(hist);
        UpperBand = A(upper); MiddleBand = A(middle); LowerBand = A(lower); PercentB = A(pctB); BandWidth = A(width);
        var active = new SignalKinds[close.Length];
        var fired = new SignalKinds[close.Length];
        SignalEngine.Evaluate(close, rsi, hist, pctB, width, options, active, fired);
        var resistance = new double[close.Length];
        var support = new double[close.Length];
        if (high is not null && low is not null)
        {
            // Swing levels are context flags with their own one-bar and level rules; fold them into active/fired.
            var levels = new SignalKinds[close.Length];
            SwingLevels.Compute(high, low, close, options.SwingStrength, options.LevelTolerance, resistance, support, levels);
            var prev = SignalKinds.None;
            for (int i = 0; i < close.Length; i++)
            {
                active[i] |= levels[i];
                fired[i] = active[i] & ~prev;
                prev = active[i];
            }
        }
        else
        {
            Array.Fill(resistance, double.NaN);
            Array.Fill(support, double.NaN);
        }
        Resistance = A(resistance); Support = A(support);
        Active = ImmutableCollectionsMarshal.AsImmutableArray(active);
        Fired = ImmutableCollectionsMarshal.AsImmutableArray(fired);
        static ImmutableArray<double> A(double[] x) => ImmutableCollectionsMarshal.AsImmutableArray(x);
    }

    /// <summary>The options used.</summary>
    public SignalOptions Options { get; }
    /// <summary>Bar dates when built from candles; empty otherwise.</summary>
    public ImmutableArray<DateOnly> Dates { get; }
    /// <summary>Closes.</summary>
    public ImmutableArray<double> Close { get; }
    /// <summary>RSI per bar.</summary>
    public ImmutableArray<double> Rsi { get; }
    /// <summary>MACD line per bar.</summary>
    public ImmutableArray<double> MacdLine { get; }
    /// <summary>MACD signal line per bar.</summary>
    public ImmutableArray<double> MacdSignal { get; }
    /// <summary>MACD histogram per bar.</summary>
    public ImmutableArray<double> MacdHistogram { get; }
    /// <summary>Upper band per bar.</summary>
    public ImmutableArray<double> UpperBand { get; }
    /// <summary>Middle band per bar.</summary>
    public ImmutableArray<double> MiddleBand { get; }
    /// <summary>Lower band per bar.</summary>
    public ImmutableArray<double> LowerBand { get; }
    /// <summary>%B per bar.</summary>
    public ImmutableArray<double> PercentB { get; }
    /// <summary>Band width per bar (fraction of the middle band).</summary>
    public ImmutableArray<double> BandWidth { get; }
    /// <summary>Resistance per bar: the latest swing high confirmed by that bar (NaN before the first, or when built without highs and lows).</summary>
    public ImmutableArray<double> Resistance { get; }
    /// <summary>Support per bar: the latest swing low confirmed by that bar (NaN before the first, or when built without highs and lows).</summary>
    public ImmutableArray<double> Support { get; }
    /// <summary>Active signals per bar.</summary>
    public ImmutableArray<SignalKinds> Active { get; }
    /// <summary>Signals that started on each bar.</summary>
    public ImmutableArray<SignalKinds> Fired { get; }

    /// <summary>Number of bars.</summary>
    public int Count => Close.Length;

    /// <summary>The signal set of bar <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The bar's signal set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the series.</exception>
    public SignalSet this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) Preconditions.ThrowOutOfRange(nameof(index), index, $"must be in the range [0, {Count - 1}]");
            return new SignalSet(this, index);
        }
    }

    /// <summary>The last bar's signal set.</summary>
    /// <exception cref="InvalidOperationException">The series is empty.</exception>
    public SignalSet Latest => Count > 0 ? new SignalSet(this, Count - 1) : throw new InvalidOperationException("The signal series is empty.");

    /// <summary>The most recent bars on which at least one signal fired, oldest first.</summary>
    /// <param name="maxCount">At most this many bars (≥ 1).</param>
    /// <returns>Up to <paramref name="maxCount"/> signal sets.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is not positive.</exception>
    public IReadOnlyList<SignalSet> RecentFired(int maxCount)
    {
        Preconditions.Positive(maxCount);
        var list = new List<SignalSet>();
        for (int i = Count - 1; i >= 0 && list.Count < maxCount; i--)
            if (Fired[i] != SignalKinds.None) list.Add(new SignalSet(this, i));
        list.Reverse();
        return list;
    }

    /// <summary>Signals from candles' closes with the library's indicators.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="options">Parameters (null: defaults).</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static SignalSeries FromCandles(IReadOnlyList<Candle> candles, SignalOptions? options = null)
    {
        Preconditions.NotNull(candles);
        var dates = ImmutableArray.CreateRange(candles.Select(c => c.Date));
        return Build(CandleSeries.Closes(candles), dates, options, CandleSeries.Highs(candles), CandleSeries.Lows(candles));
    }

    /// <summary>Signals from closes with the library's indicators.</summary>
    /// <param name="closes">Closes (finite), oldest first.</param>
    /// <param name="options">Parameters (null: defaults).</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="closes"/> holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static SignalSeries FromCloses(ReadOnlySpan<double> closes, SignalOptions? options = null) =>
        Build(closes.ToArray(), ImmutableArray<DateOnly>.Empty, options);

    private static SignalSeries Build(double[] close, ImmutableArray<DateOnly> dates, SignalOptions? options, double[]? high = null, double[]? low = null)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        IndicatorGuard.Finite(close, "closes");
        int n = close.Length;
        double[] rsi = new double[n], line = new double[n], sig = new double[n], hist = new double[n];
        double[] up = new double[n], mid = new double[n], lo = new double[n], b = new double[n], w = new double[n];
        Signals.Rsi.ComputeCore(close, rsi, options.RsiLookbackPeriods);
        Macd.ComputeCore(close, line, sig, hist, options.MacdFastPeriods, options.MacdSlowPeriods, options.MacdSignalPeriods);
        BollingerBands.ComputeCore(close, up, mid, lo, b, w, Span<double>.Empty, options.BollingerLookbackPeriods, options.BollingerStandardDeviations);
        return new SignalSeries(options, dates, close, rsi, line, sig, hist, up, mid, lo, b, w, high, low);
    }

    /// <summary>Signals from indicator values computed elsewhere (another library, a data vendor).</summary>
    /// <param name="close">Closes (finite).</param>
    /// <param name="rsi">RSI per bar, in [0, 100] (NaN = no reading).</param>
    /// <param name="macdLine">MACD line per bar (NaN = no reading).</param>
    /// <param name="macdSignal">MACD signal line per bar (NaN = no reading).</param>
    /// <param name="upperBand">Upper Bollinger band per bar (NaN = no reading).</param>
    /// <param name="middleBand">Middle band per bar (NaN = no reading).</param>
    /// <param name="lowerBand">Lower band per bar (NaN = no reading).</param>
    /// <param name="options">Thresholds (null: defaults; the indicator parameters in it are not used).</param>
    /// <returns>The series; histogram = line − signal, %B and width derived from the bands (as <see cref="BollingerBands"/> does).</returns>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="close"/>'s, a value is infinite, a close is NaN, or the options are inconsistent.</exception>
    public static SignalSeries FromValues(ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> macdLine,
        ReadOnlySpan<double> macdSignal, ReadOnlySpan<double> upperBand, ReadOnlySpan<double> middleBand, ReadOnlySpan<double> lowerBand,
        SignalOptions? options = null)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        int n = close.Length;
        Preconditions.SameLength(rsi.Length, n, nameof(rsi), nameof(close));
        Preconditions.SameLength(macdLine.Length, n, nameof(macdLine), nameof(close));
        Preconditions.SameLength(macdSignal.Length, n, nameof(macdSignal), nameof(close));
        Preconditions.SameLength(upperBand.Length, n, nameof(upperBand), nameof(close));
        Preconditions.SameLength(middleBand.Length, n, nameof(middleBand), nameof(close));
        Preconditions.SameLength(lowerBand.Length, n, nameof(lowerBand), nameof(close));
        IndicatorGuard.Finite(close, nameof(close));
        NotInfinite(rsi, nameof(rsi));
        NotInfinite(macdLine, nameof(macdLine));
        NotInfinite(macdSignal, nameof(macdSignal));
        NotInfinite(upperBand, nameof(upperBand));
        NotInfinite(middleBand, nameof(middleBand));
        NotInfinite(lowerBand, nameof(lowerBand));
        double[] hist = new double[n], b = new double[n], w = new double[n];
        for (int i = 0; i < n; i++)
        {
            hist[i] = macdLine[i] - macdSignal[i];
            double up = upperBand[i], lo = lowerBand[i], mid = middleBand[i];
            b[i] = up > lo ? (close[i] - lo) / (up - lo) : up == lo ? 0.5 : double.NaN;
            w[i] = mid != 0 ? (up - lo) / mid : double.NaN;
        }
        return new SignalSeries(options, ImmutableArray<DateOnly>.Empty, close.ToArray(), rsi.ToArray(), macdLine.ToArray(), macdSignal.ToArray(), hist,
            upperBand.ToArray(), middleBand.ToArray(), lowerBand.ToArray(), b, w);
    }

    private static void NotInfinite(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
            if (double.IsInfinity(values[i]))
                Preconditions.ThrowOutOfRange(paramName, values[i], $"must not contain infinities (index {i})");
    }
}

/// <summary>The per-bar state machine of the signal rules (hysteresis, crossovers, shrinking streaks, squeeze rank).</summary>
/// <remarks>
/// Threshold tests are written branch-free (non-short-circuit <c>&amp;</c>/<c>|</c> on bools, flags built from 0/1
/// integers): readings cross thresholds unpredictably, and a mispredicted branch costs more than the whole test.
/// </remarks>
internal static class SignalEngine
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bit(bool b) => Unsafe.As<bool, byte>(ref b); // a comparison's bool is 0 or 1: no branch

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SignalKinds Flag(bool on, SignalKinds kind) => (SignalKinds)(-Bit(on) & (int)kind);

    /// <summary>Hysteresis: on when it was off and <paramref name="turnOn"/>, or it was on and <paramref name="stayOn"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SignalKinds Level(SignalKinds prev, SignalKinds kind, bool turnOn, bool stayOn)
    {
        bool was = (prev & kind) != 0;
        return Flag((was & stayOn) | (!was & turnOn), kind);
    }

    public static void Evaluate(ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> hist,
        ReadOnlySpan<double> pctB, ReadOnlySpan<double> width, SignalOptions o, Span<SignalKinds> active, Span<SignalKinds> fired)
    {
        double ob = o.RsiOverbought, obOff = ob - o.RsiHysteresis, ex = o.RsiExtreme, exOff = ex - o.RsiHysteresis;
        double os = o.RsiOversold, osOff = os + o.RsiHysteresis;
        double touchOn = 1 - o.BandTouchTolerance, touchOff = touchOn - o.BandHysteresis, breakOff = 1 - o.BandHysteresis;
        double lowTouchOn = o.BandTouchTolerance, lowTouchOff = lowTouchOn + o.BandHysteresis, lowBreakOff = o.BandHysteresis;
        double deadband = o.MacdCrossDeadband;
        int k = o.HistogramShrinkBars, lookback = o.SqueezeLookbackPeriods;
        double sqOn = o.SqueezeQuantile * lookback, sqOff = (o.SqueezeQuantile + o.SqueezeHysteresis) * lookback;
        var prev = SignalKinds.None;
        int regime = 0, posStreak = 0, negStreak = 0, lastNaNWidth = -1, lowerBound = -1;
        double prevHist = double.NaN, prevWidth = double.NaN;
        int length = close.Length;
        rsi = rsi[..length]; hist = hist[..length]; pctB = pctB[..length]; width = width[..length];
        active = active[..length]; fired = fired[..length];
        for (int i = 0; i < length; i++)
        {
            // RSI levels (a NaN reading compares false everywhere: all off).
            double r = rsi[i];
            var a = SignalKinds.None;
            // Fast path: strictly between the reset levels nothing can be on (a predictable branch: RSI mostly lives here).
            if (!(r > osOff && r < obOff))
            {
                a = Level(prev, SignalKinds.RsiOverbought, r > ob, r >= obOff)
                    | Level(prev, SignalKinds.RsiExtreme, r >= ex, r >= exOff)
                    | Level(prev, SignalKinds.RsiOversold, r < os, r <= osOff);
            }

            // MACD: crossovers with a dead band (regime flips are rare: a branch is fine), shrinking streaks branch-free.
            double h = hist[i];
            double band = deadband * Math.Abs(close[i]);
            if (h < -band && regime != -1)
            {
                if (regime == 1) a |= SignalKinds.MacdBearishCross;
                regime = -1;
            }
            else if (h > band && regime != 1)
            {
                if (regime == -1) a |= SignalKinds.MacdBullishCross;
                regime = 1;
            }
            posStreak = (posStreak + 1) * Bit((h > 0) & (prevHist > 0) & (h < prevHist));
            negStreak = (negStreak + 1) * Bit((h < 0) & (prevHist < 0) & (h > prevHist));
            a |= Flag(posStreak >= k, SignalKinds.HistogramShrinkingPositive) | Flag(negStreak >= k, SignalKinds.HistogramShrinkingNegative);
            prevHist = h;

            // Bands.
            double b = pctB[i];
            if (!(b > lowTouchOff && b < touchOff)) // same fast path: inside both reset levels every band signal is off
            {
                a |= Level(prev, SignalKinds.UpperBandTouch, b >= touchOn, b >= touchOff)
                    | Level(prev, SignalKinds.UpperBandBreak, b > 1, b >= breakOff)
                    | Level(prev, SignalKinds.LowerBandTouch, b <= lowTouchOn, b <= lowTouchOff)
                    | Level(prev, SignalKinds.LowerBandBreak, b < 0, b <= lowBreakOff);
            }

            // Squeeze: rank of the width among the previous `lookback` widths (all of them numbers).
            // Skip the count when a lower bound already rules the squeeze out: with c the count of the previous bar
            // (or a lower bound of it), a width that did not fall has a count of at least c − 1 + [it rose]
            // (one old width left the window, the previous width joined it).
            double w = width[i];
            if (double.IsNaN(w))
            {
                lastNaNWidth = i;
                lowerBound = -1;
            }
            else if (i - lookback > lastNaNWidth)
            {
                double limit = (prev & SignalKinds.Squeeze) != 0 ? sqOff : sqOn;
                int bound = lowerBound >= 0 && w >= prevWidth ? lowerBound - 1 + Bit(prevWidth < w) : -1;
                if (bound > limit)
                {
                    lowerBound = bound;
                }
                else
                {
                    int lower = CountBelow(width.Slice(i - lookback, lookback), w);
                    lowerBound = lower;
                    a |= Flag(lower <= limit, SignalKinds.Squeeze);
                }
            }
            else
            {
                lowerBound = -1;
            }
            prevWidth = w;
            active[i] = a;
            fired[i] = a & ~prev;
            prev = a;
        }
    }

    /// <summary>How many values of <paramref name="window"/> are strictly below <paramref name="value"/> (vectorized, no early exit).</summary>
    internal static int CountBelow(ReadOnlySpan<double> window, double value)
    {
        int i = 0;
        long count = 0;
        ref double r = ref MemoryMarshal.GetReference(window);
        if (Vector512.IsHardwareAccelerated && window.Length >= Vector512<double>.Count)
        {
            var v = Vector512.Create(value);
            Vector512<long> acc0 = Vector512<long>.Zero, acc1 = Vector512<long>.Zero;
            int step = Vector512<double>.Count;
            for (; i <= window.Length - 2 * step; i += 2 * step)
            {
                acc0 += Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)i), v).AsInt64();
                acc1 += Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)(i + step)), v).AsInt64();
            }
            for (; i <= window.Length - step; i += step)
                acc0 += Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)i), v).AsInt64();
            count = -Vector512.Sum(acc0 + acc1);
        }
        else if (Vector256.IsHardwareAccelerated && window.Length >= Vector256<double>.Count)
        {
            var v = Vector256.Create(value);
            var acc = Vector256<long>.Zero;
            for (; i <= window.Length - Vector256<double>.Count; i += Vector256<double>.Count)
                acc += Vector256.LessThan(Vector256.LoadUnsafe(ref r, (nuint)i), v).AsInt64();
            count = -Vector256.Sum(acc);
        }
        for (; i < window.Length; i++)
            count += Bit(Unsafe.Add(ref r, i) < value);
        return (int)count;
    }
}
