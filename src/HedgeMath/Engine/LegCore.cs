using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Engine;

/// <summary>
/// The changing part of one <see cref="BookLeg"/> as a mutable value, and the ONE place where a leg's funding, exit on a
/// price interval and trades are applied to it. <see cref="HedgeBook"/> (immutable: copies a leg in, applies, copies it out)
/// and <see cref="BookCore"/> (mutable, for the plan stepper: applies in place) both run these, so the two books cannot
/// disagree. The stop is kept as its values (price, trigger, slippage); the <see cref="StopOrder"/> object is built only
/// when a <see cref="BookLeg"/> is built (a stop that follows the ATR moves every bar and allocates nothing here).
/// </summary>
internal struct LegCore
{
    public Position? Position;
    public decimal? Liquidation;
    public HedgeExit Exit;
    public decimal? ExitPrice;
    public DateTimeOffset? ExitTime;
    public decimal Pnl, FeeSum, FundingSum, MarginLost;
    public bool HasStop;
    public decimal StopPrice, StopSlippage;
    public TriggerPrice StopTrigger;
    private StopOrder? _stop; // the object the stop values came from, when they still match it

    public LegCore(BookLeg l)
    {
        Position = l.Position; Liquidation = l.LiquidationPrice; Exit = l.Exit; ExitPrice = l.ExitPrice; ExitTime = l.ExitTime;
        Pnl = l.RealizedPnl; FeeSum = l.Fees; FundingSum = l.Funding; MarginLost = l.MarginLost;
        HasStop = false; StopPrice = StopSlippage = 0m; StopTrigger = default; _stop = null;
        SetStop(l.Stop);
    }

    public readonly bool IsOpen => Position is not null;

    /// <summary>Realized − fees + funding (<see cref="BookLeg.NetPnl"/>).</summary>
    public readonly decimal NetPnl => Net(Pnl, FeeSum, FundingSum);

    public static decimal Net(decimal realized, decimal fees, decimal funding) =>
        DecimalFast.Add(DecimalFast.Subtract(realized, fees), funding); // realized − fees + funding, bit for bit

    /// <summary>The stop as the engine's order (built only when the values no longer match the last one).</summary>
    public StopOrder? Stop => !HasStop ? null : _stop ??= StopOrder.At(StopPrice, StopTrigger, StopSlippage);

    public void SetStop(StopOrder? stop)
    {
        _stop = stop;
        HasStop = stop is not null;
        if (stop is null) return;
        StopPrice = stop.Price; StopTrigger = stop.Trigger; StopSlippage = stop.Slippage;
    }

    /// <summary>Sets the stop by its values (no object unless they change and one is asked for).</summary>
    public void SetStop(decimal price, TriggerPrice trigger, decimal slippage)
    {
        if (HasStop && StopPrice == price && StopTrigger == trigger && StopSlippage == slippage) return;
        HasStop = true; StopPrice = price; StopTrigger = trigger; StopSlippage = slippage; _stop = null;
    }

    /// <summary>The leg as the engine's immutable leg (contract, side, leverage, mode and rule from <paramref name="template"/>).</summary>
    public BookLeg ToLeg(BookLeg template) =>
        template.Copy(Position, Liquidation, Pnl, FeeSum, FundingSum, MarginLost, Exit, ExitPrice, ExitTime, Stop);

    /// <summary>Settles one funding print on the open position; returns the payment (received &gt; 0), which a cross leg also books to its wallet.</summary>
    public decimal Fund(in FundingPrint print)
    {
        // A print's rate is checked when it is made (default(FundingPrint), mark 0, is refused by the book's CheckPrint).
        var p = Position!;
        decimal pay = Funding.PaymentOf(p.Side, p.Notional(print.MarkPrice), print.Rate);
        FundingSum += pay;
        return pay;
    }

