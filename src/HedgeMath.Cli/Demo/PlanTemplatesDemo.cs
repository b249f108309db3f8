using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Demo;

/// <summary>The strategies as plans (issue 28 item 3): a scale-in ladder's plan run along a straight path.</summary>
internal static class PlanTemplatesDemo
{
    public static void Add(Report report)
    {
        // Hold 2 ETH; buy 0.5 at 2,900, 0.5 at 2,800 and 0.75 at 2,700 with a 3x long, stops 2,500, 2,500, 2,400.
        var eth = Contract.BinanceEthUsdt;
        var ladder = ScaleInLadder.Futures(eth, 3m,
            [(2_900m, 0.5m, 2_500m), (2_800m, 0.5m, 2_500m), (2_700m, 0.75m, 2_400m)]);
        var plan = PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 2m, 3_000m));
        // 3,000 → 2,700 in three 8 h bars closing on the entries (a zero funding rate over one day).
        var end = PlanHistory.Along(plan, 3_000m, 2_700m, FundingTerms.Constant(0m, 1m));
        var leg = end.Book.Legs[0];
        var totals = end.Book.LegsAt(2_700m);
        report.Section("Plans: a scale-in ladder as a plan, run down a straight path 3,000 → 2,700 (ETHUSDT, 3x, 2 ETH held)")
            .Fact("Rules", plan.Rules.Length)
            .Fact("Long built", Show.Quantity(leg.Position?.Quantity ?? 0m, eth))
            .Fact("Average entry", Show.Price(leg.Position?.EntryPrice, eth))
            .Fact("The ladder's own average entry", Show.Price(ladder.Position!.EntryPrice, eth))
            .Fact("Stop after the last entry", Show.Price(leg.Stop?.Price, eth))
            .Fact("Hedge PnL at the end", Show.Money(totals.Pnl, eth.QuoteAsset), eth.QuoteAsset)
            .Fact("Fees at the end (open and close)", Show.Money(totals.Fees + totals.CloseFees, eth.QuoteAsset), eth.QuoteAsset)
            .Note("The legs' figures at 2,700 summed in USDT: HedgeBook.LegsAt(2700), plan at's totals.")
            .Note("CLI: hedgemath ladder in --rung 2900:0.5:2500 2800:0.5:2500 2700:0.75:2400 --quantity 2 --save ladder.json; hedgemath plan at ladder.json --price 3000 --at 2700 --days 1 --funding-rate 0.");

        // The same ladder in spot (no legs: a spot plan) on the live clock: the bar closing at 2,900 buys the first entry.
        var spot = new PlanLive(PlanDefinition.FromScaleInLadder(
            ScaleInLadder.Spot("ETH", [(2_900m, 0.5m, null), (2_800m, 1m, null), (2_700m, 1.5m, null)]), SpotHolding.Create("ETH", 2m, 2_000m)));
        var day0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        spot.Push(new Market.Candle(day0, TimeSpan.FromDays(1), 3_000m, 3_000m, 3_000m, 3_000m, 1m));
        var bought = spot.Push(new Market.Candle(day0.AddDays(1), TimeSpan.FromDays(1), 3_000m, 3_000m, 2_900m, 2_900m, 1m));
        report.Section("Plans: a spot scale-in ladder (no legs) on the live clock, 2 ETH held, entries 0.5 at 2,900, 1 at 2,800, 1.5 at 2,700")
            .Fact("Bought on the bar closing at 2,900", bought.Events.Where(e => e.Kind == PlanEventKind.SpotTraded).Sum(e => e.Quantity), "ETH")
            .Fact("Spot held", bought.State.SpotQuantity, "ETH")
            .Fact("Equity (2.5 × 2,900 − 1,450 paid)", spot.Equity, "USDT")
            .Note("CLI: hedgemath ladder in --spot --rung 2900:0.5 --rung 2800:1 --rung 2700:1.5 --quantity 2 --save in.json; "
                + "hedgemath plan check in.json --candles C (exit 1: the buy is due), plan replay, plan watch.");

        // A 50/50 BTC/USDT portfolio with a ±10 pp band, kept with a BTCUSDT short at 2x: the band's prices in closed form,
        // and the plan run up to the first one.
        var allocation = PortfolioAllocation.Analyze([("core", 0.5m, false), ("buffer", 0.5m, true)],
            [("BTC", "core", 1m, 50_000m), ("USDT", "buffer", 50_000m, 1m)], toleranceBand: 0.1m);
        var btc = Contract.BinanceBtcUsdt;
        var band = PlanDefinition.FromRebalancing(allocation, "core", btc, 2m);
        var up = PlanHistory.Along(band, 50_000m, 75_000m, FundingTerms.Constant(0m, 1m));
        decimal shorted = up.Book.Legs[0].Position?.Quantity ?? 0m;
        report.Section("Plans: a rebalancing band as a plan (1 BTC at 50,000 + 50,000 USDT, 50/50 ± 10 pp, BTCUSDT 2x), run up to 75,000")
            .Fact("First rebalance at", Show.Price(75_000m, btc))
            .Fact("Short set there", Show.Percent(up.HeldRatio(0)))
            .Fact("Short opened", Show.Quantity(shorted, btc))
            .Fact("Effective BTC weight after", Show.Percent((1m - shorted) * 75_000m / (up.Equity + 50_000m)))
            .Fact("Plan warnings", string.Join(", ", band.Warnings.Select(w => w.Code.ToString())))
            .Note("The weight P / (P + 50,000) reaches 60 % at 75,000; a short of 1 − 0.5 / 0.6 = 1/6 of the holding brings it back to 50 % (to the lot step). "
                + "CLI: hedgemath rebalance --bucket core=0.5 buffer=0.5:cash --holding BTC:core:1:50000 USDT:buffer:50000:1 --band 0.1 --instrument core=BTCUSDT@50000 --save band.json.");

        // Sell 1 of 2 ETH at 3,000 and hedge the other with a 5x short stopped at 3,300: the outcome table's hedge figures
        // at 3,400 and the saved plan run along the straight path to 3,400 are the same numbers.
        var sh = SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2m, 2_000m), 1m, 1m, eth, 5m, 3_000m).WithStop(LegStop.AtPrice(3_300m));
        var table = sh.OutcomeAt(3_400m);
        var along = PlanHistory.Along(PlanDefinition.FromHedgePlan(sh.Hedge, PlanReentry.StayFlat, stopFollowsEntry: false), 3_000m, 3_400m).Book.Legs[0];
        report.Section("Plans: an outcome at a price is the plan run along a straight path (sell-and-hedge, ETH 3,000 → 3,400, stop 3,300)")
            .Fact("Outcome table: hedge PnL", table.FuturesPnl, "USDT")
            .Fact("Plan along the path: hedge PnL", along.RealizedPnl, "USDT")
            .Fact("Outcome table: exit", $"{table.Exit} at {Json.Text(Show.Price(table.ExitPrice, eth))}")
            .Fact("Plan along the path: exit", $"{along.Exit} at {Json.Text(Show.Price(along.ExitPrice, eth))}")
            .Note("CLI: hedgemath sell-and-hedge ... --stop 3300 --save eth.json; hedgemath plan at eth.json --price 3000 --at 3400 [--days 30].");
    }
}
