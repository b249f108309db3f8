using System.Text.Json.Nodes;
using HedgeMath.Cli;
using HedgeMath.Market;

namespace HedgeMath.Exchanges.Tests;

/// <summary>The CLI's exchange commands against the loopback server (environment variables are process-wide: one collection, not parallel).</summary>
[Collection("environment")]
public class CliExchangeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hedgemath-cli-").FullName;

    public void Dispose()
    {
        foreach (var v in new[] { "HEDGEMATH_BINANCE_API_KEY", "HEDGEMATH_BINANCE_API_SECRET", "HEDGEMATH_CONTRACTS_DIR", "HEDGEMATH_EXCHANGE_BASE_URL" })
            Environment.SetEnvironmentVariable(v, null);
        Directory.Delete(_dir, recursive: true);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static JsonArray Rows(string json, int section = 0, int table = 0) =>
        JsonNode.Parse(json)!["sections"]![section]!["tables"]![table]!["rows"]!.AsArray();

    [Fact]
    public async Task FetchKlines_WritesABinanceCsvTheCandleReadersRead()
    {
        await using var server = await LoopbackServer.StartAsync(r => Reply.Json(Synthetic.BybitKlines(r.Ms("start"), r.Ms("end"), 3_600_000, 1000)));
        var file = Path.Combine(_dir, "btc.csv");
        var (code, _, err) = Run("fetch", "klines", "--exchange", "bybit-linear", "--base-url", server.BaseAddress.ToString(), "--symbol", "BTCUSDT",
            "--interval", "1h", "--from", "2024-01-01", "--to", "2024-01-02", "--out", file);
        Assert.True(code == 0, err);
        var candles = Candle.Parse(File.ReadAllText(file));
        // --to a date is the last day, inclusive, as in every command: 1 and 2 January, 48 hourly candles.
        Assert.Equal(48, candles.Length);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 23, 0, 0, TimeSpan.Zero), candles[^1].Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), candles[0].Interval);
        Assert.Equal(Synthetic.Price(candles[5].Timestamp.ToUnixTimeMilliseconds(), 3_600_000), candles[5].Open);
        var (signals, _, serr) = Run("signals", "--candles", file, "--json");
        Assert.True(signals == 0, serr);
        // --to a time is the end instant, exclusive: 2 January 12:00 ends after the 11:00 candle (36 candles).
        (code, _, err) = Run("fetch", "klines", "--exchange", "bybit-linear", "--base-url", server.BaseAddress.ToString(), "--symbol", "BTCUSDT",
            "--interval", "1h", "--from", "2024-01-01", "--to", "2024-01-02T12:00Z", "--out", file);
        Assert.True(code == 0, err);
        candles = Candle.Parse(File.ReadAllText(file));
        Assert.Equal(36, candles.Length);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 11, 0, 0, TimeSpan.Zero), candles[^1].Timestamp);
    }

    [Fact]
    public async Task PlanWatch_Symbol_StepsThePlanOnTheExchangesClosedCandles()
    {
        // The exchange (loopback, Binance layout) has hourly candles; the plan is a half hedge of 1 BTC on BTCUSDT.
        await using var server = await LoopbackServer.StartAsync(r => Reply.Json(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), 3_600_000, 1500)));
        var plan = HedgeMath.Hedging.PlanDefinition.Create("half", [HedgeMath.Positions.SpotHolding.Create("BTC", 1m, 100m)],
            [new HedgeMath.Hedging.PlanLeg(HedgeMath.Positions.Contract.BinanceBtcUsdt, 0.5m, 2m)]);
        var file = Path.Combine(_dir, "plan.json");
        File.WriteAllText(file, HedgeMath.Hedging.PlanDocument.Save(plan));
        var (code, output, err) = Run("plan", "watch", file, "--symbol", "BTCUSDT", "--interval", "1h", "--from", "2024-01-01",
            "--bars", "3", "--base-url", server.BaseAddress.ToString());
        Assert.True(code == 0, err);
        var bars = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Where(j => j["type"]!.GetValue<string>() == "bar").ToList();
        Assert.Equal(["2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z"], bars.Select(b => b["opens"]!.GetValue<string>()));
        long h = 3_600_000, t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(Synthetic.Price(t0 + 2 * h, h), bars[2]["close"]!.GetValue<decimal>());
        Assert.Equal(0.5m, bars[0]["heldRatios"]![0]!.GetValue<decimal>());   // the hedge opened at the first close
        // One request for the closed candles since --from (all of them are in the past here).
        Assert.Equal(t0, server.Requests.First().Ms("startTime"));

        // Neither --candles nor --symbol, or both: one error naming --candles, exit 2.
        (code, _, err) = Run("plan", "watch", file, "--bars", "1");
        Assert.Equal(2, code);
        Assert.Contains("--candles", err, StringComparison.Ordinal);
        (code, _, err) = Run("plan", "watch", file, "--symbol", "BTCUSDT", "--interval", "7m", "--base-url", server.BaseAddress.ToString());
        Assert.Equal(2, code);
        Assert.Contains("--interval", err, StringComparison.Ordinal);
    }

    /// <summary>Binance kline rows of one symbol: <see cref="Synthetic.BinanceKlines"/>' prices × <paramref name="scale"/>.</summary>
    private static string ScaledKlines(SeenRequest r, decimal scale)
    {
        const long h = 3_600_000;
        var rows = Candle.Parse(Synthetic.BinanceKlines(r.Ms("startTime"), r.Ms("endTime"), h, 1500));
        static string P(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "[" + string.Join(',', rows.Select(c => $"[{c.Timestamp.ToUnixTimeMilliseconds()},\"{P(c.Open * scale)}\",\"{P(c.High * scale)}\",\"{P(c.Low * scale)}\",\"{P(c.Close * scale)}\",\"10\",{c.Timestamp.ToUnixTimeMilliseconds() + h - 1},\"1000\",5,\"5\",\"500\",\"0\"]")) + "]";
    }

    [Fact]
    public async Task PlanWatch_SymbolPerAsset_StepsAPlanOverSeveralAssets_OnEachSymbolsClosedCandles()
    {
        // The exchange (loopback, Binance layout) has hourly candles: SOLUSDT at the synthetic prices, BTCUSDT at 600 times them.
        await using var server = await LoopbackServer.StartAsync(r => Reply.Json(ScaledKlines(r, r.Param("symbol") == "BTCUSDT" ? 600m : 1m)));
        // 100 SOL hedged 0.5 by value with BTCUSDT (a cross leg): the plan runs on SOL and BTC.
        var plan = HedgeMath.Hedging.PlanDefinition.Create("sol-btc", [HedgeMath.Positions.SpotHolding.Create("SOL", 100m, 100m)],
            [new HedgeMath.Hedging.PlanLeg(HedgeMath.Positions.Contract.BinanceBtcUsdt, 0.5m, 2m) { Hedges = "SOL" }]);
        var file = Path.Combine(_dir, "sol-btc.json");
        File.WriteAllText(file, HedgeMath.Hedging.PlanDocument.Save(plan));
        var (code, output, err) = Run("plan", "watch", file, "--symbol", "SOL=SOLUSDT", "--symbol", "btc=BTCUSDT", "--interval", "1h", "--from", "2024-01-01",
            "--bars", "3", "--base-url", server.BaseAddress.ToString());
        Assert.True(code == 0, err);
        // The library's live clock on the same candles, one of each asset per open time: the same lines.
        var live = new HedgeMath.Scenarios.PlanLive(HedgeMath.Hedging.PlanDocument.Load(File.ReadAllText(file)));
        long h = 3_600_000, t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Candle Bar(long t, decimal scale)
        {
            decimal p = Synthetic.Price(t, h) * scale;
            return new Candle(DateTimeOffset.FromUnixTimeMilliseconds(t), TimeSpan.FromHours(1), p, p + scale, p - scale, p, 10m);
        }
        var expected = new List<string>();
        for (int i = 0; i < 3; i++)
            foreach (var line in HedgeMath.Cli.Commands.PlanRunCommands.JsonLines(live.Plan,
                live.PushAssets(new Dictionary<string, Candle> { ["SOL"] = Bar(t0 + i * h, 1m), ["BTC"] = Bar(t0 + i * h, 600m) })))
                expected.Add(line.ToJsonString());
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var bars = expected.Select(l => JsonNode.Parse(l)!).Where(j => j["type"]!.GetValue<string>() == "bar").ToList();
        Assert.Equal(3, bars.Count);
        // Each asset's close from its own symbol: SOL at the synthetic price, BTC at 600 times it.
        Assert.Equal(Synthetic.Price(t0 + 2 * h, h), bars[2]["assetCloses"]!["SOL"]!.GetValue<decimal>());
        Assert.Equal(Synthetic.Price(t0 + 2 * h, h) * 600m, bars[2]["assetCloses"]!["BTC"]!.GetValue<decimal>());
        Assert.Equal(0.5m, bars[0]["heldRatios"]![0]!.GetValue<decimal>());
        // One request per symbol for the closed candles since --from.
        Assert.Equal(["BTCUSDT", "SOLUSDT"], server.Requests.Select(r => r.Param("symbol")!).Distinct().Order());

        // A symbol the exchange does not know names --symbol (exit 2).
        await using var bad = await LoopbackServer.StartAsync(r => r.Param("symbol") == "NOPE" ? new Reply(400, Fx.Read("binance/error-invalid-symbol.json")) : Reply.Json(ScaledKlines(r, 1m)));
        (code, _, err) = Run("plan", "watch", file, "--symbol", "SOL=SOLUSDT", "--symbol", "BTC=NOPE", "--interval", "1h", "--from", "2024-01-01",
            "--bars", "3", "--base-url", bad.BaseAddress.ToString());
        Assert.Equal(2, code);
        Assert.StartsWith("error: --symbol", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchFunding_WritesTheBinanceFundingCsv()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Reply.Json(Fx.Read("binance/fundingRate.json")));
        var file = Path.Combine(_dir, "funding.csv");
        var (code, _, err) = Run("fetch", "funding", "--base-url", server.BaseAddress.ToString(), "--symbol", "BTCUSDT",
            "--from", "2019-10-09", "--to", "2019-10-10", "--out", file);
        Assert.True(code == 0, err);
        var prints = FundingEvent.ParseBinanceCsv(File.ReadAllText(file));
        Assert.Equal([-0.0375m, 0.0001m], prints.Select(p => p.Rate));
        Assert.All(prints, p => Assert.Equal(TimeSpan.FromHours(8), p.Interval));
    }

    [Fact]
    public async Task Fetch_ExchangeError_IsOneLineWithExitCode2()
    {
        await using var server = await LoopbackServer.StartAsync(_ => new Reply(400, Fx.Read("binance/error-invalid-symbol.json")));
        var (code, _, err) = Run("fetch", "mark", "--base-url", server.BaseAddress.ToString(), "--symbol", "NOPE",
            "--from", "2024-01-01", "--to", "2024-01-02", "--out", Path.Combine(_dir, "x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("Invalid symbol", err);
        Assert.Contains("missing", err);                 // the incomplete history names the missing range
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public async Task PositionsImport_ComparesLiquidation_AndWritesTheRiskCsv()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Reply.Json(Fx.Read("binance/positionRisk-readme-example.json")));
        Environment.SetEnvironmentVariable("HEDGEMATH_BINANCE_API_KEY", "test-key");
        Environment.SetEnvironmentVariable("HEDGEMATH_BINANCE_API_SECRET", "test-secret");
        var file = Path.Combine(_dir, "positions.csv");
        var (code, json, err) = Run("positions", "import", "--exchange", "binance-usdm", "--base-url", server.BaseAddress.ToString(),
            "--out", file, "--overlays", _dir, "--json");
        Assert.True(code == 0, err);
        var row = Assert.Single(Rows(json));
        // README worked example: short 0.5 BTC at 50,000, 10x isolated (margin 2,500) → liquidation 54,780.88 under Binance USDⓈ-M;
        // the fixture's exchange figure is 54,779.10, so the difference is 54,780.88 − 54,779.10 = 1.78.
        Assert.Equal(54780.88m, Math.Round(row!["hedgeMathLiq"]!.GetValue<decimal>(), 2));
        Assert.Equal(54779.10m, row["exchangeLiq"]!.GetValue<decimal>());
        Assert.Equal(1.78m, Math.Round(row["liqDiff"]!.GetValue<decimal>(), 2));
        Assert.Equal(0m, row["marginDiff"]!.GetValue<decimal>());
        Assert.Equal("side,quantity,entry,margin,mark,leverage\nshort,0.500,50000.0,2500.00000000,50000.00000000,10\n", File.ReadAllText(file));
        var (risk, riskJson, riskErr) = Run("risk", "--positions-csv", file, "--symbol", "BTCUSDT", "--json");
        Assert.True(risk == 0, riskErr);
        var riskRow = Assert.Single(Rows(riskJson, section: 1));
        Assert.Equal(54780.88, riskRow!["liquidationPrice"]!.GetValue<double>(), 2);
    }

    [Fact]
    public async Task PositionsImport_WithoutKeys_NamesTheVariables()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Reply.Json("[]"));
        var (code, _, err) = Run("positions", "import", "--exchange", "binance-usdm", "--base-url", server.BaseAddress.ToString());
        Assert.Equal(2, code);
        Assert.Contains("HEDGEMATH_BINANCE_API_KEY", err);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ContractsRefresh_WritesADatedOverlay_ThatLookupsPrefer()
    {
        await using var server = await LoopbackServer.StartAsync(r => r.Path == "/v5/market/instruments-info"
            ? Reply.Json(Fx.Read("bybit/instruments-info.json"))
            : Reply.Json(Fx.Read("bybit/risk-limit-linear.json")));
        var (code, _, err) = Run("contracts", "refresh", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--base-url", server.BaseAddress.ToString(), "--overlays", _dir);
        Assert.True(code == 0, err);
        // The retired spelling names its replacement (one name for the overlay directory in every command).
        var (old, _, oldErr) = Run("contracts", "refresh", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--base-url", server.BaseAddress.ToString(), "--dir", _dir);
        Assert.Equal(2, old);
        Assert.StartsWith("error: --dir is no longer an option of 'contracts refresh': use --overlays", oldErr);
        // the recorded instruments-info response's time 1694668718723 = 2023-09-14T05:18:38.723Z names the file
        var file = Assert.Single(Directory.GetFiles(_dir));
        Assert.Equal("bybit-linear_BTCUSDT_20230914T051838Z.json", Path.GetFileName(file));
        Assert.Contains("\"retCode\"", File.ReadAllText(file));          // the tiers are kept in Bybit's own format
        var overlay = Assert.Single(ContractOverlays.Load(_dir));
        Assert.Equal(3, overlay.Contract.Tiers.Count);                  // bybit/risk-limit-linear.json: BTCUSDT tiers 1–3
        Assert.Equal(new DateTimeOffset(2023, 9, 14, 5, 18, 38, 723, TimeSpan.Zero), overlay.FetchedAt);

        var (list, json, lerr) = Run("contracts", "--overlays", _dir, "--json");
        Assert.True(list == 0, lerr);
        var rows = Rows(json);
        Assert.StartsWith("overlay bybit-linear_BTCUSDT_", rows[0]!["source"]!.GetValue<string>());
        Assert.Contains(rows, r => r!["source"]!.GetValue<string>() == "catalog (embedded)" && r["ageD"] is not null);

        // the documented location (HEDGEMATH_CONTRACTS_DIR) makes every contract lookup prefer the overlay
        Environment.SetEnvironmentVariable("HEDGEMATH_CONTRACTS_DIR", _dir);
        var (one, oneJson, oerr) = Run("contracts", "--exchange", "bybit-linear", "--symbol", "BTCUSDT", "--json");
        Assert.True(one == 0, oerr);
        Assert.Equal(3, Rows(oneJson, section: 1).Count);
    }

    [Fact]
    public void BadBaseUrl_IsAnInputError()
    {
        var (code, _, err) = Run("fetch", "klines", "--base-url", "not a url", "--symbol", "BTCUSDT", "--from", "2024-01-01", "--to", "2024-01-02",
            "--out", Path.Combine(_dir, "x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--base-url", err);
    }
}
