using System.Net;
using System.Text;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>HTML renderings of scenario results, grids, Monte Carlo and replay results, for notebooks and dashboards (pure string building, no dependencies).</summary>
public static class ScenarioHtml
{
    /// <summary>The statistics of every strategy as an HTML table (one row per strategy, unhedged first; PnL in the quote asset).</summary>
    /// <param name="result">The Monte Carlo result.</param>
    /// <returns>An HTML <c>&lt;table&gt;</c> fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToHtml(this MonteCarloResult result)
    {
        Preconditions.NotNull(result);
        return HtmlTable.Build("hedgemath-montecarlo", null,
            ["strategy", "mean", "median", "sd", "VaR 95", "CVaR 95", "worst", "P(liq)", "P(stop)", "variance reduction"],
            result.Strategies.Select(s => (IReadOnlyList<string>)
            [
                s.Name, HtmlTable.Number(s.Mean), HtmlTable.Number(s.Median), HtmlTable.Number(s.StandardDeviation),
                HtmlTable.Number(s.ValueAtRisk95), HtmlTable.Number(s.ConditionalValueAtRisk95), HtmlTable.Number(s.Worst),
                HtmlTable.Percent(s.ProbabilityLiquidation), HtmlTable.Percent(s.ProbabilityStop), HtmlTable.Percent(s.VarianceReduction),
            ]));
    }

    /// <summary>The replay compared with holding unhedged, as an HTML table (metric, hedged, unhedged; money in the quote asset).</summary>
    /// <param name="result">The replay result.</param>
    /// <returns>An HTML <c>&lt;table&gt;</c> fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToHtml(this ReplayResult result)
    {
        Preconditions.NotNull(result);
        var r = result;
        var inv = HtmlTable.Inv;
        string[][] rows =
        [
            ["final equity", HtmlTable.Money(r.Hedged.FinalEquity), HtmlTable.Money(r.Unhedged.FinalEquity)],
            ["total return", r.Hedged.TotalReturn.ToString("0.0%", inv), r.Unhedged.TotalReturn.ToString("0.0%", inv)],
            ["max drawdown", HtmlTable.Percent(r.Hedged.MaxDrawdown), HtmlTable.Percent(r.Unhedged.MaxDrawdown)],
            ["volatility (annualised)", HtmlTable.Percent(r.Hedged.AnnualizedVolatility), HtmlTable.Percent(r.Unhedged.AnnualizedVolatility)],
            ["hedge PnL before fees and funding", HtmlTable.Money(r.FuturesPnl), "-"],
            ["funding received", HtmlTable.Money(r.TotalFunding), "-"],
            ["fees", HtmlTable.Money(r.TotalFees), "-"],
            ["trades", r.Trades.ToString(inv), "-"],
            ["liquidations", r.Liquidations.ToString(inv), "-"],
            ["stops hit", r.StopsHit.ToString(inv), "-"],
            ["days hedged", r.DaysHedged.ToString(inv), "-"],
        ];
        var caption = FormattableString.Invariant($"{r.Policy}: {r.Dates[0]:yyyy-MM-dd} .. {r.Dates[^1]:yyyy-MM-dd} ({r.Dates.Length} days), {r.SpotQuantity} spot");
        return HtmlTable.Build("hedgemath-replay", caption, ["metric", "hedged", "unhedged"], rows);
    }

    /// <summary>The scenario's table (metric, hedged, unhedged, and how the hedge ended) as an HTML <c>&lt;table&gt;</c>; <see cref="ScenarioResult.ToTable"/> is the same as text.</summary>
    /// <param name="result">The scenario result.</param>
    /// <returns>An HTML fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToHtml(this ScenarioResult result)
    {
        Preconditions.NotNull(result);
        var sb = new StringBuilder("<table class=\"hedgemath-scenario\">\n<thead><tr><th>Metric</th><th>Hedged</th><th>Unhedged</th></tr></thead>\n<tbody>\n");
        foreach (var (label, h, u) in result.Rows())
            sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(label)).Append("</td><td style=\"text-align:right\">").Append(ScenarioResult.Fmt(h))
              .Append("</td><td style=\"text-align:right\">").Append(ScenarioResult.Fmt(u)).Append("</td></tr>\n");
        sb.Append("<tr><td>Hedge exit</td><td colspan=\"2\">").Append(WebUtility.HtmlEncode(result.ExitText())).Append("</td></tr>\n</tbody>\n</table>");
        return sb.ToString();
    }

    /// <summary>Net PnL of one leverage of the grid as an HTML table (a row per price move, a column per hedge ratio); <see cref="ScenarioGrid.ToTable"/> is the same as text.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="leverage">Index into <see cref="GridSpec.Leverages"/>.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is out of range.</exception>
    public static string ToHtml(this ScenarioGrid grid, int leverage)
    {
        Preconditions.NotNull(grid);
        var (header, rows) = grid.TableCells(leverage);
        var sb = new StringBuilder("<table class=\"hedgemath-grid\">\n<thead><tr>");
        foreach (var h in header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr>");
            foreach (var v in r) sb.Append("<td style=\"text-align:right\">").Append(WebUtility.HtmlEncode(v)).Append("</td>");
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>").ToString();
    }
}
