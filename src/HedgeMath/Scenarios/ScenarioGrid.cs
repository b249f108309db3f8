using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>The axes and assumptions of a scenario grid: price moves × hedge ratios × leverages.</summary>
/// <remarks>
/// Every cell is <see cref="Scenario.AtPrice"/> at <c>DecisionPrice × (1 + move)</c> for the holding period, with
/// the margin facts of each (ratio, leverage) pair taken once from the margin model. Creation validates.
/// Immutable and thread-safe.
/// </remarks>
public sealed class GridSpec
{
    private GridSpec() { }

    /// <summary>Spot holding in base units.</summary>
    public decimal SpotQuantity { get; private init; }
    /// <summary>Cost basis per unit.</summary>
    public decimal CostBasis { get; private init; }
    /// <summary>Price at decision time.</summary>
    public decimal DecisionPrice { get; private init; }
    /// <summary>Price moves as fractions (−0.5 = −50 %), each &gt; −1.</summary>
    public ImmutableArray<decimal> PriceMoves { get; private init; }
    /// <summary>Hedge ratios, each in [0, 2].</summary>
    public ImmutableArray<decimal> HedgeRatios { get; private init; }
    /// <summary>Leverages, each in [1, 125].</summary>
    public ImmutableArray<decimal> Leverages { get; private init; }
    /// <summary>Where initial margin and liquidation prices come from.</summary>
    public IHedgeMarginModel MarginModel { get; private init; } = null!;
    /// <summary>Holding period in days.</summary>
    public int HoldingDays { get; private init; }
    /// <summary>Funding rate per interval (positive: longs pay shorts).</summary>
    public decimal FundingRatePerInterval { get; private init; }
    /// <summary>Funding intervals per day.</summary>
    public int IntervalsPerDay { get; private init; }
    /// <summary>Taker fee rate on the hedge.</summary>
    public decimal FeeRate { get; private init; }
    /// <summary>Stop-loss distance above entry as a fraction (0.1 = stop at entry × 1.1), or null for none.</summary>
    public decimal? StopDistance { get; private init; }
    /// <summary>Number of cells: moves × ratios × leverages.</summary>
    public int CellCount => PriceMoves.Length * HedgeRatios.Length * Leverages.Length;

