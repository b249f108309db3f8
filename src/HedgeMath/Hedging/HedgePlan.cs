using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>
/// A hedge written down before acting: a spot holding, the share of it to hedge, the futures contract and
/// leverage, the price at decision time — and what follows: size, notional, margin, liquidation, funding,
/// fees, the stop, and the warnings a careful trader would raise.
/// </summary>
/// <remarks>
/// <para>The hedge is a <b>short</b> futures position against a long spot holding. Hedged value = spot
/// value × hedge ratio (quote asset). Target size, same asset: <c>ratio · quantity / contract size</c> (linear)
/// or <c>ratio · quantity · futures price / contract size</c> USD contracts (inverse), so the coin units hedged do
/// not depend on the spot–futures basis; cross-hedge: <c>hedged value / (futures price · contract size)</c>
/// (linear) or <c>hedged value / contract size</c> (inverse). The size is rounded
/// <b>down</b> to the lot step (<see cref="Contract.RoundQuantity"/>; an order is never larger than asked) and
/// the difference reported. Margin, maintenance margin and the liquidation price come from
/// <see cref="MarginCalc.Isolated"/> under the plan's rule (an isolated position at the futures price);
/// funding from <see cref="Funding"/> (positive = received; at a positive rate a short receives); fees from the
/// contract's rates. Money is in the contract's settlement asset unless a name says "quote".</para>
/// <para>Worked example: 1.0 BTC at 50,000 hedged 0.5 at 10x on BTCUSDT → hedged value 25,000, notional
/// 25,000, initial margin 2,500 USDT.</para>
/// <para>Every creation path validates; <see cref="WithStop"/> returns a new validated plan. The rules that act on the
/// hedge over time (remove, raise, …) are <see cref="PlanRule"/>s on the plan's definition:
/// <see cref="PlanDefinition.FromHedgePlan(HedgePlan, IEnumerable{PlanRule}, PlanReentry, bool)"/>. Immutable and thread-safe.</para>
/// </remarks>
public sealed class HedgePlan
{
    private readonly HedgeBook _book;

    private HedgePlan(SpotHolding holding, decimal hedgeRatio, Contract contract, decimal leverage, decimal decisionPrice,
        HedgePlanOptions options, LegStop? stop)
    {
        Holding = holding; HedgeRatio = hedgeRatio; Contract = contract; Leverage = leverage; DecisionPrice = decisionPrice;
        Options = options; Stop = stop;
        FuturesPrice = options.FuturesPrice ?? decisionPrice;
        IsCrossHedge = !string.Equals(holding.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase);
        SpotValue = holding.Quantity * decisionPrice;
        HedgedValue = SpotValue * hedgeRatio;
        // Same asset: hedge ratio × quantity units of the coin, whatever the spot–futures basis (linear: units / size;
        // inverse: USD contracts worth those units at the futures price). Cross-hedge: the hedged value in the
        // futures (linear: value / (futures price · size); inverse: value / size USD contracts).
        decimal units = holding.Quantity * hedgeRatio;
        TargetQuantity = IsCrossHedge ? ContractsForValue(contract, HedgedValue, FuturesPrice) : ContractsForUnits(contract, units, FuturesPrice);
        Quantity = contract.RoundQuantity(TargetQuantity);
        if (Quantity <= 0m)
            Preconditions.ThrowOutOfRange(nameof(hedgeRatio), hedgeRatio, string.Create(CultureInfo.InvariantCulture,
                $"gives a hedge of {TargetQuantity} on {contract.Symbol}, below one lot step ({contract.LotStep})"));
        Position = Position.Open(contract, Side.Short, Quantity, FuturesPrice, leverage, MarginMode.Isolated, options.IsolatedMargin);
        Margin = MarginCalc.Isolated(Position, FuturesPrice, options.Rule);
        OpenFee = Position.OpenFee(options.MakerFees);
        CloseFee = Position.CloseFee(FuturesPrice, options.MakerFees);
        var projection = Funding.Project(Position, FuturesPrice, options.FundingRatePerInterval);
        FundingPerDay = projection.PerDay;
        ProtectionAtMove = contract.Pnl(Side.Short, Quantity, FuturesPrice, FuturesPrice * (1m - options.ProtectionMove));
        StopPrice = stop is null ? null : ResolveStop(stop);
        Warnings = ComputeWarnings();
        _book = HedgeBook.Empty.Open(contract, Side.Short, Quantity, FuturesPrice, leverage, MarginMode.Isolated, options.IsolatedMargin,
            StopPrice is { } sp ? stop!.Order(sp) : null, options.MakerFees, options.Rule).Book;
    }

