using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One hedge leg of a <see cref="PlanDefinition"/>: a contract, a side, a hedge ratio of the holding, leverage, margin mode, a stop and an optional take-profit.</summary>
/// <remarks>
/// The leg's size is its ratio of the spot quantity of the asset it hedges: linear, ratio × quantity / contract size
/// contracts; inverse, ratio × quantity × price / contract size (the coin value in USD contracts), as
/// <see cref="HedgePlan"/> sizes a hedge. Creation validates. Immutable and thread-safe.
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

    /// <summary>The contract quantity for a ratio of a spot quantity at a price (linear: base units / contract size; inverse: USD value / contract size).</summary>
    internal decimal QuantityFor(decimal ratio, decimal spotQuantity, decimal price) =>
        Contract.Type == ContractType.Linear ? ratio * spotQuantity / Contract.ContractSize : ratio * spotQuantity * price / Contract.ContractSize;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Side} {Ratio:0.###} × holding on {Contract.Symbol} at {Leverage}x {MarginMode}{(Stop is null ? "" : ", " + Stop)}{(TakeProfit is { } tp ? $", take profit {tp}" : "")}");

    /// <inheritdoc />
    public bool Equals(PlanLeg? other) => other is not null && Contract.Symbol == other.Contract.Symbol && Contract.Type == other.Contract.Type
        && Ratio == other.Ratio && Leverage == other.Leverage && Side == other.Side && MarginMode == other.MarginMode
        && Equals(Stop, other.Stop) && TakeProfit == other.TakeProfit && Equals(Rule, other.Rule);
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PlanLeg);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Contract.Symbol, Ratio, Leverage, Side, MarginMode, Stop, TakeProfit);
}
