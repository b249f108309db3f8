using System.Collections.Immutable;
using System.Runtime.InteropServices;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>Average True Range with Wilder smoothing (Wilder, <i>New Concepts in Technical Trading Systems</i>, 1978).</summary>
/// <remarks>
/// <c>TR[i] = max(high − low, |high − close[i−1]|, |low − close[i−1]|)</c> from index 1 (TR[0] is NaN: no previous close);
/// <c>ATR[N] = (TR[1] + … + TR[N]) / N</c>, then <c>ATR[i] = (ATR[i−1]·(N−1) + TR[i]) / N</c>;
/// <c>ATR% = ATR / close · 100</c> (NaN where the close is 0). Same seeding and operation order as Stock.Indicators (bit-identical values).
/// First ATR at index N (<see cref="WarmupPeriods"/>). Stateless and thread-safe.
/// </remarks>
public static class Atr
{
    /// <summary>Default lookback (14 bars).</summary>
    public const int DefaultLookbackPeriods = 14;

    /// <summary>The number of leading NaN values of ATR and ATR%: N.</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>N.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int WarmupPeriods(int lookbackPeriods)
    {
        IndicatorGuard.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        return lookbackPeriods;
    }

    /// <summary>Writes true range, ATR and ATR% of a bar series.</summary>
    /// <param name="high">Highs (finite).</param>
    /// <param name="low">Lows (finite), as long as <paramref name="high"/>.</param>
    /// <param name="close">Closes (finite), as long as <paramref name="high"/>.</param>
    /// <param name="trueRange">Receives TR (NaN at index 0).</param>
    /// <param name="atr">Receives ATR (NaN for the first N values).</param>
    /// <param name="atrPercent">Receives ATR / close · 100 (NaN like ATR).</param>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive, or a price holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException">The price spans differ in length, or a destination is shorter than them.</exception>
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        Span<double> trueRange, Span<double> atr, Span<double> atrPercent, int lookbackPeriods)
    {
        IndicatorGuard.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        int len = high.Length;
        Preconditions.SameLength(low.Length, len, nameof(low), nameof(high));
        Preconditions.SameLength(close.Length, len, nameof(close), nameof(high));
        IndicatorGuard.Destination(trueRange.Length, len, nameof(trueRange));
        IndicatorGuard.Destination(atr.Length, len, nameof(atr));
        IndicatorGuard.Destination(atrPercent.Length, len, nameof(atrPercent));
        IndicatorGuard.Finite(high, nameof(high));
        IndicatorGuard.Finite(low, nameof(low));
        IndicatorGuard.Finite(close, nameof(close));
        int n = lookbackPeriods;
        if (len == 0) return;
        trueRange[0] = double.NaN;
        atr[..Math.Min(n, len)].Fill(double.NaN);
        atrPercent[..Math.Min(n, len)].Fill(double.NaN);
        double sum = 0, value = 0;
        for (int i = 1; i < len; i++)
        {
            double tr = TrueRange(high[i], low[i], close[i - 1]);
            trueRange[i] = tr;
            if (i < n) { sum += tr; continue; }
            if (i == n) { sum += tr; value = sum / n; }
            else value = ((value * (n - 1)) + tr) / n;
            atr[i] = value;
            atrPercent[i] = IndicatorGuard.PercentOf(value, close[i]);
        }
    }

    /// <summary>True range, ATR and ATR% of candles as new arrays.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="lookbackPeriods">N (default 14).</param>
    /// <returns>The three series, each as long as the candles.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static AtrResult Compute(IReadOnlyList<Candle> candles, int lookbackPeriods = DefaultLookbackPeriods) =>
        Compute(CandleSeries.Highs(candles), CandleSeries.Lows(candles), CandleSeries.Closes(candles), lookbackPeriods);

    /// <summary>True range, ATR and ATR% as new arrays.</summary>
    /// <param name="high">Highs (finite).</param>
    /// <param name="low">Lows (finite).</param>
    /// <param name="close">Closes (finite).</param>
    /// <param name="lookbackPeriods">N (default 14).</param>
    /// <returns>The three series, each as long as the inputs.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive, or a price holds NaN or infinity.</exception>
    /// <exception cref="ArgumentException">The price spans differ in length.</exception>
    public static AtrResult Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        int lookbackPeriods = DefaultLookbackPeriods)
    {
        int n = high.Length;
        double[] tr = new double[n], a = new double[n], p = new double[n];
        Compute(high, low, close, tr, a, p, lookbackPeriods);
        return new AtrResult(ImmutableCollectionsMarshal.AsImmutableArray(tr), ImmutableCollectionsMarshal.AsImmutableArray(a),
            ImmutableCollectionsMarshal.AsImmutableArray(p));
    }

    /// <summary>max(high − low, |high − previousClose|, |low − previousClose|).</summary>
    internal static double TrueRange(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));
}
