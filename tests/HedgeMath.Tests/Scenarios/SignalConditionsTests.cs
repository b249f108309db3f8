// Exercises obsolete API on purpose: the retired SignalConditions (issue 28) are tested until they go.
#pragma warning disable CS0618
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

public class SignalConditionsTests
{
    [Fact]
    public void AnyActive_MatchesTheSignalSeriesOfTheSpotCandles()
    {
        var h = ReplayTests.Btc.Value;
        var series = SignalSeries.FromCandles(h.Spot);
        var flags = new bool[h.Length];
        SignalConditions.AnyActive(SignalKinds.RsiOverbought | SignalKinds.RsiExtreme).Evaluate(h, flags);
        for (int t = 0; t < h.Length; t++)
            Assert.Equal((series[t].Active & (SignalKinds.RsiOverbought | SignalKinds.RsiExtreme)) != 0, flags[t]);
        Assert.Contains(true, flags);
        Assert.False(flags[0]); // warm-up: no RSI yet
    }

    [Fact]
    public void FromSeries_AlignsByDate_AndIsFalseOutsideTheSeries()
    {
        var h = ReplayTests.Btc.Value;
        // Signals over the full spot history (2017 onwards): no warm-up gap at the start of the 2021 window.
        var full = SignalSeries.FromCandles(TestData.Candles("btcusdt_spot_daily.csv"));
        var flags = new bool[h.Length];
        SignalConditions.FromSeries("rsi > 50", full, s => s.Rsi > 50).Evaluate(h, flags);
        int offset = full.Dates.IndexOf(h.Dates[0]);
        for (int t = 0; t < h.Length; t++) Assert.Equal(full[offset + t].Rsi > 50, flags[t]);
        Assert.True(flags[0]); // 2021-01-01: BTC was in a strong rally (RSI well above 50)

        var shortSeries = SignalSeries.FromCandles(h.Spot.Take(100).ToArray());
        SignalConditions.FromSeries("all", shortSeries, _ => true).Evaluate(h, flags);
        Assert.True(flags[99]);
        Assert.False(flags[100]);
    }

    [Fact]
    public void BadInput_IsRejectedNamingTheParameter()
    {
        BadInput.Throws("kinds", () => SignalConditions.AnyActive(SignalKinds.None));
        BadInput.Throws("actions", () => SignalConditions.ConfluenceSuggests(null));
        BadInput.Throws("predicate", () => SignalConditions.FromSeries("x", SignalSeries.FromCloses([1.0, 2.0]), null!));
    }
}
