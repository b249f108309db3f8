using System.Net;
using System.Text;

namespace HedgeMath.Interactive;

/// <summary>A <see cref="ResultTable"/> as HTML, for notebooks and dashboards (pure string building).</summary>
public static class ResultTableHtml
{
    /// <summary>
    /// The table as an HTML <c>&lt;table&gt;</c>: the title as its caption, a header row, the rows (words left-aligned,
    /// numbers right-aligned, each value as <see cref="TableValue.ToString"/> shows it), then the facts in its footer
    /// (name, then the value across the other columns).
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="cssClass">The class of the <c>&lt;table&gt;</c> element.</param>
    /// <returns>An HTML fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToHtml(this ResultTable table, string cssClass = "hedgemath-table")
    {
        Guard.NotNull(table);
        cssClass ??= "hedgemath-table";
        var sb = new StringBuilder("<table class=\"").Append(WebUtility.HtmlEncode(cssClass)).Append("\">\n<caption>").Append(WebUtility.HtmlEncode(table.Title)).Append("</caption>\n<thead><tr>");
        foreach (var c in table.Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            sb.Append("<tr>");
            foreach (var v in row) Cell(sb, v);
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n");
        if (table.Facts.Length > 0)
        {
            // The facts under the rows, in the same table (one well-formed element): name, then the value across the other columns.
            sb.Append("<tfoot>\n");
            string span = table.Columns.Length > 2 ? $" colspan=\"{table.Columns.Length - 1}\"" : "";
            foreach (var f in table.Facts)
            {
                sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(f.Key)).Append("</td>");
                Cell(sb, f.Value, span);
                sb.Append("</tr>\n");
            }
            sb.Append("</tfoot>\n");
        }
        return sb.Append("</table>").ToString();
    }

    private static void Cell(StringBuilder sb, TableValue v, string span = "") =>
        sb.Append("<td").Append(span).Append(v.Kind == ValueKind.Text ? ">" : " style=\"text-align:right\">").Append(WebUtility.HtmlEncode(v.ToString())).Append("</td>");
}
