namespace HedgeMath.Signals;

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
