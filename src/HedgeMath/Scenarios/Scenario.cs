using HedgeMath.Engine;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>Evaluates a <see cref="ScenarioSetup"/> at a price or along a price path.</summary>
/// <remarks>
/// Rules (documented in docs/scenarios.md):
/// <list type="bullet">
/// <item>The hedge is a short entered at the decision price; it is closed at the end (taker fee on open and close).</item>
/// <item>Stop before liquidation: when the stop is below the liquidation price (or there is none) and the price
/// reaches it, the hedge is stopped; otherwise, when the price reaches the liquidation price, it is liquidated and
/// its isolated margin is lost. After either, the spot is unhedged for the rest of the path.</item>
/// <item><see cref="AtPrice"/> treats the move as one continuous move at the start of the holding period: a stop
/// fills at the stop price, and a hedge that survives earns funding on its entry notional for the whole period.</item>
/// <item><see cref="AlongPath"/> checks the hedge at each price of the path (discrete monitoring): a stop fills at
/// the first path price at or beyond it (capped at the liquidation price), and funding for step t is paid on the
/// notional at that step's price if the hedge is still open after the check.</item>
/// </list>
/// Thread-safe (pure functions).
/// </remarks>
public static class Scenario
{
    /// <summary>The result of moving straight to <paramref name="price"/> and holding for <paramref name="holdingDays"/>.</summary>
    /// <param name="setup">The holding and its hedge.</param>
    /// <param name="price">The price at the end (&gt; 0).</param>
    /// <param name="holdingDays">Holding period in days (≥ 0), for funding.</param>
    /// <param name="fundingRatePerInterval">Funding rate per interval (fraction; positive: longs pay shorts), in (−1, 1).</param>
    /// <param name="intervalsPerDay">Funding intervals per day (Binance BTCUSDT: 3), ≥ 1.</param>
    /// <returns>The scenario result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range.</exception>
    public static ScenarioResult AtPrice(ScenarioSetup setup, decimal price, int holdingDays = 0,
        decimal fundingRatePerInterval = 0m, int intervalsPerDay = 3)
    {
        Preconditions.NotNull(setup);
        Preconditions.Positive(price);
        Preconditions.NonNegative(holdingDays);
        Preconditions.InRange(fundingRatePerInterval, -0.999999m, 0.999999m);
        Preconditions.Positive(intervalsPerDay);
        decimal periodRate = fundingRatePerInterval * intervalsPerDay * holdingDays;
        var (exit, exitPrice) = ExitAtPrice(setup.HedgeQuantity, price, setup.LiquidationPrice, setup.StopPrice);
        decimal funding = exit == HedgeExit.None ? setup.HedgeQuantity * setup.DecisionPrice * periodRate : 0m;
        decimal worst = exit != HedgeExit.None ? exitPrice : Math.Max(setup.DecisionPrice, price);
        return Settle(setup, price, 0, exit, exit == HedgeExit.None ? null : 0, exitPrice, funding, worst);
    }

    /// <summary>The result of following <paramref name="prices"/> step by step from the decision price.</summary>
    /// <param name="setup">The holding and its hedge.</param>
    /// <param name="prices">The price after each step (at least one; every price &gt; 0). The last is the end price.</param>
    /// <param name="fundingRates">Funding rate for each step (same length as <paramref name="prices"/>), or null for none.</param>
    /// <returns>The scenario result, with the step at which the hedge was stopped or liquidated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="setup"/> or <paramref name="prices"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prices"/> is empty, or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive.</exception>
    public static ScenarioResult AlongPath(ScenarioSetup setup, IReadOnlyList<decimal> prices, IReadOnlyList<decimal>? fundingRates = null)
    {
        Preconditions.NotNull(setup);
        Preconditions.NotNull(prices);
        if (prices.Count == 0) Preconditions.ThrowArgument(nameof(prices), "must contain at least one price");
        if (fundingRates is not null) Preconditions.SameLength(fundingRates.Count, prices.Count, nameof(fundingRates), nameof(prices));
        for (int i = 0; i < prices.Count; i++)
            if (prices[i] <= 0m) Preconditions.ThrowOutOfRange(nameof(prices), prices[i], $"must contain only prices greater than 0 (index {i})");

        decimal h = setup.HedgeQuantity;
        decimal? liq = setup.LiquidationPrice, stop = setup.StopPrice;
        var exit = HedgeExit.None;
        int? exitStep = null;
        decimal exitPrice = 0m, funding = 0m, worst = setup.DecisionPrice;
        for (int t = 0; t < prices.Count; t++)
        {
            decimal p = prices[t];
            if (exit != HedgeExit.None || h == 0m) break;
            var (e, fill) = ExitOnObservedPrice(p, liq, stop);
            if (e != HedgeExit.None)
            {
                exit = e; exitPrice = fill; exitStep = t + 1;
                worst = Math.Max(worst, fill);
                break;
            }
            worst = Math.Max(worst, p);
            if (fundingRates is not null) funding += h * p * fundingRates[t];
        }
        return Settle(setup, prices[^1], prices.Count, exit, exitStep, exitPrice, funding, worst);
    }

