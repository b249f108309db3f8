using System.Diagnostics.CodeAnalysis;

namespace HedgeMath.Scenarios;

/// <summary>
/// The one lookup of a plan asset's entry in a map keyed by asset name (a replay's histories, <see cref="PlanHistory"/>'s
/// and <see cref="ReplayResult.AssetMoves"/>' <c>markets</c>; the live clock's candles and funding, <see cref="PlanLive.PushAssets"/>): the key as given first, else the first key equal to it
/// ignoring case (ordinal), so <c>"btc"</c> finds <c>BTC</c>'s history whatever comparer the caller's dictionary uses.
/// </summary>
internal static class AssetLookup
{
    /// <summary>Finds <paramref name="asset"/>'s entry in <paramref name="map"/>.</summary>
    /// <returns>True and the entry when a key matches (exactly, else ignoring case); false when none does.</returns>
    internal static bool TryFind<T>(IReadOnlyDictionary<string, T> map, string asset, [MaybeNullWhen(false)] out T value)
    {
        if (map.TryGetValue(asset, out value)) return true;
        foreach (var (key, v) in map)
        {
            if (string.Equals(key, asset, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }
}
