using System.CommandLine;
using System.Globalization;
using System.Text;
using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath fetch</c>, <c>positions import</c>, <c>contracts refresh</c>: live exchange data through HedgeMath.Exchanges,
/// written to the files the other commands read. No domain logic here: the library fetches, maps and computes.</summary>
internal static class ExchangeCommands
{
    /// <summary>The base-URL override (tests, proxies, testnets): <c>--base-url</c>, else <c>HEDGEMATH_EXCHANGE_BASE_URL</c>.</summary>
    internal static Option<string?> BaseUrlOption() => Cli.Optional<string?>("--base-url",
        "API root to call instead of the exchange's public one (a proxy, a testnet, a local server); default HEDGEMATH_EXCHANGE_BASE_URL, else the exchange's.", null);

    public static IEnumerable<Command> Create()
    {
        yield return Fetch();
        yield return Positions();
    }

    private static Command Fetch()
    {
        var fetch = new Command("fetch", "Download candles (last, mark) or funding history from an exchange into a file the other commands read (--candles).");
        foreach (var (name, kind) in new[] { ("klines", PriceKind.Last), ("mark", PriceKind.Mark), ("index", PriceKind.Index) })
            fetch.Subcommands.Add(Candles(name, kind));
        fetch.Subcommands.Add(Funding());
        return fetch;
    }

    private static (Option<string> Symbol, Option<string> From, Option<string> To, Option<string> Out) RangeOptions(Command cmd)
    {
        var symbol = Cli.Required<string>("--symbol", "The exchange's symbol (OKX: the instId, e.g. BTC-USDT-SWAP).");
        var from = Cli.Required<string>("--from", "First time, UTC (2024-01-01 or 2024-01-01T08:00Z), inclusive.");
        var to = Cli.Required<string>("--to", "Last day, UTC, inclusive as in every command (2024-01-31: through the end of that day), or an end time, exclusive (2024-02-01T08:00Z), or now.");
        var output = Cli.Required<string>("--out", "File to write.");
        foreach (var o in new Option[] { symbol, from, to, output, BaseUrlOption() }) cmd.Options.Add(o);
        return (symbol, from, to, output);
    }

    private static Command Candles(string name, PriceKind kind)
    {
        var cmd = new Command(name, $"{kind} price candles into a Binance-layout kline CSV (open_time,...; read by signals --candles and every candle reader).");
        var (symbol, from, to, output) = RangeOptions(cmd);
        var interval = Cli.Optional("--interval", "Interval: 1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w.", "1h");
        cmd.Options.Add(interval);
        return cmd.Handles(pr => Live(() =>
        {
            var iv = Cli.About("--interval", () => ExchangeIntervals.Parse(pr.GetValue(interval)!));
            var (f, t) = (Time(pr.GetValue(from)!, "--from"), To(pr.GetValue(to)));
            var client = Client(pr);
            var sb = new StringBuilder("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n");
            int n = 0;
            foreach (var c in Sync(client.GetCandlesAsync(pr.GetValue(symbol)!, iv, f, t, kind)))
            {
                n++;
                sb.Append(CultureInfo.InvariantCulture, $"{c.Timestamp.ToUnixTimeMilliseconds()},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume},{c.CloseTime.ToUnixTimeMilliseconds() - 1},0,0,0,0,0\n");
            }
            var path = pr.GetValue(output)!;
            WriteOut(path, sb.ToString());
            var report = new Report($"{client.Exchange} {pr.GetValue(symbol)}: {n} {kind.ToString().ToLowerInvariant()} candles");
            report.Section("Written").Fact("File", path).Fact("Candles", n).Fact("From", f.ToString("u", CultureInfo.InvariantCulture)).Fact("To", t.ToString("u", CultureInfo.InvariantCulture))
                .Note("Binance kline CSV layout with a header; read it with signals --candles or Candle.Parse.");
            return report;
        }));
    }

    private static Command Funding()
    {
        var cmd = new Command("funding", "Funding-rate history into a Binance-layout funding CSV (calc_time,funding_interval_hours,last_funding_rate).");
        var (symbol, from, to, output) = RangeOptions(cmd);
        return cmd.Handles(pr => Live(() =>
        {
            var (f, t) = (Time(pr.GetValue(from)!, "--from"), To(pr.GetValue(to)));
            var client = Client(pr);
            var sb = new StringBuilder("calc_time,funding_interval_hours,last_funding_rate\n");
            int n = 0;
            foreach (var e in Sync(client.GetFundingHistoryAsync(pr.GetValue(symbol)!, f, t)))
            {
                n++;
                sb.Append(CultureInfo.InvariantCulture, $"{e.Time.ToUnixTimeMilliseconds()},{(decimal)e.Interval.TotalHours},{e.Rate}\n");
            }
            var path = pr.GetValue(output)!;
            WriteOut(path, sb.ToString());
            var report = new Report($"{client.Exchange} {pr.GetValue(symbol)}: {n} funding prints");
            report.Section("Written").Fact("File", path).Fact("Prints", n).Note("Binance funding CSV layout; read it with FundingEvent.ParseBinanceCsv.");
            return report;
        }));
    }

