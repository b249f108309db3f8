using System.CommandLine;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Signals;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath signals</c>: the latest RSI/MACD/Bollinger readings of a candle series, recent signals and their confluence.</summary>
internal static class SignalsCommands
{
    public static Command Create()
    {
        var candles = Cli.Optional("--candles", "Candles file: generic CSV (date or date-time,open,high,low,close,volume), a Binance kline CSV as downloaded (with or without header), or Binance/Bybit/OKX kline JSON; a file path or an embedded file name (--csv: the old name, deprecated, removed in the next release).", "btcusdt_spot_daily.csv");
        candles.Aliases.Add("--csv");
        var last = Cli.Optional("--last", "How many recent bars with newly fired signals to list.", 10);
        var overbought = Cli.Optional("--overbought", "RSI above this is overbought.", SignalOptions.Default.RsiOverbought);
        var extreme = Cli.Optional("--extreme", "RSI at or above this is extreme.", SignalOptions.Default.RsiExtreme);
        var oversold = Cli.Optional("--oversold", "RSI below this is oversold.", SignalOptions.Default.RsiOversold);
        var cmd = new Command("signals", "RSI(14), MACD(12,26,9) and Bollinger(20,2) on a candle series: the latest signal set, the last signals that fired, confluence and the suggested action.");
        cmd.Options.Add(candles);
        cmd.Options.Add(last);
        cmd.Options.Add(overbought);
        cmd.Options.Add(extreme);
        cmd.Options.Add(oversold);
        var files = new Option<string[]>("--candles") { Description = "A candles file to scan (repeatable), in any layout `signals --candles` reads; a path or an embedded file name (--csv: the old name, deprecated, removed in the next release).", AllowMultipleArgumentsPerToken = true };
        files.Aliases.Add("--csv");
        var scan = new Command("scan", "The latest bar of each of several candle files: active and newly fired signals and the suggested action, through one reused buffer (SignalSeries.ComputeActive).");
        foreach (var o in new Option[] { files, overbought, extreme, oversold }) scan.Options.Add(o);
        scan.Handles(pr =>
        {
            var options = SignalOptions.Default with
            {
                RsiOverbought = pr.GetValue(overbought),
                RsiExtreme = pr.GetValue(extreme),
                RsiOversold = pr.GetValue(oversold),
            };
            var paths = pr.GetValue(files) ?? [];
            return BuildScan(paths.Length > 0 ? paths : DefaultScan, options);
        });
        cmd.Subcommands.Add(scan);
        return cmd.Handles(pr =>
        {
            var options = SignalOptions.Default with
            {
                RsiOverbought = pr.GetValue(overbought),
                RsiExtreme = pr.GetValue(extreme),
                RsiOversold = pr.GetValue(oversold),
            };
            string path = pr.GetValue(candles) ?? "btcusdt_spot_daily.csv";
            return Build(path, pr.GetValue(last), options);
        });
    }

    public static Report Build(string file, int last, SignalOptions options)
    {
        if (last < 1) throw new ArgumentException(FormattableString.Invariant($"--last must be at least 1; got {last}."), "--last");
        var candles = EmbeddedData.CandlesFromPathOrEmbedded(file, "--candles");
        var series = SignalSeries.FromCandles(candles, options);
        var report = new Report($"Signals: {Path.GetFileName(file)} ({series.Count} bars)");
        AddLatest(report.Section("Latest signal set"), series);
        AddRecent(report.Section($"Last {last} bars on which signals fired"), series, last);
        report.Section("Rules").Note(Rules(options));
        return report;
    }

    /// <summary>The embedded series <c>signals scan</c> reads without <c>--candles</c> (and the demo scans): daily and hourly bars.</summary>
    internal static readonly string[] DefaultScan = ["btcusdt_spot_daily.csv", "btcusd_bitfinex_hourly_2013-10.csv", "btcusdt_spot_hourly_2018-05-01_05.csv"];

    /// <summary>The scan: each file's last bar, from the active signals computed into one buffer reused across files.</summary>
    public static Report BuildScan(IReadOnlyList<string> csvs, SignalOptions options)
    {
        var report = new Report($"Signal scan: {csvs.Count} series");
        AddScan(report.Section("Latest bar of each series"), csvs.Select(path => (Path.GetFileName(path), EmbeddedData.CandlesFromPathOrEmbedded(path, "--candles"))), options);
        report.Section("Rules").Note(Rules(options) + " Swing levels (NearResistance and the like) need a series' highs and lows: `signals --candles` shows them; they carry no vote.");
        return report;
    }

    internal static void AddScan(ReportSection section, IEnumerable<(string Name, System.Collections.Immutable.ImmutableArray<HedgeMath.Market.Candle> Candles)> series, SignalOptions options)
    {
        var table = section.Table(null, "Series", "Bars", "Time", "Close", "Active", "Fired", "Action");
        var buffer = Array.Empty<SignalKinds>(); // one buffer for the whole scan, grown to the longest series
        foreach (var (name, candles) in series)
        {
            if (candles.Length == 0) { table.Row(name, 0, null, null, "none", "none", SuggestedAction.Hold.ToString()); continue; }
            if (buffer.Length < candles.Length) buffer = new SignalKinds[candles.Length];
            var active = buffer.AsSpan(0, candles.Length);
            SignalSeries.ComputeActive(HedgeMath.Market.Candle.Closes(candles), active, options);
            var last = active[^1];
            var fired = last & ~(active.Length > 1 ? active[^2] : SignalKinds.None);
            table.Row(name, candles.Length, Time(candles[^1].Timestamp), candles[^1].Close, Names(last), Names(fired), Action(Confluence.Evaluate(last, options)));
        }
    }

