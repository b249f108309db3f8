using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>Which series a replay takes as the mark price (the price stops watch and liquidation is checked on).</summary>
public enum MarkPriceSource
{
    /// <summary>
    /// The spot candles (default). Exchanges liquidate on a mark price that follows an index of spot prices on several
    /// exchanges (Binance "Mark Price": median of the index price plus a funding basis, and the last price); the
    /// shipped data has no index history, and one exchange's spot OHLC is its nearest proxy.
    /// </summary>
    Spot = 1,
    /// <summary>The perpetual's own last-price candles: wicks of the perpetual alone can liquidate (more conservative; not how exchanges do it).</summary>
    Last = 2,
}

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

/// <summary>Statistics of one equity curve.</summary>
/// <remarks>
/// Returns are simple returns from bar to bar <c>E(t)/E(t−1) − 1</c> (daily for daily data). Volatility is their sample
/// standard deviation × √(bars in 365 days): √365 for daily bars (crypto trades every day), √8760 for hourly ones. Maximum drawdown is the largest fall from a running peak, as a fraction of the peak
/// (Magdon-Ismail &amp; Atiya 2004). Immutable and thread-safe.
/// </remarks>
public sealed class EquityStatistics
{
    private EquityStatistics() { }

    /// <summary>Equity at the start (quote asset).</summary>
    public decimal StartEquity { get; private init; }
    /// <summary>Equity at the end.</summary>
    public decimal FinalEquity { get; private init; }
    /// <summary><c>Final / Start − 1</c>.</summary>
    public decimal TotalReturn { get; private init; }
    /// <summary>Largest peak-to-trough fall as a fraction of the peak (positive).</summary>
    public double MaxDrawdown { get; private init; }
    /// <summary>Annualised volatility of the bar returns (× √365 for daily bars, √(bars in 365 days) otherwise).</summary>
    public double AnnualizedVolatility { get; private init; }

    internal static EquityStatistics Of(ReadOnlySpan<decimal> equity, double barsPerYear = 365d)
    {
        double peak = (double)equity[0], maxDd = 0d, sum = 0d, sumSq = 0d;
        int n = equity.Length;
        double prev = (double)equity[0];
        for (int i = 1; i < n; i++)
        {
            double e = (double)equity[i];
            double r = e / prev - 1d;
            sum += r; sumSq += r * r;
            prev = e;
            if (e > peak) peak = e;
            else maxDd = Math.Max(maxDd, (peak - e) / peak);
        }
        int m = n - 1;
        double mean = sum / m;
        double variance = m > 1 ? Math.Max(0d, (sumSq - m * mean * mean) / (m - 1)) : 0d;
        return new EquityStatistics
        {
            StartEquity = equity[0],
            FinalEquity = equity[^1],
            TotalReturn = equity[^1] / equity[0] - 1m,
            MaxDrawdown = maxDd,
            AnnualizedVolatility = Math.Sqrt(variance * barsPerYear),
        };
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "start {0:#,##0.00}, final {1:#,##0.00}, return {2:P1}, max drawdown {3:P1}, volatility {4:P1}", StartEquity, FinalEquity, TotalReturn, MaxDrawdown, AnnualizedVolatility);
}

/// <summary>The outcome of a historical replay: equity curves hedged and unhedged and what the hedge cost and earned.</summary>
/// <remarks>Money in the quote asset. Immutable and thread-safe.</remarks>
public sealed class ReplayResult
{
    internal ReplayResult() { }

