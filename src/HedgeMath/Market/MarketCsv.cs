using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>Parses the market-data CSV layouts HedgeMath works with (OHLCV candles, funding prints).</summary>
/// <remarks>
/// Layouts: candles <c>date,open,high,low,close,volume</c> (ISO date, ascending, one row a bar);
/// funding <c>time,funding_rate</c> (ISO-8601 UTC time, rate as a fraction per interval). Numbers use the
/// invariant culture; plain decimal or scientific notation is accepted. A header row is required.
/// Rows must be strictly ascending in time. Pure functions: no file access — pass a
/// <see cref="TextReader"/> or a string. Thread-safe.
/// </remarks>
public static class MarketCsv
{
    /// <summary>Parses OHLCV candles from CSV text.</summary>
    /// <param name="csv">The CSV text with a header <c>date,open,high,low,close,volume</c>.</param>
    /// <returns>The candles in file order (ascending dates).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, a row is malformed (the message gives the line), or dates are not strictly ascending.</exception>
    public static ImmutableArray<Candle> ParseCandles(string csv) => ParseCandlesCore(new StringReader(Preconditions.NotNull(csv)), nameof(csv));

    /// <summary>Parses OHLCV candles from a CSV reader.</summary>
    /// <param name="reader">A reader positioned at the header <c>date,open,high,low,close,volume</c>.</param>
    /// <returns>The candles in file order (ascending dates).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, a row is malformed (the message gives the line), or dates are not strictly ascending.</exception>
    public static ImmutableArray<Candle> ParseCandles(TextReader reader)
    {
        Preconditions.NotNull(reader);
        return ParseCandlesCore(reader, nameof(reader));
    }

    private static ImmutableArray<Candle> ParseCandlesCore(TextReader reader, string paramName)
    {
        var (header, columns) = ReadHeader(reader, paramName, "date", "open", "high", "low", "close", "volume");
        var builder = ImmutableArray.CreateBuilder<Candle>();
        int lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != columns) FailFields(paramName, lineNo, f.Length, columns);
            try
            {
                var date = DateOnly.ParseExact(f[header[0]].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                var c = new Candle(date, Num(f[header[1]]), Num(f[header[2]]), Num(f[header[3]]), Num(f[header[4]]), Num(f[header[5]]));
                if (builder.Count > 0 && c.Date <= builder[^1].Date) Fail(paramName, lineNo, $"date {c.Date:yyyy-MM-dd} is not after the previous row's");
                builder.Add(c);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException)
            {
                Fail(paramName, lineNo, ex.Message);
            }
        }
        return builder.ToImmutable();
    }

    /// <summary>Parses funding prints from CSV text.</summary>
    /// <param name="csv">The CSV text with a header <c>time,funding_rate</c>.</param>
    /// <returns>The funding prints in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, a row is malformed (the message gives the line), or times are not strictly ascending.</exception>
    public static ImmutableArray<FundingEvent> ParseFunding(string csv) => ParseFundingCore(new StringReader(Preconditions.NotNull(csv)), nameof(csv));

    /// <summary>Parses funding prints from a CSV reader.</summary>
    /// <param name="reader">A reader positioned at the header <c>time,funding_rate</c>.</param>
    /// <returns>The funding prints in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, a row is malformed (the message gives the line), or times are not strictly ascending.</exception>
    public static ImmutableArray<FundingEvent> ParseFunding(TextReader reader)
    {
        Preconditions.NotNull(reader);
        return ParseFundingCore(reader, nameof(reader));
    }

    private static ImmutableArray<FundingEvent> ParseFundingCore(TextReader reader, string paramName)
    {
        var (header, columns) = ReadHeader(reader, paramName, "time", "funding_rate");
        var builder = ImmutableArray.CreateBuilder<FundingEvent>();
        int lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != columns) FailFields(paramName, lineNo, f.Length, columns);
            try
            {
                var time = DateTimeOffset.Parse(f[header[0]].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                var e = new FundingEvent(time, Num(f[header[1]]));
                if (builder.Count > 0 && e.Time <= builder[^1].Time) Fail(paramName, lineNo, $"time {e.Time:O} is not after the previous row's");
                builder.Add(e);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException)
            {
                Fail(paramName, lineNo, ex.Message);
            }
        }
        return builder.ToImmutable();
    }

    private static decimal Num(string s) =>
        decimal.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static (int[] Index, int Columns) ReadHeader(TextReader reader, string paramName, params string[] names)
    {
        var line = reader.ReadLine();
        if (line is null) Preconditions.ThrowArgument(paramName, "is empty: a CSV header is required");
        var cols = line.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();
        var idx = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            idx[i] = cols.IndexOf(names[i]);
            if (idx[i] < 0) Preconditions.ThrowArgument(paramName, $"has no '{names[i]}' column in its header '{line}' (expected {string.Join(",", names)})");
        }
        return (idx, cols.Count);
    }

    private static void Fail(string paramName, int lineNo, string why) =>
        Preconditions.ThrowArgument(paramName, $"line {lineNo} is invalid: {why}");

    // A row with more fields than the header is rejected, not truncated: "1,234.5" in a volume column would
    // otherwise be read as 1 (the thousands separator splits the field).
    private static void FailFields(string paramName, int lineNo, int fields, int columns) =>
        Fail(paramName, lineNo, fields > columns
            ? $"has {fields} fields but the header has {columns} columns (column {columns + 1} is extra; a number written with a thousands separator, e.g. 1,234.5, splits into two fields)"
            : $"has {fields} fields but the header has {columns} columns (column {fields + 1} is missing)");
}
