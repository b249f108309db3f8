using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Signals;
using static HedgeMath.Tests.Signals.IndicatorReference;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// The optimised RSI, ATR and signal layer (issue 15) reproduce the implementations they replaced BIT FOR BIT: the
/// references are frozen copies of the old code (benchmarks/HedgeMath.Benchmarks/Baseline, linked into this project),
/// compared with exact equality of the IEEE bit patterns on the real default quotes, four real market files, random walks
/// of many lengths and scales (every chunk and vector-tail length), and awkward series (flat stretches, gaps, huge and
/// tiny magnitudes that send ATR to its division fallback).
/// </summary>
public class OptimizedVersusFrozenTests
{
    private static void AssertBitIdentical(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            long e = BitConverter.DoubleToInt64Bits(expected[i]), a = BitConverter.DoubleToInt64Bits(actual[i]);
            if (e != a) Assert.Fail($"{what}: index {i} is {actual[i]:R}, the frozen implementation gives {expected[i]:R}");
        }
    }

    private static void CheckRsi(double[] close, int n, string what)
    {
        var expected = new double[close.Length];
        RsiV1.Compute(close, expected, n);
        AssertBitIdentical(expected, Rsi.Compute(close, n), $"RSI({n}) {what}");
    }

    private static void CheckAtr(double[] high, double[] low, double[] close, int n, string what)
    {
        int len = close.Length;
        double[] tr = new double[len], atr = new double[len], pct = new double[len];
        AtrV1.Compute(high, low, close, tr, atr, pct, n);
        var actual = Atr.Compute(high, low, close, n);
        AssertBitIdentical(tr, actual.TrueRange.ToArray(), $"TR {what}");
        AssertBitIdentical(atr, actual.Atr.ToArray(), $"ATR({n}) {what}");
        AssertBitIdentical(pct, actual.AtrPercent.ToArray(), $"ATR%({n}) {what}");
    }

    private static (double[] High, double[] Low, double[] Close) Walk(int seed, int length, double start, double vol, int decimals)
    {
        var rng = new Random(seed);
        double[] h = new double[length], l = new double[length], c = new double[length];
        double p = start;
        for (int i = 0; i < length; i++)
        {
            double open = p;
            p *= Math.Exp((rng.NextDouble() - 0.5) * vol);
            c[i] = decimals >= 0 ? Math.Round(p, decimals) : p;
            h[i] = Math.Max(open, p) * (1 + rng.NextDouble() * vol / 3);
            l[i] = Math.Min(open, p) * (1 - rng.NextDouble() * vol / 3);
        }
        return (h, l, c);
    }

    public static TheoryData<string> MarketFiles => new() { "btcusdt_spot_daily.csv", "ethusdt_spot_daily.csv", "solusdt_spot_daily.csv", "xrpusdt_spot_daily.csv" };

    [Fact]
    public void RsiAndAtr_DefaultQuotes_BitIdenticalToFrozen()
    {
        foreach (int n in new[] { 1, 2, 5, 14, 20, 50 })
        {
            CheckRsi(Closes, n, "default quotes");
            CheckAtr(Highs, Lows, Closes, n, "default quotes");
        }
    }

    [Theory]
    [MemberData(nameof(MarketFiles))]
    public void RsiAtrAndSignals_RealMarketData_BitIdenticalToFrozen(string file)
    {
        var candles = TestData.Candles(file);
        var close = HedgeMath.Market.Candle.Closes(candles);
        var high = HedgeMath.Market.Candle.Highs(candles);
        var low = HedgeMath.Market.Candle.Lows(candles);
        CheckRsi(close, 14, file);
        CheckAtr(high, low, close, 14, file);
        Assert.Equal(SignalSeriesV1.FromCloses(close, SignalOptions.Default), SignalSeries.FromCloses(close).Active.ToArray());
    }

    [Fact]
    public void RsiAndAtr_RandomWalksOfEveryShape_BitIdenticalToFrozen()
    {
        int seed = 0;
        // Lengths around the warm-up, the vector width and the 256-bar chunks (with their pending divisions).
        int[] lengths = [0, 1, 2, 3, 14, 15, 16, 17, 18, 19, 20, 31, 33, 255, 256, 257, 270, 271, 272, 273, 511, 512, 513, 527, 528, 529, 1000, 4099];
        foreach (int len in lengths)
        {
            foreach (var (start, vol, decimals) in new[] { (30_000d, 0.06, 2), (0.0001234, 0.2, -1), (1e80, 0.5, -1), (1e-250, 0.3, -1), (5d, 0.001, 4) })
            {
                var (h, l, c) = Walk(++seed, len, start, vol, decimals);
                foreach (int n in new[] { 1, 3, 14, 21 })
                {
                    CheckRsi(c, n, $"walk len {len} start {start}");
                    CheckAtr(h, l, c, n, $"walk len {len} start {start}");
                }
            }
        }
    }

    [Fact]
    public void Atr_SeriesThatLeaveTheReciprocalRange_BitIdenticalToFrozen()
    {
        // Flat for long enough that the ATR decays into (0, 1e-270]: the fast chain must hand over to the division.
        int len = 12_000;
        double[] h = new double[len], l = new double[len], c = new double[len];
        for (int i = 0; i < len; i++) { h[i] = 100; l[i] = 100; c[i] = 100; }
        h[20] = 101; l[20] = 99;
        CheckAtr(h, l, c, 14, "flat after one move (decays to subnormal)");
        // Inputs beyond ±1e100 (where a true range could overflow) are outside the indicators' contract and rejected.
        var (hh, ll, cc) = Walk(7, 600, 1e99, 0.1, -1);
        hh[300] = 1.7e308; ll[300] = -1.7e308;
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => Atr.Compute(hh, ll, cc, 14)).ParamName);
        // All zero, negative zero and a high below the low (not rejected by the API).
        double[] z = new double[100], nz = Enumerable.Repeat(-0.0, 100).ToArray();
        CheckAtr(nz, z, z, 14, "negative-zero highs");
        var (h2, l2, c2) = Walk(8, 300, 50, 0.05, 2);
        CheckAtr(l2, h2, c2, 14, "high and low swapped");
        CheckRsi(z, 14, "all zero");
    }

    [Fact]
    public void AtrStream_WalksFlatAndOverflowingSeries_BitIdenticalToFrozen()
    {
        var series = new List<(double[] H, double[] L, double[] C)> { Walk(11, 700, 30_000, 0.06, 2), Walk(12, 300, 1e-250, 0.3, -1) };
        int len = 11_000;
        double[] fh = new double[len], fl = new double[len], fc = new double[len];
        for (int i = 0; i < len; i++) { fh[i] = 100; fl[i] = 100; fc[i] = 100; }
        fh[20] = 101; fl[20] = 99;
        series.Add((fh, fl, fc));
        series.Add(Walk(13, 400, 1e80, 0.1, -1));
        foreach (var (h, l, c) in series)
        {
            double[] tr = new double[c.Length], atr = new double[c.Length], pct = new double[c.Length];
            AtrV1.Compute(h, l, c, tr, atr, pct, 14);
            var stream = new Atr(14);
            var streamed = new double[c.Length];
            for (int i = 0; i < c.Length; i++) streamed[i] = stream.Add(h[i], l[i], c[i]).Atr;
            AssertBitIdentical(atr, streamed, "Atr");
        }
    }

    [Fact]
    public void SignalSeries_RandomWalksAndOptions_ActiveFlagsIdenticalToFrozen()
    {
        var options = new[]
        {
            SignalOptions.Default,
            SignalOptions.Default with { MacdCrossDeadband = 0, RsiHysteresis = 0, BandHysteresis = 0, SqueezeHysteresis = 0 },
            SignalOptions.Default with { SqueezeLookbackPeriods = 7, SqueezeQuantile = 0.5, HistogramShrinkBars = 1, RsiLookbackPeriods = 3 },
            SignalOptions.Default with { SqueezeLookbackPeriods = 300, SqueezeQuantile = 0.02, BandTouchTolerance = 0.3, BandHysteresis = 0.3 },
        };
        int seed = 100;
        foreach (int len in new[] { 0, 1, 5, 40, 130, 513, 1025, 5000 })
        {
            foreach (var o in options)
            {
                var (_, _, c) = Walk(++seed, len, 30_000, 0.06, 2);
                Assert.Equal(SignalSeriesV1.FromCloses(c, o), SignalSeries.FromCloses(c, o).Active.ToArray());
            }
        }
    }
}