    // The same plan with another stop: sizing, margin, fees and funding do not depend on them, so they are
    // copied; the stop price and the warnings (which depend on the stop) are recomputed when the stop changes.
    private HedgePlan(HedgePlan p, LegStop? stop)
    {
        Holding = p.Holding; HedgeRatio = p.HedgeRatio; Contract = p.Contract; Leverage = p.Leverage; DecisionPrice = p.DecisionPrice;
        Options = p.Options; FuturesPrice = p.FuturesPrice; IsCrossHedge = p.IsCrossHedge; SpotValue = p.SpotValue; HedgedValue = p.HedgedValue;
        TargetQuantity = p.TargetQuantity; Quantity = p.Quantity; Position = p.Position; Margin = p.Margin; OpenFee = p.OpenFee; CloseFee = p.CloseFee;
        FundingPerDay = p.FundingPerDay; ProtectionAtMove = p.ProtectionAtMove; _book = p._book;
        Stop = stop;
        bool sameStop = ReferenceEquals(stop, p.Stop);
        StopPrice = sameStop ? p.StopPrice : stop is null ? null : ResolveStop(stop);
        Warnings = sameStop ? p.Warnings : ComputeWarnings();
        // The engine's book carries the stop order, so a new stop is set on the book's leg too.
        if (!sameStop) _book = p._book.WithStop(0, StopPrice is { } sp ? stop!.Order(sp) : null);
    }

    /// <summary>
    /// The ONE sizing of a same-asset hedge: <paramref name="units"/> coins of the contract's base asset as contracts —
    /// linear <c>units / contract size</c>; inverse <c>units · futures price / contract size</c> USD contracts (the coin
    /// value at the futures price), so the coins hedged do not depend on the spot–futures basis. Not rounded.
    /// </summary>
    internal static decimal ContractsForUnits(Contract contract, decimal units, decimal futuresPrice) =>
        contract.Type == ContractType.Linear ? units / contract.ContractSize : units * futuresPrice / contract.ContractSize;

    /// <summary>
    /// The ONE sizing of a hedge by value (a cross-hedge: SOL spot with BTC futures; a rebalancing bucket's notional):
    /// <paramref name="value"/> in the quote asset as contracts — linear <c>value / (futures price · contract size)</c>;
    /// inverse <c>value / contract size</c> USD contracts. Not rounded.
    /// </summary>
    internal static decimal ContractsForValue(Contract contract, decimal value, decimal futuresPrice) =>
        contract.Type == ContractType.Linear ? value / (futuresPrice * contract.ContractSize) : value / contract.ContractSize;

