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
        var r = HistoricalReplay.Run(ReplayTests.Btc.Value, HedgePolicy.Static(0.5m, 1m, Stub.Contract(), rehedgeEveryDays: 30), 1m);
        var (root, series, _) = Parse(ScenarioCharts.EquityCurves(r));
        Assert.Equal(2, series.Length);
        Assert.Equal("Unhedged", series[0]);
        Assert.StartsWith("Hedged", series[1]);
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "2023");
    }

    [Fact]
    public void Histogram_HasOneSeriesPerStrategy()
    {
        var spec = MonteCarloSpec.Create(1m, 50_000m, [0.5m, 1m], 2m, Stub.Contract(), 30, 500, 1);
        var mc = MonteCarlo.Run(spec, GbmPathModel.Create(0, 0.7));
        var (_, series, markers) = Parse(ScenarioCharts.Histogram(mc));
        Assert.Equal(["unhedged", "hedge 50%", "hedge 100%"], series);
        Assert.Single(markers);
    }
}
