using System.Text.Json.Nodes;
using HedgeMath.Tests.Cli;

namespace HedgeMath.Tests.Robustness;

/// <summary>
/// Regression tests of issue 23 (CLI side, items 21–25 and the "Also" items): each exited 0 on bad input, exited 70
/// with an internal error, or blamed the wrong option (or none) before the fix. The convention (docs/conventions.md):
/// exit code 2 and one line <c>error: ...</c> naming the option; with <c>--json</c> one JSON error document.
/// </summary>
public sealed class OutsideFuzzRound2CliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hedgemath-round2");

    public void Dispose() => _dir.Delete(true);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static void AssertInputError(string option, params string[] args)
    {
        var (rc, _, error) = CliRunner.Run(args);
        Assert.Equal(2, rc);
        var text = error.Trim();
        Assert.DoesNotContain("\n", text);
        Assert.StartsWith("error: ", text);
        Assert.Contains(option, text);
        var (jrc, output, _) = CliRunner.Run([.. args, "--json"]);
        Assert.Equal(2, jrc);
        Assert.Contains(option, JsonNode.Parse(output)!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public void Item21_FundingAmountAtDecimalMax_InputErrorNamingItNotInternalError() =>
        // gross − fees + funding overflowed decimal: exit 70 "internal error (OverflowException)" before.
        AssertInputError("--funding-amount", "pnl", "--side", "short", "--size", "0.5", "--entry", "50000", "--exit", "48000",
            "--funding-amount", "79228162514264337593543950335");

    [Fact]
    public void Item22_RiskCsvWithoutHeader_ErrorNotAPositionDropped() =>
        // Two positions, no header: before, the first was read as the header and "1 position" was reported.
        AssertInputError("--positions-csv", "risk", "--positions-csv", File("nohdr.csv", "short,0.5,50000,2500,51000\nlong,2,48000,4800,47000\n"));

    [Fact]
    public void Item22_RiskCsvEmptyOrHeaderOnly_ErrorNotZeroPositions()
    {
        AssertInputError("--positions-csv", "risk", "--positions-csv", File("empty.csv", ""));
        AssertInputError("--positions-csv", "risk", "--positions-csv", File("header.csv", "side,quantity,entry,margin,mark\n"));
        AssertInputError("--positions-csv", "risk", "--positions-csv", File("short.csv", "side,quantity,entry,margin,mark\nshort,0.5,50000,2500\n"));
    }

    [Fact]
    public void Item23_RebalanceNegativeDaysWithoutLots_Rejected() =>
        AssertInputError("--days", "rebalance", "--bucket", "a=0.5", "--bucket", "b=0.5:cash", "--holding", "X:a:1:100",
            "--instrument", "a=BTCUSDT@50000", "--days", "-1");

    [Theory]
    [InlineData("sell-and-hedge", "-1")]
    [InlineData("derisk", "-1")]
    [InlineData("sell-and-hedge", "0.25")] // a valid rate without --lot: nothing to tax, so not silently ignored
    public void Item24_TaxRateOutOfRangeOrWithoutLots_Rejected(string command, string rate)
    {
        string[] args = command == "derisk"
            ? ["derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000"]
            : ["sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1"];
        AssertInputError("--tax-rate", [.. args, "--tax-rate", rate]);
    }

    [Fact]
    public void Item24_TaxRateWithLots_StillWorks()
    {
        // 1 @ 1,500 sold at 3,000 with the default 0.1 % spot fee (3): gain 1,500 − 3 = 1,497 (issue 22 item 4: gains after the fee).
        var j = CliRunner.Json("sell-and-hedge", "--asset", "ETH", "--lot", "a:1:1500", "--lot", "b:1:2500", "--price", "3000", "--sell", "1", "--tax-rate", "0.2");
        Assert.Equal(1_497m, CliRunner.Fact(j, "Sale now, by lot", "realizedGain")!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("--help --json")]
    [InlineData("--help")]
    public void Item25_UnknownCommandWithHelp_ExitsTwo(string options)
    {
        var rest = options.Split(' ');
        var (rc, output, error) = CliRunner.Run(["nosuch", .. rest]);
        Assert.Equal(2, rc);
        if (rest.Contains("--json")) Assert.Contains("nosuch", JsonNode.Parse(output)!["error"]!["message"]!.GetValue<string>());
        else Assert.Contains("nosuch", error);
    }

    [Fact]
    public void Also_PreviousLeverageNegative_BlamesPreviousLeverageNotLeverage()
    {
        var (rc, _, error) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--previous-leverage", "-1", "--previous-pnl", "-5");
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --previous-leverage", error.Trim());
    }

    [Fact]
    public void Also_BacktestSmaNegative_NamesSmaWhateverThePolicy()
    {
        AssertInputError("--sma", "backtest", "--from", "2024-01-01", "--to", "2024-02-15", "--sma", "-1");
        AssertInputError("--sma", "backtest", "--from", "2024-01-01", "--to", "2024-02-15", "--policy", "trend", "--sma", "-1");
    }

    [Fact]
    public void Also_HedgeRatioContractSizeNegative_NamesContractSize() =>
        AssertInputError("--contract-size", "hedge-ratio", "solusdt_spot_daily.csv", "btcusdt_spot_daily.csv", "--quantity", "10", "--contract-size", "-1");
}
