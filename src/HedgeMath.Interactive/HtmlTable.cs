using System.Globalization;
using System.Net;
using System.Text;

namespace HedgeMath.Interactive;

/// <summary>Builds small HTML tables for notebooks and dashboards: text is HTML-encoded, numbers right-aligned.</summary>
internal static class HtmlTable
{
    internal static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Money in a quote currency to the cent (ValueFormat's rule, the CLI's); in a coin (inverse contracts settle in BTC)
    // with 2 to 8 decimals, trailing zeros dropped past the second.
    internal static string Money(decimal v, string asset = "USDT") =>
        ValueFormat.IsCents(asset) ? ValueFormat.Number(v, 2) : v.ToString("#,##0.00######", Inv);

    internal static string Money(decimal? v, string asset = "USDT") => v is { } d ? Money(d, asset) : "-";

    // Prices to the cent; below 100 (altcoins) with up to 8 decimals.
    internal static string Price(decimal? v) => v is { } d ? d.ToString(Math.Abs(d) >= 100m ? "#,##0.00" : "#,##0.00######", Inv) : "-";

    // Percentages by ValueFormat's rule (the CLI's: "9.56 %"); a double that is not finite (or beyond decimal) has no
    // figure to show ("-", never "NaN" or "∞").
    internal static string Percent(double v) => TableValue.Percent(v).ToString();

    internal static string Percent(decimal? v) => TableValue.Percent(v).ToString();

    internal static string Number(double v, string format = "#,##0.00") => !double.IsFinite(v) ? "-" : v.ToString(format, Inv);

    /// <summary>A table with a header row; the first column is left-aligned, the others right-aligned.</summary>
    internal static string Build(string cssClass, string? caption, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder("<table class=\"").Append(cssClass).Append("\">\n");
        if (caption is not null) sb.Append("<caption>").Append(WebUtility.HtmlEncode(caption)).Append("</caption>\n");
        sb.Append("<thead><tr>");
        foreach (var h in header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (int c = 0; c < row.Count; c++)
            {
                sb.Append(c == 0 ? "<td>" : "<td style=\"text-align:right\">").Append(WebUtility.HtmlEncode(row[c])).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>").ToString();
    }
}
