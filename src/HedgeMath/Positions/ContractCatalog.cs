using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>Loads the embedded contract catalog (data/catalog/contracts.json and the tier files it names) once.</summary>
/// <remarks>
/// Each tier file is kept in its exchange's own published format and read by the public loader of that format:
/// <c>ccxt</c> → <see cref="MarginTierTable.FromExchangeClientTiers"/>, <c>binance-brackets</c> →
/// <see cref="MarginTierTable.FromBinanceBrackets(string, string?)"/>, <c>bybit-risk-limit</c> →
/// <see cref="MarginTierTable.FromBybitRiskLimits"/>, <c>okx-position-tiers</c> →
/// <see cref="MarginTierTable.FromOkxPositionTiers"/> (with the tier spec's <c>contractValue</c>, OKX's <c>ctVal</c>).
/// Lookups are case-insensitive and allocation-free.
/// </remarks>
internal static class ContractCatalog
{
    private const string Prefix = "HedgeMath.Data.catalog.";

    private static readonly Lazy<Catalog> s_catalog = new(Load);

    internal sealed class Catalog(ImmutableArray<Contract> entries, FrozenDictionary<string, FrozenDictionary<string, Contract>> index)
    {
        public ImmutableArray<Contract> Entries { get; } = entries;
        public FrozenDictionary<string, FrozenDictionary<string, Contract>> Index { get; } = index;
    }

    public static Catalog Instance => s_catalog.Value;

    public static string ReadResource(string fileName)
    {
        using var stream = typeof(ContractCatalog).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"The embedded catalog file '{fileName}' is missing from the HedgeMath assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Catalog Load()
    {
        using var doc = JsonDocument.Parse(ReadResource("contracts.json"));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<Contract>();
        foreach (var e in doc.RootElement.GetProperty("contracts").EnumerateArray())
        {
            string exchange = Str(e, "exchange"), symbol = Str(e, "symbol");
            var tiersSpec = e.GetProperty("tiers");
            string file = Str(tiersSpec, "file"), format = Str(tiersSpec, "format"), key = Str(tiersSpec, "key");
            if (!files.TryGetValue(file, out var text)) files[file] = text = ReadResource(file);
            var tiers = format switch
            {
                "ccxt" => MarginTierTable.FromExchangeClientTiers(text, key),
                "binance-brackets" => MarginTierTable.FromBinanceBrackets(text, key),
                "bybit-risk-limit" => MarginTierTable.FromBybitRiskLimits(text, key),
                "okx-position-tiers" => MarginTierTable.FromOkxPositionTiers(text, key, Dec(tiersSpec, "contractValue")),
                _ => throw new InvalidOperationException($"Catalog entry {exchange} {symbol} names an unknown tier format '{format}'."),
            };
            var funding = TimeSpan.FromHours(e.GetProperty("fundingIntervalHours").GetDouble());
            var contract = Str(e, "type") switch
            {
                "linear" => Contract.Linear(symbol, Str(e, "base"), Str(e, "quote"), tiers, Dec(e, "tickSize"), Dec(e, "lotStep"),
                    Dec(e, "makerFeeRate"), Dec(e, "takerFeeRate"), Dec(e, "contractSize"), funding),
                "inverse" => Contract.Inverse(symbol, Str(e, "base"), Str(e, "quote"), Dec(e, "contractSize"), tiers, Dec(e, "tickSize"),
                    Dec(e, "lotStep"), Dec(e, "makerFeeRate"), Dec(e, "takerFeeRate"), funding),
                var t => throw new InvalidOperationException($"Catalog entry {exchange} {symbol} has an unknown type '{t}'."),
            };
            var rule = Enum.Parse<LiquidationRule>(Str(e, "rule"));
            var unverified = e.TryGetProperty("unverified", out var u)
                ? u.EnumerateArray().Select(x => x.GetString() ?? "").ToImmutableArray()
                : [];
            entries.Add(contract.WithExchange(exchange, rule).WithProvenance(Str(e, "asOf"), Str(e, "source"), unverified));
        }
        var all = entries.ToImmutable();
        var index = all.GroupBy(x => x.Exchange!, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToFrozenDictionary(x => x.Symbol, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        return new Catalog(all, index);
    }

    public static bool TryFind(string exchange, string symbol, out Contract? entry)
    {
        entry = null;
        return s_catalog.Value.Index.TryGetValue(exchange, out var bySymbol) && bySymbol.TryGetValue(symbol, out entry);
    }

    /// <summary>The catalog keys closest to what was asked (edit distance on "exchange symbol"), best first.</summary>
    public static IEnumerable<string> ClosestMatches(string exchange, string symbol, int count)
    {
        var wanted = (exchange + " " + symbol).ToUpperInvariant();
        return s_catalog.Value.Entries
            .Select(x => (Key: $"{x.Exchange} {x.Symbol}", Score: Distance(wanted, (x.Exchange + " " + x.Symbol).ToUpperInvariant())
                - (string.Equals(x.Symbol, symbol, StringComparison.OrdinalIgnoreCase) ? 100 : 0)
                - (string.Equals(x.Exchange, exchange, StringComparison.OrdinalIgnoreCase) ? 2 : 0)))
            .OrderBy(x => x.Score).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(count).Select(x => x.Key);
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    private static string Str(JsonElement e, string name) =>
        e.GetProperty(name).GetString() ?? throw new InvalidOperationException($"Catalog field '{name}' is null.");

    private static decimal Dec(JsonElement e, string name) =>
        decimal.Parse(Str(e, name), NumberStyles.Float, CultureInfo.InvariantCulture);
}
