using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HedgeMath.Interactive;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Output;

/// <summary>
/// What a command prints: titled sections of facts (key, value, unit), tables and notes. Every command
/// builds one from library results and the renderer prints it either as readable text tables or, with
/// <c>--json</c>, as one JSON document. The CLI computes nothing itself.
/// </summary>
internal sealed class Report(string title)
{
    public string Title { get; } = title;
    public List<ReportSection> Sections { get; } = [];

    public ReportSection Section(string title)
    {
        var s = new ReportSection(title);
        Sections.Add(s);
        return s;
    }

    public void Write(TextWriter writer, bool json)
    {
        if (json) writer.WriteLine(ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else WriteText(writer);
    }

    public JsonObject ToJson()
    {
        var sections = new JsonArray();
        foreach (var s in Sections) sections.Add(s.ToJson());
        return new JsonObject { ["title"] = Title, ["sections"] = sections };
    }

    private void WriteText(TextWriter w)
    {
        w.WriteLine(Title);
        w.WriteLine(new string('=', Title.Length));
        foreach (var s in Sections) s.WriteText(w);
    }
}

internal sealed class ReportSection(string title)
{
    public string Title { get; } = title;
    private readonly List<(string Key, object? Value, string? Unit)> _facts = [];
    private readonly List<ReportTable> _tables = [];
    private readonly List<string> _notes = [];

    public ReportSection Fact(string key, object? value, string? unit = null)
    {
        _facts.Add((key, value, unit));
        return this;
    }

    public ReportSection Note(string text)
    {
        _notes.Add(text);
        return this;
    }

    public ReportTable Table(string? title, params string[] columns)
    {
        var t = new ReportTable(title, columns);
        _tables.Add(t);
        return t;
    }

    internal JsonObject ToJson()
    {
        var facts = new JsonObject();
        foreach (var (key, value, unit) in _facts)
        {
            facts[JsonKey(key)] = unit is null
                ? Json.Value(value)
                : new JsonObject { ["value"] = Json.Value(value), ["unit"] = unit };
        }
        var tables = new JsonArray();
        foreach (var t in _tables) tables.Add(t.ToJson());
        var notes = new JsonArray();
        foreach (var n in _notes) notes.Add(n);
        return new JsonObject { ["title"] = Title, ["facts"] = facts, ["tables"] = tables, ["notes"] = notes };
    }

    internal void WriteText(TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"## {Title}");
        if (_facts.Count > 0)
        {
            int width = _facts.Max(f => f.Key.Length);
            foreach (var (key, value, unit) in _facts)
                w.WriteLine($"  {key.PadRight(width)}  {Json.Text(value is decimal d && unit is not null && Show.IsCents(unit) ? Show.Money(d, unit) : value)}{(unit is null ? "" : " " + unit)}");
        }
        foreach (var t in _tables) t.WriteText(w);
        foreach (var n in _notes) w.WriteLine($"  * {n}");
    }

    /// <summary>
    /// The one camelCase rule for JSON keys: split the name into words at anything that is not a letter or digit; a word
    /// with no lower-case letter, or of at most four characters with two or more capitals, is an acronym and is lowered
    /// ("ROE" → roe, "PnL" → pnl, "USDT" → usdt); a longer camel-case name keeps its humps ("HedgeMath"); the first word
    /// starts lower-case, every other word upper-case: "ROE (Binance calculator)" → <c>roeBinanceCalculator</c>,
    /// "Net PnL" → <c>netPnl</c>, "HedgeMath liq." → <c>hedgeMathLiq</c>, "Hedge ratio" → <c>hedgeRatio</c>.
    /// </summary>
    internal static string JsonKey(string key)
    {
        var sb = new StringBuilder(key.Length);
        int start = -1;
        for (int i = 0; i <= key.Length; i++)
        {
            bool part = i < key.Length && char.IsLetterOrDigit(key[i]);
            if (part) { if (start < 0) start = i; continue; }
            if (start < 0) continue;
            var word = key.AsSpan(start, i - start);
            int capitals = 0, lower = 0;
            foreach (char c in word) { if (char.IsUpper(c)) capitals++; else if (char.IsLower(c)) lower++; }
            // An acronym: no lower-case letter (ROE, USDT, ETHUSDT), or a short word with two capitals (PnL, MMR);
            // a longer camel-case word is a name and keeps its humps (HedgeMath → hedgeMath).
            bool acronym = capitals > 0 && (lower == 0 || (capitals >= 2 && word.Length <= 4));
            for (int j = 0; j < word.Length; j++)
            {
                char c = word[j];
                sb.Append(j == 0 ? (sb.Length == 0 ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : acronym ? char.ToLowerInvariant(c) : c);
            }
            start = -1;
        }
        // A name without a letter or digit ("#") would give every row an empty key; name the column instead.
        return sb.Length > 0 ? sb.ToString() : throw new InvalidOperationException($"The report name '{key}' gives no JSON key.");
    }
}

internal sealed class ReportTable(string? title, string[] columns)
{
    private readonly List<object?[]> _rows = [];

