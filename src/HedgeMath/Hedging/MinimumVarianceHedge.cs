using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>The minimum-variance hedge estimated from two series of changes (spot and futures).</summary>
/// <remarks>
/// h* = ρ·σS/σF = Cov(ΔS, ΔF)/Var(ΔF), the OLS slope of ΔS on ΔF (Hull, <i>Options, Futures and Other
/// Derivatives</i>, §3.4, eq. 3.1). Standard deviations are sample (n − 1) statistics. The hedge
/// effectiveness ρ² is the share of the spot variance the hedge removes in sample. The residual (basis)
/// volatility is the sample standard deviation of ΔS − h*·ΔF, which equals σS·√(1 − ρ²).
/// All figures are in the unit of the changes (see <see cref="Basis"/>). Immutable and thread-safe.
/// </remarks>
/// <param name="HedgeRatio">h* = ρ·σS/σF (futures change units per spot change unit).</param>
/// <param name="Correlation">ρ, the sample correlation of the spot and futures changes.</param>
/// <param name="SpotVolatility">σS, the sample standard deviation of the spot changes.</param>
/// <param name="FuturesVolatility">σF, the sample standard deviation of the futures changes.</param>
/// <param name="ResidualVolatility">Sample standard deviation of ΔS − h*·ΔF (the basis risk left after hedging).</param>
/// <param name="Observations">Number of change observations used.</param>
/// <param name="Basis">How the inputs were turned into changes.</param>
public sealed record MinimumVarianceHedge(
    double HedgeRatio,
    double Correlation,
    double SpotVolatility,
    double FuturesVolatility,
    double ResidualVolatility,
    int Observations,
    HedgeRatioBasis Basis)
{
    /// <summary>Hedge effectiveness ρ²: the fraction of the spot variance removed by the hedge in sample.</summary>
    public double Effectiveness => Correlation * Correlation;

    /// <summary>
    /// An estimate known by its three figures (what <c>hedgemath hedge-ratio</c> prints for daily log returns, e.g. from
    /// another tool), with the two that follow from them.
    /// </summary>
    /// <param name="hedgeRatio">h*, &gt; 0.</param>
    /// <param name="correlation">ρ, in (0, 1].</param>
    /// <param name="spotVolatility">σS per observation, &gt; 0.</param>
    /// <returns>
    /// The estimate with σF = ρ·σS/h* (from h* = ρ·σS/σF, Hull eq. 3.1) and the residual (basis) volatility σS·√(1 − ρ²);
    /// <see cref="Observations"/> 2 (the fewest a sample statistic takes: the sample size is not known) and
    /// <see cref="Basis"/> <see cref="HedgeRatioBasis.PricesToLogReturns"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A figure is not finite or outside its range, or the hedge ratio is so small
    /// that σF is not finite.</exception>
    public static MinimumVarianceHedge FromEstimate(double hedgeRatio, double correlation, double spotVolatility)
    {
        Preconditions.Positive(hedgeRatio);
        Preconditions.Positive(spotVolatility);
        if (!double.IsFinite(correlation) || correlation <= 0d || correlation > 1d)
            Preconditions.ThrowOutOfRange(nameof(correlation), correlation, "must be in (0, 1]");
        double futuresVolatility = correlation * spotVolatility / hedgeRatio;
        if (!double.IsFinite(futuresVolatility))
            Preconditions.ThrowOutOfRange(nameof(hedgeRatio), hedgeRatio, $"is so small beside ρ·σS = {correlation * spotVolatility} that σF = ρ·σS/h* is not a finite number");
        return new MinimumVarianceHedge(hedgeRatio, correlation, spotVolatility, futuresVolatility,
            spotVolatility * Math.Sqrt(1d - correlation * correlation), 2, HedgeRatioBasis.PricesToLogReturns);
    }
}
