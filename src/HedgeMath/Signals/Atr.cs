using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>Average True Range with Wilder smoothing (Wilder, <i>New Concepts in Technical Trading Systems</i>, 1978).</summary>
/// <remarks>
/// <c>TR[i] = max(high − low, |high − close[i−1]|, |low − close[i−1]|)</c> from index 1 (TR[0] is NaN: no previous close);
/// <c>ATR[N] = (TR[1] + … + TR[N]) / N</c>, then <c>ATR[i] = (ATR[i−1]·(N−1) + TR[i]) / N</c>;
/// <c>ATR% = ATR / close · 100</c>. Same seeding and operation order as Stock.Indicators (bit-identical values).
/// First ATR at index N (<see cref="WarmupPeriods"/>). The static methods are stateless and thread-safe; an instance is the streaming form (see <see cref="IIndicatorStream{TInput, TValue}"/>).
/// </remarks>
public sealed partial class Atr
{
    /// <summary>Default lookback (14 bars).</summary>
    public const int DefaultLookbackPeriods = 14;

    /// <summary>The number of leading NaN values of ATR and ATR%: N.</summary>
    /// <param name="lookbackPeriods">N, at least 1.</param>
    /// <returns>N.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static int WarmupPeriods(int lookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
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
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        int len = high.Length;
        Preconditions.SameLength(low.Length, len, nameof(low), nameof(high));
        Preconditions.SameLength(close.Length, len, nameof(close), nameof(high));
        Preconditions.DestinationLongEnough(trueRange.Length, len, nameof(trueRange));
        Preconditions.DestinationLongEnough(atr.Length, len, nameof(atr));
        Preconditions.DestinationLongEnough(atrPercent.Length, len, nameof(atrPercent));
        Preconditions.IndicatorValues(high, nameof(high), low, nameof(low), close, nameof(close));
        ComputeCore(high, low, close, trueRange[..len], atr[..len], atrPercent[..len], lookbackPeriods);
    }

    /// <summary>True range, ATR and ATR% of candles, one reading per candle.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="lookbackPeriods">N (default 14).</param>
    /// <returns>One reading per candle (true range, ATR, ATR%; NaN parts during warm-up).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public static ImmutableArray<AtrValue> Compute(IReadOnlyList<Candle> candles, int lookbackPeriods = DefaultLookbackPeriods) =>
        Compute(Candle.Highs(candles), Candle.Lows(candles), Candle.Closes(candles), lookbackPeriods);

    /// <summary>True range, ATR and ATR%, one reading per bar.</summary>
    /// <param name="high">Highs (finite).</param>
    /// <param name="low">Lows (finite).</param>
    /// <param name="close">Closes (finite).</param>
    /// <param name="lookbackPeriods">N (default 14).</param>
    /// <returns>One reading per bar (true range, ATR, ATR%; NaN parts during warm-up); the span overload writes each series into its own destination.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive, or a price holds NaN or infinity.</exception>
    /// <exception cref="ArgumentException">The price spans differ in length.</exception>
    public static ImmutableArray<AtrValue> Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        int lookbackPeriods = DefaultLookbackPeriods)
    {
        int n = high.Length;
        double[] tr = new double[n], a = new double[n], p = new double[n];
        Compute(high, low, close, tr, a, p, lookbackPeriods);
        var values = new AtrValue[n];
        for (int i = 0; i < n; i++) values[i] = new AtrValue(tr[i], a[i], p[i]);
        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    /// <summary>max(high − low, |high − previousClose|, |low − previousClose|).</summary>
    internal static double TrueRange(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    /// <summary>Lookbacks up to this use the reciprocal chain (its exactness argument needs the odd part of N far below 2^50).</summary>
    private const int MaxReciprocalLookback = 1 << 20;

    /// <summary>An ATR in (0, this] might have lost the reciprocal chain's exactness to underflow (2^-900 ≈ 1.2e-271 is below it).</summary>
    private const double TinyAtr = 1e-270;

    /// <summary>A true range from this up might overflow the reciprocal chain (2^1000 ≈ 1.07e301 is above it).</summary>
    private const double HugeTrueRange = 1e300;

    /// <summary>True range, ATR and ATR% over validated inputs and destinations of the inputs' length.</summary>
    /// <remarks>
    /// <para>The output is bit-for-bit that of the textbook loop <c>ATR = ((ATR·(N−1)) + TR) / N</c> (IEEE double, round
    /// to nearest), which the tests check against a frozen copy of it. Only the Wilder chain is sequential; the true range
    /// and ATR% of a bar are computed beside it and do not lengthen it.</para>
    /// <para>The chain avoids the division's latency without changing a bit: with <c>t = (ATR·(N−1)) + TR</c> computed as
    /// before, <c>t / N</c> is evaluated as <c>fma(Ch, t, u)</c> where <c>Ch = RN(1/N)</c>, <c>Cl = RN(1/N − Ch)</c> and
    /// <c>u ≈ Cl·t</c> (Brisebarre and Muller, "Correctly rounded multiplication by arbitrary precision constants", IEEE
    /// Trans. Computers 57(2), 2008). That is the correctly rounded quotient: writing N = 2^a·d with d odd, t/N lies at
    /// least 2^-54/d (relative) from every rounding midpoint (t − N·m is an odd multiple of the midpoint's unit), while
    /// <c>Ch·t + u</c> is within about 2^-100 of t/N as long as <c>u</c> is within 2^-45 of Cl·t. So <c>u</c> need not wait
    /// for t: it is <c>fma((N−1)·Cl, ATR, Cl·TR)</c> from the previous ATR (no cancellation: every term is ≥ 0), computed in
    /// parallel, and the chain is one multiply, one add and one fused multiply-add instead of multiply, add and divide.
    /// Inputs that could leave the normal range (a true range ≥ 1e300, an ATR ≤ 1e-270, which includes a series that starts flat) and lookbacks above 2^20
    /// take the textbook division.</para>
    /// </remarks>
    internal static void ComputeCore(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        Span<double> trueRange, Span<double> atr, Span<double> atrPercent, int n)
    {
        int len = high.Length;
        if (len == 0) return;
        trueRange[0] = double.NaN;
        atr[..Math.Min(n, len)].Fill(double.NaN);
        atrPercent[..Math.Min(n, len)].Fill(double.NaN);
        double sum = 0;
        int seedEnd = Math.Min(n, len - 1);
        for (int i = 1; i <= seedEnd; i++)
        {
            double tr = TrueRange(high[i], low[i], close[i - 1]);
            trueRange[i] = tr;
            sum += tr;
        }
        if (len <= n) return;
        double seed = sum / n;
        atr[n] = seed;
        atrPercent[n] = Atr.PercentOf(seed, close[n]);
        if (n > MaxReciprocalLookback || !ReciprocalChain(high, low, close, trueRange, atr, atrPercent, n))
            DivisionChain(high, low, close, trueRange, atr, atrPercent, n);
    }

    /// <summary>The textbook chain from bar N + 1: ATR = ((ATR·(N−1)) + TR) / N.</summary>
    private static void DivisionChain(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        Span<double> trueRange, Span<double> atr, Span<double> atrPercent, int n)
    {
        double value = atr[n];
        for (int i = n + 1; i < high.Length; i++)
        {
            double tr = TrueRange(high[i], low[i], close[i - 1]);
            trueRange[i] = tr;
            value = ((value * (n - 1)) + tr) / n;
            atr[i] = value;
            atrPercent[i] = Atr.PercentOf(value, close[i]);
        }
    }

    /// <summary>
    /// The same chain with the division replaced by the correctly rounded reciprocal product (see <see cref="ComputeCore"/>);
    /// false (outputs to be recomputed) when a value left the range in which that is exact.
    /// </summary>
    private static bool ReciprocalChain(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        Span<double> trueRange, Span<double> atr, Span<double> atrPercent, int n)
    {
        var (m, ch, cl, mcl) = ReciprocalConstants(n);
        int len = high.Length;
        ref double h = ref MemoryMarshal.GetReference(high);
        ref double l = ref MemoryMarshal.GetReference(low);
        ref double c = ref MemoryMarshal.GetReference(close);
        ref double t = ref MemoryMarshal.GetReference(trueRange);
        ref double a = ref MemoryMarshal.GetReference(atr);
        ref double p = ref MemoryMarshal.GetReference(atrPercent);
        double value = atr[n], previousClose = close[n];
        double maxTr = 0, minAtr = double.MaxValue;
        unchecked
        {
            for (int i = n + 1; i < len; i++)
            {
                double hi = Unsafe.Add(ref h, i), lo = Unsafe.Add(ref l, i);
                // TrueRange with "a > b ? a : b" for Math.Max: the same value here (no NaN; the second operand, an absolute
                // value, is never −0), one instruction instead of Math.Max's NaN and signed-zero handling.
                double range = hi - lo, up = Math.Abs(hi - previousClose), down = Math.Abs(lo - previousClose);
                double gap = up > down ? up : down;
                double tr = range > gap ? range : gap;
                previousClose = Unsafe.Add(ref c, i);
                Unsafe.Add(ref t, i) = tr;
                double u = Math.FusedMultiplyAdd(mcl, value, cl * tr); // ≈ Cl·t, off the chain
                value = Math.FusedMultiplyAdd(ch, (value * m) + tr, u);
                Unsafe.Add(ref a, i) = value;
                Unsafe.Add(ref p, i) = Atr.PercentOf(value, previousClose);
                maxTr = tr > maxTr ? tr : maxTr;
                minAtr = value < minAtr ? value : minAtr;
            }
        }
        // An ATR at or below TinyAtr (0 included: a fast-path 0 could hide an underflow) sends the series to the division.
        return maxTr < HugeTrueRange && minAtr > TinyAtr;
    }

    /// <summary>N − 1, Ch = RN(1/N), Cl = RN(1/N − Ch) and (N − 1)·Cl for the reciprocal chain.</summary>
    internal static (double M, double Ch, double Cl, double MCl) ReciprocalConstants(int n)
    {
        double m = n - 1;
        double ch = 1d / n;
        double cl = Math.FusedMultiplyAdd(-ch, n, 1d) / n; // 1 − Ch·N is exact (an FMA remainder), so Cl = RN(1/N − Ch)
        return (m, ch, cl, m * cl);
    }

    /// <summary>One step of the chain for <see cref="Atr"/>: ((atr·(N−1)) + tr) / N, bit for bit, by the reciprocal product when that is proven exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Next(double atr, double tr, int n, double m, double ch, double cl, double mcl)
    {
        double t = (atr * m) + tr;
        double next = Math.FusedMultiplyAdd(ch, t, Math.FusedMultiplyAdd(mcl, atr, cl * tr));
        // Exact unless the result left the normal range (tiny, or NaN from an infinite true range); ∞ is exact too.
        return (next > TinyAtr || t == 0) && n <= MaxReciprocalLookback ? next : t / n;
    }

    /// <summary>
    /// <c>value / close · 100</c>, or NaN when the close is 0 (a percentage of nothing is undefined; Stock.Indicators
    /// leaves ATRP empty there too) or so close to 0 that the percentage overflows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double PercentOf(double value, double close)
    {
        double p = value / close * 100d;
        return double.IsFinite(p) ? p : double.NaN;
    }
}
