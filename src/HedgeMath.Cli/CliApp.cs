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
        return root;
    }

    /// <summary>Runs the CLI; output and errors go to the given writers (the console by default).</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null) =>
        BuildRoot().Parse(args).Invoke(new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        });
}
