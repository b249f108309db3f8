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

/// <summary>One ending of a <see cref="DeRiskPlan"/>, next to the alternative of selling spot at decision time.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record DeRiskExit
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal DeRiskExit(bool priceRose, decimal exitPrice, decimal hedgePnl, decimal hedgeFees, decimal spotSold, decimal spotFees, decimal coinsBuyableWithProfit, decimal finalCoins, decimal finalCash, decimal? effectiveSalePrice, decimal sellNowFinalValue)
    {
        PriceRose = priceRose;
        ExitPrice = exitPrice;
        HedgePnl = hedgePnl;
        HedgeFees = hedgeFees;
        SpotSold = spotSold;
        SpotFees = spotFees;
        CoinsBuyableWithProfit = coinsBuyableWithProfit;
        FinalCoins = finalCoins;
        FinalCash = finalCash;
        EffectiveSalePrice = effectiveSalePrice;
        SellNowFinalValue = sellNowFinalValue;
    }

    /// <summary>
    /// Which ending: true when the price rose (<see cref="DeRiskPlan.IfPriceRises(decimal)"/>: close the hedge at a small loss and
    /// sell the hedged quantity of spot higher); false when it fell (<see cref="DeRiskPlan.IfPriceFalls(decimal)"/>: close the
    /// hedge at a profit and keep the coins — the crypto weight is back above the target, and <see cref="SaleToReachTarget"/>
    /// says what selling still reaches it).
    /// </summary>
    public bool PriceRose { get; }

    /// <summary>The price at the exit (spot = futures).</summary>
    public decimal ExitPrice { get; }

    /// <summary>The short's PnL from entry to exit (quote asset).</summary>
    public decimal HedgePnl { get; }

    /// <summary>Open + close fees of the hedge.</summary>
    public decimal HedgeFees { get; }

    /// <summary>Funding the short received over the holding period (negative: paid), quote asset: the engine's prints along the straight path to the exit (<see cref="HedgePlan.OutcomeAt"/>); 0 when the ending was asked without <see cref="FundingTerms"/>.</summary>
    public decimal HedgeFunding { get; internal init; }

    /// <summary>The hedge's own result: <see cref="HedgePnl"/> − <see cref="HedgeFees"/> + <see cref="HedgeFunding"/> (what closing it adds to, or takes from, the cash).</summary>
    public decimal HedgeNet => HedgePnl - HedgeFees + HedgeFunding;

    /// <summary>Spot quantity sold at the exit (PriceRose: the hedged quantity; PriceFell: 0).</summary>
    public decimal SpotSold { get; }

    /// <summary>Spot fee on that sale.</summary>
    public decimal SpotFees { get; }

    /// <summary>PriceFell: (hedge PnL − fees + funding)/exit price, the coins the strategy text would buy back lower with the profit — not the ending: buying raises the crypto weight, away from the target (see <see cref="SaleToReachTarget"/>); PriceRose: 0.</summary>
    public decimal CoinsBuyableWithProfit { get; }

    /// <summary>Coins held after the exit (before any buy-back).</summary>
    public decimal FinalCoins { get; }

    /// <summary>Cash after the exit (quote asset).</summary>
    public decimal FinalCash { get; }

    /// <summary>PriceRose: (sale proceeds + hedge PnL − all fees + funding)/sold — the price the de-risking really sold at; PriceFell: null.</summary>
    public decimal? EffectiveSalePrice { get; }

    /// <summary>Portfolio value at the exit price had the same quantity been sold spot at decision time (quote asset).</summary>
    public decimal SellNowFinalValue { get; }

    /// <summary>Portfolio value after the exit: coins × exit price + cash.</summary>
    public decimal FinalValue => FinalCoins * ExitPrice + FinalCash;
    /// <summary>Final value − the sell-now alternative's value (positive: hedging first did better).</summary>
    public decimal VersusSellNow => FinalValue - SellNowFinalValue;
    /// <summary>The target crypto weight of the plan.</summary>
    public decimal TargetCryptoWeight { get; internal init; }
    /// <summary>The spot fee rate of the plan (prices <see cref="SaleToReachTarget"/>).</summary>
    internal decimal SpotFeeRate { get; init; }
    /// <summary>The crypto weight reached after the exit, the hedge closed: coins × exit price / final value.</summary>
    public decimal CryptoWeight => FinalValue == 0m ? 0m : FinalCoins * ExitPrice / FinalValue;
    /// <summary>
    /// Coins still to sell at the exit price to bring the weight to the target, with the spot fee:
    /// (coins·P − w·V) / (P·(1 − w·f)), V the final value; 0 when the weight is already at or below the target.
    /// </summary>
    public decimal SaleToReachTarget => CryptoWeight <= TargetCryptoWeight ? 0m
        : (FinalCoins * ExitPrice - TargetCryptoWeight * FinalValue) / (ExitPrice * (1m - TargetCryptoWeight * SpotFeeRate));
    /// <summary>
    /// The tax on the hedge's profit after its fees and funding (<see cref="HedgeNet"/>), at the short-term rate (<see cref="TaxRates.TaxOnHedgeGain"/>), when
    /// the ending was asked with <see cref="Positions.TaxRates"/>; 0 without them, or on a hedge loss (quote asset). The
    /// spot sold in the rise ending and the sell-now sale realize taxable gains too: those depend on the lots
    /// (<see cref="HedgeVersusSale"/>) and are not in this figure.
    /// </summary>
    public decimal TaxOnHedgeGain { get; internal init; }
    /// <summary>The rates <see cref="TaxOnHedgeGain"/> was computed with; null when the ending was asked without them.</summary>
    public TaxRates? TaxRates { get; internal init; }
    /// <summary>Portfolio value after the exit and the tax on the hedge's profit: <see cref="FinalValue"/> − <see cref="TaxOnHedgeGain"/>.</summary>
    public decimal FinalValueAfterHedgeTax => FinalValue - TaxOnHedgeGain;
    /// <summary>How the hedge ended on the straight path to the exit price: open, stopped or liquidated.</summary>
    public HedgeExit HedgeExit { get; internal init; }
    /// <summary>The hedge's stop fill or liquidation price; null when it was open at the exit.</summary>
    public decimal? HedgeExitPrice { get; internal init; }
}

