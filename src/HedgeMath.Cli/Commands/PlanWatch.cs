using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// <c>plan watch</c>'s feed: the live clock (<see cref="PlanLive"/>) fed from candles, lines of standard input or growing
/// files, writing one JSON line per bar, event and warning (<see cref="PlanRunCommands.JsonLines"/>, flushed). A plan
/// over several assets is stepped once per open time with one candle of every asset (<see cref="AssetBarAligner"/>, the
/// one alignment of the file, standard-input and <c>--follow</c> modes).
/// </summary>
internal sealed class PlanWatch(PlanLive live, ImmutableArray<FundingEvent> funding, TextWriter output, int? maxBars)
{
    /// <summary>How long <c>--follow</c> waits before looking at the files again when nothing new was written.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private DateTimeOffset? _last;

    /// <summary>Steps the plan on a candle (a repeat of the last bar's open time is skipped) and writes its lines; false once --bars bars are done.</summary>
    public bool Bar(Candle candle)
    {
        if (maxBars is { } m && live.Bars >= m) return false;
        if (_last is { } last && candle.Timestamp <= last) return true; // the same kline sent again
        var u = Cli.About("--candles", () => live.Push(candle, Prints(candle)));
        _last = candle.Timestamp;
        Write(u);
        return maxBars is not { } n || live.Bars < n;
    }

    private void Write(PlanStepResult u)
    {
        foreach (var line in PlanRunCommands.JsonLines(live.Plan, u)) output.WriteLine(line.ToJsonString());
        output.Flush();
    }

    private IEnumerable<FundingEvent> Prints(Candle c)
    {
        foreach (var e in funding) if (e.Time >= c.Timestamp && e.Time < c.CloseTime) yield return e;
    }

