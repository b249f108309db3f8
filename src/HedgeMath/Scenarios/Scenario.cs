using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>Evaluates a <see cref="ScenarioSetup"/> at a price or along a price path, on the hedge engine (<see cref="HedgeBook"/>).</summary>
/// <remarks>
/// Rules (documented in docs/scenarios.md), all the engine's:
/// <list type="bullet">
/// <item>The hedge is an isolated short opened at the decision price (taker fee); if still open at the end it is valued
/// at the end price with the taker fee to close it there.</item>
/// <item>The price moves in a straight line between observed prices (<see cref="AtPrice"/>: from the decision price to
/// the end price over the holding period); a bar's high and low count too (<see cref="AlongPath(ScenarioSetup, IReadOnlyList{PriceBar}, IReadOnlyList{decimal}?)"/>).
/// The stop (on the mark) and the liquidation price apply where first crossed: a stop fills at the stop (or at the open
/// when the price gaps through it); a liquidated hedge loses its posted isolated margin, no more. After either the spot
/// is unhedged for the rest of the path.</item>
/// <item>Funding is in or out by one argument: <see cref="FundingTerms"/> for <see cref="AtPrice"/> (a print each funding
/// interval at that time's price), a rate per step for the paths (paid at the step's close price by a hedge still open).</item>
/// <item>Money is in the quote asset; an inverse hedge's coin figures are converted at the end price and also reported
/// in the coin (<see cref="ScenarioResult.SettlementAsset"/>).</item>
/// </list>
/// Thread-safe (pure functions).
/// </remarks>
public static class Scenario
{
    /// <summary>The result of the straight move from the decision price to <paramref name="price"/> over the holding period of <paramref name="funding"/>.</summary>
    /// <param name="setup">The holding and its hedge.</param>
    /// <param name="price">The price at the end (&gt; 0).</param>
    /// <param name="funding">Funding in or out; <see cref="FundingTerms.None"/> (an instant move) when null.</param>
    /// <returns>The scenario result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="price"/> is so large that the outcome overflows decimal.</exception>
    public static ScenarioResult AtPrice(ScenarioSetup setup, decimal price, FundingTerms? funding = null) => AtPriceOnPath(setup, price, funding, null);