/// <summary>"Hedge and sell": de-risk a portfolio from one crypto weight to a lower one by hedging now, then either take the hedge profit after a fall or sell spot higher after a rise.</summary>
/// <remarks>
/// Portfolio P = coins·price + cash. To bring the crypto weight from w₀ to w (e.g. 80 % → 60 %) the
/// exposure to remove is (w₀ − w)·P; the plan shorts that much (<see cref="HedgePlan"/>, ratio
/// (w₀ − w)·P / (coins·price)). The alternative is to sell that value of spot now. Immutable and thread-safe.
/// </remarks>
public sealed class DeRiskPlan
{
    private DeRiskPlan(SpotHolding crypto, decimal cash, decimal target, decimal price, HedgePlan hedge, decimal spotFeeRate)
    { Crypto = crypto; Cash = cash; TargetCryptoWeight = target; Price = price; Hedge = hedge; SpotFeeRate = spotFeeRate; }

    /// <summary>The crypto holding.</summary>
    public SpotHolding Crypto { get; }
    /// <summary>Cash (stablecoins) in the quote asset.</summary>
    public decimal Cash { get; }
    /// <summary>The price at decision time.</summary>
    public decimal Price { get; }
    /// <summary>The target crypto weight.</summary>
    public decimal TargetCryptoWeight { get; }
    /// <summary>The spot fee rate used for spot trades.</summary>
    public decimal SpotFeeRate { get; }
    /// <summary>The hedge that removes the excess exposure.</summary>
    public HedgePlan Hedge { get; }
    /// <summary>Crypto value now.</summary>
    public decimal CryptoValue => Crypto.Quantity * Price;
    /// <summary>Portfolio value now.</summary>
    public decimal PortfolioValue => CryptoValue + Cash;
    /// <summary>Crypto weight now.</summary>
    public decimal CryptoWeight => CryptoValue / PortfolioValue;
    /// <summary>Exposure to remove: (weight − target) × portfolio value.</summary>
    public decimal ExposureToRemove => CryptoValue - TargetCryptoWeight * PortfolioValue;
    /// <summary>Effective crypto weight after the hedge (after lot rounding): (crypto value − hedge notional) / portfolio value.</summary>
    public decimal EffectiveCryptoWeight => (CryptoValue - Hedge.NotionalInQuote) / PortfolioValue;
    /// <summary>The hedged quantity in coins (what the sell-now alternative sells).</summary>
    public decimal HedgedCoins => Hedge.NotionalInQuote / Price;
    /// <summary>The crypto weight after shorting (weight − target) <b>of the holding</b> instead of the portfolio — the strategy text's "short 20 % of your spot holdings", which takes 80 % to 64 %, not 60 %: w₀·(1 − (w₀ − w)).</summary>
    public decimal WeightIfFractionOfHolding => CryptoValue * (1m - (CryptoWeight - TargetCryptoWeight)) / PortfolioValue;
    /// <summary>Spot fee of selling the hedged quantity now instead.</summary>
    public decimal SellNowFee => Hedge.NotionalInQuote * SpotFeeRate;

