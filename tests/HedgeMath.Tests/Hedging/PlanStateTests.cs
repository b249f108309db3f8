using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;
using HedgeMath.Tests.Properties;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>The one plan step (<see cref="PlanState.Step"/>): rule semantics, the order within a bar, the accounting.</summary>
public class PlanStateTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    /// <summary>Daily bar i: spot = mark = last, flat within the bar at <paramref name="close"/> unless a range is given.</summary>
    private static PlanBar Bar(int i, decimal close, decimal? high = null, decimal? low = null, decimal? open = null, double atr = double.NaN,
        ImmutableArray<FundingPrint> funding = default)
    {
        decimal o = open ?? close, h = high ?? Math.Max(o, close), l = low ?? Math.Min(o, close);
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), o, h, l, close), close, funding, atr: atr);
    }

    private static PlanDefinition Plan(decimal ratio, params PlanRule[] rules) =>
        PlanDefinition.Create("t", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub0, ratio, 2m)], rules);

    private static List<PlanStepResult> Run(PlanDefinition plan, params decimal[] closes)
    {
        var state = PlanState.Start(plan);
        var steps = new List<PlanStepResult>();
        for (int i = 0; i < closes.Length; i++) { var s = state.Step(Bar(i, closes[i])); steps.Add(s); state = s.State; }
        return steps;
    }

    private static int[] FiredOn(List<PlanStepResult> steps, int rule = 0) =>
        [.. steps.Select((s, i) => (s, i)).Where(x => x.s.Events.Any(e => e.Rule == rule && e.Kind is PlanEventKind.RuleFired or PlanEventKind.RuleIdle or PlanEventKind.PartlyClosed or PlanEventKind.SpotTraded)).Select(x => x.i)];

    [Fact]
    public void EdgeRule_FiresOnTheCloseThatMakesItTrue_AndReArmsWhenFalse()
    {
        // Closes 100, 89 (true: fires), 88 (still true: armed no more), 95 (false: re-arms), 85 (true: fires again).
        var steps = Run(Plan(0.5m, new PlanRule(PlanCondition.PriceAtOrBelow(90m), RuleAction.LowerTo(0.25m))), 100m, 89m, 88m, 95m, 85m);
        Assert.Equal([1, 4], FiredOn(steps));
        Assert.False(steps[2].State.RuleArmed(0));
        Assert.True(steps[3].State.RuleArmed(0));
        Assert.Equal(0.25m, steps[4].State.HeldRatio(0));
    }

    [Fact]
    public void OnceRule_FiresOnTheFirstTrueClose_ThenNever()
    {
        var steps = Run(Plan(0.5m, new PlanRule(PlanCondition.PriceAtOrBelow(90m), RuleAction.Remove(), RuleTrigger.Once)), 100m, 89m, 88m, 95m, 85m);
        Assert.Equal([1], FiredOn(steps));
        Assert.All(steps.Skip(1), s => Assert.Equal(0m, s.State.HeldRatio(0)));
    }

    [Fact]
    public void WhileRule_HoldsItsRatioOnlyWhileTheConditionHolds()
    {
        var steps = Run(Plan(0.5m, new PlanRule(PlanCondition.PriceAtOrAbove(110m), RuleAction.RaiseTo(1m), RuleTrigger.While)), 100m, 110m, 115m, 105m);
        Assert.Equal([0.5m, 1m, 1m, 0.5m], steps.Select(s => s.State.HeldRatio(0)));
    }

    [Fact]
    public void RuleWithNothingToTrade_IsRecordedIdle_NotAnError()
    {
        // Ratio 0: the leg is flat, so "close half" has nothing to close.
        var steps = Run(Plan(0m, new PlanRule(PlanCondition.PriceAtOrBelow(90m), RuleAction.CloseFraction(0.5m))), 100m, 89m);
        var e = Assert.Single(steps[1].Events);
        Assert.Equal(PlanEventKind.RuleIdle, e.Kind);
        Assert.Equal(0, e.Rule);
        Assert.Contains("flat", e.Detail);
    }

    [Fact]
    public void StopComesBeforeTheRules_AndTheLegIsNotTradedAgainOnItsExitBar()
    {
        // 1 BTC short at 100 (stub: no fees), stop at 105. Bar 1 reaches 106: stopped at 105 first; the raise rule that
        // fires at the same close (≥ 104) sets the ratio, but the leg re-opens only at the next close.
        var plan = PlanDefinition.Create("t", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub0, 1m, 2m, stop: LegStop.AtPrice(105m))],
            [new PlanRule(PlanCondition.PriceAtOrAbove(104m), RuleAction.RaiseTo(0.5m))]);
        var s0 = PlanState.Start(plan).Step(Bar(0, 100m));
        var s1 = s0.State.Step(Bar(1, 104m, high: 106m, open: 100m));
        Assert.Equal([PlanEventKind.Stopped, PlanEventKind.RuleFired], s1.Events.Select(e => e.Kind));
        Assert.Equal(105m, s1.Events[0].Price);
        Assert.Equal(0m, s1.State.HeldRatio(0));
        var s2 = s1.State.Step(Bar(2, 104m));
        Assert.Equal(0.5m, s2.State.HeldRatio(0));
        // Equity: spot 104 + short 1 × (100 − 105) = 99; then a new 0.5 short at 104 has no PnL at 104.
        Assert.Equal(99m, s1.State.Equity);
        Assert.Equal(99m, s2.State.Equity);
    }

    [Fact]
    public void SellSpot_HandCalculated()
    {
        // 1 BTC, no hedge; sell 25 % at the close that reaches 110, spot fee 0.1 %: 0.25 × 110 = 27.5, fee 0.0275;
        // cash 27.4725; unhedged value 0.75 × 110 + 27.4725 = 109.9725.
        var plan = PlanDefinition.Create("t", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub0, 0m, 2m)],
            [new PlanRule(PlanCondition.PriceAtOrAbove(110m), RuleAction.SellSpot(0.25m))], spotFeeRate: 0.001m);
        var steps = Run(plan, 100m, 110m);
        Assert.Equal(0.75m, steps[1].State.SpotQuantity);
        Assert.Equal(27.4725m, steps[1].State.SpotCash);
        Assert.Equal(109.9725m, steps[1].State.Equity);
        Assert.Equal(9.9725m, steps[1].State.Pnl); // the first close's equity is 100
    }

    [Fact]
    public void CrossBelowMovingAverage_FiresOnTheCrossingBarOnly()
    {
        // SMA(3) of closes 10, 11, 12, 13, 9, 8: at bar 3 (13) the SMA is (11 + 12 + 13)/3 = 12, close above; at bar 4
        // (9) the SMA is (12 + 13 + 9)/3 = 11.33, close below: a cross; at bar 5 (8) still below: no new cross.
        var steps = Run(Plan(0.5m, new PlanRule(PlanCondition.CrossesBelowMovingAverage(3), RuleAction.LowerTo(0m))), 10m, 11m, 12m, 13m, 9m, 8m);
        Assert.Equal([4], FiredOn(steps));
    }

    [Fact]
    public void AtrStop_IsPlacedAtEntryPlusMultipleTimesAtr()
    {
        // A 1 BTC short opened at 100 with ATR 5 at the close: a 2 × ATR stop sits at 100 + 2 × 5 = 110; before the
        // ATR is known (NaN) no stop is placed.
        var plan = PlanDefinition.Create("t", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub0, 1m, 2m, stop: LegStop.AtAtrMultiple(2m))]);
        var s = PlanState.Start(plan);
        Assert.Null(s.Step(Bar(0, 100m)).State.Book.Legs[0].Stop);
        Assert.Equal(110m, s.Step(Bar(0, 100m, atr: 5d)).State.Book.Legs[0].Stop!.Price);
    }

    [Fact]
    public void PnlLossLimit_RemovesTheHedge()
    {
        // 1 BTC with a full short: the spot loss is offset; the rule watches the plan's PnL, which only the funding
        // paid moves here: 1 × 100 × 0.06 = 6 paid at bar 1 → PnL −6 ≤ −5.
        var plan = Plan(1m, new PlanRule(PlanCondition.PnlAtOrBelow(-5m), RuleAction.Remove()));
        var s0 = PlanState.Start(plan).Step(Bar(0, 100m));
        var s1 = s0.State.Step(Bar(1, 100m, funding: [new FundingPrint(Day0.AddDays(1), -0.06m, 100m)]));
        Assert.Equal(-6m, s1.State.Pnl);
        Assert.Equal([PlanEventKind.RuleFired, PlanEventKind.Traded], s1.Events.Select(e => e.Kind));
        Assert.Equal(0m, s1.State.HeldRatio(0));
    }

    [Fact]
    public void Step_IsPure_TwoBarsFromOneStateDoNotSeeEachOther()
    {
        var plan = Plan(0.5m, new PlanRule(PlanCondition.BelowMovingAverage(2), RuleAction.LowerTo(0m), RuleTrigger.While));
        var s0 = PlanState.Start(plan).Step(Bar(0, 100m)).State;
        var up = s0.Step(Bar(1, 120m)).State;   // SMA(2) = 110, close above
        var down = s0.Step(Bar(1, 80m)).State;  // SMA(2) = 90, close below
        Assert.False(up.RuleHeld(0));
        Assert.True(down.RuleHeld(0));
        // Continuing from the first branch still sees its own close: SMA(2) of 120 and 100 is 110, 100 is below it.
        Assert.True(up.Step(Bar(2, 100m)).State.RuleHeld(0));
        Assert.False(down.Step(Bar(2, 100m)).State.RuleHeld(0)); // SMA(2) of 80 and 100 is 90
        Assert.Equal(1, s0.Bars);
    }

    [Fact]
    public void BadInput_NamesTheParameter()
    {
        var btc = SpotHolding.Create("BTC", 1m, 100m);
        BadInput.Throws("legs", () => PlanDefinition.Create("t", [btc], [new PlanLeg(Stub0, 0.5m, 10m)], leverageCap: 5m));
        BadInput.Throws("rules", () => PlanDefinition.Create("t", [btc], [new PlanLeg(Stub0, 0.5m, 2m)], [new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.Remove(1))]));
        BadInput.Throws("crossWallet", () => PlanDefinition.Create("t", [btc], [new PlanLeg(Stub0, 0.5m, 2m, mode: MarginMode.Cross)]));
        BadInput.Throws("holdings", () => PlanDefinition.Create("t", [], [new PlanLeg(Stub0, 0.5m, 2m)]));
        BadInput.Throws("legs", () => PlanDefinition.Create("t", [SpotHolding.Create("ETH", 1m, 100m)], [new PlanLeg(Stub0, 0.5m, 2m)]));
        BadInput.Throws("trigger", () => new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.CloseFraction(0.5m), RuleTrigger.While));
        BadInput.Throws("signalName", () => PlanCondition.Signal("macd-purple"));
        BadInput.Throws("fraction", () => PlanCondition.DrawdownFromHigh(1m, 10));
        BadInput.Throws("bars", () => PlanCondition.AboveMovingAverage(1));
        // Bar counts above the indicators' 100,000 (docs/conventions.md): int.MaxValue overflowed the closes the plan keeps (fuzz).
        BadInput.Rejects<int>("bars", b => PlanCondition.BelowMovingAverage(b), 100_001, int.MaxValue);
        BadInput.Rejects<int>("lookbackBars", b => PlanCondition.DrawdownFromHigh(0.1m, b), 100_001, int.MaxValue);
        BadInput.Rejects<int>("bars", b => PlanCondition.RiseOver(0.1m, b), 0, 100_001, int.MaxValue);
        BadInput.Rejects<int>("movingAverageBars", b => PlanDefinition.TrendHedge(SpotHolding.Create("BTC", 1m, 100m), new PlanLeg(Stub0, 0.5m, 2m), b, 1m), 1, 100_001, int.MaxValue);
        Assert.Equal(100_001, PlanCondition.CrossesAboveMovingAverage(100_000).ClosesRead);
        BadInput.Throws("ratio", () => RuleAction.RaiseTo(0m));
        BadInput.Throws("fraction", () => RuleAction.CloseFraction(1.5m));
        BadInput.Throws("leverage", () => new PlanLeg(Stub0, 0.5m, 500m));
        var s = PlanState.Start(Plan(0.5m)).Step(Bar(1, 100m)).State;
        BadInput.Throws("bar", () => s.Step(Bar(0, 100m)));
        BadInput.Throws("bar", () => s.Step(default));
    }

    [HedgeProperty(QuickTests = 200)]
    public Property Equity_IsUnhedgedPlusHedgePnlPlusFundingMinusFees_AtEveryStep()
    {
        // Random plans (linear or inverse, ratio, leverage, stop or none) on random daily paths with funding; at every
        // step, from the book's legs: equity − unhedged = Σ (realized + unrealized at the close + funding − fees) in the
        // settlement asset, × the close for an inverse leg.
        var gen = from inverse in Gen.Elements(false, true)
                  from ratio in Gen.Choose(0, 150)
                  from lev in Gen.Choose(1, 20)
                  from stop in Gen.Choose(0, 40)
                  from moves in Gen.ArrayOf(Gen.Choose(-80, 80), 30)
                  from rate in Gen.Choose(-30, 30)
                  select (inverse, ratio: ratio / 100m, lev: (decimal)lev, stop: stop == 0 ? (decimal?)null : stop / 100m, moves, rate: rate / 100_000m);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = t.inverse ? Contract.BinanceCoinMBtcUsd : Contract.BinanceBtcUsdt;
            var plan = PlanDefinition.Create("p", [SpotHolding.Create("BTC", 2m, 50_000m, c.QuoteAsset)],
                [new PlanLeg(c, t.ratio, t.lev, stop: t.stop is { } d ? LegStop.AtDistance(d) : null)], afterExit: PlanReentry.NextBar);
            var state = PlanState.Start(plan);
            decimal price = 50_000m;
            for (int i = 0; i < t.moves.Length; i++)
            {
                decimal next = Math.Max(1_000m, Math.Round(price * (1m + t.moves[i] / 1000m), 2)); // a 0.01 tick
                var opens = Day0.AddDays(i);
                var bar = PlanBar.Create(opens, PriceBar.Create(opens.AddDays(1), price, Math.Max(price, next) * 1.01m, Math.Min(price, next) * 0.99m, next), next,
                    [new FundingPrint(opens, t.rate, price)]);
                state = state.Step(bar).State;
                decimal hedge = 0m;
                foreach (var l in state.Book.Legs) hedge += l.RealizedPnl + (l.Position?.UnrealizedPnl(next) ?? 0m) + l.Funding - l.Fees;
                hedge -= state.Book.CrossMarginLost.Values.Sum();
                if (t.inverse) hedge *= next;
                // Margin (notional / leverage) and an inverse leg's coin are quotients rounded at decimal's 28th digit, so
                // the two summation orders may differ there: 1e-12 of the quote asset.
                const decimal tolerance = 1e-12m;
                if (Math.Abs(state.Equity - state.UnhedgedEquity - hedge) > tolerance || state.UnhedgedEquity != 2m * next) return false;
                price = next;
            }
            return true;
        });
    }
}
