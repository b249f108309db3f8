using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Cli.Demo;

/// <summary>The demo's plan clocks: a saved plan replayed over 2024's embedded candles (history), then fed bar by bar (live).</summary>
internal static class PlanRunDemo
{
    public static void Add(Report report)
    {
        // 1 BTC hedged 50 % at 2x on Binance BTCUSDT with a 3 × ATR stop, re-opened the next bar after a stop; the hedge is
        // lowered to 0 while the signals' confluence says so, and half of it closed on a bearish MACD cross near resistance.
        var plan = PlanDefinition.Create("half hedge, signal rules",
            [SpotHolding.Create("BTC", 1m, 42_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m, stop: LegStop.AtAtrMultiple(3m))],
            [
                new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge), RuleAction.LowerTo(0m), RuleTrigger.While, "no hedge on bearish confluence"),
                new PlanRule(PlanCondition.And(PlanCondition.Signal("macd-bearish-cross"), PlanCondition.NearResistance(0.03m)), RuleAction.CloseFraction(0.5m),
                    name: "half off on a MACD cross near resistance"),
            ],
            afterExit: PlanReentry.NextBar);
        // Saved and loaded back: what `hedgemath plan replay plan.json` and `plan watch plan.json` read.
        var json = PlanDocument.Save(plan);
        var saved = PlanDocument.Load(json);
        var candles = EmbeddedData.Candles("btcusdt_spot_daily.csv");
        var funding = EmbeddedData.Funding("btcusdt_funding_8h.csv");
        var history = MarketHistory.Align(candles, candles, funding, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var run = PlanHistory.Run(history, saved);
        var r = run;
        var s = report.Section("Plans: a saved plan replayed over 2024 (history clock, `plan replay`)")
            .Fact("Document", $"{json.Length:#,##0} characters of JSON, loaded back equal: {saved.Equals(plan)}")
            .Fact("Final equity hedged", Math.Round(r.Hedged.FinalEquity, 2), "USDT")
            .Fact("Final equity unhedged", Math.Round(r.Unhedged.FinalEquity, 2), "USDT")
            .Fact("Max drawdown hedged", Show.Percent(r.Hedged.MaxDrawdown))
            .Fact("Max drawdown unhedged", Show.Percent(r.Unhedged.MaxDrawdown))
            .Fact("Funding received", Math.Round(r.TotalFunding, 2), "USDT")
            .Fact("Trades", r.Trades).Fact("Stops hit", r.StopsHit).Fact("Partial closes", r.PartialCloses);
        // The now clock at the replay's last bar (ReplayResult.Status: `plan replay`'s "After the last bar"), without replaying again.
        var end = run.Status().Legs[0];
        s.Fact("Hedge's stop at the last close", end.StopPrice is { } sp
            ? $"{Json.Text(Show.Price(sp, end.Leg.Contract))}, {Json.Text(Show.Percent(end.DistanceToStopFraction))} away" : "none (the hedge is flat)");
        var t = s.Table("First events", "time", "event", "detail");
        foreach (var e in run.Events.Take(6)) t.Row(e.Time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Kind.ToString(), e.Detail);

        // The live clock: the same plan fed the first five days of 2025 one candle at a time, its indicators warmed on
        // 2024's candles; each bar gives the JSON lines `plan watch` writes.
        var live = new PlanLive(saved, new PlanLiveOptions { WarningDistance = 0.05m });
        live.WarmUp(candles.Where(c => c.Date.Year == 2024));
        var w = report.Section("Plans: the live clock fed five bars (`plan watch`, one JSON line per bar, event and warning)");
        foreach (var c in candles.Where(c => c.Date >= new DateOnly(2025, 1, 1)).Take(5))
        {
            var u = live.Push(c, funding.Where(f => f.Time >= c.Timestamp && f.Time < c.CloseTime));
            foreach (var line in PlanRunCommands.JsonLines(saved, u)) w.Note(line.ToJsonString());
        }
        w.Note("Signals and ATR update from streaming state (SignalStream, Atr): on the same candles and funding the live clock's states and events are the history clock's, bar for bar.");
    }
}
