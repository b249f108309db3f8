using System.CommandLine;
using HedgeMath.Cli;
using HedgeMath.Cli.Commands;

var root = new RootCommand("hedgemath: plan and check hedges of crypto spot holdings with futures (HedgeMath library).");
root.Options.Add(Cli.Json);
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
return root.Parse(args).Invoke();
