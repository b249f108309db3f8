using System.Globalization;

namespace HedgeMath.Interactive;

/// <summary>Dependency-free SVG charts of scenarios: payoff diagram, equity curves, Monte Carlo PnL distribution.</summary>
/// <remarks>
/// Each chart is a complete standalone SVG document (UTF-8 text) with a title, labelled axes with round ticks and a
/// legend. Each series is a <c>&lt;g class="series" data-series="…"&gt;</c> group and each vertical marker a
/// <c>&lt;g class="marker" data-marker="…"&gt;</c> group, so tests and tools can find them. Thread-safe (pure).
/// </remarks>
public static class ScenarioCharts
{
    private const string Blue = "#1f77b4", Orange = "#ff7f0e", Green = "#2ca02c", Grey = "#7f7f7f", Red = "#d62728", Purple = "#9467bd";
    private static readonly string[] Palette = [Grey, Blue, Orange, Green, Purple, "#8c564b", "#e377c2", "#17becf", "#bcbd22", Red];

    /// <summary>Payoff diagram: PnL against the end price for the spot leg, the futures hedge, the combined position and the unhedged holding, with the decision, liquidation and stop prices marked.</summary>
    /// <param name="setup">The holding and hedge.</param>
    /// <param name="minPrice">Lowest price on the x axis (&gt; 0).</param>
    /// <param name="maxPrice">Highest price (&gt; <paramref name="minPrice"/>).</param>
    /// <param name="points">Points per line, in [2, 10000].</param>
    /// <param name="funding">Funding in or out; none when null.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    public static string Payoff(ScenarioSetup setup, decimal minPrice, decimal maxPrice, int points = 201, FundingTerms? funding = null) =>
        PayoffPlot(setup, minPrice, maxPrice, points, funding).Render();

    internal static SvgPlot PayoffPlot(ScenarioSetup setup, decimal minPrice, decimal maxPrice, int points, FundingTerms? funding)
    {
        Guard.NotNull(setup);
        if (minPrice <= 0m) Guard.ThrowOutOfRange(nameof(minPrice), minPrice, "must be greater than 0");
        if (maxPrice <= minPrice) Guard.ThrowOutOfRange(nameof(maxPrice), maxPrice, $"must be greater than minPrice ({minPrice})");
        if (points < 2 || points > 10_000) Guard.ThrowOutOfRange(nameof(points), points, "must be in [2, 10000]");
        var x = new double[points]; var spot = new double[points]; var fut = new double[points]; var net = new double[points]; var unh = new double[points];
        try
        {
            for (int i = 0; i < points; i++)
            {
                decimal p = minPrice + (maxPrice - minPrice) * i / (points - 1);
                var r = setup.AtPrice(p, funding);
                x[i] = (double)p; spot[i] = (double)r.SpotPnl; fut[i] = (double)(r.FuturesPnl - r.Fees + r.Funding);
                net[i] = (double)r.NetPnl; unh[i] = (double)r.UnhedgedPnl;
            }
        }
        catch (OverflowException ex) { Guard.ThrowOverflow(nameof(maxPrice), maxPrice, ex); }
        catch (ArgumentException e) when (e.ParamName is "price") { throw Guard.Renamed(e, nameof(maxPrice), maxPrice); }
        var inv = CultureInfo.InvariantCulture;
        var plot = new SvgPlot(
            string.Format(inv, "Payoff: {0:0.####} spot, short {1:0.####} ({2:0.#%}) at {3:0.##}x from {4:#,##0.##}", setup.SpotQuantity, setup.HedgeQuantity, setup.HedgeRatio, setup.Leverage, setup.DecisionPrice),
            "Price at the end (quote asset)", "PnL vs decision price (quote asset)")
            .Line("Unhedged", Grey, x, unh, dash: "8 5", width: 2.5)
            .Line("Spot leg", Blue, x, spot, width: 1.5)
            .Line("Futures hedge (after fees, funding)", Orange, x, fut)
            .Line("Combined (hedged)", Green, x, net, width: 3)
            .Marker("Decision " + SvgPlot.Compact((double)setup.DecisionPrice), "#444444", (double)setup.DecisionPrice);
        if (setup.HedgeQuantity > 0m && setup.LiquidationPrice is { } l) plot.Marker("Liquidation " + SvgPlot.Compact((double)l), Red, (double)l);
        if (setup.HedgeQuantity > 0m && setup.StopPrice is { } s) plot.Marker("Stop " + SvgPlot.Compact((double)s), Purple, (double)s);
        return plot;
    }

    /// <summary>Equity curves of a replay, hedged against unhedged.</summary>
    /// <param name="result">The replay result.</param>
    /// <param name="title">Optional title.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string EquityCurves(ReplayResult result, string? title = null) => EquityCurves([Guard.NotNull(result)], title);

    /// <summary>Equity curves of several replays over the same bars (daily or intraday): the unhedged curve once, then each policy's hedged curve.</summary>
    /// <param name="results">Replay results over the same bars (at least one).</param>
    /// <param name="title">Optional title.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    /// <exception cref="ArgumentException">No results, or their bars (times or interval) differ.</exception>
    public static string EquityCurves(IReadOnlyList<ReplayResult> results, string? title = null) => EquityCurvesPlot(results, title).Render();

