using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The history clock (<see cref="PlanHistory"/>, one <see cref="PlanState.Step"/> per bar) reproduces the published replay
/// numbers: the frozen values of docs/scenarios.md and ReplayHandCalculationTests, and the figures of the removed
/// <c>HistoricalReplay</c> and <c>PlanReplay</c> on the real BTC history (frozen at their removal, commit c1588cb, where the
/// two paths were asserted equal bar for bar).
/// </summary>
public class PlanHistoryTests
{
    private static MarketHistory Btc => ReplayTests.Btc.Value;
    private static readonly SpotHolding OneBtc = SpotHolding.Create("BTC", 1m, 29_000m);

    private static PlanDefinition Plan(decimal ratio, decimal leverage, Contract contract, IEnumerable<PlanRule>? rules = null, LegStop? stop = null,
        int rehedgeEveryDays = 0, decimal quantity = 1m) =>
        PlanDefinition.Create("test", [SpotHolding.Create("BTC", quantity, 29_000m)], [new PlanLeg(contract, ratio, leverage, stop: stop)], rules,
            afterExit: PlanReentry.NextBar, rehedgeEveryDays: rehedgeEveryDays);

    internal static void SameReplay(ReplayResult expected, ReplayResult actual)
    {
        Same("hedged", expected.HedgedEquity, actual.HedgedEquity);
        Same("unhedged", expected.UnhedgedEquity, actual.UnhedgedEquity);
        Same("ratio", expected.HedgeRatios, actual.HedgeRatios);
        Assert.Equal(expected.TotalFunding, actual.TotalFunding);
        Assert.Equal(expected.TotalFees, actual.TotalFees);
        Assert.Equal(expected.FuturesPnl, actual.FuturesPnl);
        Assert.Equal(expected.FundingInSettlement, actual.FundingInSettlement);
        Assert.Equal(expected.Trades, actual.Trades);
        Assert.Equal(expected.Liquidations, actual.Liquidations);
        Assert.Equal(expected.StopsHit, actual.StopsHit);
        Assert.Equal(expected.PartialCloses, actual.PartialCloses);
        Assert.Equal(expected.DaysHedged, actual.DaysHedged);
        Assert.Equal(expected.LotRounding, actual.LotRounding);
        Assert.Equal(expected.Hedged.MaxDrawdown, actual.Hedged.MaxDrawdown);
        Assert.Equal(expected.Hedged.AnnualizedVolatility, actual.Hedged.AnnualizedVolatility);
    }

    /// <summary>The figures a removed replay gave for a run, frozen at its removal: hedged final equity, funding and fees (to 6 decimals), trades, liquidations, stops hit, partial closes, days hedged.</summary>
    internal static void Frozen(ReplayResult r, decimal finalEquity, decimal funding, decimal fees, int trades, int liquidations, int stops, int partials, int daysHedged)
    {
        Assert.Equal(finalEquity, Math.Round(r.Hedged.FinalEquity, 6));
        Assert.Equal(funding, Math.Round(r.TotalFunding, 6));
        Assert.Equal(fees, Math.Round(r.TotalFees, 6));
        Assert.Equal((trades, liquidations, stops, partials, daysHedged), (r.Trades, r.Liquidations, r.StopsHit, r.PartialCloses, r.DaysHedged));
    }

    private static void Same(string what, IReadOnlyList<decimal> expected, IReadOnlyList<decimal> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        int d = Enumerable.Range(0, expected.Count).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(d < 0, d < 0 ? "" : $"{what} at bar {d}: {expected[d]} vs {actual[d]}");
    }

