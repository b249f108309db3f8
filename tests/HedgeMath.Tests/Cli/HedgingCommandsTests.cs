using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HedgeMath.Tests.Cli;

/// <summary>Smoke tests of the hedging commands: run the CLI (in process, through CliRunner) and read its --json output.</summary>
public class HedgingCommandsTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(args);

    private static JsonElement Section(JsonDocument doc, string titleStart)
    {
        foreach (var s in doc.RootElement.GetProperty("sections").EnumerateArray())
            if (s.GetProperty("title").GetString()!.StartsWith(titleStart, StringComparison.Ordinal)) return s;
        throw new KeyNotFoundException(titleStart);
    }

    private static decimal Fact(JsonElement section, string key)
    {
        var f = section.GetProperty("facts").GetProperty(key);
        return f.ValueKind == JsonValueKind.Object ? f.GetProperty("value").GetDecimal() : f.GetDecimal();
    }

    [Fact]
    public void Plan_WorkedExample_PrintsMarginAndWarnings()
    {
        var (code, stdout, stderr) = Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--leverage", "10", "--stop", "53000", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        // Issue worked example: hedged value 25,000, notional 25,000, IM 2,500.
        Assert.Equal(25_000m, Fact(Section(doc, "Hedge"), "hedgedValue"));
        var margin = Section(doc, "Margin");
        Assert.Equal(25_000m, Fact(margin, "notional"));
        Assert.Equal(2_500m, Fact(margin, "initialMargin"));
        var codes = Section(doc, "Warnings").GetProperty("tables")[0].GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal(["LeverageAboveCap", "LiquidationNearStop"], codes);
    }

    [Fact]
    public void HedgeRatio_R6PricesFromCsv_Prints0_7776507And37Contracts()
    {
        // Reference R6 (Hull Example 3.3) as two price files whose day-to-day differences are the R6 changes.
        double[] df = [0.021, 0.035, -0.046, 0.001, 0.044, -0.029, -0.026, -0.029, 0.048, -0.006, -0.036, -0.011, 0.019, -0.027, 0.029];
        double[] ds = [0.029, 0.020, -0.044, 0.008, 0.026, -0.019, -0.010, -0.007, 0.043, 0.011, -0.036, -0.018, 0.009, -0.032, 0.023];
        string Write(double[] changes)
        {
            var sb = new StringBuilder("date,open,high,low,close,volume\n");
            decimal price = 1m;
            var day = new DateOnly(2024, 1, 1);
            for (int i = 0; i <= changes.Length; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{day.AddDays(i):yyyy-MM-dd},{price},{price},{price},{price},0\n");
                if (i < changes.Length) price += (decimal)changes[i];
            }
            var path = Path.Combine(Path.GetTempPath(), $"hedgemath-r6-{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, sb.ToString());
            return path;
        }
        var spot = Write(ds); var fut = Write(df);
        try
        {
            var (code, stdout, stderr) = Run("hedge-ratio", spot, fut, "--basis", "diff", "--quantity", "2000000", "--contract-size", "42000", "--json");
            Assert.True(code == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var s = Section(doc, "Estimate");
            Assert.Equal(0.7776507m, Math.Round(Fact(s, "hedgeRatio"), 7));
            Assert.Equal(0.8618752m, Math.Round(Fact(s, "effectiveness"), 7));
            Assert.Equal(37m, Fact(s, "contractsRounded"));
        }
        finally { File.Delete(spot); File.Delete(fut); }
    }

    [Fact]
    public void LadderAndRebalance_Run_AndBadInputExitsWith2()
    {
        var (code, stdout, stderr) = Run("ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "60000:0.25", "65000:0.15", "--leverage", "5");
        Assert.True(code == 0, stderr);
        Assert.Contains("61,875", stdout);   // (15,000 + 9,750) / 0.4
        (code, stdout, stderr) = Run("rebalance", "--bucket", "core=0.6", "satellite=0.2", "buffer=0.2:cash",
            "--holding", "BTC:core:0.5:100000", "SOL:satellite:200:150", "USDT:buffer:20000:1");
        Assert.True(code == 0, stderr);
        Assert.Contains("short", stdout);
        (code, _, stderr) = Run("ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "65000:0.25", "60000:0.15");
        Assert.Equal(2, code);
        Assert.Contains("targets", stderr);
        (code, _, stderr) = Run("rebalance", "--bucket", "a=0.5", "b=0.4", "--holding", "X:a:1:1");
        Assert.Equal(2, code);
        Assert.Contains("sum to 1", stderr);
    }

    [Fact]
    public void Demo_RunsWithHedgingSections()
    {
        var (code, stdout, stderr) = Run("demo", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var eth = Section(doc, "Hedging: 2.0 ETH");
        Assert.Equal(1_000m, Fact(eth, "realizedOnTheEthSold"));
        Assert.Equal(0m, Fact(eth, "netVsDecisionPriceBeforeFees"));
    }
}
