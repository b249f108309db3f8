using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Scenarios;

/// <summary>Spot and perpetual candles of one interval (daily, hourly, 8-hourly, … 1 minute .. 1 week) and the funding of each bar, aligned on the same UTC timestamps, for replays and bootstraps.</summary>
/// <remarks>
/// The funding of a bar is the sum of the prints whose UTC time falls in it, <c>[Timestamp, Timestamp + Interval)</c>
/// (Binance BTCUSDT: 00:00, 08:00 and 16:00; with daily bars a day has three, with 8-hour or shorter bars aligned on the
/// hour a print falls on the open of the bar that starts at its time). Creation validates that both candle series have
/// the same uniform interval, that both have every bar of the window at the same timestamps, and that the funding
/// series covers the window. Counts that other types give "in days" (conditions' lookbacks, re-hedge periods, the
/// bootstrap's block length) are bars of this history; for daily candles bars are days. Immutable and thread-safe.
/// </remarks>
public sealed class MarketHistory
{
    private readonly double[] _spotClose;

    private MarketHistory(TimeSpan interval, ImmutableArray<DateTimeOffset> times, ImmutableArray<DateOnly> dates, ImmutableArray<Candle> spot, ImmutableArray<Candle> perp, ImmutableArray<decimal> funding, ImmutableArray<int> prints)
    {
        Interval = interval; Times = times;
        Dates = dates; Spot = spot; Perp = perp; DailyFunding = funding; FundingPrints = prints;
        _spotClose = new double[spot.Length];
        for (int i = 0; i < spot.Length; i++) _spotClose[i] = (double)spot[i].Close;
    }

    /// <summary>The candles' interval (1 day for daily data).</summary>
    public TimeSpan Interval { get; }
    /// <summary>The UTC time each bar opens, ascending, <see cref="Interval"/> apart.</summary>
    public ImmutableArray<DateTimeOffset> Times { get; }
    /// <summary>The UTC day each bar opens: consecutive days for daily data; intraday bars of one day share it.</summary>
    public ImmutableArray<DateOnly> Dates { get; }
    /// <summary>Spot candles, one per bar.</summary>
    public ImmutableArray<Candle> Spot { get; }
    /// <summary>Perpetual futures candles, one per bar.</summary>
    public ImmutableArray<Candle> Perp { get; }
    /// <summary>Funding rate summed over each bar's prints (fraction; positive: longs pay shorts) — for daily data the day's prints (the name predates intraday histories).</summary>
    public ImmutableArray<decimal> DailyFunding { get; }
    /// <summary>Number of funding prints in each bar.</summary>
    public ImmutableArray<int> FundingPrints { get; }
    /// <summary>Number of bars (days for daily data).</summary>
    public int Length => Dates.Length;
    /// <summary>Spot closes as doubles (for conditions and statistics).</summary>
    public ReadOnlySpan<double> SpotCloses => _spotClose;

