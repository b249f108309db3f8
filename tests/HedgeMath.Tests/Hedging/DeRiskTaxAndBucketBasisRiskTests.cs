using HedgeMath.Hedging;
using HedgeMath.Positions;
#if NET10_0_OR_GREATER
using HedgeMath.Tests.Cli;
#endif

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// Issue 22: the tax on the hedge's own profit is in the de-risk endings (item 14), and a rebalancing bucket hedged
/// with another asset's contract carries its basis-risk warning in the library result (item 13).
/// </summary>
public class DeRiskTaxAndBucketBasisRiskTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;

    // docs/hedging.md: 2 BTC at 40,000 (cost 30,000) + 20,000 cash, 80 % → 60 % crypto, short 0.5 BTC at 2x.
    private static DeRiskPlan Plan() => DeRiskPlan.Create(SpotHolding.Create("BTC", 2m, 30_000m), 20_000m, 0.60m, Btc, 2m, 40_000m);

    [Fact]
    public void DeRiskEndings_TaxTheHedgeProfitAfterFees_AtTheShortTermRate()
    {
        // Fall to 36,000: hedge PnL 0.5 × (40,000 − 36,000) = 2,000; fees 0.5 × 40,000 × 0.05 % + 0.5 × 36,000 × 0.05 % = 10 + 9 = 19;
        // tax 25 % × 1,981 = 495.25; final value 2 × 36,000 + 20,000 + 1,981 = 93,981, after the tax 93,485.75.
        var fell = Plan().IfPriceFalls(36_000m, TaxRates.Flat(0.25m));
        Assert.Equal(495.25m, fell.TaxOnHedgeGain);
        Assert.Equal(93_981m, fell.FinalValue);
        Assert.Equal(93_485.75m, fell.FinalValueAfterHedgeTax);
        // Short- and long-term rates: a futures hedge is short-term, 30 % × 1,981 = 594.30.
        Assert.Equal(594.3m, Plan().IfPriceFalls(36_000m, TaxRates.Create(0.30m, 0.10m)).TaxOnHedgeGain);
        // Rise to 44,000: the hedge loses 2,000 + 21 of fees — no tax on a loss; the value after tax is the final value.
        var rose = Plan().IfPriceRises(44_000m, TaxRates.Flat(0.25m));
        Assert.Equal(0m, rose.TaxOnHedgeGain);
        Assert.Equal(rose.FinalValue, rose.FinalValueAfterHedgeTax);
        // Without rates: no tax figure, the ending is the one it was.
        var untaxed = Plan().IfPriceFalls(36_000m);
        Assert.Null(untaxed.TaxRates);
        Assert.Equal(0m, untaxed.TaxOnHedgeGain);
        Assert.Equal(fell with { TaxRates = null, TaxOnHedgeGain = 0m }, untaxed);
    }

    [Fact]
    public void TaxOnHedgeGain_OneRule_TheComparisonUsesTheRatesOne()
    {
        var rates = TaxRates.Create(0.30m, 0.10m);
        Assert.Equal(300m, rates.TaxOnHedgeGain(1_000m));          // 30 % of 1,000
        Assert.Equal(0m, rates.TaxOnHedgeGain(-1_000m));           // a loss owes nothing
        var lots = TaxLots.Create("BTC", [new TaxLot("a", 2m, 30_000m, new DateOnly(2024, 1, 1))]);
        var v = HedgeVersusSale.For(Plan().Hedge, lots, LotMethod.Fifo, rates, new DateOnly(2026, 1, 1));
        Assert.Equal(rates.TaxOnHedgeGain(1_234.5m), v.TaxOnHedgeGain(1_234.5m));
    }

