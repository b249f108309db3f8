using System.CommandLine;
using System.Text.Json.Nodes;
using HedgeMath.Cli;

namespace HedgeMath.Exchanges.Tests;

/// <summary>
/// The CLI fuzz (HedgeMath.Tests' <c>CliFuzzTests</c>) for the commands that call an exchange: they need the loopback
/// server, so they are fuzzed here. Every option of every network command with bad values: the run succeeds or exits
/// non-zero with ONE line <c>error: ...</c> (a JSON error document with <c>--json</c>), never a stack trace or an
/// internal error; a value that cannot be parsed at all is rejected naming its option.
/// </summary>
[Collection("environment")]
public sealed class ExchangeCliFuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hedgemath-xfuzz-").FullName;

    public void Dispose()
    {
        foreach (var v in new[] { "HEDGEMATH_BINANCE_API_KEY", "HEDGEMATH_BINANCE_API_SECRET" })
            Environment.SetEnvironmentVariable(v, null);
        Directory.Delete(_dir, recursive: true);
    }

    private static readonly string[] BadValues = ["", "nonsense", "-1", "0", "1e999", "NaN", "79228162514264337593543950336", "/no/such/dir/x.csv"];
    private static readonly string[] Unparseable = ["nonsense", "1e999", "NaN"];

    private static Reply Route(SeenRequest r) => r.Path switch
    {
        "/fapi/v1/klines" or "/fapi/v1/markPriceKlines" or "/fapi/v1/indexPriceKlines" =>
            Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 86_400_000, (int)r.Ms("limit"))),
        "/fapi/v1/fundingRate" => Reply.Json(Fx.Read("binance/fundingRate.json")),
        "/fapi/v2/positionRisk" => Reply.Json(Fx.Read("binance/positionRisk-readme-example.json")),
        "/v5/market/instruments-info" => Reply.Json(Fx.Read("bybit/instruments-info.json")),
        "/v5/market/risk-limit" => Reply.Json(Fx.Read("bybit/risk-limit-linear.json")),
        _ => new Reply(404, "{}"),
    };

    private Dictionary<string, string[]> Baselines() => new()
    {
        ["fetch klines"] = ["--exchange", "binance-usdm", "--symbol", "BTCUSDT", "--interval", "1d", "--from", "2024-01-01", "--to", "2024-01-05", "--out", Path.Combine(_dir, "k.csv")],
        ["fetch mark"] = ["--exchange", "binance-usdm", "--symbol", "BTCUSDT", "--interval", "1d", "--from", "2024-01-01", "--to", "2024-01-05", "--out", Path.Combine(_dir, "m.csv")],
        ["fetch index"] = ["--exchange", "binance-usdm", "--symbol", "BTCUSDT", "--interval", "1d", "--from", "2024-01-01", "--to", "2024-01-05", "--out", Path.Combine(_dir, "i.csv")],
        ["fetch funding"] = ["--symbol", "BTCUSDT", "--from", "2019-10-09", "--to", "2019-10-10", "--out", Path.Combine(_dir, "f.csv")],
        ["positions import"] = ["--exchange", "binance-usdm", "--overlays", _dir],
        ["contracts refresh"] = ["--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--overlays", _dir],
    };

    [Fact]
    public async Task EveryNetworkCommandOption_BadValues_OneLineErrorOrSuccess()
    {
        await using var server = await LoopbackServer.StartAsync(Route);
        Environment.SetEnvironmentVariable("HEDGEMATH_BINANCE_API_KEY", "test-key");
        Environment.SetEnvironmentVariable("HEDGEMATH_BINANCE_API_SECRET", "test-secret");
        var root = CliApp.BuildRoot();
        var failures = new List<string>();
        int runs = 0;
        foreach (var (path, baseline) in Baselines())
        {
            var command = Find(root, path.Split(' '));
            string[] prefix = [.. path.Split(' '), "--base-url", server.BaseAddress.ToString()];
            var (rc0, _, err0) = Run([.. prefix, .. baseline]);
            runs++;
            if (rc0 != 0) { failures.Add($"{path}: baseline exited {rc0}: {err0.Trim()}"); continue; }
            foreach (var option in command.Options)
            {
                if (option.Name is "--json" or "--help" or "--version" or "--base-url" || option.ValueType == typeof(bool)) continue;
                foreach (var value in BadValues)
                {
                    string[] args = [.. prefix, .. Without(baseline, option.Name), option.Name, value];
                    bool mustName = option.ValueType != typeof(string) && option.ValueType != typeof(string[]) && Unparseable.Contains(value);
                    runs++;
                    Check(failures, args, option.Name, mustName, json: false);
                    if (value == BadValues[1]) { runs++; Check(failures, args, option.Name, mustName, json: true); }
                }
            }
        }
        Assert.True(runs > 60, $"only {runs} CLI runs");
        Assert.True(failures.Count == 0, $"{failures.Count} CLI runs broke the error convention:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private static void Check(List<string> failures, string[] args, string option, bool mustName, bool json)
    {
        string line = "hedgemath " + string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a)) + (json ? " --json" : "");
        var (rc, output, error) = json ? Run([.. args, "--json"]) : Run(args);
        if ((output + error).Contains("   at ", StringComparison.Ordinal)) { failures.Add($"{line}: stack trace printed"); return; }
        if (rc == 0) { if (mustName) failures.Add($"{line}: exit 0 for an unparseable value"); return; }
        if (rc == HedgeMath.Cli.Cli.InternalError) { failures.Add($"{line}: internal error: {error.Trim()}"); return; }
        if (json)
        {
            JsonNode? doc = null;
            try { doc = JsonNode.Parse(output); } catch (System.Text.Json.JsonException) { }
            var message = doc?["error"]?["message"]?.GetValue<string>();
            if (message is null) failures.Add($"{line}: exit {rc} without a JSON error document: {output.Trim()} {error.Trim()}");
            else if (mustName && !message.Contains(option, StringComparison.Ordinal)) failures.Add($"{line}: JSON error does not name {option}: {message}");
            return;
        }
        var text = error.Trim();
        if (text.Contains('\n')) failures.Add($"{line}: error is not one line: {text.Replace("\n", " / ", StringComparison.Ordinal)}");
        else if (!text.StartsWith("error: ", StringComparison.Ordinal)) failures.Add($"{line}: error does not start with 'error: ': {text}");
        else if (mustName && !text.Contains(option, StringComparison.Ordinal)) failures.Add($"{line}: error does not name {option}: {text}");
    }

    private static (int Code, string Out, string Err) Run(string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static Command Find(Command root, string[] path)
    {
        var c = root;
        foreach (var name in path) c = c.Subcommands.Single(s => s.Name == name);
        return c;
    }

    private static string[] Without(string[] baseline, string option)
    {
        var list = new List<string>();
        for (int i = 0; i < baseline.Length; i++)
        {
            if (baseline[i] == option) { i++; continue; }
            list.Add(baseline[i]);
        }
        return [.. list];
    }
}
