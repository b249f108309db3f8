using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Signals;

/// <summary>Streams give bit-identical results to the batch forms, for every length 0..300, random series, and live-bar revisions.</summary>
public class StreamingTests
{
    /// <summary>A random walk of positive prices (deterministic for a seed).</summary>
    internal static double[] Walk(int length, int seed, double start = 100, double step = 0.02)
    {
        var rng = new Random(seed);
        var x = new double[length];
        double p = start;
        for (int i = 0; i < length; i++)
        {
            p *= Math.Exp((rng.NextDouble() - 0.5) * 2 * step);
            // Some flat bars and round prices, as real feeds have.
            x[i] = rng.Next(10) == 0 && i > 0 ? x[i - 1] : Math.Round(p, 2);
        }
        return x;
    }

    private static void Same(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i])
                && !(double.IsNaN(expected[i]) && double.IsNaN(actual[i])))
                Assert.Fail($"{what}: index {i} batch {expected[i]:R} stream {actual[i]:R}");
        }
    }

    /// <summary>Runs every stream over <paramref name="x"/> (optionally revising each bar first) and compares with batch.</summary>
    internal static void CheckAll(double[] x, int lookback, Random? revisions = null)
    {
        int n = x.Length;
        int fast = Math.Max(1, lookback / 2), slow = fast + 1 + lookback / 3, signal = Math.Max(1, lookback / 3);
        var sma = new Sma(lookback); var ema = new Ema(lookback); var rsi = new Rsi(lookback);
        var macd = new Macd(fast, slow, signal); var bb = new BollingerBands(lookback, 2); var atr = new Atr(lookback);
        double[] s = new double[n], e = new double[n], r = new double[n], ml = new double[n], ms = new double[n], mh = new double[n];
        double[] bu = new double[n], bm = new double[n], bl = new double[n], bp = new double[n], bw = new double[n], bz = new double[n];
        double[] at = new double[n], aa = new double[n], ap = new double[n];
        double[] hi = x.Select(v => v * 1.01).ToArray(), lo = x.Select(v => v * 0.985).ToArray();
        for (int i = 0; i < n; i++)
        {
            if (revisions is not null)
            {
                // A live bar: added with a provisional value, revised a few times, then its final value.
                double provisional = x[i] * (1 + (revisions.NextDouble() - 0.5) * 0.1);
                sma.Add(provisional); ema.Add(provisional); rsi.Add(provisional); macd.Add(provisional); bb.Add(provisional);
                atr.Add(provisional * 1.02, provisional * 0.97, provisional);
                for (int k = revisions.Next(3); k > 0; k--)
                {
                    double v = x[i] * (1 + (revisions.NextDouble() - 0.5) * 0.1);
                    sma.ReplaceLast(v); ema.ReplaceLast(v); rsi.ReplaceLast(v); macd.ReplaceLast(v); bb.ReplaceLast(v);
                    atr.ReplaceLast(v * 1.03, v * 0.96, v);
                }
                s[i] = sma.ReplaceLast(x[i]); e[i] = ema.ReplaceLast(x[i]); r[i] = rsi.ReplaceLast(x[i]);
                var m = macd.ReplaceLast(x[i]); ml[i] = m.Line; ms[i] = m.Signal; mh[i] = m.Histogram;
                var b = bb.ReplaceLast(x[i]); bu[i] = b.Upper; bm[i] = b.Middle; bl[i] = b.Lower; bp[i] = b.PercentB; bw[i] = b.Width; bz[i] = b.ZScore;
                var a = atr.ReplaceLast(hi[i], lo[i], x[i]); at[i] = a.TrueRange; aa[i] = a.Atr; ap[i] = a.AtrPercent;
            }
            else
            {
                s[i] = sma.Add(x[i]); e[i] = ema.Add(x[i]); r[i] = rsi.Add(x[i]);
                var m = macd.Add(x[i]); ml[i] = m.Line; ms[i] = m.Signal; mh[i] = m.Histogram;
                var b = bb.Add(x[i]); bu[i] = b.Upper; bm[i] = b.Middle; bl[i] = b.Lower; bp[i] = b.PercentB; bw[i] = b.Width; bz[i] = b.ZScore;
                var a = atr.Add(hi[i], lo[i], x[i]); at[i] = a.TrueRange; aa[i] = a.Atr; ap[i] = a.AtrPercent;
            }
        }
        string ctx = $"length {n}, lookback {lookback}";
        Same(Sma.Compute(x, lookback), s, "SMA " + ctx);
        Same(Ema.Compute(x, lookback), e, "EMA " + ctx);
        Same(Rsi.Compute(x, lookback), r, "RSI " + ctx);
        var mb = Macd.Compute(x, fast, slow, signal);
        Same(mb.Line.ToArray(), ml, "MACD " + ctx); Same(mb.Signal.ToArray(), ms, "MACD signal " + ctx); Same(mb.Histogram.ToArray(), mh, "MACD histogram " + ctx);
        var bbb = BollingerBands.Compute(x, lookback, 2);
        Same(bbb.Upper.ToArray(), bu, "BB upper " + ctx); Same(bbb.Middle.ToArray(), bm, "BB middle " + ctx); Same(bbb.Lower.ToArray(), bl, "BB lower " + ctx);
        Same(bbb.PercentB.ToArray(), bp, "BB %B " + ctx); Same(bbb.Width.ToArray(), bw, "BB width " + ctx); Same(bbb.ZScore.ToArray(), bz, "BB z " + ctx);
        var ab = Atr.Compute(hi, lo, x, lookback);
        Same(ab.TrueRange.ToArray(), at, "TR " + ctx); Same(ab.Atr.ToArray(), aa, "ATR " + ctx); Same(ab.AtrPercent.ToArray(), ap, "ATR% " + ctx);
    }

    [Fact]
    public void Streams_EqualBatch_ForEveryLength0To300()
    {
        foreach (int lookback in new[] { 1, 2, 3, 14, 20 })
            for (int length = 0; length <= 300; length++)
                CheckAll(Walk(length, length * 31 + lookback), lookback);
    }

    [Fact]
    public void Streams_EqualBatch_OverRestartBoundaries()
    {
        // Long enough for many exact recomputations of the Bollinger/SMA sums (every max(64, N) bars).
        foreach (int lookback in new[] { 5, 63, 64, 65, 130 })
            CheckAll(Walk(1500, lookback), lookback);
    }

    [Fact]
    public void ReplaceLast_Sequences_EqualBatchOnFinalSeries()
    {
        foreach (int lookback in new[] { 1, 2, 14, 20, 70 })
            for (int length = 0; length <= 300; length += 7)
                CheckAll(Walk(length, length + 1000 * lookback), lookback, new Random(length + lookback));
    }

    [HedgeProperty(QuickTests = 300)]
    public Property StreamsEqualBatch_ForRandomSeries()
    {
        var gen = from length in Gen.Choose(0, 300)
                  from lookback in Gen.Choose(1, 40)
                  from seed in Gen.Choose(0, int.MaxValue - 1)
                  from revise in Gen.Elements(true, false)
                  select (length, lookback, seed, revise);
        // CheckAll asserts; a failed assertion fails the case.
        return Prop.ForAll(gen.ToArbitrary(), t =>
            CheckAll(Walk(t.length, t.seed, start: 50 + t.seed % 1000), t.lookback, t.revise ? new Random(t.seed) : null));
    }

    [HedgeProperty(QuickTests = 300)]
    public Property StreamsEqualBatch_ForArbitraryFiniteValues()
    {
        // Any finite doubles (including negatives and zeros), not only price-like walks.
        var values = Gen.Choose(-1_000_000, 1_000_000).Select(v => v / 1000.0).ArrayOf();
        return Prop.ForAll(values.ToArbitrary(), x =>
        {
            CheckAll(x, 3);
            CheckAll(x, 9);
        });
    }

    [Fact]
    public void ReplaceLast_OnEmptyStream_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Rsi().ReplaceLast(1));
        Assert.Throws<InvalidOperationException>(() => new Ema().ReplaceLast(1));
        Assert.Throws<InvalidOperationException>(() => new Sma().ReplaceLast(1));
        Assert.Throws<InvalidOperationException>(() => new Macd().ReplaceLast(1));
        Assert.Throws<InvalidOperationException>(() => new BollingerBands().ReplaceLast(1));
        Assert.Throws<InvalidOperationException>(() => new Atr().ReplaceLast(1, 1, 1));
    }

    [Fact]
    public void Reset_StartsOver_LikeANewStream()
    {
        var x = Walk(100, 7);
        var rsi = new Rsi(); var bb = new BollingerBands();
        foreach (var v in Walk(50, 8)) { rsi.Add(v); bb.Add(v); }
        rsi.Reset(); bb.Reset();
        double r = 0; BollingerValue b = default;
        foreach (var v in x) { r = rsi.Add(v); b = bb.Add(v); }
        Assert.Equal(Rsi.Compute(x)[^1], r);
        Assert.Equal(BollingerBands.Compute(x).Upper[^1], b.Upper);
    }

    [Fact]
    public void StreamUpdates_DoNotAllocate()
    {
        var x = Walk(2000, 3);
        var rsi = new Rsi(); var ema = new Ema(); var sma = new Sma(); var macd = new Macd();
        var bb = new BollingerBands(); var atr = new Atr();
        void Run()
        {
            foreach (var v in x)
            {
                rsi.Add(v); ema.Add(v); sma.Add(v); macd.Add(v); bb.Add(v); atr.Add(v * 1.01, v * 0.99, v);
                rsi.ReplaceLast(v); ema.ReplaceLast(v); sma.ReplaceLast(v); macd.ReplaceLast(v); bb.ReplaceLast(v); atr.ReplaceLast(v * 1.01, v * 0.99, v);
            }
        }
        Run(); // JIT warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
