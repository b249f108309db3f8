using System.CommandLine;
using HedgeMath.Cli.Output;

namespace HedgeMath.Cli;

/// <summary>Options and helpers every subcommand shares.</summary>
internal static class Cli
{
    /// <summary>The <c>--json</c> convention: every subcommand prints one JSON document instead of tables.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON instead of tables.",
        Recursive = true,
    };

    /// <summary>
    /// The <c>--exchange</c> convention: every command that takes a contract (<c>--symbol</c>) looks it up in the library's
    /// contract catalog on this exchange (see <c>hedgemath contracts</c>).
    /// </summary>
    public static readonly Option<string> Exchange = new("--exchange")
    {
        Description = "Exchange of the --symbol contract in the catalog: binance-usdm (default), binance-coinm, bybit-linear (list: hedgemath contracts).",
        Recursive = true,
        DefaultValueFactory = _ => "binance-usdm",
    };

    /// <summary>Sets a command's action to build a report and print it (as text or JSON).</summary>
    public static Command Handles(this Command command, Func<ParseResult, Report> build)
    {
        command.SetAction(pr =>
        {
            try
            {
                build(pr).Write(pr.InvocationConfiguration.Output, pr.GetValue(Json));
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or DirectoryNotFoundException)
            {
                pr.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>A required option with a description.</summary>
    public static Option<T> Required<T>(string name, string description) =>
        new(name) { Description = description, Required = true };

    /// <summary>An optional option with a default.</summary>
    public static Option<T> Optional<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