    /// <summary>The spot holding hedged.</summary>
    public SpotHolding Holding { get; }
    /// <summary>The requested hedge ratio (hedged value / spot value; 0.25 and 0.5 are the usual partial hedges, 1 full).</summary>
    public decimal HedgeRatio { get; }
    /// <summary>The futures contract.</summary>
    public Contract Contract { get; }
    /// <summary>The leverage of the hedge.</summary>
    public decimal Leverage { get; }
    /// <summary>The spot price at decision time (quote asset).</summary>
    public decimal DecisionPrice { get; }
    /// <summary>The futures entry price (the decision price unless <see cref="HedgePlanOptions.FuturesPrice"/> was given).</summary>
    public decimal FuturesPrice { get; }
    /// <summary>The options used.</summary>
    public HedgePlanOptions Options { get; }
    /// <summary>The side of the hedge: always <see cref="Side.Short"/> (a long spot holding is hedged by selling futures).</summary>
    public Side Side => Side.Short;
    /// <summary>True when the spot asset differs from the contract's base asset (e.g. SOL spot hedged with BTC futures).</summary>
    public bool IsCrossHedge { get; }
    /// <summary>Spot quantity × decision price (quote asset).</summary>
    public decimal SpotValue { get; }
    /// <summary>Spot value × hedge ratio: the value the hedge is meant to cover (quote asset).</summary>
    public decimal HedgedValue { get; }
    /// <summary>The futures size before rounding (linear: base units; inverse: contracts).</summary>
    public decimal TargetQuantity { get; }
    /// <summary>The futures size rounded down to the lot step.</summary>
    public decimal Quantity { get; }
    /// <summary>Quantity − target quantity (≤ 0: rounding down under-hedges by this much).</summary>
    public decimal QuantityRoundingError => Quantity - TargetQuantity;
    /// <summary>The hedge ratio actually achieved after rounding: same asset, coin units hedged / coin units held; cross-hedge, notional in quote / spot value.</summary>
    public decimal EffectiveHedgeRatio => IsCrossHedge
        ? NotionalInQuote / SpotValue
        : (Contract.Type == ContractType.Linear ? Quantity * Contract.ContractSize : Quantity * Contract.ContractSize / FuturesPrice) / Holding.Quantity;
    /// <summary>The short futures position the plan opens.</summary>
    public Position Position { get; }
    /// <summary>The margin picture of the hedge at entry (from <see cref="MarginCalc.Isolated"/>).</summary>
    public MarginSnapshot Margin { get; }
    /// <summary>The hedge's notional at entry in the settlement asset.</summary>
    public decimal Notional => Margin.Notional;
    /// <summary>The hedge's notional at entry in the quote asset (linear: = <see cref="Notional"/>; inverse: contracts × contract size).</summary>
    public decimal NotionalInQuote => Contract.Type == ContractType.Linear ? Notional : Quantity * Contract.ContractSize;
    /// <summary>Initial margin (settlement asset).</summary>
    public decimal InitialMargin => Margin.InitialMargin;
    /// <summary>Maintenance margin at entry under the plan's rule (settlement asset).</summary>
    public decimal MaintenanceMargin => Margin.MaintenanceMargin;
    /// <summary>The liquidation price of the hedge; null when no positive price liquidates it.</summary>
    public decimal? LiquidationPrice => Margin.LiquidationPrice;
    /// <summary>The rule the margin figures were computed with.</summary>
    public LiquidationRule Rule => Margin.Rule;
    /// <summary>The settlement asset of the money figures.</summary>
    public string SettlementAsset => Contract.SettlementAsset;
    /// <summary>Fee to open the hedge (settlement asset).</summary>
    public decimal OpenFee { get; }
    /// <summary>Fee to close the hedge at the entry price (settlement asset; the close fee scales with the exit price).</summary>
    public decimal CloseFee { get; }
    /// <summary>Open + close fee at the entry price.</summary>
    public decimal RoundTripFees => OpenFee + CloseFee;
    /// <summary>Funding cash flow per day at the assumed rate (positive = received, negative = paid; settlement asset).</summary>
    public decimal FundingPerDay { get; }
    /// <summary>Funding cash flow per 30 days at the assumed rate.</summary>
    public decimal FundingPer30Days => FundingPerDay * 30m;
    /// <summary>Funding cash flow over the planned holding period at the assumed rate.</summary>
    public decimal FundingOverHoldingPeriod => FundingPerDay * Options.HoldingPeriodDays;
    /// <summary>The hedge's gain if the futures price falls by <see cref="HedgePlanOptions.ProtectionMove"/> (settlement asset).</summary>
    public decimal ProtectionAtMove { get; }
    /// <summary>The stop-loss on the hedge, if any.</summary>
    public LegStop? Stop { get; }
    /// <summary>The stop as a futures price (a maximum cost turned into a price); null without a stop or when no price reaches the cost (inverse).</summary>
    public decimal? StopPrice { get; }
    /// <summary>The hedge's loss if stopped at <see cref="StopPrice"/>, before fees (positive number, settlement asset); null without a stop price.</summary>
    public decimal? LossAtStop => StopPrice is { } s ? -Contract.Pnl(Side.Short, Quantity, FuturesPrice, s) : null;
    /// <summary>The warnings, in a fixed order of codes.</summary>
    public ImmutableArray<HedgeWarning> Warnings { get; }

