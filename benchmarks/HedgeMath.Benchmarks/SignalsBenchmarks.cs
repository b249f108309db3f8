using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Batch indicators, streaming updates and the signal layer over 10,000 and 1,000,000 bars, each against a plain
/// straightforward implementation in the same run (the category's baseline). Divide the mean by N for ns/bar.
/// Run: dotnet run -c Release --project benchmarks/HedgeMath.Benchmarks -- --filter '*Signals*' --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SignalsBenchmarks
{
    [Params(10_000, 1_000_000)]
    public int N;

    private double[] _close = [];
    private double[] _d1 = [], _d2 = [], _d3 = [], _d4 = [], _d5 = [], _d6 = [];
    private readonly Rsi _rsiStream = new();
    private readonly BollingerBands _bbStream = new();
    private readonly Macd _macdStream = new();

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _close = new double[N];
        double p = 30_000;
        for (int i = 0; i < N; i++)
        {
            p *= Math.Exp((rng.NextDouble() - 0.5) * 0.06);
            _close[i] = Math.Round(p, 2);
        }
        _d1 = new double[N]; _d2 = new double[N]; _d3 = new double[N];
        _d4 = new double[N]; _d5 = new double[N]; _d6 = new double[N];
    }

    // ---------------- RSI ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("RSI")]
    public double Rsi_Naive() => Naive.Rsi(_close, 14)[^1];

    [Benchmark, BenchmarkCategory("RSI")]
    public double Rsi_HedgeMath()
    {
        Rsi.Compute(_close, _d1, 14);
        return _d1[^1];
    }

    // ---------------- EMA ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("EMA")]
    public double Ema_Naive() => Naive.Ema(_close, 20)[^1];

    [Benchmark, BenchmarkCategory("EMA")]
    public double Ema_HedgeMath()
    {
        Ema.Compute(_close, _d1, 20);
        return _d1[^1];
    }

    // ---------------- MACD ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("MACD")]
    public double Macd_Naive() => Naive.MacdHistogram(_close, 12, 26, 9)[^1];

    [Benchmark, BenchmarkCategory("MACD")]
    public double Macd_HedgeMath()
    {
        Macd.Compute(_close, _d1, _d2, _d3, 12, 26, 9);
        return _d3[^1];
    }

    // ---------------- Bollinger ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("Bollinger")]
    public double Bollinger_Naive() => Naive.BollingerUpper(_close, 20, 2)[^1];

    [Benchmark, BenchmarkCategory("Bollinger")]
    public double Bollinger_HedgeMath()
    {
        BollingerBands.Compute(_close, _d1, _d2, _d3, _d4, _d5, _d6, 20, 2);
        return _d1[^1];
    }

    // ---------------- Streaming (per update) ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("StreamRSI")]
    public double RsiStream_Naive()
    {
        var s = new Naive.RsiListStream(14);
        double last = 0;
        foreach (double x in _close) last = s.Add(x);
        return last;
    }

    [Benchmark, BenchmarkCategory("StreamRSI")]
    public double RsiStream_HedgeMath()
    {
        _rsiStream.Reset();
        double last = 0;
        foreach (double x in _close) last = _rsiStream.Add(x);
        return last;
    }

    [Benchmark, BenchmarkCategory("StreamRSI")]
    public double RsiStream_HedgeMath_AddAndReplaceLast()
    {
        // A live bar revised once before it closes: two updates per bar.
        _rsiStream.Reset();
        double last = 0;
        foreach (double x in _close) { _rsiStream.Add(x * 1.001); last = _rsiStream.ReplaceLast(x); }
        return last;
    }

    [Benchmark, BenchmarkCategory("StreamRSI")]
    public double MacdStream_HedgeMath()
    {
        _macdStream.Reset();
        double last = 0;
        foreach (double x in _close) last = _macdStream.Add(x).Histogram;
        return last;
    }

    [Benchmark, BenchmarkCategory("StreamRSI")]
    public double BollingerStream_HedgeMath()
    {
        _bbStream.Reset();
        double last = 0;
        foreach (double x in _close) last = _bbStream.Add(x).PercentB;
        return last;
    }

    // ---------------- SignalSet over all bars ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("SignalSet")]
    public int SignalSet_Naive() => Naive.Signals(_close);

    [Benchmark, BenchmarkCategory("SignalSet")]
    public int SignalSet_HedgeMath()
    {
        var s = SignalSeries.FromCloses(_close);
        int acting = 0;
        var options = s.Options;
        foreach (var active in s.Active)
            if (Confluence.Evaluate(active, options).Action != SuggestedAction.Hold) acting++;
        return acting;
    }

    /// <summary>Plain textbook implementations: arrays in, arrays out, the formula as written, window re-sums.</summary>
    private static class Naive
    {
        public static double[] Sma(double[] x, int n)
        {
            var r = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                if (i < n - 1) { r[i] = double.NaN; continue; }
                double s = 0;
                for (int p = i - n + 1; p <= i; p++) s += x[p];
                r[i] = s / n;
            }
            return r;
        }

        public static double[] Ema(double[] x, int n)
        {
            var r = new double[x.Length];
            double k = 2.0 / (n + 1), e = 0;
            for (int i = 0; i < x.Length; i++)
            {
                if (i < n - 1) { r[i] = double.NaN; continue; }
                if (i == n - 1) { double s = 0; for (int p = 0; p < n; p++) s += x[p]; e = s / n; }
                else e = e + k * (x[i] - e);
                r[i] = e;
            }
            return r;
        }

        public static double[] Rsi(double[] x, int n)
        {
            var r = new double[x.Length];
            var gain = new double[x.Length];
            var loss = new double[x.Length];
            double ag = 0, al = 0;
            r[0] = double.NaN;
            for (int i = 1; i < x.Length; i++)
            {
                gain[i] = x[i] > x[i - 1] ? x[i] - x[i - 1] : 0;
                loss[i] = x[i] < x[i - 1] ? x[i - 1] - x[i] : 0;
                if (i < n) { r[i] = double.NaN; continue; }
                if (i == n)
                {
                    double sg = 0, sl = 0;
                    for (int p = 1; p <= n; p++) { sg += gain[p]; sl += loss[p]; }
                    ag = sg / n; al = sl / n;
                }
                else
                {
                    ag = (ag * (n - 1) + gain[i]) / n;
                    al = (al * (n - 1) + loss[i]) / n;
                }
                r[i] = al > 0 ? 100 - 100 / (1 + ag / al) : 100;
            }
            return r;
        }

        public static double[] MacdHistogram(double[] x, int fast, int slow, int signal)
        {
            var f = Ema(x, fast);
            var s = Ema(x, slow);
            var m = new double[x.Length];
            for (int i = 0; i < x.Length; i++) m[i] = f[i] - s[i];
            var tail = Ema(m[(slow - 1)..], signal);
            var h = new double[x.Length];
            for (int i = 0; i < x.Length; i++) h[i] = i < slow - 1 ? double.NaN : m[i] - tail[i - slow + 1];
            return h;
        }

        public static double[] BollingerUpper(double[] x, int n, double k)
        {
            var mid = Sma(x, n);
            var up = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                if (i < n - 1) { up[i] = double.NaN; continue; }
                double ss = 0;
                for (int p = i - n + 1; p <= i; p++) ss += (x[p] - mid[i]) * (x[p] - mid[i]);
                up[i] = mid[i] + k * Math.Sqrt(ss / n);
            }
            return up;
        }

        /// <summary>A list-based stream: keeps every close and result, recomputes the step from the lists.</summary>
        public sealed class RsiListStream(int n)
        {
            private readonly List<double> _closes = [];
            private readonly List<double> _results = [];
            private double _ag, _al;

            public double Add(double x)
            {
                _closes.Add(x);
                int i = _closes.Count - 1;
                double r = double.NaN;
                if (i >= n)
                {
                    if (i == n)
                    {
                        double sg = 0, sl = 0;
                        for (int p = 1; p <= n; p++)
                        {
                            double d = _closes[p] - _closes[p - 1];
                            sg += d > 0 ? d : 0; sl += d < 0 ? -d : 0;
                        }
                        _ag = sg / n; _al = sl / n;
                    }
                    else
                    {
                        double d = _closes[i] - _closes[i - 1];
                        _ag = (_ag * (n - 1) + (d > 0 ? d : 0)) / n;
                        _al = (_al * (n - 1) + (d < 0 ? -d : 0)) / n;
                    }
                    r = _al > 0 ? 100 - 100 / (1 + _ag / _al) : 100;
                }
                _results.Add(r);
                return r;
            }
        }

        /// <summary>Indicators computed naively, then per bar a list of fired signal names (no hysteresis, no squeeze rank optimisation).</summary>
        public static int Signals(double[] x)
        {
            var rsi = Rsi(x, 14);
            var hist = MacdHistogram(x, 12, 26, 9);
            var up = BollingerUpper(x, 20, 2);
            var mid = Sma(x, 20);
            int acting = 0;
            for (int i = 1; i < x.Length; i++)
            {
                var names = new List<string>();
                if (rsi[i] > 70) names.Add("overbought");
                if (rsi[i] >= 85) names.Add("extreme");
                if (rsi[i] < 30) names.Add("oversold");
                if (hist[i - 1] >= 0 && hist[i] < 0) names.Add("bearish cross");
                if (hist[i - 1] <= 0 && hist[i] > 0) names.Add("bullish cross");
                double lower = 2 * mid[i] - up[i];
                double pctB = (x[i] - lower) / (up[i] - lower);
                if (pctB >= 0.95) names.Add("upper band");
                if (pctB <= 0.05) names.Add("lower band");
                if (i >= 140)
                {
                    double w = (up[i] - lower) / mid[i];
                    int below = 0;
                    for (int p = i - 120; p < i; p++) { double lo = 2 * mid[p] - up[p]; if ((up[p] - lo) / mid[p] < w) below++; }
                    if (below <= 12) names.Add("squeeze");
                }
                if (names.Count >= 2) acting++;
            }
            return acting;
        }
    }
}
