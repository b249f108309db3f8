using HedgeMath.Engine;

namespace HedgeMath.Hedging;

/// <summary>What a hedge plan gives at a later spot (and futures) price, in two views: against the cost basis and against the price at decision time.</summary>
/// <remarks>
/// Money in the spot's quote asset; the hedge's figures of an inverse contract are converted at the outcome futures
/// price (the settlement-asset figures are kept beside them). Against the cost basis: spot PnL = q·(price − average
/// cost). Against the decision price: spot PnL = q·(price − decision price), what the hedge is meant to offset.
/// The hedge's figures come from the engine (<see cref="HedgeBook"/>): <see cref="FuturesPnl"/> is realized at the stop
/// fill, minus the isolated margin when liquidated, or unrealized at the futures price when open; <see cref="Fees"/> the
/// open fee plus the close fee where the hedge closed (none on a liquidation); <see cref="Funding"/> what the
/// <see cref="FundingTerms"/> argument put in (0 when out). The one outcome of the hedge strategies at a price: a
/// sell-and-hedge plan's (<see cref="SellAndHedgePlan.OutcomeAt"/>) adds what its sale realized at decision time
/// (<see cref="RealizedOnSale"/>, 0 for a plain hedge) to the totals; a leverage-assisted buy-back's
/// (<see cref="LeveragedExposurePlan.OutcomeAt"/>) is the same row for a long leg (the coins the long carries and what turning
/// it into spot costs: <see cref="FuturesCoins"/>, <see cref="CashToBuySpot"/>); a scale-out ladder's correction
/// (<see cref="ScaleOutLadder.AfterCorrection"/>) takes the rung's target as the decision price: every figure a change from
/// the target, before fees (<see cref="ShareOffset"/>: the share of the spot's fall the shorts offset). Immutable and thread-safe.
/// </remarks>
public sealed record HedgeOutcome
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal HedgeOutcome(decimal spotPrice, decimal futuresPrice, decimal spotPnlVsCost, decimal spotPnlVsDecision, decimal futuresPnl, decimal fees)
    {
        SpotPrice = spotPrice;
        FuturesPrice = futuresPrice;
        SpotPnlVsCost = spotPnlVsCost;
        SpotPnlVsDecision = spotPnlVsDecision;
        FuturesPnl = futuresPnl;
        Fees = fees;
    }

    /// <summary>The spot price evaluated.</summary>
    public decimal SpotPrice { get; }

    /// <summary>The futures price evaluated.</summary>
    public decimal FuturesPrice { get; }

    /// <summary>q·(spot price − average cost).</summary>
    public decimal SpotPnlVsCost { get; }

    /// <summary>q·(spot price − decision price).</summary>
    public decimal SpotPnlVsDecision { get; }

    /// <summary>The futures leg's PnL since the decision (quote asset): realized at its exit, or unrealized at the futures price while open (a ladder's correction: its change since the target).</summary>
    public decimal FuturesPnl { get; }

    /// <summary>Open fee + close fee of the hedge (quote asset).</summary>
    public decimal Fees { get; }

    /// <summary>Funding received by the hedge (negative: paid), quote asset; 0 when funding was left out.</summary>
    public decimal Funding { get; internal init; }
    /// <summary>How the hedge ended on the path: open (<see cref="HedgeExit.None"/>), stopped or liquidated.</summary>
    public HedgeExit Exit { get; internal init; }
    /// <summary>The stop fill or liquidation price; null when the hedge stayed open.</summary>
    public decimal? ExitPrice { get; internal init; }
    /// <summary>The hedge contract's settlement asset (USDT for linear, the coin for inverse).</summary>
    public string SettlementAsset { get; internal init; } = "";
    /// <summary><see cref="FuturesPnl"/> in the settlement asset.</summary>
    public decimal FuturesPnlInSettlement { get; internal init; }
    /// <summary><see cref="Fees"/> in the settlement asset.</summary>
    public decimal FeesInSettlement { get; internal init; }
    /// <summary><see cref="Funding"/> in the settlement asset.</summary>
    public decimal FundingInSettlement { get; internal init; }
    /// <summary>The hedge's net in the settlement asset: PnL − fees + funding.</summary>
    public decimal HedgeNetInSettlement => FuturesPnlInSettlement - FeesInSettlement + FundingInSettlement;
    /// <summary>Spot PnL vs cost + hedge PnL, before fees and funding.</summary>
    public decimal NetVsCostBeforeFees => SpotPnlVsCost + FuturesPnl;
    /// <summary>Spot PnL vs decision price + hedge PnL, before fees and funding (0 for a perfect hedge while open).</summary>
    public decimal NetVsDecisionBeforeFees => SpotPnlVsDecision + FuturesPnl;
    /// <summary>Net vs cost after fees and funding.</summary>
    public decimal NetVsCost => NetVsCostBeforeFees - Fees + Funding;
    /// <summary>Net vs decision price after fees and funding.</summary>
    public decimal NetVsDecision => NetVsDecisionBeforeFees - Fees + Funding;
    /// <summary>Profit realized on spot sold at decision time (a <see cref="SellAndHedgePlan"/>: q_sold·(sale price − average cost) − sale fee); 0 for a plain hedge.</summary>
    public decimal RealizedOnSale { get; internal init; }
    /// <summary>Realized on the sale + spot vs cost + hedge PnL, before the hedge's fees (<see cref="NetVsCostBeforeFees"/> for a plain hedge).</summary>
    public decimal TotalVsCostBeforeFees => RealizedOnSale + NetVsCostBeforeFees;
    /// <summary>Realized on the sale + spot vs cost + the hedge's net (PnL − fees + funding): the whole result (<see cref="NetVsCost"/> for a plain hedge).</summary>
    public decimal TotalVsCost => RealizedOnSale + NetVsCost;
    /// <summary>The futures leg's own result: <see cref="FuturesPnl"/> − <see cref="Fees"/> + <see cref="Funding"/> (what closing it adds to, or takes from, the cash; quote asset).</summary>
    public decimal HedgeNet { get; private init; }
    /// <summary>The coins of the base asset the futures leg carried (linear: contracts × contract size; inverse: contracts × contract size ÷ its entry price).</summary>
    public decimal FuturesCoins { get; private init; }
    /// <summary>Coins the leg's profit after fees and funding buys at the spot price: max(0, <see cref="HedgeNet"/>) / spot price (the strategy text's "use the profit to purchase 2 ETH" buys far less).</summary>
    public decimal CoinsBuyableWithProfit { get; private init; }
    /// <summary>Cash still needed, beyond the leg's own result, to turn the coins it carries into spot at the spot price: <see cref="FuturesCoins"/> × price − <see cref="HedgeNet"/> (before the spot fee; a buy-back's long, whose returned margin is your own cash).</summary>
    public decimal CashToBuySpot { get; private init; }
    /// <summary>The share of the spot's move since the decision that the futures offset: <see cref="FuturesPnl"/> / −<see cref="SpotPnlVsDecision"/> (0 when the spot did not move; a linear hedge's ratio after a fall, up to lot rounding).</summary>
    public decimal ShareOffset => SpotPnlVsDecision == 0m ? 0m : FuturesPnl / -SpotPnlVsDecision;

    /// <summary>The figures that follow from the others, computed once here (a sum that overflows decimal rejects the price
    /// at creation, never a read): the leg's net, the coins its profit buys and the cash that turns its coins into spot.</summary>
    internal HedgeOutcome WithCoins(decimal futuresCoins)
    {
        decimal net = FuturesPnl - Fees + Funding;
        var o = this with
        {
            HedgeNet = net, FuturesCoins = futuresCoins, CoinsBuyableWithProfit = Math.Max(0m, net) / SpotPrice, CashToBuySpot = futuresCoins * SpotPrice - net,
        };
        // The sums the getters read, once: one that overflows throws here (the caller names the price), never on a read.
        _ = o.NetVsCost;
        _ = o.NetVsDecision;
        _ = o.TotalVsCost;
        _ = o.HedgeNetInSettlement;
        return o;
    }

    internal static HedgeOutcome FromLeg(BookLeg leg, decimal spotPrice, decimal futuresPrice, decimal spotVsCost, decimal spotVsDecision, bool maker, decimal futuresCoins)
    {
        // The leg's figures at the price are BookLeg's (one owner, also plan at's): PnL realized + unrealized, fees paid + closing what is open.
        decimal pnl = leg.Pnl(futuresPrice), fees = leg.Fees + leg.CloseFeeAt(futuresPrice, maker);
        return new HedgeOutcome(spotPrice, futuresPrice, spotVsCost, spotVsDecision, leg.Quote(pnl, futuresPrice), leg.Quote(fees, futuresPrice))
        {
            Funding = leg.Quote(leg.Funding, futuresPrice),
            Exit = leg.Exit,
            ExitPrice = leg.ExitPrice,
            SettlementAsset = leg.Contract.SettlementAsset,
            FuturesPnlInSettlement = pnl,
            FeesInSettlement = fees,
            FundingInSettlement = leg.Funding,
        }.WithCoins(futuresCoins);
    }

    /// <summary>A correction of a scale-out ladder: the shorts' and the spot's changes since the target, before fees.</summary>
    internal static HedgeOutcome Correction(BookLeg leg, decimal price, decimal spotVsCost, decimal spotVsTarget, decimal futuresVsTarget, decimal futuresCoins) =>
        new HedgeOutcome(price, price, spotVsCost, spotVsTarget, futuresVsTarget, 0m)
        {
            Exit = leg.Exit, ExitPrice = leg.ExitPrice, SettlementAsset = leg.Contract.SettlementAsset,
            FuturesPnlInSettlement = leg.Contract.Type == HedgeMath.Positions.ContractType.Linear ? futuresVsTarget : futuresVsTarget / price,
        }.WithCoins(futuresCoins);
}
