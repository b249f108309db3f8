using System.CommandLine;
using System.Text.Json.Nodes;
using HedgeMath.Cli;
using HedgeMath.Tests.Cli;

namespace HedgeMath.Tests.Fuzz;

/// <summary>
/// Every option of every command with bad values, in process: a run either succeeds or exits non-zero with ONE line
/// <c>error: ...</c> naming the option (with <c>--json</c>: a JSON document <c>{"error": {...}}</c>), never a stack
/// trace or an internal error. One assertion lists every failure, so a command merged from another branch can be fixed
/// from one run.
/// </summary>
public sealed class CliFuzzTests
{
    private static readonly string FetchOut = Path.Combine(Path.GetTempPath(), $"hedgemath-fuzz-{Environment.ProcessId}.csv");

    // A saved plan for the plan commands that read one (written once per test run).
    private static readonly string PlanFile = WritePlan();

    private static string WritePlan()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hedgemath-fuzz-plan-{Environment.ProcessId}.json");
        File.WriteAllText(path, HedgeMath.Hedging.PlanDocument.Save(PlanRunCommandsTests.Plan));
        return path;
    }

    // A cheap valid command line per command (new commands must add one here).
    private static readonly Dictionary<string, string[]> Baselines = new()
    {
        ["demo"] = [],
        ["margin"] = ["--side", "short", "--size", "0.5", "--entry", "50000"],
        ["liquidation"] = ["--side", "short", "--size", "0.5", "--entry", "50000"],
        ["pnl"] = ["--side", "short", "--size", "0.5", "--entry", "50000", "--exit", "48000"],
        ["target-price"] = ["--side", "short", "--entry", "50000", "--roe", "50"],
        ["max-open"] = ["--balance", "1000", "--entry", "50000"],
        ["breakeven"] = ["--side", "long", "--entry", "50000"],
        ["sell-and-hedge"] = ["--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1"],
        ["derisk"] = ["--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000"],
        ["buyback"] = ["--quantity", "10", "--target-quantity", "12", "--price", "3000"],
        ["risk"] = ["--positions-csv", Path.Combine(AppContext.BaseDirectory, "Data", "risk_positions.csv")],
        ["plan"] = ["--quantity", "1", "--price", "50000", "--ratio", "0.5"],
        ["plan show"] = [Path.Combine(AppContext.BaseDirectory, "Data", "plan_btc.json")],
        ["plan check"] = [Path.Combine(AppContext.BaseDirectory, "Data", "plan_btc.json"), "--candles", "btcusdt_spot_daily.csv", "--from", "2026-07-01"],
        ["plan replay"] = [PlanFile, "--candles", "btcusdt_spot_daily.csv", "--from", "2024-01-01", "--to", "2024-02-15"],
        ["plan watch"] = [PlanFile, "--candles", "btcusdt_spot_daily.csv", "--bars", "3"],
        ["plan at"] = [PlanFile, "--price", "50000", "--at", "45000"],
        ["ladder out"] = ["--quantity", "1", "--cost", "40000", "--target", "60000:0.25"],
        ["ladder in"] = ["--rung", "3000:0.5", "--planned", "0.5"],
        ["rebalance"] = ["--bucket", "a=0.5", "--bucket", "b=0.5:cash", "--holding", "X:a:1:100"],
        ["hedge-ratio"] = ["solusdt_spot_daily.csv", "btcusdt_spot_daily.csv"],
        ["signals"] = [],
        ["signals scan"] = [],
        ["contracts"] = [],
        ["scenarios"] = ["--moves", "3", "--leverages", "10", "--ratios", "0.5"],
        ["simulate"] = ["--paths", "20", "--days", "10", "--from", "2023-01-01", "--to", "2023-06-30"],
        ["backtest"] = ["--from", "2024-01-01", "--to", "2024-02-15"],
        // The exchange commands talk to a canned exchange on loopback (no network): empty histories, no open positions, one instrument with one bracket.
        ["fetch klines"] = ["--symbol", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--out", FetchOut, "--base-url", CannedExchange.Url],
        ["fetch mark"] = ["--symbol", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--out", FetchOut, "--base-url", CannedExchange.Url],
        ["fetch index"] = ["--symbol", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--out", FetchOut, "--base-url", CannedExchange.Url],
        ["fetch funding"] = ["--symbol", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02", "--out", FetchOut, "--base-url", CannedExchange.Url],
        ["positions import"] = ["--base-url", CannedExchange.Url],
        ["contracts refresh"] = ["--symbol", "BTCUSDT", "--overlays", Directory.CreateTempSubdirectory("hedgemath-fuzz-overlays").FullName, "--base-url", CannedExchange.Url],
    };


    // decimal.MaxValue (both signs) and 1e15 parse, then overflow what the command computes from them (issue 23: exit 70 before).
    private const string DecimalMax = "79228162514264337593543950335";
    private static readonly string[] BadNumbers = ["abc", "1,5", "-1", "0", "1e999", "2147483647", "1e-28", "7.9e28", "NaN", ""];
    private static readonly string[] BadDecimals = [.. BadNumbers, DecimalMax, "-" + DecimalMax, "1e15"];
    private static readonly string[] Extremes = ["2147483647", "1e-28", "7.9e28", DecimalMax, "-" + DecimalMax, "1e15"];
    private static readonly string[] MustReject = ["abc", "1,5", "1e999", "NaN", ""];
    private static readonly string[] BadTexts = ["", "nonsense", "/no/such/dir/btcusdt_spot_daily.csv", "-1"];

    [Fact]
    public void EveryCommandOption_BadValues_OneLineErrorNamingTheOption()
    {
        var failures = new List<string>();
        var commands = Leaves(CliApp.BuildRoot(), "").ToList();
        int runs = 0;
        var dir = Directory.CreateTempSubdirectory("hedgemath-fuzz");
        var preexisting = BadTexts.Where(File.Exists).ToHashSet();
        try
        {
            foreach (var (path, command) in commands)
            {
                if (!Baselines.TryGetValue(path, out var baseline)) { failures.Add($"{path}: no baseline command line in CliFuzzTests"); continue; }
                string[] prefix = path.Split(' ');
                var (rc0, _, err0) = CliRunner.Run([.. prefix, .. baseline]);
                runs++;
                if (rc0 != 0) failures.Add($"{path} {string.Join(' ', baseline)}: baseline exited {rc0}: {err0.Trim()}");
                foreach (var option in command.Options)
                {
                    if (option.Name is "--json" or "--help" or "--version" || option.ValueType == typeof(bool)) continue;
                    bool numeric = IsNumeric(option.ValueType);
                    var values = option.Name == "--svg" ? [dir.FullName, "/proc/no-such/chart.svg"] : IsDecimal(option.ValueType) ? BadDecimals : numeric ? BadNumbers : BadTexts;
                    foreach (var value in values)
                    {
                        string[] args = [.. prefix, .. Without(baseline, option.Name), option.Name, value];
                        runs++;
                        // A plain bad value (-1, 0, text) must be blamed on its own option; an extreme magnitude or a free
                        // text may break a rule that joins options (leverage × notional), so naming any option is right there.
                        string[] names = (numeric && Extremes.Contains(value)) || !numeric && option.Name != "--svg"
                            ? [.. command.Options.Select(o => o.Name), .. command.Arguments.Select(a => a.Name)]
                            : [option.Name];
                        Check(failures, args, names, numeric && MustReject.Contains(value) || option.Name == "--svg", json: false);
                        if (value == values[0]) { runs++; Check(failures, args, names, false, json: true); }
                    }
                }
            }
        }
        finally
        {
            dir.Delete(true);
            // `fetch --out nonsense` writes ./nonsense (a valid relative path): remove what the run wrote into the working directory.
            foreach (var f in BadTexts.Where(t => t.Length > 0 && !t.Contains('/') && !preexisting.Contains(t))) File.Delete(f);
        }
        // Every library parameter a command's bad input surfaced maps to an option of that command (Cli.LibraryNames).
        foreach (var (where, message) in HedgeMath.Cli.Cli.UnmappedParameters)
            failures.Add($"{where}: the parameter maps to no option of the command (add it to Cli.LibraryNames): {message}");
        Assert.True(runs > 300, $"only {runs} CLI runs");
        Assert.True(failures.Count == 0, $"{failures.Count} CLI runs broke the error convention:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>
    /// Every option that reads a file (its name ends in <c>csv</c>) and <c>hedge-ratio</c>'s two file arguments, with a
    /// broken copy of a file the command reads: empty, a header and no rows, the rows without their header, and a row
    /// with a column missing. Each is an input error naming the option (issue 23: <c>risk</c> dropped a position when the
    /// header was missing and reported 0 positions for an empty file, both with exit code 0).
    /// </summary>
    [Fact]
    public void EveryFileOption_BrokenFile_OneLineErrorNamingTheOption()
    {
        var failures = new List<string>();
        var dir = Directory.CreateTempSubdirectory("hedgemath-files");
        int runs = 0;
        try
        {
            foreach (var (path, command) in Leaves(CliApp.BuildRoot(), ""))
            {
                string[] prefix = path.Split(' ');
                var baseline = Baselines[path];
                var files = command.Options.Where(o => o.Name.EndsWith("csv", StringComparison.Ordinal)).Select(o => (Name: o.Name, Index: -1))
                    .Concat(command.Arguments.Select((a, i) => (Name: a.Name, Index: i))).ToList();
                foreach (var (name, index) in files)
                {
                    string valid = ValidFile(path, name, index, baseline);
                    foreach (var (label, text) in Broken(valid))
                    {
                        var file = Path.Combine(dir.FullName, $"{runs}.csv");
                        File.WriteAllText(file, text);
                        string[] args = index >= 0 ? [.. prefix, .. Replace(baseline, index, file)] : [.. prefix, .. Without(baseline, name), name, file];
                        runs++;
                        int before = failures.Count;
                        Check(failures, args, [name], mustFail: true, json: false);
                        if (label == "empty") { runs++; Check(failures, args, [name], mustFail: true, json: true); }
                        for (int i = before; i < failures.Count; i++) failures[i] = $"[{label}] {failures[i]}";
                    }
                }
            }
        }
        finally { dir.Delete(true); }
        Assert.True(runs > 30, $"only {runs} CLI runs with broken files");
        Assert.True(failures.Count == 0, $"{failures.Count} CLI runs with a broken file broke the error convention:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    // The text of the file the baseline reads for this option or argument (the user's file, or the embedded copy of a bare name).
    private static string ValidFile(string command, string option, int argument, string[] baseline)
    {
        string? given = argument >= 0 ? baseline.Where(a => !a.StartsWith('-')).ElementAtOrDefault(argument)
            : Array.IndexOf(baseline, option) is var i and >= 0 ? baseline[i + 1] : null;
        if (given is not null && File.Exists(given)) return File.ReadAllText(given);
        string name = given ?? (option.Contains("funding", StringComparison.Ordinal) ? "btcusdt_funding_8h.csv"
            : option.Contains("perp", StringComparison.Ordinal) ? "btcusdt_perp_daily.csv" : "btcusdt_spot_daily.csv");
        return TestData.Text("market/" + name);
    }

    private static IEnumerable<(string Label, string Text)> Broken(string valid)
    {
        var lines = valid.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        yield return ("empty", "");
        yield return ("header only", lines[0] + "\n");
        yield return ("no header", string.Join("\n", lines.Skip(1)) + "\n");
        var fields = lines[1].Split(',');
        var shortRow = string.Join(',', fields.Take(1).Concat(fields.Skip(2))); // the second column dropped
        yield return ("a row with a column missing", string.Join("\n", [lines[0], shortRow, .. lines.Skip(2)]) + "\n");
    }

    private static string[] Replace(string[] args, int argument, string value)
    {
        var copy = (string[])args.Clone();
        int seen = -1;
        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i].StartsWith('-')) { i++; continue; }
            if (++seen == argument) { copy[i] = value; break; }
        }
        return copy;
    }

    private static void Check(List<string> failures, string[] args, string[] options, bool mustFail, bool json)
    {
        string line = "hedgemath " + string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a)) + (json ? " --json" : "");
        var (rc, output, error) = json ? CliRunner.Run([.. args, "--json"]) : CliRunner.Run(args);
        string all = output + error;
        if (all.Contains("   at ", StringComparison.Ordinal)) { failures.Add($"{line}: stack trace printed"); return; }
        if (rc == 0)
        {
            if (mustFail) failures.Add($"{line}: exit 0 for a bad value");
            return;
        }
        if (rc == HedgeMath.Cli.Cli.InternalError) failures.Add($"{line}: internal error: {error.Trim()}{output.Trim()}");
        if (json)
        {
            JsonNode? doc = null;
            try { doc = JsonNode.Parse(output); } catch (System.Text.Json.JsonException) { }
            var message = doc?["error"]?["message"]?.GetValue<string>();
            if (message is null) failures.Add($"{line}: exit {rc} without a JSON error document: {output.Trim()} {error.Trim()}");
            else if (!Names(message, options)) failures.Add($"{line}: JSON error does not name {options[0]}: {message}");
            return;
        }
        var text = error.Trim();
        if (text.Contains('\n')) failures.Add($"{line}: error is not one line: {text.Replace("\n", " / ", StringComparison.Ordinal)}");
        else if (!text.StartsWith("error: ", StringComparison.Ordinal)) failures.Add($"{line}: error does not start with 'error: ': {text}");
        else if (!Names(text, options)) failures.Add($"{line}: error does not name {(options.Length == 1 ? options[0] : "an option")}: {text}");
    }

    private static bool Names(string message, string[] options) =>
        options.Any(o => message.Contains(o.StartsWith('-') ? o : o + " ", StringComparison.Ordinal) || message.StartsWith("error: " + o, StringComparison.Ordinal));

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            string p = path.Length == 0 ? sub.Name : path + " " + sub.Name;
            if (sub.Subcommands.Count == 0 || sub.Action is not null) yield return (p, sub); // a group that also runs counts too
            foreach (var leaf in Leaves(sub, p)) yield return leaf;
        }
    }

    private static bool IsDecimal(Type t) => (Nullable.GetUnderlyingType(t) ?? (t.IsArray ? t.GetElementType()! : t)) == typeof(decimal);

    private static bool IsNumeric(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? (t.IsArray ? t.GetElementType()! : t);
        return t == typeof(decimal) || t == typeof(double) || t == typeof(int) || t == typeof(long) || t == typeof(ulong);
    }

    private static string[] Without(string[] args, string option)
    {
        var list = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == option) { i++; continue; }
            list.Add(args[i]);
        }
        return [.. list];
    }

    /// <summary>A canned Binance USDⓈ-M on loopback (HttpListener) for the exchange commands' baselines: every history is empty, the
    /// account has no open position, exchangeInfo lists BTCUSDT (the shape of Binance's documented example).</summary>
    private static class CannedExchange
    {
        public static readonly string Url = Start();

        private static string Start()
        {
            // Signed endpoints need keys; these fake ones only ever reach this listener.
            Environment.SetEnvironmentVariable("HEDGEMATH_BINANCE_API_KEY", "fuzz-key");
            Environment.SetEnvironmentVariable("HEDGEMATH_BINANCE_API_SECRET", "fuzz-secret");
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var url = $"http://127.0.0.1:{port}/";
            var listener = new System.Net.HttpListener();
            listener.Prefixes.Add(url);
            listener.Start();
            var thread = new Thread(() =>
            {
                while (listener.IsListening)
                {
                    var ctx = listener.GetContext();
                    var body = ctx.Request.Url!.AbsolutePath switch
                    {
                        "/fapi/v1/exchangeInfo" => """{"symbols":[{"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT","filters":[{"filterType":"PRICE_FILTER","tickSize":"0.10"},{"filterType":"LOT_SIZE","stepSize":"0.001"}]}]}""",
                        "/fapi/v1/leverageBracket" => """[{"symbol":"BTCUSDT","brackets":[{"bracket":1,"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0}]}]""",
                        _ => "[]",
                    };
                    var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                    ctx.Response.ContentType = "application/json";
                    ctx.Response.OutputStream.Write(bytes);
                    ctx.Response.Close();
                }
            }) { IsBackground = true, Name = "canned-exchange" };
            thread.Start();
            return url;
        }
    }
}