    /// <summary>Creates the plan.</summary>
    /// <param name="crypto">The crypto holding (quantity &gt; 0; the contract's base asset).</param>
    /// <param name="cash">Cash in the quote asset, ≥ 0.</param>
    /// <param name="targetCryptoWeight">The crypto weight wanted, in [0, current weight).</param>
    /// <param name="contract">The futures contract (linear).</param>
    /// <param name="leverage">The hedge's leverage.</param>
    /// <param name="price">The price now.</param>
    /// <param name="options">Hedge options.</param>
    /// <param name="spotFeeRate">Spot fee rate, in [0, 1) (default 0.001).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (e.g. a target not below the current weight).</exception>
    public static DeRiskPlan Create(SpotHolding crypto, decimal cash, decimal targetCryptoWeight, Contract contract, decimal leverage, decimal price,
        HedgePlanOptions? options = null, decimal spotFeeRate = 0.001m)
    {
        Preconditions.NotNull(crypto);
        Preconditions.NotNull(contract);
        Preconditions.NonNegative(cash);
        Preconditions.Positive(price);
        Preconditions.InRangeHalfOpen(spotFeeRate, 0m, 1m);
        if (crypto.Quantity <= 0m) Preconditions.ThrowOutOfRange(nameof(crypto), crypto.Quantity, "must hold a quantity greater than 0");
        decimal v, w0, ratio;
        try
        {
            v = crypto.Quantity * price;
            w0 = v / (v + cash);
            if (targetCryptoWeight < 0m || targetCryptoWeight >= w0)
                Preconditions.ThrowOutOfRange(nameof(targetCryptoWeight), targetCryptoWeight, $"must be in [0, {w0:0.####}) (below the current crypto weight)");
            ratio = (v - targetCryptoWeight * (v + cash)) / v;
        }
        catch (OverflowException ex)
        {
            if (cash >= price) Preconditions.ThrowOverflow(nameof(cash), cash, ex);
            Preconditions.ThrowOverflow(nameof(price), price, ex);
            throw;
        }
        HedgePlan hedge;
        try { hedge = HedgePlan.Create(crypto, ratio, contract, leverage, price, options); }
        catch (ArgumentException e) when (e.ParamName is "holding" or "hedgeRatio" or "decisionPrice")
        {
            throw e.ParamName switch
            {
                "holding" => Preconditions.Renamed(e, nameof(crypto), crypto.Quantity),
                "hedgeRatio" => Preconditions.Renamed(e, nameof(targetCryptoWeight), targetCryptoWeight),
                _ => Preconditions.Renamed(e, nameof(price), price),
            };
        }
        return new DeRiskPlan(crypto, cash, targetCryptoWeight, price, hedge, spotFeeRate);
    }

    /// <summary>The price fell to <paramref name="lowerPrice"/>: close the hedge at a profit, keep every coin.</summary>
    /// <param name="lowerPrice">The exit price, below the decision price.</param>
    /// <returns>The exit and the sell-now comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lowerPrice"/> is not below the decision price or not positive.</exception>
    public DeRiskExit IfPriceFalls(decimal lowerPrice) => IfPriceFalls(lowerPrice, null);

    /// <summary>The price fell to <paramref name="lowerPrice"/>, with the tax on the hedge's profit (<see cref="DeRiskExit.TaxOnHedgeGain"/>).</summary>
    /// <param name="lowerPrice">The exit price, below the decision price.</param>
    /// <param name="taxRates">The tax rates; the hedge's profit after fees is taxed at the short-term rate. Null: no tax figure.</param>
    /// <returns>The exit, its tax and the sell-now comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lowerPrice"/> is not below the decision price or not positive.</exception>
    public DeRiskExit IfPriceFalls(decimal lowerPrice, TaxRates? taxRates) => IfPriceFalls(lowerPrice, taxRates, null);

