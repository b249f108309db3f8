namespace HedgeMath.Interactive;

/// <summary>HTML renderings of scenario results, grids, Monte Carlo and replay results (their <see cref="ResultTables"/> as HTML), for notebooks and dashboards.</summary>
public static class ScenarioHtml
{
    /// <summary>The statistics of every strategy as an HTML table (<see cref="ResultTables.MonteCarlo"/>).</summary>
    /// <param name="result">The Monte Carlo result.</param>
    /// <returns>An HTML fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToHtml(this MonteCarloResult result) => ResultTables.MonteCarlo(result).ToHtml("hedgemath-montecarlo");

    /// <summary>The replay compared with holding unhedged, as an HTML table (<see cref="ResultTables.Replay"/>).</summary>
    /// <param name="result">The replay result.</param>
    /// <returns>An HTML fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToHtml(this ReplayResult result) => ResultTables.Replay(result).ToHtml("hedgemath-replay");

    /// <summary>The scenario (metric, hedged, unhedged, and how the hedge ended) as an HTML table (<see cref="ResultTables.Scenario"/>).</summary>
    /// <param name="result">The scenario result.</param>
    /// <returns>An HTML fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToHtml(this ScenarioResult result) => ResultTables.Scenario(result).ToHtml("hedgemath-scenario");

    /// <summary>Net PnL of one leverage of the grid as an HTML table (<see cref="ResultTables.Grid"/>).</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="leverage">Index into <see cref="ScenarioGrid.Leverages"/>.</param>
    /// <returns>An HTML fragment; text is HTML-encoded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is out of range.</exception>
    public static string ToHtml(this ScenarioGrid grid, int leverage) => ResultTables.Grid(grid, leverage).ToHtml("hedgemath-grid");
}
