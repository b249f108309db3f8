using HedgeMath.Hedging;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

public class OutOfSampleHedgeTests
{
    private static AlignedCloses Aligned(string altcoinFile) =>
        AlignedCloses.Create(TestData.Candles(altcoinFile), TestData.Candles("btcusdt_spot_daily.csv"));

    [Fact]
    public void AlignedCloses_SolAgainstBtc_JoinsOnDate()
    {
        var a = Aligned("solusdt_spot_daily.csv");
        // SOLUSDT covers 2020-08-11 .. 2026-01-05 (1974 days, no gaps) and BTCUSDT covers it fully (SOURCES.md).
        Assert.Equal(1974, a.Count);
        Assert.Equal(new DateOnly(2020, 8, 11), a.Dates[0]);
        Assert.Equal(new DateOnly(2026, 1, 5), a.Dates[^1]);
        Assert.Equal(0, a.Gaps);
        // First SOL close 3.2985 (file row 2020-08-11).
        Assert.Equal(3.2985, a.Spot[0]);
    }

    [Fact]
    public void AlignedCloses_DifferentStarts_PairsSameDays()
    {
        var btc = TestData.Candles("btcusdt_spot_daily.csv");
        var a = AlignedCloses.Create(TestData.Candles("xrpusdt_spot_daily.csv"), btc);
        var btcByDate = btc.ToDictionary(c => c.Date, c => (double)c.Close);
        for (int i = 0; i < a.Count; i += 97) Assert.Equal(btcByDate[a.Dates[i]], a.Futures[i]);
    }

    // docs/hedging.md tables: 180-day windows of daily log returns, a week after listing to 2026-01-05.
    [Theory]
    [InlineData("solusdt_spot_daily.csv", "2020-08-18", 9, 0.422969, 0.408226)]
    [InlineData("xrpusdt_spot_daily.csv", "2018-05-11", 14, 0.398184, 0.449403)]
    public void OutOfSample_180DayWindows_MatchesNaiveRecomputation(string file, string from, int windows, double docMeanRealized, double docMeanPromised)
    {
        var a = Aligned(file).Between(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 1, 5));
        var r = HedgeRatio.OutOfSample(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 180);

