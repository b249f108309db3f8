using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;
namespace HedgeMath.Tests.Cli;

/// <summary>The strategy commands with the user's own numbers (--json), and their option-naming errors.</summary>
public class StrategyCommandsTests
{
    private static decimal D(System.Text.Json.Nodes.JsonNode? n) => n!.GetValue<decimal>();

    [Fact]
    public void SellAndHedge_EthWorkedExample_WithLotsAndTax()
    {
        // 2 ETH in two lots (1 @ 1,500, 1 @ 2,500: average 2,000); sell 1 at 3,000 FIFO → gain 1,500, tax 20 % = 300.
        var j = CliRunner.Json("sell-and-hedge", "--asset", "ETH", "--lot", "a:1:1500:2021-01-01", "--lot", "b:1:2500:2022-01-01", "--price", "3000",
            "--sell", "1", "--ratio", "1", "--leverage", "5", "--tax-rate", "0.2", "--at", "2500");
        // The spot fee is the user's (default 0.1 %) everywhere: 1 × 3,000 × 0.001 = 3.
        Assert.Equal(997m, D(CliRunner.Fact(j, "Sale now", "realizedVsAverageCost")));          // 1·(3,000 − 2,000) − 3
        Assert.Equal(1_497m, D(CliRunner.Fact(j, "Sale now, by lot", "realizedGain")));         // 3,000 − 3 − 1,500
        Assert.Equal(299.4m, D(CliRunner.Fact(j, "Sale now, by lot", "taxAt200")));            // 0.2 × 1,497
        Assert.Equal(600m, D(CliRunner.Fact(j, "Margin", "initialMargin")));                    // 3,000 / 5
    }

