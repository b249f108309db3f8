using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>HTML renderings of Monte Carlo and replay results, for notebooks and dashboards (pure string building, no dependencies).</summary>
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
}
