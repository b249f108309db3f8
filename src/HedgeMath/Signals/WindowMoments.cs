using System.Runtime.CompilerServices;

namespace HedgeMath.Signals;

/// <summary>
/// O(1) rolling first and second moments of a fixed window, shared by <see cref="Sma"/>,
/// <see cref="BollingerBands"/> and their streams so batch and streaming results are bit-identical.
/// </summary>
/// <remarks>
/// Numerics: sums are kept of deviations from an anchor <c>K</c> (a value of the window), not of raw
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

    /// <summary>Bars between exact recomputations of the sums.</summary>
    public static int RestartInterval(int lookbackPeriods) => Math.Max(64, lookbackPeriods);

    /// <summary>Starts over with the given anchor and no values.</summary>
    public void Reset(double anchor)
    {
        Anchor = anchor;
        S1 = 0;
        S2 = 0;
    }

    /// <summary>Adds the values of <paramref name="part"/> in order (oldest first).</summary>
    public void Accumulate(ReadOnlySpan<double> part)
    {
        double s1 = S1, s2 = S2, k = Anchor;
        foreach (double x in part)
        {
            double d = x - k;
            s1 += d;
            s2 += d * d;
        }
        S1 = s1;
        S2 = s2;
    }

    /// <summary>Moves the window on: <paramref name="added"/> enters, <paramref name="removed"/> leaves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Slide(double added, double removed)
    {
        double a = added - Anchor;
        double r = removed - Anchor;
        S1 += a - r;
        S2 += (a * a) - (r * r);
    }

    /// <summary>The window mean K + Σd/N.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Mean(double invN) => Anchor + (S1 * invN);

    /// <summary>The population standard deviation √((Σd² − (Σd)²/N)/N), 0 below the rounding-noise floor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double PopulationStdDev(double invN)
    {
        double variance = (S2 - (S1 * S1 * invN)) * invN;
        return variance > S2 * invN * NoiseFloor ? Math.Sqrt(variance) : 0d;
    }
}
