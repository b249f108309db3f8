using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using HedgeMath.Signals;
using HedgeMath.Internal;

namespace HedgeMath.Benchmarks.Baseline;

/// <summary>
/// Frozen copy of the signal layer as it was before issue 15 (commit baa14ae): <c>SignalSeries.FromCloses</c>'s work
/// (finite check, a copy of the closes, nine reading arrays and two flag arrays, RSI, MACD, Bollinger, the per-bar state
/// machine) without the immutable wrapper. The benchmarks' baseline. Do not optimise.
/// </summary>
internal static class SignalSeriesV1
{
    public static SignalKinds[] FromCloses(ReadOnlySpan<double> closes, SignalOptions o)
    {
        double[] close = closes.ToArray();
        if (Preconditions.FirstBeyondIndicatorLimit(close) >= 0) throw new ArgumentOutOfRangeException(nameof(closes));
        int n = close.Length;
        double[] rsi = new double[n], line = new double[n], sig = new double[n], hist = new double[n];
        double[] up = new double[n], mid = new double[n], lo = new double[n], b = new double[n], w = new double[n];
        RsiV1.Compute(close, rsi, o.RsiLookbackPeriods);
        Macd.ComputeCore(close, line, sig, hist, o.MacdFastPeriods, o.MacdSlowPeriods, o.MacdSignalPeriods);
        BollingerBands.ComputeCore(close, up, mid, lo, b, w, Span<double>.Empty, o.BollingerLookbackPeriods, o.BollingerStandardDeviations);
        var active = new SignalKinds[n];
        var fired = new SignalKinds[n];
        Evaluate(close, rsi, hist, b, w, o, active, fired);
        return active;
    }

    private static int Bit(bool b) => Unsafe.As<bool, byte>(ref b);

    private static SignalKinds Flag(bool on, SignalKinds kind) => (SignalKinds)(-Bit(on) & (int)kind);

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
    private static int CountBelow(ReadOnlySpan<double> window, double value)
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
