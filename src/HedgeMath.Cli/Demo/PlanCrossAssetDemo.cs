using System.Globalization;
using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Demo;

/// <summary>The demo's plan over several assets: a SOL holding hedged with BTCUSDT (a cross leg) replayed over the embedded daily candles.</summary>
internal static class PlanCrossAssetDemo
{
    public static void Add(Report report)
    {
        // 100 SOL hedged by value with a BTCUSDT short (ratio 1: the short's notional is the SOL's value at each trade's
        // close), 2x, a 20 % stop from the entry; replayed from 2025-01-01 to 2025-04-08 on the daily candles of both and
        // BTCUSDT's funding. SOL fell 44 % in that window, BTC 18 %: the hedge pays on BTC's fall only (basis risk).
        var plan = PlanDefinition.Create("100 SOL hedged with BTCUSDT",
            [SpotHolding.Create("SOL", 100m, 190m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 1m, 2m, stop: LegStop.AtDistance(0.2m)) { Hedges = "SOL" }]);
        var saved = PlanDocument.Load(PlanDocument.Save(plan));
        DateOnly from = new(2025, 1, 1), to = new(2025, 4, 8);
        var sol = EmbeddedData.Candles("solusdt_spot_daily.csv");
        var btc = EmbeddedData.Candles("btcusdt_spot_daily.csv");
        var btcFunding = EmbeddedData.Funding("btcusdt_funding_8h.csv");
        var noFunding = PlanMarketFiles.NoFunding(sol);
        var markets = new Dictionary<string, MarketHistory>
        {
            ["SOL"] = MarketHistory.Align(sol, sol, noFunding, from, to),
            ["BTC"] = MarketHistory.Align(btc, btc, btcFunding, from, to),
        };
        var run = PlanHistory.Run(markets, saved);
        var r = run;
        // Each asset's move and the spot's PnL are the replay's (ReplayResult.AssetMoves), as plan replay's Assets section shows them.
        var moves = run.AssetMoves(markets);
        var (_, solFirst, solLast, solChange, _, _) = moves[0];
        var (_, btcFirst, btcLast, btcChange, _, _) = moves[1];
        decimal spotPnl = run.SpotPnl(markets), hedgePnl = r.HedgeNet;

        var s = report.Section("Plans over several assets: 100 SOL hedged with BTCUSDT (a cross leg), 2025-01-01 .. 2025-04-08 (`plan replay FILE --candles SOL=... --candles BTC=...`)")
            .Fact("Assets", string.Join(", ", saved.Assets))
            .Fact("Warning", saved.Warnings.Single(w => w.Code == HedgeWarningCode.CrossHedgeBasisRisk).Message)
            .Fact("SOL", $"{solFirst.ToString("#,0.00", CultureInfo.InvariantCulture)} → {solLast.ToString("#,0.00", CultureInfo.InvariantCulture)} USDT ({solChange.ToString("P1", CultureInfo.InvariantCulture)})")
            .Fact("BTC", $"{btcFirst.ToString("#,0.00", CultureInfo.InvariantCulture)} → {btcLast.ToString("#,0.00", CultureInfo.InvariantCulture)} USDT ({btcChange.ToString("P1", CultureInfo.InvariantCulture)})")
            .Fact("Spot PnL (100 SOL)", Show.Money(spotPnl, "USDT"), "USDT")
            .Fact("BTCUSDT hedge PnL (after fees and funding)", Show.Money(hedgePnl, "USDT"), "USDT")
            .Fact("Share of the spot loss the BTC hedge covered", Show.Percent(-run.HedgeToSpotPnl(markets)))
            .Fact("Final equity: hedged / unhedged", $"{r.Hedged.FinalEquity.ToString("#,0.00", CultureInfo.InvariantCulture)} / {r.Unhedged.FinalEquity.ToString("#,0.00", CultureInfo.InvariantCulture)} USDT")
            .Fact("Max drawdown: BTC-hedged / unhedged", $"{r.Hedged.MaxDrawdown.ToString("P1", CultureInfo.InvariantCulture)} / {r.Unhedged.MaxDrawdown.ToString("P1", CultureInfo.InvariantCulture)}");
        var t = s.Table("Events", "time", "event", "detail");
        foreach (var e in run.Events.Take(6)) t.Row(e.Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Kind.ToString(), e.Detail);
        s.Note("A cross leg is sized by value at each trade's close: ratio × SOL held × SOL's close / BTC's close BTC (linear), and moves, stops and pays funding on BTC's prices; equity adds the SOL at its close.")
            .Note("The uncovered part is the basis risk the warning names: BTC fell less than SOL, so a short worth the SOL covered under half of the loss.");

        // The same plan along a straight path per asset (`plan at FILE --price SOL=... --price BTC=... --at SOL=... --at BTC=...`):
        // each asset from the window's first close to its last in a straight line over the window's days, with funding at
        // 0.01 % per 8 h; the cross leg gains on BTC's move only, and the basis note says so.
        decimal days = to.DayNumber - from.DayNumber;
        var nowPrices = new Dictionary<string, decimal> { ["SOL"] = solFirst, ["BTC"] = btcFirst };
        var targets = new Dictionary<string, decimal> { ["SOL"] = solLast, ["BTC"] = btcLast };
        string F(decimal p) => p.ToString("0.##", CultureInfo.InvariantCulture);
        PlanAtCommand.AddAlongAssets(report, saved, nowPrices, targets, FundingTerms.Constant(0.0001m, days),
            $"Plans over several assets along a straight path per asset (`plan at FILE --price SOL={F(solFirst)} --price BTC={F(btcFirst)} --at SOL={F(solLast)} --at BTC={F(btcLast)} --days {days}`)");
        report.Sections[^1].Note("The replay above ran the same plan over the days' candles; the straight path ends at the same closes without the way there (its stop, its funding at the day's rates).");

        // The live clock over both assets (`plan watch FILE --candles -`): standard-input lines tagged by their asset, the
        // window's first three days, SOL's and BTC's lines in the order a feed might send them; a bar is stepped once both
        // assets have their candle for its open time.
        var feed = new List<string> { "SOL,date,open,high,low,close,volume", "BTC,date,open,high,low,close,volume" };
        foreach (var d in Enumerable.Range(0, 3).Select(i => from.AddDays(i)))
        {
            feed.Add(Line("SOL", sol.Single(c => c.Date == d)));
            feed.Add(Line("BTC", btc.Single(c => c.Date == d)));
        }
        var output = new StringWriter(CultureInfo.InvariantCulture);
        new PlanWatch(new PlanLive(saved), [], output, null).AssetLines(saved, new StringReader(string.Join('\n', feed)), PlanMarketFiles.Funding(saved, []));
        var w = report.Section("Plans over several assets, live (`plan watch FILE --candles -`, each input line ASSET,<bar>)");
        foreach (var line in feed) w.Note("in:  " + line);
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) w.Note("out: " + line.TrimEnd('\r'));
        w.Note("Or one growing file per asset: plan watch FILE --candles SOL=sol.csv --candles BTC=btc.csv --follow.");
    }

    private static string Line(string asset, Market.Candle c) =>
        string.Create(CultureInfo.InvariantCulture, $"{asset},{c.Date:yyyy-MM-dd},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume}");
}
