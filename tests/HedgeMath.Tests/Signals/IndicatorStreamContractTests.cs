using System.Collections.Immutable;
using HedgeMath.Market;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// Every streaming indicator through the one interface, <see cref="IIndicatorStream{TInput, TValue}"/>: code written
/// against it sees the same readings as the batch forms, the same warm-up, live-bar revisions that leave no trace, a reset
/// that forgets everything, and the same errors (issue 25 item 6).
/// </summary>
public class IndicatorStreamContractTests
{
    private static readonly double[] Closes = StreamingTests.Walk(160, seed: 25);

    private static Candle Bar(int i, double close) => new(
        new DateOnly(2024, 1, 1).AddDays(i), (decimal)close, (decimal)(close * 1.01), (decimal)(close * 0.985), (decimal)close, 1m);

    private static Candle[] Candles => Closes.Select((c, i) => Bar(i, c)).ToArray();

    public static TheoryData<string> Streams => ["ema", "sma", "rsi", "macd", "bollinger", "atr"];

    /// <summary>One stream behind the interface, its input for bar i, and its batch readings flattened to doubles per bar.</summary>
    private sealed record Case(Func<object> Create, Func<int, double, object> Input, Func<object, double[]> Flat, double[][] Batch);

    private static Case Of(string name)
    {
        const int n = 14;
        var candles = Candles;
        return name switch
        {
            "ema" => new(() => new Ema(n), (_, c) => c, v => [(double)v], Ema.Compute(Closes, n).Select(v => new[] { v }).ToArray()),
            "sma" => new(() => new Sma(n), (_, c) => c, v => [(double)v], Sma.Compute(Closes, n).Select(v => new[] { v }).ToArray()),
            "rsi" => new(() => new Rsi(n), (_, c) => c, v => [(double)v], Rsi.Compute(Closes, n).Select(v => new[] { v }).ToArray()),
            "macd" => new(() => new Macd(), (_, c) => c, v => Flat((MacdValue)v), Rows(Macd.Compute(Closes))),
            "bollinger" => new(() => new BollingerBands(20, 2), (_, c) => c, v => Flat((BollingerValue)v), Rows(BollingerBands.Compute(Closes, 20, 2))),
            "atr" => new(() => new Atr(n), (i, c) => Bar(i, c), v => Flat((AtrValue)v), Rows(Atr.Compute(candles, n))),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    private static double[] Flat(MacdValue v) => [v.Line, v.Signal, v.Histogram];
    private static double[] Flat(BollingerValue v) => [v.Upper, v.Middle, v.Lower, v.PercentB, v.Width, v.ZScore];
    private static double[] Flat(AtrValue v) => [v.TrueRange, v.Atr, v.AtrPercent];
    private static double[][] Rows(ImmutableArray<MacdValue> r) => Enumerable.Range(0, r.Line.Length).Select(i => new[] { r.Line[i], r.Signal[i], r.Histogram[i] }).ToArray();
    private static double[][] Rows(ImmutableArray<BollingerValue> r) => Enumerable.Range(0, r.Upper.Length)
        .Select(i => new[] { r.Upper[i], r.Middle[i], r.Lower[i], r.PercentB[i], r.Width[i], r.ZScore[i] }).ToArray();
    private static double[][] Rows(ImmutableArray<AtrValue> r) => Enumerable.Range(0, r.Atr.Length).Select(i => new[] { r.TrueRange[i], r.Atr[i], r.AtrPercent[i] }).ToArray();

    private static void Same(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            if (BitConverter.DoubleToInt64Bits(expected[k]) != BitConverter.DoubleToInt64Bits(actual[k]) && !(double.IsNaN(expected[k]) && double.IsNaN(actual[k])))
                Assert.Fail($"{what}[{k}]: expected {expected[k]:R}, got {actual[k]:R}");
    }

    // The generic driver a user would write: it knows only the interface.
    private static void Feed<TIn, TVal>(IIndicatorStream<TIn, TVal> s, Case c, Action<int, double[], double[]> check, bool revise)
    {
        for (int i = 0; i < Closes.Length; i++)
        {
            if (revise)
            {
                // A live bar: first a provisional value, revised twice, then its final value.
                s.Add((TIn)c.Input(i, Closes[i] * 1.07));
                s.ReplaceLast((TIn)c.Input(i, Closes[i] * 0.9));
                check(i, c.Flat(s.ReplaceLast((TIn)c.Input(i, Closes[i]))!), c.Flat(s.Current!));
            }
            else check(i, c.Flat(s.Add((TIn)c.Input(i, Closes[i]))!), c.Flat(s.Current!));
            Assert.Equal(i + 1, s.Count);
        }
    }

    private static void Run(object stream, Case c, Action<int, double[], double[]> check, bool revise)
    {
        switch (stream)
        {
            case IIndicatorStream<double, double> d: Feed(d, c, check, revise); break;
            case IIndicatorStream<double, MacdValue> m: Feed(m, c, check, revise); break;
            case IIndicatorStream<double, BollingerValue> b: Feed(b, c, check, revise); break;
            case IIndicatorStream<Candle, AtrValue> a: Feed(a, c, check, revise); break;
            default: Assert.Fail($"{stream.GetType().Name} does not implement IIndicatorStream"); break;
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void ThroughTheInterface_EqualsTheBatch_WithAndWithoutLiveRevisions(string name)
    {
        var c = Of(name);
        foreach (bool revise in new[] { false, true })
        {
            Run(c.Create(), c, (i, added, current) =>
            {
                Same(c.Batch[i], added, $"{name} bar {i} (revise {revise})");
                Same(c.Batch[i], current, $"{name} Current at bar {i}");
            }, revise);
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void IsReady_TurnsTrueAtTheFirstBarWithNoNaNPart(string name)
    {
        var c = Of(name);
        int firstFull = Array.FindIndex(c.Batch, row => row.All(v => !double.IsNaN(v)));
        Assert.InRange(firstFull, 1, Closes.Length - 1);
        dynamic s = c.Create();
        Assert.False((bool)s.IsReady);
        for (int i = 0; i < Closes.Length; i++)
        {
            s.Add((dynamic)c.Input(i, Closes[i]));
            Assert.True((bool)s.IsReady == (i >= firstFull), $"{name}: IsReady {(bool)s.IsReady} at bar {i}, first full reading at {firstFull}");
        }
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Reset_ForgetsEveryBar_AndReplaceLastOnAnEmptyStreamNamesTheStream(string name)
    {
        var c = Of(name);
        object s = c.Create();
        Run(s, c, (_, _, _) => { }, revise: false);
        ((dynamic)s).Reset();
        Assert.Equal(0, (int)((dynamic)s).Count);
        var e = Assert.Throws<InvalidOperationException>(() => ((dynamic)s).ReplaceLast((dynamic)c.Input(0, 100d)));
        Assert.Contains(s.GetType().Name, e.Message);
        // After the reset it reads the series again from scratch.
        Run(s, c, (i, added, _) => Same(c.Batch[i], added, $"{name} after reset, bar {i}"), revise: false);
    }

    [Theory]
    [InlineData("ema")]
    [InlineData("sma")]
    [InlineData("rsi")]
    [InlineData("macd")]
    [InlineData("bollinger")]
    public void ACloseThatIsNotFinite_IsRejectedNamingValue_AndLeavesTheStreamAsItWas(string name)
    {
        var c = Of(name);
        dynamic s = c.Create();
        s.Add(Closes[0]);
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => s.Add(bad)).ParamName);
            Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => s.ReplaceLast(bad)).ParamName);
        }
        Assert.Equal(1, (int)s.Count);
    }
}
