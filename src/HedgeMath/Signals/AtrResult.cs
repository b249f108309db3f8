using System.Collections.Immutable;

namespace HedgeMath.Signals;

/// <summary>The three ATR series, each as long as the source (NaN during warm-up).</summary>
public sealed record AtrResult
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal AtrResult(ImmutableArray<double> trueRange, ImmutableArray<double> atr, ImmutableArray<double> atrPercent)
    {
        TrueRange = trueRange;
        Atr = atr;
        AtrPercent = atrPercent;
    }

    /// <summary>True range (NaN at index 0).</summary>
    public ImmutableArray<double> TrueRange { get; }

    /// <summary>Average true range.</summary>
    public ImmutableArray<double> Atr { get; }

    /// <summary>ATR / close · 100.</summary>
    public ImmutableArray<double> AtrPercent { get; }
}
