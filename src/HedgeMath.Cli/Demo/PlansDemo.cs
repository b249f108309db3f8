using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Demo;

/// <summary>The plans section of the demo: a plan saved to a file, shown, and checked on the embedded candles (the now clock).</summary>
internal static class PlansDemo
{
    public static void Add(Report report)
    {
        // 1 BTC bought at 60,000; half of it hedged short on BTCUSDT at 2x with a stop 10 % above the entry; the hedge is
        // removed once the spot closes at or below 50,000, and half of it is closed on a bearish MACD cross near resistance.
        var plan = PlanDefinition.Create("BTC half hedge",
            [SpotHolding.Create("BTC", 1m, 60_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, ratio: 0.5m, leverage: 2m, stop: LegStop.AtDistance(0.10m))],
            [
                new PlanRule(PlanCondition.PriceAtOrBelow(50_000m), RuleAction.Remove(), RuleTrigger.Once, "remove below 50,000"),
                new PlanRule(PlanCondition.And(PlanCondition.Signal("macd-bearish-cross"), PlanCondition.NearResistance(0.02m)),
                    RuleAction.CloseFraction(0.5m), name: "close half on a bearish MACD cross near resistance"),
            ],
            afterExit: PlanReentry.NextBar);
        var file = Path.Combine(Path.GetTempPath(), $"hedgemath-demo-plan-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            PlanFiles.Save(plan, file, "--save");
            var loaded = PlanFiles.Load(file, "FILE");
            // The last 120 days of the embedded Binance BTCUSDT daily candles that the embedded funding prints cover.
            var funding = EmbeddedData.Funding("btcusdt_funding_8h.csv");
            var lastFunded = DateOnly.FromDateTime(funding[^1].Time.UtcDateTime);
            var candles = EmbeddedData.Candles("btcusdt_spot_daily.csv").Where(c => c.Date <= lastFunded).TakeLast(120).ToList();
            var status = PlanHistory.Now(loaded, candles, funding);
            report.Section("Plans: a plan saved as a document, shown, and checked on the latest candle")
                .Fact("Saved and loaded back equal", loaded.Equals(plan))
                .Fact("Candles", $"{candles[0].Date:yyyy-MM-dd} .. {candles[^1].Date:yyyy-MM-dd} (BTCUSDT daily, with the 8 h funding prints)")
                .Note("CLI: hedgemath plan ... --save plan.json; hedgemath plan show plan.json; hedgemath plan check plan.json --candles C --funding-csv F (exit 0 nothing due, 1 action due, 2 bad input).");
            PlanFileCommands.AddDefinition(report, loaded, "Plan show: ");
            PlanFileCommands.AddStatus(report, status, "Plan check: ");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
