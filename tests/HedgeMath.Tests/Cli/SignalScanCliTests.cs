using System.Text.Json.Nodes;
using HedgeMath.Market;
using HedgeMath.Signals;

namespace HedgeMath.Tests.Cli;

/// <summary><c>hedgemath signals scan</c>: each series' latest bar from the scan path, against the library's series built the long way.</summary>
public class SignalScanCliTests
{
    [Fact]
    public void Scan_Json_IsEachSeriesLatestBar_AsTheSeriesGivesIt()
    {
        string[] files = ["btcusdt_spot_daily.csv", "btcusd_bitfinex_hourly_2013-10.csv"];
        var doc = CliRunner.Json("signals", "scan", "--candles", files[0], "--candles", files[1]);
        var rows = doc["sections"]![0]!["tables"]![0]!["rows"]!.AsArray();
        Assert.Equal(files.Length, rows.Count);
        for (int k = 0; k < files.Length; k++)
        {
            // The long way: the whole series from the test copy of the same file, its latest signal set.
            var candles = TestData.Candles(files[k]);
            var latest = SignalSeries.FromCloses(Candle.Closes(candles)).Latest;
            var row = rows[k]!.AsObject();
            Assert.Equal(files[k], (string?)row["series"]);
            Assert.Equal(candles.Length, (int)row["bars"]!);
            Assert.Equal((double)candles[^1].Close, (double)row["close"]!);
            Assert.Equal(latest.Active == SignalKinds.None ? "none" : string.Join(", ", SignalNames.Names(latest.Active)), (string?)row["active"]);
            Assert.Equal(latest.Fired == SignalKinds.None ? "none" : string.Join(", ", SignalNames.Names(latest.Fired)), (string?)row["fired"]);
            Assert.StartsWith(latest.Confluence.Action.ToString(), (string?)row["action"]);
        }
    }

    [Fact]
    public void Scan_MissingFile_IsAOneLineErrorNamingCsv()
    {
        var (rc, _, error) = CliRunner.Run("signals", "scan", "--candles", "btcusdt_spot_daily.csv", "--candles", "/no/such/file.csv");
        Assert.Equal(2, rc);
        Assert.StartsWith("error: --candles", error.Trim());
        Assert.DoesNotContain("\n", error.Trim());
    }
}