    /// <summary>The price fell to <paramref name="lowerPrice"/> over a holding period with funding (<see cref="DeRiskExit.HedgeFunding"/>), and with the tax on the hedge's profit.</summary>
    /// <param name="lowerPrice">The exit price, below the decision price.</param>
    /// <param name="taxRates">The tax rates; the hedge's profit after fees and funding is taxed at the short-term rate. Null: no tax figure.</param>
    /// <param name="funding">Funding over the holding period (<see cref="FundingTerms.Constant"/>: a short receives at a positive rate); none (an instant move) when null.</param>
    /// <returns>The exit, its tax and the sell-now comparison. The hedge runs on the engine along the straight path to the
    /// exit price with the funding prints (<see cref="HedgePlan.OutcomeAt"/>, the path <c>PlanHistory.Along</c> runs the saved plan on).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lowerPrice"/> is not below the decision price or not positive; the holding period has too many prints.</exception>
    public DeRiskExit IfPriceFalls(decimal lowerPrice, TaxRates? taxRates, FundingTerms? funding)
    {
        Preconditions.Positive(lowerPrice);
        if (lowerPrice >= Price) Preconditions.ThrowOutOfRange(nameof(lowerPrice), lowerPrice, $"must be below the decision price {Price}");
        try { return Taxed(PriceFell(lowerPrice, funding), taxRates); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(lowerPrice), lowerPrice, ex); throw; }
        catch (ArgumentException e) when (e.ParamName == "spotPrice") { throw Preconditions.Renamed(e, nameof(lowerPrice), lowerPrice); }
    }

    /// <summary>The same plan with a stop-loss on its hedge (<see cref="HedgePlan.WithStop"/>): an ending past the stop closes the hedge there.</summary>
    /// <param name="stop">The stop.</param>
    /// <returns>The plan with the stop.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stop"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price stop at or below the hedge's entry (the wrong side for a short), as <see cref="HedgePlan.WithStop"/> says.</exception>
    public DeRiskPlan WithStop(LegStop stop) => new(Crypto, Cash, TargetCryptoWeight, Price, Hedge.WithStop(stop), SpotFeeRate);

    private DeRiskExit PriceFell(decimal lowerPrice, FundingTerms? funding)
    {
        var o = Hedge.OutcomeAt(lowerPrice, null, funding);
        decimal net = o.FuturesPnl - o.Fees + o.Funding;
        return new DeRiskExit(false, lowerPrice, o.FuturesPnl, o.Fees, 0m, 0m, net > 0m ? net / lowerPrice : 0m,
            Crypto.Quantity, Cash + net, null, SellNowValue(lowerPrice))
        { HedgeExit = o.Exit, HedgeExitPrice = o.ExitPrice, HedgeFunding = o.Funding, TargetCryptoWeight = TargetCryptoWeight, SpotFeeRate = SpotFeeRate };
    }

    /// <summary>The price rose to <paramref name="higherPrice"/>: close the hedge at a small loss and sell the hedged quantity of spot higher.</summary>
    /// <param name="higherPrice">The exit price, above the decision price.</param>
    /// <returns>The exit and the sell-now comparison. The hedge runs on the engine along the straight path to the exit
    /// price (<see cref="HedgePlan.OutcomeAt"/>): past its liquidation price it has lost its margin, no more.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="higherPrice"/> is not above the decision price.</exception>
    public DeRiskExit IfPriceRises(decimal higherPrice) => IfPriceRises(higherPrice, null);

    /// <summary>The price rose to <paramref name="higherPrice"/>, with the tax on the hedge's profit (<see cref="DeRiskExit.TaxOnHedgeGain"/>; 0 on the usual loss).</summary>
    /// <param name="higherPrice">The exit price, above the decision price.</param>
    /// <param name="taxRates">The tax rates; the hedge's profit after fees is taxed at the short-term rate. Null: no tax figure.</param>
    /// <returns>The exit, its tax and the sell-now comparison.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="higherPrice"/> is not above the decision price.</exception>
    public DeRiskExit IfPriceRises(decimal higherPrice, TaxRates? taxRates) => IfPriceRises(higherPrice, taxRates, null);

    /// <summary>The price rose to <paramref name="higherPrice"/> over a holding period with funding (<see cref="DeRiskExit.HedgeFunding"/>), and with the tax on the hedge's profit.</summary>
    /// <param name="higherPrice">The exit price, above the decision price.</param>
    /// <param name="taxRates">The tax rates; the hedge's profit after fees and funding is taxed at the short-term rate. Null: no tax figure.</param>
    /// <param name="funding">Funding over the holding period (<see cref="FundingTerms.Constant"/>: a short receives at a positive rate); none (an instant move) when null.</param>
    /// <returns>The exit, its tax and the sell-now comparison. The hedge runs on the engine along the straight path to the
    /// exit price with the funding prints (<see cref="HedgePlan.OutcomeAt"/>, the path <c>PlanHistory.Along</c> runs the saved plan on).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="higherPrice"/> is not above the decision price; the holding period has too many prints.</exception>
    public DeRiskExit IfPriceRises(decimal higherPrice, TaxRates? taxRates, FundingTerms? funding)
    {
        Preconditions.Positive(higherPrice);
        if (higherPrice <= Price) Preconditions.ThrowOutOfRange(nameof(higherPrice), higherPrice, $"must be above the decision price {Price}");
        try { return Taxed(PriceRose(higherPrice, funding), taxRates); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(higherPrice), higherPrice, ex); throw; }
        catch (ArgumentException e) when (e.ParamName == "spotPrice") { throw Preconditions.Renamed(e, nameof(higherPrice), higherPrice); }
    }

    private DeRiskExit PriceRose(decimal higherPrice, FundingTerms? funding)
    {
        var o = Hedge.OutcomeAt(higherPrice, null, funding);
        decimal sold = HedgedCoins;
        decimal proceeds = sold * higherPrice, spotFee = proceeds * SpotFeeRate, hedgeNet = o.FuturesPnl - o.Fees + o.Funding;
        decimal cash = Cash + proceeds - spotFee + hedgeNet;
        return new DeRiskExit(true, higherPrice, o.FuturesPnl, o.Fees, sold, spotFee, 0m,
            Crypto.Quantity - sold, cash, (proceeds - spotFee + hedgeNet) / sold, SellNowValue(higherPrice))
        { HedgeExit = o.Exit, HedgeExitPrice = o.ExitPrice, HedgeFunding = o.Funding, TargetCryptoWeight = TargetCryptoWeight, SpotFeeRate = SpotFeeRate };
    }

    // The tax on the hedge's profit after fees and funding (the one rule: TaxRates.TaxOnHedgeGain).
    private static DeRiskExit Taxed(DeRiskExit x, TaxRates? rates) =>
        rates is null ? x : x with { TaxRates = rates, TaxOnHedgeGain = rates.TaxOnHedgeGain(x.HedgeNet) };

    private decimal SellNowValue(decimal exitPrice)
    {
        decimal sold = HedgedCoins;
        return (Crypto.Quantity - sold) * exitPrice + Cash + sold * Price - SellNowFee;
    }
}