    /// <summary>Aligns spot and perpetual candles of one interval and funding prints on the bars of a window of UTC days.</summary>
    /// <param name="spot">Spot candles (ascending), all of one interval.</param>
    /// <param name="perp">Perpetual candles (ascending), of the same interval as <paramref name="spot"/>, opening at the same times.</param>
    /// <param name="funding">Funding prints (ascending).</param>
    /// <param name="from">First day (the window starts at its 00:00 UTC); default the first bar both candle series have.</param>
    /// <param name="to">Last day (the window ends at the next day's 00:00 UTC); default the last bar both candle series have.</param>
    /// <returns>The aligned history.</returns>
    /// <exception cref="ArgumentNullException">A series is null.</exception>
    /// <exception cref="ArgumentException">A series is empty; a candle's interval differs from the first spot candle's (the
    /// message names the row); the perpetual's bars open at other times than the spot's; a series misses a bar of the
    /// window (the message names its time); or the funding does not cover the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window is empty or reaches beyond the data.</exception>
    public static MarketHistory Align(IReadOnlyList<Candle> spot, IReadOnlyList<Candle> perp, IReadOnlyList<FundingEvent> funding,
        DateOnly? from = null, DateOnly? to = null)
    {
        Preconditions.NotNull(spot);
        Preconditions.NotNull(perp);
        Preconditions.NotNull(funding);
        if (spot.Count == 0) Preconditions.ThrowArgument(nameof(spot), "must contain at least one candle");
        if (perp.Count == 0) Preconditions.ThrowArgument(nameof(perp), "must contain at least one candle");
        if (funding.Count == 0) Preconditions.ThrowArgument(nameof(funding), "must contain at least one funding print");
        var interval = spot[0].Interval;
        CheckUniform(spot, interval, nameof(spot), "the first spot candle's");
        CheckUniform(perp, interval, nameof(perp), "the spot candles'");
        if ((perp[0].Timestamp - spot[0].Timestamp).Ticks % interval.Ticks != 0)
            Preconditions.ThrowArgument(nameof(perp), FormattableString.Invariant(
                $"row 0 opens at {perp[0].Timestamp:yyyy-MM-ddTHH:mm:ssZ}, not on the spot bars' {Candle.IntervalName(interval)} grid (spot row 0 opens at {spot[0].Timestamp:yyyy-MM-ddTHH:mm:ssZ}): align the series by timestamp"));
        var first = Max(spot[0].Timestamp, perp[0].Timestamp);
        var lastEnd = Min(spot[^1].CloseTime, perp[^1].CloseTime);
        if (lastEnd <= first)
            Preconditions.ThrowArgument(nameof(perp), FormattableString.Invariant(
                $"covers {perp[0].Timestamp:yyyy-MM-ddTHH:mm:ssZ} .. {perp[^1].CloseTime:yyyy-MM-ddTHH:mm:ssZ}, which does not overlap the spot series ({spot[0].Timestamp:yyyy-MM-ddTHH:mm:ssZ} .. {spot[^1].CloseTime:yyyy-MM-ddTHH:mm:ssZ})"));
        DateOnly firstDay = DateOnly.FromDateTime(first.UtcDateTime), lastDay = DateOnly.FromDateTime((lastEnd - interval).UtcDateTime);
        DateOnly fromDay = from ?? firstDay, toDay = to ?? lastDay;
        if (fromDay < firstDay) Preconditions.ThrowOutOfRange(nameof(from), fromDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"is before the data both candle series cover ({firstDay:yyyy-MM-dd} .. {lastDay:yyyy-MM-dd}): the window is longer than the data");
        if (toDay > lastDay) Preconditions.ThrowOutOfRange(nameof(to), toDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"is after the data both candle series cover ({firstDay:yyyy-MM-dd} .. {lastDay:yyyy-MM-dd}): the window is longer than the data");
        if (toDay < fromDay) Preconditions.ThrowOutOfRange(nameof(to), toDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"must not be before from ({fromDay:yyyy-MM-dd})");
        // The window: the bars on the spot grid that open on the days fromDay .. toDay and within the data.
        var start = first;
        if (Midnight(fromDay) > first) start = first + TimeSpan.FromTicks(((Midnight(fromDay) - first).Ticks + interval.Ticks - 1) / interval.Ticks * interval.Ticks);
        var end = toDay == DateOnly.MaxValue ? lastEnd : Min(Midnight(toDay.AddDays(1)), lastEnd);
        long bars = end > start ? ((end - start).Ticks + interval.Ticks - 1) / interval.Ticks : 0;
        if (bars == 0) Preconditions.ThrowOutOfRange(nameof(to), toDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"leaves no {Candle.IntervalName(interval)} bar between from ({fromDay:yyyy-MM-dd}) and the end of to");
        int n = (int)Math.Min(bars, spot.Count + 1L); // more bars than spot rows: Slice names the first missing one
        DateOnly startDay = DateOnly.FromDateTime(start.UtcDateTime), endDay = DateOnly.FromDateTime((start + n * interval - interval).UtcDateTime);
        var fStart = DateOnly.FromDateTime(funding[0].Time.UtcDateTime);
        var fEnd = DateOnly.FromDateTime(funding[^1].Time.UtcDateTime);
        if (fStart > startDay || fEnd < endDay)
            Preconditions.ThrowArgument(nameof(funding), $"covers {fStart:yyyy-MM-dd} .. {fEnd:yyyy-MM-dd} but must cover the whole window {startDay:yyyy-MM-dd} .. {endDay:yyyy-MM-dd}");

        var s = Slice(spot, start, interval, n, nameof(spot));
        var p = Slice(perp, start, interval, n, nameof(perp));
        var fr = new decimal[n];
        var c = new int[n];
        foreach (var e in funding)
        {
            if (e.Time < start) continue;
            long d = (e.Time - start).Ticks / interval.Ticks;
            if (d < n) { fr[d] += e.Rate; c[d]++; }
        }
        var times = ImmutableArray.CreateBuilder<DateTimeOffset>(n);
        var dates = ImmutableArray.CreateBuilder<DateOnly>(n);
        for (int i = 0; i < n; i++) { times.Add(s[i].Timestamp); dates.Add(s[i].Date); }
        return new MarketHistory(interval, times.MoveToImmutable(), dates.MoveToImmutable(), s, p, fr.ToImmutableArray(), c.ToImmutableArray());
    }

    /// <summary>Log returns of the spot close from bar to bar (bar i → i + 1; daily returns for daily data), as doubles; length <see cref="Length"/> − 1.</summary>
    /// <returns>A new array.</returns>
    public double[] SpotLogReturns()
    {
        var r = new double[Math.Max(0, Length - 1)];
        for (int i = 0; i < r.Length; i++) r[i] = Math.Log(_spotClose[i + 1] / _spotClose[i]);
        return r;
    }

