using System.Text.Json.Nodes;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Positions;

public class MarginTierTableTests
{
    private const string TierFile = "margin/binance_usdm_leverage_tiers_2024-10.json";

    public static TheoryData<string> Symbols() => new() { "BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT", "XRP/USDT:USDT", "BTC/USDT:USDT-241227" };

    /// <summary>The exchange's own bracket objects (under "info") of one symbol, as the Binance API returns them.</summary>
    private static string BracketJson(string symbol)
    {
        var root = JsonNode.Parse(TestData.Text(TierFile))!.AsObject();
        var brackets = new JsonArray();
        foreach (var t in root[symbol]!.AsArray()) brackets.Add(t!["info"]!.DeepClone());
        return brackets.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void FromExchangeClientTiers_R7DerivedCum_EqualsExchangeCumForEveryTier(string symbol)
    {
        // R7: cum(n) = cum(n−1) + floor(n)·(MMR(n) − MMR(n−1)) must equal Binance's "cum" under info for every tier.
        var derived = MarginTierTable.FromExchangeClientTiers(TestData.Text(TierFile), symbol);
        var exchange = JsonNode.Parse(TestData.Text(TierFile))![symbol]!.AsArray();
        Assert.Equal(exchange.Count, derived.Count);
        for (int i = 0; i < exchange.Count; i++)
        {
            var cum = decimal.Parse((string)exchange[i]!["info"]!["cum"]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(cum, derived.Tiers[i].MaintenanceAmount);
        }
    }

    [Theory]
    [MemberData(nameof(Symbols))]
    public void FromBinanceBrackets_R7_LoadsTheSameTableAsTheClientFormat(string symbol)
    {
        // R7: both layouts of the same file describe the same tiers (floors, caps, leverage, MMR, cum).
        var fromBrackets = MarginTierTable.FromBinanceBrackets(BracketJson(symbol));
        var fromClient = MarginTierTable.FromExchangeClientTiers(TestData.Text(TierFile), symbol);
        Assert.Equal(fromClient.Tiers.ToArray(), fromBrackets.Tiers.ToArray());
        Assert.Equal(fromBrackets.Tiers.Select(t => t.MaintenanceAmount).ToArray(), fromBrackets.DerivedMaintenanceAmounts().ToArray());
    }

    [Fact]
    public void FromBinanceBrackets_ApiResponseShapeWithNumbers_Loads()
    {
        // GET /fapi/v1/leverageBracket shape: [{ "symbol": ..., "brackets": [ {numbers} ] }]
        const string json = """
            [{"symbol":"ETHUSDT","brackets":[
              {"bracket":1,"initialLeverage":75,"notionalCap":10000,"notionalFloor":0,"maintMarginRatio":0.0065,"cum":0},
              {"bracket":2,"initialLeverage":50,"notionalCap":50000,"notionalFloor":10000,"maintMarginRatio":0.01,"cum":35}]},
             {"symbol":"BTCUSDT","brackets":[
              {"bracket":1,"initialLeverage":125,"notionalCap":50000,"notionalFloor":0,"maintMarginRatio":0.004,"cum":0}]}]
            """;
        var eth = MarginTierTable.FromBinanceBrackets(json, "ETHUSDT");
        Assert.Equal(2, eth.Count);
        Assert.Equal(35m, eth.Tiers[1].MaintenanceAmount);
        Assert.Equal(125m, MarginTierTable.FromBinanceBrackets(json, "BTCUSDT").MaxLeverage);
        BadInput.Throws("json", () => MarginTierTable.FromBinanceBrackets(json));
        BadInput.Throws("symbol", () => MarginTierTable.FromBinanceBrackets(json, "XRPUSDT"));
    }

    [Fact]
    public void TierFor_BinanceBoundaries_CapIsInclusive()
    {
        // Binance: "0 < Position ≤ 50,000" is tier 1; 50,000.01 is tier 2.
        var t = Contract.BinanceBtcUsdt.Tiers;
        Assert.Equal(1, t.TierFor(0m).Tier);
        Assert.Equal(1, t.TierFor(50_000m).Tier);
        Assert.Equal(2, t.TierFor(50_000.01m).Tier);
        Assert.Equal(12, t.TierFor(5_000_000_000m).Tier);
        Assert.Equal(600_000m, t.MaxNotionalFor(100m));
        Assert.Equal(50_000m, t.MaxNotionalFor(101m));
        Assert.Equal(0m, t.MaxNotionalFor(126m));
    }

    [Fact]
    public void Constructor_Empty_Throws() =>
        BadInput.Throws("tiers", () => new MarginTierTable([]));

    [Fact]
    public void Constructor_NonMonotone_Throws()
    {
        var gap = new[] { new MarginTier(1, 0m, 100m, 50m, 0.01m, 0m), new MarginTier(2, 200m, 300m, 20m, 0.02m, 1m) };
        Assert.Contains("contiguous", BadInput.Throws("tiers", () => new MarginTierTable(gap)).Message);
        var mmrDown = new[] { new MarginTier(1, 0m, 100m, 50m, 0.02m, 0m), new MarginTier(2, 100m, 300m, 20m, 0.01m, 0m) };
        Assert.Contains("non-decreasing", BadInput.Throws("tiers", () => new MarginTierTable(mmrDown)).Message);
        var levUp = new[] { new MarginTier(1, 0m, 100m, 20m, 0.01m, 0m), new MarginTier(2, 100m, 300m, 50m, 0.02m, 1m) };
        Assert.Contains("non-increasing", BadInput.Throws("tiers", () => new MarginTierTable(levUp)).Message);
        var reversed = new[] { new MarginTier(2, 100m, 300m, 20m, 0.02m, 1m), new MarginTier(1, 0m, 100m, 50m, 0.01m, 0m) };
        BadInput.Throws("tiers", () => new MarginTierTable(reversed));
    }

    [Fact]
    public void MarginTier_BadValues_Throw()
    {
        BadInput.Rejects("tier", (int v) => new MarginTier(v, 0m, 1m, 1m, 0.01m, 0m), BadInput.NonPositiveInts);
        BadInput.Rejects("notionalFloor", (decimal v) => new MarginTier(1, v, 1m, 1m, 0.01m, 0m), BadInput.NegativeDecimals);
        BadInput.Rejects("notionalCap", (decimal v) => new MarginTier(1, 5m, v, 1m, 0.01m, 0m), 5m, 4m, 0m);
        BadInput.Rejects("maxLeverage", (decimal v) => new MarginTier(1, 0m, 1m, v, 0.01m, 0m), 0.99m, 0m, -1m);
        BadInput.Rejects("maintenanceMarginRate", (decimal v) => new MarginTier(1, 0m, 1m, 1m, v, 0m), 0m, 1m, -0.1m, 1.5m);
        BadInput.Rejects("maintenanceAmount", (decimal v) => new MarginTier(1, 0m, 1m, 1m, 0.01m, v), BadInput.NegativeDecimals);
    }

    [Fact]
    public void Loaders_MalformedJson_NameJson()
    {
        BadInput.Throws("json", () => MarginTierTable.FromBinanceBrackets("{not json"));
        BadInput.Throws("json", () => MarginTierTable.FromBinanceBrackets("[]"));
        BadInput.Throws("json", () => MarginTierTable.FromBinanceBrackets("""[{"bracket":1,"initialLeverage":5}]"""));
        BadInput.Throws("json", () => MarginTierTable.FromExchangeClientTiers("""{"X":[{"tier":1,"minNotional":0,"maxNotional":"abc","maintenanceMarginRate":0.01,"maxLeverage":5}]}""", "X"));
        BadInput.Throws("symbol", () => MarginTierTable.FromExchangeClientTiers(TestData.Text(TierFile), "DOGE/USDT:USDT"));
    }
}
