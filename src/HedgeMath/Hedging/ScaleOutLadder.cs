using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

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
    /// <param name="targets">The targets: at <c>Price</c> (&gt; 0) short <c>Fraction</c> of the spot quantity (in (0, 1]), e.g.
    /// <c>[(60_000m, 0.25m), (65_000m, 0.15m)]</c>; prices strictly ascending, fractions summing to at most 1.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The ladder.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">No targets, targets out of order, fractions above 1 in total, a rung below one lot, a target at or beyond the liquidation price of the short before it, a target the engine cannot take (a notional beyond the largest tier, a calculation beyond decimal), or a different asset.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The leverage is outside the contract's limits, or a target's price is not positive or its fraction outside (0, 1].</exception>
    public static ScaleOutLadder Create(SpotHolding holding, Contract contract, decimal leverage, IEnumerable<(decimal Price, decimal Fraction)> targets, LiquidationRule? rule = null)
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
            var (price, fraction) = list[i];
            if (price <= 0m) Preconditions.ThrowOutOfRange(nameof(targets), price, $"must have prices greater than 0 (target {i})");
            if (fraction <= 0m || fraction > 1m) Preconditions.ThrowOutOfRange(nameof(targets), fraction, $"must have fractions in (0, 1] (target {i})");
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
        int at = 0;
        try
        {
            for (int i = 0; i < list.Length; i++)
            {
                at = i;
                var t = list[i];
                decimal units = t.Fraction * holding.Quantity;
                decimal raw = contract.Type == ContractType.Linear ? units / contract.ContractSize : units * t.Price / contract.ContractSize;
                decimal q = contract.RoundQuantity(raw);
                if (q <= 0m)
                    Preconditions.ThrowArgument(nameof(targets), string.Create(CultureInfo.InvariantCulture,
                        $"target {i} asks for {raw} on {contract.Symbol}, below one lot step ({contract.LotStep})"));
                (HedgeBook Book, TradeFill Fill) trade;
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
        }
        // The engine's own rules on a rung (a notional beyond the largest tier, a size that rounds to nothing, a
        // calculation beyond decimal) are the target's: named targets, the user's parameter.
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(targets), TargetAt(at), ex); throw; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(targets) or nameof(leverage)))
        {
            throw Preconditions.Renamed(e, nameof(targets), TargetAt(at));
        }
        return new ScaleOutLadder(holding, contract, leverage, r, rungs.MoveToImmutable(), books.MoveToImmutable());
    }

    // Names the target a rejected calculation came from, in the message of the targets' error.
    private static string TargetAt(int index) => string.Create(CultureInfo.InvariantCulture, $"target {index}");

    /// <summary>The rally is over: close the whole combined short at <paramref name="price"/> and keep the spot.</summary>
    /// <param name="price">The closing price (futures = spot), &gt; 0.</param>
    /// <returns>
    /// In the quote asset: <c>FuturesPnl</c>, the shorts' realized PnL before fees (positive only when the close is below
    /// the average entry, <see cref="Position"/>'s <see cref="Position.EntryPrice"/>); <c>OpenFees</c>, Σ the rungs' opening
    /// fees; <c>CloseFee</c>, the fee to close the combined short at the price (0 when it was liquidated);
    /// <c>NetFuturesPnl</c> = FuturesPnl − OpenFees − CloseFee; <c>SpotValue</c>, the spot kept at the price;
    /// <c>SpotPnlVsCost</c>, its unrealized PnL against its cost basis; <c>TotalVsCost</c> = SpotPnlVsCost + NetFuturesPnl.
    /// Then how the combined short ended on the way: <c>Exit</c>, open until closed (<see cref="HedgeExit.None"/>) or
    /// liquidated, and <c>ExitPrice</c>, the liquidation price, null when it was closed at <paramref name="price"/>.
    /// The short closed is <see cref="Position"/> (its quantity and average entry).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    /// <remarks>
    /// Path assumption (the engine's, <see cref="HedgeBook.MoveStraight"/>): every rung was added, then the price moves in
    /// a straight line from the last target to <paramref name="price"/>, and the short still open is closed there with
    /// the taker fee. A close at or beyond the combined short's liquidation price finds it liquidated on the way: it lost
    /// its isolated margin, no more, and pays no close fee (<c>Exit</c> =
    /// <see cref="HedgeExit.Liquidated"/>). The shorts realize a profit only when the close is below their average entry:
    /// a ladder of shorts added at rising targets <b>loses</b> while the rally goes on. Money in the quote asset: an
    /// inverse contract's coin figures (PnL, every rung's opening fee, the close fee) are valued at the closing price, the
    /// one valuation rule of docs/hedging.md ("Conventions").
    /// </remarks>
    public (decimal FuturesPnl, decimal OpenFees, decimal CloseFee, decimal NetFuturesPnl, decimal SpotValue, decimal SpotPnlVsCost, decimal TotalVsCost, HedgeExit Exit, decimal? ExitPrice) CloseAt(decimal price)
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
        decimal futuresPnl = pnl * toQuote, closeInQuote = closeFee * toQuote, spotVsCost = Holding.UnrealizedPnl(price);
        decimal net = futuresPnl - openFees - closeInQuote;
        return (futuresPnl, openFees, closeInQuote, net, Holding.Quantity * price, spotVsCost, spotVsCost + net, leg.Exit, leg.ExitPrice);
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
