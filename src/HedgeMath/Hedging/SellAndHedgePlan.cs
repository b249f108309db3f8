using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>Sell part of a holding now and hedge the rest with a futures short (e.g. sell 1 of 2 ETH and short 1 ETH).</summary>
/// <remarks>
/// Worked example (2.0 ETH bought at 2,000; price 3,000; sell 1.0, short 1.0 at 5x; price falls to 2,500):
/// the remaining spot is +500 against cost, the short +500 (3,000 → 2,500), 1,000 before fees; against the
/// decision price the remaining spot lost 500 that the short made back: net 0; and 1,000 was realized on the
/// ETH sold. Immutable and thread-safe.
/// </remarks>
public sealed class SellAndHedgePlan
{
    private SellAndHedgePlan(SpotHolding original, decimal sold, decimal price, decimal saleFee, decimal realized, HedgePlan hedge)
    { Original = original; SoldQuantity = sold; SalePrice = price; SaleFee = saleFee; RealizedOnSale = realized; Hedge = hedge; }

    /// <summary>The holding before the sale.</summary>
    public SpotHolding Original { get; }
    /// <summary>Spot quantity sold at decision time.</summary>
    public decimal SoldQuantity { get; }
    /// <summary>The sale price (the decision price).</summary>
    public decimal SalePrice { get; }
    /// <summary>Sale proceeds before fee: sold × price (quote asset).</summary>
    public decimal SaleProceeds => SoldQuantity * SalePrice;
    /// <summary>Spot fee on the sale (quote asset).</summary>
    public decimal SaleFee { get; }
    /// <summary>Profit realized on the sale: sold·(price − average cost) − fee (quote asset).</summary>
    public decimal RealizedOnSale { get; }
    /// <summary>The hedge on the remaining holding.</summary>
    public HedgePlan Hedge { get; }

    /// <summary>Creates the plan.</summary>
    /// <param name="holding">The holding (quantity &gt; 0).</param>
    /// <param name="sellQuantity">Spot quantity to sell now, in (0, holding quantity).</param>
    /// <param name="hedgeRatio">Hedge ratio on the remaining holding, in (0, 10].</param>
    /// <param name="contract">The futures contract.</param>
    /// <param name="leverage">The hedge's leverage.</param>
    /// <param name="decisionPrice">Spot price now (the sale price).</param>
    /// <param name="options">Hedge options.</param>
    /// <param name="spotFeeRate">Spot fee rate on the sale, in [0, 1) (default 0).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (see <see cref="HedgePlan.Create"/>).</exception>
    /// <exception cref="ArgumentException"><paramref name="holding"/> is empty.</exception>
    public static SellAndHedgePlan Create(SpotHolding holding, decimal sellQuantity, decimal hedgeRatio, Contract contract, decimal leverage,
        decimal decisionPrice, HedgePlanOptions? options = null, decimal spotFeeRate = 0m)
    {
        Preconditions.NotNull(holding);
        if (holding.Quantity <= 0m) Preconditions.ThrowArgument(nameof(holding), "must hold a quantity greater than 0 to sell part of it and hedge the rest");
        if (sellQuantity <= 0m || sellQuantity >= holding.Quantity)
            Preconditions.ThrowOutOfRange(nameof(sellQuantity), sellQuantity, $"must be in (0, {holding.Quantity}) (sell part, hedge the rest)");
        Preconditions.Positive(decisionPrice);
        Preconditions.InRangeHalfOpen(spotFeeRate, 0m, 1m);
        var (remaining, realized) = holding.Sell(sellQuantity, decisionPrice);
        decimal fee = sellQuantity * decisionPrice * spotFeeRate;
        var hedge = HedgePlan.Create(remaining, hedgeRatio, contract, leverage, decisionPrice, options);
        return new SellAndHedgePlan(holding, sellQuantity, decisionPrice, fee, realized - fee, hedge);
    }

    /// <summary>The outcome at a later price.</summary>
    /// <param name="spotPrice">Later spot price, &gt; 0.</param>
    /// <param name="futuresPrice">Later futures price; the spot price when null.</param>
    /// <param name="funding">Funding in or out (<see cref="FundingTerms.None"/> by default); see <see cref="HedgePlan.OutcomeAt"/> for the path assumption.</param>
    /// <returns>The remaining holding's and the hedge's two views, with the realized sale profit (<see cref="HedgeOutcome.RealizedOnSale"/>) in the totals.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive.</exception>
    public HedgeOutcome OutcomeAt(decimal spotPrice, decimal? futuresPrice = null, FundingTerms? funding = null) =>
        Hedge.OutcomeAt(spotPrice, futuresPrice, funding) with { RealizedOnSale = RealizedOnSale };

    /// <summary>The same plan with a stop-loss on its hedge (<see cref="HedgePlan.WithStop"/>): the outcomes stop the hedge where the path crosses it.</summary>
    /// <param name="stop">The stop.</param>
    /// <returns>The plan with the stop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price stop at or below the hedge's entry (the wrong side for a short), as <see cref="HedgePlan.WithStop"/> says.</exception>
    public SellAndHedgePlan WithStop(LegStop stop) =>
        new(Original, SoldQuantity, SalePrice, SaleFee, RealizedOnSale, Hedge.WithStop(stop));
}
