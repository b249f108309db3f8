using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Signals;

/// <summary>Every indicator entry point rejects bad parameters and non-finite prices, naming the parameter (and the index).</summary>
public class IndicatorBadInputTests
{
    private static readonly double[] Prices = StreamingTests.Walk(60, 1);

    [Fact]
    public void Lookback_NotPositive_Rejected()
    {
        var d = new double[Prices.Length];
        BadInput.Rejects<int>("lookbackPeriods", n => Sma.Compute(Prices, d, n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => Ema.Compute(Prices, d, n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => Rsi.Compute(Prices, d, n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => BollingerBands.Compute(Prices, n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => Atr.Compute(Prices, Prices, Prices, n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => Rsi.WarmupPeriods(n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => _ = new Rsi(n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => _ = new Ema(n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => _ = new Sma(n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => _ = new BollingerBands(n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("lookbackPeriods", n => _ = new Atr(n), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("fastPeriods", n => Macd.Compute(Prices, n, 26, 9), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("slowPeriods", n => Macd.Compute(Prices, 12, n, 9), BadInput.NonPositiveInts);
        BadInput.Rejects<int>("signalPeriods", n => Macd.Compute(Prices, 12, 26, n), BadInput.NonPositiveInts);
    }

    [Fact]
    public void Macd_FastNotBelowSlow_Rejected()
    {
        BadInput.Rejects<int>("fastPeriods", f => Macd.Compute(Prices, f, 26, 9), 26, 27, 100);
        BadInput.Rejects<int>("fastPeriods", f => _ = new Macd(f, 12, 9), 12, 13);
    }

    [Fact]
    public void BandMultiplier_NotPositive_Rejected()
    {
        BadInput.Rejects<double>("standardDeviations", k => BollingerBands.Compute(Prices, 20, k), BadInput.NonPositiveDoubles);
        BadInput.Rejects<double>("standardDeviations", k => _ = new BollingerBands(20, k), BadInput.NonPositiveDoubles);
    }

    [Fact]
    public void Destination_ShorterThanSource_Rejected()
    {
        var shortDest = new double[Prices.Length - 1];
        var ok = new double[Prices.Length];
        BadInput.Throws("destination", () => Sma.Compute(Prices, shortDest, 5));
        BadInput.Throws("destination", () => Ema.Compute(Prices, shortDest, 5));
        BadInput.Throws("destination", () => Rsi.Compute(Prices, shortDest, 5));
        BadInput.Throws("signal", () => Macd.Compute(Prices, ok, shortDest, ok, 3, 6, 2));
        BadInput.Throws("width", () => BollingerBands.Compute(Prices, ok, ok, ok, ok, shortDest, ok, 5, 2));
        BadInput.Throws("atr", () => Atr.Compute(Prices, Prices, Prices, ok, shortDest, ok, 5));
        BadInput.Throws("low", () => Atr.Compute(Prices, Prices.AsSpan(1), Prices, ok, ok, ok, 5));
    }

    [Fact]
    public void NonFinitePrice_Rejected_NamingTheIndex()
    {
        foreach (double bad in BadInput.NonFiniteDoubles)
        {
            foreach (int at in new[] { 0, 3, 17, 59 })
            {
                var x = (double[])Prices.Clone();
                x[at] = bad;
                var d = new double[x.Length];
                var ex = BadInput.Throws("source", () => Rsi.Compute(x, d, 14));
                Assert.Contains($"index {at}", ex.Message);
                BadInput.Throws("source", () => Ema.Compute(x, d, 5));
                BadInput.Throws("source", () => Sma.Compute(x, d, 5));
                BadInput.Throws("source", () => Macd.Compute(x));
                BadInput.Throws("source", () => BollingerBands.Compute(x));
                ex = BadInput.Throws("close", () => Atr.Compute(Prices, Prices, x));
                Assert.Contains($"index {at}", ex.Message);
                BadInput.Throws("value", () => new Rsi().Add(bad));
                BadInput.Throws("value", () => new Macd().Add(bad));
                BadInput.Throws("high", () => new Atr().Add(bad, 1, 1));
            }
        }
    }

    [Fact]
    public void EmptyAndShortSources_GiveAllNaN()
    {
        Assert.Empty(Rsi.Compute(Array.Empty<double>()));
        Assert.All(Rsi.Compute(Prices.AsSpan(0, 14)), v => Assert.True(double.IsNaN(v)));
        Assert.All(Macd.Compute(Prices.AsSpan(0, 30)).Signal, v => Assert.True(double.IsNaN(v)));
        Assert.All(BollingerBands.Compute(Prices.AsSpan(0, 19)).Upper, v => Assert.True(double.IsNaN(v)));
    }
}
