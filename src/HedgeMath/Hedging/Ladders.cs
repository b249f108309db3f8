using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One target of a scale-out (profit-taking) ladder: at this price, short this fraction of the spot holding.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LadderTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="price">The target price (&gt; 0).</param>
    /// <param name="fraction">The fraction of the spot quantity to short here, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks its rule.</exception>
    public LadderTarget(decimal price, decimal fraction)
    {
        Price = Preconditions.Positive(price);
        if (fraction <= 0m || fraction > 1m) Preconditions.ThrowOutOfRange(nameof(fraction), fraction, "must be in (0, 1]");
        Fraction = fraction;
    }

    /// <summary>The target price.</summary>
    public decimal Price { get; }
    /// <summary>The fraction of the spot quantity shorted at this target.</summary>
    public decimal Fraction { get; }
}

/// <summary>One rung of a scale-out ladder after its short is added.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScaleOutRung
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal ScaleOutRung(int index, decimal targetPrice, decimal fraction, decimal quantityAdded, decimal cumulativeQuantity, decimal cumulativeHedgeRatio, decimal averageShortEntry, decimal totalMargin, decimal? liquidationPrice, decimal lockedInValue, decimal lockedInGainVsCost, decimal openFee)
    {
        Index = index;
        TargetPrice = targetPrice;
        Fraction = fraction;
        QuantityAdded = quantityAdded;
        CumulativeQuantity = cumulativeQuantity;
        CumulativeHedgeRatio = cumulativeHedgeRatio;
        AverageShortEntry = averageShortEntry;
        TotalMargin = totalMargin;
        LiquidationPrice = liquidationPrice;
        LockedInValue = lockedInValue;
        LockedInGainVsCost = lockedInGainVsCost;
        OpenFee = openFee;
    }

    /// <summary>0-based rung number.</summary>
    public int Index { get; }

    /// <summary>The rung's price.</summary>
    public decimal TargetPrice { get; }

    /// <summary>The fraction of the spot asked for at this rung.</summary>
    public decimal Fraction { get; }

    /// <summary>Futures quantity added (rounded down to the lot step).</summary>
    public decimal QuantityAdded { get; }

    /// <summary>Futures quantity of the combined short.</summary>
    public decimal CumulativeQuantity { get; }

    /// <summary>Hedged base units / spot quantity after this rung.</summary>
    public decimal CumulativeHedgeRatio { get; }

    /// <summary>Average entry of the combined short (as the exchange computes it).</summary>
    public decimal AverageShortEntry { get; }

    /// <summary>Isolated margin of the combined short: Σ each part's notional / leverage (settlement asset).</summary>
    public decimal TotalMargin { get; }

    /// <summary>Liquidation price of the combined short (<see cref="MarginCalc.LiquidationPrice"/>); null when none.</summary>
    public decimal? LiquidationPrice { get; }

    /// <summary>Σ hedged units × rung price: the spot value locked in so far (quote asset).</summary>
    public decimal LockedInValue { get; }

    /// <summary>Σ hedged units × (rung price − average cost): the profit locked in against the cost basis (quote asset).</summary>
    public decimal LockedInGainVsCost { get; }

    /// <summary>Fee to open this rung's short (settlement asset).</summary>
    public decimal OpenFee { get; }
}

/// <summary>A profit-taking ladder: a short hedge added in steps at rising targets (e.g. short 25 % of the spot at A, another 15 % at B).</summary>
/// <remarks>
/// Rung i adds a short of fraction_i × spot quantity (converted to contracts for an inverse contract and
/// rounded down to the lot step) at target_i; the ladder is built on the hedge engine (<see cref="HedgeBook"/>): each
/// rung is a trade on one isolated short leg (taker fee on the traded size), and between targets the price moves in a
/// straight line, so the combined short's average entry, margin and liquidation price are the engine's
/// (<see cref="Position.Increase"/>, <see cref="MarginCalc"/>). Targets must rise strictly (each rung sells higher),
/// the fractions must not add up to more than 1 (a ladder that shorts more than the holding is over-hedged), and no
/// target may lie at or beyond the liquidation price of the short built before it (that short would be liquidated on
/// the way up). Rungs only add: the cumulative hedge never falls. Immutable and thread-safe.
/// </remarks>
public sealed class ScaleOutLadder
{
    // The engine's book after each rung (one isolated short leg).
    private readonly ImmutableArray<HedgeBook> _books;

