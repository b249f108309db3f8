using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One bucket of a rebalance: the futures hedge that restores its target exposure and, alternatively, the spot trade.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BucketRebalance
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal BucketRebalance(string name, bool isCash, decimal value, decimal targetValue, decimal hedgeNotional, decimal hedgeOpenFee, decimal effectiveExposure, decimal spotTrade, decimal spotFee)
    {
        Name = name;
        IsCash = isCash;
        Value = value;
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

    /// <summary>Current spot value (quote asset).</summary>
    public decimal Value { get; }

    /// <summary>Target weight × portfolio value.</summary>
    public decimal TargetValue { get; }

    /// <summary>Signed futures notional: positive = short (reduces exposure), negative = long (adds exposure); 0 for cash buckets.</summary>
    public decimal HedgeNotional { get; }

    /// <summary>|HedgeNotional| × futures fee rate: the fee to open the hedge (the same again to close it at the same price).</summary>
    public decimal HedgeOpenFee { get; }

    /// <summary>Exposure after the hedge: Value − HedgeNotional for risky buckets; cash plus its share of the synthetic cash for cash buckets (= TargetValue).</summary>
    public decimal EffectiveExposure { get; }

    /// <summary>Signed spot trade that would reach the target instead: positive = buy, negative = sell (quote asset).</summary>
    public decimal SpotTrade { get; }

    /// <summary>|SpotTrade| × spot fee rate for risky buckets; 0 for cash buckets (their trade is the other leg of the risky trades).</summary>
    public decimal SpotFee { get; }
}
