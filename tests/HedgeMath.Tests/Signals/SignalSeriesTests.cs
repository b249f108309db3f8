using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Signals;

/// <summary>Signal rules, hysteresis, crossovers, squeeze and confluence on hand-made readings and on real BTC data.</summary>
public class SignalSeriesTests
{
    private static double[] Nan(int n) => Enumerable.Repeat(double.NaN, n).ToArray();

    /// <summary>Readings with only RSI set (everything else NaN = no reading).</summary>
    private static SignalSeries FromRsi(double[] rsi, SignalOptions? o = null)
    {
        int n = rsi.Length;
        return SignalSeries.FromValues(Enumerable.Repeat(100.0, n).ToArray(), rsi, Nan(n), Nan(n), Nan(n), Nan(n), Nan(n), o);
    }

    private static SignalSeries FromHistogram(double[] hist, SignalOptions? o = null)
    {
        int n = hist.Length;
        return SignalSeries.FromValues(Enumerable.Repeat(100.0, n).ToArray(), Nan(n), hist, new double[n], Nan(n), Nan(n), Nan(n), o);
    }

    /// <summary>Bands 90..110 around a middle of 100, so %B = (close − 90)/20.</summary>
    private static SignalSeries FromCloses(double[] close, SignalOptions? o = null)
    {
        int n = close.Length;
        return SignalSeries.FromValues(close, Nan(n), Nan(n), Nan(n), Enumerable.Repeat(110.0, n).ToArray(),
            Enumerable.Repeat(100.0, n).ToArray(), Enumerable.Repeat(90.0, n).ToArray(), o);
    }

    [Fact]
    public void RsiOverbought_UsesHysteresis_ResetsBelow65()
    {
        // Threshold 70 (strictly above), reset below 70 − 5 = 65.
        var s = FromRsi([65, 71, 69, 66, 64.9, 70, 72]);
        var on = s.Active.Select(a => a.HasFlag(SignalKinds.RsiOverbought)).ToArray();
        Assert.Equal(new[] { false, true, true, true, false, false, true }, on);
        Assert.Equal(new[] { 1, 6 }, Enumerable.Range(0, 7).Where(i => s.Fired[i].HasFlag(SignalKinds.RsiOverbought)));
    }

    [Fact]
    public void RsiExtreme_AtOrAbove85_IsTwoBearishVotes_RaisesHedge()
    {
        var s = FromRsi([50, 85, 81, 79.9]);
        Assert.True(s[1].IsActive(SignalKinds.RsiExtreme | SignalKinds.RsiOverbought));
        Assert.Equal(SuggestedAction.RaiseHedge, s[1].Confluence.Action);
        Assert.Equal(0.25, s[1].Confluence.Amount);
        Assert.True(s[2].IsActive(SignalKinds.RsiExtreme)); // reset only below 80
        Assert.False(s[3].IsActive(SignalKinds.RsiExtreme));
        Assert.Equal(SuggestedAction.Hold, s[3].Confluence.Action); // overbought alone: one vote, no confluence
    }

    [Fact]
    public void RsiOversold_Alone_SuggestsCaution()
    {
        var s = FromRsi([40, 29.9, 34, 35.1]);
        Assert.Equal(new[] { false, true, true, false }, s.Active.Select(a => a.HasFlag(SignalKinds.RsiOversold)));
        Assert.Equal(SuggestedAction.CautionBeforeAdding, s[1].Confluence.Action);
    }

    [Fact]
    public void MacdCrossovers_FireOnTheCrossingBarOnly()
    {
        var o = SignalOptions.Default with { MacdCrossDeadband = 0 };
        var s = FromHistogram([1, 0.5, -0.2, -0.3, 0.1, 0.2], o);
        Assert.Equal(SignalKinds.MacdBearishCross, s.Active[2] & SignalKinds.MacdBearishCross);
        Assert.Equal(SignalKinds.MacdBullishCross, s.Active[4] & SignalKinds.MacdBullishCross);
        Assert.Equal(2, s.Active.Count(a => (a & (SignalKinds.MacdBearishCross | SignalKinds.MacdBullishCross)) != 0));
    }

    [Fact]
    public void MacdCrossovers_DoNotFlicker_InsideTheDeadband()
    {
        // Close 100, dead band 0.0005 · 100 = 0.05: a histogram wobbling by ±0.01 after a bearish regime never crosses.
        var s = FromHistogram([1, -1, 0.01, -0.01, 0.02, -0.02, 0.04, 0.06]);
        Assert.True(s[1].IsActive(SignalKinds.MacdBearishCross));
        Assert.Equal(new[] { 7 }, Enumerable.Range(0, 8).Where(i => s[i].IsActive(SignalKinds.MacdBullishCross)));
    }

