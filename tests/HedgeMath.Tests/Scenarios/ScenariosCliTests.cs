using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace HedgeMath.Tests.Scenarios;

/// <summary>Smoke tests of <c>hedgemath scenarios|simulate|backtest</c> through the CLI's entry point.</summary>
public class ScenariosCliTests
{
    private static (int Code, string Out) Run(params string[] args)
    {
        var (code, output, _) = HedgeMath.Tests.Cli.CliRunner.Run(args);
        return (code, output);
    }

    [Fact]
    public void Backtest_Json_HasHedgedAndUnhedgedAndWritesSvg()
    {
        var svg = Path.Combine(Path.GetTempPath(), $"hm-bt-{Guid.NewGuid():N}.svg");
        var (code, output) = Run("backtest", "--json", "--from", "2024-01-01", "--to", "2024-03-31", "--svg", svg);
        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Contains("Backtest", (string)json["title"]!);
        Assert.Contains("unhedged", output);
        XElement.Parse(File.ReadAllText(svg));
        File.Delete(svg);
    }

    [Fact]
    public void Simulate_And_Scenarios_Run()
    {
        var (code, output) = Run("simulate", "--paths", "200", "--days", "30", "--json");
        Assert.Equal(0, code);
        Assert.Contains("hedge 50%", output);
        (code, output) = Run("scenarios", "--moves", "3", "--leverages", "10");
        Assert.Equal(0, code);
        Assert.Contains("Net PnL at 10x", output);
    }

    [Theory]
    [InlineData("BTCUSDT")]
    [InlineData("ETHUSDT")]
    [InlineData("BTCUSD")]
    public void EveryContractPreset_RunsScenariosSimulateBacktest(string symbol)
    {
        var (code, output) = Run("scenarios", "--symbol", symbol, "--moves", "3", "--leverages", "10", "--price", symbol == "ETHUSDT" ? "3000" : "50000");
        Assert.Equal(0, code);
        Assert.Contains("Hedge exit", output);
        (code, output) = Run("simulate", "--symbol", symbol, "--paths", "100", "--days", "20");
        Assert.Equal(0, code);
        Assert.Contains("hedge 50%", output);
        (code, output) = Run("backtest", "--symbol", symbol, "--from", "2024-01-01", "--to", "2024-03-31", "--mark-source", "last");
        Assert.Equal(0, code);
        Assert.Contains("Mark price", output);
        Assert.Contains("last", output);
    }

    [Fact]
    public void Backtest_InverseContract_ReportsCoinAndUsd()
    {
        var (code, output) = Run("backtest", "--symbol", "BTCUSD", "--from", "2024-01-01", "--to", "2024-06-30", "--reduce-after-drop", "0.1");
        Assert.Equal(0, code);
        Assert.Contains("Final equity (USD)", output);
        Assert.Contains("Hedge PnL in BTC", output);
        Assert.Contains("Partial closes", output);
    }

    [Fact]
    public void PlanAt_ShowsTheExit()
    {
        var (code, output) = Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--leverage", "10", "--at", "45000", "--at", "60000");
        Assert.Equal(0, code);
        var row = output.Split('\n').Single(l => l.TrimStart().StartsWith("60,000", StringComparison.Ordinal));
        Assert.Contains("liquidated", row);
        Assert.Contains("-2,500", row);          // the isolated margin, not 0.5 × (50,000 − 60,000) = −5,000
        Assert.DoesNotContain("-5,000", row);
        Assert.Contains("54,780.8 ", row + " ");   // the liquidation price 27,500 / 0.502 = 54,780.876…, truncated to the 0.1 tick as the plan shows it
    }

    [Fact]
    public void Backtest_BadMark_IsRejected()
    {
        var (code, _) = Run("backtest", "--mark-source", "index");
        Assert.Equal(2, code);
    }

    [Fact]
    public void BadInput_ExitsWithCode2()
    {
        Assert.Equal(2, Run("simulate", "--paths", "0").Code);
        Assert.Equal(2, Run("backtest", "--from", "2019-01-01").Code);
    }

    [Fact]
    public void Backtest_EightHourCandles_ReplaysThemAndFundsEachPrintAtItsTime()
    {
        // The hand-built 8-hour series of IntradayReplayTests: a 0.5 hedge receives 0.10985 USDT of funding (each print
        // at the open of the bar starting at its time), shown rounded to 0.11; simulate needs daily candles.
        var dir = Path.Combine(Path.GetTempPath(), $"hm-8h-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string[] ohlc = ["100,102,99,101", "101,104,100,103", "103,105,102,104", "104,106,103,105", "110,112,108,111", "120,121,118,119"];
            string[] times = ["2026-01-01 00:00", "2026-01-01 08:00", "2026-01-01 16:00", "2026-01-02 00:00", "2026-01-02 08:00", "2026-01-02 16:00"];
            string spot = Path.Combine(dir, "spot.csv"), funding = Path.Combine(dir, "funding.csv");
            File.WriteAllText(spot, "date,open,high,low,close,volume\n" + string.Concat(times.Select((t, i) => $"{t},{ohlc[i]},1\n")));
            File.WriteAllText(funding, "time,funding_rate\n" + string.Concat(times.Select((t, i) => $"{t.Replace(' ', 'T')}:00Z,0.000{i + 1}\n")));
            var (code, output) = Run("backtest", "--spot-candles", spot, "--perp-candles", spot, "--funding-csv", funding, "--ratio", "0.5", "--leverage", "1", "--rehedge", "0");
            Assert.True(code == 0, output);
            Assert.Contains("6 8h bars", output);
            Assert.Matches(@"Funding received\s+0\.11", output);
            Assert.Equal(2, Run("simulate", "--spot-candles", spot, "--perp-candles", spot, "--funding-csv", funding, "--from", "2026-01-01").Code);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
