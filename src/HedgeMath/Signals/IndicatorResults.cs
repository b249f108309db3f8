using System.Collections.Immutable;

namespace HedgeMath.Signals;

/// <summary>The three MACD series, each as long as the source (NaN during warm-up).</summary>
/// <param name="Line">The MACD line: fast EMA − slow EMA.</param>
/// <param name="Signal">The signal line: EMA of the MACD line.</param>
/// <param name="Histogram">MACD line − signal line.</param>
public sealed record MacdResult(ImmutableArray<double> Line, ImmutableArray<double> Signal, ImmutableArray<double> Histogram);

/// <summary>The six Bollinger series, each as long as the source (NaN during warm-up).</summary>
/// <param name="Upper">Upper band: middle + k·σ.</param>
/// <param name="Middle">Middle band: SMA.</param>
/// <param name="Lower">Lower band: middle − k·σ.</param>
/// <param name="PercentB">(x − lower)/(upper − lower).</param>
/// <param name="Width">(upper − lower)/middle, a fraction.</param>
/// <param name="ZScore">(x − middle)/σ.</param>
public sealed record BollingerResult(ImmutableArray<double> Upper, ImmutableArray<double> Middle, ImmutableArray<double> Lower,
    ImmutableArray<double> PercentB, ImmutableArray<double> Width, ImmutableArray<double> ZScore);

/// <summary>The three ATR series, each as long as the source (NaN during warm-up).</summary>
/// <param name="TrueRange">True range (NaN at index 0).</param>
/// <param name="Atr">Average true range.</param>
/// <param name="AtrPercent">ATR / close · 100.</param>
public sealed record AtrResult(ImmutableArray<double> TrueRange, ImmutableArray<double> Atr, ImmutableArray<double> AtrPercent);

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