    /// <summary>Reads bars a line at a time until the reader ends (or --bars).</summary>
    public void Lines(TextReader reader, TimeSpan? interval)
    {
        var parser = new CandleLines("--candles", interval);
        int n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            foreach (var c in parser.Parse(line, n)) if (!Bar(c)) return;
        }
    }

    /// <summary>Follows a growing file: complete lines as they are appended, polling a few times a second, until --bars.</summary>
    public void Follow(string path, TimeSpan? interval)
    {
        using var tail = FileTail.Open(path, "--candles");
        var parser = new CandleLines("--candles", interval);
        int n = 0;
        while (true)
        {
            var lines = tail.ReadLines();
            if (lines.Count == 0) { Thread.Sleep(Poll); continue; }
            foreach (var line in lines)
            {
                n++;
                foreach (var c in parser.Parse(line, n)) if (!Bar(c)) return;
            }
        }
    }

    // ------------------------------------------------------------ several assets

    /// <summary>Steps a plan over several assets on one bar of every asset (<see cref="PlanLive.PushAssets"/>) and writes its lines; false once --bars bars are done.</summary>
    private bool AssetBar(IReadOnlyDictionary<string, Candle> bar, IReadOnlyDictionary<string, IReadOnlyList<FundingEvent>> prints, string option = "--candles")
    {
        var u = Cli.About(option, () => live.PushAssets(bar, prints));
        Write(u);
        return maxBars is not { } n || live.Bars < n;
    }

    private static Dictionary<string, IReadOnlyList<FundingEvent>> AssetPrints(PlanDefinition plan, ImmutableArray<ImmutableArray<FundingEvent>?> funding)
    {
        var prints = new Dictionary<string, IReadOnlyList<FundingEvent>>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < plan.Assets.Length; k++) if (funding[k] is { } f) prints[plan.Assets[k]] = f;
        return prints;
    }

    /// <summary>
    /// A plan over several assets from one candle file per asset: the files' candles in open-time order through the
    /// aligner, as if they arrived live (a series that starts later starts the watch later; an asset whose file ends ends
    /// the watch; a time one asset lacks and another has is an error naming it).
    /// </summary>
    public void Assets(PlanDefinition plan, ImmutableArray<ImmutableArray<Candle>> candles, ImmutableArray<ImmutableArray<FundingEvent>?> funding)
    {
        if (maxBars is { } m && live.Bars >= m) return;
        var prints = AssetPrints(plan, funding);
        Merge(plan, candles, new AssetBarAligner(plan.Assets, bar => AssetBar(bar, prints)), "--candles");
    }

    /// <summary>
    /// Warms a plan over several assets up from one candle file per asset (<c>--warm-up ASSET=FILE</c>): every open time
    /// all the files have, aligned as the live bars are (<see cref="AssetBarAligner"/>), fed to
    /// <see cref="PlanLive.WarmUpAssets"/> (the first asset's signals, each asset's ATR); it ends where the shortest file ends.
    /// </summary>
    public void WarmUpAssets(PlanDefinition plan, ImmutableArray<ImmutableArray<Candle>> candles) =>
        Merge(plan, candles, new AssetBarAligner(plan.Assets, bar =>
        {
            Cli.About("--warm-up", () => { live.WarmUpAssets(bar); return 0; });
            return true;
        }, "--warm-up"), "--warm-up");

    /// <summary>Each asset's candles into the aligner in open-time order, until an asset's file has ended with nothing waiting (no later bar can be complete) or the step says stop.</summary>
    private static void Merge(PlanDefinition plan, ImmutableArray<ImmutableArray<Candle>> candles, AssetBarAligner aligner, string option)
    {
        var next = new int[candles.Length];
        while (true)
        {
            int k = -1;
            for (int j = 0; j < candles.Length; j++)
                if (next[j] < candles[j].Length && (k < 0 || candles[j][next[j]].Timestamp < candles[k][next[k]].Timestamp)) k = j;
            if (k < 0) return;
            // An asset whose file has ended and that has nothing waiting: no later bar can be complete.
            for (int j = 0; j < candles.Length; j++) if (next[j] == candles[j].Length && !aligner.HasPending(j)) return;
            if (!aligner.Add(k, candles[k][next[k]++], $"{option} {plan.Assets[k]}")) return;
        }
    }

    /// <summary>
    /// A plan over several assets from standard input: each line <c>ASSET,&lt;bar&gt;</c>, the bar in any shape a
    /// one-asset line may take (<see cref="CandleLines"/>; a generic CSV header is tagged too, one header per asset).
    /// </summary>
    public void AssetLines(PlanDefinition plan, TextReader reader, ImmutableArray<ImmutableArray<FundingEvent>?> funding, TimeSpan? interval = null)
    {
        if (maxBars is { } m && live.Bars >= m) return;
        var prints = AssetPrints(plan, funding);
        var aligner = new AssetBarAligner(plan.Assets, bar => AssetBar(bar, prints));
        var parsers = plan.Assets.Select(_ => new CandleLines("--candles", interval)).ToArray();
        int n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            if (line.Trim().Length == 0) continue;
            var (k, text) = Tagged(plan, line, n);
            foreach (var c in parsers[k].Parse(text, n))
                if (!aligner.Add(k, c, string.Create(CultureInfo.InvariantCulture, $"--candles line {n}"))) return;
        }
    }

    /// <summary>
    /// A plan over several assets following one growing file per asset (<c>--candles ASSET=FILE --follow</c>): complete
    /// lines as they are appended to any of the files, a bar stepped when every asset has its candle for an open time,
    /// until --bars.
    /// </summary>
    public void AssetFollow(PlanDefinition plan, ImmutableArray<(string Asset, string File)> files, ImmutableArray<ImmutableArray<FundingEvent>?> funding, TimeSpan? interval = null)
    {
        if (maxBars is { } m && live.Bars >= m) return;
        var prints = AssetPrints(plan, funding);
        var aligner = new AssetBarAligner(plan.Assets, bar => AssetBar(bar, prints));
        var tails = new FileTail[plan.Assets.Length];
        var parsers = new CandleLines[plan.Assets.Length];
        var numbers = new int[plan.Assets.Length];
        try
        {
            for (int k = 0; k < tails.Length; k++)
            {
                string asset = plan.Assets[k];
                string label = "--candles " + asset;
                string file = files.Where(f => f.Asset == asset).Select(f => f.File).FirstOrDefault()
                    ?? throw new ArgumentException($"--candles: the plan runs on {string.Join(", ", plan.Assets)}; --follow takes --candles {asset}=FILE for {asset}.", "--candles");
                tails[k] = FileTail.Open(file, label);
                parsers[k] = new CandleLines(label, interval);
            }
            while (true)
            {
                bool any = false;
                for (int k = 0; k < tails.Length; k++)
                    foreach (var line in tails[k].ReadLines())
                    {
                        any = true;
                        numbers[k]++;
                        foreach (var c in parsers[k].Parse(line, numbers[k]))
                            if (!aligner.Add(k, c, string.Create(CultureInfo.InvariantCulture, $"--candles {plan.Assets[k]} line {numbers[k]}"))) return;
                    }
                if (!any) Thread.Sleep(Poll);
            }
        }
        finally
        {
            foreach (var t in tails) t?.Dispose();
        }
    }

    /// <summary>
    /// A plan over several assets following one exchange symbol per asset (<c>plan watch --symbol SOL=SOLUSDT --symbol
    /// BTC=BTCUSDT</c>): each asset's closed candles (one stream per asset, <see cref="HedgeMath.Exchanges.LiveCandles.FollowAsync"/>)
    /// through the same aligner as the file and standard-input modes, the asset furthest behind read next (a bar steps
    /// once every asset has its candle for the open time), until a stream ends or --bars.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="streams">Each asset's closed candles, in <see cref="PlanDefinition.Assets"/>' order.</param>
    /// <param name="funding">Each asset's funding prints (--funding-csv ASSET=FILE), null where none.</param>
    public void AssetExchange(PlanDefinition plan, ImmutableArray<IAsyncEnumerable<Candle>> streams, ImmutableArray<ImmutableArray<FundingEvent>?> funding)
    {
        if (maxBars is { } m && live.Bars >= m) return;
        var prints = AssetPrints(plan, funding);
        var aligner = new AssetBarAligner(plan.Assets, bar => AssetBar(bar, prints, "--symbol"), "--symbol");
        var feeds = streams.Select(x => ExchangeCommands.Sync(x).GetEnumerator()).ToArray();
        var last = new DateTimeOffset?[feeds.Length];
        try
        {
            while (true)
            {
                // The asset furthest behind next (none read yet first, then the earliest open time; ties in the plan's order).
                int k = 0;
                for (int j = 1; j < feeds.Length; j++)
                    if (last[j] is not { } tj ? last[k] is not null : last[k] is { } tk && tj < tk) k = j;
                if (!feeds[k].MoveNext()) return;
                var c = feeds[k].Current;
                last[k] = c.Timestamp;
                if (!aligner.Add(k, c, $"--symbol {plan.Assets[k]}")) return;
            }
        }
        finally
        {
            foreach (var f in feeds) f.Dispose();
        }
    }

    /// <summary>Splits a standard-input line <c>ASSET,&lt;bar&gt;</c> into the asset's index in the plan and the bar's text.</summary>
    private static (int Asset, string Bar) Tagged(PlanDefinition plan, string line, int number)
    {
        string t = line.Trim();
        int comma = t.IndexOf(',', StringComparison.Ordinal);
        string tag = comma < 0 ? t : t[..comma].Trim().Trim('"');
        int k = -1;
        for (int j = 0; j < plan.Assets.Length; j++) if (string.Equals(plan.Assets[j], tag, StringComparison.OrdinalIgnoreCase)) k = j;
        if (k < 0)
        {
            string shown = tag.Length > 24 ? tag[..24] + "…" : tag;
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--candles line {number}: '{shown}' is not one of the plan's assets ({string.Join(", ", plan.Assets)}); a plan over several assets reads lines ASSET,<bar> from standard input (e.g. {plan.Assets[0]},1704153600000,44179.55,45879.63,44148.34,44946.91,1)."), "--candles");
        }
        return (k, t[(comma + 1)..]);
    }
}

