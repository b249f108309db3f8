using System.Runtime.CompilerServices;

namespace HedgeMath.Signals;

/// <summary>
/// O(1) rolling first and second moments of a fixed window, shared by <see cref="Sma"/>,
/// <see cref="BollingerBands"/> and their streams so batch and streaming results are bit-identical.
/// </summary>
/// <remarks>
/// Numerics: the mean comes from the raw window sum Σx, seeded left to right (as a window re-sum) and moved on with
/// a compensated (TwoSum, Knuth TAOCP vol. 2 §4.2.2) update, so it is exact for integer data and within an ulp or two
/// of the re-sum otherwise. The spread comes from sums kept of deviations from an anchor <c>K</c> (a value of the window), not of raw
/// prices, so that <c>Σd² − (Σd)²/N</c> does not cancel catastrophically (the "shifted data" algorithm,
/// Chan, Golub &amp; LeVeque, "Algorithms for computing the sample variance", 1983). Every
/// <see cref="RestartInterval"/> bars the anchor is reset to the newest value and both sums are
/// recomputed exactly from the window, so rounding drift never accumulates over more than that many
/// slides. Amortised cost: O(1) per bar (one O(N) restart per max(64, N) bars).
/// </remarks>
internal struct WindowMoments
{
    /// <summary>Values whose computed variance is below this fraction of the anchored mean square are rounding noise and are treated as 0.</summary>
    private const double NoiseFloor = 1e-13;

    public double Anchor;
    public double S1;
    public double S2;
    public double Sum;
    public double Compensation;

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
        S1 += a - r;
        S2 += (a * a) - (r * r);
        SlideSum(added, removed);
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

    /// <summary>The population standard deviation √((Σd² − (Σd)²/N)/N), 0 below the rounding-noise floor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double PopulationStdDev(double invN)
    {
        double variance = (S2 - (S1 * S1 * invN)) * invN;
        return variance > S2 * invN * NoiseFloor ? Math.Sqrt(variance) : 0d;
    }
}
