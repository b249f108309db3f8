namespace HedgeMath.Signals;

/// <summary>One bar of MACD (NaN parts during warm-up).</summary>
/// <param name="Line">Fast EMA − slow EMA.</param>
/// <param name="Signal">EMA of the line.</param>
/// <param name="Histogram">Line − signal.</param>
public readonly record struct MacdValue(double Line, double Signal, double Histogram);
