using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The history clock over several assets prices each bar's funding print as the one-asset clock does: at the opening
/// mark, which is the spot candle's open with <see cref="TriggerPrice.Mark"/> and the perpetual's with
/// <see cref="TriggerPrice.Last"/> (the mutation run of this session found that no multi-asset test told the two apart).
/// </summary>
public class PlanMultiAssetFundingMarkTests
{
    /// <summary>The synthetic BTC history of the hand calculation (spot flat at 100, the perpetual 100, 103, 110, 106) and a flat second asset.</summary>
    private static Dictionary<string, MarketHistory> Markets()
    {
        var d0 = new DateOnly(2024, 1, 1);
        var flat = Enumerable.Range(0, 4).Select(i => new Candle(d0.AddDays(i), 50m, 50m, 50m, 50m, 1m)).ToArray();
        var noFunding = Enumerable.Range(0, 12).Select(i => new FundingEvent(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(8 * i), 0m)).ToArray();
        return new() { ["BTC"] = ReplayHandCalculationTests.Synthetic(), ["ETH"] = MarketHistory.Align(flat, flat, noFunding) };
    }

    private static PlanDefinition Plan() => PlanDefinition.Create("btc hedged, eth held",
        [SpotHolding.Create("BTC", 1m, 100m), SpotHolding.Create("ETH", 2m, 50m)],
        [new PlanLeg(Stub.Contract(feeRate: 0.001m), 1m, 1m, stop: LegStop.AtDistance(0.10m))], afterExit: PlanReentry.NextBar);

    [Fact]
    public void MarkIsLast_FundsAtThePerpetualsOpen_AndStopsOnIt()
    {
        // ReplayTests.Replay_StopHitIntraday_HandCalculated, one unit short at 1x, 0.01 % per 8 h (0.03 % a day):
        // day 1 at the perpetual's open 100: 1·100·0.0003 = 0.03; day 2 at its open 103: 0.0309; the stop at 110 is hit
        // on day 2 (high 112) and the leg re-opens on day 3 at 106, after that day's print. Total 0.0609, one stop.
        var run = PlanHistory.Run(Markets(), Plan(), mark: TriggerPrice.Last);
        Assert.Equal(0.0609m, run.TotalFunding);
        Assert.Equal(1, run.StopsHit);
    }

    [Fact]
    public void MarkIsMark_FundsAtTheSpotOpen_AndTheFlatMarkNeverStops()
    {
        // The mark is the spot candle (flat at 100): 0.03 on each of days 1, 2 and 3 = 0.09; the stop at 110 watches the
        // mark, which never moves, so the leg stays open.
        var run = PlanHistory.Run(Markets(), Plan(), mark: TriggerPrice.Mark);
        Assert.Equal(0.09m, run.TotalFunding);
        Assert.Equal(0, run.StopsHit);
    }
}