    /// <summary>Creates a validated grid specification.</summary>
    /// <param name="spotQuantity">Spot holding (&gt; 0).</param>
    /// <param name="costBasis">Cost per unit (&gt; 0).</param>
    /// <param name="decisionPrice">Price now (&gt; 0).</param>
    /// <param name="priceMoves">Price moves as fractions, each &gt; −1 (at least one).</param>
    /// <param name="hedgeRatios">Hedge ratios in [0, 2] (at least one).</param>
    /// <param name="leverages">Leverages in [1, 125] (at least one).</param>
    /// <param name="marginModel">The margin model.</param>
    /// <param name="holdingDays">Holding period in days (≥ 0).</param>
    /// <param name="fundingRatePerInterval">Funding rate per interval, in (−1, 1).</param>
    /// <param name="intervalsPerDay">Funding intervals per day (≥ 1).</param>
    /// <param name="feeRate">Taker fee rate in [0, 1).</param>
    /// <param name="stopDistance">Stop distance above entry as a fraction (&gt; 0), or null.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException">A collection or the margin model is null.</exception>
    /// <exception cref="ArgumentException">An axis is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static GridSpec Create(decimal spotQuantity, decimal costBasis, decimal decisionPrice,
        IEnumerable<decimal> priceMoves, IEnumerable<decimal> hedgeRatios, IEnumerable<decimal> leverages,
        IHedgeMarginModel marginModel, int holdingDays = 0, decimal fundingRatePerInterval = 0m, int intervalsPerDay = 3,
        decimal feeRate = 0m, decimal? stopDistance = null)
    {
        Preconditions.Positive(spotQuantity);
        Preconditions.Positive(costBasis);
        Preconditions.Positive(decisionPrice);
        Preconditions.NotNull(marginModel);
        var moves = Axis(priceMoves, nameof(priceMoves), m => m > -1m, "must contain only moves greater than -1 (a price above 0)");
        var ratios = Axis(hedgeRatios, nameof(hedgeRatios), r => r >= 0m && r <= 2m, "must contain only ratios in [0, 2]");
        var levs = Axis(leverages, nameof(leverages), l => l >= 1m && l <= 125m, "must contain only leverages in [1, 125]");
        Preconditions.NonNegative(holdingDays);
        Preconditions.InRange(fundingRatePerInterval, -0.999999m, 0.999999m);
        Preconditions.Positive(intervalsPerDay);
        Preconditions.InRangeHalfOpen(feeRate, 0m, 1m);
        if (stopDistance is { } sd) CheckStopDistance(sd, decisionPrice);
        long cells = (long)moves.Length * ratios.Length * levs.Length;
        if (moves.Length > SizeLimits.MaxGridMoves)
            Preconditions.ThrowOutOfRange(nameof(priceMoves), moves.Length, $"must hold at most {SizeLimits.MaxGridMoves} moves (a documented size limit)");
        if (cells > SizeLimits.MaxGridCells)
            Preconditions.ThrowOutOfRange(nameof(priceMoves), cells, $"× hedgeRatios × leverages must be at most {SizeLimits.MaxGridCells} cells (a documented size limit)");
        return new GridSpec
        {
            SpotQuantity = spotQuantity, CostBasis = costBasis, DecisionPrice = decisionPrice,
            PriceMoves = moves, HedgeRatios = ratios, Leverages = levs, MarginModel = marginModel,
            HoldingDays = holdingDays, FundingRatePerInterval = fundingRatePerInterval, IntervalsPerDay = intervalsPerDay,
            FeeRate = feeRate, StopDistance = stopDistance,
        };
    }

    /// <summary><paramref name="count"/> evenly spaced moves from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    /// <param name="from">First move (&gt; −1).</param>
    /// <param name="to">Last move (≥ <paramref name="from"/>).</param>
    /// <param name="count">Number of moves (≥ 2).</param>
    /// <returns>The moves.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound or the count is out of range.</exception>
    public static ImmutableArray<decimal> EvenMoves(decimal from, decimal to, int count)
    {
        if (from <= -1m) Preconditions.ThrowOutOfRange(nameof(from), from, "must be greater than -1");
        if (to < from) Preconditions.ThrowOutOfRange(nameof(to), to, $"must be at least from ({from})");
        if (count < 2 || count > SizeLimits.MaxGridMoves)
            Preconditions.ThrowOutOfRange(nameof(count), count, $"must be in the range [2, {SizeLimits.MaxGridMoves}] (a documented size limit)");
        var b = ImmutableArray.CreateBuilder<decimal>(count);
        try
        {
            for (int i = 0; i < count; i++) b.Add(from + (to - from) * i / (count - 1));
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(to), to, ex); }
        return b.MoveToImmutable();
    }

    /// <summary>Requires a stop distance &gt; 0 whose stop price <c>price · (1 + d)</c> fits in decimal.</summary>
    internal static void CheckStopDistance(decimal stopDistance, decimal decisionPrice)
    {
        Preconditions.Positive(stopDistance);
        try { _ = decisionPrice * (1m + stopDistance); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(stopDistance), stopDistance, ex); }
    }

    internal decimal PriceAt(int moveIndex) => DecisionPrice * (1m + PriceMoves[moveIndex]);

    internal decimal? StopPrice => StopDistance is { } d ? DecisionPrice * (1m + d) : null;

    internal ScenarioSetup Setup(int ratioIndex, int leverageIndex) =>
        ScenarioSetup.Create(SpotQuantity, CostBasis, DecisionPrice, HedgeRatios[ratioIndex], Leverages[leverageIndex], MarginModel, StopPrice, FeeRate);

    private static ImmutableArray<decimal> Axis(IEnumerable<decimal> values, string name, Func<decimal, bool> ok, string rule)
    {
        if (values is null) throw new ArgumentNullException(name);
        var a = values.ToImmutableArray();
        if (a.Length == 0) Preconditions.ThrowArgument(name, "must contain at least one value");
        foreach (var v in a) if (!ok(v)) Preconditions.ThrowOutOfRange(name, v, rule);
        return a;
    }
}

