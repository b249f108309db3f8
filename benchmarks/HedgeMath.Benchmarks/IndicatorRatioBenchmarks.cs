using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Issue 15's indicator targets as ratios within one run: every batch benchmark against EMA(20) over the same bars
/// (category <c>Batch</c>: one dependent multiply-add per bar, the hardware yardstick), every streaming update against
/// <see cref="Ema"/>'s (category <c>Stream</c>). <c>*_V1</c> are the implementations of before the issue, frozen in
/// <c>Baseline/</c>, so new ÷ old is a ratio of the same run too. Targets: RSI ≤ 2.2× EMA, ATR ≤ 3× EMA (10,000 bars),
/// signal layer ≤ 20× EMA (10,000 and 1,000,000 bars), streams ≤ 2× EMA's stream.
/// Run: dotnet run -c Release --project benchmarks/HedgeMath.Benchmarks -- --filter '*IndicatorRatio*' --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class IndicatorRatioBenchmarks
{
    [Params(10_000, 1_000_000)]
    public int N;

    private double[] _close = [], _high = [], _low = [];
    private double[] _d1 = [], _d2 = [], _d3 = [];
    private SignalKinds[] _active = [];
    private readonly Ema _emaStream = new(20);
    private readonly Rsi _rsiStream = new(14);
    private readonly Atr _atrStream = new(14);

    [GlobalSetup]
    public void Setup()
    {
        // A mean-reverting log random walk around 30,000 (seed 42), so 1,000,000 bars stay at exchange-like prices (a plain
        // walk drifts to cents and then to 0, where ATR decays into subnormals), with a high and low around each close.
        var rng = new Random(42);
        _close = new double[N]; _high = new double[N]; _low = new double[N];
        double p = 30_000, x = 0;
        for (int i = 0; i < N; i++)
        {
            double open = p;
            x = (0.999 * x) + ((rng.NextDouble() - 0.5) * 0.06);
            p = 30_000 * Math.Exp(x);
            _close[i] = Math.Round(p, 2);
            _high[i] = Math.Round(Math.Max(open, p) * (1 + rng.NextDouble() * 0.01), 2);
            _low[i] = Math.Round(Math.Min(open, p) * (1 - rng.NextDouble() * 0.01), 2);
        }
        _d1 = new double[N]; _d2 = new double[N]; _d3 = new double[N];
        _active = new SignalKinds[N];
    }

    // ---------------- batch, per bar against EMA(20) ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("Batch")]
    public double Ema20()
    {
        Ema.Compute(_close, _d1, 20);
        return _d1[^1];
    }

    [Benchmark, BenchmarkCategory("Batch")]
    public double Rsi14()
    {
        Rsi.Compute(_close, _d1, 14);
        return _d1[^1];
    }

    [Benchmark, BenchmarkCategory("Batch")]
    public double Rsi14_V1()
    {
        RsiV1.Compute(_close, _d1, 14);
        return _d1[^1];
    }

    [Benchmark, BenchmarkCategory("Batch")]
    public double Atr14()
    {
        Atr.Compute(_high, _low, _close, _d1, _d2, _d3, 14);
        return _d2[^1];
    }

    [Benchmark, BenchmarkCategory("Batch")]
    public double Atr14_V1()
    {
        AtrV1.Compute(_high, _low, _close, _d1, _d2, _d3, 14);
        return _d2[^1];
    }

    [Benchmark, BenchmarkCategory("Batch")]
    public int SignalSeries_FromCloses() => (int)SignalSeries.FromCloses(_close).Active[^1];

    /// <summary>The scan path: the same signals into a buffer the caller reuses (no series, no allocation).</summary>
    [Benchmark, BenchmarkCategory("Batch")]
    public int SignalSeries_ComputeActive()
    {
        SignalSeries.ComputeActive(_close, _active);
        return (int)_active[^1];
    }

    /// <summary>
    /// What the series' outputs cost with no computing: a fresh copy of the closes and a fresh array of active signals
    /// (12 bytes a bar, as <see cref="SignalSeries.FromCloses"/> allocates), each element written once.
    /// </summary>
    [Benchmark, BenchmarkCategory("Batch")]
    public int SignalSeries_OutputsOnly()
    {
        var close = GC.AllocateUninitializedArray<double>(N);
        var active = GC.AllocateUninitializedArray<SignalKinds>(N);
        _close.AsSpan().CopyTo(close);
        active.AsSpan().Fill(SignalKinds.Squeeze);
        return (int)active[^1] + (int)close[^1];
    }

    [Benchmark, BenchmarkCategory("Batch")]
    public int SignalSeries_V1() => (int)SignalSeriesV1.FromCloses(_close, SignalOptions.Default)[^1];

    // ---------------- streaming, per update against Ema ----------------
    [Benchmark(Baseline = true), BenchmarkCategory("Stream")]
    public double EmaStream20()
    {
        _emaStream.Reset();
        double last = 0;
        foreach (double x in _close) last = _emaStream.Add(x);
        return last;
    }

    [Benchmark, BenchmarkCategory("Stream")]
    public double RsiStream14()
    {
        _rsiStream.Reset();
        double last = 0;
        foreach (double x in _close) last = _rsiStream.Add(x);
        return last;
    }

    [Benchmark, BenchmarkCategory("Stream")]
    public double AtrStream14()
    {
        _atrStream.Reset();
        double last = 0;
        var high = _high; var low = _low; var close = _close;
        for (int i = 0; i < close.Length; i++) last = _atrStream.Add(high[i], low[i], close[i]).Atr;
        return last;
    }
}
