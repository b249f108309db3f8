using System.Xml.Linq;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

public class ScenarioChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static (XElement Root, string[] Series, string[] Markers) Parse(string svg)
    {
        var root = XElement.Parse(svg);
        Assert.Equal(Svg + "svg", root.Name);
        var series = root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string)g.Attribute("data-series")!).ToArray();
        var markers = root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "marker").Select(g => (string)g.Attribute("data-marker")!).ToArray();
        foreach (var g in root.Descendants(Svg + "polyline"))
            Assert.True(((string)g.Attribute("points")!).Trim().Split(' ').Length >= 2);
        return (root, series, markers);
    }

    [Fact]
    public void Payoff_HasAllLinesAndMarkers()
    {
        var setup = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 10m, Stub.Contract(feeRate: 0.0005m), stopPrice: 53_000m);
        var (root, series, markers) = Parse(ScenarioCharts.Payoff(setup, 25_000m, 75_000m));
        Assert.Equal(["Unhedged", "Spot leg", "Futures hedge (after fees, funding)", "Combined (hedged)"], series);
        Assert.Contains(markers, m => m.StartsWith("Liquidation", StringComparison.Ordinal));
        Assert.Contains(markers, m => m.StartsWith("Stop", StringComparison.Ordinal));
        Assert.Contains(markers, m => m.StartsWith("Decision", StringComparison.Ordinal));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value.Contains("PnL", StringComparison.Ordinal));
        Assert.Contains(root.Descendants(Svg + "g"), g => (string?)g.Attribute("class") == "legend");
    }

    [Fact]
    public void EquityCurves_HasHedgedAndUnhedged()
    {
        var r = ReplayTests.Static(ReplayTests.Btc.Value, 0.5m, 1m, Stub.Contract(), rehedgeEveryDays: 30);
        var (root, series, _) = Parse(ScenarioCharts.EquityCurves(r));
        Assert.Equal(2, series.Length);
        Assert.Equal("Unhedged", series[0]);
        Assert.StartsWith("Hedged", series[1]);
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "2023");
    }

    [Fact]
    public void EquityCurves_IntradayBars_TimesOnTheAxis_NoRepeatedYearTicks()
    {
        // Six 8-hour bars from 2026-01-01 00:00 UTC: three of them fall on 1 January, which used to give three "2026" ticks.
        var h8 = TimeSpan.FromHours(8);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        System.Collections.Immutable.ImmutableArray<HedgeMath.Market.Candle> Bars(decimal offset) =>
            [.. Enumerable.Range(0, 6).Select(i => new HedgeMath.Market.Candle(start + i * h8, h8, 100m + i + offset, 102m + i + offset, 99m + i + offset, 101m + i + offset, 1m))];
        var history = MarketHistory.Align(Bars(0m), Bars(1m), [.. Enumerable.Range(0, 6).Select(i => new HedgeMath.Market.FundingEvent(start + i * h8, 0.0001m))]);
        var r = ReplayTests.Static(history, 0.5m, 1m, Stub.Contract());
        var (root, series, _) = Parse(ScenarioCharts.EquityCurves(r));
        Assert.Equal(2, series.Length);
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToArray();
        Assert.DoesNotContain("2026", texts);
        Assert.Contains(texts, t => t.Contains("2026-01-01 00:00 .. 2026-01-02 16:00 UTC", StringComparison.Ordinal)); // title
        Assert.Contains(texts, t => t.Length == 16 && t.StartsWith("2026-01-0", StringComparison.Ordinal) && t[13] == ':'); // a bar's time
        // Replays over different bars cannot share a chart.
        var daily = ReplayTests.Static(ReplayTests.Btc.Value, 0.5m, 1m, Stub.Contract(), rehedgeEveryDays: 30);
        Assert.Equal("results", Assert.Throws<ArgumentException>(() => ScenarioCharts.EquityCurves([r, daily])).ParamName);
    }

    [Fact]
    public void Histogram_HasOneSeriesPerStrategy()
    {
        var spec = MonteCarloSpec.Create(1m, 50_000m, [0.5m, 1m], 2m, Stub.Contract(), 30, 500, 1);
        var mc = MonteCarlo.Run(spec, PricePathModel.Gbm(0, 0.7));
        var (_, series, markers) = Parse(ScenarioCharts.Histogram(mc));
        Assert.Equal(["unhedged", "hedge 50%", "hedge 100%"], series);
        Assert.Single(markers);
    }
}