/// <summary>"Leverage-assisted buy-back": reach a larger exposure than the spot held by adding a long futures position (hold 10 ETH, want 12 ETH: long 2 ETH futures).</summary>
/// <remarks>
/// Futures quantity = target exposure − spot quantity, rounded down to the lot step; margin, liquidation price
/// (<see cref="MarginCalc"/>), funding (a long pays at a positive rate) and fees as for a hedge, on the long side.
/// Immutable and thread-safe.
/// </remarks>
public sealed class LeveragedExposurePlan
{
    private LeveragedExposurePlan(SpotHolding holding, decimal target, decimal price, Position position, MarginSnapshot margin, decimal fundingPerDay,
        HedgePlanOptions options, ImmutableArray<HedgeWarning> warnings, decimal? stopPrice = null)
    {
        Holding = holding; TargetExposure = target; Price = price; Position = position; Margin = margin; FundingPerDay = fundingPerDay; Options = options; Warnings = warnings;
        StopPrice = stopPrice;
        _book = HedgeBook.Empty.Open(position.Contract, Side.Long, position.Quantity, price, position.Leverage, MarginMode.Isolated,
            position.IsolatedMargin, stopPrice is { } sp ? StopOrder.At(sp) : null, options.MakerFees, options.Rule).Book;
    }

    /// <summary>The long's stop-loss price (below the entry), or null without one.</summary>
    public decimal? StopPrice { get; }