/// <summary>One cell of an exact scenario grid.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct GridCell
{
    internal GridCell(decimal move, decimal price, decimal ratio, decimal leverage, decimal netPnl, decimal unhedgedPnl, HedgeExit exit)
    {
        Move = move; Price = price; HedgeRatio = ratio; Leverage = leverage; NetPnl = netPnl; UnhedgedPnl = unhedgedPnl; Exit = exit;
    }

    /// <summary>Price move as a fraction.</summary>
    public decimal Move { get; }
    /// <summary>Price at the end.</summary>
    public decimal Price { get; }
    /// <summary>Hedge ratio.</summary>
    public decimal HedgeRatio { get; }
    /// <summary>Leverage.</summary>
    public decimal Leverage { get; }
    /// <summary>Hedged net PnL after fees and funding (vs decision price).</summary>
    public decimal NetPnl { get; }
    /// <summary>Unhedged PnL (vs decision price).</summary>
    public decimal UnhedgedPnl { get; }
    /// <summary>Whether the hedge was stopped or liquidated in this cell.</summary>
    public HedgeExit Exit { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"move {Move:P0}, ratio {HedgeRatio}, {Leverage}x: net {NetPnl:0.00} (unhedged {UnhedgedPnl:0.00}){(Exit == HedgeExit.None ? "" : " " + Exit)}");
}

/// <summary>
/// A sweep of price moves × hedge ratios × leverages: net PnL per cell after fees and funding, with stopped
/// and liquidated cells marked. Exact (<see cref="decimal"/>) via <see cref="Exact"/>; a <see cref="double"/> fast
/// path via <see cref="Fast"/> / <see cref="FastInto"/> agrees with it to 1e-9 relative.
/// </summary>
/// <remarks>Cells are ordered move-major: index = (move × ratios + ratio) × leverages + leverage. Immutable and thread-safe.</remarks>
public sealed class ScenarioGrid
{
    private readonly ScenarioSetup[] _setups;

    private ScenarioGrid(GridSpec spec, ImmutableArray<GridCell> cells, ScenarioSetup[] setups)
    {
        Spec = spec; Cells = cells; _setups = setups;
    }

    /// <summary>The specification.</summary>
    public GridSpec Spec { get; }
    /// <summary>All cells, move-major.</summary>
    public ImmutableArray<GridCell> Cells { get; }

    /// <summary>The cell at the given axis indexes.</summary>
    /// <param name="move">Index into <see cref="GridSpec.PriceMoves"/>.</param>
    /// <param name="ratio">Index into <see cref="GridSpec.HedgeRatios"/>.</param>
    /// <param name="leverage">Index into <see cref="GridSpec.Leverages"/>.</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public GridCell Cell(int move, int ratio, int leverage) => Cells[Index(Spec, move, ratio, leverage)];

    /// <summary>The full <see cref="ScenarioResult"/> of one cell.</summary>
    /// <param name="move">Index into <see cref="GridSpec.PriceMoves"/>.</param>
    /// <param name="ratio">Index into <see cref="GridSpec.HedgeRatios"/>.</param>
    /// <param name="leverage">Index into <see cref="GridSpec.Leverages"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public ScenarioResult Result(int move, int ratio, int leverage)
    {
        Index(Spec, move, ratio, leverage);
        return Scenario.AtPrice(_setups[ratio * Spec.Leverages.Length + leverage], Spec.PriceAt(move), Spec.HoldingDays,
            Spec.FundingRatePerInterval, Spec.IntervalsPerDay);
    }

