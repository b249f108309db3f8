using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>A trader's whole book: wallet balances per asset, spot holdings and futures positions.</summary>
/// <remarks>
/// <para>Wallet balances are the cross wallets per settlement asset (isolated margins are held by their positions).
/// Cross positions of one settlement asset share that asset's wallet (<see cref="CrossAccountFor"/>). One-way mode
/// allows one position per symbol; hedge mode one long and one short. Immutable and thread-safe.</para>
/// </remarks>
public sealed class Account
{
    private Account(PositionMode mode, ImmutableDictionary<string, decimal> wallets, ImmutableArray<SpotHolding> spot, ImmutableArray<Position> positions)
    {
        PositionMode = mode; WalletBalances = wallets; Spot = spot; Positions = positions;
    }

    /// <summary>One-way or hedge mode.</summary>
    public PositionMode PositionMode { get; }
    /// <summary>Cross wallet balance per settlement asset.</summary>
    public ImmutableDictionary<string, decimal> WalletBalances { get; }
    /// <summary>The spot holdings.</summary>
    public ImmutableArray<SpotHolding> Spot { get; }
    /// <summary>The futures positions (isolated and cross).</summary>
    public ImmutableArray<Position> Positions { get; }

    /// <summary>Creates a validated account.</summary>
    /// <param name="walletBalances">Cross wallet balance per asset, each ≥ 0.</param>
    /// <param name="spot">Spot holdings (null for none).</param>
    /// <param name="positions">Futures positions (null for none).</param>
    /// <param name="mode">One-way (default) or hedge mode.</param>
    /// <returns>The account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="walletBalances"/> is null.</exception>
    /// <exception cref="ArgumentException">A balance is negative, an element is null, or the positions break the position mode.</exception>
    public static Account Create(IReadOnlyDictionary<string, decimal> walletBalances, IEnumerable<SpotHolding>? spot = null,
        IEnumerable<Position>? positions = null, PositionMode mode = PositionMode.OneWay)
    {
        Preconditions.NotNull(walletBalances);
        Preconditions.Defined(mode);
        foreach (var kv in walletBalances)
        {
            if (string.IsNullOrWhiteSpace(kv.Key)) Preconditions.ThrowArgument(nameof(walletBalances), "has an empty asset name");
            if (kv.Value < 0m) Preconditions.ThrowOutOfRange(nameof(walletBalances), kv.Value, $"must hold balances of 0 or more; {kv.Key} is negative");
        }
        var s = (spot ?? []).ToImmutableArray();
        for (int i = 0; i < s.Length; i++) if (s[i] is null) Preconditions.ThrowArgument(nameof(spot), $"contains null at index {i}");
        var p = (positions ?? []).ToImmutableArray();
        for (int i = 0; i < p.Length; i++) if (p[i] is null) Preconditions.ThrowArgument(nameof(positions), $"contains null at index {i}");
        CheckPositionMode(p, mode, nameof(positions));
        return new Account(mode, walletBalances.ToImmutableDictionary(), s, p);
    }

    /// <summary>The cross account of one settlement asset: its wallet balance and the cross positions settling in it.</summary>
    /// <param name="settlementAsset">The asset, e.g. <c>USDT</c>.</param>
    /// <returns>The cross account (wallet 0 when the asset has no balance).</returns>
    /// <exception cref="ArgumentException"><paramref name="settlementAsset"/> is empty.</exception>
    public CrossAccount CrossAccountFor(string settlementAsset)
    {
        Preconditions.NotNullOrWhiteSpace(settlementAsset);
        var wallet = WalletBalances.TryGetValue(settlementAsset, out var w) ? w : 0m;
        var cross = Positions.Where(p => p.MarginMode == MarginMode.Cross && p.SettlementAsset == settlementAsset);
        return CrossAccount.Create(settlementAsset, wallet, cross, PositionMode);
    }

    /// <summary>The value of the whole book in one valuation currency.</summary>
    /// <param name="assetPrices">Price of each asset in the valuation currency (e.g. <c>USDT → 1</c>, <c>BTC → 50000</c>); every wallet, spot and settlement asset must be present.</param>
    /// <param name="markPrices">Mark price of each position's symbol.</param>
    /// <returns>
    /// The breakdown, all in the valuation currency: <c>Wallets</c> (cross wallet balances), <c>Spot</c> (spot holdings at
    /// their prices), <c>IsolatedMargins</c> (isolated margins held by positions), <c>UnrealizedPnl</c> (of all futures
    /// positions at their marks) and <c>Total</c>, their sum: what the account is worth if everything were closed at these
    /// prices (before fees).
    /// </returns>
    /// <exception cref="ArgumentException">A price is missing or not positive, or a value overflows decimal.</exception>
    public (decimal Wallets, decimal Spot, decimal IsolatedMargins, decimal UnrealizedPnl, decimal Total) Value(IReadOnlyDictionary<string, decimal> assetPrices, IReadOnlyDictionary<string, decimal> markPrices)
    {
        Preconditions.NotNull(assetPrices);
        Preconditions.NotNull(markPrices);
        try
        {
            decimal wallets = 0m, spotValue = 0m, margins = 0m, upnl = 0m;
            foreach (var kv in WalletBalances) if (kv.Value != 0m) wallets += kv.Value * Price(assetPrices, kv.Key, nameof(assetPrices));
            foreach (var h in Spot) spotValue += h.Quantity * Price(assetPrices, h.Asset, nameof(assetPrices));
            foreach (var p in Positions)
            {
                var px = Price(assetPrices, p.SettlementAsset, nameof(assetPrices));
                var mark = Price(markPrices, p.Contract.Symbol, nameof(markPrices));
                margins += p.IsolatedMargin * px;
                upnl += p.UnrealizedPnl(mark) * px;
            }
            return (wallets, spotValue, margins, upnl, wallets + spotValue + margins + upnl);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(assetPrices), "a price", ex); return default; }
        catch (ArgumentException e) when (e.ParamName is not (nameof(assetPrices) or nameof(markPrices)))
        {
            // Position.UnrealizedPnl rejected a mark (its markPrice): the mark came from markPrices.
            throw Preconditions.Renamed(e, nameof(markPrices), null);
        }
    }

    private static decimal Price(IReadOnlyDictionary<string, decimal> prices, string key, string paramName)
    {
        if (!prices.TryGetValue(key, out var v)) Preconditions.ThrowArgument(paramName, $"has no price for '{key}'");
        if (v <= 0m) Preconditions.ThrowOutOfRange(paramName, v, $"must hold positive prices; '{key}' is not");
        return v;
    }

    internal static void CheckPositionMode(ImmutableArray<Position> positions, PositionMode mode, string paramName)
    {
        for (int i = 0; i < positions.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (positions[i].Contract.Symbol != positions[j].Contract.Symbol) continue;
                if (mode == PositionMode.OneWay)
                    Preconditions.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture,
                        $"holds two positions on {positions[i].Contract.Symbol} (indexes {j} and {i}); one-way mode allows one per symbol (use hedge mode for a long and a short)"));
                if (positions[i].Side == positions[j].Side)
                    Preconditions.ThrowArgument(paramName, string.Create(CultureInfo.InvariantCulture,
                        $"holds two {positions[i].Side} positions on {positions[i].Contract.Symbol} (indexes {j} and {i}); hedge mode allows one long and one short per symbol"));
            }
        }
    }
}
