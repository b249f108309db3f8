using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One hedge leg of a <see cref="PlanDefinition"/>: a contract, a side, a hedge ratio of the holding, leverage, margin mode, a stop and an optional take-profit.</summary>
/// <remarks>
/// The leg's size is its ratio of the spot quantity of the asset it hedges (<see cref="Hedges"/>), as
/// <see cref="HedgePlan"/> sizes a hedge. Same asset: linear, ratio × quantity / contract size contracts; inverse,
/// ratio × quantity × price / contract size (the coin value in USD contracts). A cross leg (the hedged asset is not the
/// contract's base asset: SOL hedged with BTCUSDT) is sized by value: notional = ratio × quantity × the hedged asset's
/// close; linear, notional / (the contract's close × contract size) contracts; inverse, notional / contract size.
/// Creation validates. Immutable and thread-safe.
/// </remarks>
public sealed class PlanLeg : IEquatable<PlanLeg>
{
    /// <summary>Creates a leg.</summary>
    /// <param name="contract">The futures contract (linear or inverse).</param>
    /// <param name="ratio">The hedge ratio, in [0, 10].</param>
    /// <param name="leverage">The leverage, in [1, the contract's maximum].</param>
    /// <param name="side">Short (a hedge; default) or long.</param>
    /// <param name="mode">Isolated (default) or cross.</param>
    /// <param name="stop">The stop, or null.</param>
    /// <param name="takeProfit">A take-profit price (below the entry for a short, above for a long), or null.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentException">A value is out of range, the rule does not apply to the contract, or <paramref name="stop"/> is a maximum hedge cost (a one-off plan's stop).</exception>
    public PlanLeg(Contract contract, decimal ratio, decimal leverage, Side side = Side.Short, MarginMode mode = MarginMode.Isolated,
        LegStop? stop = null, decimal? takeProfit = null, LiquidationRule? rule = null)
    {
        Contract = Preconditions.NotNull(contract);
        Ratio = Preconditions.InRange(ratio, 0m, HedgePlan.MaxHedgeRatio);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, string.Create(CultureInfo.InvariantCulture, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        Leverage = leverage;
        Side = Preconditions.Defined(side);
        MarginMode = Preconditions.Defined(mode);
        if (takeProfit is { } tp) Preconditions.Positive(tp, nameof(takeProfit));
        if (rule is not null) MarginCalc.CheckRule(contract, rule, mode == MarginMode.Isolated);
        Stop = LegStop.ForLeg(stop, nameof(stop)); TakeProfit = takeProfit; Rule = rule;
    }

    /// <summary>The futures contract.</summary>
    public Contract Contract { get; }
    /// <summary>The hedge ratio of the holding.</summary>
    public decimal Ratio { get; }
    /// <summary>The leverage.</summary>
    public decimal Leverage { get; }
    /// <summary>Short (a hedge) or long.</summary>
    public Side Side { get; }
    /// <summary>Isolated or cross.</summary>
    public MarginMode MarginMode { get; }
    /// <summary>The stop, or null.</summary>
    public LegStop? Stop { get; }
    /// <summary>The take-profit price, or null.</summary>
    public decimal? TakeProfit { get; }
    /// <summary>The liquidation rule; null for the contract's default.</summary>
    public LiquidationRule? Rule { get; }

    private readonly string? _hedges;

    /// <summary>
    /// The asset whose holding the leg hedges: by default the contract's base asset (a same-asset hedge); another asset
    /// (e.g. <c>SOL</c> for a BTCUSDT leg) makes the leg a cross-hedge, sized by value and warned of its basis risk
    /// (<see cref="PlanDefinition.Warnings"/>). The plan must hold it.
    /// </summary>
    /// <exception cref="ArgumentException">Set to null, empty or white space.</exception>
    public string Hedges
    {
        get => _hedges ?? Contract.BaseAsset;
        init => _hedges = string.Equals(Preconditions.NotNullOrWhiteSpace(value, nameof(Hedges)), Contract.BaseAsset, StringComparison.OrdinalIgnoreCase) ? null : value;
    }

    /// <summary>Whether the leg hedges another asset than its contract's base asset (a cross-hedge, sized by value).</summary>
    public bool IsCrossHedge => _hedges is not null;

    /// <summary>
    /// The contract quantity for a ratio of the hedged holding (<see cref="HedgePlan.ContractsForUnits"/>, or by value for a
    /// cross leg: <see cref="HedgePlan.ContractsForValue"/> of ratio × quantity × the hedged asset's close).
    /// </summary>
    /// <param name="ratio">The hedge ratio.</param>
    /// <param name="hedgedQuantity">The spot quantity of <see cref="Hedges"/> held.</param>
    /// <param name="hedgedClose">The close of <see cref="Hedges"/> (read by a cross leg only).</param>
    /// <param name="futuresPrice">The contract's price the trade is made at.</param>
    internal decimal QuantityFor(decimal ratio, decimal hedgedQuantity, decimal hedgedClose, decimal futuresPrice) => _hedges is null
        ? HedgePlan.ContractsForUnits(Contract, ratio * hedgedQuantity, futuresPrice)
        : HedgePlan.ContractsForValue(Contract, ratio * hedgedQuantity * hedgedClose, futuresPrice);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Side} {Ratio:0.###} × {(_hedges is null ? "holding" : _hedges + " value")} on {Contract.Symbol} at {Leverage}x {MarginMode}{(Stop is null ? "" : ", " + Stop)}{(TakeProfit is { } tp ? $", take profit {tp}" : "")}");

    /// <inheritdoc />
    public bool Equals(PlanLeg? other) => other is not null && Contract.Symbol == other.Contract.Symbol && Contract.Type == other.Contract.Type
        && Ratio == other.Ratio && Leverage == other.Leverage && Side == other.Side && MarginMode == other.MarginMode
        && Equals(Stop, other.Stop) && TakeProfit == other.TakeProfit && Equals(Rule, other.Rule)
        && string.Equals(Hedges, other.Hedges, StringComparison.OrdinalIgnoreCase);
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PlanLeg);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Contract.Symbol, Ratio, Leverage, Side, MarginMode, Stop, TakeProfit);
}
