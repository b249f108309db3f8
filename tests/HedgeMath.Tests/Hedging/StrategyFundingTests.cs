using System.Text.Json.Nodes;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
#if NET10_0_OR_GREATER
using HedgeMath.Tests.Cli;
#endif
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// Issue 28 item 3: "--days must change the result where funding applies" — the sell-and-hedge outcome table and the
/// de-risk endings carry funding over the holding period, equal to the saved plan run along the same path; and a spot
/// plan (no legs, a scale-in ladder of spot entries) runs on every clock.
/// </summary>
public sealed class StrategyFundingTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hedgemath-strategy-funding-");
    public void Dispose() => _dir.Delete(true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private static readonly FundingTerms Month = FundingTerms.Constant(0.0001m, 30m);

    private static JsonArray Rows(JsonObject report, string section) =>
        report["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>().Contains(section, StringComparison.Ordinal))!["tables"]![0]!["rows"]!.AsArray();

    private static decimal D(JsonNode? n) => n!.GetValue<decimal>();

    // ---------------------------------------------------------------- de-risk endings with funding

    // 2 BTC at 40,000 + 20,000 cash (80 % crypto) to 60 %: remove 80,000 − 0.6·100,000 = 20,000, a 0.5 BTC short at 2x.
    private static DeRiskPlan DeRisk() =>
        DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.6m, Contract.BinanceBtcUsdt, 2m, 40_000m);

    [Theory]
    // Fall to 35,000 over 30 days: 90 prints (8 h), print k at p_k = 40,000 − 5,000·k/90, notional 0.5·p_k; the short
    // receives 0.0001 of it at each: 0.5 × 0.0001 × Σp_k, Σp_k = 90·40,000 − 5,000·(90·91/2)/90 = 3,600,000 − 227,500
    // = 3,372,500 → 168.625.
    [InlineData(35_000, 168.625)]
    // Rise to 45,000: Σp_k = 3,600,000 + 227,500 = 3,827,500 → 0.5 × 0.0001 × 3,827,500 = 191.375 (still received).
    [InlineData(45_000, 191.375)]
    public void DeRisk_Endings_IncludeTheFundingOverTheHoldingPeriod_ByHand_AndAsThePlanAlongThePath(int at, double expected)
    {
        decimal x = at;
        var plan = DeRisk();
        Assert.Equal(0.5m, plan.Hedge.Quantity);
        DeRiskExit Ending(FundingTerms? f) => x < plan.Price ? plan.IfPriceFalls(x, null, f) : plan.IfPriceRises(x, null, f);
        var none = Ending(null);
        var month = Ending(Month);
        Assert.Equal(0m, none.HedgeFunding);
        Assert.Equal((decimal)expected, month.HedgeFunding, 10);
        // The funding is the only difference: same PnL and fees on the same path, and it lands in the cash.
        Assert.Equal((none.HedgePnl, none.HedgeFees), (month.HedgePnl, month.HedgeFees));
        Assert.Equal(month.HedgeFunding, month.FinalValue - none.FinalValue);
        Assert.Equal(month.HedgePnl - month.HedgeFees + month.HedgeFunding, month.HedgeNet);
        if (month.PriceRose)
            Assert.Equal(month.HedgeFunding / month.SpotSold, month.EffectiveSalePrice!.Value - none.EffectiveSalePrice!.Value, 20);
        else
            Assert.Equal(month.HedgeFunding / x, month.CoinsBuyableWithProfit - none.CoinsBuyableWithProfit, 20);
        // The two-argument overloads stay without funding.
        Assert.Equal(none, x < plan.Price ? plan.IfPriceFalls(x, null) : plan.IfPriceRises(x, null));

        // The saved plan (what derisk --save writes) run along the same path with the same funding: the same leg.
        var doc = PlanDocument.Load(PlanDocument.Save(PlanDefinition.FromHedgePlan(plan.Hedge, PlanReentry.StayFlat, stopFollowsEntry: false)));
        var leg = PlanHistory.Along(doc, 40_000m, x, Month).Book.Legs[0];
        Assert.Equal(month.HedgeFunding, leg.Funding);
        Assert.Equal(month.HedgePnl, leg.RealizedPnl + (leg.Position?.UnrealizedPnl(x) ?? 0m));
        Assert.Equal(month.HedgeFees, leg.Fees + (leg.Position?.CloseFee(x) ?? 0m));
    }

    [Fact]
    public void DeRisk_TaxOnTheHedgeGain_IsOnItsNet_FundingIncluded()
    {
        var plan = DeRisk();
        var rates = TaxRates.Flat(0.25m);
        var x = plan.IfPriceFalls(35_000m, rates, Month);
        // 25 % of (PnL − fees + funding): the funding received is taxed with the profit.
        Assert.Equal(0.25m * (x.HedgePnl - x.HedgeFees + x.HedgeFunding), x.TaxOnHedgeGain);
    }

    [Fact]
    public void SellAndHedge_TotalVsCost_IsAfterTheHedgesFeesAndFunding()
    {
        // docs/hedging.md, sell half, hedge half, at 2,500 over 30 days at 0.01 %/8 h: 90 prints at p_k = 3,000 − 500·k/90,
        // 1 × 0.0001 × (90 × 3,000 − 500 × 91 / 2) = 24.725; fees 0.0005 × (3,000 + 2,500) = 2.75;
        // total = 1,000 (sale) + 500 (coin kept) + 500 (short) − 2.75 + 24.725 = 2,021.975.
        var o = SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2m, 2_000m), 1m, 1m, Contract.BinanceEthUsdt, 5m, 3_000m).OutcomeAt(2_500m, funding: Month);
        Assert.Equal(24.725m, o.Funding, 10);
        Assert.Equal(2_021.975m, o.TotalVsCost, 10);
        Assert.Equal(2_000m, o.TotalVsCostBeforeFees);
    }

    [Fact]
    public void HoldingPeriodDays_Zero_IsAnInstantMove_WithoutFunding()
    {
        var plan = SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2m, 2_000m), 1m, 1m, Contract.BinanceEthUsdt, 5m, 3_000m,
            new HedgePlanOptions { HoldingPeriodDays = 0 });
        Assert.Equal(0m, plan.Hedge.FundingOverHoldingPeriod);
        Assert.Contains("HoldingPeriodDays", BadInput.Throws("options", () => SellAndHedgePlan.Create(SpotHolding.Create("ETH", 2m, 2_000m), 1m, 1m,
            Contract.BinanceEthUsdt, 5m, 3_000m, new HedgePlanOptions { HoldingPeriodDays = -1 })).Message);
    }

