using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Output;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Demo;

/// <summary>The contract catalog: a few entries and the same hedge on Binance and on Bybit, each with its own tiers, fees and rule.</summary>
internal static class CatalogDemo
{
    public static void Add(Report report)
    {
        var t = report.Section($"Contract catalog ({Contract.Catalog.Length} contracts; full list: hedgemath contracts)")
            .Table(null, "Exchange", "Symbol", "Type", "Tick", "Lot step", "Max leverage", "Taker %", "Rule", "As of");
        foreach (var e in Contract.Catalog.Where(e => e.Symbol is "BTCUSDT" or "ETHUSDT" or "SOLUSDT" or "DOGEUSDT" or "BTCUSD_PERP"))
            t.Row(e.Exchange, e.Symbol, e.Type.ToString(), e.TickSize, e.LotStep, e.MaxLeverage,
                e.TakerFeeRate * 100m, MarginCommands.RuleName(e.Rule!.Value), e.AsOf);

        // The same long 1 BTC at 20,000, 50x, on each exchange's catalog contract (R3's position; Bybit: its isolated rule with MM at entry).
        var section = report.Section("Long 1 BTC @ 20,000, 50x isolated, on each exchange's own contract");
        foreach (var (exchange, symbol) in new[] { ("binance-usdm", "BTCUSDT"), ("bybit-linear", "BTCUSDT") })
        {
            var c = Contract.Find(exchange, symbol);
            var s = MarginCalc.Isolated(Position.Open(c, Side.Long, 1m, 20_000m, 50m), 20_000m);
            section.Fact($"{exchange}: maintenance margin", s.MaintenanceMargin, c.SettlementAsset)
                .Fact($"{exchange}: liquidation price ({MarginCommands.RuleName(s.Rule)})", c.RoundPrice(s.LiquidationPrice!.Value, MidpointRounding.ToZero), c.QuoteAsset);
        }
        section.Note("A catalog contract carries its exchange's tiers, fees and liquidation rule; nothing falls back to another exchange's numbers.");
    }
}
