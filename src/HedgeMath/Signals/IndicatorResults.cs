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

/// <summary>One bar of MACD (NaN parts during warm-up).</summary>
/// <param name="Line">Fast EMA − slow EMA.</param>
/// <param name="Signal">EMA of the line.</param>
/// <param name="Histogram">Line − signal.</param>
public readonly record struct MacdValue(double Line, double Signal, double Histogram);

/// <summary>One bar of Bollinger Bands (all NaN during warm-up).</summary>
/// <param name="Upper">Upper band.</param>
/// <param name="Middle">Middle band (SMA).</param>
/// <param name="Lower">Lower band.</param>
/// <param name="PercentB">(x − lower)/(upper − lower).</param>
/// <param name="Width">(upper − lower)/middle.</param>
/// <param name="ZScore">(x − middle)/σ.</param>
public readonly record struct BollingerValue(double Upper, double Middle, double Lower, double PercentB, double Width, double ZScore)
{
    /// <summary>The value of every output during warm-up.</summary>
    public static BollingerValue NaN { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}

/// <summary>One bar of ATR (NaN parts during warm-up).</summary>
/// <param name="TrueRange">True range.</param>
/// <param name="Atr">Average true range.</param>
/// <param name="AtrPercent">ATR / close · 100.</param>
public readonly record struct AtrValue(double TrueRange, double Atr, double AtrPercent);
