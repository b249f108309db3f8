using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

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
