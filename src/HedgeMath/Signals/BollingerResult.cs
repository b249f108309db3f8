using System.Collections.Immutable;

namespace HedgeMath.Signals;

/// <summary>The six Bollinger series, each as long as the source (NaN during warm-up).</summary>
public sealed record BollingerResult
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal BollingerResult(ImmutableArray<double> upper, ImmutableArray<double> middle, ImmutableArray<double> lower, ImmutableArray<double> percentB, ImmutableArray<double> width, ImmutableArray<double> zScore)
    {
        Upper = upper;
        Middle = middle;
        Lower = lower;
        PercentB = percentB;
        Width = width;
        ZScore = zScore;
    }

    /// <summary>Upper band: middle + k·σ.</summary>
    public ImmutableArray<double> Upper { get; }

    /// <summary>Middle band: SMA.</summary>
    public ImmutableArray<double> Middle { get; }

    /// <summary>Lower band: middle − k·σ.</summary>
    public ImmutableArray<double> Lower { get; }

    /// <summary>(x − lower)/(upper − lower).</summary>
    public ImmutableArray<double> PercentB { get; }

    /// <summary>(upper − lower)/middle, a fraction.</summary>
    public ImmutableArray<double> Width { get; }

    /// <summary>(x − middle)/σ.</summary>
    public ImmutableArray<double> ZScore { get; }
}
