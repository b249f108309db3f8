using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath contracts</c>: the library's contract catalog (one row per exchange and symbol).</summary>
internal static class ContractsCommand
{
    public static Command Create()
    {
        var cmd = new Command("contracts", "List the contract catalog: exchange, symbol, type, settlement asset, size, tick, lot, max leverage, tiers, fees, funding, liquidation rule, snapshot date; --symbol for one contract's tiers and sources.");
        var symbol = Cli.Optional<string?>("--symbol", "Show one contract (on --exchange) with its tier table, source and unverified fields.", null);
        var overlays = Cli.Optional<string?>("--overlays", "Contract overlay directory or file written by contracts refresh (default HEDGEMATH_CONTRACTS_DIR, else ~/.hedgemath/contracts).", null);
        cmd.Options.Add(symbol);
        cmd.Options.Add(overlays);
        cmd.Subcommands.Add(ExchangeCommands.Refresh());
        return cmd.Handles(pr =>
        {
            if (pr.GetValue(symbol) is { } s) return One(MarginCommands.Preset(pr, s));
            var fresh = Cli.About("--overlays", () => Exchanges.ContractOverlays.Load(pr.GetValue(overlays)));
            var report = new Report($"Contract catalog ({Contract.Catalog.Length} contracts, {fresh.Length} overlays)");
            var t = report.Section("Contracts").Table(null, "Exchange", "Symbol", "Type", "Settles in", "Contract size", "Tick", "Lot step",
                "Max leverage", "Tiers", "Maker", "Taker", "Funding h", "Rule", "As of", "Age d", "Source", "Unverified");
            var today = DateTime.UtcNow;
            // The freshest overlay of each contract first (what the lookups use), then the embedded catalog.
            foreach (var o in fresh.GroupBy(o => (o.Contract.Exchange, o.Contract.Symbol)).Select(g => g.First()))
            {
                var c = o.Contract;
                t.Row(c.Exchange, c.Symbol, c.Type.ToString(), c.SettlementAsset, c.ContractSize, c.TickSize, c.LotStep, c.MaxLeverage,
                    c.Tiers.Count, Show.Rate(c.MakerFeeRate), Show.Rate(c.TakerFeeRate), (decimal)c.FundingInterval.TotalHours,
                    MarginCommands.RuleName(c.Rule!.Value), o.FetchedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    (int)(today - o.FetchedAt.UtcDateTime).TotalDays, $"overlay {Path.GetFileName(o.Path)} ({o.TiersFormat})", "-");
            }
            foreach (var c in Contract.Catalog)
            {
                t.Row(c.Exchange, c.Symbol, c.Type.ToString(), c.SettlementAsset, c.ContractSize, c.TickSize, c.LotStep, c.MaxLeverage,
                    c.Tiers.Count, Show.Rate(c.MakerFeeRate), Show.Rate(c.TakerFeeRate), (decimal)c.FundingInterval.TotalHours,
                    MarginCommands.RuleName(c.Rule!.Value), c.AsOf, AgeDays(c.AsOf!, today), "catalog (embedded)", c.Unverified.Length == 0 ? "-" : string.Join("; ", c.Unverified));
            }
            report.Section("Notes").Note("Tiers in each exchange's own published format, embedded in the library; sources in data/margin/SOURCES.md and docs/catalog.md. Overlays (contracts refresh) are preferred over the catalog, freshest first. Use --exchange and --symbol on any command that takes a contract.");
            return report;
        });
    }

    // Age in whole days of a snapshot dated yyyy-MM-dd or yyyy-MM (the first of the month); null when the date is not one of those.
    private static int? AgeDays(string asOf, DateTime today) =>
        DateTime.TryParseExact(asOf, ["yyyy-MM-dd", "yyyy-MM"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var d)
            ? (int)(today - d).TotalDays : null;

    private static Report One(Contract c)
    {
        var e = Contract.Find(c.Exchange ?? "binance-usdm", c.Symbol);
        var report = new Report($"{e.Exchange} {e.Symbol}");
        report.Section("Contract")
            .Fact("Type", c.Type.ToString()).Fact("Base / quote", $"{c.BaseAsset} / {c.QuoteAsset}").Fact("Settles in", c.SettlementAsset)
            .Fact("Contract size", c.ContractSize).Fact("Tick", c.TickSize).Fact("Lot step", c.LotStep).Fact("Max leverage", c.MaxLeverage, "x")
            .Fact("Maker fee", Show.Rate(c.MakerFeeRate)).Fact("Taker fee", Show.Rate(c.TakerFeeRate))
            .Fact("Funding interval", (decimal)c.FundingInterval.TotalHours, "h").Fact("Liquidation rule", MarginCommands.RuleName(e.Rule!.Value))
            .Fact("As of", e.AsOf).Fact("Source", e.Source).Fact("Unverified", e.Unverified.Length == 0 ? "-" : string.Join("; ", e.Unverified));
        var bounds = c.Tiers.Basis == TierBasis.Quantity
            ? $"position size in {(c.Type == ContractType.Linear ? c.BaseAsset : c.QuoteAsset)} = contracts × {c.ContractSize}"
            : $"notional in {c.SettlementAsset}";
        var t = report.Section($"Maintenance tiers ({bounds})").Table(null, "Tier", "Floor", "Cap", "Max leverage", "MMR", "Maintenance amount");
        foreach (var tier in c.Tiers.Tiers)
            t.Row(tier.Tier, tier.NotionalFloor, tier.NotionalCap == decimal.MaxValue ? null : tier.NotionalCap, tier.MaxLeverage, Show.Rate(tier.MaintenanceMarginRate), tier.MaintenanceAmount);
        return report;
    }
}
