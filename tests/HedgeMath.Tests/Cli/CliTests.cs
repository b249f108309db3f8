namespace HedgeMath.Tests.Cli;

public class CliTests
{
    [Fact]
    public void Demo_Json_HasSectionsAndWorkedExample()
    {
        var doc = CliRunner.Json("demo");
        Assert.NotEmpty(doc["sections"]!.AsArray());
        Assert.Equal(1.0m, CliRunner.Fact(doc, "worked example", "spotHolding")!.GetValue<decimal>());
    }

    [Fact]
    public void Demo_ScaleInPlan_LegTotalsAtTheEnd_ByHand()
    {
        // Long 0.5 at 2,900, 0.5 at 2,800, 0.75 at 2,700 (ETHUSDT, taker 0.05 %), valued at 2,700 (HedgeBook.LegsAt):
        // PnL 0.5 × (−200) + 0.5 × (−100) + 0 = −150; fees open 1,450 + 1,400 + 2,025 = 4,875 of notional × 0.0005 = 2.4375,
        // close 1.75 × 2,700 × 0.0005 = 2.3625: 4.80.
        var doc = CliRunner.Json("demo");
        Assert.Equal(-150m, CliRunner.Fact(doc, "a scale-in ladder as a plan", "hedgePnlAtTheEnd")!.GetValue<decimal>());
        Assert.Equal(4.8m, CliRunner.Fact(doc, "a scale-in ladder as a plan", "feesAtTheEndOpenAndClose")!.GetValue<decimal>());
    }

    [Fact]
    public void Demo_Text_PrintsTitleAndSections()
    {
        var (rc, output, _) = CliRunner.Run("demo");
        Assert.Equal(0, rc);
        Assert.StartsWith("HedgeMath demo", output);
        Assert.Contains("## ", output);
    }

    [Fact]
    public void UnknownCommand_FailsWithNonZeroExit()
    {
        var (rc, _, _) = CliRunner.Run("no-such-command");
        Assert.NotEqual(0, rc);
    }
}
