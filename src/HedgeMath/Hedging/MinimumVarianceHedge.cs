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
}
