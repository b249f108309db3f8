namespace HedgeMath.Benchmarks.Baseline;

/// <summary>
/// Frozen copy of the <c>Atr.Compute</c> loop as it was before issue 15 (commit baa14ae): the benchmarks' baseline and
/// the tests' bit-for-bit reference (this file is linked into HedgeMath.Tests). Do not optimise.
/// </summary>
internal static class AtrV1
{
    public static void Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close,
        Span<double> trueRange, Span<double> atr, Span<double> atrPercent, int n)
    {
        int len = high.Length;
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
            atrPercent[i] = value / close[i] * 100d;
        }
    }

    private static double TrueRange(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));
}
