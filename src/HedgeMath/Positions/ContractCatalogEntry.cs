using System.Collections.Immutable;

namespace HedgeMath.Positions;

/// <summary>One contract of the catalog with the provenance of its numbers.</summary>
/// <remarks>
/// The <see cref="Contract"/> carries the numbers (type, settlement asset, contract size, tick, lot, tiers, fees,
/// funding interval) and its exchange's <see cref="Contract.Rule"/>; the entry adds the snapshot date, the source and
/// the fields that could not be traced to a public source. Immutable and thread-safe.
/// </remarks>
public sealed class ContractCatalogEntry
{
    internal ContractCatalogEntry(Contract contract, string asOf, string source, ImmutableArray<string> unverified)
    {
        Contract = contract;
        AsOf = asOf;
        Source = source;
        Unverified = unverified;
    }

    /// <summary>The exchange id, e.g. <c>binance-usdm</c>, <c>binance-coinm</c>, <c>bybit-linear</c>, <c>okx-swap</c>.</summary>
    public string Exchange => Contract.Exchange!;
    /// <summary>The exchange symbol, e.g. <c>ETHUSDT</c>.</summary>
    public string Symbol => Contract.Symbol;
    /// <summary>The contract with its tiers, fees and rule.</summary>
    public Contract Contract { get; }
    /// <summary>The liquidation rule of the exchange.</summary>
    public LiquidationRule Rule => Contract.Rule!.Value;
    /// <summary>The date (or month/year) of the snapshot the numbers come from.</summary>
    public string AsOf { get; }
    /// <summary>Where each number comes from (exchange API responses recorded in public repositories, exchange documentation).</summary>
    public string Source { get; }
    /// <summary>The fields that could not be traced to a public source (empty when every number is sourced).</summary>
    public ImmutableArray<string> Unverified { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Exchange} {Symbol} ({Contract.Type}, {Contract.Tiers.Count} tiers, as of {AsOf})";
}
