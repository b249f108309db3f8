using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// <c>plan replay</c> (the history clock over a candle file) and <c>plan watch</c> (the live clock over bars as they
/// arrive on standard input or in a growing file), both running a saved plan (<see cref="PlanDocument"/>).
/// </summary>
internal static class PlanRunCommands
{
    /// <summary>The subcommands, added to <c>plan</c>.</summary>
    public static IEnumerable<Command> All()
    {
        yield return ReplayCommand();
        yield return WatchCommand();
    }

    private static readonly AsyncLocal<TextReader?> s_input = new();

    /// <summary>Standard input for <c>plan watch --candles -</c> (tests set a reader; null: the console's).</summary>
    internal static TextReader? Input { get => s_input.Value; set => s_input.Value = value; }

    private static Argument<string> FileArgument() => PlanFileCommands.FileArgument();

    internal static Option<string[]> FundingOption() => PlanMarketFiles.FundingOption();

    // ---------------------------------------------------------------- replay
    private static Command ReplayCommand()
    {
        var file = FileArgument();
        var candles = PlanMarketFiles.CandlesOption("Candles CSV (any layout `signals --candles` reads; a path or an embedded name such as btcusdt_spot_daily.csv): the spot, mark and last prices of every bar.", required: true);
        var funding = FundingOption();
        var from = Cli.Optional<string?>("--from", "First day of the replay (yyyy-MM-dd; default: the first candle's; several assets: the first day all have).", null);
        var to = Cli.Optional<string?>("--to", "Last day of the replay (yyyy-MM-dd; default: the last candle's).", null);
        var cmd = new Command("replay", "Replay a saved plan over candle history (the history clock): equity hedged and unhedged, fees, funding, stops, and every event.");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { candles, funding, from, to }) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            string path = pr.GetValue(file)!;
            var plan = PlanFiles.Load(path, "FILE");
            var bars = PlanMarketFiles.Candles(plan, pr.GetValue(candles));
            var fundings = PlanMarketFiles.Funding(plan, pr.GetValue(funding));
            if (plan.IsMultiAssetPlan())
            {
                // Several assets (a cross leg's contract's asset too): one history per asset over the days all of them have.
                var markets = PlanMarketFiles.Histories(plan, bars, fundings, Day(pr.GetValue(from), "--from"), Day(pr.GetValue(to), "--to"));
                var first = markets[plan.Asset];
                if (first.Length < 2) throw new ArgumentException($"--candles: the replay needs at least 2 bars; the window has {first.Length}.", "--candles");
                var multi = Cli.About("FILE", () => PlanHistory.Run(markets, plan));
                return BuildReplay(plan, Path.GetFileName(path), first, multi, markets);
            }
            var prints = fundings[0] ?? PlanMarketFiles.NoFunding(bars[0]);
            var history = Aligned(bars[0], prints, Day(pr.GetValue(from), "--from"), Day(pr.GetValue(to), "--to"), fundings[0] is not null);
            if (history.Length < 2) throw new ArgumentException($"--candles: the replay needs at least 2 bars; the window has {history.Length}.", "--candles");
            var run = Cli.About("FILE", () => PlanHistory.Run(history, plan));
            return BuildReplay(plan, Path.GetFileName(path), history, run);
        });
    }

    /// <summary>The replay report: the plan, the hedged and unhedged figures (as <c>backtest</c> shows them), the events and the state after the last bar.</summary>
    internal static Report BuildReplay(PlanDefinition plan, string name, MarketHistory history, ReplayResult run,
        IReadOnlyDictionary<string, MarketHistory>? markets = null)
    {
        var report = new Report($"Plan replay: {plan.Name}");
        var s = report.Section("Plan").Fact("Plan", plan.Name).Fact("File", name);
        foreach (var h in plan.Holdings) s.Fact("Holding " + h.Asset, h.Quantity);
        for (int i = 0; i < plan.Legs.Length; i++) s.Fact($"Leg {i}", plan.Legs[i].ToString());
        for (int r = 0; r < plan.Rules.Length; r++) s.Fact($"Rule {r}", plan.Rules[r].ToString());
        s.Fact("After a stop or liquidation", plan.AfterExit.ToString());
        if (markets is not null) AddAssets(report, plan, run, markets);
        ScenariosCommands.AddReplay(report, run, interval: history.Interval, asset: plan.Asset);
        var events = report.Section($"Events ({run.Events.Length})");
        var t = events.Table(null, "time", "event", "leg", "rule", "quantity", "price", "detail");
        foreach (var e in run.Events) t.Row(Time(e.Time), e.Kind.ToString(), e.Leg, e.Rule, Quantity(plan, e.Leg, e.Quantity), Price(plan, e.Leg, e.Price), e.Detail);
        if (run.Events.IsEmpty) events.Note("Nothing happened: no trade, stop, liquidation or rule fired.");
        AddState(report.Section("After the last bar"), plan, run.Status());
        return report;
    }

    /// <summary>A plan over several assets: each asset's move over the replay, the spot's PnL per held asset and the legs' PnL (the hedge against the spot; a cross leg's basis risk shows as the gap), all <see cref="ReplayResult.AssetMoves"/>' figures.</summary>
    private static void AddAssets(Report report, PlanDefinition plan, ReplayResult run, IReadOnlyDictionary<string, MarketHistory> markets)
    {
        string quote = plan.Holdings[0].QuoteAsset;
        var s = report.Section("Assets");
        var t = s.Table(null, "asset", "first close", "last close", "change", "held at the start", "spot PnL");
        foreach (var (asset, first, last, change, held, pnl) in run.AssetMoves(markets))
            t.Row(asset, Show.Money(first, quote), Show.Money(last, quote), Show.Percent(change), held == 0m ? null : held, held == 0m ? null : Show.Money(pnl, quote));
        s.Fact("Spot PnL of the holdings", Show.Money(run.SpotPnl(markets), quote), quote)
            .Fact("Hedge PnL (futures, fees, funding)", Show.Money(run.HedgeNet, quote), quote)
            .Fact("Hedge PnL / spot PnL", Show.Percent(run.HedgeToSpotPnl(markets)));
        foreach (var w in plan.Warnings.Where(w => w.Code == HedgeWarningCode.CrossHedgeBasisRisk)) s.Note(w.Message);
        s.Note("Each leg moves, is stopped and is funded on its own contract's prices; a cross leg is sized by value at each trade's close (ratio × quantity × the hedged asset's close / the contract's close).");
    }

    /// <summary>The state of a plan after a bar (its now clock, <see cref="PlanStatus"/>): equity, each leg's ratio, position, stop, liquidation price and distance to the stop, and each rule's state.</summary>
    /// <remarks>The liquidation price is the status's (<see cref="PlanLegStatus.LiquidationPrice"/>): an isolated leg's own, a cross leg's from the shared wallet.</remarks>
    internal static void AddState(ReportSection s, PlanDefinition plan, PlanStatus status)
    {
        var state = status.State;
        // A spot plan (no legs) is in its holding's quote asset.
        string quote = plan.Legs.IsEmpty ? plan.Holdings[0].QuoteAsset : plan.Legs[0].Contract.QuoteAsset;
        s.Fact("Bars", state.Bars).Fact("Equity", Show.Money(state.Equity, quote), quote).Fact("Unhedged", Show.Money(state.UnhedgedEquity, quote), quote)
            .Fact("Plan PnL", Show.Money(state.Pnl, quote), quote).Fact("Spot held", state.SpotQuantity);
        if (plan.Assets.Length > 1)
            foreach (var asset in plan.Assets.Skip(1).Where(a => plan.SpotQuantityOf(a) != 0m || state.SpotQuantityOf(a) != 0m))
                s.Fact($"Spot held ({asset})", state.SpotQuantityOf(asset));
        if (plan.Legs.IsEmpty) s.Note("No hedge legs: a spot plan, whose rules buy and sell spot.");
        var legs = s.Table("Legs", "leg", "contract", "held ratio", "position", "entry", "stop", "liquidation", "stop distance");
        for (int i = 0; i < plan.Legs.Length; i++)
        {
            var c = plan.Legs[i].Contract;
            var leg = state.Book.Legs[i];
            legs.Row(i, c.Symbol, Show.Percent(state.HeldRatio(i)), Show.Quantity(leg.Position?.Quantity ?? 0m, c.LotStep), Show.Price(leg.Position?.EntryPrice, c.TickSize),
                Show.Price(status.Legs[i].StopPrice, c.TickSize), Show.Price(status.Legs[i].LiquidationPrice, c.TickSize), Show.Percent(status.Legs[i].DistanceToStopFraction));
        }
        if (plan.Rules.IsEmpty) return;
        var rules = s.Table("Rules", "rule", "name", "held at the last close", "armed");
        for (int r = 0; r < plan.Rules.Length; r++) rules.Row(r, plan.Rules[r].Name, state.RuleHeld(r), state.RuleArmed(r));
    }

    // ---------------------------------------------------------------- watch
    /// <summary><c>plan watch</c>'s options, read by the handler and its two halves (one asset, several).</summary>
    private sealed record WatchOptions(Argument<string> File, Option<string[]> Candles, Option<string[]> Symbol, Option<string> Interval, Option<string?> Since,
        Option<string?> BaseUrl, Option<string[]> Funding, Option<bool> Follow, Option<string[]> WarmUp, Option<decimal> Distance, Option<int?> MaxBars);

    private static Command WatchCommand()
    {
        var file = FileArgument();
        var candles = PlanMarketFiles.CandlesOption(
            "Where new bars come from: '-' for standard input (one bar a line: a Binance kline CSV row, a generic CSV row after its header line, or kline JSON), or a candle file (any layout `signals --candles` reads; with --follow, read a line at a time as it grows). Or give --symbol instead. A plan over several assets takes one file per asset (ASSET=FILE; with --follow, each followed as it grows) or standard input with each line tagged by its asset (ASSET,<bar>, e.g. BTC,1704153600000,44179.55,45879.63,44148.34,44946.91,1), stepped one bar of every asset per open time.", required: false);
        var symbol = new Option<string[]>("--symbol")
        {
            Description = "Follow this symbol's closed candles live from the exchange (--exchange, --interval, --from; instead of --candles): each bar once, shortly after it closes, until --bars or Ctrl+C. A plan over several assets takes one symbol per asset: --symbol ASSET=SYMBOL (repeatable, e.g. --symbol SOL=SOLUSDT --symbol BTC=BTCUSDT), stepped one bar of every asset per open time.",
            AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore,
        };
        var barInterval = Cli.Optional("--interval", "With --symbol: the candle interval, 1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w.", "1h");
        var since = Cli.Optional<string?>("--from", "With --symbol: the open time of the first bar, UTC (2026-12-01 or 2026-12-01T08:00Z); default the last closed bar. Bars since then step the plan.", null);
        var baseUrl = ExchangeCommands.BaseUrlOption();
        var funding = FundingOption();
        var follow = new Option<bool>("--follow") { Description = "Keep reading the --candles file (a plan over several assets: every ASSET=FILE) as lines are appended (like tail -f), until --bars bars or Ctrl+C." };
        var warmUp = new Option<string[]>("--warm-up")
        {
            Description = "Candles before the live ones that only warm the indicators (signals, ATR); the plan starts at the first live bar. A plan over several assets takes one file per asset (--warm-up ASSET=FILE, repeated; a plain FILE is the first asset's), warmed on the open times every file has.",
            AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore,
        };
        var distance = Cli.Optional("--warning-distance", "Warn when a stop or liquidation price comes within this fraction of the close (0.05 = 5 %).", 0.05m);
        var maxBars = Cli.Optional<int?>("--bars", "Stop after this many live bars (default: at the end of the input, or never with --follow).", null);
        var o = new WatchOptions(file, candles, symbol, barInterval, since, baseUrl, funding, follow, warmUp, distance, maxBars);
        var cmd = new Command("watch", "Run a saved plan live (the live clock): bars in, one JSON line out per bar, event and warning (stop or liquidation near), flushed as it happens.");
        cmd.Arguments.Add(file);
        foreach (var x in new Option[] { candles, symbol, barInterval, since, baseUrl, funding, follow, warmUp, distance, maxBars }) cmd.Options.Add(x);
        cmd.SetAction(pr =>
        {
            bool json = pr.GetValue(Cli.Json);
            try
            {
                Watch(pr, o);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
            {
                Cli.WriteError(pr.InvocationConfiguration, json, Cli.OptionFor(cmd, ex), Cli.OneLine(ex.Message));
                return Cli.InputError;
            }
            catch (Exception ex)
            {
                Cli.WriteError(pr.InvocationConfiguration, json, null, $"internal error ({ex.GetType().Name}): {Cli.OneLine(ex.Message)}");
                return Cli.InternalError;
            }
        });
        return cmd;
    }

    /// <summary>The handler: the plan, its live clock and the feed, then the bars from one source (one asset) or one per asset.</summary>
    private static void Watch(ParseResult pr, WatchOptions o)
    {
        var plan = PlanFiles.Load(pr.GetValue(o.File)!, o.File.Name);
        var options = Cli.About("--warning-distance", () => new PlanLiveOptions { WarningDistance = pr.GetValue(o.Distance) });
        if (pr.GetValue(o.MaxBars) is { } mb && mb < 1) throw new ArgumentException($"--bars must be at least 1; got {mb}.", "--bars");
        var fundings = PlanMarketFiles.Funding(plan, pr.GetValue(o.Funding));
        var live = new PlanLive(plan, options);
        var watch = new PlanWatch(live, fundings[0] ?? [], pr.InvocationConfiguration.Output, pr.GetValue(o.MaxBars));
        if (plan.IsMultiAssetPlan()) WatchAssets(pr, o, plan, watch, fundings);
        else WatchOne(pr, o, plan, live, watch);
    }

    /// <summary>--interval, --from and --base-url go with --symbol only.</summary>
    private static void ExchangeOptionsOnlyWithSymbol(ParseResult pr, WatchOptions o)
    {
        foreach (var x in new Option[] { o.Interval, o.Since, o.BaseUrl })
            if (pr.GetResult(x) is { Implicit: false })
                throw new ArgumentException($"{x.Name} goes with --symbol (an exchange's live candles); --candles bars carry their own times.", x.Name);
    }

    /// <summary>
    /// Several assets: one candle file per asset (--follow: each file followed as it grows), standard input with each line
    /// tagged by its asset, or one exchange symbol per asset (--symbol ASSET=SYMBOL); every open time stepped with one bar
    /// of each (PlanWatch's aligner).
    /// </summary>
    private static void WatchAssets(ParseResult pr, WatchOptions o, PlanDefinition plan, PlanWatch watch, ImmutableArray<ImmutableArray<FundingEvent>?> fundings)
    {
        var sources = pr.GetValue(o.Candles) ?? [];
        var symbols = pr.GetValue(o.Symbol) ?? [];
        if ((sources.Length == 0) == (symbols.Length == 0))
            throw new ArgumentException($"--candles: give either --candles (one file per asset, or - for standard input) or --symbol (one exchange symbol per asset: {string.Join(" ", plan.Assets.Select(a => $"--symbol {a}=SYMBOL"))}), not both or neither.", "--candles");
        var pairs = symbols.Length > 0 ? AssetSymbols(plan, symbols) : [];
        if (symbols.Length == 0) ExchangeOptionsOnlyWithSymbol(pr, o);
        TimeSpan? interval = null;
        var warmFiles = pr.GetValue(o.WarmUp) ?? [];
        if (warmFiles.Length > 0)
        {
            // Every asset warms its indicators from its own file, on the open times all the files have.
            var warm = PlanMarketFiles.Candles(plan, warmFiles, "--warm-up");
            watch.WarmUpAssets(plan, warm);
            interval = warm[0][0].Interval;
        }
        bool follow = pr.GetValue(o.Follow);
        if (symbols.Length > 0)
            FollowExchange(pr, pr.GetValue(o.Interval)!, pr.GetValue(o.Since), follow,
                (client, iv, start, token) => watch.AssetExchange(plan, [.. pairs.Select(a => LiveCandles.FollowAsync(client, a, iv, start, cancellationToken: token))], fundings));
        else if (sources.Length == 1 && sources[0] == "-")
        {
            if (follow) throw new ArgumentException("--follow reads growing --candles files; standard input (--candles -) is read as it arrives anyway.", "--follow");
            watch.AssetLines(plan, Input ?? Console.In, fundings, interval);
        }
        else if (sources.Any(x => x == "-" || x.EndsWith("=-", StringComparison.Ordinal)))
            throw new ArgumentException($"--candles: a plan over several assets reads either one candle file per asset (--candles ASSET=FILE) or standard input alone (--candles -, each line ASSET,<bar>), not both.", "--candles");
        else if (follow) watch.AssetFollow(plan, PlanMarketFiles.Split(plan, sources, "--candles"), fundings, interval);
        else watch.Assets(plan, PlanMarketFiles.Candles(plan, sources), fundings);
    }

    /// <summary>One asset: one candle file (--follow: as it grows), standard input, or one exchange symbol.</summary>
    private static void WatchOne(ParseResult pr, WatchOptions o, PlanDefinition plan, PlanLive live, PlanWatch watch)
    {
        TimeSpan? interval = null;
        var warmFiles = pr.GetValue(o.WarmUp) ?? [];
        if (warmFiles.Length > 0)
        {
            // One file (a plain FILE, or ASSET=FILE naming the plan's asset).
            var given = PlanMarketFiles.Split(plan, warmFiles, "--warm-up");
            var warm = EmbeddedData.CandlesFromPathOrEmbedded(given[0].File, "--warm-up");
            Cli.About("--warm-up", () => { live.WarmUp(warm); return 0; });
            interval = warm[0].Interval;
        }
        var sources = pr.GetValue(o.Candles) ?? [];
        if (sources.Length > 1) throw new ArgumentException($"--candles: the plan runs on {plan.Asset} only; give one --candles.", "--candles");
        var symbols = pr.GetValue(o.Symbol) ?? [];
        if (symbols.Length > 1) throw new ArgumentException($"--symbol: the plan runs on {plan.Asset} only; give one --symbol.", "--symbol");
        string? source = sources.Length == 0 ? null : PlanMarketFiles.Split(plan, sources, "--candles")[0].File,
            followed = symbols.Length == 0 ? null : AssetSymbols(plan, symbols)[0];
        if ((source is null) == (followed is null))
            throw new ArgumentException("--candles: give either --candles (a file, or - for standard input) or --symbol (an exchange's live candles), not both or neither.", "--candles");
        if (followed is null) ExchangeOptionsOnlyWithSymbol(pr, o);
        if (followed is { } sym)
            FollowExchange(pr, pr.GetValue(o.Interval)!, pr.GetValue(o.Since), pr.GetValue(o.Follow), (client, iv, start, token) =>
            {
                foreach (var c in ExchangeCommands.Sync(LiveCandles.FollowAsync(client, sym, iv, start, cancellationToken: token)))
                    if (!watch.Bar(c)) break;
            });
        else if (source == "-") watch.Lines(Input ?? Console.In, interval);
        else if (pr.GetValue(o.Follow)) watch.Follow(source!, interval);
        else foreach (var c in EmbeddedData.CandlesFromPathOrEmbedded(source!, "--candles")) if (!watch.Bar(c)) break;
    }

    /// <summary>
    /// The exchange symbol of every plan asset from <c>--symbol</c> values, in <see cref="PlanDefinition.Assets"/>' order:
    /// <c>ASSET=SYMBOL</c>, or a plain <c>SYMBOL</c> for the plan's first asset (as a plain <c>--candles FILE</c>); an asset the
    /// plan does not run on, one given twice or one missing is an error naming <c>--symbol</c> and the asset.
    /// </summary>
    internal static ImmutableArray<string> AssetSymbols(PlanDefinition plan, IReadOnlyList<string> values)
    {
        var bySymbol = new string?[plan.Assets.Length];
        foreach (var v in values)
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            bool named = eq > 0 && v[..eq].All(char.IsAsciiLetterOrDigit);
            string asset = named ? v[..eq] : plan.Asset, sym = (named ? v[(eq + 1)..] : v).Trim();
            int k = plan.Assets.IndexOf(plan.Assets.FirstOrDefault(a => string.Equals(a, asset, StringComparison.OrdinalIgnoreCase)) ?? "");
            if (k < 0) throw new ArgumentException($"--symbol {v}: {asset} is not one of the plan's assets ({string.Join(", ", plan.Assets)}).", "--symbol");
            if (bySymbol[k] is not null) throw new ArgumentException($"--symbol: {plan.Assets[k]} is given twice (a plain SYMBOL is {plan.Asset}'s).", "--symbol");
            if (sym.Length == 0) throw new ArgumentException($"--symbol {v}: give a symbol after '=' (e.g. {plan.Assets[k]}USDT).", "--symbol");
            bySymbol[k] = sym;
        }
        for (int k = 0; k < bySymbol.Length; k++)
            if (bySymbol[k] is null)
                throw new ArgumentException($"--symbol: the plan runs on {string.Join(", ", plan.Assets)}; give --symbol {plan.Assets[k]}=SYMBOL for {plan.Assets[k]}.", "--symbol");
        return [.. bySymbol.Select(x => x!)];
    }

    /// <summary>
    /// <c>plan watch --symbol</c>: the exchange's closed candles as they complete (<see cref="LiveCandles.FollowAsync"/>),
    /// each pushed to the live clock (a plan over several assets: one symbol per asset through the aligner), until
    /// <c>--bars</c> or Ctrl+C.
    /// </summary>
    private static void FollowExchange(ParseResult pr, string intervalText, string? from, bool follow, Action<IFuturesExchangeClient, TimeSpan, DateTimeOffset, CancellationToken> run)
    {
        if (follow) throw new ArgumentException("--follow reads a growing --candles file; with --symbol the exchange is followed anyway.", "--follow");
        var iv = Cli.About("--interval", () => ExchangeIntervals.Parse(intervalText));
        var now = DateTimeOffset.UtcNow;
        // Default: the last closed bar's open time (the bar just before the one forming).
        var start = from is { } f ? ExchangeCommands.Time(f, "--from") : new DateTimeOffset(now.UtcTicks / iv.Ticks * iv.Ticks, TimeSpan.Zero) - iv;
        var client = ExchangeCommands.Client(pr);
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            // The exchange's failures as the fetch commands report them (one owner: ExchangeCommands.Live): an unknown
            // symbol names --symbol, anything else is an I/O error; both exit 2.
            ExchangeCommands.Live(() =>
            {
                run(client, iv, start, stop.Token);
                return 0;
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { /* Ctrl+C: a normal end */ }
        finally { Console.CancelKeyPress -= onCancel; }
    }

    /// <summary>The JSON lines of a bar: the bar's state, then its events, then its warnings (camelCase keys, full precision).</summary>
    internal static IEnumerable<JsonObject> JsonLines(PlanDefinition plan, PlanStepResult u)
    {
        var ratios = new JsonArray();
        for (int i = 0; i < plan.Legs.Length; i++) ratios.Add(JsonValue.Create(u.State.HeldRatio(i)));
        var first = new JsonObject
        {
            ["type"] = "bar", ["bar"] = u.Bar, ["opens"] = Iso(u.Candle.Timestamp), ["closes"] = Iso(u.Candle.CloseTime), ["close"] = u.Candle.Close,
            ["equity"] = u.State.Equity, ["unhedged"] = u.State.UnhedgedEquity, ["pnl"] = u.State.Pnl, ["heldRatios"] = ratios,
        };
        if (plan.Assets.Length > 1)
        {
            // A plan over several assets: every asset's close (camelCase keys are the assets as the plan names them).
            var closes = new JsonObject();
            for (int k = 0; k < plan.Assets.Length && k < u.Candles.Length; k++) closes[plan.Assets[k]] = u.Candles[k].Close;
            first["assetCloses"] = closes;
        }
        yield return first;
        foreach (var e in u.Events)
            yield return new JsonObject
            {
                ["type"] = "event", ["time"] = Iso(e.Time), ["kind"] = Camel(e.Kind.ToString()), ["leg"] = e.Leg, ["rule"] = e.Rule,
                ["quantity"] = e.Quantity, ["price"] = e.Price, ["detail"] = e.Detail,
            };
        foreach (var w in u.Warnings)
            yield return new JsonObject
            {
                ["type"] = "warning", ["time"] = Iso(w.Time ?? u.Candle.CloseTime), ["kind"] = Camel(w.Code.ToString()), ["leg"] = w.Leg, ["level"] = w.Figure("level"),
                ["close"] = w.Figure("close"), ["distance"] = w.Figure("distance"), ["detail"] = w.Message,
            };
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    // ---------------------------------------------------------------- shared
    /// <summary>The candles as a history (spot = perpetual = the candles); a rejection names the option it is about.</summary>
    private static MarketHistory Aligned(ImmutableArray<Candle> bars, ImmutableArray<FundingEvent> prints, DateOnly? from, DateOnly? to, bool fundingGiven)
    {
        try { return MarketHistory.Align(bars, bars, prints, from, to); }
        catch (ArgumentException e)
        {
            string option = e.ParamName switch { "from" => "--from", "to" => "--to", "funding" when fundingGiven => "--funding-csv", _ => "--candles" };
            throw new ArgumentException($"{option}: {Cli.OneLine(e.Message)}", option, e);
        }
    }

    private static DateOnly? Day(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ArgumentException($"{option} must be a date yyyy-MM-dd; got '{text}'.", option);

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static object? Quantity(PlanDefinition plan, int leg, decimal q) =>
        q == 0m ? null : leg >= 0 ? Show.Quantity(q, plan.Legs[leg].Contract.LotStep) : q;

    private static object? Price(PlanDefinition plan, int leg, decimal p) =>
        p == 0m ? null : plan.Legs.IsEmpty ? Show.Money(p, plan.Holdings[0].QuoteAsset) : Show.Price(p, plan.Legs[Math.Max(0, leg)].Contract.TickSize);
}
