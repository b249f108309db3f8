using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The backtest on the history clock: the numbers published with the removed <c>HistoricalReplay</c> (issue 28), asserted on
/// its replacement, the plan templates on <see cref="PlanHistory.Run"/>.
/// </summary>
public class ReplayTests
{
    internal static readonly Lazy<MarketHistory> Btc = new(() => MarketHistory.Align(
        TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"), TestData.Funding("btcusdt_funding_8h.csv")));

    /// <summary>
    /// The removed <c>HistoricalReplay.Run(history, HedgePolicy.Static(ratio, leverage, contract, stopDistance, rehedgeEveryDays), quantity, mark)</c>
    /// as its replacement runs it: <see cref="PlanDefinition.StaticHedge"/> on <paramref name="quantity"/> of the contract's
    /// base asset (bought at the first close) on <see cref="PlanHistory.Run"/>.
    /// </summary>
    internal static ReplayResult Static(MarketHistory history, decimal ratio, decimal leverage, Contract contract, decimal? stopDistance = null,
        int rehedgeEveryDays = 0, decimal quantity = 1m, TriggerPrice mark = TriggerPrice.Mark) =>
        PlanHistory.Run(history, StaticPlan(history, ratio, leverage, contract, stopDistance, rehedgeEveryDays, quantity), mark: mark);

    /// <summary>The plan of <see cref="Static"/>.</summary>
    internal static PlanDefinition StaticPlan(MarketHistory history, decimal ratio, decimal leverage, Contract contract, decimal? stopDistance = null,
        int rehedgeEveryDays = 0, decimal quantity = 1m) =>
        PlanDefinition.StaticHedge(SpotHolding.Create(contract.BaseAsset, quantity, history.Spot[0].Close, contract.QuoteAsset),
            new PlanLeg(contract, ratio, leverage, stop: stopDistance is { } d ? LegStop.AtDistance(d) : null), rehedgeEveryDays);

    [Fact]
    public void Align_RealBtc_Covers2038DaysWithThreePrintsEach()
    {
        var h = Btc.Value;
        Assert.Equal(2038, h.Length);
        Assert.Equal(new DateOnly(2021, 1, 1), h.Dates[0]);
        Assert.Equal(new DateOnly(2026, 7, 31), h.Dates[^1]);
        Assert.All(h.FundingPrints, c => Assert.Equal(3, c));
        Assert.Equal(29337.16m, h.Perp[0].Close); // first row of btcusdt_perp_daily.csv
    }

    [Fact]
    public void Align_BadSeries_AreRejectedNamingTheParameter()
    {
        var spot = TestData.Candles("btcusdt_spot_daily.csv");
        var perp = TestData.Candles("btcusdt_perp_daily.csv");
        var funding = TestData.Funding("btcusdt_funding_8h.csv");
        BadInput.Throws("from", () => MarketHistory.Align(spot, perp, funding, from: new DateOnly(2020, 6, 1)));
        BadInput.Throws("to", () => MarketHistory.Align(spot, perp, funding, to: new DateOnly(2026, 8, 5)));
        BadInput.Throws("spot", () => MarketHistory.Align(Array.Empty<Candle>(), perp, funding));
        var gap = perp.RemoveAt(100);
        BadInput.Throws("perp", () => MarketHistory.Align(spot, gap, funding));
        BadInput.Throws("funding", () => MarketHistory.Align(spot, perp, funding.Take(100).ToArray()));
        var h = MarketHistory.Align(spot, perp, funding, new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 10));
        BadInput.Throws("blockLength", () => h.Bootstrap(10)); // 9 returns only
    }

    private static decimal NaiveFinalEquity(MarketHistory h, decimal q, decimal ratio, decimal fee, out decimal funding, out decimal fees, out int trades)
    {
        // Naive recomputation of a static linear short hedge with no stop that is never liquidated: open at the first
        // perp close; a 30-day re-hedge of a linear hedge trades nothing (the size in coins does not drift);
        // funding = h · spot open (the mark) · (sum of the day's rates); close-out value at the last perp close.
        decimal hq = ratio * q, entry = h.Perp[0].Close;
        funding = 0m; fees = hq * entry * fee; trades = 1;
        for (int t = 1; t < h.Length; t++) funding += hq * h.Spot[t].Open * h.DailyFunding[t];
        return q * h.Spot[^1].Close + hq * (entry - h.Perp[^1].Close) + funding - fees;
    }

    [Fact]
    public void StaticHalfHedge_HeadlineNumbers_MatchNaiveRecomputation()
    {
        // 2022–2023: BTC never doubled from its first close, so a 1x short is never liquidated.
        var h = MarketHistory.Align(TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"),
            TestData.Funding("btcusdt_funding_8h.csv"), new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31));
        var r = Static(h, 0.5m, 1m, Stub.Contract(feeRate: 0.0005m), rehedgeEveryDays: 30);
        Assert.Equal(0, r.Liquidations);
        var expected = NaiveFinalEquity(h, 1m, 0.5m, 0.0005m, out var funding, out var fees, out var trades);
        Assert.Equal(expected, r.Hedged.FinalEquity);
        Assert.Equal(funding, r.TotalFunding);
        Assert.Equal(fees, r.TotalFees);
        Assert.Equal(trades, r.Trades);
        Assert.Equal(h.Spot[^1].Close, r.Unhedged.FinalEquity);
        // Drawdown of the unhedged curve, recomputed naively from the spot closes.
        decimal peak = 0m, dd = 0m;
        foreach (var c in h.Spot) { peak = Math.Max(peak, c.Close); dd = Math.Max(dd, (peak - c.Close) / peak); }
        Assert.Equal((double)dd, r.Unhedged.MaxDrawdown, 12);
    }

