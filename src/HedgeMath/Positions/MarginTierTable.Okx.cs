using System.Globalization;
using System.Text.Json;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

public sealed partial class MarginTierTable
{
    /// <summary>
    /// Loads one instrument family from OKX's position tiers (<c>GET /api/v5/public/position-tiers</c>, instType
    /// <c>SWAP</c>/<c>FUTURES</c>), which bound the position <b>size in contracts</b>, into a size-basis table
    /// (<see cref="TierBasis.Quantity"/>).
    /// </summary>
    /// <param name="json">The response (<c>{"code":"0","data":[...]}</c>), or the bare <c>data</c> array. Numbers may be JSON strings or numbers.</param>
    /// <param name="instFamily">The family to load, e.g. <c>BTC-USDT</c>, matched against <c>instFamily</c> or <c>uly</c> (case-insensitive); null to require one family.</param>
    /// <param name="contractValue">The instrument's contract value <c>ctVal</c> (<c>GET /api/v5/public/instruments</c>): 0.01 BTC for BTC-USDT-SWAP, 100 USD for BTC-USD-SWAP. &gt; 0.</param>
    /// <returns>The table: tier n covers (maxSz(n−1), maxSz(n)] contracts, stored as contracts × <paramref name="contractValue"/>
    /// (base units for linear, quote value for inverse); maximum leverage from <c>maxLever</c>, maintenance rate from
    /// <c>mmr</c>; maintenance amount 0 (OKX publishes none: maintenance margin is position value × MMR).</returns>
    /// <remarks>
    /// OKX writes each tier's <c>minSz</c> either as the previous tier's <c>maxSz</c> or one above it (announcements:
    /// "0 – 1,000", "1,001 – 2,500"); both are accepted as contiguous. Rows are sorted by <c>tier</c>. <c>imr</c> is not
    /// kept: it equals 1 / <c>maxLever</c> in OKX's tables.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contractValue"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, the family is absent (or several families are present and none is named), a field is missing, or the table breaks a rule.</exception>
    public static MarginTierTable FromOkxPositionTiers(string json, string? instFamily, decimal contractValue)
    {
        Preconditions.NotNull(json);
        Preconditions.Positive(contractValue);
        return LoadJson(json, nameof(instFamily), "position-tier table", doc =>
        {
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data)) root = data;
                if (root.ValueKind != JsonValueKind.Array)
                    throw new ArgumentException("json must be OKX's position-tiers response (an object with 'data') or its data array.", nameof(json));
                var rows = new List<(int Tier, decimal Min, decimal Max, decimal Lev, decimal Mmr)>();
                string? seen = null;
                int index = 0;
                foreach (var r in root.EnumerateArray())
                {
                    var family = Family(r);
                    if (instFamily is not null && !string.Equals(family, instFamily, StringComparison.OrdinalIgnoreCase)) { index++; continue; }
                    if (instFamily is null)
                    {
                        if (seen is not null && !string.Equals(seen, family, StringComparison.Ordinal))
                            throw new ArgumentException($"json holds position tiers for several families ({seen}, {family}); pass instFamily.", nameof(instFamily));
                        seen = family;
                    }
                    rows.Add(((int)Number(r, index, "tier"), Number(r, index, "minSz"), Number(r, index, "maxSz"),
                        Number(r, index, "maxLever"), Number(r, index, "mmr")));
                    index++;
                }
                if (rows.Count == 0)
                    throw new ArgumentException(instFamily is null ? "json holds no position tiers." : $"instFamily '{instFamily}' is not in the position-tiers JSON.",
                        instFamily is null ? nameof(json) : nameof(instFamily));
                rows.Sort((a, b) => a.Tier.CompareTo(b.Tier));
                var tiers = new MarginTier[rows.Count];
                decimal prevMax = 0m;
                for (int i = 0; i < rows.Count; i++)
                {
                    var (tier, min, max, lev, mmr) = rows[i];
                    // Contiguous in contracts: minSz is the previous maxSz, or one contract above it (0 for the first tier).
                    bool contiguous = i == 0 ? min == 0m : min == prevMax || min == prevMax + 1m;
                    if (!contiguous)
                        throw new ArgumentException(Inv($"json tier {tier} starts at minSz {min} but the previous tier ends at maxSz {prevMax}; OKX tiers are contiguous."), nameof(json));
                    tiers[i] = new MarginTier(tier, prevMax * contractValue, max * contractValue, lev, mmr, 0m);
                    prevMax = max;
                }
                return new MarginTierTable(tiers, TierBasis.Quantity);
        });
    }

    private static string Family(JsonElement r)
    {
        if (r.ValueKind != JsonValueKind.Object) return "";
        if (r.TryGetProperty("instFamily", out var f) && f.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(f.GetString())) return f.GetString()!;
        return r.TryGetProperty("uly", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() ?? "" : "";
    }
}
