using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

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
