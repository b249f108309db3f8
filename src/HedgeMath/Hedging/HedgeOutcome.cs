namespace HedgeMath.Hedging;

/// <summary>What a hedge plan gives at a later spot (and futures) price, in two views: against the cost basis and against the price at decision time.</summary>
/// <remarks>
/// Money in the spot's quote asset (futures figures of an inverse contract are converted at the futures price).
/// Against the cost basis: spot PnL = q·(price − average cost), what the holding has made since it was
/// bought. Against the decision price: spot PnL = q·(price − decision price), what the holding made or lost
/// since the plan was written, which is what the hedge is meant to offset. Fees: open at entry and close at
/// the outcome futures price. Funding is not included (see <see cref="HedgePlan.FundingPerDay"/>).
/// Immutable and thread-safe.
/// </remarks>
/// <param name="SpotPrice">The spot price evaluated.</param>
/// <param name="FuturesPrice">The futures price evaluated.</param>
/// <param name="SpotPnlVsCost">q·(spot price − average cost).</param>
/// <param name="SpotPnlVsDecision">q·(spot price − decision price).</param>
/// <param name="FuturesPnl">The short hedge's PnL from entry to the futures price (quote asset).</param>
/// <param name="Fees">Open fee + close fee of the hedge (quote asset).</param>
public sealed record HedgeOutcome(decimal SpotPrice, decimal FuturesPrice, decimal SpotPnlVsCost, decimal SpotPnlVsDecision, decimal FuturesPnl, decimal Fees)
{
    /// <summary>Spot PnL vs cost + hedge PnL, before fees.</summary>
    public decimal NetVsCostBeforeFees => SpotPnlVsCost + FuturesPnl;
    /// <summary>Spot PnL vs decision price + hedge PnL, before fees (0 for a perfect hedge).</summary>
    public decimal NetVsDecisionBeforeFees => SpotPnlVsDecision + FuturesPnl;
    /// <summary>Net vs cost after fees.</summary>
    public decimal NetVsCost => NetVsCostBeforeFees - Fees;
    /// <summary>Net vs decision price after fees.</summary>
    public decimal NetVsDecision => NetVsDecisionBeforeFees - Fees;
}