    /// <summary>The realized volatility of the spot, annualized: the sample standard deviation of <see cref="SpotLogReturns"/>
    /// (divided by n − 1) × √(bars in 365 days) — √365 for daily bars, crypto trading every day of the year. It is the σ a
    /// <see cref="PricePathModel.Gbm"/> model fitted to this history takes.</summary>
    /// <returns>The annualized volatility as a fraction (0.6 = 60 %).</returns>
    /// <exception cref="InvalidOperationException">The history has fewer than 3 bars (fewer than 2 returns: no sample deviation).</exception>
    public double RealizedVolatility()
    {
        if (Length < 3) throw new InvalidOperationException($"The realized volatility needs at least 3 bars (2 returns); this history has {Length}.");
        var r = SpotLogReturns();
        double mean = 0d;
        foreach (var x in r) mean += x;
        mean /= r.Length;
        double ss = 0d;
        foreach (var x in r) ss += (x - mean) * (x - mean);
        double barsPerYear = TimeSpan.FromDays(365).Ticks / (double)Interval.Ticks;
        return Math.Sqrt(ss / (r.Length - 1) * barsPerYear);
    }

    /// <summary>Funding of the bar each spot log return ends on (aligned with <see cref="SpotLogReturns"/>), as doubles.</summary>
    /// <returns>A new array.</returns>
    public double[] FundingOfReturnDays()
    {
        var r = new double[Math.Max(0, Length - 1)];
        for (int i = 0; i < r.Length; i++) r[i] = (double)DailyFunding[i + 1];
        return r;
    }

    /// <summary>A bootstrap model (<see cref="PricePathModel.Bootstrap"/>) over this history's spot returns with the funding of the same days.</summary>
    /// <param name="blockLength">Block length in days, in [1, Length − 1].</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockLength"/> is out of range (longer than the data).</exception>
    /// <exception cref="InvalidOperationException">The history is not daily (the model's steps are days): resample the candles to 1 day first.</exception>
    public PricePathModel Bootstrap(int blockLength)
    {
        if (Interval != TimeSpan.FromDays(1))
            throw new InvalidOperationException($"The bootstrap model steps in days but this history has {Candle.IntervalName(Interval)} bars: align daily candles (Candle.Resample(candles, TimeSpan.FromDays(1))) for it.");
        return BootstrapPathModel.Create(SpotLogReturns(), FundingOfReturnDays(), blockLength);
    }

    /// <summary>The funding prints summed per UTC day (days without a print are skipped), as doubles — a sample for <see cref="PricePathModel.Gbm"/>.</summary>
    /// <param name="funding">Funding prints (ascending).</param>
    /// <returns>The daily totals in day order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="funding"/> is null.</exception>
    public static ImmutableArray<double> DailyFundingTotals(IReadOnlyList<FundingEvent> funding)
    {
        Preconditions.NotNull(funding);
        var b = ImmutableArray.CreateBuilder<double>();
        DateOnly? day = null; decimal sum = 0m;
        foreach (var e in funding)
        {
            var d = DateOnly.FromDateTime(e.Time.UtcDateTime);
            if (day is { } cur && d != cur) { b.Add((double)sum); sum = 0m; }
            day = d; sum += e.Rate;
        }
        if (day is not null) b.Add((double)sum);
        return b.ToImmutable();
    }

    private static void CheckUniform(IReadOnlyList<Candle> series, TimeSpan interval, string name, string whose)
    {
        for (int i = 0; i < series.Count; i++)
            if (series[i].Interval != interval)
                Preconditions.ThrowArgument(name, FormattableString.Invariant(
                    $"row {i} ({series[i].Timestamp:yyyy-MM-ddTHH:mm:ssZ}) has {Candle.IntervalName(series[i].Interval)} candles but the history's interval is {whose} {Candle.IntervalName(interval)}: resample both series to one interval with Candle.Resample"));
    }

    private static ImmutableArray<Candle> Slice(IReadOnlyList<Candle> series, DateTimeOffset start, TimeSpan interval, int n, string name)
    {
        int i0 = 0;
        while (i0 < series.Count && series[i0].Timestamp < start) i0++;
        var b = ImmutableArray.CreateBuilder<Candle>(n);
        for (int i = 0; i < n; i++)
        {
            var want = start + i * interval;
            if (i0 + i >= series.Count || series[i0 + i].Timestamp != want)
                Preconditions.ThrowArgument(name, interval == TimeSpan.FromDays(1) && want.TimeOfDay == TimeSpan.Zero
                    ? FormattableString.Invariant($"has no candle for {DateOnly.FromDateTime(want.UtcDateTime):yyyy-MM-dd}: every day of the window must be present in both series")
                    : FormattableString.Invariant($"has no candle opening at {want:yyyy-MM-ddTHH:mm:ssZ} (row {i0 + i}{(i0 + i < series.Count ? $" opens at {series[i0 + i].Timestamp:yyyy-MM-ddTHH:mm:ssZ}" : " is past the end")}): every bar of the window must be present in both series at the same times"));
            b.Add(series[i0 + i]);
        }
        return b.MoveToImmutable();
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