    /// <summary>Computes every cell exactly in <see cref="decimal"/>.</summary>
    /// <param name="spec">The grid specification.</param>
    /// <returns>The grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static ScenarioGrid Exact(GridSpec spec)
    {
        Preconditions.NotNull(spec);
        int nm = spec.PriceMoves.Length, nr = spec.HedgeRatios.Length, nl = spec.Leverages.Length;
        var setups = new ScenarioSetup[nr * nl];
        for (int r = 0; r < nr; r++) for (int l = 0; l < nl; l++) setups[r * nl + l] = spec.Setup(r, l);
        decimal periodRate = spec.FundingRatePerInterval * spec.IntervalsPerDay * spec.HoldingDays;
        var cells = new GridCell[nm * nr * nl];
        decimal q = spec.SpotQuantity, p0 = spec.DecisionPrice, f = spec.FeeRate;
        int i = 0;
        for (int m = 0; m < nm; m++)
        {
            decimal p = spec.PriceAt(m);
            decimal spot = q * (p - p0);
            for (int k = 0; k < setups.Length; k++)
            {
                var s = setups[k];
                decimal h = s.HedgeQuantity;
                var (exit, fill) = Scenario.ExitAtPrice(h, p, s.LiquidationPrice, s.StopPrice);
                decimal hedge = 0m;
                if (h != 0m)
                {
                    // Same terms, same order as Scenario.Settle: futures − fees + funding.
                    decimal fees = h * p0 * f;
                    decimal futures, funding = 0m;
                    switch (exit)
                    {
                        case HedgeExit.Liquidated: futures = -s.Margin.InitialMargin; break;
                        case HedgeExit.Stopped: futures = h * (p0 - fill); fees += h * fill * f; break;
                        default: futures = h * (p0 - p); fees += h * p * f; funding = h * p0 * periodRate; break;
                    }
                    hedge = futures - fees + funding;
                }
                cells[i++] = new GridCell(spec.PriceMoves[m], p, s.HedgeRatio, s.Leverage, spot + hedge, spot, exit);
            }
        }
        return new ScenarioGrid(spec, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(cells), setups);
    }

    /// <summary>Computes every cell with the <see cref="double"/> fast path.</summary>
    /// <param name="spec">The grid specification.</param>
    /// <returns>The fast grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static FastScenarioGrid Fast(GridSpec spec)
    {
        var plan = FastGridPlan.Create(spec);
        var net = new double[spec.CellCount];
        var exits = new HedgeExit[spec.CellCount];
        FastInto(plan, net, exits);
        return new FastScenarioGrid(spec, net, exits);
    }

    /// <summary>The fast path without allocation: writes net PnL and exits of every cell (move-major) into the destinations.</summary>
    /// <param name="plan">The precomputed plan (margin facts per ratio and leverage).</param>
    /// <param name="netPnl">Destination for the net PnL, at least <see cref="GridSpec.CellCount"/> long.</param>
    /// <param name="exits">Destination for the exits, at least <see cref="GridSpec.CellCount"/> long.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">A destination is too short.</exception>
    public static void FastInto(FastGridPlan plan, Span<double> netPnl, Span<HedgeExit> exits)
    {
        Preconditions.NotNull(plan);
        Preconditions.DestinationLongEnough(netPnl.Length, plan.CellCount, nameof(netPnl));
        Preconditions.DestinationLongEnough(exits.Length, plan.CellCount, nameof(exits));
        var prices = plan.Prices;
        var h = plan.Hedge; var liq = plan.Liquidation; var stop = plan.Stop; var im = plan.InitialMargin;
        double q = plan.SpotQuantity, p0 = plan.DecisionPrice, f = plan.FeeRate, periodRate = plan.PeriodRate;
        int k = plan.Hedge.Length, i = 0;
        for (int m = 0; m < prices.Length; m++)
        {
            double p = prices[m];
            double spot = q * (p - p0);
            for (int j = 0; j < k; j++, i++)
            {
                double hj = h[j];
                if (hj == 0d) { netPnl[i] = spot; exits[i] = HedgeExit.None; continue; }
                double fees = hj * p0 * f, futures, funding = 0d;
                double s = stop[j], l = liq[j];
                HedgeExit e;
                if (p >= s && s < l) { e = HedgeExit.Stopped; futures = hj * (p0 - s); fees += hj * s * f; }
                else if (p >= l) { e = HedgeExit.Liquidated; futures = -im[j]; }
                else { e = HedgeExit.None; futures = hj * (p0 - p); fees += hj * p * f; funding = hj * p0 * periodRate; }
                netPnl[i] = spot + (futures - fees + funding);
                exits[i] = e;
            }
        }
    }

