using System.Text.Json.Nodes;
using HedgeMath.Cli;

namespace HedgeMath.Tests.Cli;

/// <summary>Runs the hedgemath CLI in process and captures what it prints.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int rc = CliApp.Run(args, output, error);
        return (rc, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command with <c>--json</c>, asserts success and returns the parsed document.</summary>
    public static JsonObject Json(params string[] args)
    {
        var (rc, output, error) = Run([.. args, "--json"]);
        Assert.True(rc == 0, $"hedgemath {string.Join(' ', args)} exited {rc}: {error}");
        return JsonNode.Parse(output)!.AsObject();
    }

    /// <summary>Finds a fact's value (unwrapping {value, unit}) in the section with the given title.</summary>
    public static JsonNode? Fact(JsonObject report, string sectionTitleContains, string factKey)
    {
        foreach (var s in report["sections"]!.AsArray())
        {
            if (!s!["title"]!.GetValue<string>().Contains(sectionTitleContains, StringComparison.OrdinalIgnoreCase)) continue;
            var f = s["facts"]![factKey];
            return f is JsonObject o && o.ContainsKey("unit") ? o["value"] : f;
        }
        return null;
    }
}