    private ScaleOutLadder(SpotHolding holding, Contract contract, decimal leverage, LiquidationRule rule, ImmutableArray<ScaleOutRung> rungs, ImmutableArray<HedgeBook> books)
    {
        Holding = holding; Contract = contract; Leverage = leverage; Rule = rule; Rungs = rungs; _books = books; Position = books[^1].Legs[0].Position!;
        Warnings = LadderWarnings(leverage, rungs[^1].LiquidationPrice);
    }

    /// <summary>
    /// What a careful trader would raise (issue 28: ladders took 20x without a word): leverage above
    /// <see cref="HedgePlanOptions.LeverageCap"/>'s default (5x; beginners are told 3–5x), and no stop-loss on the shorts
    /// (a ladder has none; <see cref="PlanDefinition.FromScaleOutLadder"/> runs it with one).
    /// </summary>
    public ImmutableArray<HedgeWarning> Warnings { get; }

    private static ImmutableArray<HedgeWarning> LadderWarnings(decimal leverage, decimal? liquidation)
    {
        decimal cap = HedgePlanOptions.Default.LeverageCap;
        var w = ImmutableArray.CreateBuilder<HedgeWarning>();
        if (leverage > cap)
        {
            var figures = ImmutableArray.CreateBuilder<KeyValuePair<string, decimal>>();
            figures.Add(HedgeWarning.Fig("leverage", leverage));
            figures.Add(HedgeWarning.Fig("cap", cap));
            if (liquidation is { } lp) figures.Add(HedgeWarning.Fig("liquidation price of the combined short", lp));
            w.Add(new HedgeWarning(HedgeWarningCode.LeverageAboveCap, string.Create(CultureInfo.InvariantCulture,
                $"Leverage {leverage}x is above the cap of {cap}x: every rung's short is liquidated after a smaller rally."), figures.ToImmutable()));
        }
        w.Add(new HedgeWarning(HedgeWarningCode.NoStop,
            "The ladder's shorts have no stop-loss: a rally past the last target keeps costing margin until liquidation (run it as a plan with a stop: PlanDefinition.FromScaleOutLadder).",
            liquidation is { } l ? [HedgeWarning.Fig("liquidation price of the combined short", l)] : []));
        return w.ToImmutable();
    }

    /// <summary>The spot holding the ladder hedges.</summary>
    public SpotHolding Holding { get; }
    /// <summary>The futures contract.</summary>
    public Contract Contract { get; }
    /// <summary>The leverage of every rung.</summary>
    public decimal Leverage { get; }
    /// <summary>The liquidation rule used.</summary>
    public LiquidationRule Rule { get; }
    /// <summary>The rungs in order.</summary>
    public ImmutableArray<ScaleOutRung> Rungs { get; }
    /// <summary>The combined short after the last rung.</summary>
    public Position Position { get; }

