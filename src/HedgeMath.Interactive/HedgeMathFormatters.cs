using Microsoft.DotNet.Interactive.Formatting;

namespace HedgeMath.Interactive;

/// <summary>
/// Registers rich HTML displays of HedgeMath results with the .NET Interactive kernel, so a notebook cell that ends in
/// a plan, a margin snapshot, a scenario result or grid, a Monte Carlo or replay result, or a signal set shows a table
/// and a chart with no <c>ToHtml</c> call.
/// </summary>
/// <remarks>
/// A notebook that references the package (<c>#r "nuget: HedgeMath.Interactive"</c>) runs <see cref="Register"/>
/// through the package's kernel extension; call it yourself when the assembly is referenced another way.
/// The tables are the <c>ToHtml</c> extension methods of this package (the result tables are <see cref="ResultTables"/>,
/// the rows the <c>hedgemath</c> CLI prints) and the charts are <see cref="ScenarioPlots"/>: interactive Plotly.NET
/// charts of the same series as the static SVG of <see cref="ScenarioCharts"/> the CLI writes with <c>--svg</c>. Thread-safe; registering twice is harmless.
/// </remarks>
public static class HedgeMathFormatters
{
    private static readonly object Gate = new();

    /// <summary>Registers the HTML formatters (idempotent).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            Formatter.Register<HedgePlan>((plan, writer) => writer.Write(Html(plan)), HtmlFormatter.MimeType);
            Formatter.Register<MarginSnapshot>((snapshot, writer) => writer.Write(Html(snapshot)), HtmlFormatter.MimeType);
            Formatter.Register<ScenarioResult>((result, writer) => writer.Write(result.ToHtml()), HtmlFormatter.MimeType);
            Formatter.Register<ScenarioGrid>((grid, writer) => writer.Write(Html(grid)), HtmlFormatter.MimeType);
            Formatter.Register<MonteCarloResult>((result, writer) => writer.Write(Html(result)), HtmlFormatter.MimeType);
            Formatter.Register<ReplayResult>((result, writer) => writer.Write(Html(result)), HtmlFormatter.MimeType);
            Formatter.Register<SignalSet>((set, writer) => writer.Write(set.ToHtml()), HtmlFormatter.MimeType);
            // A chart of ScenarioPlots: interactive, as Plotly.NET.Interactive's own kernel extension shows it (the same HTML).
            Formatter.Register<Plotly.NET.GenericChart>((chart, writer) => writer.Write(ScenarioPlots.Html(chart)), HtmlFormatter.MimeType);
            foreach (var t in new[] { typeof(Plotly.NET.GenericChart), typeof(HedgePlan), typeof(MarginSnapshot), typeof(ScenarioResult), typeof(ScenarioGrid), typeof(MonteCarloResult), typeof(ReplayResult), typeof(SignalSet) })
                Formatter.SetPreferredMimeTypesFor(t, HtmlFormatter.MimeType);
        }
    }

    /// <summary>
    /// A plan: its figures and warnings, then its payoff chart (hedged vs unhedged from half to one and a half times the
    /// decision price). A plan the scenarios do not model (a cross-hedge, a futures price apart from the decision price)
    /// gets its table and a note saying why there is no chart.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static string Html(HedgePlan plan)
    {
        Guard.NotNull(plan);
        string? skip = plan.IsCrossHedge ? "it is a cross-hedge, and the scenarios do not model a cross-hedge's basis"
            : plan.FuturesPrice != plan.DecisionPrice ? "its futures price differs from its decision price, and the scenarios start without basis"
            : plan.DecisionPrice > decimal.MaxValue / 1.5m ? "its decision price is too large to chart up to 1.5 times"
            : null;
        if (skip is not null) return Div(plan.ToHtml() + "\n" + NoChart("payoff", skip));
        return Div(plan.ToHtml() + "\n" + Chart("payoff", () => ScenarioPlots.Html(ScenarioPlots.Payoff(ScenarioSetup.FromPlan(plan), plan.DecisionPrice * 0.5m, plan.DecisionPrice * 1.5m,
            funding: FundingTerms.Constant(plan.Options.FundingRatePerInterval, plan.Options.HoldingPeriodDays)))));
    }

    /// <summary>A margin snapshot: its figures, then (isolated margin) margin balance against maintenance margin across mark prices.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static string Html(MarginSnapshot snapshot)
    {
        Guard.NotNull(snapshot);
        return Div(snapshot.ToHtml() + (snapshot.Position.MarginMode == MarginMode.Isolated ? "\n" + Chart("margin", () => ScenarioPlots.Html(ScenarioPlots.MarginCurve(snapshot))) : ""));
    }

    /// <summary>A grid: the net PnL table of each leverage, then the chart of the first.</summary>
    /// <param name="grid">The grid.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is null.</exception>
    public static string Html(ScenarioGrid grid)
    {
        Guard.NotNull(grid);
        var tables = Enumerable.Range(0, grid.Leverages.Length).Select(l => grid.ToHtml(l));
        return Div(string.Join("\n", tables) + "\n" + ScenarioPlots.Html(ScenarioPlots.Grid(grid, 0)));
    }

    /// <summary>A Monte Carlo result: the statistics table, then the PnL histogram.</summary>
    /// <param name="result">The result.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Html(MonteCarloResult result)
    {
        Guard.NotNull(result);
        return Div(result.ToHtml() + "\n" + ScenarioPlots.Html(ScenarioPlots.Histogram(result)));
    }

    /// <summary>A replay: hedged against unhedged, then the equity curves.</summary>
    /// <param name="result">The result.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string Html(ReplayResult result)
    {
        Guard.NotNull(result);
        return Div(result.ToHtml() + "\n" + ScenarioPlots.Html(ScenarioPlots.EquityCurves([result])));
    }

    // A chart that does not apply to a valid result (the chart rejects it) is left out with a note: display(x) always shows the table.
    private static string Chart(string name, Func<string> draw)
    {
        try { return draw(); }
        catch (ArgumentException e) { return NoChart(name, System.Net.WebUtility.HtmlEncode(e.Message.TrimEnd('.'))); }
    }

    private static string NoChart(string name, string why) => $"<p class=\"hedgemath-note\">No {name} chart: {why}.</p>";

    private static string Div(string inner) => "<div class=\"hedgemath\">\n" + inner + "\n</div>";
}
