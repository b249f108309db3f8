using System.Globalization;
using System.Text.Json;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

public sealed partial class MarginTierTable
{
    /// <summary>
    /// Loads one symbol's tiers from Bybit's risk-limit list (<c>GET /v5/market/risk-limit</c>: <c>id, symbol,
    /// riskLimitValue, maintenanceMargin, initialMargin, maxLeverage, mmDeduction</c>).
    /// </summary>
    /// <param name="json">The API response (<c>{"result":{"list":[...]}}</c>), an object with a <c>list</c> array, or a bare
    /// array of tiers. Numbers may be JSON numbers or strings.</param>
    /// <param name="symbol">The symbol to load, e.g. <c>BTCUSDT</c>; null to take every row (the rows must then hold one symbol).</param>
    /// <returns>The table: tier n covers (riskLimitValue(n−1), riskLimitValue(n)]; an empty <c>mmDeduction</c> is derived by
    /// Bybit's published recurrence.</returns>
    /// <remarks>
    /// Bybit "Margin Parameters": <c>MM deduction(n) = risk limit(n−1) × (MMR(n) − MMR(n−1)) + MM deduction(n−1)</c>,
    /// the same recurrence as Binance's <c>cum</c> (https://www.bybit.com/en/announcement-info/margin-parameters). Rates are
    /// fractions (<c>"0.005"</c> = 0.5 %). Rows are sorted by <c>riskLimitValue</c>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, the symbol is absent, a field is missing, or the table breaks a rule.</exception>
    public static MarginTierTable FromBybitRiskLimits(string json, string? symbol = null)
    {
        Preconditions.NotNull(json);
        return LoadJson(json, nameof(symbol), "risk-limit table", doc =>
        {
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("result", out var result)) root = result;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("list", out var list)) root = list;
                if (root.ValueKind != JsonValueKind.Array)
                    throw new ArgumentException("json must be Bybit's risk-limit response, an object with 'list', or an array of tiers.", nameof(json));
                var rows = new List<(decimal Cap, decimal Mmr, decimal Lev, decimal? Deduction)>();
                string? seen = null;
                int index = 0;
                foreach (var r in root.EnumerateArray())
                {
                    var s = r.ValueKind == JsonValueKind.Object && r.TryGetProperty("symbol", out var sp) ? sp.GetString() : null;
                    if (symbol is not null && s is not null && !string.Equals(s, symbol, StringComparison.OrdinalIgnoreCase)) { index++; continue; }
                    if (symbol is null && s is not null)
                    {
                        if (seen is not null && seen != s)
                            throw new ArgumentException($"json holds risk limits for several symbols ({seen}, {s}); pass the symbol to load.", nameof(json));
                        seen = s;
                    }
                    rows.Add((Number(r, index, "riskLimitValue"), Number(r, index, "maintenanceMargin"), Number(r, index, "maxLeverage"),
                        EmptyIsNull(r, "mmDeduction") ? null : OptionalNumber(r, "mmDeduction")));
                    index++;
                }
                if (rows.Count == 0)
                    throw new ArgumentException(symbol is null ? "json holds no risk-limit rows." : $"symbol '{symbol}' is not in the risk-limit JSON.", symbol is null ? nameof(json) : nameof(symbol));
                rows.Sort((a, b) => a.Cap.CompareTo(b.Cap));
                var tiers = new MarginTier[rows.Count];
                decimal floor = 0m, deduction = 0m, prevMmr = 0m;
                for (int i = 0; i < rows.Count; i++)
                {
                    var (cap, mmr, lev, given) = rows[i];
                    // MM deduction(n) = risk limit(n−1)·(MMR(n) − MMR(n−1)) + MM deduction(n−1); 0 for the first tier.
                    deduction = given ?? NextMaintenanceAmount(i, deduction, floor, mmr, prevMmr);
                    tiers[i] = new MarginTier(i + 1, floor, cap, lev, mmr, deduction);
                    floor = cap;
                    prevMmr = mmr;
                }
                return new MarginTierTable(tiers);
        });
    }

    // Bybit writes "" for a deduction it leaves to the recurrence (the API docs' example has "mmDeduction": "").
    private static bool EmptyIsNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(p.GetString());
}