    /// <summary>Builds a scale-out ladder.</summary>
    /// <param name="holding">The spot holding (quantity &gt; 0; its asset must be the contract's base asset).</param>
    /// <param name="contract">The futures contract to short.</param>
    /// <param name="leverage">The leverage, within the contract's limits.</param>
    /// <param name="targets">The targets, prices strictly ascending, fractions summing to at most 1.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The ladder.</returns>
    /// <exception cref="ArgumentNullException">A reference argument or target is null.</exception>
    /// <exception cref="ArgumentException">No targets, targets out of order, fractions above 1 in total, a rung below one lot, a target at or beyond the liquidation price of the short before it, or a different asset.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The leverage is outside the contract's limits.</exception>
    public static ScaleOutLadder Create(SpotHolding holding, Contract contract, decimal leverage, IEnumerable<LadderTarget> targets, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(holding);
        Preconditions.NotNull(contract);
        Preconditions.NotNull(targets);
        if (holding.Quantity <= 0m) Preconditions.ThrowOutOfRange(nameof(holding), holding.Quantity, "must hold a quantity greater than 0");
        if (!string.Equals(holding.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase))
            Preconditions.ThrowArgument(nameof(contract), $"is on {contract.BaseAsset} but the holding is {holding.Asset}; a scale-out ladder hedges the same asset");
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}");
        var list = targets.ToImmutableArray();
        if (list.IsEmpty) Preconditions.ThrowArgument(nameof(targets), "must contain at least one target");
        decimal total = 0m;
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null) Preconditions.ThrowArgument(nameof(targets), "must not contain null");
            if (i > 0 && list[i].Price <= list[i - 1].Price)
                Preconditions.ThrowArgument(nameof(targets), string.Create(CultureInfo.InvariantCulture,
                    $"must be in strictly ascending price order; target {i} ({list[i].Price}) is not above target {i - 1} ({list[i - 1].Price})"));
            total += list[i].Fraction;
        }
        if (total > 1m) Preconditions.ThrowArgument(nameof(targets), $"have fractions summing to {total}; a scale-out ladder must not short more than the holding (at most 1)");

        var r = MarginCalc.CheckRule(contract, rule, isolated: true);
        var rungs = ImmutableArray.CreateBuilder<ScaleOutRung>(list.Length);
        var books = ImmutableArray.CreateBuilder<HedgeBook>(list.Length);
        HedgeBook? book = null;
        decimal hedgedUnits = 0m, locked = 0m, gain = 0m;
        for (int i = 0; i < list.Length; i++)
        {
            var t = list[i];
            decimal units = t.Fraction * holding.Quantity;
            decimal raw = contract.Type == ContractType.Linear ? units / contract.ContractSize : units * t.Price / contract.ContractSize;
            decimal q = contract.RoundQuantity(raw);
            if (q <= 0m)
                Preconditions.ThrowArgument(nameof(targets), string.Create(CultureInfo.InvariantCulture,
                    $"target {i} asks for {raw} on {contract.Symbol}, below one lot step ({contract.LotStep})"));
            TradeResult trade;
            if (book is null) trade = HedgeBook.Empty.Open(contract, Side.Short, q, t.Price, leverage, rule: r);
            else
            {
                // The price rises from the previous target to this one: the short built so far must survive the way.
                var before = book.Legs[0];
                if (book.MoveStraight(list[i - 1].Price, t.Price, FundingTerms.None).Legs[0].Exit != HedgeExit.None)
                    Preconditions.ThrowArgument(nameof(targets), string.Create(CultureInfo.InvariantCulture,
                        $"must stay below the liquidation price of the short built before each target; target {i} ({t.Price}) is at or above {before.LiquidationPrice} (the short after target {i - 1}), so that short is liquidated on the way: use a lower leverage or closer targets"));
                trade = book.Trade(0, Side.Short, q, t.Price);
            }
            book = trade.Book;
            var leg = book.Legs[0];
            var pos = leg.Position!;
            decimal addedUnits = contract.Type == ContractType.Linear ? q * contract.ContractSize : q * contract.ContractSize / t.Price;
            hedgedUnits += addedUnits;
            locked += addedUnits * t.Price;
            gain += addedUnits * (t.Price - holding.AverageCost);
            rungs.Add(new ScaleOutRung(i, t.Price, t.Fraction, q, pos.Quantity, hedgedUnits / holding.Quantity, pos.EntryPrice,
                pos.IsolatedMargin, leg.LiquidationPrice, locked, gain, trade.Fill.Fee));
            books.Add(book);
        }
        return new ScaleOutLadder(holding, contract, leverage, r, rungs.MoveToImmutable(), books.MoveToImmutable());
    }

    /// <summary>The rally is over: close the whole combined short at <paramref name="price"/> and keep the spot.</summary>
    /// <param name="price">The closing price (futures = spot), &gt; 0.</param>
    /// <returns>The realized futures PnL, the fees, the spot kept, and how the short ended (<see cref="ScaleOutClose.Exit"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    /// <remarks>
    /// Path assumption (the engine's, <see cref="HedgeBook.MoveStraight"/>): every rung was added, then the price moves in
    /// a straight line from the last target to <paramref name="price"/>, and the short still open is closed there with
    /// the taker fee. A close at or beyond the combined short's liquidation price finds it liquidated on the way: it lost
    /// its isolated margin, no more, and pays no close fee (<see cref="ScaleOutClose.Exit"/> =
    /// <see cref="HedgeExit.Liquidated"/>). The shorts realize a profit only when the close is below their average entry:
    /// a ladder of shorts added at rising targets <b>loses</b> while the rally goes on. Money in the quote asset: an
    /// inverse contract's coin figures (PnL, every rung's opening fee, the close fee) are valued at the closing price, the
    /// one valuation rule of docs/hedging.md ("Conventions").
    /// </remarks>
    public ScaleOutClose CloseAt(decimal price)
    {
        Preconditions.Positive(price);
        decimal toQuote = Contract.Type == ContractType.Linear ? 1m : price;
        var end = _books[^1].MoveStraight(Rungs[^1].TargetPrice, price, FundingTerms.None);
        var leg = end.Legs[0];
        decimal pnl = leg.RealizedPnl, closeFee = 0m;
        if (leg.IsOpen)
        {
            var close = end.TradeTo(0, 0m, price).Fill;
            pnl += close.RealizedPnl;
            closeFee = close.Fee;
        }
        decimal openFees = 0m;
        foreach (var r in Rungs) openFees += r.OpenFee * toQuote;
        return new ScaleOutClose(price, Position.Quantity, Position.EntryPrice, pnl * toQuote, openFees, closeFee * toQuote,
            Holding.Quantity * price, Holding.UnrealizedPnl(price))
        { Exit = leg.Exit, ExitPrice = leg.ExitPrice };
    }

    /// <summary>The price corrects by <paramref name="correction"/> from a target after that target's rung was added (and before the next).</summary>
    /// <param name="targetIndex">The rung reached, 0-based.</param>
    /// <param name="correction">The fall from the target as a fraction, in (0, 1) (0.10 = a 10 % correction).</param>
    /// <returns>The one outcome row (<see cref="HedgeOutcome"/>) with the target as the decision price: the shorts' gain
    /// (<see cref="HedgeOutcome.FuturesPnl"/>) and the spot's loss (<see cref="HedgeOutcome.SpotPnlVsDecision"/>), both from the
    /// target and before fees (<see cref="HedgeOutcome.Fees"/> 0), their sum (<see cref="HedgeOutcome.NetVsDecisionBeforeFees"/>), and
    /// the share of that loss the shorts offset (<see cref="HedgeOutcome.ShareOffset"/>, = the rung's
    /// <see cref="ScaleOutRung.CumulativeHedgeRatio"/> for a linear contract, up to lot rounding); the corrected price is its
    /// <see cref="HedgeOutcome.SpotPrice"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="targetIndex"/> is not a rung or <paramref name="correction"/> is outside (0, 1).</exception>
    /// <remarks>
    /// The engine's book after the rung, moved in a straight line from the target down to the corrected price (a fall: the
    /// short stays open). Every figure is a change <b>from the target</b>, before fees: the spot's quantity × (price −
    /// target) and the shorts' PnL marked at the corrected price minus their PnL marked at the target — linear
    /// q·(target − price), so the share offset is the hedged units / spot units; inverse N·S·(1/price − 1/target) coins
    /// valued at the corrected price = (N·S / target)·(target − price) in the quote asset.
    /// </remarks>
    public HedgeOutcome AfterCorrection(int targetIndex, decimal correction)
    {
        if (targetIndex < 0 || targetIndex >= Rungs.Length) Preconditions.ThrowOutOfRange(nameof(targetIndex), targetIndex, $"must be a rung in [0, {Rungs.Length - 1}]");
        if (correction <= 0m || correction >= 1m) Preconditions.ThrowOutOfRange(nameof(correction), correction, "must be a fraction in (0, 1)");
        var rung = Rungs[targetIndex];
        decimal price = rung.TargetPrice * (1m - correction);
        var atTarget = _books[targetIndex].Legs[0];
        var leg = _books[targetIndex].MoveStraight(rung.TargetPrice, price, FundingTerms.None).Legs[0];
        decimal toQuote = Contract.Type == ContractType.Linear ? 1m : price;
        // The change from the target, like the spot's: PnL marked at the corrected price minus PnL marked at the target
        // (linear: q·(target − price); inverse: N·S·(1/price − 1/target) coins, × price). The shorts' PnL since their
        // average entry would mix bases (the earlier rungs' gain or loss before this target is not the correction's).
        decimal futures = (leg.RealizedPnl + leg.UnrealizedPnl(price) - atTarget.RealizedPnl - atTarget.UnrealizedPnl(rung.TargetPrice)) * toQuote;
        decimal spot = Holding.Quantity * (price - rung.TargetPrice);
        return HedgeOutcome.Correction(leg, price, Holding.UnrealizedPnl(price), spot, futures,
            HedgePlan.BaseQuantity(Contract, rung.CumulativeQuantity, rung.AverageShortEntry));
    }
}

