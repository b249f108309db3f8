using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The history clock's report (<see cref="PlanHistory.Run"/>) on three daily candles by hand (issue 29, plan
/// evaluator): a 1:1 short on BTCUSDT (taker 0.05 %) opened at the first close, a quiet day that pays one funding print,
/// a day that reaches its 5 % stop; each count and sum of the report, and the inputs the clock rejects.
/// </summary>
public class PlanHistoryReportTests
{
    private static readonly DateOnly Day0 = new(2025, 1, 1);
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Candle Day(int d, decimal o, decimal h, decimal l, decimal c) => new(Day0.AddDays(d), o, h, l, c, 1m);

    private static readonly Candle[] Candles =
        [Day(0, 50_000m, 50_000m, 50_000m, 50_000m), Day(1, 50_000m, 50_000m, 50_000m, 50_000m), Day(2, 50_000m, 53_000m, 50_000m, 52_000m)];

    // One print inside day 1 (08:00, +0.01 %), zero prints at the window's ends.
    private static readonly FundingEvent[] Funding = [new(T0, 0m), new(T0.AddDays(1).AddHours(8), 0.0001m), new(T0.AddDays(2), 0m)];

    private static PlanDefinition Plan() =>
        PlanDefinition.Create("stop5", [SpotHolding.Create("BTC", 1m, 50_000m)], [new PlanLeg(Contract.BinanceBtcUsdt, 1m, 1m, stop: LegStop.AtDistance(0.05m))]);

    [Fact]
    public void Report_CountsAndSums_ByHand()
    {
        // Day 0: short 1 at 50,000, open fee 25. Day 1: held through; the print pays the short 1 × 50,000 × 0.0001 = 5.
        // Day 2: the high 53,000 reaches the stop 52,500: PnL 1 × (50,000 − 52,500) = −2,500, close fee 26.25.
        var run = PlanHistory.Run(MarketHistory.Align(Candles, Candles, Funding), Plan());
        var r = run;
        Assert.Equal((2, 1, 0, 0, 1), (r.Trades, r.StopsHit, r.Liquidations, r.PartialCloses, r.DaysHedged));
        Assert.Equal((-2_500m, 51.25m, 5m), (r.FuturesPnl, r.TotalFees, r.TotalFunding));
        Assert.Equal((-2_500m, 51.25m, 5m), (r.FuturesPnlInSettlement, r.FeesInSettlement, r.FundingInSettlement));
        Assert.Equal(-2_546.25m, r.HedgeNet); // −2,500 − 51.25 + 5: the hedge's own result
        Assert.Equal(0m, r.LotRounding);
        Assert.Equal(("stop5", "USDT", "USDT", 1m), (r.Policy, r.SettlementAsset, r.QuoteAsset, r.SpotQuantity));
        Assert.Equal(new[] { 1m, 1m, 0m }, r.HedgeRatios.ToArray());
        // Equity: the spot plus the leg's money; at the end 52,000 − 2,500 − 51.25 + 5 = 49,453.75.
        Assert.Equal(new[] { 50_000m - 25m, 50_000m - 25m + 5m, 49_453.75m }, r.HedgedEquity.ToArray());
        Assert.Equal(new[] { 50_000m, 50_000m, 52_000m }, r.UnhedgedEquity.ToArray());
        Assert.Equal([PlanEventKind.Traded, PlanEventKind.Stopped], run.Events.Select(e => e.Kind));
        Assert.Equal(3, run.Final.Bars);
    }

    [Fact]
    public void Status_AtTheLastBar_StopDistanceByHand_AndTheNowClocks()
    {
        // Day 2 closes at 51,000 without reaching the short's stop (entry 50,000 + 5 % = 52,500): the stop is
        // 52,500 − 51,000 = 1,500 away, 1,500 / 51,000 of the close the stop watches (the mark: the spot close).
        Candle[] quiet = [Candles[0], Candles[1], Day(2, 50_000m, 51_000m, 50_000m, 51_000m)];
        var history = MarketHistory.Align(quiet, quiet, Funding);
        var run = PlanHistory.Run(history, Plan());
        var status = run.Status();
        var leg = Assert.Single(status.Legs);
        Assert.Equal(52_500m, leg.StopPrice);
        Assert.Equal(1_500m, leg.DistanceToStop);
        Assert.Equal(1_500m / 51_000m, leg.DistanceToStopFraction);
        Assert.Same(run.Final, status.State);
        // The same figures as the now clock over the same history (which replays it again).
        var now = PlanHistory.Now(history, Plan());
        Assert.Equal(now.Legs[0].DistanceToStopFraction, leg.DistanceToStopFraction);
        Assert.Equal(now.Legs[0].LiquidationPrice, leg.LiquidationPrice);
        Assert.Equal(now.Time, status.Time);
        // A long's stop is below: the adverse move is close − stop.
        var longPlan = PlanDefinition.Create("long", [SpotHolding.Create("BTC", 1m, 50_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 1m, 1m, Side.Long, stop: LegStop.AtDistance(0.05m))]);
        var longLeg = PlanHistory.Run(history, longPlan).Status().Legs[0];
        Assert.Equal(47_500m, longLeg.StopPrice);
        Assert.Equal(3_500m / 51_000m, longLeg.DistanceToStopFraction); // (51,000 − 47,500) / 51,000
    }

    [Fact]
    public void BadInput_Messages()
    {
        var history = MarketHistory.Align(Candles, Candles, Funding);
        var one = MarketHistory.Align(Candles[..1], Candles[..1], [new FundingEvent(T0, 0m)]);
        Assert.Contains("at least 2 bars; got 1", BadInput.Throws("history", () => PlanHistory.Run(one, Plan())).Message);
        // A plan without legs is a spot plan (issue 28 item 3): it runs, holding its 1 BTC to the last close.
        var spot = PlanHistory.Run(history, PlanDefinition.Create("none", [SpotHolding.Create("BTC", 1m, 50_000m)], []));
        Assert.Equal(Candles[^1].Close, spot.Final.Equity);
        Assert.Contains("at least 2 candles; got 1", BadInput.Throws("candles", () => PlanHistory.Now(Plan(), Candles[..1])).Message);
        BadInput.Throws("mark", () => PlanHistory.Run(history, Plan(), mark: (TriggerPrice)9));
    }
}
