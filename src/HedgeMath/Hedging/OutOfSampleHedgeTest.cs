using System.Collections.Immutable;

namespace HedgeMath.Hedging;

/// <summary>The result of <see cref="HedgeRatio.OutOfSample"/>: every window pair and the pooled summary.</summary>
/// <remarks>
/// Indices are observation (change) indices; for a price basis observation i spans prices i and i + 1, so an
/// estimation window covers prices [EstimationStart, EstimationStart + <see cref="Window"/>]. Volatilities are sample
/// standard deviations per observation in the unit of the changes. Immutable and thread-safe.
/// </remarks>
public sealed record OutOfSampleHedgeTest
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal OutOfSampleHedgeTest(HedgeRatioBasis basis, int window, int observations,
        ImmutableArray<(int EstimationStart, int TestStart, MinimumVarianceHedge Estimate, MinimumVarianceHedge Hindsight, double RealizedEffectiveness, double TestHedgedVolatility)> windows,
        double pooledRealizedEffectiveness)
    {
        Basis = basis;
        Window = window;
        Observations = observations;
        Windows = windows;
        PooledRealizedEffectiveness = pooledRealizedEffectiveness;
    }

    /// <summary>How the inputs were turned into changes.</summary>
    public HedgeRatioBasis Basis { get; }

    /// <summary>Observations per window.</summary>
    public int Window { get; }

    /// <summary>Total observations in the input.</summary>
    public int Observations { get; }

    /// <summary>
    /// One row per estimation/test pair, in time order (observations beyond the last whole window are unused): h*
    /// estimated on one window and applied in the next. <c>EstimationStart</c> is the first observation of the estimation
    /// window and <c>TestStart</c> of the test window (= EstimationStart + <see cref="Window"/>); <c>Estimate</c> is the
    /// estimate from the estimation window (its <see cref="MinimumVarianceHedge.Effectiveness"/> is the variance reduction
    /// it promised); <c>Hindsight</c> is the estimate the test window itself gives (its h* the best ratio in hindsight, its
    /// ρ² the most any constant ratio could have removed there, its <see cref="MinimumVarianceHedge.SpotVolatility"/> σ of
    /// the unhedged spot changes in the test window); <c>RealizedEffectiveness</c> = 1 − Var(ΔS − h·ΔF)/Var(ΔS) in the test
    /// window with h from the estimation window (can be negative; minus <c>Estimate.Effectiveness</c>, the shortfall); and
    /// <c>TestHedgedVolatility</c> is σ of the hedged changes ΔS − h·ΔF in the test window.
    /// </summary>
    public ImmutableArray<(int EstimationStart, int TestStart, MinimumVarianceHedge Estimate, MinimumVarianceHedge Hindsight, double RealizedEffectiveness, double TestHedgedVolatility)> Windows { get; }

    /// <summary>1 − Σ hedged variance / Σ spot variance over all test windows.</summary>
    public double PooledRealizedEffectiveness { get; }

    /// <summary>Mean of the promised effectiveness (in-sample ρ²) over the estimation windows.</summary>
    public double MeanPromisedEffectiveness => Windows.Average(w => w.Estimate.Effectiveness);

    /// <summary>Mean of the realized out-of-sample effectiveness over the test windows.</summary>
    public double MeanRealizedEffectiveness => Windows.Average(w => w.RealizedEffectiveness);

    /// <summary>Mean of the estimated hedge ratios.</summary>
    public double MeanHedgeRatio => Windows.Average(w => w.Estimate.HedgeRatio);
}
