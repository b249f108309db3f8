using System.CommandLine;
using HedgeMath.Cli.Commands;

namespace HedgeMath.Cli;

/// <summary>The <c>hedgemath</c> root command with every subcommand.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("hedgemath: plan and check hedges of crypto spot holdings with futures (HedgeMath library).");
        root.Options.Add(Cli.Json);
        root.Options.Add(Cli.Exchange);
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        Cli.UseStrictNumbers(root);
        return root;
    }

    /// <summary>
    /// Runs the CLI; output and errors go to the given writers (the console by default). A command line that does not
    /// parse gives one line naming the problem (a JSON document with <c>--json</c>) and exit code 2, not the help text.
    /// </summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var config = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        var parse = BuildRoot().Parse(args);
        // --help clears the parse errors, so "hedgemath nosuch --help" would print the root help and exit 0: an unmatched
        // token is an error whatever else is on the line.
        if (parse.Errors.Count > 0 || parse.UnmatchedTokens.Count > 0)
        {
            bool json = args.Contains("--json", StringComparer.Ordinal);
            string command = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["hedgemath"] : ["hedgemath", parse.CommandResult.Command.Name]);
            // A retired spelling of an option (one vocabulary across commands, docs/cli.md): name the option that replaced it.
            var renamed = parse.UnmatchedTokens.Select(t => Cli.RenamedOptionHint(CommandPath(parse.CommandResult), t)).FirstOrDefault(h => h is not null);
            if (renamed is { } hint)
            {
                Cli.WriteError(config, json, hint.Option, hint.Message);
                return Cli.InputError;
            }
            string message = parse.Errors.Count > 0 ? Cli.OneLine(parse.Errors[0].Message) : $"Unrecognized command or argument '{parse.UnmatchedTokens[0]}'.";
            Cli.WriteError(config, json, null, $"{message} (see '{command} --help')");
            return Cli.InputError;
        }
        // An old name kept for one release (same meaning, new name): it runs, with one warning line on the error writer.
        string path = CommandPath(parse.CommandResult);
        foreach (var alias in parse.Tokens.Where(t => t.Type == System.CommandLine.Parsing.TokenType.Option).Select(t => t.Value).Distinct(StringComparer.Ordinal))
        {
            if (Cli.DeprecatedAliasWarning(path, alias) is { } warning) config.Error.WriteLine(warning);
        }
        return parse.Invoke(config);
    }

    /// <summary>A command's path below the root (<c>ladder in</c>), as docs/cli.md names commands.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return string.Join(' ', names);
    }
}
