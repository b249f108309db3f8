using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Market;
using HedgeMath.Signals;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// <see cref="SignalStream"/> (one candle at a time) gives every bar the signal set <see cref="SignalSeries.FromCandles"/>
/// gives it over the same candles: every reading bit for bit, the active and fired signals, the swing support and
/// resistance, the bar's time — on random paths with several option sets and on the real BTC candles.
/// </summary>
public class SignalStreamTests
{
    private static readonly SignalOptions[] OptionSets =
    [
        SignalOptions.Default,
        SignalOptions.Default with { MacdCrossDeadband = 0, RsiHysteresis = 0, BandHysteresis = 0, SqueezeHysteresis = 0, SwingStrength = 1 },
        SignalOptions.Default with { SqueezeLookbackPeriods = 7, SqueezeQuantile = 0.5, HistogramShrinkBars = 1, RsiLookbackPeriods = 3, SwingStrength = 3, LevelTolerance = 0.1 },
        SignalOptions.Default with { SqueezeLookbackPeriods = 1, BollingerLookbackPeriods = 1, RsiLookbackPeriods = 1, MacdFastPeriods = 1, MacdSlowPeriods = 2, MacdSignalPeriods = 1 },
        SignalOptions.Default with { SqueezeLookbackPeriods = 600, SqueezeQuantile = 0.02, BandTouchTolerance = 0.3, BandHysteresis = 0.3, BollingerLookbackPeriods = 50 },
    ];

    /// <summary>Random daily candles: a walk of closes (some flat bars), opens at the previous close, highs and lows around them.</summary>
    internal static ImmutableArray<Candle> RandomCandles(int length, int seed, double start = 30_000, double step = 0.03)
    {
        var rng = new Random(seed);
        var closes = StreamingTests.Walk(length, seed, start, step);
        var b = ImmutableArray.CreateBuilder<Candle>(length);
        var day = new DateOnly(2024, 1, 1);
        for (int i = 0; i < length; i++)
        {
            decimal close = (decimal)closes[i], open = i == 0 ? close : (decimal)closes[i - 1];
            decimal high = Math.Round(Math.Max(open, close) * (1m + (decimal)(rng.NextDouble() * 0.02)), 2);
            decimal low = Math.Round(Math.Min(open, close) * (1m - (decimal)(rng.NextDouble() * 0.02)), 2);
            if (rng.Next(8) == 0) high = Math.Max(open, close); // equal highs make ties for the pivot test
            b.Add(new Candle(day.AddDays(i), open, high, low, close, 1m));
        }
        return b.MoveToImmutable();
    }

    internal static void SameSet(SignalSet expected, SignalSet actual, int bar)
    {
        void Bits(string what, double e, double a) =>
            Assert.True(BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a), $"bar {bar} {what}: {e:R} vs {a:R}");
        Bits("close", expected.Close, actual.Close);
        Bits("rsi", expected.Rsi, actual.Rsi);
        Bits("macd line", expected.MacdLine, actual.MacdLine);
        Bits("macd signal", expected.MacdSignal, actual.MacdSignal);
        Bits("macd histogram", expected.MacdHistogram, actual.MacdHistogram);
        Bits("upper", expected.UpperBand, actual.UpperBand);
        Bits("middle", expected.MiddleBand, actual.MiddleBand);
        Bits("lower", expected.LowerBand, actual.LowerBand);
        Bits("%B", expected.PercentB, actual.PercentB);
        Bits("width", expected.BandWidth, actual.BandWidth);
        Bits("resistance", expected.Resistance, actual.Resistance);
        Bits("support", expected.Support, actual.Support);
        Assert.True(expected.Active == actual.Active, $"bar {bar} active: {expected.Active} vs {actual.Active}");
        Assert.True(expected.Fired == actual.Fired, $"bar {bar} fired: {expected.Fired} vs {actual.Fired}");
        Assert.Equal(expected.Date, actual.Date);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Confluence.Action, actual.Confluence.Action);
    }

    private static void StreamEqualsSeries(IReadOnlyList<Candle> candles, SignalOptions options)
    {
        var series = SignalSeries.FromCandles(candles, options);
        var stream = new SignalStream(options);
        for (int i = 0; i < candles.Count; i++)
        {
            var set = stream.Add(candles[i]);
            SameSet(series[i], set, i);
            Assert.Equal(i + 1, stream.Count);
        }
    }

    [HedgeProperty(QuickTests = 60)]
    public Property Stream_EqualsTheSeries_BarForBar() =>
        Prop.ForAll(
            (from length in Gen.Choose(0, 700)
             from seed in Gen.Choose(0, 1_000_000)
             from step in Gen.Elements(0.0, 0.002, 0.02, 0.08)
             from o in Gen.Choose(0, OptionSets.Length - 1)
             select (length, seed, step, o)).ToArbitrary(),
            c =>
            {
                StreamEqualsSeries(RandomCandles(c.length, c.seed, 30_000, c.step), OptionSets[c.o]);
                return true;
            });

    [Fact]
    public void Stream_EqualsTheSeries_OnTheRealBtcCandles()
    {
        var candles = TestData.Candles("btcusdt_spot_daily.csv");
        Assert.True(candles.Length > 2000);
        StreamEqualsSeries(candles, SignalOptions.Default);
        // The real history has squeezes, crosses and swing levels, so the comparison covers each kind of signal.
        var series = SignalSeries.FromCandles(candles);
        foreach (var kind in new[] { SignalKinds.Squeeze, SignalKinds.MacdBearishCross, SignalKinds.RsiOversold, SignalKinds.NearResistance, SignalKinds.SupportBreak })
            Assert.Contains(series.Active, a => (a & kind) != 0);
    }

    [Fact]
    public void Stream_BeforeTheFirstBar_HasNoSignals_AndRejectsNaN()
    {
        var s = new SignalStream();
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Latest.Rsi));
        Assert.Equal(SignalKinds.None, s.Latest.Active);
        var first = s.Add(100, 90, 95);
        Assert.Equal(95, first.Close);
        Assert.Null(first.Date);
        Assert.True(double.IsNaN(first.Rsi)); // warm-up
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(100, 90, double.NaN));
        Assert.Equal("close", ex.ParamName);
        Assert.Throws<ArgumentException>(() => new SignalStream(SignalOptions.Default with { RsiOversold = 80 }));
    }
}