    [Fact]
    public void HistogramShrinking_ForKBars_Fires()
    {
        var s = FromHistogram([5, 4, 3, 2, 2.5, -3, -2, -1.5, -1]);
        // Positive: shrinks at 1, 2, 3 → third shrink at index 3.
        Assert.Equal(new[] { 3 }, Enumerable.Range(0, 9).Where(i => s[i].IsActive(SignalKinds.HistogramShrinkingPositive)));
        Assert.Equal(new[] { 8 }, Enumerable.Range(0, 9).Where(i => s[i].IsActive(SignalKinds.HistogramShrinkingNegative)));
    }

    [Fact]
    public void BandTouchAndBreak_WithHysteresis()
    {
        // %B = (close − 90)/20: 109 → 0.95 touch; 111 → 1.05 break; 107.5 → 0.875 (touch holds ≥ 0.85, break off < 0.90); 106 → 0.8 off.
        var s = FromCloses([100, 109, 111, 107.5, 106]);
        Assert.Equal(new[] { false, true, true, true, false }, s.Active.Select(a => a.HasFlag(SignalKinds.UpperBandTouch)));
        Assert.Equal(new[] { false, false, true, false, false }, s.Active.Select(a => a.HasFlag(SignalKinds.UpperBandBreak)));
        var low = FromCloses([100, 91, 89, 92.5, 93.5]);
        Assert.Equal(new[] { false, true, true, true, false }, low.Active.Select(a => a.HasFlag(SignalKinds.LowerBandTouch)));
        Assert.Equal(new[] { false, false, true, false, false }, low.Active.Select(a => a.HasFlag(SignalKinds.LowerBandBreak)));
    }

    [Fact]
    public void Squeeze_WhenWidthInLowestQuantileOfLookback()
    {
        // Lookback 10, q = 0.1: squeeze when at most 1 of the previous 10 widths is lower; off when more than 2 are.
        var o = SignalOptions.Default with { SqueezeLookbackPeriods = 10 };
        int n = 14;
        double[] close = Enumerable.Repeat(100.0, n).ToArray(), mid = close.ToArray();
        double[] halfWidth = [10, 9, 8, 7, 6, 5, 6, 7, 8, 9, /*10:*/ 4, /*11:*/ 5.5, /*12:*/ 5.8, /*13:*/ 6.5];
        double[] up = halfWidth.Select(h => 100 + h).ToArray(), lo = halfWidth.Select(h => 100 - h).ToArray();
        var s = SignalSeries.FromValues(close, Nan(n), Nan(n), Nan(n), up, mid, lo, o);
        // 10: none of the previous 10 is lower → on. 11: 5.5 has {5, 4} lower (2) → stays (≤ 2). 12: 5.8 → {5, 4, 5.5} = 3 → off.
        Assert.Equal(new[] { 10, 11 }, Enumerable.Range(0, n).Where(i => s[i].IsActive(SignalKinds.Squeeze)));
    }

    [Fact]
    public void Confluence_CountsVotes_AndSuggestsScaleOut()
    {
        var c = Confluence.Evaluate(SignalKinds.RsiOverbought | SignalKinds.UpperBandTouch | SignalKinds.UpperBandBreak | SignalKinds.Squeeze);
        // Overbought + upper band (touch and break = one vote) = 2 bearish → scale out 2 · 10 % = 20 %.
        Assert.Equal(2, c.BearishCount);
        Assert.Equal(0, c.BullishCount);
        Assert.Equal(SuggestedAction.ScaleOut, c.Action);
        Assert.Equal(0.2, c.Amount, 12);
        Assert.True(c.SqueezeWarning);
        var bull = Confluence.Evaluate(SignalKinds.RsiOversold | SignalKinds.MacdBullishCross | SignalKinds.LowerBandTouch);
        Assert.Equal(SuggestedAction.LowerHedge, bull.Action);
        Assert.Equal(3, bull.BullishCount);
        var mixed = Confluence.Evaluate(SignalKinds.RsiOverbought | SignalKinds.MacdBearishCross | SignalKinds.HistogramShrinkingNegative | SignalKinds.LowerBandTouch);
        Assert.Equal(SuggestedAction.Hold, mixed.Action); // 2 v 2: no side agrees more
        var capped = Confluence.Evaluate(SignalKinds.RsiOverbought | SignalKinds.MacdBearishCross | SignalKinds.HistogramShrinkingPositive | SignalKinds.UpperBandTouch,
            SignalOptions.Default with { ScaleOutPerSignal = 0.2, MaxScaleOut = 0.5 });
        Assert.Equal(0.5, capped.Amount);
        Assert.Contains("rsi-overbought", capped.ToString());
    }

