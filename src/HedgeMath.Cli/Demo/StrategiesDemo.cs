using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Cli.Demo;

/// <summary>The strategies section of the demo: signals driving a plan over real BTC history, the ladder closed and corrected, pyramiding with stops, the tax of a sale, and the texts' corrected numbers.</summary>
internal static class StrategiesDemo
{
    public static void Add(Report report)
    {
        // 1. Signals drive the plan: raise to 0.75 while RSI is extreme, remove when it is oversold, over the real BTC history.
        var spot = EmbeddedData.Candles("btcusdt_spot_daily.csv");
        var history = MarketHistory.Align(spot, EmbeddedData.Candles("btcusdt_perp_daily.csv"), EmbeddedData.Funding("btcusdt_funding_8h.csv"));
        decimal entry = history.Spot[0].Close;
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, entry), 0.5m, Contract.BinanceBtcUsdt, 3m, entry)
            .WithStop(LegStop.AtPrice(entry * 1.3m));
        // The rules are plan rules (issue 28): the removal first (it wins), then the raise while its signal is active;
        // after a stop the hedge is re-opened at the next close, its stop the same distance above the new entry.
        PlanRule[] rules =
        [
            new(PlanCondition.Signal("rsi-oversold"), RuleAction.Remove(), RuleTrigger.Once, "remove on rsi-oversold"),
            new(PlanCondition.Signal("rsi-extreme"), RuleAction.RaiseTo(0.75m), RuleTrigger.While, "0.75 while rsi-extreme"),
        ];
        var r = PlanHistory.Run(history, PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.NextBar, stopFollowsEntry: true), SignalSeries.FromCandles(spot));
        var removal = r.Events.FirstOrDefault(e => e.Kind == PlanEventKind.RuleFired && e.Rule == 0);
        DateOnly? removedOn = removal is null ? null : history.Dates[history.Times.IndexOf(removal.Time - history.Interval)];
        report.Section($"Strategies: 0.5 BTC hedge from {history.Dates[0]:yyyy-MM-dd}, raised to 0.75 while rsi-extreme, removed on rsi-oversold (real BTC)")
            .Fact("Removed on", removedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never")
            .Fact("Days hedged at 0.75", r.HedgeRatios.Count(x => x == 0.75m))
            .Fact("Hedged final equity", r.Hedged.FinalEquity, "USDT")
            .Fact("Unhedged final equity", r.Unhedged.FinalEquity, "USDT")
            .Fact("Funding received", r.TotalFunding, "USDT")
            .Fact("Stops hit", r.StopsHit)
            .Note("A positive funding rate pays the short hedge (the text says it costs it).");

        // 2. The profit-taking ladder, closed at the top and after a 10 % correction.
        var ladder = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1.0m, 40_000m), Contract.BinanceBtcUsdt, 5m,
            [(60_000m, 0.25m), (65_000m, 0.15m), (70_000m, 0.20m)]);
        report.Section("Strategies: the scale-out ladder when the rally ends (62,000, 75,000, or 80,000: past the liquidation price) and after a 10 % correction");
        HedgingCommands.AddScaleOutClose(report, ladder, [62_000m, 75_000m, 80_000m]);
        HedgingCommands.AddScaleOutCorrection(report, ladder, 0.10m);

        // 3. Pyramiding with per-rung stops.
        var pyramid = ScaleInLadder.Futures(Contract.BinanceEthUsdt, 3m,
            [(3_000m, 0.5m, 2_850m), (3_150m, 1m, 3_000m), (3_300m, null, 3_150m)], 2m);
        report.Section("Strategies: pyramiding into ETH (3,000 → 3,150 → 3,300) with a stop per rung");
        HedgingCommands.AddScaleIn(report, pyramid);

        // 4. De-risk 80 % → 60 % with the tax of the sale it replaces, and the buy-back's real purchasing power.
        var derisk = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Contract.BinanceBtcUsdt, 2m, 40_000m);
        var lots = TaxLots.Create("BTC", [new TaxLot("a", 1m, 20_000m, new DateOnly(2021, 1, 5)), new TaxLot("b", 1m, 40_000m, new DateOnly(2024, 3, 1))]);
        report.Section("Strategies: de-risk 80 % → 60 % — a short of 20 % of the holdings only reaches 64 %")
            .Fact("Weight after shorting 20 % of the holdings", Show.Percent(derisk.WeightIfFractionOfHolding))
            .Fact("Hedge ratio that reaches 60 %", Show.Percent(derisk.Hedge.HedgeRatio));
        StrategyCommands.AddHedgeVersusSale(report, "De-risk hedge (FIFO, 25 % tax)", HedgeVersusSale.For(derisk.Hedge, lots, LotMethod.Fifo, 0.25m));
        var buyback = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 2_000m), 12m, Contract.BinanceEthUsdt, 3m, 3_000m).OutcomeAt(3_300m);
        report.Section("Strategies: buy-back — the 2 ETH long's profit on a 10 % recovery")
            .Fact("Futures profit", buyback.FuturesPnl, "USDT")
            .Fact("ETH it buys at 3,300", buyback.CoinsBuyableWithProfit, "ETH")
            .Note("Not 2 ETH: 600 / 3,300 = 0.18 before fees.");
    }
}
