using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Scenarios;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace HedgeMath.Tests.Interactive;

/// <summary>
/// The one table model the CLI and the notebooks render (issue 25): the rows and kinds of each result, the one text rule
/// for numbers (<see cref="ValueFormat"/>), and the interactive charts. Expected values are worked out by hand.
/// </summary>
public class ResultTablesTests
{
    // Stub contract: one tier, MMR 0.4 %, tick 0.01, taker fee 0.05 %.
    private static Contract Stub5 => Stub.Contract(feeRate: 0.0005m);

    [Fact]
    public void ValueFormat_IsTheIssue22Rule()
    {
        Assert.Equal("9.56 %", ValueFormat.Percent(0.0956m));
        Assert.Equal("0.0125 %", ValueFormat.Percent(0.000125m, 4));      // a rate: up to four decimals
        Assert.Equal("0.05 %", ValueFormat.Percent(0.0005m, 4));          // trailing zeros past the second dropped
        // (2,500 + 25,000) / 0.502 = 54,780.876...: a liquidation price truncated to the 0.01 tick, as exchanges display it.
        Assert.Equal("54,780.87", ValueFormat.Number(27_500m / 0.502m, 2, 0.01m, MidpointRounding.ToZero));
        Assert.Equal("54,780.88", ValueFormat.Number(27_500m / 0.502m, 2, 0.01m));
        // To a tick of 0.5: 54,780.8 / 0.5 = 109,561.6 → 109,562 ticks = 54,781.0.
        Assert.Equal("54,781.0", ValueFormat.Number(54_780.8m, ValueFormat.PlacesOf(0.5m), 0.5m));
        Assert.Equal("0.5", ValueFormat.Number(0.5m, 8, upTo: true));
        Assert.Equal(2, ValueFormat.MoneyPlaces("USDT"));
        Assert.Equal(2, ValueFormat.MoneyPlaces(null));
        Assert.Equal(8, ValueFormat.MoneyPlaces("BTC"));
        Assert.Equal(3, ValueFormat.PlacesOf(0.001m));
        Assert.Equal(0, ValueFormat.PlacesOf(1m));
        Assert.Equal(8, ValueFormat.PlacesOf(0m));
        Assert.Equal("places", Assert.Throws<ArgumentOutOfRangeException>(() => ValueFormat.Percent(0.1m, 1)).ParamName);
        Assert.Equal("places", Assert.Throws<ArgumentOutOfRangeException>(() => ValueFormat.Number(1m, 29)).ParamName);
    }

    [Fact]
    public void TableValue_ShowsByItsKind_AndKeepsTheNumber()
    {
        Assert.Equal("1,234.50", TableValue.Money(1_234.5m, "USDT").ToString());
        Assert.Equal("0.50000000", TableValue.Money(0.5m, "BTC").ToString());   // a coin to the satoshi
        Assert.Equal("1,234", TableValue.Count(1_234).ToString());
        Assert.Equal("-", TableValue.Price(null, 0.1m).ToString());
        Assert.Equal("-10.00 L", (TableValue.Money(-10m, "USDT") with { Marker = "L" }).ToString());
        Assert.Equal("12.35 %", TableValue.Percent(0.12345).ToString());
        Assert.Equal(0.12345, TableValue.Percent(0.12345).Raw);              // the statistic as computed, for JSON
        var nan = TableValue.Money(double.NaN, "USDT");
        Assert.Null(nan.Number);
        Assert.Null(nan.Raw);
        Assert.Equal("-", nan.ToString());
        Assert.Equal("0.123", TableValue.Quantity(0.1234m, 0.001m).ToString()); // to the lot step
    }

    [Fact]
    public void ResultTable_RejectsARowOfTheWrongWidth()
    {
        var e = Assert.Throws<ArgumentException>(() => new ResultTable("t", ["a", "b"], [[TableValue.Count(1)]]));
        Assert.Equal("rows", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => new ResultTable(null!, ["a"], []));
    }

