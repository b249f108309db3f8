using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>
/// A spot holding and the isolated short futures hedge on it, as a scenario needs them: the contract (linear or
/// inverse), the hedge opened at the decision price, its posted margin, liquidation price and stop.
/// </summary>
/// <remarks>
/// The hedge is a short on the same asset, entered at the decision price. Its size for a hedge ratio h is the
/// quantity <see cref="HedgePlan"/> uses — linear <c>h·q / contract size</c>, inverse <c>h·q·P₀ / contract size</c>
/// USD contracts — rounded down to the lot step. The position is opened by the engine (<see cref="HedgeBook.Open"/>),
/// so margin, liquidation price and fees are <see cref="Position"/>'s, <see cref="MarginCalc"/>'s and
/// <see cref="Fees"/>'s under the contract's rule; fees are the contract's taker rate. Limits are
/// <see cref="HedgePlan"/>'s: ratio in [0, <see cref="HedgePlan.MaxHedgeRatio"/>] (0: unhedged), leverage in [1, the
/// contract's maximum for the notional]. Creation validates.
/// <para>Its outcomes, <see cref="AtPrice"/> and <see cref="AlongPath(IReadOnlyList{decimal}, IReadOnlyList{decimal}?)"/>,
/// follow the engine's rules (docs/scenarios.md):</para>
/// <list type="bullet">
/// <item>The hedge is an isolated short opened at the decision price (taker fee); if still open at the end it is valued
/// at the end price with the taker fee to close it there.</item>
/// <item>The price moves in a straight line between observed prices (<see cref="AtPrice"/>: from the decision price to
/// the end price over the holding period); a bar's high and low count too (<see cref="AlongPath(IReadOnlyList{PriceBar}, IReadOnlyList{decimal}?)"/>).
/// The stop (on the mark) and the liquidation price apply where first crossed: a stop fills at the stop (or at the open
/// when the price gaps through it); a liquidated hedge loses its posted isolated margin, no more. After either the spot
/// is unhedged for the rest of the path.</item>
/// <item>Funding is in or out by one argument: <see cref="FundingTerms"/> for <see cref="AtPrice"/> (a print each funding
/// interval at that time's price), a rate per step for the paths (paid at the step's close price by a hedge still open).</item>
/// <item>Money is in the quote asset; an inverse hedge's coin figures are converted at the end price and also reported
/// in the coin (<see cref="ScenarioResult.SettlementAsset"/>).</item>
/// </list>
/// Immutable and thread-safe (the outcomes are pure functions).
/// </remarks>
public sealed partial class ScenarioSetup
{
    private ScenarioSetup(decimal spotQuantity, decimal costBasis, decimal decisionPrice, decimal hedgeRatio, decimal leverage,
        Contract contract, LiquidationRule rule, decimal? stopPrice, HedgeBook book, decimal requestedQuantity)
    {
        SpotQuantity = spotQuantity; CostBasis = costBasis; DecisionPrice = decisionPrice; Leverage = leverage;
        Contract = contract; Rule = rule; StopPrice = stopPrice; Book = book;
        var leg = book.Legs[0];
        Hedge = leg.Position;
        HedgeQuantity = Hedge?.Quantity ?? 0m;
        QuantityRoundingError = HedgeQuantity - requestedQuantity;
        decimal coins = Hedge is null ? 0m : contract.Type == ContractType.Linear ? HedgeQuantity * contract.ContractSize : HedgeQuantity * contract.ContractSize / decisionPrice;
        HedgeRatio = hedgeRatio == 0m ? 0m : coins / spotQuantity;
        InitialMargin = Hedge?.IsolatedMargin ?? 0m;
        LiquidationPrice = leg.LiquidationPrice;
    }

    /// <summary>Spot holding in base units (e.g. BTC).</summary>
    public decimal SpotQuantity { get; }
    /// <summary>Average cost of the spot holding per unit (quote asset).</summary>
    public decimal CostBasis { get; }
    /// <summary>Price at decision time; the hedge is entered here.</summary>
    public decimal DecisionPrice { get; }
    /// <summary>The futures contract of the hedge.</summary>
    public Contract Contract { get; }
    /// <summary>The liquidation rule.</summary>
    public LiquidationRule Rule { get; }
    /// <summary>The asset the hedge's margin, PnL, fees and funding settle in (USDT for linear, the coin for inverse).</summary>
    public string SettlementAsset => Contract.SettlementAsset;
    /// <summary>The short hedge as opened (null when unhedged or when the ratio rounds to less than one lot).</summary>
    public Position? Hedge { get; }
    /// <summary>Short futures quantity in contract units (linear: base units × size; inverse: contracts), rounded down to the lot step.</summary>
    public decimal HedgeQuantity { get; }
    /// <summary>The lot rounding: hedge quantity − the quantity asked for (≤ 0).</summary>
    public decimal QuantityRoundingError { get; }
    /// <summary>Coins hedged / coins held after rounding.</summary>
    public decimal HedgeRatio { get; }
    /// <summary>Leverage of the hedge.</summary>
    public decimal Leverage { get; }
    /// <summary>The isolated margin the hedge ties up (settlement asset; 0 unhedged). On liquidation this margin is lost.</summary>
    public decimal InitialMargin { get; }
    /// <summary>The hedge's liquidation price (on the mark; null: none, or unhedged).</summary>
    public decimal? LiquidationPrice { get; }
    /// <summary>Stop-loss price of the short hedge (on the mark, above the decision price), or null for none.</summary>
    public decimal? StopPrice { get; }
    /// <summary>The taker fee rate charged on the hedge's traded notional.</summary>
    public decimal FeeRate => Contract.TakerFeeRate;
    /// <summary>The engine's book at the decision time: the hedge just opened (open fee paid).</summary>
    public HedgeBook Book { get; }

