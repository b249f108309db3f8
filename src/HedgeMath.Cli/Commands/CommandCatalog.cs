using System.CommandLine;

namespace HedgeMath.Cli.Commands;

/// <summary>Every subcommand of <c>hedgemath</c>; each area adds its commands here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return DemoCommand.Create();
        yield return ContractsCommand.Create();
        foreach (var c in MarginCommands.All()) yield return c;
        foreach (var c in HedgingCommands.Create()) yield return c;
        foreach (var c in StrategyCommands.Create()) yield return c;
        yield return SignalsCommands.Create();
        foreach (var c in ScenariosCommands.Create()) yield return c;
        foreach (var c in ExchangeCommands.Create()) yield return c;
    }
}