    [Fact]
    public void StaticHalfHedge_ReproducesTheDocsHeadlineRow()
    {
        // docs/scenarios.md, "Historical replay": static 50 % at 2x on Binance BTCUSDT, re-hedged every 30 days (frozen
        // values of ScenariosDocsTests, which checks them against a naive recomputation).
        var r = PlanHistory.Run(Btc, Plan(0.5m, 2m, Contract.BinanceBtcUsdt, rehedgeEveryDays: 30));
        Assert.Equal(61_781.73m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(62_887.88m, r.Unhedged.FinalEquity);
        Assert.Equal(16_531.00m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(61.00m, Math.Round(r.TotalFees, 2));
        Assert.Equal(3, r.Liquidations);
        Assert.Equal(7, r.Trades);
        Assert.Equal(0.4356, Math.Round(r.Hedged.MaxDrawdown, 4));
        Assert.Equal(0.2890, Math.Round(r.Hedged.AnnualizedVolatility, 4));
        var last = PlanHistory.Run(Btc, Plan(0.5m, 2m, Contract.BinanceBtcUsdt, rehedgeEveryDays: 30), mark: TriggerPrice.Last);
        Assert.Equal(61_788.84m, Math.Round(last.Hedged.FinalEquity, 2));
    }

    [Fact]
    public void SignalDrivenPlan_ReproducesTheDocsHeadlineRow_WithConfluenceConditions()
    {
        // docs/scenarios.md's signal-driven policy written as plan rules: 25 % by default; 0 while the confluence says
        // lower the hedge (first: it wins); 75 % while it says scale out or raise the hedge.
        var rules = new[]
        {
            new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge), RuleAction.LowerTo(0m), RuleTrigger.While),
            new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.ScaleOut, SuggestedAction.RaiseHedge), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
        };
        var r = PlanHistory.Run(Btc, Plan(0.25m, 2m, Contract.BinanceBtcUsdt, rules, rehedgeEveryDays: 30));
        Assert.Equal(54_454.82m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(11_268.43m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(1_326.74m, Math.Round(r.TotalFees, 2));
        Assert.Equal(1, r.Liquidations);
        Assert.Equal(116, r.Trades);
        Assert.Equal(0.5974, Math.Round(r.Hedged.MaxDrawdown, 4));
        Assert.Equal(0.4385, Math.Round(r.Hedged.AnnualizedVolatility, 4));
    }

    [Fact]
    public void StopHitIntraday_ReproducesTheHandCalculation()
    {
        // ReplayHandCalculationTests.Replay_StopHitIntraday_HandCalculated: static full hedge at 1x, stop 10 % above
        // entry, fee 0.1 %, funding 0.01 % per 8h, mark = the perpetual:
        // 100 − 0.1 = 99.9; 100 − 0.07 − 3 = 96.93; stopped at 110: 89.8509; re-opened at 106: 89.7449.
        var h = ReplayHandCalculationTests.Synthetic();
        var plan = Plan(1m, 1m, Stub.Contract(feeRate: 0.001m), stop: LegStop.AtDistance(0.10m));
        var run = PlanHistory.Run(h, plan, mark: TriggerPrice.Last);
        Assert.Equal([99.9m, 96.93m, 89.8509m, 89.7449m], run.HedgedEquity.ToArray());
        Assert.Equal(0.0609m, run.TotalFunding);
        Assert.Equal(0.316m, run.TotalFees);
        Assert.Equal(1, run.StopsHit);
        Assert.Equal(3, run.Trades);
        // The events say so, in order: open, stop, re-open.
        Assert.Equal([PlanEventKind.Traded, PlanEventKind.Stopped, PlanEventKind.Traded], run.Events.Select(e => e.Kind));
        Assert.Equal(110m, run.Events[1].Price);
    }

    [Fact]
    public void StopHitIntraday_StayFlatByDefault_DoesNotReopen()
    {
        // The default after a stop is to stay flat: the day-3 re-open of the hand calculation does not happen, so the
        // last equity is day 2's 89.8509 (spot is flat at 100, nothing else moves).
        var plan = PlanDefinition.Create("flat", [OneBtc], [new PlanLeg(Stub.Contract(feeRate: 0.001m), 1m, 1m, stop: LegStop.AtDistance(0.10m))]);
        var run = PlanHistory.Run(ReplayHandCalculationTests.Synthetic(), plan, mark: TriggerPrice.Last);
        Assert.Equal([99.9m, 96.93m, 89.8509m, 89.8509m], run.HedgedEquity.ToArray());
        Assert.Equal(0m, run.Final.HeldRatio(0));
    }

    [Fact]
    public void TrendLevelWithStop_ReproducesTheOldReplay()
    {
        // ReplayTests' trend policy (50 % while the close is below its 50-day SMA, 3x) with a tight 5 % stop, so stops are hit and re-opened.
        var contract = Stub.Contract(feeRate: 0.0005m);
        var plan = Plan(0m, 3m, contract, [new PlanRule(PlanCondition.BelowMovingAverage(50), RuleAction.RaiseTo(0.5m), RuleTrigger.While)],
            LegStop.AtDistance(0.05m), quantity: 2m);
        var r = PlanHistory.Run(Btc, plan);
        Frozen(r, 173_806.706084m, 6_660.297689m, 3_729.101605m, trades: 127, liquidations: 0, stops: 15, partials: 0, daysHedged: 961);
        Assert.Equal(45_099.75m, r.FuturesPnl);
    }

    [Fact]
    public void DrawdownRemovalAndDropReduction_ReproducesTheOldReplay()
    {
        // Removal while 20 % below the 30-day high wins over a raise to 80 % while 10 % above 10 days ago; close half the
        // hedge once per position when the price is 10 % below its entry; inverse-free, 2x, stop 25 %.
        var c = Contract.BinanceBtcUsdt;
        var rules = new[]
        {
            new PlanRule(PlanCondition.DrawdownFromHigh(0.20m, 30), RuleAction.LowerTo(0m), RuleTrigger.While),
            new PlanRule(PlanCondition.RiseOver(0.10m, 10), RuleAction.RaiseTo(0.8m), RuleTrigger.While),
            new PlanRule(PlanCondition.BelowEntry(0.10m), RuleAction.CloseFraction(0.5m), RuleTrigger.OncePerPosition),
        };
        var run = PlanHistory.Run(Btc, Plan(0.5m, 2m, c, rules, LegStop.AtDistance(0.25m)));
        Frozen(run, 49_739.545406m, 17_924.313978m, 2_124.771572m, trades: 219, liquidations: 0, stops: 12, partials: 20, daysHedged: 1818);
        Assert.Equal(20, run.Events.Count(e => e.Kind == PlanEventKind.PartlyClosed && e.Quantity > 0m));
    }

    [Fact]
    public void InverseWeeklyRehedge_ReproducesTheOldReplay()
    {
        var c = Contract.BinanceCoinMBtcUsd;
        var r = PlanHistory.Run(Btc, Plan(0.5m, 2m, c, stop: LegStop.AtDistance(0.3m), rehedgeEveryDays: 7));
        Frozen(r, 89_637.328844m, 18_311.151490m, 462.065832m, trades: 294, liquidations: 0, stops: 7, partials: 0, daysHedged: 2023);
        Assert.Equal(-141.78135m, r.LotRounding); // the coin-margined hedge is re-sized every week
    }

    [Fact]
    public void HedgePlanWithRules_ReproducesTheOldPlanReplay()
    {
        var signals = SignalSeries.FromCandles(TestData.Candles("btcusdt_spot_daily.csv"));
        var plan = HedgePlan.Create(OneBtc, 0.5m, Contract.BinanceBtcUsdt, 2m, 29_337.16m).WithStop(LegStop.AtPrice(36_000m));
        // The old plan's removal rules (price at or below 20,000; after 1,500 days) and raise rule (0.75 while RSI is extreme).
        PlanRule[] rules =
        [
            new(PlanCondition.PriceAtOrBelow(20_000m), RuleAction.Remove(), RuleTrigger.Once),
            new(PlanCondition.After(TimeSpan.FromDays(1500)), RuleAction.Remove(), RuleTrigger.Once),
            new(PlanCondition.Signal("rsi-extreme"), RuleAction.RaiseTo(0.75m), RuleTrigger.While),
        ];
        var run = PlanHistory.Run(Btc, PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.NextBar, stopFollowsEntry: true), signals);
        Frozen(run, 77_847.117325m, 8_027.505328m, 107.390504m, trades: 10, liquidations: 0, stops: 3, partials: 0, daysHedged: 527);
        // The old replay removed the hedge on 2022-06-18 (one event, the day before its bar closes).
        var removal = Assert.Single(run.Events, e => e.Kind == PlanEventKind.RuleFired && run.Final.Plan.Rules[e.Rule].Action.Kind == RuleActionKind.Remove);
        Assert.Equal(new DateOnly(2022, 6, 18), DateOnly.FromDateTime(removal.Time.AddDays(-1).UtcDateTime));
    }

