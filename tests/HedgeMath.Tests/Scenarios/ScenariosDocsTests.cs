using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Scenarios;

/// <summary>The headline numbers of docs/scenarios.md, produced by the library and checked against a naive recomputation here.</summary>
public class ScenariosDocsTests
{
    private static MarketHistory Btc => ReplayTests.Btc.Value;

    // The published rows' policies (first published with the removed HedgePolicy/HistoricalReplay, issue 28) as plans.
    private static PlanDefinition StaticHalf() => ReplayTests.StaticPlan(Btc, 0.5m, 2m, Contract.BinanceBtcUsdt, rehedgeEveryDays: 30);

    private static PlanDefinition SignalDriven(MarketHistory h) =>
        PlanDefinition.SignalHedge(SpotHolding.Create("BTC", 1m, h.Spot[0].Close, "USDT"), new PlanLeg(Contract.BinanceBtcUsdt, 0.25m, 2m), 0.75m, rehedgeEveryDays: 30);

    /// <summary>
    /// A deliberately plain re-implementation of the documented replay rules for a linear policy given as a target ratio
    /// per day (no stop): funding h · mark open · (sum of the day's rates) while open; liquidation when the mark's high
    /// reaches the liquidation price from MarginCalc (the margin is lost); at the close trade only the difference to the
    /// target (taker 0.05 % on the traded size; a linear 30-day re-hedge trades nothing); re-open the day after a liquidation.
    /// </summary>
    private static (decimal Final, decimal Funding, decimal Fees, int Trades, int Liquidations) Naive(MarketHistory h, Func<int, decimal> target,
        TriggerPrice source = TriggerPrice.Mark)
    {
        const decimal fee = 0.0005m;
        decimal cash = 0m, funding = 0m, fees = 0m, qty = 0m, entry = 0m, margin = 0m, last = -1m;
        decimal? liq = null;
        int trades = 0, liquidations = 0;
        for (int t = 0; t < h.Length; t++)
        {
            var bar = h.Perp[t];
            var mark = source == TriggerPrice.Mark ? h.Spot[t] : bar;
            bool liquidatedToday = false;
            if (qty > 0m && t > 0)
            {
                decimal f = qty * mark.Open * h.DailyFunding[t]; funding += f; cash += f;
                if (liq is { } l && mark.High >= l) { cash -= margin; liquidations++; trades++; qty = 0m; margin = 0m; liquidatedToday = true; last = -1m; }
            }
            decimal want = target(t);
            if (!liquidatedToday && (want != last || (qty == 0m && want > 0m)))
            {
                decimal d = want - qty, c = bar.Close;
                if (d != 0m)
                {
                    fees += Math.Abs(d) * c * fee; cash -= Math.Abs(d) * c * fee; trades++;
                    if (d < 0m) { cash += -d * (entry - c); margin = qty + d == 0m ? 0m : margin * (qty + d) / qty; }
                    else { entry = qty == 0m ? c : (qty * entry + d * c) / (qty + d); margin += d * c / 2m; }
                    qty += d;
                    liq = qty > 0m ? MarginCalc.LiquidationPrice(Position.Open(Contract.BinanceBtcUsdt, Side.Short, qty, entry, 2m, MarginMode.Isolated, margin)) : null;
                }
                last = want;
            }
        }
        decimal final = h.Spot[^1].Close + cash + (qty > 0m ? qty * (entry - h.Perp[^1].Close) : 0m);
        return (final, funding, fees, trades, liquidations);
    }