    public ReportTable Row(params object?[] cells)
    {
        if (cells.Length != columns.Length)
            throw new InvalidOperationException($"Row has {cells.Length} cells; the table has {columns.Length} columns.");
        _rows.Add(cells);
        return this;
    }

    internal JsonObject ToJson()
    {
        // One key per column: "To stop" and "To stop %" would both be "toStop" (the second overwriting the first), so a
        // percentage column whose key another column has is "…Fraction" (its JSON value is the ratio, 0.324 for 32.40 %).
        var keys = columns.Select(ReportSection.JsonKey).ToArray();
        for (int i = 0; i < keys.Length; i++)
            if (columns[i].EndsWith(" %", StringComparison.Ordinal) && keys.Where((k, j) => j != i && k == keys[i]).Any()) keys[i] += "Fraction";
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
            throw new InvalidOperationException($"Two columns of the table '{title}' have one JSON key: {string.Join(", ", columns)}.");
        var rows = new JsonArray();
        foreach (var r in _rows)
        {
            var o = new JsonObject();
            for (int i = 0; i < columns.Length; i++) o[keys[i]] = Json.Value(r[i]);
            rows.Add(o);
        }
        return new JsonObject { ["title"] = title, ["rows"] = rows };
    }

    internal void WriteText(TextWriter w)
    {
        if (title is not null) { w.WriteLine(); w.WriteLine($"  {title}"); }
        var text = _rows.Select(r => r.Select(Json.Text).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Length, text.Count == 0 ? 0 : text.Max(r => r[i].Length))).ToArray();
        bool[] numeric = columns.Select((_, i) => _rows.All(r => r[i] is null || IsNumber(r[i]))).ToArray();
        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        w.WriteLine(Line(columns));
        w.WriteLine("  " + string.Join("  ", widths.Select(x => new string('-', x))));
        foreach (var r in text) w.WriteLine(Line(r));
    }

    private static bool IsNumber(object? v) => v is decimal or double or float or int or long or Shown;
}

/// <summary>How a number is shown in text; JSON keeps the value at full precision.</summary>
internal enum ShownKind { Percent, Places }

/// <summary>
/// A number and the rule that shows it in text (<see cref="Show"/>): a percentage, or a number to a count of decimal
/// places, rounded first to a multiple of <see cref="Step"/> (a tick or a lot step) when one is given, by
/// <see cref="Rounding"/>. <c>--json</c> writes the value unrounded (<see cref="Raw"/> when it came as a double).
/// </summary>
internal readonly record struct Shown(decimal Value, ShownKind Kind, int Places)
{
    /// <summary>The step the text rounds to (a tick, a lot step); 0: the places only.</summary>
    public decimal Step { get; init; }

    /// <summary>How the text rounds: to the nearest (midpoint away from zero), or truncated toward zero (a liquidation price, as exchanges display it).</summary>
    public MidpointRounding Rounding { get; init; } = MidpointRounding.AwayFromZero;

    /// <summary>The value as it came when it was a double (statistics): JSON writes it, not the decimal copy.</summary>
    public double? Raw { get; init; }

    /// <summary>A marker after the number in text ("L" liquidated, "S" stopped); JSON writes the value only.</summary>
    public string? Suffix { get; init; }

    /// <summary>True: up to <see cref="Places"/> decimals, trailing zeros dropped (a spot quantity: 66, 0.5, 146.84210526).</summary>
    public bool UpTo { get; init; }
}

