using System.Text.Json.Nodes;
using HedgeMath.Hedging;

namespace HedgeMath.Tests.Cli;

/// <summary>
/// Every strategy command takes the removal rules (issue 28 item 3: "their commands take --stop, --stop-distance,
/// --remove-*, --days"): the rules go into the plan --save writes, and where the command has later prices its plan, rules
/// included, runs along the same straight paths.
/// </summary>
public class StrategyRemovalCliTests
{
    private static JsonArray AlongRows(JsonObject json) =>
        json["sections"]!.AsArray().Single(s => ((string)s!["title"]!).StartsWith("With the removal rules", StringComparison.Ordinal))!["tables"]![0]!["rows"]!.AsArray();

    [Fact]
    public void SellAndHedge_RemoveBelow_TakesTheShortOffWhereThePathCrossesIt_AndSavesTheRule()
    {
        // Sell 1 of 2 ETH at 3,000 and short the remaining 1 ETH; 30 days of 8-hourly prints: bar k closes at
        // 3,000 − 500·k/90, so bar 36 closes at exactly 2,800, where "at or below 2,800" removes the short:
        // hedge PnL = 1 × (3,000 − 2,800) = 200, and the leg is flat at 2,500.
        string file = Path.Combine(Path.GetTempPath(), $"hm-sah-{Guid.NewGuid():N}.json");
        try
        {
            var json = CliRunner.Json("sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1", "--at", "2500",
                "--remove-below", "2800", "--days", "30", "--save", file);
            var row = AlongRows(json).Single();
            Assert.Equal(200m, (decimal)row!["hedgePnl"]!);
            Assert.Equal("0: flat", (string)row["legs"]!);
            var plan = PlanDocument.Load(File.ReadAllText(file));
            var rule = Assert.Single(plan.Rules);
            Assert.Equal(RuleActionKind.Remove, rule.Action.Kind);
            Assert.Equal("price-at-or-below", rule.When.Kind);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void SellAndHedge_WithoutRules_PrintsNoAlongSection()
    {
        var json = CliRunner.Json("sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1", "--at", "2500");
        Assert.DoesNotContain(json["sections"]!.AsArray(), s => ((string)s!["title"]!).StartsWith("With the removal rules", StringComparison.Ordinal));
    }

    [Fact]
    public void Buyback_RemoveAbove_ClosesTheLongOnTheRecovery()
    {
        // Hold 10 ETH, want 12: a 2 ETH long at 3,000; over 30 days to 3,300 the closes pass 3,000 + 300·k/90: bar 60 closes at
        // 3,200, where "at or above 3,200" takes the long off: its PnL is 2 × 200 = 400, not the 600 of holding it to 3,300.
        var json = CliRunner.Json("buyback", "--quantity", "10", "--target-quantity", "12", "--price", "3000", "--at", "3300",
            "--remove-above", "3200", "--days", "30");
        var row = AlongRows(json).Single();
        Assert.Equal(400m, (decimal)row!["hedgePnl"]!);
        Assert.Equal("0: flat", (string)row["legs"]!);
    }

    [Fact]
    public void Derisk_RemoveAfterDays_IsInTheSavedPlan()
    {
        string file = Path.Combine(Path.GetTempPath(), $"hm-derisk-{Guid.NewGuid():N}.json");
        try
        {
            var (rc, _, err) = CliRunner.Run("derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000",
                "--remove-after-days", "14", "--save", file);
            Assert.True(rc == 0, err);
            var rule = Assert.Single(PlanDocument.Load(File.ReadAllText(file)).Rules);
            Assert.Equal("after", rule.When.Kind);
            Assert.Equal(RuleTrigger.Once, rule.Trigger);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void LadderOut_RemoveOnSignal_IsInTheSavedPlan_AndABadSignalNamesTheOption()
    {
        string file = Path.Combine(Path.GetTempPath(), $"hm-ladder-{Guid.NewGuid():N}.json");
        try
        {
            var (rc, _, err) = CliRunner.Run("ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "60000:0.25", "--target", "70000:0.2",
                "--remove-on-signal", "rsi-oversold", "--save", file);
            Assert.True(rc == 0, err);
            var plan = PlanDocument.Load(File.ReadAllText(file));
            Assert.Equal(RuleActionKind.Remove, plan.Rules[^1].Action.Kind);
            Assert.Equal("signal", plan.Rules[^1].When.Kind);
        }
        finally { File.Delete(file); }
        var bad = CliRunner.Run("ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "60000:0.25", "--remove-on-signal", "moon");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--remove-on-signal", bad.Error);
        Assert.Contains("moon", bad.Error);
    }

    [Fact]
    public void Rebalance_RemovalWithoutSave_IsAnErrorNamingTheOption()
    {
        var (rc, _, err) = CliRunner.Run("rebalance", "--bucket", "core=0.5", "buffer=0.5:cash", "--holding", "BTC:core:1:50000", "USDT:buffer:50000:1",
            "--band", "0.1", "--instrument", "core=BTCUSDT@50000", "--remove-below", "30000");
        Assert.Equal(2, rc);
        Assert.Contains("--remove-below", err);
        Assert.Contains("--save", err);
    }
}