    [Fact]
    public void Replay_EquityDifference_IsHedgePnlMinusFeesPlusFunding()
    {
        // The old trend policy: 50 % while the close is below its SMA(50), else none, 3x, stop 15 %, 2 BTC.
        var c = Stub.Contract(feeRate: 0.0005m);
        var plan = PlanDefinition.TrendHedge(SpotHolding.Create("BTC", 2m, Btc.Value.Spot[0].Close, "USDT"), new PlanLeg(c, 0m, 3m, stop: LegStop.AtDistance(0.15m)), 50, 0.5m);
        var r = PlanHistory.Run(Btc.Value, plan);
        PlanHistoryTests.Frozen(r, 175_150.027398m, 6_697.907943m, 3_458.970545m, trades: 115, liquidations: 0, stops: 0, partials: 0, daysHedged: 982);
        Assert.Equal(r.FuturesPnl - r.TotalFees + r.TotalFunding, r.HedgedEquity[^1] - r.UnhedgedEquity[^1]);
        Assert.True(r.Trades > 10);
        Assert.Contains(ResultTables.Replay(r).Rows, row => row[0].Text == "Max drawdown");
    }

    [Fact]
    public void RatioZeroPolicy_EqualsUnhedgedEveryDay()
    {
        var r = Static(Btc.Value, 0m, 2m, Stub.Contract(feeRate: 0.001m));
        Assert.Equal(r.UnhedgedEquity.ToArray(), r.HedgedEquity.ToArray());
        Assert.Equal(0, r.Trades);
    }

    [Fact]
    public void HighLeverageShort_InTheBullRun_IsLiquidated()
    {
        var r = Static(Btc.Value, 0.5m, 10m, Stub.Contract());
        Assert.True(r.Liquidations > 0);
        PlanHistoryTests.Frozen(r, 68_330.459468m, 16_009.368468m, 0m, trades: 25, liquidations: 12, stops: 0, partials: 0, daysHedged: 2013);
    }

