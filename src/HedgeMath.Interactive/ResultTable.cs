using System.Collections.Immutable;

namespace HedgeMath.Interactive;

/// <summary>
/// A result as a person reads it, as plain data: a title, named columns, rows of <see cref="TableValue"/>s (each says
/// what it is: money in an asset, a price to a tick, a percentage, a count, words), and facts (name, value) that hold
/// for the whole table. The <c>hedgemath</c> CLI prints one as text (or <c>--json</c>) and this package as HTML
/// (<see cref="ResultTableHtml.ToHtml"/>); <see cref="ResultTables"/> makes them from the library's results, so a
/// result shows the same rows everywhere. Immutable.
/// </summary>
public sealed class ResultTable
{
    /// <summary>Creates a table.</summary>
    /// <param name="title">The title.</param>
    /// <param name="columns">The column names.</param>
    /// <param name="rows">The rows, each with one value per column.</param>
    /// <param name="facts">Facts about the whole table (name, value); empty when null.</param>
    /// <exception cref="ArgumentNullException">A reference is null.</exception>
    /// <exception cref="ArgumentException">A row has not one value per column.</exception>
    public ResultTable(string title, IEnumerable<string> columns, IEnumerable<IEnumerable<TableValue>> rows, IEnumerable<KeyValuePair<string, TableValue>>? facts = null)
    {
        Title = Guard.NotNull(title);
        Columns = [.. Guard.NotNull(columns)];
        var built = ImmutableArray.CreateBuilder<ImmutableArray<TableValue>>();
        foreach (var row in Guard.NotNull(rows))
        {
            ImmutableArray<TableValue> r = [.. Guard.NotNull(row, nameof(rows))];
            if (r.Length != Columns.Length)
                Guard.ThrowArgument(nameof(rows), $"must have one value per column ({Columns.Length}); row {built.Count} has {r.Length}");
            built.Add(r);
        }
        Rows = built.ToImmutable();
        Facts = facts is null ? [] : [.. facts];
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The column names.</summary>
    public ImmutableArray<string> Columns { get; }

    /// <summary>The rows, each with one value per column.</summary>
    public ImmutableArray<ImmutableArray<TableValue>> Rows { get; }

    /// <summary>Facts about the whole table (name, value), in display order.</summary>
    public ImmutableArray<KeyValuePair<string, TableValue>> Facts { get; }
}
