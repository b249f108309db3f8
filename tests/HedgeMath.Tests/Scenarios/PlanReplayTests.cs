// Exercises obsolete API on purpose: frozen numbers of the retired PlanReplay (issue 28): they prove the old path until it goes.
#pragma warning disable CS0618
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>A hedge plan evaluated with its rules over the real BTC history (signals → remove / raise), on HistoricalReplay.</summary>
public class PlanReplayTests
{
    private static MarketHistory History => ReplayTests.Btc.Value;

    private static HedgePlan Plan(decimal ratio = 0.5m) =>
        HedgePlan.Create(SpotHolding.Create("BTC", 1m, 29_000m), ratio, Contracts.BinanceBtcUsdt, 2m, 29_337.16m);

    [Fact]
    public void NoRules_SameAsStaticReplay()
    {
        var plan = Plan();
        var r = PlanReplay.Run(History, plan);
        var expected = HistoricalReplay.Run(History, HedgePolicy.Static(0.5m, 2m, Contracts.BinanceBtcUsdt), 1m);
        int diff = Enumerable.Range(0, expected.HedgedEquity.Length).FirstOrDefault(i => expected.HedgedEquity[i] != r.Replay.HedgedEquity[i], -1);
        Assert.True(diff < 0, $"day {diff}: {(diff >= 0 ? expected.HedgedEquity[diff] + " vs " + r.Replay.HedgedEquity[diff] + " " + expected.HedgeRatios[diff] + "/" + r.Replay.HedgeRatios[diff] : "")}");
        Assert.Null(r.RemovedOn);
        Assert.All(r.Actions, a => Assert.Equal(PlanAction.Keep, a));
    }

    [Fact]
    public void PriceRemoval_FiresOnTheFirstCloseAtOrBelow_AndStaysOff()
    {
        var plan = Plan().WithRemovalRules(RemovalRule.PriceAtOrBelow(30_000m));
        var r = PlanReplay.Run(History, plan);
        // Independently: the first day whose spot close is ≤ 30,000 (2021-01-21 in btcusdt_spot_daily.csv).
        int first = Enumerable.Range(0, History.Length).First(t => History.Spot[t].Close <= 30_000m);
        Assert.Equal(History.Dates[first], r.RemovedOn);
        Assert.IsType<PriceLevelRemoval>(r.RemovedBy);
        Assert.All(r.Replay.HedgeRatios.Skip(first), x => Assert.Equal(0m, x));
        Assert.All(r.Actions.Skip(first), a => Assert.Equal(PlanAction.Remove, a));
    }

    [Fact]
    public void RsiExtremeRaise_OnExactlyTheDaysTheSignalIsActive()
    {
        // Signals over the whole spot series (no warm-up inside the window), matched by date.
        var signals = SignalSeries.FromCandles(TestData.Candles("btcusdt_spot_daily.csv"));
        var plan = Plan().WithRaiseRules(RaiseRule.WhenSignal("rsi-extreme", 0.75m));
        var r = PlanReplay.Run(History, plan, signals);
        var byDate = Enumerable.Range(0, signals.Count).ToDictionary(i => signals.Dates[i]);
        var expected = History.Dates.Select(d => signals[byDate[d]].IsActive(SignalKinds.RsiExtreme)).ToArray();
        Assert.Equal(expected, r.Actions.Select(a => a == PlanAction.Raise));
        Assert.True(r.DaysRaised > 0);
        Assert.Equal(expected.Count(x => x), r.DaysRaised);
    }

    [Fact]
    public void BadInput_NamesThePlan()
    {
        var cross = HedgePlan.Create(SpotHolding.Create("SOL", 100m, 150m), 0.5m, Contracts.BinanceBtcUsdt, 2m, 150m, new HedgePlanOptions { FuturesPrice = 50_000m });
        BadInput.Throws("plan", () => PlanReplay.Run(History, cross));
        BadInput.Throws("signals", () => PlanReplay.Run(History, Plan(), SignalSeries.FromCloses([1, 2, 3])));
        Assert.Throws<ArgumentNullException>(() => PlanReplay.Run(History, null!));
    }
}
