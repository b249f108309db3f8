using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>The axes and assumptions of a scenario grid: price moves × hedge ratios × leverages (the public face is
/// <see cref="ScenarioGrid"/>, which carries them; the fast path and Monte Carlo share this validated specification).</summary>
/// <remarks>Creation validates. Immutable and thread-safe.</remarks>
internal sealed class GridSpec
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
    /// <summary>Hedge ratios, each in [0, <see cref="HedgeMath.Hedging.HedgePlan.MaxHedgeRatio"/>].</summary>
    public ImmutableArray<decimal> HedgeRatios { get; private init; }
    /// <summary>Leverages, each in [1, the contract's maximum].</summary>
    public ImmutableArray<decimal> Leverages { get; private init; }
    /// <summary>The futures contract of the hedges (linear or inverse).</summary>
    public Contract Contract { get; private init; } = null!;
    /// <summary>The liquidation rule; the contract's default when null.</summary>
    public LiquidationRule? Rule { get; private init; }
    /// <summary>Funding in or out (and over how many days the move happens).</summary>
    public FundingTerms Funding { get; private init; } = FundingTerms.None;
    /// <summary>Stop-loss distance above entry as a fraction (0.1 = stop at entry × 1.1), or null for none.</summary>
    public decimal? StopDistance { get; private init; }
    /// <summary>Number of cells: moves × ratios × leverages.</summary>
    public int CellCount => PriceMoves.Length * HedgeRatios.Length * Leverages.Length;

    /// <summary>Creates a validated grid specification.</summary>
    /// <param name="spotQuantity">Spot holding (&gt; 0).</param>
    /// <param name="costBasis">Cost per unit (&gt; 0).</param>
    /// <param name="decisionPrice">Price now (&gt; 0).</param>
    /// <param name="priceMoves">Price moves as fractions, each &gt; −1 (at least one).</param>
    /// <param name="hedgeRatios">Hedge ratios in [0, 10] (at least one).</param>
    /// <param name="leverages">Leverages in [1, the contract's maximum] (at least one).</param>
    /// <param name="contract">The futures contract (linear or inverse).</param>
    /// <param name="funding">Funding in or out; none when null.</param>
    /// <param name="stopDistance">Stop distance above entry as a fraction (&gt; 0), or null.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException">A collection or the contract is null.</exception>
    /// <exception cref="ArgumentException">An axis is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static GridSpec Create(decimal spotQuantity, decimal costBasis, decimal decisionPrice,
        IEnumerable<decimal> priceMoves, IEnumerable<decimal> hedgeRatios, IEnumerable<decimal> leverages,
        Contract contract, FundingTerms? funding = null, decimal? stopDistance = null, LiquidationRule? rule = null)
    {
        Preconditions.Positive(spotQuantity);
        Preconditions.Positive(costBasis);
        Preconditions.Positive(decisionPrice);
        Preconditions.NotNull(contract);
        var moves = Axis(priceMoves, nameof(priceMoves), m => m > -1m, "must contain only moves greater than -1 (a price above 0)");
        var ratios = Axis(hedgeRatios, nameof(hedgeRatios), r => r >= 0m && r <= HedgeMath.Hedging.HedgePlan.MaxHedgeRatio, "must contain only ratios in [0, 10]");
        var levs = Axis(leverages, nameof(leverages), l => l >= 1m && l <= contract.MaxLeverage, $"must contain only leverages in [1, {contract.MaxLeverage}] ({contract.Symbol})");
        foreach (var m in moves) // every cell's price, decision · (1 + move), must fit in decimal
        {
            try { _ = decisionPrice * (1m + m); }
            catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(priceMoves), m, ex); }
        }
        if (stopDistance is { } sd) CheckStopDistance(sd, decisionPrice);
        long cells = (long)moves.Length * ratios.Length * levs.Length;
        if (moves.Length > SizeLimits.MaxGridMoves)
            Preconditions.ThrowOutOfRange(nameof(priceMoves), moves.Length, $"must hold at most {SizeLimits.MaxGridMoves} moves (a documented size limit)");
        if (cells > SizeLimits.MaxGridCells)
            Preconditions.ThrowOutOfRange(nameof(priceMoves), cells, $"× hedgeRatios × leverages must be at most {SizeLimits.MaxGridCells} cells (a documented size limit)");
        if (rule is not null) MarginCalc.CheckRule(contract, rule, isolated: true);
        var spec = new GridSpec
        {
            SpotQuantity = spotQuantity, CostBasis = costBasis, DecisionPrice = decisionPrice,
            PriceMoves = moves, HedgeRatios = ratios, Leverages = levs, Contract = contract, Rule = rule,
            Funding = funding ?? FundingTerms.None, StopDistance = stopDistance,
        };
        for (int r = 0; r < ratios.Length; r++)
        {
            for (int l = 0; l < levs.Length; l++)
            {
                try { spec.Setup(r, l); } // every cell can be opened
                catch (ArgumentException e) when (e.ParamName is "hedgeRatio" or "leverage")
                {
                    throw e.ParamName == "hedgeRatio" ? Preconditions.Renamed(e, nameof(hedgeRatios), ratios[r]) : Preconditions.Renamed(e, nameof(leverages), levs[l]);
                }
            }
        }
        return spec;
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
        ScenarioSetup.Create(SpotQuantity, CostBasis, DecisionPrice, HedgeRatios[ratioIndex], Leverages[leverageIndex], Contract, StopPrice, Rule);

    private static ImmutableArray<decimal> Axis(IEnumerable<decimal> values, string name, Func<decimal, bool> ok, string rule)
    {
        if (values is null) throw new ArgumentNullException(name);
        var a = values.ToImmutableArray();
        if (a.Length == 0) Preconditions.ThrowArgument(name, "must contain at least one value");
        foreach (var v in a) if (!ok(v)) Preconditions.ThrowOutOfRange(name, v, rule);
        return a;
    }
}