    /// <summary>
    /// The same plan with a stop-loss on the long at <paramref name="stopPrice"/> (a sell stop on the mark, below the
    /// entry): <see cref="OutcomeAt"/> stops the long where the path crosses it, and the revenge-trading check reads
    /// its distance (<see cref="HedgeWarningCode.StopWidenedAfterLoss"/>).
    /// </summary>
    /// <param name="stopPrice">The stop price, in (0, the decision price).</param>
    /// <returns>The plan with the stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stopPrice"/> is not positive or not below the decision price.</exception>
    public LeveragedExposurePlan WithStop(decimal stopPrice)
    {
        Preconditions.Positive(stopPrice);
        if (stopPrice >= Price) Preconditions.ThrowOutOfRange(nameof(stopPrice), stopPrice, $"must be below the decision price {Price} (a long's stop)");
        var warnings = ImmutableArray.CreateBuilder<HedgeWarning>();
        foreach (var w in Warnings)
            if (w.Code is not (HedgeWarningCode.LeverageRaisedAfterLoss or HedgeWarningCode.SizeRaisedAfterLoss or HedgeWarningCode.StopWidenedAfterLoss)) warnings.Add(w);
        warnings.AddRange(HedgePlan.Revenge(Position.Leverage, HedgePlan.BaseQuantity(Position.Contract, Position.Quantity, Price), 1m - stopPrice / Price, Options.PreviousHedge));
        return new LeveragedExposurePlan(Holding, TargetExposure, Price, Position, Margin, FundingPerDay, Options, warnings.ToImmutable(), stopPrice);
    }

    private readonly HedgeBook _book;

    /// <summary>The spot holding.</summary>
    public SpotHolding Holding { get; }
    /// <summary>The exposure wanted, in coins.</summary>
    public decimal TargetExposure { get; }
    /// <summary>The price at decision time.</summary>
    public decimal Price { get; }
    /// <summary>The long futures position.</summary>
    public Position Position { get; }
    /// <summary>Its margin picture at entry.</summary>
    public MarginSnapshot Margin { get; }
    /// <summary>Options used.</summary>
    public HedgePlanOptions Options { get; }
    /// <summary>Warnings (leverage above cap, leverage raised after a loss).</summary>
    public ImmutableArray<HedgeWarning> Warnings { get; }
    /// <summary>Futures quantity in contracts, as the exchange counts it (<see cref="Position.Quantity"/>; coins = contracts × contract size, which <see cref="TotalExposure"/> adds).</summary>
    public decimal FuturesQuantity => Position.Quantity;
    /// <summary>The coins the long carries: <see cref="FuturesQuantity"/> × the contract size (a linear contract's size is in coins).</summary>
    public decimal FuturesCoins => Position.Quantity * Position.Contract.ContractSize;
    /// <summary>Total exposure after the plan: spot + futures coins.</summary>
    public decimal TotalExposure => Holding.Quantity + FuturesCoins;
    /// <summary>Exposure value at the decision price (quote asset).</summary>
    public decimal ExposureValue => TotalExposure * Price;
    /// <summary>Futures notional (settlement asset).</summary>
    public decimal Notional => Margin.Notional;
    /// <summary>Initial margin of the long.</summary>
    public decimal InitialMargin => Margin.InitialMargin;
    /// <summary>Liquidation price of the long (null when none).</summary>
    public decimal? LiquidationPrice => Margin.LiquidationPrice;
    /// <summary>Fee to open the long.</summary>
    public decimal OpenFee => Position.OpenFee(Options.MakerFees);
    /// <summary>Funding cash flow per day at the assumed rate (negative = paid; a long pays at a positive rate).</summary>
    public decimal FundingPerDay { get; }
    /// <summary>Funding per 30 days.</summary>
    public decimal FundingPer30Days => FundingPerDay * 30m;

