using HedgeMath.Positions;

namespace HedgeMath.Engine;

/// <summary>
/// The <see cref="double"/> fast path of one open isolated leg, for grids and Monte Carlo: the same exit rule as
/// <see cref="HedgeBook.Move"/> and the same money as <see cref="Position"/>/<see cref="HedgeMath.Margin.Fees"/>/<see cref="HedgeMath.Margin.Funding"/>,
/// on constants taken once from an engine leg. Property-tested against the engine (1e-9 relative, linear and inverse).
/// </summary>
internal readonly struct FastLeg
{
    public readonly bool Active, Linear, Long;
    public readonly double Qk, EntryValue, Margin, Liq, Stop, StopFill, FeeRate;

    public FastLeg(BookLeg leg)
    {
        var p = leg.Position;
        Active = p is not null;
        Linear = leg.Contract.Type == ContractType.Linear;
        Long = leg.Side == Side.Long;
        // Every exit the fast path models (stop, liquidation, close at the end) is a market order: the taker rate.
        FeeRate = (double)leg.Contract.TakerFeeRate;
        if (p is null) { Qk = EntryValue = Margin = 0d; Liq = Stop = StopFill = double.NaN; return; }
        Qk = (double)leg.Contract.CoinsOf(p.Quantity);
        EntryValue = (double)leg.Contract.Notional(p.Quantity, p.EntryPrice);
        Margin = (double)p.IsolatedMargin;
        Liq = leg.LiquidationPrice is { } l ? (double)l : double.NaN;
        Stop = leg.Stop is { } s ? (double)s.Price : double.NaN;
        StopFill = leg.Stop is { } s2 ? (double)s2.FillFor(Long) : double.NaN;
        // The threshold a short (long) must reach (fall to) for anything to happen.
    }

    /// <summary>The lowest (short) or highest (long) price at which the leg exits; +∞ (short) / 0 (long) when none.</summary>
    public double Threshold
    {
        get
        {
            if (!Active) return Long ? 0d : double.PositiveInfinity;
            double a = double.IsNaN(Liq) ? (Long ? 0d : double.PositiveInfinity) : Liq;
            double b = double.IsNaN(Stop) ? (Long ? 0d : double.PositiveInfinity) : Stop;
            return Long ? Math.Max(a, b) : Math.Min(a, b);
        }
    }

    public double Notional(double price) => Linear ? Qk * price : Qk / price;

    public double Pnl(double price)
    {
        double d = Linear ? Qk * price - EntryValue : EntryValue - Qk / price;
        return Long ? d : -d;
    }

    /// <summary>Funding received for a print: −side·notional·rate (Binance "Funding Amount = Nominal Value × Funding Rate").</summary>
    public double FundingPayment(double mark, double rate) => Long ? -Notional(mark) * rate : Notional(mark) * rate;

    /// <summary>The exit of an interval (mark = last), as <see cref="HedgeBook.FirstExit(bool, StopOrder?, decimal?, in PriceBar)"/> decides it.</summary>
    public HedgeExit FirstExit(double open, double high, double low, out double price)
    {
        price = 0d;
        bool liqHit = false, stopHit = false;
        double liqDist = 0d, stopDist = 0d;
        if (!double.IsNaN(Liq))
        {
            liqHit = Long ? low <= Liq : high >= Liq;
            if (liqHit) liqDist = Long ? (open - Liq) / open : (Liq - open) / open;
        }
        if (!double.IsNaN(Stop))
        {
            stopHit = Long ? low <= Stop : high >= Stop;
            if (stopHit) stopDist = Long ? (open - Stop) / open : (Stop - open) / open;
        }
        if (!liqHit && !stopHit) return HedgeExit.None;
        if (liqHit && (!stopHit || liqDist <= 0d || (stopDist > 0d && liqDist < stopDist))) { price = Liq; return HedgeExit.Liquidated; }
        // Gapped: the interval opened at or beyond the stop (mark = last here), so the open is the fill; it is never on
        // the near side of the stop, which HedgeBook.FirstExit must check only because its trigger and last opens differ.
        bool gapped = stopDist <= 0d;
        double fill = gapped ? open : StopFill;
        if (!double.IsNaN(Liq) && (Long ? fill <= Liq : fill >= Liq)) { price = Liq; return HedgeExit.Liquidated; }
        price = fill;
        return HedgeExit.Stopped;
    }

    /// <summary>The leg's money (settlement asset) at the end: PnL − fees, given how it ended; funding is added by the caller.</summary>
    public double Settle(HedgeExit exit, double exitPrice, double endPrice)
    {
        if (!Active) return 0d;
        double openFee = EntryValue * FeeRate;
        return exit switch
        {
            HedgeExit.Liquidated => -Margin - openFee,
            HedgeExit.Stopped => Pnl(exitPrice) - openFee - Notional(exitPrice) * FeeRate,
            _ => Pnl(endPrice) - openFee - Notional(endPrice) * FeeRate,
        };
    }
}
