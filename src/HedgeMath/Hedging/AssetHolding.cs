using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>A holding of one asset assigned to a bucket, valued at a price.</summary>
/// <remarks>Value = quantity × price in the quote asset (USDT). Immutable and thread-safe.</remarks>
public sealed class AssetHolding
{
    /// <summary>Creates a holding.</summary>
    /// <param name="asset">Asset name, e.g. "BTC".</param>
    /// <param name="bucket">The bucket the asset belongs to.</param>
    /// <param name="quantity">Quantity held (≥ 0).</param>
    /// <param name="price">Price in the quote asset (&gt; 0; 1 for a stablecoin).</param>
    /// <exception cref="ArgumentException">An empty name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative quantity or a non-positive price.</exception>
    public AssetHolding(string asset, string bucket, decimal quantity, decimal price)
    {
        Asset = Preconditions.NotNullOrWhiteSpace(asset);
        Bucket = Preconditions.NotNullOrWhiteSpace(bucket);
        Quantity = Preconditions.NonNegative(quantity);
        Price = Preconditions.Positive(price);
        try { Value = quantity * price; }
        catch (OverflowException) { Preconditions.ThrowOutOfRange(nameof(quantity), quantity, $"times price {price} overflows decimal"); }
    }

    /// <summary>Asset name.</summary>
    public string Asset { get; }
    /// <summary>Bucket name.</summary>
    public string Bucket { get; }
    /// <summary>Quantity held.</summary>
    public decimal Quantity { get; }
    /// <summary>Price in the quote asset.</summary>
    public decimal Price { get; }
    /// <summary>Quantity × price, in the quote asset.</summary>
    public decimal Value { get; }
}
