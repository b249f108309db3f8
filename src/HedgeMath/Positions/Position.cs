using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>A futures position: contract, side, quantity, average entry price, leverage and margin mode.</summary>
/// <remarks>
/// <para>Quantities are positive and the side gives the direction. Linear quantity is in base units (times the
/// contract size); inverse quantity is in contracts. Every money figure is in the contract's
/// <see cref="Contract.SettlementAsset"/> (USDT for linear, the coin for inverse).</para>
/// <para>An isolated position carries its own wallet, <see cref="IsolatedMargin"/> (the initial margin at entry
/// unless given); a cross position shares the account's cross wallet and has <see cref="IsolatedMargin"/> 0.</para>
/// <para>Operations are pure and return new positions. Every creation path validates. Immutable and thread-safe.</para>
/// </remarks>
public sealed class Position
{
    private Position(Contract contract, Side side, decimal quantity, decimal entryPrice, decimal leverage, MarginMode mode, decimal isolatedMargin)
    {
        Contract = contract; Side = side; Quantity = quantity; EntryPrice = entryPrice; Leverage = leverage;
        MarginMode = mode; IsolatedMargin = isolatedMargin;
        IsLong = side == Side.Long;
        IsLinear = contract.Type == ContractType.Linear;
        Qk = contract.CoinsOf(quantity);
        EntryValue = IsLinear ? Qk * entryPrice : Qk / entryPrice;
        QkD = (double)Qk;
        EntryValueD = (double)EntryValue;
        IsolatedMarginD = (double)isolatedMargin;
    }

    // Hot-path constants (computed once per position): q·size (linear base units, inverse USD) and the entry
    // notional in the settlement asset. PnL and notional at any price then cost one multiply or divide.
    internal readonly bool IsLong;
    internal readonly bool IsLinear;
    internal readonly decimal Qk;
    internal readonly decimal EntryValue;
    // The same as doubles, for the margin engine's double-guided tier decisions only (never a result).
    internal readonly double QkD;
    internal readonly double EntryValueD;
    internal readonly double IsolatedMarginD;

    /// <summary>Notional at a price without validation: linear q·size·P, inverse q·size/P.</summary>
    internal decimal NotionalAt(decimal price) => IsLinear ? Qk * price : Qk / price;

    /// <summary>Σ <see cref="NotionalAt"/> over a set of prices, from their sums: linear q·size·ΣP, inverse q·size·Σ(1/P) (the notional is linear in P, or in 1/P).</summary>
    internal decimal NotionalSum(decimal sumOfPrices, decimal sumOfInversePrices) => IsLinear ? Qk * sumOfPrices : Qk * sumOfInversePrices;

    /// <summary>The value the contract's tier table is looked up by at a price: the notional, or the size for an OKX-style table.</summary>
    internal decimal TierKeyAt(decimal price) => Contract.Tiers.Basis == TierBasis.Quantity ? Qk : NotionalAt(price);

    /// <summary>Unrealized PnL at a price without validation: linear s·(q·size·P − entry notional), inverse s·(entry notional − q·size/P).</summary>
    internal decimal PnlAt(decimal price)
    {
        var d = IsLinear ? DecimalFast.Subtract(Qk * price, EntryValue) : DecimalFast.Subtract(EntryValue, Qk / price);
        return IsLong ? d : -d;
    }

    /// <summary>The contract.</summary>
    public Contract Contract { get; }
    /// <summary>Long or short.</summary>
    public Side Side { get; }
    /// <summary>The size, &gt; 0: linear base units, inverse contracts.</summary>
    public decimal Quantity { get; }
    /// <summary>The average entry price (linear: quantity-weighted mean; inverse: harmonic mean).</summary>
    public decimal EntryPrice { get; }
    /// <summary>The leverage; initial margin rate = 1 / leverage.</summary>
    public decimal Leverage { get; }
    /// <summary>Isolated or cross.</summary>
    public MarginMode MarginMode { get; }
    /// <summary>The isolated position's wallet balance (margin put up plus any margin added) in the settlement asset; 0 for cross.</summary>
    public decimal IsolatedMargin { get; }

    /// <summary>The settlement asset of every money figure of this position.</summary>
    public string SettlementAsset => Contract.SettlementAsset;

    /// <summary>The sign of the side: +1 long, −1 short.</summary>
    internal decimal Sign => Side == Side.Short ? -1m : 1m;