    [Fact]
    public void FromCandles_EqualsFromValues_WithTheLibrarysIndicators()
    {
        var candles = TestData.Candles("btcusdt_spot_daily.csv");
        var s = SignalSeries.FromCandles(candles);
        var close = HedgeMath.Market.Candle.Closes(candles);
        var m = Macd.Compute(close);
        var b = BollingerBands.Compute(close);
        var v = SignalSet.FromValues(close, Rsi.Compute(close), m.Line.AsSpan(), m.Signal.AsSpan(), b.Upper.AsSpan(), b.Middle.AsSpan(), b.Lower.AsSpan());
        Assert.Equal(s.Count, v.Count);
        // Support/resistance flags come from highs and lows, which FromValues does not have.
        const SignalKinds levels = SignalKinds.NearResistance | SignalKinds.ResistanceBreak | SignalKinds.NearSupport | SignalKinds.SupportBreak;
        int differ = Enumerable.Range(0, s.Count).Count(i => (s.Active[i] & ~levels) != v.Active[i]);
        // %B is re-derived from the bands in FromValues: identical up to rounding at exact threshold hits.
        Assert.True(differ <= 2, $"{differ} bars differ");
        Assert.Equal(candles[^1].Date, s.Latest.Date);
        Assert.Contains(s.Active, a => a.HasFlag(SignalKinds.RsiExtreme));
        Assert.Contains(s.Active, a => a.HasFlag(SignalKinds.Squeeze));
        Assert.Contains(s.Active, a => a.HasFlag(SignalKinds.MacdBearishCross));
        var recent = s.RecentFired(5);
        Assert.InRange(recent.Count, 1, 5);
        Assert.All(recent, r => Assert.NotEqual(SignalKinds.None, r.Fired));
        Assert.True(recent.Zip(recent.Skip(1)).All(p => p.First.Index < p.Second.Index));
    }

    [Fact]
    public void FromCloses_HasNoDates_AndMatchesFromCandles()
    {
        var candles = TestData.Candles("btcusdt_spot_daily.csv");
        var fromCloses = SignalSeries.FromCloses(HedgeMath.Market.Candle.Closes(candles));
        Assert.True(fromCloses.Dates.IsEmpty);
        Assert.Null(fromCloses.Latest.Date);
        const SignalKinds levels = SignalKinds.NearResistance | SignalKinds.ResistanceBreak | SignalKinds.NearSupport | SignalKinds.SupportBreak;
        Assert.Equal(SignalSeries.FromCandles(candles).Active.Select(a => a & ~levels).ToArray(), fromCloses.Active.ToArray()); // levels need highs and lows
    }

    [Fact]
    public void ComputeActive_IsTheSeriesActiveSignals_InOneReusedBuffer()
    {
        // The scan path over two real series (daily BTC, one-minute bars) through one buffer sized for the longer: each
        // slice equals the series' Active, and active & ~previous equals its Fired.
        var daily = HedgeMath.Market.Candle.Closes(TestData.Candles("btcusdt_spot_daily.csv"));
        var minute = HedgeMath.Market.Candle.Closes(HedgeMath.Market.Candle.ParseCsv(TestData.Text("indicators/quotes_intraday_1m.csv")));
        var buffer = new SignalKinds[Math.Max(daily.Length, minute.Length)];
        foreach (var (closes, o) in new[] { (daily, SignalOptions.Default), (minute, SignalOptions.Default with { SqueezeLookbackPeriods = 60 }), (daily, SignalOptions.Default) })
        {
            var active = buffer.AsSpan(0, closes.Length);
            SignalSeries.ComputeActive(closes, active, o);
            var series = SignalSeries.FromCloses(closes, o);
            Assert.Equal(series.Active.ToArray(), active.ToArray());
            Assert.Contains(active.ToArray(), a => a != SignalKinds.None);
            for (int i = 0; i < closes.Length; i++)
                Assert.Equal(series.Fired[i], active[i] & ~(i > 0 ? active[i - 1] : SignalKinds.None));
        }
    }

