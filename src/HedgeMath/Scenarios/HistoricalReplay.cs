using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>Replays a <see cref="HedgePolicy"/> bar by bar (day by day for daily candles) over a real <see cref="MarketHistory"/> on the hedge engine: spot held throughout, the hedge on the perpetual with the real funding.</summary>
/// <remarks>
/// Bar t (a day for daily candles, an hour for hourly ones, …), in order, each step the engine's (<see cref="HedgeBook"/>):
/// <list type="number">
/// <item>Funding: an open hedge settles the prints that fall in the bar, <c>[open time, open time + interval)</c>, at the
/// bar's opening mark, timestamped at the bar's open. With bars of the funding interval or shorter that start on the
/// print times (8-hour, 4-hour, hourly, … bars; Binance prints at 00:00, 08:00, 16:00 UTC) each print is its own bar's
/// and is settled at its own timestamp with the mark at that instant: the open of the bar starting at the print time
/// (not the close of the bar ending there; the two differ by the gap between bars). With daily bars the day's three
/// prints are summed and settled at the day's open mark (the 00:00 print's mark; daily data has no 08:00/16:00 marks)
/// — the daily convention. A print inside a longer bar (e.g. 08:00 in a 12-hour bar) is settled at that bar's open.</item>
/// <item>The bar's range: the mark (spot by default, see <see cref="MarkPriceSource"/>) and the perpetual's last prices,
/// with their highs and lows. The stop (on the mark) fires if the range reaches it and fills at the stop, or at the
/// perpetual's open when the bar opened beyond it; liquidation when the mark reaches the liquidation price, losing
/// the isolated margin.</item>
/// <item>At the close the conditions are evaluated (data up to that close) and the hedge is brought to the target size
/// at the perpetual close, trading only the difference (taker fee on the traded size; lot rounding as the engine does
/// it); the drop rule may close part of it. After a stop or liquidation the hedge is re-opened no earlier than the next
/// bar's close.</item>
/// </list>
/// Equity = spot value at the spot close + the hedge's realized PnL, fees and funding + its unrealized PnL at the
/// perpetual close (an inverse hedge's coin converted at the perpetual close). <see cref="HedgePolicy.RehedgeEveryDays"/>
/// is converted to bars (rounded up); the conditions' lookbacks and <see cref="ReplayResult.DaysHedged"/> count bars
/// (days for daily data); volatility is annualised with the bars in 365 days. Thread-safe (pure).
/// </remarks>
[Obsolete(Retired.HistoricalReplay)]
public static class HistoricalReplay
{
    /// <summary>Runs the replay.</summary>
    /// <param name="history">The aligned market history (at least 2 bars), of any candle interval.</param>
    /// <param name="policy">The hedge policy.</param>
    /// <param name="spotQuantity">Spot held throughout, in base units (&gt; 0).</param>
    /// <param name="mark">The mark price source: <see cref="MarkPriceSource.Spot"/> (default) or <see cref="MarkPriceSource.Last"/>.</param>
    /// <returns>Equity curves, hedged and unhedged, and their statistics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The history has fewer than 2 bars.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spotQuantity"/> is not positive or <paramref name="mark"/> is undefined.</exception>
    /// <exception cref="ArgumentException">The hedge of <paramref name="spotQuantity"/> breaks a position rule (a notional beyond the contract's tiers) or overflows decimal.</exception>
    public static ReplayResult Run(MarketHistory history, HedgePolicy policy, decimal spotQuantity, MarkPriceSource mark = MarkPriceSource.Spot)
    {
        Preconditions.NotNull(history);
        Preconditions.NotNull(policy);
        Preconditions.Positive(spotQuantity);
        Preconditions.Defined(mark);
        int n = history.Length;
        if (n < 2) Preconditions.ThrowArgument(nameof(history), $"must have at least 2 bars; got {n}");
        try { return PlanHistory.Run(history, PlanOf(history, policy, spotQuantity), mark: mark).Replay; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(history) or nameof(policy) or nameof(spotQuantity) or nameof(mark)))
        {
            // A hedge the engine cannot open or trade (a notional beyond the contract's tiers): its size comes from the spot held.
            throw Preconditions.Renamed(e, nameof(spotQuantity), spotQuantity);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(spotQuantity), spotQuantity, ex); throw; }
    }

    /// <summary>
    /// The plan a policy is: one short leg (default ratio, leverage, contract, rule; the stop distance following the entry),
    /// the removal condition as the first <see cref="RuleTrigger.While"/> rule (target 0; it wins), each level as a While
    /// rule in order, the drop rule as a <see cref="RuleTrigger.OncePerPosition"/> partial close, re-entry at the next
    /// bar. The policy's conditions are evaluated over the history once and given to the plan as series.
    /// </summary>
    internal static PlanDefinition PlanOf(MarketHistory history, HedgePolicy policy, decimal spotQuantity)
    {
        var rules = new List<PlanRule>();
        if (policy.RemoveWhen is { } remove)
            rules.Add(new PlanRule(Flags(history, remove), RuleAction.LowerTo(0m), RuleTrigger.While, "none when " + remove.Name));
        foreach (var level in policy.Levels)
        {
            var action = level.Ratio > policy.DefaultRatio ? RuleAction.RaiseTo(level.Ratio) : RuleAction.LowerTo(level.Ratio);
            rules.Add(new PlanRule(Flags(history, level.When), action, RuleTrigger.While));
        }
        if (policy.ReduceAfterDrop is { } drop)
            rules.Add(new PlanRule(PlanCondition.BelowEntry(drop.Drop), RuleAction.CloseFraction(drop.CloseFraction), RuleTrigger.OncePerPosition));
        var c = policy.Contract;
        var leg = new PlanLeg(c, policy.DefaultRatio, policy.Leverage, Side.Short, MarginMode.Isolated,
            policy.StopDistance is { } d ? LegStop.AtDistance(d) : null, rule: policy.Rule);
        return PlanDefinition.Create(policy.ToString(), [SpotHolding.Create(c.BaseAsset, spotQuantity, history.Spot[0].Close, c.QuoteAsset)], [leg], rules,
            leverageCap: policy.Leverage, afterExit: PlanReentry.NextBar, rehedgeEveryDays: policy.RehedgeEveryDays);
    }

    private static PlanCondition Flags(MarketHistory history, IHedgeCondition condition)
    {
        var flags = new bool[history.Length];
        condition.Evaluate(history, flags);
        return PlanCondition.Series(condition.Name, flags);
    }
}