    private static Command Positions()
    {
        var positions = new Command("positions", "Open positions on an exchange (signed, read-only).");
        var import = new Command("import",
            "Import the account's open positions: the library's margin view (MarginCalc) beside the exchange's liquidation price and margin, with the difference; --out writes the positions CSV that risk --positions-csv reads.");
        var output = Cli.Optional<string?>("--out", "Write side,quantity,entry,margin,mark,leverage rows (risk --positions-csv); one file per symbol when there are several (FILE-SYMBOL.csv).", null);
        var overlays = Cli.Optional<string?>("--overlays", "Contract overlay directory or file (default HEDGEMATH_CONTRACTS_DIR or ~/.hedgemath/contracts).", null);
        import.Options.Add(output);
        import.Options.Add(overlays);
        import.Options.Add(BaseUrlOption());
        positions.Subcommands.Add(import);
        import.Handles(pr => Live(() =>
        {
            var client = Client(pr);
            var list = client.GetPositionsAsync().GetAwaiter().GetResult();
            var over = Cli.About("--overlays", () => ContractOverlays.Load(pr.GetValue(overlays)));
            var report = new Report($"{client.Exchange}: {list.Length} open positions");
            var t = report.Section("Positions").Table(null, "Symbol", "Side", "Quantity", "Entry", "Mark", "Leverage", "Mode",
                "Exchange liq.", "HedgeMath liq.", "Liq. diff", "Exchange margin", "HedgeMath margin", "Margin diff", "HedgeMath MM", "Asset", "Note");
            var rows = new Dictionary<string, List<PositionsCsvRow>>(StringComparer.Ordinal);
            foreach (var p in list)
            {
                var contract = Lookup(client.Exchange, p.Symbol, over);
                decimal? liq = null, margin = null, mm = null;
                string note = contract is null ? "not in the catalog: run contracts refresh" : p.MarginMode == MarginMode.Cross ? "cross: the library's isolated view; the exchange's cross liquidation uses the whole account" : "";
                if (contract is not null)
                {
                    try
                    {
                        var snap = p.MarginView(contract);
                        (liq, margin, mm) = (snap.LiquidationPrice, snap.WalletBalance, snap.MaintenanceMargin);
                    }
                    catch (ArgumentException ex) { note = Cli.OneLine(ex.Message); }
                }
                t.Row(p.Symbol, p.Side.ToString(), p.Quantity, p.EntryPrice, p.MarkPrice, p.Leverage, p.MarginMode.ToString(),
                    p.LiquidationPrice, liq is { } l ? Math.Round(l, 8) : null, Diff(liq, p.LiquidationPrice), p.Margin, margin, Diff(margin, p.Margin), mm, p.MarginAsset, note);
                if (!rows.TryGetValue(p.Symbol, out var r)) rows[p.Symbol] = r = [];
                r.Add(new PositionsCsvRow(p.Side, p.Quantity, p.EntryPrice, p.Margin ?? margin ?? 0m, p.MarkPrice, p.Leverage));
            }
            if (pr.GetValue(output) is { } file)
            {
                var written = report.Section("Written");
                foreach (var (symbol, r) in rows)
                {
                    var path = rows.Count == 1 ? file
                        : Path.Combine(Path.GetDirectoryName(file) ?? "", $"{Path.GetFileNameWithoutExtension(file)}-{symbol}{Path.GetExtension(file)}");
                    WriteOut(path, PositionsCsv.Write(r));
                    written.Fact(symbol, $"{path} (hedgemath risk --positions-csv {path} --exchange {client.Exchange} --symbol {symbol})");
                }
            }
            report.Section("Notes").Note("Liq. diff = HedgeMath − exchange. The library opens each position at its entry and leverage with the exchange's isolated margin (wallet) and marks it at the exchange's mark price; contracts come from the freshest overlay (contracts refresh), else the catalog.");
            return report;
        }));
        return positions;
    }