    [Fact]
    public void Scenario_RowsAndFacts_ByHand()
    {
        // 1 BTC at 50,000, short 0.5 at 10x on the stub, to 40,000 with no funding: spot 1 × (40,000 − 50,000) = −10,000;
        // the short 0.5 × 10,000 = +5,000; fees 0.05 % of 25,000 (open) + 20,000 (close) = 22.50; net −5,022.50.
        var setup = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 10m, Stub5);
        var t = ResultTables.Scenario(setup.AtPrice(40_000m), Stub5);
        Assert.Equal(["metric", "hedged", "unhedged"], t.Columns.ToArray());
        Assert.Equal(13, t.Rows.Length);
        TableValue Cell(string label, int col) => t.Rows.Single(r => r[0].Text == label)[col];
        Assert.Equal(-10_000m, Cell("Spot PnL (vs decision)", 1).Number);
        Assert.Equal(5_000m, Cell("Futures PnL", 1).Number);
        Assert.Null(Cell("Futures PnL", 2).Number);                          // not applicable unhedged
        Assert.Equal("-22.50", Cell("Fees", 1).ToString());
        Assert.Equal("-5,022.50", Cell("Net PnL (vs decision)", 1).ToString());
        Assert.Equal(ValueKind.Price, Cell("Liquidation price", 1).Kind);
        Assert.Equal(0.01m, Cell("Liquidation price", 1).Step);
        Assert.Equal("USDT", Cell("Fees", 1).Unit);
        Assert.Equal("open", t.Facts.Single(f => f.Key == "Hedge exit").Value.Text);
        Assert.Null(t.Facts.Single(f => f.Key == "Exit price").Value.Number);
        Assert.DoesNotContain(t.Facts, f => f.Key.StartsWith("Hedge net in", StringComparison.Ordinal)); // settles in USDT, the quote
    }

    [Fact]
    public void Grid_RowsAndMarks_ByHand()
    {
        var grid = ScenarioGrid.Create(1m, 50_000m, 50_000m, [-0.2m, 0m, 0.2m], [0m, 0.5m], [3m], Stub5, FundingTerms.Constant(0m, 30m));
        var t = ResultTables.Grid(grid, 0);
        Assert.Equal("Net PnL at 3x (USDT)", t.Title);
        Assert.Equal(["move", "price", "unhedged", "h=0", "h=0.5"], t.Columns.ToArray());
        Assert.Equal("-20%", t.Rows[0][0].Text);
        Assert.Equal("40,000.00", t.Rows[0][1].ToString());
        Assert.Equal(-10_000m, t.Rows[0][2].Number);
        Assert.Equal(-5_022.50m, t.Rows[0][4].Number);                       // as in the scenario above (funding 0)
        Assert.Null(t.Rows[0][4].Marker);
        Assert.Equal("leverage", Assert.Throws<ArgumentOutOfRangeException>(() => ResultTables.Grid(grid, 1)).ParamName);
    }

    [Fact]
    public void MonteCarlo_OneRowPerStrategy_UnhedgedFirst()
    {
        var returns = Enumerable.Range(0, 20).Select(i => (i - 10) / 100.0).ToArray();
        var r = MonteCarlo.Run(MonteCarloSpec.Create(1m, 50_000m, [0.5m, 1m], 2m, Stub5, 5, 200, 7), PricePathModel.Bootstrap(returns, [], 1));
        var t = ResultTables.MonteCarlo(r);
        Assert.Equal(3, t.Rows.Length);
        Assert.Equal("unhedged", t.Rows[0][0].Text);
        Assert.Equal(10, t.Columns.Length);
        Assert.Equal(r.Strategies[1].Mean, t.Rows[1][1].Raw);               // the statistic unrounded, for --json
        Assert.Equal(ValueKind.Percent, t.Rows[2][9].Kind);
    }

    [Fact]
    public void Html_OfATable_IsOneWellFormedTable()
    {
        var t = new ResultTable("T & co", ["name", "value"], [[TableValue.Words("a<b"), TableValue.Money(1_000m, "USDT")]], [new("fact", TableValue.Percent(0.5m))]);
        var html = t.ToHtml();
        System.Xml.Linq.XElement.Parse(html);
        Assert.Contains("<caption>T &amp; co</caption>", html);
        Assert.Contains("<td>a&lt;b</td><td style=\"text-align:right\">1,000.00</td>", html);
        Assert.Contains("<tfoot>\n<tr><td>fact</td><td style=\"text-align:right\">50.00 %</td></tr>", html);
    }

    [Fact]
    public void ScenarioPlots_AreTheSvgChartsSeries_Interactive()
    {
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m);
        var chart = ScenarioPlots.Payoff(ScenarioSetup.FromPlan(plan), 25_000m, 75_000m);
        Assert.Equal(4, GenericChart.countTrace(chart));                      // unhedged, spot leg, futures hedge, combined
        var json = GenericChart.toJson(chart);
        Assert.Contains("Combined (hedged)", json);
        Assert.Contains("Liquidation 54.8k", json);                           // the marker: 54,780.88 compact
        Assert.Contains("Plotly.newPlot", ScenarioPlots.Html(chart));
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioPlots.Payoff(ScenarioSetup.FromPlan(plan), 1m, 2m, 1)).ParamName);
    }
}
