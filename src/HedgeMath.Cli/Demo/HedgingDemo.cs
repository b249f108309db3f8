using HedgeMath.Cli.Commands;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Demo;

/// <summary>The hedging section of the demo: the worked examples, a ladder and a cross-hedge ratio from real data.</summary>
internal static class HedgingDemo
{
    public static void Add(Report report)
    {
        AddWorkedExamples(report);
        AddDeRiskAndBuyBack(report);
        AddLadderAndCrossHedge(report);
    }

    /// <summary>The worked example (1.0 BTC hedged 0.5 at 10x) and the ETH sell-and-hedge.</summary>
    private static void AddWorkedExamples(Report report)
    {
        // 1. The worked example: 1.0 BTC at 50,000, hedge 0.5 at 10x, stop at 53,000, removal rules.
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m)
            .WithStop(LegStop.AtPrice(53_000m));
        // Its removal rules are plan rules: the hedge comes off once one holds at a close.
        PlanRule[] removals =
        [
            new(PlanCondition.PriceAtOrBelow(45_000m), RuleAction.Remove(), RuleTrigger.Once, "remove the hedge when spot ≤ 45,000"),
            new(PlanCondition.After(TimeSpan.FromDays(30)), RuleAction.Remove(), RuleTrigger.Once, "remove the hedge after 30 days"),
            new(PlanCondition.Signal("rsi-oversold"), RuleAction.Remove(), RuleTrigger.Once, "remove the hedge on rsi-oversold"),
        ];
        report.Section("Hedging: plan for 1.0 BTC hedged 0.5 at 10x")
            .Note("Hedged value 25,000, notional 25,000, initial margin 2,500 USDT; the 10x leverage and a stop close to liquidation are flagged below.");
        HedgingCommands.AddPlan(report, plan, removals);
        HedgingCommands.AddOutcomes(report, plan, [45_000m, 50_000m, 55_000m]);

