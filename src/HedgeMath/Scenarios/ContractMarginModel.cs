using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>
/// The margin model of scenarios backed by the margin engine: an isolated short on a linear contract, with its
/// initial margin (<see cref="Position.IsolatedMargin"/>), liquidation price (<see cref="MarginCalc.LiquidationPrice"/>)
/// and maintenance margin (<see cref="MarginCalc.MaintenanceMargin"/>) under the contract's rule set.
/// </summary>
/// <remarks>Every number comes from HedgeMath.Margin; nothing is re-derived here. Immutable and thread-safe.</remarks>
public sealed class ContractMarginModel : IHedgeMarginModel
{
    private ContractMarginModel(Contract contract, LiquidationRule? rule)
    {
        Contract = contract;
        Rule = rule;
    }

    /// <summary>The futures contract of the hedge.</summary>
    public Contract Contract { get; }
    /// <summary>The liquidation rule; null means the contract's default (<see cref="MarginCalc.DefaultRule"/>).</summary>
    public LiquidationRule? Rule { get; }

    /// <inheritdoc />
    public string Name => $"{Contract.Symbol} isolated, {Rule ?? MarginCalc.DefaultRule(Contract)}";

    /// <summary>The model for a linear (USDT-margined) contract, e.g. <see cref="Contracts.BinanceBtcUsdt"/>.</summary>
    /// <param name="contract">The contract (linear).</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentException">The contract is not linear (scenarios size hedges in base units of a linear contract).</exception>
    public static ContractMarginModel For(Contract contract, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(contract);
        if (rule is { } r) Preconditions.Defined(r, nameof(rule));
        if (contract.Type != ContractType.Linear)
            Preconditions.ThrowArgument(nameof(contract), $"must be a linear contract; {contract.Symbol} is {contract.Type}");
        return new ContractMarginModel(contract, rule);
    }

    /// <summary>Binance USDⓈ-M BTCUSDT perpetual with the Binance rule (the default model of the CLI and docs).</summary>
    public static ContractMarginModel BinanceBtcUsdt => For(Contracts.BinanceBtcUsdt);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The position cannot be opened (e.g. leverage above the tier's maximum for that notional).</exception>
    public HedgeMargin ShortHedge(decimal quantity, decimal entryPrice, decimal leverage)
    {
        var p = Open(quantity, entryPrice, leverage);
        return new HedgeMargin(p.IsolatedMargin, MarginCalc.LiquidationPrice(p, Rule));
    }

    private Position Open(decimal quantity, decimal entryPrice, decimal leverage)
    {
        try { return Position.Open(Contract, Side.Short, quantity, entryPrice, leverage); }
        catch (ArgumentException e) when (e.ParamName == "isolatedMargin")
        {
            // The notional at this entry rounds to a zero margin: the price (or size) is too small to trade.
            throw Preconditions.Renamed(e, nameof(entryPrice), entryPrice);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The position cannot be opened or the mark is not positive.</exception>
    public decimal MaintenanceMargin(decimal quantity, decimal entryPrice, decimal leverage, decimal markPrice) =>
        MarginCalc.MaintenanceMargin(Open(quantity, entryPrice, leverage), markPrice, Rule);

    /// <inheritdoc />
    public override string ToString() => Name;
}
