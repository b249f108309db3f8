using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>Parses the generic headered market-data CSV layouts (OHLCV candles, funding prints): the parsers behind <see cref="Candle.ParseCsv(string)"/> and <see cref="FundingEvent.ParseCsv(string)"/>.</summary>
/// <remarks>
/// <para>Candles: a header naming a time column (<c>date</c>, <c>time</c>, <c>timestamp</c>, <c>datetime</c> or
/// <c>open_time</c>) and <c>open,high,low,close,volume</c>. The time is an ISO date (<c>2024-01-31</c>: the bar opens at
/// 00:00 UTC), a date-time (<c>2024-01-31 09:30</c>, <c>2024-01-31T09:30:00Z</c>; UTC unless an offset is given) or an
/// epoch in milliseconds. The interval is passed or taken as the smallest gap between rows (1 day for a single
/// date-only row).</para>
/// <para>Funding: <c>time,funding_rate</c> (ISO-8601 time, UTC unless an offset is given; rate a fraction per interval),
/// with an optional <c>funding_interval_hours</c> column; without it each print's interval is the smaller of the gaps to
/// its neighbours (8 h for a single print).</para>
/// <para>Numbers use the invariant culture; plain decimal or scientific notation is accepted. Rows must be strictly
/// ascending in time: an unordered or duplicate timestamp is rejected with its line and column. Pure functions: no
/// file access — pass a <see cref="TextReader"/> or a string. Thread-safe.</para>
/// </remarks>
internal static class MarketCsv
{
    private static readonly string[] TimeColumns = ["date", "time", "timestamp", "datetime", "open_time"];
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "o"];

    internal static ImmutableArray<Candle> ParseCandlesCore(TextReader reader, string p, TimeSpan? interval)
    {
        if (interval is { } iv && (iv < Candle.MinInterval || iv > Candle.MaxInterval))
            Preconditions.ThrowOutOfRange(nameof(interval), iv, "must be in the range [1 minute, 7 days]");
        var (header, timeName, columns) = ReadCandleHeader(reader, p);
        string[] names = [timeName, "open", "high", "low", "close", "volume"];
        var times = new List<DateTimeOffset>();
        var values = new List<(decimal O, decimal H, decimal L, decimal C, decimal V, int Line)>();
        bool allDates = true;
        int lineNo = 1;
        string? line;
        Span<Range> r = stackalloc Range[32];
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var span = line.AsSpan();
            if (span.IsWhiteSpace()) continue;
            int n = MarketParse.Split(span, r);
            MarketParse.FieldCount(p, lineNo, n, columns, names);
            var t = ParseTime(span[r[header[0]]].Trim(), p, lineNo, timeName, out bool dateOnly);
            allDates &= dateOnly;
            MarketParse.Ascending(times.Count > 0 ? times[^1] : default, t, times.Count > 0, p, lineNo, timeName);
            times.Add(t);
            values.Add((MarketParse.Dec(span[r[header[1]]], p, lineNo, "open"), MarketParse.Dec(span[r[header[2]]], p, lineNo, "high"),
                MarketParse.Dec(span[r[header[3]]], p, lineNo, "low"), MarketParse.Dec(span[r[header[4]]], p, lineNo, "close"),
                MarketParse.Dec(span[r[header[5]]], p, lineNo, "volume"), lineNo));
        }
        var bar = interval ?? MarketParse.SmallestGap(times) ?? (allDates ? TimeSpan.FromDays(1) : (TimeSpan?)null);
        if (bar is null && times.Count > 0)
            Preconditions.ThrowArgument(p, "holds a single intraday row: the interval cannot be inferred; pass it");
        if (bar is { } b && (b < Candle.MinInterval || b > Candle.MaxInterval))
            Preconditions.ThrowArgument(p, $"has rows {Candle.IntervalName(b)} apart at the closest; candles must be 1 minute .. 7 days apart (pass the interval if rows are missing)");
        var builder = ImmutableArray.CreateBuilder<Candle>(times.Count);
        for (int i = 0; i < times.Count; i++)
        {
            var v = values[i];
            builder.Add(Candle.Build(times[i], bar!.Value, v.O, v.H, v.L, v.C, v.V, p, v.Line));
        }
        return builder.MoveToImmutable();
    }

    internal static ImmutableArray<FundingEvent> ParseFundingCore(TextReader reader, string p)
    {
        var line0 = reader.ReadLine();
        if (line0 is null) Preconditions.ThrowArgument(p, "is empty: a CSV header is required");
        var cols = line0.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();
        int ti = cols.IndexOf("time"), ri = cols.IndexOf("funding_rate"), hi = cols.IndexOf("funding_interval_hours");
        if (ti < 0) Preconditions.ThrowArgument(p, $"has no 'time' column in its header '{line0}' (expected time,funding_rate)");
        if (ri < 0) Preconditions.ThrowArgument(p, $"has no 'funding_rate' column in its header '{line0}' (expected time,funding_rate)");
        var rows = new List<(DateTimeOffset T, decimal R, TimeSpan? I, int Line)>();
        int lineNo = 1;
        string? line;
        Span<Range> r = stackalloc Range[32];
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var span = line.AsSpan();
            if (span.IsWhiteSpace()) continue;
            int n = MarketParse.Split(span, r);
            MarketParse.FieldCount(p, lineNo, n, cols.Count, [.. cols]);
            var t = ParseTime(span[r[ti]].Trim(), p, lineNo, "time", out _);
            MarketParse.Ascending(rows.Count > 0 ? rows[^1].T : default, t, rows.Count > 0, p, lineNo, "time");
            TimeSpan? iv = hi >= 0 ? TimeSpan.FromHours((double)MarketParse.Dec(span[r[hi]], p, lineNo, "funding_interval_hours")) : null;
            rows.Add((t, MarketParse.Dec(span[r[ri]], p, lineNo, "funding_rate"), iv, lineNo));
        }
        return FundingEvent.Build(rows, p, "funding_rate", FundingEvent.DefaultInterval);
    }

    internal static DateTimeOffset ParseTime(ReadOnlySpan<char> s, string p, int lineNo, string column, out bool dateOnly)
    {
        dateOnly = false;
        if (s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            dateOnly = true;
            return new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        if (s.Length >= 12 && s.Length <= 16 && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
            return MarketParse.Epoch(epoch, out _);
        if (DateTimeOffset.TryParseExact(s, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            || DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t))
            return t;
        MarketParse.Fail(p, lineNo, column, $"'{s.ToString()}' is not a date (yyyy-MM-dd), a date-time (yyyy-MM-dd HH:mm, ISO 8601) or an epoch in milliseconds");
        return default;
    }

    private static (int[] Index, string TimeName, int Columns) ReadCandleHeader(TextReader reader, string p)
    {
        var line = reader.ReadLine();
        if (line is null) Preconditions.ThrowArgument(p, "is empty: a CSV header is required");
        var cols = line.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();
        var idx = new int[6];
        string? timeName = TimeColumns.FirstOrDefault(cols.Contains);
        if (timeName is null)
            Preconditions.ThrowArgument(p, $"has no time column in its header '{line}' (expected one of {string.Join(", ", TimeColumns)}, then open,high,low,close,volume); a Binance kline file without header is read by Candle.ParseBinanceCsv or Candle.Parse");
        idx[0] = cols.IndexOf(timeName);
        string[] names = ["open", "high", "low", "close", "volume"];
        for (int i = 0; i < names.Length; i++)
        {
            idx[i + 1] = cols.IndexOf(names[i]);
            if (idx[i + 1] < 0) Preconditions.ThrowArgument(p, $"has no '{names[i]}' column in its header '{line}' (expected {timeName},open,high,low,close,volume)");
        }
        return (idx, timeName, cols.Count);
    }
}
