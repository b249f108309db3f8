using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        var rows = new JsonArray();
        foreach (var r in _rows)
        {
            var o = new JsonObject();
            for (int i = 0; i < columns.Length; i++) o[ReportSection.JsonKey(columns[i])] = Json.Value(r[i]);
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

/// <summary>A number and the rule that shows it in text (<see cref="Show"/>); <c>--json</c> writes <see cref="Value"/> unrounded.</summary>
internal readonly record struct Shown(decimal Value, ShownKind Kind, int Places);

/// <summary>
/// The one formatting rule of the CLI's text output (issue 22): quantities to the contract's lot step (or the asset's
/// precision for spot), prices to the tick, money to the cent of its asset (8 places for a coin), ratios and distances
/// as percentages with two decimals. A value is never rounded in <c>--json</c>. A bare decimal cell keeps at most 8
/// places (a coin's precision).
/// </summary>
internal static class Show
{
    /// <summary>Assets counted in cents: the quote currencies (a coin is shown to 8 places).</summary>
    private static readonly HashSet<string> Cents = new(StringComparer.OrdinalIgnoreCase) { "USD", "USDT", "USDC", "BUSD", "FDUSD", "TUSD", "DAI", "EUR" };

    /// <summary>True for an asset counted in cents (a fact with such a unit is money: shown to the cent).</summary>
    public static bool IsCents(string asset) => Cents.Contains(asset);

    /// <summary>A ratio or distance (0.0956) shown as a percentage ("9.56 %"); JSON keeps the ratio.</summary>
    public static Shown? Percent(decimal? ratio) => ratio is { } r ? new Shown(r, ShownKind.Percent, 2) : null;

    /// <summary>A ratio given as a double (statistics), shown as a percentage; null when not finite.</summary>
    public static Shown? Percent(double ratio) => double.IsFinite(ratio) && Math.Abs(ratio) < 7.9e26 ? Percent((decimal)ratio) : null;

    /// <summary>Money in an asset: 2 places for a quote currency, 8 for a coin.</summary>
    public static Shown? Money(decimal? amount, string asset) => amount is { } a ? new Shown(a, ShownKind.Places, Cents.Contains(asset) ? 2 : 8) : null;

    /// <summary>A price shown to its tick (the tick's decimal places).</summary>
    public static Shown? Price(decimal? price, decimal tickSize) => price is { } p ? new Shown(p, ShownKind.Places, PlacesOf(tickSize)) : null;

    /// <summary>A quantity shown to its lot step (or a spot asset's precision).</summary>
    public static Shown? Quantity(decimal? quantity, decimal step) => quantity is { } q ? new Shown(q, ShownKind.Places, PlacesOf(step)) : null;

    /// <summary>The decimal places of a step (0.001 → 3; 1 → 0; 0.5 → 1).</summary>
    public static int PlacesOf(decimal step) => step <= 0m ? 8 : Math.Min(8, (int)((decimal.GetBits(step / 1.000000000000000000000000000000000m)[3] >> 16) & 0xFF));

    public static string Text(Shown s) => s.Kind == ShownKind.Percent
        ? (Math.Abs(s.Value) > decimal.MaxValue / 100m ? s.Value.ToString("E3", CultureInfo.InvariantCulture)
            : Math.Round(s.Value * 100m, s.Places, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture) + " %")
        : Math.Round(s.Value, s.Places, MidpointRounding.AwayFromZero).ToString(s.Places == 0 ? "#,##0" : "#,##0." + new string('0', s.Places), CultureInfo.InvariantCulture);
}

/// <summary>Conversions of cell values for text and JSON output.</summary>
internal static class Json
{
    public static JsonNode? Value(object? v) => v switch
    {
        null => null,
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
        DateOnly dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
