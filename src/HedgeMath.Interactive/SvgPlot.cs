using System.Globalization;
using System.Net;
using System.Text;

namespace HedgeMath.Interactive;

/// <summary>
/// A line/step chart as data (title, axis titles, series, vertical markers), rendered two ways: a minimal
/// dependency-free SVG document (<see cref="Render"/>: axes with round ticks, series, markers, legend; the README and
/// the CLI's <c>--svg</c>) and an interactive Plotly.NET chart (<see cref="ToPlotly"/>: the notebooks).
/// </summary>
internal sealed partial class SvgPlot
{
    private const double W = 900, H = 500, Left = 90, Right = 30, Top = 50, Bottom = 70;
    private readonly List<(string Name, string Color, string? Dash, double Width, double[] X, double[] Y)> _series = [];
    private readonly List<(string Name, string Color, double X)> _markers = [];
    private readonly string _title, _xTitle, _yTitle;

    public SvgPlot(string title, string xTitle, string yTitle) { _title = title; _xTitle = xTitle; _yTitle = yTitle; }

    public Func<double, string> XLabel { get; init; } = v => Compact(v);
    public Func<double, string> YLabel { get; init; } = v => Compact(v);
    /// <summary>Optional explicit x ticks (e.g. year starts for dates).</summary>
    public IReadOnlyList<double>? XTicks { get; init; }
    /// <summary>Put the legend in the top-right corner instead of the top-left.</summary>
    public bool LegendRight { get; init; }
    /// <summary>The UTC time of each x index (a time series drawn against bar indices): the interactive chart uses a date axis.</summary>
    public IReadOnlyList<DateTimeOffset>? XTimes { get; init; }
    /// <summary>The y values are shares (0.25 = 25 %): the interactive chart's y axis shows percentages.</summary>
    public bool YPercent { get; init; }

    public SvgPlot Line(string name, string color, double[] x, double[] y, string? dash = null, double width = 2)
    {
        _series.Add((name, color, dash, width, x, y));
        return this;
    }

    public SvgPlot Marker(string name, string color, double x)
    {
        _markers.Add((name, color, x));
        return this;
    }

