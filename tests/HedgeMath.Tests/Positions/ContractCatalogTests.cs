using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Positions;

public class ContractCatalogTests
{
    [Theory]
    [InlineData("binance-usdm", "BTCUSDT"), InlineData("binance-usdm", "ETHUSDT"), InlineData("binance-usdm", "SOLUSDT")]
    [InlineData("binance-usdm", "XRPUSDT"), InlineData("binance-usdm", "BNBUSDT"), InlineData("binance-usdm", "DOGEUSDT")]
    [InlineData("binance-usdm", "ADAUSDT"), InlineData("binance-usdm", "LINKUSDT"), InlineData("binance-usdm", "AVAXUSDT")]
    [InlineData("binance-usdm", "LTCUSDT"), InlineData("binance-coinm", "BTCUSD_PERP"), InlineData("bybit-linear", "BTCUSDT")]
    [InlineData("okx-swap", "BTC-USDT-SWAP"), InlineData("okx-swap", "ETH-USDT-SWAP")]
    public void Find_EveryListedContract_IsTaggedWithItsExchangeAndSource(string exchange, string symbol)
    {
        var entry = Contracts.Entry(exchange, symbol);
        Assert.Equal(exchange, entry.Exchange);
        Assert.Equal(symbol, entry.Symbol);
        Assert.Same(entry.Contract, Contracts.Find(exchange.ToUpperInvariant(), symbol.ToLowerInvariant()));
        Assert.False(string.IsNullOrWhiteSpace(entry.Source));
        Assert.False(string.IsNullOrWhiteSpace(entry.AsOf));
        Assert.Equal(entry.Rule, MarginCalc.DefaultRule(entry.Contract));
    }

    [Fact]
    public void All_ListsEveryContractOnce()
    {
        var keys = Contracts.All.Select(e => $"{e.Exchange} {e.Symbol}").ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(keys.Count >= 12);
    }

    [Fact]
    public void Find_UnknownSymbol_ThrowsListingClosestMatches()
    {
        var ex = Assert.Throws<ArgumentException>(() => Contracts.Find("binance-usdm", "ETHUSD"));
        Assert.Equal("symbol", ex.ParamName);
        Assert.Contains("binance-usdm ETHUSDT", ex.Message);
    }

    [Fact]
    public void Find_UnknownExchange_ThrowsNamingTheExchangesItHas()
    {
        var ex = Assert.Throws<ArgumentException>(() => Contracts.Find("binanse", "BTCUSDT"));
        Assert.Equal("exchange", ex.ParamName);
        Assert.Contains("binance-usdm", ex.Message);
        Assert.Contains("binance-usdm BTCUSDT", ex.Message);
    }

    [Fact]
    public void TryFind_UnknownOrNull_ReturnsFalse()
    {
        Assert.False(Contracts.TryFind("bybit-linear", "NOPE", out _));
        Assert.False(Contracts.TryFind(null, "BTCUSDT", out _));
        Assert.True(Contracts.TryFind("bybit-linear", "btcusdt", out var c));
        Assert.Equal("BTCUSDT", c!.Symbol);
    }

    [Fact]
    public void Presets_AreServedFromTheCatalog()
    {
        Assert.Same(Contracts.Find("binance-usdm", "BTCUSDT"), Contracts.BinanceBtcUsdt);
        Assert.Same(Contracts.Find("binance-usdm", "ETHUSDT"), Contracts.BinanceEthUsdt);
        Assert.Same(Contracts.Find("binance-coinm", "BTCUSD_PERP"), Contracts.BinanceCoinMBtcUsd);
    }

    [Fact]
    public void BinanceBnbUsdt_TiersAreTheExchangeBrackets()
    {
        // freqtrade binance_leverage_tiers.json (2024-10-24), BNB/USDT:USDT bracket 1: cap 10,000, 75x, MMR 0.5 %, cum 0.
        var c = Contracts.Find("binance-usdm", "BNBUSDT");
        var t1 = c.Tiers.Tiers[0];
        Assert.Equal((0m, 10_000m, 75m, 0.005m, 0m), (t1.NotionalFloor, t1.NotionalCap, t1.MaxLeverage, t1.MaintenanceMarginRate, t1.MaintenanceAmount));
        Assert.Equal(10, c.Tiers.Count);
        Assert.Equal("BNB", c.BaseAsset);
        Assert.Contains("tickSize", Contracts.Entry("binance-usdm", "BNBUSDT").Unverified);
    }

