using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>
/// The positions file: one isolated futures position a line, <c>side,quantity,entry,margin,mark[,leverage]</c> under that
/// header. <c>hedgemath positions import --out</c> writes it from an exchange account; <c>hedgemath risk --positions-csv</c>
/// reads it back and marks the book with <c>MarginBatch.Isolated</c>.
/// </summary>
/// <remarks>
/// <para>Columns: <c>side</c> is <c>long</c> or <c>short</c> (<c>buy</c>/<c>sell</c> accepted); <c>quantity</c> the position
/// size in the contract's unit (base units on a linear contract, contracts on an inverse one); <c>entry</c> and <c>mark</c>
/// prices in the quote asset; <c>margin</c> the isolated wallet in the settlement asset; <c>leverage</c> when the header has
/// that column (Bybit's Unified Trading Account rules need it). Every row has exactly the header's columns. Numbers are invariant-culture decimals (plain or exponent, no
/// thousands separators). The header is required, so a file without it never loses its first position; blank lines are
/// skipped; an empty file or a header without rows is an error.</para>
/// <para>This is HedgeMath's own interchange format between the exchange import and the batch risk view, not an exchange's
/// published one, so it lives with the import. Pure functions over a <see cref="TextReader"/>/<see cref="TextWriter"/>: no
/// file access. Thread-safe.</para>
/// </remarks>
public static class PositionsCsv
{
    /// <summary>The header <see cref="Write(TextWriter, IEnumerable{PositionsCsvRow})"/> writes (without the leverage column when no row has a leverage).</summary>
    public const string Header = "side,quantity,entry,margin,mark,leverage";

    private static readonly string[] Columns = ["side", "quantity", "entry", "margin", "mark", "leverage"];
    private const string Layout = "side,quantity,entry,margin,mark[,leverage]";

    /// <summary>Reads a positions file.</summary>
    /// <param name="reader">A reader positioned at the header.</param>
    /// <returns>The positions in file order (at least one).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">The file is empty, the header is missing or wrong, there are no rows, or a row is
    /// malformed: the message names the line and the column (<c>line 3, column 2 (quantity): 'abc' is not a number</c>).</exception>
    public static ImmutableArray<PositionsCsvRow> Parse(TextReader reader)
    {
        Internal.Check.NotNull(reader);
        string? header = reader.ReadLine();
        if (header is null)
            throw new ArgumentException($"the positions file is empty: expected the header {Layout} and a row per position.", nameof(reader));
        var names = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        if (!names.Take(5).SequenceEqual(Columns.Take(5)) || names.Length > 6 || (names.Length == 6 && names[5] != "leverage"))
            throw new ArgumentException($"line 1: expected the header {Layout}; got '{header}'.", nameof(reader));
        var rows = ImmutableArray.CreateBuilder<PositionsCsvRow>();
        bool withLeverage = names.Length == 6;
        int line = 1;
        string? raw;
        while ((raw = reader.ReadLine()) is not null)
        {
            line++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var f = raw.Split(',');
            // Exactly the header's columns: a price written with a thousands separator (40,000) splits into two fields and
            // would otherwise shift every later column by one (the mark read as the leverage).
            if (f.Length != names.Length)
                throw new ArgumentException($"line {line}: expected {names.Length} fields as in the header ({string.Join(',', Columns.Take(names.Length))}); got {f.Length} in '{raw}' (a number written with a thousands separator, e.g. 40,000, splits into two fields).", nameof(reader));
            rows.Add(new PositionsCsvRow(ParseSide(f[0], line), Number(f, 1, line), Number(f, 2, line), Number(f, 3, line), Number(f, 4, line),
                withLeverage ? Number(f, 5, line) : null));
        }
        if (rows.Count == 0) throw new ArgumentException("the positions file has a header but no rows.", nameof(reader));
        return rows.ToImmutable();
    }

    /// <summary>Writes a positions file that <see cref="Parse"/> reads back to the same rows.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="rows">The positions; a leverage on every row (the header gets the leverage column) or on none.</param>
    /// <remarks>Lines end with <c>\n</c>; numbers are written in the invariant culture exactly as held (no rounding).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="rows"/> is null, or a row is null.</exception>
    /// <exception cref="ArgumentException">Some rows have a leverage and others do not.</exception>
    public static void Write(TextWriter writer, IEnumerable<PositionsCsvRow> rows)
    {
        Internal.Check.NotNull(writer);
        Internal.Check.NotNull(rows);
        var list = rows.ToList();
        if (list.Any(r => r is null)) throw new ArgumentNullException(nameof(rows), "a row is null.");
        bool withLeverage = list.Count > 0 && list[0].Leverage is not null;
        int mixed = list.FindIndex(r => (r.Leverage is not null) != withLeverage);
        if (mixed >= 0)
            throw new ArgumentException($"row {mixed + 1} {(withLeverage ? "has no" : "has a")} leverage unlike the first: give a leverage on every row or on none.", nameof(rows));
        writer.Write(withLeverage ? Header : Header[..Header.LastIndexOf(',')]);
        writer.Write('\n');
        foreach (var r in list)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{(r.Side == Side.Long ? "long" : "short")},{r.Quantity},{r.EntryPrice},{r.Margin},{r.MarkPrice}"));
            if (r.Leverage is { } lev) writer.Write(string.Create(CultureInfo.InvariantCulture, $",{lev}"));
            writer.Write('\n');
        }
    }

    /// <summary>Writes a positions file to a string (see <see cref="Write(TextWriter, IEnumerable{PositionsCsvRow})"/>).</summary>
    /// <param name="rows">The positions.</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null, or a row is null.</exception>
    /// <exception cref="ArgumentException">Some rows have a leverage and others do not.</exception>
    public static string Write(IEnumerable<PositionsCsvRow> rows)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(w, rows);
        return w.ToString();
    }

    private static Side ParseSide(string text, int line) => text.Trim().ToLowerInvariant() switch
    {
        "long" or "buy" => Side.Long,
        "short" or "sell" => Side.Short,
        _ => throw new ArgumentException($"line {line}, column 1 (side): '{text.Trim()}' must be long or short.", "reader"),
    };

    private static decimal Number(string[] fields, int column, int line)
    {
        var text = fields[column].Trim();
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ArgumentException($"line {line}, column {column + 1} ({Columns[column]}): '{text}' is not a number.", "reader");
    }
}
