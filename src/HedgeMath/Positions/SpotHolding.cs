using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>A spot holding: an asset, a quantity and its average cost in a quote asset.</summary>
/// <remarks>
/// Quantity ≥ 0 in the asset; average cost ≥ 0 in the quote asset per unit. Buying moves the average cost to the
/// quantity-weighted mean; selling realizes <c>q · (price − average cost)</c> and leaves the average unchanged.
/// Immutable and thread-safe.
/// </remarks>
public sealed class SpotHolding
{
    private SpotHolding(string asset, decimal quantity, decimal averageCost, string quoteAsset)
    {
        Asset = asset; Quantity = quantity; AverageCost = averageCost; QuoteAsset = quoteAsset;
    }

    /// <summary>The asset held, e.g. <c>BTC</c>.</summary>
    public string Asset { get; }
    /// <summary>The quantity held, ≥ 0.</summary>
    public decimal Quantity { get; }
    /// <summary>The average cost per unit in <see cref="QuoteAsset"/>.</summary>
    public decimal AverageCost { get; }
    /// <summary>The asset costs are measured in, e.g. <c>USDT</c>.</summary>
    public string QuoteAsset { get; }
    /// <summary>The cost basis <c>quantity · average cost</c> in <see cref="QuoteAsset"/>.</summary>
    public decimal CostBasis => Quantity * AverageCost;

    /// <summary>Creates a holding.</summary>
    /// <param name="asset">The asset, e.g. <c>BTC</c>.</param>
    /// <param name="quantity">The quantity, ≥ 0.</param>
    /// <param name="averageCost">The average cost per unit, ≥ 0.</param>
    /// <param name="quoteAsset">The cost currency; <c>USDT</c> by default.</param>
    /// <returns>The holding.</returns>
    /// <exception cref="ArgumentException">A string is empty, a number is negative, or the cost basis overflows decimal.</exception>
    public static SpotHolding Create(string asset, decimal quantity, decimal averageCost, string quoteAsset = "USDT")
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        Preconditions.NonNegative(quantity);
        Preconditions.NonNegative(averageCost);
        Preconditions.NotNullOrWhiteSpace(quoteAsset);
        try { _ = quantity * averageCost; }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); }
        return new SpotHolding(asset, quantity, averageCost, quoteAsset);
    }

    /// <summary>The market value at a price, in <see cref="QuoteAsset"/>.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <returns><c>quantity · price</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="price"/> is not positive or the value overflows decimal.</exception>
    public decimal Value(decimal price)
    {
        Preconditions.Positive(price);
        try { return Quantity * price; }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(price), price, ex); return 0m; }
    }

    /// <summary>The unrealized PnL at a price: <c>quantity · (price − average cost)</c>, in <see cref="QuoteAsset"/>.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <returns>The unrealized PnL (positive is a gain).</returns>
    /// <exception cref="ArgumentException"><paramref name="price"/> is not positive or the value overflows decimal.</exception>
    public decimal UnrealizedPnl(decimal price) => Value(price) - CostBasis;

    /// <summary>Buys more at a price; the average cost becomes the quantity-weighted mean.</summary>
    /// <param name="quantity">The quantity bought, &gt; 0.</param>
    /// <param name="price">The price paid per unit, &gt; 0.</param>
    /// <returns>The new holding.</returns>
    /// <exception cref="ArgumentException">A value is not positive or the result overflows decimal.</exception>
    public SpotHolding Buy(decimal quantity, decimal price)
    {
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        try
        {
            var q = Quantity + quantity;
            return new SpotHolding(Asset, q, (CostBasis + quantity * price) / q, QuoteAsset);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return this; }
    }

    /// <summary>Sells part of the holding at a price.</summary>
    /// <param name="quantity">The quantity sold, in (0, <see cref="Quantity"/>].</param>
    /// <param name="price">The price per unit, &gt; 0.</param>
    /// <returns>The remaining holding and the realized PnL <c>q · (price − average cost)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is not positive or exceeds the holding.</exception>
    public (SpotHolding Remaining, decimal RealizedPnl) Sell(decimal quantity, decimal price)
    {
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        if (quantity > Quantity)
            Preconditions.ThrowOutOfRange(nameof(quantity), quantity, string.Create(CultureInfo.InvariantCulture, $"must not exceed the holding of {Quantity} {Asset}"));
        try { return (new SpotHolding(Asset, Quantity - quantity, AverageCost, QuoteAsset), quantity * (price - AverageCost)); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return default; }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Quantity} {Asset} @ {AverageCost} {QuoteAsset}");
}