    [Fact]
    public void ComputeActive_RejectsAMismatchedBuffer_AndNamesABadClose()
    {
        var closes = Enumerable.Range(0, 50).Select(i => 100.0 + i).ToArray();
        var e = Assert.Throws<ArgumentException>(() => SignalSeries.ComputeActive(closes, new SignalKinds[49]));
        Assert.Equal("active", e.ParamName);
        Assert.Contains("49", e.Message);
        closes[37] = double.NaN;
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => SignalSeries.ComputeActive(closes, new SignalKinds[50]));
        Assert.Equal("closes", nan.ParamName);
        Assert.Contains("index 37", nan.Message);
        var bad = Assert.ThrowsAny<ArgumentException>(() => SignalSeries.ComputeActive(new double[] { 1, 2 }, new SignalKinds[2],
            SignalOptions.Default with { MacdFastPeriods = 30, MacdSlowPeriods = 26 }));
        Assert.Equal("options", bad.ParamName);
    }

    [Fact]
    public void Squeeze_MatchesAPlainRankCount_OnRealBtcSeries()
    {
        // Reference: for every bar, count the previous 120 widths that are lower; on at ≤ 12 (10 %), off above 24 (20 %).
        var candles = TestData.Candles("btcusdt_spot_daily.csv");
        foreach (int lookback in new[] { 120, 30 })
        {
            var o = SignalOptions.Default with { SqueezeLookbackPeriods = lookback };
            var s = SignalSeries.FromCandles(candles, o);
            var w = s.BandWidth;
            bool on = false;
            int first = Array.FindIndex(w.ToArray(), v => !double.IsNaN(v));
            for (int i = 0; i < s.Count; i++)
            {
                if (i - lookback >= first)
                {
                    int lower = 0;
                    for (int j = i - lookback; j < i; j++) if (w[j] < w[i]) lower++;
                    on = on ? lower <= 0.2 * lookback : lower <= 0.1 * lookback;
                }
                else on = false;
                Assert.True(on == s[i].IsActive(SignalKinds.Squeeze), $"bar {i}, lookback {lookback}");
            }
        }
    }

    [Fact]
    public void Options_Validated()
    {
        BadInput.Rejects<double>(nameof(SignalOptions.RsiOverbought), v => _ = new SignalOptions { RsiOverbought = v }, -1, 101, double.NaN);
        BadInput.Rejects<int>(nameof(SignalOptions.SqueezeLookbackPeriods), v => _ = new SignalOptions { SqueezeLookbackPeriods = v }, BadInput.NonPositiveInts);
        BadInput.Rejects<double>(nameof(SignalOptions.BollingerStandardDeviations), v => _ = new SignalOptions { BollingerStandardDeviations = v }, BadInput.NonPositiveDoubles);
        BadInput.Throws("options", () => SignalSeries.FromCloses(new double[10], new SignalOptions { RsiOversold = 80 }));
        BadInput.Throws("options", () => SignalSeries.FromCloses(new double[10], new SignalOptions { RsiExtreme = 60 }));
        BadInput.Throws("options", () => SignalSeries.FromCloses(new double[10], new SignalOptions { MacdFastPeriods = 30 }));
    }

    [Fact]
    public void FromValues_BadInput_Rejected()
    {
        double[] ok = [1, 2, 3], two = [1, 2];
        BadInput.Throws("rsi", () => SignalSeries.FromValues(ok, two, ok, ok, ok, ok, ok));
        BadInput.Throws("close", () => SignalSeries.FromValues([1, double.NaN, 3], ok, ok, ok, ok, ok, ok));
        BadInput.Throws("upperBand", () => SignalSeries.FromValues(ok, ok, ok, ok, [1, double.PositiveInfinity, 3], ok, ok));
        BadInput.Throws("closes", () => SignalSeries.FromCloses([1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalSeries.FromCloses(ok)[3]);
        Assert.Throws<InvalidOperationException>(() => SignalSeries.FromCloses(Array.Empty<double>()).Latest);
    }

    [HedgeProperty(QuickTests = 1000)]
    public Property OverboughtDoesNotFlicker_WhileRsiStaysAboveItsResetLevel()
    {
        // Once on, RSI wandering anywhere in [65, 100] never resets the signal: it fires exactly once.
        var gen = from n in Gen.Choose(1, 60)                                  // only non-empty tails
                  from tail in Gen.ArrayOf(Gen.Choose(6500, 10000).Select(v => v / 100.0), n)
                  select tail;
        return Prop.ForAll(gen.ToArbitrary(), tail =>
        {
            var s = FromRsi([50, 75, .. tail]);
            return s.Fired.Count(f => f.HasFlag(SignalKinds.RsiOverbought)) == 1
                && s.Active.Skip(1).All(a => a.HasFlag(SignalKinds.RsiOverbought));
        });
    }

    [HedgeProperty(QuickTests = 4096)]
    public Property ConfluenceVotes_AreBoundedAndConsistent()
    {
        var gen = Gen.Choose(0, (1 << 12) - 1).Select(v => (SignalKinds)v);
        return Prop.ForAll(gen.ToArbitrary(), kinds =>
        {
            var c = Confluence.Evaluate(kinds);
            bool ok = c.BearishCount is >= 0 and <= 5 && c.BullishCount is >= 0 and <= 4 && c.Amount is >= 0 and <= 1;
            if (c.Action is SuggestedAction.ScaleOut or SuggestedAction.RaiseHedge) ok &= c.BearishCount >= 2 && c.BearishCount > c.BullishCount;
            if (c.Action is SuggestedAction.LowerHedge) ok &= c.BullishCount >= 2 && c.BullishCount > c.BearishCount;
            return ok.Collect(c.Action);
        });
    }
}
