using System.Text.Json.Nodes;
using HedgeMath.Cli.Commands;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Cli;

/// <summary>
/// <c>plan replay</c> and <c>plan watch</c> run a saved plan document over candles: the replay's figures are
/// <see cref="PlanHistory.Run"/>'s, the watch's JSON lines are <see cref="PlanLive"/>'s updates; bad input exits 2 naming
/// the option (or the plan file).
/// </summary>
public sealed class PlanRunCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hedgemath-plan-run").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static PlanDefinition Plan => PlanDefinition.Create("half hedge",
        [SpotHolding.Create("BTC", 1m, 30_000m)],
        [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m, stop: LegStop.AtAtrMultiple(3m))],
        [
            new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge), RuleAction.LowerTo(0m), RuleTrigger.While, "lower on bearish confluence"),
            new PlanRule(PlanCondition.And(PlanCondition.Signal(SignalKinds.MacdBearishCross), PlanCondition.NearResistance(0.03m)), RuleAction.CloseFraction(0.5m),
                name: "half off on a MACD cross near resistance"),
        ],
        afterExit: PlanReentry.NextBar);

    /// <summary>Writes the plan document to a file and returns its path.</summary>
    internal static string SavePlan(string dir)
    {
        var path = Path.Combine(dir, "plan.json");
        File.WriteAllText(path, PlanDocument.Save(Plan));
        return path;
    }

    private static (int Rc, string Output, string Error) Watch(string stdin, params string[] args)
    {
        PlanRunCommands.Input = new StringReader(stdin);
        try { return CliRunner.Run(["plan", "watch", .. args]); }
        finally { PlanRunCommands.Input = null; }
    }

    private static readonly string[] Window = ["--from", "2024-01-01", "--to", "2024-06-30"];

    [Fact]
    public void Replay_Text_ShowsTheFiguresAndEveryEvent()
    {
        var (rc, output, error) = CliRunner.Run(["plan", "replay", SavePlan(_dir), "--candles", "btcusdt_spot_daily.csv", "--funding-csv", "btcusdt_funding_8h.csv", .. Window]);
        Assert.True(rc == 0, error);
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var run = PlanHistory.Run(MarketHistory.Align(spot, spot, TestData.Funding("btcusdt_funding_8h.csv"), new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30)), Plan);
        Assert.Contains("Plan replay: half hedge", output);
        Assert.Contains($"## Events ({run.Events.Length})", output);
        Assert.Matches(@"Final equity \(USDT\)\s+" + System.Text.RegularExpressions.Regex.Escape(run.Hedged.FinalEquity.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture)) + @"\s", output);
        Assert.Contains("PartlyClosed", output); // the MACD rule fired in this window
        Assert.Contains("half off on a MACD cross near resistance", output);
        Assert.Contains("## After the last bar", output);
    }

    [Fact]
    public void Replay_Json_HasTheHistoryClocksNumbers_AtFullPrecision()
    {
        var doc = CliRunner.Json(["plan", "replay", SavePlan(_dir), "--candles", "btcusdt_spot_daily.csv", .. Window]);
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var noFunding = Enumerable.Range(0, 400).Select(d => new FundingEvent(new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero).AddDays(d), 0m)).ToList();
        var run = PlanHistory.Run(MarketHistory.Align(spot, spot, noFunding, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30)), Plan);
        Assert.Equal(run.Trades, CliRunner.Fact(doc, "The hedge", "trades")!.GetValue<int>());
        Assert.Equal(0m, CliRunner.Fact(doc, "The hedge", "fundingReceived")!.GetValue<decimal>()); // no --funding-csv: none paid
        Assert.Equal(run.Final.Equity, CliRunner.Fact(doc, "After the last bar", "equity")!.GetValue<decimal>());
        var events = doc["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>().StartsWith("Events", StringComparison.Ordinal))!;
        var rows = events["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal(run.Events.Length, rows.Count);
        Assert.Equal(run.Events[0].Price, rows[0]!["price"]!.GetValue<decimal>());
        Assert.Equal("Traded", rows[0]!["event"]!.GetValue<string>());
    }

    [Fact]
    public void Replay_ACrossMarginLeg_ShowsTheStatussLiquidationPrice()
    {
        // A cross leg has no isolated liquidation price of its own: the figure is the shared wallet's (PlanStatus), which the
        // "After the last bar" table shows as it shows an isolated leg's.
        var plan = PlanDefinition.Create("cross short", [SpotHolding.Create("BTC", 1m, 30_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 1m, 2m, mode: MarginMode.Cross)], crossWallet: 20_000m);
        var path = Path.Combine(_dir, "cross.json");
        File.WriteAllText(path, PlanDocument.Save(plan));
        var doc = CliRunner.Json(["plan", "replay", path, "--candles", "btcusdt_spot_daily.csv", "--from", "2024-01-01", "--to", "2024-01-31"]);
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var noFunding = Enumerable.Range(0, 400).Select(d => new FundingEvent(new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero).AddDays(d), 0m)).ToList();
        var run = PlanHistory.Run(MarketHistory.Align(spot, spot, noFunding, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31)), plan);
        var status = run.Status();
        Assert.Null(run.Final.Book.Legs[0].LiquidationPrice); // the isolated figure the column showed before: none for a cross leg
        decimal liquidation = Assert.IsType<decimal>(status.Legs[0].LiquidationPrice);
        Assert.True(liquidation > status.MarkClose, "a short's liquidation price is above the mark");
        var state = doc["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>() == "After the last bar")!;
        var legs = state["tables"]!.AsArray().First(t => t!["rows"]![0]!.AsObject().ContainsKey("liquidation"))!;
        Assert.Equal(liquidation, legs["rows"]![0]!["liquidation"]!.GetValue<decimal>());

        var (rc, text, error) = CliRunner.Run(["plan", "replay", path, "--candles", "btcusdt_spot_daily.csv", "--from", "2024-01-01", "--to", "2024-01-31"]);
        Assert.True(rc == 0, error);
        Assert.Contains(liquidation.ToString("#,##0.0", System.Globalization.CultureInfo.InvariantCulture), text); // BTCUSDT's tick 0.1
    }

    [Fact]
    public void Watch_FromStandardInput_WritesOneJsonLinePerBarEventAndWarning()
    {
        // Three daily bars in three shapes: a generic CSV row after its header, a Binance kline CSV row and a Binance kline
        // JSON row (2024-01-01 .. 03 of the Binance BTCUSDT spot file).
        string stdin = "date,open,high,low,close,volume\n"
            + "2024-01-01,42283.58,44184.10,42180.77,44179.55,27174.29903\n"
            + "1704153600000,44179.55,45879.63,44148.34,44946.91,65146.40661,1704239999999,0,0,0,0,0\n"
            + "\n"
            + "[1704240000000,\"44946.91\",\"45500.00\",\"40750.00\",\"42845.23\",\"81194.55173\",1704326399999,\"0\",0,\"0\",\"0\",\"0\"]\n";
        var (rc, output, error) = Watch(stdin, SavePlan(_dir), "--candles", "-", "--warning-distance", "0.05");
        Assert.True(rc == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var bars = lines.Where(l => l["type"]!.GetValue<string>() == "bar").ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal("2024-01-03T00:00:00Z", bars[2]["opens"]!.GetValue<string>());
        // The same bars pushed into the live clock directly.
        var live = new PlanLive(Plan, new PlanLiveOptions { WarningDistance = 0.05m });
        var day = new DateOnly(2024, 1, 1);
        live.Push(new Candle(day, 42283.58m, 44184.10m, 42180.77m, 44179.55m, 1m));
        live.Push(new Candle(day.AddDays(1), 44179.55m, 45879.63m, 44148.34m, 44946.91m, 1m));
        var last = live.Push(new Candle(day.AddDays(2), 44946.91m, 45500.00m, 40750.00m, 42845.23m, 1m));
        Assert.Equal(last.State.Equity, bars[2]["equity"]!.GetValue<decimal>());
        Assert.Equal(0.5m, bars[0]["heldRatios"]![0]!.GetValue<decimal>());
        var traded = lines.First(l => l["type"]!.GetValue<string>() == "event");
        Assert.Equal("traded", traded["kind"]!.GetValue<string>());
        Assert.Equal(0.5m, traded["quantity"]!.GetValue<decimal>());
        Assert.Equal(44179.55m, traded["price"]!.GetValue<decimal>());
        // The order of the lines: each bar's line, then its events.
        Assert.Equal("bar", lines[0]["type"]!.GetValue<string>());
        Assert.Equal("event", lines[1]["type"]!.GetValue<string>());
    }

    [Fact]
    public void Watch_WarningLine_ForALiquidationNearTheClose()
    {
        var path = Path.Combine(_dir, "tight.json");
        File.WriteAllText(path, PlanDocument.Save(PlanDefinition.Create("tight", [SpotHolding.Create("BTC", 1m, 40_000m)], [new PlanLeg(Contract.BinanceBtcUsdt, 1m, 20m)])));
        var (rc, output, error) = Watch("date,open,high,low,close,volume\n2024-01-01,42283.58,44184.10,42180.77,44179.55,1\n", path, "--candles", "-");
        Assert.True(rc == 0, error);
        var warning = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).Single(l => l["type"]!.GetValue<string>() == "warning");
        Assert.Equal("liquidationNear", warning["kind"]!.GetValue<string>());
        decimal level = warning["level"]!.GetValue<decimal>();
        Assert.Equal((level - 44179.55m) / 44179.55m, warning["distance"]!.GetValue<decimal>()); // a 20x short: liquidation under 5 % above
        Assert.InRange(level, 44179.55m, 44179.55m * 1.05m);
    }

    [Fact]
    public void Watch_CandleFile_RepeatedBarsAreSkipped_AndBarsStopsTheRun()
    {
        var (rc, output, error) = CliRunner.Run("plan", "watch", SavePlan(_dir), "--candles", "btcusdt_spot_daily.csv", "--bars", "5");
        Assert.True(rc == 0, error);
        Assert.Equal(5, output.Split('\n').Count(l => l.Contains("\"type\":\"bar\"", StringComparison.Ordinal)));
        var (rc2, output2, _) = Watch("date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,1\n2024-01-01,1,2,0.5,1.5,1\n2024-01-02,1.5,2,1,1.2,1\n", SavePlan(_dir), "--candles", "-");
        Assert.Equal(0, rc2);
        Assert.Equal(2, output2.Split('\n').Count(l => l.Contains("\"type\":\"bar\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Watch_Follow_ReadsLinesAppendedToAGrowingFile()
    {
        var file = Path.Combine(_dir, "grow.csv");
        File.WriteAllText(file, "date,open,high,low,close,volume\n2024-01-01,42283.58,44184.10,42180.77,44179.55,1\n");
        var append = Task.Run(async () =>
        {
            await Task.Delay(300);
            File.AppendAllText(file, "2024-01-02,44179.55,45879.63,44148.34,44946.91,1\n2024-01-03,44946.91,45500.00,40750.00,");
            await Task.Delay(300);
            File.AppendAllText(file, "42845.23,1\n"); // the rest of a line written in two parts
        });
        var (rc, output, error) = CliRunner.Run("plan", "watch", SavePlan(_dir), "--candles", file, "--follow", "--bars", "3");
        await append;
        Assert.True(rc == 0, error);
        var bars = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).Where(l => l["type"]!.GetValue<string>() == "bar").ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(42845.23m, bars[2]["close"]!.GetValue<decimal>());
    }

    [Fact]
    public void BadInput_ExitsTwo_NamingTheOption()
    {
        string plan = SavePlan(_dir);
        var missing = CliRunner.Run("plan", "replay", plan, "--candles", "/no/such/dir/candles.csv");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--candles", missing.Error);
        var badLine = Watch("date,open,high,low,close,volume\n2024-01-01,1,2,x,1,1\n", plan, "--candles", "-");
        Assert.Equal(2, badLine.Rc);
        Assert.StartsWith("error: --candles line 2:", badLine.Error);
        var outOfOrder = Watch("date,open,high,low,close,volume\n2024-01-02,1,2,0.5,1.5,1\n2024-01-01,1,2,0.5,1.5,1\n", plan, "--candles", "-");
        Assert.Equal(0, outOfOrder.Rc); // an earlier bar after a later one is a repeat, skipped
        var noPlan = CliRunner.Run("plan", "replay", Path.Combine(_dir, "none.json"), "--candles", "btcusdt_spot_daily.csv");
        Assert.Equal(2, noPlan.ExitCode);
        Assert.Contains("none.json': no such file", noPlan.Error);
        var badDoc = Path.Combine(_dir, "bad.json");
        File.WriteAllText(badDoc, PlanDocument.Save(Plan).Replace("\"leverage\": 2", "\"leverage\": 0", StringComparison.Ordinal));
        var bad = CliRunner.Run("plan", "watch", badDoc, "--candles", "btcusdt_spot_daily.csv");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("$.legs[0].leverage", bad.Error);
        var distance = CliRunner.Run("plan", "watch", plan, "--candles", "btcusdt_spot_daily.csv", "--warning-distance", "2");
        Assert.Equal(2, distance.ExitCode);
        Assert.Contains("--warning-distance", distance.Error);
        var bars = CliRunner.Run("plan", "watch", plan, "--candles", "btcusdt_spot_daily.csv", "--bars", "0", "--json");
        Assert.Equal(2, bars.ExitCode);
        Assert.Equal("--bars", JsonNode.Parse(bars.Output)!["error"]!["option"]!.GetValue<string>());
        var from = CliRunner.Run("plan", "replay", plan, "--candles", "btcusdt_spot_daily.csv", "--from", "2024-13-01");
        Assert.Equal(2, from.ExitCode);
        Assert.Contains("--from", from.Error);
        var before = CliRunner.Run("plan", "replay", plan, "--candles", "btcusdt_spot_daily.csv", "--from", "2010-01-01", "--json");
        Assert.Equal(2, before.ExitCode);
        Assert.Equal("--from", JsonNode.Parse(before.Output)!["error"]!["option"]!.GetValue<string>()); // before the data: the window, not the file
    }
}