        // Independent naive recomputation: log returns, then per window h = cov/var(F) from textbook sums,
        // realized = 1 − var(S − hF)/var(S) in the next window, promised = corr² of the estimation window.
        var s = Enumerable.Range(1, a.Count - 1).Select(i => Math.Log(a.Spot[i] / a.Spot[i - 1])).ToArray();
        var f = Enumerable.Range(1, a.Count - 1).Select(i => Math.Log(a.Futures[i] / a.Futures[i - 1])).ToArray();
        static double Var(IList<double> x) { double m = x.Average(); return x.Sum(v => (v - m) * (v - m)) / (x.Count - 1); }
        static double Cov(IList<double> x, IList<double> y) { double mx = x.Average(), my = y.Average(); return x.Select((v, i) => (v - mx) * (y[i] - my)).Sum() / (x.Count - 1); }
        int blocks = s.Length / 180;
        var realized = new List<double>();
        var promised = new List<double>();
        var test = new List<(double Hindsight, double SpotVol, double HedgedVol)>();
        for (int k = 0; k + 1 < blocks; k++)
        {
            var es = s.Skip(k * 180).Take(180).ToList(); var ef = f.Skip(k * 180).Take(180).ToList();
            double h = Cov(es, ef) / Var(ef);
            promised.Add(Cov(es, ef) * Cov(es, ef) / (Var(es) * Var(ef)));
            var ts = s.Skip((k + 1) * 180).Take(180).ToList(); var tf = f.Skip((k + 1) * 180).Take(180).ToList();
            realized.Add(1 - Var(ts.Select((v, i) => v - h * tf[i]).ToList()) / Var(ts));
            test.Add((Cov(ts, tf) * Cov(ts, tf) / (Var(ts) * Var(tf)), Math.Sqrt(Var(ts)), Math.Sqrt(Var(ts.Select((v, i) => v - h * tf[i]).ToList()))));
        }
        Assert.Equal(windows, realized.Count);
        Assert.Equal(realized.Count, r.Windows.Length);
        for (int k = 0; k < realized.Count; k++)
        {
            var w = r.Windows[k];
            Assert.Equal(realized[k], w.RealizedEffectiveness, 10);
            // The test window's own estimate (hindsight: ρ² and σ of the unhedged spot there) and σ of the hedged changes.
            Assert.Equal((k * 180, (k + 1) * 180), (w.EstimationStart, w.TestStart));
            Assert.Equal(test[k].Hindsight, w.Hindsight.Effectiveness, 10);
            Assert.Equal(test[k].SpotVol, w.Hindsight.SpotVolatility, 12);
            Assert.Equal(test[k].HedgedVol, w.TestHedgedVolatility, 12);
        }
        Assert.Equal(realized.Average(), r.MeanRealizedEffectiveness, 10);
        Assert.Equal(promised.Average(), r.MeanPromisedEffectiveness, 10);
        // The summary numbers printed in docs/hedging.md.
        Assert.Equal(docMeanRealized, Math.Round(realized.Average(), 6));
        Assert.Equal(docMeanPromised, Math.Round(promised.Average(), 6));
    }

    [Fact]
    public void MinimumVariance_WholeSpan_MatchesIndependentComputation()
    {
        // Independent computation (Python, csv + math, sums of log-return cross products, all common dates):
        // SOL/BTC ρ = 0.5746201358, h* = 1.1691902608; XRP/BTC ρ = 0.6118770121, h* = 0.9623661097.
        // SOURCES.md rounds these to 0.58 / 0.61 (its SOL figure skips the listing week).
        var sol = Aligned("solusdt_spot_daily.csv");
        var xrp = Aligned("xrpusdt_spot_daily.csv");
        var rs = HedgeRatio.MinimumVariance(sol.Spot.AsSpan(), sol.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns);
        var rx = HedgeRatio.MinimumVariance(xrp.Spot.AsSpan(), xrp.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns);
        Assert.Equal(0.5746201358, rs.Correlation, 9);
        Assert.Equal(1.1691902608, rs.HedgeRatio, 9);
        Assert.Equal(0.6118770121, rx.Correlation, 9);
        Assert.Equal(0.9623661097, rx.HedgeRatio, 9);
    }

    [Fact]
    public void Rolling_SolBtc_EndsEqualWholeWindowEstimates()
    {
        var a = Aligned("solusdt_spot_daily.csv");
        var h = new double[a.Count - 1];
        Assert.Equal(a.Count - 1, HedgeRatio.Rolling(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 90, h));
        Assert.All(h.Take(89), x => Assert.True(double.IsNaN(x)));
        // Element 89 covers observations 0..89 = prices 0..90; the last covers the last 90 observations.
        var first = HedgeRatio.MinimumVariance(a.Spot.AsSpan(0, 91), a.Futures.AsSpan(0, 91), HedgeRatioBasis.PricesToLogReturns);
        var last = HedgeRatio.MinimumVariance(a.Spot.AsSpan(a.Count - 91, 91), a.Futures.AsSpan(a.Count - 91, 91), HedgeRatioBasis.PricesToLogReturns);
        Assert.Equal(first.HedgeRatio, h[89], 12);
        Assert.Equal(last.HedgeRatio, h[^1], 12);
        BadInput.Rejects("window", w => HedgeRatio.Rolling(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, w, h), 2, 0);
        BadInput.Throws("destination", () => HedgeRatio.Rolling(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 90, new double[10]));
    }

    [Fact]
    public void OutOfSample_StepSmallerThanWindow_OverlapsAndFirstRowMatches()
    {
        var a = Aligned("xrpusdt_spot_daily.csv").Between(new DateOnly(2018, 5, 11), new DateOnly(2026, 1, 5));
        var whole = HedgeRatio.OutOfSample(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 180);
        var rolling = HedgeRatio.OutOfSample(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 180, step: 30);
        // 2,796 observations: estimation windows start at 0, 30, ... while start + 360 ≤ 2,796 → starts 0..2,430 → 82 rows.
        Assert.Equal(82, rolling.Windows.Length);
        Assert.Equal(30, rolling.Windows[1].EstimationStart);
        Assert.Equal(whole.Windows[0].RealizedEffectiveness, rolling.Windows[0].RealizedEffectiveness, 12);
        Assert.Equal(whole.Windows[1].RealizedEffectiveness, rolling.Windows[6].RealizedEffectiveness, 12);
        BadInput.Rejects("step", st => HedgeRatio.OutOfSample(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 180, st), 0, -1);
    }

    [Fact]
    public void OutOfSample_TooShortForWindow_RejectsSpot()
    {
        var x = Enumerable.Range(1, 20).Select(i => 100.0 + (i % 3)).ToArray();
        var y = Enumerable.Range(1, 20).Select(i => 50.0 + (i % 4)).ToArray();
        BadInput.Throws("spot", () => HedgeRatio.OutOfSample(x, y, HedgeRatioBasis.PricesToLogReturns, 10));
        BadInput.Throws("spot", () => HedgeRatio.OutOfSample(x, y, HedgeRatioBasis.PricesToLogReturns, int.MaxValue));
        BadInput.Rejects("window", w => HedgeRatio.OutOfSample(x, y, HedgeRatioBasis.PricesToLogReturns, w), 2, 0, -5);
        BadInput.Throws("futures", () => HedgeRatio.OutOfSample(x, y.AsSpan(0, 19), HedgeRatioBasis.PricesToLogReturns, 5));
    }
}
