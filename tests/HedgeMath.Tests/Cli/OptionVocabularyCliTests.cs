using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HedgeMath.Cli;
using CliOptions = HedgeMath.Cli.Cli;

namespace HedgeMath.Tests.Cli;

/// <summary>One option vocabulary across the CLI's commands, documented in one table (docs/cli.md); retired spellings rejected with a hint.</summary>
public partial class OptionVocabularyCliTests
{
    /// <summary>Every leaf command by its path ("ladder out"), with its options (recursive ones included).</summary>
    private static Dictionary<string, HashSet<string>> CommandOptions()
    {
        var root = CliApp.BuildRoot();
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Walk(Command c, string path)
        {
            if (c.Subcommands.Count == 0 || c.Action is not null) // a leaf, or a group that also runs (signals and signals scan)
                result[path] = [.. c.Options.Select(o => o.Name).Concat(root.Options.Where(o => o.Recursive).Select(o => o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal) && n != "--help" && n != "--version")];
            foreach (var s in c.Subcommands) Walk(s, path.Length == 0 ? s.Name : path + " " + s.Name);
        }
        Walk(root, "");
        return result;
    }

    /// <summary>The rows of docs/cli.md's option table: option -> the commands it names ("every command" = all).</summary>
    private static Dictionary<string, HashSet<string>> DocumentedOptions(IReadOnlyCollection<string> allCommands)
    {
        var text = File.ReadAllText(RepoPaths.Of("docs/cli.md"));
        var options = text[text.IndexOf("## Options", StringComparison.Ordinal)..text.IndexOf("## Retired spellings", StringComparison.Ordinal)];
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Match m in OptionRow().Matches(options))
        {
            var cmds = m.Groups["commands"].Value.Trim();
            result.Add(m.Groups["option"].Value, cmds == "every command" ? [.. allCommands] : [.. CodeSpan().Matches(cmds).Select(c => c.Groups[1].Value)]);
        }
        return result;
    }

    [Fact]
    public void DocsTable_ListsEveryOptionOfEveryCommand_AndNothingElse()
    {
        var commands = CommandOptions();
        var documented = DocumentedOptions(commands.Keys);
        var actual = commands.SelectMany(c => c.Value.Select(o => (Option: o, Command: c.Key)))
            .GroupBy(x => x.Option).ToDictionary(g => g.Key, g => g.Select(x => x.Command).ToHashSet());
        foreach (var (option, cmds) in actual)
        {
            Assert.True(documented.TryGetValue(option, out var doc), $"docs/cli.md does not document {option} (used by {string.Join(", ", cmds)})");
            Assert.True(doc.SetEquals(cmds), $"docs/cli.md lists {option} for [{string.Join(", ", doc.Order())}] but the commands that take it are [{string.Join(", ", cmds.Order())}]");
        }
        Assert.Empty(documented.Keys.Except(actual.Keys));
    }

    [Fact]
    public void RetiredSpellings_AreNotOptionsOfTheirCommands_AndTheirReplacementsAre()
    {
        var commands = CommandOptions();
        foreach (var (old, cmds, replacement, _) in CliOptions.RenamedOptions)
        {
            foreach (var c in cmds)
            {
                Assert.True(commands.TryGetValue(c, out var options), $"{old}: no command {c}");
                Assert.DoesNotContain(old, options);
                Assert.Contains(replacement, options);
            }
        }
        // The docs list the same renames.
        var text = File.ReadAllText(RepoPaths.Of("docs/cli.md"));
        var retired = text[text.IndexOf("## Retired spellings", StringComparison.Ordinal)..];
        foreach (var (old, cmds, replacement, _) in CliOptions.RenamedOptions)
            Assert.Contains(retired.Split('\n'), l => l.StartsWith($"| `{old}`", StringComparison.Ordinal) && l.TrimEnd().EndsWith($"| `{replacement}` |", StringComparison.Ordinal)
                && cmds.All(c => l.Contains($"`{c}`", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--qty", "--size", "margin", "--side", "short", "--qty", "0.5", "--entry", "50000")]
    [InlineData("--quantity", "--size", "liquidation", "--side", "short", "--quantity", "0.5", "--entry", "50000")]
    [InlineData("--qty", "--quantity", "scenarios", "--qty", "1")]
    [InlineData("--funding", "--funding-rate", "scenarios", "--funding", "0.0001")]
    [InlineData("--funding", "--funding-amount", "pnl", "--side", "short", "--size", "0.5", "--entry", "50000", "--exit", "45000", "--funding", "-5")]
    [InlineData("--stop", "--stop-distance", "simulate", "--stop", "0.2")]
    [InlineData("--funding-file", "--funding-csv", "plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--funding-file", "btcusdt_funding_8h.csv")]
    [InlineData("--mark", "--mark-source", "backtest", "--mark", "last")]
    [InlineData("--target", "--target-quantity", "buyback", "--quantity", "10", "--target", "12", "--price", "3000")]
    [InlineData("--target", "--bucket", "rebalance", "--target", "a=1", "--holding", "X:a:1:1")]
    [InlineData("--maker", "--maker-open", "pnl", "--side", "short", "--size", "0.5", "--entry", "50000", "--exit", "45000", "--maker")]
    [InlineData("--csv", "--positions-csv", "risk", "--csv", "positions.csv")]
    [InlineData("--entry", "--rung", "ladder", "in", "--entry", "3000:0.5", "--planned", "0.5")]
    public void RetiredSpelling_IsRejected_WithAOneLineHintNamingTheNewOption(string old, string replacement, params string[] args)
    {
        var (rc, output, error) = CliRunner.Run(args);
        Assert.Equal(CliOptions.InputError, rc);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        string command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')));
        Assert.StartsWith($"error: {old} is no longer an option of '{command}': use {replacement} ", line, StringComparison.Ordinal);

        (rc, output, _) = CliRunner.Run([.. args, "--json"]);
        Assert.Equal(CliOptions.InputError, rc);
        var err = JsonNode.Parse(output)!["error"]!;
        Assert.Equal(replacement, err["option"]!.GetValue<string>());
        Assert.Contains($"use {replacement}", err["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void DeprecatedAliases_AreAliasesOfTheirOption_AndDocumented()
    {
        var root = CliApp.BuildRoot();
        var docs = File.ReadAllText(RepoPaths.Of("docs/cli.md"));
        foreach (var (alias, cmds, option) in CliOptions.DeprecatedAliases)
        {
            foreach (var path in cmds)
            {
                var command = path.Split(' ').Aggregate((Command)root, (c, name) => c.Subcommands.Single(s => s.Name == name));
                var o = Assert.Single(command.Options, x => x.Name == option);
                Assert.Contains(alias, o.Aliases);
            }
            Assert.Contains($"`{alias}` → `{option}`", docs, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("signals")]
    [InlineData("signals scan")]
    public void DeprecatedAlias_RunsAsTheNewName_WithOneWarningLineOnStderr(string command)
    {
        // signals reads one file; signals scan takes the option twice (two files) and warns once.
        string[] files = ["btcusdt_spot_daily.csv", "btcusdt_spot_hourly_2018-05-01_05.csv"];
        string[] Line(string name) => command == "signals"
            ? ["signals", name, files[0], "--json"]
            : ["signals", "scan", name, files[0], name, files[1], "--json"];
        var (rc, oldOutput, oldError) = CliRunner.Run(Line("--csv"));
        var (rcNew, newOutput, newError) = CliRunner.Run(Line("--candles"));
        Assert.Equal((0, 0), (rc, rcNew));
        Assert.Equal(newOutput, oldOutput);
        Assert.Equal("", newError);
        var line = Assert.Single(oldError.TrimEnd().Split('\n'));
        Assert.Equal($"warning: --csv is deprecated in '{command}' and goes in the next release: use --candles (same meaning; see docs/cli.md).", line.TrimEnd('\r'));
    }

    [Theory]
    [InlineData("backtest", "--spot-csv", "--spot-candles")]
    [InlineData("backtest", "--perp-csv", "--perp-candles")]
    [InlineData("simulate", "--spot-csv", "--spot-candles")]
    [InlineData("simulate", "--perp-csv", "--perp-candles")]
    public void DeprecatedFileAlias_OfSimulateAndBacktest_RunsAsTheNewName_WithOneWarningLine(string command, string alias, string option)
    {
        // The embedded daily files, given explicitly: the alias reads the same file as the new name, and only stderr differs.
        string file = option == "--spot-candles" ? "btcusdt_spot_daily.csv" : "btcusdt_perp_daily.csv";
        string[] Line(string name) => command == "simulate"
            ? ["simulate", name, file, "--paths", "20", "--days", "10", "--from", "2023-01-01", "--to", "2023-03-31", "--json"]
            : ["backtest", name, file, "--from", "2024-01-01", "--to", "2024-01-31", "--json"];
        var (rc, oldOutput, oldError) = CliRunner.Run(Line(alias));
        var (rcNew, newOutput, newError) = CliRunner.Run(Line(option));
        Assert.Equal((0, 0), (rc, rcNew));
        Assert.Equal(newOutput, oldOutput);
        Assert.Equal("", newError);
        var line = Assert.Single(oldError.TrimEnd().Split('\n'));
        Assert.Equal($"warning: {alias} is deprecated in '{command}' and goes in the next release: use {option} (same meaning; see docs/cli.md).", line.TrimEnd('\r'));
        // A bad path under the old name is an error naming the new option (the one the help lists).
        var (rcBad, _, badError) = CliRunner.Run(command, alias, "/no/such/dir/" + file);
        Assert.Equal(CliOptions.InputError, rcBad);
        Assert.Contains($"error: {option} ", badError, StringComparison.Ordinal);
    }

    [Theory]
    // A position's quantity is --size (margin, liquidation, pnl): 100,000 BTC at 50,000 is 5e9 USDT, above BTCUSDT's largest tier cap (1.8e9).
    [InlineData("--size", "margin", "--side", "short", "--size", "100000", "--entry", "50000")]
    [InlineData("--size", "pnl", "--side", "short", "--size", "100000", "--entry", "50000", "--exit", "45000")]
    // breakeven and target-price open one lot step (0.001 BTC): at 1e14 USDT that is a 1e11 USDT notional, above BTCUSDT's
    // largest tier cap (1.8e9), and --entry is the option that set it.
    [InlineData("--entry", "breakeven", "--side", "long", "--entry", "100000000000000")]
    [InlineData("--entry", "target-price", "--side", "long", "--entry", "100000000000000", "--leverage", "10", "--roe", "50")]
    public void LibraryQuantityError_NamesTheOptionThatSetIt(string option, params string[] args)
    {
        var (rc, output, _) = CliRunner.Run([.. args, "--json"]);
        Assert.Equal(CliOptions.InputError, rc);
        var err = JsonNode.Parse(output)!["error"]!;
        Assert.Equal(option, err["option"]!.GetValue<string>());
        Assert.Contains("notional", err["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryNames_TranslateTheParameterTheOptionFeeds()
    {
        var root = CliApp.BuildRoot();
        Command Of(string name) => root.Subcommands.Single(c => c.Name == name);
        // --remove-after-days becomes PlanCondition.After(elapsed): its error names elapsed (the table said "limit",
        // no parameter a removal rule has).
        var elapsed = Assert.ThrowsAny<ArgumentException>(() => HedgeMath.Hedging.PlanCondition.After(TimeSpan.Zero));
        Assert.Equal("elapsed", elapsed.ParamName);
        foreach (var command in new[] { "plan", "rebalance" })
            Assert.Equal("--remove-after-days", CliOptions.OptionFor(Of(command), elapsed));
        Assert.Null(CliOptions.OptionFor(Of("plan"), new ArgumentException("x", "limit")));
        // --sma becomes PlanCondition.BelowMovingAverage(bars), named by Cli.About; the indicators' lookbackPeriods (ATR,
        // warm-up) is no option of backtest's, so it maps to none (the table sent it to --sma).
        Assert.Null(CliOptions.OptionFor(Of("backtest"), new ArgumentException("x", "lookbackPeriods")));
        var (rc, output, _) = CliRunner.Run("backtest", "--policy", "trend", "--sma", "1", "--json");
        Assert.Equal(CliOptions.InputError, rc);
        Assert.Equal("--sma", JsonNode.Parse(output)!["error"]!["option"]!.GetValue<string>());
        // A position's quantity (Position.Open) in margin is --size; a price in pnl is --exit (markPrice).
        var q = Assert.ThrowsAny<ArgumentException>(() => HedgeMath.Positions.Position.Open(HedgeMath.Positions.Contract.BinanceBtcUsdt, HedgeMath.Positions.Side.Short, -1m, 50_000m, 2m));
        Assert.Equal("quantity", q.ParamName);
        Assert.Equal("--size", CliOptions.OptionFor(Of("margin"), q));
        Assert.Equal("--exit", CliOptions.OptionFor(Of("pnl"), new ArgumentException("x", "markPrice")));
    }

    [Fact]
    public void LibraryNames_AreTheLibrarysParameters_AndEveryOptionIsACommands()
    {
        // The one table from library parameter names to options (Cli.LibraryNames): no stale key, no option no command has.
        var assemblies = new[] { typeof(HedgeMath.Positions.Contract).Assembly, typeof(HedgeMath.Exchanges.PositionsCsv).Assembly };
        var types = assemblies.SelectMany(a => a.GetExportedTypes()).ToList();
        var parameters = types.SelectMany(t => t.GetMethods().Cast<System.Reflection.MethodBase>().Concat(t.GetConstructors()))
            .SelectMany(m => m.GetParameters()).Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var optionsProperties = types.Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)).SelectMany(t => t.GetProperties()).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        // An init property's check names the property (SignalOptions.RsiOverbought).
        parameters.UnionWith(types.SelectMany(t => t.GetProperties()).Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name));
        var options = CommandOptions().Values.SelectMany(o => o).ToHashSet(StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var (name, targets) in CliOptions.LibraryNames)
        {
            // options.Property, or options.Property.Element for an element of a tuple property (PreviousHedge.BaseQuantity).
            if (name.StartsWith("options.", StringComparison.Ordinal) ? !optionsProperties.Contains(name["options.".Length..].Split('.')[0]) : !parameters.Contains(name))
                stale.Add($"{name}: no public method, constructor or options record of the library has a parameter or property of that name");
            stale.AddRange(targets.Where(o => !options.Contains(o)).Select(o => $"{name} -> {o}: no command has that option"));
        }
        Assert.True(stale.Count == 0, string.Join(Environment.NewLine, stale));
        // A name spelled like an option needs no entry (OptionFor matches it): the table holds only real translations.
        foreach (var (name, targets) in CliOptions.LibraryNames)
            Assert.False(targets is [var only] && only.TrimStart('-').Replace("-", "", StringComparison.Ordinal).Equals(name.Replace(".", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase),
                $"{name} -> {targets[0]} is matched by spelling; drop the entry");
    }

    [Fact]
    public void StopIsAPrice_InEveryCommandThatTakesIt()
    {
        // plan: --stop 55,000 on a short from 50,000 is a price (a loss of 0.5 x 5,000 = 2,500 at the stop).
        var plan = CliRunner.Json("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--leverage", "5", "--stop", "55000");
        Assert.Contains("55000", plan.ToJsonString(), StringComparison.Ordinal);
        // scenarios: the fraction is --stop-distance; the price spelling is not an option there.
        Assert.Equal(0, CliRunner.Run("scenarios", "--stop-distance", "0.1").ExitCode);
        Assert.Equal(CliOptions.InputError, CliRunner.Run("scenarios", "--stop", "55000").ExitCode);
    }

    [GeneratedRegex(@"^\| `(?<option>--[a-z-]+)` \| [^|]* \| (?<commands>[^|]+) \|\s*$", RegexOptions.Multiline)]
    private static partial Regex OptionRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