/// <summary>A scale-out ladder closed when the rally ends: the shorts' realized PnL and the spot kept.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScaleOutClose
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal ScaleOutClose(decimal closePrice, decimal shortQuantity, decimal averageShortEntry, decimal futuresPnl, decimal openFees, decimal closeFee, decimal spotValue, decimal spotPnlVsCost)
    {
        ClosePrice = closePrice;
        ShortQuantity = shortQuantity;
        AverageShortEntry = averageShortEntry;
        FuturesPnl = futuresPnl;
        OpenFees = openFees;
        CloseFee = closeFee;
        SpotValue = spotValue;
        SpotPnlVsCost = spotPnlVsCost;
    }

    /// <summary>The closing price.</summary>
    public decimal ClosePrice { get; }

    /// <summary>Futures quantity closed.</summary>
    public decimal ShortQuantity { get; }

    /// <summary>The combined short's average entry.</summary>
    public decimal AverageShortEntry { get; }

    /// <summary>Realized PnL of the shorts before fees (quote asset): positive only when the close is below the average entry.</summary>
    public decimal FuturesPnl { get; }

    /// <summary>Σ the rungs' opening fees (quote asset).</summary>
    public decimal OpenFees { get; }

    /// <summary>Fee to close the combined short at the closing price (quote asset).</summary>
    public decimal CloseFee { get; }

    /// <summary>The spot kept, valued at the closing price.</summary>
    public decimal SpotValue { get; }

    /// <summary>The spot's unrealized PnL against its cost basis.</summary>
    public decimal SpotPnlVsCost { get; }

    /// <summary>The shorts' realized PnL after opening and closing fees.</summary>
    public decimal NetFuturesPnl => FuturesPnl - OpenFees - CloseFee;
    /// <summary>Spot vs cost + the shorts' net realized PnL.</summary>
    public decimal TotalVsCost => SpotPnlVsCost + NetFuturesPnl;
    /// <summary>How the combined short ended on the way to the close: open until closed (<see cref="HedgeExit.None"/>) or liquidated.</summary>
    public HedgeExit Exit { get; internal init; }
    /// <summary>The liquidation price when the short was liquidated on the way; null when it was closed at <see cref="ClosePrice"/>.</summary>
    public decimal? ExitPrice { get; internal init; }
}

