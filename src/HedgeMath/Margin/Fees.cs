using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>Trading fees of futures: open, close, round trip, the breakeven price, and PnL net of fees and funding.</summary>
/// <remarks>
/// <para>Fee = notional of the fill × fee rate (Binance "Trading fee = notional value × fee rate"; maker for
/// resting orders, taker for orders that take liquidity). Linear fees are in the quote asset, inverse fees in the
/// coin (notional = contracts·size/price). Fees are costs and returned as positive numbers. Thread-safe (pure).</para>
/// </remarks>
public static class Fees
{
    /// <summary>The fee on a fill of the given notional.</summary>
    /// <param name="notional">The notional of the fill, ≥ 0.</param>
    /// <param name="feeRate">The fee rate in [0, 1).</param>
    /// <returns><c>notional · feeRate</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks its rule.</exception>
    public static decimal Fee(decimal notional, decimal feeRate)
    {
        Preconditions.NonNegative(notional);
        Preconditions.FeeRate(feeRate);
        return notional * feeRate;
    }

    /// <summary>The fee to open a quantity at a price on a contract.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="quantity">The quantity, &gt; 0.</param>
    /// <param name="price">The fill price, &gt; 0.</param>
    /// <param name="maker">True for the maker rate, false (default) for the taker rate.</param>
    /// <returns>The fee in the settlement asset.</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the notional overflows decimal.</exception>
    public static decimal OpenFee(Contract contract, decimal quantity, decimal price, bool maker = false)
    {
        Preconditions.NotNull(contract);
        return contract.FeeUnchecked(contract.Notional(quantity, price), maker);
    }

    /// <summary>The fee to close a quantity at a price on a contract (the same formula at the exit price).</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="quantity">The quantity, &gt; 0.</param>
    /// <param name="price">The fill price, &gt; 0.</param>
    /// <param name="maker">True for the maker rate, false (default) for the taker rate.</param>
    /// <returns>The fee in the settlement asset.</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the notional overflows decimal.</exception>
    public static decimal CloseFee(Contract contract, decimal quantity, decimal price, bool maker = false) =>
        OpenFee(contract, quantity, price, maker);

    /// <summary>The fees of opening at one price and closing at another.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="quantity">The quantity, &gt; 0.</param>
    /// <param name="entryPrice">The open price, &gt; 0.</param>
    /// <param name="exitPrice">The close price, &gt; 0.</param>
    /// <param name="makerOpen">Maker rate on the open (default taker).</param>
    /// <param name="makerClose">Maker rate on the close (default taker).</param>
    /// <returns>Open fee + close fee in the settlement asset.</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the notional overflows decimal.</exception>
    public static decimal RoundTrip(Contract contract, decimal quantity, decimal entryPrice, decimal exitPrice, bool makerOpen = false, bool makerClose = false)
    {
        decimal open, close;
        try { open = OpenFee(contract, quantity, entryPrice, makerOpen); }
        catch (ArgumentException e) when (e.ParamName == "price") { throw Preconditions.Renamed(e, nameof(entryPrice), entryPrice); }
        try { close = CloseFee(contract, quantity, exitPrice, makerClose); }
        catch (ArgumentException e) when (e.ParamName == "price") { throw Preconditions.Renamed(e, nameof(exitPrice), exitPrice); }
        try { return open + close; }
        catch (OverflowException e) { Preconditions.ThrowOverflow(nameof(quantity), quantity, e); return 0m; }
    }

