using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>The outcome distribution of one strategy (unhedged or one hedge ratio) over all Monte Carlo paths.</summary>
/// <remarks>
/// PnL in the quote asset against the starting price. VaR and CVaR at 95 % are reported as positive losses:
/// with the n outcomes sorted ascending and m = ⌈0.05·n⌉, VaR = −x₍ₘ₎ (the m-th worst) and CVaR = −mean(x₍₁₎..x₍ₘ₎)
/// (the historical-simulation estimators of Jorion, <i>Value at Risk</i>, 3rd ed., ch. 5; Acerbi &amp; Tasche 2002 for
/// expected shortfall). Median: mean of the two middle values for even n. Standard deviation: sample (n − 1).
/// Variance reduction versus unhedged: <c>1 − Var(hedged)/Var(unhedged)</c> (Ederington 1979 hedge effectiveness).
/// Immutable and thread-safe.
/// </remarks>
public sealed class StrategyStatistics
{
    internal StrategyStatistics() { }

    /// <summary>Strategy name ("unhedged" or "hedge 50%").</summary>
    public string Name { get; internal init; } = "";
    /// <summary>Hedge ratio; null for the unhedged strategy.</summary>
    public decimal? HedgeRatio { get; internal init; }
    /// <summary>Liquidation price of this strategy's hedge at entry, when it has one.</summary>
    public decimal? LiquidationPrice { get; internal init; }
    /// <summary>Mean PnL.</summary>
    public double Mean { get; internal init; }
    /// <summary>Median PnL.</summary>
    public double Median { get; internal init; }
    /// <summary>Sample standard deviation of PnL.</summary>
    public double StandardDeviation { get; internal init; }
    /// <summary>95 % value at risk (a loss, positive when the 5 % tail loses money).</summary>
    public double ValueAtRisk95 { get; internal init; }
    /// <summary>95 % conditional value at risk / expected shortfall (positive = loss).</summary>
    public double ConditionalValueAtRisk95 { get; internal init; }
    /// <summary>Worst PnL.</summary>
    public double Worst { get; internal init; }
    /// <summary>Best PnL.</summary>
    public double Best { get; internal init; }
    /// <summary>Share of paths on which the hedge was liquidated.</summary>
    public double ProbabilityLiquidation { get; internal init; }
    /// <summary>Share of paths on which the hedge's stop was hit.</summary>
    public double ProbabilityStop { get; internal init; }
    /// <summary><c>1 − Var/Var(unhedged)</c>; 0 for the unhedged strategy (NaN when the unhedged variance is 0).</summary>
    public double VarianceReduction { get; internal init; }
    /// <summary>All path outcomes, sorted ascending (for histograms).</summary>
    public ImmutableArray<double> SortedPnl { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}: mean {1:0.00}, median {2:0.00}, sd {3:0.00}, VaR95 {4:0.00}, CVaR95 {5:0.00}, worst {6:0.00}, P(liq) {7:P1}, P(stop) {8:P1}, var. reduction {9:P1}",
        Name, Mean, Median, StandardDeviation, ValueAtRisk95, ConditionalValueAtRisk95, Worst, ProbabilityLiquidation, ProbabilityStop, VarianceReduction);
}
