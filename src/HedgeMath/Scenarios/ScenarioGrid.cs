using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>
/// A sweep of price moves × hedge ratios × leverages: net PnL per cell after fees and funding, with stopped
/// and liquidated cells marked, computed exactly (<see cref="decimal"/>) by <see cref="Create"/>.
/// </summary>
/// <remarks>
/// Every cell is <see cref="ScenarioSetup.AtPrice"/> at <c>DecisionPrice × (1 + move)</c> for the holding period, with
/// the margin facts of each (ratio, leverage) pair taken once from the engine. The grid carries its axes and assumptions
/// (<see cref="PriceMoves"/>, <see cref="HedgeRatios"/>, <see cref="Leverages"/>, ...). Cells are ordered move-major:
/// index = (move × ratios + ratio) × leverages + leverage. Creation validates. Immutable and thread-safe.
/// </remarks>
public sealed class ScenarioGrid
{
    private readonly ScenarioSetup[] _setups;

    private ScenarioGrid(GridSpec spec, ImmutableArray<(decimal Move, decimal Price, decimal HedgeRatio, decimal Leverage, decimal NetPnl, decimal UnhedgedPnl, HedgeExit Exit)> cells, ScenarioSetup[] setups)
    {
        Spec = spec; Cells = cells; _setups = setups;
    }

    /// <summary>The axes and assumptions (the fast path and Monte Carlo share them).</summary>
    internal GridSpec Spec { get; }
    /// <summary>
    /// All cells, move-major: for each cell the price move (a fraction), the price at the end, the hedge ratio and leverage,
    /// <c>NetPnl</c> (hedged, after fees and funding, vs the decision price), <c>UnhedgedPnl</c> (vs the decision price) and
    /// <c>Exit</c> (whether the hedge was stopped or liquidated on the way).
    /// </summary>
    public ImmutableArray<(decimal Move, decimal Price, decimal HedgeRatio, decimal Leverage, decimal NetPnl, decimal UnhedgedPnl, HedgeExit Exit)> Cells { get; }

    /// <summary>Spot holding in base units.</summary>
    public decimal SpotQuantity => Spec.SpotQuantity;
    /// <summary>Cost basis per unit.</summary>
    public decimal CostBasis => Spec.CostBasis;
    /// <summary>Price at decision time.</summary>
    public decimal DecisionPrice => Spec.DecisionPrice;
    /// <summary>Price moves as fractions (−0.5 = −50 %), each &gt; −1.</summary>
    public ImmutableArray<decimal> PriceMoves => Spec.PriceMoves;
    /// <summary>Hedge ratios, each in [0, <see cref="HedgeMath.Hedging.HedgePlan.MaxHedgeRatio"/>].</summary>
    public ImmutableArray<decimal> HedgeRatios => Spec.HedgeRatios;
    /// <summary>Leverages, each in [1, the contract's maximum].</summary>
    public ImmutableArray<decimal> Leverages => Spec.Leverages;
    /// <summary>The futures contract of the hedges (linear or inverse).</summary>
    public Contract Contract => Spec.Contract;
    /// <summary>The liquidation rule; the contract's default when null.</summary>
    public LiquidationRule? Rule => Spec.Rule;
    /// <summary>Funding in or out (and over how many days the move happens).</summary>
    public FundingTerms Funding => Spec.Funding;
    /// <summary>Stop-loss distance above entry as a fraction (0.1 = stop at entry × 1.1), or null for none.</summary>
    public decimal? StopDistance => Spec.StopDistance;
    /// <summary>Number of cells: moves × ratios × leverages.</summary>
    public int CellCount => Spec.CellCount;

    /// <summary>Computes every cell of a grid exactly in <see cref="decimal"/>.</summary>
    /// <param name="spotQuantity">Spot holding (&gt; 0).</param>
    /// <param name="costBasis">Cost per unit (&gt; 0).</param>
    /// <param name="decisionPrice">Price now (&gt; 0).</param>
    /// <param name="priceMoves">Price moves as fractions, each &gt; −1 (at least one; <see cref="EvenMoves"/> spaces them evenly).</param>
    /// <param name="hedgeRatios">Hedge ratios in [0, 10] (at least one).</param>
    /// <param name="leverages">Leverages in [1, the contract's maximum] (at least one).</param>
    /// <param name="contract">The futures contract (linear or inverse).</param>
    /// <param name="funding">Funding in or out; none when null.</param>
    /// <param name="stopDistance">Stop distance above entry as a fraction (&gt; 0), or null.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The grid.</returns>
    /// <exception cref="ArgumentNullException">A collection or the contract is null.</exception>
    /// <exception cref="ArgumentException">An axis is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range, or the grid is larger than the documented size limits.</exception>
    public static ScenarioGrid Create(decimal spotQuantity, decimal costBasis, decimal decisionPrice,
        IEnumerable<decimal> priceMoves, IEnumerable<decimal> hedgeRatios, IEnumerable<decimal> leverages,
        Contract contract, FundingTerms? funding = null, decimal? stopDistance = null, LiquidationRule? rule = null) =>
        Exact(GridSpec.Create(spotQuantity, costBasis, decisionPrice, priceMoves, hedgeRatios, leverages, contract, funding, stopDistance, rule));

