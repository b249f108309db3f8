using System.Collections.Immutable;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// The plan step (<see cref="PlanStepper"/>) where the mutation run of issue 29 found no test watching (docs/testing.md,
/// the plan evaluator's survivors): the per-asset selectors of a plan over several assets, the events' indices and texts,
/// the take-profit bounds, a partial close's held ratio, a first trade below one lot, the stop's tick fallback. Every
/// expected value is worked by hand in the comments, or is a property: a plan over three independent assets is the sum
/// of three one-asset plans, and a one-asset plan reads the same on a bar of several assets as on its own bar.
/// </summary>
public class PlanStepperMutationTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A linear USDT contract without fees: tick 0.01, lot 0.001, one tier (MMR 0.4 %, up to 125x).</summary>
    private static Contract Usdt(string asset) => Contract.Linear(asset + "USDT", asset, "USDT",
        new MarginTierTable([new MarginTier(1, 0m, 1_000_000_000m, 125m, 0.004m, 0m)]), tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0m, takerFeeRate: 0m);

    private static readonly Contract Btc = Usdt("BTC"), Eth = Usdt("ETH"), Sol = Usdt("SOL");

    /// <summary>One asset's day: its mark = last = spot prices, its ATR and a funding print at the open (at the opening mark).</summary>
    private sealed record Day(decimal Open, decimal High, decimal Low, decimal Close, double Atr, decimal? Rate = null)
    {
        public PriceBar Price(int day) => PriceBar.Create(Day0.AddDays(day + 1), Open, High, Low, Close);
        public ImmutableArray<FundingPrint> Prints(int day) => Rate is { } r ? [new FundingPrint(Day0.AddDays(day), r, Open)] : [];
        public PlanBar Of(string asset, int day) => PlanBar.OfAsset(asset, Price(day), Close, Prints(day), Atr);
        public PlanBar Own(int day) => PlanBar.Create(Day0.AddDays(day), Price(day), Close, Prints(day), default, Atr);
    }

    // Three days of three assets. Each differs from the others on every field a selector reads: price scale, range,
    // ATR, funding rate and sign.
    private static readonly Day[] BtcDays =
    [
        new(1_000m, 1_000m, 1_000m, 1_000m, 20d),
        new(1_000m, 1_060m, 990m, 1_040m, 20d, 0.0001m),
        new(1_040m, 1_045m, 1_015m, 1_020m, 20d),
    ];
    private static readonly Day[] EthDays =
    [
        new(100m, 100m, 100m, 100m, 3d),
        new(100m, 101m, 89m, 95m, 3d, 0.0002m),
        new(95m, 96m, 94m, 95m, 3d),
    ];
    private static readonly Day[] SolDays =
    [
        new(10m, 10m, 10m, 10m, 0.5d),
        new(10m, 10.5m, 9.8m, 10.2m, 0.5d, -0.0001m),
        new(10.2m, 10.3m, 9.85m, 9.9m, 0.5d),
    ];

    /// <summary>A bar of all three assets, in another order than the plan's (SOL, ETH, BTC): no asset is where the plan has it.</summary>
    private static PlanBar AllThree(int day) => PlanBar.Create(Day0.AddDays(day), [SolDays[day].Of("SOL", day), EthDays[day].Of("ETH", day), BtcDays[day].Of("BTC", day)]);

    // The legs and rules of each asset; the three-asset plan is their union (legs 0 BTC, 1 ETH, 2 SOL).
    private static PlanLeg BtcLeg => new(Btc, 1m, 2m, stop: LegStop.AtAtrMultiple(2.5m));
    private static PlanLeg EthLeg => new(Eth, 1m, 2m, stop: LegStop.AtAtrMultiple(2m), takeProfit: 90m);
    private static PlanLeg SolLeg => new(Sol, 1m, 2m, stop: LegStop.AtDistance(0.1m));
    private static PlanRule SolRule(int leg) => new(PlanCondition.OnAsset("SOL", PlanCondition.BelowMovingAverage(2)), RuleAction.CloseFraction(0.5m, leg), name: "SOL half");
    private static PlanRule BtcSale(string name) => new(PlanCondition.BelowMovingAverage(2), RuleAction.SellSpot(0.5m), name: name);
    private static PlanRule EthSale(bool named) => new(PlanCondition.OnAsset("ETH", PlanCondition.BelowMovingAverage(2)),
        named ? RuleAction.SellSpot(0.5m, "ETH") : RuleAction.SellSpot(0.5m), name: "ETH half");

    private static PlanDefinition ThreeAssets() => PlanDefinition.Create("three",
        [SpotHolding.Create("BTC", 1m, 1_000m), SpotHolding.Create("ETH", 10m, 100m), SpotHolding.Create("SOL", 100m, 10m)],
        [BtcLeg, EthLeg, SolLeg], [SolRule(2), BtcSale("BTC half"), BtcSale("BTC half again"), EthSale(named: true)]);

    private static PlanDefinition BtcOnly() => PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 1_000m)], [BtcLeg], [BtcSale("BTC half"), BtcSale("BTC half again")]);
    private static PlanDefinition EthOnly() => PlanDefinition.Create("eth", [SpotHolding.Create("ETH", 10m, 100m)], [EthLeg], [EthSale(named: false)]);
    private static PlanDefinition SolOnly() => PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 10m)], [SolLeg], [SolRule(0)]);

    private static PlanStepResult[] Run(PlanDefinition plan, Func<int, PlanBar> bar)
    {
        var state = PlanState.Start(plan);
        var steps = new PlanStepResult[3];
        for (int d = 0; d < 3; d++) { steps[d] = state.Step(bar(d)); state = steps[d].State; }
        return steps;
    }

    private static (decimal Realized, decimal Fees, decimal Funding, HedgeExit Exit, decimal? ExitPrice, decimal? Quantity, decimal? Stop) Money(PlanState s, int leg)
    {
        var l = s.Book.Legs[leg];
        return (l.RealizedPnl, l.Fees, l.Funding, l.Exit, l.ExitPrice, l.Position?.Quantity, l.Stop?.Price);
    }

    [Fact]
    public void ThreeIndependentAssets_AreTheSumOfThreeOneAssetPlans_AndTheHandFigures()
    {
        var three = Run(ThreeAssets(), AllThree);
        var btc = Run(BtcOnly(), d => BtcDays[d].Own(d));
        var eth = Run(EthOnly(), d => EthDays[d].Own(d));
        var sol = Run(SolOnly(), d => SolDays[d].Own(d));
        for (int d = 0; d < 3; d++)
        {
            var s = three[d].State;
            Assert.Equal(btc[d].State.Equity + eth[d].State.Equity + sol[d].State.Equity, s.Equity);
            Assert.Equal(btc[d].State.SpotCash + eth[d].State.SpotCash + sol[d].State.SpotCash, s.SpotCash);
            Assert.Equal(Money(btc[d].State, 0), Money(s, 0));
            Assert.Equal(Money(eth[d].State, 0), Money(s, 1));
            Assert.Equal(Money(sol[d].State, 0), Money(s, 2));
            Assert.Equal((btc[d].State.SpotQuantity, eth[d].State.SpotQuantity, sol[d].State.SpotQuantity),
                (s.SpotQuantityOf("BTC"), s.SpotQuantityOf("ETH"), s.SpotQuantityOf("SOL")));
        }

        // By hand. Day 0 (all flat): spot 1 × 1,000 + 10 × 100 + 100 × 10 = 3,000; each leg opens 1:1 at its close, no fees.
        // Stops from each leg's own entry and ATR: BTC 1,000 + 2.5 × 20 = 1,050; ETH 100 + 2 × 3 = 106; SOL 10 × 1.1 = 11.
        var s0 = three[0].State;
        Assert.Equal(3_000m, s0.Equity);
        Assert.Equal((1_050m, 106m, 11m), (s0.Book.Legs[0].Stop!.Price, s0.Book.Legs[1].Stop!.Price, s0.Book.Legs[2].Stop!.Price));
        var traded = three[0].Events.Where(e => e.Kind == PlanEventKind.Traded).ToArray();
        Assert.Equal(new[] { (0, -1, 1m, 1_000m), (1, -1, 10m, 100m), (2, -1, 100m, 10m) }, traded.Select(e => (e.Leg, e.Rule, e.Quantity, e.Price)));
        Assert.EndsWith("BTCUSDT at 1,000 (target ratio 1)", traded[0].Detail, StringComparison.Ordinal);

        // Day 1. Funding at each asset's open mark, only to its own leg: BTC 1 × 1,000 × 0.0001 = 0.1, ETH 10 × 100 × 0.0002
        // = 0.2, SOL 100 × 10 × (−0.0001) = −0.1 (shorts receive a positive rate). BTC reaches 1,060: stopped at 1,050
        // (−50). ETH falls to 89: take-profit at 90 (+100). SOL's 10.5 is below its stop. At the close ETH 95 < SMA(2) 97.5:
        // half the ETH sold, 5 at 95 = 475. Equity = 1,040 + 5 × 95 + 100 × 10.2 + 475 (spot and cash)
        //   + (−50 + 0.1) + (100 + 0.2) + (−0.1 + 100 × (10 − 10.2)) (legs) = 3,010 + 30.2 = 3,040.2.
        var r1 = three[1];
        Assert.Equal(3_040.2m, r1.State.Equity);
        Assert.Equal((0.1m, 0.2m, -0.1m), (r1.State.Book.Legs[0].Funding, r1.State.Book.Legs[1].Funding, r1.State.Book.Legs[2].Funding));
        var stopped = Assert.Single(r1.Events, e => e.Kind == PlanEventKind.Stopped);
        Assert.Equal((0, -1, 1_050m, "leg 0 stopped at 1,050"), (stopped.Leg, stopped.Rule, stopped.Price, stopped.Detail));
        var tp = Assert.Single(r1.Events, e => e.Kind == PlanEventKind.TookProfit);
        Assert.Equal((1, -1, 10m, 90m, "leg 1 took profit at 90"), (tp.Leg, tp.Rule, tp.Quantity, tp.Price, tp.Detail));
        var ethSale = Assert.Single(r1.Events, e => e.Kind == PlanEventKind.SpotTraded);
        Assert.Equal((-1, 3, 5m, 95m), (ethSale.Leg, ethSale.Rule, ethSale.Quantity, ethSale.Price));
        Assert.Equal((0m, 0m, 1m), (r1.State.HeldRatio(0), r1.State.HeldRatio(1), r1.State.HeldRatio(2)));

        // Day 2. SOL 9.9 < SMA(2) 10.05: half of leg 2 closed at SOL's close, 50 × (10 − 9.9) = +5; the leg then holds
        // 1 × (1 − 0.5) = 0.5 of its holding. BTC 1,020 < SMA(2) 1,030 (the window of BTC's closes only): both BTC sales
        // fire, 0.5 then 0.25 of what is left, at 1,020: cash 510 + 255. Equity = 0.25 × 1,020 + 5 × 95 + 100 × 9.9
        //   + (475 + 765) + (−49.9) + 100.2 + (−0.1 + 5 + 50 × (10 − 9.9)) = 2,960 + 60.2 = 3,020.2.
        var r2 = three[2];
        Assert.Equal(3_020.2m, r2.State.Equity);
        Assert.Equal((0.25m, 5m, 100m, 1_240m), (r2.State.SpotQuantityOf("BTC"), r2.State.SpotQuantityOf("ETH"), r2.State.SpotQuantityOf("SOL"), r2.State.SpotCash));
        var partial = Assert.Single(r2.Events, e => e.Kind == PlanEventKind.PartlyClosed);
        Assert.Equal((2, 0, 50m, 9.9m), (partial.Leg, partial.Rule, partial.Quantity, partial.Price));
        Assert.Equal(0.5m, r2.State.HeldRatio(2));
        Assert.Equal(new[] { (-1, 1, 0.5m, 1_020m), (-1, 2, 0.25m, 1_020m) },
            r2.Events.Where(e => e.Kind == PlanEventKind.SpotTraded).Select(e => (e.Leg, e.Rule, e.Quantity, e.Price)));
        // No other stop on day 2: the legs stopped or closed on day 1 were not open at its start.
        Assert.DoesNotContain(r2.Events, e => e.Kind is PlanEventKind.Stopped or PlanEventKind.Liquidated or PlanEventKind.TookProfit);
        // Trades: three openings, the stop, the take-profit, the partial close (spot sales are not leg trades).
        var tally = r2.State.Totals;
        Assert.Equal((6, 1, 0, 1), (tally.Trades, tally.Stops, tally.Liquidations, tally.Partials));
    }

    [Fact]
    public void OneAssetPlan_ReadsItsOwnAssetOnABarOfSeveral_FundingAndAtrIncluded()
    {
        // BTC is the bar's third asset and ETH its second: the plan's funding print and ATR are its own asset's, not the
        // bar's first asset's (SOL: another rate and an ATR of 0.5).
        foreach (var (plan, days) in new[] { (BtcOnly(), BtcDays), (EthOnly(), EthDays), (SolOnly(), SolDays) })
        {
            var own = Run(plan, d => days[d].Own(d));
            var many = Run(plan, AllThree);
            for (int d = 0; d < 3; d++)
            {
                Assert.Equal(own[d].State.Equity, many[d].State.Equity);
                Assert.Equal(Money(own[d].State, 0), Money(many[d].State, 0));
            }
        }
    }

    /// <summary>Daily bar i of one asset (mark = last = spot); open, high and low default to a flat bar at the close.</summary>
    private static PlanBar Bar(int i, decimal close, decimal? open = null, decimal? high = null, decimal? low = null)
    {
        decimal o = open ?? close;
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), o, high ?? Math.Max(o, close), low ?? Math.Min(o, close), close), close);
    }

    private static PlanDefinition OneBtc(PlanLeg[] legs, PlanRule[]? rules = null, PlanReentry? afterExit = null, int rehedgeEveryDays = 0, decimal quantity = 1m) =>
        PlanDefinition.Create("p", [SpotHolding.Create("BTC", quantity, 100m)], legs, rules, afterExit: afterExit, rehedgeEveryDays: rehedgeEveryDays);

    private static List<PlanStepResult> Steps(PlanDefinition plan, params PlanBar[] bars)
    {
        var state = PlanState.Start(plan);
        var steps = new List<PlanStepResult>();
        foreach (var b in bars) { var r = state.Step(b); steps.Add(r); state = r.State; }
        return steps;
    }

    [Fact]
    public void ThreeLegsOfOneSettlementAsset_AreOneLegOfTheirSummedRatio()
    {
        // Legs of 0.2, 0.3 and 0.5 on one contract (fee 0.1 %) are one leg of 1 split in three: quantities 0.2 + 0.3 + 0.5 = 1,
        // fees 0.1 in all. Day 0 at 100: equity 100 − 0.1 = 99.9. Day 1 at 90: spot −10, the short +10: 99.9 again. Each
        // leg's money is counted once (the legs share the USDT sum).
        var fee = Stub.Contract(feeRate: 0.001m);
        var split = Steps(OneBtc([new PlanLeg(fee, 0.2m, 2m), new PlanLeg(fee, 0.3m, 2m), new PlanLeg(fee, 0.5m, 2m)]), Bar(0, 100m), Bar(1, 90m));
        var one = Steps(OneBtc([new PlanLeg(fee, 1m, 2m)]), Bar(0, 100m), Bar(1, 90m));
        Assert.Equal(new[] { 99.9m, 99.9m }, split.Select(r => r.State.Equity));
        Assert.Equal(one.Select(r => r.State.Equity), split.Select(r => r.State.Equity));
    }

    [Fact]
    public void Liquidation_IsNoRulesEvent_AndCounted()
    {
        // A 10x short at 100 on the stub contract (MMR 0.4 %) is liquidated at 100 × 1.1 / 1.004 ≈ 109.56, below day 1's high
        // of 115. The event names the leg and no rule (−1); the run counts one liquidation and two trades (open and exit).
        var steps = Steps(OneBtc([new PlanLeg(Stub.Contract(), 1m, 10m)]), Bar(0, 100m), Bar(1, 100m, high: 115m));
        var e = Assert.Single(steps[1].Events);
        Assert.Equal((PlanEventKind.Liquidated, 0, -1), (e.Kind, e.Leg, e.Rule));
        Assert.StartsWith("leg 0 liquidated at 109.5", e.Detail, StringComparison.Ordinal);
        var tally = steps[1].State.Totals;
        Assert.Equal((2, 1, 0), (tally.Trades, tally.Liquidations, tally.Stops));
    }

    [Fact]
    public void TakeProfit_ReachedExactly_ClosesTheLeg_ShortAndLong()
    {
        // A short's take-profit at 90: day 1's low is exactly 90 — reached; closed at 90 (+10 a BTC). A long's at 110: day 1's
        // high is exactly 110 — closed at 110 (+10). Each leg then holds nothing and the run counts two trades.
        var c = Stub.Contract();
        var shortTp = Steps(OneBtc([new PlanLeg(c, 1m, 2m, takeProfit: 90m)]), Bar(0, 100m), Bar(1, 95m, open: 100m, low: 90m));
        var longTp = Steps(OneBtc([new PlanLeg(c, 1m, 2m, Side.Long, takeProfit: 110m)]), Bar(0, 100m), Bar(1, 105m, open: 100m, high: 110m));
        foreach (var (steps, price) in new[] { (shortTp, 90m), (longTp, 110m) })
        {
            var e = Assert.Single(steps[1].Events);
            Assert.Equal((PlanEventKind.TookProfit, 0, -1, price), (e.Kind, e.Leg, e.Rule, e.Price));
            var s = steps[1].State;
            Assert.Equal((10m, false, 0m, 2), (s.Book.Legs[0].RealizedPnl, s.Book.Legs[0].IsOpen, s.HeldRatio(0), s.Totals.Trades));
        }
    }

    [Fact]
    public void FirstTradeBelowOneLot_HoldsNothing_AndOpensWhenTheTargetReachesALot_ItsRehedgePeriodFromThere()
    {
        // 0.001 BTC hedged 1:1, long, on BTCUSD_PERP (100 USD a contract, lot 1): contracts = 0.001 × price / 100.
        // Day 0 at 60,000: 0.6 → 0 (rounded down): nothing filled, the leg holds ratio 0. Day 1 at 120,000: 1.2 → 1 contract,
        // the same target, so it is the flat leg's retry that opens it; its position counts from day 1. Re-hedged every
        // 2 days: day 2 (at 240,000: 2.4 → 2) is one day after the opening, not due; day 3 is, +1 contract.
        var leg = new PlanLeg(Contract.BinanceCoinMBtcUsd, 1m, 2m, Side.Long);
        var steps = Steps(OneBtc([leg], rehedgeEveryDays: 2, quantity: 0.001m), Bar(0, 60_000m), Bar(1, 120_000m), Bar(2, 240_000m), Bar(3, 240_000m));
        Assert.Empty(steps[0].Events);
        Assert.Equal((false, 0m), (steps[0].State.Book.Legs[0].IsOpen, steps[0].State.HeldRatio(0)));
        var open = Assert.Single(steps[1].Events);
        Assert.Equal((PlanEventKind.Traded, 1m, 120_000m), (open.Kind, open.Quantity, open.Price));
        Assert.Equal(1m, steps[1].State.HeldRatio(0));
        Assert.Empty(steps[2].Events);
        var rehedge = Assert.Single(steps[3].Events);
        Assert.Equal((PlanEventKind.Traded, 1m), (rehedge.Kind, rehedge.Quantity));
        Assert.Equal(2m, steps[3].State.Book.Legs[0].Position!.Quantity);
    }

    [Fact]
    public void CloseFraction_BelowOneLot_FillsNothing_AndIsNoPartialClose()
    {
        // 1 BTC short; closing 0.01 % of it asks for 0.0001 BTC, below the 0.001 lot: the fill is 0, the position stays 1 and
        // no trade or partial close is counted (the event still records the rule, with quantity 0).
        var steps = Steps(OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m)], [new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.CloseFraction(0.0001m))]),
            Bar(0, 100m), Bar(1, 100m));
        var e = Assert.Single(steps[1].Events);
        Assert.Equal((PlanEventKind.PartlyClosed, 0m), (e.Kind, e.Quantity));
        var s = steps[1].State;
        Assert.Equal((1m, 1, 0), (s.Book.Legs[0].Position!.Quantity, s.Totals.Trades, s.Totals.Partials));
    }

    [Fact]
    public void CloseFraction_LowersTheHeldRatio_ByTheFractionClosed()
    {
        // Ratio 0.8 of 1 BTC: 0.8 BTC. Closing a quarter leaves 0.6 BTC, a ratio of 0.8 × (1 − 0.25) = 0.6.
        var steps = Steps(OneBtc([new PlanLeg(Stub.Contract(), 0.8m, 2m)], [new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.CloseFraction(0.25m))]),
            Bar(0, 100m), Bar(1, 100m));
        var s = steps[1].State;
        Assert.Equal((0.6m, 0.6m, 2, 1), (s.Book.Legs[0].Position!.Quantity, s.HeldRatio(0), s.Totals.Trades, s.Totals.Partials));
        Assert.Equal((0, 0, 0.2m, 100m), steps[1].Events.Select(e => (e.Leg, e.Rule, e.Quantity, e.Price)).Single());
    }

    [Fact]
    public void MoveStop_IsARuleFiredEvent_OfItsRuleAndLeg()
    {
        var steps = Steps(OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m, stop: LegStop.AtPrice(110m))],
            [new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.MoveStop(LegStop.AtPrice(120m)), name: "widen")]), Bar(0, 100m), Bar(1, 100m));
        var e = Assert.Single(steps[1].Events);
        Assert.Equal((PlanEventKind.RuleFired, 0, 0, "widen"), (e.Kind, e.Leg, e.Rule, e.Detail));
        Assert.Equal(120m, steps[1].State.Book.Legs[0].Stop!.Price);
    }

    [Fact]
    public void SellSpot_WithNoSpotLeft_IsIdle_NamingTheRule()
    {
        // Day 1 sells all the BTC; day 2's sale finds none: idle, no leg (−1), rule 1, "<name>: no spot held".
        var steps = Steps(OneBtc([], [
                new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.SellSpot(1m), RuleTrigger.Once, "sell all"),
                new PlanRule(PlanCondition.After(TimeSpan.FromDays(2)), RuleAction.SellSpot(0.5m), RuleTrigger.Once, "sell again")]),
            Bar(0, 100m), Bar(1, 100m), Bar(2, 100m));
        var sold = Assert.Single(steps[1].Events);
        Assert.Equal((PlanEventKind.SpotTraded, -1, 0, 1m), (sold.Kind, sold.Leg, sold.Rule, sold.Quantity));
        var idle = Assert.Single(steps[2].Events);
        Assert.Equal((PlanEventKind.RuleIdle, -1, 1, "sell again: no spot held"), (idle.Kind, idle.Leg, idle.Rule, idle.Detail));
        Assert.Equal((0m, 100m), (steps[2].State.SpotQuantity, steps[2].State.SpotCash));
    }

    [Fact]
    public void StopBelowOneTick_IsPlacedOnTheTick()
    {
        // A short's stop at 0.004 rounds toward the entry... to 0 on the 0.01 tick; an exchange takes no trigger of 0, so the
        // order goes at the smallest price it takes, one tick: 0.01.
        var steps = Steps(OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m, stop: LegStop.AtPrice(0.004m))]), Bar(0, 100m));
        Assert.Equal(0.01m, steps[0].State.Book.Legs[0].Stop!.Price);
    }

    [Fact]
    public void MovedStopThatCannotBePlaced_RemovesTheOldOne()
    {
        // A long with a stop at 90; from day 1 its stop is 150 % below the entry, 100 × (1 − 1.5) < 0, which cannot be placed
        // (LegStop.PriceFor): the leg then has no stop, and day 2's fall to 80 does not stop it.
        var steps = Steps(OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m, Side.Long, stop: LegStop.AtPrice(90m))],
                [new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.MoveStop(LegStop.AtDistance(1.5m)), RuleTrigger.Once)]),
            Bar(0, 100m), Bar(1, 100m), Bar(2, 100m, low: 80m));
        Assert.Equal(90m, steps[0].State.Book.Legs[0].Stop!.Price);
        Assert.Null(steps[1].State.Book.Legs[0].Stop);
        Assert.DoesNotContain(steps[2].Events, e => e.Kind == PlanEventKind.Stopped);
        Assert.True(steps[2].State.Book.Legs[0].IsOpen);
    }

    [Fact]
    public void TwoWhileRulesHolding_TheFirstInPlanOrderSetsTheTarget()
    {
        // RuleTrigger.While: "when several hold, the first in the plan's order wins". Both hold from day 1: lower to 0.5 (first)
        // and raise to 1.5: the leg goes to 0.5 BTC.
        var after = PlanCondition.After(TimeSpan.FromDays(1));
        var steps = Steps(OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m)],
            [new PlanRule(after, RuleAction.LowerTo(0.5m), RuleTrigger.While), new PlanRule(after, RuleAction.RaiseTo(1.5m), RuleTrigger.While)]), Bar(0, 100m), Bar(1, 100m));
        Assert.Equal((0.5m, 0.5m), (steps[1].State.Book.Legs[0].Position!.Quantity, steps[1].State.HeldRatio(0)));
    }

    [Fact]
    public void ReentryWhenCondition_IsReadAtLaterCloses_NotAtTheExitBar()
    {
        // PlanReentry.WhenCondition: "re-open at the first later close at which a condition holds". Stopped at 105 on day 1,
        // whose close 104 is ≥ 100 (the condition) — that close is not later than the exit. Day 2 closes at 95: flat.
        // Day 3 at 101: re-opened there.
        var plan = OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m, stop: LegStop.AtPrice(105m))], afterExit: PlanReentry.WhenCondition(PlanCondition.PriceAtOrAbove(100m)));
        var steps = Steps(plan, Bar(0, 100m), Bar(1, 104m, open: 100m, high: 106m), Bar(2, 95m), Bar(3, 101m));
        Assert.Equal(PlanEventKind.Stopped, Assert.Single(steps[1].Events).Kind);
        Assert.False(steps[2].State.Book.Legs[0].IsOpen);
        Assert.Empty(steps[2].Events);
        var reopen = Assert.Single(steps[3].Events);
        Assert.Equal((PlanEventKind.Traded, 101m), (reopen.Kind, reopen.Price));
    }

    [Fact]
    public void ALegTradeBeyondTheContractsTiers_IsThePlansError_WithTheLegTheSizeAndTheBar()
    {
        // The stub's one tier ends at a notional of 1,000,000,000 USDT; 20,000,000 BTC at 100 is twice that.
        var plan = OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m)], quantity: 20_000_000m);
        var e = Assert.ThrowsAny<ArgumentException>(() => PlanState.Start(plan).Step(Bar(0, 100m)));
        Assert.Equal("plan", e.ParamName);
        Assert.StartsWith("Leg 0 of the plan cannot trade to 20000000", e.Message, StringComparison.Ordinal);
        Assert.Contains("STUBUSDT at 100 on the bar closing 2025-01-02 00:00 UTC: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadBars_AreRefusedByName_WithWhatIsWrong()
    {
        var plan = OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m)]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PlanState.Start(plan).Step(default));
        Assert.Equal("bar", e.ParamName);
        Assert.Contains("must be created with PlanBar.Create (default(PlanBar) is not a bar)", e.Message, StringComparison.Ordinal);
        // Day 1's bar after day 2's: it opens before the previous bar closed.
        var s = PlanState.Start(plan).Step(Bar(2, 100m)).State;
        e = Assert.Throws<ArgumentOutOfRangeException>(() => s.Step(Bar(1, 100m)));
        Assert.Equal("bar", e.ParamName);
        Assert.Contains("must open at or after the previous bar's close", e.Message, StringComparison.Ordinal);
        // A bar that opens exactly at the previous close is the next bar.
        Assert.Equal(2, s.Step(Bar(3, 100m)).State.Bars);

        // A plan over several assets: the bar's and the plan's assets listed, comma separated.
        var three = ThreeAssets();
        var a = Assert.Throws<ArgumentException>(() => PlanState.Start(three).Step(Bar(0, 100m)));
        Assert.Contains("carries one asset's prices, but the plan runs on BTC, ETH, SOL: create it with PlanBar.Create(opens, assets)", a.Message, StringComparison.Ordinal);
        a = Assert.Throws<ArgumentException>(() => PlanState.Start(three).Step(PlanBar.Create(Day0, [SolDays[0].Of("SOL", 0), BtcDays[0].Of("BTC", 0)])));
        Assert.Equal("bar", a.ParamName);
        Assert.Contains("has no prices for ETH (it carries SOL, BTC; the plan runs on BTC, ETH, SOL)", a.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossLegOfAPlanOverTwoAssets_LiquidatedAtAGap_LosesTheWholeWalletAndNoMore()
    {
        // 100 SOL at 1 hedged by value with a cross short on the stub BTC contract (fee 0.1 %): 100 / 100 = 1 BTC at 100, fee
        // 0.1 from the 10 USDT wallet (9.9). Day 1 BTC opens at 120, beyond the account's liquidation price
        // ((9.9 + 100) / 1.004 ≈ 109.46): liquidated at 120, PnL −20; the account forfeits its margin balance there,
        // 9.9 − 20 = −10.1. The hedge's money at each leg's own close: −20 − 0.1 − (−10.1) = −10, the wallet and no more;
        // BTC closes at 100, SOL stays at 1: equity 100 − 10 = 90 (PlanBookMoneyTests has the one-asset case).
        var plan = PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 1m)],
            [new PlanLeg(Stub.Contract(feeRate: 0.001m), 1m, 1m, mode: MarginMode.Cross) { Hedges = "SOL" }], crossWallet: 10m);
        PlanBar Bar2(int d, decimal btcOpen)
        {
            var t = Day0.AddDays(d);
            return PlanBar.Create(t, [PlanBar.OfAsset("SOL", PriceBar.Create(t.AddDays(1), 1m, 1m, 1m, 1m), 1m),
                PlanBar.OfAsset("BTC", PriceBar.Create(t.AddDays(1), btcOpen, Math.Max(btcOpen, 100m), 100m, 100m), 100m)]);
        }
        var s0 = PlanState.Start(plan).Step(Bar2(0, 100m)).State;
        Assert.Equal((1m, 99.9m), (s0.Book.Legs[0].Position!.Quantity, s0.Equity));
        var r1 = s0.Step(Bar2(1, 120m));
        Assert.Equal((PlanEventKind.Liquidated, 120m), (Assert.Single(r1.Events).Kind, r1.Events[0].Price));
        Assert.Equal(-10.1m, r1.State.Book.CrossMarginLost["USDT"]);
        Assert.Equal(90m, r1.State.Equity);
    }

    [Fact]
    public void BookCoreFund_ADefaultPrint_IsRefusedByName()
    {
        // PlanBar.Create refuses a default(FundingPrint) before a bar reaches the book; the book's own check still names it.
        var state = Steps(OneBtc([new PlanLeg(Stub.Contract(), 1m, 2m)]), Bar(0, 100m))[0].State;
        var book = new BookCore(state.Book);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => book.Fund(default));
        Assert.Equal("print", e.ParamName);
    }
}
