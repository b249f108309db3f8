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
        int n = close.Length, width = (2 * strength) + 1;
        double res = double.NaN, sup = double.NaN, prevClose = double.NaN;
        for (int i = 0; i < n; i++)
        {
            int j = i - strength;
            if (j >= strength) Pivot(high.Slice(j - strength, width), low.Slice(j - strength, width), strength, ref res, ref sup);
            resistance[i] = res;
            support[i] = sup;
            flags[i] = Flags(close[i], prevClose, res, sup, tolerance);
            prevClose = close[i];
        }
    }

    /// <summary>The pivot test of the middle bar of a window of 2·strength + 1 bars (the bar confirmed by the window's last bar): a swing high sets <paramref name="res"/>, a swing low <paramref name="sup"/>.</summary>
    public static void Pivot(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int strength, ref double res, ref double sup)
    {
        bool isHigh = true, isLow = true;
        double h = high[strength], l = low[strength];
        for (int m = 0; m < high.Length; m++)
        {
            if (m == strength) continue;
            isHigh &= high[m] < h;
            isLow &= low[m] > l;
        }
        if (isHigh) res = h;
        if (isLow) sup = l;
    }

    /// <summary>The level flags of a bar: near or through the resistance and support in force at its close.</summary>
    public static SignalKinds Flags(double c, double prevClose, double res, double sup, double tolerance)
    {
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
        return f;
    }
}