    public string Render()
    {
        double xmin = double.PositiveInfinity, xmax = double.NegativeInfinity, ymin = double.PositiveInfinity, ymax = double.NegativeInfinity;
        foreach (var s in _series)
            for (int i = 0; i < s.X.Length; i++)
            {
                if (!double.IsFinite(s.Y[i])) continue;
                xmin = Math.Min(xmin, s.X[i]); xmax = Math.Max(xmax, s.X[i]);
                ymin = Math.Min(ymin, s.Y[i]); ymax = Math.Max(ymax, s.Y[i]);
            }
        if (!double.IsFinite(xmin)) { xmin = 0; xmax = 1; ymin = 0; ymax = 1; }
        if (xmax == xmin) { xmin -= 1; xmax += 1; }
        if (ymax == ymin) { ymin -= 1; ymax += 1; }
        var yTicks = NiceTicks(ymin, ymax, 8);
        ymin = Math.Min(ymin, yTicks[0]); ymax = Math.Max(ymax, yTicks[^1]);
        var xTicks = XTicks ?? NiceTicks(xmin, xmax, 10);
        double pw = W - Left - Right, ph = H - Top - Bottom;
        double Px(double x) => Left + (x - xmin) / (xmax - xmin) * pw;
        double Py(double y) => Top + (ymax - y) / (ymax - ymin) * ph;

        var sb = new StringBuilder();
        sb.Append(FormattableString.Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n"));
        sb.Append("<title>").Append(Esc(_title)).Append("</title>\n");
        sb.Append(FormattableString.Invariant($"<rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{H}\" fill=\"#ffffff\"/>\n"));
        sb.Append(FormattableString.Invariant($"<text x=\"{W / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{Esc(_title)}</text>\n"));
        // grid and tick labels
        sb.Append("<g class=\"axis y\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n");
        foreach (var t in yTicks)
        {
            if (t < ymin || t > ymax) continue;
            sb.Append(FormattableString.Invariant($"<line x1=\"{Left:F1}\" y1=\"{Py(t):F1}\" x2=\"{W - Right:F1}\" y2=\"{Py(t):F1}\"/>\n"));
            sb.Append(FormattableString.Invariant($"<text x=\"{Left - 8:F1}\" y=\"{Py(t) + 4:F1}\" text-anchor=\"end\" stroke=\"none\" fill=\"#333\">{Esc(YLabel(t))}</text>\n"));
        }
        sb.Append("</g>\n<g class=\"axis x\" stroke=\"#e3e3e3\" stroke-width=\"1\">\n");
        foreach (var t in xTicks)
        {
            if (t < xmin || t > xmax) continue;
            sb.Append(FormattableString.Invariant($"<line x1=\"{Px(t):F1}\" y1=\"{Top:F1}\" x2=\"{Px(t):F1}\" y2=\"{H - Bottom:F1}\"/>\n"));
            sb.Append(FormattableString.Invariant($"<text x=\"{Px(t):F1}\" y=\"{H - Bottom + 18:F1}\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333\">{Esc(XLabel(t))}</text>\n"));
        }
        sb.Append("</g>\n");
        if (ymin < 0 && ymax > 0)
            sb.Append(FormattableString.Invariant($"<line class=\"zero\" x1=\"{Left:F1}\" y1=\"{Py(0):F1}\" x2=\"{W - Right:F1}\" y2=\"{Py(0):F1}\" stroke=\"#888\" stroke-width=\"1\"/>\n"));
        sb.Append(FormattableString.Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#555\"/>\n"));
        sb.Append(FormattableString.Invariant($"<text x=\"{Left + pw / 2:F1}\" y=\"{H - 22}\" text-anchor=\"middle\">{Esc(_xTitle)}</text>\n"));
        sb.Append(FormattableString.Invariant($"<text x=\"22\" y=\"{Top + ph / 2:F1}\" text-anchor=\"middle\" transform=\"rotate(-90 22 {Top + ph / 2:F1})\">{Esc(_yTitle)}</text>\n"));
        // series
        foreach (var s in _series)
        {
            sb.Append("<g class=\"series\" data-series=\"").Append(Esc(s.Name)).Append("\">\n<polyline fill=\"none\" stroke=\"").Append(s.Color)
              .Append(FormattableString.Invariant($"\" stroke-width=\"{s.Width}\""));
            if (s.Dash is not null) sb.Append(" stroke-dasharray=\"").Append(s.Dash).Append('"');
            sb.Append(" points=\"");
            for (int i = 0; i < s.X.Length; i++)
            {
                if (!double.IsFinite(s.Y[i])) continue;
                sb.Append(FormattableString.Invariant($"{Px(s.X[i]):F1},{Py(s.Y[i]):F1} "));
            }
            sb.Append("\"/>\n</g>\n");
        }
        int markerIndex = 0;
        foreach (var m in _markers)
        {
            if (m.X < xmin || m.X > xmax) continue;
            double labelY = Top + 14 + 16 * markerIndex++;
            sb.Append("<g class=\"marker\" data-marker=\"").Append(Esc(m.Name)).Append("\">\n");
            sb.Append(FormattableString.Invariant($"<line x1=\"{Px(m.X):F1}\" y1=\"{Top:F1}\" x2=\"{Px(m.X):F1}\" y2=\"{H - Bottom:F1}\" stroke=\"{m.Color}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"));
            sb.Append(FormattableString.Invariant($"<text x=\"{Px(m.X) + 4:F1}\" y=\"{labelY:F1}\" fill=\"{m.Color}\" font-size=\"12\">{Esc(m.Name)}</text>\n</g>\n"));
        }
        AppendLegend(sb);
        sb.Append("</g>\n</svg>\n");
        return sb.ToString();
    }

    /// <summary>The legend box: one line per series and marker (markers dashed), top left or top right.</summary>
    private void AppendLegend(StringBuilder sb)
    {
        var entries = _series.Select(s => (s.Name, s.Color, s.Dash)).Concat(_markers.Select(m => (m.Name, m.Color, Dash: (string?)"6 4"))).ToList();
        double lw = 24 + entries.Max(e => e.Name.Length) * 7.2 + 16;
        double ly = Top + 10, lx = LegendRight ? W - Right - lw - 6 : Left + 12;
        sb.Append(FormattableString.Invariant($"<g class=\"legend\">\n<rect x=\"{lx - 6:F1}\" y=\"{ly - 4:F1}\" width=\"{lw:F1}\" height=\"{entries.Count * 18 + 8}\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#bbb\"/>\n"));
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            double y = ly + 10 + i * 18;
            sb.Append(FormattableString.Invariant($"<line x1=\"{lx:F1}\" y1=\"{y:F1}\" x2=\"{lx + 20:F1}\" y2=\"{y:F1}\" stroke=\"{e.Color}\" stroke-width=\"3\"{(e.Dash is null ? "" : $" stroke-dasharray=\"{e.Dash}\"")}/>"));
            sb.Append(FormattableString.Invariant($"<text x=\"{lx + 26:F1}\" y=\"{y + 4:F1}\">{Esc(e.Name)}</text>\n"));
        }
    }

    internal static double[] NiceTicks(double min, double max, int target)
    {
        double span = max - min;
        double raw = span / Math.Max(1, target - 1);
        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        double start = Math.Floor(min / step) * step, end = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (double v = start; v <= end + step * 0.5; v += step) ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        return ticks.ToArray();
    }

    internal static string Compact(double v)
    {
        double a = Math.Abs(v);
        var inv = CultureInfo.InvariantCulture;
        return a >= 1e6 ? (v / 1e6).ToString("0.##", inv) + "M" : a >= 1e4 ? (v / 1e3).ToString("0.#", inv) + "k" : v.ToString("#,##0.##", inv);
    }

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
