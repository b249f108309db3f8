using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Scenarios;

/// <summary>The headline numbers of docs/scenarios.md, produced by the library and checked against a naive recomputation here.</summary>
public class ScenariosDocsTests
{
    private static MarketHistory Btc => ReplayTests.Btc.Value;

    private static HedgePolicy StaticHalf() =>
        HedgePolicy.Static(0.5m, 2m, ContractMarginModel.BinanceBtcUsdt, rehedgeEveryDays: 30, feeRate: 0.0005m);

    private static HedgePolicy SignalDriven() =>
        HedgePolicy.Create("signals", 0.25m, 2m, ContractMarginModel.BinanceBtcUsdt, 0.75m,
            raiseWhen: SignalConditions.ConfluenceSuggests(null, SuggestedAction.ScaleOut, SuggestedAction.RaiseHedge),
            removeWhen: SignalConditions.ConfluenceSuggests(null, SuggestedAction.LowerHedge),
            rehedgeEveryDays: 30, feeRate: 0.0005m);

    /// <summary>
    /// A deliberately plain re-implementation of the documented replay rules for a policy given as a target ratio per day:
    /// check the day's perp high against the liquidation price from MarginCalc (no stop in these policies), credit funding on
    /// h · open · (sum of the day's rates), and at the close close/reopen on a target change or after 30 days.
    /// </summary>
    private static (decimal Final, decimal Funding, decimal Fees, int Trades, int Liquidations) Naive(MarketHistory h, Func<int, decimal> target)
    {
        decimal cash = 0m, funding = 0m, fees = 0m, qty = 0m, entry = 0m, margin = 0m, ratio = 0m;
        decimal? liq = null;
        int trades = 0, liquidations = 0, opened = 0;
        for (int t = 0; t < h.Length; t++)
        {
            var bar = h.Perp[t];
            bool liquidatedToday = false;
            if (qty > 0m && t > 0)
            {
                if (liq is { } l && bar.High >= l) { cash -= margin; liquidations++; trades++; qty = 0m; ratio = 0m; liquidatedToday = true; }
                else { decimal f = qty * bar.Open * h.DailyFunding[t]; funding += f; cash += f; }
            }
            decimal want = target(t);
            if (qty > 0m && (want != ratio || t - opened >= 30))
            {
                cash += qty * (entry - bar.Close) - qty * bar.Close * 0.0005m; fees += qty * bar.Close * 0.0005m; trades++; qty = 0m; ratio = 0m;
            }
            if (qty == 0m && want > 0m && !liquidatedToday)
            {
                qty = want * 1m; ratio = want; entry = bar.Close; opened = t;
                var p = Position.Open(Contracts.BinanceBtcUsdt, Side.Short, qty, entry, 2m);
                margin = p.IsolatedMargin; liq = MarginCalc.LiquidationPrice(p);
                cash -= qty * entry * 0.0005m; fees += qty * entry * 0.0005m; trades++;
            }
        }
        decimal final = h.Spot[^1].Close + cash + (qty > 0m ? qty * (entry - h.Perp[^1].Close) : 0m);
        return (final, funding, fees, trades, liquidations);
    }