    /// <summary>The policy replayed (its description).</summary>
    public string Policy { get; internal init; } = "";
    /// <summary>The mark price source used for stops and liquidation.</summary>
    public MarkPriceSource MarkSource { get; internal init; }
    /// <summary>The hedge's settlement asset (USDT for linear, the coin for inverse).</summary>
    public string SettlementAsset { get; internal init; } = "";
    /// <summary>The quote asset of the equity curves (USDT or USD).</summary>
    public string QuoteAsset { get; internal init; } = "";
    /// <summary><see cref="FuturesPnl"/> in the settlement asset.</summary>
    public decimal FuturesPnlInSettlement { get; internal init; }
    /// <summary><see cref="TotalFees"/> in the settlement asset.</summary>
    public decimal FeesInSettlement { get; internal init; }
    /// <summary><see cref="TotalFunding"/> in the settlement asset.</summary>
    public decimal FundingInSettlement { get; internal init; }
    /// <summary>Partial closes by the drop rule.</summary>
    public int PartialCloses { get; internal init; }
    /// <summary>The sum of the lot rounding of every trade (filled − asked, ≤ 0), in contract units.</summary>
    public decimal LotRounding { get; internal init; }
    /// <summary>Spot held throughout.</summary>
    public decimal SpotQuantity { get; internal init; }
    /// <summary>The UTC date of each bar (the days, for daily data).</summary>
    public ImmutableArray<DateOnly> Dates { get; internal init; }
    /// <summary>The bar interval of the history replayed (one day for daily data).</summary>
    public TimeSpan Interval { get; internal init; }
    /// <summary>The UTC time each bar opens (as <see cref="MarketHistory.Times"/>).</summary>
    public ImmutableArray<DateTimeOffset> Times { get; internal init; }
    /// <summary>Hedged equity at each close.</summary>
    public ImmutableArray<decimal> HedgedEquity { get; internal init; }
    /// <summary>Unhedged equity (spot value) at each close.</summary>
    public ImmutableArray<decimal> UnhedgedEquity { get; internal init; }
    /// <summary>Hedge ratio held after each close.</summary>
    public ImmutableArray<decimal> HedgeRatios { get; internal init; }
    /// <summary>Statistics of the hedged curve.</summary>
    public EquityStatistics Hedged { get; internal init; } = null!;
    /// <summary>Statistics of the unhedged curve.</summary>
    public EquityStatistics Unhedged { get; internal init; } = null!;
    /// <summary>Funding received by the hedge over the replay (negative: paid), quote asset (an inverse hedge's coin at the last perpetual close, like its PnL and fees: the coin stays in the wallet).</summary>
    public decimal TotalFunding { get; internal init; }
    /// <summary>Fees paid on hedge trades (quote asset; an inverse hedge's coin at the last close).</summary>
    public decimal TotalFees { get; internal init; }
    /// <summary>Hedge PnL before fees and funding (realized, liquidation losses, and unrealized at the end).</summary>
    public decimal FuturesPnl { get; internal init; }
    /// <summary>Hedge trades (opens, closes, stops, liquidations).</summary>
    public int Trades { get; internal init; }
    /// <summary>Times the hedge was liquidated.</summary>
    public int Liquidations { get; internal init; }
    /// <summary>Times the hedge's stop was hit.</summary>
    public int StopsHit { get; internal init; }
    /// <summary>Bars on which a hedge was held through the bar (days, for daily data).</summary>
    public int DaysHedged { get; internal init; }

    /// <summary>A text table comparing the hedged and unhedged curves.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        bool daily = Interval == TimeSpan.FromDays(1);
        string span = daily
            ? FormattableString.Invariant($"{Dates[0]:yyyy-MM-dd} .. {Dates[^1]:yyyy-MM-dd} ({Dates.Length} days)")
            : FormattableString.Invariant($"{Times[0]:yyyy-MM-dd HH:mm} .. {Times[^1]:yyyy-MM-dd HH:mm} UTC ({Times.Length} {Candle.IntervalName(Interval)} bars)");
        sb.AppendLine(FormattableString.Invariant($"Replay {span}, {SpotQuantity} spot; policy: {Policy}; mark: {MarkSource}; money in {QuoteAsset}"));
        sb.AppendLine("Metric                 Hedged           Unhedged");
        sb.AppendLine("---------------------  ---------------  ---------------");
        void Row(string k, string a, string b) => sb.AppendLine(k.PadRight(21) + "  " + a.PadLeft(15) + "  " + b.PadLeft(15));
        Row("Final equity", Hedged.FinalEquity.ToString("#,##0.00", inv), Unhedged.FinalEquity.ToString("#,##0.00", inv));
        Row("Total return", Hedged.TotalReturn.ToString("P1", inv), Unhedged.TotalReturn.ToString("P1", inv));
        Row("Max drawdown", Hedged.MaxDrawdown.ToString("P1", inv), Unhedged.MaxDrawdown.ToString("P1", inv));
        Row("Volatility (ann.)", Hedged.AnnualizedVolatility.ToString("P1", inv), Unhedged.AnnualizedVolatility.ToString("P1", inv));
        Row("Hedge PnL (gross)", FuturesPnl.ToString("#,##0.00", inv), "-");
        Row("Funding received", TotalFunding.ToString("#,##0.00", inv), "-");
        Row("Fees", TotalFees.ToString("#,##0.00", inv), "-");
        Row("Trades", Trades.ToString(inv), "-");
        Row("Liquidations", Liquidations.ToString(inv), "-");
        Row("Stops hit", StopsHit.ToString(inv), "-");
        Row("Partial closes", PartialCloses.ToString(inv), "-");
        Row(daily ? "Days hedged" : "Bars hedged", DaysHedged.ToString(inv), "-");
        return sb.ToString();
    }
}
