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