    /// <summary>Exit of a short hedge when the price moves continuously from entry to <paramref name="price"/>.</summary>
    internal static (HedgeExit Exit, decimal Fill) ExitAtPrice(decimal hedgeQuantity, decimal price, decimal? liq, decimal? stop)
    {
        if (hedgeQuantity == 0m) return (HedgeExit.None, 0m);
        if (stop is { } s && price >= s && (liq is not { } l0 || s < l0)) return (HedgeExit.Stopped, s);
        if (liq is { } l && price >= l) return (HedgeExit.Liquidated, l);
        return (HedgeExit.None, 0m);
    }

    /// <summary>Exit of an open short hedge when the observed price is <paramref name="price"/> (discrete monitoring).</summary>
    internal static (HedgeExit Exit, decimal Fill) ExitOnObservedPrice(decimal price, decimal? liq, decimal? stop)
    {
        if (stop is { } s && price >= s && (liq is not { } l0 || s < l0)) return (HedgeExit.Stopped, liq is { } lc ? Math.Min(price, lc) : price);
        if (liq is { } l && price >= l) return (HedgeExit.Liquidated, l);
        return (HedgeExit.None, 0m);
    }

    /// <summary>The one place PnL, fees and net are put together (shared by the exact grid).</summary>
    internal static ScenarioResult Settle(ScenarioSetup s, decimal price, int steps, HedgeExit exit, int? exitStep,
        decimal exitPrice, decimal funding, decimal worst)
    {
        decimal q = s.SpotQuantity, h = s.HedgeQuantity, p0 = s.DecisionPrice;
        decimal spot = q * (price - p0);
        decimal spotVsCost = q * (price - s.CostBasis);
        decimal futures, fees;
        if (h == 0m) { futures = 0m; fees = 0m; worst = p0; }
        else
        {
            fees = h * p0 * s.FeeRate;
            switch (exit)
            {
                case HedgeExit.Liquidated:
                    futures = -s.Margin.InitialMargin;
                    break;
                case HedgeExit.Stopped:
                    futures = h * (p0 - exitPrice);
                    fees += h * exitPrice * s.FeeRate;
                    break;
                default:
                    futures = h * (p0 - price);
                    fees += h * price * s.FeeRate;
                    break;
            }
        }
        decimal hedgeTotal = futures - fees + funding;
        decimal worstUnrealized = h * (p0 - worst);
        return new ScenarioResult
        {
            Price = price,
            Steps = steps,
            SpotQuantity = q,
            CostBasis = s.CostBasis,
            DecisionPrice = p0,
            HedgeRatio = s.HedgeRatio,
            HedgeQuantity = h,
            Leverage = s.Leverage,
            SpotPnl = spot,
            SpotPnlVsCost = spotVsCost,
            FuturesPnl = futures,
            Fees = fees,
            Funding = funding,
            NetPnl = spot + hedgeTotal,
            NetPnlVsCost = spotVsCost + hedgeTotal,
            UnhedgedPnl = spot,
            UnhedgedPnlVsCost = spotVsCost,
            Exit = exit,
            ExitStep = exit == HedgeExit.None ? null : exitStep,
            ExitPrice = exit == HedgeExit.None ? null : exitPrice,
            LiquidationPrice = s.LiquidationPrice,
            StopPrice = s.StopPrice,
            InitialMargin = s.Margin.InitialMargin,
            WorstMarkPrice = worst,
            WorstUnrealizedPnl = worstUnrealized,
            MaintenanceMarginAtWorst = h > 0m && s.MarginModel is { } m ? m.MaintenanceMargin(h, p0, s.Leverage, worst) : null,
        };
    }
}
