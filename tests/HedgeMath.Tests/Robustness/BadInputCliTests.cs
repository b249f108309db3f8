using System.Text.Json.Nodes;
using HedgeMath.Tests.Cli;

namespace HedgeMath.Tests.Robustness;

/// <summary>
/// Regression tests of issue 13 (CLI side): each case ran on embedded data, read "1,5" as 15, exited 0 on bad input,
/// or printed a stack trace before the fix.
/// </summary>
public sealed class CliBadInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hedgemath-cli");

    public void Dispose() => _dir.Delete(true);

    private static void AssertOneLineError(int rc, string error, string option)
    {
        Assert.NotEqual(0, rc);
        var text = error.Trim();
        Assert.DoesNotContain("\n", text);
        Assert.DoesNotContain("   at ", text);
        Assert.StartsWith("error: ", text);
        Assert.Contains(option, text);
    }

    [Fact]
    public void Signals_MissingUserPathWithAnEmbeddedFileName_ErrorNotEmbeddedData()
    {
        var (rc, _, error) = CliRunner.Run("signals", "--candles", "/no/such/dir/btcusdt_spot_daily.csv");
        AssertOneLineError(rc, error, "--candles");
    }

    [Fact]
    public void Signals_DirectoryNamedLikeAnEmbeddedFile_ErrorNotEmbeddedData()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir.FullName, "btcusdt_spot_daily.csv"));
        var (rc, _, error) = CliRunner.Run("signals", "--candles", dir.FullName);
        AssertOneLineError(rc, error, "--candles");
    }

    [Theory]
    [InlineData("simulate", "--spot-candles")]
    [InlineData("simulate", "--perp-candles")]
    [InlineData("simulate", "--funding-csv")]
    [InlineData("backtest", "--funding-csv")]
    public void ScenarioCommands_MissingUserPath_ErrorNamingTheOption(string command, string option)
    {
        var (rc, _, error) = CliRunner.Run(command, option, "/no/such/dir/" + (option.EndsWith("-candles", StringComparison.Ordinal) ? "btcusdt_spot_daily.csv" : "btcusdt_funding_8h.csv"), "--paths", "10");
        if (command == "backtest") (rc, _, error) = CliRunner.Run(command, option, "/no/such/dir/btcusdt_funding_8h.csv");
        AssertOneLineError(rc, error, option);
    }

    [Fact]
    public void HedgeRatioAndPlan_MissingUserPath_Error()
    {
        var (rc, _, error) = CliRunner.Run("hedge-ratio", "/no/such/solusdt_spot_daily.csv", "btcusdt_spot_daily.csv");
        AssertOneLineError(rc, error, "spot");
        (rc, _, error) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--funding-csv", "/no/such/btcusdt_funding_8h.csv", "--from", "2024-01-01");
        AssertOneLineError(rc, error, "--funding-csv");
        // Each half of the funding window without the other: one error naming the option given alone's partner.
        (rc, _, error) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--funding-csv", "btcusdt_funding_8h.csv");
        AssertOneLineError(rc, error, "--from");
        (rc, _, error) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--from", "2024-01-01");
        AssertOneLineError(rc, error, "--from");
        Assert.Contains("--funding-csv", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderOnlyCsv_Error()
    {
        var path = Path.Combine(_dir.FullName, "empty.csv");
        File.WriteAllText(path, "date,open,high,low,close,volume\n");
        var (rc, _, error) = CliRunner.Run("signals", "--candles", path);
        AssertOneLineError(rc, error, "--candles");
    }

    [Fact]
    public void DecimalOption_ThousandsSeparator_ErrorNot15()
    {
        // Before: "1,5" parsed as 15 (thousands separator) and margin reported a 15 BTC position.
        var (rc, _, error) = CliRunner.Run("margin", "--side", "short", "--size", "1,5", "--entry", "50000");
        AssertOneLineError(rc, error, "--size");
    }

    [Theory]
    [InlineData("signals", "--last", "-1")]
    [InlineData("scenarios", "--leverages", "1e999")]
    [InlineData("scenarios", "--funding-rate", "1e27")]
    [InlineData("scenarios", "--stop-distance", "7.9e28")]
    [InlineData("scenarios", "--moves", "2147483647")]
    [InlineData("simulate", "--paths", "2147483647")]
    [InlineData("margin", "--mark", "1e-28")]
    public void BadValue_OneLineErrorNamingTheOption(string command, string option, string value)
    {
        string[] extra = command == "margin" ? ["--side", "short", "--size", "1", "--entry", "50000"] : command == "simulate" ? ["--days", "10"] : [];
        var (rc, _, error) = CliRunner.Run([command, .. extra, option, value]);
        AssertOneLineError(rc, error, option);
    }

    [Fact]
    public void HedgeRatio_NegativeWindow_Error()
    {
        var (rc, _, error) = CliRunner.Run("hedge-ratio", "solusdt_spot_daily.csv", "btcusdt_spot_daily.csv", "--window", "-1");
        AssertOneLineError(rc, error, "--window");
    }

    [Fact]
    public void HedgeRatio_HugeStep_ErrorNotOverflow()
    {
        var (rc, _, error) = CliRunner.Run("hedge-ratio", "solusdt_spot_daily.csv", "btcusdt_spot_daily.csv", "--window", "30", "--step", "2147483647");
        AssertOneLineError(rc, error, "--step");
    }

    [Fact]
    public void Simulate_OneDayWindow_ErrorNotSequenceContainsNoElements()
    {
        var (rc, _, error) = CliRunner.Run("simulate", "--from", "2024-01-01", "--to", "2024-01-01", "--paths", "10");
        AssertOneLineError(rc, error, "--from");
    }

    [Fact]
    public void Svg_ToADirectoryOrUnwritablePath_ErrorNamingSvg()
    {
        var (rc, _, error) = CliRunner.Run("scenarios", "--moves", "3", "--svg", _dir.FullName);
        AssertOneLineError(rc, error, "--svg");
        (rc, _, error) = CliRunner.Run("scenarios", "--moves", "3", "--svg", "/proc/no-such-dir/chart.svg");
        AssertOneLineError(rc, error, "--svg");
    }

    [Fact]
    public void Json_Error_IsAJsonDocument()
    {
        var (rc, output, _) = CliRunner.Run("margin", "--side", "short", "--size", "-1", "--entry", "50000", "--json");
        Assert.NotEqual(0, rc);
        var doc = JsonNode.Parse(output)!;
        Assert.Contains("--size", doc["error"]!["message"]!.GetValue<string>());
        (rc, output, _) = CliRunner.Run("margin", "--side", "short", "--size", "abc", "--entry", "50000", "--json");
        Assert.NotEqual(0, rc);
        Assert.Contains("--size", JsonNode.Parse(output)!["error"]!["message"]!.GetValue<string>());
    }
}