    /// <summary><paramref name="count"/> evenly spaced moves from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    /// <param name="from">First move (&gt; −1).</param>
    /// <param name="to">Last move (≥ <paramref name="from"/>).</param>
    /// <param name="count">Number of moves (≥ 2).</param>
    /// <returns>The moves.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound or the count is out of range.</exception>
    public static ImmutableArray<decimal> EvenMoves(decimal from, decimal to, int count) => GridSpec.EvenMoves(from, to, count);

    /// <summary>The cell at the given axis indexes.</summary>
    /// <param name="move">Index into <see cref="PriceMoves"/>.</param>
    /// <param name="ratio">Index into <see cref="HedgeRatios"/>.</param>
    /// <param name="leverage">Index into <see cref="Leverages"/>.</param>
    /// <returns>The cell (one of <see cref="Cells"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public (decimal Move, decimal Price, decimal HedgeRatio, decimal Leverage, decimal NetPnl, decimal UnhedgedPnl, HedgeExit Exit) Cell(int move, int ratio, int leverage) => Cells[Index(Spec, move, ratio, leverage)];

    /// <summary>The full <see cref="ScenarioResult"/> of one cell.</summary>
    /// <param name="move">Index into <see cref="PriceMoves"/>.</param>
    /// <param name="ratio">Index into <see cref="HedgeRatios"/>.</param>
    /// <param name="leverage">Index into <see cref="Leverages"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public ScenarioResult Result(int move, int ratio, int leverage)
    {
        Index(Spec, move, ratio, leverage);
        return _setups[ratio * Spec.Leverages.Length + leverage].AtPrice(Spec.PriceAt(move), Spec.Funding);
    }

    /// <summary>Computes every cell exactly in <see cref="decimal"/> (<see cref="Create"/> after the specification's checks).</summary>
    internal static ScenarioGrid Exact(GridSpec spec)
    {
        Preconditions.NotNull(spec);
        int nm = spec.PriceMoves.Length, nr = spec.HedgeRatios.Length, nl = spec.Leverages.Length;
        var setups = new ScenarioSetup[nr * nl];
        for (int r = 0; r < nr; r++) for (int l = 0; l < nl; l++) setups[r * nl + l] = spec.Setup(r, l);
        var cells = new (decimal Move, decimal Price, decimal HedgeRatio, decimal Leverage, decimal NetPnl, decimal UnhedgedPnl, HedgeExit Exit)[nm * nr * nl];
        // Every cell is ScenarioSetup.AtPrice: the engine on the straight path from the decision price. The cells of one move
        // share that path's print prices: an inverse hedge's Σ 1/p over the prints is summed once per move, not per cell.
        int prints = spec.Funding.PrintsFor(spec.Contract.FundingInterval);
        bool share = prints > 0 && spec.Contract.Type == ContractType.Inverse;
        Parallel.For(0, nm, m =>
        {
            decimal p = spec.PriceAt(m);
            var path = share ? new StraightPrints(spec.DecisionPrice, p, prints) : null;
            for (int k = 0; k < setups.Length; k++)
            {
                var res = setups[k].AtPriceOnPath(p, spec.Funding, path);
                cells[m * setups.Length + k] = (spec.PriceMoves[m], p, setups[k].HedgeRatio, setups[k].Leverage, res.NetPnl, res.UnhedgedPnl, res.Exit);
            }
        });
        return new ScenarioGrid(spec, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(cells), setups);
    }

