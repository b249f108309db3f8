using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Engine;

/// <summary>One futures leg of a <see cref="HedgeBook"/>: its open position (if any), stop, liquidation price, how it ended, and the money it made.</summary>
/// <remarks>
/// Money is in <see cref="Contract"/>'s settlement asset (USDT for linear, the coin for inverse). Signs: PnL and
/// funding positive are gains/receipts; fees are positive costs. <see cref="NetPnl"/> = realized − fees + funding.
/// Immutable and thread-safe.
/// </remarks>
public sealed class BookLeg
{
    internal BookLeg(Contract contract, Side side, decimal leverage, MarginMode mode, LiquidationRule rule, Position? position, StopOrder? stop,
        decimal? liquidationPrice, HedgeExit exit, decimal? exitPrice, DateTimeOffset? exitTime,
        decimal realized, decimal fees, decimal funding, decimal marginLost)
    {
        Contract = contract; Side = side; Leverage = leverage; MarginMode = mode; Rule = rule; Position = position; Stop = stop;
        LiquidationPrice = liquidationPrice; Exit = exit; ExitPrice = exitPrice; ExitTime = exitTime;
        RealizedPnl = realized; Fees = fees; Funding = funding; MarginLost = marginLost;
    }

    /// <summary>The contract.</summary>
    public Contract Contract { get; }
    /// <summary>The side the leg was opened on.</summary>
    public Side Side { get; }
    /// <summary>The leverage the leg opens (and re-opens) at.</summary>
    public decimal Leverage { get; }
    /// <summary>Isolated or cross.</summary>
    public MarginMode MarginMode { get; }
    /// <summary>The liquidation rule the leg is margined under.</summary>
    public LiquidationRule Rule { get; }
    /// <summary>The open position; null once closed, stopped or liquidated.</summary>
    public Position? Position { get; }
    /// <summary>True while the position is open.</summary>
    public bool IsOpen => Position is not null;
    /// <summary>The stop on the leg, if any.</summary>
    public StopOrder? Stop { get; }
    /// <summary>Isolated: the liquidation price of the open position (<see cref="MarginCalc.LiquidationPrice"/>); null for cross, when closed, or when no price liquidates it.</summary>
    public decimal? LiquidationPrice { get; }
    /// <summary>How the leg ended: open (<see cref="HedgeExit.None"/>), stopped or liquidated.</summary>
    public HedgeExit Exit { get; }
    /// <summary>The stop fill or the liquidation (mark) price; null while open or when closed by a trade.</summary>
    public decimal? ExitPrice { get; }
    /// <summary>The time of the interval in which the leg was stopped or liquidated.</summary>
    public DateTimeOffset? ExitTime { get; }
    /// <summary>PnL realized by closes and stops (before fees and funding); for an isolated liquidation, minus the margin lost.</summary>
    public decimal RealizedPnl { get; }
    /// <summary>Fees paid on the traded sizes.</summary>
    public decimal Fees { get; }
    /// <summary>Funding received (negative: paid).</summary>
    public decimal Funding { get; }
    /// <summary>Margin lost to liquidation (positive), included in <see cref="RealizedPnl"/> for isolated legs.</summary>
    public decimal MarginLost { get; }
    /// <summary>Realized − fees + funding.</summary>
    public decimal NetPnl => LegCore.Net(RealizedPnl, Fees, Funding);

    /// <summary>The unrealized PnL of the open position at a mark price (0 when closed).</summary>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <returns>From <see cref="Position.UnrealizedPnl"/>, in the settlement asset.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="markPrice"/> is not positive.</exception>
    public decimal UnrealizedPnl(decimal markPrice) => Position?.UnrealizedPnl(markPrice) ?? HedgeMath.Internal.Preconditions.Positive(markPrice) * 0m;

    /// <summary>The leg's PnL at a price: what closes and stops realized plus the open position's unrealized PnL there (settlement asset).</summary>
    /// <param name="price">The price the open position is valued at (its contract's futures or mark price), &gt; 0.</param>
    /// <returns><see cref="RealizedPnl"/> + <see cref="UnrealizedPnl"/>(<paramref name="price"/>), in the settlement asset.</returns>
    /// <remarks>With <see cref="CloseFeeAt"/> and <see cref="ToQuote"/>, the one owner of a leg's figures at a price (the strategies' outcomes, <c>plan at</c>).</remarks>
    /// <exception cref="ArgumentException"><paramref name="price"/> is not positive, or the sum overflows decimal.</exception>
    public decimal PnlAt(decimal price)
    {
        HedgeMath.Internal.Preconditions.Positive(price);
        try { return Pnl(price); }
        catch (OverflowException ex) { HedgeMath.Internal.Preconditions.ThrowOverflow(nameof(price), price, ex); return 0m; }
    }

    /// <summary><see cref="PnlAt"/> unchecked (a sum that overflows throws <see cref="OverflowException"/> for the caller to name; a closed leg's is its realized PnL as it is).</summary>
    internal decimal Pnl(decimal price) => Position is { } open ? RealizedPnl + open.UnrealizedPnl(price) : RealizedPnl;

    /// <summary>The fee to close what is open at a price (settlement asset; 0 when the leg is closed).</summary>
    /// <param name="price">The exit price, &gt; 0.</param>
    /// <param name="maker">True for the maker rate, false (default) for the taker rate.</param>
    /// <returns><see cref="Position.CloseFee"/> of the open position, or 0: a cost, ≥ 0. <see cref="Fees"/> + this is the leg's fees once closed there.</returns>
    /// <exception cref="ArgumentException"><paramref name="price"/> is not positive, or the fee overflows decimal.</exception>
    public decimal CloseFeeAt(decimal price, bool maker = false)
    {
        HedgeMath.Internal.Preconditions.Positive(price);
        return Position?.CloseFee(price, maker) ?? 0m;
    }

    /// <summary>An amount in the leg's settlement asset in the quote asset at a price: itself for a linear contract (settled in the quote asset), × the price for an inverse one (the coin valued at the price).</summary>
    /// <param name="settlementAmount">The amount in <see cref="Contract"/>'s settlement asset (any sign).</param>
    /// <param name="price">The price of the contract's base asset, &gt; 0.</param>
    /// <returns>The amount in the quote asset.</returns>
    /// <exception cref="ArgumentException"><paramref name="price"/> is not positive, or the product overflows decimal (named after <paramref name="settlementAmount"/>).</exception>
    public decimal ToQuote(decimal settlementAmount, decimal price)
    {
        HedgeMath.Internal.Preconditions.Positive(price);
        try { return Quote(settlementAmount, price); }
        catch (OverflowException ex) { HedgeMath.Internal.Preconditions.ThrowOverflow(nameof(settlementAmount), settlementAmount, ex); return 0m; }
    }

    /// <summary><see cref="ToQuote"/> unchecked (an overflow throws <see cref="OverflowException"/> for the caller to name).</summary>
    internal decimal Quote(decimal settlementAmount, decimal price) => settlementAmount * (Contract.Type == ContractType.Linear ? 1m : price);

    internal BookLeg Copy(Position? position, decimal? liq, decimal realized, decimal fees, decimal funding, decimal marginLost,
        HedgeExit exit, decimal? exitPrice, DateTimeOffset? exitTime, StopOrder? stop) =>
        new(Contract, Side, Leverage, MarginMode, Rule, position, stop, liq, exit, exitPrice, exitTime, realized, fees, funding, marginLost);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{Contract.Symbol} {Side} {MarginMode}: {(Position is null ? "closed" : Position.ToString())}, {Exit}, net {NetPnl} {Contract.SettlementAsset}");
}
