using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Cli;

/// <summary><c>hedgemath risk</c> under Bybit's Unified Trading Account rule: a leverage column, checked against the formula written out.</summary>
public sealed class RiskCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hedgemath-risk");

    public void Dispose() => _dir.Delete(true);

    private string Csv(string body)
    {
        var path = Path.Combine(_dir.FullName, "book.csv");
        File.WriteAllText(path, "side,quantity,entry,margin,mark,leverage\n" + body);
        return path;
    }

    [Fact]
    public void Risk_BybitUta_WithLeverage_IsBybitsFormula()
    {
        // Bybit's example shape on the catalog's Bybit BTCUSDT (tier 1: MMR 0.5 %, no deduction): long 1 BTC at 40,000,
        // 50x (IM 800), 3,000 added. Bybit (UTA, USDT): LP = (40,000 − 800 − 3,000/(1 − taker))/(1 − 0.005).
        var contract = Contract.Find("bybit-linear", "BTCUSDT");
        double taker = (double)contract.TakerFeeRate;
        double expected = (40_000 - 800 - (3_000 / (1 - taker))) / 0.995;
        var doc = CliRunner.Json("risk", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--rule", "bybit-uta", "--positions-csv", Csv("long,1,40000,3800,39000,50\n"));
        var row = doc["sections"]![1]!["tables"]![0]!["rows"]![0]!.AsObject();
        Assert.Equal(expected, (double)row["liquidationPrice"]!, 1e-6);
        // The decimal reference agrees.
        var p = Position.Open(contract, Side.Long, 1m, 40_000m, 50m, isolatedMargin: 3_800m);
        Assert.Equal((double)MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified)!.Value, (double)row["liquidationPrice"]!, 1e-6);
    }

    [Fact]
    public void Risk_BybitUta_WithoutLeverage_IsAnErrorNamingPositionsCsv()
    {
        var path = Path.Combine(_dir.FullName, "noleverage.csv");
        File.WriteAllText(path, "side,quantity,entry,margin,mark\nlong,1,40000,3800,39000\n");
        var (rc, _, error) = CliRunner.Run("risk", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--rule", "bybit-uta", "--positions-csv", path);
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --positions-csv", error.Trim());
        Assert.Contains("leverage", error);
        // A leverage on some rows only is an error too.
        (rc, _, error) = CliRunner.Run("risk", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--positions-csv", Csv("long,1,40000,3800,39000,50\nlong,1,40000,3800,39000\n"));
        Assert.Equal(2, rc);
        Assert.Contains("line 3: expected 6 fields", error);
    }
}