    internal static SvgPlot EquityCurvesPlot(IReadOnlyList<ReplayResult> results, string? title)
    {
        Guard.NotNull(results);
        if (results.Count == 0) Guard.ThrowArgument(nameof(results), "must contain at least one replay");
        var first = results[0];
        foreach (var r in results)
        {
            Guard.NotNull(r, nameof(results));
            if (r.Times.Length != first.Times.Length || r.Times[0] != first.Times[0] || r.Interval != first.Interval)
                Guard.ThrowArgument(nameof(results), "must all cover the same bars");
        }
        int n = first.Dates.Length;
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i;
        // A year tick at the first bar of each year (at most one per year, whatever the bar interval); intraday bars are
        // labelled with their UTC time.
        var times = first.Times;
        bool intraday = first.Interval < TimeSpan.FromDays(1);
        var years = new List<double>();
        for (int i = 0; i < n; i++)
            if (i > 0 ? times[i].Year != times[i - 1].Year : times[0].DayOfYear == 1 && times[0].TimeOfDay == TimeSpan.Zero) years.Add(i);
        string format = years.Count >= 2 ? "yyyy" : intraday ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd";
        string span = intraday
            ? FormattableString.Invariant($"{times[0]:yyyy-MM-dd HH:mm} .. {times[^1]:yyyy-MM-dd HH:mm} UTC")
            : FormattableString.Invariant($"{times[0]:yyyy-MM-dd} .. {times[^1]:yyyy-MM-dd}");
        var plot = new SvgPlot(title ?? $"Equity {span}: hedged vs unhedged", intraday ? "Time (UTC)" : "Date", "Equity (quote asset)")
        {
            XTicks = years.Count >= 2 ? years : null,
            XTimes = times,
            XLabel = v => times[Math.Clamp((int)Math.Round(v), 0, n - 1)].ToString(format, CultureInfo.InvariantCulture),
        };
        plot.Line("Unhedged", Grey, x, ToDouble(first.UnhedgedEquity.AsSpan()), dash: "8 5", width: 2);
        for (int k = 0; k < results.Count; k++)
            plot.Line("Hedged: " + Short(results[k].Policy), Palette[1 + k % (Palette.Length - 1)], x, ToDouble(results[k].HedgedEquity.AsSpan()));
        return plot;
    }

    /// <summary>Monte Carlo PnL distribution: a histogram outline per strategy on shared bins, with each strategy's 95 % VaR marked for the unhedged one.</summary>
    /// <param name="result">The Monte Carlo result.</param>
    /// <param name="bins">Number of bins, in [5, 500].</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is out of range.</exception>
    public static string Histogram(MonteCarloResult result, int bins = 60) => HistogramPlot(result, bins).Render();

    internal static SvgPlot HistogramPlot(MonteCarloResult result, int bins)
    {
        Guard.NotNull(result);
        if (bins < 5 || bins > 500) Guard.ThrowOutOfRange(nameof(bins), bins, "must be in [5, 500]");
        // x range: the central 99 % of every strategy's outcomes (0.5 % and 99.5 % quantiles), so one extreme path does not flatten the chart.
        double lo = result.Strategies.Min(s => Quantile(s.SortedPnl, 0.005)), hi = result.Strategies.Max(s => Quantile(s.SortedPnl, 0.995));
        if (hi <= lo) { lo -= 1; hi += 1; }
        double width = (hi - lo) / bins;
        var plot = new SvgPlot(FormattableString.Invariant($"Monte Carlo PnL distribution ({result.Spec.Paths:N0} paths x {result.Spec.Steps} days; central 99 %)"),
            "PnL at the end (quote asset)", "Share of paths per bin") { YLabel = v => v.ToString("0.#%", CultureInfo.InvariantCulture), LegendRight = true, YPercent = true };
        for (int k = 0; k < result.Strategies.Length; k++)
        {
            var s = result.Strategies[k];
            var counts = new double[bins];
            foreach (var v in s.SortedPnl)
                if (v >= lo && v <= hi) counts[Math.Clamp((int)((v - lo) / width), 0, bins - 1)]++;
            // step outline: two points per bin edge
            var x = new double[2 * bins + 2]; var y = new double[2 * bins + 2];
            x[0] = lo; y[0] = 0;
            for (int b = 0; b < bins; b++)
            {
                double share = counts[b] / s.SortedPnl.Length;
                x[1 + 2 * b] = lo + b * width; y[1 + 2 * b] = share;
                x[2 + 2 * b] = lo + (b + 1) * width; y[2 + 2 * b] = share;
            }
            x[^1] = hi; y[^1] = 0;
            plot.Line(s.Name, Palette[k % Palette.Length], x, y, dash: k == 0 ? "8 5" : null, width: k == 0 ? 2.5 : 2);
        }
        var u = result.Strategies[0];
        plot.Marker("Unhedged VaR95 " + SvgPlot.Compact(-u.ValueAtRisk95), Red, -u.ValueAtRisk95);
        return plot;
    }

