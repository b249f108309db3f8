namespace HedgeMath.Signals;

/// <summary>One bar of ATR (NaN parts during warm-up).</summary>
/// <param name="TrueRange">True range.</param>
/// <param name="Atr">Average true range.</param>
/// <param name="AtrPercent">ATR / close · 100.</param>
public readonly record struct AtrValue(double TrueRange, double Atr, double AtrPercent);
