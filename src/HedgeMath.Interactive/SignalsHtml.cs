
namespace HedgeMath.Interactive;

/// <summary>HTML renderings of signal results, for notebooks and dashboards (pure string building, no dependencies).</summary>
public static class SignalsHtml
{
    /// <summary>One bar's readings, active and fired signals and confluence as a two-column HTML table (reading, value).</summary>
    /// <param name="set">The signal set of one bar.</param>
    /// <returns>An HTML <c>&lt;table&gt;</c> fragment; text is HTML-encoded; a reading in warm-up shows as "-".</returns>
    public static string ToHtml(this SignalSet set)
    {
        var c = set.Confluence;
        string Names(SignalKinds k) => k == SignalKinds.None ? "-" : string.Join(", ", SignalNames.Names(k));
        string[][] rows =
        [
            ["date", set.Date is { } d ? d.ToString("yyyy-MM-dd", HtmlTable.Inv) : set.Index.ToString(HtmlTable.Inv)],
            ["close", HtmlTable.Number(set.Close)],
            ["RSI", HtmlTable.Number(set.Rsi, "0.0")],
            ["MACD line / signal / histogram", $"{HtmlTable.Number(set.MacdLine)} / {HtmlTable.Number(set.MacdSignal)} / {HtmlTable.Number(set.MacdHistogram)}"],
            ["Bollinger lower / middle / upper", $"{HtmlTable.Number(set.LowerBand)} / {HtmlTable.Number(set.MiddleBand)} / {HtmlTable.Number(set.UpperBand)}"],
            ["%B / width", $"{HtmlTable.Number(set.PercentB, "0.000")} / {HtmlTable.Number(set.BandWidth, "0.000")}"],
            ["active", Names(set.Active)],
            ["fired on this bar", Names(set.Fired)],
            ["votes bearish / bullish", FormattableString.Invariant($"{c.BearishCount} / {c.BullishCount}")],
            ["suggested action", FormattableString.Invariant($"{c.Action} {c.Amount:0.##}") + (c.SqueezeWarning ? " (squeeze)" : "")],
        ];
        return HtmlTable.Build("hedgemath-signals", null, ["reading", "value"], rows);
    }
}
