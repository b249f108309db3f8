using System.Text.Json.Nodes;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Cli;

/// <summary>
/// The CLI runs the one plan model (issue 28): <c>backtest --policy static|trend|signals</c> is the plan template replayed by
/// <see cref="PlanHistory"/>, and <c>plan --remove-*/--raise-on-signal</c> are <see cref="PlanRule"/>s on the saved
/// <see cref="PlanDefinition"/>. The expected values come from the library's new path; PlanRetiredEquivalenceTests ties that
/// path to the retired one and to docs/scenarios.md's frozen rows.
/// </summary>
public class PlanPathCliTests
{
    private static MarketHistory Btc => HedgeMath.Tests.Scenarios.ReplayTests.Btc.Value;

    private static (decimal Final, decimal Funding, decimal Fees, int Trades, int Liquidations, string Policy) Backtest(params string[] args)
    {
        var json = CliRunner.Json(["backtest", .. args]);
        var rows = json["sections"]!.AsArray().Single(s => (string)s!["title"]! == "Hedged vs unhedged")!["tables"]![0]!["rows"]!.AsArray();
        decimal final = (decimal)rows.Single(r => ((string)r!["metric"]!).StartsWith("Final equity", StringComparison.Ordinal))!["hedged"]!;
        return (final, (decimal)CliRunner.Fact(json, "The hedge", "fundingReceived")!, (decimal)CliRunner.Fact(json, "The hedge", "fees")!,
            (int)CliRunner.Fact(json, "The hedge", "trades")!, (int)CliRunner.Fact(json, "The hedge", "liquidations")!,
            (string)CliRunner.Fact(json, "Policy", "policy")!);
    }

    private static void Same(ReplayResult expected, (decimal Final, decimal Funding, decimal Fees, int Trades, int Liquidations, string Policy) cli)
    {
        Assert.Equal(expected.Hedged.FinalEquity, cli.Final);
        Assert.Equal(expected.TotalFunding, cli.Funding);
        Assert.Equal(expected.TotalFees, cli.Fees);
        Assert.Equal(expected.Trades, cli.Trades);
        Assert.Equal(expected.Liquidations, cli.Liquidations);
        Assert.Equal(expected.Policy, cli.Policy);
    }

    private static SpotHolding OneBtc => SpotHolding.Create("BTC", 1m, Btc.Spot[0].Close, "USDT");

    [Fact]
    public void Backtest_Static_IsTheStaticTemplate_AndTheDocsRow()
    {
        // The defaults: --ratio 0.5 --leverage 2 --rehedge 30 over the whole embedded history (docs/scenarios.md's first row).
        var cli = Backtest();
        var plan = PlanDefinition.StaticHedge(OneBtc, new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m), 30);
        Same(PlanHistory.Run(Btc, plan), cli);
        Assert.Equal(61_781.73m, Math.Round(cli.Final, 2));
        Assert.Equal(16_531.00m, Math.Round(cli.Funding, 2));
    }

    [Fact]
    public void Backtest_Trend_IsTheTrendTemplate()
    {
        var cli = Backtest("--policy", "trend", "--stop-distance", "0.3", "--reduce-after-drop", "0.2");
        var leg = new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m, stop: LegStop.AtDistance(0.3m));
        var drop = new PlanRule(PlanCondition.BelowEntry(0.2m), RuleAction.CloseFraction(0.5m), RuleTrigger.OncePerPosition, "close 50 % after a 20 % drop");
        Same(PlanHistory.Run(Btc, PlanDefinition.TrendHedge(OneBtc, leg, 100, 0.75m, 30, [drop])), cli);
    }

    [Fact]
    public void Backtest_Signals_IsTheSignalTemplate_AndTheDocsRow()
    {
        var cli = Backtest("--policy", "signals", "--ratio", "0.25");
        Same(PlanHistory.Run(Btc, PlanDefinition.SignalHedge(OneBtc, new PlanLeg(Contract.BinanceBtcUsdt, 0.25m, 2m), 0.75m, 30)), cli);
        Assert.Equal(54_454.82m, Math.Round(cli.Final, 2)); // docs/scenarios.md's signal-driven row
        Assert.Equal(116, cli.Trades);
    }

    [Fact]
    public void Backtest_TrendAndInverse_ReproduceTheDocsRows()
    {
        // docs/scenarios.md, published with the retired HistoricalReplay: the trend rule for comparison, and the static
        // hedge on COIN-M BTCUSD (hedge PnL +0.0869 BTC, funding +0.2768 BTC, fees 0.0026 BTC).
        var trend = Backtest("--policy", "trend", "--ratio", "0.25", "--raised-ratio", "0.75", "--sma", "100");
        Assert.Equal(81_319.33m, Math.Round(trend.Final, 2));
        Assert.Equal(5, trend.Liquidations);
        var trendRows = CliRunner.Json("backtest", "--policy", "trend", "--ratio", "0.25", "--raised-ratio", "0.75", "--sma", "100")["sections"]!.AsArray()
            .Single(s => (string)s!["title"]! == "Hedged vs unhedged")!["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal(0.366, Math.Round((double)trendRows.Single(r => (string)r!["metric"]! == "Max drawdown")!["hedged"]!, 3));
        var json = CliRunner.Json("backtest", "--symbol", "BTCUSD");
        var rows = json["sections"]!.AsArray().Single(s => (string)s!["title"]! == "Hedged vs unhedged")!["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal(85_588.94m, Math.Round((decimal)rows.Single(r => ((string)r!["metric"]!).StartsWith("Final equity", StringComparison.Ordinal))!["hedged"]!, 2));
        Assert.Equal(0.0869m, Math.Round((decimal)CliRunner.Fact(json, "The hedge", "hedgePnlInBtc")!, 4));
        Assert.Equal(0.2768m, Math.Round((decimal)CliRunner.Fact(json, "The hedge", "fundingInBtc")!, 4));
        Assert.Equal(0.0026m, Math.Round((decimal)CliRunner.Fact(json, "The hedge", "feesInBtc")!, 4));
    }

    [Fact]
    public void Plan_RemovalAndRaiseOptions_ArePlanRulesOnTheSavedDefinition()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hm-rules-{Guid.NewGuid():N}.json");
        try
        {
            var (rc, output, error) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--remove-below", "45000",
                "--remove-after-days", "30", "--remove-on-signal", "rsi-oversold", "--raise-on-signal", "rsi-extreme:0.75", "--save", file);
            Assert.True(rc == 0, error);
            var saved = PlanDocument.Load(File.ReadAllText(file));
            Assert.Equal(
                [
                    (PlanCondition.PriceAtOrBelow(45_000m), RuleAction.Remove(), RuleTrigger.Once),
                    (PlanCondition.After(TimeSpan.FromDays(30)), RuleAction.Remove(), RuleTrigger.Once),
                    (PlanCondition.Signal("rsi-oversold"), RuleAction.Remove(), RuleTrigger.Once),
                    (PlanCondition.Signal("rsi-extreme"), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
                ],
                saved.Rules.Select(r => (r.When, r.Action, r.Trigger)));
            // The report lists each rule by its name, as the saved plan does.
            foreach (var r in saved.Rules) Assert.Contains(r.Name, output, StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Plan_RaiseNotAboveTheRatio_ErrorNamesTheOption()
    {
        var (rc, _, err) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--raise-on-signal", "rsi-extreme:0.5");
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --raise-on-signal", err, StringComparison.Ordinal);
    }
}
