using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

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
