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
        return Running.Over(equity).Statistics(barsPerYear);
    }

    /// <summary>The statistics' running sums, fed one close at a time (a curve that is not kept); <see cref="Of"/> is this over a span.</summary>
    internal struct Running
    {
        private double _peak, _maxDd, _sum, _sumSq, _prev;
        private decimal _start, _final;
        private int _n;

        /// <summary>The sums of a whole curve, its closes added in order.</summary>
        public static Running Over(ReadOnlySpan<decimal> equity)
        {
            var sums = new Running();
            foreach (decimal e in equity) sums.Add(e);
            return sums;
        }

        /// <summary>The equity at the next close.</summary>
        public void Add(decimal equity)
        {
            double e = (double)equity;
            _final = equity;
            if (_n++ == 0) { _start = equity; _peak = _prev = e; return; }
            double r = e / _prev - 1d;
            _sum += r; _sumSq += r * r;
            _prev = e;
            if (e > _peak) _peak = e;
            else _maxDd = Math.Max(_maxDd, (_peak - e) / _peak);
        }

        /// <summary>The statistics of the closes added (at least one).</summary>
        public readonly EquityStatistics Statistics(double barsPerYear)
        {
            int m = _n - 1;
            double mean = _sum / m;
            double variance = m > 1 ? Math.Max(0d, (_sumSq - m * mean * mean) / (m - 1)) : 0d;
            return new EquityStatistics
            {
                StartEquity = _start,
                FinalEquity = _final,
                TotalReturn = _final / _start - 1m,
                MaxDrawdown = _maxDd,
                AnnualizedVolatility = Math.Sqrt(variance * barsPerYear),
            };
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "start {0:#,##0.00}, final {1:#,##0.00}, return {2:P1}, max drawdown {3:P1}, volatility {4:P1}", StartEquity, FinalEquity, TotalReturn, MaxDrawdown, AnnualizedVolatility);
}