    /// <summary>A text table of net PnL for one leverage: a row per price move, a column per hedge ratio; "L" marks liquidated, "S" stopped cells.</summary>
    /// <param name="leverage">Index into <see cref="GridSpec.Leverages"/>.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is out of range.</exception>
    public string ToTable(int leverage)
    {
        var (header, rows) = TableCells(leverage);
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[c].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"Net PnL after fees and funding, {Spec.Leverages[leverage]}x, {Spec.HoldingDays} days (L = liquidated, S = stopped)"));
        sb.AppendLine(string.Join("  ", header.Select((h, c) => h.PadLeft(widths[c]))));
        foreach (var r in rows) sb.AppendLine(string.Join("  ", r.Select((v, c) => v.PadLeft(widths[c]))));
        return sb.ToString();
    }

    /// <summary>The table of <see cref="ToTable"/> as an HTML table.</summary>
    /// <param name="leverage">Index into <see cref="GridSpec.Leverages"/>.</param>
    /// <returns>An HTML fragment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is out of range.</exception>
    public string ToHtml(int leverage)
    {
        var (header, rows) = TableCells(leverage);
        var sb = new StringBuilder("<table class=\"hedgemath-grid\">\n<thead><tr>");
        foreach (var h in header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr>");
            foreach (var v in r) sb.Append("<td style=\"text-align:right\">").Append(WebUtility.HtmlEncode(v)).Append("</td>");
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>").ToString();
    }

    private (string[] Header, List<string[]> Rows) TableCells(int leverage)
    {
        if (leverage < 0 || leverage >= Spec.Leverages.Length) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, $"must be an index in [0, {Spec.Leverages.Length - 1}]");
        var inv = CultureInfo.InvariantCulture;
        var header = new[] { "move", "price", "unhedged" }.Concat(Spec.HedgeRatios.Select(r => "h=" + r.ToString("0.##", inv))).ToArray();
        var rows = new List<string[]>();
        for (int m = 0; m < Spec.PriceMoves.Length; m++)
        {
            var row = new List<string> { Spec.PriceMoves[m].ToString("+0.##%;-0.##%;0%", inv), Spec.PriceAt(m).ToString("#,##0.##", inv), Cell(m, 0, leverage).UnhedgedPnl.ToString("#,##0.00", inv) };
            for (int r = 0; r < Spec.HedgeRatios.Length; r++)
            {
                var c = Cell(m, r, leverage);
                row.Add(c.NetPnl.ToString("#,##0.00", inv) + (c.Exit switch { HedgeExit.Liquidated => " L", HedgeExit.Stopped => " S", _ => "  " }));
            }
            rows.Add(row.ToArray());
        }
        return (header, rows);
    }

    private static int Index(GridSpec spec, int move, int ratio, int leverage)
    {
        if (move < 0 || move >= spec.PriceMoves.Length) Preconditions.ThrowOutOfRange(nameof(move), move, $"must be an index in [0, {spec.PriceMoves.Length - 1}]");
        if (ratio < 0 || ratio >= spec.HedgeRatios.Length) Preconditions.ThrowOutOfRange(nameof(ratio), ratio, $"must be an index in [0, {spec.HedgeRatios.Length - 1}]");
        if (leverage < 0 || leverage >= spec.Leverages.Length) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, $"must be an index in [0, {spec.Leverages.Length - 1}]");
        return (move * spec.HedgeRatios.Length + ratio) * spec.Leverages.Length + leverage;
    }
}

/// <summary>The precomputed inputs of the fast grid path: prices and, per (ratio, leverage), the hedge's margin facts as doubles.</summary>
/// <remarks>Built once per <see cref="GridSpec"/> (it calls the margin model ratios × leverages times). Immutable and thread-safe.</remarks>
public sealed class FastGridPlan
{
    private FastGridPlan() { }

