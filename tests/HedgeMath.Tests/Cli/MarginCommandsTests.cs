using System.Globalization;
using System.Text.Json;

namespace HedgeMath.Tests.Cli;

/// <summary>Smoke tests of the margin commands: run the CLI (in process, through CliRunner) and read its --json output.</summary>
public class MarginCommandsTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(args);

    private static decimal Fact(string json, string section, string key)
    {
        using var doc = JsonDocument.Parse(json);
        foreach (var s in doc.RootElement.GetProperty("sections").EnumerateArray())
        {
            if (s.GetProperty("title").GetString() != section) continue;
            var f = s.GetProperty("facts").GetProperty(key);
            return f.ValueKind == JsonValueKind.Object ? f.GetProperty("value").GetDecimal() : f.GetDecimal();
        }
        throw new KeyNotFoundException($"{section}/{key}");
    }

    [Fact]
    public void Pnl_MakerOnTheOpenOnly_ChargesEachFillItsOwnRate()
    {
        // Long 1 BTCUSDT 50,000 → 55,000 (Binance base rates: maker 0.02 %, taker 0.05 %). A maker open and a taker close:
        // 50,000 × 0.0002 + 55,000 × 0.0005 = 10 + 27.5 = 37.5; net 5,000 − 37.5 = 4,962.5. Both taker: 25 + 27.5 = 52.5.
        string[] args = ["pnl", "--side", "long", "--size", "1", "--entry", "50000", "--exit", "55000", "--leverage", "10", "--json"];
        var (code, stdout, stderr) = Run([.. args, "--maker-open"]);
        Assert.True(code == 0, stderr);
        Assert.Equal(37.5m, Fact(stdout, "Result", "feesOpenClose"));
        Assert.Equal(4_962.5m, Fact(stdout, "Result", "netPnl"));           // one camelCase rule: "Net PnL" → netPnl (was netPnL)
        // ROE at 10x = 4,500... ; the key only: "ROE (Binance calculator)" → roeBinanceCalculator (was rOEBinanceCalculator).
        // A ratio in --json, as every command gives one (docs/cli.md): (55,000 − 50,000) / (50,000 / 10) = 1 (100 % in text).
        Assert.Equal(1m, Fact(stdout, "Result", "roeBinanceCalculator"));
        (code, stdout, stderr) = Run(args);
        Assert.True(code == 0, stderr);
        Assert.Equal(52.5m, Fact(stdout, "Result", "feesOpenClose"));
    }

    [Fact]
    public void Liquidation_R2CoinMPreset_PrintsTheReferencePrice()
    {
        // R2 through the CLI: BTCUSD preset, long 100,000 contracts @ 45,000, wallet 101 BTC → 33,599.4 after the tick.
        var (code, stdout, stderr) = Run("liquidation", "--symbol", "BTCUSD", "--side", "long", "--size", "100000",
            "--entry", "45000", "--leverage", "4", "--margin", "101", "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal(33599.4m, Fact(stdout, "Liquidation (Binance COIN-M)", "liquidationPriceTick"));
    }

    [Fact]
    public void Liquidation_StopTooFarForEven1x_SaysToAddExtraMargin()
    {
        // Short 0.5 BTCUSDT at 50,000. A stop at 51,000 (buffer 1 %: liquidation at or above 51,510) is met by a high
        // leverage: the stop fires first. A stop at 150,000 needs liquidation at or above 151,500, but even at 1x the
        // margin is the notional, 25,000, and the short is liquidated near 2 × 50,000 / (1 + MMR 0.4 %) ≈ 99,600: the margin
        // to post is above the 1x initial margin (Position.InitialMargin at the leverage found), so the difference is extra margin.
        string[] args = ["liquidation", "--side", "short", "--size", "0.5", "--entry", "50000"];
        var (code, near, stderr) = Run([.. args, "--stop", "51000"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("The stop fires before liquidation.", near);
        (code, var far, stderr) = Run([.. args, "--stop", "150000", "--json"]);
        Assert.True(code == 0, stderr);
        Assert.Equal(1m, Fact(far, "Highest leverage for the stop", "highestLeverage"));
        Assert.True(Fact(far, "Highest leverage for the stop", "marginToPost") > 25_000m);
        Assert.Contains("Even 1x is not enough: add the difference as extra isolated margin.", far);
    }

    [Fact]
    public void Margin_WorkedHedge_ShowsInitialMarginAndBybitComparison()
    {
        var (code, stdout, stderr) = Run("margin", "--symbol", "BTCUSDT", "--side", "short", "--size", "0.5", "--entry", "50000", "--leverage", "10");
        Assert.True(code == 0, stderr);
        Assert.Contains("Initial margin           2,500.00 USDT", stdout);   // money to the cent of its asset (issue 22)
        Assert.Contains("Bybit linear classic (MM at entry)", stdout);
        Assert.Contains("Bybit linear (UTA isolated)", stdout);
        Assert.Contains("54,800", stdout);
    }

    [Fact]
    public void Demo_HasTheMarginPictureOfTheHedge()
    {
        // Short 0.5 BTCUSDT @ 50,000 10x: LP 27,500/0.502 = 54,780.876… → 54,780.8 truncated to the 0.1 tick (as Binance displays, cf. R2); Bybit 54,800; funding 2.5 USDT.
        var (code, stdout, stderr) = Run("demo");
        Assert.True(code == 0, stderr);
        Assert.Contains("Margin of the hedge", stdout);
        Assert.Contains("54,780.8", stdout);
        Assert.Contains("54,800", stdout);
        Assert.Contains("2.5 USDT received", stdout);
    }

    [Fact]
    public void Commands_BadInput_ExitWithCode2AndNameTheProblem()
    {
        var (code, _, stderr) = Run("margin", "--side", "sideways", "--size", "1", "--entry", "50000");
        Assert.Equal(2, code);
        Assert.Contains("--side", stderr);
        var (code2, _, stderr2) = Run("max-open", "--balance", "1000", "--entry", "50000", "--leverage", "200");
        Assert.Equal(2, code2);
        Assert.Contains("leverage", stderr2);
    }

    [Fact]
    public void BreakevenAndTargetPrice_Json_MatchLibraryFormulas()
    {
        // Breakeven long 50,000 taker both ways: 50,000·1.0005/0.9995 = 50,050.025…; target short 20x +50 %: 50,000·(1 − 0.025) = 48,750.
        var (c1, be, e1) = Run("breakeven", "--side", "long", "--entry", "50000", "--json");
        Assert.True(c1 == 0, e1);
        Assert.Equal(50_050.025013m, Math.Round(Fact(be, "Result", "breakevenPrice"), 6));
        var (c2, tp, e2) = Run("target-price", "--side", "short", "--entry", "50000", "--leverage", "20", "--roe", "50", "--json");
        Assert.True(c2 == 0, e2);
        Assert.Equal(48_750m, Fact(tp, "Result", "targetPrice"));
        _ = CultureInfo.InvariantCulture;
    }
}
