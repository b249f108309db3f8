using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Interactive;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Demo;

/// <summary>The demo's last section: the worked example hedged against unhedged, and its payoff diagram written to a file.</summary>
internal static class ScenariosDemo
{
    public static void Add(Report report)
    {
        // 1 BTC spot at 50,000; short 0.5 BTC on Binance BTCUSDT at 10x; price falls 20 % over 30 days at 0.01 % funding per 8h.
        // The hedge plan of the worked example (HedgeMath.Hedging) carries its margin facts into the scenario.
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m);
        var setup = ScenarioSetup.FromPlan(plan);
        var drop = setup.AtPrice(40_000m, FundingTerms.Constant(0.0001m, 30m));
        ScenariosCommands.AddResult(report, "Scenarios: the worked example if BTC falls 20 % in 30 days", drop, plan.Contract);
        var spike = setup.AlongPath([52_000m, 56_000m, 60_000m, 45_000m, 40_000m]);
        report.Section("Scenarios: path dependence (spike to 60,000, then down to 40,000)")
            .Fact("Hedged net PnL", Math.Round(spike.NetPnl, 2), "USDT")
            .Fact("Unhedged PnL", Math.Round(spike.UnhedgedPnl, 2), "USDT")
            .Fact("Hedge exit", spike.Exit.ToString())
            .Fact("Exit step", spike.ExitStep)
            .Note("A short liquidated on the spike does not protect the later drop: the margin is lost and the spot falls unhedged.");
        // The same hedge on Binance COIN-M (inverse): 250 contracts of 100 USD, margin and PnL in BTC.
        var coin = ScenarioSetup.FromPlan(HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceCoinMBtcUsd, 10m, 50_000m));
        var coinDrop = coin.AtPrice(40_000m, FundingTerms.Constant(0.0001m, 30m));
        report.Section("Scenarios: the same hedge on COIN-M BTCUSD (inverse)")
            .Fact("Hedge net", Math.Round(coinDrop.HedgeNetInSettlement, 8), "BTC")
            .Fact("Hedge net", Math.Round(coinDrop.NetPnl - coinDrop.UnhedgedPnl, 2), "USD")
            .Fact("Hedge exit", HedgingCommands.ExitName(coinDrop.Exit))
            .Note("Inverse: the coin figures are converted at the end price.");
        // Replay on intraday bars: two illustrative days of 8-hour bars (docs/scenarios.md, "Intraday replay"); each
        // funding print is settled at its own time, at the open of the bar starting then (08:00 on day 2 gaps to 110).
        decimal[][] ohlc = [[100m, 102m, 99m, 101m], [101m, 104m, 100m, 103m], [103m, 105m, 102m, 104m], [104m, 106m, 103m, 105m], [110m, 112m, 108m, 111m], [120m, 121m, 118m, 119m]];
        var day1 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var h8 = TimeSpan.FromHours(8);
        var bars = ohlc.Select((b, i) => new Candle(day1 + i * h8, h8, b[0], b[1], b[2], b[3], 1m)).ToArray();
        var prints = Enumerable.Range(0, 6).Select(i => new FundingEvent(day1 + i * h8, 0.0001m * (i + 1))).ToArray();
        var intraday = PlanHistory.Run(MarketHistory.Align(bars, bars, prints),
            PlanDefinition.StaticHedge(SpotHolding.Create("BTC", 1m, 101m), new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 1m)));
        report.Section("Scenarios: replay on 8-hour bars (illustrative prices), funding at each print's time")
            .Fact("Bars", intraday.HedgedEquity.Length)
            .Fact("Funding received", intraday.TotalFunding, "USDT")
            .Fact("Hedged final equity", Math.Round(intraday.Hedged.FinalEquity, 4), "USDT")
            .Note("Each 8-hourly print is paid at the mark of its time (the open of the bar starting then); daily candles keep the day's prints at the day's open.");
        var path = Path.Combine(Path.GetTempPath(), "hedgemath-payoff.svg");
        ScenariosCommands.WriteSvg(path, ScenarioCharts.Payoff(setup, 25_000m, 75_000m, 201, FundingTerms.Constant(0.0001m, 30m)));
        report.Section("Scenarios: payoff diagram").Fact("Written to", path);
    }
}