    [Fact]
    public void SignalsComputedInside_AreTheGivenSeries_AndTheLastBarKeepsItsOwnPrint()
    {
        // The signals Run computes from the history's spot candles are bar t's at index t (no date lookup): the same run as
        // with the series given (matched by date), bar for bar.
        PlanRule[] rules = [new(PlanCondition.Signal(SignalKinds.RsiExtreme), RuleAction.RaiseTo(0.75m), RuleTrigger.While)];
        var plan = Plan(0.5m, 2m, Contract.BinanceBtcUsdt, rules);
        var inside = PlanHistory.Run(Btc, plan);
        var given = PlanHistory.Run(Btc, plan, SignalSeries.FromCandles(Btc.Spot));
        SameReplay(given, inside);
        Assert.Equal(given.Events.Length, inside.Events.Length);
        // The series built inside (rented arrays, given back at the run's end) is FromCandles', bit for bit, on the history's bars.
        var reference = SignalSeries.FromCandles(Btc.Spot);
        var own = SignalSeries.RentFromHistoryCandles(Btc.Spot, Btc.Dates, Btc.Times, null);
        try
        {
            Assert.Equal(reference.Dates.ToArray(), own.Dates.ToArray());
            Assert.Equal(reference.Timestamps.ToArray(), own.Timestamps.ToArray());
            Assert.True(own.Count >= reference.Count);
            Assert.Equal(reference.Active.ToArray(), own.Active.AsSpan(0, reference.Count).ToArray());
            Assert.Equal(reference.Close.ToArray(), own.Close.AsSpan(0, reference.Count).ToArray());
            Assert.Equal(reference.Resistance.ToArray(), own.Resistance.AsSpan(0, reference.Count).ToArray());
            Assert.Equal(reference.Support.ToArray(), own.Support.AsSpan(0, reference.Count).ToArray());
        }
        finally { own.ReturnRented(); }
        // The last bar, kept for the status, holds a copy of its signal set (no reference to the rented arrays): what the
        // rules read, the reference's last bar's.
        var kept = inside.LastBar.Signals;
        var latest = reference.Latest;
        Assert.NotSame(own, kept.Series);
        Assert.Equal(Btc.Spot[^1].Date, kept.Date);
        Assert.Equal(Btc.Spot[^1].Timestamp, kept.Timestamp);
        Assert.Equal((latest.Close, latest.Active, latest.Fired, latest.Resistance, latest.Support, latest.Confluence.Action),
            (kept.Close, kept.Active, kept.Fired, kept.Resistance, kept.Support, kept.Confluence.Action));
        // Each bar's print is written into one reused array; the last bar (kept for the status) holds its own: the last
        // bar's summed rate at its opening mark (the spot candle's open), stamped at the open.
        var print = Assert.Single(inside.LastBar.Funding);
        Assert.Equal(Btc.DailyFunding[^1], print.Rate);
        Assert.Equal(Btc.Spot[^1].Open, print.MarkPrice);
        Assert.Equal(Btc.Times[^1], print.Time);
        var last = PlanHistory.Run(Btc, plan, mark: TriggerPrice.Last);
        Assert.Equal(Btc.Perp[^1].Open, Assert.Single(last.LastBar.Funding).MarkPrice);
    }

    [Fact]
    public void BadInput_NamesTheParameter()
    {
        // A plan without legs is a spot plan: it runs (nothing to trade here, so its equity is the unhedged holding's).
        var spotOnly = PlanHistory.Run(Btc, PlanDefinition.Create("spot only", [OneBtc], []));
        Assert.Equal(spotOnly.UnhedgedEquity.ToArray(), spotOnly.HedgedEquity.ToArray());
        var h2 = MarketHistory.Align(TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"),
            TestData.Funding("btcusdt_funding_8h.csv"), new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 1));
        BadInput.Throws("history", () => PlanHistory.Run(h2, Plan(0.5m, 2m, Contract.BinanceBtcUsdt)));
        Assert.Throws<ArgumentNullException>(() => PlanHistory.Run(Btc, null!));
    }
}
