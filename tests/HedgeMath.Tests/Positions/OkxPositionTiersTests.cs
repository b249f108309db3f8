using HedgeMath.Exchanges;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Positions;

/// <summary>OKX position tiers (counted in contracts) and the OKX swaps of the catalog.</summary>
public class OkxPositionTiersTests
{
    // OKX GET /api/v5/public/position-tiers, instType SWAP, tier 1 of BTC-USDT as recorded from the live venue on
    // 2026-09-25 (BYTEX-TRADE/bytex tests/Bytex.Adapters.Tests/Fixtures/OkxPayloads.cs): 0–1,000 contracts, 100x, MMR 0.4 %.
    private const string Recorded = """
        {"code":"0","msg":"","data":[{"baseMaxLoan":"","imr":"0.01","instFamily":"BTC-USDT","instId":"","maxLever":"100","maxSz":"1000","minSz":"0","mmr":"0.004","optMgnFactor":"0","quoteMaxLoan":"","tier":"1","uly":"BTC-USDT"},
        {"baseMaxLoan":"","imr":"0.01","instFamily":"ETH-USDT","instId":"","maxLever":"100","maxSz":"5000","minSz":"0","mmr":"0.004","optMgnFactor":"0","quoteMaxLoan":"","tier":"1","uly":"ETH-USDT"}]}
        """;

    // Three tiers as OKX announces them, each minSz one contract above the previous maxSz: CHZUSDT perpetual,
    // 0–5,000 / 5,001–7,500 / 7,501–15,000 contracts at MMR 1 % / 1.5 % / 2 %, 75x / 50x / 20x (OKX "OKX position tiers
    // to be adjusted", April 2022, help-centre announcement). Written here in the API's layout.
    private const string Announced = """
        {"code":"0","data":[
          {"instFamily":"CHZ-USDT","tier":"1","minSz":"0","maxSz":"5000","mmr":"0.01","imr":"0.013","maxLever":"75"},
          {"instFamily":"CHZ-USDT","tier":"2","minSz":"5001","maxSz":"7500","mmr":"0.015","imr":"0.02","maxLever":"50"},
          {"instFamily":"CHZ-USDT","tier":"3","minSz":"7501","maxSz":"15000","mmr":"0.02","imr":"0.05","maxLever":"20"}]}
        """;

    [Fact]
    public void FromOkxPositionTiers_RecordedResponse_BoundsInContractsTimesContractValue()
    {
        // ctVal of BTC-USDT-SWAP is 0.01 BTC: 1,000 contracts = 10 BTC.
        var t = MarginTierTable.FromOkxPositionTiers(Recorded, "BTC-USDT", 0.01m);
        Assert.Equal(TierBasis.Quantity, t.Basis);
        var tier = Assert.Single(t.Tiers);
        Assert.Equal((0m, 10m, 100m, 0.004m, 0m), (tier.NotionalFloor, tier.NotionalCap, tier.MaxLeverage, tier.MaintenanceMarginRate, tier.MaintenanceAmount));
        // ETH-USDT: ctVal 0.1 ETH, 5,000 contracts = 500 ETH; the family is matched case-insensitively.
        Assert.Equal(500m, MarginTierTable.FromOkxPositionTiers(Recorded, "eth-usdt", 0.1m).Tiers[0].NotionalCap);
    }

    [Fact]
    public void FromOkxPositionTiers_MinSizeOneAbovePreviousMax_IsContiguous()
    {
        var t = MarginTierTable.FromOkxPositionTiers(Announced, null, 10m);
        Assert.Equal(3, t.Count);
        // Tier 2 covers (5,000, 7,500] contracts = (50,000, 75,000] × ctVal 10.
        Assert.Equal((50_000m, 75_000m, 50m, 0.015m), (t.Tiers[1].NotionalFloor, t.Tiers[1].NotionalCap, t.Tiers[1].MaxLeverage, t.Tiers[1].MaintenanceMarginRate));
        var back = MarginTierTable.FromOkxPositionTiers(t.ToOkxPositionTiersJson("CHZ-USDT", 10m), "CHZ-USDT", 10m);
        Assert.True(t.Tiers.SequenceEqual(back.Tiers));
        Assert.Equal(TierBasis.Quantity, back.Basis);
    }

    [Fact]
    public void FromOkxPositionTiers_Gap_NamesTheTier()
    {
        var ex = BadInput.Throws("json", () => MarginTierTable.FromOkxPositionTiers(Announced.Replace("\"5001\"", "\"5100\""), null, 1m));
        Assert.Contains("tier 2", ex.Message);
    }

    [Fact]
    public void FromOkxPositionTiers_BadArguments_NameTheParameter()
    {
        BadInput.Throws("instFamily", () => MarginTierTable.FromOkxPositionTiers(Recorded, null, 0.01m)); // two families
        BadInput.Throws("instFamily", () => MarginTierTable.FromOkxPositionTiers(Recorded, "SOL-USDT", 1m));
        BadInput.Rejects<decimal>("contractValue", v => MarginTierTable.FromOkxPositionTiers(Recorded, "BTC-USDT", v), BadInput.NonPositiveDecimals);
        BadInput.Throws("json", () => MarginTierTable.FromOkxPositionTiers("{", "BTC-USDT", 1m));
        BadInput.Throws("json", () => MarginTierTable.FromOkxPositionTiers("""{"data":[{"instFamily":"X","tier":"1","minSz":"0","maxSz":"10","maxLever":"10"}]}""", "X", 1m));
        Assert.Throws<ArgumentNullException>(() => MarginTierTable.FromOkxPositionTiers(null!, "X", 1m));
    }

