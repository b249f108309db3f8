using System.CommandLine;
using HedgeMath.Cli.Demo;
using HedgeMath.Cli.Output;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath demo</c>: the library's main job on embedded real data, no arguments, no files.</summary>
internal static class DemoCommand
{
    public static Command Create() =>
        new Command("demo", "Walk the worked example (hedge 0.5 of 1 BTC at 10x) through every part of the library on embedded data.")
            .Handles(_ => Build());

    public static Report Build()
    {
        var report = new Report("HedgeMath demo: hedging 1.0 BTC spot with a partial futures short");
        foreach (var section in DemoCatalog.Sections) section(report);
        return report;
    }
}
