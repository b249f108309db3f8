using HedgeMath.Market;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// <see cref="MarketHistory.RealizedVolatility"/> (issue 25, item 5: the CLI's simulate computed it itself): closes
/// 100 → 110 → 99 → 108.9 give the log returns a, b, a with a = ln 1.1, b = ln 0.9. By hand: mean m = (2a + b)/3; the
/// squared deviations sum to 2(a − b)²/3; the sample variance (n − 1 = 2) is (a − b)²/3; so σ = |a − b|/√3 per bar with
/// a − b = ln(11/9), annualized × √(bars in 365 days).
/// </summary>
public class MarketHistoryVolatilityTests
{
    private static readonly decimal[] Closes = [100m, 110m, 99m, 108.9m];

    private static MarketHistory History(TimeSpan interval, decimal[] closes)
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var candles = closes.Select((c, i) => new Candle(t0 + i * interval, interval, c, c, c, c, 1m)).ToArray();
        int prints = (int)Math.Ceiling((closes.Length * interval).TotalHours / 8) + 1;
        var funding = Enumerable.Range(0, prints).Select(j => new FundingEvent(t0.AddHours(8 * j), 0.0001m)).ToArray();
        return MarketHistory.Align(candles, candles, funding);
    }

    [Fact]
    public void Daily_IsTheSampleDeviationOfLogReturnsTimesRootOf365()
    {
        double expected = Math.Log(11d / 9d) / Math.Sqrt(3d) * Math.Sqrt(365d);
        Assert.Equal(expected, History(TimeSpan.FromDays(1), Closes).RealizedVolatility(), 12);
    }

    [Fact]
    public void Hourly_AnnualizesByTheBarsIn365Days()
    {
        double expected = Math.Log(11d / 9d) / Math.Sqrt(3d) * Math.Sqrt(365d * 24d);
        Assert.Equal(expected, History(TimeSpan.FromHours(1), Closes).RealizedVolatility(), 10);
    }

    [Fact]
    public void FewerThanThreeBars_IsAnErrorNotZeroOrNaN()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => History(TimeSpan.FromDays(1), [100m, 110m]).RealizedVolatility());
        Assert.Contains("at least 3 bars", ex.Message);
        Assert.Contains("has 2", ex.Message);
    }
}
