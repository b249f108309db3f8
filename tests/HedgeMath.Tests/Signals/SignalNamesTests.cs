using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Signals;

/// <summary>One naming of signals across layers: SignalNames, plan conditions (<see cref="PlanCondition.Signal(string)"/>) and the docs (the CLI: StrategyCommandsTests).</summary>
public class SignalNamesTests
{
    public static TheoryData<SignalKinds> EveryKind()
    {
        var d = new TheoryData<SignalKinds>();
        foreach (var k in Enum.GetValues<SignalKinds>()) if (k != SignalKinds.None) d.Add(k);
        return d;
    }

    // A condition evaluated on one bar of the signals layer at a close of 100 (what PlanState.Step gives it).
    private static bool Holds(PlanCondition c, SignalSet set) =>
        c.Evaluate(new PlanContext(0, TimeSpan.Zero, 100m, 100m, PriceWindow.Empty([], 2), set, 0m, []));

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EveryKind_NameRoundTrips_AndNamesThePlanCondition_AndDocs(SignalKinds kind)
    {
        string name = SignalNames.Of(kind);
        // Kebab case of the C# name: "RsiOversold" -> "rsi-oversold".
        Assert.Equal(string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())), name);
        Assert.Equal(kind, SignalNames.Parse(name));
        Assert.Equal(kind, SignalNames.Parse(kind.ToString()));
        Assert.Equal(kind, SignalNames.Parse(name.ToUpperInvariant()));

        // A plan condition named by it is the condition on that flag, and says the name.
        Assert.Equal(PlanCondition.Signal(kind), PlanCondition.Signal(name));
        Assert.Equal(PlanCondition.Signal(kind), PlanCondition.Signal(name.ToUpperInvariant()));
        Assert.Equal("signal " + name, PlanCondition.Signal(name).Name);
        Assert.Equal(new[] { name }, SignalNames.Names(kind).ToArray());

        // docs/signals.md lists it under this name.
        Assert.Contains($"`{name}`", File.ReadAllText(RepoPaths.Of("docs/signals.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownOrEmptyName_ThrowsNamingParameter()
    {
        var ex = BadInput.Throws("name", () => SignalNames.Parse("rsi-oversld"));
        Assert.Contains("rsi-oversold", ex.Message, StringComparison.Ordinal); // the message lists the names
        BadInput.Throws("name", () => SignalNames.Parse(" "));
        BadInput.Throws("signalName", () => PlanCondition.Signal("RSI oversold"));
        BadInput.Throws("signalName", () => PlanCondition.Signal("nope"));
        BadInput.Throws("kind", () => SignalNames.Of(SignalKinds.RsiOverbought | SignalKinds.RsiExtreme));
        BadInput.Throws("signals", () => PlanCondition.Signal(SignalKinds.None));
        BadInput.Rejects("ratio", r => RuleAction.RaiseTo(r), -1m, 10.5m);
    }

    [Fact]
    public void SignalCondition_RsiOversoldBar_HoldsOnThatBarOnly()
    {
        // The docs' and demo's rule (remove on "rsi-oversold") holds on a real bar of the signals layer.
        // RSI 29.9 < 30: oversold (docs/signals.md); closes fixed at 100.
        var s = SignalSeries.FromValues([100, 100], [40, 29.9], [double.NaN, double.NaN], [double.NaN, double.NaN],
            [double.NaN, double.NaN], [double.NaN, double.NaN], [double.NaN, double.NaN]);
        var oversold = PlanCondition.Signal("rsi-oversold");
        Assert.False(Holds(oversold, s[0]));
        Assert.True(Holds(oversold, s[1]));
        // A combination holds only when every signal is active ("MACD cross near resistance": both flags).
        Assert.False(Holds(PlanCondition.Signal(SignalKinds.RsiOversold | SignalKinds.MacdBearishCross), s[1]));
        Assert.Equal("signal macd-bearish-cross + near-resistance", PlanCondition.Signal(SignalKinds.MacdBearishCross | SignalKinds.NearResistance).Name);
    }
}
