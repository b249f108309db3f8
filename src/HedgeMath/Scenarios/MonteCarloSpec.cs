using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>What a Monte Carlo run simulates: the holding, the hedge ratios compared, the contract and leverage, stop, steps, paths and seed.</summary>
/// <remarks>Limits are <see cref="HedgeMath.Hedging.HedgePlan"/>'s. Creation validates. Immutable and thread-safe.</remarks>
public sealed class MonteCarloSpec
{
    private MonteCarloSpec() { }

    /// <summary>Spot holding in base units.</summary>
    public decimal SpotQuantity { get; private init; }
    /// <summary>Price at the start (the hedges' entry).</summary>
    public decimal DecisionPrice { get; private init; }
    /// <summary>Hedge ratios compared (each one a strategy; the unhedged strategy is always added first).</summary>
    public ImmutableArray<decimal> HedgeRatios { get; private init; }
    /// <summary>Leverage of every hedge.</summary>
    public decimal Leverage { get; private init; }
    /// <summary>The futures contract (linear or inverse); fees are its taker rate.</summary>
    public Contract Contract { get; private init; } = null!;
    /// <summary>The liquidation rule; the contract's default when null.</summary>
    public LiquidationRule? Rule { get; private init; }
    /// <summary>Days per path.</summary>
    public int Steps { get; private init; }
    /// <summary>Number of paths.</summary>
    public int Paths { get; private init; }
    /// <summary>Seed: the same seed gives the same numbers whatever the thread count.</summary>
    public ulong Seed { get; private init; }
    /// <summary>Stop distance above entry as a fraction, or null for no stop.</summary>
    public decimal? StopDistance { get; private init; }

    /// <summary>Creates a validated specification.</summary>
    /// <param name="spotQuantity">Spot holding (&gt; 0).</param>
    /// <param name="decisionPrice">Starting price (&gt; 0).</param>
    /// <param name="hedgeRatios">Hedge ratios in [0, 10], 1 to 16 of them.</param>
    /// <param name="leverage">Leverage in [1, the contract's maximum].</param>
    /// <param name="contract">The futures contract (linear or inverse).</param>
    /// <param name="steps">Days per path (&gt; 0).</param>
    /// <param name="paths">Number of paths (&gt; 0).</param>
    /// <param name="seed">Seed.</param>
    /// <param name="stopDistance">Stop distance above entry (&gt; 0) or null.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The specification.</returns>
    /// <exception cref="ArgumentNullException">A reference is null.</exception>
    /// <exception cref="ArgumentException">No hedge ratios, or more than 16.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range (e.g. zero paths).</exception>
    public static MonteCarloSpec Create(decimal spotQuantity, decimal decisionPrice, IEnumerable<decimal> hedgeRatios, decimal leverage,
        Contract contract, int steps, int paths, ulong seed, decimal? stopDistance = null, LiquidationRule? rule = null)
    {
        Preconditions.Positive(spotQuantity);
        Preconditions.Positive(decisionPrice);
        if (hedgeRatios is null) throw new ArgumentNullException(nameof(hedgeRatios));
        var ratios = hedgeRatios.ToImmutableArray();
        if (ratios.Length is 0 or > 16) Preconditions.ThrowArgument(nameof(hedgeRatios), $"must contain 1 to 16 ratios; got {ratios.Length}");
        foreach (var r in ratios) if (r < 0m || r > HedgeMath.Hedging.HedgePlan.MaxHedgeRatio) Preconditions.ThrowOutOfRange(nameof(hedgeRatios), r, "must contain only ratios in [0, 10]");
        Preconditions.NotNull(contract);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, FormattableString.Invariant($"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        Preconditions.Size(steps, SizeLimits.MaxSteps);
        Preconditions.Size(paths, SizeLimits.MaxPaths);
        if ((long)steps * paths > SizeLimits.MaxPathSteps)
            Preconditions.ThrowOutOfRange(nameof(paths), paths, $"× steps ({steps}) must be at most {SizeLimits.MaxPathSteps} path steps (a documented size limit)");
        if (stopDistance is { } sd) GridSpec.CheckStopDistance(sd, decisionPrice);
        if (rule is not null) MarginCalc.CheckRule(contract, rule, isolated: true);
        var spec = new MonteCarloSpec
        {
            SpotQuantity = spotQuantity, DecisionPrice = decisionPrice, HedgeRatios = ratios, Leverage = leverage,
            Contract = contract, Rule = rule, Steps = steps, Paths = paths, Seed = seed, StopDistance = stopDistance,
        };
        foreach (var r in ratios)
        {
            try { spec.Setup(r); } // every hedge can be opened
            catch (ArgumentException e) when (e.ParamName is "hedgeRatio" or "costBasis" or "stopPrice" or "isolatedMargin")
            {
                throw e.ParamName switch
                {
                    "hedgeRatio" => Preconditions.Renamed(e, nameof(hedgeRatios), r),
                    "stopPrice" => Preconditions.Renamed(e, nameof(stopDistance), stopDistance),
                    _ => Preconditions.Renamed(e, nameof(decisionPrice), decisionPrice),
                };
            }
        }
        return spec;
    }

    internal ScenarioSetup Setup(decimal ratio) =>
        ScenarioSetup.Create(SpotQuantity, DecisionPrice, DecisionPrice, ratio, Leverage, Contract,
            StopDistance is { } d ? DecisionPrice * (1m + d) : null, Rule);

    /// <summary>The same specification with another seed.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A new specification.</returns>
    public MonteCarloSpec WithSeed(ulong seed) => new()
    {
        SpotQuantity = SpotQuantity, DecisionPrice = DecisionPrice, HedgeRatios = HedgeRatios, Leverage = Leverage,
        Contract = Contract, Rule = Rule, Steps = Steps, Paths = Paths, Seed = seed, StopDistance = StopDistance,
    };
}
