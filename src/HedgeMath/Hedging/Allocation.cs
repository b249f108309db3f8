using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>One bucket of an allocation (e.g. core BTC/ETH, satellite altcoins, buffer stablecoins) and its target weight.</summary>
/// <remarks>
/// A cash bucket (stablecoins, fiat) has a stable value and no futures to hedge it with; a short hedge on
/// a risky bucket turns that exposure into synthetic cash. Immutable and thread-safe.
/// </remarks>
public sealed class BucketTarget
{
    /// <summary>Creates a bucket target.</summary>
    /// <param name="name">Bucket name (non-empty; unique within an <see cref="AllocationTargets"/>, compared ordinally ignoring case).</param>
    /// <param name="weight">Target weight as a fraction of the portfolio, in [0, 1].</param>
    /// <param name="isCash">True for a stable-value bucket (stablecoins) that is not hedged with futures.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is outside [0, 1].</exception>
    public BucketTarget(string name, decimal weight, bool isCash = false)
    {
        Name = Preconditions.NotNullOrWhiteSpace(name);
        Weight = Preconditions.InRange(weight, 0m, 1m);
        IsCash = isCash;
    }

    /// <summary>Bucket name.</summary>
    public string Name { get; }
    /// <summary>Target weight (fraction of the portfolio value).</summary>
    public decimal Weight { get; }
    /// <summary>True for a stable-value bucket.</summary>
    public bool IsCash { get; }
}

/// <summary>A validated set of bucket targets whose weights sum to 1, with a tolerance band for drift.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AllocationTargets
{
    /// <summary>The largest |Σ weights − 1| accepted (so that thirds written to 6 decimals pass).</summary>
    public const decimal WeightSumTolerance = 0.000001m;

    private AllocationTargets(ImmutableArray<BucketTarget> buckets, decimal toleranceBand)
    {
        Buckets = buckets;
        ToleranceBand = toleranceBand;
    }

    /// <summary>The buckets in the order given.</summary>
    public ImmutableArray<BucketTarget> Buckets { get; }

    /// <summary>The absolute drift (fraction of the portfolio) a bucket may have before it counts as outside its band, e.g. 0.05 = ±5 percentage points.</summary>
    public decimal ToleranceBand { get; }

    /// <summary>Creates targets.</summary>
    /// <param name="buckets">At least one bucket; names unique; weights summing to 1 (within <see cref="WeightSumTolerance"/>).</param>
    /// <param name="toleranceBand">Allowed absolute drift per bucket, in [0, 1] (default 0.05).</param>
    /// <returns>The validated targets.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="buckets"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">No buckets, a duplicate name, or weights that do not sum to 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toleranceBand"/> is outside [0, 1].</exception>
    public static AllocationTargets Create(IEnumerable<BucketTarget> buckets, decimal toleranceBand = 0.05m)
    {
        Preconditions.NotNull(buckets);
        Preconditions.InRange(toleranceBand, 0m, 1m);
        var list = buckets.ToImmutableArray();
        if (list.IsEmpty) Preconditions.ThrowArgument(nameof(buckets), "must contain at least one bucket");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        decimal sum = 0m;
        foreach (var b in list)
        {
            if (b is null) Preconditions.ThrowArgument(nameof(buckets), "must not contain null");
            if (!names.Add(b.Name)) Preconditions.ThrowArgument(nameof(buckets), $"has the bucket name '{b.Name}' twice; names must be unique");
            sum += b.Weight;
        }
        if (Math.Abs(sum - 1m) > WeightSumTolerance)
            Preconditions.ThrowArgument(nameof(buckets), $"has weights summing to {sum}; target weights must sum to 1");
        return new AllocationTargets(list, toleranceBand);
    }

    /// <summary>Finds a bucket by name (ordinal, ignoring case).</summary>
    /// <param name="name">The bucket name.</param>
    /// <returns>The bucket.</returns>
    /// <exception cref="ArgumentException">No bucket has that name.</exception>
    public BucketTarget Bucket(string name)
    {
        Preconditions.NotNull(name);
        foreach (var b in Buckets) if (string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)) return b;
        Preconditions.ThrowArgument(nameof(name), $"'{name}' is not one of the buckets ({string.Join(", ", Buckets.Select(x => x.Name))})");
        return null!;
    }
}

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

/// <summary>What "hedge X %" is a percentage of — both readings are in use and they give different sizes.</summary>
/// <remarks>
/// Holding a bucket worth H in a portfolio worth P, "hedge 20 %" means either a short of 0.20·H (a fifth
/// of that holding is protected: <see cref="OfHolding"/>) or a short of 0.20·P (the portfolio's exposure
/// falls by 20 percentage points: <see cref="OfPortfolio"/>). With H = 50 and P = 100 the first is 10 and
/// the second 20. The second exceeds the holding (a net short) once the fraction is above H/P.
/// </remarks>
public enum HedgeFractionBasis
{
    /// <summary>The fraction is of the value of the holding being hedged: notional = fraction × holding value.</summary>
    OfHolding = 0,
    /// <summary>The fraction is of the whole portfolio value: notional = fraction × portfolio value.</summary>
    OfPortfolio = 1,
}
