
namespace HedgeMath.Interactive;

/// <summary>HTML renderings of hedging results, for notebooks and dashboards (pure string building, no dependencies).</summary>
public static class HedgingHtml
{
    /// <summary>
    /// The plan as HTML: a table of what follows from it (size, notional, margin, liquidation, fees, funding,
    /// protection, stop) and a table of its warnings (code and message), when it has any.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <returns>An HTML fragment of one or two <c>&lt;table&gt;</c> elements; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static string ToHtml(this HedgePlan plan)
    {
        Guard.NotNull(plan);
        var a = plan.SettlementAsset;
        var h = plan.Holding;
        string[][] rows =
        [
            ["holding", FormattableString.Invariant($"{h.Quantity} {h.Asset} @ {h.AverageCost} {h.QuoteAsset}")],
            ["hedge", FormattableString.Invariant($"short {plan.Quantity} {plan.Contract.Symbol} at {plan.Leverage}x, ratio {plan.HedgeRatio}")],
            ["decision / futures price", FormattableString.Invariant($"{HtmlTable.Price(plan.DecisionPrice)} / {HtmlTable.Price(plan.FuturesPrice)}")],
            [$"hedged value ({h.QuoteAsset})", HtmlTable.Money(plan.HedgedValue, h.QuoteAsset)],
            [$"notional ({a})", HtmlTable.Money(plan.Notional, a)],
            [$"initial margin ({a})", HtmlTable.Money(plan.InitialMargin, a)],
            [$"maintenance margin ({a})", HtmlTable.Money(plan.MaintenanceMargin, a)],
            ["liquidation price", HtmlTable.Price(plan.LiquidationPrice)],
            ["stop price", HtmlTable.Price(plan.StopPrice)],
            [$"loss at stop ({a})", HtmlTable.Money(plan.LossAtStop, a)],
            [$"fees open + close ({a})", HtmlTable.Money(plan.RoundTripFees, a)],
            [$"funding per day ({a}, + received)", HtmlTable.Money(plan.FundingPerDay, a)],
            [FormattableString.Invariant($"protection on a {plan.Options.ProtectionMove:0.##%} fall ({a})"), HtmlTable.Money(plan.ProtectionAtMove, a)],
        ];
        var html = HtmlTable.Build("hedgemath-plan", null, ["figure", "value"], rows);
        if (plan.Warnings.Length == 0) return html + "\n<p>No warnings.</p>";
        return html + "\n" + HtmlTable.Build("hedgemath-warnings", "Warnings", ["code", "message"],
            plan.Warnings.Select(w => (IReadOnlyList<string>)[w.Code.ToString(), w.Message]));
    }
}
