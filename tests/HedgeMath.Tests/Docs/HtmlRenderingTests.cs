using System.Xml.Linq;
using HedgeMath.Hedging;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Docs;

/// <summary>The ToHtml renderings the notebooks display: well-formed, encoded, and showing the library's figures.</summary>
public class HtmlRenderingTests
{
    // Parses the fragment as XML (it must be well-formed: every tag closed, text encoded) and returns its cells.
    private static List<string> Cells(string html) =>
        XElement.Parse("<div>" + html + "</div>").Descendants().Where(e => e.Name == "td" || e.Name == "th").Select(e => e.Value).ToList();

    private static HedgePlan WorkedExample() => HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m);

    [Fact]
    public void HedgePlanToHtml_WorkedExample_ShowsMarginLiquidationAndWarnings()
    {
        // A quote asset with markup in it: the table escapes what it shows (the plan's rules are on its definition now, issue 28).
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m, "<rsi & oversold>"), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m);
        var html = plan.ToHtml();
        var cells = Cells(html);
        // Hand calculation (docs/hedging.md): notional 0.5 × 50,000 = 25,000; initial margin 25,000 / 10 = 2,500;
        // liquidation 27,500 / 0.502 = 54,780.88 on the tick.
        Assert.Contains("25,000.00", cells);
        Assert.Contains("2,500.00", cells);
        Assert.Contains("54,780.88", cells);
        Assert.Contains(nameof(HedgeWarningCode.LeverageAboveCap), cells);
        Assert.Contains(nameof(HedgeWarningCode.NoStop), cells);
        Assert.DoesNotContain("<rsi", html);
        Assert.Contains(cells, c => c.Contains("<rsi & oversold>", StringComparison.Ordinal));
    }

    [Fact]
    public void MarginSnapshotToHtml_WorkedExample_ShowsTierAndLiquidation()
    {
        var cells = Cells(WorkedExample().Margin.ToHtml());
        Assert.Contains("2,500.00", cells);
        Assert.Contains("100.00", cells); // tier 1: 25,000 × 0.4 % − 0
        Assert.Contains("54,780.88", cells);
    }

    [Fact]
    public void MonteCarloToHtml_OneRowPerStrategy()
    {
        var spec = MonteCarloSpec.Create(1m, 50_000m, [0m, 0.5m], 3m, HedgeMath.Tests.Scenarios.Stub.Contract(feeRate: 0.0005m), 30, 200, 7, 0.2m);
        var result = MonteCarlo.Run(spec, PricePathModel.Gbm(0.0, 0.6, [0.0001]));
        var rows = XElement.Parse("<div>" + result.ToHtml() + "</div>").Descendants("tbody").Single().Elements("tr").ToList();
        Assert.Equal(result.Strategies.Length, rows.Count);
        Assert.Equal("unhedged", rows[0].Elements("td").First().Value);
    }

    [Fact]
    public void ReplayToHtml_ShowsFinalEquityOfBothCurves()
    {
        var h = ReplayTests.Btc.Value;
        var r = HedgeMath.Tests.Scenarios.ReplayTests.Static(h, 0.5m, 1m, HedgeMath.Tests.Scenarios.Stub.Contract(feeRate: 0.0005m), rehedgeEveryDays: 30);
        var cells = Cells(r.ToHtml());
        // The unhedged final equity is the last spot close of the window: 62,887.88 (docs/scenarios.md).
        Assert.Contains("62,887.88", cells);
        Assert.Contains("Final equity (USDT)", cells);   // the row the CLI prints (ResultTables.Replay)
    }

    [Fact]
    public void SignalSetToHtml_ShowsReadingsAndAction()
    {
        var closes = Enumerable.Range(0, 60).Select(i => 100.0 + i).ToArray(); // a steady rise: RSI 100 (no losses)
        var set = SignalSeries.FromCloses(closes).Latest;
        var cells = Cells(set.ToHtml());
        Assert.Contains("100.0", cells);
        Assert.Contains(cells, c => c.Contains("rsi-overbought", StringComparison.Ordinal));
    }
}
