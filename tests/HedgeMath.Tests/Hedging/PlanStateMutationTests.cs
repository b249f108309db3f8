using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// <see cref="PlanState"/>, issue 29: <see cref="PlanState.Start"/>'s null check, <see cref="PlanState.SpotQuantityOf"/> of an
/// asset the plan does not hold, and the step result's bar number and signals — from their XML docs.
/// </summary>
public class PlanStateMutationTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PlanBar Bar(int i, decimal close, SignalSet signals = default)
    {
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), close, close, close, close), close, default, signals);
    }

    [Fact]
    public void Start_Null_IsRejectedNamingThePlan() =>
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => PlanState.Start(null!)).ParamName);

    [Fact]
    public void SpotQuantityOf_AnAssetNotHeld_IsZero()
    {
        // "0 for an asset the plan does not hold": one asset (BTC) and several (SOL, BTC).
        var one = PlanState.Start(PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 60_000m)], [new PlanLeg(Stub.Contract(), 0.5m, 2m)]));
        Assert.Equal((1m, 1m, 0m), (one.SpotQuantity, one.SpotQuantityOf("btc"), one.SpotQuantityOf("ETH")));
        var many = PlanState.Start(PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 150m)],
            [new PlanLeg(Stub.Contract(), 0.5m, 2m) { Hedges = "SOL" }]));
        Assert.Equal((100m, 0m, 0m), (many.SpotQuantityOf("SOL"), many.SpotQuantityOf("BTC"), many.SpotQuantityOf("ETH")));
    }

    [Fact]
    public void Step_NumbersTheBarFromZero_AndCarriesTheBarsSignals()
    {
        // "The bar's index among the stepped bars (0 for the first)": the third step is bar 2; its signals are the bar's.
        var plan = PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 60_000m)], [new PlanLeg(Stub.Contract(), 0.5m, 2m)]);
        var signals = SignalSeries.FromCloses([1d, 2d, 3d]);
        var state = PlanState.Start(plan);
        PlanStepResult step = null!;
        for (int i = 0; i < 3; i++) { step = state.Step(Bar(i, 60_000m, signals[i])); state = step.State; }
        Assert.Equal(2, step.Bar);
        Assert.Equal(3, step.State.Bars);
        Assert.Equal(signals[2], step.Signals);
        Assert.Equal(3d, step.Signals.Close);
    }
}
