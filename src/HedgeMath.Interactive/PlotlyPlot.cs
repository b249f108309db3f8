using System.Globalization;
using Plotly.NET;

namespace HedgeMath.Interactive;

internal sealed partial class SvgPlot
{
    /// <summary>
    /// The same chart as an interactive Plotly.NET chart (zoom, pan, hover values, series toggled from the legend): a
    /// line trace per series and a dashed vertical line with a label per marker. Plotly.NET.Interactive displays it in
    /// a notebook; <see cref="Plotly.NET.Interactive.Formatters.toInteractiveHTML"/> gives its HTML.
    /// </summary>
    public GenericChart ToPlotly()
    {
        var inv = CultureInfo.InvariantCulture;
        object X(double x) => XTimes is { Count: > 0 } t ? t[Math.Clamp((int)Math.Round(x), 0, t.Count - 1)].UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", inv) : x;
        var traces = new List<GenericChart>(_series.Count);
        foreach (var s in _series)
        {
            // Points that are not finite are left out, as in the SVG.
            var xs = new List<object>(s.X.Length); var ys = new List<double>(s.Y.Length);
            for (int i = 0; i < s.X.Length; i++)
                if (double.IsFinite(s.Y[i])) { xs.Add(X(s.X[i])); ys.Add(s.Y[i]); }
            var trace = new Trace2D("scatter");
            trace.SetProperty("x", xs.ToArray());
            trace.SetProperty("y", ys.ToArray());
            trace.SetProperty("mode", "lines");
            trace.SetProperty("name", s.Name);
            trace.SetProperty("line", Obj(("color", s.Color), ("width", s.Width), ("dash", s.Dash is null ? "solid" : "dash")));
            traces.Add(GenericChart.ofTraceObject(true, trace));
        }
        var shapes = new List<object>(); var notes = new List<object>();
        for (int m = 0; m < _markers.Count; m++)
        {
            var (name, color, x) = _markers[m];
            shapes.Add(Obj(("type", "line"), ("xref", "x"), ("yref", "paper"), ("x0", X(x)), ("x1", X(x)), ("y0", 0d), ("y1", 1d),
                ("line", Obj(("color", color), ("width", 1.5), ("dash", "dash")))));
            notes.Add(Obj(("xref", "x"), ("yref", "paper"), ("x", X(x)), ("y", 1d - 0.05 * m), ("text", name), ("showarrow", false),
                ("xanchor", "left"), ("font", Obj(("color", color), ("size", 12)))));
        }
        var layout = new Layout();
        layout.SetProperty("title", Obj(("text", _title)));
        layout.SetProperty("xaxis", Obj(("title", Obj(("text", _xTitle))), ("type", XTimes is { Count: > 0 } ? "date" : "linear")));
        layout.SetProperty("yaxis", YPercent ? Obj(("title", Obj(("text", _yTitle))), ("tickformat", ".1%")) : Obj(("title", Obj(("text", _yTitle)))));
        layout.SetProperty("shapes", shapes.ToArray());
        layout.SetProperty("annotations", notes.ToArray());
        layout.SetProperty("width", (int)W);
        layout.SetProperty("height", (int)H);
        layout.SetProperty("hovermode", "x unified");
        return GenericChart.addLayout(layout, GenericChart.combine(traces));
    }

    private static DynamicObj.DynamicObj Obj(params (string Name, object Value)[] properties)
    {
        var o = new DynamicObj.DynamicObj();
        foreach (var (name, value) in properties) o.SetProperty(name, value);
        return o;
    }
}
