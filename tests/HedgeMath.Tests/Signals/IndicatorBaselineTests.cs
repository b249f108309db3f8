using HedgeMath.Signals;
using Xunit.Abstractions;
using static HedgeMath.Tests.Signals.IndicatorReference;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// Every value of Stock.Indicators' full output on its default quotes (data/indicators/baseline_*_full.csv) is reproduced:
/// identical warm-up (NaN where the baseline cell is empty) and within 1e-9 relative; ATR keeps the reference's operation
/// order and is bit-identical (EMA/MACD use one fused multiply-add per step for speed, RSI also; SMA/Bollinger roll in O(1)).
/// </summary>
public class IndicatorBaselineTests(ITestOutputHelper output)
{
    private const double Relative = 1e-9;

    private void Check(string name, string column, double[] actual, bool bitExact)
    {
        var (max, notExact) = Compare(Baseline(name, column), actual);
        output.WriteLine($"{name}.{column}: max relative difference {max:E2}, {notExact} values not bit-identical");
        Assert.True(max <= Relative, $"{name}.{column}: max relative difference {max:E3} exceeds {Relative:E0}");
        if (bitExact) Assert.Equal(0, notExact);
    }

    [Fact]
    public void Sma_DefaultQuotes_MatchesBaseline() => Check("sma", "sma", Sma.Compute(Closes, 20), bitExact: false);

    [Fact]
    public void Ema_DefaultQuotes_MatchesBaseline() => Check("ema", "ema", Ema.Compute(Closes, 20), bitExact: false);

    [Fact]
    public void Rsi_DefaultQuotes_MatchesBaseline() => Check("rsi", "rsi", Rsi.Compute(Closes, 14), bitExact: false);

    [Fact]
    public void Macd_DefaultQuotes_MatchesBaseline()
    {
        var r = Macd.Compute(Closes, 12, 26, 9);
        Check("macd", "macd", r.Line.ToArray(), bitExact: false);
        Check("macd", "signal", r.Signal.ToArray(), bitExact: false);
        Check("macd", "histogram", r.Histogram.ToArray(), bitExact: false);
        // The baseline's fastEma/slowEma columns are the plain EMAs.
        Check("macd", "fastEma", Ema.Compute(Closes, 12), bitExact: false);
        Check("macd", "slowEma", Ema.Compute(Closes, 26), bitExact: false);
    }

    [Fact]
    public void Bollinger_DefaultQuotes_MatchesBaseline()
    {
        var r = BollingerBands.Compute(Closes, 20, 2);
        Check("bollinger", "sma", r.Middle.ToArray(), bitExact: false);
        Check("bollinger", "upperBand", r.Upper.ToArray(), bitExact: false);
        Check("bollinger", "lowerBand", r.Lower.ToArray(), bitExact: false);
        Check("bollinger", "percentB", r.PercentB.ToArray(), bitExact: false);
        Check("bollinger", "zScore", r.ZScore.ToArray(), bitExact: false);
        Check("bollinger", "width", r.Width.ToArray(), bitExact: false);
    }

    [Fact]
    public void Atr_DefaultQuotes_MatchesBaselineBitForBit()
    {
        var r = Atr.Compute(Highs, Lows, Closes, 14);
        Check("atr", "tr", r.TrueRange.ToArray(), bitExact: true);
        Check("atr", "atr", r.Atr.ToArray(), bitExact: true);
        Check("atr", "atrp", r.AtrPercent.ToArray(), bitExact: true);
    }

    [Fact]
    public void CandleOverloads_EqualSpanResults()
    {
        var q = Quotes;
        Assert.Equal(Rsi.Compute(Closes), Rsi.Compute(q));
        Assert.Equal(Ema.Compute(Closes), Ema.Compute(q));
        Assert.Equal(Sma.Compute(Closes), Sma.Compute(q));
        Assert.Equal(Macd.Compute(Closes).Histogram.ToArray(), Macd.Compute(q).Histogram.ToArray());
        Assert.Equal(BollingerBands.Compute(Closes).Width.ToArray(), BollingerBands.Compute(q).Width.ToArray());
        Assert.Equal(Atr.Compute(Highs, Lows, Closes).Atr.ToArray(), Atr.Compute(q).Atr.ToArray());
    }

    [Fact]
    public void WarmupPeriods_MatchFirstBaselineValue()
    {
        static int FirstNumber(double[] x) => Array.FindIndex(x, v => !double.IsNaN(v));
        Assert.Equal(FirstNumber(Baseline("sma", "sma")), Sma.WarmupPeriods(20));
        Assert.Equal(FirstNumber(Baseline("ema", "ema")), Ema.WarmupPeriods(20));
        Assert.Equal(FirstNumber(Baseline("rsi", "rsi")), Rsi.WarmupPeriods(14));
        Assert.Equal(FirstNumber(Baseline("macd", "macd")), Macd.WarmupPeriods(12, 26));
        Assert.Equal(FirstNumber(Baseline("macd", "signal")), Macd.SignalWarmupPeriods(12, 26, 9));
        Assert.Equal(FirstNumber(Baseline("bollinger", "upperBand")), BollingerBands.WarmupPeriods(20));
        Assert.Equal(FirstNumber(Baseline("atr", "atr")), Atr.WarmupPeriods(14));
    }
}
