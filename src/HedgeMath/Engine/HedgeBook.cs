using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Engine;

/// <summary>
/// The one engine for what happens to a hedge: a book of spot holdings and futures legs (any <see cref="Contract"/>,
/// linear or inverse, isolated or cross) advanced through trades, funding prints and price intervals.
/// </summary>
/// <remarks>
/// <para>Every step is a pure function that returns a new book:</para>
/// <list type="bullet">
/// <item><b>Trades</b> (<see cref="Open"/>, <see cref="Trade"/>, <see cref="TradeTo"/>): the quantity is rounded down to
/// the lot step (<see cref="Contract.RoundQuantity"/>) and the rounding reported in the <see cref="TradeFill"/>; the
/// position changes through <see cref="Position.Open"/>, <see cref="Position.Increase"/> and <see cref="Position.Reduce"/>;
/// the fee is taken on the traded size only (<see cref="Fees.OpenFee"/>, maker or taker).</item>
/// <item><b>Funding</b> (<see cref="Fund"/>): each open leg receives or pays <see cref="Funding.Payment(Position, decimal, decimal)"/>
/// on its notional at the print's mark price. Funding is booked to the leg's wallet (for isolated legs it does not change
/// the isolated margin, so the liquidation price and the margin at risk stay as posted).</item>
/// <item><b>Price intervals</b> (<see cref="Move"/>): for each open leg, in the order the price reaches them from the
/// interval's open — a price that opens beyond a level has reached it first; a stop and the liquidation price reached at
/// the same fraction of their own opens go to the stop, which rests on the book —
/// the <b>stop</b> fires when its watched price (mark or last) reaches it and fills at the stop plus slippage, or at
/// the last price's open when the interval opened beyond it (taker fee on the fill); an isolated leg is
/// <b>liquidated</b> when the mark reaches its <see cref="MarginCalc.LiquidationPrice"/> under the leg's rule and loses
/// exactly its isolated margin (a stop whose fill would lie at or beyond the liquidation price counts as liquidated).
/// A cross wallet holds one open position, liquidated when the mark reaches the liquidation price that
/// <see cref="MarginCalc.Cross(CrossAccount, IReadOnlyDictionary{string, decimal}, LiquidationRule?)"/> gives it against
/// the whole wallet (or the account is liquidatable at the open): it realizes its PnL at that mark and the account loses
/// its whole cross wallet balance (what is left goes to the exchange's insurance fund; a shortfall is the fund's).</item>
/// </list>
/// <para>The engine restates no formula: notional, PnL, margin, liquidation, fees and funding come from
/// <see cref="Position"/>, <see cref="MarginCalc"/>, <see cref="Fees"/> and <see cref="Funding"/>. Money is in each
/// leg's settlement asset. Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class HedgeBook
{
    private HedgeBook(ImmutableArray<SpotHolding> spot, ImmutableArray<BookLeg> legs, ImmutableDictionary<string, decimal> wallets,
        ImmutableDictionary<string, decimal> crossLost)
    {
        Spot = spot; Legs = legs; CrossWallets = wallets; CrossMarginLost = crossLost;
    }

    /// <summary>The spot holdings (valued by the drivers; the engine does not trade them).</summary>
    public ImmutableArray<SpotHolding> Spot { get; }
    /// <summary>The futures legs, in the order they were opened.</summary>
    public ImmutableArray<BookLeg> Legs { get; }
    /// <summary>The cross wallet balance of each settlement asset (deposits plus the cross legs' realized PnL, fees and funding).</summary>
    public ImmutableDictionary<string, decimal> CrossWallets { get; }
    /// <summary>Per settlement asset, the cross margin balance lost to liquidations.</summary>
    public ImmutableDictionary<string, decimal> CrossMarginLost { get; }

    /// <summary>A book of these parts (<see cref="BookCore"/>'s snapshot).</summary>
    internal static HedgeBook Of(ImmutableArray<SpotHolding> spot, ImmutableArray<BookLeg> legs, ImmutableDictionary<string, decimal> wallets,
        ImmutableDictionary<string, decimal> crossLost) => new(spot, legs, wallets, crossLost);

    /// <summary>A book with no spot, no legs and no cross wallet.</summary>
    public static HedgeBook Empty { get; } = new([], [], ImmutableDictionary<string, decimal>.Empty, ImmutableDictionary<string, decimal>.Empty);

    /// <summary>Creates a book.</summary>
    /// <param name="spot">Spot holdings; none when null.</param>
    /// <param name="crossWallets">Cross wallet balances by settlement asset (each ≥ 0); needed before opening a cross leg.</param>
    /// <returns>The book.</returns>
    /// <exception cref="ArgumentException">A holding is null or a wallet balance is negative.</exception>
    public static HedgeBook Create(IEnumerable<SpotHolding>? spot = null, IReadOnlyDictionary<string, decimal>? crossWallets = null)
    {
        var s = spot is null ? ImmutableArray<SpotHolding>.Empty : spot.ToImmutableArray();
        foreach (var h in s) if (h is null) Preconditions.ThrowArgument(nameof(spot), "must not contain null");
        var w = ImmutableDictionary<string, decimal>.Empty;
        if (crossWallets is not null)
            foreach (var kv in crossWallets)
            {
                if (kv.Value < 0m) Preconditions.ThrowOutOfRange(nameof(crossWallets), kv.Value, $"must hold balances ≥ 0; {kv.Key} is not");
                w = w.SetItem(kv.Key, kv.Value);
            }
        return new HedgeBook(s, [], w, ImmutableDictionary<string, decimal>.Empty);
    }

    /// <summary>Opens a new futures leg with a trade.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">The quantity asked for (linear: base units; inverse: contracts), &gt; 0; rounded down to the lot step. A request below one lot opens an empty leg (a zero fill) that later trades can fill.</param>
    /// <param name="price">The fill price, &gt; 0.</param>
    /// <param name="leverage">The leverage, within the contract's limits for the notional.</param>
    /// <param name="mode">Isolated (default) or cross (needs a cross wallet in the settlement asset holding no other open cross leg).</param>
    /// <param name="isolatedMargin">Isolated only: the margin to post; the initial margin (notional / leverage) when null.</param>
    /// <param name="stop">A stop on the leg, or null.</param>
    /// <param name="maker">True for the maker fee rate; taker by default.</param>
    /// <param name="rule">The liquidation rule; the contract's default when null.</param>
    /// <returns>The book with the new leg (last in <see cref="Legs"/>) and the fill.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentException">A value breaks its rule (see <see cref="Position.Open"/>), the rule does not apply, a cross leg has no wallet, or a cross leg's wallet already holds an open cross leg (a cross wallet holds one position).</exception>
    public (HedgeBook Book, TradeFill Fill) Open(Contract contract, Side side, decimal quantity, decimal price, decimal leverage,
        MarginMode mode = MarginMode.Isolated, decimal? isolatedMargin = null, StopOrder? stop = null, bool maker = false, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(contract);
        Preconditions.Defined(side);
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        Preconditions.Defined(mode);
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, string.Create(CultureInfo.InvariantCulture, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}"));
        var r = MarginCalc.CheckRule(contract, rule, mode == MarginMode.Isolated);
        if (mode == MarginMode.Cross && !CrossWallets.ContainsKey(contract.SettlementAsset))
            Preconditions.ThrowArgument(nameof(mode), $"Cross needs a cross wallet in {contract.SettlementAsset}; create the book with crossWallets");
        if (mode == MarginMode.Cross && isolatedMargin is not null)
            Preconditions.ThrowArgument(nameof(isolatedMargin), "must be null for a cross leg");
        if (mode == MarginMode.Cross) CheckCrossWallet(contract, nameof(contract));
        decimal filled = contract.RoundQuantity(quantity);
        Position? pos = null;
        decimal fee = 0m;
        if (filled > 0m)
        {
            pos = Position.Open(contract, side, filled, price, leverage, mode, isolatedMargin);
            fee = Fees.OpenFee(contract, filled, price, maker);
        }
        decimal? liquidation;
        try { liquidation = Liq(pos, r); }
        catch (ArgumentException e) when (e.ParamName is not (nameof(contract) or nameof(side) or nameof(quantity) or nameof(price) or nameof(leverage) or nameof(mode) or nameof(isolatedMargin) or nameof(stop) or nameof(rule)))
        {
            // The margin engine rejected the position this call built: name the input that set its size.
            throw isolatedMargin is { } im ? Preconditions.Renamed(e, nameof(isolatedMargin), im) : Preconditions.Renamed(e, nameof(quantity), quantity);
        }
        var leg = new BookLeg(contract, side, leverage, mode, r, pos, stop, liquidation, HedgeExit.None, null, null, 0m, fee, 0m, 0m);
        var wallets = mode == MarginMode.Cross ? Add(CrossWallets, contract.SettlementAsset, -fee) : CrossWallets;
        var book = new HedgeBook(Spot, Legs.Add(leg), wallets, CrossMarginLost);
        return (book, new TradeFill(contract.Symbol, side, quantity, filled, price, fee, 0m, contract.SettlementAsset));
    }

    /// <summary>Trades on an existing leg: the leg's side adds to it, the other side reduces it (never past zero).</summary>
    /// <param name="leg">The leg index.</param>
    /// <param name="side">The order's side.</param>
    /// <param name="quantity">The quantity asked for, &gt; 0; rounded down to the lot step.</param>
    /// <param name="price">The fill price, &gt; 0.</param>
    /// <param name="maker">True for the maker rate; taker by default.</param>
    /// <returns>The new book and the fill.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The leg index is out of range, a value is not positive, or a reduce exceeds the position.</exception>
    /// <exception cref="ArgumentException">A closed leg re-opened on the other side, or a closed cross leg re-opened in a cross wallet that holds another open leg.</exception>
    public (HedgeBook Book, TradeFill Fill) Trade(int leg, Side side, decimal quantity, decimal price, bool maker = false)
    {
        var l = LegAt(leg);
        Preconditions.Defined(side);
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        var held = l.Position; // no pattern variable: a mutation tool can then flip the && below (docs/testing.md)
        if (held is not null && side != held.Side && l.Contract.RoundQuantity(quantity) > held.Quantity)
            Preconditions.ThrowOutOfRange(nameof(quantity), quantity, string.Create(CultureInfo.InvariantCulture,
                $"must not exceed the leg's quantity {held.Quantity} (a trade never flips a leg)"));
        if (l.Position is null && side != l.Side)
            Preconditions.ThrowArgument(nameof(side), $"must be the leg's side ({l.Side}) to re-open a closed leg");
        if (l.Position is null && l.MarginMode == MarginMode.Cross) CheckCrossWallet(l.Contract, nameof(leg));
        return TradeCore(leg, l, side, quantity, price, maker);
    }

    /// <summary>Brings a leg to a target quantity on its side, trading only the difference (a re-hedge).</summary>
    /// <param name="leg">The leg index.</param>
    /// <param name="targetQuantity">The quantity wanted, ≥ 0 (0 closes the leg); the difference is rounded down to the lot step.</param>
    /// <param name="price">The fill price, &gt; 0.</param>
    /// <param name="maker">True for the maker rate; taker by default.</param>
    /// <returns>The new book and the fill (a zero fill when nothing needs trading).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The leg index is out of range or a value breaks its rule.</exception>
    /// <exception cref="ArgumentException">The size traded to reach <paramref name="targetQuantity"/> breaks a position rule (a notional beyond the contract's tiers) or overflows decimal, or a closed cross leg would re-open in a cross wallet that holds another open leg.</exception>
    public (HedgeBook Book, TradeFill Fill) TradeTo(int leg, decimal targetQuantity, decimal price, bool maker = false)
    {
        var l = LegAt(leg);
        Preconditions.NonNegative(targetQuantity);
        Preconditions.Positive(price);
        if (l.Position is null && targetQuantity > 0m && l.MarginMode == MarginMode.Cross) CheckCrossWallet(l.Contract, nameof(leg));
        var core = new LegCore(l);
        var fill = core.TradeTo(l, targetQuantity, price, maker, out decimal walletChange);
        if (fill.FilledQuantity == 0m) return (this, fill);
        // The cross wallet takes the trade's PnL and fee: a wallet that overflows is a target too large for it.
        try { return (With(leg, l, core, walletChange), fill); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(targetQuantity), targetQuantity, ex); throw; }
    }

    private (HedgeBook Book, TradeFill Fill) TradeCore(int index, BookLeg l, Side side, decimal quantity, decimal price, bool maker)
    {
        var core = new LegCore(l);
        var fill = core.Trade(l, side, quantity, price, maker, out decimal walletChange);
        return (fill.FilledQuantity == 0m ? this : With(index, l, core, walletChange), fill);
    }

    /// <summary>This book with one leg replaced by a changed copy, and what a cross leg booked to its wallet.</summary>
    private HedgeBook With(int index, BookLeg l, LegCore core, decimal walletChange)
    {
        var wallets = l.MarginMode == MarginMode.Cross ? Add(CrossWallets, l.Contract.SettlementAsset, walletChange) : CrossWallets;
        return new HedgeBook(Spot, Legs.SetItem(index, core.ToLeg(l)), wallets, CrossMarginLost);
    }

    /// <summary>The same book with another stop on a leg.</summary>
    /// <param name="leg">The leg index.</param>
    /// <param name="stop">The stop, or null to remove it.</param>
    /// <returns>The new book.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The leg index is out of range.</exception>
    public HedgeBook WithStop(int leg, StopOrder? stop)
    {
        var l = LegAt(leg);
        var nl = l.Copy(l.Position, l.LiquidationPrice, l.RealizedPnl, l.Fees, l.Funding, l.MarginLost, l.Exit, l.ExitPrice, l.ExitTime, stop);
        return new HedgeBook(Spot, Legs.SetItem(leg, nl), CrossWallets, CrossMarginLost);
    }

    /// <summary>Settles one funding print on every open leg (or only the legs of one symbol).</summary>
    /// <param name="print">The print: rate and the mark price at its time.</param>
    /// <param name="symbol">Only legs on this contract symbol; every leg when null.</param>
    /// <returns>The new book.</returns>
    public HedgeBook Fund(FundingPrint print, string? symbol = null)
    {
        CheckPrint(print);
        var legs = Legs;
        var wallets = CrossWallets;
        for (int i = 0; i < legs.Length; i++)
        {
            var l = legs[i];
            if (l.Position is null) continue;
            if (symbol is not null && l.Contract.Symbol != symbol) continue;
            var core = new LegCore(l);
            decimal pay = core.Fund(print);
            legs = legs.SetItem(i, core.ToLeg(l));
            if (l.MarginMode == MarginMode.Cross) wallets = Add(wallets, l.Contract.SettlementAsset, pay);
        }
        return new HedgeBook(Spot, legs, wallets, CrossMarginLost);
    }

    /// <summary>
    /// A cross wallet holds one open position: its liquidation price is that position's against the whole wallet
    /// (<see cref="CrossLiquidations"/>). Two positions in one wallet would be liquidated together at the one price where
    /// the account's margin balance meets its maintenance margin with both marked there, which the per-position prices of
    /// <see cref="MarginCalc.Cross(CrossAccount, IReadOnlyDictionary{string, decimal}, LiquidationRule?)"/> (each holding the
    /// other at its mark, as an exchange shows them) are not; and a wallet's legs on two underlyings have no one price at
    /// all. So a new cross leg needs a wallet with no open cross leg.
    /// </summary>
    private void CheckCrossWallet(Contract contract, string paramName)
    {
        foreach (var l in Legs)
        {
            if (!l.IsOpen || l.MarginMode != MarginMode.Cross || !SharesCrossWallet(l.Contract, contract)) continue;
            Preconditions.ThrowArgument(paramName, l.Contract.Symbol == contract.Symbol
                ? $"{contract.Symbol} already has an open cross leg in the {contract.SettlementAsset} wallet; the cross account is one-way (one position per symbol): trade that leg instead"
                : $"{contract.Symbol} cannot join the {contract.SettlementAsset} cross wallet: it holds {l.Contract.Symbol} open, and the book's cross wallet holds one position (its liquidation price is that position's against the whole wallet): open it isolated");
        }
    }

    /// <summary>
    /// True when cross legs on the two contracts would share one cross wallet: the wallets are keyed by settlement asset
    /// (<see cref="CrossWallets"/>). The one statement of that rule: <see cref="CheckCrossWallet"/> and
    /// <c>PlanDefinition.Create</c> (one cross leg per wallet) both ask it.
    /// </summary>
    internal static bool SharesCrossWallet(Contract a, Contract b) => string.Equals(a.SettlementAsset, b.SettlementAsset, StringComparison.Ordinal);

    /// <summary>
    /// An open cross leg's margin at a mark: the account is the leg's one position and its whole wallet (a cross wallet
    /// holds one position, <see cref="CheckCrossWallet"/>; a negative balance counts as 0), marked at
    /// <paramref name="mark"/>, by <see cref="MarginCalc.Cross(CrossAccount, IReadOnlyDictionary{string, decimal}, LiquidationRule?)"/>
    /// under the leg's rule. The one place a book's cross leg becomes an account: the liquidation check
    /// (<see cref="CrossLiquidations"/>) and the now clock's figures (<c>PlanStatus</c>) both read it.
    /// </summary>
    internal static CrossMarginSnapshot CrossSnapshot(BookLeg leg, decimal wallet, decimal mark)
    {
        var account = CrossAccount.Create(leg.Contract.SettlementAsset, Math.Max(0m, wallet), [leg.Position!]);
        return MarginCalc.Cross(account, new Dictionary<string, decimal> { [leg.Contract.Symbol] = mark }, leg.Rule);
    }

    internal static void CheckPrint(in FundingPrint print)
    {
        if (print.MarkPrice <= 0m) Preconditions.ThrowOutOfRange(nameof(print), print.MarkPrice, "must have a mark price greater than 0 (default(FundingPrint) is not a print)");
    }

    /// <summary>Advances the book through one price interval: stops and liquidations that the interval's range reaches.</summary>
    /// <param name="bar">The interval's mark (and last) prices.</param>
    /// <param name="symbol">Only legs on this contract symbol; every leg when null (a book on one underlying).</param>
    /// <returns>The new book; stopped and liquidated legs are closed and say how and at what price.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bar is the default value (no prices).</exception>
    public HedgeBook Move(PriceBar bar, string? symbol = null)
    {
        if (bar.Low <= 0m) Preconditions.ThrowOutOfRange(nameof(bar), bar.Low, "must have positive prices (default(PriceBar) is not a bar)");
        var legs = Legs;
        var wallets = CrossWallets;
        bool anyCross = false;
        for (int i = 0; i < legs.Length; i++)
        {
            var l = legs[i];
            if (l.Position is null) continue;
            if (symbol is not null && l.Contract.Symbol != symbol) continue;
            if (l.MarginMode == MarginMode.Cross) anyCross = true;
            var core = new LegCore(l);
            if (!core.Move(l, bar, out decimal walletChange)) continue;
            legs = legs.SetItem(i, core.ToLeg(l));
            if (l.MarginMode == MarginMode.Cross) wallets = Add(wallets, l.Contract.SettlementAsset, walletChange);
        }
        var lost2 = CrossMarginLost;
        if (anyCross) CrossLiquidations(ref legs, ref wallets, ref lost2, bar, symbol);
        return new HedgeBook(Spot, legs, wallets, lost2);
    }

    /// <summary>The first of stop and liquidation that an interval reaches for one position, and the exit price.</summary>
    internal static (HedgeExit Exit, decimal Price) FirstExit(bool isLong, StopOrder? stop, decimal? liq, in PriceBar bar) =>
        FirstExit(isLong, stop is not null, stop?.Price ?? 0m, stop?.Trigger ?? TriggerPrice.Mark, stop?.Slippage ?? 0m, liq, bar);

    /// <summary>The first of stop and liquidation that an interval reaches, the stop given by its values (<see cref="LegCore"/> keeps no order object).</summary>
    internal static (HedgeExit Exit, decimal Price) FirstExit(bool isLong, bool hasStop, decimal stopPrice, TriggerPrice stopTrigger, decimal stopSlippage,
        decimal? liq, in PriceBar bar)
    {
        // Distances from the interval's open, as fractions, in the adverse direction; ≤ 0 means the open is already beyond.
        bool liqHit = false, stopHit = false;
        decimal liqDist = 0m, stopDist = 0m;
        if (liq is { } lp)
        {
            liqHit = isLong ? bar.Low <= lp : bar.High >= lp;
            if (liqHit) liqDist = isLong ? (bar.Open - lp) / bar.Open : (lp - bar.Open) / bar.Open;
        }
        decimal trigOpen = 0m;
        if (hasStop)
        {
            bool last = stopTrigger == TriggerPrice.Last;
            trigOpen = last ? bar.LastOpen : bar.Open;
            decimal hi = last ? bar.LastHigh : bar.High, lo = last ? bar.LastLow : bar.Low;
            stopHit = isLong ? lo <= stopPrice : hi >= stopPrice;
            if (stopHit) stopDist = isLong ? (trigOpen - stopPrice) / trigOpen : (stopPrice - trigOpen) / trigOpen;
        }
        if (!liqHit && !stopHit) return (HedgeExit.None, 0m);
        if (liqHit && (!stopHit || liqDist <= 0m || (stopDist > 0m && liqDist < stopDist))) return (HedgeExit.Liquidated, liq!.Value);
        // The stop comes first: fill at the stop plus slippage, or at the last price's open when the interval opened beyond it.
        bool gapped = stopDist <= 0m;
        decimal fill = gapped ? bar.LastOpen : StopOrder.FillFor(stopPrice, stopSlippage, isLong);
        if (gapped && (isLong ? fill > stopPrice : fill < stopPrice)) fill = StopOrder.FillFor(stopPrice, stopSlippage, isLong); // the last price had not crossed yet
        if (liq.HasValue && (isLong ? fill <= liq.Value : fill >= liq.Value)) return (HedgeExit.Liquidated, liq.Value);
        return (HedgeExit.Stopped, fill);
    }

    /// <summary>
    /// Liquidates the cross legs a bar reaches. A cross wallet holds one open position (<see cref="CheckCrossWallet"/>):
    /// it is liquidated at the bar's open when the account is already liquidatable there, else at its liquidation price
    /// against the whole wallet when the bar's range reaches it; the wallet's balance is forfeited.
    /// </summary>
    /// <param name="legs">The book's legs; a liquidated leg is replaced.</param>
    /// <param name="wallets">The cross wallets; a liquidated leg's wallet is emptied.</param>
    /// <param name="lost">The cross margin lost by wallet; a liquidation adds its wallet's balance at the liquidation mark.</param>
    /// <param name="bar">The interval.</param>
    /// <param name="symbol">Only a leg on this symbol (the bar is its price); every cross leg when null.</param>
    internal static void CrossLiquidations(ref ImmutableArray<BookLeg> legs, ref ImmutableDictionary<string, decimal> wallets,
        ref ImmutableDictionary<string, decimal> lost, in PriceBar bar, string? symbol)
    {
        for (int i = 0; i < legs.Length; i++)
        {
            var l = legs[i];
            if (!l.IsOpen || l.MarginMode != MarginMode.Cross) continue;
            if (symbol is not null && l.Contract.Symbol != symbol) continue;
            string walletAsset = l.Contract.SettlementAsset;
            decimal wallet = wallets.TryGetValue(walletAsset, out var w) ? w : 0m;
            var position = l.Position!;
            var snap = CrossSnapshot(l, wallet, bar.Open);
            decimal mark;
            if (snap.IsLiquidatable) mark = bar.Open;
            else
            {
                var liqOrNull = snap.Positions[0].LiquidationPrice; // plain locals in guards (docs/testing.md, Safe Mode)
                if (liqOrNull is null) continue;
                decimal lp = liqOrNull.Value;
                bool hit = position.Side == Side.Long ? bar.Low <= lp : bar.High >= lp;
                if (!hit) continue;
                mark = lp;
            }
            var pnl = position.UnrealizedPnl(mark);
            legs = legs.SetItem(i, l.Copy(null, null, l.RealizedPnl + pnl, l.Fees, l.Funding, l.MarginLost, HedgeExit.Liquidated, mark, bar.Time, l.Stop));
            // The account loses its whole cross wallet balance: the margin balance left at the liquidation mark is forfeited.
            lost = Add(lost, walletAsset, wallet + pnl);
            wallets = wallets.SetItem(walletAsset, 0m);
        }
    }

    /// <summary>
    /// Moves every leg along the straight path from one price to another over the holding period of
    /// <paramref name="funding"/>, settling a funding print at the end of each funding interval at that time's price.
    /// </summary>
    /// <param name="from">The price at the start (the mark = last), &gt; 0.</param>
    /// <param name="to">The price at the end, &gt; 0.</param>
    /// <param name="funding">Funding in or out; <see cref="FundingTerms.None"/> for an instant move.</param>
    /// <param name="start">The time at the start; the Unix epoch when null.</param>
    /// <returns>The book at the end of the path.</returns>
    /// <remarks>
    /// The path assumption of every "outcome at a price": the price moves in a straight line from <paramref name="from"/>
    /// to <paramref name="to"/> (prices at the n prints of the period are <c>from + (to − from)·k/n</c>); a stop or
    /// liquidation level between them is crossed on the way and applied where crossed, and a leg that exits receives
    /// no funding after its exit. The funding interval is that of the first open leg's contract.
    /// A book with one open isolated leg (the common case) takes a direct route that builds no book per print: the
    /// segment in which the leg exits is found from the print prices, that one segment is moved, and the funding of
    /// the prints before it is one <see cref="Funding.Payment(Side, decimal, decimal)"/> on the summed notional
    /// (a closed form for linear contracts). It gives the exit, exit price and time, PnL, fees and margin of the
    /// print-by-print route exactly, and its funding to decimal rounding (property-tested, 1e-20 relative).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="funding"/> is null.</exception>
    public HedgeBook MoveStraight(decimal from, decimal to, FundingTerms funding, DateTimeOffset? start = null) =>
        MoveStraightRoute(from, to, funding, start, printByPrint: false);

    /// <summary><see cref="MoveStraight(decimal, decimal, FundingTerms, DateTimeOffset?)"/>, optionally forced through the print-by-print route (one <see cref="Move"/> and one <see cref="Fund"/> per print; tests and benchmarks compare the routes).</summary>
    internal HedgeBook MoveStraightRoute(decimal from, decimal to, FundingTerms funding, DateTimeOffset? start, bool printByPrint, StraightPrints? shared = null)
    {
        Preconditions.Positive(from);
        Preconditions.Positive(to);
        Preconditions.NotNull(funding);
        var t0 = start ?? DateTimeOffset.UnixEpoch;
        BookLeg? first = null;
        int openLegs = 0;
        foreach (var l in Legs)
            if (l.IsOpen) { first ??= l; openLegs++; }
        int n = first is null ? 0 : funding.PrintsFor(first.Contract.FundingInterval);
        if (n == 0)
            return Move(PriceBar.Unchecked(t0 + TimeSpan.FromDays((double)funding.HoldingDays), from, Math.Max(from, to), Math.Min(from, to), to));
        var interval = first!.Contract.FundingInterval;
        decimal step = (to - from) / n;
        if (!printByPrint && openLegs == 1 && first.MarginMode == MarginMode.Isolated)
            return MoveStraightOneLeg(Legs.IndexOf(first), from, to, step, funding.RatePerInterval, n, interval, t0,
                shared is not null && shared.From == from && shared.To == to && shared.Count == n ? shared : null);
        var book = this;
        decimal prev = from;
        for (int k = 1; k <= n; k++)
        {
            decimal p = PrintPrice(from, to, step, n, k);
            var t = t0 + interval * k;
            book = book.Move(PriceBar.Unchecked(t, prev, Math.Max(prev, p), Math.Min(prev, p), p));
            book = book.Fund(new FundingPrint(t, funding.RatePerInterval, p));
            prev = p;
        }
        return book; // the last print is at the end price
    }

    /// <summary>The price at print <paramref name="k"/> (of n) on the straight path: <c>from + step·k</c>, exactly <paramref name="to"/> at the last print.</summary>
    internal static decimal PrintPrice(decimal from, decimal to, decimal step, int n, int k) => k == n ? to : from + step * k;

    /// <summary>
    /// The straight path for a book whose only open leg is isolated, with no book per print. Segment k runs from print
    /// k − 1 (print 0 = the start) to print k. Between prints nothing changes for an isolated leg but its funding (the
    /// liquidation price and stop do not move), so the leg exits in the first segment whose range reaches its exit
    /// threshold (short: the lower of stop and liquidation; long: the higher) — the test <see cref="FirstExit(bool, StopOrder?, decimal?, in PriceBar)"/> makes —
    /// and that segment is moved with <see cref="Move"/> exactly as the print-by-print route moves it. The prints before
    /// it are paid: Σ <see cref="Funding.Payment(Side, decimal, decimal)"/> = one payment on the summed notional (the
    /// payment is linear in the notional), the sum from <see cref="Position.NotionalSum"/>.
    /// </summary>
    private HedgeBook MoveStraightOneLeg(int index, decimal from, decimal to, decimal step, decimal rate, int n, TimeSpan interval, DateTimeOffset t0,
        StraightPrints? shared)
    {
        var leg = Legs[index];
        var p = leg.Position!;
        decimal? stop = leg.Stop?.Price, liq = leg.LiquidationPrice;
        int exitSegment = 0; // 0: the leg stays open over the whole path
        decimal segOpen = 0m, segClose = 0m;
        if (stop is not null || liq is not null)
        {
            bool isLong = p.IsLong;
            decimal threshold = isLong ? Math.Max(stop ?? 0m, liq ?? 0m) : Math.Min(stop ?? decimal.MaxValue, liq ?? decimal.MaxValue);
            // Segment k reaches the threshold when its high (short) / low (long) does, i.e. when one of its end prices is
            // beyond it. A path that starts beyond exits in segment 1; one moving away from the threshold never reaches
            // it; one moving towards it reaches it first in the segment that ends at the first print beyond it (the print
            // prices move monotonically). The print is estimated from the line, then found exactly on the print prices.
            bool Beyond(decimal x) => isLong ? x <= threshold : x >= threshold;
            if (Beyond(from)) { exitSegment = 1; segOpen = from; segClose = PrintPrice(from, to, step, n, 1); }
            else if ((isLong ? to < from : to > from) && Beyond(to))
            {
                double estimate = Math.Ceiling((double)(threshold - from) / (double)step);
                int k = double.IsFinite(estimate) ? (int)Math.Clamp(estimate, 1d, n) : n;
                decimal pk = PrintPrice(from, to, step, n, k), prev;
                if (Beyond(pk))
                {
                    while (true)
                    {
                        prev = k == 1 ? from : PrintPrice(from, to, step, n, k - 1);
                        if (k == 1 || !Beyond(prev)) break;
                        k--; pk = prev;
                    }
                }
                else
                {
                    do { k++; prev = pk; pk = PrintPrice(from, to, step, n, k); } while (!Beyond(pk));
                }
                exitSegment = k; segOpen = prev; segClose = pk;
            }
        }
        int paid = exitSegment == 0 ? n : exitSegment - 1;
        decimal funding = 0m;
        if (paid > 0 && rate != 0m)
        {
            // Σ_{j ≤ paid} p_j in closed form (p_j = from + step·j; the last print is exactly the end price), and for an
            // inverse contract Σ 1/p_j over the same print prices.
            decimal sumPrices = 0m, sumInverse = 0m;
            if (p.IsLinear)
            {
                int m = Math.Min(paid, n - 1);
                sumPrices = m * from + step * (m * (m + 1L) / 2) + (paid == n ? to : 0m); // m(m + 1) is even: an exact integer
            }
            else if (shared is not null) sumInverse = shared.InverseSum(paid);
            else sumInverse = DoubleDouble.InverseSum(from, to, step, n, paid); // Σ 1/p_j in double-double: one decimal at the end, not a division per print
            funding = Funding.Payment(p.Side, p.NotionalSum(sumPrices, sumInverse), rate);
        }
        var book = this;
        if (exitSegment > 0)
            book = Move(PriceBar.Unchecked(t0 + interval * exitSegment, segOpen, Math.Max(segOpen, segClose), Math.Min(segOpen, segClose), segClose));
        if (funding == 0m) return book;
        var nl = book.Legs[index];
        nl = nl.Copy(nl.Position, nl.LiquidationPrice, nl.RealizedPnl, nl.Fees, nl.Funding + funding, nl.MarginLost, nl.Exit, nl.ExitPrice, nl.ExitTime, nl.Stop);
        return new HedgeBook(book.Spot, book.Legs.SetItem(index, nl), book.CrossWallets, book.CrossMarginLost);
    }

    /// <summary>The net money of the legs settling in one asset: realized − fees + funding, plus unrealized PnL at a mark, minus cross margin lost.</summary>
    /// <param name="settlementAsset">The asset (e.g. <c>USDT</c> or <c>BTC</c>).</param>
    /// <param name="markPrice">The mark price of the open legs, &gt; 0 (a book on one underlying).</param>
    /// <returns>The total in <paramref name="settlementAsset"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="markPrice"/> is not positive.</exception>
    public decimal NetPnl(string settlementAsset, decimal markPrice)
    {
        Preconditions.NotNullOrWhiteSpace(settlementAsset);
        Preconditions.Positive(markPrice);
        decimal sum = 0m;
        foreach (var l in Legs)
            if (l.Contract.SettlementAsset == settlementAsset)
                sum += l.NetPnl + (l.Position is { } p ? p.UnrealizedPnl(markPrice) : 0m);
        return sum - (CrossMarginLost.TryGetValue(settlementAsset, out var x) ? x : 0m);
    }

    private BookLeg LegAt(int leg, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(leg))] string? name = null)
    {
        if (leg < 0 || leg >= Legs.Length) Preconditions.ThrowOutOfRange(name, leg, $"must be a leg index in [0, {Legs.Length - 1}]");
        return Legs[leg];
    }

    internal static decimal? Liq(Position? p, LiquidationRule rule) =>
        p is not null && p.MarginMode == MarginMode.Isolated ? MarginCalc.LiquidationPrice(p, rule) : null;

    internal static ImmutableDictionary<string, decimal> Add(ImmutableDictionary<string, decimal> d, string key, decimal amount) =>
        d.SetItem(key, (d.TryGetValue(key, out var v) ? v : 0m) + amount);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"book: {Spot.Length} spot, {Legs.Length} legs ({Legs.Count(l => l.IsOpen)} open)");
}

/// <summary>
/// The print prices of one straight path (from, to, n prints) and the prefix sums of their inverses, for books moved along
/// the same path (the exact grid: every ratio × leverage cell of one price move). Summed by the one owner
/// <see cref="DoubleDouble.InverseSums"/> that <see cref="HedgeBook.MoveStraight(decimal, decimal, FundingTerms, DateTimeOffset?)"/>
/// uses, so the sums are the same decimals. Immutable after construction and thread-safe.
/// </summary>
internal sealed class StraightPrints
{
    private readonly decimal[] _inversePrefix;

    public StraightPrints(decimal from, decimal to, int count)
    {
        From = from; To = to; Count = count;
        decimal step = (to - from) / count;
        _inversePrefix = new decimal[count + 1];
        DoubleDouble.InverseSums(from, to, step, count, _inversePrefix);
    }

    public decimal From { get; }
    public decimal To { get; }
    public int Count { get; }

    /// <summary>Σ 1/p_j over the first <paramref name="prints"/> prints.</summary>
    public decimal InverseSum(int prints) => _inversePrefix[prints];
}