    /// <summary>Creates the plan.</summary>
    /// <param name="holding">The spot holding (its asset = the contract's base asset).</param>
    /// <param name="targetExposure">The exposure wanted in coins, above the holding.</param>
    /// <param name="contract">A linear contract.</param>
    /// <param name="leverage">The long's leverage.</param>
    /// <param name="price">The price now.</param>
    /// <param name="options">Options (leverage cap, funding rate, rule, maker fees).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (target not above the holding, leverage outside the contract's limits).</exception>
    /// <exception cref="ArgumentException">An inverse contract or a different asset.</exception>
    public static LeveragedExposurePlan Create(SpotHolding holding, decimal targetExposure, Contract contract, decimal leverage, decimal price,
        HedgePlanOptions? options = null)
    {
        Preconditions.NotNull(holding);
        Preconditions.NotNull(contract);
        Preconditions.Positive(price);
        if (holding.Quantity <= 0m) Preconditions.ThrowOutOfRange(nameof(holding), holding.Quantity, "must hold a quantity greater than 0");
        options ??= HedgePlanOptions.Default;
        HedgePlan.ValidateOptions(options);
        if (contract.Type != ContractType.Linear) Preconditions.ThrowArgument(nameof(contract), "must be linear (exposure in coins)");
        if (!string.Equals(holding.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase))
            Preconditions.ThrowArgument(nameof(contract), $"is on {contract.BaseAsset} but the holding is {holding.Asset}");
        if (targetExposure <= holding.Quantity)
            Preconditions.ThrowOutOfRange(nameof(targetExposure), targetExposure, $"must be above the spot held ({holding.Quantity})");
        if (leverage < 1m || leverage > contract.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(leverage), leverage, $"must be in [1, {contract.MaxLeverage}] for {contract.Symbol}");
        decimal q;
        Position pos;
        MarginSnapshot margin;
        decimal funding;
        try
        {
            q = contract.RoundQuantity((targetExposure - holding.Quantity) / contract.ContractSize);
            if (q <= 0m) Preconditions.ThrowOutOfRange(nameof(targetExposure), targetExposure, $"adds less than one lot step ({contract.LotStep})");
            pos = Position.Open(contract, Side.Long, q, price, leverage, MarginMode.Isolated, options.IsolatedMargin);
            margin = MarginCalc.Isolated(pos, price, options.Rule);
            funding = Funding.Project(pos, price, options.FundingRatePerInterval).PerDay;
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(targetExposure), targetExposure, ex); throw; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(holding) or nameof(targetExposure) or nameof(contract) or nameof(leverage) or nameof(price) or nameof(options)))
        {
            throw e.ParamName is "quantity" ? Preconditions.Renamed(e, nameof(targetExposure), targetExposure)
                : e.ParamName is "isolatedMargin" or "ratePerInterval" or "rule" ? Preconditions.Renamed(e, nameof(options), null)
                : Preconditions.Renamed(e, nameof(price), price);
        }
        var warnings = ImmutableArray.CreateBuilder<HedgeWarning>();
        if (leverage > options.LeverageCap)
            warnings.Add(new HedgeWarning(HedgeWarningCode.LeverageAboveCap,
                string.Create(CultureInfo.InvariantCulture, $"Leverage {leverage}x is above the cap of {options.LeverageCap}x."),
                [HedgeWarning.Fig("leverage", leverage), HedgeWarning.Fig("cap", options.LeverageCap)]));
        // The long has no stop in this plan: after a losing trade that had one, that is a removed stop.
        warnings.AddRange(HedgePlan.Revenge(leverage, HedgePlan.BaseQuantity(pos.Contract, pos.Quantity, price), null, options.PreviousHedge));
        return new LeveragedExposurePlan(holding, targetExposure, price, pos, margin, funding, options, warnings.ToImmutable());
    }

    /// <summary>The outcome at a later price.</summary>
    /// <param name="price">The later price, &gt; 0.</param>
    /// <param name="funding">Funding in or out (<see cref="FundingTerms.None"/> by default).</param>
    /// <returns>The one outcome row (<see cref="HedgeOutcome"/>) for the long: spot PnL against the cost basis and the decision
    /// price, the long's PnL, fees, funding and exit, its net (<see cref="HedgeOutcome.HedgeNet"/>), the coins it carries, the
    /// coins its profit buys and the cash that turns it into spot (<see cref="HedgeOutcome.CashToBuySpot"/>).</returns>
    /// <remarks>Runs on the engine along the straight path from the decision price (<see cref="HedgeBook.MoveStraight"/>):
    /// below its liquidation price the long has lost its isolated margin, no more.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public HedgeOutcome OutcomeAt(decimal price, FundingTerms? funding = null)
    {
        Preconditions.Positive(price);
        try
        {
            var leg = _book.MoveStraight(Price, price, funding ?? FundingTerms.None).Legs[0];
            return HedgeOutcome.FromLeg(leg, price, price, Holding.Quantity * (price - Holding.AverageCost), Holding.Quantity * (price - Price),
                Options.MakerFees, FuturesCoins);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(price), price, ex); throw; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(price) or nameof(funding)))
        {
            throw Preconditions.Renamed(e, nameof(price), price);
        }
    }
}