    /// <summary>The exit price at which a trade breaks even after the open and close fees.</summary>
    /// <param name="type">Linear or inverse.</param>
    /// <param name="side">Long or short.</param>
    /// <param name="entryPrice">The entry price, &gt; 0.</param>
    /// <param name="openFeeRate">The fee rate paid on the open, in [0, 1).</param>
    /// <param name="closeFeeRate">The fee rate paid on the close, in [0, 1).</param>
    /// <returns>
    /// Linear long <c>EP·(1 + f_o)/(1 − f_c)</c>, linear short <c>EP·(1 − f_o)/(1 + f_c)</c> (from
    /// <c>side·q·(X − EP) = f_o·q·EP + f_c·q·X</c>); inverse long <c>EP·(1 + f_c)/(1 − f_o)</c>, inverse short
    /// <c>EP·(1 − f_c)/(1 + f_o)</c> (from <c>side·Q·(1/EP − 1/X) = f_o·Q/EP + f_c·Q/X</c>). Quantity cancels out.
    /// </returns>
    /// <exception cref="ArgumentException">A value breaks its rule.</exception>
    public static decimal BreakevenPrice(ContractType type, Side side, decimal entryPrice, decimal openFeeRate, decimal closeFeeRate)
    {
        Preconditions.Defined(type);
        Preconditions.Defined(side);
        Preconditions.Positive(entryPrice);
        Preconditions.FeeRate(openFeeRate);
        Preconditions.FeeRate(closeFeeRate);
        bool isLong = side == Side.Long;
        try
        {
            return type == ContractType.Linear
                ? (isLong ? entryPrice * (1m + openFeeRate) / (1m - closeFeeRate) : entryPrice * (1m - openFeeRate) / (1m + closeFeeRate))
                : (isLong ? entryPrice * (1m + closeFeeRate) / (1m - openFeeRate) : entryPrice * (1m - closeFeeRate) / (1m + openFeeRate));
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(entryPrice), entryPrice, ex); return 0m; }
    }

    /// <summary>The breakeven exit price of a position after its contract's open and close fees.</summary>
    /// <param name="position">The position.</param>
    /// <param name="makerOpen">Maker rate on the open (default taker).</param>
    /// <param name="makerClose">Maker rate on the close (default taker).</param>
    /// <returns>See <see cref="BreakevenPrice(ContractType, Side, decimal, decimal, decimal)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="position"/> is null.</exception>
    public static decimal BreakevenPrice(Position position, bool makerOpen = false, bool makerClose = false)
    {
        Preconditions.NotNull(position);
        var c = position.Contract;
        return BreakevenPrice(c.Type, position.Side, position.EntryPrice,
            makerOpen ? c.MakerFeeRate : c.TakerFeeRate, makerClose ? c.MakerFeeRate : c.TakerFeeRate);
    }

    /// <summary>PnL of a linear trade net of fees and funding, and its return on margin (reference R5).</summary>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">The quantity, &gt; 0.</param>
    /// <param name="openPrice">The open price, &gt; 0.</param>
    /// <param name="closePrice">The close price, &gt; 0.</param>
    /// <param name="leverage">The leverage, ≥ 1.</param>
    /// <param name="feeRate">The fee rate on the open and on the close, in [0, 1).</param>
    /// <param name="funding">Funding over the holding period as a cash flow to the holder (+ received, − paid).</param>
    /// <returns>
    /// Open value <c>q·EP·(1 + fee)</c> long / <c>q·EP·(1 − fee)</c> short; close value <c>q·X·(1 − fee) + funding</c>
    /// long / <c>q·X·(1 + fee) − funding</c> short; profit <c>close − open</c> (long) or <c>open − close</c> (short);
    /// return on margin <c>(close/open − 1)·lev</c> (long) or <c>(1 − close/open)·lev</c> (short).
    /// </returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the calculation overflows decimal.</exception>
    public static TradePnl PnlWithFeesAndFunding(Side side, decimal quantity, decimal openPrice, decimal closePrice, decimal leverage, decimal feeRate, decimal funding) =>
        PnlWithFeesAndFunding(side, quantity, openPrice, closePrice, leverage, Preconditions.FeeRate(feeRate), feeRate, funding);

    /// <summary>PnL of a linear trade net of fees (different open and close rates) and funding, and its return on margin.</summary>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">The quantity, &gt; 0.</param>
    /// <param name="openPrice">The open price, &gt; 0.</param>
    /// <param name="closePrice">The close price, &gt; 0.</param>
    /// <param name="leverage">The leverage, ≥ 1.</param>
    /// <param name="openFeeRate">The fee rate on the open, in [0, 1).</param>
    /// <param name="closeFeeRate">The fee rate on the close, in [0, 1).</param>
    /// <param name="funding">Funding as a cash flow to the holder (+ received, − paid).</param>
    /// <returns>See <see cref="PnlWithFeesAndFunding(Side, decimal, decimal, decimal, decimal, decimal, decimal)"/>.</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the calculation overflows decimal.</exception>
    public static TradePnl PnlWithFeesAndFunding(Side side, decimal quantity, decimal openPrice, decimal closePrice, decimal leverage,
        decimal openFeeRate, decimal closeFeeRate, decimal funding)
    {
        Preconditions.Defined(side);
        Preconditions.Positive(quantity);
        Preconditions.Positive(openPrice);
        Preconditions.Positive(closePrice);
        if (leverage < 1m) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, "must be at least 1");
        Preconditions.FeeRate(openFeeRate);
        Preconditions.FeeRate(closeFeeRate);
        try
        {
            bool isLong = side == Side.Long;
            var open = isLong ? quantity * openPrice * (1m + openFeeRate) : quantity * openPrice * (1m - openFeeRate);
            var close = isLong ? quantity * closePrice * (1m - closeFeeRate) + funding : quantity * closePrice * (1m + closeFeeRate) - funding;
            var profit = isLong ? close - open : open - close;
            var rom = isLong ? (close / open - 1m) * leverage : (1m - close / open) * leverage;
            var fees = quantity * openPrice * openFeeRate + quantity * closePrice * closeFeeRate;
            return new TradePnl(open, close, profit, rom, fees, funding);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return null!; }
    }
}
