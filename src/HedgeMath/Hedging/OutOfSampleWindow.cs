using System.Collections.Immutable;

namespace HedgeMath.Hedging;

/// <summary>One step of an out-of-sample hedge test: h* estimated on one window and applied in the next.</summary>
/// <remarks>
/// Indices are observation (change) indices; for a price basis observation i spans prices i and i + 1, so
/// the estimation window covers prices [EstimationStart, EstimationStart + Length]. Volatilities are sample
/// standard deviations per observation in the unit of the changes. Immutable and thread-safe.
/// </remarks>
public sealed record OutOfSampleWindow
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal OutOfSampleWindow(int estimationStart, int testStart, int length, MinimumVarianceHedge estimate, double realizedEffectiveness, double hindsightHedgeRatio, double hindsightEffectiveness, double testSpotVolatility, double testHedgedVolatility)
    {
        EstimationStart = estimationStart;
        TestStart = testStart;
        Length = length;
        Estimate = estimate;
        RealizedEffectiveness = realizedEffectiveness;
        HindsightHedgeRatio = hindsightHedgeRatio;
        HindsightEffectiveness = hindsightEffectiveness;
        TestSpotVolatility = testSpotVolatility;
        TestHedgedVolatility = testHedgedVolatility;
    }

    /// <summary>First observation of the estimation window.</summary>
    public int EstimationStart { get; }

    /// <summary>First observation of the test window (= EstimationStart + Length).</summary>
    public int TestStart { get; }

    /// <summary>Observations per window.</summary>
    public int Length { get; }

    /// <summary>The estimate from the estimation window; its <see cref="MinimumVarianceHedge.Effectiveness"/> is the promised variance reduction.</summary>
    public MinimumVarianceHedge Estimate { get; }

    /// <summary>1 − Var(ΔS − h·ΔF)/Var(ΔS) in the test window with h from the estimation window (can be negative).</summary>
    public double RealizedEffectiveness { get; }

    /// <summary>The h* the test window itself would have given (the best ratio in hindsight).</summary>
    public double HindsightHedgeRatio { get; }

    /// <summary>The ρ² of the test window (the most any constant ratio could have removed there).</summary>
    public double HindsightEffectiveness { get; }

    /// <summary>σ of the unhedged spot changes in the test window.</summary>
    public double TestSpotVolatility { get; }

    /// <summary>σ of the hedged changes ΔS − h·ΔF in the test window.</summary>
    public double TestHedgedVolatility { get; }

    /// <summary>The ρ² the estimation window promised.</summary>
    public double PromisedEffectiveness => Estimate.Effectiveness;

    /// <summary>Realized minus promised effectiveness (negative: the hedge delivered less than it promised).</summary>
    public double Shortfall => RealizedEffectiveness - PromisedEffectiveness;
}