    /// <summary>Builds a setup: a hedge ratio of a spot holding on a contract.</summary>
    /// <param name="spotQuantity">Spot holding in base units (&gt; 0).</param>
    /// <param name="costBasis">Average cost per unit (&gt; 0).</param>
    /// <param name="decisionPrice">Price now, where the hedge is entered (&gt; 0).</param>
    /// <param name="hedgeRatio">Hedge ratio in [0, 10] (0 unhedged, 1 full hedge; above 1 over-hedged).</param>
    /// <param name="leverage">Leverage in [1, the contract's maximum for the notional].</param>
    /// <param name="contract">The futures contract (linear or inverse) on the holding's asset.</param>
    /// <param name="stopPrice">Stop-loss of the short hedge, above <paramref name="decisionPrice"/>; null for none.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <param name="isolatedMargin">The isolated margin to post (settlement asset, &gt; 0); the initial margin when null.</param>
    /// <returns>The setup.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range, or the stop is not above the decision price.</exception>
    /// <exception cref="ArgumentException">The rule does not apply to the contract.</exception>
    public static ScenarioSetup Create(decimal spotQuantity, decimal costBasis, decimal decisionPrice, decimal hedgeRatio,
        decimal leverage, Contract contract, decimal? stopPrice = null, LiquidationRule? rule = null, decimal? isolatedMargin = null)
    {
        Preconditions.Positive(spotQuantity);
        Preconditions.Positive(costBasis);
        Preconditions.Positive(decisionPrice);
        Preconditions.InRange(hedgeRatio, 0m, HedgePlan.MaxHedgeRatio);
        Preconditions.NotNull(contract);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, string.Create(CultureInfo.InvariantCulture, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        if (stopPrice is { } s && s <= decisionPrice)
            Preconditions.ThrowOutOfRange(nameof(stopPrice), s, $"must be above the decision price ({decisionPrice}) for a short hedge");
        if (isolatedMargin is { } im) Preconditions.Positive(im, nameof(isolatedMargin));
        decimal units = hedgeRatio * spotQuantity;
        decimal requested;
        try { requested = contract.Type == ContractType.Linear ? units / contract.ContractSize : units * decisionPrice / contract.ContractSize; }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(spotQuantity), spotQuantity, ex); throw; }
        try { return Build(spotQuantity, costBasis, decisionPrice, hedgeRatio, leverage, contract, stopPrice, rule, isolatedMargin, requested); }
        catch (ArgumentException e) when (e.ParamName is not (nameof(spotQuantity) or nameof(costBasis) or nameof(decisionPrice) or nameof(hedgeRatio)
            or nameof(leverage) or nameof(contract) or nameof(stopPrice) or nameof(rule) or nameof(isolatedMargin))
            || (e.ParamName == nameof(isolatedMargin) && isolatedMargin is null))
        {
            // The engine rejected the hedge this setup derives: name the input that set it (the size, the posted margin, or the price).
            if (e.ParamName == "position" && isolatedMargin is { } posted) throw Preconditions.Renamed(e, nameof(isolatedMargin), posted);
            bool size = e.ParamName is "quantity" or "position" && !e.Message.Contains("rounds to 0", StringComparison.Ordinal)
                && !e.Message.Contains("above the cap", StringComparison.Ordinal);
            throw size ? Preconditions.Renamed(e, nameof(spotQuantity), spotQuantity) : Preconditions.Renamed(e, nameof(decisionPrice), decisionPrice);
        }
    }

    private static ScenarioSetup Build(decimal spotQuantity, decimal costBasis, decimal decisionPrice, decimal hedgeRatio, decimal leverage,
        Contract contract, decimal? stopPrice, LiquidationRule? rule, decimal? isolatedMargin, decimal requested)
    {
        var r = MarginCalc.CheckRule(contract, rule, isolated: true);
        var stop = stopPrice is { } sp ? StopOrder.At(sp) : null;
        HedgeBook book;
        if (requested > 0m) book = HedgeBook.Empty.Open(contract, Side.Short, requested, decisionPrice, leverage, MarginMode.Isolated, isolatedMargin, stop, rule: r).Book;
        else book = HedgeBook.Empty.Open(contract, Side.Short, contract.LotStep / 2m, decisionPrice, leverage, stop: stop, rule: r).Book; // an empty leg
        return new ScenarioSetup(spotQuantity, costBasis, decisionPrice, hedgeRatio, leverage, contract, r, stopPrice, book, requested);
    }

    /// <summary>The setup of a same-asset hedge plan: its spot holding, lot-rounded hedge, leverage, posted isolated margin, stop and rule.</summary>
    /// <param name="plan">The plan (from <see cref="HedgePlan.Create"/>), linear or inverse.</param>
    /// <returns>The setup; its margin is the plan's posted isolated margin (<see cref="HedgePlanOptions.IsolatedMargin"/>, or the initial margin).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">The plan is a cross-hedge or its futures price differs from the decision price.</exception>
    public static ScenarioSetup FromPlan(HedgePlan plan)
    {
        Preconditions.NotNull(plan);
        if (plan.IsCrossHedge) Preconditions.ThrowArgument(nameof(plan), "must hedge the same asset it holds; scenarios do not model a cross-hedge's basis");
        if (plan.FuturesPrice != plan.DecisionPrice)
            Preconditions.ThrowArgument(nameof(plan), $"has a futures price ({plan.FuturesPrice}) different from its decision price ({plan.DecisionPrice}); scenarios start without basis");
        var holding = plan.Holding;
        decimal cost = holding.AverageCost > 0m ? holding.AverageCost : plan.DecisionPrice;
        return Build(holding.Quantity, cost, plan.DecisionPrice, plan.HedgeRatio, plan.Leverage, plan.Contract, plan.StopPrice, plan.Rule,
            plan.Position.IsolatedMargin, plan.Quantity);
    }

    /// <summary>The setup of a spot holding and an open isolated short you already hold (linear or inverse).</summary>
    /// <param name="spotQuantity">Spot holding in base units (&gt; 0).</param>
    /// <param name="costBasis">Average cost per unit (&gt; 0).</param>
    /// <param name="hedge">The short futures position; its entry price is the decision price and its isolated margin the margin at risk.</param>
    /// <param name="stopPrice">Stop above the entry, or null.</param>
    /// <param name="rule">Liquidation rule; the contract's default when null.</param>
    /// <returns>The setup.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hedge"/> is null.</exception>
    /// <exception cref="ArgumentException">The position is long or cross.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static ScenarioSetup FromPosition(decimal spotQuantity, decimal costBasis, Position hedge, decimal? stopPrice = null, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(hedge);
        if (hedge.Side != Side.Short) Preconditions.ThrowArgument(nameof(hedge), "must be a short position (a hedge of a long spot holding)");
        if (hedge.MarginMode != MarginMode.Isolated) Preconditions.ThrowArgument(nameof(hedge), "must be isolated: a cross position's liquidation depends on the rest of the account");
        Preconditions.Positive(spotQuantity);
        Preconditions.Positive(costBasis);
        if (stopPrice is { } s && s <= hedge.EntryPrice)
            Preconditions.ThrowOutOfRange(nameof(stopPrice), s, $"must be above the entry price ({hedge.EntryPrice}) for a short hedge");
        var c = hedge.Contract;
        decimal coins = c.Type == ContractType.Linear ? hedge.Quantity * c.ContractSize : hedge.Quantity * c.ContractSize / hedge.EntryPrice;
        return Build(spotQuantity, costBasis, hedge.EntryPrice, coins / spotQuantity, hedge.Leverage, c, stopPrice, rule, hedge.IsolatedMargin, hedge.Quantity);
    }

    /// <summary>The same holding with another hedge ratio (same contract, leverage, stop and rule; the initial margin posted).</summary>
    /// <param name="hedgeRatio">Hedge ratio in [0, 10].</param>
    /// <returns>A new setup.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hedgeRatio"/> is outside [0, 10].</exception>
    public ScenarioSetup WithHedgeRatio(decimal hedgeRatio) =>
        Create(SpotQuantity, CostBasis, DecisionPrice, hedgeRatio, Leverage, Contract, StopPrice, Rule);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{SpotQuantity} spot @ {DecisionPrice} (cost {CostBasis}), short {HedgeQuantity} {Contract.Symbol} ({HedgeRatio:P0}) at {Leverage}x, initial margin {InitialMargin}, liquidation {(LiquidationPrice?.ToString(CultureInfo.InvariantCulture) ?? "none")} {SettlementAsset}, stop {(StopPrice?.ToString(CultureInfo.InvariantCulture) ?? "none")}");
}
