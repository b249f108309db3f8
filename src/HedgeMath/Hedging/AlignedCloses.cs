using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Hedging;

/// <summary>Close prices of a spot and a futures (hedge) series, aligned on the dates both have.</summary>
/// <remarks>
/// Hedge ratios need the two series observed on the same days: a row-by-row pairing of files with
/// different start dates would pair different days and give a meaningless ratio. Alignment is an inner
/// join on <see cref="Candle.Date"/>. Where a date is missing in either series the next change spans
/// more than one day; <see cref="Gaps"/> counts such steps. Immutable and thread-safe.
/// </remarks>
public sealed class AlignedCloses
{
    private AlignedCloses(ImmutableArray<DateOnly> dates, ImmutableArray<double> spot, ImmutableArray<double> futures)
    {
        Dates = dates;
        Spot = spot;
        Futures = futures;
        int gaps = 0;
        for (int i = 1; i < dates.Length; i++) if (dates[i].DayNumber - dates[i - 1].DayNumber > 1) gaps++;
        Gaps = gaps;
    }

    /// <summary>The common dates, ascending.</summary>
    public ImmutableArray<DateOnly> Dates { get; }

    /// <summary>Spot closes on <see cref="Dates"/>.</summary>
    public ImmutableArray<double> Spot { get; }

    /// <summary>Futures (hedge instrument) closes on <see cref="Dates"/>.</summary>
    public ImmutableArray<double> Futures { get; }

    /// <summary>Number of common dates.</summary>
    public int Count => Dates.Length;

    /// <summary>Steps between consecutive common dates that are more than one day apart.</summary>
    public int Gaps { get; }

    /// <summary>Aligns two candle series on their common dates.</summary>
    /// <param name="spot">Spot candles, dates strictly ascending.</param>
    /// <param name="futures">Futures (or the hedge instrument's) candles, dates strictly ascending.</param>
    /// <returns>The closes on the dates both series have.</returns>
    /// <exception cref="ArgumentNullException">A series is null.</exception>
    /// <exception cref="ArgumentException">A series is not strictly ascending in date.</exception>
    public static AlignedCloses Create(IReadOnlyList<Candle> spot, IReadOnlyList<Candle> futures)
    {
        Preconditions.NotNull(spot);
        Preconditions.NotNull(futures);
        RequireAscending(spot, nameof(spot));
        RequireAscending(futures, nameof(futures));
        var d = ImmutableArray.CreateBuilder<DateOnly>();
        var s = ImmutableArray.CreateBuilder<double>();
        var f = ImmutableArray.CreateBuilder<double>();
        int i = 0, j = 0;
        while (i < spot.Count && j < futures.Count)
        {
            var a = spot[i].Date; var b = futures[j].Date;
            if (a < b) i++;
            else if (b < a) j++;
            else
            {
                d.Add(a); s.Add((double)spot[i].Close); f.Add((double)futures[j].Close);
                i++; j++;
            }
        }
        return new AlignedCloses(d.ToImmutable(), s.ToImmutable(), f.ToImmutable());
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
        return new AlignedCloses(Dates[a..b], Spot[a..b], Futures[a..b]);
    }

    private static void RequireAscending(IReadOnlyList<Candle> c, string paramName)
    {
        for (int i = 1; i < c.Count; i++)
            if (c[i].Date <= c[i - 1].Date)
                Preconditions.ThrowArgument(paramName, $"must have strictly ascending dates; index {i} ({c[i].Date:yyyy-MM-dd}) is not after index {i - 1}");
    }
}
