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

    internal BookLeg Copy(Position? position, decimal? liq, decimal realized, decimal fees, decimal funding, decimal marginLost,
        HedgeExit exit, decimal? exitPrice, DateTimeOffset? exitTime, StopOrder? stop) =>
        new(Contract, Side, Leverage, MarginMode, Rule, position, stop, liq, exit, exitPrice, exitTime, realized, fees, funding, marginLost);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"{Contract.Symbol} {Side} {MarginMode}: {(Position is null ? "closed" : Position.ToString())}, {Exit}, net {NetPnl} {Contract.SettlementAsset}");
}
