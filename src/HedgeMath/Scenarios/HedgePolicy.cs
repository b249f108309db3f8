using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>One level of a hedge policy: while the condition holds, hold this hedge ratio.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
[Obsolete(Retired.HedgePolicy)]
public sealed class HedgeLevel
{
    /// <summary>Creates a level.</summary>
    /// <param name="when">The condition (evaluated at each close).</param>
    /// <param name="ratio">The hedge ratio while it holds, in [0, 10].</param>
    /// <exception cref="ArgumentNullException"><paramref name="when"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is outside [0, 10].</exception>
    public HedgeLevel(IHedgeCondition when, decimal ratio)
    {
        When = Preconditions.NotNull(when);
        Ratio = Preconditions.InRange(ratio, 0m, HedgeMath.Hedging.HedgePlan.MaxHedgeRatio);
    }

    /// <summary>The condition.</summary>
    public IHedgeCondition When { get; }
    /// <summary>The hedge ratio while it holds.</summary>
    public decimal Ratio { get; }
}

/// <summary>"Close a portion of your short after a big drop": when the price has fallen this far below the hedge's entry, close this fraction of it.</summary>
/// <remarks>Checked at each close; fires once per hedge (until the target ratio changes or the hedge is re-opened). Immutable and thread-safe.</remarks>
[Obsolete(Retired.HedgePolicy)]
public sealed class DropReduction
{
    /// <summary>Creates the rule.</summary>
    /// <param name="drop">The fall below the hedge's (average) entry, as a fraction in (0, 1).</param>
    /// <param name="closeFraction">The fraction of the hedge to close, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public DropReduction(decimal drop, decimal closeFraction)
    {
        if (drop <= 0m || drop >= 1m) Preconditions.ThrowOutOfRange(nameof(drop), drop, "must be in (0, 1)");
        if (closeFraction <= 0m || closeFraction > 1m) Preconditions.ThrowOutOfRange(nameof(closeFraction), closeFraction, "must be in (0, 1]");
        Drop = drop; CloseFraction = closeFraction;
    }

    /// <summary>The fall below the hedge's entry that fires the rule.</summary>
    public decimal Drop { get; }
    /// <summary>The fraction of the hedge closed.</summary>
    public decimal CloseFraction { get; }
}

/// <summary>
/// A hedge policy for a historical replay: a default hedge ratio, any number of ratio levels each held while its
/// condition holds, removal while another condition holds, a partial close after a drop, a stop-loss on the hedge,
/// the contract and leverage, and a re-hedge frequency.
/// </summary>
/// <remarks>
/// At each day's close the target ratio is: 0 when <see cref="RemoveWhen"/> holds; else the ratio of the first level in
/// <see cref="Levels"/> whose condition holds; else <see cref="DefaultRatio"/>. A re-hedge (on a target change, or every
/// <see cref="RehedgeEveryDays"/>) trades only the difference to the target size. Fees are the contract's taker rate.
/// Limits are <see cref="HedgeMath.Hedging.HedgePlan"/>'s. Creation validates. Immutable and thread-safe.
/// </remarks>
[Obsolete(Retired.HedgePolicy)]
public sealed class HedgePolicy
{
    private HedgePolicy() { }

    /// <summary>A name for reports.</summary>
    public string Name { get; private init; } = "";
    /// <summary>Hedge ratio when no condition holds.</summary>
    public decimal DefaultRatio { get; private init; }
    /// <summary>The ratio levels, in priority order (the first whose condition holds wins).</summary>
    public ImmutableArray<HedgeLevel> Levels { get; private init; }
    /// <summary>Condition that removes the hedge (null: never); it wins over every level.</summary>
    public IHedgeCondition? RemoveWhen { get; private init; }
    /// <summary>The partial close after a drop, or null.</summary>
    public DropReduction? ReduceAfterDrop { get; private init; }
    /// <summary>Stop distance above the hedge's entry as a fraction (null: no stop).</summary>
    public decimal? StopDistance { get; private init; }
    /// <summary>Leverage of the hedge.</summary>
    public decimal Leverage { get; private init; }
    /// <summary>Bring the hedge back to its target size every this many days (an inverse hedge's contract count drifts with the price); 0 = only when the target changes.</summary>
    public int RehedgeEveryDays { get; private init; }
    /// <summary>The futures contract of the hedge (linear or inverse).</summary>
    public Contract Contract { get; private init; } = null!;
    /// <summary>The liquidation rule; the contract's default when null.</summary>
    public LiquidationRule? Rule { get; private init; }