/// <summary>
/// The one formatting rule of the CLI's text output (issue 22): quantities to the contract's lot step (or the asset's
/// precision, 8 places, for spot), prices to the tick (a liquidation price truncated to it, as exchanges display it),
/// money to the cent of its asset (8 places for a coin), ratios and distances as percentages with two decimals (rates
/// such as fees and funding with up to four). A value is never rounded in <c>--json</c>: ratios stay ratios there
/// (0.0956, not 9.56). A bare decimal cell keeps at most 8 places (a coin's precision).
/// </summary>
internal static class Show
{
    /// <summary>A spot asset's precision when no contract gives a lot step: 8 places (a coin's satoshi).</summary>
    public const int CoinPlaces = ValueFormat.CoinPlaces;

    /// <summary>True for an asset counted in cents (a fact with such a unit is money: shown to the cent).</summary>
    public static bool IsCents(string asset) => ValueFormat.IsCents(asset);

    /// <summary>A ratio or distance (0.0956) shown as a percentage ("9.56 %"); JSON keeps the ratio.</summary>
    public static Shown? Percent(decimal? ratio) => ratio is { } r ? new Shown(r, ShownKind.Percent, 2) : null;

    /// <summary>A ratio given as a double (statistics), shown as a percentage; null when not finite.</summary>
    public static Shown? Percent(double ratio) => ToDecimal(ratio) is { } d ? new Shown(d, ShownKind.Percent, 2) { Raw = ratio } : null;

    /// <summary>A rate (a fee rate, a funding rate per interval: 0.0005) as a percentage with up to four decimals ("0.05 %", "0.0125 %").</summary>
    public static Shown? Rate(decimal? rate) => rate is { } r ? new Shown(r, ShownKind.Percent, 4) : null;

    /// <summary>Money in an asset: 2 places for a quote currency, 8 for a coin.</summary>
    public static Shown? Money(decimal? amount, string asset) => amount is { } a ? new Shown(a, ShownKind.Places, MoneyPlaces(asset)) : null;

    /// <summary>Money given as a double (a statistic of many outcomes); null when not finite.</summary>
    public static Shown? Money(double amount, string asset) => ToDecimal(amount) is { } d ? new Shown(d, ShownKind.Places, MoneyPlaces(asset)) { Raw = amount } : null;

    /// <summary>A price shown to its tick (the tick's decimal places).</summary>
    public static Shown? Price(decimal? price, decimal tickSize) => price is { } p ? new Shown(p, ShownKind.Places, PlacesOf(tickSize)) : null;

    /// <summary>A price of a contract, rounded to its tick in text (nearest, or <see cref="MidpointRounding.ToZero"/>: truncated, as exchanges display a liquidation price).</summary>
    public static Shown? Price(decimal? price, Contract contract, MidpointRounding rounding = MidpointRounding.AwayFromZero) =>
        price is { } p ? new Shown(p, ShownKind.Places, PlacesOf(contract.TickSize)) { Step = contract.TickSize, Rounding = rounding } : null;

    /// <summary>A price given as a double (the batch path), rounded to the contract's tick in text; null when not finite.</summary>
    public static Shown? Price(double price, Contract contract, MidpointRounding rounding = MidpointRounding.AwayFromZero) =>
        ToDecimal(price) is { } d ? Price(d, contract, rounding)!.Value with { Raw = price } : null;

    /// <summary>A price without a contract (a candle series): to <paramref name="places"/> decimals, the series' own precision.</summary>
    public static Shown? Price(double price, int places) => ToDecimal(price) is { } d ? new Shown(d, ShownKind.Places, places) { Raw = price } : null;

    /// <summary>A quantity shown to its lot step (or a spot asset's precision).</summary>
    public static Shown? Quantity(decimal? quantity, decimal step) => quantity is { } q ? new Shown(q, ShownKind.Places, PlacesOf(step)) { Step = step > 0m ? step : 0m } : null;

    /// <summary>A futures quantity, to the contract's lot step.</summary>
    public static Shown? Quantity(decimal? quantity, Contract contract) => Quantity(quantity, contract.LotStep);

    /// <summary>A quantity given as a double (the batch path), to the contract's lot step; null when not finite.</summary>
    public static Shown? Quantity(double quantity, Contract contract) => ToDecimal(quantity) is { } d ? Quantity(d, contract.LotStep)!.Value with { Raw = quantity } : null;

