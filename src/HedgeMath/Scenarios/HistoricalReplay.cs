using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using HedgeMath.Internal;

namespace HedgeMath.Scenarios;

/// <summary>Replays a <see cref="HedgePolicy"/> day by day over a real <see cref="MarketHistory"/>: spot held throughout, the hedge on the real perpetual with the real funding.</summary>
/// <remarks>
/// Day t, in order:
/// <list type="number">
/// <item>A short hedge open at the start of the day is checked against the perpetual's high: the stop (when below the
/// liquidation price) fills at the stop, or at the open if the day opened beyond it (capped at the liquidation price);
/// otherwise reaching the liquidation price liquidates it and its initial margin is lost.</item>
/// <item>A hedge that was open at the start of the day and survived it receives the day's funding on its notional at the
/// day's open (<c>h · open · Σ rates of the day</c>; positive rate: shorts receive). A hedge closed intraday receives none that day.</item>
/// <item>At the close the conditions are evaluated (data up to that close) and the hedge is opened, closed or re-opened
/// at the perpetual close with the taker fee on each trade. After a stop or liquidation the hedge is re-opened no earlier
/// than the next day's close.</item>
/// </list>
/// Equity = spot value at the spot close + realized hedge PnL + funding − fees + unrealized hedge PnL at the perpetual
/// close. Thread-safe (pure).
/// </remarks>
public static class HistoricalReplay
{
    /// <summary>Runs the replay.</summary>
    /// <param name="history">The aligned market history (at least 2 days).</param>
    /// <param name="policy">The hedge policy.</param>
    /// <param name="spotQuantity">Spot held throughout, in base units (&gt; 0).</param>
    /// <returns>Equity curves, hedged and unhedged, and their statistics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The history has fewer than 2 days.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spotQuantity"/> is not positive.</exception>
    public static ReplayResult Run(MarketHistory history, HedgePolicy policy, decimal spotQuantity)
    {
        Preconditions.NotNull(history);
        Preconditions.NotNull(policy);
        Preconditions.Positive(spotQuantity);
        int n = history.Length;
        if (n < 2) Preconditions.ThrowArgument(nameof(history), $"must have at least 2 days; got {n}");
        var raise = new bool[n];
        var remove = new bool[n];
        policy.RaiseWhen?.Evaluate(history, raise);
        policy.RemoveWhen?.Evaluate(history, remove);

        var hedged = new decimal[n];
        var unhedged = new decimal[n];
        var ratios = new decimal[n];
        decimal q = spotQuantity, fee = policy.FeeRate;
        decimal h = 0m, entry = 0m, ratio = 0m, im = 0m;
        decimal? liq = null, stop = null;
        decimal cash = 0m, fees = 0m, funding = 0m, futuresPnl = 0m;
        int trades = 0, liquidations = 0, stops = 0, daysHedged = 0, openedOn = 0;
        var spot = history.Spot; var perp = history.Perp; var dayFunding = history.DailyFunding;

        for (int t = 0; t < n; t++)
        {
            var bar = perp[t];
            bool exitedToday = false;
            if (h > 0m && t > 0)
            {
                decimal? fill = null; bool liquidated = false;
                if (stop is { } s && bar.High >= s && (liq is not { } l0 || s < l0))
                    fill = liq is { } lc ? Math.Min(Math.Max(s, bar.Open), lc) : Math.Max(s, bar.Open);
                else if (liq is { } l && bar.High >= l) liquidated = true;
                if (liquidated)
                {
                    futuresPnl -= im; cash -= im; liquidations++; trades++;
                    h = 0m; ratio = 0m; exitedToday = true;
                }
                else if (fill is { } f)
                {
                    decimal pnl = h * (entry - f), c = h * f * fee;
                    futuresPnl += pnl; cash += pnl - c; fees += c; stops++; trades++;
                    h = 0m; ratio = 0m; exitedToday = true;
                }
                else
                {
                    decimal fu = h * bar.Open * dayFunding[t];
                    funding += fu; cash += fu; daysHedged++;
                }
            }

            decimal target = remove[t] ? 0m : raise[t] ? policy.RaisedRatio : policy.DefaultRatio;
            decimal close = bar.Close;
            bool rehedgeDue = h > 0m && policy.RehedgeEveryDays > 0 && t - openedOn >= policy.RehedgeEveryDays;
            if (h > 0m && (target != ratio || rehedgeDue))
            {
                decimal pnl = h * (entry - close), c = h * close * fee;
                futuresPnl += pnl; cash += pnl - c; fees += c; trades++;
                h = 0m; ratio = 0m;
            }
            if (h == 0m && target > 0m && !exitedToday)
            {
                h = target * q; ratio = target; entry = close; openedOn = t;
                var m = policy.MarginModel.ShortHedge(h, close, policy.Leverage);
                im = m.InitialMargin; liq = m.LiquidationPrice;
                stop = policy.StopDistance is { } d ? close * (1m + d) : null;
                decimal c = h * close * fee;
                cash -= c; fees += c; trades++;
            }

            unhedged[t] = q * spot[t].Close;
            hedged[t] = unhedged[t] + cash + (h > 0m ? h * (entry - close) : 0m);
            ratios[t] = ratio;
        }
        if (h > 0m) futuresPnl += h * (entry - perp[n - 1].Close);

        return new ReplayResult
        {
            Policy = policy.ToString(),
            SpotQuantity = q,
            Dates = history.Dates,
            HedgedEquity = ImmutableCollectionsMarshal.AsImmutableArray(hedged),
            UnhedgedEquity = ImmutableCollectionsMarshal.AsImmutableArray(unhedged),
            HedgeRatios = ImmutableCollectionsMarshal.AsImmutableArray(ratios),
            Hedged = EquityStatistics.Of(hedged),
            Unhedged = EquityStatistics.Of(unhedged),
            TotalFunding = funding,
            TotalFees = fees,
            FuturesPnl = futuresPnl,
            Trades = trades,
            Liquidations = liquidations,
            StopsHit = stops,
            DaysHedged = daysHedged,
        };
    }
}