    [Fact]
    public void StaticHalfHedge_Btc2021To2026_MatchesNaiveRecomputationAndDocs()
    {
        var r = PlanHistory.Run(Btc, StaticHalf());
        var naive = Naive(Btc, _ => 0.5m);
        Assert.Equal(Math.Round(naive.Final, 12), Math.Round(r.Hedged.FinalEquity, 12));
        Assert.Equal(Math.Round(naive.Funding, 12), Math.Round(r.TotalFunding, 12));
        Assert.Equal(naive.Fees, r.TotalFees);
        Assert.Equal(naive.Trades, r.Trades);
        Assert.Equal(naive.Liquidations, r.Liquidations);
        // docs/scenarios.md, "Backtest" table (mark = spot)
        Assert.Equal(61_781.73m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(62_887.88m, r.Unhedged.FinalEquity);
        Assert.Equal(16_531.00m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(61.00m, Math.Round(r.TotalFees, 2));
        Assert.Equal(3, r.Liquidations);
        Assert.Equal(7, r.Trades);
        Assert.Equal(0.4356, Math.Round(r.Hedged.MaxDrawdown, 4));
        Assert.Equal(0.7663, Math.Round(r.Unhedged.MaxDrawdown, 4));
        Assert.Equal(0.2890, Math.Round(r.Hedged.AnnualizedVolatility, 4));
        Assert.Equal(0.5750, Math.Round(r.Unhedged.AnnualizedVolatility, 4));
    }

    [Fact]
    public void StaticHalfHedge_MarkOnLastPrice_MatchesNaiveRecomputationAndDocs()
    {
        var r = PlanHistory.Run(Btc, StaticHalf(), mark: TriggerPrice.Last);
        var naive = Naive(Btc, _ => 0.5m, TriggerPrice.Last);
        Assert.Equal(Math.Round(naive.Final, 12), Math.Round(r.Hedged.FinalEquity, 12));
        Assert.Equal(naive.Liquidations, r.Liquidations);
        Assert.Equal(61_788.84m, Math.Round(r.Hedged.FinalEquity, 2));
    }

    [Fact]
    public void SignalDrivenPolicy_Btc2021To2026_MatchesNaiveRecomputationAndDocs()
    {
        var h = Btc;
        var signals = SignalSeries.FromCandles(h.Spot);
        decimal Target(int t) => signals[t].Confluence.Action switch
        {
            SuggestedAction.LowerHedge => 0m,
            SuggestedAction.ScaleOut or SuggestedAction.RaiseHedge => 0.75m,
            _ => 0.25m,
        };
        var r = PlanHistory.Run(h, SignalDriven(h));
        var naive = Naive(h, Target);
        Assert.Equal(Math.Round(naive.Final, 12), Math.Round(r.Hedged.FinalEquity, 12));
        Assert.Equal(Math.Round(naive.Funding, 12), Math.Round(r.TotalFunding, 12));
        Assert.Equal(naive.Fees, r.TotalFees);
        Assert.Equal(naive.Trades, r.Trades);
        Assert.Equal(naive.Liquidations, r.Liquidations);
        // docs/scenarios.md, "Backtest" table
        Assert.Equal(54_454.82m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(11_268.43m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(1_326.74m, Math.Round(r.TotalFees, 2));
        Assert.Equal(1, r.Liquidations);
        Assert.Equal(116, r.Trades);
        Assert.Equal(0.5974, Math.Round(r.Hedged.MaxDrawdown, 4));
        Assert.Equal(0.4385, Math.Round(r.Hedged.AnnualizedVolatility, 4));
    }

    [Fact]
    public void MonteCarloTable_OfTheDocs_IsReproducedBySeed()
    {
        // docs/scenarios.md, Monte Carlo table: `hedgemath simulate --stop-distance 0.2` (1 BTC from the last close, 365 days,
        // 10,000 paths, seed 42, block bootstrap of 10 days over 2021-01-01 .. 2026-07-31, 3x, fee 0.05 %).
        var spec = MonteCarloSpec.Create(1m, Btc.Spot[^1].Close, [0.25m, 0.5m, 0.75m, 1m], 3m, Contract.BinanceBtcUsdt,
            365, 10_000, 42, 0.2m);
        var r = MonteCarlo.Run(spec, Btc.Bootstrap(10));
        Assert.Equal(62_887.88m, spec.DecisionPrice);
        Assert.Equal(20_018.47, Math.Round(r.Strategies[0].Mean, 2));
        Assert.Equal(35_525.84, Math.Round(r.Strategies[0].ValueAtRisk95, 2));
        Assert.Equal(29_832.42, Math.Round(r.Strategies[2].ValueAtRisk95, 2));
        Assert.Equal(0.7886, Math.Round(r.Strategies[4].ProbabilityStop, 4));
        Assert.Equal(0.1907, Math.Round(r.Strategies[4].VarianceReduction, 4));
    }

    [Fact]
    public void DocsPage_ShowsTheTestedNumbers()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HedgeMath.sln"))) dir = dir.Parent;
        if (dir is null) return; // running outside a clone: the numbers are still checked above
        var docs = File.ReadAllText(Path.Combine(dir.FullName, "docs", "scenarios.md"));
        foreach (var n in new[] { "61,781.73", "62,887.88", "16,531.00", "61.00", "61,788.84", "54,454.82", "11,268.43", "1,326.74", "43.6 %", "76.6 %", "59.7 %", "20,018.47", "29,832.42", "78.9 %" })
            Assert.Contains(n, docs);
        foreach (var svg in new[] { "scenarios-payoff.svg", "scenarios-equity-static.svg", "scenarios-equity-signals.svg", "scenarios-equity-trend.svg", "scenarios-equity-compare.svg", "scenarios-montecarlo.svg" })
        {
            Assert.Contains("images/" + svg, docs);
            System.Xml.Linq.XElement.Parse(File.ReadAllText(Path.Combine(dir.FullName, "docs", "images", svg)));
        }
    }
}
