using Plotly.NET;

namespace HedgeMath.Interactive;

/// <summary>
/// The charts of <see cref="ScenarioCharts"/> as interactive Plotly.NET charts (zoom, pan, values on hover, series
/// toggled from the legend): the same series, markers, titles and argument rules. A notebook cell that ends in one shows
/// it through Plotly.NET.Interactive (a dependency of this package); the static SVG of <see cref="ScenarioCharts"/>
/// stays for documents and the <c>hedgemath</c> CLI. Thread-safe (pure).
/// </summary>
public static class ScenarioPlots
{
    /// <summary>The payoff diagram (<see cref="ScenarioCharts.Payoff"/>), interactive.</summary>
    /// <param name="setup">The holding and hedge.</param>
    /// <param name="minPrice">Lowest price on the x axis (&gt; 0).</param>
    /// <param name="maxPrice">Highest price (&gt; <paramref name="minPrice"/>).</param>
    /// <param name="points">Points per line, in [2, 10000].</param>
    /// <param name="funding">Funding in or out; none when null.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    public static GenericChart Payoff(ScenarioSetup setup, decimal minPrice, decimal maxPrice, int points = 201, FundingTerms? funding = null) =>
        ScenarioCharts.PayoffPlot(setup, minPrice, maxPrice, points, funding).ToPlotly();

    /// <summary>Equity curves of replays over the same bars (<see cref="ScenarioCharts.EquityCurves(IReadOnlyList{ReplayResult}, string?)"/>), on a date axis, interactive.</summary>
    /// <param name="results">Replay results over the same bars (at least one).</param>
    /// <param name="title">Optional title.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    /// <exception cref="ArgumentException">No results, or their bars differ.</exception>
    public static GenericChart EquityCurves(IReadOnlyList<ReplayResult> results, string? title = null) => ScenarioCharts.EquityCurvesPlot(results, title).ToPlotly();

    /// <summary>The Monte Carlo PnL distribution (<see cref="ScenarioCharts.Histogram"/>), interactive.</summary>
    /// <param name="result">The Monte Carlo result.</param>
    /// <param name="bins">Number of bins, in [5, 500].</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is out of range.</exception>
    public static GenericChart Histogram(MonteCarloResult result, int bins = 60) => ScenarioCharts.HistogramPlot(result, bins).ToPlotly();

    /// <summary>Net PnL across a grid's prices for one leverage (<see cref="ScenarioCharts.Grid"/>), interactive.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="leverage">Index into <see cref="ScenarioGrid.Leverages"/>.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is out of range.</exception>
    public static GenericChart Grid(ScenarioGrid grid, int leverage = 0) => ScenarioCharts.GridPlot(grid, leverage).ToPlotly();

    /// <summary>An isolated position's margin balance against maintenance margin across mark prices (<see cref="ScenarioCharts.MarginCurve"/>), interactive.</summary>
    /// <param name="snapshot">An isolated-margin snapshot.</param>
    /// <param name="points">Points per line, in [2, 2000].</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="snapshot"/> is of a cross-margin position.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is out of range.</exception>
    public static GenericChart MarginCurve(MarginSnapshot snapshot, int points = 121) => ScenarioCharts.MarginCurvePlot(snapshot, points).ToPlotly();

    /// <summary>
    /// A chart as the HTML a notebook shows (Plotly.NET.Interactive's: a <c>&lt;div&gt;</c> and the script that draws it
    /// with plotly.js). Not an extension method, so code that calls this package's <c>ToHtml</c> extensions compiles
    /// without a reference to Plotly.NET.
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chart"/> is null.</exception>
    public static string Html(GenericChart chart) => Plotly.NET.Interactive.Formatters.toInteractiveHTML(Guard.NotNull(chart));
}
