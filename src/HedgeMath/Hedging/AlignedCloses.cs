using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Hedging;

/// <summary>Close prices of a spot and a futures (hedge) series, aligned on the bar times both have.</summary>
/// <remarks>
/// Hedge ratios need the two series observed at the same times: a row-by-row pairing of files with
/// different start times would pair different bars and give a meaningless ratio. Alignment is an inner
/// join on <see cref="Candle.Timestamp"/> (any interval: daily, hourly, one-minute). Where a bar is missing in
/// either series the next change spans more than one interval; <see cref="Gaps"/> counts such steps. The two
/// series must have the same interval. Immutable and thread-safe.
/// </remarks>
public sealed class AlignedCloses
{
    private AlignedCloses(ImmutableArray<DateTimeOffset> times, TimeSpan interval, ImmutableArray<double> spot, ImmutableArray<double> futures)
    {
        Timestamps = times;
        Interval = interval;
        Dates = ImmutableArray.CreateRange(times, t => DateOnly.FromDateTime(t.UtcDateTime));
        Spot = spot;
        Futures = futures;
        int gaps = 0;
        for (int i = 1; i < times.Length; i++) if (times[i] - times[i - 1] > interval) gaps++;
        Gaps = gaps;
    }

    /// <summary>The common bar times (UTC), ascending.</summary>
    public ImmutableArray<DateTimeOffset> Timestamps { get; }

    /// <summary>The bar interval of both series.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The UTC day of each common bar (several per day for intraday bars).</summary>
    public ImmutableArray<DateOnly> Dates { get; }

    /// <summary>Spot closes on <see cref="Dates"/>.</summary>
    public ImmutableArray<double> Spot { get; }

    /// <summary>Futures (hedge instrument) closes on <see cref="Dates"/>.</summary>
    public ImmutableArray<double> Futures { get; }

    /// <summary>Number of common bars.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Steps between consecutive common bars that are more than one interval apart.</summary>
    public int Gaps { get; }

    /// <summary>Aligns two candle series on their common bar times.</summary>
    /// <param name="spot">Spot candles, times strictly ascending.</param>
    /// <param name="futures">Futures (or the hedge instrument's) candles, times strictly ascending, same interval as spot.</param>
    /// <returns>The closes at the times both series have.</returns>
    /// <exception cref="ArgumentNullException">A series is null.</exception>
    /// <exception cref="ArgumentException">A series is not strictly ascending in time, or the intervals differ.</exception>
    public static AlignedCloses Create(IReadOnlyList<Candle> spot, IReadOnlyList<Candle> futures)
    {
        Preconditions.NotNull(spot);
        Preconditions.NotNull(futures);
        RequireAscending(spot, nameof(spot));
        RequireAscending(futures, nameof(futures));
        var interval = spot.Count > 0 ? spot[0].Interval : futures.Count > 0 ? futures[0].Interval : TimeSpan.FromDays(1);
        if (spot.Count > 0 && futures.Count > 0 && spot[0].Interval != futures[0].Interval)
            Preconditions.ThrowArgument(nameof(futures), $"has {Candle.IntervalName(futures[0].Interval)} bars but spot has {Candle.IntervalName(spot[0].Interval)} bars; resample one (Candle.Resample) so both have the same interval");
        var d = ImmutableArray.CreateBuilder<DateTimeOffset>();
        var s = ImmutableArray.CreateBuilder<double>();
        var f = ImmutableArray.CreateBuilder<double>();
        int i = 0, j = 0;
        while (i < spot.Count && j < futures.Count)
        {
            var a = spot[i].Timestamp; var b = futures[j].Timestamp;
            if (a < b) i++;
            else if (b < a) j++;
            else
            {
                d.Add(a); s.Add((double)spot[i].Close); f.Add((double)futures[j].Close);
                i++; j++;
            }
        }
        return new AlignedCloses(d.ToImmutable(), interval, s.ToImmutable(), f.ToImmutable());
    }

    /// <summary>The part of the aligned series from <paramref name="from"/> (inclusive) to <paramref name="to"/> (inclusive).</summary>
    /// <param name="from">First date kept.</param>
    /// <param name="to">Last date kept (must not be before <paramref name="from"/>).</param>
    /// <returns>A new aligned series.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public AlignedCloses Between(DateOnly from, DateOnly to)
    {
        if (to < from) Preconditions.ThrowOutOfRange(nameof(to), to, $"must not be before from ({from:yyyy-MM-dd})");
        int a = 0;
        while (a < Dates.Length && Dates[a] < from) a++;
        int b = a;
        while (b < Dates.Length && Dates[b] <= to) b++;
        return new AlignedCloses(Timestamps[a..b], Interval, Spot[a..b], Futures[a..b]);
    }

    private static void RequireAscending(IReadOnlyList<Candle> c, string paramName)
    {
        for (int i = 1; i < c.Count; i++)
            if (c[i].Timestamp <= c[i - 1].Timestamp)
                Preconditions.ThrowArgument(paramName, $"must have strictly ascending times; index {i} ({c[i].Timestamp:yyyy-MM-ddTHH:mm:ssZ}) is not after index {i - 1}");
    }
}
