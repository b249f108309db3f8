using System.Collections.Immutable;
using System.Text.Json;
using HedgeMath.Margin;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges.Internal;

/// <summary>What the three clients share beyond transport: building a core contract from live data, funding pages.</summary>
internal static class Shared
{
    /// <summary>The contract from the instrument and tiers; fees and liquidation rule from the catalog entry of this symbol, or
    /// of the exchange's first catalog entry (its base fee tier) when the symbol is not in the catalog.</summary>
    public static ContractSnapshot Contract(InstrumentInfo i, MarginTierTable tiers, string? tiersJson, string tiersFormat, string source)
    {
        var entry = HedgeMath.Positions.Contract.Catalog.FirstOrDefault(e => string.Equals(e.Exchange, i.Exchange, StringComparison.OrdinalIgnoreCase)
                                                      && string.Equals(e.Symbol, i.Symbol, StringComparison.OrdinalIgnoreCase))
                    ?? HedgeMath.Positions.Contract.Catalog.First(e => string.Equals(e.Exchange, i.Exchange, StringComparison.OrdinalIgnoreCase));
        var c = entry;
        decimal? maxLev = i.MaxLeverage is { } m ? Math.Min(m, tiers.MaxLeverage) : null;
        var contract = i.Type == ContractType.Linear
            ? HedgeMath.Positions.Contract.Linear(i.Symbol, i.BaseAsset, i.QuoteAsset, tiers, i.TickSize, i.LotStep, c.MakerFeeRate, c.TakerFeeRate,
                i.ContractSize, i.FundingInterval ?? c.FundingInterval, maxLev)
            : HedgeMath.Positions.Contract.Inverse(i.Symbol, i.BaseAsset, i.QuoteAsset, i.ContractSize, tiers, i.TickSize, i.LotStep,
                c.MakerFeeRate, c.TakerFeeRate, i.FundingInterval ?? c.FundingInterval, maxLev);
        return new ContractSnapshot(contract.WithExchange(i.Exchange, entry.Rule!.Value), i, tiersJson, tiersFormat, i.AsOf, source);
    }

    /// <summary>A funding page through the core's parser; a page of one print (the core infers the interval from neighbours and
    /// rejects a lone print) takes the previous print's interval, or <paramref name="fallback"/>.</summary>
    public static ImmutableArray<FundingEvent> FundingPage(string body, Func<string, ImmutableArray<FundingEvent>> core, string? wrapper, string? list,
        string timeField, string rateField, TimeSpan fallback)
    {
        using (var doc = JsonRead.Parse(body))
        {
            var root = doc.RootElement;
            if (wrapper is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(wrapper, out var w)) root = w;
            if (list is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(list, out var l)) root = l;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() <= 1)
            {
                if (root.GetArrayLength() == 0) return [];
                var row = root[0];
                return [new FundingEvent(JsonRead.Ms(JsonRead.Str(row, timeField)), JsonRead.Dec(row, rateField), fallback)];
            }
        }
        return core(body);
    }

    public static MarginMode Mode(string? word) =>
        word is not null && word.StartsWith("cross", StringComparison.OrdinalIgnoreCase) ? MarginMode.Cross : MarginMode.Isolated;

    public static decimal? Positive(decimal? v) => v is > 0m ? v : null;
}
