// Exercises obsolete API on purpose: every signal name through the retired removal/raise rules (issue 28) as well as PlanCondition.Signal.
#pragma warning disable CS0618
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Signals;

/// <summary>One naming of signals across layers: SignalNames, removal and raise rules and the docs (the CLI: StrategyCommandsTests).</summary>
public class SignalNamesTests
{
    public static TheoryData<SignalKinds> EveryKind()
    {
        var d = new TheoryData<SignalKinds>();
        foreach (var k in Enum.GetValues<SignalKinds>()) if (k != SignalKinds.None) d.Add(k);
        return d;
    }

    private static readonly HedgePlan Plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contracts.BinanceBtcUsdt, 3m, 50_000m);

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EveryKind_NameRoundTrips_AndDrivesRemovalAndRaiseRules_AndDocs(SignalKinds kind)
    {
        string name = SignalNames.Of(kind);
        // Kebab case of the C# name: "RsiOversold" -> "rsi-oversold".
        Assert.Equal(string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())), name);
        Assert.Equal(kind, SignalNames.Parse(name));
        Assert.Equal(kind, SignalNames.Parse(kind.ToString()));
        Assert.Equal(kind, SignalNames.Parse(name.ToUpperInvariant()));

        // A removal rule and a raise rule named by it fire from a context with that flag only, and not without it.
        var on = new RemovalContext(50_000m, TimeSpan.Zero, kind);
        var off = new RemovalContext(50_000m, TimeSpan.Zero, SignalKinds.None);
        var plan = Plan.WithRemovalRules(RemovalRule.WhenSignal(name));
        Assert.Equal(PlanAction.Remove, plan.Decide(on).Action);
        Assert.Equal(PlanAction.Keep, plan.Decide(off).Action);
        var raised = Plan.WithRaiseRules(RaiseRule.WhenSignal(name, 0.75m));
        Assert.Equal(new PlanDecision(PlanAction.Raise, 0.75m, null, raised.RaiseRules[0]), raised.Decide(on));
        // The names a context reports are the same names.
        Assert.Equal(new[] { name }, on.FiredSignals.ToArray());
        Assert.Equal(kind, new RemovalContext(1m, TimeSpan.Zero, [name]).Signals);

        // docs/signals.md lists it under this name.
        Assert.Contains($"`{name}`", File.ReadAllText(RepoPaths.Of("docs/signals.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownOrEmptyName_ThrowsNamingParameter()
    {
        var ex = BadInput.Throws("name", () => SignalNames.Parse("rsi-oversld"));
        Assert.Contains("rsi-oversold", ex.Message, StringComparison.Ordinal); // the message lists the names
        BadInput.Throws("name", () => SignalNames.Parse(" "));
        BadInput.Throws("signalName", () => RemovalRule.WhenSignal("RSI oversold"));
        BadInput.Throws("signalName", () => RaiseRule.WhenSignal("nope", 1m));
        BadInput.Throws("firedSignals", () => new RemovalContext(1m, TimeSpan.Zero, ["nope"]));
        BadInput.Throws("kind", () => SignalNames.Of(SignalKinds.RsiOverbought | SignalKinds.RsiExtreme));
        BadInput.Throws("signals", () => RemovalRule.WhenSignal(SignalKinds.None));
        BadInput.Rejects("raisedRatio", r => RaiseRule.WhenSignal(SignalKinds.RsiExtreme, r), 0m, -1m, 10.5m);
    }

    [Fact]
    public void RemovalFromSignalSet_RsiOversoldBar_RemovesTheDocsPlan()
    {
        // The docs' and demo's rule WhenSignal("rsi-oversold") fires from a real bar of the signals layer.
        // RSI 29.9 < 30: oversold (docs/signals.md); closes fixed at 100.
        var s = SignalSeries.FromValues([100, 100], [40, 29.9], [double.NaN, double.NaN], [double.NaN, double.NaN],
            [double.NaN, double.NaN], [double.NaN, double.NaN], [double.NaN, double.NaN]);
        var plan = Plan.WithRemovalRules(RemovalRule.WhenSignal("rsi-oversold"));
        Assert.Null(plan.RemovalDue(RemovalContext.FromSignalSet(s[0], TimeSpan.FromDays(1))));
        var ctx = RemovalContext.FromSignalSet(s[1], TimeSpan.FromDays(2));
        Assert.Equal(100m, ctx.SpotPrice);
        Assert.IsType<SignalRemoval>(plan.RemovalDue(ctx));
    }

    [Fact]
    public void Decide_RsiExtremeRaises_RemovalWins_BackToPlanRatioAfter()
    {
        // The seed's "RSI 85+ -> raise the hedge temporarily": 0.5 -> 0.75 while RsiExtreme is active.
        var plan = Plan.WithRaiseRules(RaiseRule.WhenSignal(SignalKinds.RsiExtreme, 0.75m))
            .WithRemovalRules(RemovalRule.WhenSignal(SignalKinds.RsiOversold), RemovalRule.PriceAtOrBelow(45_000m));
        Assert.Equal(0.75m, plan.Decide(new RemovalContext(52_000m, TimeSpan.FromDays(1), SignalKinds.RsiExtreme | SignalKinds.RsiOverbought)).TargetRatio);
        Assert.Equal(0.5m, plan.Decide(new RemovalContext(52_000m, TimeSpan.FromDays(2), SignalKinds.RsiOverbought)).TargetRatio);
        var d = plan.Decide(new RemovalContext(44_000m, TimeSpan.FromDays(3), SignalKinds.RsiExtreme));
        Assert.Equal(PlanAction.Remove, d.Action);
        Assert.Equal(0m, d.TargetRatio);
        Assert.IsType<PriceLevelRemoval>(d.Removal);
        // A raise must be above the plan's ratio.
        BadInput.Throws("rules", () => Plan.WithRaiseRules(RaiseRule.WhenSignal(SignalKinds.RsiExtreme, 0.5m)));
    }

    [Fact]
    public void WhenSignal_Combination_FiresOnlyWhenAllAreActive()
    {
        // "MACD cross near resistance": both flags.
        var rule = RemovalRule.WhenSignal(SignalKinds.MacdBearishCross | SignalKinds.NearResistance);
        Assert.False(rule.ShouldRemove(new RemovalContext(1m, TimeSpan.Zero, SignalKinds.MacdBearishCross)));
        Assert.True(rule.ShouldRemove(new RemovalContext(1m, TimeSpan.Zero, SignalKinds.MacdBearishCross | SignalKinds.NearResistance | SignalKinds.Squeeze)));
        Assert.Equal("macd-bearish-cross+near-resistance", ((SignalRemoval)rule).SignalName);
    }
}
