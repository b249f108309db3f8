using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The spot sale a hedge replaces, matched to lots (realized gain and tax), beside what the hedge costs instead (fees, funding and its tax, margin at risk).</summary>
/// <remarks>
/// The argument for hedging instead of selling is that a sale is a taxable event. This puts a number on it: the tax
/// due now on the sale (a flat rate × max(realized gain, 0), or with <see cref="TaxRates"/> a short- and a long-term
/// rate by each lot's holding period at the sale date), against the hedge's cash cost after tax = round-trip fees −
/// funding received + the tax on that funding (income, at the short-term rate), and the margin the hedge puts at risk
/// (its initial margin: what an isolated liquidation loses). A hedge is not tax-free: its own profit, when it is closed,
/// is taxable in most jurisdictions (<see cref="TaxOnHedgeGain"/>), and the tax on the sale is deferred, not avoided —
/// a later sale realizes the gain then. <b>Tax rules vary by country</b>; this is a simple model (see
/// <see cref="TaxRates"/>). Money in the quote asset (an inverse contract's figures valued at the futures price).
/// Immutable and thread-safe.
/// </remarks>
public sealed class HedgeVersusSale
{
    private HedgeVersusSale(LotSale sale, TaxRates rates, DateOnly? saleDate, decimal fees, decimal funding, decimal margin, int days)
    {
        Sale = sale; Rates = rates; SaleDate = saleDate; HedgeFees = fees; HedgeFunding = funding; MarginAtRisk = margin; HoldingPeriodDays = days;
        // Computed here, not in the getters: a figure that overflows decimal rejects the input at creation, never a read.
        Tax = saleDate is { } d ? sale.TaxAt(rates, d) : sale.TaxAt(rates.ShortTermRate);
        HedgeCost = fees - funding;
        HedgeCostAfterTax = HedgeCost + TaxOnFunding;
        TaxMinusHedgeCost = Tax - HedgeCostAfterTax;
    }

    /// <summary>The sale the hedge replaces, matched to lots.</summary>
    public LotSale Sale { get; }
    /// <summary>The tax rates used (<see cref="TaxRates.Flat"/> for a single rate).</summary>
    public TaxRates Rates { get; }
    /// <summary>The sale date the holding periods are measured to; null with a flat rate.</summary>
    public DateOnly? SaleDate { get; }
    /// <summary>The short-term rate (the flat rate when one rate was given).</summary>
    public decimal TaxRate => Rates.ShortTermRate;
    /// <summary>Tax due now on the sale: flat, rate × max(realized gain, 0); with a sale date, <see cref="LotSale.TaxAt(TaxRates, DateOnly)"/>.</summary>
    public decimal Tax { get; }
    /// <summary>The hedge's open + close fees (at the entry price).</summary>
    public decimal HedgeFees { get; }
    /// <summary>Funding over the holding period (positive = received: a short receives at a positive rate).</summary>
    public decimal HedgeFunding { get; }
    /// <summary>Tax on the funding received: short-term rate × max(funding, 0) (funding paid is not deducted here).</summary>
    public decimal TaxOnFunding => Rates.ShortTermRate * Math.Max(0m, HedgeFunding);
    /// <summary>The hedge's initial margin: what an isolated liquidation would lose.</summary>
    public decimal MarginAtRisk { get; }
    /// <summary>The holding period the funding covers, in days.</summary>
    public int HoldingPeriodDays { get; }
    /// <summary>The hedge's cash cost before tax: fees − funding (negative when funding received exceeds the fees).</summary>
    public decimal HedgeCost { get; }
    /// <summary>The hedge's cash cost after the tax on its funding: fees − funding + <see cref="TaxOnFunding"/>.</summary>
    public decimal HedgeCostAfterTax { get; }
    /// <summary>Tax − hedge cost after tax: positive when hedging costs less now than the tax on selling.</summary>
    public decimal TaxMinusHedgeCost { get; }

    /// <summary>The tax on the hedge's own profit when it is closed: short-term rate × max(profit, 0).</summary>
    /// <param name="hedgePnl">The hedge's realized PnL (quote asset; a loss owes nothing).</param>
    /// <returns>The tax (quote asset).</returns>
    public decimal TaxOnHedgeGain(decimal hedgePnl) => Rates.TaxOnHedgeGain(hedgePnl);

    /// <summary>The sale a hedge plan replaces: the coin units it hedges, sold at the decision price from <paramref name="lots"/>.</summary>
    /// <param name="plan">A same-asset hedge plan.</param>
    /// <param name="lots">The holding's lots (same asset; at least the hedged units).</param>
    /// <param name="method">How lots are picked.</param>
    /// <param name="taxRate">Flat tax rate on realized gains, in [0, 1].</param>
    /// <param name="lotIds">For specific identification: the lots to sell from.</param>
    /// <param name="spotFeeRate">Spot fee rate of the sale, in [0, 1) (default 0.001).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">A cross-hedge, lots of another asset, lot-selection errors (see <see cref="TaxLots.Sell"/>), or a hedge cost that overflows decimal.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range, or the lots hold fewer units than the hedge.</exception>
    public static HedgeVersusSale For(HedgePlan plan, TaxLots lots, LotMethod method, decimal taxRate, IEnumerable<string>? lotIds = null, decimal spotFeeRate = 0.001m)
    {
        Preconditions.InRange(taxRate, 0m, 1m);
        return For(plan, lots, method, TaxRates.Flat(taxRate), null, lotIds, spotFeeRate);
    }

