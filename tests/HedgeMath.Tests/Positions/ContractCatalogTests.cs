using HedgeMath.Exchanges;
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
    [InlineData("bybit-linear", "ETHUSDT"), InlineData("bybit-linear", "SOLUSDT"), InlineData("bybit-inverse", "BTCUSD")]
    [InlineData("okx-swap", "BTC-USDT-SWAP"), InlineData("okx-swap", "ETH-USDT-SWAP")]
    public void Find_EveryListedContract_IsTaggedWithItsExchangeAndSource(string exchange, string symbol)
    {
        var entry = Contract.Find(exchange, symbol);
        Assert.Equal(exchange, entry.Exchange);
        Assert.Equal(symbol, entry.Symbol);
        Assert.Same(entry, Contract.Find(exchange.ToUpperInvariant(), symbol.ToLowerInvariant()));
        Assert.False(string.IsNullOrWhiteSpace(entry.Source));
        Assert.False(string.IsNullOrWhiteSpace(entry.AsOf));
        Assert.Equal(entry.Rule, MarginCalc.DefaultRule(entry));
    }

    [Fact]
    public void All_ListsEveryContractOnce()
    {
        var keys = Contract.Catalog.Select(e => $"{e.Exchange} {e.Symbol}").ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(keys.Count >= 12);
    }

    [Fact]
    public void Find_UnknownSymbol_ThrowsListingClosestMatches()
    {
        var ex = Assert.Throws<ArgumentException>(() => Contract.Find("binance-usdm", "ETHUSD"));
        Assert.Equal("symbol", ex.ParamName);
        Assert.Contains("binance-usdm ETHUSDT", ex.Message);
    }

    [Fact]
    public void Find_UnknownExchange_ThrowsNamingTheExchangesItHas()
    {
        var ex = Assert.Throws<ArgumentException>(() => Contract.Find("binanse", "BTCUSDT"));
        Assert.Equal("exchange", ex.ParamName);
        Assert.Contains("binance-usdm", ex.Message);
        Assert.Contains("binance-usdm BTCUSDT", ex.Message);
    }

    [Fact]
    public void TryFind_UnknownOrNull_ReturnsFalse()
    {
        Assert.False(Contract.TryFind("bybit-linear", "NOPE", out _));
        Assert.False(Contract.TryFind(null, "BTCUSDT", out _));
        Assert.True(Contract.TryFind("bybit-linear", "btcusdt", out var c));
        Assert.Equal("BTCUSDT", c!.Symbol);
    }

    [Fact]
    public void Presets_AreServedFromTheCatalog()
    {
        Assert.Same(Contract.Find("binance-usdm", "BTCUSDT"), Contract.BinanceBtcUsdt);
        Assert.Same(Contract.Find("binance-usdm", "ETHUSDT"), Contract.BinanceEthUsdt);
        Assert.Same(Contract.Find("binance-coinm", "BTCUSD_PERP"), Contract.BinanceCoinMBtcUsd);
    }

    [Fact]
    public void BinanceBnbUsdt_TiersAreTheExchangeBrackets()
    {
        // freqtrade binance_leverage_tiers.json (2024-10-24), BNB/USDT:USDT bracket 1: cap 10,000, 75x, MMR 0.5 %, cum 0.
        var c = Contract.Find("binance-usdm", "BNBUSDT");
        var t1 = c.Tiers.Tiers[0];
        Assert.Equal((0m, 10_000m, 75m, 0.005m, 0m), (t1.NotionalFloor, t1.NotionalCap, t1.MaxLeverage, t1.MaintenanceMarginRate, t1.MaintenanceAmount));
        Assert.Equal(10, c.Tiers.Count);
        Assert.Equal("BNB", c.BaseAsset);
        Assert.Contains("tickSize", Contract.Find("binance-usdm", "BNBUSDT").Unverified);
    }

    [Fact]
    public void BybitBtcUsdt_UsesBybitTiersFeesAndRule()
    {
        // Bybit GET /v5/market/risk-limit (mainnet, 2026-08-05; SoftwareMaestro16/trade-bot marginTierData.json):
        // tier 1 2,000,000 @ MMR 0.5 % / 100x; tier 2 2,600,000 @ 0.56 % / 90x, deduction 1,200 = 2,000,000 × 0.06 %;
        // tier 35 1,200,000,000 @ 60 % / 1x, deduction 226,382,000. Fees: Bybit fee-rate response (maker 0.01 %, taker 0.06 %).
        var c = Contract.Find("bybit-linear", "BTCUSDT");
        Assert.Equal(LiquidationRule.BybitLinear, c.Rule); // Bybit's help-centre rule (R3); BybitLinearUnified on request
        Assert.Equal(35, c.Tiers.Count);
        var t2 = c.Tiers.Tiers[1];
        Assert.Equal((2_000_000m, 2_600_000m, 90m, 0.0056m, 1_200m), (t2.NotionalFloor, t2.NotionalCap, t2.MaxLeverage, t2.MaintenanceMarginRate, t2.MaintenanceAmount));
        var t35 = c.Tiers.Tiers[34];
        Assert.Equal((1_200_000_000m, 1m, 0.6m, 226_382_000m), (t35.NotionalCap, t35.MaxLeverage, t35.MaintenanceMarginRate, t35.MaintenanceAmount));
        Assert.Equal((0.0001m, 0.0006m), (c.MakerFeeRate, c.TakerFeeRate));
        Assert.Equal((0.1m, 0.001m), (c.TickSize, c.LotStep));
        Assert.Equal(TimeSpan.FromHours(8), c.FundingInterval);
        Assert.Contains(Contract.Find("bybit-linear", "BTCUSDT").Unverified, u => u.Contains("stale"));
    }

    [Fact]
    public void BybitEthAndSolUsdt_TiersAreTheRecordedRiskLimits()
    {
        // Same snapshot. ETHUSDT tier 1: 900,000 @ 0.5 % / 100x; tier 13: 28,000,000 @ 2 % / 25x, deduction 168,220;
        // tier 35: 1,000,000,000 @ 60 % / 1x, deduction 138,018,220. SOLUSDT tier 1: 50,000 @ 0.5 % / 100x; tier 8:
        // 1,000,000 @ 1 % / 50x, deduction 2,435; tier 35: 300,000,000 @ 50 % / 1x, deduction 66,399,135.
        var eth = Contract.Find("bybit-linear", "ETHUSDT");
        Assert.Equal(("ETH", "USDT", 35), (eth.BaseAsset, eth.QuoteAsset, eth.Tiers.Count));
        Assert.Equal((900_000m, 100m, 0.005m), (eth.Tiers.Tiers[0].NotionalCap, eth.Tiers.Tiers[0].MaxLeverage, eth.Tiers.Tiers[0].MaintenanceMarginRate));
        Assert.Equal((28_000_000m, 25m, 0.02m, 168_220m), (eth.Tiers.Tiers[12].NotionalCap, eth.Tiers.Tiers[12].MaxLeverage, eth.Tiers.Tiers[12].MaintenanceMarginRate, eth.Tiers.Tiers[12].MaintenanceAmount));
        Assert.Equal((1_000_000_000m, 0.6m, 138_018_220m), (eth.Tiers.Tiers[34].NotionalCap, eth.Tiers.Tiers[34].MaintenanceMarginRate, eth.Tiers.Tiers[34].MaintenanceAmount));
        Assert.Equal((0.01m, 0.01m), (eth.TickSize, eth.LotStep));
        var sol = Contract.Find("bybit-linear", "SOLUSDT");
        Assert.Equal(("SOL", 35), (sol.BaseAsset, sol.Tiers.Count));
        Assert.Equal((50_000m, 100m, 0.005m), (sol.Tiers.Tiers[0].NotionalCap, sol.Tiers.Tiers[0].MaxLeverage, sol.Tiers.Tiers[0].MaintenanceMarginRate));
        Assert.Equal((1_000_000m, 50m, 0.01m, 2_435m), (sol.Tiers.Tiers[7].NotionalCap, sol.Tiers.Tiers[7].MaxLeverage, sol.Tiers.Tiers[7].MaintenanceMarginRate, sol.Tiers.Tiers[7].MaintenanceAmount));
        Assert.Equal((300_000_000m, 1m, 0.5m, 66_399_135m), (sol.Tiers.Tiers[34].NotionalCap, sol.Tiers.Tiers[34].MaxLeverage, sol.Tiers.Tiers[34].MaintenanceMarginRate, sol.Tiers.Tiers[34].MaintenanceAmount));
        Assert.Contains("tickSize", Contract.Find("bybit-linear", "SOLUSDT").Unverified);
    }

    [Theory]
    [InlineData("BTCUSDT"), InlineData("ETHUSDT"), InlineData("SOLUSDT")]
    public void BybitRecordedDeductions_AreBybitsRecurrence(string symbol)
    {
        // The snapshot records every MM deduction. Blank them and let the loader derive them by Bybit's published
        // recurrence (deduction(n) = risk limit(n−1) × (MMR(n) − MMR(n−1)) + deduction(n−1)): the same numbers must come back.
        var text = File.ReadAllText(RepoPaths.Of("data/catalog/bybit_linear_risk_limit_2026-08-05.json"));
        var blanked = System.Text.RegularExpressions.Regex.Replace(text, "\"mmDeduction\": \"[0-9.]*\"", "\"mmDeduction\": \"\"");
        Assert.NotEqual(text, blanked);
        var derived = MarginTierTable.FromBybitRiskLimits(blanked, symbol);
        var recorded = Contract.Find("bybit-linear", symbol).Tiers.Tiers;
        Assert.Equal(35, derived.Count);
        for (int i = 0; i < derived.Count; i++)
            Assert.True(recorded[i].MaintenanceAmount == derived.Tiers[i].MaintenanceAmount && recorded[i].NotionalCap == derived.Tiers[i].NotionalCap,
                $"{symbol} tier {i + 1}: recorded deduction {recorded[i].MaintenanceAmount}, recurrence {derived.Tiers[i].MaintenanceAmount}");
    }

    [Fact]
    public void BybitBtcUsdt_Tiers1To20_AreBybitsPublishedMarginParameters()
    {
        // Bybit "Margin Parameters" page, USDT perpetual BTCUSDT (stored copy of the bybitx.global mirror): risk limit, max
        // leverage, MMR, MM deduction of tiers 1-20, written out here; the catalog's API snapshot must agree.
        (decimal Cap, decimal Lev, decimal Mmr, decimal Deduction)[] page =
        [
            (2_000_000m, 100m, 0.005m, 0m), (2_600_000m, 90m, 0.0056m, 1_200m), (3_200_000m, 80m, 0.0063m, 3_020m),
            (3_800_000m, 75m, 0.0067m, 4_300m), (4_400_000m, 70m, 0.0071m, 5_820m), (5_000_000m, 65m, 0.0077m, 8_460m),
            (5_600_000m, 55m, 0.0091m, 15_460m), (8_500_000m, 50m, 0.01m, 20_500m), (10_000_000m, 45m, 0.013m, 46_000m),
            (14_000_000m, 40m, 0.015m, 66_000m), (20_000_000m, 35m, 0.016m, 80_000m), (28_000_000m, 30m, 0.02m, 160_000m),
            (38_000_000m, 25m, 0.025m, 300_000m), (50_000_000m, 20m, 0.029m, 452_000m), (55_000_000m, 19m, 0.03m, 502_000m),
            (60_000_000m, 18m, 0.035m, 777_000m), (65_000_000m, 17m, 0.036m, 837_000m), (70_000_000m, 16m, 0.038m, 967_000m),
            (75_000_000m, 15m, 0.04m, 1_107_000m), (80_000_000m, 14m, 0.045m, 1_482_000m),
        ];
        var tiers = Contract.Find("bybit-linear", "BTCUSDT").Tiers.Tiers;
        for (int i = 0; i < page.Length; i++)
            Assert.True((tiers[i].NotionalCap, tiers[i].MaxLeverage, tiers[i].MaintenanceMarginRate, tiers[i].MaintenanceAmount) == page[i],
                $"tier {i + 1}: catalog {tiers[i]}, Bybit's page {page[i]}");
    }

    [Fact]
    public void BybitInverseBtcUsd_ReproducesBybitsInverseExample()
    {
        // Tier 1 of Bybit BTCUSD: up to 150 BTC, MMR 0.5 %, 100x (recorded risk limits; Bybit API docs example and help
        // centre). Bybit's inverse example assumes exactly that MMR: 60,000 USD at 50,000, 10x, no extra margin →
        // long 60,000 × 1.005/(1.2 + 0.12) = 45,681.82; short 60,000 × 0.995/(1.2 − 0.12) = 55,277.78.
        var c = Contract.Find("bybit-inverse", "BTCUSD");
        Assert.Equal((ContractType.Inverse, 1m, "BTC"), (c.Type, c.ContractSize, c.SettlementAsset));
        Assert.Equal((150m, 100m, 0.005m), (c.Tiers.Tiers[0].NotionalCap, c.Tiers.Tiers[0].MaxLeverage, c.Tiers.Tiers[0].MaintenanceMarginRate));
        Assert.Equal(LiquidationRule.BybitInverse, c.Rule);
        // Fees: Bybit "Perpetual & Futures Contract: Fees Explained" (2024-10-16), inverse perpetual: maker 0.02 %, taker 0.055 %.
        Assert.Equal((0.0002m, 0.00055m), (c.MakerFeeRate, c.TakerFeeRate));
        Assert.Equal(45_681.82m, Math.Round(MarginCalc.LiquidationPrice(Position.Open(c, Side.Long, 60_000m, 50_000m, 10m))!.Value, 2));
        Assert.Equal(55_277.78m, Math.Round(MarginCalc.LiquidationPrice(Position.Open(c, Side.Short, 60_000m, 50_000m, 10m))!.Value, 2));
        // Above the recorded tiers (400 BTC at 50,000 = 20,000,000 contracts of 1 USD): no tier, so the position is refused.
        Assert.Throws<ArgumentOutOfRangeException>(() => Position.Open(c, Side.Long, 20_000_000m, 50_000m, 1m));
        Assert.Contains(Contract.Find("bybit-inverse", "BTCUSD").Unverified, u => u.Contains("300 BTC"));
    }

    [Fact]
    public void BybitInverseBtcUsd_Tiers1And2_AreBybitsRiskLimits()
    {
        // Bybit's live GET /v2/public/risk-limit/list?symbol=BTCUSD response of 2022-05-09 (printed in ccxt/ccxt pull
        // request #13172; rates in percent there): limit 150, max_leverage 100, maintain_margin 0.5; limit 300,
        // max_leverage 66.67, maintain_margin 1. Bybit's help centre "Maintenance Margin (Inverse Contract)": 150 BTC or
        // below 0.5 %, up to 300 BTC 1 %. The catalog holds the 2026-09-26 v5 recording; the two must agree.
        (decimal Cap, decimal Lev, decimal Mmr)[] v2 = [(150m, 100m, 0.005m), (300m, 66.67m, 0.01m)];
        var tiers = Contract.Find("bybit-inverse", "BTCUSD").Tiers.Tiers;
        Assert.Equal(2, tiers.Length);
        for (int i = 0; i < v2.Length; i++)
            Assert.Equal(v2[i], (tiers[i].NotionalCap, tiers[i].MaxLeverage, tiers[i].MaintenanceMarginRate));
        Assert.Equal(150m, tiers[1].NotionalFloor);
        // The recorded deduction of tier 2 (0.75 BTC) is Bybit's recurrence: 150 × (1 % − 0.5 %). Blank it and the loader
        // derives the same number.
        var text = File.ReadAllText(RepoPaths.Of("data/catalog/bybit_inverse_risk_limit_BTCUSD_2026-09-26.json"));
        Assert.Equal(0.75m, tiers[1].MaintenanceAmount);
        var blanked = text.Replace("\"mmDeduction\": \"0.75\"", "\"mmDeduction\": \"\"", StringComparison.Ordinal);
        Assert.NotEqual(text, blanked);
        Assert.Equal(0.75m, MarginTierTable.FromBybitRiskLimits(blanked, "BTCUSD").Tiers[1].MaintenanceAmount);
        // 200 BTC (10,000,000 contracts at 50,000) now lies in tier 2: MM = 200 × 1 % − 0.75 = 1.25 BTC.
        var snap = MarginCalc.Isolated(Position.Open(Contract.Find("bybit-inverse", "BTCUSD"), Side.Long, 10_000_000m, 50_000m, 50m), 50_000m);
        Assert.Equal((2, 200m, 1.25m), (snap.Tier.Tier, snap.Notional, snap.MaintenanceMargin));
    }

    [Fact]
    public void BinanceCoinMBtcUsd_Tiers_AreBinancesBracketsFaqAndRecordedRates()
    {
        // Binance FAQ "Leverage and Margin in Coin-Margined Futures Contracts" (edition with the note of 2021-07-27):
        // 125x max 5 BTC, 100x 10, 50x 20, 20x 50, 10x 100, 5x 200, 4x 400, 3x 1,000, 2x 1,500.
        (decimal Cap, decimal Lev)[] faq = [(5m, 125m), (10m, 100m), (20m, 50m), (50m, 20m), (100m, 10m), (200m, 5m), (400m, 4m), (1_000m, 3m), (1_500m, 2m)];
        // ccxt's static Binance test (ts/src/test/static/response/binance.json, options.leverageBrackets["BTC/USD:BTC"]):
        // the exchange's /dapi/v2/leverageBracket as [qtyFloor, maintMarginRatio] pairs (the tenth, 1,500 → 50 %, is
        // the uncapped 1x tier, not in the catalog).
        (decimal Floor, decimal Mmr)[] ccxt = [(0m, 0.004m), (5m, 0.005m), (10m, 0.01m), (20m, 0.025m), (50m, 0.05m), (100m, 0.1m), (200m, 0.125m), (400m, 0.15m), (1_000m, 0.25m)];
        var tiers = Contract.BinanceCoinMBtcUsd.Tiers.Tiers;
        Assert.Equal(9, tiers.Length);
        for (int i = 0; i < tiers.Length; i++)
        {
            Assert.Equal(faq[i], (tiers[i].NotionalCap, tiers[i].MaxLeverage));
            Assert.Equal(ccxt[i], (tiers[i].NotionalFloor, tiers[i].MaintenanceMarginRate));
        }
        // cum by Binance's recurrence, written out: tier 7 is the 11.605 BTC of Binance's COIN-M liquidation FAQ (R2);
        // tier 8 = 11.605 + 400 × (15 % − 12.5 %) = 21.605; tier 9 = 21.605 + 1,000 × (25 % − 15 %) = 121.605.
        decimal[] cum = [0m, 0.005m, 0.055m, 0.355m, 1.605m, 6.605m, 11.605m, 21.605m, 121.605m];
        Assert.Equal(cum, tiers.Select(t => t.MaintenanceAmount).ToArray());
        // 1,500 BTC is the last catalogued cap: 2,000 BTC (1,000,000 contracts at 50,000) has no tier.
        Assert.Throws<ArgumentOutOfRangeException>(() => Position.Open(Contract.BinanceCoinMBtcUsd, Side.Long, 1_000_000m, 50_000m, 1m));
        Assert.Contains(Contract.Find("binance-coinm", "BTCUSD_PERP").Unverified, u => u.Contains("1,500 BTC"));
    }

    [Fact]
    public void BybitBtcUsdt_LiquidationPrice_IsBybitsRuleByDefault_UnifiedOnRequest()
    {
        // R3's position (long 1 BTC @ 20,000, 50x, MMR 0.5 %, no extra margin) on the catalog contract, whose rule is
        // Bybit's help-centre formula with MM at entry: 20,000 − (400 − 100)/1 = 19,700 (R3).
        // The Unified Trading Account formula on request: (20,000 − 20,000/50 − 0 − 0) / (1 − 0.005) = 19,600/0.995 = 19,698.49.
        var p = Position.Open(Contract.Find("bybit-linear", "BTCUSDT"), Side.Long, 1m, 20_000m, 50m);
        Assert.Equal(19_700m, MarginCalc.LiquidationPrice(p));
        Assert.Equal(LiquidationRule.BybitLinear, MarginCalc.Isolated(p, 20_000m).Rule);
        Assert.Equal(19_698.49m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified)!.Value, 2));
    }

    [Fact]
    public void BybitBtcUsdt_AboveTheLastTier_Throws()
    {
        // The last recorded tier ends at 1,200,000,000 USDT: 40,000 BTC at 40,000 (1.6 billion) has no tier.
        Assert.Throws<ArgumentOutOfRangeException>(() => Position.Open(Contract.Find("bybit-linear", "BTCUSDT"), Side.Long, 40_000m, 40_000m, 1m));
    }

    public static TheoryData<string, string> AllKeys()
    {
        var d = new TheoryData<string, string>();
        foreach (var e in Contract.Catalog) d.Add(e.Exchange!, e.Symbol);
        return d;
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Tiers_RoundTripThroughEveryPublishedFormat(string exchange, string symbol)
    {
        var c = Contract.Find(exchange, symbol);
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
