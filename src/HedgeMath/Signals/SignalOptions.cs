using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>Thresholds, hysteresis and indicator parameters of the signal layer; every property has a default.</summary>
/// <remarks>
/// <para>Hysteresis: a level signal switches on at its threshold and off only at its reset level, so it does not
/// flicker while a reading hovers around the threshold. Reset levels with the defaults: overbought on RSI &gt; 70, off
/// when RSI &lt; 65; extreme on RSI ≥ 85, off &lt; 80; oversold on RSI &lt; 30, off &gt; 35; upper-band touch on %B ≥ 0.95,
/// off &lt; 0.85; upper-band break on %B &gt; 1, off &lt; 0.90; lower-band touch on %B ≤ 0.05, off &gt; 0.15; lower-band break
/// on %B &lt; 0, off &gt; 0.10; squeeze on a width rank ≤ 0.10, off &gt; 0.20. MACD crossovers need the histogram to pass
/// beyond ±<see cref="MacdCrossDeadband"/>·close from the other side.</para>
/// <para>Each property validates its own range on <c>init</c>; relations between properties (oversold &lt; overbought ≤
/// extreme, fast &lt; slow) are checked when the options are used. Immutable and thread-safe.</para>
/// </remarks>
public sealed record SignalOptions
{
    /// <summary>The defaults.</summary>
    public static SignalOptions Default { get; } = new();

    private readonly int _rsiLookback = 14, _macdFast = 12, _macdSlow = 26, _macdSignal = 9, _bbLookback = 20,
        _shrinkBars = 3, _squeezeLookback = 120, _minConfluence = 2, _swingStrength = 2;
    private readonly double _bbK = 2, _overbought = 70, _extreme = 85, _oversold = 30, _rsiHyst = 5, _deadband = 0.0005,
        _touchTol = 0.05, _bandHyst = 0.10, _squeezeQ = 0.10, _squeezeHyst = 0.10, _scaleOutPer = 0.10, _maxScaleOut = 0.50, _hedgeStep = 0.25, _levelTol = 0.02;

    /// <summary>RSI lookback N (default 14, in [1, 100,000]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int RsiLookbackPeriods { get => _rsiLookback; init => _rsiLookback = Period(value, nameof(RsiLookbackPeriods)); }
    /// <summary>MACD fast EMA length (default 12, ≥ 1, &lt; slow).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int MacdFastPeriods { get => _macdFast; init => _macdFast = Period(value, nameof(MacdFastPeriods)); }
    /// <summary>MACD slow EMA length (default 26).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int MacdSlowPeriods { get => _macdSlow; init => _macdSlow = Period(value, nameof(MacdSlowPeriods)); }
    /// <summary>MACD signal EMA length (default 9, ≥ 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int MacdSignalPeriods { get => _macdSignal; init => _macdSignal = Period(value, nameof(MacdSignalPeriods)); }
    /// <summary>Bollinger lookback N (default 20, ≥ 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int BollingerLookbackPeriods { get => _bbLookback; init => _bbLookback = Period(value, nameof(BollingerLookbackPeriods)); }
    /// <summary>Bollinger band multiplier k (default 2, in [0.001, 1000]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a finite number in [0.001, 1000].</exception>
    public double BollingerStandardDeviations
    {
        get => _bbK;
        init => _bbK = BollingerBands.Multiplier(value, nameof(BollingerStandardDeviations));
    }