/// <summary>Statistics of one equity curve.</summary>
/// <remarks>
/// Returns are simple daily returns <c>E(t)/E(t−1) − 1</c>. Volatility is their sample standard deviation × √365
/// (crypto trades every day). Maximum drawdown is the largest fall from a running peak, as a fraction of the peak
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
    /// <summary>Annualised volatility of daily returns (√365).</summary>
    public double AnnualizedVolatility { get; private init; }

    internal static EquityStatistics Of(ReadOnlySpan<decimal> equity)
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
            AnnualizedVolatility = Math.Sqrt(variance * 365d),
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
    /// <summary>Spot held throughout.</summary>
    public decimal SpotQuantity { get; internal init; }
    /// <summary>The days.</summary>
    public ImmutableArray<DateOnly> Dates { get; internal init; }
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
    /// <summary>Funding received by the hedge over the replay (negative: paid).</summary>
    public decimal TotalFunding { get; internal init; }
    /// <summary>Fees paid on hedge trades.</summary>
    public decimal TotalFees { get; internal init; }
    /// <summary>Hedge PnL before fees and funding (realized, liquidation losses, and unrealized at the end).</summary>
    public decimal FuturesPnl { get; internal init; }
    /// <summary>Hedge trades (opens, closes, stops, liquidations).</summary>
    public int Trades { get; internal init; }
    /// <summary>Times the hedge was liquidated.</summary>
    public int Liquidations { get; internal init; }
    /// <summary>Times the hedge's stop was hit.</summary>
    public int StopsHit { get; internal init; }
    /// <summary>Days on which a hedge was held through the day.</summary>
    public int DaysHedged { get; internal init; }

    /// <summary>A text table comparing the hedged and unhedged curves.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"Replay {Dates[0]:yyyy-MM-dd} .. {Dates[^1]:yyyy-MM-dd} ({Dates.Length} days), {SpotQuantity} spot; policy: {Policy}"));
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
        Row("Days hedged", DaysHedged.ToString(inv), "-");
        return sb.ToString();
    }
}
