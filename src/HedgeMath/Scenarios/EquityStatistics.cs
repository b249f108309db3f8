using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>Statistics of one equity curve.</summary>
/// <remarks>
/// Returns are simple returns from bar to bar <c>E(t)/E(t−1) − 1</c> (daily for daily data). Volatility is their sample
/// standard deviation × √(bars in 365 days): √365 for daily bars (crypto trades every day), √8760 for hourly ones. Maximum drawdown is the largest fall from a running peak, as a fraction of the peak
/// (Magdon-Ismail &amp; Atiya 2004). Immutable and thread-safe.
/// </remarks>
public sealed class EquityStatistics
{
    private EquityStatistics() { }

    /// <summary>Equity at the start (quote asset).</summary>
    public decimal StartEquity { get; private init; }
    /// <summary>Equity at the end.</summary>
    public decimal FinalEquity { get; private init; }
    /// <summary><c>Final / Start − 1</c>.</summary>
    public decimal TotalReturn { get; private init; }
    /// <summary>Largest peak-to-trough fall as a fraction of the peak (positive).</summary>
    public double MaxDrawdown { get; private init; }
    /// <summary>Annualised volatility of the bar returns (× √365 for daily bars, √(bars in 365 days) otherwise).</summary>
    public double AnnualizedVolatility { get; private init; }

    internal static EquityStatistics Of(ReadOnlySpan<decimal> equity, double barsPerYear = 365d)
    {
        double peak = (double)equity[0], maxDd = 0d, sum = 0d, sumSq = 0d;
        int n = equity.Length;
        double prev = (double)equity[0];
        for (int i = 1; i < n; i++)
        {
            double e = (double)equity[i];
            double r = e / prev - 1d;
            sum += r; sumSq += r * r;
            prev = e;
            if (e > peak) peak = e;
            else maxDd = Math.Max(maxDd, (peak - e) / peak);
        }
        int m = n - 1;
        double mean = sum / m;
        double variance = m > 1 ? Math.Max(0d, (sumSq - m * mean * mean) / (m - 1)) : 0d;
        return new EquityStatistics
        {
            StartEquity = equity[0],
            FinalEquity = equity[^1],
            TotalReturn = equity[^1] / equity[0] - 1m,
            MaxDrawdown = maxDd,
            AnnualizedVolatility = Math.Sqrt(variance * barsPerYear),
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "start {0:#,##0.00}, final {1:#,##0.00}, return {2:P1}, max drawdown {3:P1}, volatility {4:P1}", StartEquity, FinalEquity, TotalReturn, MaxDrawdown, AnnualizedVolatility);
}