    /// <summary>A spot quantity (no lot step): to the asset's precision, <see cref="CoinPlaces"/>.</summary>
    public static Shown? Coins(decimal? quantity) => quantity is { } q ? new Shown(q, ShownKind.Places, CoinPlaces) { UpTo = true } : null;

    /// <summary>A plain statistic (an RSI reading, a hedge ratio estimate) to a fixed number of places; null when not finite.</summary>
    public static Shown? Number(double value, int places) => ToDecimal(value) is { } d ? new Shown(d, ShownKind.Places, places) { Raw = value } : null;

    /// <summary>The decimal places of a step (0.001 → 3; 1 → 0; 0.5 → 1).</summary>
    public static int PlacesOf(decimal step) => ValueFormat.PlacesOf(step);

    private static int MoneyPlaces(string? asset) => ValueFormat.MoneyPlaces(asset);

    /// <summary>
    /// A value of the shared table model (<see cref="ResultTables"/>, the rows the notebooks show too) as a cell or fact
    /// of a report: the same rule as the factories above, by its kind (words stay words, a count an integer).
    /// </summary>
    public static object? Of(TableValue v)
    {
        if (v.Kind == ValueKind.Text) return v.Text;
        if (v.Number is not { } n) return null;
        Shown? shown = v.Kind switch
        {
            ValueKind.Count => null,
            ValueKind.Money => new Shown(n, ShownKind.Places, MoneyPlaces(v.Unit)) { Raw = v.Raw },
            ValueKind.Price => new Shown(n, ShownKind.Places, PlacesOf(v.Step)) { Step = v.Step, Rounding = v.Truncate ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero, Raw = v.Raw },
            ValueKind.Quantity => new Shown(n, ShownKind.Places, PlacesOf(v.Step)) { Step = v.Step, Raw = v.Raw },
            _ => new Shown(n, ShownKind.Percent, 2) { Raw = v.Raw },
        };
        if (shown is null) return (int)n;
        return v.Marker is null ? shown : shown.Value with { Suffix = v.Marker };
    }

    /// <summary>A table of the shared model as a report table (its columns and rows); its title and facts are the caller's to place.</summary>
    public static ReportTable Rows(ReportSection section, ResultTable table, string? title = null)
    {
        var t = section.Table(title, [.. table.Columns]);
        foreach (var row in table.Rows) t.Row([.. row.Select(Of)]);
        return t;
    }

    /// <summary>The facts of a table of the shared model as facts of a report section (money with its asset as the unit).</summary>
    public static ReportSection Facts(ReportSection section, ResultTable table)
    {
        foreach (var (key, v) in table.Facts) section.Fact(key, Of(v), v.Kind == ValueKind.Money ? v.Unit : null);
        return section;
    }

    private static decimal? ToDecimal(double x) => double.IsFinite(x) && Math.Abs(x) < 7.9e27 ? (decimal)x : null;

    public static string Text(Shown s)
    {
        string text = s.Kind == ShownKind.Percent
            ? ValueFormat.Percent(s.Value, s.Places)
            : ValueFormat.Number(s.Value, s.Places, s.Step, s.Rounding, s.UpTo);
        return s.Suffix is null ? text : text + " " + s.Suffix;
    }
}

/// <summary>Conversions of cell values for text and JSON output.</summary>
internal static class Json
{
    public static JsonNode? Value(object? v) => v switch
    {
        null => null,
        Shown { Raw: { } raw } => JsonValue.Create(raw),
        Shown s => JsonValue.Create(s.Value),
        decimal d => JsonValue.Create(d),
        double d when !double.IsFinite(d) => null,
        double d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        DateOnly dt => JsonValue.Create(dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture)),
        JsonNode n => n,
        _ => JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture)),
    };

    public static string Text(object? v) => v switch
    {
        null => "-",
        Shown s => Show.Text(s),
        decimal d => d.ToString("#,##0.########", CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "-",
        double d => d.ToString("#,##0.######", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        int i => i.ToString("#,##0", CultureInfo.InvariantCulture),
        long l => l.ToString("#,##0", CultureInfo.InvariantCulture),
        DateOnly dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