    /// <summary>Creates a hedge plan for a long spot holding.</summary>
    /// <param name="holding">The spot holding (quantity &gt; 0).</param>
    /// <param name="hedgeRatio">Hedged value / spot value, in (0, 10]: 0.25 or 0.5 partial, 1 full, above 1 over-hedged (warned).</param>
    /// <param name="contract">The futures contract to short.</param>
    /// <param name="leverage">The leverage, in [1, the contract's maximum for the notional].</param>
    /// <param name="decisionPrice">The spot price now (quote asset), &gt; 0.</param>
    /// <param name="options">Thresholds, funding rate, futures price; <see cref="HedgePlanOptions.Default"/> when null.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="holding"/> or <paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (ratio outside (0, 10], leverage outside the contract's limits, the size rounds to 0 lots).</exception>
    /// <exception cref="ArgumentException">An option is invalid (the message names it), or a cross-hedge has no futures price.</exception>
    public static HedgePlan Create(SpotHolding holding, decimal hedgeRatio, Contract contract, decimal leverage, decimal decisionPrice,
        HedgePlanOptions? options = null)
    {
        Preconditions.NotNull(holding);
        Preconditions.NotNull(contract);
        if (holding.Quantity <= 0m) Preconditions.ThrowOutOfRange(nameof(holding), holding.Quantity, "must hold a quantity greater than 0");
        if (hedgeRatio <= 0m || hedgeRatio > MaxHedgeRatio)
            Preconditions.ThrowOutOfRange(nameof(hedgeRatio), hedgeRatio, $"must be in (0, {MaxHedgeRatio}] (hedged value / spot value)");
        Preconditions.Positive(decisionPrice);
        options ??= HedgePlanOptions.Default;
        ValidateOptions(options);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, string.Create(CultureInfo.InvariantCulture,
                $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        bool cross = !string.Equals(holding.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase);
        if (cross && options.FuturesPrice is null)
            Preconditions.ThrowArgument(nameof(options), string.Create(CultureInfo.InvariantCulture,
                $"must give FuturesPrice for a cross-hedge ({holding.Asset} spot with {contract.Symbol} futures)"));
        try
        {
            return new HedgePlan(holding, hedgeRatio, contract, leverage, decisionPrice, options, null);
        }
        catch (OverflowException)
        {
            Preconditions.ThrowOutOfRange(nameof(holding), holding.Quantity, "with this price and ratio overflows decimal");
            throw;
        }
        catch (ArgumentException e) when (e.ParamName is not (nameof(holding) or nameof(hedgeRatio) or nameof(contract) or nameof(leverage) or nameof(decisionPrice) or nameof(options)))
        {
            // A rule of Position/MarginCalc broken by the size this plan derives: name the input that set it.
            bool size = e.ParamName == "quantity" && !e.Message.Contains("rounds to 0", StringComparison.Ordinal);
            throw size ? Preconditions.Renamed(e, nameof(hedgeRatio), hedgeRatio) : Preconditions.Renamed(e, nameof(decisionPrice), decisionPrice);
        }
    }

    /// <summary>Creates a cross-hedge plan whose ratio comes from data (e.g. SOL spot hedged with BTC futures).</summary>
    /// <param name="holding">The spot holding.</param>
    /// <param name="estimate">A minimum-variance estimate on <b>returns</b> (value per value): its h* is the hedge ratio, and its ρ and residual volatility go into the basis-risk warning.</param>
    /// <param name="contract">The futures contract.</param>
    /// <param name="leverage">The leverage.</param>
    /// <param name="spotPrice">The spot price now.</param>
    /// <param name="futuresPrice">The futures price now.</param>
    /// <param name="options">Other options (their FuturesPrice and CrossHedgeEstimate are replaced).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The estimate's h* is NaN, infinite, not positive or above 10 (named <paramref name="estimate"/>); or another number breaks its rule.</exception>
    /// <exception cref="ArgumentException">The estimate is on price changes (units per unit, not value per value).</exception>
    public static HedgePlan CreateCrossHedge(SpotHolding holding, MinimumVarianceHedge estimate, Contract contract, decimal leverage,
        decimal spotPrice, decimal futuresPrice, HedgePlanOptions? options = null)
    {
        Preconditions.NotNull(estimate);
        double h = estimate.HedgeRatio;
        if (!double.IsFinite(h) || h <= 0d || h > (double)MaxHedgeRatio)
            Preconditions.ThrowOutOfRange(nameof(estimate), h, $"has h* (HedgeRatio) {h.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be a finite number in (0, {MaxHedgeRatio}]");
        if (estimate.Basis is HedgeRatioBasis.PricesToPriceChanges or HedgeRatioBasis.InputsAreChanges)
            Preconditions.ThrowArgument(nameof(estimate), $"is on basis {estimate.Basis}; a value hedge ratio needs returns (PricesToSimpleReturns or PricesToLogReturns)");
        Preconditions.Positive(spotPrice);
        Preconditions.Positive(futuresPrice);
        try { _ = (decimal)h * spotPrice / futuresPrice; }
        catch (OverflowException)
        {
            // The hedge's size per unit of spot is h*·spot/futures: a futures price this small makes it leave decimal's range.
            Preconditions.ThrowOutOfRange(nameof(futuresPrice), futuresPrice, "is so small against the spot price that the hedge size overflows decimal");
        }
        var o = (options ?? HedgePlanOptions.Default) with { FuturesPrice = futuresPrice, CrossHedgeEstimate = estimate };
        try { return Create(holding, Math.Round((decimal)h, 6), contract, leverage, spotPrice, o); }
        catch (ArgumentException e) when (e.ParamName is "decisionPrice" or "hedgeRatio")
        {
            // Create names its decisionPrice or hedgeRatio for a size rule the position broke (a notional beyond the tiers);
            // the position's size is value / futures price and it opens at the futures price.
            throw Preconditions.Renamed(e, nameof(futuresPrice), futuresPrice);
        }
    }

    /// <summary>The highest hedge ratio a plan accepts (beyond it an input error is far more likely than intent).</summary>
    public const decimal MaxHedgeRatio = 10m;

    /// <summary>The same plan with a stop-loss on the hedge.</summary>
    /// <param name="stop">The stop: a price (above the futures entry: a short loses above entry), a distance above the entry,
    /// or the largest hedge loss accepted (<see cref="LegStop.MaxHedgeCost"/>); watched on its trigger price with its
    /// slippage by the plan's engine book. An ATR stop needs candles: put it on a <see cref="PlanLeg"/>.</param>
    /// <returns>A new plan (warnings recomputed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price stop at or below the entry price (the wrong side for a short).</exception>
    /// <exception cref="ArgumentException">An ATR-multiple stop.</exception>
    public HedgePlan WithStop(LegStop stop)
    {
        Preconditions.NotNull(stop);
        if (stop.Kind == LegStopKind.AtrMultiple)
            Preconditions.ThrowArgument(nameof(stop), $"is {stop}: a one-off plan has no candles to measure the ATR on; put the stop on a PlanLeg of a PlanDefinition");
        if (stop.Kind == LegStopKind.Price && stop.Value <= FuturesPrice)
            Preconditions.ThrowOutOfRange(nameof(stop), stop.Value, string.Create(CultureInfo.InvariantCulture,
                $"must be above the hedge's entry price {FuturesPrice}: a short hedge loses when the price rises"));
        try { return new HedgePlan(this, stop); }
        catch (OverflowException)
        {
            Preconditions.ThrowOutOfRange(nameof(stop), stop.Value, "overflows decimal when turned into a stop price");
            throw;
        }
    }

    /// <summary>True when the futures price has reached the stop (at or above <see cref="StopPrice"/>).</summary>
    /// <param name="futuresPrice">The futures price, &gt; 0.</param>
    /// <returns>Whether the stop fires; false without a stop price.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="futuresPrice"/> is not positive.</exception>
    public bool IsStopTriggered(decimal futuresPrice)
    {
        Preconditions.Positive(futuresPrice);
        return StopPrice is { } s && futuresPrice >= s;
    }

    /// <summary>The funding the hedge would have received or paid over a real funding series, at the entry price.</summary>
    /// <param name="events">Funding prints (e.g. <c>btcusdt_funding_8h.csv</c>).</param>
    /// <param name="from">Window start (inclusive).</param>
    /// <param name="to">Window end (exclusive).</param>
    /// <returns>The total (positive = received) from <see cref="Funding.Total(Position, IReadOnlyList{FundingEvent}, DateTimeOffset, DateTimeOffset, decimal)"/>.</returns>
    /// <exception cref="ArgumentException">The window is empty or an argument is invalid.</exception>
    public FundingTotal FundingOver(IReadOnlyList<FundingEvent> events, DateTimeOffset from, DateTimeOffset to) =>
        Funding.Total(Position, events, from, to, FuturesPrice);

    /// <summary>What the plan gives at a later price, against the cost basis and against the decision price, run on the hedge engine.</summary>
    /// <param name="spotPrice">The later spot price, &gt; 0.</param>
    /// <param name="futuresPrice">The later futures price; the spot price when null (same asset, no basis).</param>
    /// <param name="funding">Funding in or out: <see cref="FundingTerms.None"/> (the default) for an instant move, or
    /// <see cref="FundingTerms.Constant"/> for a rate over a holding period.</param>
    /// <returns>Both views, the hedge's exit (open, stopped or liquidated, and at what price), fees and funding (quote asset; the settlement-asset figures too).</returns>
    /// <remarks>
    /// <b>Path assumption:</b> the futures price moves in a straight line from the entry (<see cref="FuturesPrice"/>) to
    /// <paramref name="futuresPrice"/> over the holding period of <paramref name="funding"/>
    /// (<see cref="HedgeBook.MoveStraight"/>). The stop (<see cref="StopPrice"/>, on the mark, no slippage) and the
    /// liquidation price are applied where the path crosses them, whichever comes first: a stopped hedge is closed at the
    /// stop (taker fee) and the spot runs on unhedged; a liquidated hedge loses its isolated margin
    /// (<see cref="HedgePlanOptions.IsolatedMargin"/> or the initial margin), never more. An open hedge is valued at
    /// <paramref name="futuresPrice"/> with the fee to close it there. Inverse figures are converted to the quote asset at
    /// <paramref name="futuresPrice"/>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive.</exception>
    /// <exception cref="ArgumentException">A cross-hedge is evaluated without a futures price.</exception>
    public HedgeOutcome OutcomeAt(decimal spotPrice, decimal? futuresPrice = null, FundingTerms? funding = null)
    {
        Preconditions.Positive(spotPrice);
        if (futuresPrice is null && IsCrossHedge)
            Preconditions.ThrowArgument(nameof(futuresPrice), "is required for a cross-hedge (spot and futures are different assets)");
        decimal f = futuresPrice ?? spotPrice;
        Preconditions.Positive(f, nameof(futuresPrice));
        var end = _book.MoveStraight(FuturesPrice, f, funding ?? FundingTerms.None);
        try
        {
            return HedgeOutcome.FromLeg(end.Legs[0], spotPrice, f, Holding.Quantity * (spotPrice - Holding.AverageCost),
                Holding.Quantity * (spotPrice - DecisionPrice), Options.MakerFees, BaseQuantity(Contract, Quantity, FuturesPrice));
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(spotPrice), spotPrice, ex); throw; }
    }

