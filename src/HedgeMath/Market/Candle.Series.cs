using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Market;

// Candle series: Conversions of candle lists to double arrays for indicators and statistics.
// The decimal → double conversion is the explicit boundary between money and statistics (see the numeric
// conventions). Closes, Highs and Lows return a new array on every call: the
// caller's own buffer for the span and array forms of the indicators, shared with nothing in the library.
public readonly partial struct Candle
{
    /// <summary>The close prices as doubles, in order.</summary>
    /// <param name="candles">The candles.</param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    public static double[] Closes(IReadOnlyList<Candle> candles) => Select(candles, c => c.Close);

    /// <summary>The high prices as doubles, in order.</summary>
    /// <param name="candles">The candles.</param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    public static double[] Highs(IReadOnlyList<Candle> candles) => Select(candles, c => c.High);

    /// <summary>The low prices as doubles, in order.</summary>
    /// <param name="candles">The candles.</param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    public static double[] Lows(IReadOnlyList<Candle> candles) => Select(candles, c => c.Low);

    /// <summary>Aggregates candles into a longer interval (e.g. 1-minute bars into hourly or daily bars).</summary>
    /// <param name="candles">The candles, ascending in time, all of one interval that divides <paramref name="interval"/>.</param>
    /// <param name="interval">The target interval, a whole multiple of the source interval, at most 7 days.</param>
    /// <returns>One bar per UTC-aligned bucket that holds data: open of the first bar, close of the last, the highest high,
    /// the lowest low and the summed volume. Buckets start at multiples of the interval since the Unix epoch (days at
    /// 00:00 UTC; weeks on Mondays 00:00 UTC, as Binance's 1w klines).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentException">A candle is default(Candle), the intervals are mixed, the target is not a multiple of the source, or times do not ascend.</exception>
    public static ImmutableArray<Candle> Resample(IReadOnlyList<Candle> candles, TimeSpan interval)
    {
        Preconditions.NotNull(candles);
        if (interval < Candle.MinInterval || interval > Candle.MaxInterval)
            Preconditions.ThrowOutOfRange(nameof(interval), interval, "must be in the range [1 minute, 7 days]");
        var b = ImmutableArray.CreateBuilder<Candle>();
        if (candles.Count == 0) return b.ToImmutable();
        var source = candles[0].Interval;
        if (source <= TimeSpan.Zero)
            Preconditions.ThrowArgument(nameof(candles), "holds default(Candle) (no interval) at index 0; every candle needs its interval");
        if (interval.Ticks % source.Ticks != 0)
            Preconditions.ThrowArgument(nameof(interval), $"({Candle.IntervalName(interval)}) must be a whole multiple of the candles' interval ({Candle.IntervalName(source)})");
        long width = interval.Ticks;
        // Weekly buckets start on Mondays (1970-01-05 was a Monday), as the exchanges' 1w klines do.
        var origin = width % (TimeSpan.TicksPerDay * 7) == 0 ? new DateTimeOffset(1970, 1, 5, 0, 0, 0, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        long bucket = long.MinValue;
        decimal o = 0, h = 0, l = 0, c = 0, v = 0;
        DateTimeOffset prev = default;
        for (int i = 0; i < candles.Count; i++)
        {
            var k = candles[i];
            if (k.Interval != source)
                Preconditions.ThrowArgument(nameof(candles), $"mixes intervals: index {i} is {Candle.IntervalName(k.Interval)}, index 0 is {Candle.IntervalName(source)}");
            if (i > 0 && k.Timestamp <= prev)
                Preconditions.ThrowArgument(nameof(candles), $"must ascend in time; index {i} ({k.Timestamp:yyyy-MM-ddTHH:mm:ssZ}) is not after index {i - 1}");
            prev = k.Timestamp;
            long since = (k.Timestamp - origin).Ticks;
            long start = since - (((since % width) + width) % width);
            if (start != bucket)
            {
                if (bucket != long.MinValue) b.Add(new Candle(origin.AddTicks(bucket), interval, o, h, l, c, v));
                bucket = start; o = k.Open; h = k.High; l = k.Low; v = 0m;
            }
            if (k.High > h) h = k.High;
            if (k.Low < l) l = k.Low;
            c = k.Close;
            v += k.Volume;
        }
        b.Add(new Candle(origin.AddTicks(bucket), interval, o, h, l, c, v));
        return b.ToImmutable();
    }

    private static double[] Select(IReadOnlyList<Candle> candles, Func<Candle, decimal> field)
    {
        Preconditions.NotNull(candles);
        var result = new double[candles.Count];
        for (int i = 0; i < result.Length; i++) result[i] = (double)field(candles[i]);
        return result;
    }
}