    /// <summary>Opens a position.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">The size, &gt; 0 (linear: base units; inverse: contracts).</param>
    /// <param name="entryPrice">The entry price, &gt; 0.</param>
    /// <param name="leverage">The leverage, in [1, the maximum of the tier that holds the entry notional].</param>
    /// <param name="mode">Isolated (default) or cross.</param>
    /// <param name="isolatedMargin">Isolated only: the position's wallet balance, &gt; 0; the initial margin at entry
    /// (<c>notional / leverage</c>) when null. Must be null for cross.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule, or the leverage exceeds the tier's maximum for the entry notional.</exception>
    /// <exception cref="ArgumentException"><paramref name="isolatedMargin"/> is given for a cross position, or the notional overflows decimal.</exception>
    public static Position Open(Contract contract, Side side, decimal quantity, decimal entryPrice, decimal leverage,
        MarginMode mode = MarginMode.Isolated, decimal? isolatedMargin = null)
    {
        Preconditions.NotNull(contract);
        Preconditions.Defined(side);
        Preconditions.Positive(quantity);
        Preconditions.Positive(entryPrice);
        Preconditions.Defined(mode);
        decimal notional = 0m;
        try { notional = contract.NotionalUnchecked(quantity, entryPrice); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); }
        if (notional <= 0m) Preconditions.ThrowOutOfRange(nameof(quantity), quantity, "gives a notional that rounds to 0 at this entry price");
        var key = contract.Tiers.Key(notional, contract.CoinsOf(quantity));
        CheckLargestTier(contract, quantity, notional, key);
        CheckLeverage(contract, leverage, notional, key);
        decimal margin;
        if (mode == MarginMode.Cross)
        {
            if (isolatedMargin is not null)
                Preconditions.ThrowArgument(nameof(isolatedMargin), "must be null for a cross position (cross positions share the account's wallet)");
            margin = 0m;
        }
        else
        {
            margin = isolatedMargin ?? notional / leverage;
            if (margin <= 0m) Preconditions.ThrowOutOfRange(nameof(isolatedMargin), margin, "must be greater than 0");
        }
        return new Position(contract, side, quantity, entryPrice, leverage, mode, margin);
    }

    private static void CheckLeverage(Contract contract, decimal leverage, decimal notional, decimal key)
    {
        if (leverage < 1m) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, "must be at least 1");
        var max = Math.Min(contract.MaxLeverage, contract.Tiers.TierFor(key).MaxLeverage);
        if (leverage > max)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, string.Create(CultureInfo.InvariantCulture,
                $"must not exceed {max}x, the maximum of {contract.Symbol} for a notional of {notional} {contract.SettlementAsset}"));
    }

    /// <summary>The notional at the entry price, in the settlement asset.</summary>
    public decimal EntryNotional => EntryValue;

    /// <summary>The notional at a mark price, in the settlement asset.</summary>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <returns>Linear: <c>q · size · mark</c> (quote). Inverse: <c>contracts · size / mark</c> (base).</returns>
    /// <exception cref="ArgumentException"><paramref name="markPrice"/> is not positive or the result overflows decimal.</exception>
    public decimal Notional(decimal markPrice)
    {
        Preconditions.Positive(markPrice);
        try { return NotionalAt(markPrice); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrice), markPrice, ex); return 0m; }
    }

    /// <summary>The initial margin at entry: <c>entry notional / leverage</c>, in the settlement asset.</summary>
    /// <returns>The initial margin (Binance calculator: "Initial Margin = Quantity · Entry Price · IMR").</returns>
    public decimal InitialMargin() => EntryNotional / Leverage;

    /// <summary>The initial margin at a mark price: <c>notional(mark) / leverage</c>, in the settlement asset.</summary>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <returns>The initial margin as Binance shows it for an open position (notional at mark × IMR).</returns>
    /// <exception cref="ArgumentException"><paramref name="markPrice"/> is not positive or the result overflows decimal.</exception>
    public decimal InitialMargin(decimal markPrice) => Notional(markPrice) / Leverage;

    /// <summary>The unrealized PnL at a mark price, in the settlement asset (positive is a gain).</summary>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <returns>Linear: <c>side · q · size · (mark − entry)</c>. Inverse: <c>side · contracts · size · (1/entry − 1/mark)</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="markPrice"/> is not positive or the result overflows decimal.</exception>
    public decimal UnrealizedPnl(decimal markPrice)
    {
        Preconditions.Positive(markPrice);
        try { return PnlAt(markPrice); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrice), markPrice, ex); return 0m; }
    }

    /// <summary>The return on equity at a mark price as Binance shows it for an open position.</summary>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <returns>
    /// <c>ROE = unrealized PnL / (notional at mark · IMR)</c> with IMR = 1/leverage (Binance "How to calculate
    /// Unrealized PNL and ROE%": "ROE% = Unrealized PNL / entry margin = ((mark − entry) · direction · size) /
    /// (position_amount · contract_multiplier · mark_price · IMR)"). A fraction: 0.5 = 50 %. Linear:
    /// <c>side · (1 − entry/mark) · leverage</c>; inverse: <c>side · (mark/entry − 1) · leverage</c>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="markPrice"/> is not positive or the result overflows decimal.</exception>
    public decimal Roe(decimal markPrice)
    {
        var pnl = UnrealizedPnl(markPrice);
        var margin = InitialMargin(markPrice);
        if (margin == 0m) Preconditions.ThrowOutOfRange(nameof(markPrice), markPrice, "is too small: the notional at this mark rounds to 0, so no return on it exists");
        try { return pnl / margin; }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrice), markPrice, ex); return 0m; }
    }

    /// <summary>The return on the initial margin at entry, as the Binance futures calculator computes it.</summary>
    /// <param name="exitPrice">The exit price, &gt; 0.</param>
    /// <returns><c>PnL(exit) / (entry notional / leverage)</c>, a fraction.</returns>
    /// <exception cref="ArgumentException"><paramref name="exitPrice"/> is not positive or the result overflows decimal.</exception>
    public decimal ReturnOnInitialMargin(decimal exitPrice)
    {
        Preconditions.Positive(exitPrice);
        try { return PnlAt(exitPrice) / InitialMargin(); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(exitPrice), exitPrice, ex); return 0m; }
    }

    /// <summary>The exit price that gives a target return on the initial margin at entry (Binance calculator "Target Price").</summary>
    /// <param name="returnOnMargin">The target return as a fraction (0.5 = 50 %; negative for a loss).</param>
    /// <returns>Linear: <c>entry · (1 + side · ROE / leverage)</c>. Inverse: <c>entry / (1 − side · ROE / leverage)</c>
    /// (Binance: "Target Price = side · entry price / (side − ROE · IMR)").</returns>
    /// <exception cref="ArgumentOutOfRangeException">No positive price reaches the target (e.g. a linear short returning more than its leverage).</exception>
    public decimal TargetPrice(decimal returnOnMargin)
    {
        try
        {
            var k = Sign * returnOnMargin / Leverage;
            if (Contract.Type == ContractType.Linear)
            {
                var x = EntryPrice * (1m + k);
                if (x <= 0m) Preconditions.ThrowOutOfRange(nameof(returnOnMargin), returnOnMargin, "cannot be reached at any positive price for this side and leverage");
                return x;
            }
            var d = 1m - k;
            if (d <= 0m) Preconditions.ThrowOutOfRange(nameof(returnOnMargin), returnOnMargin, "cannot be reached at any positive price for this side and leverage");
            return EntryPrice / d;
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(returnOnMargin), returnOnMargin, ex); return 0m; }
    }

    /// <summary>The fee to open this position at its entry price.</summary>
    /// <param name="maker">True for the maker rate, false (default) for the taker rate.</param>
    /// <returns><c>entry notional · fee rate</c> in the settlement asset (a cost, ≥ 0).</returns>
    public decimal OpenFee(bool maker = false) => Contract.FeeUnchecked(EntryNotional, maker);

    /// <summary>The fee to close this whole position at a price.</summary>
    /// <param name="exitPrice">The exit price, &gt; 0.</param>
    /// <param name="maker">True for the maker rate, false (default) for the taker rate.</param>
    /// <returns><c>notional(exit) · fee rate</c> in the settlement asset (a cost, ≥ 0).</returns>
    /// <exception cref="ArgumentException"><paramref name="exitPrice"/> is not positive or the result overflows decimal.</exception>
    public decimal CloseFee(decimal exitPrice, bool maker = false)
    {
        Preconditions.Positive(exitPrice);
        try { return CloseFeeAt(exitPrice, maker); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(exitPrice), exitPrice, ex); return 0m; }
    }

    private decimal CloseFeeAt(decimal exitPrice, bool maker) => Contract.FeeUnchecked(NotionalAt(exitPrice), maker);

    /// <summary>The net profit of the whole trade: opened at the entry, closed at a price, with the funding received or paid in between.</summary>
    /// <param name="exitPrice">The exit price, &gt; 0.</param>
    /// <param name="funding">The funding over the holding period as a cash flow in the settlement asset (+ received, − paid).</param>
    /// <param name="makerOpen">True when the open paid the maker rate, false (default) for the taker rate.</param>
    /// <param name="makerClose">True when the close pays the maker rate, false (default) for the taker rate.</param>
    /// <returns><c>PnL(exit) − open fee − close fee + funding</c> in the settlement asset
    /// (<see cref="UnrealizedPnl"/>, <see cref="OpenFee"/>, <see cref="CloseFee"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="exitPrice"/> is not positive, or the sum overflows decimal (the message names
    /// <paramref name="funding"/> when it is the funding that overflows it).</exception>
    public decimal NetPnl(decimal exitPrice, decimal funding = 0m, bool makerOpen = false, bool makerClose = false)
    {
        Preconditions.Positive(exitPrice);
        decimal beforeFunding = 0m;
        try { beforeFunding = PnlAt(exitPrice) - OpenFee(makerOpen) - CloseFeeAt(exitPrice, makerClose); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(exitPrice), exitPrice, ex); }
        try { return beforeFunding + funding; }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(funding), funding, ex); return 0m; }
    }

    /// <summary>The net return of the whole trade on the initial margin at entry: <see cref="NetPnl"/> over <see cref="InitialMargin()"/>.</summary>
    /// <param name="exitPrice">The exit price, &gt; 0.</param>
    /// <param name="funding">The funding over the holding period as a cash flow in the settlement asset (+ received, − paid).</param>
    /// <param name="makerOpen">True when the open paid the maker rate, false (default) for the taker rate.</param>
    /// <param name="makerClose">True when the close pays the maker rate, false (default) for the taker rate.</param>
    /// <returns><c>(PnL(exit) − open fee − close fee + funding) / (entry notional / leverage)</c>, a fraction (0.5 = 50 %): the
    /// Binance calculator's ROE (<see cref="ReturnOnInitialMargin"/>) after fees and funding.</returns>
    /// <exception cref="ArgumentException"><paramref name="exitPrice"/> is not positive, or the result overflows decimal.</exception>
    public decimal NetReturnOnInitialMargin(decimal exitPrice, decimal funding = 0m, bool makerOpen = false, bool makerClose = false)
    {
        var net = NetPnl(exitPrice, funding, makerOpen, makerClose);
        try { return net / InitialMargin(); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(funding), funding, ex); return 0m; }
    }

    /// <summary>The relative move of the price from this position's entry to a price (the move a target or a breakeven needs).</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <returns><c>price / entry − 1</c>, a fraction (0.05 = the price 5 % above the entry; negative below it).</returns>
    /// <exception cref="ArgumentException"><paramref name="price"/> is not positive or the result overflows decimal.</exception>
    public decimal MoveFromEntry(decimal price)
    {
        Preconditions.Positive(price);
        try { return price / EntryPrice - 1m; }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(price), price, ex); return 0m; }
    }

    /// <summary>Adds to the position at a price.</summary>
    /// <param name="quantity">The added size, &gt; 0.</param>
    /// <param name="price">The fill price, &gt; 0.</param>
    /// <returns>
    /// The new position. Average entry as exchanges compute it — linear: <c>(q₁·E₁ + q₂·E₂)/(q₁ + q₂)</c>;
    /// inverse: the harmonic mean <c>(Q₁ + Q₂)/(Q₁/E₁ + Q₂/E₂)</c> (equal coin notional at entry, so PnL in coin
    /// adds up). An isolated position's margin grows by the added part's initial margin <c>notional(q₂, price)/leverage</c>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive, or the larger notional exceeds what the leverage allows or the
    /// contract's largest tier (as <see cref="Open"/>).</exception>
    /// <exception cref="ArgumentException">The result overflows decimal.</exception>
    public Position Increase(decimal quantity, decimal price)
    {
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        try
        {
            var q = Quantity + quantity;
            decimal entry = Contract.Type == ContractType.Linear
                ? (Quantity * EntryPrice + quantity * price) / q
                : q / (Quantity / EntryPrice + quantity / price);
            var notional = Contract.NotionalUnchecked(q, entry);
            var key = Contract.Tiers.Key(notional, Contract.CoinsOf(q));
            CheckLargestTier(Contract, quantity, notional, key);
            var allowed = Contract.MaxLeverageForKey(key);
            if (Leverage > allowed)
                Preconditions.ThrowOutOfRange(nameof(quantity), quantity, string.Create(CultureInfo.InvariantCulture,
                    $"takes the notional to {notional} {Contract.SettlementAsset}, above what {Leverage}x allows on {Contract.Symbol} (at most {allowed}x there)"));
            var margin = MarginMode == MarginMode.Isolated ? IsolatedMargin + Contract.NotionalUnchecked(quantity, price) / Leverage : 0m;
            return new Position(Contract, Side, q, entry, Leverage, MarginMode, margin);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return this; }
    }

    /// <summary>A position's size (the notional, or quantity × contract size for size tiers) is within the contract's largest
    /// tier: an exchange takes no order beyond it — an opening order or one that adds to a position.</summary>
    private static void CheckLargestTier(Contract contract, decimal quantity, decimal notional, decimal key)
    {
        var lastCap = contract.Tiers[contract.Tiers.Count - 1].NotionalCap;
        if (key > lastCap)
            Preconditions.ThrowOutOfRange(nameof(quantity), quantity, contract.Tiers.Basis == TierBasis.Quantity
                ? string.Create(CultureInfo.InvariantCulture, $"gives a size of {key} (quantity × contract size), above the cap of the largest tier of {contract.Symbol} ({lastCap})")
                : string.Create(CultureInfo.InvariantCulture, $"gives a notional of {notional} {contract.SettlementAsset}, above the cap of the largest tier of {contract.Symbol} ({lastCap})"));
    }

    /// <summary>Reduces the position at a price, realizing PnL on the closed part; the entry price is unchanged.</summary>
    /// <param name="quantity">The size to close, in (0, <see cref="Quantity"/>]. A larger reduce is an error, never a flip.</param>
    /// <param name="price">The fill price, &gt; 0.</param>
    /// <returns>
    /// <c>Remaining</c>: the remaining position (null when fully closed); <c>ClosedQuantity</c>: the quantity closed;
    /// <c>RealizedPnl</c>: the PnL realized on the closed part in the settlement asset (positive is a gain), before fees;
    /// <c>ReleasedMargin</c>: the isolated margin released by the close (proportional to the closed quantity; 0 for cross).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive or <paramref name="quantity"/> exceeds the position.</exception>
    /// <exception cref="ArgumentException">The result overflows decimal.</exception>
    public (Position? Remaining, decimal ClosedQuantity, decimal RealizedPnl, decimal ReleasedMargin) Reduce(decimal quantity, decimal price)
    {
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        if (quantity > Quantity)
            Preconditions.ThrowOutOfRange(nameof(quantity), quantity, string.Create(CultureInfo.InvariantCulture,
                $"must not exceed the position's quantity {Quantity} (a reduce never flips the side; close, then open the other side)"));
        try
        {
            var realized = Contract.PnlUnchecked(Sign, quantity, EntryPrice, price);
            var rest = Quantity - quantity;
            if (rest == 0m) return (null, quantity, realized, IsolatedMargin);
            var margin = MarginMode == MarginMode.Isolated ? IsolatedMargin * rest / Quantity : 0m;
            var remaining = new Position(Contract, Side, rest, EntryPrice, Leverage, MarginMode, margin);
            return (remaining, quantity, realized, IsolatedMargin - margin);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return default; }
    }

    /// <summary>The same isolated position with a different isolated margin (margin added or removed).</summary>
    /// <param name="isolatedMargin">The new isolated wallet balance, &gt; 0.</param>
    /// <returns>The position with the new margin.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="isolatedMargin"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The position is cross.</exception>
    public Position WithIsolatedMargin(decimal isolatedMargin)
    {
        Preconditions.Positive(isolatedMargin);
        if (MarginMode != MarginMode.Isolated) Preconditions.ThrowArgument(nameof(isolatedMargin), "applies to isolated positions only");
        return new Position(Contract, Side, Quantity, EntryPrice, Leverage, MarginMode, isolatedMargin);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Side} {Quantity} {Contract.Symbol} @ {EntryPrice} {Leverage}x {MarginMode}");
}
