namespace HedgeMath.Signals;

/// <summary>The named signals of a bar, as flags (several can be active at once).</summary>
/// <remarks>Thresholds, reset levels (hysteresis) and defaults are those of <see cref="SignalOptions"/>; docs/signals.md lists them.</remarks>
[Flags]
public enum SignalKinds
{
    /// <summary>No signal.</summary>
    None = 0,
    /// <summary>RSI above <see cref="SignalOptions.RsiOverbought"/> (default 70): scale out some spot or tighten the hedge. Bearish.</summary>
    RsiOverbought = 1 << 0,
    /// <summary>RSI at or above <see cref="SignalOptions.RsiExtreme"/> (default 85): raise the hedge ratio temporarily. Bearish.</summary>
    RsiExtreme = 1 << 1,
    /// <summary>RSI below <see cref="SignalOptions.RsiOversold"/> (default 30): caution before adding to the hedge. Bullish.</summary>
    RsiOversold = 1 << 2,
    /// <summary>The MACD line crossed below its signal line (on this bar only). Bearish.</summary>
    MacdBearishCross = 1 << 3,
    /// <summary>The MACD line crossed above its signal line (on this bar only). Bullish.</summary>
    MacdBullishCross = 1 << 4,
    /// <summary>A positive MACD histogram has shrunk for k bars in a row: upward momentum fading. Bearish.</summary>
    HistogramShrinkingPositive = 1 << 5,
    /// <summary>A negative MACD histogram has shrunk (towards 0) for k bars in a row: downward momentum fading. Bullish.</summary>
    HistogramShrinkingNegative = 1 << 6,
    /// <summary>Close at or near the upper Bollinger band (%B ≥ 1 − tolerance): exhaustion. Bearish.</summary>
    UpperBandTouch = 1 << 7,
    /// <summary>Close above the upper Bollinger band (%B &gt; 1). Bearish (counted with the touch as one vote).</summary>
    UpperBandBreak = 1 << 8,
    /// <summary>Close at or near the lower Bollinger band (%B ≤ tolerance). Bullish.</summary>
    LowerBandTouch = 1 << 9,
    /// <summary>Close below the lower Bollinger band (%B &lt; 0). Bullish (counted with the touch as one vote).</summary>
    LowerBandBreak = 1 << 10,
    /// <summary>Band width in the lowest quantile of its lookback: a large move may be imminent. Neutral (no vote).</summary>
    Squeeze = 1 << 11,
    /// <summary>Close at or below the latest confirmed swing high (resistance) and within <see cref="SignalOptions.LevelTolerance"/> of it (default 2 %): context for "MACD cross near resistance". Only from candles (highs and lows). No vote.</summary>
    NearResistance = 1 << 12,
    /// <summary>Close crossed above the latest confirmed swing high (on this bar only): "a break of minor resistance", the pyramiding entry. Only from candles. No vote.</summary>
    ResistanceBreak = 1 << 13,
    /// <summary>Close at or above the latest confirmed swing low (support) and within <see cref="SignalOptions.LevelTolerance"/> of it. Only from candles. No vote.</summary>
    NearSupport = 1 << 14,
    /// <summary>Close crossed below the latest confirmed swing low (on this bar only). Only from candles. No vote.</summary>
    SupportBreak = 1 << 15,
}
