using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One entry of a scale-in ladder: a price and the quantity bought there (or the rest of a planned size).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class LadderEntry
{
    private LadderEntry(decimal price, decimal quantity, bool rest, decimal? stopPrice)
    { Price = price; Quantity = quantity; IsRemainder = rest; StopPrice = stopPrice; }

    /// <summary>The entry price.</summary>
    public decimal Price { get; }
    /// <summary>The quantity bought here (0 for a remainder entry until resolved).</summary>
    public decimal Quantity { get; }
    /// <summary>True when this entry buys whatever is left of the planned size.</summary>
    public bool IsRemainder { get; }
    /// <summary>The stop for the whole position once this rung is in (below the entry: the cut rule); null: none.</summary>
    public decimal? StopPrice { get; }

    /// <summary>Buys a quantity at a price, optionally with a stop for the whole position after this rung.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <param name="quantity">The quantity (linear: base units; inverse: contracts; spot: units), &gt; 0.</param>
    /// <param name="stopPrice">The stop after this rung, in (0, price); null for none.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive, or the stop is not below the price.</exception>
    public static LadderEntry At(decimal price, decimal quantity, decimal? stopPrice = null) =>
        new(Preconditions.Positive(price), Preconditions.Positive(quantity), false, CheckStop(price, stopPrice));

    /// <summary>Buys the rest of the planned size at a price (must be the last entry), optionally with a stop.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <param name="stopPrice">The stop after this rung, in (0, price); null for none.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive, or the stop is not below it.</exception>
    public static LadderEntry Rest(decimal price, decimal? stopPrice = null) => new(Preconditions.Positive(price), 0m, true, CheckStop(price, stopPrice));

    private static decimal? CheckStop(decimal price, decimal? stopPrice)
    {
        if (stopPrice is { } s && (s <= 0m || s >= price))
            Preconditions.ThrowOutOfRange(nameof(stopPrice), s, $"must be in (0, {price}): a long's stop is below its entry");
        return stopPrice;
    }
}
