using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Signals;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Signals;

/// <summary>
/// Bollinger's standard deviation is accurate relative to the window's own values, whatever left the window before
/// (issue 13): checked against a two-pass reference (mean first, then Σ(x − mean)²/N over the window).
/// </summary>
public sealed class BollingerAccuracyTests
{
    /// <summary>Two-pass population σ of x[i−n+1..i] (the textbook definition; no rolling sums).</summary>
    private static double TwoPassSigma(double[] x, int i, int n)
    {
        double mean = 0;
        for (int j = i - n + 1; j <= i; j++) mean += x[j];
        mean /= n;
        double ss = 0;
        for (int j = i - n + 1; j <= i; j++) ss += (x[j] - mean) * (x[j] - mean);
        return Math.Sqrt(ss / n);
    }

    /// <summary>σ recovered from the bands: (upper − lower)/(2k); the subtraction costs at most a few ulps of the bands.</summary>
    private static bool SigmaMatches(BollingerValue v, double reference, double k, double relative)
    {
        double sigma = (v.Upper - v.Lower) / (2 * k);
        double slack = 4 * Math.BitIncrement(Math.Abs(v.Upper)) - 4 * Math.Abs(v.Upper); // ~4 ulps of the band level
        return Math.Abs(sigma - reference) <= relative * reference + slack / (2 * k);
    }

    [Fact]
    public void SpikeLeavesTheWindow_SigmaMatchesTwoPass_IssueRepro()
    {
        // Issue 13: x[i] = 100 + i % 7 over 150 bars with x[83] = 1e8 gave σ = 0 at bars 103–146 (a false squeeze);
        // two-pass σ there is 1.93 (the population σ of 20 values cycling through 100..106).
        var x = new double[150];
        for (int i = 0; i < x.Length; i++) x[i] = 100 + (i % 7);
        x[83] = 1e8;
        var b = BollingerBands.Compute(x, 20, 2);
        var stream = new BollingerBands(20, 2);
        for (int i = 0; i < x.Length; i++)
        {
            var s = stream.Add(x[i]);
            if (i < 103 || i > 146) continue;
            double reference = TwoPassSigma(x, i, 20);
            Assert.InRange(reference, 1.9, 2.05);
            var batch = new BollingerValue(b.Upper[i], b.Middle[i], b.Lower[i], b.PercentB[i], b.Width[i], b.ZScore[i]);
            Assert.True(SigmaMatches(batch, reference, 2, 1e-9), $"bar {i}: σ {(b.Upper[i] - b.Lower[i]) / 4} vs two-pass {reference}");
            Assert.True(SigmaMatches(s, reference, 2, 1e-9), $"stream bar {i}: σ {(s.Upper - s.Lower) / 4} vs two-pass {reference}");
            Assert.True(b.Width[i] > 0);
        }
    }

    [Fact]
    public void FlatRunAfterTrend_WidthExactlyZero()
    {
        // A trend up and back, then equal closes: once the window holds only the flat run, σ = 0 exactly (documented),
        // not the ~1e-8 width left by rounding of the trend's terms in the rolling sums.
        const double c = 43_593.17;
        var x = new double[200];
        for (int i = 0; i < x.Length; i++)
            x[i] = i is > 83 and <= 100 ? c + ((i - 83) * 731.7) : i is > 100 and < 118 ? c + ((117 - i) * 731.7) : c;
        var b = BollingerBands.Compute(x, 20, 2);
        var stream = new BollingerBands(20, 2);
        for (int i = 0; i < x.Length; i++)
        {
            var s = stream.Add(x[i]);
            if (i < 137) continue;
            Assert.True(b.Width[i] == 0d, $"bar {i}: width {b.Width[i]}");
            Assert.Equal(0.5, b.PercentB[i]);
            Assert.Equal(0d, s.Width);
        }
    }

    private static Arbitrary<(double[] X, int N)> SpikySeries() =>
        (from length in Gen.Choose(30, 300)
         from n in Gen.Choose(2, 40)
         from seed in Gen.Choose(0, 1_000_000)
         from spikes in Gen.Choose(1, 6)
         select (Spiky(length, seed, spikes), n)).ToArbitrary();

    private static double[] Spiky(int length, int seed, int spikes)
    {
        var rng = new Random(seed);
        var x = new double[length];
        double p = 100 + rng.Next(0, 50_000);
        for (int i = 0; i < length; i++)
        {
            p *= 1 + ((rng.NextDouble() - 0.5) * 0.02);
            x[i] = Math.Round(p, 2);
        }
        for (int s = 0; s < spikes; s++)
        {
            int at = rng.Next(length);
            x[at] *= rng.Next(2) == 0 ? 1e6 : 1e-6;
        }
        return x;
    }

    [Fact]
    public void Sigma_WithSpikesOf1e6And1eMinus6_MatchesTwoPassTo1e9Relative()
    {
        Prop.ForAll(SpikySeries(), t =>
        {
            var b = BollingerBands.Compute(t.X, t.N, 2);
            var stream = new BollingerBands(t.N, 2);
            for (int i = 0; i < t.X.Length; i++)
            {
                var s = stream.Add(t.X[i]);
                if (i < t.N - 1) continue;
                double reference = TwoPassSigma(t.X, i, t.N);
                var batch = new BollingerValue(b.Upper[i], b.Middle[i], b.Lower[i], b.PercentB[i], b.Width[i], b.ZScore[i]);
                if (!SigmaMatches(batch, reference, 2, 1e-9) || !SigmaMatches(s, reference, 2, 1e-9)) return false;
            }
            return true;
        }).Check(HedgePropertyAttribute.CheckConfig(500));
    }
}
