using System.Collections.Immutable;
using System.Text.Json;
using HedgeMath.Internal;

namespace HedgeMath.Market;

// The funding parsers: Reads funding-rate history in the layouts the exchanges publish (Binance CSV download and REST, Bybit, OKX).
// Binance download (data.binance.vision …-fundingRate-YYYY-MM.csv): calc_time,
// funding_interval_hours, last_funding_rate (epoch ms; 8 h on most symbols, 4 h or 1 h on others — the file says
// which). REST GET /fapi/v1/fundingRate: [{symbol, fundingTime, fundingRate, markPrice}], oldest first.
// Bybit GET /v5/market/funding/history: result.list[{symbol, fundingRate, fundingRateTimestamp}],
// newest first. OKX GET /api/v5/public/funding-rate-history: data[{instId, fundingRate, realizedRate,
// fundingTime}], newest first.
// Where the source does not state the interval, each print's interval is the smaller of the gaps to its neighbours
// (a series that switches from 8 h to 4 h gets 4 h from the switch on); a single print without an interval is rejected.
// Results are ascending; unordered or duplicate times are rejected naming the row and column. Thread-safe.
public readonly partial struct FundingEvent
{
    /// <summary>Parses funding prints from a generic headered CSV text: <c>time,funding_rate</c> (ISO-8601 time, UTC unless an offset is given; the rate a fraction per interval), optionally <c>funding_interval_hours</c> (without it each print's interval is the smaller of the gaps to its neighbours, 8 h for a single print).</summary>
    /// <param name="csv">The CSV text with a header <c>time,funding_rate</c> (optionally <c>funding_interval_hours</c>).</param>
    /// <returns>The funding prints in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, or a row is malformed or out of order (the message gives the line and column).</exception>
    public static ImmutableArray<FundingEvent> ParseCsv(string csv) => MarketCsv.ParseFundingCore(new StringReader(Preconditions.NotNull(csv)), nameof(csv));

    /// <summary>Parses funding prints from a generic headered CSV reader (the layout of <see cref="ParseCsv(string)"/>).</summary>
    /// <param name="reader">A reader positioned at the header <c>time,funding_rate</c> (optionally <c>funding_interval_hours</c>).</param>
    /// <returns>The funding prints in file order (ascending time).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, or a row is malformed or out of order (the message gives the line and column).</exception>
    public static ImmutableArray<FundingEvent> ParseCsv(TextReader reader) => MarketCsv.ParseFundingCore(Preconditions.NotNull(reader), nameof(reader));

    /// <summary>Reads a Binance funding-rate CSV download (<c>calc_time,funding_interval_hours,last_funding_rate</c>).</summary>
    /// <param name="csv">The CSV text (header required).</param>
    /// <returns>The prints, ascending, each with the file's interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="csv"/> is null.</exception>
    /// <exception cref="ArgumentException">The header is missing, or a row is malformed or out of order (the message gives the line and column).</exception>
    public static ImmutableArray<FundingEvent> ParseBinanceCsv(string csv)
    {
        Preconditions.NotNull(csv);
        using var reader = new StringReader(csv);
        var header = reader.ReadLine();
        if (header is null) Preconditions.ThrowArgument(nameof(csv), "is empty: the header calc_time,funding_interval_hours,last_funding_rate is required");
        var cols = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();
        int ti = cols.IndexOf("calc_time"), hi = cols.IndexOf("funding_interval_hours"), ri = cols.IndexOf("last_funding_rate");
        if (ti < 0 || ri < 0)
            Preconditions.ThrowArgument(nameof(csv), $"has header '{header}'; a Binance funding download has calc_time,funding_interval_hours,last_funding_rate");
        var rows = new List<(DateTimeOffset T, decimal R, TimeSpan? I, int Line)>();
        Span<Range> r = stackalloc Range[8];
        int lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var span = line.AsSpan();
            if (span.IsWhiteSpace()) continue;
            int n = MarketParse.Split(span, r);
            if (n <= Math.Max(Math.Max(ti, ri), hi)) MarketParse.Fail(nameof(csv), lineNo, "last_funding_rate", $"the row has {n} fields");
            var t = MarketParse.Epoch(MarketParse.Long(span[r[ti]], nameof(csv), lineNo, "calc_time"), out _);
            MarketParse.Ascending(rows.Count > 0 ? rows[^1].T : default, t, rows.Count > 0, nameof(csv), lineNo, "calc_time");
            TimeSpan? iv = hi >= 0 ? TimeSpan.FromHours((double)MarketParse.Dec(span[r[hi]], nameof(csv), lineNo, "funding_interval_hours")) : null;
            rows.Add((t, MarketParse.Dec(span[r[ri]], nameof(csv), lineNo, "last_funding_rate"), iv, lineNo));
        }
        return Build(rows, nameof(csv), "last_funding_rate");
    }

    /// <summary>Reads Binance's REST funding history (<c>GET /fapi/v1/fundingRate</c>).</summary>
    /// <param name="json">The response: an array of <c>{fundingTime, fundingRate}</c> objects.</param>
    /// <returns>The prints, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, or a row is malformed or out of order (the message gives the row and field).</exception>
    public static ImmutableArray<FundingEvent> ParseBinanceJson(string json) => ParseObjects(json, null, null, "fundingTime", "fundingRate");

    /// <summary>Reads Bybit's funding history (<c>GET /v5/market/funding/history</c>).</summary>
    /// <param name="json">The response, its <c>result</c>, or the bare <c>list</c>.</param>
    /// <returns>The prints, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, or a row is malformed, repeated or out of order (the message gives the row and field).</exception>
    public static ImmutableArray<FundingEvent> ParseBybitJson(string json) => ParseObjects(json, "result", "list", "fundingRateTimestamp", "fundingRate");

    /// <summary>Reads OKX's funding history (<c>GET /api/v5/public/funding-rate-history</c>); the realized rate is used when present.</summary>
    /// <param name="json">The response or the bare <c>data</c> array.</param>
    /// <returns>The prints, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, or a row is malformed, repeated or out of order (the message gives the row and field).</exception>
    public static ImmutableArray<FundingEvent> ParseOkxJson(string json) => ParseObjects(json, null, "data", "fundingTime", "realizedRate", "fundingRate");

    private static ImmutableArray<FundingEvent> ParseObjects(string json, string? wrapper, string? listName, string timeField, string rateField, string? fallbackRate = null)
    {
        Preconditions.NotNull(json);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException ex) { throw new ArgumentException($"json is not valid JSON: {ex.Message}", nameof(json), ex); }
        using (doc)
        {
            var root = doc.RootElement;
            if (wrapper is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(wrapper, out var w)) root = w;
            if (listName is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(listName, out var l)) root = l;
            if (root.ValueKind != JsonValueKind.Array) Preconditions.ThrowArgument(nameof(json), $"must hold an array of funding rows ({timeField}, {rateField})");
            var rows = new List<(DateTimeOffset T, decimal R, TimeSpan? I, int Line)>();
            int row = 0;
            foreach (var e in root.EnumerateArray())
            {
                row++;
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(timeField, out var tp))
                    { MarketParse.FailRow(nameof(json), row, timeField, "is missing"); continue; }
                JsonElement rp = default;
                bool hasRate = e.TryGetProperty(rateField, out rp) && !(rp.ValueKind == JsonValueKind.String && string.IsNullOrEmpty(rp.GetString()));
                if (!hasRate && fallbackRate is not null) hasRate = e.TryGetProperty(fallbackRate, out rp);
                if (!hasRate) MarketParse.FailRow(nameof(json), row, rateField, "is missing");
                var t = MarketParse.Epoch(MarketParse.JsonLong(tp, nameof(json), row, timeField), out _);
                rows.Add((t, MarketParse.JsonDec(rp, nameof(json), row, rateField), null, row));
            }
            var ordered = MarketParse.Ascend(rows, x => x.T, nameof(json), timeField);
            return Build([.. ordered], nameof(json), rateField, json: true);
        }
    }

    internal static ImmutableArray<FundingEvent> Build(List<(DateTimeOffset T, decimal R, TimeSpan? I, int Line)> rows, string paramName, string rateColumn, TimeSpan? single = null, bool json = false)
    {
        var b = ImmutableArray.CreateBuilder<FundingEvent>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var (t, rate, given, line) = rows[i];
            TimeSpan? interval = given;
            if (interval is null)
            {
                TimeSpan? before = i > 0 ? t - rows[i - 1].T : null, after = i + 1 < rows.Count ? rows[i + 1].T - t : null;
                interval = before is null ? after ?? single : after is null ? before : (before < after ? before : after);
                if (interval is { } g && g > TimeSpan.FromDays(1)) interval = TimeSpan.FromDays(1);
            }
            if (interval is null)
                Preconditions.ThrowArgument(paramName, "holds a single funding print without its interval; it cannot be inferred");
            try { b.Add(new FundingEvent(t, rate, interval.Value)); }
            catch (ArgumentOutOfRangeException ex)
            {
                var why = ex.Message.Split(" (Parameter")[0];
                if (json) MarketParse.FailRow(paramName, line, ex.ParamName == "rate" ? rateColumn : "interval", why);
                MarketParse.Fail(paramName, line, ex.ParamName == "rate" ? rateColumn : "interval", why);
            }
        }
        return b.MoveToImmutable();
    }
}