#if NET10_0_OR_GREATER // the CLI tests run on net10.0 only (the CLI targets it)
    // ---------------------------------------------------------------- the CLI: --days changes the tables

    [Fact]
    public void Cli_SellAndHedge_Days30_AddsTheShortsFunding_ToTheHedgeNet_AndEqualsTheSavedPlanAlongThePath()
    {
        string[] Args(string days, string? save = null) =>
            ["sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1", "--at", "3000", "--at", "2500",
             "--days", days, "--funding-rate", "0.0001", .. save is null ? Array.Empty<string>() : ["--save", save]];
        var file = PathOf("sh.json");
        var r0 = Rows(CliRunner.Json(Args("0")), "Outcomes");
        var r30 = Rows(CliRunner.Json(Args("30", file)), "Outcomes");
        // At 3,000 (the price does not move): the 1 ETH short's notional stays 3,000; 30 days of 8 h prints = 90; a short
        // receives at a positive rate: 1 × 3,000 × 0.0001 × 90 = 27.00.
        Assert.Equal(0m, D(r0[0]!["hedgeFunding"]));
        Assert.Equal(27m, D(r30[0]!["hedgeFunding"]));
        Assert.Equal(27m, D(r30[0]!["hedgeNet"]) - D(r0[0]!["hedgeNet"]));
        Assert.Equal(27m, D(r30[0]!["totalVsCostAfterFeesAndFunding"]) - D(r0[0]!["totalVsCostAfterFeesAndFunding"]));
        // The before-fees columns do not move with --days.
        Assert.Equal(D(r0[0]!["totalVsCost"]), D(r30[0]!["totalVsCost"]));
        // Hedge net at 3,000 without funding = −fees = −(taker 0.0005 × (3,000 open + 3,000 close)) = −3.00.
        Assert.Equal(-6_000m * Contract.BinanceEthUsdt.TakerFeeRate, D(r0[0]!["hedgeNet"]));
        // At 2,500: the library's funding is the saved plan's along the same path with the same funding.
        var leg = PlanHistory.Along(PlanDocument.Load(File.ReadAllText(file)), 3_000m, 2_500m, Month).Book.Legs[0];
        Assert.Equal(leg.Funding, D(r30[1]!["hedgeFunding"]));
        // 1 × 0.0001 × Σp_k, Σp_k = 90·3,000 − 500·91/2 = 247,250 → 24.725.
        Assert.Equal(24.725m, leg.Funding, 10);
    }

    [Fact]
    public void Cli_Derisk_Days_ChangesTheEndings_ByTheFunding()
    {
        string[] Args(string days) =>
            ["derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--price", "40000", "--target-weight", "0.6",
             "--fall-to", "35000", "--rise-to", "45000", "--days", days];
        var r0 = Rows(CliRunner.Json(Args("0")), "Endings");
        var r30 = Rows(CliRunner.Json(Args("30")), "Endings");
        // The by-hand sums of the library test above (0.5 BTC short, 90 prints at 0.0001, --funding-rate's default).
        Assert.Equal(168.625m, D(r30[0]!["hedgeFunding"]), 10);
        Assert.Equal(191.375m, D(r30[1]!["hedgeFunding"]), 10);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(0m, D(r0[i]!["hedgeFunding"]));
            Assert.Equal(D(r30[i]!["hedgeFunding"]), D(r30[i]!["finalValue"]) - D(r0[i]!["finalValue"]), 10);
        }
    }

    // ---------------------------------------------------------------- spot plans on every clock

    // Hold 2 ETH at 2,000; buy 0.5 at 2,900, 1 at 2,800 and 1.5 at 2,700 (spot, no legs).
    private string SaveSpotLadder()
    {
        var file = PathOf("ladder-in.json");
        var (rc, _, err) = CliRunner.Run("ladder", "in", "--spot", "--rung", "2900:0.5", "--rung", "2800:1", "--rung", "2700:1.5",
            "--quantity", "2", "--cost", "2000", "--save", file);
        Assert.True(rc == 0, err);
        return file;
    }

    private string Candles(params decimal[] closes)
    {
        var file = PathOf($"c{closes.Length}.csv");
        var lines = new List<string> { "date,open,high,low,close,volume" };
        for (int i = 0; i < closes.Length; i++)
        {
            decimal open = i == 0 ? closes[0] : closes[i - 1];
            lines.Add(FormattableString.Invariant($"2025-01-{i + 1:00},{open},{Math.Max(open, closes[i])},{Math.Min(open, closes[i])},{closes[i]},1"));
        }
        File.WriteAllLines(file, lines);
        return file;
    }

    [Fact]
    public void Cli_PlanReplay_OfASpotLadder_BuysEachRung_AtItsPrice()
    {
        var plan = SaveSpotLadder();
        var report = CliRunner.Json("plan", "replay", plan, "--candles", Candles(3_000m, 2_900m, 2_850m, 2_800m, 2_700m));
        var events = Rows(report, "Events");
        Assert.Equal(3, events.Count);
        // Each close lands on a rung: buy 0.5 at 2,900, 1 at 2,800, 1.5 at 2,700 (the quantities the ladder was given;
        // the plan stores them as fractions of the spot held then, 0.5/2, 1/2.5, 1.5/3.5, so 8 places).
        decimal[] qty = [0.5m, 1m, 1.5m], px = [2_900m, 2_800m, 2_700m];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("SpotTraded", events[i]!["event"]!.GetValue<string>());
            Assert.Equal(qty[i], Math.Round(D(events[i]!["quantity"]), 8));
            Assert.Equal(px[i], D(events[i]!["price"]));
        }
        // Cost 0.5·2,900 + 1·2,800 + 1.5·2,700 = 1,450 + 2,800 + 4,050 = 8,300 (no spot fee in the saved plan); held
        // 2 + 3 = 5 at 2,700 = 13,500; equity 13,500 − 8,300 = 5,200 from 2 × 3,000 = 6,000: PnL −800.
        Assert.Equal(5m, Math.Round(D(CliRunner.Fact(report, "After the last bar", "spotHeld")), 8));
        Assert.Equal(5_200m, Math.Round(D(CliRunner.Fact(report, "After the last bar", "equity")), 8));
        Assert.Equal(-800m, Math.Round(D(CliRunner.Fact(report, "After the last bar", "planPnl")), 8));
    }

    [Fact]
    public void Cli_PlanCheck_OfASpotLadder_OnABarAtARung_SaysTheBuyIsDue()
    {
        var plan = SaveSpotLadder();
        var (rc, json, err) = CliRunner.Run("plan", "check", plan, "--candles", Candles(3_000m, 2_900m), "--json");
        Assert.True(rc == 1, err);
        var orders = Rows((JsonObject)JsonNode.Parse(json)!, "Orders to place now");
        var o = Assert.Single(orders);
        Assert.Equal("spot market", o!["order"]!.GetValue<string>());
        Assert.Equal("buy", o["side"]!.GetValue<string>());
        Assert.Equal(0.5m, D(o["quantity"]));
        // Above every rung: nothing due (exit 0).
        (rc, _, err) = CliRunner.Run("plan", "check", plan, "--candles", Candles(3_000m, 2_950m));
        Assert.True(rc == 0, err);
    }

#endif

    [Fact]
    public void PlanLive_OfASpotPlan_BuysAtTheRung()
    {
        var ladder = ScaleInLadder.Spot("ETH", [(2_900m, 0.5m, null), (2_800m, 1m, null)]);
        var live = new PlanLive(PlanDefinition.FromScaleInLadder(ladder, SpotHolding.Create("ETH", 2m, 2_000m)));
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        live.Push(new Candle(t0, TimeSpan.FromDays(1), 3_000m, 3_000m, 3_000m, 3_000m, 1m));
        var u = live.Push(new Candle(t0.AddDays(1), TimeSpan.FromDays(1), 3_000m, 3_000m, 2_900m, 2_900m, 1m));
        Assert.Contains(u.Events, e => e.Kind == PlanEventKind.SpotTraded && e.Quantity == 0.5m && e.Price == 2_900m);
        // 2.5 ETH at 2,900 less the 1,450 paid: 7,250 − 1,450 = 5,800.
        Assert.Equal(5_800m, live.Equity);
    }
}
