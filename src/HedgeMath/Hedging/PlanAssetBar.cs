using System.Collections.Immutable;
using HedgeMath.Engine;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>One asset's part of a <see cref="PlanBar"/> in a plan over several assets: its mark and last prices, spot close, funding prints and ATR.</summary>
/// <remarks>
/// The legs on a contract of this asset move, are stopped, liquidated and funded on these prices; the holdings of it are
/// valued at its spot close; conditions that name it (<see cref="PlanCondition.OnAsset"/>) read its closes. Immutable.
/// </remarks>
public readonly struct PlanAssetBar
{
    private readonly ImmutableArray<FundingPrint> _funding;

    private PlanAssetBar(string asset, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding, double atr)
    {
        Asset = asset; Price = price; SpotClose = spotClose; _funding = funding; Atr = atr;
    }

    /// <summary>Creates one asset's prices for a bar.</summary>
    /// <param name="asset">The asset (as the plan names it: a holding's asset or a leg's contract's base asset; any case).</param>
    /// <param name="price">The mark and last prices of the asset's perpetual over the bar, stamped at its close.</param>
    /// <param name="spotClose">The asset's spot close, &gt; 0.</param>
    /// <param name="funding">Funding prints of the asset's perpetual settled in the bar; none when default.</param>
    /// <param name="atr">The asset's average true range at the close (for its legs' ATR stops); NaN when unknown.</param>
    /// <returns>The asset's prices.</returns>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The price bar is the default, the spot close is not positive, the ATR is negative or infinite, or a funding print is the default.</exception>
    public static PlanAssetBar Create(string asset, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding = default, double atr = double.NaN)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        if (price.Low <= 0m) Preconditions.ThrowOutOfRange(nameof(price), price.Low, "must have positive prices (default(PriceBar) is not a bar)");
        Preconditions.Positive(spotClose);
        if (!double.IsNaN(atr) && !(atr >= 0d && double.IsFinite(atr))) Preconditions.ThrowOutOfRange(nameof(atr), atr, "must be finite and at least 0, or NaN when unknown");
        if (!funding.IsDefault)
            for (int i = 0; i < funding.Length; i++)
                if (funding[i].MarkPrice <= 0m) Preconditions.ThrowOutOfRange(nameof(funding), funding[i].MarkPrice, $"[{i}] has no mark price (default(FundingPrint) is not a print)");
        return new PlanAssetBar(asset, price, spotClose, funding.IsDefault ? [] : funding, atr);
    }

    /// <summary>The asset (null on <c>default(PlanAssetBar)</c>).</summary>
    public string Asset { get; }
    /// <summary>The mark and last prices, stamped at the close.</summary>
    public PriceBar Price { get; }
    /// <summary>The spot close.</summary>
    public decimal SpotClose { get; }
    /// <summary>The funding prints settled in the bar (never a default array).</summary>
    public ImmutableArray<FundingPrint> Funding => _funding.IsDefault ? [] : _funding;
    /// <summary>The average true range at the close, or NaN.</summary>
    public double Atr { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Asset}: spot {SpotClose}, last {Price.LastClose}");
}
