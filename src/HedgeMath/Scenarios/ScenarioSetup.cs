using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>
/// A spot holding and the short futures hedge on it, as a scenario needs them: quantities, prices, the
/// hedge's margin facts (from a margin model or a hedge plan), its stop-loss and the fee rate.
/// </summary>
/// <remarks>
/// The hedge is a short on the same asset, entered at the decision price, of
/// <c>HedgeQuantity = HedgeRatio × SpotQuantity</c> base units (unless given directly). Prices are in the
/// quote asset (USDT); quantities in base units (BTC). Liquidation price and initial margin are never
/// computed here: they come from an <see cref="IHedgeMarginModel"/> (the margin engine) or are passed in.
/// Creation validates. Immutable and thread-safe.
/// </remarks>
public sealed class ScenarioSetup
{
    private ScenarioSetup(decimal spotQuantity, decimal costBasis, decimal decisionPrice, decimal hedgeQuantity,
        decimal leverage, HedgeMargin margin, decimal? stopPrice, decimal feeRate, IHedgeMarginModel? marginModel)
    {
        SpotQuantity = spotQuantity;
        CostBasis = costBasis;
        DecisionPrice = decisionPrice;
        HedgeQuantity = hedgeQuantity;
        HedgeRatio = hedgeQuantity / spotQuantity;
        Leverage = leverage;
        Margin = margin;
        StopPrice = stopPrice;
        FeeRate = feeRate;
        MarginModel = marginModel;
    }

    /// <summary>Spot holding in base units (e.g. BTC).</summary>
    public decimal SpotQuantity { get; }
    /// <summary>Average cost of the spot holding per unit (quote asset).</summary>
    public decimal CostBasis { get; }
    /// <summary>Price at decision time; the hedge is entered here.</summary>
    public decimal DecisionPrice { get; }
    /// <summary>Short futures quantity in base units.</summary>
    public decimal HedgeQuantity { get; }
    /// <summary>Hedge quantity over spot quantity.</summary>
    public decimal HedgeRatio { get; }
    /// <summary>Leverage of the hedge.</summary>
    public decimal Leverage { get; }
    /// <summary>Initial (isolated) margin and liquidation price of the hedge.</summary>
    public HedgeMargin Margin { get; }
    /// <summary>The hedge's liquidation price (null: none).</summary>
    public decimal? LiquidationPrice => Margin.LiquidationPrice;
    /// <summary>Stop-loss price of the short hedge (above the decision price), or null for none.</summary>
    public decimal? StopPrice { get; }
    /// <summary>Taker fee rate charged on the hedge's notional at open and at close.</summary>
    public decimal FeeRate { get; }
    /// <summary>The margin model the facts came from, when known (used for the maintenance margin at the worst point).</summary>
    public IHedgeMarginModel? MarginModel { get; }

    /// <summary>Builds a setup whose margin facts come from <paramref name="marginModel"/>.</summary>
    /// <param name="spotQuantity">Spot holding in base units (&gt; 0).</param>
    /// <param name="costBasis">Average cost per unit (&gt; 0).</param>
    /// <param name="decisionPrice">Price now, where the hedge is entered (&gt; 0).</param>
    /// <param name="hedgeRatio">Hedge ratio in [0, 2] (1 = full hedge; above 1 over-hedged).</param>
    /// <param name="leverage">Leverage in [1, 125].</param>
    /// <param name="marginModel">The margin model (the margin engine for a contract and rule set).</param>
    /// <param name="stopPrice">Stop-loss of the short hedge, above <paramref name="decisionPrice"/>; null for none.</param>
    /// <param name="feeRate">Taker fee rate in [0, 1).</param>
    /// <returns>The setup.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="marginModel"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range, or the stop is not above the decision price.</exception>
    public static ScenarioSetup Create(decimal spotQuantity, decimal costBasis, decimal decisionPrice, decimal hedgeRatio,
        decimal leverage, IHedgeMarginModel marginModel, decimal? stopPrice = null, decimal feeRate = 0m)
    {
        Preconditions.Positive(spotQuantity);
        Preconditions.InRange(hedgeRatio, 0m, 2m);
        Preconditions.NotNull(marginModel);
        Validate(costBasis, decisionPrice, leverage, stopPrice, feeRate);
        decimal hedgeQuantity = hedgeRatio * spotQuantity;
        HedgeMargin margin;
        try { margin = hedgeQuantity > 0m ? marginModel.ShortHedge(hedgeQuantity, decisionPrice, leverage) : new HedgeMargin(0m, null); }
        catch (ArgumentException e) when (e.ParamName is not (nameof(spotQuantity) or nameof(costBasis) or nameof(decisionPrice) or nameof(hedgeRatio) or nameof(leverage) or nameof(marginModel) or nameof(stopPrice) or nameof(feeRate)))
        {
            // The margin model's rule broken by the hedge this setup derives: name the input that set it.
            bool size = e.ParamName == "quantity" && !e.Message.Contains("rounds to 0", StringComparison.Ordinal);
            throw size ? Preconditions.Renamed(e, nameof(spotQuantity), spotQuantity) : Preconditions.Renamed(e, nameof(decisionPrice), decisionPrice);
        }
        return new ScenarioSetup(spotQuantity, costBasis, decisionPrice, hedgeQuantity, leverage, margin, stopPrice, feeRate, marginModel);
    }

