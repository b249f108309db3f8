namespace HedgeMath.Signals;

/// <summary>Support and resistance from swing highs and lows (pivots), as context flags of a signal series.</summary>
/// <remarks>
/// A swing high at bar j is a high strictly above the highs of the <c>strength</c> bars on each side (Bill Williams'
/// fractal with strength 2); a swing low the mirror image on lows. A pivot at j is confirmed at bar j + strength, so the
/// levels at bar i use highs and lows up to i only (no look-ahead). At each bar: resistance = the latest confirmed swing
/// high, support = the latest confirmed swing low (NaN before the first). Flags: near resistance when
/// <c>R·(1 − tol) ≤ close ≤ R</c>; resistance break when the close crosses above R (<c>previous close ≤ R &lt; close</c>);
/// near support when <c>S ≤ close ≤ S·(1 + tol)</c>; support break when <c>previous close ≥ S &gt; close</c>. O(n·strength).
/// </remarks>
internal static class SwingLevels
{
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int strength, double tolerance,
        Span<double> resistance, Span<double> support, Span<SignalKinds> flags)
    {
        int n = close.Length;
        double res = double.NaN, sup = double.NaN, prevClose = double.NaN;
        for (int i = 0; i < n; i++)
        {
            int j = i - strength;
            if (j >= strength)
            {
                bool isHigh = true, isLow = true;
                for (int m = j - strength; m <= j + strength; m++)
                {
                    if (m == j) continue;
                    isHigh &= high[m] < high[j];
                    isLow &= low[m] > low[j];
                }
                if (isHigh) res = high[j];
                if (isLow) sup = low[j];
            }
            resistance[i] = res;
            support[i] = sup;
            double c = close[i];
            var f = SignalKinds.None;
            if (!double.IsNaN(res))
            {
                if (c <= res && c >= res * (1 - tolerance)) f |= SignalKinds.NearResistance;
                if (c > res && prevClose <= res) f |= SignalKinds.ResistanceBreak;
            }
            if (!double.IsNaN(sup))
            {
                if (c >= sup && c <= sup * (1 + tolerance)) f |= SignalKinds.NearSupport;
                if (c < sup && prevClose >= sup) f |= SignalKinds.SupportBreak;
            }
            flags[i] = f;
            prevClose = c;
        }
    }
}