    /// <summary><see cref="AtPrice(ScenarioSetup, decimal, FundingTerms?)"/> with the print prices of the path shared with other setups (the grid).</summary>
    internal static ScenarioResult AtPriceOnPath(ScenarioSetup setup, decimal price, FundingTerms? funding, StraightPrints? prints)
    {
        Preconditions.NotNull(setup);
        Preconditions.Positive(price);
        try
        {
            var book = setup.Book.MoveStraightRoute(setup.DecisionPrice, price, funding ?? FundingTerms.None, null, printByPrint: false, prints);
            var leg = book.Legs[0];
            decimal worst = leg.Exit != HedgeExit.None ? leg.ExitPrice!.Value : Math.Max(setup.DecisionPrice, price);
            return Settle(setup, leg, price, 0, leg.Exit == HedgeExit.None ? null : 0, worst);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(price), price, ex); throw; }
    }

    /// <summary>The result of following close prices step by step from the decision price (a straight line between closes).</summary>
    /// <param name="setup">The holding and its hedge.</param>
    /// <param name="prices">The price after each step (at least one; every price &gt; 0). The last is the end price.</param>
    /// <param name="fundingRates">Funding rate of each step (same length as <paramref name="prices"/>), paid at the step's price by a hedge open after the step; null for none.</param>
    /// <returns>The scenario result, with the step at which the hedge was stopped or liquidated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> or <paramref name="prices"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prices"/> is empty, or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive or a rate is outside (−1, 1).</exception>
    public static ScenarioResult AlongPath(ScenarioSetup setup, IReadOnlyList<decimal> prices, IReadOnlyList<decimal>? fundingRates = null)
    {
        Preconditions.NotNull(setup);
        Preconditions.NotNull(prices);
        if (prices.Count == 0) Preconditions.ThrowArgument(nameof(prices), "must contain at least one price");
        for (int i = 0; i < prices.Count; i++)
            if (prices[i] <= 0m) Preconditions.ThrowOutOfRange(nameof(prices), prices[i], $"must contain only prices greater than 0 (index {i})");
        var bars = new PriceBar[prices.Count];
        decimal prev = setup.DecisionPrice;
        var t0 = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < bars.Length; i++)
        {
            decimal p = prices[i];
            bars[i] = PriceBar.Unchecked(t0.AddDays(i + 1), prev, Math.Max(prev, p), Math.Min(prev, p), p);
            prev = p;
        }
        return Run(setup, bars, fundingRates, nameof(fundingRates), nameof(prices));
    }

    /// <summary>The result of following price bars (open, high, low, close of each step, mark = last unless given) from the decision price.</summary>
    /// <param name="setup">The holding and its hedge.</param>
    /// <param name="bars">The steps (at least one). Stops and liquidation are checked against each bar's high and low.</param>
    /// <param name="fundingRates">Funding rate of each step (same length), paid at the step's mark close by a hedge still open; null for none.</param>
    /// <returns>The scenario result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> or <paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bars"/> is empty, contains a default bar, or the lengths differ.</exception>
    public static ScenarioResult AlongPath(ScenarioSetup setup, IReadOnlyList<PriceBar> bars, IReadOnlyList<decimal>? fundingRates = null)
    {
        Preconditions.NotNull(setup);
        Preconditions.NotNull(bars);
        if (bars.Count == 0) Preconditions.ThrowArgument(nameof(bars), "must contain at least one bar");
        for (int i = 0; i < bars.Count; i++)
            if (bars[i].Low <= 0m) Preconditions.ThrowArgument(nameof(bars), $"must contain only bars with prices (index {i} is a default bar)");
        return Run(setup, bars, fundingRates, nameof(fundingRates), nameof(bars));
    }

    private static ScenarioResult Run(ScenarioSetup setup, IReadOnlyList<PriceBar> bars, IReadOnlyList<decimal>? rates, string ratesName, string barsName)
    {
        if (rates is not null)
        {
            Preconditions.SameLength(rates.Count, bars.Count, ratesName, barsName);
            for (int i = 0; i < rates.Count; i++)
                if (!Preconditions.IsFundingRate(rates[i])) Preconditions.ThrowOutOfRange(ratesName, rates[i], $"must contain only rates in (-1, 1) (index {i})");
        }
        var book = setup.Book;
        decimal worst = setup.DecisionPrice;
        int? exitStep = null;
        for (int t = 0; t < bars.Count; t++)
        {
            if (!book.Legs[0].IsOpen) break;
            var bar = bars[t];
            book = book.Move(bar);
            var leg = book.Legs[0];
            if (!leg.IsOpen)
            {
                exitStep = t + 1;
                worst = Math.Max(worst, leg.ExitPrice!.Value);
                break;
            }
            worst = Math.Max(worst, bar.High);
            if (rates is not null && rates[t] != 0m) book = book.Fund(new FundingPrint(bar.Time, rates[t], bar.Close));
        }
        return Settle(setup, book.Legs[0], bars[^1].Close, bars.Count, exitStep, worst);
    }

    /// <summary>The one place a scenario's figures are put together from the engine's leg.</summary>
    internal static ScenarioResult Settle(ScenarioSetup s, BookLeg leg, decimal price, int steps, int? exitStep, decimal worst)
    {
        decimal q = s.SpotQuantity, p0 = s.DecisionPrice;
        decimal spot = q * (price - p0);
        decimal spotVsCost = q * (price - s.CostBasis);
        decimal futures = leg.RealizedPnl, fees = leg.Fees, funding = leg.Funding;
        var hedge = s.Hedge;
        if (leg.Position is { } open)
        {
            futures += open.UnrealizedPnl(price);
            fees += open.CloseFee(price);
        }
        if (hedge is null) worst = p0;
        decimal toQuote = s.Contract.Type == ContractType.Linear ? 1m : price;
        decimal hedgeTotal = (futures - fees + funding) * toQuote;
        decimal worstUnrealized = hedge is null ? 0m : hedge.UnrealizedPnl(worst);
        return new ScenarioResult
        {
            Price = price,
            Steps = steps,
            SpotQuantity = q,
            CostBasis = s.CostBasis,
            DecisionPrice = p0,
            HedgeRatio = s.HedgeRatio,
            HedgeQuantity = s.HedgeQuantity,
            Leverage = s.Leverage,
            Symbol = s.Contract.Symbol,
            SettlementAsset = s.SettlementAsset,
            SpotPnl = spot,
            SpotPnlVsCost = spotVsCost,
            FuturesPnl = futures * toQuote,
            Fees = fees * toQuote,
            Funding = funding * toQuote,
            FuturesPnlInSettlement = futures,
            FeesInSettlement = fees,
            FundingInSettlement = funding,
            NetPnl = spot + hedgeTotal,
            NetPnlVsCost = spotVsCost + hedgeTotal,
            UnhedgedPnl = spot,
            UnhedgedPnlVsCost = spotVsCost,
            Exit = leg.Exit,
            ExitStep = leg.Exit == HedgeExit.None ? null : exitStep,
            ExitPrice = leg.Exit == HedgeExit.None ? null : leg.ExitPrice,
            LiquidationPrice = s.LiquidationPrice,
            StopPrice = s.StopPrice,
            InitialMargin = s.InitialMargin,
            WorstMarkPrice = worst,
            WorstUnrealizedPnl = worstUnrealized,
            MaintenanceMarginAtWorst = hedge is null ? null : MarginCalc.MaintenanceMargin(hedge, worst, s.Rule),
        };
    }
}