/// <summary>One entry of a scale-in ladder: a price and the quantity bought there (or the rest of a planned size).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LadderEntry
{
    private LadderEntry(decimal price, decimal quantity, bool rest, decimal? stopPrice)
    { Price = price; Quantity = quantity; IsRemainder = rest; StopPrice = stopPrice; }

    /// <summary>The entry price.</summary>
    public decimal Price { get; }
    /// <summary>The quantity bought here (0 for a remainder entry until resolved).</summary>
    public decimal Quantity { get; }
    /// <summary>True when this entry buys whatever is left of the planned size.</summary>
    public bool IsRemainder { get; }
    /// <summary>The stop for the whole position once this rung is in (below the entry: the cut rule); null: none.</summary>
    public decimal? StopPrice { get; }

    /// <summary>Buys a quantity at a price, optionally with a stop for the whole position after this rung.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <param name="quantity">The quantity (linear: base units; inverse: contracts; spot: units), &gt; 0.</param>
    /// <param name="stopPrice">The stop after this rung, in (0, price); null for none.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive, or the stop is not below the price.</exception>
    public static LadderEntry At(decimal price, decimal quantity, decimal? stopPrice = null) =>
        new(Preconditions.Positive(price), Preconditions.Positive(quantity), false, CheckStop(price, stopPrice));

    /// <summary>Buys the rest of the planned size at a price (must be the last entry), optionally with a stop.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <param name="stopPrice">The stop after this rung, in (0, price); null for none.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive, or the stop is not below it.</exception>
    public static LadderEntry Rest(decimal price, decimal? stopPrice = null) => new(Preconditions.Positive(price), 0m, true, CheckStop(price, stopPrice));

    private static decimal? CheckStop(decimal price, decimal? stopPrice)
    {
        if (stopPrice is { } s && (s <= 0m || s >= price))
            Preconditions.ThrowOutOfRange(nameof(stopPrice), s, $"must be in (0, {price}): a long's stop is below its entry");
        return stopPrice;
    }
}

