using HedgeMath.Cli.Output;

namespace HedgeMath.Cli.Demo;

internal static class FoundationDemo
{
    public static void Add(Report report)
    {
        report.Section("The worked example")
            .Fact("Spot holding", 1.0m, "BTC")
            .Fact("Spot price", 50_000m, "USDT")
            .Fact("Hedge ratio", 0.5m)
            .Fact("Leverage", 10m, "x")
            .Note("Every number below comes from the HedgeMath library.");
    }
}
