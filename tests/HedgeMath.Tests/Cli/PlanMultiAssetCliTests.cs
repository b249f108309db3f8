#if NET10_0_OR_GREATER
using System.Globalization;
using HedgeMath.Cli.Commands;
using System.Text.Json.Nodes;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Cli;

/// <summary>
/// Plans over several assets on the command line (issue 28, item 1): <c>plan --asset SOL --symbol BTCUSDT ... --save</c>
/// writes a cross-hedge plan; <c>plan check|replay|watch FILE --candles ASSET=FILE</c> (repeated) run it on every asset's
/// candles, giving the library's figures; bad or missing asset files exit 2 naming <c>--candles</c> and the asset.
/// </summary>
public sealed class PlanMultiAssetCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hedgemath-plan-xasset").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Window = ["--from", "2024-04-01", "--to", "2024-08-31"];

    private string SaveCrossPlan()
    {
        string path = Path.Combine(_dir, "sol-btc.json");
        var (rc, output, error) = CliRunner.Run(["plan", "--asset", "SOL", "--quantity", "100", "--price", "190", "--symbol", "BTCUSDT", "--futures-price", "69000",
            "--ratio", "0.5", "--leverage", "2", "--stop", "80000", "--save", path]);
        Assert.True(rc == 0, error);
        Assert.Contains("CrossHedgeBasisRisk", output);
        return path;
    }

    private static Dictionary<string, MarketHistory> Markets(DateOnly from, DateOnly to, bool btcFunding = true)
    {
        var sol = TestData.Candles("solusdt_spot_daily.csv");
        var btc = TestData.Candles("btcusdt_spot_daily.csv");
        var none = new FundingEvent[] { new(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero), 0m), new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), 0m) };
        return new Dictionary<string, MarketHistory>
        {
            ["SOL"] = MarketHistory.Align(sol, sol, none, from, to),
            ["BTC"] = MarketHistory.Align(btc, btc, btcFunding ? TestData.Funding("btcusdt_funding_8h.csv") : none, from, to),
        };
    }

    [Fact]
    public void PlanSave_ACrossHedge_IsAVersion2PlanWithACrossLeg()
    {
        string path = SaveCrossPlan();
        var (rc, shown, error) = CliRunner.Run(["plan", "show", path]);
        Assert.True(rc == 0, error);
        Assert.Contains("BTCUSDT (binance-usdm, linear), hedging SOL by value", shown);
        Assert.Contains("CrossHedgeBasisRisk", shown);
        Assert.Contains("SOL, BTC", shown);
        var plan = PlanDocument.Load(File.ReadAllText(path));
        var leg = Assert.Single(plan.Legs);
        Assert.Equal("BTCUSDT", leg.Contract.Symbol);
        Assert.Equal("SOL", leg.Hedges);
        Assert.True(leg.IsCrossHedge);
        Assert.Equal(new[] { "SOL", "BTC" }, plan.Assets.ToArray());
        Assert.Contains(plan.Warnings, w => w.Code == HedgeWarningCode.CrossHedgeBasisRisk);
    }

    [Fact]
    public void Replay_TwoAssets_GivesTheLibrarysRun_AndTheAssetsSection()
    {
        string file = SaveCrossPlan();
        var (rc, output, error) = CliRunner.Run(["plan", "replay", file, "--candles", "solusdt_spot_daily.csv", "--candles", "BTC=btcusdt_spot_daily.csv",
            "--funding-csv", "BTC=btcusdt_funding_8h.csv", .. Window, "--json"]);
        Assert.True(rc == 0, error);
        var run = PlanHistory.Run(Markets(new DateOnly(2024, 4, 1), new DateOnly(2024, 8, 31)), PlanDocument.Load(File.ReadAllText(file)));
        var doc = JsonNode.Parse(output)!;
        var sections = doc["sections"]!.AsArray();
        var assets = sections.First(s => (string?)s!["title"] == "Assets")!;
        var rows = assets["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal("SOL", (string?)rows[0]!["asset"]);
        Assert.Equal("BTC", (string?)rows[1]!["asset"]);
        // SOL 2024-04-01 close 192.24; its last close in the window is the 2024-08-31 row's: the spot PnL is 100 × the change.
        var sol = TestData.Candles("solusdt_spot_daily.csv");
        decimal last = sol.Single(c => c.Date == new DateOnly(2024, 8, 31)).Close;
        Assert.Equal(100m * (last - 192.24m), (decimal)assets["facts"]!["spotPnlOfTheHoldings"]!["value"]!);
        Assert.Contains("Leg 0: SOL spot is hedged with BTCUSDT", assets["notes"]!.ToJsonString());
        var (rcText, text, _) = CliRunner.Run(["plan", "replay", file, "--candles", "SOL=solusdt_spot_daily.csv", "--candles", "btc=btcusdt_spot_daily.csv",
            "--funding-csv", "BTC=btcusdt_funding_8h.csv", .. Window]);
        Assert.Equal(0, rcText);
        Assert.Matches(@"Final equity \(USDT\)\s+" + System.Text.RegularExpressions.Regex.Escape(run.Hedged.FinalEquity.ToString("#,##0.00", CultureInfo.InvariantCulture)) + @"\s", text);
        Assert.Contains("## Assets", text);
        Assert.Contains("Hedge PnL / spot PnL", text);
    }

    [Fact]
    public void Check_TwoAssets_LegDistancesAreOnBtc_AndTheExitCodeSaysWhetherAnythingIsDue()
    {
        string file = SaveCrossPlan();
        // The first bar opens the hedge; on the second only the standing stop is there: nothing due (exit 0).
        var (rc1, _, e1) = CliRunner.Run(["plan", "check", file, "--candles", "SOL=solusdt_spot_daily.csv", "--candles", "BTC=btcusdt_spot_daily.csv",
            "--from", "2024-04-01", "--to", "2024-04-02"]);
        Assert.True(rc1 == 0, e1);
        var (rc, output, error) = CliRunner.Run(["plan", "check", file, "--candles", "SOL=solusdt_spot_daily.csv", "--candles", "BTC=btcusdt_spot_daily.csv",
            "--from", "2024-04-01", "--to", "2024-04-20", "--json"]);
        Assert.True(rc == 0, error);
        var now = PlanHistory.Now(Markets(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 20), btcFunding: false), PlanDocument.Load(File.ReadAllText(file)));
        var doc = JsonNode.Parse(output)!;
        var legs = doc["sections"]!.AsArray().First(s => (string?)s!["title"] == "Legs")!["tables"]![0]!["rows"]![0]!;
        // "To stop" is the amount (toStop), "To stop %" the fraction (toStopFraction): one key each.
        Assert.Equal(now.Legs[0].DistanceToStop, (decimal?)legs["toStop"]);
        Assert.True(Math.Abs((double)now.Legs[0].DistanceToStopFraction!.Value - (double)legs["toStopFraction"]!) < 1e-12, legs.ToJsonString());
        Assert.True(now.Legs[0].DistanceToStop > 5_000m); // BTC prices: 80,000 − a close near 64,000, not SOL's ~150
        Assert.Contains("\"symbol\":\"BTCUSDT\"", output.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Watch_TwoAssets_OneJsonLinePerBar_EqualToPushAssets()
    {
        string file = SaveCrossPlan();
        var (rc, output, error) = CliRunner.Run(["plan", "watch", file, "--candles", "SOL=solusdt_spot_daily.csv", "--candles", "BTC=btcusdt_spot_daily.csv", "--bars", "4"]);
        Assert.True(rc == 0, error);
        var bars = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Where(n => (string?)n["type"] == "bar").ToList();
        Assert.Equal(4, bars.Count);
        // The watch starts at the first open time both files have (SOL's first day, 2020-08-11).
        var sol = TestData.Candles("solusdt_spot_daily.csv");
        var btc = TestData.Candles("btcusdt_spot_daily.csv");
        var live = new PlanLive(PlanDocument.Load(File.ReadAllText(file)));
        for (int t = 0; t < 4; t++)
        {
            var b = btc.Single(c => c.Timestamp == sol[t].Timestamp);
            var u = live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = sol[t], ["BTC"] = b });
            Assert.Equal(u.State.Equity, (decimal)bars[t]["equity"]!);
            Assert.Equal(b.Close, (decimal)bars[t]["assetCloses"]!["BTC"]!);
        }
    }

    /// <summary>The rows of a test-data candle file opening in [from, to] (the header not included).</summary>
    private static string[] Rows(string file, string from, string to) =>
        [.. File.ReadAllLines(TestData.PathOf("market/" + file)).Skip(1).Where(l => string.CompareOrdinal(l[..10], from) >= 0 && string.CompareOrdinal(l[..10], to) <= 0)];

    private const string Header = "date,open,high,low,close,volume";

    private static (int Rc, string Output, string Error) WatchStdin(string stdin, params string[] args)
    {
        PlanRunCommands.Input = new StringReader(stdin);
        try { return CliRunner.Run(["plan", "watch", .. args]); }
        finally { PlanRunCommands.Input = null; }
    }

    /// <summary>SOL and BTC files of April 2024 (BTC from 28 March: it starts earlier, so the watch starts at SOL's first bar).</summary>
    private (string Sol, string Btc) AprilFiles()
    {
        string sol = Path.Combine(_dir, "sol-april.csv"), btc = Path.Combine(_dir, "btc-april.csv");
        File.WriteAllLines(sol, [Header, .. Rows("solusdt_spot_daily.csv", "2024-04-01", "2024-04-30")]);
        File.WriteAllLines(btc, [Header, .. Rows("btcusdt_spot_daily.csv", "2024-03-28", "2024-04-30")]);
        return (sol, btc);
    }

    [Fact]
    public void Watch_TwoAssets_StandardInput_TaggedLines_GiveTheFileModesLines()
    {
        string plan = SaveCrossPlan();
        var (solFile, btcFile) = AprilFiles();
        var (rc, files, error) = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solFile, "--candles", "BTC=" + btcFile]);
        Assert.True(rc == 0, error);
        Assert.Equal(30, files.Split('\n').Count(l => l.Contains("\"type\":\"bar\"", StringComparison.Ordinal))); // April: 30 bars
        // The same bars on standard input, each line tagged by its asset, in an order a live feed might give: all of BTC's
        // first ten days, then the two assets interleaved; BTC's header tagged lower-case, SOL's rows as Binance kline rows.
        var sol = Rows("solusdt_spot_daily.csv", "2024-04-01", "2024-04-30");
        var btc = Rows("btcusdt_spot_daily.csv", "2024-03-28", "2024-04-30");
        var lines = new List<string> { "btc," + Header };
        lines.AddRange(btc.Take(10).Select(r => "BTC," + r));
        for (int i = 0; i < sol.Length; i++)
        {
            var f = sol[i].Split(',');
            long open = new DateTimeOffset(DateOnly.Parse(f[0], CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"SOL,{open},{f[1]},{f[2]},{f[3]},{f[4]},{f[5]},{open + 86_399_999},0,0,0,0,0"));
            if (i + 10 < btc.Length) lines.Add("BTC," + btc[i + 10]);
            if (i == 3) lines.Add(""); // a blank line is skipped
        }
        var (rc2, stdin, error2) = WatchStdin(string.Join('\n', lines) + "\n", plan, "--candles", "-");
        Assert.True(rc2 == 0, error2);
        Assert.Equal(files, stdin);
        // --bars stops both alike.
        var five = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solFile, "--candles", "BTC=" + btcFile, "--bars", "5"]);
        Assert.Equal(five.Output, WatchStdin(string.Join('\n', lines), plan, "--candles", "-", "--bars", "5").Output);
    }

    [Fact]
    public void Watch_TwoAssets_StandardInput_BadLines_NameCandlesTheLineAndTheValue()
    {
        string plan = SaveCrossPlan();
        string sol1 = "SOL,2024-04-01,202.3,205,189.55,192.24,1", sol2 = "SOL,2024-04-02,192.24,193,172.5,176.48,1";
        string btc1 = "BTC,2024-04-01,71280,71288.23,68062.86,69649.8,1", btc3 = "BTC,2024-04-03,65963.27,66914,64493.07,66037.9,1";
        string sh = "SOL," + Header, bh = "BTC," + Header;
        var unknown = WatchStdin(string.Join('\n', sh, bh, sol1, "XRP,2024-04-01,0.6,0.62,0.58,0.6,1"), plan, "--candles", "-");
        Assert.Equal(2, unknown.Rc);
        Assert.StartsWith("error: --candles line 4: 'XRP' is not one of the plan's assets (SOL, BTC)", unknown.Error);
        var untagged = WatchStdin(string.Join('\n', Header), plan, "--candles", "-", "--json");
        Assert.Equal(2, untagged.Rc);
        Assert.Equal("--candles", JsonNode.Parse(untagged.Output)!["error"]!["option"]!.GetValue<string>());
        var backwards = WatchStdin(string.Join('\n', sh, bh, sol2, sol1), plan, "--candles", "-");
        Assert.Equal(2, backwards.Rc);
        Assert.Contains("--candles line 4: SOL's candle opening at 2024-04-01T00:00:00Z comes after its candle opening at 2024-04-02T00:00:00Z", backwards.Error);
        // BTC skips 2 April after the watch started: an error naming BTC and the time, not a skipped bar.
        var gap = WatchStdin(string.Join('\n', sh, bh, sol1, btc1, sol2, btc3), plan, "--candles", "-");
        Assert.Equal(2, gap.Rc);
        Assert.Contains("--candles BTC: no candle opening at 2024-04-02T00:00:00Z, which SOL has", gap.Error);
        Assert.Single(gap.Output.Split('\n'), l => l.Contains("\"type\":\"bar\"", StringComparison.Ordinal)); // 1 April was stepped
        var noHeader = WatchStdin(string.Join('\n', sh, sol1, btc1), plan, "--candles", "-");
        Assert.Equal(2, noHeader.Rc);
        Assert.StartsWith("error: --candles line 3: is a CSV row with no header line", noHeader.Error);
    }

    [Fact]
    public async Task Watch_TwoAssets_Follow_StepsABarWhenEveryAssetHasIt_AsTheFileModeDoes()
    {
        string plan = SaveCrossPlan();
        var (solAll, btcAll) = AprilFiles();
        var sol = Rows("solusdt_spot_daily.csv", "2024-04-01", "2024-04-06");
        var btc = Rows("btcusdt_spot_daily.csv", "2024-04-01", "2024-04-06");
        string solFile = Path.Combine(_dir, "sol-grow.csv"), btcFile = Path.Combine(_dir, "btc-grow.csv");
        File.WriteAllLines(solFile, [Header, sol[0], sol[1]]);
        File.WriteAllLines(btcFile, [Header, btc[0]]);
        var append = Task.Run(async () =>
        {
            await Task.Delay(400);
            File.AppendAllLines(btcFile, [btc[1], btc[2], btc[3]]);
            await Task.Delay(400);
            File.AppendAllText(solFile, sol[2] + "\n" + sol[3] + "\n" + sol[4][..12]);
            await Task.Delay(400);
            File.AppendAllText(solFile, sol[4][12..] + "\n"); // the rest of a line written in two parts
            File.AppendAllLines(btcFile, [btc[4], btc[5]]);
        });
        var (rc, output, error) = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solFile, "--candles", "BTC=" + btcFile, "--follow", "--bars", "5"]);
        await append;
        Assert.True(rc == 0, error);
        var files = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solAll, "--candles", "BTC=" + btcAll, "--bars", "5"]);
        Assert.Equal(0, files.ExitCode);
        Assert.Equal(files.Output, output);
        var missing = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solFile, "--candles", "BTC=" + Path.Combine(_dir, "none.csv"), "--follow"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--candles BTC '", missing.Error);
        var one = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solFile, "--follow"]);
        Assert.Equal(2, one.ExitCode);
        Assert.Contains("--follow takes --candles BTC=FILE", one.Error);
    }

    [Fact]
    public void PlanAt_TwoAssets_EachAssetToItsOwnTarget_ByHand()
    {
        // 100 SOL hedged 0.5 by value with BTCUSDT: 0.5 × 100 × 150 / 60,000 = 0.125 BTC short, open fee 0.125 × 60,000 × 0.0005 = 3.75.
        string file = SaveCrossPlan();
        string[] args = ["plan", "at", file, "--price", "SOL=150", "--price", "btc=60000", "--at", "SOL=120", "--at", "BTC=54000"];
        var (rc, output, error) = CliRunner.Run([.. args, "--json"]);
        Assert.True(rc == 0, error);
        var section = JsonNode.Parse(output)!["sections"]![0]!;
        Assert.Equal("Outcome (an instant move)", (string)section["title"]!);
        var facts = section["facts"]!;
        // SOL −20 % (120), BTC −10 % (54,000): spot 100 × 120 = 12,000; the short gains 0.125 × 6,000 = 750; fees 3.75 +
        // 0.125 × 54,000 × 0.0005 = 3.375; net vs now = −3,000 + 750 − 7.125 = −2,257.125.
        Assert.Equal(12_000m, (decimal)facts["spotValueAndCash"]!["value"]!);
        Assert.Equal(750m, (decimal)facts["hedgePnl"]!["value"]!);
        Assert.Equal(7.125m, (decimal)facts["feesOpenAndClose"]!["value"]!);
        Assert.Equal(-2_257.125m, (decimal)facts["netVsNow"]!["value"]!);
        var leg = section["tables"]![1]!["rows"]![0]!;
        Assert.Equal("short 0.125", (string)leg["end"]!);
        Assert.Equal(54_000m, (decimal)leg["priceAtTheEnd"]!);
        var sol = section["tables"]![0]!["rows"]![0]!;
        Assert.Equal(-0.2m, (decimal)sol["change"]!);
        // The text: the cross leg's basis (SOL's move against BTC's) and the plan's basis-risk warning.
        var text = CliRunner.Run(args);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("Basis of leg 0: it hedges SOL (-20.00 %) on BTCUSDT's prices (BTC -10.00 %)", text.Output);
        Assert.Contains("Net vs now             -2,257.13 USDT", text.Output);
        Assert.Contains("a cross-hedge carries basis risk", text.Output);
        // BTC not given: it stays at 60,000, the short neither gains nor loses; 10 days of funding at 0.01 % per 8 h is
        // 30 prints × 0.125 × 60,000 × 0.0001 = 22.5 received; net = −3,000 − 7.5 + 22.5 = −2,985.
        var still = CliRunner.Run(["plan", "at", file, "--price", "SOL=150", "--price", "BTC=60000", "--at", "SOL=120", "--days", "10", "--json"]);
        Assert.True(still.ExitCode == 0, still.Error);
        var f2 = JsonNode.Parse(still.Output)!["sections"]![0]!["facts"]!;
        Assert.Equal(0m, (decimal)f2["hedgePnl"]!["value"]!);
        Assert.Equal(22.5m, (decimal)f2["funding"]!["value"]!);
        Assert.Equal(-2_985m, (decimal)f2["netVsNow"]!["value"]!);
    }

    [Fact]
    public void PlanAt_TwoAssets_OneLegEach_WithFunding_ByHand()
    {
        // 1 BTC and 10 ETH, each hedged 0.5 with its own perpetual (taker 0.05 %), one day at 0.01 % per 8 h.
        string file = Path.Combine(_dir, "btc-eth.json");
        File.WriteAllText(file, PlanDocument.Save(PlanDefinition.Create("btc and eth",
            [SpotHolding.Create("BTC", 1m, 40_000m), SpotHolding.Create("ETH", 10m, 2_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m), new PlanLeg(Contract.BinanceEthUsdt, 0.5m, 2m)])));
        var (rc, output, error) = CliRunner.Run(["plan", "at", file, "--price", "BTC=60000", "--price", "ETH=3000", "--at", "BTC=54000", "--at", "ETH=2700",
            "--days", "1", "--funding-rate", "0.0001", "--json"]);
        Assert.True(rc == 0, error);
        var facts = JsonNode.Parse(output)!["sections"]![0]!["facts"]!;
        // Spot 54,000 + 27,000; hedge 0.5 × 6,000 + 5 × 300 = 4,500; funding 0.5 × (58,000 + 56,000 + 54,000) × 0.0001 +
        // 5 × (2,900 + 2,800 + 2,700) × 0.0001 = 8.4 + 4.2; fees 15 + 7.5 to open, 13.5 + 6.75 to close at the targets.
        Assert.Equal(81_000m, (decimal)facts["spotValueAndCash"]!["value"]!);
        Assert.Equal(4_500m, (decimal)facts["hedgePnl"]!["value"]!);
        Assert.Equal(12.6m, (decimal)facts["funding"]!["value"]!);
        Assert.Equal(42.75m, (decimal)facts["feesOpenAndClose"]!["value"]!);
        // Net vs now = (81,000 − 90,000) + 4,500 + 12.6 − 42.75.
        Assert.Equal(-4_530.15m, (decimal)facts["netVsNow"]!["value"]!);
    }

    [Fact]
    public void PlanAt_TwoAssets_BadPrices_NameTheOptionAndTheAssets()
    {
        string file = SaveCrossPlan();
        // A plain price: which asset's? One error naming --at and the plan's assets.
        var (rc, output, error) = CliRunner.Run(["plan", "at", file, "--price", "SOL=150", "--price", "BTC=60000", "--at", "120"]);
        Assert.Equal(2, rc);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: --at 120: the plan runs on SOL, BTC; give a price per asset as --at ASSET=PRICE", error);
        var json = CliRunner.Run(["plan", "at", file, "--price", "SOL=150", "--at", "SOL=120", "--json"]);
        Assert.Equal(2, json.ExitCode);
        Assert.Equal("--price", JsonNode.Parse(json.Output)!["error"]!["option"]!.GetValue<string>());
        Assert.Contains("give --price BTC=PRICE for BTC", json.Output);
        var other = CliRunner.Run(["plan", "at", file, "--price", "SOL=150", "--price", "BTC=60000", "--at", "XRP=1"]);
        Assert.StartsWith("error: --at XRP=1: XRP is not one of the plan's assets (SOL, BTC).", other.Error);
        var twice = CliRunner.Run(["plan", "at", file, "--price", "SOL=150", "--price", "BTC=60000", "--at", "SOL=120", "--at", "sol=110"]);
        Assert.StartsWith("error: --at: SOL is given twice", twice.Error);
        var zero = CliRunner.Run(["plan", "at", file, "--price", "SOL=150", "--price", "BTC=0", "--at", "SOL=120"]);
        Assert.StartsWith("error: --price BTC=0: the price must be greater than 0.", zero.Error);
        var word = CliRunner.Run(["plan", "at", file, "--price", "SOL=150", "--price", "BTC=abc", "--at", "SOL=120"]);
        Assert.StartsWith("error: --price must be a decimal number", word.Error);
    }

    [Fact]
    public void PlanAt_OneAsset_RunsTheStraightPath_ByHand()
    {
        // The one-asset plan still gets its answer: 1 BTC with a 0.5 short on BTCUSDT (taker 0.05 %) from 60,000 to 54,000
        // at once (--days 0): hedge PnL 0.5 × (60,000 − 54,000) = 3,000; fees 0.5 × 60,000 × 0.0005 + 0.5 × 54,000 × 0.0005 = 15 + 13.5.
        string file = Path.Combine(_dir, "btc.json");
        var (rc0, _, e0) = CliRunner.Run(["plan", "--quantity", "1", "--price", "60000", "--ratio", "0.5", "--leverage", "2", "--save", file]);
        Assert.True(rc0 == 0, e0);
        var (rc, output, error) = CliRunner.Run(["plan", "at", file, "--price", "60000", "--at", "54000", "--days", "0", "--json"]);
        Assert.True(rc == 0, error);
        var row = JsonNode.Parse(output)!["sections"]!.AsArray().Single(x => ((string)x!["title"]!).StartsWith("Outcomes", StringComparison.Ordinal))!["tables"]![0]!["rows"]![0]!;
        Assert.Equal(3_000m, (decimal)row["hedgePnl"]!);
        Assert.Equal(28.5m, (decimal)row["feesOpenAndClose"]!);
    }

    /// <summary>Warm-up files of January to March 2024: SOL's, and BTC's from 20 December 2023 (it starts earlier: the warm-up starts at SOL's first bar).</summary>
    private (string Sol, string Btc) WarmUpFiles()
    {
        string sol = Path.Combine(_dir, "sol-q1.csv"), btc = Path.Combine(_dir, "btc-q1.csv");
        File.WriteAllLines(sol, [Header, .. Rows("solusdt_spot_daily.csv", "2024-01-01", "2024-03-31")]);
        File.WriteAllLines(btc, [Header, .. Rows("btcusdt_spot_daily.csv", "2023-12-20", "2024-03-31")]);
        return (sol, btc);
    }

    [Fact]
    public void Watch_TwoAssets_WarmUpPerAsset_GivesPlanLivesLines_WarmedOnEveryAssetsFile()
    {
        // A cross plan whose removal reads SOL's RSI (14 bars to warm up): warmed on Q1 2024, it can fire from 1 April.
        string plan = Path.Combine(_dir, "sol-btc-rsi.json");
        var (rc0, _, e0) = CliRunner.Run(["plan", "--asset", "SOL", "--quantity", "100", "--price", "190", "--symbol", "BTCUSDT", "--futures-price", "69000",
            "--ratio", "0.5", "--leverage", "2", "--remove-on-signal", "rsi-oversold", "--save", plan]);
        Assert.True(rc0 == 0, e0);
        var (solLive, btcLive) = AprilFiles();
        var (solWarm, btcWarm) = WarmUpFiles();
        var (rc, output, error) = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solLive, "--candles", "BTC=" + btcLive,
            "--warm-up", solWarm, "--warm-up", "btc=" + btcWarm]);
        Assert.True(rc == 0, error);
        // The library's live clock, warmed on the open times both files have (1 January .. 31 March), then April's bars.
        var definition = PlanDocument.Load(File.ReadAllText(plan));
        var live = new PlanLive(definition);
        var sol = TestData.Candles("solusdt_spot_daily.csv");
        var btc = TestData.Candles("btcusdt_spot_daily.csv");
        Candle On(IReadOnlyList<Candle> c, DateOnly d) => c.Single(x => x.Date == d);
        for (var d = new DateOnly(2024, 1, 1); d <= new DateOnly(2024, 3, 31); d = d.AddDays(1))
            live.WarmUpAssets(new Dictionary<string, Candle> { ["SOL"] = On(sol, d), ["BTC"] = On(btc, d) });
        Assert.Equal(91, live.Candles);
        var expected = new List<string>();
        for (var d = new DateOnly(2024, 4, 1); d <= new DateOnly(2024, 4, 30); d = d.AddDays(1))
            foreach (var line in PlanRunCommands.JsonLines(definition, live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = On(sol, d), ["BTC"] = On(btc, d) })))
                expected.Add(line.ToJsonString());
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The warm-up matters: started cold, RSI(14) is first read on 15 April over April's fall alone and is oversold
        // (the hedge comes off on 16 April); warmed on Q1's rise, April's RSI never gets below 30 and the hedge stays on.
        var cold = CliRunner.Run(["plan", "watch", plan, "--candles", "SOL=" + solLive, "--candles", "BTC=" + btcLive]);
        Assert.Equal(0, cold.ExitCode);
        Assert.Contains("\"time\":\"2024-04-16T00:00:00Z\",\"kind\":\"ruleFired\"", cold.Output);
        Assert.DoesNotContain("\"kind\":\"ruleFired\"", output);
    }

    [Fact]
    public void Watch_TwoAssets_WarmUpAndSymbol_BadInput_NamesTheOption()
    {
        string plan = SaveCrossPlan();
        var (solLive, btcLive) = AprilFiles();
        var (solWarm, _) = WarmUpFiles();
        string[] live = ["plan", "watch", plan, "--candles", "SOL=" + solLive, "--candles", "BTC=" + btcLive];
        // Every asset warms from its own file: one missing is an error naming --warm-up and the asset.
        var one = CliRunner.Run([.. live, "--warm-up", solWarm]);
        Assert.Equal(2, one.ExitCode);
        Assert.StartsWith("error: --warm-up: the plan runs on SOL, BTC; give --warm-up BTC=FILE for BTC.", one.Error);
        var other = CliRunner.Run([.. live, "--warm-up", solWarm, "--warm-up", "XRP=" + solWarm, "--json"]);
        Assert.Equal(2, other.ExitCode);
        Assert.Equal("--warm-up", JsonNode.Parse(other.Output)!["error"]!["option"]!.GetValue<string>());
        // A warm-up that runs into the live bars: the first live bar opens before the warm-up's last closed.
        var overlap = CliRunner.Run([.. live, "--warm-up", "SOL=" + solLive, "--warm-up", "BTC=" + btcLive]);
        Assert.Equal(2, overlap.ExitCode);
        Assert.StartsWith("error: --candles", overlap.Error);
        // A gap in one warm-up file (after both started) names --warm-up and the asset that lacks the time.
        string gap = Path.Combine(_dir, "btc-q1-gap.csv");
        File.WriteAllLines(gap, [Header, .. Rows("btcusdt_spot_daily.csv", "2024-01-01", "2024-03-31").Where(l => !l.StartsWith("2024-02-10", StringComparison.Ordinal))]);
        var hole = CliRunner.Run([.. live, "--warm-up", "SOL=" + solWarm, "--warm-up", "BTC=" + gap]);
        Assert.Equal(2, hole.ExitCode);
        Assert.StartsWith("error: --warm-up BTC: no candle opening at 2024-02-10T00:00:00Z, which SOL has", hole.Error);
        // --symbol takes one exchange symbol per asset: a plain SYMBOL is SOL's, and BTC's is missing (no network is reached).
        var symbol = CliRunner.Run(["plan", "watch", plan, "--symbol", "SOLUSDT"]);
        Assert.Equal(2, symbol.ExitCode);
        Assert.StartsWith("error: --symbol: the plan runs on SOL, BTC; give --symbol BTC=SYMBOL for BTC.", symbol.Error);
        Assert.Single(symbol.Error.Trim().Split('\n'));
        var unknown = CliRunner.Run(["plan", "watch", plan, "--symbol", "SOL=SOLUSDT", "--symbol", "XRP=XRPUSDT", "--json"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("--symbol", JsonNode.Parse(unknown.Output)!["error"]!["option"]!.GetValue<string>());
        Assert.Contains("--symbol XRP=XRPUSDT: XRP is not one of the plan", unknown.Output);
        var both = CliRunner.Run(["plan", "watch", plan, "--symbol", "SOL=SOLUSDT", "--symbol", "BTC=BTCUSDT", "--candles", "SOL=" + solLive, "--candles", "BTC=" + btcLive]);
        Assert.Equal(2, both.ExitCode);
        Assert.StartsWith("error: --candles: give either --candles", both.Error);
        var interval = CliRunner.Run([.. live, "--interval", "1h"]);
        Assert.Equal(2, interval.ExitCode);
        Assert.StartsWith("error: --interval goes with --symbol", interval.Error);
    }

    [Fact]
    public void BadInput_NamesCandlesAndTheAsset_Exit2()
    {
        string file = SaveCrossPlan();
        var (rc, _, error) = CliRunner.Run(["plan", "replay", file, "--candles", "solusdt_spot_daily.csv"]);
        Assert.Equal(2, rc);
        Assert.Contains("--candles", error);
        Assert.Contains("give --candles BTC=FILE", error);
        (rc, _, error) = CliRunner.Run(["plan", "check", file, "--candles", "solusdt_spot_daily.csv", "--candles", "XRP=xrpusdt_spot_daily.csv"]);
        Assert.Equal(2, rc);
        Assert.Contains("XRP is not one of the plan's assets (SOL, BTC)", error);
        (rc, _, error) = CliRunner.Run(["plan", "check", file, "--candles", "solusdt_spot_daily.csv", "--candles", "SOL=solusdt_spot_daily.csv"]);
        Assert.Equal(2, rc);
        Assert.Contains("SOL is given twice", error);
        // A gap in one series is an error naming it, not skipped: BTC without 2024-04-10.
        string gap = Path.Combine(_dir, "btc-gap.csv");
        File.WriteAllLines(gap, File.ReadAllLines(TestData.PathOf("market/btcusdt_spot_daily.csv")).Where(l => !l.StartsWith("2024-04-10", StringComparison.Ordinal)));
        (rc, _, error) = CliRunner.Run(["plan", "replay", file, "--candles", "solusdt_spot_daily.csv", "--candles", "BTC=" + gap, .. Window]);
        Assert.Equal(2, rc);
        Assert.Contains("--candles BTC", error);
        Assert.Contains("2024-04-10", error);
        (rc, _, error) = CliRunner.Run(["plan", "watch", file, "--candles", "-", "--candles", "BTC=btcusdt_spot_daily.csv"]);
        Assert.Equal(2, rc);
        Assert.Contains("one candle file per asset (--candles ASSET=FILE) or standard input alone", error);
        (rc, _, error) = CliRunner.Run(["plan", "watch", file, "--candles", "-", "--follow"]);
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --follow", error);
    }
}
#endif
