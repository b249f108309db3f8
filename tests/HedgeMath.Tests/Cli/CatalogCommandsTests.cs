using System.Text.Json.Nodes;

namespace HedgeMath.Tests.Cli;

public class CatalogCommandsTests
{
    [Fact]
    public void Contracts_Json_ListsTheCatalog()
    {
        var doc = CliRunner.Json("contracts");
        var rows = doc["sections"]![0]!["tables"]![0]!["rows"]!.AsArray();
        Assert.Contains(rows, r => r!["exchange"]!.GetValue<string>() == "bybit-linear" && r["symbol"]!.GetValue<string>() == "BTCUSDT");
        Assert.Contains(rows, r => r!["symbol"]!.GetValue<string>() == "DOGEUSDT");
        foreach (var symbol in new[] { "ETHUSDT", "SOLUSDT" })
            Assert.Contains(rows, r => r!["exchange"]!.GetValue<string>() == "bybit-linear" && r["symbol"]!.GetValue<string>() == symbol);
    }

    [Fact]
    public void Plan_EthContract_InfersEthHolding()
    {
        var doc = CliRunner.Json("plan", "--exchange", "binance-usdm", "--symbol", "ETHUSDT", "--quantity", "2", "--price", "2000", "--ratio", "1", "--leverage", "5");
        Assert.Contains("2 ETH", doc["title"]!.GetValue<string>());
    }

    [Fact]
    public void Margin_BybitContract_UsesBybitRule()
    {
        // Long 1 BTC @ 20,000, 50x on Bybit's BTCUSDT (tier 1 MMR 0.5 %) under Bybit's rule (MM at entry): R3's 19,700;
        // with --rule bybit-uta (Unified Trading Account) 19,600/0.995 = 19,698.49….
        var doc = CliRunner.Json("liquidation", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--side", "long", "--size", "1", "--entry", "20000", "--leverage", "50");
        Assert.Contains("19700", doc.ToJsonString());
        var uta = CliRunner.Json("liquidation", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--side", "long", "--size", "1", "--entry", "20000", "--leverage", "50", "--rule", "bybit-uta");
        Assert.Contains("19698.49", uta.ToJsonString());
    }

    [Fact]
    public void Liquidation_BybitInverseContract_UsesBybitsInverseRule()
    {
        // Bybit's inverse example on the catalog's BTCUSD (MMR 0.5 %): 60,000 USD long at 50,000, 10x →
        // 60,000 × 1.005/(1.2 + 0.12) = 45,681.818…
        var doc = CliRunner.Json("liquidation", "--exchange", "bybit-inverse", "--symbol", "BTCUSD", "--side", "long", "--size", "60000", "--entry", "50000", "--leverage", "10");
        Assert.Contains("45681.81", doc.ToJsonString());
    }

    [Fact]
    public void Margin_UnknownSymbol_ListsClosestMatches()
    {
        var (rc, _, err) = CliRunner.Run("margin", "--symbol", "ETHUSD", "--side", "long", "--size", "1", "--entry", "2000");
        Assert.Equal(2, rc);
        Assert.Contains("binance-usdm ETHUSDT", err);
    }

    [Fact]
    public void Signals_BinanceKlineDownloadWithoutHeader_IsRead()
    {
        // Sixty hourly Binance kline rows as downloaded (no header, epoch ms, 12 columns); closes rise by 10 a bar.
        var path = Path.Combine(Path.GetTempPath(), $"hm-klines-{Guid.NewGuid():N}.csv");
        var lines = Enumerable.Range(0, 60).Select(i =>
        {
            long open = 1704067200000L + i * 3_600_000L;
            decimal c = 42000m + 10m * i;
            return FormattableString.Invariant($"{open},{c - 5},{c + 20},{c - 20},{c},1.5,{open + 3_599_999},63000,100,0.7,29400,0");
        });
        File.WriteAllLines(path, lines);
        try
        {
            var doc = CliRunner.Json("signals", "--candles", path);
            Assert.Contains("60 bars", doc["title"]!.GetValue<string>());
            Assert.Equal("2024-01-03 11:00", CliRunner.Fact(doc, "Latest", "time")!.GetValue<string>());
        }
        finally { File.Delete(path); }
    }
}
