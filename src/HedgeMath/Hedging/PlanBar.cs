using System.Collections.Immutable;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>One bar as a plan sees it: when it opened, its mark and last prices (a <see cref="PriceBar"/> stamped at its close), the spot close, the funding prints settled in it, the signals and the ATR at its close.</summary>
/// <remarks>
/// <para>Every clock (now, history, live) builds these; <see cref="PlanState.Step"/> is the one place a plan meets a bar.
/// A bar for a plan over several assets (<see cref="PlanDefinition.Assets"/>) carries every asset's prices
/// (<see cref="Assets"/>: one bar per asset, each made with <see cref="OfAsset"/>, joined by
/// <see cref="Create(DateTimeOffset, ImmutableArray{PlanBar}, SignalSet)"/>); its
/// <see cref="Price"/>, <see cref="SpotClose"/>, <see cref="Funding"/> and <see cref="Atr"/> are the first asset's. A bar
/// made with one asset's prices (<see cref="Create(DateTimeOffset, PriceBar, decimal, ImmutableArray{FundingPrint}, SignalSet, double)"/>)
/// is the plan's first asset's. Immutable.</para>
/// </remarks>
public readonly struct PlanBar
{
    private readonly ImmutableArray<PlanBar> _assets;

    private PlanBar(DateTimeOffset opens, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding, SignalSet signals, double atr,
        ImmutableArray<PlanBar> assets = default, string? asset = null)
    {
        Opens = opens; Price = price; SpotClose = spotClose; _funding = funding; Signals = signals; Atr = atr; _assets = assets; Asset = asset;
    }

    /// <summary>Creates one asset's part of a bar over several assets: its mark and last prices, spot close, funding prints and ATR.</summary>
    /// <param name="asset">The asset (as the plan names it: a holding's asset or a leg's contract's base asset; any case).</param>
    /// <param name="price">The mark and last prices of the asset's perpetual over the bar, stamped at its close.</param>
    /// <param name="spotClose">The asset's spot close, &gt; 0.</param>
    /// <param name="funding">Funding prints of the asset's perpetual settled in the bar; none when default.</param>
    /// <param name="atr">The asset's average true range at the close (for its legs' ATR stops); NaN when unknown.</param>
    /// <returns>The asset's part (its <see cref="Opens"/> is set by <see cref="Create(DateTimeOffset, ImmutableArray{PlanBar}, SignalSet)"/>, which joins the parts).</returns>
    /// <remarks>The legs on a contract of this asset move, are stopped, liquidated and funded on these prices; the holdings of it are
    /// valued at its spot close; conditions that name it (<see cref="PlanCondition.OnAsset"/>) read its closes.</remarks>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The price bar is the default, the spot close is not positive, the ATR is negative or infinite, or a funding print is the default.</exception>
    public static PlanBar OfAsset(string asset, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding = default, double atr = double.NaN)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        CheckPrices(price, spotClose, funding, atr);
        return new PlanBar(default, price, spotClose, funding.IsDefault ? [] : funding, default, atr, asset: asset);
    }

    private static void CheckPrices(PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding, double atr)
    {
        if (price.Low <= 0m) Preconditions.ThrowOutOfRange(nameof(price), price.Low, "must have positive prices (default(PriceBar) is not a bar)");
        Preconditions.Positive(spotClose);
        if (!double.IsNaN(atr) && !(atr >= 0d && double.IsFinite(atr))) Preconditions.ThrowOutOfRange(nameof(atr), atr, "must be finite and at least 0, or NaN when unknown");
        if (!funding.IsDefault)
            for (int i = 0; i < funding.Length; i++)
                if (funding[i].MarkPrice <= 0m) Preconditions.ThrowOutOfRange(nameof(funding), funding[i].MarkPrice, $"[{i}] has no mark price (default(FundingPrint) is not a print)");
    }

    /// <summary>Creates a bar of several assets' prices (a plan over several assets), all stamped at one close.</summary>
    /// <param name="opens">When the bar opened (UTC).</param>
    /// <param name="assets">Each asset's prices (<see cref="OfAsset"/>; at least one, distinct assets, every price bar stamped at the same close after <paramref name="opens"/>); the first is the bar's <see cref="Price"/> and <see cref="SpotClose"/>.</param>
    /// <param name="signals">The signals at the close (the plan's first asset's); default: none active.</param>
    /// <returns>The bar.</returns>
    /// <exception cref="ArgumentException">No asset, a default or repeated asset, or price bars stamped at different closes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The first price bar closes before the bar opens.</exception>
    public static PlanBar Create(DateTimeOffset opens, ImmutableArray<PlanBar> assets, SignalSet signals = default)
    {
        if (assets.IsDefaultOrEmpty) Preconditions.ThrowArgument(nameof(assets), "must carry at least one asset's prices");
        for (int i = 0; i < assets.Length; i++)
        {
            if (assets[i].Asset is null) Preconditions.ThrowArgument(nameof(assets), $"[{i}] is not an asset's part: create it with PlanBar.OfAsset");
            if (assets[i].Price.Time != assets[0].Price.Time)
                Preconditions.ThrowArgument(nameof(assets), FormattableString.Invariant(
                    $"[{i}] ({assets[i].Asset}) closes at {assets[i].Price.Time:yyyy-MM-ddTHH:mm:ssZ}, but [0] ({assets[0].Asset}) at {assets[0].Price.Time:yyyy-MM-ddTHH:mm:ssZ}: one bar, one close"));
            for (int j = 0; j < i; j++)
                if (string.Equals(assets[i].Asset, assets[j].Asset, StringComparison.OrdinalIgnoreCase))
                    Preconditions.ThrowArgument(nameof(assets), $"[{i}] repeats {assets[i].Asset} (also [{j}])");
        }
        var a0 = assets[0];
        if (a0.Price.Time <= opens) Preconditions.ThrowOutOfRange(nameof(assets), a0.Price.Time, "must be stamped at the bar's close, after it opens");
        // Each part opens when the bar does.
        var parts = new PlanBar[assets.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            var a = assets[i];
            parts[i] = new PlanBar(opens, a.Price, a.SpotClose, a.Funding, default, a.Atr, asset: a.Asset);
        }
        return new PlanBar(opens, a0.Price, a0.SpotClose, a0.Funding, signals, a0.Atr, System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(parts));
    }

    /// <summary>Each asset's part (a bar of several assets, in the order given), each with its <see cref="Asset"/>; empty for a bar made with one asset's prices.</summary>
    public ImmutableArray<PlanBar> Assets => _assets.IsDefault ? [] : _assets;

    /// <summary>The asset of an asset's part (<see cref="OfAsset"/>, an entry of <see cref="Assets"/>); null for a whole bar.</summary>
    public string? Asset { get; }

    /// <summary>An asset's price bar and spot close: its entry in <see cref="Assets"/>, or the bar's own prices for a bar of one asset (or an asset it does not carry).</summary>
    internal (PriceBar Price, decimal SpotClose) PricesOf(string asset)
    {
        int j = IndexOf(asset);
        return j < 0 ? (Price, SpotClose) : (_assets[j].Price, _assets[j].SpotClose);
    }

    /// <summary>The index in <see cref="Assets"/> of an asset's prices (any case), or −1.</summary>
    internal int IndexOf(string asset)
    {
        if (_assets.IsDefault) return -1;
        for (int i = 0; i < _assets.Length; i++) if (string.Equals(_assets[i].Asset, asset, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Creates a bar.</summary>
    /// <param name="opens">When the bar opened (UTC).</param>
    /// <param name="price">The mark and last prices over the bar, stamped at its close (after <paramref name="opens"/>).</param>
    /// <param name="spotClose">The spot close, &gt; 0 (the holding's value and the conditions' price).</param>
    /// <param name="funding">Funding prints settled in the bar (at their marks); none when default.</param>
    /// <param name="signals">The signals at the close; default: none active.</param>
    /// <param name="atr">The average true range at the close (for ATR stops); NaN when unknown.</param>
    /// <returns>The bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The price bar is the default, closes before it opens, the spot close is not positive, the ATR is negative or infinite, or a funding print is the default.</exception>
    public static PlanBar Create(DateTimeOffset opens, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding = default,
        SignalSet signals = default, double atr = double.NaN)
    {
        if (price.Low <= 0m) Preconditions.ThrowOutOfRange(nameof(price), price.Low, "must have positive prices (default(PriceBar) is not a bar)");
        if (price.Time <= opens) Preconditions.ThrowOutOfRange(nameof(price), price.Time, "must be stamped at the bar's close, after it opens");
        CheckPrices(price, spotClose, funding, atr);
        return new PlanBar(opens, price, spotClose, funding.IsDefault ? [] : funding, signals, atr);
    }

    /// <summary>
    /// <see cref="Create(DateTimeOffset, PriceBar, decimal, ImmutableArray{FundingPrint}, SignalSet, double)"/> without its checks, for
    /// a clock whose prices are validated candles' (a <see cref="HedgeMath.Scenarios.MarketHistory"/>'s or a live feed's: positive,
    /// the high and low bounding the open and close, stamped at the close after the open; the prints at a candle's open; the ATR
    /// an <see cref="Atr"/>'s, finite and ≥ 0 or NaN). <paramref name="funding"/> is not the default.
    /// </summary>
    internal static PlanBar Unchecked(DateTimeOffset opens, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding, SignalSet signals, double atr) =>
        new(opens, price, spotClose, funding, signals, atr);

    /// <summary>When the bar opened.</summary>
    public DateTimeOffset Opens { get; }
    /// <summary>The mark and last prices, stamped at the close.</summary>
    public PriceBar Price { get; }
    /// <summary>The spot close.</summary>
    public decimal SpotClose { get; }
    private readonly ImmutableArray<FundingPrint> _funding;

    /// <summary>The funding prints settled in the bar (empty on <c>default(PlanBar)</c>, never a default array).</summary>
    public ImmutableArray<FundingPrint> Funding => _funding.IsDefault ? [] : _funding;
    /// <summary>The signals at the close.</summary>
    public SignalSet Signals { get; }
    /// <summary>The average true range at the close, or NaN.</summary>
    public double Atr { get; }
    /// <summary>The bar's length (close − open).</summary>
    public TimeSpan Interval => Price.Time - Opens;
}