    internal double[] Prices { get; private init; } = [];
    internal double[] Hedge { get; private init; } = [];
    internal double[] Liquidation { get; private init; } = [];
    internal double[] Stop { get; private init; } = [];
    internal double[] InitialMargin { get; private init; } = [];
    internal double SpotQuantity { get; private init; }
    internal double DecisionPrice { get; private init; }
    internal double FeeRate { get; private init; }
    internal double PeriodRate { get; private init; }

    /// <summary>The specification the plan was built from.</summary>
    public GridSpec Spec { get; private init; } = null!;
    /// <summary>Number of cells.</summary>
    public int CellCount => Spec.CellCount;

    /// <summary>Builds the plan for a grid specification.</summary>
    /// <param name="spec">The specification.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static FastGridPlan Create(GridSpec spec)
    {
        Preconditions.NotNull(spec);
        int nr = spec.HedgeRatios.Length, nl = spec.Leverages.Length;
        var prices = new double[spec.PriceMoves.Length];
        for (int m = 0; m < prices.Length; m++) prices[m] = (double)spec.PriceAt(m);
        var h = new double[nr * nl]; var liq = new double[nr * nl]; var stop = new double[nr * nl]; var im = new double[nr * nl];
        for (int r = 0; r < nr; r++)
            for (int l = 0; l < nl; l++)
            {
                var s = spec.Setup(r, l);
                int j = r * nl + l;
                h[j] = (double)s.HedgeQuantity;
                liq[j] = s.LiquidationPrice is { } lp ? (double)lp : double.PositiveInfinity;
                stop[j] = s.StopPrice is { } sp ? (double)sp : double.PositiveInfinity;
                im[j] = (double)s.Margin.InitialMargin;
            }
        return new FastGridPlan
        {
            Spec = spec, Prices = prices, Hedge = h, Liquidation = liq, Stop = stop, InitialMargin = im,
            SpotQuantity = (double)spec.SpotQuantity, DecisionPrice = (double)spec.DecisionPrice, FeeRate = (double)spec.FeeRate,
            PeriodRate = (double)(spec.FundingRatePerInterval * spec.IntervalsPerDay * spec.HoldingDays),
        };
    }
}

/// <summary>The result of the <see cref="double"/> fast grid path.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FastScenarioGrid
{
    private readonly double[] _net;
    private readonly HedgeExit[] _exits;

    internal FastScenarioGrid(GridSpec spec, double[] net, HedgeExit[] exits) { Spec = spec; _net = net; _exits = exits; }

    /// <summary>The specification.</summary>
    public GridSpec Spec { get; }
    /// <summary>Net PnL of every cell, move-major.</summary>
    public ReadOnlyMemory<double> NetPnl => _net;
    /// <summary>Exit of every cell, move-major.</summary>
    public ReadOnlyMemory<HedgeExit> Exits => _exits;

    /// <summary>Net PnL of one cell.</summary>
    /// <param name="move">Move index.</param>
    /// <param name="ratio">Ratio index.</param>
    /// <param name="leverage">Leverage index.</param>
    /// <returns>The net PnL.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double Net(int move, int ratio, int leverage) => _net[Idx(move, ratio, leverage)];

    /// <summary>Exit of one cell.</summary>
    /// <param name="move">Move index.</param>
    /// <param name="ratio">Ratio index.</param>
    /// <param name="leverage">Leverage index.</param>
    /// <returns>The exit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public HedgeExit Exit(int move, int ratio, int leverage) => _exits[Idx(move, ratio, leverage)];

    private int Idx(int move, int ratio, int leverage)
    {
        if (move < 0 || move >= Spec.PriceMoves.Length) Preconditions.ThrowOutOfRange(nameof(move), move, "is out of range");
        if (ratio < 0 || ratio >= Spec.HedgeRatios.Length) Preconditions.ThrowOutOfRange(nameof(ratio), ratio, "is out of range");
        if (leverage < 0 || leverage >= Spec.Leverages.Length) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, "is out of range");
        return (move * Spec.HedgeRatios.Length + ratio) * Spec.Leverages.Length + leverage;
    }
}
