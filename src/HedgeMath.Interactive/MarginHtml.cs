
namespace HedgeMath.Interactive;

/// <summary>HTML renderings of margin results, for notebooks and dashboards (pure string building, no dependencies).</summary>
public static class MarginHtml
{
    /// <summary>The margin picture as a two-column HTML table (figure, value); money in <see cref="MarginSnapshot.SettlementAsset"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>An HTML <c>&lt;table&gt;</c> fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static string ToHtml(this MarginSnapshot snapshot)
    {
        Guard.NotNull(snapshot);
        var s = snapshot;
        var p = s.Position;
        var a = s.SettlementAsset;
        string[][] rows =
        [
            ["position", FormattableString.Invariant($"{p.Side} {p.Quantity} {p.Contract.Symbol} @ {p.EntryPrice} at {p.Leverage}x {p.MarginMode}")],
            ["rule", s.Rule.ToString()],
            ["mark price", HtmlTable.Price(s.MarkPrice)],
            [$"notional ({a})", HtmlTable.Money(s.Notional, a)],
            [$"initial margin ({a})", HtmlTable.Money(s.InitialMargin, a)],
            [$"maintenance margin ({a})", HtmlTable.Money(s.MaintenanceMargin, a)],
            ["tier (MMR, cum)", FormattableString.Invariant($"{s.Tier.Tier} ({s.Tier.MaintenanceMarginRate:0.####%}, {s.Tier.MaintenanceAmount:#,##0.##})")],
            [$"wallet balance ({a})", HtmlTable.Money(s.WalletBalance, a)],
            [$"unrealized PnL ({a})", HtmlTable.Money(s.UnrealizedPnl, a)],
            [$"margin balance ({a})", HtmlTable.Money(s.MarginBalance, a)],
            ["margin ratio", HtmlTable.Percent(s.MarginRatio)],
            ["liquidation price", HtmlTable.Price(s.LiquidationPrice)],
            ["bankruptcy price", HtmlTable.Price(s.BankruptcyPrice)],
            ["distance to liquidation", HtmlTable.Percent(s.DistanceToLiquidation)],
        ];
        return HtmlTable.Build("hedgemath-margin", null, ["figure", "value"], rows);
    }
}