    /// <summary>Creates a validated policy.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="defaultRatio">Default hedge ratio in [0, 10].</param>
    /// <param name="leverage">Leverage in [1, the contract's maximum].</param>
    /// <param name="contract">The futures contract.</param>
    /// <param name="levels">Ratio levels in priority order, or null for none.</param>
    /// <param name="removeWhen">Condition that removes the hedge, or null.</param>
    /// <param name="stopDistance">Stop distance above entry (&gt; 0), or null.</param>
    /// <param name="rehedgeEveryDays">Re-hedge period in days (≥ 0; 0 = never).</param>
    /// <param name="reduceAfterDrop">A partial close after a drop, or null.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException">The name or contract is null.</exception>
    /// <exception cref="ArgumentException">A level is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static HedgePolicy Create(string name, decimal defaultRatio, decimal leverage, Contract contract,
        IEnumerable<HedgeLevel>? levels = null, IHedgeCondition? removeWhen = null, decimal? stopDistance = null, int rehedgeEveryDays = 0,
        DropReduction? reduceAfterDrop = null, LiquidationRule? rule = null)
    {
        Preconditions.NotNullOrWhiteSpace(name);
        Preconditions.InRange(defaultRatio, 0m, HedgeMath.Hedging.HedgePlan.MaxHedgeRatio);
        Preconditions.NotNull(contract);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, string.Create(CultureInfo.InvariantCulture, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        var lv = levels is null ? ImmutableArray<HedgeLevel>.Empty : levels.ToImmutableArray();
        foreach (var l in lv) if (l is null) Preconditions.ThrowArgument(nameof(levels), "must not contain null");
        if (stopDistance is { } sd) Preconditions.InRange(sd, 1e-28m, MaxStopDistance, nameof(stopDistance));
        Preconditions.NonNegative(rehedgeEveryDays);
        if (rule is not null) MarginCalc.CheckRule(contract, rule, isolated: true);
        return new HedgePolicy
        {
            Name = name, DefaultRatio = defaultRatio, Levels = lv, RemoveWhen = removeWhen, StopDistance = stopDistance,
            Leverage = leverage, RehedgeEveryDays = rehedgeEveryDays, ReduceAfterDrop = reduceAfterDrop, Contract = contract, Rule = rule,
        };
    }

    /// <summary>A static hedge: the same ratio every day.</summary>
    /// <param name="ratio">Hedge ratio in [0, 10].</param>
    /// <param name="leverage">Leverage in [1, the contract's maximum].</param>
    /// <param name="contract">The futures contract.</param>
    /// <param name="stopDistance">Stop distance above entry, or null.</param>
    /// <param name="rehedgeEveryDays">Re-hedge period (0 = never).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static HedgePolicy Static(decimal ratio, decimal leverage, Contract contract, decimal? stopDistance = null, int rehedgeEveryDays = 0)
    {
        Preconditions.InRange(ratio, 0m, HedgeMath.Hedging.HedgePlan.MaxHedgeRatio);
        return Create(FormattableString.Invariant($"static {ratio:P0} hedge at {leverage}x"), ratio, leverage, contract,
            stopDistance: stopDistance, rehedgeEveryDays: rehedgeEveryDays);
    }

    /// <summary>The largest stop distance accepted: a stop 1,000,000 × above entry (any price times it stays inside decimal).</summary>
    public const decimal MaxStopDistance = 1_000_000m;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{Name}: default {DefaultRatio:P0}{string.Concat(Levels.Select(l => FormattableString.Invariant($", {l.Ratio:P0} when {l.When.Name}")))}{(RemoveWhen is null ? "" : $", none when {RemoveWhen.Name}")}{(ReduceAfterDrop is { } d ? FormattableString.Invariant($", close {d.CloseFraction:P0} after a {d.Drop:P0} drop") : "")}, {Contract.Symbol} {Leverage}x, stop {(StopDistance is { } s ? $"+{s:P0}" : "none")}, re-hedge {(RehedgeEveryDays == 0 ? "on change" : $"every {RehedgeEveryDays} days")}");
}
