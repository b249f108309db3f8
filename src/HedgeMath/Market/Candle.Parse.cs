using System.Collections.Immutable;
using System.Text.Json;
using HedgeMath.Internal;

namespace HedgeMath.Market;

// The candle readers: klines in the layouts the exchanges publish (Binance CSV downloads and REST arrays, Bybit and OKX
// kline JSON) and the generic headered CSV. The layouts and volume units are in Candle's remarks (Candle.cs).
public readonly partial struct Candle
{
    private static readonly string[] BinanceColumns = ["open_time", "open", "high", "low", "close", "volume", "close_time"];

    /// <summary>Reads a Binance kline CSV as downloaded (with or without header; ms or µs epochs).</summary>
    /// <param name="csv">The CSV text.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ArgumentException">The text is empty, or a row is malformed or out of order (the message gives the line and column).</exception>
    public static ImmutableArray<Candle> ParseBinanceCsv(string csv) => BinanceCsvCore(Preconditions.NotNull(csv).AsSpan(), nameof(csv));

    /// <summary>Reads a Binance kline CSV as downloaded (with or without header; ms or µs epochs).</summary>
    /// <param name="reader">The reader, at the first line.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">The text is empty, or a row is malformed or out of order (the message gives the line and column).</exception>
    public static ImmutableArray<Candle> ParseBinanceCsv(TextReader reader) => BinanceCsvCore(Preconditions.NotNull(reader).ReadToEnd().AsSpan(), nameof(reader));

    // One pass over the text: lines are found with a vectorised search, only the seven fields a candle needs are
    // delimited, and numbers go through MarketParse's plain-digit fast path (the framework parser handles the rest
    // and words the errors). Line numbers count every line (\n, \r\n or \r), blank ones and the header included.
    private static ImmutableArray<Candle> BinanceCsvCore(ReadOnlySpan<char> text, string p)
    {
        // One rule with MarketCsv and FundingEvent's parsers: empty input is an error, not zero candles.
        if (text.IsWhiteSpace()) Preconditions.ThrowArgument(p, "is empty: a Binance kline CSV has one row per candle");
        var rows = new Candle[EstimateLines(text)];
        int count = 0, lineNo = 0;
        DateTimeOffset prev = default;
        Span<Range> r = stackalloc Range[7];
        while (!text.IsEmpty)
        {
            int eol = text.IndexOfAny('\r', '\n');
            ReadOnlySpan<char> line;
            if (eol < 0) { line = text; text = default; }
            else
            {
                line = text[..eol];
                int skip = text[eol] == '\r' && eol + 1 < text.Length && text[eol + 1] == '\n' ? 2 : 1;
                text = text[(eol + skip)..];
            }
            lineNo++;
            if (line.IsWhiteSpace()) continue;
            int n = SplitFirst(line, r);
            if (lineNo == 1 && IsHeader(line[r[0]])) continue;
            if (n < 7) MarketParse.Fail(p, lineNo, BinanceColumns[Math.Min(n, 6)], $"the row has {n} fields; a Binance kline row has 12");
            var open = MarketParse.Epoch(MarketParse.Long(line[r[0]], p, lineNo, "open_time"), out bool micro);
            var close = MarketParse.Epoch(MarketParse.Long(line[r[6]], p, lineNo, "close_time"), out _);
            var interval = close - open + (micro ? TimeSpan.FromTicks(10) : TimeSpan.FromMilliseconds(1));
            MarketParse.Ascending(prev, open, count > 0, p, lineNo, "open_time");
            if (count == rows.Length) Array.Resize(ref rows, rows.Length * 2 + 1);
            rows[count++] = Make(open, interval, line[r[1]], line[r[2]], line[r[3]], line[r[4]], line[r[5]], p, lineNo, json: false);
            prev = open;
        }
        if (count != rows.Length) Array.Resize(ref rows, count);
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(rows);
    }

    // Upper bound on the data rows: one per line break, plus a last line without one (so a file that ends with a line
    // break, as downloads do, is sized exactly and handed over without a copy).
    private static int EstimateLines(ReadOnlySpan<char> text) => text.IsEmpty ? 0 : text.Count('\n') + (text[^1] == '\n' ? 0 : 1);

    // A header row starts with a field whose first non-blank character is not a digit (e.g. "open_time").
    private static bool IsHeader(ReadOnlySpan<char> first)
    {
        var t = first.Trim();
        return !t.IsEmpty && !char.IsAsciiDigit(t[0]);
    }

    /// <summary>Delimits the first <paramref name="ranges"/>.Length comma-separated fields; returns how many were found (the last may run to the end of the line).</summary>
    private static int SplitFirst(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        int start = 0, n = 0;
        while (n < ranges.Length)
        {
            int comma = line[start..].IndexOf(',');
            if (comma < 0)
            {
                ranges[n++] = new Range(start, line.Length);
                return n;
            }
            ranges[n++] = new Range(start, start + comma);
            start += comma + 1;
        }
        return n;
    }

    /// <summary>Reads Binance's REST kline response (a JSON array of 12-element arrays).</summary>
    /// <param name="json">The response text.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, or a row is malformed or out of order (the message gives the row and column).</exception>
    public static ImmutableArray<Candle> ParseBinanceJson(string json) => BinanceJsonCore(Preconditions.NotNull(json), nameof(json));

    private static ImmutableArray<Candle> BinanceJsonCore(string text, string json)
    {
        using var doc = ParseJson(text, json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            Preconditions.ThrowArgument(json, "must be Binance's kline array (an array of arrays)");
        var b = ImmutableArray.CreateBuilder<Candle>();
        int row = 0;
        DateTimeOffset prev = default;
        foreach (var k in doc.RootElement.EnumerateArray())
        {
            row++;
            if (k.ValueKind != JsonValueKind.Array || k.GetArrayLength() < 7)
                MarketParse.FailRow(json, row, "open_time", "a Binance kline row is an array of 12 values");
            var open = MarketParse.Epoch(MarketParse.JsonLong(k[0], json, row, "open_time"), out bool micro);
            var close = MarketParse.Epoch(MarketParse.JsonLong(k[6], json, row, "close_time"), out _);
            var interval = close - open + (micro ? TimeSpan.FromTicks(10) : TimeSpan.FromMilliseconds(1));
            if (b.Count > 0 && open <= prev)
                MarketParse.FailRow(json, row, "open_time", open == prev ? "the timestamp duplicates the previous row's" : "the timestamp is before the previous row's; rows must be in ascending time");
            b.Add(MakeJson(open, interval, k, 1, json, row));
            prev = open;
        }
        return b.ToImmutable();
    }

    /// <summary>Reads Bybit's kline response (<c>GET /v5/market/kline</c>).</summary>
    /// <param name="json">The response, or its <c>result</c> object, or the bare <c>list</c> array.</param>
    /// <param name="interval">The interval requested; null to take the smallest gap between bars.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, a row is malformed, the order is mixed or a timestamp repeats (the message gives the row and column), or the interval cannot be inferred.</exception>
    public static ImmutableArray<Candle> ParseBybitJson(string json, TimeSpan? interval = null) =>
        ParseNewestFirst(Preconditions.NotNull(json), nameof(json), interval, "result", "list", "startTime");

    /// <summary>Reads OKX's candle response for a spot pair (<c>GET /api/v5/market/candles</c> or <c>history-candles</c>): the
    /// volume is <c>vol</c>, the base currency of a spot pair.</summary>
    /// <remarks>For a swap or futures contract <c>vol</c> counts contracts: read those with <see cref="ParseOkxSwapJson"/>.</remarks>
    /// <param name="json">The response, or the bare <c>data</c> array.</param>
    /// <param name="interval">The bar requested; null to take the smallest gap between bars.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, a row is malformed, the order is mixed or a timestamp repeats (the message gives the row and column), or the interval cannot be inferred.</exception>
    public static ImmutableArray<Candle> ParseOkxJson(string json, TimeSpan? interval = null) =>
        ParseNewestFirst(Preconditions.NotNull(json), nameof(json), interval, null, "data", "ts");

    /// <summary>Reads OKX's candle response for a perpetual swap or futures contract (<c>GET /api/v5/market/candles</c> or
    /// <c>history-candles</c> with a SWAP or FUTURES <c>instId</c>): the volume is <c>volCcy</c>, the base currency.</summary>
    /// <remarks>OKX v5 "Get candlesticks": <c>vol</c> is "the number of contracts" for FUTURES/SWAP/OPTION and <c>volCcy</c> "the
    /// quantity in base currency" (BTC for BTC-USDT-SWAP and BTC-USD-SWAP), so the candles' volume is in the base asset as Binance
    /// USDⓈ-M and Bybit linear klines are. Do not use it for a spot pair, whose <c>volCcy</c> is in the quote currency
    /// (<see cref="ParseOkxJson"/>).</remarks>
    /// <param name="json">The response, or the bare <c>data</c> array.</param>
    /// <param name="interval">The bar requested; null to take the smallest gap between bars.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, a row is malformed or has no <c>volCcy</c> (column 7), the order is mixed or a timestamp repeats (the message gives the row and column), or the interval cannot be inferred.</exception>
    public static ImmutableArray<Candle> ParseOkxSwapJson(string json, TimeSpan? interval = null) =>
        ParseNewestFirst(Preconditions.NotNull(json), nameof(json), interval, null, "data", "ts", OkxVolCcy);

    /// <summary>Parses OHLCV candles from a generic headered CSV text: a time column (<c>date</c>, <c>time</c>, <c>timestamp</c>, <c>datetime</c> or <c>open_time</c>; an ISO date, a date-time, UTC unless an offset is given, or epoch milliseconds) and <c>open,high,low,close,volume</c>.</summary>
    /// <param name="csv">The CSV text with a header naming a time column and <c>open,high,low,close,volume</c>.</param>
    /// <param name="interval">The bar interval; null to take the smallest gap between rows.</param>
    /// <returns>The candles in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, a row is malformed or out of order (the message gives the line and column), or the interval cannot be inferred.</exception>
    public static ImmutableArray<Candle> ParseCsv(string csv, TimeSpan? interval = null) => MarketCsv.ParseCandlesCore(new StringReader(Preconditions.NotNull(csv)), nameof(csv), interval);

    /// <summary>Parses OHLCV candles from a generic headered CSV text (the layout of <see cref="ParseCsv(string)"/>).</summary>
    /// <param name="csv">The CSV text.</param>
    /// <returns>The candles in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, or a row is malformed or out of order (the message gives the line and column).</exception>
    public static ImmutableArray<Candle> ParseCsv(string csv) => MarketCsv.ParseCandlesCore(new StringReader(Preconditions.NotNull(csv)), nameof(csv), null);

    /// <summary>Parses OHLCV candles from a generic headered CSV reader (the layout of <see cref="ParseCsv(string)"/>).</summary>
    /// <param name="reader">A reader positioned at the header.</param>
    /// <returns>The candles in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, or a row is malformed or out of order (the message gives the line and column).</exception>
    public static ImmutableArray<Candle> ParseCsv(TextReader reader) => MarketCsv.ParseCandlesCore(Preconditions.NotNull(reader), nameof(reader), null);

    /// <summary>Parses OHLCV candles from a generic headered CSV reader (the layout of <see cref="ParseCsv(string)"/>).</summary>
    /// <param name="reader">A reader positioned at the header naming a time column and <c>open,high,low,close,volume</c>.</param>
    /// <param name="interval">The bar interval; null to take the smallest gap between rows.</param>
    /// <returns>The candles in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, a row is malformed or out of order (the message gives the line and column), or the interval cannot be inferred.</exception>
    public static ImmutableArray<Candle> ParseCsv(TextReader reader, TimeSpan? interval) =>
        MarketCsv.ParseCandlesCore(Preconditions.NotNull(reader), nameof(reader), interval);

    // OKX candle rows: [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]; volCcy is index 6.
    private const int OkxVolCcy = 6;
    private const int VolumeColumn = 5;

    /// <summary>Reads candles from any supported layout, recognised by its shape: Binance, Bybit or OKX JSON; a Binance kline CSV (with or without header); or the generic headered CSV of <see cref="ParseCsv(string)"/>.</summary>
    /// <param name="text">The file or response text.</param>
    /// <returns>The candles, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException">The layout is not recognised, or a row is malformed or out of order.</exception>
    public static ImmutableArray<Candle> Parse(string text)
    {
        Preconditions.NotNull(text);
        var t = text.AsSpan().TrimStart();
        if (t.IsEmpty) Preconditions.ThrowArgument(nameof(text), "is empty");
        if (t[0] == '[') return BinanceJsonCore(text, nameof(text));
        if (t[0] == '{')
        {
            bool bybit, okx;
            using (var doc = ParseJson(text, nameof(text)))
            {
                bybit = doc.RootElement.TryGetProperty("result", out _);
                okx = doc.RootElement.TryGetProperty("data", out _);
            }
            if (bybit) return ParseNewestFirst(text, nameof(text), null, "result", "list", "startTime");
            if (okx) return ParseNewestFirst(text, nameof(text), null, null, "data", "ts");
            Preconditions.ThrowArgument(nameof(text), "is a JSON object that is neither Bybit's kline response ('result') nor OKX's ('data')");
        }
        int eol = t.IndexOfAny('\r', '\n');
        var first = eol < 0 ? t : t[..eol];
        if ((char.IsAsciiDigit(first[0]) && first.Count(',') >= 6 && !first.Contains('-'))
            || first.StartsWith("open_time", StringComparison.OrdinalIgnoreCase))
            return BinanceCsvCore(text.AsSpan(), nameof(text));
        return MarketCsv.ParseCandlesCore(new StringReader(text), nameof(text), null);
    }

    private static ImmutableArray<Candle> ParseNewestFirst(string text, string json, TimeSpan? interval, string? wrapper, string listName, string timeColumn,
        int volumeColumn = VolumeColumn)
    {
        if (interval is { } iv && (iv < Candle.MinInterval || iv > Candle.MaxInterval))
            Preconditions.ThrowOutOfRange(nameof(interval), iv, "must be in the range [1 minute, 7 days]");
        using var doc = ParseJson(text, json);
        var root = doc.RootElement;
        if (wrapper is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(wrapper, out var w)) root = w;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(listName, out var l)) root = l;
        if (root.ValueKind != JsonValueKind.Array)
            Preconditions.ThrowArgument(json, $"must hold a '{listName}' array of kline rows");
        var times = new List<DateTimeOffset>();
        var rows = new List<JsonElement>();
        int row = 0;
        foreach (var k in root.EnumerateArray())
        {
            row++;
            if (k.ValueKind != JsonValueKind.Array || k.GetArrayLength() < 6)
                MarketParse.FailRow(json, row, timeColumn, "a kline row is an array of at least 6 values");
            if (k.GetArrayLength() <= volumeColumn)
                MarketParse.FailRow(json, row, "volCcy", $"the row has {k.GetArrayLength()} values; a swap candle row has volCcy in column {volumeColumn + 1}");
            times.Add(MarketParse.Epoch(MarketParse.JsonLong(k[0], json, row, timeColumn), out _));
            rows.Add(k);
        }
        var order = MarketParse.Ascend(Enumerable.Range(0, rows.Count).ToList(), i => times[i], json, timeColumn);
        var ascendingTimes = order.Select(i => times[i]).ToList();
        var iv2 = interval ?? MarketParse.SmallestGap(ascendingTimes)
            ?? throw new ArgumentException($"{json} holds a single bar: pass the interval, it cannot be inferred.", json == "text" ? "text" : "interval");
        if (iv2 < Candle.MinInterval || iv2 > Candle.MaxInterval)
            Preconditions.ThrowArgument(json, $"has bars {Candle.IntervalName(iv2)} apart at the closest; candles must be 1 minute .. 7 days apart");
        var b = ImmutableArray.CreateBuilder<Candle>(rows.Count);
        foreach (var i in order) b.Add(MakeJson(times[i], iv2, rows[i], 1, json, i + 1, volumeColumn));
        return b.MoveToImmutable();
    }

    private static JsonDocument ParseJson(string text, string paramName)
    {
        try { return JsonDocument.Parse(text); }
        catch (JsonException ex) { throw new ArgumentException($"{paramName} is not valid JSON: {ex.Message}", paramName, ex); }
    }

    private static Candle MakeJson(DateTimeOffset open, TimeSpan interval, JsonElement k, int first, string p, int row, int volume = -1)
    {
        var o = MarketParse.JsonDec(k[first], p, row, "open");
        var h = MarketParse.JsonDec(k[first + 1], p, row, "high");
        var lo = MarketParse.JsonDec(k[first + 2], p, row, "low");
        var c = MarketParse.JsonDec(k[first + 3], p, row, "close");
        var v = volume < 0 || volume == first + 4 ? MarketParse.JsonDec(k[first + 4], p, row, "volume") : MarketParse.JsonDec(k[volume], p, row, "volCcy");
        return Build(open, interval, o, h, lo, c, v, p, row, json: true);
    }

    private static Candle Make(DateTimeOffset open, TimeSpan interval, ReadOnlySpan<char> o, ReadOnlySpan<char> h, ReadOnlySpan<char> l,
        ReadOnlySpan<char> c, ReadOnlySpan<char> v, string p, int row, bool json) =>
        Build(open, interval, MarketParse.Dec(o, p, row, "open"), MarketParse.Dec(h, p, row, "high"), MarketParse.Dec(l, p, row, "low"),
            MarketParse.Dec(c, p, row, "close"), MarketParse.Dec(v, p, row, "volume"), p, row, json);

    internal static Candle Build(DateTimeOffset open, TimeSpan interval, decimal o, decimal h, decimal l, decimal c, decimal v, string p, int row, bool json = false)
    {
        try { return new Candle(open, interval, o, h, l, c, v); }
        catch (ArgumentOutOfRangeException ex)
        {
            var why = ex.Message.Split(" (Parameter")[0];
            if (json) MarketParse.FailRow(p, row, ex.ParamName ?? "?", why);
            MarketParse.Fail(p, row, ex.ParamName ?? "?", why);
            return default;
        }
    }
}