    [Fact]
    public void Conditions_HandleWarmUpAndCombine()
    {
        // The old HedgeConditions' check, on the conditions that replace them: a moving average is not below during its
        // warm-up; Not/And combine; 2021-01-01..03 spot closes 29,331.69 / 32,178.33 / 33,000.05: the third close is above
        // its 3-day mean, so "below SMA(3)" is false and the 50 % level stays off.
        var h = MarketHistory.Align(TestData.Candles("btcusdt_spot_daily.csv"), TestData.Candles("btcusdt_perp_daily.csv"),
            TestData.Funding("btcusdt_funding_8h.csv"), new DateOnly(2021, 1, 1), new DateOnly(2021, 1, 10));
        var c = Stub.Contract();
        PlanDefinition Level(PlanCondition when) => PlanDefinition.StaticHedge(SpotHolding.Create("BTC", 1m, h.Spot[0].Close, "USDT"), new PlanLeg(c, 0m, 2m), 0,
            [new PlanRule(when, RuleAction.RaiseTo(0.5m), RuleTrigger.While)]);
        var below = PlanHistory.Run(h, Level(PlanCondition.BelowMovingAverage(3))).HedgeRatios;
        Assert.Equal([0m, 0m, 0m], below.Take(3));
        var always = PlanCondition.Series("ext", Enumerable.Repeat(true, h.Length));
        var both = PlanHistory.Run(h, Level(PlanCondition.And(always, PlanCondition.Not(PlanCondition.BelowMovingAverage(3))))).HedgeRatios;
        Assert.Equal(below.Skip(2).Select(x => x == 0m ? 0.5m : 0m), both.Skip(2));
        BadInput.Throws("bars", () => PlanCondition.BelowMovingAverage(1));
        BadInput.Throws("fraction", () => PlanCondition.DrawdownFromHigh(1m, 10));
    }
}

public class ReplayHandCalculationTests
{
    internal static MarketHistory Synthetic()
    {
        var d0 = new DateOnly(2024, 1, 1);
        var spot = Enumerable.Range(0, 4).Select(i => new HedgeMath.Market.Candle(d0.AddDays(i), 100m, 100m, 100m, 100m, 1m)).ToArray();
        var perp = new[]
        {
            new HedgeMath.Market.Candle(d0, 100m, 100m, 100m, 100m, 1m),
            new HedgeMath.Market.Candle(d0.AddDays(1), 100m, 104m, 99m, 103m, 1m),
            new HedgeMath.Market.Candle(d0.AddDays(2), 103m, 112m, 102m, 110m, 1m),
            new HedgeMath.Market.Candle(d0.AddDays(3), 110m, 111m, 105m, 106m, 1m),
        };
        var funding = Enumerable.Range(0, 12).Select(i => new HedgeMath.Market.FundingEvent(
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(8 * i), 0.0001m)).ToArray();
        return MarketHistory.Align(spot, perp, funding);
    }

    [Fact]
    public void Replay_StopHitIntraday_HandCalculated()
    {
        // Static full hedge (1 unit) at 1x (liquidation near 2× the entry, never reached), stop 10 % above entry, fee 0.1 %,
        // funding 0.01 % per 8h; the mark is the perpetual (the synthetic spot is flat).
        var r = ReplayTests.Static(Synthetic(), 1m, 1m, Stub.Contract(feeRate: 0.001m), stopDistance: 0.10m, mark: TriggerPrice.Last);
        // day 0: open at 100, fee 0.1                                  → 100 − 0.1 = 99.9
        // day 1: survives (high 104 < 110), funding 1·100·0.0003 = 0.03; unrealized 100 − 103 = −3 → 100 − 0.07 − 3 = 96.93
        // day 2: the day's prints at the open mark first: 1·103·0.0003 = 0.0309; then high 112 ≥ stop 110 → fill at the stop
        //        110 (the day opened at 103, below it): −10, fee 0.11 → 100 − 0.1 + 0.03 + 0.0309 − 10 − 0.11 = 89.8509 (no re-entry today)
        // day 3: re-open at 106, fee 0.106                             → 89.8509 − 0.106 = 89.7449
        Assert.Equal([99.9m, 96.93m, 89.8509m, 89.7449m], r.HedgedEquity.ToArray());
        Assert.Equal(0.0609m, r.TotalFunding);
        Assert.Equal(0.316m, r.TotalFees);
        Assert.Equal(-10m, r.FuturesPnl);
        Assert.Equal(1, r.StopsHit);
        Assert.Equal(3, r.Trades);
        Assert.Equal([1m, 1m, 0m, 1m], r.HedgeRatios.ToArray());
        Assert.Equal(0d, r.Unhedged.MaxDrawdown);
        // hedged drawdown: peak 99.9 → trough 89.7449
        Assert.Equal((99.9 - 89.7449) / 99.9, r.Hedged.MaxDrawdown, 12);
    }
}
