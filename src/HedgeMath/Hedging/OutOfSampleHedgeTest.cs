using System.Collections.Immutable;

namespace HedgeMath.Hedging;

/// <summary>The result of <see cref="HedgeRatio.OutOfSample"/>: every window pair and the pooled summary.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record OutOfSampleHedgeTest
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal OutOfSampleHedgeTest(HedgeRatioBasis basis, int window, int observations, ImmutableArray<OutOfSampleWindow> windows, double pooledRealizedEffectiveness)
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

    /// <summary>One row per estimation/test pair, in time order (observations beyond the last whole window are unused).</summary>
    public ImmutableArray<OutOfSampleWindow> Windows { get; }

    /// <summary>1 − Σ hedged variance / Σ spot variance over all test windows.</summary>
    public double PooledRealizedEffectiveness { get; }

    /// <summary>Mean of the promised effectiveness (in-sample ρ²) over the estimation windows.</summary>
    public double MeanPromisedEffectiveness => Windows.Average(w => w.PromisedEffectiveness);

    /// <summary>Mean of the realized out-of-sample effectiveness over the test windows.</summary>
    public double MeanRealizedEffectiveness => Windows.Average(w => w.RealizedEffectiveness);

    /// <summary>Mean of the estimated hedge ratios.</summary>
    public double MeanHedgeRatio => Windows.Average(w => w.Estimate.HedgeRatio);
}
