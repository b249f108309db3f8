using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// Each plan condition at its edge (equal to its level, the first bar it can be evaluated, the bar its window stops
/// reaching), through the public status: whether the rule held (<see cref="PlanState.RuleHeld"/>) and the text that
/// says why (<see cref="PlanRuleStatus.Why"/>), on daily closes by hand. 1 BTC held from 100; a stub contract without
/// fees; every rule closes half of leg 0 (a flat leg makes it idle, so nothing else moves).
/// </summary>
public class PlanConditionTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    private static PlanBar Bar(int i, decimal close)
    {
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), close, close, close, close), close);
    }

    /// <summary>The status after the last close; rule r has condition r.</summary>
    private static PlanStatus Status(decimal ratio, PlanCondition[] conditions, params decimal[] closes)
    {
        var plan = PlanDefinition.Create("c", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub0, ratio, 2m)],
            conditions.Select(c => new PlanRule(c, RuleAction.CloseFraction(0.5m))));
        var state = PlanState.Start(plan);
        PlanStepResult step = null!;
        PlanBar bar = default;
        for (int i = 0; i < closes.Length; i++) { bar = Bar(i, closes[i]); step = state.Step(bar); state = step.State; }
        return PlanStatus.Of(step, bar);
    }

    private static (bool Held, string Why) Rule(PlanStatus s, int r) => (s.Rules[r].Held, s.Rules[r].Why);

    [Fact]
    public void After_HoldsFromTheBarThatOpensThatLongAfterTheFirst()
    {
        // Bars open on days 0, 1, 2: two days have elapsed at the third bar's open.
        PlanCondition[] c = [PlanCondition.After(TimeSpan.FromDays(2))];
        Assert.Equal((false, "1 days elapsed < 2 days"), Rule(Status(0m, c, 100m, 100m), 0));
        Assert.Equal((true, "2 days elapsed ≥ 2 days"), Rule(Status(0m, c, 100m, 100m, 100m), 0));
    }

    [Fact]
    public void RiseOver_ComparesWithTheCloseThatManyBarsAgo()
    {
        // 150 is exactly 50 % above 100, two bars earlier; at the second close there is no close two bars back.
        PlanCondition[] c = [PlanCondition.RiseOver(0.5m, 2)];
        Assert.Equal((false, "2 of the 3 closes needed"), Rule(Status(0m, c, 100m, 120m), 0));
        Assert.Equal((true, "spot close 150.00 is 50.00 % above the close 2 bars ago 100.00 (≥ 50.00 %)"), Rule(Status(0m, c, 100m, 120m, 150m), 0));
        Assert.Equal((false, "spot close 149.00 is 49.00 % above the close 2 bars ago 100.00 (< 50.00 %)"), Rule(Status(0m, c, 100m, 120m, 149m), 0));
    }

    [Fact]
    public void DrawdownFromHigh_OnlyTheLookbackBarsCount()
    {
        // Lookback 2, 50 %: at the second close the high of {300, 120} is 300 and 120 is 60 % below it; at the third the
        // window is {120, 100}: 100 is 16.67 % below 120 (the 300 has left the window). One close is not enough.
        PlanCondition[] c = [PlanCondition.DrawdownFromHigh(0.5m, 2)];
        Assert.Equal((false, "1 of the 2 closes needed for the high"), Rule(Status(0m, c, 300m), 0));
        Assert.Equal((true, "spot close 120.00 is 60.00 % below the 2-bar high 300.00 (≥ 50.00 %)"), Rule(Status(0m, c, 300m, 120m), 0));
        Assert.Equal((false, "spot close 100.00 is 16.67 % below the 2-bar high 120.00 (< 50.00 %)"), Rule(Status(0m, c, 300m, 120m, 100m), 0));
    }

    [Fact]
    public void MovingAverage_AboveBelowAndCrosses_AtEquality()
    {
        PlanCondition[] c = [PlanCondition.AboveMovingAverage(2), PlanCondition.BelowMovingAverage(2),
            PlanCondition.CrossesAboveMovingAverage(2), PlanCondition.CrossesBelowMovingAverage(2)];
        var first = Status(0m, c, 100m);
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal((false, "1 of the 2 closes SMA(2) needs"), Rule(first, r)));
        // Closes 100, 100: the SMA is 100, equal to the close: neither above nor below; no average at the previous close.
        var flat = Status(0m, c, 100m, 100m);
        Assert.Equal((false, "spot close 100.00 = SMA(2) 100.00"), Rule(flat, 0));
        Assert.Equal((false, "spot close 100.00 = SMA(2) 100.00"), Rule(flat, 1));
        Assert.Equal((false, "spot close 100.00 = SMA(2) 100.00 (no average at the previous close)"), Rule(flat, 2));
        // 100, 100, 110: SMA 105; the previous close sat on its average (100 = 100), so this close crosses above it.
        var up = Status(0m, c, 100m, 100m, 110m);
        Assert.Equal((true, "spot close 110.00 > SMA(2) 105.00"), Rule(up, 0));
        Assert.False(up.Rules[1].Held);
        Assert.Equal((true, "previous close 100.00 = SMA(2) 100.00; spot close 110.00 > SMA(2) 105.00"), Rule(up, 2));
        Assert.False(up.Rules[3].Held);
        // 100, 100, 90: SMA 95, a cross below from the average.
        var down = Status(0m, c, 100m, 100m, 90m);
        Assert.Equal((true, "spot close 90.00 < SMA(2) 95.00"), Rule(down, 1));
        Assert.False(down.Rules[2].Held);
        Assert.Equal((true, "previous close 100.00 = SMA(2) 100.00; spot close 90.00 < SMA(2) 95.00"), Rule(down, 3));
        // Already above (110 > 105) and still above: no cross. Already below (90 < 95) and still below: none either.
        Assert.Equal((false, "previous close 110.00 > SMA(2) 105.00; spot close 120.00 > SMA(2) 115.00"), Rule(Status(0m, c, 100m, 110m, 120m), 2));
        Assert.Equal((false, "previous close 90.00 < SMA(2) 95.00; spot close 80.00 < SMA(2) 85.00"), Rule(Status(0m, c, 100m, 90m, 80m), 3));
    }

    [Fact]
    public void PriceAndPnlLevels_HoldAtTheLevel()
    {
        PlanCondition[] c = [PlanCondition.PriceAtOrBelow(100m), PlanCondition.PriceAtOrAbove(100m), PlanCondition.PnlAtOrBelow(-10m),
            PlanCondition.PnlAtOrAbove(-10m), PlanCondition.PnlAtOrBelow(-11m)];
        // 1 BTC unhedged from 100 to 90: PnL −10.
        var s = Status(0m, c, 100m, 90m);
        Assert.Equal((true, "spot close 90.00 ≤ 100"), Rule(s, 0));
        Assert.Equal((false, "spot close 90.00 < 100"), Rule(s, 1));
        Assert.Equal((true, "plan PnL -10.00 ≤ -10"), Rule(s, 2));
        Assert.Equal((true, "plan PnL -10.00 ≥ -10"), Rule(s, 3));
        Assert.Equal((false, "plan PnL -10.00 > -11"), Rule(s, 4));
        var at = Status(0m, c, 100m);
        Assert.Equal((true, "spot close 100.00 ≤ 100"), Rule(at, 0));
        Assert.Equal((true, "spot close 100.00 ≥ 100"), Rule(at, 1));
        Assert.Equal((false, "spot close 101.00 > 100"), Rule(Status(0m, c, 101m), 0));
    }

    [Fact]
    public void EntryMoves_AreMeasuredFromTheLegsEntry_AndAFlatLegHasNone()
    {
        // A 1:1 short opened at the first close, 100: 10 % below it is 90, 10 % above it 110.
        PlanCondition[] c = [PlanCondition.BelowEntry(0.1m), PlanCondition.AboveEntry(0.1m)];
        var down = Status(1m, c, 100m, 90m);
        Assert.Equal((true, "last close 90.00 ≤ 90.00 (10.00 % below leg 0's entry 100.00)"), Rule(down, 0));
        Assert.Equal((false, "last close 90.00 < 110.00 (10.00 % above leg 0's entry 100.00)"), Rule(down, 1));
        var up = Status(1m, c, 100m, 110m);
        Assert.Equal((false, "last close 110.00 > 90.00 (10.00 % below leg 0's entry 100.00)"), Rule(up, 0));
        Assert.Equal((true, "last close 110.00 ≥ 110.00 (10.00 % above leg 0's entry 100.00)"), Rule(up, 1));
        var flat = Status(0m, c, 100m, 90m);
        Assert.Equal((false, "leg 0 is flat (no entry)"), Rule(flat, 0));
        Assert.Equal((false, "leg 0 is flat (no entry)"), Rule(flat, 1));
    }

    [Fact]
    public void SeriesNotAndOr_SayWhatTheirPartsSaid()
    {
        PlanCondition[] c = [PlanCondition.Series("s", [false, true]), PlanCondition.Not(PlanCondition.PriceAtOrAbove(100m)),
            PlanCondition.Or(PlanCondition.PriceAtOrAbove(200m), PlanCondition.PriceAtOrBelow(100m)),
            PlanCondition.And(PlanCondition.PriceAtOrAbove(200m), PlanCondition.PriceAtOrBelow(100m))];
        var s = Status(0m, c, 100m, 100m);
        Assert.Equal((true, "s is true at bar 1"), Rule(s, 0));
        Assert.Equal((false, "not (yes: spot close 100.00 ≥ 100)"), Rule(s, 1));
        Assert.Equal((true, "(no: spot close 100.00 < 200) or (yes: spot close 100.00 ≤ 100)"), Rule(s, 2));
        Assert.Equal((false, "(no: spot close 100.00 < 200) and (yes: spot close 100.00 ≤ 100)"), Rule(s, 3));
        Assert.Equal((false, "s is false at bar 2 (past the series' end)"), Rule(Status(0m, c, 100m, 100m, 100m), 0));
        Assert.Equal((false, "s is false at bar 0"), Rule(Status(0m, c, 100m), 0));
    }
}