    private decimal? ResolveStop(LegStop stop)
    {
        if (stop.Kind == LegStopKind.Price) return stop.Value;
        if (stop.Kind == LegStopKind.Distance) return FuturesPrice * (1m + stop.Value);
        decimal perUnit = Quantity * Contract.ContractSize;
        if (Contract.Type == ContractType.Linear) return FuturesPrice + stop.Value / perUnit;
        decimal inv = 1m / FuturesPrice - stop.Value / perUnit;
        return inv > 0m ? 1m / inv : null;
    }

    private ImmutableArray<HedgeWarning> ComputeWarnings()
    {
        var w = ImmutableArray.CreateBuilder<HedgeWarning>();
        string ccy = SettlementAsset;
        if (Leverage > Options.LeverageCap)
            w.Add(Warn(HedgeWarningCode.LeverageAboveCap,
                string.Create(CultureInfo.InvariantCulture, $"Leverage {Leverage}x is above the cap of {Options.LeverageCap}x; the liquidation price is {Px(LiquidationPrice, MidpointRounding.ToZero)} ({Margin.DistanceToLiquidation * 100m:0.##} % away)."),
                ("leverage", Leverage), ("cap", Options.LeverageCap), ("liquidation price", LiquidationPrice)));
        if (StopPrice is { } stop && LiquidationPrice is { } liq)
        {
            decimal guard = stop * (1m + Options.LiquidationBuffer);
            if (liq < guard)
            {
                // The fix, from the margin solver: the highest leverage (and its margin) that keeps liquidation at or beyond stop·(1 + buffer).
                var fix = MarginCalc.MaxLeverageForStop(Contract, Side.Short, Quantity, FuturesPrice, stop, Options.LiquidationBuffer, Rule);
                if (liq <= stop)
                    w.Add(Warn(HedgeWarningCode.StopBeyondLiquidation,
                        string.Create(CultureInfo.InvariantCulture, $"The stop at {Px(stop)} is beyond the liquidation price {Px(liq, MidpointRounding.ToZero)}: the hedge is liquidated before the stop can fire. Use at most {fix.Leverage}x (margin {Money(fix.Margin)} {ccy}) to keep liquidation at or above {Px(guard, MidpointRounding.ToPositiveInfinity)}."),
                        ("stop price", stop), ("liquidation price", liq), ("leverage", Leverage), ("max leverage for stop", fix.Leverage), ("margin at max leverage", fix.Margin)));
                else
                    w.Add(Warn(HedgeWarningCode.LiquidationNearStop,
                        string.Create(CultureInfo.InvariantCulture, $"The liquidation price {Px(liq, MidpointRounding.ToZero)} is within {Options.LiquidationBuffer:P0} of the stop at {Px(stop)} (needs to be at or above {Px(guard, MidpointRounding.ToPositiveInfinity)}); a gap or wick can liquidate before the stop fills. Use at most {fix.Leverage}x (margin {Money(fix.Margin)} {ccy})."),
                        ("stop price", stop), ("liquidation price", liq), ("required liquidation price", guard), ("buffer", Options.LiquidationBuffer),
                        ("max leverage for stop", fix.Leverage), ("margin at max leverage", fix.Margin)));
            }
        }
        // A minimum-variance cross-hedge ratio above 1 reflects the spot being more volatile than the futures, not a net short.
        if (HedgeRatio > 1m && !(IsCrossHedge && Options.CrossHedgeEstimate is not null))
            w.Add(Warn(HedgeWarningCode.OverHedged,
                $"Hedge ratio {HedgeRatio} is above 1: the short is larger than the holding and the book is net short {HedgedValue - SpotValue:0.##} in value.",
                ("hedge ratio", HedgeRatio), ("net short value (quote)", HedgedValue - SpotValue)));
        if (HedgeRatio >= Options.FullHedgeThreshold && !(IsCrossHedge && Options.CrossHedgeEstimate is not null))
        {
            // The funding clause uses the sign this plan computes (positive = received): a short receives at a positive rate.
            string funding = FundingPerDay < 0m ? "full fees and pays funding from day one"
                : FundingPerDay > 0m ? "full fees from day one (at the assumed rate it receives funding, which can turn negative)"
                : "full fees from day one";
            w.Add(Warn(HedgeWarningCode.FullHedgeAtOnce,
                $"Hedging {HedgeRatio:P0} at once: stage it instead (the strategy starts at 25–50 %), e.g. {HedgeRatio / 2m:0.##} now and the rest after the next signal or level; a full hedge also pays {funding}.",
                ("hedge ratio", HedgeRatio), ("threshold", Options.FullHedgeThreshold), ("suggested first stage", HedgeRatio / 2m)));
        }
        w.AddRange(Revenge(Leverage, BaseQuantity(Contract, Quantity, FuturesPrice), StopPrice is { } sp ? sp / FuturesPrice - 1m : null, Options.PreviousHedge));
        decimal fundingCost = -FundingOverHoldingPeriod;
        if (fundingCost > 0m && ProtectionAtMove > 0m && fundingCost > Options.FundingShareLimit * ProtectionAtMove)
            w.Add(Warn(HedgeWarningCode.FundingEatsProtection,
                string.Create(CultureInfo.InvariantCulture, $"Funding over {Options.HoldingPeriodDays} days costs {Money(fundingCost)} {ccy}, {fundingCost / ProtectionAtMove:P0} of the {Money(ProtectionAtMove)} {ccy} the hedge pays on a {Options.ProtectionMove:P0} fall (limit {Options.FundingShareLimit:P0})."),
                ("funding cost over holding period", fundingCost), ("protection", ProtectionAtMove), ("share", fundingCost / ProtectionAtMove), ("limit", Options.FundingShareLimit)));
        if (IsCrossHedge)
        {
            var e = Options.CrossHedgeEstimate;
            if (e is null)
                w.Add(HedgeWarning.CrossHedge(Holding.Asset, Contract, HedgeRatio));
            else
                w.Add(Warn(HedgeWarningCode.CrossHedgeBasisRisk,
                    $"{Holding.Asset} spot is hedged with {Contract.Symbol}: the hedge removed {e.Effectiveness:P0} of the variance in sample (ρ = {e.Correlation:0.###}); the residual (basis) volatility is {e.ResidualVolatility:P2} per observation against {e.SpotVolatility:P2} unhedged.",
                    ("hedge ratio", HedgeRatio), ("correlation", Dec(e.Correlation)), ("effectiveness", Dec(e.Effectiveness)),
                    ("residual volatility", Dec(e.ResidualVolatility)), ("spot volatility", Dec(e.SpotVolatility))));
        }
        if (Stop is null)
            w.Add(Warn(HedgeWarningCode.NoStop, "The hedge has no stop-loss: a rally keeps costing margin until liquidation.",
                ("liquidation price", LiquidationPrice)));
        if (TargetQuantity > 0m && -QuantityRoundingError / TargetQuantity > 0.01m)
            w.Add(Warn(HedgeWarningCode.LargeRoundingError,
                $"Rounding to the lot step {Contract.LotStep} cut the hedge from {TargetQuantity:0.########} to {Quantity} ({-QuantityRoundingError / TargetQuantity:P1}).",
                ("target quantity", TargetQuantity), ("quantity", Quantity), ("lot step", Contract.LotStep)));
        return w.ToImmutable();
    }

