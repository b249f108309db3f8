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
/// (<see cref="RealizedOnSale"/>, 0 for a plain hedge) to the totals. Immutable and thread-safe.
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

    /// <summary>The short hedge's PnL (quote asset): realized at its exit, or unrealized at the futures price while open.</summary>
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
    /// <summary>The hedge's net in the quote asset: <see cref="FuturesPnl"/> − <see cref="Fees"/> + <see cref="Funding"/>.</summary>
    public decimal HedgeNet => FuturesPnl - Fees + Funding;
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

    internal static HedgeOutcome FromLeg(BookLeg leg, decimal spotPrice, decimal futuresPrice, decimal spotVsCost, decimal spotVsDecision, bool maker)
    {
        decimal pnl = leg.RealizedPnl, fees = leg.Fees;
        if (leg.Position is { } open)
        {
            pnl += open.UnrealizedPnl(futuresPrice);
            fees += open.CloseFee(futuresPrice, maker);
        }
        decimal toQuote = leg.Contract.Type == HedgeMath.Positions.ContractType.Linear ? 1m : futuresPrice;
        return new HedgeOutcome(spotPrice, futuresPrice, spotVsCost, spotVsDecision, pnl * toQuote, fees * toQuote)
        {
            Funding = leg.Funding * toQuote,
            Exit = leg.Exit,
            ExitPrice = leg.ExitPrice,
            SettlementAsset = leg.Contract.SettlementAsset,
            FuturesPnlInSettlement = pnl,
            FeesInSettlement = fees,
            FundingInSettlement = leg.Funding,
        };
    }
}