    [Fact]
    public void StaticHalfHedge_Btc2021To2026_MatchesNaiveRecomputationAndDocs()
    {
        var r = HistoricalReplay.Run(Btc, StaticHalf(), 1m);
        var naive = Naive(Btc, _ => 0.5m);
        Assert.Equal(naive.Final, r.Hedged.FinalEquity);
        Assert.Equal(naive.Funding, r.TotalFunding);
        Assert.Equal(naive.Fees, r.TotalFees);
        Assert.Equal(naive.Trades, r.Trades);
        Assert.Equal(naive.Liquidations, r.Liquidations);
        // docs/scenarios.md, "Backtest" table
        Assert.Equal(52_427.90m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(62_887.88m, r.Unhedged.FinalEquity);
        Assert.Equal(16_404.17m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(1_901.70m, Math.Round(r.TotalFees, 2));
        Assert.Equal(4, r.Liquidations);
        Assert.Equal(139, r.Trades);
        Assert.Equal(0.5259, Math.Round(r.Hedged.MaxDrawdown, 4));
        Assert.Equal(0.7663, Math.Round(r.Unhedged.MaxDrawdown, 4));
        Assert.Equal(0.3322, Math.Round(r.Hedged.AnnualizedVolatility, 4));
        Assert.Equal(0.5750, Math.Round(r.Unhedged.AnnualizedVolatility, 4));
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
        var r = HistoricalReplay.Run(h, SignalDriven(), 1m);
        var naive = Naive(h, Target);
        Assert.Equal(naive.Final, r.Hedged.FinalEquity);
        Assert.Equal(naive.Funding, r.TotalFunding);
        Assert.Equal(naive.Fees, r.TotalFees);
        Assert.Equal(naive.Trades, r.Trades);
        // docs/scenarios.md, "Backtest" table
        Assert.Equal(52_362.50m, Math.Round(r.Hedged.FinalEquity, 2));
        Assert.Equal(11_441.05m, Math.Round(r.TotalFunding, 2));
        Assert.Equal(2_949.37m, Math.Round(r.TotalFees, 2));
        Assert.Equal(0, r.Liquidations);
        Assert.Equal(267, r.Trades);
        Assert.Equal(0.6064, Math.Round(r.Hedged.MaxDrawdown, 4));
        Assert.Equal(0.4464, Math.Round(r.Hedged.AnnualizedVolatility, 4));
    }

    [Fact]
    public void MonteCarloTable_OfTheDocs_IsReproducedBySeed()
    {
        // docs/scenarios.md, Monte Carlo table: `hedgemath simulate --stop 0.2` (1 BTC from the last close, 365 days,
        // 10,000 paths, seed 42, block bootstrap of 10 days over 2021-01-01 .. 2026-07-31, 3x, fee 0.05 %).
        var spec = MonteCarloSpec.Create(1m, Btc.Spot[^1].Close, [0.25m, 0.5m, 0.75m, 1m], 3m, ContractMarginModel.BinanceBtcUsdt,
            365, 10_000, 42, 0.0005m, 0.2m);
        var r = MonteCarlo.Run(spec, Btc.Bootstrap(10));
        Assert.Equal(62_887.88m, spec.DecisionPrice);
        Assert.Equal(19_726.26, Math.Round(r.Strategies[0].Mean, 2));
        Assert.Equal(35_583.90, Math.Round(r.Strategies[0].ValueAtRisk95, 2));
        Assert.Equal(29_035.98, Math.Round(r.Strategies[2].ValueAtRisk95, 2));
        Assert.Equal(0.7639, Math.Round(r.Strategies[4].ProbabilityStop, 4));
        Assert.Equal(0.2142, Math.Round(r.Strategies[4].VarianceReduction, 4));
    }

    [Fact]
    public void DocsPage_ShowsTheTestedNumbers()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HedgeMath.sln"))) dir = dir.Parent;
        if (dir is null) return; // running outside a clone: the numbers are still checked above
        var docs = File.ReadAllText(Path.Combine(dir.FullName, "docs", "scenarios.md"));
        foreach (var n in new[] { "52,427.90", "62,887.88", "16,404.17", "1,901.70", "52,362.50", "11,441.05", "2,949.37", "52.6 %", "76.6 %", "60.6 %", "19,726.26", "29,035.98", "76.4 %" })
            Assert.Contains(n, docs);
        foreach (var svg in new[] { "scenarios-payoff.svg", "scenarios-equity-static.svg", "scenarios-equity-signals.svg", "scenarios-equity-trend.svg", "scenarios-equity-compare.svg", "scenarios-montecarlo.svg" })
        {
            Assert.Contains("images/" + svg, docs);
            System.Xml.Linq.XElement.Parse(File.ReadAllText(Path.Combine(dir.FullName, "docs", "images", svg)));
        }
    }
}
