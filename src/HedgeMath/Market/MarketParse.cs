using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>Shared span-based field parsing and the row/column error messages of the market-data readers.</summary>
internal static class MarketParse
{
    public const NumberStyles Styles = NumberStyles.Float;

    public static decimal Dec(ReadOnlySpan<char> s, string paramName, int row, string column)
    {
        if (TryPlainDecimal(s, out var d)) return d;
        if (!decimal.TryParse(s.Trim(), Styles, CultureInfo.InvariantCulture, out d))
            Fail(paramName, row, column, $"'{s.Trim().ToString()}' is not a number");
        return d;
    }

    public static long Long(ReadOnlySpan<char> s, string paramName, int row, string column)
    {
        if (TryPlainLong(s, out var v)) return v;
        if (!long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out v))
            Fail(paramName, row, column, $"'{s.Trim().ToString()}' is not an integer epoch");
        return v;
    }

    /// <summary>
    /// The fast path of <see cref="Dec"/>: a field that is exactly <c>digits[.digits]</c> with at most 19 digits (what
    /// exchanges write), read into a 64-bit mantissa and a scale. The result is the decimal
    /// <see cref="decimal.Parse(string, NumberStyles, IFormatProvider)"/> returns for the same text (same value and scale,
    /// trailing zeros kept). Anything else (sign, exponent, spaces, more digits) returns false and the caller falls back
    /// to the framework parser, which also words the error.
    /// </summary>
    public static bool TryPlainDecimal(ReadOnlySpan<char> s, out decimal value)
    {
        ulong mantissa = 0;
        int digits = 0, scale = -1, i = 0;
        for (; i < s.Length; i++)
        {
            uint c = unchecked((uint)(s[i] - '0'));
            if (c <= 9)
            {
                if (digits == 19) break; // more than 19 digits: leave it to the framework parser
                mantissa = unchecked(mantissa * 10 + c);
                digits++;
                if (scale >= 0) scale++;
            }
            else if (s[i] == '.' && scale < 0) scale = 0;
            else break;
        }
        if (i != s.Length || digits == 0 || scale == 0)
        {
            value = default;
            return false;
        }
        value = new decimal(unchecked((int)(uint)mantissa), unchecked((int)(uint)(mantissa >> 32)), 0, false, (byte)Math.Max(scale, 0));
        return true;
    }

    /// <summary>The fast path of <see cref="Long"/>: a field of 1 to 18 ASCII digits and nothing else.</summary>
    public static bool TryPlainLong(ReadOnlySpan<char> s, out long value)
    {
        long v = 0;
        if (s.Length == 0 || s.Length > 18)
        {
            value = 0;
            return false;
        }
        for (int i = 0; i < s.Length; i++)
        {
            uint c = unchecked((uint)(s[i] - '0'));
            if (c > 9)
            {
                value = 0;
                return false;
            }
            v = unchecked(v * 10 + c);
        }
        value = v;
        return true;
    }

    /// <summary>An epoch in milliseconds, or in microseconds when it is 10^14 or more (Binance spot archives since 2025).</summary>
    public static DateTimeOffset Epoch(long value, out bool micro)
    {
        micro = value >= 100_000_000_000_000L;
        return micro
            ? DateTimeOffset.UnixEpoch.AddTicks(value * 10)
            : DateTimeOffset.FromUnixTimeMilliseconds(value);
    }

    /// <summary>Splits a CSV line into at most <paramref name="ranges"/>.Length fields; returns the field count.</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges) => line.Split(ranges, ',');

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Fail(string paramName, int row, string column, string why) =>
        Preconditions.ThrowArgument(paramName, $"line {row}, column '{column}' is invalid: {why}");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void FailRow(string paramName, int row, string field, string why) =>
        Preconditions.ThrowArgument(paramName, $"row {row}, field '{field}' is invalid: {why}");

    // A row with more fields than the header is rejected, not truncated: "1,234.5" in a volume column would
    // otherwise be read as 1 (the thousands separator splits the field).
    public static void FieldCount(string paramName, int lineNo, int fields, int columns, string[] names)
    {
        if (fields == columns) return;
        Preconditions.ThrowArgument(paramName, fields > columns
            ? $"line {lineNo} has {fields} fields but the header has {columns} columns (column {columns + 1} is extra; a number written with a thousands separator, e.g. 1,234.5, splits into two fields)"
            : $"line {lineNo} has {fields} fields but the header has {columns} columns (column {fields + 1}{(fields < names.Length ? $", '{names[fields]}'" : "")} is missing)");
    }

    /// <summary>Checks that timestamps strictly ascend; names the row and column of the first that does not.</summary>
    public static void Ascending(DateTimeOffset previous, DateTimeOffset current, bool hasPrevious, string paramName, int row, string column)
    {
        if (!hasPrevious || current > previous) return;
        Fail(paramName, row, column, current == previous
            ? $"timestamp {current:yyyy-MM-ddTHH:mm:ssZ} duplicates the previous row's"
            : $"timestamp {current:yyyy-MM-ddTHH:mm:ssZ} is before the previous row's ({previous:yyyy-MM-ddTHH:mm:ssZ}); rows must be in ascending time");
    }

    /// <summary>The smallest positive gap between consecutive timestamps (the bar interval of a series with missing bars).</summary>
    public static TimeSpan? SmallestGap(IReadOnlyList<DateTimeOffset> times)
    {
        TimeSpan? best = null;
        for (int i = 1; i < times.Count; i++)
        {
            var g = times[i] - times[i - 1];
            if (g > TimeSpan.Zero && (best is null || g < best)) best = g;
        }
        return best;
    }

    public static decimal JsonDec(JsonElement e, string paramName, int row, string column)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number when e.TryGetDecimal(out var d): return d;
            case JsonValueKind.String when decimal.TryParse(e.GetString(), Styles, CultureInfo.InvariantCulture, out var s):
                return s;
        }
        FailRow(paramName, row, column, $"{e.GetRawText()} is not a number");
        return 0m;
    }

    public static long JsonLong(JsonElement e, string paramName, int row, string column)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number when e.TryGetInt64(out var v): return v;
            case JsonValueKind.String when long.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                return s;
        }
        FailRow(paramName, row, column, $"{e.GetRawText()} is not an integer epoch");
        return 0L;
    }

    /// <summary>Orders rows published newest first (Bybit, OKX) into ascending time; rejects mixed order and duplicates (row = 1-based position in the published list).</summary>
    public static ImmutableArray<T> Ascend<T>(List<T> rows, Func<T, DateTimeOffset> time, string paramName, string column)
    {
        bool descending = rows.Count > 1 && time(rows[0]) > time(rows[1]);
        for (int i = 1; i < rows.Count; i++)
        {
            var prev = time(rows[i - 1]);
            var cur = time(rows[i]);
            if (cur == prev) FailRow(paramName, i + 1, column, $"timestamp {cur:yyyy-MM-ddTHH:mm:ssZ} duplicates the previous row's");
            if ((cur < prev) != descending)
                FailRow(paramName, i + 1, column, $"timestamp {cur:yyyy-MM-ddTHH:mm:ssZ} breaks the order (rows must be all newest-first or all oldest-first)");
        }
        if (descending) rows.Reverse();
        return [.. rows];
    }
}