    /// <summary>Overbought when RSI is above this (default 70, in [0, 100]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 100].</exception>
    public double RsiOverbought { get => _overbought; init => _overbought = Preconditions.InRange(value, 0, 100, nameof(RsiOverbought)); }
    /// <summary>Extreme when RSI is at or above this (default 85, in [0, 100], ≥ overbought).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 100].</exception>
    public double RsiExtreme { get => _extreme; init => _extreme = Preconditions.InRange(value, 0, 100, nameof(RsiExtreme)); }
    /// <summary>Oversold when RSI is below this (default 30, in [0, 100], &lt; overbought).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 100].</exception>
    public double RsiOversold { get => _oversold; init => _oversold = Preconditions.InRange(value, 0, 100, nameof(RsiOversold)); }
    /// <summary>RSI points a reading must move back past a threshold before its signal resets (default 5, in [0, 50]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 50].</exception>
    public double RsiHysteresis { get => _rsiHyst; init => _rsiHyst = Preconditions.InRange(value, 0, 50, nameof(RsiHysteresis)); }
    /// <summary>Dead band of the MACD crossover as a fraction of the close (default 0.0005 = 5 bp; 0 = plain crossing).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public double MacdCrossDeadband { get => _deadband; init => _deadband = Preconditions.InRange(value, 0, 1, nameof(MacdCrossDeadband)); }
    /// <summary>k: bars in a row the histogram must shrink (default 3, ≥ 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int HistogramShrinkBars { get => _shrinkBars; init => _shrinkBars = Period(value, nameof(HistogramShrinkBars)); }
    /// <summary>How close to a band, in %B units, counts as a touch (default 0.05, in [0, 0.5]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 0.5].</exception>
    public double BandTouchTolerance { get => _touchTol; init => _touchTol = Preconditions.InRange(value, 0, 0.5, nameof(BandTouchTolerance)); }
    /// <summary>%B a reading must move back inside before a band signal resets (default 0.10, in [0, 0.5]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 0.5].</exception>
    public double BandHysteresis { get => _bandHyst; init => _bandHyst = Preconditions.InRange(value, 0, 0.5, nameof(BandHysteresis)); }
    /// <summary>Bars of band width the squeeze ranks against (default 120, in [1, 100,000]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int SqueezeLookbackPeriods { get => _squeezeLookback; init => _squeezeLookback = Period(value, nameof(SqueezeLookbackPeriods)); }
    /// <summary>q: squeeze when at most this fraction of the lookback's widths are lower than the current one (default 0.10).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public double SqueezeQuantile { get => _squeezeQ; init => _squeezeQ = Preconditions.InRange(value, 0, 1, nameof(SqueezeQuantile)); }
    /// <summary>Rank above q at which the squeeze resets (default 0.10: off above 0.20).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public double SqueezeHysteresis { get => _squeezeHyst; init => _squeezeHyst = Preconditions.InRange(value, 0, 1, nameof(SqueezeHysteresis)); }
    /// <summary>How many same-direction votes make confluence (default 2, ≥ 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int MinConfluence { get => _minConfluence; init => _minConfluence = Preconditions.Positive(value, nameof(MinConfluence)); }
    /// <summary>Fraction of spot to scale out per bearish vote (default 0.10, in [0, 1]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public double ScaleOutPerSignal { get => _scaleOutPer; init => _scaleOutPer = Preconditions.InRange(value, 0, 1, nameof(ScaleOutPerSignal)); }
    /// <summary>Cap of the scale-out fraction (default 0.50, in [0, 1]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public double MaxScaleOut { get => _maxScaleOut; init => _maxScaleOut = Preconditions.InRange(value, 0, 1, nameof(MaxScaleOut)); }
    /// <summary>Hedge-ratio change suggested by RaiseHedge/LowerHedge (default 0.25, in [0, 1]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public double HedgeRatioStep { get => _hedgeStep; init => _hedgeStep = Preconditions.InRange(value, 0, 1, nameof(HedgeRatioStep)); }

    /// <summary>Bars on each side a swing high (low) must exceed (stay below) to be a pivot (default 2, Williams' fractal; ≥ 1). A pivot at bar j is known at bar j + strength (no look-ahead).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [1, 100,000] (the indicators' lookback limit).</exception>
    public int SwingStrength { get => _swingStrength; init => _swingStrength = Period(value, nameof(SwingStrength)); }
    /// <summary>How close to a swing level, as a fraction of the level, counts as near it (default 0.02 = 2 %, in [0, 0.5]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 0.5].</exception>
    public double LevelTolerance { get => _levelTol; init => _levelTol = Preconditions.InRange(value, 0, 0.5, nameof(LevelTolerance)); }

    // A lookback or bar count: the indicators' size limit (Preconditions.Lookback), checked on init so no entry point
    // meets an out-of-range period (one owner of the rule; Validate checks only the relations between properties).
    private static int Period(int value, string name)
    {
        Preconditions.Lookback(value, name);
        return value;
    }

    /// <summary>Checks the relations between properties.</summary>
    /// <exception cref="ArgumentException">Oversold ≥ overbought, extreme &lt; overbought, or MACD fast ≥ slow; the parameter is named <c>options</c>.</exception>
    internal void Validate(string paramName)
    {
        if (RsiOversold >= RsiOverbought)
            Preconditions.ThrowArgument(paramName, $"RsiOversold ({RsiOversold}) must be below RsiOverbought ({RsiOverbought})");
        if (RsiExtreme < RsiOverbought)
            Preconditions.ThrowArgument(paramName, $"RsiExtreme ({RsiExtreme}) must not be below RsiOverbought ({RsiOverbought})");
        if (MacdFastPeriods >= MacdSlowPeriods)
            Preconditions.ThrowArgument(paramName, $"MacdFastPeriods ({MacdFastPeriods}) must be below MacdSlowPeriods ({MacdSlowPeriods})");
    }
}
