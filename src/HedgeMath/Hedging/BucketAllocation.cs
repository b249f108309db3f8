using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>
/// One bucket of a <see cref="PortfolioAllocation"/>: its value, weight, target and drift, the futures hedge that restores
/// its target exposure (spot untouched) and, alternatively, the spot trade, with their fees.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BucketAllocation
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal BucketAllocation(string name, bool isCash, decimal value, decimal weight, decimal targetWeight, decimal drift, bool outsideBand,
        decimal targetValue, decimal hedgeNotional, decimal hedgeOpenFee, decimal effectiveExposure, decimal spotTrade, decimal spotFee)
    {
        Name = name;
        IsCash = isCash;
        Value = value;
        Weight = weight;
        TargetWeight = targetWeight;
        Drift = drift;
        OutsideBand = outsideBand;
        TargetValue = targetValue;
        HedgeNotional = hedgeNotional;
        HedgeOpenFee = hedgeOpenFee;
        EffectiveExposure = effectiveExposure;
        SpotTrade = spotTrade;
        SpotFee = spotFee;
    }

    /// <summary>Bucket name.</summary>
    public string Name { get; }

    /// <summary>True for a stable-value bucket (never hedged; it receives the synthetic cash of the shorts).</summary>
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

    /// <summary>Target weight × portfolio value.</summary>
    public decimal TargetValue { get; }

    /// <summary>Signed futures notional that restores the target: positive = short (reduces exposure), negative = long (adds exposure); 0 for cash buckets.</summary>
    public decimal HedgeNotional { get; }

    /// <summary>|HedgeNotional| × the futures fee rate: the fee to open the hedge (the same again to close it at the same price).</summary>
    public decimal HedgeOpenFee { get; }

    /// <summary>Exposure after the hedge: Value − HedgeNotional for risky buckets; cash plus its share of the synthetic cash for cash buckets (= TargetValue).</summary>
    public decimal EffectiveExposure { get; }

    /// <summary>Signed spot trade that would reach the target instead: positive = buy, negative = sell (quote asset).</summary>
    public decimal SpotTrade { get; }

    /// <summary>|SpotTrade| × the spot fee rate for risky buckets; 0 for cash buckets (their trade is the other leg of the risky trades).</summary>
    public decimal SpotFee { get; }

    /// <summary>The hedge notional in units of an asset at a price: <c>HedgeNotional / price</c>, the bucket's exact excess
    /// (positive: overweight, the units a sale would sell) when it holds one asset at that price, before any lot rounding.</summary>
    /// <param name="price">The asset's price in the quote asset, &gt; 0.</param>
    /// <returns>The signed units (positive = short/sell, as <see cref="HedgeNotional"/>); 0 for a cash bucket.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive, or so small that the units overflow decimal.</exception>
    public decimal HedgeUnitsAt(decimal price)
    {
        Preconditions.Positive(price);
        try { return HedgeNotional / price; }
        catch (OverflowException) { Preconditions.ThrowOutOfRange(nameof(price), price, "is so small that the units overflow decimal"); return 0m; }
    }
}