    [Fact]
    public void ToOkxPositionTiersJson_NotionalTable_Throws()
    {
        // Binance brackets bound the notional; OKX's format counts contracts, so there is nothing honest to write.
        BadInput.Throws("instFamily", () => Contract.BinanceBtcUsdt.Tiers.ToOkxPositionTiersJson("BTC-USDT", 0.01m));
        BadInput.Rejects<decimal>("contractValue", v => Contract.Find("okx-swap", "BTC-USDT-SWAP").Tiers.ToOkxPositionTiersJson("BTC-USDT", v), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void TierTableJson_Writers_NameTheirBadArguments()
    {
        // The writers live in HedgeMath.Exchanges (issue 25: no format writers in the core); each names what it rejects.
        var t = Contract.BinanceBtcUsdt.Tiers;
        BadInput.Throws("table", () => TierTableJson.ToBinanceBracketsJson(null!, "BTCUSDT"));
        BadInput.Throws("table", () => TierTableJson.ToBybitRiskLimitsJson(null!, "BTCUSDT"));
        BadInput.Throws("table", () => TierTableJson.ToExchangeClientTiersJson(null!, "K", "USDT"));
        BadInput.Throws("table", () => TierTableJson.ToOkxPositionTiersJson(null!, "F", 1m));
        BadInput.Throws("symbol", () => t.ToBybitRiskLimitsJson(" "));
        BadInput.Throws("currency", () => t.ToExchangeClientTiersJson("K", ""));
    }

    [Fact]
    public void Catalog_OkxBtcUsdtSwap_HasOkxInstrumentFacts()
    {
        // GET /api/v5/public/instruments (recorded in nautilus_trader and BYTEX-TRADE/bytex): ctVal 0.01 BTC, lotSz 0.01, tickSz 0.1.
        var e = Contract.Find("okx-swap", "BTC-USDT-SWAP");
        var c = e;
        Assert.Equal((ContractType.Linear, "USDT", 0.01m, 0.1m, 0.01m), (c.Type, c.SettlementAsset, c.ContractSize, c.TickSize, c.LotStep));
        Assert.Equal(LiquidationRule.OkxGate, e.Rule);
        Assert.Equal(TierBasis.Quantity, c.Tiers.Basis);
        Assert.Equal(TimeSpan.FromHours(8), c.FundingInterval);
        Assert.Contains(e.Unverified, u => u.Contains("makerFeeRate", StringComparison.Ordinal));
        Assert.Equal(0.1m, Contract.Find("okx-swap", "ETH-USDT-SWAP").ContractSize);
    }

    [Fact]
    public void Catalog_OkxTierIsFixedBySize_NotByPrice()
    {
        var c = Contract.Find("okx-swap", "BTC-USDT-SWAP");
        // 1,000 contracts (10 BTC) is inside tier 1 at any price: 500,000 USDT notional at 50,000, 2,000,000 at 200,000.
        Assert.Equal(100m, c.MaxLeverageFor(1_000m, 50_000m));
        Assert.Equal(100m, c.MaxLeverageFor(1_000m, 200_000m));
        // 1,001 contracts is beyond the one sourced tier whatever the price, and is refused rather than guessed.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Position.Open(c, Side.Long, 1_001m, 1_000m, 10m));
        Assert.Equal("quantity", ex.ParamName);
        // A notional alone does not say which tier an OKX position is in.
        BadInput.Throws("notional", () => c.MaxLeverageFor(500_000m));
    }

    [Fact]
    public void Catalog_OkxIsolatedLong_LiquidatesWithTheClosingFeeInMaintenance()
    {
        // 100 contracts × 0.01 BTC = 1 BTC long at 50,000 USDT, 10x isolated: margin 5,000 USDT.
        // OKX rule: equity = maintenance + taker fee to close, at the mark P:
        //   5,000 + 1·(P − 50,000) = 1·P·(0.004 + 0.0005)  →  P = 45,000 / 0.9955 = 45,203.4153…
        var c = Contract.Find("okx-swap", "BTC-USDT-SWAP");
        var p = Position.Open(c, Side.Long, 100m, 50_000m, 10m);
        Assert.Equal(5_000m, p.IsolatedMargin);
        Assert.Equal(45_203.42m, decimal.Round(MarginCalc.LiquidationPrice(p)!.Value, 2));
    }

    [Fact]
    public void MarginBatch_OkxContract_AgreesWithTheDecimalPath()
    {
        // The double batch path takes the tier by size too: the same 1 BTC long (100 contracts) gives 45,203.415…,
        // and its maintenance at the mark 50,000 is 50,000 · (0.4 % + 0.05 %) = 225 USDT on a 5,000 balance: ratio 4.5 %.
        var c = Contract.Find("okx-swap", "BTC-USDT-SWAP");
        var lp = new double[1]; var ratio = new double[1]; var dist = new double[1];
        MarginBatch.Isolated(c, [Side.Long], [100d], [50_000d], [5_000d], [50_000d], lp, ratio, dist);
        Assert.Equal(45_000d / 0.9955d, lp[0], 1e-6);
        Assert.Equal(0.045d, ratio[0], 1e-12);
    }
}
