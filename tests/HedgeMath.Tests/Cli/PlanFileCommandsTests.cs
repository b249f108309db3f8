using System.Text.Json.Nodes;

namespace HedgeMath.Tests.Cli;

/// <summary><c>plan show</c>, <c>plan check</c> (exit codes 0 / 1 / 2) and <c>plan --save</c>.</summary>
public sealed class PlanFileCommandsTests : IDisposable
{
    private static readonly string PlanFile = Path.Combine(AppContext.BaseDirectory, "Data", "plan_btc.json");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hedgemath-plan");

    public void Dispose() => _dir.Delete(true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonArray Rows(JsonObject report, string section)
    {
        foreach (var s in report["sections"]!.AsArray())
            if (s!["title"]!.GetValue<string>() == section) return s["tables"]![0]!["rows"]!.AsArray();
        throw new KeyNotFoundException(section);
    }

    [Fact]
    public void Show_PrintsTheLegsAndRulesInWords()
    {
        var (rc, output, _) = CliRunner.Run("plan", "show", PlanFile);
        Assert.Equal(0, rc);
        Assert.Contains("BTCUSDT (binance-usdm, linear)", output);
        Assert.Contains("10 % from entry, on mark", output);
        Assert.Contains("spot ≤ 30,000", output);
        Assert.Contains("re-enter at the next bar", output);
        var json = CliRunner.Json("plan", "show", PlanFile);
        var leg = Rows(json, "Hedge legs")[0]!;
        Assert.Equal("short", leg["side"]!.GetValue<string>());
        Assert.Equal(0.5m, leg["ratio"]!.GetValue<decimal>());
        Assert.Equal(1, CliRunner.Fact(json, "Document", "plan")!["version"]!.GetValue<int>());
    }

    [Fact]
    public void Check_NothingDue_ExitsZero()
    {
        var (rc, output, error) = CliRunner.Run("plan", "check", PlanFile, "--candles", "btcusdt_spot_daily.csv", "--from", "2026-07-01");
        Assert.True(rc == 0, error);
        Assert.Contains("nothing due", output);
        Assert.Contains("stop market", output);
    }

    [Fact]
    public void Check_RuleFiresOnTheLastBar_ExitsOne_WithTheOrderToPlace()
    {
        // 60,000 → 61,000 → 29,000: the close 29,000 ≤ 30,000 removes the 0.5 BTC short: buy 0.5 BTCUSDT reduce-only now.
        var candles = Write("c.csv", "date,open,high,low,close,volume\n2025-01-01,60000,60000,60000,60000,1\n2025-01-02,60000,61000,60000,61000,1\n2025-01-03,61000,61000,29000,29000,1\n");
        var (rc, output, _) = CliRunner.Run("plan", "check", PlanFile, "--candles", candles, "--json");
        Assert.Equal(1, rc);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.True(CliRunner.Fact(json, "Now", "actionDue")!.GetValue<bool>());
        var order = Assert.Single(Rows(json, "Orders to place now"))!;
        Assert.Equal("market", order["order"]!.GetValue<string>());
        Assert.Equal("buy", order["side"]!.GetValue<string>());
        Assert.Equal("BTCUSDT", order["symbol"]!.GetValue<string>());
        Assert.Equal(0.5m, order["quantity"]!.GetValue<decimal>());
        Assert.True(order["reduceOnly"]!.GetValue<bool>());
        var rule = Assert.Single(Rows(json, "Rules"))!;
        Assert.Equal("fired", rule["firedNow"]!.GetValue<string>());
        Assert.Equal("spot close 29,000.00 ≤ 30,000", rule["why"]!.GetValue<string>());
        Assert.Equal(0m, Rows(json, "Legs")[0]!["heldRatio"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("bad-leverage")]
    [InlineData("not-json")]
    public void Check_BadPlanFile_ExitsTwo_NamingTheFileAndTheJsonPath(string kind)
    {
        string path = kind switch
        {
            "missing" => Path.Combine(_dir.FullName, "none.json"),
            "bad-leverage" => Write("p.json", File.ReadAllText(PlanFile).Replace("\"leverage\": 2", "\"leverage\": 0", StringComparison.Ordinal)),
            _ => Write("p.json", "{ nope"),
        };
        var (rc, _, error) = CliRunner.Run("plan", "check", path, "--candles", "btcusdt_spot_daily.csv");
        Assert.Equal(2, rc);
        Assert.StartsWith("error: FILE '", error);
        if (kind == "bad-leverage") Assert.Contains("$.legs[0].leverage", error);
        var (rcJson, output, _) = CliRunner.Run("plan", "show", path, "--json");
        Assert.Equal(2, rcJson);
        Assert.Contains("FILE", JsonNode.Parse(output)!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public void Check_BadCandles_ExitsTwo_NamingTheOption()
    {
        var (rc, _, error) = CliRunner.Run("plan", "check", PlanFile, "--candles", Path.Combine(_dir.FullName, "none.csv"));
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --candles", error);
        var one = Write("one.csv", "date,open,high,low,close,volume\n2025-01-01,60000,60000,60000,60000,1\n");
        (rc, _, error) = CliRunner.Run("plan", "check", PlanFile, "--candles", one);
        Assert.Equal(2, rc);
        Assert.Contains("--candles", error);
        // Funding that ends before the candles (the embedded prints end on 2026-07-31, the candles on 2026-08-12).
        (rc, _, error) = CliRunner.Run("plan", "check", PlanFile, "--candles", "btcusdt_spot_daily.csv", "--from", "2026-07-01", "--funding-csv", "btcusdt_funding_8h.csv");
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --funding-csv: funding covers", error);
        (rc, _, error) = CliRunner.Run("plan", "check", PlanFile, "--candles", "btcusdt_spot_daily.csv", "--funding-csv", Path.Combine(_dir.FullName, "none.csv"));
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --funding-csv", error);
    }

    [Fact]
    public void Check_WithFunding_ExitsZero()
    {
        var (rc, output, error) = CliRunner.Run("plan", "check", PlanFile, "--candles", "btcusdt_spot_daily.csv", "--from", "2026-06-01", "--to", "2026-07-31", "--funding-csv", "btcusdt_funding_8h.csv");
        Assert.True(rc is 0 or 1, error);
        Assert.Contains("## Orders to place now", output);
        Assert.Contains("at 2026-08-01 00:00 UTC", output); // the 2026-07-31 candle closes then
    }

    [Fact]
    public void Save_ThenShow_RoundTrips()
    {
        var file = Path.Combine(_dir.FullName, "sub", "mine.json");
        var (rc, output, error) = CliRunner.Run("plan", "--quantity", "2.5", "--price", "97000", "--cost", "61000", "--ratio", "0.5", "--stop", "105000",
            "--remove-below", "90000", "--save", file);
        Assert.True(rc == 0, error);
        Assert.Contains(file, output);
        var (rc2, shown, _) = CliRunner.Run("plan", "show", file);
        Assert.Equal(0, rc2);
        Assert.Contains("spot ≤ 90,000", shown);
        var (rc3, _, err3) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--save", _dir.FullName);
        Assert.Equal(2, rc3);
        Assert.StartsWith("error: --save", err3);
    }
}