    [Fact]
    public void SellAndHedge_OneSpotFee_TheUsers_AndLotGainsAfterTheFee()
    {
        // --spot-fee 0.002: the sale now pays 1 × 3,000 × 0.002 = 6, and so does the sale the hedged remainder replaces
        // (it used a hard-coded 0.1 %: 3).
        var j = CliRunner.Json("sell-and-hedge", "--asset", "ETH", "--lot", "a:1:1500:2021-01-01", "--lot", "b:1:2500:2022-01-01", "--price", "3000",
            "--sell", "1", "--ratio", "1", "--leverage", "5", "--tax-rate", "0.2", "--spot-fee", "0.002");
        Assert.Equal(6m, D(CliRunner.Fact(j, "Sale now", "spotFee")));
        Assert.Equal(6m, D(CliRunner.Fact(j, "Hedged remainder: the sale it replaces", "spotFee")));
        // The per-lot gain is after the lot's share of the fee, so the lots add up to the realized gain: 3,000 − 6 − 1,500 = 1,494.
        var lot = j["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>() == "Sale now, by lot")!["tables"]![0]!["rows"]![0]!;
        Assert.Equal((6m, 1_494m), (D(lot["feeShare"]), D(lot["gainAfterFee"])));
        Assert.Equal(1_494m, D(CliRunner.Fact(j, "Sale now, by lot", "realizedGain")));
    }

    [Fact]
    public void SellAndHedge_ShortAndLongTermRates_ByLotDate()
    {
        // Sell 1 of lots a (2021-01-01 @ 1,500) and b (2022-01-01 @ 2,500) on 2022-06-01 at 3,000, FIFO, fee 0.1 %: lot a held
        // 516 days → long-term, gain 3,000 − 3 − 1,500 = 1,497 at 10 % = 149.70. The hedged remainder (lot b, 151 days: short-term):
        // 3,000 − 3 − 2,500 = 497 at 30 % = 149.10.
        var j = CliRunner.Json("sell-and-hedge", "--asset", "ETH", "--lot", "a:1:1500:2021-01-01", "--lot", "b:1:2500:2022-01-01", "--price", "3000",
            "--sell", "1", "--ratio", "1", "--leverage", "5", "--tax-rate", "0.3", "--long-term-rate", "0.1", "--sale-date", "2022-06-01");
        Assert.Equal(149.7m, D(CliRunner.Fact(j, "Sale now, by lot", "taxShortTerm300LongTerm100After365Days")));
        Assert.Equal(149.1m, D(CliRunner.Fact(j, "Hedged remainder: the sale it replaces", "taxShortTerm300LongTerm100After365Days")));
        var text = CliRunner.Run("sell-and-hedge", "--asset", "ETH", "--lot", "a:1:1500:2021-01-01", "--lot", "b:1:2500:2022-01-01", "--price", "3000",
            "--sell", "1", "--tax-rate", "0.3", "--long-term-rate", "0.1", "--sale-date", "2022-06-01").Output;
        Assert.Contains("Tax rules vary by country", text);
        Assert.Contains("a profitable close is itself taxable", text);
    }

    [Fact]
    public void Rebalance_SaleAvoided_IsTheSaleThePositionOpenedReplaces()
    {
        // Satellite 200 SOL × 150 = 30,000 against 20 % of 100,000: excess 10,000 = 66.67 SOL; SOLUSDT's lot step is 1, so the
        // short opened is 66 SOL, and the sale it replaces is 66 SOL (not 66.67): FIFO from lot a (100 @ 50):
        // 66 × 150 − 0.1 % fee 9.90 − 66 × 50 = 6,590.10; tax at 25 % = 1,647.525.
        string[] args = ["rebalance", "--bucket", "core=0.6", "satellite=0.2", "buffer=0.2:cash", "--holding", "BTC:core:0.5:100000", "SOL:satellite:200:150",
            "USDT:buffer:20000:1", "--instrument", "core=BTCUSDT@100000", "satellite=SOLUSDT@150", "--lot", "SOL:a:100:50", "--lot", "SOL:b:100:200"];
        var j = CliRunner.Json(args);
        Assert.Equal("66 SOL @ 150", CliRunner.Fact(j, "Bucket satellite: the sale it replaces", "sold")!.GetValue<string>());
        Assert.Equal(6_590.1m, D(CliRunner.Fact(j, "Bucket satellite: the sale it replaces", "realizedGain")));
        Assert.Contains("the bucket's exact excess is 66.66666667 SOL", CliRunner.Run(args).Output);
    }

    [Fact]
    public void Lot_OneSyntax_InSellAndHedgeAndRebalance()
    {
        // The same lots written with and without the asset give the same sell-and-hedge; rebalance reads the dated form too.
        string[] tail = ["--price", "3000", "--sell", "1", "--ratio", "1", "--leverage", "5", "--tax-rate", "0.2", "--at", "2500"];
        var plain = CliRunner.Run(["sell-and-hedge", "--asset", "ETH", "--lot", "a:1:1500:2021-01-01", "--lot", "b:1:2500", .. tail]);
        var tagged = CliRunner.Run(["sell-and-hedge", "--asset", "ETH", "--lot", "ETH:a:1:1500:2021-01-01", "--lot", "eth:b:1:2500", .. tail]);
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.Equal(plain.Output, tagged.Output);
        var other = CliRunner.Run(["sell-and-hedge", "--asset", "ETH", "--lot", "BTC:a:1:1500", .. tail]);
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("--lot 'BTC:a:1:1500' is a lot of BTC, not of --asset ETH", other.Error);
        string[] rebalance = ["rebalance", "--bucket", "core=0.6", "satellite=0.2", "buffer=0.2:cash", "--holding", "BTC:core:0.5:100000", "SOL:satellite:200:150",
            "USDT:buffer:20000:1", "--instrument", "core=BTCUSDT@100000", "satellite=SOLUSDT@150"];
        var dated = CliRunner.Json([.. rebalance, "--lot", "SOL:a:100:50:2021-01-01", "--lot", "SOL:b:100:200:2024-01-01"]);
        Assert.Equal(6_590.1m, D(CliRunner.Fact(dated, "Bucket satellite: the sale it replaces", "realizedGain"))); // as undated: 66 × 150 − 9.90 − 66 × 50
        var untagged = CliRunner.Run([.. rebalance, "--lot", "a:100:50"]);
        Assert.Equal(2, untagged.ExitCode);
        Assert.Contains("--lot 'a:100:50': rebalance needs the lot's asset", untagged.Error);
        var badDate = CliRunner.Run([.. rebalance, "--lot", "SOL:a:100:50:2021-13-01"]);
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("'2021-13-01' is not a date yyyy-MM-dd", badDate.Error);
    }

    [Fact]
    public void DeRisk_And_Buyback_PrintTheCorrections()
    {
        // An instant move (--days 0: no funding; StrategyFundingTests covers the 30 days).
        var d = CliRunner.Json("derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000", "--fall-to", "36000", "--days", "0");
        Assert.Equal(0.64m, D(CliRunner.Fact(d, "Weights", "weightIfShortingWeightTargetOfTheHoldingInstead")));
        // The fall ending shows the weight reached (72,000 / 93,981) and the sale still needed (15,611.4 / 35,978.4 BTC),
        // not the coins the profit buys.
        var fell = d["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>().StartsWith("Endings"))!["tables"]![0]!["rows"]![0]!.AsObject();
        Assert.Equal(Math.Round(72_000m / 93_981m, 20), Math.Round(D(fell["cryptoWeightReached"]), 20));
        Assert.Equal(Math.Round(15_611.4m / 35_978.4m, 20), Math.Round(D(fell["saleToReachTarget"]), 20));
        Assert.False(fell.ContainsKey("coinsTheProfitBuys"));
        Assert.Contains("76.61 %", CliRunner.Run("derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000", "--fall-to", "36000", "--days", "0").Output);
        var b = CliRunner.Json("buyback", "--quantity", "10", "--target-quantity", "12", "--price", "3000", "--at", "3300", "--funding-rate", "0");
        var row = Outcomes(b)[0]!;
        Assert.Equal(0.18m, Math.Round(D(row["coinsTheFuturesProfitBuys"]), 2));
        // Cash to turn the 2 ETH long into spot at 3,300: 2 × 3,300 − (600 − fees 3 − 3.3) = 6,006.3.
        Assert.Equal(6_006.3m, D(row["cashToTurnTheLongIntoSpot"]));
    }

    [Fact]
    public void Buyback_OnOkx_ShowsTheLongInCoinsAndInContracts()
    {
        // OKX ETH-USDT-SWAP contracts are 0.1 ETH: the 2 ETH long is 20 contracts (it used to read "Long 20 ETH"; lots of 0.01 contract).
        var text = CliRunner.Run("buyback", "--quantity", "10", "--target-quantity", "12", "--price", "2419.59", "--leverage", "3",
            "--exchange", "okx-swap", "--symbol", "ETH-USDT-SWAP").Output;
        Assert.Matches(@"Long\s+2 ETH", text);
        Assert.Matches(@"Long contracts\s+20\.00 contracts", text);
        Assert.Contains("at 2,419.59", text);
    }

    private static System.Text.Json.Nodes.JsonArray Outcomes(System.Text.Json.Nodes.JsonNode doc) =>
        doc["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>() == "Outcomes")!["tables"]![0]!["rows"]!.AsArray();

    [Fact]
    public void Buyback_Days_ChangeTheFunding_AndALiquidatedRowSaysSo()
    {
        // Long 2 ETH at 3,000 (3x), evaluated at 3,000 (a flat path): funding paid = 2 × 3,000 × 0.0001 × 3 prints a day
        // = 1.80 a day → 54 over 30 days, 162 over 90. Fees 6,000 × 0.05 % to open and to close = 6. Net = −6 − funding.
        decimal[] Net(string days) { var r = Outcomes(CliRunner.Json("buyback", "--quantity", "10", "--target-quantity", "12", "--price", "3000", "--at", "3000", "--days", days))[0]!;
            return [D(r["funding"]), D(r["net"]), D(r["cashToTurnTheLongIntoSpot"])]; }
        Assert.Equal([-54m, -60m, 6_060m], Net("30"));                  // cash: 2 × 3,000 − (−60)
        Assert.Equal([-162m, -168m, 6_168m], Net("90"));
        // Below the long's liquidation price (2,008.03 at 3x) the row says "liquidated".
        var liq = Outcomes(CliRunner.Json("buyback", "--quantity", "10", "--target-quantity", "12", "--price", "3000", "--at", "1900"))[0]!;
        Assert.Equal("liquidated", liq["exit"]!.GetValue<string>());
    }

    [Fact]
    public void LadderOut_CloseAtAndCorrection_LadderIn_Stops()
    {
        var j = CliRunner.Json("ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "60000:0.25", "65000:0.15", "70000:0.2", "--leverage", "5",
            "--close-at", "62000", "--correction", "0.1");
        Assert.Contains("Closing the ladder", j.ToJsonString(), StringComparison.Ordinal);
        // Futures PnL of the close: 0.6 × (64,583.33… − 62,000) = 1,550 (the average entry (15,000 + 9,750 + 14,000) / 0.6).
        var close = j["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>().StartsWith("Closing", StringComparison.Ordinal))!["tables"]![0]!["rows"]![0]!;
        Assert.Equal(1_550m, Math.Round(close["futuresPnl"]!.GetValue<decimal>(), 8));
        var i = CliRunner.Json("ladder", "in", "--rung", "3000:0.5:2850", "3150:1:3000", "3300:rest:3150", "--planned", "2", "--leverage", "3");
        Assert.Contains("pyramiding", i["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--lot-method", "derisk", "--quantity", "2", "--price", "40000", "--target-weight", "0.6", "--cash", "20000", "--lot", "a:2:1", "--tax-rate", "0.2", "--lot-method", "lifo")]
    [InlineData("--lot", "sell-and-hedge", "--lot", "a:1", "--price", "3000", "--sell", "1")]
    [InlineData("--quantity", "sell-and-hedge", "--price", "3000", "--sell", "1")]
    [InlineData("--rung", "ladder", "in", "--rung", "3000:1:3100")]
    [InlineData("--rung", "ladder", "in", "--rung", "3000:-1")]
    [InlineData("--instrument", "rebalance", "--bucket", "core=1", "--holding", "BTC:core:1:1", "--instrument", "core=BTCUSDT")]
    [InlineData("--previous-pnl", "buyback", "--quantity", "10", "--target-quantity", "12", "--price", "3000", "--previous-leverage", "2")]
    [InlineData("--previous-quantity", "buyback", "--quantity", "10", "--target-quantity", "12", "--price", "3000", "--previous-quantity", "1")]
    [InlineData("--previous-stop-distance", "plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--previous-leverage", "2", "--previous-pnl", "-5", "--previous-stop-distance", "0")]
    [InlineData("--previous-quantity", "derisk", "--quantity", "2", "--price", "40000", "--target-weight", "0.6", "--cash", "20000", "--previous-leverage", "2", "--previous-pnl", "-5", "--previous-quantity", "-1")]
    public void BadOption_ErrorNamesIt(string option, params string[] args)
    {
        var (rc, _, err) = CliRunner.Run(args);
        Assert.Equal(2, rc);
        Assert.Contains(option, err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--previous-stop-distance", "0", "plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--previous-leverage", "2", "--previous-pnl", "-5", "--previous-stop-distance", "0")]
    [InlineData("--previous-quantity", "-1", "derisk", "--quantity", "2", "--price", "40000", "--target-weight", "0.6", "--cash", "20000", "--previous-leverage", "2", "--previous-pnl", "-5", "--previous-quantity", "-1")]
    [InlineData("--previous-quantity", "-0.5", "sell-and-hedge", "--quantity", "2", "--price", "3000", "--sell", "1", "--previous-leverage", "2", "--previous-pnl", "-5", "--previous-quantity", "-0.5")]
    [InlineData("--previous-leverage", "0.5", "plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--previous-leverage", "0.5", "--previous-pnl", "-5", "--previous-quantity", "1")]
    public void PreviousHedge_IsCheckedByTheLibrary_OneErrorNamingTheOptionAndTheValue(string option, string value, params string[] args)
    {
        // The CLI does not restate HedgePlanOptions.PreviousHedge's rule: the library's error, its PreviousHedge element mapped to the option.
        var (rc, _, err) = CliRunner.Run(args);
        Assert.Equal(2, rc);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {option}: ", line, StringComparison.Ordinal);
        Assert.Contains($"got {value}", line, StringComparison.Ordinal);
        var json = CliRunner.Run([.. args, "--json"]);
        Assert.Equal(option, System.Text.Json.Nodes.JsonNode.Parse(json.Output)!["error"]!["option"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_RevengeCheck_FlagsSizeAndStopAfterALoss()
    {
        // Previous: a 0.4 BTC short with a stop 5 % from its entry lost 500. Now 0.5 BTC with a stop at 55,000 (10 %).
        var j = CliRunner.Json("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--leverage", "3", "--stop", "55000",
            "--previous-leverage", "3", "--previous-pnl", "-500", "--previous-quantity", "0.4", "--previous-stop-distance", "0.05");
        string text = j.ToJsonString();
        Assert.Contains("SizeRaisedAfterLoss", text, StringComparison.Ordinal);
        Assert.Contains("StopWidenedAfterLoss", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LeverageRaisedAfterLoss", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ladder", "out", "--quantity", "1", "--cost", "40000", "--target", "60000:0.25", "65000:0.15", "--leverage", "3")]
    [InlineData("buyback", "--quantity", "10", "--target-quantity", "12", "--price", "3000")]
    [InlineData("sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1")]
    [InlineData("derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000")]
    public void StrategyCommands_Save_APlanThatPlanShowReads(params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("hedgemath-save");
        try
        {
            string file = Path.Combine(dir.FullName, "plan.json");
            var (rc, output, err) = CliRunner.Run([.. args, "--save", file]);
            Assert.True(rc == 0, err);
            Assert.Contains("Plan file", output, StringComparison.Ordinal);
            var plan = PlanDocument.Load(File.ReadAllText(file));
            Assert.NotEmpty(plan.Legs);
            (rc, output, err) = CliRunner.Run("plan", "show", file);
            Assert.True(rc == 0, err);
            Assert.Contains(plan.Legs[0].Contract.Symbol, output, StringComparison.Ordinal);
            if (args[0] == "ladder") Assert.Equal(2, plan.Rules.Length);
            if (args[0] == "buyback") Assert.Equal(Side.Long, plan.Legs[0].Side);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void DeRisk_StopDistance_StopsTheHedgeInTheRiseEnding()
    {
        // 2 BTC at 40,000 + 20,000 cash: crypto 80 % → 60 % means a 20,000 (0.5 BTC) short. A 10 % stop = 44,000.
        // Rise to 50,000: stopped at 44,000, hedge PnL 0.5 × (40,000 − 44,000) = −2,000; fees 0.5 × 40,000 × 0.0005 = 10
        // to open + 0.5 × 44,000 × 0.0005 = 11 to close = 21 (without the stop: −5,000 and 22.50).
        var j = CliRunner.Json("derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000",
            "--stop-distance", "0.1", "--rise-to", "50000");
        var rows = j["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>().StartsWith("Endings", StringComparison.Ordinal))!["tables"]![0]!["rows"]!;
        Assert.Equal(-2_000m, D(rows[0]!["hedgePnl"]));
        Assert.Equal(21m, D(rows[0]!["hedgeFees"]));
        // sell-and-hedge --stop: the hedge of the remaining 1 ETH (ratio 1) stops at 3,300 on the way to 3,600:
        // 1 × (3,000 − 3,300) = −300.
        var t = CliRunner.Run("sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1", "--stop", "3300", "--at", "3600").Output;
        Assert.Contains("-300.00", t, StringComparison.Ordinal);
        Assert.Contains("3,300", t, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--stop-distance", "derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000", "--stop-distance", "0")]
    [InlineData("--stop-distance", "derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--target-weight", "0.6", "--price", "40000", "--stop", "45000", "--stop-distance", "0.1")]
    [InlineData("--stop", "sell-and-hedge", "--quantity", "2", "--cost", "2000", "--price", "3000", "--sell", "1", "--stop", "2900")]
    public void StopOptions_BadValue_ErrorNamesIt(string option, params string[] args)
    {
        var (rc, _, err) = CliRunner.Run(args);
        Assert.Equal(2, rc);
        Assert.Contains(option, err, StringComparison.Ordinal);
    }

    public static TheoryData<SignalKinds> EveryKind() => HedgeMath.Tests.Signals.SignalNamesTests.EveryKind();

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void EverySignalName_AcceptedByPlanRemovalAndRaiseOptions(SignalKinds kind)
    {
        string name = SignalNames.Of(kind);
        var (rc, _, err) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5",
            "--remove-on-signal", name, "--raise-on-signal", name + ":0.75", "--json");
        Assert.True(rc == 0, err);
    }

    [Fact]
    public void Cli_UnknownSignalName_ErrorNamesTheOption()
    {
        var (rc, _, err) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--remove-on-signal", "rsi-oversld");
        Assert.Equal(2, rc);
        Assert.Contains("--remove-on-signal", err, StringComparison.Ordinal);
        (rc, _, err) = CliRunner.Run("plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--raise-on-signal", "rsi-extreme");
        Assert.Equal(2, rc);
        Assert.Contains("--raise-on-signal", err, StringComparison.Ordinal);
    }

}

/// <summary>The one camelCase rule for the CLI's JSON keys (issue 22, item 12).</summary>
public class JsonKeyRuleTests
{
    [Theory]
    [InlineData("ROE (Binance calculator)", "roeBinanceCalculator")]   // an acronym first word is lowered whole
    [InlineData("Net PnL", "netPnl")]                                   // an acronym later in the name: Pnl
    [InlineData("Hedge ratio", "hedgeRatio")]
    [InlineData("Funding received (USDT)", "fundingReceivedUsdt")]
    [InlineData("Tax at 20.0 %", "taxAt200")]
    [InlineData("CVaR 95", "cvar95")]
    [InlineData("hedgeRatio", "hedgeRatio")]                            // a camelCase name stays as it is
    [InlineData("HedgeMath liq.", "hedgeMathLiq")]                      // a long camel-case name is a name, not an acronym
    [InlineData("ETHUSDT close", "ethusdtClose")]                       // all capitals, however long: an acronym
    public void JsonKey_CamelCase_AcronymsLowered(string name, string key) =>
        Assert.Equal(key, HedgeMath.Cli.Output.ReportSection.JsonKey(name));
}

/// <summary>The one text formatting rule (issue 22, item 11): money to the cent, ratios and distances as percentages; JSON unrounded.</summary>
public class TextFormattingRuleTests
{
    [Fact]
    public void Plan_DistanceAsPercent_MoneyToTheCent_JsonFullPrecision()
    {
        // 1 BTC at 50,000, half hedged at 10x: liquidation 54,780.876… (27,500 / 0.502), distance 4,780.876… / 50,000 = 9.56 %.
        string[] args = ["plan", "--quantity", "1", "--price", "50000", "--ratio", "0.5", "--leverage", "10"];
        var text = CliRunner.Run(args).Output;
        Assert.Contains("9.56 %", text);
        Assert.DoesNotContain("0.09561753", text);
        Assert.Contains("2,500.00 USDT", text);                                    // initial margin 25,000 / 10, to the cent
        var json = CliRunner.Json(args);
        decimal d = CliRunner.Fact(json, "Margin", "distanceToLiquidation")!.GetValue<decimal>();
        Assert.Equal(0.0956m, Math.Round(d, 4));
        Assert.True(d != Math.Round(d, 8), "JSON keeps full precision");
    }

    [Fact]
    public void Rebalance_WeightsAsPercentages()
    {
        // core 50,000 / 100,000 = 50.00 %, drift −10.00 %; satellite 30.00 %, +10.00 %.
        var text = CliRunner.Run("rebalance", "--bucket", "core=0.6", "satellite=0.2", "buffer=0.2:cash", "--holding", "BTC:core:0.5:100000",
            "SOL:satellite:200:150", "USDT:buffer:20000:1").Output;
        Assert.Contains("50.00 %", text);
        Assert.Contains("-10.00 %", text);
        Assert.Contains("30.00 %", text);
    }
}

/// <summary>Basis risk is said wherever a cross-hedge is built (issue 22, item 13).</summary>
public class BasisRiskCliTests
{
    [Fact]
    public void Rebalance_SolHedgedWithBtc_WarnsOfBasisRisk()
    {
        var text = CliRunner.Run("rebalance", "--bucket", "core=0.6", "satellite=0.2", "buffer=0.2:cash", "--holding", "BTC:core:0.5:100000",
            "SOL:satellite:200:150", "USDT:buffer:20000:1", "--instrument", "core=BTCUSDT@100000", "satellite=BTCUSDT@100000").Output;
        Assert.Contains("CrossHedgeBasisRisk", text);
        Assert.Contains("SOL in 'satellite' is hedged with BTCUSDT", text);
        Assert.DoesNotContain("BTC in 'core'", text);                              // BTC hedged with BTCUSDT is not a cross-hedge
    }

    [Fact]
    public void Plan_TakesAHedgeRatioEstimate_ForTheCrossHedgeWarning()
    {
        // SOL vs BTC (docs/hedging.md §4): h* 1.1722, ρ 0.5775, σS 6.21 % a day → ρ² = 0.3335 (33 %), residual σS·√(1 − ρ²)
        // = 0.0621 × 0.81640 = 5.07 % a day.
        string[] args = ["plan", "--asset", "SOL", "--quantity", "100", "--price", "150", "--symbol", "BTCUSDT", "--futures-price", "50000", "--ratio", "1.1722", "--leverage", "3"];
        Assert.Contains("no estimate of how well the two move together was given", CliRunner.Run(args).Output);
        var text = CliRunner.Run([.. args, "--hedge-estimate", "1.1722:0.5775:0.0621"]).Output;
        Assert.Contains("removed 33 % of the variance", text);
        Assert.Contains("5.07 %", text);
        Assert.Equal(2, CliRunner.Run([.. args, "--hedge-estimate", "1.1:2:0.06"]).ExitCode);         // a correlation above 1
    }
}
