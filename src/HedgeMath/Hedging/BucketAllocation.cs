using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One bucket's place in the portfolio: value, weight, target and drift.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BucketAllocation
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal BucketAllocation(string name, bool isCash, decimal value, decimal weight, decimal targetWeight, decimal drift, bool outsideBand)
    {
        Name = name;
        IsCash = isCash;
        Value = value;
        Weight = weight;
        TargetWeight = targetWeight;
        Drift = drift;
        OutsideBand = outsideBand;
    }

    /// <summary>Bucket name.</summary>
    public string Name { get; }

    /// <summary>True for a stable-value bucket.</summary>
    public bool IsCash { get; }

    /// <summary>Market value of the bucket's holdings (quote asset).</summary>
    public decimal Value { get; }

    /// <summary>Value / portfolio value.</summary>
    public decimal Weight { get; }

    /// <summary>The target weight.</summary>
    public decimal TargetWeight { get; }

    /// <summary>Weight − target (positive: overweight).</summary>
    public decimal Drift { get; }

    /// <summary>True when |drift| exceeds the tolerance band.</summary>
    public bool OutsideBand { get; }
}
