using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Output;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Demo;

/// <summary>The margin picture of the worked example's hedge: short 0.5 BTC BTCUSDT at 50,000, 10x, isolated.</summary>
internal static class MarginDemo
{
    public static void Add(Report report)
    {
        var contract = Contract.BinanceBtcUsdt;
        var hedge = Position.Open(contract, Side.Short, 0.5m, 50_000m, 10m);
        var s = MarginCalc.Isolated(hedge, 50_000m);
        var bybit = MarginCalc.Isolated(hedge, 50_000m, LiquidationRule.BybitLinear);
        var okx = MarginCalc.Isolated(hedge, 50_000m, LiquidationRule.OkxGate);
        var funding = Funding.Project(hedge, 50_000m, 0.0001m);
        // The highest leverage whose liquidation stays 1 % beyond a stop at 55,000, and the margin above 1x it would need.
        var forStop = MarginCalc.MaxLeverageForStop(contract, Side.Short, 0.5m, 50_000m, 55_000m, 0.01m);

        report.Section("Margin of the hedge (short 0.5 BTC BTCUSDT @ 50,000, 10x isolated)")
            .Fact("Notional", s.Notional, "USDT")
            .Fact("Initial margin", s.InitialMargin, "USDT")
            .Fact("Maintenance margin", s.MaintenanceMargin, "USDT")
            .Fact("Tier", $"{s.Tier.Tier} (MMR {MarginCommands.Num(s.Tier.MaintenanceMarginRate * 100m)} %, cum {MarginCommands.Num(s.Tier.MaintenanceAmount)}, Binance tiers as of {Contract.Find("binance-usdm", "BTCUSDT").AsOf})")
            .Fact("Liquidation price (Binance)", contract.RoundPrice(s.LiquidationPrice!.Value, MidpointRounding.ToZero), "USDT")
            .Fact("Tier at liquidation", s.LiquidationTier!.Tier)
            .Fact("Bankruptcy price", s.BankruptcyPrice, "USDT")
            .Fact("Distance to liquidation", Show.Percent(s.DistanceToLiquidation))
            .Fact("Liquidation price (Bybit classic rule)", contract.RoundPrice(bybit.LiquidationPrice!.Value, MidpointRounding.ToZero), "USDT")
            .Fact("Liquidation price (OKX/Gate rule)", contract.RoundPrice(okx.LiquidationPrice!.Value, MidpointRounding.ToZero), "USDT")
            .Fact("Funding, one 8 h event at +0.01 %", funding.PerEvent, "USDT received")
            .Fact("Funding per day at +0.01 %/8 h", funding.PerDay, "USDT received")
            .Fact("Highest leverage for a stop at 55,000 (1 % buffer)", forStop.Leverage, "x")
            .Fact("Extra margin beyond the initial margin", forStop.ExtraMargin, "USDT")
            .Note("Binance measures maintenance at the liquidation price (tier re-checked); Bybit at entry; OKX/Gate add the taker fee to close.")
            .Note("A positive funding rate means longs pay shorts: the short hedge receives it.");

        // The fast path: a whole book at its marks in one call (MarginBatch, double, structure of arrays).
        Side[] side = [Side.Short, Side.Long, Side.Short, Side.Long];
        double[] qty = [0.5, 2, 10, 0.1], entry = [50_000, 48_000, 52_000, 50_500], margin = [2_500, 4_800, 26_000, 5_050], mark = [51_000, 47_000, 51_500, 50_000];
        double[] lp = new double[4], ratio = new double[4], dist = new double[4];
        MarginBatch.Isolated(contract, side, qty, entry, margin, mark, lp, ratio, dist);
        var t = report.Section("Batch risk of a small book (MarginBatch, double fast path)").Table(null, "Side", "Quantity", "Entry", "Mark", "Liquidation price", "Margin ratio", "Distance");
        for (int i = 0; i < side.Length; i++)
            t.Row(side[i].ToString(), Show.Quantity(qty[i], contract), Show.Price(entry[i], contract), Show.Price(mark[i], contract),
                Show.Price(lp[i], contract, MidpointRounding.ToZero), Show.Percent(ratio[i]), Show.Percent(dist[i]));
    }
}
