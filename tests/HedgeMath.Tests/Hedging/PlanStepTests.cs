using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// The step's parts that the other plan tests do not pin to a number (issue 29, plan evaluator), each by hand through
/// <see cref="PlanState.Step"/>: take-profits of a short and a long (at the level, or at the open past it), what follows
/// an exit (stay flat, next bar, when a condition holds), a removed leg's later rules, the re-hedge period, moving and
/// removing a stop, buying spot, and two legs in one settlement asset counted once. 1 BTC held; the stub contract (tick
/// 0.01, lot 0.001, no fees); the legs open at the first close.
/// </summary>
public class PlanStepTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    /// <summary>Daily bar i: spot = mark = last; flat at the close unless open, high and low are given.</summary>
    private static PlanBar Bar(int i, decimal close, decimal? open = null, decimal? high = null, decimal? low = null)
    {
        decimal o = open ?? close, h = high ?? Math.Max(o, close), l = low ?? Math.Min(o, close);
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), o, h, l, close), close);
    }

    private static PlanDefinition Plan(PlanLeg leg, PlanReentry? afterExit = null, int rehedgeEveryDays = 0, decimal spotFeeRate = 0m, params PlanRule[] rules) =>
        PlanDefinition.Create("p", [SpotHolding.Create("BTC", 1m, 100m)], [leg], rules, afterExit: afterExit, rehedgeEveryDays: rehedgeEveryDays, spotFeeRate: spotFeeRate);

    private static List<PlanStepResult> Run(PlanDefinition plan, params PlanBar[] bars)
    {
        var state = PlanState.Start(plan);
        var steps = new List<PlanStepResult>();
        foreach (var b in bars) { var s = state.Step(b); steps.Add(s); state = s.State; }
        return steps;
    }

    [Fact]
    public void ShortTakeProfit_FillsAtTheLevel_OrAtTheOpenBeyondIt()
    {
        // Short 1 at 100, take profit 90. Bar 1 falls from 100 to 89: filled at 90, PnL 10; equity = spot 95 + 10 = 105.
        var plan = Plan(new PlanLeg(Stub0, 1m, 1m, takeProfit: 90m));
        var s = Run(plan, Bar(0, 100m), Bar(1, 95m, open: 100m, low: 89m));
        var e = Assert.Single(s[1].Events);
        Assert.Equal((PlanEventKind.TookProfit, 1m, 90m, "leg 0 took profit at 90"), (e.Kind, e.Quantity, e.Price, e.Detail));
        Assert.Equal(105m, s[1].State.Equity);
        Assert.Equal(0m, s[1].State.HeldRatio(0));
        // A bar that opens at 88, already below: filled at the open, PnL 12; equity 86 + 12 = 98.
        var gap = Run(plan, Bar(0, 100m), Bar(1, 86m, open: 88m, high: 88m, low: 85m));
        Assert.Equal(88m, gap[1].Events[0].Price);
        Assert.Equal(98m, gap[1].State.Equity);
        // A bar whose low stays at 90.01 does not reach it.
        Assert.Empty(Run(plan, Bar(0, 100m), Bar(1, 95m, open: 100m, low: 90.01m))[1].Events);
    }

    [Fact]
    public void LongTakeProfit_FillsAtTheLevel_OrAtTheOpenBeyondIt()
    {
        // Long 1 at 100, take profit 110: a high of 111 fills at 110 (PnL 10); an open at 112, at 112 (PnL 12).
        var plan = Plan(new PlanLeg(Stub0, 1m, 1m, Side.Long, takeProfit: 110m));
        var s = Run(plan, Bar(0, 100m), Bar(1, 105m, open: 100m, high: 111m));
        Assert.Equal((PlanEventKind.TookProfit, 110m), (s[1].Events[0].Kind, s[1].Events[0].Price));
        Assert.Equal(105m + 10m, s[1].State.Equity);
        var gap = Run(plan, Bar(0, 100m), Bar(1, 113m, open: 112m, low: 112m));
        Assert.Equal(112m, gap[1].Events[0].Price);
        Assert.Equal(113m + 12m, gap[1].State.Equity);
    }

    [Fact]
    public void AfterATakeProfit_StayFlat_NextBar_OrWhenTheConditionHolds()
    {
        var leg = new PlanLeg(Stub0, 1m, 1m, takeProfit: 90m);
        PlanBar[] bars = [Bar(0, 100m), Bar(1, 89m, open: 100m), Bar(2, 85m), Bar(3, 80m)];
        // Stay flat (the default): never traded again.
        var flat = Run(Plan(leg), bars);
        Assert.All(flat.Skip(2), s => Assert.Empty(s.Events));
        // Next bar: re-opened at bar 2's close, 85. Its take-profit (90) is then above the price: bar 3, opening at 80,
        // reaches it at the open and fills there, 80.
        var next = Run(Plan(leg, PlanReentry.NextBar), bars);
        Assert.Equal(PlanEventKind.Traded, Assert.Single(next[2].Events).Kind);
        Assert.Equal(1m, next[2].State.HeldRatio(0));
        Assert.Equal((PlanEventKind.TookProfit, 80m), (next[3].Events[0].Kind, next[3].Events[0].Price));
        // When the spot is at or below 80: not at 85 (bar 2), at 80 (bar 3).
        var when = Run(Plan(leg, PlanReentry.WhenCondition(PlanCondition.PriceAtOrBelow(80m))), bars);
        Assert.Empty(when[2].Events);
        Assert.Equal(PlanEventKind.Traded, Assert.Single(when[3].Events).Kind);
    }

    [Fact]
    public void ARemovedLeg_LaterRatioRulesAreIdle()
    {
        // Remove at ≤ 90 (bar 1), raise to 1 at ≤ 80 (bar 2): the raise finds the leg removed and does nothing.
        var plan = Plan(new PlanLeg(Stub0, 0.5m, 1m), rules: [new PlanRule(PlanCondition.PriceAtOrBelow(90m), RuleAction.Remove()),
            new PlanRule(PlanCondition.PriceAtOrBelow(80m), RuleAction.RaiseTo(1m))]);
        var s = Run(plan, Bar(0, 100m), Bar(1, 90m), Bar(2, 80m));
        Assert.Equal([PlanEventKind.RuleFired, PlanEventKind.Traded], s[1].Events.Select(e => e.Kind));
        var idle = Assert.Single(s[2].Events);
        Assert.Equal((PlanEventKind.RuleIdle, 1, "when spot ≤ 80: raise leg 0 to ratio 1: leg 0 was removed"), (idle.Kind, idle.Rule, idle.Detail));
        Assert.Equal(0m, s[2].State.HeldRatio(0));
    }

    [Fact]
    public void RehedgePeriod_TradesTheLegBackToRatioTimesSpot_WhenDue()
    {
        // 1:1 on 1 BTC, every 2 days; half the spot is sold at bar 1's close. Bar 1: not due (1 day since the open),
        // the short stays 1. Bar 2: due (2 days): traded to 0.5, a buy of 0.5. Without the period nothing trades.
        var sell = new PlanRule(PlanCondition.Series("once", [false, true]), RuleAction.SellSpot(0.5m));
        PlanBar[] bars = [Bar(0, 100m), Bar(1, 100m), Bar(2, 100m)];
        var s = Run(Plan(new PlanLeg(Stub0, 1m, 1m), rehedgeEveryDays: 2, rules: [sell]), bars);
        Assert.Equal([PlanEventKind.SpotTraded], s[1].Events.Select(e => e.Kind));
        var t = Assert.Single(s[2].Events);
        Assert.Equal((PlanEventKind.Traded, 0.5m, (Side?)Side.Long), (t.Kind, t.Quantity, t.TradeSide));
        Assert.Equal(0.5m, s[2].State.Book.Legs[0].Position!.Quantity);
        Assert.Empty(Run(Plan(new PlanLeg(Stub0, 1m, 1m), rules: [sell]), bars)[2].Events);
    }

    [Fact]
    public void MoveStop_PlacesTheNewStop_AndNoneRemovesIt()
    {
        // A short at 100 with its stop at 150; at 110 the stop moves to 25 % above the entry (125), at 120 it is removed.
        var plan = Plan(new PlanLeg(Stub0, 1m, 1m, stop: LegStop.AtPrice(150m)), rules:
            [new PlanRule(PlanCondition.PriceAtOrAbove(110m), RuleAction.MoveStop(LegStop.AtDistance(0.25m))),
             new PlanRule(PlanCondition.PriceAtOrAbove(120m), RuleAction.MoveStop(null))]);
        var s = Run(plan, Bar(0, 100m), Bar(1, 110m), Bar(2, 120m));
        Assert.Equal(150m, s[0].State.Book.Legs[0].Stop!.Price);
        Assert.Equal(125m, s[1].State.Book.Legs[0].Stop!.Price);
        Assert.Null(s[2].State.Book.Legs[0].Stop);
    }

    [Fact]
    public void BuySpot_PaysTheValueAndTheFee()
    {
        // Buy half as much again at 100 with a 0.1 % fee: 0.5 × 100 = 50 and 0.05 → spot 1.5, cash −50.05, unhedged
        // 1.5 × 100 − 50.05 = 99.95.
        var plan = Plan(new PlanLeg(Stub0, 0m, 1m), spotFeeRate: 0.001m, rules: [new PlanRule(PlanCondition.PriceAtOrAbove(100m), RuleAction.BuySpot(0.5m))]);
        var s = Run(plan, Bar(0, 100m))[0];
        Assert.Equal((1.5m, -50.05m, 99.95m), (s.State.SpotQuantity, s.State.SpotCash, s.State.UnhedgedEquity));
        Assert.Equal((PlanEventKind.SpotTraded, 0.5m, 100m), (s.Events[0].Kind, s.Events[0].Quantity, s.Events[0].Price));
    }

    [Fact]
    public void SpotQuantityActions_TradeUnits_AndASaleStopsAtWhatIsHeld()
    {
        // Hold 1; at 100 buy 0.3 (fee 0.1 %: 30 + 0.03), at 110 sell 5 (only 1.3 held: 1.3 × 110 = 143, fee 0.143).
        var plan = Plan(new PlanLeg(Stub0, 0m, 1m), spotFeeRate: 0.001m, rules: [
            new PlanRule(PlanCondition.PriceAtOrBelow(100m), RuleAction.BuySpotQuantity(0.3m), RuleTrigger.Once),
            new PlanRule(PlanCondition.PriceAtOrAbove(110m), RuleAction.SellSpotQuantity(5m), RuleTrigger.Once)]);
        var s = Run(plan, Bar(0, 100m), Bar(1, 110m), Bar(2, 120m));
        Assert.Equal((1.3m, -30.03m), (s[0].State.SpotQuantity, s[0].State.SpotCash));
        Assert.Equal((0m, -30.03m + 143m - 0.143m), (s[1].State.SpotQuantity, s[1].State.SpotCash));
        Assert.Equal((PlanEventKind.SpotTraded, 1.3m, 110m), (s[1].Events[0].Kind, s[1].Events[0].Quantity, s[1].Events[0].Price));
        Assert.Equal(-30.03m + 143m - 0.143m, s[2].State.UnhedgedEquity);   // nothing held: the price no longer moves it

        // A buy is not capped by what is held: holding 1, buying 2.5 at 100 (no fee) holds 3.5 and pays 250.
        var big = Plan(new PlanLeg(Stub0, 0m, 1m), rules: [new PlanRule(PlanCondition.PriceAtOrBelow(100m), RuleAction.BuySpotQuantity(2.5m), RuleTrigger.Once)]);
        var b = Run(big, Bar(0, 100m))[0];
        Assert.Equal((3.5m, -250m), (b.State.SpotQuantity, b.State.SpotCash));
    }

    [Fact]
    public void TwoLegsInOneSettlementAsset_AreCountedOnce()
    {
        // Two 0.5 shorts on USDT-settled contracts, opened at 100; at 90 each gains 0.5 × 10 = 5: equity 90 + 10 = 100.
        var plan = PlanDefinition.Create("two", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub0, 0.5m, 1m), new PlanLeg(Stub0, 0.5m, 1m)]);
        var s = Run(plan, Bar(0, 100m), Bar(1, 90m));
        Assert.Equal(100m, s[1].State.Equity);
        Assert.Equal(0m, s[1].State.Pnl);
    }
}
