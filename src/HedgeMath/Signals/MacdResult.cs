using System.Collections.Immutable;

namespace HedgeMath.Signals;

/// <summary>The three MACD series, each as long as the source (NaN during warm-up).</summary>
public sealed record MacdResult
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal MacdResult(ImmutableArray<double> line, ImmutableArray<double> signal, ImmutableArray<double> histogram)
    {
        Line = line;
        Signal = signal;
        Histogram = histogram;
    }

    /// <summary>The MACD line: fast EMA − slow EMA.</summary>
    public ImmutableArray<double> Line { get; }

    /// <summary>The signal line: EMA of the MACD line.</summary>
    public ImmutableArray<double> Signal { get; }

    /// <summary>MACD line − signal line.</summary>
    public ImmutableArray<double> Histogram { get; }
}