    /// <summary><c>contracts refresh</c>: fetch each contract (or one) and write dated overlays.</summary>
    public static Command Refresh()
    {
        var cmd = new Command("refresh", "Fetch contracts (instrument, tiers) from --exchange and write dated overlay files that the catalog lookups prefer (freshest first).");
        var symbol = Cli.Optional<string?>("--symbol", "One symbol (default: every catalog symbol of the exchange).", null);
        // One name for the overlay location (issue 25 item 5): what `contracts --overlays` and `positions import --overlays` read, this writes.
        var dir = Cli.Optional<string?>("--overlays", "Overlay directory to write, the one contracts --overlays and positions import --overlays read (default HEDGEMATH_CONTRACTS_DIR, else ~/.hedgemath/contracts).", null);
        cmd.Options.Add(symbol);
        cmd.Options.Add(dir);
        cmd.Options.Add(BaseUrlOption());
        return cmd.Handles(pr => Live(() =>
        {
            if (pr.GetValue(dir) is { } d && !Directory.Exists(d))
                throw new ArgumentException($"--overlays '{d}' is not an existing directory (only the default directory is created).", "overlays");
            var client = Client(pr);
            var symbols = pr.GetValue(symbol) is { } s ? [s] : Contract.Catalog.Where(e => e.Exchange == client.Exchange).Select(e => e.Symbol).ToArray();
            var report = new Report($"{client.Exchange}: {symbols.Length} contracts refreshed");
            var t = report.Section("Overlays").Table(null, "Symbol", "Tiers", "Tier format", "Max leverage", "Tick", "Lot step", "Fetched", "File");
            foreach (var sym in symbols)
            {
                var snap = client.GetContractAsync(sym).GetAwaiter().GetResult();
                var path = ContractOverlays.Write(snap, pr.GetValue(dir));
                t.Row(sym, snap.Contract.Tiers.Count, snap.TiersFormat, snap.Contract.MaxLeverage, snap.Contract.TickSize, snap.Contract.LotStep,
                    snap.AsOf.ToString("u", CultureInfo.InvariantCulture), path);
            }
            return report;
        }));
    }

    /// <summary>The freshest overlay of a contract, else the catalog's; null when neither has it.</summary>
    public static Contract? Lookup(string exchange, string symbol, IEnumerable<ContractOverlay> overlays) =>
        ContractOverlays.Freshest(overlays, exchange, symbol)?.Contract ?? (Contract.TryFind(exchange, symbol, out var c) ? c : null);

    internal static IFuturesExchangeClient Client(ParseResult pr)
    {
        var exchange = pr.GetValue(Cli.Exchange) ?? "binance-usdm";
        var given = pr.GetValue<string?>("--base-url");
        if (given is not null && string.IsNullOrWhiteSpace(given)) throw new ArgumentException("--base-url must be an absolute URL; got an empty value.", "base-url");
        var url = given ?? Environment.GetEnvironmentVariable("HEDGEMATH_EXCHANGE_BASE_URL");
        Uri? baseAddress = null;
        if (!string.IsNullOrWhiteSpace(url) && (!Uri.TryCreate(url, UriKind.Absolute, out baseAddress) || baseAddress.Scheme is not ("http" or "https")))
            throw new ArgumentException($"--base-url must be an absolute http(s) URL; got '{url}'.", "base-url");
        var http = ExchangeHttp.CreateHttpClient();
        var factory = new ExchangeClientFactory(_ => http, e => new ExchangeClientOptions { BaseAddress = baseAddress, Credentials = ExchangeCredentials.FromEnvironment(e) });
        return Cli.About("--exchange", () => factory.Create(exchange));
    }

    // The exchange's failures are the user's to fix (a key, a symbol, the network): one line and exit code 2, never a stack trace.
    internal static T Live<T>(Func<T> run)
    {
        try { return run(); }
        catch (ExchangeApiException ex) when (ex.Kind == ExchangeErrorKind.InvalidSymbol) { throw new ArgumentException($"--symbol: {ex.Message}", "symbol", ex); }
        catch (ExchangeApiException ex) { throw new IOException(ex.Message, ex); }
        catch (IncompleteHistoryException ex) when (ex.InnerException is ExchangeApiException { Kind: ExchangeErrorKind.InvalidSymbol })
        {
            throw new ArgumentException($"--symbol: {ex.Message}", "symbol", ex);
        }
        catch (IncompleteHistoryException ex) { throw new IOException(ex.Message, ex); }
    }

    internal static IEnumerable<T> Sync<T>(IAsyncEnumerable<T> source)
    {
        var e = source.GetAsyncEnumerator();
        try
        {
            while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult()) yield return e.Current;
        }
        finally { e.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
    }

    internal static DateTimeOffset Time(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : throw new ArgumentException($"{option} must be a UTC date or time such as 2024-01-01 or 2024-01-01T08:00Z; got '{text}'.", option.TrimStart('-'));

    /// <summary>
    /// The end of a fetch, exclusive: <c>now</c>; a date alone is the last day fetched, inclusive, as <c>--to</c> is in every
    /// command (issue 25 item 5: <c>plan replay --to 2024-01-31</c> and <c>fetch --to 2024-01-31</c> both end with 31 January);
    /// a time is the end instant itself.
    /// </summary>
    private static DateTimeOffset To(string? text)
    {
        var t = text?.Trim() ?? "";
        if (string.Equals(t, "now", StringComparison.OrdinalIgnoreCase)) return DateTimeOffset.UtcNow;
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day == DateOnly.MaxValue) throw new ArgumentException($"--to must be a UTC date before 9999-12-31 or a time; got '{text}'.", "to");
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        return Time(text ?? "", "--to");
    }

    private static void WriteOut(string path, string text)
    {
        try { File.WriteAllText(path, text); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"--out '{path}' cannot be written: {ex.Message}", "out", ex);
        }
    }

    private static decimal? Diff(decimal? ours, decimal? theirs) => ours is { } a && theirs is { } b ? Math.Round(a - b, 8) : null;
}
