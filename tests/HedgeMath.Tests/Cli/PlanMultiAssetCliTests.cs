#if NET10_0_OR_GREATER
using System.Globalization;
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
        (rc, _, error) = CliRunner.Run(["plan", "watch", file, "--candles", "-"]);
        Assert.Equal(2, rc);
        Assert.Contains("one candle file per asset", error);
    }
}
#endif
