namespace HedgeMath.Engine;

/// <summary>A book after a trade, and the fill.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TradeResult
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal TradeResult(HedgeBook book, TradeFill fill)
    {
        Book = book;
        Fill = fill;
    }

    /// <summary>The new book.</summary>
    public HedgeBook Book { get; }

    /// <summary>The fill (a zero fill when the request rounded to nothing).</summary>
    public TradeFill Fill { get; }
}