    /// <summary>
    /// The revenge-trading warnings after a losing <paramref name="previous"/> trade: leverage up
    /// (<see cref="HedgeWarningCode.LeverageRaisedAfterLoss"/>), size up in coins of the base asset
    /// (<see cref="HedgeWarningCode.SizeRaisedAfterLoss"/>), stop farther from the entry or removed
    /// (<see cref="HedgeWarningCode.StopWidenedAfterLoss"/>). A figure the previous trade does not give is not checked.
    /// </summary>
    /// <param name="leverage">This trade's leverage.</param>
    /// <param name="baseQuantity">This trade's size in coins of the base asset.</param>
    /// <param name="stopDistance">This trade's stop distance from its entry as a fraction (&gt; 0), or null without a stop.</param>
    /// <param name="previous">The previous trade, or null (nothing is checked).</param>
    internal static IEnumerable<HedgeWarning> Revenge(decimal leverage, decimal baseQuantity, decimal? stopDistance,
        (decimal Leverage, decimal RealizedPnl, decimal? BaseQuantity, decimal? StopDistance)? previous)
    {
        // "If a hedge trade results in a loss, do not immediately try to get back that loss by overleveraging" (the
        // strategy text); issue 28 item 6: more size, or a removed or widened stop, is the same move.
        if (previous is not { } p || p.RealizedPnl >= 0m) yield break;
        if (leverage > p.Leverage)
            yield return Warn(HedgeWarningCode.LeverageRaisedAfterLoss,
                string.Create(CultureInfo.InvariantCulture, $"The previous hedge lost {-p.RealizedPnl:#,0.##} and the leverage goes from {p.Leverage}x to {leverage}x: stepping leverage up to win a loss back is revenge trading. Keep {p.Leverage}x or lower."),
                ("previous leverage", p.Leverage), ("previous realized PnL", p.RealizedPnl), ("leverage", leverage), ("leverage increase", leverage - p.Leverage));
        if (p.BaseQuantity is { } q && baseQuantity > q)
            yield return Warn(HedgeWarningCode.SizeRaisedAfterLoss,
                string.Create(CultureInfo.InvariantCulture, $"The previous hedge lost {-p.RealizedPnl:#,0.##} and the size goes from {q:0.########} to {baseQuantity:0.########} coins ({baseQuantity / q - 1m:+0.#%}): sizing up to win a loss back is revenge trading. Keep {q:0.########} or less."),
                ("previous size (base asset)", q), ("previous realized PnL", p.RealizedPnl), ("size (base asset)", baseQuantity), ("size increase (base asset)", baseQuantity - q));
        if (p.StopDistance is { } d && (stopDistance is null || stopDistance > d))
            yield return Warn(HedgeWarningCode.StopWidenedAfterLoss,
                stopDistance is { } now
                    ? string.Create(CultureInfo.InvariantCulture, $"The previous hedge lost {-p.RealizedPnl:#,0.##} and the stop moves from {d:0.##%} to {now:0.##%} from the entry: giving a position more room to win a loss back is revenge trading. Keep the stop at {d:0.##%} or closer.")
                    : string.Create(CultureInfo.InvariantCulture, $"The previous hedge lost {-p.RealizedPnl:#,0.##} behind a stop {d:0.##%} from its entry and this one has no stop: dropping the stop to win a loss back is revenge trading. Keep a stop at {d:0.##%} or closer."),
                ("previous stop distance", d), ("previous realized PnL", p.RealizedPnl), ("stop distance", stopDistance));
    }