/// <summary>One rung of a scale-in ladder after its entry.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScaleInRung
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal ScaleInRung(int index, decimal price, decimal quantityAdded, decimal cumulativeQuantity, decimal averageEntry, decimal exposure, decimal marginAdded, decimal totalMargin, decimal pnlAtRung, decimal reversalPrice, decimal lossIfReverses, decimal? liquidationPrice, decimal? stopPrice = null, decimal? lossAtStop = null, bool stopBeyondLiquidation = false)
    {
        Index = index;
        Price = price;
        QuantityAdded = quantityAdded;
        CumulativeQuantity = cumulativeQuantity;
        AverageEntry = averageEntry;
        Exposure = exposure;
        MarginAdded = marginAdded;
        TotalMargin = totalMargin;
        PnlAtRung = pnlAtRung;
        ReversalPrice = reversalPrice;
        LossIfReverses = lossIfReverses;
        LiquidationPrice = liquidationPrice;
        StopPrice = stopPrice;
        LossAtStop = lossAtStop;
        StopBeyondLiquidation = stopBeyondLiquidation;
    }

    /// <summary>0-based rung number.</summary>
    public int Index { get; }

    /// <summary>The entry price.</summary>
    public decimal Price { get; }

    /// <summary>Quantity bought at this rung (futures: rounded down to the lot step by the engine).</summary>
    public decimal QuantityAdded { get; }

    /// <summary>Total quantity after the rung.</summary>
    public decimal CumulativeQuantity { get; }

    /// <summary>Average entry after the rung.</summary>
    public decimal AverageEntry { get; }

    /// <summary>Position notional at the rung price (quote asset for linear and spot; coin for inverse).</summary>
    public decimal Exposure { get; }

    /// <summary>Margin (futures: notional / leverage) or cash (spot: full cost) this rung ties up.</summary>
    public decimal MarginAdded { get; }

    /// <summary>Margin or cash tied up after the rung.</summary>
    public decimal TotalMargin { get; }

    /// <summary>Unrealized PnL at the rung price.</summary>
    public decimal PnlAtRung { get; }

    /// <summary>The price after an adverse move of the ladder's reversal fraction right after the rung.</summary>
    public decimal ReversalPrice { get; }

    /// <summary>Loss (positive number, before fees) on the straight way down to the reversal price; 0 when the position would still be in profit. Futures run on the engine: a rung's stop crossed on the way caps the loss at the stop fill, a liquidation at the isolated margin (<see cref="ScaleInRung.ExitIfReverses"/> says which).</summary>
    public decimal LossIfReverses { get; }

    /// <summary>Futures: liquidation price after the rung (null when none); spot: null.</summary>
    public decimal? LiquidationPrice { get; }

    /// <summary>The rung's stop for the whole position (null: none).</summary>
    public decimal? StopPrice { get; }

    /// <summary>Loss (positive) of the whole position if the price falls to <see cref="StopPrice"/> right after the rung, before fees: the loss at the stop fill, or the isolated margin when the liquidation price comes first (futures, on the engine); 0 when the stop is above the average entry (a stop that locks a profit); null without a stop.</summary>
    public decimal? LossAtStop { get; }

    /// <summary>True when the liquidation price is at or above the stop (a long is liquidated before its stop fires); false for spot or without a stop.</summary>
    public bool StopBeyondLiquidation { get; }

    /// <summary>How the position ends on the way to <see cref="ReversalPrice"/> (futures, on the engine): open (<see cref="HedgeExit.None"/>), stopped at the rung's stop or liquidated; <see cref="HedgeExit.None"/> for spot.</summary>
    public HedgeExit ExitIfReverses { get; internal init; }
}

/// <summary>A scale-in ladder: a long (futures or spot) built in steps at successive levels (e.g. 0.5, then 1.0, then the rest of a planned size).</summary>
/// <remarks>
/// For each rung: the average entry (futures as the exchange computes it, <see cref="Position.Increase"/>;
/// spot the quantity-weighted mean), the exposure and the margin tied up, and the loss if the price moves
/// against the long by the reversal fraction right after the rung: <c>q·(P·(1 − reversal) − average entry)</c>
/// (linear/spot) when nothing closes the long on the way. A futures ladder runs on the hedge engine
/// (<see cref="HedgeBook"/>): each entry is a trade on one isolated long leg (rounded down to the lot step), the rung's
/// stop is on that leg, and the adverse moves are straight paths on which the stop and the liquidation price apply
/// where crossed (the loss is then the stop fill's, or the isolated margin). Levels must be strictly monotone (all
/// falling: averaging down; or all rising: pyramiding), and each entry must be reachable: the position built before it
/// is not stopped or liquidated on the straight way from the previous entry. Immutable and thread-safe.
/// </remarks>
public sealed class ScaleInLadder
{
    private ScaleInLadder(string instrument, decimal reversal, ImmutableArray<ScaleInRung> rungs, Position? position, LiquidationRule? rule = null)
    {
        Instrument = instrument; ReversalMove = reversal; Rungs = rungs; Position = position; Rule = rule;
        var w = ImmutableArray.CreateBuilder<HedgeWarning>();
        decimal cap = HedgePlanOptions.Default.LeverageCap;
        if (position is { } p && p.Leverage > cap)
            w.Add(new HedgeWarning(HedgeWarningCode.LeverageAboveCap, string.Create(CultureInfo.InvariantCulture,
                $"Leverage {p.Leverage}x is above the cap of {cap}x: each entry adds to a position that a smaller move against it liquidates."),
                [HedgeWarning.Fig("leverage", p.Leverage), HedgeWarning.Fig("cap", cap)]));
        foreach (var r in rungs)
            if (r.StopPrice is null && position is not null)
            {
                w.Add(new HedgeWarning(HedgeWarningCode.NoStop, "An entry of the futures ladder has no stop-loss: give each rung a stop (LadderEntry's stop price).", []));
                break;
            }
        Warnings = w.ToImmutable();
    }

