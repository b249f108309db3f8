using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The history clock (<see cref="PlanHistory"/>), issue 29: its documented errors (each naming the parameter, with its
/// text), the signals matched to the bars (by position, date and time, −1 where the series has none), the report's money
/// of a one-asset and a several-asset run (linear and inverse legs, fees and funding), by hand.
/// </summary>
public class PlanHistoryMutationTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    /// <summary>Daily candles opening at the previous close (the first at its own close), high/low the open and close.</summary>
    private static Candle[] Daily(params decimal[] closes) => Candles(TimeSpan.FromDays(1), closes);

    private static Candle[] Candles(TimeSpan interval, params decimal[] closes)
    {
        var c = new Candle[closes.Length];
        for (int i = 0; i < closes.Length; i++)
        {
            decimal open = i == 0 ? closes[0] : closes[i - 1];
            c[i] = new Candle(Day0 + (i * interval), interval, open, Math.Max(open, closes[i]), Math.Min(open, closes[i]), closes[i], 1m);
        }
        return c;
    }

    /// <summary>Spot = perpetual = these candles; funding prints at the first and last open (rate 0) and any given.</summary>
    private static MarketHistory History(Candle[] candles, params FundingEvent[] funding) =>
        MarketHistory.Align(candles, candles, [new FundingEvent(candles[0].Timestamp, 0m), .. funding, new FundingEvent(candles[^1].Timestamp, 0m)]);

    private static PlanDefinition Btc(PlanLeg? leg = null, params PlanRule[] rules) =>
        PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 60_000m)], leg is null ? [] : [leg], rules);

    /// <summary>100 SOL hedged 0.5 with BTC futures on <paramref name="contract"/>.</summary>
    private static PlanDefinition SolWithBtc(Contract contract, decimal sol = 100m) =>
        PlanDefinition.Create("sol", [SpotHolding.Create("SOL", sol, 150m)], [new PlanLeg(contract, 0.5m, 2m) { Hedges = "SOL" }]);

    private static Dictionary<string, MarketHistory> Markets(MarketHistory sol, MarketHistory btc) => new() { ["SOL"] = sol, ["BTC"] = btc };

    [Fact]
    public void InverseLegClosed_ItsCoinsAreValuedAtEachLaterClose()
    {
        // A short COIN-M leg removed at the 50,000 close (price at or below 55,000): its coins (realized − fees + funding)
        // are then the hedge's money, worth coins × the perpetual close at every later bar (40,000, then 45,000) — the
        // history clock keeps the legs' money across flat closes only for linear legs, whose money does not move with the close.
        var h = History(Daily(60_000m, 60_000m, 50_000m, 40_000m, 45_000m));
        var leg = new PlanLeg(Contract.BinanceCoinMBtcUsd, 0.5m, 2m);
        var r = PlanHistory.Run(h, Btc(leg, new PlanRule(PlanCondition.PriceAtOrBelow(55_000m), RuleAction.Remove(), RuleTrigger.Once)));
        Assert.False(r.Final.Book.Legs[0].IsOpen);
        decimal coins = r.Final.Book.NetPnl(Contract.BinanceCoinMBtcUsd.SettlementAsset, 1m);
        Assert.True(coins > 0m, $"a short inverse leg gains coins as the price falls; got {coins}");
        // Unhedged: 1 BTC at each close.
        Assert.Equal(40_000m + (coins * 40_000m), r.HedgedEquity[3]);
        Assert.Equal(45_000m + (coins * 45_000m), r.HedgedEquity[4]);
    }

    [Fact]
    public void LastBar_KeepsItsFundingPrint_WhenNoLegIsOpen()
    {
        // The clock builds no print for a bar that opens with no leg open, except the last bar, which the result keeps
        // (Status() reads it): here a spot plan, its last day's prints summed to 0.0001 at the day's opening price.
        var candles = Daily(60_000m, 61_000m, 62_000m);
        var h = History(candles, new FundingEvent(candles[^1].Timestamp.AddHours(8), 0.0001m));
        var r = PlanHistory.Run(h, Btc());
        var print = Assert.Single(r.LastBar.Funding);
        Assert.Equal((candles[^1].Timestamp, 0.0001m, 61_000m), (print.Time, print.Rate, print.MarkPrice));
    }

    [Fact]
    public void NullsAndAnUndefinedMark_AreRejected_NamingTheParameter()
    {
        var h = History(Daily(60_000m, 61_000m));
        var plan = Btc(new PlanLeg(Stub0, 0.5m, 2m));
        Assert.Equal("history", Assert.Throws<ArgumentNullException>(() => PlanHistory.Run((MarketHistory)null!, plan)).ParamName);
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => PlanHistory.Run(h, null!)).ParamName);
        Assert.Equal("markets", Assert.Throws<ArgumentNullException>(() => PlanHistory.Run((IReadOnlyDictionary<string, MarketHistory>)null!, plan)).ParamName);
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => PlanHistory.Run(Markets(h, h), null!)).ParamName);
        // A plan over SOL and BTC: the several-asset run itself checks the mark.
        var sol = SolWithBtc(Stub0);
        Assert.Equal("mark", Assert.Throws<ArgumentOutOfRangeException>(() => PlanHistory.Run(Markets(h, h), sol, mark: (TriggerPrice)9)).ParamName);
        Assert.Equal("plan", Assert.Throws<ArgumentNullException>(() => PlanHistory.Now(null!, Daily(60_000m, 61_000m))).ParamName);
        Assert.Equal("candles", Assert.Throws<ArgumentNullException>(() => PlanHistory.Now(plan, null!)).ParamName);
    }

    [Fact]
    public void TwoBars_AreEnough_OneIsRejectedWithItsCount()
    {
        // "at least 2 bars": two bars replay (the short opens at 60,000; at 61,000 it has lost 0.5 × 1,000 = 500).
        var plan = Btc(new PlanLeg(Stub0, 0.5m, 2m));
        Assert.Equal(-500m, PlanHistory.Run(History(Daily(60_000m, 61_000m)), plan).FuturesPnl);
        Assert.Equal(-500m, PlanHistory.Now(plan, Daily(60_000m, 61_000m)).Legs[0].UnrealizedPnl);
        var one = Daily(60_000m);
        var e = Assert.Throws<ArgumentException>(() => PlanHistory.Now(plan, one));
        Assert.StartsWith("candles must have at least 2 candles; got 1.", e.Message, StringComparison.Ordinal);
        // Several assets: the same rule on the markets.
        var m = Assert.Throws<ArgumentException>(() => PlanHistory.Run(Markets(History(one), History(one)), SolWithBtc(Stub0)));
        Assert.Equal("markets", m.ParamName);
        Assert.StartsWith("markets must have at least 2 bars; got 1.", m.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APlanHoldingNoSpot_IsRejected_WithTheReason()
    {
        var h = History(Daily(60_000m, 61_000m));
        var e = Assert.Throws<ArgumentException>(() => PlanHistory.Run(h, PlanDefinition.Create("none", [SpotHolding.Create("BTC", 0m, 60_000m)], [])));
        Assert.Equal("plan", e.ParamName);
        Assert.StartsWith("plan must hold some BTC to be replayed (its legs and spot trades are sized on the spot held); it holds 0.", e.Message, StringComparison.Ordinal);
        var m = Assert.Throws<ArgumentException>(() => PlanHistory.Run(Markets(h, h), SolWithBtc(Stub0, sol: 0m)));
        Assert.Equal("plan", m.ParamName);
        Assert.StartsWith("plan must hold some SOL to be replayed (its legs and spot trades are sized on the spot held); it holds 0.", m.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOrMisalignedAssetHistories_AreNamedInTheMessage()
    {
        var plan = SolWithBtc(Stub0);
        var two = History(Daily(150m, 151m));
        var three = History(Daily(150m, 151m, 152m));
        var missing = Assert.Throws<ArgumentException>(() => PlanHistory.Run(new Dictionary<string, MarketHistory> { ["SOL"] = two }, plan));
        Assert.StartsWith("markets has no history for BTC (the plan runs on SOL, BTC; given: SOL).", missing.Message, StringComparison.Ordinal);
        // Two histories given, neither BTC's: the message lists both, comma-separated.
        var missing2 = Assert.Throws<ArgumentException>(() => PlanHistory.Run(new Dictionary<string, MarketHistory> { ["SOL"] = two, ["ETH"] = two }, plan));
        Assert.StartsWith("markets has no history for BTC (the plan runs on SOL, BTC; given: SOL, ETH).", missing2.Message, StringComparison.Ordinal);
        // BTC has a bar more than SOL: its bar 2 (opening 2025-01-03) has none in SOL's history.
        var longer = Assert.Throws<ArgumentException>(() => PlanHistory.Run(Markets(two, three), plan));
        Assert.StartsWith("markets has BTC's bar 2 opening at 2025-01-03T00:00:00Z but SOL's missing: align every asset's history on the same bars (MarketHistory.Align with the same from and to).",
            longer.Message, StringComparison.Ordinal);
        var shorter = Assert.Throws<ArgumentException>(() => PlanHistory.Run(Markets(three, two), plan));
        Assert.StartsWith("markets has BTC's bar 2 missing but SOL's opening at 2025-01-03T00:00:00Z: align every asset's history on the same bars (MarketHistory.Align with the same from and to).",
            shorter.Message, StringComparison.Ordinal);
    }

    /// <summary>A dateless series over these closes whose RSI is 20 (oversold, below the default 30) on the bars flagged, 50 elsewhere.</summary>
    private static SignalSeries Oversold(params bool[] flags)
    {
        int n = flags.Length;
        var nan = Enumerable.Repeat(double.NaN, n).ToArray();
        return SignalSeries.FromValues(Enumerable.Repeat(60_000d, n).ToArray(), flags.Select(f => f ? 20d : 50d).ToArray(), nan, nan, nan, nan, nan);
    }

    [Fact]
    public void Signals_OfTheFirstBar_AreRead_ByPosition_ForADatelessSeries()
    {
        // While RSI is oversold (bar 0 only) the hedge is 0.25, else 0.5: the ratios are 0.25, 0.5, 0.5.
        var plan = Btc(new PlanLeg(Stub0, 0.5m, 2m), new PlanRule(PlanCondition.Signal("rsi-oversold"), RuleAction.LowerTo(0.25m), RuleTrigger.While));
        var r = PlanHistory.Run(History(Daily(60_000m, 60_000m, 60_000m)), plan, Oversold(true, false, false));
        Assert.Equal([0.25m, 0.5m, 0.5m], r.HedgeRatios.ToArray());
        // Several assets: the same signals, matched the same way (the plan's first asset's bars).
        var sol = PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 150m)], [new PlanLeg(Stub0, 0.5m, 2m) { Hedges = "SOL" }],
            [new PlanRule(PlanCondition.Signal("rsi-oversold"), RuleAction.LowerTo(0.25m), RuleTrigger.While)]);
        var m = PlanHistory.Run(Markets(History(Daily(150m, 150m, 150m)), History(Daily(60_000m, 60_000m, 60_000m))), sol, Oversold(true, false, false));
        Assert.Equal([0.25m, 0.5m, 0.5m], m.HedgeRatios.ToArray());
    }

    [Fact]
    public void ADatelessSeriesOfAnotherLength_IsRejected_EvenWhenThePlanReadsNoSignals()
    {
        // Documented: "a dateless signal series of another length" is an error, whatever the plan reads.
        var h = History(Daily(60_000m, 60_000m, 60_000m));
        var e = Assert.Throws<ArgumentException>(() => PlanHistory.Run(h, Btc(new PlanLeg(Stub0, 0.5m, 2m)), Oversold(true, false)));
        Assert.Equal("signals", e.ParamName);
        Assert.StartsWith("signals has length 2 but must have the same length as history (3).", e.Message, StringComparison.Ordinal);
        var m = Assert.Throws<ArgumentException>(() => PlanHistory.Run(Markets(h, h), SolWithBtc(Stub0), Oversold(true, false)));
        Assert.Equal("signals", m.ParamName);
    }

    [Fact]
    public void BarIndex_ByTimeForIntradayBars_ByDateForDailyBars_MinusOneWhereTheSeriesHasNoBar()
    {
        // Six 8-hour bars (two days); the series covers bars 2..5: bars 0 and 1 have none, bar t is the series' t − 2.
        // (By date, every bar of a day would read that day's last series bar: 0, 0, 0, 3, 3, 3.)
        var eight = Candles(TimeSpan.FromHours(8), 100m, 101m, 102m, 103m, 104m, 105m);
        Assert.Equal([-1, -1, 0, 1, 2, 3], PlanHistory.BarIndex(History(eight), SignalSeries.FromCandles(eight[2..])));
        // Three daily bars, the series from the second: −1, 0, 1.
        var daily = Daily(100m, 101m, 102m);
        Assert.Equal([-1, 0, 1], PlanHistory.BarIndex(History(daily), SignalSeries.FromCandles(daily[1..])));
        // Dateless: by position.
        Assert.Equal([0, 1, 2], PlanHistory.BarIndex(History(daily), Oversold(false, false, false)));
        // Daily bars match by date, not by time: a series of the same days stamped two hours later (another source's day
        // boundary) reads 0, 1, 2 (by time it would read none: −1, −1, −1).
        var later = daily.Select(c => new Candle(c.Timestamp.AddHours(2), c.Interval, c.Open, c.High, c.Low, c.Close, c.Volume)).ToArray();
        Assert.Equal([0, 1, 2], PlanHistory.BarIndex(History(daily), SignalSeries.FromCandles(later)));
    }

    [Fact]
    public void Now_ChecksThePlanFirst_NamingIt_EvenWhenTheCandlesAreAlsoBad()
    {
        // The null check of each argument comes before any check of its content: a null plan with one candle is the plan's error.
        var e = Assert.Throws<ArgumentNullException>(() => PlanHistory.Now(null!, Daily(60_000m)));
        Assert.Equal("plan", e.ParamName);
    }

    [Fact]
    public void Report_OneAsset_FuturesPnlIsRealizedPlusTheOpenPositionsUnrealized()
    {
        // 0.5 short from 60,000, open at the end (61,000): unrealized 0.5 × (60,000 − 61,000) = −500, no fees, no funding.
        var r = PlanHistory.Run(History(Daily(60_000m, 62_000m, 61_000m)), Btc(new PlanLeg(Stub0, 0.5m, 2m)));
        Assert.Equal(-500m, r.FuturesPnl);
        Assert.Equal(-500m, r.FuturesPnlInSettlement);
        Assert.Equal(("USDT", "USDT"), (r.SettlementAsset, r.QuoteAsset));
    }

    [Fact]
    public void Report_OneInverseLeg_IsInTheCoin_ValuedAtTheLastClose()
    {
        // BTCUSD_PERP (100 USD a contract, taker 0.05 %): 1 BTC hedged 0.5 at 60,000 = 300 contracts short.
        // At 61,000: PnL 30,000 × (1/61,000 − 1/60,000) BTC = −30,000 × 1,000 / (61,000 × 60,000) = −0.00819672… BTC,
        // × 61,000 = −500 USD; the opening fee 30,000 / 60,000 × 0.0005 = 0.00025 BTC, × 61,000 = 15.25 USD.
        var r = PlanHistory.Run(History(Daily(60_000m, 61_000m)), Btc(new PlanLeg(Contract.BinanceCoinMBtcUsd, 0.5m, 2m)));
        Assert.Equal(-30_000m * 1_000m / (61_000m * 60_000m), r.FuturesPnlInSettlement, 20);
        Assert.Equal(-500m, r.FuturesPnl, 15);
        Assert.Equal(0.00025m, r.FeesInSettlement);
        Assert.Equal(15.25m, r.TotalFees);
        Assert.Equal(("BTC", "USD"), (r.SettlementAsset, r.QuoteAsset));
    }

    [Fact]
    public void Report_SeveralAssets_AnInverseLegsMoney_IsItsCoinAtItsOwnAssetsLastClose()
    {
        // 100 SOL at 150 hedged 0.5 with BTCUSD_PERP: 7,500 USD = 75 contracts short at 60,000; fee 7,500 / 60,000 × 0.0005
        // = 0.0000625 BTC. Bar 1 (SOL 120, BTC 54,000) pays funding 0.01 % at its opening mark 60,000: the short receives
        // 7,500 / 60,000 × 0.0001 = 0.0000125 BTC. PnL 7,500 × (1/54,000 − 1/60,000) = 7,500 × 6,000 / (54,000 × 60,000)
        // = 0.013888… BTC. In USD at BTC's last close 54,000: PnL 750, fees 3.375, funding 0.675.
        var sol = History(Daily(150m, 120m));
        var btcCandles = Daily(60_000m, 54_000m);
        var btc = History(btcCandles, new FundingEvent(btcCandles[1].Timestamp, 0.0001m));
        var r = PlanHistory.Run(Markets(sol, btc), SolWithBtc(Contract.BinanceCoinMBtcUsd));
        Assert.Equal(7_500m * 6_000m / (54_000m * 60_000m), r.FuturesPnlInSettlement, 20);
        Assert.Equal(0.0000625m, r.FeesInSettlement);
        Assert.Equal(0.0000125m, r.FundingInSettlement);
        Assert.Equal(750m, r.FuturesPnl, 15);
        Assert.Equal(3.375m, r.TotalFees);
        Assert.Equal(0.675m, r.TotalFunding);
    }

    [Fact]
    public void SeveralAssets_WithoutLegs_HaveNoHedgeRatio()
    {
        // A spot plan over SOL and ETH (no legs): the hedge ratio is 0 on every bar.
        var plan = PlanDefinition.Create("spot", [SpotHolding.Create("SOL", 100m, 150m), SpotHolding.Create("ETH", 2m, 3_000m)], [],
            [new PlanRule(PlanCondition.OnAsset("ETH", PlanCondition.PriceAtOrBelow(2_800m)), RuleAction.SellSpot(0.5m, "ETH"), RuleTrigger.Once)]);
        Assert.True(plan.IsMultiAsset);
        var r = PlanHistory.Run(new Dictionary<string, MarketHistory> { ["SOL"] = History(Daily(150m, 120m)), ["ETH"] = History(Daily(3_000m, 2_700m)) }, plan);
        Assert.Equal([0m, 0m], r.HedgeRatios.ToArray());
        // Sold 1 ETH at 2,700 on bar 1 (no fee set): equity 100 × 120 + 1 × 2,700 + 2,700 = 17,400.
        Assert.Equal(17_400m, r.HedgedEquity[1]);
    }

    [Fact]
    public void Now_OverCandles_SettlesTheFundingGiven()
    {
        // Flat at 60,000 for three days; a print of 0.1 % at the second day's open: the 0.5 short receives
        // 0.001 × 0.5 × 60,000 = 30 (spot and the short's PnL are flat, no fees): the plan's PnL is 30.
        var candles = Daily(60_000m, 60_000m, 60_000m);
        FundingEvent[] funding = [new(candles[0].Timestamp, 0m), new(candles[1].Timestamp, 0.001m), new(candles[2].Timestamp, 0m)];
        var s = PlanHistory.Now(Btc(new PlanLeg(Stub0, 0.5m, 2m)), candles, funding);
        Assert.Equal(30m, s.Pnl);
    }

    [Fact]
    public void Now_OverCandlesWithAGap_NamesTheCandles()
    {
        var c = Daily(60_000m, 61_000m, 62_000m);
        var e = Assert.Throws<ArgumentException>(() => PlanHistory.Now(Btc(new PlanLeg(Stub0, 0.5m, 2m)), [c[0], c[2]]));
        Assert.Equal("candles", e.ParamName);
        Assert.StartsWith("candles is rejected: ", e.Message, StringComparison.Ordinal);
    }
}
