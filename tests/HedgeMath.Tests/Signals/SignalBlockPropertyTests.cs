using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Signals;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// The signal layer runs its indicators and rules a block of bars at a time with their state carried from block to
/// block (issue 15). Its output must not depend on the block size: the readings of consecutive blocks are the
/// whole-series indicators' BIT FOR BIT, and the signals of every block size are those of the frozen pre-issue rules
/// (<c>SignalSeriesV1.Evaluate</c>, benchmarks/HedgeMath.Benchmarks/Baseline) over the whole-series readings. Lengths
/// are drawn around multiples of the block size, so the warm-ups, seeds and squeeze windows fall on block edges.
/// </summary>
public class SignalBlockPropertyTests
{
    private sealed record Case(double[] Close, int Block, SignalOptions Options);

    private static readonly SignalOptions[] OptionSets =
    [
        SignalOptions.Default,
        SignalOptions.Default with { MacdCrossDeadband = 0, RsiHysteresis = 0, BandHysteresis = 0, SqueezeHysteresis = 0 },
        SignalOptions.Default with { SqueezeLookbackPeriods = 7, SqueezeQuantile = 0.5, HistogramShrinkBars = 1, RsiLookbackPeriods = 3 },
        SignalOptions.Default with { SqueezeLookbackPeriods = 1, BollingerLookbackPeriods = 1, RsiLookbackPeriods = 1, MacdFastPeriods = 1, MacdSlowPeriods = 2, MacdSignalPeriods = 1 },
        SignalOptions.Default with { SqueezeLookbackPeriods = 600, SqueezeQuantile = 0.02, BandTouchTolerance = 0.3, BandHysteresis = 0.3, BollingerLookbackPeriods = 50 },
    ];

    private static Arbitrary<Case> Cases() =>
        (from block in Gen.Elements(1, 2, 3, 4, 7, 8, 9, 33, 64, 100, 257, 511, SignalEngine.Chunk)
         from blocks in Gen.Choose(0, 4)
         from delta in Gen.Choose(-3, 3)
         from seed in Gen.Choose(0, 1_000_000)
         from step in Gen.Elements(0.0, 0.002, 0.02, 0.08)
         from options in Gen.Elements(OptionSets)
         let length = Math.Max(0, Math.Min((blocks * block) + delta + (blocks == 0 ? 40 : 0), 2_100))
         select new Case(StreamingTests.Walk(length, seed, 1 + (seed % 50_000), step), block, options)).ToArbitrary();

