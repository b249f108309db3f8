using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Signals;

/// <summary>Invariants of the indicators over random and constant inputs, and the long real BTC series.</summary>
public class IndicatorPropertyTests
{
    private static Arbitrary<(double[] X, int N)> Series() =>
        (from length in Gen.Choose(0, 400)
         from n in Gen.Choose(1, 30)
         from seed in Gen.Choose(0, 1_000_000)
         from step in Gen.Elements(0.0, 0.001, 0.05, 0.3)
         select (StreamingTests.Walk(length, seed, 1 + seed % 50_000, step), n)).ToArbitrary();

    [HedgeProperty(QuickTests = 2000)]
    public Property Rsi_StaysWithin0And100() =>
        Prop.ForAll(Series(), t => Rsi.Compute(t.X, t.N).Where(v => !double.IsNaN(v)).All(v => v >= 0 && v <= 100)
            .Classify(t.X.Length <= t.N, "shorter than the lookback (all warm-up)"));

    [HedgeProperty(QuickTests = 2000)]
    public Property Bollinger_LowerAtMostMiddleAtMostUpper()
    {
        return Prop.ForAll(Series(), t =>
        {
            var b = BollingerBands.Compute(t.X, t.N, 2);
            bool ordered = Enumerable.Range(Math.Max(0, t.N - 1), Math.Max(0, t.X.Length - t.N + 1))
                .All(i => b.Lower[i] <= b.Middle[i] && b.Middle[i] <= b.Upper[i]
                    // Width is a fraction of the middle band: NaN (documented) when the window's mean is 0, which a
                    // random walk rounded to cents reaches when it drifts below half a cent (CI once drew one).
                    && (b.Middle[i] == 0 ? double.IsNaN(b.Width[i]) : b.Width[i] >= 0));
            return ordered.Classify(t.X.Length < t.N, "shorter than the lookback (all warm-up)")
                .Classify(t.X.Length >= t.N && t.X.Skip(t.N - 1).Any(v => v == 0), "reaches a zero price");
        });
    }

    [Fact]
    public void ZeroWindow_BandsAreZero_WidthIsNaN_AsDocumented()
    {
        // The CI draw that found the test's gap: seed 1400's walk at step 0.3 rounds to 0.00 from bar 354 on.
        var x = new double[] { 0.02, 0.01, 0, 0, 0, 0.01 };
        var b = BollingerBands.Compute(x, 3, 2);
        Assert.Equal(0, b.Lower[4]);
        Assert.Equal(0, b.Middle[4]);
        Assert.Equal(0, b.Upper[4]);
        Assert.True(double.IsNaN(b.Width[4]));
        Assert.Equal(0.5, b.PercentB[4]);
        Assert.True(b.Width[5] > 0);
    }

    [Fact]
    public void ConstantInput_RsiIs100AsStockIndicators_BandWidthIsZero()
    {
        foreach (double c in new[] { 0.1, 1, 42_000.5, 1e-6 })
        {
            var x = Enumerable.Repeat(c, 200).ToArray();
            var rsi = Rsi.Compute(x, 14);
            // Stock.Indicators: avgLoss == 0 → RSI = 100 (a flat window has no losses).
            Assert.All(rsi.Skip(14), v => Assert.Equal(100d, v));
            var b = BollingerBands.Compute(x, 20, 2);
            for (int i = 19; i < x.Length; i++)
            {
                Assert.Equal(0, b.Width[i]);
                Assert.Equal(b.Upper[i], b.Lower[i]);
                Assert.Equal(0.5, b.PercentB[i]);
                Assert.Equal(0, b.ZScore[i]);
            }
            // EMA/MACD of a constant: the EMA is the constant (up to the seed's rounding), MACD ≈ 0.
            var m = Macd.Compute(x);
            Assert.All(m.Line.Skip(25), v => Assert.True(Math.Abs(v) <= 1e-12 * c));
        }
    }

    [Fact]
    public void Rsi_NoLosses_Is100_NoGains_Is0()
    {
        // Wilder: RSI = 100 − 100/(1 + avgGain/avgLoss); avgLoss = 0 → 100; avgGain = 0 → 0.
        var up = Enumerable.Range(1, 40).Select(i => (double)i).ToArray();
        Assert.All(Rsi.Compute(up, 14).Skip(14), v => Assert.Equal(100, v));
        var down = Enumerable.Reverse(up).ToArray();
        Assert.All(Rsi.Compute(down, 14).Skip(14), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Rsi_HandCalculatedSeed()
    {
        // N = 2 on 10, 11, 10.5: gains 1, 0; losses 0, 0.5 → avgGain 0.5, avgLoss 0.25 → RSI = 100·0.5/0.75 = 66.666…
        var r = Rsi.Compute([10, 11, 10.5], 2);
        Assert.True(double.IsNaN(r[0]) && double.IsNaN(r[1]));
        Assert.Equal(200.0 / 3, r[2], 1e-12);
    }

    [Fact]
    public void Bollinger_RollingSums_AgreeWithNaiveResum_OnRealBtcSeries()
    {
        var closes = HedgeMath.Market.Candle.Closes(TestData.Candles("btcusdt_spot_daily.csv"));
        Assert.True(closes.Length > 3000);
        foreach (int n in new[] { 20, 50, 200 })
        {
            var b = BollingerBands.Compute(closes, n, 2);
            double max = 0;
            for (int i = n - 1; i < closes.Length; i++)
            {
                // Naive window re-sum, two passes (the reference algorithm).
                double sum = 0;
                for (int p = i - n + 1; p <= i; p++) sum += closes[p];
                double mean = sum / n, ss = 0;
                for (int p = i - n + 1; p <= i; p++) ss += (closes[p] - mean) * (closes[p] - mean);
                double sd = Math.Sqrt(ss / n);
                max = Math.Max(max, Rel(mean, b.Middle[i]));
                max = Math.Max(max, Rel(mean + 2 * sd, b.Upper[i]));
                max = Math.Max(max, Rel(mean - 2 * sd, b.Lower[i]));
                max = Math.Max(max, Rel(((mean + 2 * sd) - (mean - 2 * sd)) / mean, b.Width[i]));
            }
            Assert.True(max <= 1e-9, $"N = {n}: max relative difference {max:E3}");
        }
    }

    [Fact]
    public void Bollinger_RollingSums_StayAccurate_OverAMillionBarsFarFromTheAnchor()
    {
        // A level far above its own noise (σ/mean ≈ 1e-5) drifting over 1,000,000 bars: the hard case for sum-of-squares updates.
        var rng = new Random(11);
        int length = 1_000_000, n = 20;
        var x = new double[length];
        double level = 1e6;
        for (int i = 0; i < length; i++) { level += (rng.NextDouble() - 0.5) * 50; x[i] = level + rng.NextDouble() * 10; }
        var b = BollingerBands.Compute(x, n, 2);
        double max = 0;
        for (int i = n - 1; i < length; i += 997)
        {
            double sum = 0;
            for (int p = i - n + 1; p <= i; p++) sum += x[p];
            double mean = sum / n, ss = 0;
            for (int p = i - n + 1; p <= i; p++) ss += (x[p] - mean) * (x[p] - mean);
            double sd = Math.Sqrt(ss / n);
            max = Math.Max(max, Rel(sd, (b.Upper[i] - b.Lower[i]) / 4));
        }
        Assert.True(max <= 1e-9, $"max relative difference of σ {max:E3}");
    }

    private static double Rel(double a, double b) => a == b ? 0 : Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));
}
