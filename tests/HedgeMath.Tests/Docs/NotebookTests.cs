using System.Text.Json.Nodes;

namespace HedgeMath.Tests.Docs;

/// <summary>Every code cell of every notebook under docs/notebooks runs, in order, against the built library.</summary>
[Collection(nameof(CurrentDirectoryCollection))]
public class NotebookTests
{
    public static IEnumerable<object[]> Notebooks()
    {
        var dir = RepoPaths.Of("docs/notebooks");
        if (!Directory.Exists(dir)) yield break;
        foreach (var f in Directory.EnumerateFiles(dir, "*.ipynb").Order(StringComparer.Ordinal))
            yield return [Path.GetFileName(f)];
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunsInACSharpKernel_AndShowsItsKeyNumbers(string file)
    {
        var path = RepoPaths.Of("docs/notebooks/" + file);
        var cells = NotebookKernel.CodeCells(await File.ReadAllTextAsync(path));
        Assert.NotEmpty(cells);
        var run = await NotebookKernel.RunAsync(cells, Path.GetDirectoryName(path)!);
        // To look at what a notebook shows: HEDGEMATH_NOTEBOOK_OUTPUT=<dir> dotnet test --filter NotebookTests
        // writes <dir>/<notebook>.html with everything it displayed, in order, as the kernel formatted it.
        if (Environment.GetEnvironmentVariable("HEDGEMATH_NOTEBOOK_OUTPUT") is { Length: > 0 } outDir)
        {
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, Path.ChangeExtension(file, ".html")),
                "<html><meta charset=\"utf-8\"><body>\n" + string.Join("\n<hr/>\n", run.Outputs.Select(o => $"<!-- cell {o.Cell} -->\n" + o.Shown)) + "\n</body></html>");
        }
        Assert.True(run.Failure is null, file + ": " + run.Failure);
        Assert.NotEmpty(run.Outputs);
        var expected = KeyNumbers[file];
        var shown = string.Join("\n", run.Outputs.Select(o => o.Shown));
        foreach (var (what, text) in expected.Shown)
            Assert.True(shown.Contains(text, StringComparison.Ordinal), $"{file}: {what}: \"{text}\" is not among the displayed values");
        // A value displayed without a ToHtml call: the package's formatter (registered by its kernel extension) made its
        // HTML, the table and (for the types that have one) the chart in one <div class="hedgemath">; the kernel's
        // default formatter would have shown a generic property table instead.
        foreach (var table in expected.Formatted)
            Assert.True(run.Outputs.Any(o => o.Formatted.TryGetValue("text/html", out var h) && h.Contains($"<table class=\"{table}\"", StringComparison.Ordinal)
                    && (table == "hedgemath-signals" // a signal set is its table alone (no chart)
                        || (h.StartsWith("<div class=\"hedgemath\">", StringComparison.Ordinal) && h.Contains("Plotly.newPlot", StringComparison.Ordinal)))),
                $"{file}: no displayed value was formatted by HedgeMath.Interactive as a {table} table with its chart");
    }

    /// <summary>
    /// What each notebook must show: figures worked out by hand (the arithmetic is next to each) or read off the data
    /// files, and the tables the formatters must have produced for values displayed without ToHtml.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (IReadOnlyList<(string What, string Text)> Shown, IReadOnlyList<string> Formatted)> KeyNumbers =
        new Dictionary<string, (IReadOnlyList<(string, string)>, IReadOnlyList<string>)>
        {
            ["01-quickstart.ipynb"] = (
            [
                // data/market/btcusdt_spot_daily.csv: 2017-08-17 .. 2026-08-12 is 3,283 days, one row each; the last row's close.
                ("candle count and last close", "3283 daily BTCUSDT candles, 2017-08-17 .. 2026-08-12; last close <b>63,479.99</b>"),
                // Short 0.5 BTC at 50,000, 10x: notional 0.5 x 50,000; initial margin 25,000 / 10.
                ("notional", "<td>notional (USDT)</td><td style=\"text-align:right\">25,000.00</td>"),
                ("initial margin", "<td>initial margin (USDT)</td><td style=\"text-align:right\">2,500.00</td>"),
                // Binance tier 1 MMR 0.4 %: 25,000 x 0.004 = 100.
                ("maintenance margin", "<td>maintenance margin (USDT)</td><td style=\"text-align:right\">100.00</td>"),
                // (2,500 + 0.5 x 50,000) / (0.5 x 0.004 + 0.5) = 27,500 / 0.502 = 54,780.876...
                ("liquidation price", "<td>liquidation price</td><td style=\"text-align:right\">54,780.88</td>"),
                // The 5 % rally: 0.5 x (50,000 - 52,500) = -1,250 unrealized on the short.
                ("unrealized PnL after the rally", "<td>unrealized PnL (USDT)</td><td style=\"text-align:right\">-1,250.00</td>"),
                // ETH: sold 1.0 at 3,000 bought at 2,000 -> 1,000 realized.
                ("realized on the ETH sale", "<td>realized on the 1.0 ETH sold</td><td>1,000.00</td>"),
            ], ["hedgemath-plan", "hedgemath-margin"]),
            ["02-margin-and-liquidation.ipynb"] = (
            [
                ("isolated liquidation (as in 01)", "<td>isolated</td><td>2,500.00</td><td>100.00</td><td>54,780.88</td>"),
                // Cross with a 10,000 wallet: (10,000 + 0.5 x 50,000) / (0.5 x 0.004 + 0.5) = 35,000 / 0.502 = 69,721.115...
                ("cross liquidation", "<td>cross, 10,000 USDT wallet</td><td>10,000.00</td><td>100.00</td><td>69,721.12</td>"),
                // 1x inverse short: 250 contracts x 100 USD / 50,000 = 0.5 BTC margin, no liquidation price.
                ("1x inverse short", "<td>BTCUSD COIN-M short 250 contracts, 1x</td><td>BTC</td><td>0.5</td>"),
                // 2024-01-01 .. 2025-12-31: 731 days x 3 prints a day.
                ("funding print count", "Two years: 2193 prints"),
            ], []),
            ["03-hedge-plans-and-ladders.ipynb"] = (
            [
                // 0.5 BTC at 3x: 25,000 / 3 = 8,333.33 margin; (8,333.33 + 25,000) / 0.502 = 66,401.06.
                ("3x initial margin", "<td>initial margin (USDT)</td><td style=\"text-align:right\">8,333.33</td>"),
                ("3x liquidation", "<td>liquidation price</td><td style=\"text-align:right\">66,401.06</td>"),
                // Stop at 55,000: 0.5 x (55,000 - 50,000).
                ("loss at stop", "<td>loss at stop (USDT)</td><td style=\"text-align:right\">2,500.00</td>"),
            ], ["hedgemath-plan"]),
            ["04-scenarios-and-simulation.ipynb"] = (
            [
                // 1 BTC spot, short 0.5 at 50,000 -> 40,000: spot -10,000, short +0.5 x 10,000.
                ("spot PnL at 40,000", "<td>Spot PnL (vs decision)</td><td style=\"text-align:right\">-10,000.00</td>"),
                ("hedge PnL at 40,000", "<td>Futures PnL</td><td style=\"text-align:right\">5,000.00</td>"),
                // Taker 0.05 %: open 25,000 x 0.0005 = 12.50, close 20,000 x 0.0005 = 10.00.
                ("fees at 40,000", "<td>Fees</td><td style=\"text-align:right\">-22.50</td>"),
                // The path through 56,000 crosses the 10x short's liquidation price (01's hand calculation).
                // (2,500 + 25,000) / 0.502 = 54,780.876..., truncated to the 0.01 tick as exchanges display a liquidation.
                ("liquidated on the path", "<td>Hedge exit</td><td colspan=\"2\">liquidated</td></tr>\n<tr><td>Exit price</td><td colspan=\"2\" style=\"text-align:right\">54,780.87</td>"),
            ], ["hedgemath-grid", "hedgemath-montecarlo"]),
            ["05-signals.ipynb"] = (
            [
                // Warm-ups: RSI(14) needs 14 changes (first value at bar 14); MACD(12, 26, 9) signal: EMA26 from bar 25,
                // then 8 more for the EMA9 of the line (bar 33); Bollinger(20) from bar 19.
                ("warm-ups", "3283 days; RSI warm-up 14 bars, MACD signal warm-up 33, Bollinger warm-up 19."),
                // The last row of data/market/btcusdt_spot_daily.csv.
                ("latest close", "<td>date</td><td style=\"text-align:right\">2026-08-12</td></tr>\n<tr><td>close</td><td style=\"text-align:right\">63,479.99</td>"),
            ], ["hedgemath-signals"]),
            ["06-plans.ipynb"] = (
            [
                // Short 0.5 BTC at the first close 60,000; stop 10 % above the entry = 66,000, 66,000 − 61,000 = 5,000 above
                // the close now, 5,000 / 61,000 = 8.20 %; isolated margin 0.5 × 60,000 / 2 = 15,000; nothing fired on the last bar.
                ("now: stop, distance, margin", "stop 66,000.00, 5,000.00 (8.20 %) above the close; margin to keep 15,000.00 USDT; action due: False"),
                // 2025 is not a leap year: 365 daily bars.
                ("replay length", "365 bars replayed"),
                // data/market/btcusdt_spot_daily.csv, 2026-01-01 close 88,839.04: short 0.5 BTC opened there, taker fee
                // 0.5 × 88,839.04 × 0.0005 = 22.21; equity 88,839.04 − 22.21 = 88,816.83.
                ("live, first bar", "2026-01-01 close 88,839.04: equity 88,816.83, hedge ratio 0.5"),
                // Several assets, 2025-01-01 .. 2025-04-08: 31 + 28 + 31 + 8 = 98 daily bars. The cross leg opens at the first
                // closes (SOL 194.28, BTC 94,591.79): 0.5 × 100 × 194.28 / 94,591.79 = 0.10269 BTC, down to the 0.001 lot step
                // = 0.102; SOL first closes at or below 120 on 2025-03-10 (118.32), when the short is closed at BTC's close
                // 78,595.86 (the events are stamped at the bar's close, the next midnight).
                ("several assets: bars", "98 bars of SOL and BTC; 2 assets (SOL, BTC)"),
                ("several assets: the cross leg opens", "2025-01-02 Traded: 0.102 BTC at 94,591.79"),
                ("several assets: removed below 120", "2025-03-11 Traded: 0.102 BTC at 78,595.86"),
            ], []),
        };

    /// <summary>The cells of a notebook source in mknb.py's text format: lines "%% md" / "%% code" start a cell.</summary>
    public static IReadOnlyList<(string Kind, string Source)> SourceCells(string text)
    {
        var cells = new List<(string, string)>();
        string? kind = null;
        var buf = new List<string>();
        void Flush()
        {
            if (kind is not null) cells.Add((kind, string.Join('\n', buf).Trim('\n')));
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("%% md", StringComparison.Ordinal)) { Flush(); kind = "markdown"; buf.Clear(); }
            else if (line.StartsWith("%% code", StringComparison.Ordinal)) { Flush(); kind = "code"; buf.Clear(); }
            else buf.Add(line);
        }
        Flush();
        return cells;
    }

    public static IEnumerable<object[]> NotebookSources()
    {
        var dir = RepoPaths.Of("docs/notebooks/src");
        foreach (var f in Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal))
            yield return [Path.GetFileNameWithoutExtension(f)];
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_LoadsThePackageFirst_AndSaysHowToUseALocalBuild(string file)
    {
        var cells = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("docs/notebooks/" + file)))!["cells"]!.AsArray()
            .Select(c => (Kind: c!["cell_type"]!.GetValue<string>(), Source: string.Concat(c["source"]!.AsArray().Select(x => x!.GetValue<string>()))))
            .ToList();
        var firstCode = cells.First(c => c.Kind == "code").Source;
        Assert.StartsWith("#r \"nuget: HedgeMath\"", firstCode, StringComparison.Ordinal);
        Assert.Contains(cells.TakeWhile(c => c.Kind != "code"), c => c.Kind == "markdown" && c.Source.Contains("HedgeMath.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryNotebook_HasItsSource() =>
        Assert.All(Notebooks(), n => Assert.True(File.Exists(RepoPaths.Of("docs/notebooks/src/" + Path.ChangeExtension((string)n[0], ".txt"))),
            $"{n[0]} has no source in docs/notebooks/src/ (write it there and generate the notebook with mknb.py)"));

    [Theory]
    [MemberData(nameof(NotebookSources))]
    public void Notebook_MatchesItsSource(string name)
    {
        var ipynb = RepoPaths.Of($"docs/notebooks/{name}.ipynb");
        Assert.True(File.Exists(ipynb), $"docs/notebooks/src/{name}.txt has no notebook: python3 docs/notebooks/mknb.py docs/notebooks/src/{name}.txt docs/notebooks/{name}.ipynb");
        var expected = SourceCells(File.ReadAllText(RepoPaths.Of($"docs/notebooks/src/{name}.txt")).Replace("\r\n", "\n"));
        var actual = JsonNode.Parse(File.ReadAllText(ipynb))!["cells"]!.AsArray()
            .Select(c => (c!["cell_type"]!.GetValue<string>(), string.Concat(c["source"]!.AsArray().Select(x => x!.GetValue<string>()))))
            .ToList();
        Assert.True(expected.SequenceEqual(actual), $"docs/notebooks/{name}.ipynb differs from its source: regenerate it with mknb.py");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_IsCommittedWithOutputsCleared(string file)
    {
        var cells = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("docs/notebooks/" + file)))!["cells"]!.AsArray();
        foreach (var cell in cells.Where(c => c!["cell_type"]!.GetValue<string>() == "code"))
        {
            Assert.Empty(cell!["outputs"]?.AsArray() ?? []);
            Assert.Null(cell["execution_count"]?.GetValue<int?>());
        }
    }
}