    /// <summary>Builds a setup from a hedge whose margin facts are already known (e.g. from a hedge plan or the margin engine).</summary>
    /// <param name="spotQuantity">Spot holding in base units (&gt; 0).</param>
    /// <param name="costBasis">Average cost per unit (&gt; 0).</param>
    /// <param name="decisionPrice">Entry price of the hedge (&gt; 0).</param>
    /// <param name="hedgeQuantity">Short futures quantity in base units, in [0, 10 × spot].</param>
    /// <param name="leverage">Leverage in [1, 125].</param>
    /// <param name="margin">Initial margin and liquidation price of that hedge.</param>
    /// <param name="stopPrice">Stop-loss above the entry; null for none.</param>
    /// <param name="feeRate">Taker fee rate in [0, 1).</param>
    /// <param name="marginModel">Optional model for the maintenance margin at the worst point.</param>
    /// <returns>The setup.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="margin"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range, or the stop is not above the entry.</exception>
    public static ScenarioSetup FromHedge(decimal spotQuantity, decimal costBasis, decimal decisionPrice, decimal hedgeQuantity,
        decimal leverage, HedgeMargin margin, decimal? stopPrice = null, decimal feeRate = 0m, IHedgeMarginModel? marginModel = null)
    {
        Preconditions.Positive(spotQuantity);
        if (hedgeQuantity < 0m || hedgeQuantity / 10m > spotQuantity)
            Preconditions.ThrowOutOfRange(nameof(hedgeQuantity), hedgeQuantity, $"must be in the range [0, 10 × spotQuantity] (spotQuantity = {spotQuantity})");
        Preconditions.NotNull(margin);
        Validate(costBasis, decisionPrice, leverage, stopPrice, feeRate);
        if (margin.LiquidationPrice is { } l && hedgeQuantity > 0m && l <= decisionPrice)
            Preconditions.ThrowOutOfRange(nameof(margin), l, $"liquidation price of a short hedge must be above its entry ({decisionPrice})");
        return new ScenarioSetup(spotQuantity, costBasis, decisionPrice, hedgeQuantity, leverage, margin, stopPrice, feeRate, marginModel);
    }

    /// <summary>The setup of a same-asset hedge plan on a linear contract: its spot holding, lot-rounded hedge quantity, leverage, margin facts, stop (as the plan resolves it to a price) and taker fee.</summary>
    /// <param name="plan">The plan (from <see cref="HedgeMath.Hedging.HedgePlan.Create"/>).</param>
    /// <param name="feeRate">Fee rate; the contract's taker fee when null.</param>
    /// <returns>The setup; its margin facts are the plan's (<see cref="HedgeMath.Hedging.HedgePlan.InitialMargin"/>, <see cref="HedgeMath.Hedging.HedgePlan.LiquidationPrice"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">The plan is a cross-hedge, on an inverse contract, or its futures price differs from the decision price.</exception>
    public static ScenarioSetup FromPlan(HedgeMath.Hedging.HedgePlan plan, decimal? feeRate = null)
    {
        Preconditions.NotNull(plan);
        if (plan.IsCrossHedge) Preconditions.ThrowArgument(nameof(plan), "must hedge the same asset it holds; scenarios do not model a cross-hedge's basis");
        if (plan.Contract.Type != HedgeMath.Positions.ContractType.Linear) Preconditions.ThrowArgument(nameof(plan), $"must use a linear contract; {plan.Contract.Symbol} is {plan.Contract.Type}");
        if (plan.FuturesPrice != plan.DecisionPrice)
            Preconditions.ThrowArgument(nameof(plan), $"has a futures price ({plan.FuturesPrice}) different from its decision price ({plan.DecisionPrice}); scenarios start without basis");
        var holding = plan.Holding;
        decimal cost = holding.AverageCost > 0m ? holding.AverageCost : plan.DecisionPrice;
        return FromHedge(holding.Quantity, cost, plan.DecisionPrice, plan.Quantity, plan.Leverage,
            new HedgeMargin(plan.InitialMargin, plan.LiquidationPrice), plan.StopPrice, feeRate ?? plan.Contract.TakerFeeRate,
            ContractMarginModel.For(plan.Contract, plan.Rule));
    }

