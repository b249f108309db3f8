using System.Globalization;
using System.Text.Json;

namespace HedgeMath.Exchanges.Internal;

/// <summary>Reads the exchanges' numbers, which arrive as JSON strings or numbers, empty for "none".</summary>
internal static class JsonRead
{
    public static JsonDocument Parse(string body)
    {
        try { return JsonDocument.Parse(body); }
        catch (JsonException ex) { throw new FormatException($"not valid JSON ({ex.Message}): {ExchangeTransport.Snippet(body)}", ex); }
    }

    public static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
            : throw new FormatException($"the field '{name}' is missing");

    public static string? StrOrNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    public static decimal Dec(JsonElement e, string name) => DecOrNull(e, name) ?? throw new FormatException($"the field '{name}' is missing or empty");

    public static decimal? DecOrNull(JsonElement e, string name)
    {
        var s = StrOrNull(e, name);
        if (string.IsNullOrWhiteSpace(s)) return null;
        return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"the field '{name}' is not a number: '{s}'");
    }

    public static decimal DecAt(JsonElement row, int index, string column)
    {
        if (index >= row.GetArrayLength()) throw new FormatException($"the row has no '{column}' (column {index + 1})");
        var v = row[index];
        var s = v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"'{column}' is not a number: '{s}'");
    }

    public static DateTimeOffset Ms(string ms) =>
        long.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? DateTimeOffset.FromUnixTimeMilliseconds(v)
            : throw new FormatException($"'{ms}' is not an epoch in milliseconds");

    /// <summary>Reads price-only kline rows (<c>[ts, open, high, low, close, ...]</c>, newest first as Bybit and OKX send them) into
    /// candles with volume 0, ascending; a repeated or out-of-order timestamp is rejected with its row.</summary>
    public static System.Collections.Immutable.ImmutableArray<HedgeMath.Market.Candle> PriceOnlyKlines(string body, string? wrapper, string list, TimeSpan interval)
    {
        using var doc = Parse(body);
        var root = doc.RootElement;
        if (wrapper is not null && root.TryGetProperty(wrapper, out var w)) root = w;
        if (!root.TryGetProperty(list, out var rows) || rows.ValueKind != JsonValueKind.Array)
            throw new FormatException($"there is no '{list}' array of kline rows");
        int n = rows.GetArrayLength();
        var result = new HedgeMath.Market.Candle[n];
        int i = 0;
        foreach (var r in rows.EnumerateArray())
        {
            if (r.ValueKind != JsonValueKind.Array || r.GetArrayLength() < 5) throw new FormatException($"row {i + 1} is not a kline row [ts, open, high, low, close]");
            var ts = DateTimeOffset.FromUnixTimeMilliseconds((long)DecAt(r, 0, "ts"));
            // newest first: row i goes to n-1-i; each must be older than the one before it
            if (i > 0 && ts >= result[n - i].Timestamp)
                throw new FormatException($"row {i + 1}: the timestamp {ts:yyyy-MM-ddTHH:mm:ssZ} is not older than the row before it (rows come newest first, without repeats)");
            try
            {
                result[n - 1 - i] = new HedgeMath.Market.Candle(ts, interval, DecAt(r, 1, "open"), DecAt(r, 2, "high"), DecAt(r, 3, "low"), DecAt(r, 4, "close"), 0m);
            }
            catch (ArgumentException ex) { throw new FormatException($"row {i + 1}: {ex.Message}", ex); }
            i++;
        }
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
