using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

// The setup's outcomes: at a price (AtPrice) or along a price path (AlongPath), on the hedge engine. The rules are in
// the class's remarks (ScenarioSetup.cs) and docs/scenarios.md.
public sealed partial class ScenarioSetup
{
    /// <summary>The result of the straight move from the decision price to <paramref name="price"/> over the holding period of <paramref name="funding"/>.</summary>
    /// <param name="price">The price at the end (&gt; 0).</param>
    /// <param name="funding">Funding in or out; <see cref="FundingTerms.None"/> (an instant move) when null.</param>
    /// <returns>The scenario result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="price"/> is so large that the outcome overflows decimal.</exception>
    public ScenarioResult AtPrice(decimal price, FundingTerms? funding = null) => AtPriceOnPath(price, funding, null);

    /// <summary><see cref="AtPrice(decimal, FundingTerms?)"/> with the print prices of the path shared with other setups (the grid).</summary>
    internal ScenarioResult AtPriceOnPath(decimal price, FundingTerms? funding, StraightPrints? prints)
    {
        Preconditions.Positive(price);
        try
        {
            var book = Book.MoveStraightRoute(DecisionPrice, price, funding ?? FundingTerms.None, null, printByPrint: false, prints);
            var leg = book.Legs[0];
            decimal worst = leg.Exit != HedgeExit.None ? leg.ExitPrice!.Value : Math.Max(DecisionPrice, price);
            return Settle(leg, price, 0, leg.Exit == HedgeExit.None ? null : 0, worst);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(price), price, ex); throw; }
    }

    /// <summary>The result of following close prices step by step from the decision price (a straight line between closes).</summary>
    /// <param name="prices">The price after each step (at least one; every price &gt; 0). The last is the end price.</param>
    /// <param name="fundingRates">Funding rate of each step (same length as <paramref name="prices"/>), paid at the step's price by a hedge open after the step; null for none.</param>
    /// <returns>The scenario result, with the step at which the hedge was stopped or liquidated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prices"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prices"/> is empty, or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive or a rate is outside (−1, 1).</exception>
    public ScenarioResult AlongPath(IReadOnlyList<decimal> prices, IReadOnlyList<decimal>? fundingRates = null)
    {
        Preconditions.NotNull(prices);
        if (prices.Count == 0) Preconditions.ThrowArgument(nameof(prices), "must contain at least one price");
        for (int i = 0; i < prices.Count; i++)
            if (prices[i] <= 0m) Preconditions.ThrowOutOfRange(nameof(prices), prices[i], $"must contain only prices greater than 0 (index {i})");
        var bars = new PriceBar[prices.Count];
        decimal prev = DecisionPrice;
        var t0 = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < bars.Length; i++)
        {
            decimal p = prices[i];
            bars[i] = PriceBar.Unchecked(t0.AddDays(i + 1), prev, Math.Max(prev, p), Math.Min(prev, p), p);
            prev = p;
        }
        return Run(bars, fundingRates, nameof(fundingRates), nameof(prices));
    }

    /// <summary>The result of following price bars (open, high, low, close of each step, mark = last unless given) from the decision price.</summary>
    /// <param name="bars">The steps (at least one). Stops and liquidation are checked against each bar's high and low.</param>
    /// <param name="fundingRates">Funding rate of each step (same length), paid at the step's mark close by a hedge still open; null for none.</param>
    /// <returns>The scenario result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bars"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bars"/> is empty, contains a default bar, or the lengths differ.</exception>
    public ScenarioResult AlongPath(IReadOnlyList<PriceBar> bars, IReadOnlyList<decimal>? fundingRates = null)
    {
        Preconditions.NotNull(bars);
        if (bars.Count == 0) Preconditions.ThrowArgument(nameof(bars), "must contain at least one bar");
        for (int i = 0; i < bars.Count; i++)
            if (bars[i].Low <= 0m) Preconditions.ThrowArgument(nameof(bars), $"must contain only bars with prices (index {i} is a default bar)");
        return Run(bars, fundingRates, nameof(fundingRates), nameof(bars));
    }

    private ScenarioResult Run(IReadOnlyList<PriceBar> bars, IReadOnlyList<decimal>? rates, string ratesName, string barsName)
    {
        if (rates is not null)
        {
            Preconditions.SameLength(rates.Count, bars.Count, ratesName, barsName);
            for (int i = 0; i < rates.Count; i++)
                if (!Preconditions.IsFundingRate(rates[i])) Preconditions.ThrowOutOfRange(ratesName, rates[i], $"must contain only rates in (-1, 1) (index {i})");
        }
        var book = Book;
        decimal worst = DecisionPrice;
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
        return Settle(book.Legs[0], bars[^1].Close, bars.Count, exitStep, worst);
    }

    /// <summary>The one place a scenario's figures are put together from the engine's leg.</summary>
    private ScenarioResult Settle(BookLeg leg, decimal price, int steps, int? exitStep, decimal worst)
    {
        decimal q = SpotQuantity, p0 = DecisionPrice;
        decimal spot = q * (price - p0);
        decimal spotVsCost = q * (price - CostBasis);
        decimal futures = leg.RealizedPnl, fees = leg.Fees, funding = leg.Funding;
        var hedge = Hedge;
        if (leg.Position is { } open)
        {
            futures += open.UnrealizedPnl(price);
            fees += open.CloseFee(price);
        }
        if (hedge is null) worst = p0;
        decimal toQuote = Contract.Type == ContractType.Linear ? 1m : price;
        decimal hedgeTotal = (futures - fees + funding) * toQuote;
        decimal worstUnrealized = hedge is null ? 0m : hedge.UnrealizedPnl(worst);
        return new ScenarioResult
        {
            Price = price,
            Steps = steps,
            SpotQuantity = q,
            CostBasis = CostBasis,
            DecisionPrice = p0,
            HedgeRatio = HedgeRatio,
            HedgeQuantity = HedgeQuantity,
            Leverage = Leverage,
            Symbol = Contract.Symbol,
            SettlementAsset = SettlementAsset,
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
            LiquidationPrice = LiquidationPrice,
            StopPrice = StopPrice,
            InitialMargin = InitialMargin,
            WorstMarkPrice = worst,
            WorstUnrealizedPnl = worstUnrealized,
            MaintenanceMarginAtWorst = hedge is null ? null : MarginCalc.MaintenanceMargin(hedge, worst, Rule),
        };
    }
}
