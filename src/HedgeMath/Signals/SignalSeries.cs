using System.Collections.Immutable;
using System.Numerics;
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
        double[] signal, double[] hist, double[] upper, double[] middle, double[] lower, double[] pctB, double[] width)
    {
        Options = options;
        Dates = dates;
        Close = A(close); Rsi = A(rsi); MacdLine = A(line); MacdSignal = A(signal); MacdHistogram = A(hist);
        UpperBand = A(upper); MiddleBand = A(middle); LowerBand = A(lower); PercentB = A(pctB); BandWidth = A(width);
        var active = new SignalKinds[close.Length];
        var fired = new SignalKinds[close.Length];
        SignalEngine.Evaluate(close, rsi, hist, pctB, width, options, active, fired);
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
        return Build(CandleSeries.Closes(candles), dates, options);
    }

    /// <summary>Signals from closes with the library's indicators.</summary>
    /// <param name="closes">Closes (finite), oldest first.</param>
    /// <param name="options">Parameters (null: defaults).</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="closes"/> holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static SignalSeries FromCloses(ReadOnlySpan<double> closes, SignalOptions? options = null) =>
        Build(closes.ToArray(), ImmutableArray<DateOnly>.Empty, options);

    private static SignalSeries Build(double[] close, ImmutableArray<DateOnly> dates, SignalOptions? options)
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
        return new SignalSeries(options, dates, close, rsi, line, sig, hist, up, mid, lo, b, w);
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
internal static class SignalEngine
{
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
        int regime = 0, posStreak = 0, negStreak = 0, lastNaNWidth = -1;
        double prevHist = double.NaN;
        for (int i = 0; i < close.Length; i++)
        {
            var a = SignalKinds.None;
            double r = rsi[i];
            if (!double.IsNaN(r))
            {
                if ((prev & SignalKinds.RsiOverbought) != 0 ? r >= obOff : r > ob) a |= SignalKinds.RsiOverbought;
                if ((prev & SignalKinds.RsiExtreme) != 0 ? r >= exOff : r >= ex) a |= SignalKinds.RsiExtreme;
                if ((prev & SignalKinds.RsiOversold) != 0 ? r <= osOff : r < os) a |= SignalKinds.RsiOversold;
            }
            double h = hist[i];
            if (!double.IsNaN(h))
            {
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
                posStreak = h > 0 && prevHist > 0 && h < prevHist ? posStreak + 1 : 0;
                negStreak = h < 0 && prevHist < 0 && h > prevHist ? negStreak + 1 : 0;
                if (posStreak >= k) a |= SignalKinds.HistogramShrinkingPositive;
                if (negStreak >= k) a |= SignalKinds.HistogramShrinkingNegative;
            }
            else
            {
                posStreak = negStreak = 0;
            }
            prevHist = h;
            double b = pctB[i];
            if (!double.IsNaN(b))
            {
                if ((prev & SignalKinds.UpperBandTouch) != 0 ? b >= touchOff : b >= touchOn) a |= SignalKinds.UpperBandTouch;
                if ((prev & SignalKinds.UpperBandBreak) != 0 ? b >= breakOff : b > 1) a |= SignalKinds.UpperBandBreak;
                if ((prev & SignalKinds.LowerBandTouch) != 0 ? b <= lowTouchOff : b <= lowTouchOn) a |= SignalKinds.LowerBandTouch;
                if ((prev & SignalKinds.LowerBandBreak) != 0 ? b <= lowBreakOff : b < 0) a |= SignalKinds.LowerBandBreak;
            }
            double w = width[i];
            if (double.IsNaN(w)) lastNaNWidth = i;
            else if (i - lookback > lastNaNWidth)
            {
                double limit = (prev & SignalKinds.Squeeze) != 0 ? sqOff : sqOn;
                int lower = CountBelow(width.Slice(i - lookback, lookback), w, (int)Math.Min(limit, lookback));
                if (lower <= limit) a |= SignalKinds.Squeeze;
            }
            active[i] = a;
            fired[i] = a & ~prev;
            prev = a;
        }
    }

    /// <summary>
    /// How many values of <paramref name="window"/> are strictly below <paramref name="value"/>, counting only up to
    /// <paramref name="limit"/>: the scan stops (vectorized, 8 values a step) as soon as the count exceeds it, which is
    /// all the squeeze rule needs to know.
    /// </summary>
    internal static int CountBelow(ReadOnlySpan<double> window, double value, int limit = int.MaxValue)
    {
        int i = 0, count = 0;
        int width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && window.Length >= 2 * width)
        {
            var v = new Vector<double>(value);
            ref double r = ref MemoryMarshal.GetReference(window);
            int last = window.Length - 2 * width;
            for (; i <= last; i += 2 * width)
            {
                var lt = Vector.LessThan(Vector.LoadUnsafe(ref r, (nuint)i), v)
                    + Vector.LessThan(Vector.LoadUnsafe(ref r, (nuint)(i + width)), v);
                count -= (int)Vector.Sum(lt);
                if (count > limit) return count;
            }
        }
        for (; i < window.Length; i++)
            if (window[i] < value) count++;
        return count;
    }
}