        // 2. ETH: sell half, hedge half, price falls from 3,000 to 2,500 — both views.
        var eth = SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2.0m, 2_000m), 1.0m, 1.0m, Contract.BinanceEthUsdt, 5m, 3_000m);
        var o = eth.OutcomeAt(2_500m);
        report.Section("Hedging: 2.0 ETH bought at 2,000 — sell 1.0 at 3,000, short 1.0 at 5x, price falls to 2,500")
            .Fact("Realized on the ETH sold", eth.RealizedOnSale, "USDT")
            .Fact("Remaining spot vs cost", o.SpotPnlVsCost, "USDT")
            .Fact("Short futures (3,000 → 2,500)", o.FuturesPnl, "USDT")
            .Fact("Total vs cost, before fees", o.NetVsCostBeforeFees, "USDT")
            .Fact("Remaining spot vs decision price", o.SpotPnlVsDecision, "USDT")
            .Fact("Net vs decision price, before fees", o.NetVsDecisionBeforeFees, "USDT")
            .Fact("Hedge fees (open + close)", o.Fees, "USDT")
            .Fact("Hedge initial margin", eth.Hedge.InitialMargin, "USDT")
            .Note("Against the cost basis the remaining ETH made +500 and the short +500; against the price at decision time the spot lost 500 that the short made back.");
    }

    /// <summary>Hedge and sell (80 % → 60 % crypto) and the leverage-assisted buy-back.</summary>
    private static void AddDeRiskAndBuyBack(Report report)
    {
        // 2b. Hedge and sell (80 % → 60 % crypto) and the leverage-assisted buy-back.
        var derisk = DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Contract.BinanceBtcUsdt, 2m, 40_000m);
        var fell = derisk.IfPriceFalls(36_000m, TaxRates.Flat(0.25m));
        var rose = derisk.IfPriceRises(44_000m);
        var fellMonth = derisk.IfPriceFalls(36_000m, null, FundingTerms.Constant(0.0001m, 30m));
        report.Section("Hedging: de-risk 2 BTC + 20,000 USDT from 80 % to 60 % crypto by hedging first (BTC 40,000)")
            .Fact("Exposure to remove", derisk.ExposureToRemove, "USDT")
            .Fact("Short", derisk.Hedge.Quantity, "BTC")
            .Fact("Initial margin (2x)", derisk.Hedge.InitialMargin, "USDT")
            .Fact("Effective crypto weight", Show.Percent(derisk.EffectiveCryptoWeight))
            .Fact("Falls to 36,000: hedge profit after fees", fell.HedgePnl - fell.HedgeFees, "USDT")
            .Fact("Falls to 36,000: BTC the profit buys back", fell.CoinsBuyableWithProfit, "BTC")
            .Fact("Falls to 36,000: vs selling now", fell.VersusSellNow, "USDT")
            .Fact("Falls to 36,000: tax on the hedge profit at 25 %", fell.TaxOnHedgeGain, "USDT")
            .Fact("Falls to 36,000: final value after that tax", fell.FinalValueAfterHedgeTax, "USDT")
            .Fact("Rises to 44,000: effective sale price", rose.EffectiveSalePrice, "USDT")
            .Fact("Rises to 44,000: vs selling now", rose.VersusSellNow, "USDT")
            .Fact("Falls to 36,000 over 30 days: funding the short receives", fellMonth.HedgeFunding, "USDT")
            .Fact("Falls to 36,000 over 30 days: final value", fellMonth.FinalValue, "USDT")
            .Note("Over 30 days at 0.01 %/8 h the short receives 0.5 × 0.0001 × (90 × 40,000 − 4,000 × 91 / 2) = 170.90 along the straight path "
                + "(CLI: hedgemath derisk ... --fall-to 36000 --days 30; --days 0 is an instant move).");
        var lev = LeveragedExposurePlan.Create(SpotHolding.Create("ETH", 10m, 2_500m), 12m, Contract.BinanceEthUsdt, 3m, 3_000m);
        report.Section("Hedging: leverage-assisted buy-back — hold 10 ETH, want 12 ETH of exposure (ETH 3,000, 3x)")
            .Fact("Long futures", lev.FuturesCoins, "ETH")
            .Fact("Total exposure", lev.TotalExposure, "ETH")
            .Fact("Initial margin", lev.InitialMargin, "USDT")
            .Fact("Liquidation price", lev.LiquidationPrice is { } lpx ? Math.Round(lpx, 2) : null)
            .Fact("Funding per day at 0.01 %/8 h", lev.FundingPerDay, "USDT");
    }

    /// <summary>A scale-out ladder and a cross-hedge ratio from the embedded daily closes.</summary>
    private static void AddLadderAndCrossHedge(Report report)
    {
        // 3. A scale-out ladder.
        var ladder = ScaleOutLadder.Create(SpotHolding.Create("BTC", 1.0m, 40_000m), Contract.BinanceBtcUsdt, 5m,
            [(60_000m, 0.25m), (65_000m, 0.15m), (70_000m, 0.20m)]);
        report.Section("Hedging: scale-out ladder for 1.0 BTC bought at 40,000 (25 % at 60k, 15 % at 65k, 20 % at 70k, 5x)");
        HedgingCommands.AddScaleOut(report, ladder);

        // 4. Cross-hedge: SOL spot against BTC, ratio from the embedded daily closes.
        var aligned = AlignedCloses.Create(EmbeddedData.Candles("solusdt_spot_daily.csv"), EmbeddedData.Candles("btcusdt_spot_daily.csv"));
        var est = HedgeRatio.MinimumVariance(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns);
        var oos = HedgeRatio.OutOfSample(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 180);
        var cross = HedgePlan.CreateCrossHedge(SpotHolding.Create("SOL", 100m, 150m), est, Contract.BinanceBtcUsdt, 3m, 150m, 50_000m);
        report.Section($"Hedging: SOL spot hedged with BTC futures — ratio from real daily closes {aligned.Dates[0]:yyyy-MM-dd} .. {aligned.Dates[^1]:yyyy-MM-dd}")
            .Fact("Observations (log returns)", Show.Number(est.Observations, 0))
            .Fact("Hedge ratio (h*)", est.HedgeRatio)
            .Fact("Correlation", est.Correlation)
            .Fact("Effectiveness (rho squared)", Show.Percent(est.Effectiveness))
            .Fact("Residual (basis) volatility", Show.Percent(est.ResidualVolatility), "per day")
            .Fact("Out of sample (180-day windows): mean promised effectiveness", Show.Percent(oos.MeanPromisedEffectiveness))
            .Fact("Out of sample: mean realized variance reduction", Show.Percent(oos.MeanRealizedEffectiveness))
            .Fact("100 SOL at 150 → short BTCUSDT", cross.Quantity, "BTC")
            .Fact("Notional", cross.Notional, "USDT")
            .Fact("Initial margin (3x)", cross.InitialMargin, "USDT")
            .Note(cross.Warnings.First(w => w.Code == HedgeWarningCode.CrossHedgeBasisRisk).Message);
    }
}