    /// <summary>The setup of a spot holding and an open isolated short on a linear contract (e.g. a position you already hold), with the liquidation price from <see cref="HedgeMath.Margin.MarginCalc.LiquidationPrice"/>.</summary>
    /// <param name="spotQuantity">Spot holding in base units (&gt; 0).</param>
    /// <param name="costBasis">Average cost per unit (&gt; 0).</param>
    /// <param name="hedge">The short futures position; its entry price is the decision price and its isolated margin the margin at risk.</param>
    /// <param name="stopPrice">Stop above the entry, or null.</param>
    /// <param name="feeRate">Fee rate; the contract's taker fee when null.</param>
    /// <param name="rule">Liquidation rule; the contract's default when null.</param>
    /// <returns>The setup.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hedge"/> is null.</exception>
    /// <exception cref="ArgumentException">The position is long, cross, or on an inverse contract.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static ScenarioSetup FromPosition(decimal spotQuantity, decimal costBasis, HedgeMath.Positions.Position hedge, decimal? stopPrice = null,
        decimal? feeRate = null, HedgeMath.Margin.LiquidationRule? rule = null)
    {
        Preconditions.NotNull(hedge);
        if (hedge.Side != HedgeMath.Positions.Side.Short) Preconditions.ThrowArgument(nameof(hedge), "must be a short position (a hedge of a long spot holding)");
        if (hedge.MarginMode != HedgeMath.Positions.MarginMode.Isolated) Preconditions.ThrowArgument(nameof(hedge), "must be isolated: a cross position's liquidation depends on the rest of the account");
        if (hedge.Contract.Type != HedgeMath.Positions.ContractType.Linear) Preconditions.ThrowArgument(nameof(hedge), $"must be on a linear contract; {hedge.Contract.Symbol} is {hedge.Contract.Type}");
        var margin = new HedgeMargin(hedge.IsolatedMargin, HedgeMath.Margin.MarginCalc.LiquidationPrice(hedge, rule));
        return FromHedge(spotQuantity, costBasis, hedge.EntryPrice, hedge.Quantity * hedge.Contract.ContractSize, hedge.Leverage, margin, stopPrice,
            feeRate ?? hedge.Contract.TakerFeeRate, ContractMarginModel.For(hedge.Contract, rule));
    }

    /// <summary>The same holding with another hedge ratio (margin facts from the same model).</summary>
    /// <param name="hedgeRatio">Hedge ratio in [0, 2].</param>
    /// <returns>A new setup.</returns>
    /// <exception cref="InvalidOperationException">The setup was built without a margin model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hedgeRatio"/> is outside [0, 2].</exception>
    public ScenarioSetup WithHedgeRatio(decimal hedgeRatio) =>
        Create(SpotQuantity, CostBasis, DecisionPrice, hedgeRatio, Leverage,
            MarginModel ?? throw new InvalidOperationException("This setup has no margin model; build it with ScenarioSetup.Create."),
            StopPrice, FeeRate);

    private static void Validate(decimal costBasis, decimal decisionPrice, decimal leverage, decimal? stopPrice, decimal feeRate)
    {
        Preconditions.Positive(costBasis);
        Preconditions.Positive(decisionPrice);
        Preconditions.InRange(leverage, 1m, 125m);
        Preconditions.InRangeHalfOpen(feeRate, 0m, 1m);
        if (stopPrice is { } s && s <= decisionPrice)
            Preconditions.ThrowOutOfRange(nameof(stopPrice), s, $"must be above the decision price ({decisionPrice}) for a short hedge");
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{SpotQuantity} spot @ {DecisionPrice} (cost {CostBasis}), short {HedgeQuantity} ({HedgeRatio:P0}) at {Leverage}x, {Margin}, stop {(StopPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")}, fee {FeeRate}");
}
