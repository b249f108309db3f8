using System.Runtime.CompilerServices;

namespace HedgeMath.Signals;

/// <summary>
/// O(1) rolling first and second moments of a fixed window, shared by <see cref="Sma"/>,
/// <see cref="BollingerBands"/> and their streams so batch and streaming results are bit-identical.
/// </summary>
/// <remarks>
/// Numerics: the mean comes from the raw window sum Σx, seeded left to right (as a window re-sum) and moved on with
/// a compensated (TwoSum, Knuth TAOCP vol. 2 §4.2.2) update, so it is exact for integer data and within an ulp or two
/// of the re-sum otherwise. The spread comes from sums kept of deviations from an anchor <c>K</c> (a value of the
/// window), not of raw prices, so that <c>V = Σd² − (Σd)²/N</c> does not cancel catastrophically (the "shifted data"
/// algorithm, Chan, Golub &amp; LeVeque, "Algorithms for computing the sample variance", 1983): with K inside the
/// window, <c>Σd² ≤ N·V</c>.
/// <para>Error bounded by the window's own values: each O(1) slide adds and removes <c>d²</c> terms whose rounding
/// error is a few ulps of the largest of them, so after a spike leaves the window the sums still carry an error the
/// size of the spike's ulp. <see cref="Drift"/> adds up the magnitudes every slide since the last exact
/// recomputation (a running bound on the accumulated error, in units of ε); when that bound exceeds 2⁻²⁰ of V
/// (<see cref="IsInexact"/>), the window is recomputed exactly with the newest value as anchor. So the relative error
/// of V stays below about 2²⁰·ε·(a small constant) ≈ 1e-10 whatever values have left the window, a flat window gives
/// exactly 0 (every deviation from its anchor is 0), and a spike costs one O(N) recomputation when it leaves. Every
/// <see cref="RestartInterval"/> bars the sums are recomputed anyway (also for the mean). Amortised cost: O(1) per
/// bar.</para>
/// </remarks>
internal struct WindowMoments
{
    /// <summary>V must exceed 2⁻²⁰ of the accumulated magnitudes (Σd² plus <see cref="Drift"/>), or the window is recomputed.</summary>
    private const double InexactRatio = 1_048_576d; // 2^20

    public double Anchor;
    public double S1;
    public double S2;
    public double Sum;
    public double Compensation;
    /// <summary>Σ(Σd² + a² + r²) over the slides since the last exact recomputation: the accumulated error bound / ε.</summary>
    public double Drift;

    /// <summary>Bars between exact recomputations of the sums.</summary>
    public static int RestartInterval(int lookbackPeriods) => Math.Max(64, lookbackPeriods);

    /// <summary>Starts over with the given anchor and no values.</summary>
    public void Reset(double anchor)
    {
        Anchor = anchor;
        S1 = 0;
        S2 = 0;
        Sum = 0;
        Compensation = 0;
        Drift = 0;
    }

    /// <summary>Adds the values of <paramref name="part"/> in order (oldest first).</summary>
    public void Accumulate(ReadOnlySpan<double> part)
    {
        double s1 = S1, s2 = S2, sum = Sum, k = Anchor;
        foreach (double x in part)
        {
            double d = x - k;
            s1 += d;
            s2 += d * d;
            sum += x;
        }
        S1 = s1;
        S2 = s2;
        Sum = sum;
    }

    /// <summary>Moves the window on: <paramref name="added"/> enters, <paramref name="removed"/> leaves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Slide(double added, double removed)
    {
        double a = added - Anchor;
        double r = removed - Anchor;
        double a2 = a * a, r2 = r * r;
        Drift += S2 + a2 + r2;
        S1 += a - r;
        S2 += a2 - r2;
        SlideSum(added, removed);
    }

    /// <summary>
    /// True when the sums may carry a rounding error above about 1e-10 of the window's own V = Σd² − (Σd)²/N (a large
    /// value has left the window, or the anchor is far from a window of small spread), or V has come out ≤ 0 with
    /// nonzero terms (a flat window after a trend): the caller then recomputes the window exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsInexact(double invN)
    {
        double v = S2 - (S1 * S1 * invN);
        return !(v * InexactRatio >= Drift + S2);
    }

    /// <summary>Moves only the raw sum on (compensated: Knuth's TwoSum keeps the rounding error of each addition).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SlideSum(double added, double removed)
    {
        double d = added - removed;
        double t = Sum + d;
        double bp = t - Sum;
        Compensation += (Sum - (t - bp)) + (d - bp);
        Sum = t;
    }

    /// <summary>The window mean (Σx + compensation)/N; at restart bars exactly the left-to-right window sum / N.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Mean(int n) => (Sum + Compensation) / n;

    /// <summary>The population standard deviation √((Σd² − (Σd)²/N)/N) (0 for a flat window).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double PopulationStdDev(double invN)
    {
        double variance = (S2 - (S1 * S1 * invN)) * invN;
        return variance > 0d ? Math.Sqrt(variance) : 0d;
    }
}
