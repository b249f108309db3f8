using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>
/// A hedge policy for a historical replay: a default hedge ratio, a raised ratio while a condition holds, removal
/// while another holds, a stop-loss on the hedge, leverage and a re-hedge frequency.
/// </summary>
/// <remarks>
/// At each day's close the target ratio is: 0 when <see cref="RemoveWhen"/> holds; else <see cref="RaisedRatio"/>
/// when <see cref="RaiseWhen"/> holds; else <see cref="DefaultRatio"/>. Creation validates. Immutable and thread-safe.
/// </remarks>
public sealed class HedgePolicy
{
    private HedgePolicy() { }

    /// <summary>A name for reports.</summary>
    public string Name { get; private init; } = "";
    /// <summary>Hedge ratio when no condition holds.</summary>
    public decimal DefaultRatio { get; private init; }
    /// <summary>Hedge ratio while <see cref="RaiseWhen"/> holds.</summary>
    public decimal RaisedRatio { get; private init; }
    /// <summary>Condition that raises the hedge (null: never).</summary>
    public IHedgeCondition? RaiseWhen { get; private init; }
    /// <summary>Condition that removes the hedge (null: never); it wins over <see cref="RaiseWhen"/>.</summary>
    public IHedgeCondition? RemoveWhen { get; private init; }
    /// <summary>Stop distance above the hedge's entry as a fraction (null: no stop).</summary>
    public decimal? StopDistance { get; private init; }
    /// <summary>Leverage of the hedge.</summary>
    public decimal Leverage { get; private init; }
    /// <summary>Close and reopen the hedge at the close every this many days (resets entry and margin); 0 = only when the target changes.</summary>
    public int RehedgeEveryDays { get; private init; }
    /// <summary>Taker fee rate on every hedge trade.</summary>
    public decimal FeeRate { get; private init; }
    /// <summary>The margin model (liquidation price and initial margin at each entry).</summary>
    public IHedgeMarginModel MarginModel { get; private init; } = null!;

    /// <summary>Creates a validated policy.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="defaultRatio">Default hedge ratio in [0, 2].</param>
    /// <param name="leverage">Leverage in [1, 125].</param>
    /// <param name="marginModel">The margin model.</param>
    /// <param name="raisedRatio">Ratio while <paramref name="raiseWhen"/> holds, in [0, 2] (default: the default ratio).</param>
    /// <param name="raiseWhen">Condition that raises the hedge, or null.</param>
    /// <param name="removeWhen">Condition that removes the hedge, or null.</param>
    /// <param name="stopDistance">Stop distance above entry (&gt; 0), or null.</param>
    /// <param name="rehedgeEveryDays">Re-hedge period in days (≥ 0; 0 = never).</param>
    /// <param name="feeRate">Taker fee rate in [0, 1).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException">The name or margin model is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static HedgePolicy Create(string name, decimal defaultRatio, decimal leverage, IHedgeMarginModel marginModel,
        decimal? raisedRatio = null, IHedgeCondition? raiseWhen = null, IHedgeCondition? removeWhen = null,
        decimal? stopDistance = null, int rehedgeEveryDays = 0, decimal feeRate = 0m)
    {
        Preconditions.NotNullOrWhiteSpace(name);
        Preconditions.InRange(defaultRatio, 0m, 2m);
        Preconditions.InRange(leverage, 1m, 125m);
        Preconditions.NotNull(marginModel);
        if (raisedRatio is { } rr) Preconditions.InRange(rr, 0m, 2m, nameof(raisedRatio));
        if (stopDistance is { } sd) Preconditions.Positive(sd, nameof(stopDistance));
        Preconditions.NonNegative(rehedgeEveryDays);
        Preconditions.InRangeHalfOpen(feeRate, 0m, 1m);
        return new HedgePolicy
        {
            Name = name, DefaultRatio = defaultRatio, RaisedRatio = raisedRatio ?? defaultRatio, RaiseWhen = raiseWhen,
            RemoveWhen = removeWhen, StopDistance = stopDistance, Leverage = leverage, RehedgeEveryDays = rehedgeEveryDays,
            FeeRate = feeRate, MarginModel = marginModel,
        };
    }

    /// <summary>A static hedge: the same ratio every day.</summary>
    /// <param name="ratio">Hedge ratio in [0, 2].</param>
    /// <param name="leverage">Leverage in [1, 125].</param>
    /// <param name="marginModel">The margin model.</param>
    /// <param name="stopDistance">Stop distance above entry, or null.</param>
    /// <param name="rehedgeEveryDays">Re-hedge period (0 = never).</param>
    /// <param name="feeRate">Taker fee rate.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marginModel"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static HedgePolicy Static(decimal ratio, decimal leverage, IHedgeMarginModel marginModel, decimal? stopDistance = null,
        int rehedgeEveryDays = 0, decimal feeRate = 0m)
    {
        Preconditions.InRange(ratio, 0m, 2m);
        return Create(FormattableString.Invariant($"static {ratio:P0} hedge at {leverage}x"), ratio, leverage, marginModel,
            stopDistance: stopDistance, rehedgeEveryDays: rehedgeEveryDays, feeRate: feeRate);
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{Name}: default {DefaultRatio:P0}{(RaiseWhen is null ? "" : $", {RaisedRatio:P0} when {RaiseWhen.Name}")}{(RemoveWhen is null ? "" : $", none when {RemoveWhen.Name}")}, {Leverage}x, stop {(StopDistance is { } s ? $"+{s:P0}" : "none")}, re-hedge {(RehedgeEveryDays == 0 ? "on change" : $"every {RehedgeEveryDays} days")}, fee {FeeRate:P3}");
}