    /// <summary>
    /// The price interval for the open position: the stop or (isolated) liquidation the interval reaches first
    /// (<see cref="HedgeBook.FirstExit(bool, bool, decimal, TriggerPrice, decimal, decimal?, in PriceBar)"/>), and what it
    /// does to the money. Whether the leg exited; <paramref name="walletChange"/> is what a cross leg books to its wallet (a stop's PnL − fee).
    /// </summary>
    public bool Move(BookLeg template, in PriceBar bar, out decimal walletChange)
    {
        walletChange = 0m;
        var p = Position!;
        var (exit, level) = HedgeBook.FirstExit(p.IsLong, HasStop, StopPrice, StopTrigger, StopSlippage, Liquidation, bar);
        if (exit == HedgeExit.None) return false;
        Position = null; Liquidation = null; Exit = exit; ExitPrice = level; ExitTime = bar.Time;
        if (exit == HedgeExit.Liquidated)
        {
            // Isolated: the position is closed by the exchange and its isolated margin is lost, no more and no less.
            decimal lost = p.IsolatedMargin;
            Pnl -= lost; MarginLost += lost;
            return true;
        }
        var red = p.Reduce(p.Quantity, level);
        decimal fee = Fees.CloseFee(template.Contract, p.Quantity, level);
        Pnl += red.RealizedPnl; FeeSum += fee;
        if (template.MarginMode == MarginMode.Cross) walletChange = red.RealizedPnl - fee;
        return true;
    }

    /// <summary>
    /// Brings the leg to a target quantity on its side, trading only the difference (<see cref="HedgeBook.TradeTo"/>: closing
    /// to zero closes the whole position, whatever the lot step). The fill; <paramref name="walletChange"/> is what a cross
    /// leg books to its wallet.
    /// </summary>
    public TradeFill TradeTo(BookLeg template, decimal targetQuantity, decimal price, bool maker, out decimal walletChange)
    {
        walletChange = 0m;
        decimal have = Position?.Quantity ?? 0m;
        decimal diff = targetQuantity - have;
        if (diff == 0m)
            return new TradeFill(template.Contract.Symbol, template.Side, 0m, 0m, price, 0m, 0m, template.Contract.SettlementAsset);
        var side = diff > 0m ? template.Side : template.Side.Opposite();
        decimal q = Math.Abs(diff);
        try { return Trade(template, side, q, price, maker, out walletChange, exact: targetQuantity == 0m); }
        catch (ArgumentException e) when (e.ParamName is not (nameof(targetQuantity) or nameof(price)))
        {
            // Position's rule on the traded size (e.g. a notional beyond the tiers) is a rule on the target asked for.
            throw HedgeMath.Internal.Preconditions.Renamed(e, nameof(targetQuantity), targetQuantity);
        }
        catch (OverflowException ex) { HedgeMath.Internal.Preconditions.ThrowOverflow(nameof(targetQuantity), targetQuantity, ex); throw; }
    }

    /// <summary>One trade on the leg: the leg's side adds (or re-opens), the other reduces; the quantity rounded down to the lot step unless <paramref name="exact"/>.</summary>
    public TradeFill Trade(BookLeg template, Side side, decimal quantity, decimal price, bool maker, out decimal walletChange, bool exact = false)
    {
        var c = template.Contract;
        walletChange = 0m;
        decimal filled = exact ? quantity : c.RoundQuantity(quantity);
        if (filled == 0m) return new TradeFill(c.Symbol, side, quantity, 0m, price, 0m, 0m, c.SettlementAsset);
        Position? pos;
        decimal realized = 0m;
        bool reopened = Position is null;
        if (reopened) pos = Position.Open(c, side, filled, price, template.Leverage, template.MarginMode);
        else if (side == Position!.Side) pos = Position.Increase(filled, price);
        else
        {
            var red = Position.Reduce(filled, price);
            pos = red.Remaining;
            realized = red.RealizedPnl;
        }
        decimal fee = Fees.OpenFee(c, filled, price, maker);
        var liq = HedgeBook.Liq(pos, template.Rule);
        // Nothing above changed the leg: a trade that a rule rejects leaves it as it was.
        if (reopened) { Exit = HedgeExit.None; ExitPrice = null; ExitTime = null; }
        Position = pos;
        Liquidation = liq;
        Pnl += realized; FeeSum += fee;
        if (template.MarginMode == MarginMode.Cross) walletChange = realized - fee;
        return new TradeFill(c.Symbol, side, quantity, filled, price, fee, realized, c.SettlementAsset);
    }
}
