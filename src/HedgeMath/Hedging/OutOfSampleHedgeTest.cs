using System.Collections.Immutable;

namespace HedgeMath.Hedging;

/// <summary>One step of an out-of-sample hedge test: h* estimated on one window and applied in the next.</summary>
/// <remarks>
/// Indices are observation (change) indices; for a price basis observation i spans prices i and i + 1, so
/// the estimation window covers prices [EstimationStart, EstimationStart + Length]. Volatilities are sample
/// standard deviations per observation in the unit of the changes. Immutable and thread-safe.
/// </remarks>
/// <param name="EstimationStart">First observation of the estimation window.</param>
/// <param name="TestStart">First observation of the test window (= EstimationStart + Length).</param>
/// <param name="Length">Observations per window.</param>
/// <param name="Estimate">The estimate from the estimation window; its <see cref="MinimumVarianceHedge.Effectiveness"/> is the promised variance reduction.</param>
/// <param name="RealizedEffectiveness">1 − Var(ΔS − h·ΔF)/Var(ΔS) in the test window with h from the estimation window (can be negative).</param>
/// <param name="HindsightHedgeRatio">The h* the test window itself would have given (the best ratio in hindsight).</param>
/// <param name="HindsightEffectiveness">The ρ² of the test window (the most any constant ratio could have removed there).</param>
/// <param name="TestSpotVolatility">σ of the unhedged spot changes in the test window.</param>
/// <param name="TestHedgedVolatility">σ of the hedged changes ΔS − h·ΔF in the test window.</param>
public sealed record OutOfSampleWindow(
    int EstimationStart,
    int TestStart,
    int Length,
    MinimumVarianceHedge Estimate,
    double RealizedEffectiveness,
    double HindsightHedgeRatio,
    double HindsightEffectiveness,
    double TestSpotVolatility,
    double TestHedgedVolatility)
{
    /// <summary>The ρ² the estimation window promised.</summary>
    public double PromisedEffectiveness => Estimate.Effectiveness;

    /// <summary>Realized minus promised effectiveness (negative: the hedge delivered less than it promised).</summary>
    public double Shortfall => RealizedEffectiveness - PromisedEffectiveness;
}

/// <summary>The result of <see cref="HedgeRatio.OutOfSample"/>: every window pair and the pooled summary.</summary>
/// <param name="Basis">How the inputs were turned into changes.</param>
/// <param name="Window">Observations per window.</param>
/// <param name="Observations">Total observations in the input.</param>
/// <param name="Windows">One row per estimation/test pair, in time order (observations beyond the last whole window are unused).</param>
/// <param name="PooledRealizedEffectiveness">1 − Σ hedged variance / Σ spot variance over all test windows.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record OutOfSampleHedgeTest(
    HedgeRatioBasis Basis,
    int Window,
    int Observations,
    ImmutableArray<OutOfSampleWindow> Windows,
    double PooledRealizedEffectiveness)
{
    /// <summary>Mean of the promised effectiveness (in-sample ρ²) over the estimation windows.</summary>
    public double MeanPromisedEffectiveness => Windows.Average(w => w.PromisedEffectiveness);

    /// <summary>Mean of the realized out-of-sample effectiveness over the test windows.</summary>
    public double MeanRealizedEffectiveness => Windows.Average(w => w.RealizedEffectiveness);

    /// <summary>Mean of the estimated hedge ratios.</summary>
    public double MeanHedgeRatio => Windows.Average(w => w.Estimate.HedgeRatio);
}