    private static bool SameBits(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) return false;
        return true;
    }

    [HedgeProperty(QuickTests = 400)]
    public Property BlockReadings_AreTheWholeSeriesIndicatorsBitForBit() =>
        Prop.ForAll(Cases(), c =>
        {
            var x = c.Close;
            var o = c.Options;
            int n = x.Length, block = c.Block;
            double[] rsi = new double[n], loss = new double[block], line = new double[n], sig = new double[n], hist = new double[n];
            double[] up = new double[n], mid = new double[n], lo = new double[n], b = new double[n], w = new double[n];
            var rs = default(Rsi.ChainState);
            var ms = default(Macd.ChainState);
            var bs = default(BollingerBands.BandState);
            for (int start = 0; start < n; start += block)
            {
                int count = Math.Min(block, n - start);
                Rsi.ComputeBlock(x, start, rsi.AsSpan(start, count), loss, o.RsiLookbackPeriods, ref rs);
                Macd.ComputeBlock(x, start, line.AsSpan(start, count), sig.AsSpan(start, count), hist.AsSpan(start, count),
                    o.MacdFastPeriods, o.MacdSlowPeriods, o.MacdSignalPeriods, ref ms);
                BollingerBands.ComputeBlock(x, start, up.AsSpan(start, count), mid.AsSpan(start, count), lo.AsSpan(start, count),
                    b.AsSpan(start, count), w.AsSpan(start, count), o.BollingerLookbackPeriods, o.BollingerStandardDeviations, ref bs);
            }
            var macd = Macd.Compute(x, o.MacdFastPeriods, o.MacdSlowPeriods, o.MacdSignalPeriods);
            var bands = BollingerBands.Compute(x, o.BollingerLookbackPeriods, o.BollingerStandardDeviations);
            // The block form writes the MACD line and signal from the signal line's seed bar on (NaN before, where the
            // whole-series line already has values); the histogram everywhere.
            int seedEnd = Math.Min(n, o.MacdSlowPeriods + o.MacdSignalPeriods - 2);
            return (SameBits(Rsi.Compute(x, o.RsiLookbackPeriods), rsi)
                    && SameBits(macd.Histogram.AsSpan(), hist)
                    && SameBits(macd.Line.AsSpan()[seedEnd..], line.AsSpan(seedEnd))
                    && SameBits(macd.Signal.AsSpan(), sig)
                    && SameBits(bands.Upper.AsSpan(), up) && SameBits(bands.Middle.AsSpan(), mid) && SameBits(bands.Lower.AsSpan(), lo)
                    && SameBits(bands.PercentB.AsSpan(), b) && SameBits(bands.Width.AsSpan(), w))
                .Label($"length {n}, block {block}")
                .Classify(n > 0 && n % block == 0, "length a multiple of the block")
                .Classify(n > block, "several blocks");
        });

    [HedgeProperty(QuickTests = 400)]
    public Property BlockSignals_EqualTheFrozenRulesOverWholeSeriesReadings() =>
        Prop.ForAll(Cases(), c =>
        {
            var x = c.Close;
            var o = c.Options;
            int n = x.Length;
            // Unchunked: whole-series readings, frozen pre-issue rules.
            var macd = Macd.Compute(x, o.MacdFastPeriods, o.MacdSlowPeriods, o.MacdSignalPeriods);
            var bands = BollingerBands.Compute(x, o.BollingerLookbackPeriods, o.BollingerStandardDeviations);
            var expectedActive = new SignalKinds[n];
            var expectedFired = new SignalKinds[n];
            SignalSeriesV1.Evaluate(x, Rsi.Compute(x, o.RsiLookbackPeriods), macd.Histogram.AsSpan(), bands.PercentB.AsSpan(), bands.Width.AsSpan(), o,
                expectedActive, expectedFired);
            // Chunked, at the drawn block size and at the library's own.
            var active = new SignalKinds[n];
            var fired = new SignalKinds[n];
            var copy = new double[n];
            SignalSeries.ComputeSignals(x, copy, o, active, c.Block);
            SignalEngine.FiredOf(active, fired);
            var series = SignalSeries.FromCloses(x, o);
            // The rules over given readings (FromValues' path) run the same blocks over copies of them.
            var givenActive = new SignalKinds[n];
            var givenFired = new SignalKinds[n];
            SignalEngine.Evaluate(x, Rsi.Compute(x, o.RsiLookbackPeriods), macd.Histogram.AsSpan(), bands.PercentB.AsSpan(), bands.Width.AsSpan(), o,
                givenActive);
            SignalEngine.FiredOf(givenActive, givenFired);
            return (x.AsSpan().SequenceEqual(copy) && x.AsSpan().SequenceEqual(series.Close.AsSpan())
                    && expectedActive.AsSpan().SequenceEqual(active) && expectedFired.AsSpan().SequenceEqual(fired)
                    && expectedActive.AsSpan().SequenceEqual(series.Active.AsSpan()) && expectedFired.AsSpan().SequenceEqual(series.Fired.AsSpan())
                    && Enumerable.Range(0, n).All(i => series[i].Fired == expectedFired[i])
                    && expectedActive.AsSpan().SequenceEqual(givenActive) && expectedFired.AsSpan().SequenceEqual(givenFired))
                .Label($"length {n}, block {c.Block}")
                .Classify(expectedActive.Any(a => (a & SignalKinds.Squeeze) != 0), "a squeeze")
                .Classify(expectedFired.Any(a => (a & (SignalKinds.MacdBullishCross | SignalKinds.MacdBearishCross)) != 0), "a MACD cross")
                .Classify(n > c.Block, "several blocks");
        });
}