    /// <summary>Net PnL across a grid's prices for one leverage: a line per hedge ratio, liquidated and stopped cells included.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="leverage">Index into <see cref="ScenarioGrid.Leverages"/>.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is out of range.</exception>
    public static string Grid(ScenarioGrid grid, int leverage = 0) => GridPlot(grid, leverage).Render();

    internal static SvgPlot GridPlot(ScenarioGrid grid, int leverage)
    {
        Guard.NotNull(grid);
        if (leverage < 0 || leverage >= grid.Leverages.Length) Guard.ThrowOutOfRange(nameof(leverage), leverage, $"must be an index in [0, {grid.Leverages.Length - 1}]");
        decimal lev = grid.Leverages[leverage];
        var plot = new SvgPlot(FormattableString.Invariant($"Net PnL by hedge ratio at {lev}x over {grid.Funding.HoldingDays} days"),
            "Price at the end (quote asset)", "Net PnL vs decision price (quote asset)");
        for (int r = 0; r < grid.HedgeRatios.Length; r++)
        {
            decimal ratio = grid.HedgeRatios[r];
            var cells = grid.Cells.Where(c => c.Leverage == lev && c.HedgeRatio == ratio).OrderBy(c => c.Price).ToArray();
            plot.Line(FormattableString.Invariant($"h = {ratio:0.##}"), Palette[r % Palette.Length],
                cells.Select(c => (double)c.Price).ToArray(), cells.Select(c => (double)c.NetPnl).ToArray(), dash: ratio == 0m ? "8 5" : null);
        }
        return plot.Marker("Decision " + SvgPlot.Compact((double)grid.DecisionPrice), "#444444", (double)grid.DecisionPrice);
    }

    /// <summary>
    /// An isolated position's margin balance and maintenance margin across mark prices around the snapshot's mark and
    /// liquidation price (each point is <see cref="HedgeMath.Margin.MarginCalc.Isolated"/> at that mark); they cross at the liquidation price.
    /// </summary>
    /// <param name="snapshot">An isolated-margin snapshot.</param>
    /// <param name="points">Points per line, in [2, 2000].</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="snapshot"/> is of a cross-margin position (its balance depends on the whole account).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is out of range.</exception>
    public static string MarginCurve(MarginSnapshot snapshot, int points = 121) => MarginCurvePlot(snapshot, points).Render();

    internal static SvgPlot MarginCurvePlot(MarginSnapshot snapshot, int points)
    {
        Guard.NotNull(snapshot);
        if (snapshot.Position.MarginMode != HedgeMath.Positions.MarginMode.Isolated)
            Guard.ThrowArgument(nameof(snapshot), "must be of an isolated position (a cross balance depends on the whole account)");
        if (points < 2 || points > 2000) Guard.ThrowOutOfRange(nameof(points), points, "must be in [2, 2000]");
        decimal mark = snapshot.MarkPrice, lp = snapshot.LiquidationPrice ?? mark;
        // 20 % either side of the mark and liquidation prices; the top capped at decimal's range (a mark near decimal.MaxValue).
        decimal top = Math.Max(mark, lp);
        decimal lo = Math.Min(mark, lp) * 0.8m, hi = top <= decimal.MaxValue / 1.2m ? top * 1.2m : decimal.MaxValue;
        var x = new double[points]; var balance = new double[points]; var maintenance = new double[points];
        decimal stepSize = (hi - lo) / (points - 1); // divided first: (hi − lo) · i leaves decimal's range near its top
        for (int i = 0; i < points; i++)
        {
            decimal p = i == points - 1 ? hi : lo + (stepSize * i);
            var s = HedgeMath.Margin.MarginCalc.Isolated(snapshot.Position, p, snapshot.Rule);
            x[i] = (double)p; balance[i] = (double)s.MarginBalance; maintenance[i] = (double)s.MaintenanceMargin;
        }
        var plot = new SvgPlot(FormattableString.Invariant($"Margin of {snapshot.Position}"), "Mark price", "Settlement asset (" + snapshot.SettlementAsset + ")")
            .Line("Margin balance", Blue, x, balance, width: 2.5)
            .Line("Maintenance margin", Orange, x, maintenance)
            .Marker("Mark " + SvgPlot.Compact((double)mark), "#444444", (double)mark);
        if (snapshot.LiquidationPrice is { } l) plot.Marker("Liquidation " + SvgPlot.Compact((double)l), Red, (double)l);
        return plot;
    }

    private static double Quantile(System.Collections.Immutable.ImmutableArray<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Floor(p * (sorted.Length - 1)), 0, sorted.Length - 1)];

    private static string Short(string policy)
    {
        int i = policy.IndexOf(':', StringComparison.Ordinal);
        return i > 0 ? policy[..i] : policy;
    }

    private static double[] ToDouble(ReadOnlySpan<decimal> v)
    {
        var r = new double[v.Length];
        for (int i = 0; i < v.Length; i++) r[i] = (double)v[i];
        return r;
    }
}
