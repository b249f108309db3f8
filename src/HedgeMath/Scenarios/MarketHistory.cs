using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Scenarios;

/// <summary>Daily spot and perpetual candles and the funding of each day, aligned on the same UTC days, for replays and bootstraps.</summary>
/// <remarks>
/// Funding of a day is the sum of the prints whose UTC time falls on that day (Binance BTCUSDT: 00:00, 08:00 and
/// 16:00). Creation validates that both candle series have every day of the window and that the funding series
/// covers it. Immutable and thread-safe.
/// </remarks>
public sealed class MarketHistory
{
    private readonly double[] _spotClose;

    private MarketHistory(ImmutableArray<DateOnly> dates, ImmutableArray<Candle> spot, ImmutableArray<Candle> perp, ImmutableArray<decimal> funding, ImmutableArray<int> prints)
    {
        Dates = dates; Spot = spot; Perp = perp; DailyFunding = funding; FundingPrints = prints;
        _spotClose = new double[spot.Length];
        for (int i = 0; i < spot.Length; i++) _spotClose[i] = (double)spot[i].Close;
    }

    /// <summary>The days, ascending and consecutive.</summary>
    public ImmutableArray<DateOnly> Dates { get; }
    /// <summary>Spot candles, one per day.</summary>
    public ImmutableArray<Candle> Spot { get; }
    /// <summary>Perpetual futures candles, one per day.</summary>
    public ImmutableArray<Candle> Perp { get; }
    /// <summary>Funding rate summed over the day's prints (fraction; positive: longs pay shorts).</summary>
    public ImmutableArray<decimal> DailyFunding { get; }
    /// <summary>Number of funding prints on each day.</summary>
    public ImmutableArray<int> FundingPrints { get; }
    /// <summary>Number of days.</summary>
    public int Length => Dates.Length;
    /// <summary>Spot closes as doubles (for conditions and statistics).</summary>
    public ReadOnlySpan<double> SpotCloses => _spotClose;

    /// <summary>Aligns spot and perpetual candles and funding prints on the days of a window.</summary>
    /// <param name="spot">Daily spot candles (ascending).</param>
    /// <param name="perp">Daily perpetual candles (ascending).</param>
    /// <param name="funding">Funding prints (ascending).</param>
    /// <param name="from">First day; default the first day both candle series have.</param>
    /// <param name="to">Last day; default the last day both candle series have.</param>
    /// <returns>The aligned history.</returns>
    /// <exception cref="ArgumentNullException">A series is null.</exception>
    /// <exception cref="ArgumentException">A series is empty, misses a day of the window, or the funding does not cover it.</exception>
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
        if (spot[0].Interval != TimeSpan.FromDays(1))
            Preconditions.ThrowArgument(nameof(spot), $"has {Candle.IntervalName(spot[0].Interval)} candles; the history is daily: aggregate them first with CandleSeries.Resample(spot, TimeSpan.FromDays(1))");
        if (perp[0].Interval != TimeSpan.FromDays(1))
            Preconditions.ThrowArgument(nameof(perp), $"has {Candle.IntervalName(perp[0].Interval)} candles; the history is daily: aggregate them first with CandleSeries.Resample(perp, TimeSpan.FromDays(1))");
        DateOnly first = Max(spot[0].Date, perp[0].Date), last = Min(spot[^1].Date, perp[^1].Date);
        DateOnly start = from ?? first, end = to ?? last;
        if (start < first) Preconditions.ThrowOutOfRange(nameof(from), start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"is before the data both candle series cover ({first:yyyy-MM-dd} .. {last:yyyy-MM-dd}): the window is longer than the data");
        if (end > last) Preconditions.ThrowOutOfRange(nameof(to), end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"is after the data both candle series cover ({first:yyyy-MM-dd} .. {last:yyyy-MM-dd}): the window is longer than the data");
        if (end < start) Preconditions.ThrowOutOfRange(nameof(to), end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"must not be before from ({start:yyyy-MM-dd})");
        var fStart = DateOnly.FromDateTime(funding[0].Time.UtcDateTime);
        var fEnd = DateOnly.FromDateTime(funding[^1].Time.UtcDateTime);
        if (fStart > start || fEnd < end)
            Preconditions.ThrowArgument(nameof(funding), $"covers {fStart:yyyy-MM-dd} .. {fEnd:yyyy-MM-dd} but must cover the whole window {start:yyyy-MM-dd} .. {end:yyyy-MM-dd}");

        int n = end.DayNumber - start.DayNumber + 1;
        var s = Slice(spot, start, n, nameof(spot));
        var p = Slice(perp, start, n, nameof(perp));
        var f = new decimal[n];
        var c = new int[n];
        foreach (var e in funding)
        {
            int d = DateOnly.FromDateTime(e.Time.UtcDateTime).DayNumber - start.DayNumber;
            if (d >= 0 && d < n) { f[d] += e.Rate; c[d]++; }
        }
        var dates = ImmutableArray.CreateBuilder<DateOnly>(n);
        for (int i = 0; i < n; i++) dates.Add(start.AddDays(i));
        return new MarketHistory(dates.MoveToImmutable(), s, p, f.ToImmutableArray(), c.ToImmutableArray());
    }

    /// <summary>Daily log returns of the spot close (day i → i + 1), as doubles; length <see cref="Length"/> − 1.</summary>
    /// <returns>A new array.</returns>
    public double[] SpotLogReturns()
    {
        var r = new double[Math.Max(0, Length - 1)];
        for (int i = 0; i < r.Length; i++) r[i] = Math.Log(_spotClose[i + 1] / _spotClose[i]);
        return r;
    }

    /// <summary>Funding of the day each spot log return ends on (aligned with <see cref="SpotLogReturns"/>), as doubles.</summary>
    /// <returns>A new array.</returns>
    public double[] FundingOfReturnDays()
    {
        var r = new double[Math.Max(0, Length - 1)];
        for (int i = 0; i < r.Length; i++) r[i] = (double)DailyFunding[i + 1];
        return r;
    }

    /// <summary>A bootstrap model over this history's spot returns with the funding of the same days.</summary>
    /// <param name="blockLength">Block length in days, in [1, Length − 1].</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockLength"/> is out of range (longer than the data).</exception>
    public BootstrapPathModel Bootstrap(int blockLength) => BootstrapPathModel.Create(SpotLogReturns(), FundingOfReturnDays(), blockLength);

    /// <summary>The funding prints summed per UTC day (days without a print are skipped), as doubles — a sample for <see cref="GbmPathModel"/>.</summary>
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

    private static ImmutableArray<Candle> Slice(IReadOnlyList<Candle> series, DateOnly start, int n, string name)
    {
        int i0 = 0;
        while (i0 < series.Count && series[i0].Date < start) i0++;
        var b = ImmutableArray.CreateBuilder<Candle>(n);
        for (int i = 0; i < n; i++)
        {
            var want = start.AddDays(i);
            if (i0 + i >= series.Count || series[i0 + i].Date != want)
                Preconditions.ThrowArgument(name, $"has no candle for {want:yyyy-MM-dd}: every day of the window must be present in both series");
            b.Add(series[i0 + i]);
        }
        return b.MoveToImmutable();
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