    /// <summary>What a careful trader would raise about a futures ladder: leverage above <see cref="HedgePlanOptions.LeverageCap"/>'s
    /// default (5x), and an entry without a stop-loss. Empty for a spot ladder.</summary>
    public ImmutableArray<HedgeWarning> Warnings { get; }

    /// <summary>The instrument (contract symbol or spot asset).</summary>
    public string Instrument { get; }
    /// <summary>The adverse move fraction used for <see cref="ScaleInRung.LossIfReverses"/>.</summary>
    public decimal ReversalMove { get; }
    /// <summary>The rungs in order.</summary>
    public ImmutableArray<ScaleInRung> Rungs { get; }
    /// <summary>The combined futures long after the last rung; null for a spot ladder.</summary>
    public Position? Position { get; }
    /// <summary>The liquidation rule of a futures ladder (its plan's leg keeps it); null for a spot ladder.</summary>
    internal LiquidationRule? Rule { get; }
    /// <summary>True when the entries rise (pyramiding: adding as the price confirms); false when they fall (averaging down) or there is one entry.</summary>
    public bool IsPyramiding => Rungs.Length > 1 && Rungs[1].Price > Rungs[0].Price;

    /// <summary>A scale-in ladder of a long futures position.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="leverage">The leverage, within the contract's limits.</param>
    /// <param name="entries">The entries, prices strictly monotone; a <see cref="LadderEntry.Rest"/> entry only last.</param>
    /// <param name="plannedQuantity">The planned total size; required when the last entry is a remainder, else optional (the entries must not exceed it).</param>
    /// <param name="reversalMove">Adverse move right after a rung, as a fraction in (0, 1) (default 0.05).</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The ladder.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">Entries empty or out of order, a remainder not last or without a planned size, entries above the planned size, an entry below one lot step, or an entry the position before it cannot reach (stopped or liquidated on the way).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Leverage outside the contract's limits or a reversal outside (0, 1).</exception>
    public static ScaleInLadder Futures(Contract contract, decimal leverage, IEnumerable<LadderEntry> entries, decimal? plannedQuantity = null,
        decimal reversalMove = 0.05m, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(contract);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}");
        var list = Resolve(entries, plannedQuantity, reversalMove);
        var r = MarginCalc.CheckRule(contract, rule, isolated: true);
        var rungs = ImmutableArray.CreateBuilder<ScaleInRung>(list.Length);
        HedgeBook? book = null;
        decimal prevMargin = 0m;
        for (int i = 0; i < list.Length; i++)
        {
            var (p, q, stop) = list[i];
            TradeResult trade;
            if (book is null) trade = HedgeBook.Empty.Open(contract, Side.Long, q, p, leverage, rule: r);
            else
            {
                // The price moves from the previous entry to this one: the long built so far (with its stop) must survive the way.
                var moved = book.MoveStraight(list[i - 1].Price, p, FundingTerms.None).Legs[0];
                if (moved.Exit != HedgeExit.None)
                    Preconditions.ThrowArgument(nameof(entries), string.Create(CultureInfo.InvariantCulture,
                        $"must be reachable: the position after entry {i - 1} is {(moved.Exit == HedgeExit.Stopped ? "stopped" : "liquidated")} at {moved.ExitPrice} before entry {i} ({p}); move that stop, lower the leverage or bring the entries closer"));
                trade = book.Trade(0, Side.Long, q, p);
            }
            if (trade.Fill.FilledQuantity == 0m)
                Preconditions.ThrowArgument(nameof(entries), string.Create(CultureInfo.InvariantCulture,
                    $"entry {i} asks for {q} on {contract.Symbol}, below one lot step ({contract.LotStep})"));
            book = trade.Book.WithStop(0, stop is { } sp ? StopOrder.At(sp) : null);
            var leg = book.Legs[0];
            var pos = leg.Position!;
            decimal rev = p * (1m - reversalMove);
            // The adverse moves right after the rung run on the engine: straight down from the entry, the rung's stop
            // and the liquidation price applied where crossed; the loss is before fees.
            var (lossRev, exitRev) = LossOnTheWayTo(book, p, rev);
            var liq = leg.LiquidationPrice;
            decimal? lossAtStop = null;
            if (stop is { } st) lossAtStop = LossOnTheWayTo(book, p, st).Loss;
            rungs.Add(new ScaleInRung(i, p, trade.Fill.FilledQuantity, pos.Quantity, pos.EntryPrice, pos.Notional(p), pos.IsolatedMargin - prevMargin, pos.IsolatedMargin,
                pos.UnrealizedPnl(p), rev, lossRev, liq, stop, lossAtStop, stop is { } st2 && liq is { } l && l >= st2)
            { ExitIfReverses = exitRev });
            prevMargin = pos.IsolatedMargin;
        }
        return new ScaleInLadder(contract.Symbol, reversalMove, rungs.MoveToImmutable(), book!.Legs[0].Position, r);
    }

    /// <summary>The loss (positive, before fees) of the book's one leg on the straight way from a price to another, and how it ended.</summary>
    private static (decimal Loss, HedgeExit Exit) LossOnTheWayTo(HedgeBook book, decimal from, decimal to)
    {
        var leg = book.MoveStraight(from, to, FundingTerms.None).Legs[0];
        decimal pnl = leg.RealizedPnl + leg.UnrealizedPnl(to);
        return (Math.Max(0m, -pnl), leg.Exit);
    }

    /// <summary>A scale-in ladder of spot purchases (fully paid: the margin column is the cash spent).</summary>
    /// <param name="asset">The asset bought.</param>
    /// <param name="entries">The entries, prices strictly monotone; a remainder entry only last.</param>
    /// <param name="plannedQuantity">The planned total; required with a remainder entry.</param>
    /// <param name="reversalMove">Adverse move right after a rung, in (0, 1) (default 0.05).</param>
    /// <returns>The ladder.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Futures"/>.</exception>
    public static ScaleInLadder Spot(string asset, IEnumerable<LadderEntry> entries, decimal? plannedQuantity = null, decimal reversalMove = 0.05m)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        var list = Resolve(entries, plannedQuantity, reversalMove);
        var rungs = ImmutableArray.CreateBuilder<ScaleInRung>(list.Length);
        decimal qty = 0m, cost = 0m;
        for (int i = 0; i < list.Length; i++)
        {
            var (p, q, stop) = list[i];
            qty += q; cost += q * p;
            decimal avg = cost / qty, rev = p * (1m - reversalMove);
            decimal pnlRev = qty * (rev - avg);
            rungs.Add(new ScaleInRung(i, p, q, qty, avg, qty * p, q * p, cost, qty * (p - avg), rev, Math.Max(0m, -pnlRev), null,
                stop, stop is { } st ? Math.Max(0m, qty * (avg - st)) : null, false));
        }
        return new ScaleInLadder(asset, reversalMove, rungs.MoveToImmutable(), null);
    }

    private static ImmutableArray<(decimal Price, decimal Quantity, decimal? Stop)> Resolve(IEnumerable<LadderEntry> entries, decimal? planned, decimal reversalMove)
    {
        Preconditions.NotNull(entries);
        if (reversalMove <= 0m || reversalMove >= 1m) Preconditions.ThrowOutOfRange(nameof(reversalMove), reversalMove, "must be in (0, 1)");
        if (planned is { } pq && pq <= 0m) Preconditions.ThrowOutOfRange("plannedQuantity", pq, "must be greater than 0");
        var list = entries.ToImmutableArray();
        if (list.IsEmpty) Preconditions.ThrowArgument(nameof(entries), "must contain at least one entry");
        int dir = 0;
        decimal sum = 0m;
        var result = ImmutableArray.CreateBuilder<(decimal, decimal, decimal?)>(list.Length);
        for (int i = 0; i < list.Length; i++)
        {
            var e = list[i];
            if (e is null) Preconditions.ThrowArgument(nameof(entries), "must not contain null");
            if (i > 0)
            {
                int d = Math.Sign(e.Price - list[i - 1].Price);
                if (d == 0 || (dir != 0 && d != dir))
                    Preconditions.ThrowArgument(nameof(entries), string.Create(CultureInfo.InvariantCulture,
                        $"must have strictly monotone prices (all falling or all rising); entry {i} ({e.Price}) breaks the order after {list[i - 1].Price}"));
                dir = d;
            }
            decimal q = e.Quantity;
            if (e.IsRemainder)
            {
                if (i != list.Length - 1) Preconditions.ThrowArgument(nameof(entries), "may have a remainder entry only last");
                if (planned is null) Preconditions.ThrowArgument("plannedQuantity", "is required when the last entry is the remainder");
                q = planned.Value - sum;
                if (q <= 0m) Preconditions.ThrowArgument(nameof(entries), $"leave nothing for the remainder: the entries before it already buy {sum} of {planned}");
            }
            sum += q;
            result.Add((e.Price, q, e.StopPrice));
        }
        if (planned is { } total && sum > total)
            Preconditions.ThrowArgument(nameof(entries), $"buy {sum} in total, more than the planned {total}");
        return result.MoveToImmutable();
    }
}