    /// <summary>Computes every cell with the <see cref="double"/> fast path (implementation detail: the tests prove it equal
    /// to <see cref="Exact"/>, the benchmarks time it; users read <see cref="Create"/>).</summary>
    /// <param name="spec">The grid specification.</param>
    /// <returns>The fast grid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    internal static FastScenarioGrid Fast(GridSpec spec)
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
    internal static void FastInto(FastGridPlan plan, Span<double> netPnl, Span<HedgeExit> exits)
    {
        Preconditions.NotNull(plan);
        Preconditions.DestinationLongEnough(netPnl.Length, plan.CellCount, nameof(netPnl));
        Preconditions.DestinationLongEnough(exits.Length, plan.CellCount, nameof(exits));
        var prices = plan.Prices;
        var legs = plan.Legs;
        double q = plan.SpotQuantity, p0 = plan.DecisionPrice, rate = plan.FundingRate;
        int n = plan.Prints, k = legs.Length, i = 0;
        for (int m = 0; m < prices.Length; m++)
        {
            double p = prices[m];
            double spot = q * (p - p0);
            double toQuote = plan.Linear ? 1d : p;
            for (int j = 0; j < k; j++, i++)
            {
                ref readonly var leg = ref legs[j];
                if (!leg.Active) { netPnl[i] = spot; exits[i] = HedgeExit.None; continue; }
                var e = leg.FirstExit(p0, Math.Max(p0, p), Math.Min(p0, p), out double fill);
                double money = leg.Settle(e, fill, p);
                if (n > 0)
                {
                    // Prints before the segment in which the path reaches the exit level, at prices p0 + (p − p0)·i/n.
                    int paid = e == HedgeExit.None ? n : PrintsBefore(p0, p, n, leg.Threshold);
                    if (paid > 0) money += leg.Long ? -rate * leg.Qk * Sum(plan, m, paid) : rate * leg.Qk * Sum(plan, m, paid);
                }
                netPnl[i] = spot + money * toQuote;
                exits[i] = e;
            }
        }
    }

    private static double Sum(FastGridPlan plan, int move, int prints) => plan.Linear ? plan.SumPrice[move * (plan.Prints + 1) + prints] : plan.SumInverse[move * (plan.Prints + 1) + prints];

    /// <summary>The number of prints j ≥ 1 with p_j strictly before the threshold on the straight path (the exit happens in segment paid + 1).</summary>
    private static int PrintsBefore(double p0, double p, int n, double threshold)
    {
        int c = 0;
        bool up = p > p0;
        for (int j = 1; j <= n; j++)
        {
            double pj = p0 + (p - p0) * j / n;
            if (up ? pj >= threshold : pj <= threshold) break;
            c++;
        }
        return c;
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
internal sealed class FastGridPlan
{
    private FastGridPlan() { }

    internal double[] Prices { get; private init; } = [];
    internal FastLeg[] Legs { get; private init; } = [];
    internal double[] SumPrice { get; private init; } = [];
    internal double[] SumInverse { get; private init; } = [];
    internal double SpotQuantity { get; private init; }
    internal double DecisionPrice { get; private init; }
    internal double FundingRate { get; private init; }
    internal int Prints { get; private init; }
    internal bool Linear { get; private init; }

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
        var legs = new FastLeg[nr * nl];
        for (int r = 0; r < nr; r++)
            for (int l = 0; l < nl; l++)
                legs[r * nl + l] = new FastLeg(spec.Setup(r, l).Book.Legs[0]);
        int n = spec.Funding.PrintsFor(spec.Contract.FundingInterval);
        double p0 = (double)spec.DecisionPrice;
        var sumP = new double[prices.Length * (n + 1)];
        var sumInv = new double[prices.Length * (n + 1)];
        for (int m = 0; m < prices.Length; m++)
            for (int j = 1; j <= n; j++)
            {
                double pj = p0 + (prices[m] - p0) * j / n;
                sumP[m * (n + 1) + j] = sumP[m * (n + 1) + j - 1] + pj;
                sumInv[m * (n + 1) + j] = sumInv[m * (n + 1) + j - 1] + 1d / pj;
            }
        return new FastGridPlan
        {
            Spec = spec, Prices = prices, Legs = legs, SumPrice = sumP, SumInverse = sumInv,
            SpotQuantity = (double)spec.SpotQuantity, DecisionPrice = p0, FundingRate = (double)spec.Funding.RatePerInterval,
            Prints = n, Linear = spec.Contract.Type == ContractType.Linear,
        };
    }
}

/// <summary>The result of the <see cref="double"/> fast grid path (internal: <see cref="ScenarioGrid.Create"/> is the public grid).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class FastScenarioGrid
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
