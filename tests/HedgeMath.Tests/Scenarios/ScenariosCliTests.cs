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

    [Fact]
    public void BadInput_ExitsWithCode2()
    {
        Assert.Equal(2, Run("simulate", "--paths", "0").Code);
        Assert.Equal(2, Run("backtest", "--from", "2019-01-01").Code);
    }
}