#if NET10_0_OR_GREATER // the CLI is net10.0 only (HedgeMath.Tests.csproj)
    [Fact]
    public void DeRiskCli_TaxRate_PutsTheHedgeTaxInTheEndings()
    {
        string[] args = ["derisk", "--quantity", "2", "--cost", "30000", "--cash", "20000", "--price", "40000", "--target-weight", "0.6", "--leverage", "2",
            "--fall-to", "36000", "--rise-to", "44000", "--tax-rate", "0.25", "--days", "0"];   // an instant move: no funding
        var text = CliRunner.Run(args).Output;
        Assert.Contains("Tax on hedge gain", text);
        Assert.Contains("495.25", text);
        Assert.Contains("93,485.75", text);
        var rows = CliRunner.Json(args)["sections"]!.AsArray().First(s => s!["title"]!.GetValue<string>().StartsWith("Endings", StringComparison.Ordinal))!["tables"]![0]!["rows"]!;
        Assert.Equal(495.25m, rows[0]!["taxOnHedgeGain"]!.GetValue<decimal>());
        Assert.Equal(0m, rows[1]!["taxOnHedgeGain"]!.GetValue<decimal>());
    }
#endif

    [Fact]
    public void BucketHedgePositions_CrossHedgedBucket_CarriesTheBasisRiskWarning()
    {
        // 50/30/20 against 60/20/20 of 100,000: long core, short satellite, both with BTCUSDT. The satellite holds SOL
        // (and a little BTC): SOL hedged with BTCUSDT is a cross-hedge; BTC in either bucket is not.
        (string Name, decimal Weight, bool IsCash)[] targets = [("core", 0.6m, false), ("satellite", 0.2m, false), ("buffer", 0.2m, true)];
        var a = PortfolioAllocation.Analyze(targets, [("BTC", "core", 0.5m, 100_000m), ("SOL", "satellite", 180m, 150m),
            ("BTC", "satellite", 0.03m, 100_000m), ("USDT", "buffer", 20_000m, 1m)]);
        var pos = a.HedgePositions([("core", Btc, 100_000m), ("satellite", Btc, 100_000m)], 2m);
        var core = pos.Single(p => p.Bucket == "core");
        var sat = pos.Single(p => p.Bucket == "satellite");
        Assert.Empty(core.Warnings);
        var w = Assert.Single(sat.Warnings);
        Assert.Equal(HedgeWarningCode.CrossHedgeBasisRisk, w.Code);
        Assert.StartsWith("SOL in 'satellite' is hedged with BTCUSDT", w.Message, StringComparison.Ordinal);
        Assert.Equal(27_000m, Assert.Single(w.Figures).Value);                                 // 180 SOL × 150
#if NET10_0_OR_GREATER
        // The CLI prints the library's warning, bucket by bucket.
        var text = CliRunner.Run("rebalance", "--bucket", "core=0.6", "satellite=0.2", "buffer=0.2:cash", "--holding", "BTC:core:0.5:100000",
            "SOL:satellite:180:150", "BTC:satellite:0.03:100000", "USDT:buffer:20000:1", "--instrument", "core=BTCUSDT@100000", "satellite=BTCUSDT@100000").Output;
        Assert.Contains(w.Message, text);
        Assert.DoesNotContain("BTC in 'satellite'", text);
#endif
    }

    [Fact]
    public void BucketHedgeUnitsAt_IsTheExcessInCoins_ByHand()
    {
        // 0.5 BTC × 100,000 + 200 SOL × 150 + 20,000 USDT = 100,000 against 60/20/20: core 50,000 is 10,000 under (0.1 BTC
        // to add, −0.1), satellite 30,000 is 10,000 over (66.67 SOL, before SOLUSDT's lot rounding to 66), buffer cash (0).
        (string Name, decimal Weight, bool IsCash)[] targets = [("core", 0.6m, false), ("satellite", 0.2m, false), ("buffer", 0.2m, true)];
        var a = PortfolioAllocation.Analyze(targets, [("BTC", "core", 0.5m, 100_000m), ("SOL", "satellite", 200m, 150m), ("USDT", "buffer", 20_000m, 1m)]);
        Assert.Equal(-0.1m, a.Bucket("core").HedgeUnitsAt(100_000m));
        Assert.Equal(66.666667m, Math.Round(a.Bucket("satellite").HedgeUnitsAt(150m), 6));
        Assert.Equal(0m, a.Bucket("buffer").HedgeUnitsAt(1m));
        var bad = Assert.Throws<ArgumentOutOfRangeException>("price", () => a.Bucket("satellite").HedgeUnitsAt(0m));
        Assert.Contains("got 0", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("price", () => a.Bucket("satellite").HedgeUnitsAt(0.0000000000000000000000001m));
    }
}