    private static string Action(Confluence c) => c.Action switch
    {
        SuggestedAction.ScaleOut => FormattableString.Invariant($"ScaleOut {c.Amount:P0}"),
        SuggestedAction.RaiseHedge or SuggestedAction.LowerHedge => FormattableString.Invariant($"{c.Action} +{c.Amount:0.##}"),
        _ => c.Action.ToString(),
    };

    internal static void AddLatest(ReportSection section, SignalSeries series)
    {
        if (series.Count == 0) { section.Note("No bars."); return; }
        var s = series.Latest;
        var c = s.Confluence;
        int places = PricePlaces(series);
        section.Fact("Time", Time(s))
            .Fact("Close", Show.Price(s.Close, places))
            .Fact("Rsi", Show.Number(s.Rsi, 2))
            .Fact("Macd line", Show.Price(s.MacdLine, places))
            .Fact("Macd signal", Show.Price(s.MacdSignal, places))
            .Fact("Macd histogram", Show.Price(s.MacdHistogram, places))
            .Fact("Bollinger upper", Show.Price(s.UpperBand, places))
            .Fact("Bollinger middle", Show.Price(s.MiddleBand, places))
            .Fact("Bollinger lower", Show.Price(s.LowerBand, places))
            .Fact("Percent B", Show.Number(s.PercentB, 3))
            .Fact("Band width", Show.Percent(s.BandWidth))
            .Fact("Active signals", Names(s.Active))
            .Fact("Bearish votes", c.BearishCount)
            .Fact("Bullish votes", c.BullishCount)
            .Fact("Suggested action", c.Action.ToString())
            .Fact("Amount", c.Amount, c.Action == SuggestedAction.ScaleOut ? "fraction of spot" : c.Action is SuggestedAction.RaiseHedge or SuggestedAction.LowerHedge ? "hedge ratio" : null)
            .Note(c.ToString());
    }

    internal static void AddRecent(ReportSection section, SignalSeries series, int last)
    {
        var table = section.Table(null, "Time", "Close", "Rsi", "Percent B", "Macd histogram", "Fired", "Action");
        int places = PricePlaces(series);
        foreach (var s in series.RecentFired(last))
        {
            table.Row(Time(s), Show.Price(s.Close, places), Show.Number(s.Rsi, 2), Show.Number(s.PercentB, 3), Show.Price(s.MacdHistogram, places), Names(s.Fired), Action(s.Confluence));
        }
    }

    /// <summary>
    /// The places a series' prices are shown to, the tick the data itself shows (no contract says it): the most decimals of
    /// its last 200 closes, at least 2 (the cent), at most 8 — 97,000.5 shows as 97,000.50, 0.08123 as 0.08123. The MACD
    /// and the bands are prices too and use the same places.
    /// </summary>
    internal static int PricePlaces(SignalSeries series)
    {
        int places = 2;
        var closes = series.Close;
        for (int i = Math.Max(0, closes.Length - 200); i < closes.Length; i++)
            if (double.IsFinite(closes[i]) && Math.Abs(closes[i]) < 7.9e27)
                places = Math.Max(places, Show.PlacesOf(Math.Abs((decimal)closes[i]) is var d && d > 0m ? d : 1m));   // the decimals written: 97,000.5 → 1
        return places;
    }

    // Daily bars show their date, intraday bars their UTC time.
    internal static string? Time(SignalSet s) => s.Timestamp is not { } t ? null : Time(t);

    internal static string Time(DateTimeOffset t) => t.TimeOfDay == TimeSpan.Zero
        ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Names(SignalKinds kinds) => kinds == SignalKinds.None ? "none" : string.Join(", ", SignalNames.Names(kinds));

    internal static string Rules(SignalOptions o) => FormattableString.Invariant(
        $"RSI({o.RsiLookbackPeriods}) overbought > {o.RsiOverbought} (off < {o.RsiOverbought - o.RsiHysteresis}), extreme >= {o.RsiExtreme}, oversold < {o.RsiOversold}; ")
        + FormattableString.Invariant($"MACD({o.MacdFastPeriods},{o.MacdSlowPeriods},{o.MacdSignalPeriods}) crosses beyond ±{o.MacdCrossDeadband:P2} of close, histogram shrinking {o.HistogramShrinkBars} bars; ")
        + FormattableString.Invariant($"Bollinger({o.BollingerLookbackPeriods},{o.BollingerStandardDeviations}) touch at %B >= {1 - o.BandTouchTolerance}, squeeze: width in lowest {o.SqueezeQuantile:P0} of {o.SqueezeLookbackPeriods} bars; ")
        + FormattableString.Invariant($"{o.MinConfluence}+ agreeing votes act (scale out {o.ScaleOutPerSignal:P0} per vote up to {o.MaxScaleOut:P0}, hedge ratio ±{o.HedgeRatioStep}).");
}
