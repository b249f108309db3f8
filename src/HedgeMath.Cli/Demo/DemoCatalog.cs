using HedgeMath.Cli.Output;

namespace HedgeMath.Cli.Demo;

/// <summary>The demo's sections, in order; each area of the library adds its own section here.</summary>
internal static class DemoCatalog
{
    public static IReadOnlyList<Action<Report>> Sections { get; } =
    [
        FoundationDemo.Add,
        MarginDemo.Add,
        CatalogDemo.Add,
        HedgingDemo.Add,
        StrategiesDemo.Add,
        PlansDemo.Add,
        PlanTemplatesDemo.Add,
        SignalsDemo.Add,
        ScenariosDemo.Add,
        PlanRunDemo.Add,
        PlanCrossAssetDemo.Add,
        LiveDataDemo.Add,
    ];
}
