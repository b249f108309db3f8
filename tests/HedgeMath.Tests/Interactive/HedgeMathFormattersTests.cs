using System.Reflection;
using HedgeMath.Hedging;
using HedgeMath.Interactive;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using Microsoft.DotNet.Interactive.Formatting;

namespace HedgeMath.Tests.Interactive;

/// <summary>The presentation package's kernel formatters, and the rule that the core package holds no presentation.</summary>
public class HedgeMathFormattersTests
{
    // The worked example: 1.0 BTC at 50,000, short 0.5 BTCUSDT at 10x (README): notional 25,000, IM 2,500, LP 54,780.88.
    private static HedgePlan WorkedExample() =>
        HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m);

    [Fact]
    public void Plan_DisplaysAsTableAndPayoffChart_WithoutToHtml()
    {
        HedgeMathFormatters.Register();
        var html = WorkedExample().ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("<table class=\"hedgemath-plan\">", html);
        Assert.Contains("25,000.00", html);   // notional
        Assert.Contains("2,500.00", html);    // initial margin
        Assert.Contains("54,780.88", html);   // liquidation price (Binance isolated short, see the README)
        // The chart is interactive (Plotly.NET, drawn by plotly.js in the notebook), with the payoff's series.
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("Combined (hedged)", html);
    }

    [Fact]
    public void MarginSnapshot_DisplaysAsTableAndMarginChart()
    {
        HedgeMathFormatters.Register();
        var snapshot = MarginCalc.Isolated(WorkedExample().Position, 50_000m);
        var html = snapshot.ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("<table", html);
        Assert.Contains("2,500.00", html);
        // Percentages by the one number rule the CLI uses (ValueFormat): margin ratio 100 / 2,500 = 4.00 %; distance to
        // liquidation (54,780.876 − 50,000) / 50,000 = 9.5618 % → 9.56 %.
        Assert.Contains("<td>margin ratio</td><td style=\"text-align:right\">4.00 %</td>", html);
        Assert.Contains("<td>distance to liquidation</td><td style=\"text-align:right\">9.56 %</td>", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("Maintenance margin", html);
    }

    [Fact]
    public void GridAndMonteCarlo_DisplayAsTablesAndCharts()
    {
        HedgeMathFormatters.Register();
        var grid = ScenarioGrid.Create(1m, 50_000m, 50_000m, [-0.2m, 0m, 0.2m], [0m, 0.5m], [3m], HedgeMath.Tests.Scenarios.Stub.Contract(feeRate: 0.0005m), HedgeMath.Engine.FundingTerms.Constant(0.0001m, 30m)).ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("<table class=\"hedgemath-grid\">", grid);
        Assert.Contains("Plotly.newPlot", grid);
        // Unhedged at −20 %: 1 BTC × (40,000 − 50,000) = −10,000.
        Assert.Contains("-10,000", grid);
    }

    [Fact]
    public void CorePackage_HasNoPresentationCode()
    {
        var core = typeof(HedgePlan).Assembly;
        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        var offenders = core.GetTypes()
            .Where(t => t.Name.Contains("Html", StringComparison.OrdinalIgnoreCase) || t.Name.Contains("Svg", StringComparison.OrdinalIgnoreCase)
                || t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Any(m => m.Name is "ToHtml" or "ToTable" or "Rows" || m.Name.Contains("Svg", StringComparison.Ordinal)
                        || (m.Name.StartsWith("To", StringComparison.Ordinal) && m.Name.EndsWith("Json", StringComparison.Ordinal) && t.Name.Contains("Tier", StringComparison.Ordinal))))
            .Select(t => t.FullName).ToList();
        Assert.True(offenders.Count == 0, "presentation code in the core package: " + string.Join(", ", offenders));
    }

    [Fact]
    public void PresentationPackage_UsesThePublicApiOnly_InItsOwnNamespace()
    {
        // No InternalsVisibleTo from the core to the presentation package (it is a consumer like any other) ...
        var core = typeof(HedgePlan).Assembly;
        Assert.DoesNotContain(core.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>(), a => a.AssemblyName.StartsWith("HedgeMath.Interactive", StringComparison.Ordinal));
        // ... and every public type of the package lives in HedgeMath.Interactive, none in the core's namespaces.
        var outside = typeof(HedgeMathFormatters).Assembly.GetExportedTypes().Where(t => t.Namespace != "HedgeMath.Interactive").Select(t => t.FullName).ToList();
        Assert.True(outside.Count == 0, "public types outside HedgeMath.Interactive: " + string.Join(", ", outside));
    }

    [Fact]
    public void AChartOfScenarioPlots_DisplaysInteractive()
    {
        HedgeMathFormatters.Register();
        var setup = ScenarioSetup.FromPlan(WorkedExample());
        var html = ScenarioPlots.Payoff(setup, 25_000m, 75_000m).ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("Unhedged", html);
    }
}