/// <summary>
/// The one alignment of a plan over several assets' bars, live or from files: candles of each asset arrive in open-time
/// order (a repeat of an asset's last open time is skipped, an earlier one is an error), and a bar is stepped when every
/// asset has its candle for one open time. Before the first bar, candles older than another asset's first are dropped
/// (a series that starts later starts the watch later); after it, an open time one asset has and another skipped is an
/// error naming the asset that lacks it (never skipped).
/// </summary>
/// <param name="assets">The plan's assets, in <see cref="PlanDefinition.Assets"/>' order.</param>
/// <param name="step">Steps the plan on a complete bar (keyed by asset); false to stop.</param>
/// <param name="option">The option the candles come from, named by the errors: <c>--candles</c> (the live bars) or <c>--warm-up</c>.</param>
internal sealed class AssetBarAligner(ImmutableArray<string> assets, Func<IReadOnlyDictionary<string, Candle>, bool> step, string option = "--candles")
{
    private readonly Queue<Candle>[] _pending = [.. assets.Select(_ => new Queue<Candle>())];
    private readonly DateTimeOffset?[] _lastIn = new DateTimeOffset?[assets.Length];
    private bool _started;

    /// <summary>Whether the asset has candles waiting for the other assets'.</summary>
    public bool HasPending(int asset) => _pending[asset].Count > 0;

