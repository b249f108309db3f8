using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

public class ScenarioTests
{
    // The worked example: 1.0 BTC spot at 50,000; short 0.5 BTC at 10x on a single-tier test contract (MMR 0.4 %):
    // IM = 0.5 · 50,000 / 10 = 2,500; LP = 50,000 · (1 + 1/10) / 1.004 = 54,780.876…
    private static ScenarioSetup Worked(decimal? stop = null, decimal fee = 0m) =>
        ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 10m, Stub.Contract(feeRate: fee), stop);

    private static readonly decimal Liq10x = Stub.ShortLiquidation(50_000m, 10m);

    [Fact]
    public void AtPrice_WorkedExampleDrop_HedgeHalvesTheLoss()
    {
        var r = Worked().AtPrice(40_000m);
        Assert.Equal(-10_000m, r.SpotPnl);     // 1 · (40,000 − 50,000)
        Assert.Equal(5_000m, r.FuturesPnl);    // 0.5 · (50,000 − 40,000)
        Assert.Equal(-5_000m, r.NetPnl);
        Assert.Equal(-10_000m, r.UnhedgedPnl);
        Assert.Equal(5_000m, r.HedgeBenefit);
        Assert.Equal(HedgeExit.None, r.Exit);
        Assert.Equal(2_500m, r.InitialMargin);
    }

    [Fact]
    public void AtPrice_WithFeesAndFunding_ChargesBothLegsOfTheHedge()
    {
        var r = Worked(fee: 0.0005m).AtPrice(40_000m, FundingTerms.Constant(0.0001m, 30m));
        // fees: open 0.5·50,000·0.0005 = 12.5; close 0.5·40,000·0.0005 = 10 → 22.5
        Assert.Equal(22.5m, r.Fees);
        // funding received by the short on the straight path: 90 prints (8 h over 30 days) at p_k = 50,000 − 10,000·k/90:
        // Σ p_k = 90·50,000 − 10,000·(90·91/2)/90 = 4,500,000 − 455,000 = 4,045,000; × 0.5 × 0.0001 = 202.25
        Assert.Equal(202.25m, Math.Round(r.Funding, 10));
        Assert.Equal(-10_000m + 5_000m - 22.5m + 202.25m, Math.Round(r.NetPnl, 10));
    }

    [Fact]
    public void AtPrice_AboveLiquidation_LosesTheMargin()
    {
        var r = Worked().AtPrice(60_000m);
        Assert.True(r.Liquidated);
        Assert.Equal(Math.Round(Liq10x, 8), Math.Round(r.ExitPrice!.Value, 8));
        Assert.Equal(-2_500m, r.FuturesPnl);
        Assert.Equal(10_000m - 2_500m, r.NetPnl); // spot +10,000, hedge margin lost
    }

    [Fact]
    public void AtPrice_StopBelowLiquidation_StopsAtTheStop()
    {
        var r = Worked(stop: 52_000m).AtPrice(60_000m);
        Assert.True(r.StoppedOut);
        Assert.Equal(52_000m, r.ExitPrice);
        Assert.Equal(-1_000m, r.FuturesPnl); // 0.5 · (50,000 − 52,000)
        Assert.Equal(9_000m, r.NetPnl);
    }

    [Fact]
    public void AlongPath_SpikeThenDrop_LiquidatedShortDoesNotProtectTheDrop()
    {
        var r = Worked().AlongPath([51_000m, 56_000m, 40_000m]);
        Assert.True(r.Liquidated);
        Assert.Equal(2, r.ExitStep);
        Assert.Equal(-10_000m - 2_500m, r.NetPnl); // spot −10,000 and the hedge's margin lost
        Assert.Equal(-10_000m, r.UnhedgedPnl);
        Assert.Equal(Math.Round(Liq10x, 8), Math.Round(r.WorstMarkPrice, 8));
        Assert.Equal(Math.Round(0.5m * (50_000m - Liq10x), 6), Math.Round(r.WorstUnrealizedPnl, 6));
    }

    [Fact]
    public void AlongPath_CloseBeyondStop_FillsAtTheStop_OnTheStraightPath()
    {
        var r = Worked(stop: 52_000m).AlongPath([53_000m, 40_000m]);
        Assert.True(r.StoppedOut);
        Assert.Equal(52_000m, r.ExitPrice);       // the straight move 50,000 → 53,000 crosses 52,000
        Assert.Equal(-1_000m, r.FuturesPnl);
    }

    [Fact]
    public void AlongBars_GapThroughStop_FillsAtTheOpen()
    {
        var t = DateTimeOffset.UnixEpoch;
        var r = Worked(stop: 52_000m).AlongPath([PriceBar.Create(t, 50_000m, 50_500m, 49_800m, 50_100m), PriceBar.Create(t.AddDays(1), 53_000m, 53_200m, 39_000m, 40_000m)]);
        Assert.True(r.StoppedOut);
        Assert.Equal(2, r.ExitStep);
        Assert.Equal(53_000m, r.ExitPrice);
        Assert.Equal(-1_500m, r.FuturesPnl);  // 0.5 · (50,000 − 53,000)
        Assert.Equal(-11_500m, r.NetPnl);
    }

    [Fact]
    public void AlongPath_Funding_PaidOnNotionalAtEachStep()
    {
        var r = Worked().AlongPath([50_000m, 40_000m], [0.0003m, -0.0003m]);
        // 0.5·50,000·0.0003 − 0.5·40,000·0.0003 = 7.5 − 6 = 1.5
        Assert.Equal(1.5m, r.Funding);
    }

    [Fact]
    public void Inverse_WorkedExample_MatchesHandCalculation()
    {
        // docs/scenarios.md: 1 BTC at 50,000 hedged 0.5 with Binance COIN-M BTCUSD at 5x, straight to 40,000, no funding.
        // contracts = 0.5 · 1 · 50,000 / 100 = 250; PnL = 250 · 100 · (1/40,000 − 1/50,000) = 0.125 BTC (Binance COIN-M PnL formula)
        // fees = 0.0005 · (25,000/50,000 + 25,000/40,000) = 0.00025 + 0.0003125 = 0.0005625 BTC
        // hedge net = 0.1244375 BTC = 4,977.50 USD at 40,000; with the spot's −10,000: −5,022.50 USD
        var coin = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 5m, HedgeMath.Positions.Contract.BinanceCoinMBtcUsd);
        var r = coin.AtPrice(40_000m);
        Assert.Equal(250m, coin.HedgeQuantity);
        Assert.Equal("BTC", r.SettlementAsset);
        Assert.Equal(0.125m, r.FuturesPnlInSettlement);
        Assert.Equal(0.0005625m, r.FeesInSettlement);
        Assert.Equal(0.1244375m, r.HedgeNetInSettlement);
        Assert.Equal(5_000m, r.FuturesPnl);
        Assert.Equal(22.5m, r.Fees);
        Assert.Equal(-5_022.5m, r.NetPnl);
        Assert.Equal(0.1m, coin.InitialMargin);   // 25,000 / 50,000 / 5 BTC
    }

    [Fact]
    public void AtPrice_EthExample_ReportsBothViews()
    {
        // Hedging issue's example: 1.0 ETH left (cost 2,000), price at decision 3,000, short 1.0 ETH at 5x, price falls to 2,500.
        var s = ScenarioSetup.Create(1m, 2_000m, 3_000m, 1m, 5m, Stub.Contract());
        var r = s.AtPrice(2_500m);
        Assert.Equal(500m, r.SpotPnlVsCost);     // 2,500 − 2,000
        Assert.Equal(500m, r.FuturesPnl);        // 3,000 − 2,500
        Assert.Equal(1_000m, r.NetPnlVsCost);
        Assert.Equal(0m, r.NetPnl);              // vs decision: spot −500, short +500
    }

    [Fact]
    public void Create_TakesMarginFromTheModel()
    {
        var s = ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 10m, Stub.Contract(feeRate: 0.0005m));
        Assert.Equal(2_500m, s.InitialMargin);   // 0.5 · 50,000 / 10
        Assert.Equal(0.5m, s.HedgeQuantity);
        var r = s.AtPrice(52_000m);
        Assert.NotNull(r.MaintenanceMarginAtWorst);
        Assert.Equal(0.5m * 52_000m * 0.004m, r.MaintenanceMarginAtWorst); // notional at the worst mark × the tier's MMR (cum 0)
    }

    [Fact]
    public void TextForms_ContainTheNumbersAndFate()
    {
        var r = Worked().AlongPath([56_000m, 40_000m]);
        Assert.Contains("LIQUIDATED", r.ToString());
        // The table model (HedgeMath.Interactive) the CLI and the notebooks render: liquidated on the way to 56,000 at
        // (2,500 + 25,000) / 0.502 = 54,780.876..., shown truncated to the tick as exchanges display it.
        var table = ResultTables.Scenario(r);
        Assert.Contains(table.Rows, row => row[0].Text == "Net PnL (vs decision)");
        Assert.Contains(table.Facts, f => f.Key == "Hedge exit" && f.Value.Text == "liquidated");
        Assert.Contains(table.Facts, f => f.Key == "Exit price" && f.Value.ToString() == "54,780.87");
        var html = r.ToHtml();
        Assert.Contains("-12,500.00", html);
        Assert.StartsWith("<table", html);
        Assert.Contains("<td>Futures PnL</td>", html);
        System.Xml.Linq.XElement.Parse(html); // well-formed
    }

    [Fact]
    public void BadInput_IsRejectedNamingTheParameter()
    {
        var s = Worked();
        BadInput.Rejects("price", (decimal p) => s.AtPrice(p), BadInput.NonPositiveDecimals);
        BadInput.Rejects("holdingDays", (decimal d) => s.AtPrice(1m, FundingTerms.Constant(0.0001m, d)), -1m, -0.5m);
        BadInput.Rejects("spotQuantity", (decimal q) => ScenarioSetup.Create(q, 1m, 1m, 0m, 1m, Stub.Contract()), BadInput.NonPositiveDecimals);
        BadInput.Rejects("decisionPrice", (decimal p) => ScenarioSetup.Create(1m, 1m, p, 0.5m, 2m, Stub.Contract()), BadInput.NonPositiveDecimals);
        BadInput.Rejects("hedgeRatio", (decimal h) => ScenarioSetup.Create(1m, 1m, 1m, h, 2m, Stub.Contract()), -0.1m, 10.01m);
        BadInput.Rejects("leverage", (decimal l) => ScenarioSetup.Create(1m, 1m, 1m, 0.5m, l, Stub.Contract()), 0m, 0.99m, 126m);
        BadInput.Rejects("stopPrice", (decimal st) => Worked(stop: st), 50_000m, 49_000m);
        BadInput.Throws("contract", () => ScenarioSetup.Create(1m, 1m, 1m, 0.5m, 2m, null!));
        var inverse = ScenarioSetup.Create(1m, 1m, 50_000m, 0.5m, 2m, HedgeMath.Positions.Contract.BinanceCoinMBtcUsd);
        BadInput.Rejects("price", (decimal p) => inverse.AtPrice(p), BadInput.NonPositiveDecimals); // an inverse book cannot be priced at 0
        BadInput.Throws("prices", () => s.AlongPath(Array.Empty<decimal>()));
        BadInput.Throws("prices", () => s.AlongPath([1m, 0m]));
        BadInput.Throws("fundingRates", () => s.AlongPath([1m, 2m], [0.0001m]));
    }

    private static Arbitrary<decimal[]> Paths() =>
        Gen.Choose(1, 20).SelectMany(n => Gen.ArrayOf(Gen.Choose(1_000, 200_000).Select(i => (decimal)i), n)).ToArbitrary();

    [HedgeProperty(QuickTests = 1000)]
    public Property RatioZero_EqualsUnhedged_InEveryScenario()
    {
        var s = ScenarioSetup.Create(1.5m, 30_000m, 50_000m, 0m, 10m, Stub.Contract(feeRate: 0.0005m), stopPrice: 55_000m);
        return Prop.ForAll(Paths(), path =>
        {
            var a = s.AlongPath(path, path.Select(_ => 0.0003m).ToArray());
            var b = s.AtPrice(path[^1], FundingTerms.Constant(0.0001m, 30m));
            return a.NetPnl == a.UnhedgedPnl && a.NetPnlVsCost == a.UnhedgedPnlVsCost && a.Exit == HedgeExit.None
                && b.NetPnl == b.UnhedgedPnl && b.Fees == 0m && b.Funding == 0m;
        });
    }

    private static readonly ScenarioSetup FullHedgeNoCosts = ScenarioSetup.Create(2m, 40_000m, 50_000m, 1m, 5m, Stub.Contract());

    [HedgeProperty(QuickTests = 1000)]
    public Property FullHedgeSameAssetNoCosts_NetPnlIsFlatAlongAPath_UnlessTheHedgeExits() =>
        Prop.ForAll(Paths(), path =>
        {
            var r = FullHedgeNoCosts.AlongPath(path);
            // A path that crosses the liquidation price ends the hedge; until then spot and hedge cancel exactly.
            return (r.Exit != HedgeExit.None || r.NetPnl == 0m).Classify(r.Exit != HedgeExit.None, "hedge exited on the path");
        });

    [HedgeProperty(QuickTests = 1000)]
    public Property FullHedgeSameAssetNoCosts_NetPnlIsZero_AtAnyPriceBelowLiquidation() =>
        // The stub liquidates the 5x short at 50,000·(1 + 1/5)/(1 + 0.004) ≈ 59,761, above 59,000, the highest price generated.
        Prop.ForAll(Gen.Choose(1_000, 59_000).ToArbitrary(), p => FullHedgeNoCosts.AtPrice(p).NetPnl == 0m);
}