    /// <summary>The sale a hedge plan replaces, taxed with a short- and a long-term rate by each lot's holding period at <paramref name="saleDate"/>.</summary>
    /// <param name="plan">A same-asset hedge plan.</param>
    /// <param name="lots">The holding's lots (same asset; at least the hedged units), with acquisition dates.</param>
    /// <param name="method">How lots are picked.</param>
    /// <param name="rates">The tax rates (<b>rules vary by country</b>).</param>
    /// <param name="saleDate">The date of the sale the hedge replaces (today).</param>
    /// <param name="lotIds">For specific identification: the lots to sell from.</param>
    /// <param name="spotFeeRate">Spot fee rate of the sale, in [0, 1) (default 0.001).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">A cross-hedge, lots of another asset, or lot-selection errors (see <see cref="TaxLots.Sell"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rate is out of range, or the lots hold fewer units than the hedge.</exception>
    public static HedgeVersusSale For(HedgePlan plan, TaxLots lots, LotMethod method, TaxRates rates, DateOnly saleDate, IEnumerable<string>? lotIds = null, decimal spotFeeRate = 0.001m) =>
        For(plan, lots, method, Preconditions.NotNull(rates), (DateOnly?)saleDate, lotIds, spotFeeRate);

    private static HedgeVersusSale For(HedgePlan plan, TaxLots lots, LotMethod method, TaxRates rates, DateOnly? saleDate, IEnumerable<string>? lotIds, decimal spotFeeRate)
    {
        Preconditions.NotNull(plan);
        Preconditions.NotNull(lots);
        Preconditions.InRangeHalfOpen(spotFeeRate, 0m, 1m);
        if (plan.IsCrossHedge) Preconditions.ThrowArgument(nameof(plan), "is a cross-hedge; the sale it replaces is of another asset");
        if (!string.Equals(lots.Asset, plan.Holding.Asset, StringComparison.OrdinalIgnoreCase))
            Preconditions.ThrowArgument(nameof(lots), $"are {lots.Asset} but the plan hedges {plan.Holding.Asset}");
        decimal units = plan.EffectiveHedgeRatio * plan.Holding.Quantity;
        if (units > lots.Quantity)
            Preconditions.ThrowOutOfRange(nameof(lots), lots.Quantity, string.Create(CultureInfo.InvariantCulture, $"must hold at least the {units} {lots.Asset} the hedge covers"));
        var sale = lots.Sell(units, plan.DecisionPrice, method, lotIds, spotFeeRate);
        decimal toQuote = plan.Contract.Type == ContractType.Linear ? 1m : plan.FuturesPrice;
        try
        {
            return new HedgeVersusSale(sale, rates, saleDate, plan.RoundTripFees * toQuote, plan.FundingOverHoldingPeriod * toQuote, plan.InitialMargin * toQuote,
                plan.Options.HoldingPeriodDays);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(plan), plan.Holding.Quantity, ex); throw; }
    }

    /// <summary>A comparison from a sale and a hedge's costs computed elsewhere (e.g. a rebalancing bucket's hedge position).</summary>
    /// <param name="sale">The sale the hedge replaces.</param>
    /// <param name="taxRate">Flat tax rate, in [0, 1].</param>
    /// <param name="hedgeFees">The hedge's round-trip fees, ≥ 0.</param>
    /// <param name="hedgeFunding">Funding over the period (positive = received).</param>
    /// <param name="marginAtRisk">The hedge's initial margin, ≥ 0.</param>
    /// <param name="holdingPeriodDays">The period, ≥ 0 days.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sale"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule.</exception>
    /// <exception cref="ArgumentException">The hedge cost (fees − funding) or tax − hedge cost overflows decimal (names the hedge figure out of range).</exception>
    public static HedgeVersusSale Create(LotSale sale, decimal taxRate, decimal hedgeFees, decimal hedgeFunding, decimal marginAtRisk, int holdingPeriodDays)
    {
        Preconditions.NotNull(sale);
        Preconditions.InRange(taxRate, 0m, 1m);
        Preconditions.NonNegative(hedgeFees);
        Preconditions.NonNegative(marginAtRisk);
        Preconditions.NonNegative(holdingPeriodDays);
        try { return new HedgeVersusSale(sale, TaxRates.Flat(taxRate), null, hedgeFees, hedgeFunding, marginAtRisk, holdingPeriodDays); }
        catch (OverflowException ex)
        {
            // fees − funding, then tax − that: the larger of the two hedge figures is the one out of range.
            if (Math.Abs(hedgeFunding) >= hedgeFees) Preconditions.ThrowOverflow(nameof(hedgeFunding), hedgeFunding, ex);
            Preconditions.ThrowOverflow(nameof(hedgeFees), hedgeFees, ex);
            throw;
        }
    }
}