    /// <summary>Adds one asset's candle and steps every bar it completes.</summary>
    /// <param name="asset">The asset's index in the plan's assets.</param>
    /// <param name="candle">Its candle.</param>
    /// <param name="where">The option (and line) it came from, for errors: <c>--candles line 7</c>.</param>
    /// <returns>False once the step said stop (<c>--bars</c> bars done).</returns>
    /// <exception cref="ArgumentException">The candle opens before the asset's previous one, or an asset lacks an open time another has.</exception>
    public bool Add(int asset, Candle candle, string where)
    {
        if (_lastIn[asset] is { } last)
        {
            if (candle.Timestamp == last) return true; // the same kline sent again
            if (candle.Timestamp < last)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: {assets[asset]}'s candle opening at {candle.Timestamp:yyyy-MM-ddTHH:mm:ssZ} comes after its candle opening at {last:yyyy-MM-ddTHH:mm:ssZ}: each asset's bars must come in open-time order."), option);
        }
        _lastIn[asset] = candle.Timestamp;
        _pending[asset].Enqueue(candle);
        while (_pending.All(q => q.Count > 0))
        {
            var latest = _pending.Max(q => q.Peek().Timestamp);
            int behind = Array.FindIndex(_pending, q => q.Peek().Timestamp < latest);
            if (behind >= 0)
            {
                if (!_started) { _pending[behind].Dequeue(); continue; } // before another asset's first bar
                var time = _pending[behind].Peek().Timestamp;
                int lacking = Array.FindIndex(_pending, q => q.Peek().Timestamp > time);
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{option} {assets[lacking]}: no candle opening at {time:yyyy-MM-ddTHH:mm:ssZ}, which {assets[behind]} has: every asset needs a bar at each open time."), option);
            }
            var bar = new Dictionary<string, Candle>(StringComparer.OrdinalIgnoreCase);
            for (int k = 0; k < assets.Length; k++) bar[assets[k]] = _pending[k].Dequeue();
            _started = true;
            if (!step(bar)) return false;
        }
        return true;
    }
}

/// <summary>
/// Bars from lines of text, with the library's parsers: kline JSON (a Binance row array, or a whole Binance, Bybit or
/// OKX response), a Binance kline CSV row, or a generic CSV row read with the header line seen before it (its interval:
/// the warm-up's, or 1 day). A header line gives no candle; a blank line is skipped. One instance per source (it keeps
/// the source's header).
/// </summary>
/// <param name="label">The option (and asset) the lines come from, for errors: <c>--candles</c>, <c>--candles SOL</c>.</param>
/// <param name="interval">The interval of generic CSV rows (null: 1 day).</param>
internal sealed class CandleLines(string label, TimeSpan? interval)
{
    private string? _header;

    /// <summary>One line's candles.</summary>
    /// <exception cref="ArgumentException">The line is not a bar (the message names the option and the line number).</exception>
    public IEnumerable<Candle> Parse(string line, int number)
    {
        var t = line.Trim();
        if (t.Length == 0) return [];
        try
        {
            if (t[0] == '[') return Candle.Parse(t.StartsWith("[[", StringComparison.Ordinal) ? t : "[" + t + "]");
            if (t[0] == '{') return Candle.Parse(t);
            if (char.IsAsciiDigit(t[0]) && t.Count(ch => ch == ',') >= 6 && !t.Contains('-', StringComparison.Ordinal)) return Candle.Parse(t);
            if (!char.IsAsciiDigit(t[0]) && !(t[0] == '"' && t.Length > 1 && char.IsAsciiDigit(t[1])))
            {
                _header = t; // a header line: the columns of the generic CSV rows that follow
                return [];
            }
            if (_header is null)
                throw new ArgumentException("is a CSV row with no header line before it; send the header (e.g. date,open,high,low,close,volume) first, or Binance kline rows");
            return Candle.ParseCsv(_header + "\n" + t, interval ?? TimeSpan.FromDays(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{label} line {number}: {Cli.OneLine(e.Message)}"), "--candles", e);
        }
    }
}

/// <summary>A growing file read a line at a time as lines are appended (like <c>tail -f</c>): a line counts once its newline is written.</summary>
internal sealed class FileTail : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamReader _reader;
    private readonly StringBuilder _pending = new();
    private readonly char[] _buffer = new char[4096];

    private FileTail(FileStream stream)
    {
        _stream = stream;
        _reader = new StreamReader(stream);
    }

    /// <summary>Opens the file for reading while another process writes it.</summary>
    /// <exception cref="ArgumentException">No such file (the message names <paramref name="label"/>).</exception>
    public static FileTail Open(string path, string label)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{label} '{path}': no such file (--follow reads a file on disk).", "--candles");
        return new FileTail(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
    }

    /// <summary>The complete lines written since the last call (none when nothing new ends in a newline yet).</summary>
    public List<string> ReadLines()
    {
        var lines = new List<string>();
        int read;
        while ((read = _reader.Read(_buffer, 0, _buffer.Length)) > 0) _pending.Append(_buffer, 0, read);
        int start = 0;
        for (int i = 0; i < _pending.Length; i++)
            if (_pending[i] == '\n')
            {
                lines.Add(_pending.ToString(start, i - start).TrimEnd('\r'));
                start = i + 1;
            }
        _pending.Remove(0, start);
        return lines;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
    }
}