    [Fact]
    public void BybitBtcUsdt_UsesBybitTiersFeesAndRule()
    {
        // Recorded Bybit risk-limit list for BTCUSDT: 2,000,000 @ MMR 0.5 % / 100x; 4,000,000 @ 1 % / 57.14x; 6,000,000 @ 1.5 % / 40x.
        // MM deduction by Bybit's recurrence: tier 2 = 2,000,000 × (0.01 − 0.005) = 10,000;
        // tier 3 = 10,000 + 4,000,000 × (0.015 − 0.01) = 30,000.
        var c = Contracts.Find("bybit-linear", "BTCUSDT");
        Assert.Equal(LiquidationRule.BybitLinear, c.Rule);
        Assert.Equal([0m, 10_000m, 30_000m], c.Tiers.Tiers.Select(t => t.MaintenanceAmount));
        Assert.Equal(57.14m, c.Tiers.Tiers[1].MaxLeverage);
        Assert.Equal((0.0001m, 0.0006m), (c.MakerFeeRate, c.TakerFeeRate));
        Assert.Equal(TimeSpan.FromHours(8), c.FundingInterval);
    }

    [Fact]
    public void BybitBtcUsdt_LiquidationPrice_IsBybitsR3NotBinances()
    {
        // Reference R3 (Bybit help centre): long 1 BTC @ 20,000, 50x, MMR 0.5 % → LP = 20,000 − (400 − 100)/1 = 19,700.
        // The catalog contract carries Bybit's rule and tier 1 (MMR 0.5 %), so no rule needs to be passed.
        var p = Position.Open(Contracts.Find("bybit-linear", "BTCUSDT"), Side.Long, 1m, 20_000m, 50m);
        Assert.Equal(19_700m, MarginCalc.LiquidationPrice(p));
        Assert.Equal(LiquidationRule.BybitLinear, MarginCalc.Isolated(p, 20_000m).Rule);
    }

    [Fact]
    public void BybitBtcUsdt_AboveTheSourcedTiers_Throws()
    {
        // Tiers above 6,000,000 USDT are not sourced and are left out rather than guessed.
        Assert.Throws<ArgumentOutOfRangeException>(() => Position.Open(Contracts.Find("bybit-linear", "BTCUSDT"), Side.Long, 200m, 40_000m, 1m));
    }

    public static TheoryData<string, string> AllKeys()
    {
        var d = new TheoryData<string, string>();
        foreach (var e in Contracts.All) d.Add(e.Exchange, e.Symbol);
        return d;
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Tiers_RoundTripThroughEveryPublishedFormat(string exchange, string symbol)
    {
        var c = Contracts.Find(exchange, symbol);
        bool coin = c.Type == ContractType.Inverse;
        var binance = MarginTierTable.FromBinanceBrackets(c.Tiers.ToBinanceBracketsJson(symbol, coin), symbol);
        var bybit = MarginTierTable.FromBybitRiskLimits(c.Tiers.ToBybitRiskLimitsJson(symbol), symbol);
        var ccxt = MarginTierTable.FromExchangeClientTiers(c.Tiers.ToExchangeClientTiersJson("K", c.SettlementAsset), "K");
        for (int i = 0; i < c.Tiers.Count; i++)
        {
            var t = c.Tiers.Tiers[i];
            Assert.True(t.Equals(binance.Tiers[i]), $"Binance brackets: {t} became {binance.Tiers[i]}");
            Assert.True(t.Equals(bybit.Tiers[i]), $"Bybit risk limits: {t} became {bybit.Tiers[i]}");
            Assert.True(t.Equals(ccxt.Tiers[i]), $"CCXT tiers: {t} became {ccxt.Tiers[i]}");
        }
        if (c.Tiers.Basis == TierBasis.Quantity)
        {
            // OKX position tiers count contracts: written with the contract value, read back with it, same tiers and basis.
            var okx = MarginTierTable.FromOkxPositionTiers(c.Tiers.ToOkxPositionTiersJson("F", c.ContractSize), "F", c.ContractSize);
            Assert.Equal(TierBasis.Quantity, okx.Basis);
            Assert.True(c.Tiers.Tiers.SequenceEqual(okx.Tiers), "OKX position tiers round trip");
        }
    }

    [Fact]
    public void FromBybitRiskLimits_OtherSymbolOnly_ThrowsNamingSymbol()
    {
        var json = """{"result":{"list":[{"symbol":"ETHUSDT","riskLimitValue":"1000000","maintenanceMargin":"0.005","maxLeverage":"100","mmDeduction":""}]}}""";
        var ex = Assert.Throws<ArgumentException>(() => MarginTierTable.FromBybitRiskLimits(json, "BTCUSDT"));
        Assert.Equal("symbol", ex.ParamName);
    }

    [Fact]
    public void FromBybitRiskLimits_GivenDeduction_IsKept()
    {
        var json = """[{"riskLimitValue":"200000","maintenanceMargin":"0.01","maxLeverage":"50","mmDeduction":"0"},{"riskLimitValue":"1000000","maintenanceMargin":"0.025","maxLeverage":"20","mmDeduction":"3000"}]""";
        var t = MarginTierTable.FromBybitRiskLimits(json);
        Assert.Equal(3000m, t.Tiers[1].MaintenanceAmount);
        Assert.Equal(200_000m, t.Tiers[1].NotionalFloor);
    }
}
