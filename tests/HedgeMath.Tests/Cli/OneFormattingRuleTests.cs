using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HedgeMath.Cli.Output;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Cli;

/// <summary>
/// The one text formatting rule (issue 22, item 11) on every table: quantities to the lot step, prices to the tick,
/// money to the cent, ratios as percentages; <c>--json</c> at full precision, ratios as ratios.
/// </summary>
public class OneFormattingRuleTests
{
    private static JsonNode Row(JsonObject doc, string sectionStart, int row = 0) =>
        doc["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>().StartsWith(sectionStart, StringComparison.Ordinal))!["tables"]![0]!["rows"]![row]!;

    [Fact]
    public void Show_RoundsToTheStep_AndNeverThrows()
    {
        var btc = Contract.BinanceBtcUsdt;                                                           // tick 0.1, lot 0.001
        Assert.Equal("0.123", Show.Text(Show.Quantity(0.1234567m, btc)!.Value));                      // not 0.1234567
        Assert.Equal("54,780.8", Show.Text(Show.Price(54_780.876m, btc, MidpointRounding.ToZero)!.Value)); // truncated, as exchanges display a liquidation price
        Assert.Equal("54,780.9", Show.Text(Show.Price(54_780.876m, btc)!.Value));                     // nearest tick
        Assert.Equal("54,781.0", Show.Text(new Shown(54_780.876m, ShownKind.Places, 1) { Step = 0.5m })); // a tick of 0.5: a multiple of it
        Assert.Equal("1,234,567.89", Show.Text(Show.Money(1_234_567.891m, "USDT")!.Value));
        Assert.Equal("0.12345679", Show.Text(Show.Money(0.123456789m, "BTC")!.Value));               // a coin: 8 places
        Assert.Equal("9.56 %", Show.Text(Show.Percent(0.09561753m)!.Value));
        Assert.Equal("0.0125 %", Show.Text(Show.Rate(0.000125m)!.Value));                            // a rate keeps up to 4 decimals
        Assert.Equal("66", Show.Text(Show.Coins(66m)!.Value));
        Assert.Equal("146.84210526", Show.Text(Show.Coins(146.84210526315789473684210526m)!.Value));
        Assert.Equal("-2,500.00 L", Show.Text(Show.Money(-2_500m, "USDT")!.Value with { Suffix = "L" }));
        _ = Show.Text(Show.Quantity(decimal.MaxValue, 0.001m)!.Value);                               // too large to divide: shown as it is, no throw
        Assert.Null(Show.Money(double.NaN, "USDT"));
    }

    [Fact]
    public void LadderOut_PricesToTheTick_RatiosAsPercentages_JsonFullPrecision()
    {
        // 1 BTC; short 0.25 at 60,000, 0.15 at 65,000, 0.2 at 70,000: average entry (15,000 + 9,750 + 14,000) / 0.6 = 64,583.33…,
        // shown to the 0.1 tick; hedge ratio 0.6 → 60.00 %; margin 38,750 / 5 = 7,750.00.
        string[] args = ["ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "60000:0.25", "65000:0.15", "70000:0.2", "--leverage", "5"];
        var text = CliRunner.Run(args).Output;
        Assert.Contains("64,583.3 ", text);
        Assert.DoesNotContain("64,583.33", text);
        Assert.Contains("60.00 %", text);
        Assert.Contains("7,750.00", text);
        Assert.Contains("0.600", text);
        var rung = Row(CliRunner.Json(args), "Rungs", 2);
        decimal avg = rung["avgEntry"]!.GetValue<decimal>();
        Assert.Equal(64_583.3333m, Math.Round(avg, 4));                                                // JSON: full precision
        Assert.Equal(0.6m, rung["hedgeRatio"]!.GetValue<decimal>());                                   // JSON: the ratio
    }

    [Fact]
    public void Risk_QuantityToTheLotStep_LiquidationTruncatedToTheTick()
    {
        // Short 0.1234567 BTCUSDT at 50,000, isolated wallet 2,500 (notional 6,172.8: tier 1, MMR 0.4 %):
        // LP = (2,500 + 0.1234567 × 50,000) / (0.1234567 × 1.004) = 69,970.134… → 69,970.1 on the 0.1 tick.
        var path = Path.Combine(Path.GetTempPath(), $"hedgemath-risk-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "side,quantity,entry,margin,mark\nshort,0.1234567,50000,2500,50000\n");
        try
        {
            var text = CliRunner.Run("risk", "--positions-csv", path).Output;
            Assert.DoesNotContain("0.1234567", text);
            Assert.Contains("0.123 ", text);
            Assert.Contains("69,970.1 ", text);
            var row = Row(CliRunner.Json("risk", "--positions-csv", path), "Positions");
            Assert.Equal(0.1234567, row["quantity"]!.GetValue<double>());
            Assert.Equal(69_970.134245, row["liquidationPrice"]!.GetValue<double>(), 1e-5);
            Assert.Equal(0.39940, row["distance"]!.GetValue<double>(), 1e-5);                           // 19,970.134 / 50,000: a ratio
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MarginJson_RatiosAsRatios_LikePlan()
    {
        // Short 0.5 BTCUSDT at 50,000, 10x: maintenance 25,000 × 0.4 % = 100 on a 2,500 margin → margin ratio 0.04 (4.00 %);
        // distance (54,780.876… − 50,000) / 50,000 = 0.0956 (9.56 %), the same number `plan` gives for the same hedge.
        string[] margin = ["margin", "--side", "short", "--size", "0.5", "--entry", "50000", "--leverage", "10"];
        var text = CliRunner.Run(margin).Output;
        Assert.Contains("4.00 %", text);
        Assert.Contains("9.56 %", text);
        Assert.Contains("54,780.8", text);
        var m = CliRunner.Json(margin);
        Assert.Equal(0.04m, CliRunner.Fact(m, "Margin (", "marginRatio")!.GetValue<decimal>());
        decimal distance = CliRunner.Fact(m, "Margin (", "distanceToLiquidation")!.GetValue<decimal>();
        var plan = CliRunner.Json("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--leverage", "10");
        Assert.Equal(CliRunner.Fact(plan, "Margin", "distanceToLiquidation")!.GetValue<decimal>(), distance);
        Assert.Equal(0.0956m, Math.Round(distance, 4));
        Assert.Equal(54_780.876494m, Math.Round(CliRunner.Fact(m, "Margin (", "liquidationPrice")!.GetValue<decimal>(), 6)); // 27,500 / 0.502
    }

    [Fact]
    public void Scenarios_CellsInCents_ALiquidatedCellSaysSo_JsonANumber()
    {
        string[] args = ["scenarios", "--ratios", "0,0.5", "--leverages", "10", "--moves", "3"];
        var text = CliRunner.Run(args).Output;
        Assert.Matches(new Regex(@"-?\d{1,3}(,\d{3})*\.\d{2} L"), text);                             // +50 % at 10x: the hedge is liquidated
        Assert.Contains("-25,000.00", text);                                                          // −50 % of 1 BTC at 50,000, unhedged
        var row = Row(CliRunner.Json(args), "Net PnL at 10x", 2);
        Assert.Equal(25_000m, row["unhedged"]!.GetValue<decimal>());
        _ = row["h05"]!.GetValue<decimal>();                                                          // a number, not "… L"
    }

    [Fact]
    public void Signals_BandWidthAsAPercentage_JsonTheRatio()
    {
        var text = CliRunner.Run("signals", "--last", "2").Output;
        Assert.Matches(new Regex(@"Band width\s+\d+\.\d{2} %"), text);
        Assert.Matches(new Regex(@"Close\s+\d{1,3}(,\d{3})*\.\d{2}\r?\n"), text);
        var width = CliRunner.Fact(CliRunner.Json("signals", "--last", "2"), "Latest", "bandWidth")!.GetValue<double>();
        Assert.InRange(width, 0d, 1d);                                                                // the ratio (was × 100)
    }

    [Fact]
    public void HedgeRatio_EffectivenessAsAPercentage_AndTheEstimatePlanTakes()
    {
        // SOL against BTC, daily log returns (docs/hedging.md §4): ρ² ≈ 0.33 shown as a percentage; the text gives the
        // BETA:CORRELATION:SPOTVOL string `plan --hedge-estimate` takes, which round-trips into the basis-risk warning.
        string[] args = ["hedge-ratio", "solusdt_spot_daily.csv", "btcusdt_spot_daily.csv"];
        var text = CliRunner.Run(args).Output;
        Assert.Matches(new Regex(@"Effectiveness\s+3\d\.\d{2} %"), text);
        var j = CliRunner.Json(args);
        double rho = CliRunner.Fact(j, "Estimate", "correlation")!.GetValue<double>();
        Assert.Equal(rho * rho, CliRunner.Fact(j, "Estimate", "effectiveness")!.GetValue<double>(), 1e-12);   // JSON: the ratio ρ², unrounded
        var estimate = CliRunner.Fact(j, "Estimate", "forPlanHedgeEstimate")!.GetValue<string>();
        var plan = CliRunner.Run("plan", "--asset", "SOL", "--quantity", "100", "--price", "150", "--symbol", "BTCUSDT", "--futures-price", "50000",
            "--ratio", estimate.Split(':')[0], "--leverage", "3", "--hedge-estimate", estimate);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("removed 33 % of the variance", plan.Output);
    }
}