    /// <summary>A futures quantity in coins of the contract's base asset: linear base units × contract size; inverse contracts × contract size (quote) ÷ price.</summary>
    internal static decimal BaseQuantity(Contract contract, decimal quantity, decimal price) =>
        contract.Type == ContractType.Linear ? quantity * contract.ContractSize : quantity * contract.ContractSize / price;

    private static HedgeWarning Warn(HedgeWarningCode code, string message, params (string Name, decimal? Value)[] figures) =>
        new(code, message, figures.Where(f => f.Value is not null).Select(f => HedgeWarning.Fig(f.Name, f.Value!.Value)).ToImmutableArray());

    private static decimal Dec(double d) => double.IsFinite(d) ? Math.Round((decimal)d, 10) : 0m;

    /// <summary>A price as the reports show it: on the contract's tick (a liquidation price truncated, a bound rounded up), thousands separated.</summary>
    private string Px(decimal? price, MidpointRounding mode = MidpointRounding.AwayFromZero)
    {
        if (price is not { } p) return "none";
        int places = 0;
        for (decimal t = Contract.TickSize; t != decimal.Truncate(t) && places < 28; t *= 10m) places++;
        string format = "N" + places.ToString(CultureInfo.InvariantCulture);
        // A price too large for the tick grid (p / tick beyond decimal) is shown as it is rather than failing the warning.
        return p / Contract.TickSize < 1e27m ? Contract.RoundPrice(p, mode).ToString(format, CultureInfo.InvariantCulture) : p.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Money to the cent, thousands separated.</summary>
    private static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    internal static void ValidateOptions(HedgePlanOptions o)
    {
        const string p = "options";
        if (o.LeverageCap < 1m) Preconditions.ThrowOutOfRange(p, o.LeverageCap, "LeverageCap must be at least 1");
        if (o.FuturesPrice is { } fp && fp <= 0m) Preconditions.ThrowOutOfRange(p, fp, "FuturesPrice must be greater than 0");
        if (o.IsolatedMargin is { } im && im <= 0m) Preconditions.ThrowOutOfRange(p, im, "IsolatedMargin must be greater than 0");
        if (!Preconditions.IsFundingRate(o.FundingRatePerInterval)) Preconditions.ThrowOutOfRange(p, o.FundingRatePerInterval, "FundingRatePerInterval must be a fraction in (-1, 1)");
        if (o.HoldingPeriodDays < 0 || o.HoldingPeriodDays > SizeLimits.MaxSteps)
            Preconditions.ThrowOutOfRange(p, o.HoldingPeriodDays, $"HoldingPeriodDays must be in [0, {SizeLimits.MaxSteps}] (0: an instant move, no funding; 100 years at most, as FundingTerms.Constant takes)");
        if (o.LiquidationBuffer < 0m || o.LiquidationBuffer >= 1m) Preconditions.ThrowOutOfRange(p, o.LiquidationBuffer, "LiquidationBuffer must be in [0, 1)");
        if (o.ProtectionMove <= 0m || o.ProtectionMove >= 1m) Preconditions.ThrowOutOfRange(p, o.ProtectionMove, "ProtectionMove must be in (0, 1)");
        if (o.FundingShareLimit <= 0m || o.FundingShareLimit > 1m) Preconditions.ThrowOutOfRange(p, o.FundingShareLimit, "FundingShareLimit must be in (0, 1]");
        if (o.Rule is { } r && !Enum.IsDefined(r)) Preconditions.ThrowOutOfRange(p, r, "Rule must be a defined LiquidationRule");
        if (o.FullHedgeThreshold <= 0m) Preconditions.ThrowOutOfRange(p, o.FullHedgeThreshold, "FullHedgeThreshold must be greater than 0");
        if (o.PreviousHedge is { } ph)
        {
            if (ph.Leverage < 1m) Preconditions.ThrowOutOfRange(p, ph.Leverage, "PreviousHedge.Leverage must be at least 1");
            if (ph.BaseQuantity is <= 0m) Preconditions.ThrowOutOfRange(p, ph.BaseQuantity, "PreviousHedge.BaseQuantity must be greater than 0 (or null: not known)");
            if (ph.StopDistance is <= 0m) Preconditions.ThrowOutOfRange(p, ph.StopDistance, "PreviousHedge.StopDistance must be greater than 0 (or null: no stop, or not known)");
        }
    }
}
