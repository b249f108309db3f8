using System.Diagnostics;
using System.Globalization;
using System.Net;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HedgeMath.Orleans;

/// <summary>
/// The sample service's command line.
/// <c>run</c>: one silo in this process, the plans of a folder (one document per <c>*.json</c>, the file name its id),
/// a file feed replayed at a speed, the events as JSON lines.
/// <c>bench</c>: plan-steps per second of 1 and 2 silos against the single-process evaluator.
/// </summary>
public static class PlanServiceProgram
{
    private const string Usage = """
        usage:
          HedgeMath.Orleans run --plans DIR --feed SYMBOL=CANDLES.csv[,FUNDING.csv] [--feed ...] [--last N] [--speed N] [--out FILE] [--redis HOST:PORT]
          HedgeMath.Orleans bench [--plans 1000,10000] [--symbols 100] [--bars 30] [--silos 1,2] [--checkpoint 1,16] [--shard-size 0,250]
        --shard-size: plans per shard grain (0: one plan grain per plan, the default)
        --last: only each file's last N candles
        --speed: market time per wall time (86400 = a day per second; 0 = as fast as possible, the default)
        """;

    /// <summary>Runs a command; exit 2 on bad arguments.</summary>
    /// <param name="args">The arguments.</param>
    public static async Task<int> MainAsync(string[] args)
    {
        try
        {
            if (args.Length == 0) throw new ArgumentException("a command is required: run or bench");
            var opts = Options(args.Skip(1).ToArray());
            return args[0] switch
            {
                "run" => await RunAsync(opts),
                "bench" => await BenchAsync(opts),
                _ => throw new ArgumentException($"unknown command '{args[0]}': run or bench"),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\n{Usage}");
            return 2;
        }
    }

    private static Dictionary<string, List<string>> Options(string[] args)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"option '{args[i]}' needs a value (--name value)");
            if (!map.TryGetValue(args[i], out var l)) map[args[i]] = l = [];
            l.Add(args[++i]);
        }
        return map;
    }

    private static string? One(Dictionary<string, List<string>> o, string name) => o.TryGetValue(name, out var l) ? l[^1] : null;

    private static int[] Ints(Dictionary<string, List<string>> o, string name, string fallback) =>
        [.. (One(o, name) ?? fallback).Split(',').Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"option {name} must be positive whole numbers separated by commas; got '{s}'"))];

    /// <summary>Starts silos in this process (localhost clustering, the first one primary) with memory storage, or Redis when given.</summary>
    /// <param name="count">How many silos.</param>
    /// <param name="sink">The events sink of every silo.</param>
    /// <param name="redis">A Redis configuration string (null: memory storage).</param>
    /// <param name="basePort">The first silo port (gateways at +100).</param>
    /// <param name="checkpointEvery">See <see cref="PlanServiceHosting.AddPlanService(ISiloBuilder, int, int)"/>.</param>
    /// <param name="shardSize">See <see cref="PlanServiceOptions.ShardSize"/> (0: one plan grain per plan).</param>
    public static async Task<List<IHost>> StartSilosAsync(int count, IPlanEventSink sink, string? redis = null, int basePort = 21111, int checkpointEvery = 1, int shardSize = 0)
    {
        var hosts = new List<IHost>();
        for (int i = 0; i < count; i++)
        {
            int n = i;
            var host = Host.CreateDefaultBuilder()
                .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
                .UseOrleans(silo =>
                {
                    // Adding 10,000 plans in one call (PutManyAsync) takes longer than the default 30 s on a loaded machine.
                    silo.Configure<global::Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10));
                    silo.UseLocalhostClustering(basePort + n, basePort + 100 + n, new IPEndPoint(IPAddress.Loopback, basePort));
                    silo.AddPlanService(checkpointEvery, shardSize);
                    silo.AddPlanStorage(redis);
                    silo.Services.AddSingleton(sink);
                })
                .Build();
            await host.StartAsync();
            hosts.Add(host);
        }
        return hosts;
    }

    private static async Task<int> RunAsync(Dictionary<string, List<string>> o)
    {
        var dir = One(o, "--plans") ?? throw new ArgumentException("--plans DIR is required");
        if (!Directory.Exists(dir)) throw new ArgumentException($"--plans: no such folder '{dir}'");
        if (!o.TryGetValue("--feed", out var feeds)) throw new ArgumentException("at least one --feed SYMBOL=CANDLES.csv[,FUNDING.csv] is required");
        var files = feeds.Select(f =>
        {
            var (symbol, rest) = f.Split('=', 2) is [var s, var r] ? (s, r) : throw new ArgumentException($"--feed must be SYMBOL=CANDLES.csv[,FUNDING.csv]; got '{f}'");
            var parts = rest.Split(',');
            foreach (var p in parts) if (!File.Exists(p)) throw new ArgumentException($"--feed: no such file '{p}'");
            return (symbol, parts[0], parts.Length > 1 ? parts[1] : (string?)null);
        }).ToList();
        var speed = double.TryParse(One(o, "--speed") ?? "0", NumberStyles.Float, CultureInfo.InvariantCulture, out var sp) && sp >= 0
            ? sp : throw new ArgumentException($"--speed must be a number ≥ 0; got '{One(o, "--speed")}'");
        var outPath = One(o, "--out");
        await using var writer = outPath is null ? Console.Out : new StreamWriter(outPath, append: true);
        int? last = One(o, "--last") is { } l ? Ints(o, "--last", l)[0] : null;
        var feed = FileFeed.Load(files, last);

        var hosts = await StartSilosAsync(1, new JsonLinesEventSink(writer), One(o, "--redis"));
        try
        {
            var client = hosts[0].Services.GetRequiredService<IClusterClient>();
            var manager = client.GetGrain<IPlanManagerGrain>(PlanNames.Manager);
            var first = feed.Merged.Count == 0 ? (DateTimeOffset?)null : feed.Merged[0].Open;
            foreach (var path in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
            {
                var id = Path.GetFileNameWithoutExtension(path);
                var symbol = await manager.PutAsync(id, await File.ReadAllTextAsync(path), null, first);
                await Console.Error.WriteLineAsync($"plan {id} follows {symbol}");
            }
            await feed.ReplayAsync(client.GetStreamProvider(PlanNames.StreamProvider), speed);
            await WaitForAsync(client, feed.Symbols.ToDictionary(s => s.Key, s => s.Value[^1].Open), TimeSpan.FromMinutes(10));
            await WaitForEventsAsync(client, (await manager.ListAsync()).Keys, TimeSpan.FromMinutes(1));
            await Console.Error.WriteLineAsync($"{feed.Merged.Count:N0} bars replayed");
            return 0;
        }
        finally
        {
            foreach (var h in Enumerable.Reverse(hosts)) await h.StopAsync();
        }
    }

    /// <summary>Waits until each symbol grain has handed its last bar to every plan.</summary>
    /// <param name="client">A cluster client.</param>
    /// <param name="last">Symbol → the open time of its last bar.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <exception cref="TimeoutException">Not all done in time.</exception>
    public static async Task WaitForAsync(IGrainFactory client, IReadOnlyDictionary<string, DateTimeOffset> last, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        var pending = new HashSet<string>(last.Keys, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            // Up to the first symbol not done yet: a poll costs one call while the run is far from done (a call per symbol
            // every 20 ms would itself load the silos being measured).
            foreach (var s in pending.ToArray())
                if (await client.GetGrain<ISymbolGrain>(s).GetFannedOutAsync() is { } f && f >= last[s]) pending.Remove(s);
                else break;
            if (pending.Count == 0) break;
            if (sw.Elapsed > timeout) throw new TimeoutException($"{pending.Count} symbols not done after {timeout}: {string.Join(", ", pending.Take(5))}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until each plan's latest records are written by its event log (after <see cref="WaitForAsync"/>: the
    /// records are published when the bar is stepped and reach the sink through the events stream).</summary>
    /// <param name="client">A cluster client.</param>
    /// <param name="plans">The plan ids.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <exception cref="TimeoutException">Not all written in time.</exception>
    public static async Task WaitForEventsAsync(IGrainFactory client, IEnumerable<string> plans, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        var pending = new HashSet<string>(plans, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            foreach (var id in pending.ToArray())
            {
                var s = await client.GetGrain<IPlanGrain>(id).GetStatusAsync();
                if (s.LastRecordBar is not { } bar || await client.GetGrain<IEventLogGrain>(s.Events).HasWrittenAsync(id, s.Generation, bar)) pending.Remove(id);
            }
            if (pending.Count == 0) break;
            if (sw.Elapsed > timeout) throw new TimeoutException($"{pending.Count} plans' records not written after {timeout}: {string.Join(", ", pending.Take(5))}");
            await Task.Delay(20);
        }
    }

    /// <summary>A hedge plan document on a Binance USDⓈ-M contract: part of the spot hedged at 2x with a stop, a rule that removes the leg below a price.</summary>
    /// <param name="name">The plan's name.</param>
    /// <param name="contract">The contract's symbol (BTCUSDT, ETHUSDT, ...).</param>
    /// <param name="asset">The spot asset held (BTC, ETH, ...).</param>
    /// <param name="quantity">The spot quantity held.</param>
    /// <param name="averageCost">Its average cost.</param>
    /// <param name="ratio">The hedge ratio.</param>
    /// <param name="stop">The stop distance.</param>
    /// <param name="removeBelow">The rule's price level.</param>
    public static string SampleDocument(string name, string contract, string asset, decimal quantity, decimal averageCost,
        decimal ratio, decimal stop, decimal removeBelow) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "version": 1, "name": "{{name}}",
          "holdings": [ { "asset": "{{asset}}", "quantity": {{quantity}}, "averageCost": {{averageCost}}, "quote": "USDT" } ],
          "legs": [ { "exchange": "binance-usdm", "symbol": "{{contract}}", "ratio": {{ratio}}, "leverage": 2, "side": "short", "mode": "isolated",
                      "stop": { "kind": "distance", "value": {{stop}} } } ],
          "rules": [ { "name": "remove below {{removeBelow}}", "when": { "kind": "price-at-or-below", "price": {{removeBelow}} }, "do": { "kind": "remove", "leg": 0 }, "trigger": "once" } ],
          "afterExit": { "kind": "next-bar" }
        }
        """);

    private static async Task<int> BenchAsync(Dictionary<string, List<string>> o)
    {
        int[] planCounts = Ints(o, "--plans", "1000,10000"), silos = Ints(o, "--silos", "1,2");
        int symbols = Ints(o, "--symbols", "100")[0], bars = Ints(o, "--bars", "30")[0];
        int[] checkpoints = Ints(o, "--checkpoint", "1");
        int[] shardSizes = [.. (One(o, "--shard-size") ?? "0").Split(',').Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw new ArgumentException($"option --shard-size must be whole numbers ≥ 0 separated by commas; got '{s}'"))];
        var btc = Candle.ParseCsv(File.ReadAllText(FindData("market/btcusdt_spot_daily.csv")));
        var funding = FundingEvent.ParseCsv(File.ReadAllText(FindData("market/btcusdt_funding_8h.csv")));
        // Each symbol: the last `bars` BTC days, prices scaled by 1 + k/1000 (distinct paths, the same calendar).
        var src = btc.Skip(btc.Length - bars).ToArray();
        var map = new Dictionary<string, List<SymbolBar>>(StringComparer.Ordinal);
        for (int k = 0; k < symbols; k++)
        {
            decimal f = 1m + k / 1000m;
            var candles = src.Select(c => new Candle(c.Timestamp, c.Interval, c.Open * f, c.High * f, c.Low * f, c.Close * f, c.Volume)).ToArray();
            map[$"S{k:000}"] = BarStreams.Messages($"S{k:000}", candles, funding);
        }
        var feed = new FileFeed(map);
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}  ({Environment.ProcessorCount} cores; the machine is shared)");
        Console.WriteLine("Rates per wall-clock second, and per CPU second of this process (user + system; less sensitive to the other load).");
        Console.WriteLine("| plans | symbols | bars | plan-steps | single process: steps/s (per CPU s) | silos | checkpoint every | shard size | cluster: steps/s (per CPU s) | cluster / single (per CPU s) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        PlanSpec[] Specs(int plans) => [.. Enumerable.Range(0, plans).Select(i => new PlanSpec
        {
            Id = $"p{i:00000}", Symbol = $"S{i % symbols:000}", StartAt = src[0].Timestamp,
            Document = SampleDocument($"p{i}", "BTCUSDT", "BTC", 1m, 30_000m, 0.25m + (i % 4) * 0.25m, 0.05m + (i % 5) * 0.02m, src.Min(c => c.Close) * (0.9m + (i % 7) * 0.03m)),
        })];
        // Warm-up, untimed: one small cluster run per mode, so that the first timed run does not pay for compiling the
        // runtime's paths (a service runs them hot).
        foreach (var shard in shardSizes) await ClusterRunAsync(Specs(Math.Min(planCounts.Min(), 1000)), 1, checkpoints[0], shard, feed, map, bars);
        foreach (var plans in planCounts)
        {
            var specs = Specs(plans);
            Single(specs, map);   // warm-up: the first pass runs partly in unoptimised (tier-0) code
            var (single, singleCpu) = Single(specs, map);
            foreach (var n in silos)
            foreach (var k in checkpoints)
            foreach (var shard in shardSizes)
            {
                var (rate, rateCpu) = await ClusterRunAsync(specs, n, k, shard, feed, map, bars);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {plans:N0} | {symbols} | {bars} | {plans * bars:N0} | {single:N0} ({singleCpu:N0}) | {n} | {k} | {(shard == 0 ? "plan grains" : shard.ToString("N0", CultureInfo.InvariantCulture))} | {rate:N0} ({rateCpu:N0}) | {rate / single:P1} ({rateCpu / singleCpu:P1}) |"));
            }
        }
        Console.WriteLine($"load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>One timed cluster run: silos started, the plans added, the feed replayed until every symbol has handed its
    /// last bar to all its plans; plan-steps per wall-clock second and per CPU second of the process.</summary>
    private static async Task<(double Wall, double Cpu)> ClusterRunAsync(PlanSpec[] specs, int silos, int checkpointEvery, int shardSize,
        FileFeed feed, Dictionary<string, List<SymbolBar>> map, int bars)
    {
        var hosts = await StartSilosAsync(silos, new NullSink(), basePort: 21111 + 10 * silos + specs.Length % 7, checkpointEvery: checkpointEvery, shardSize: shardSize);
        try
        {
            var client = hosts[0].Services.GetRequiredService<IClusterClient>();
            await client.GetGrain<IPlanManagerGrain>(PlanNames.Manager).PutManyAsync(specs);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            await feed.ReplayAsync(client.GetStreamProvider(PlanNames.StreamProvider), 0);
            await WaitForAsync(client, map.ToDictionary(s => s.Key, s => s.Value[^1].Open), TimeSpan.FromMinutes(15));
            double steps = (double)specs.Length * bars;
            return (steps / sw.Elapsed.TotalSeconds, steps / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
        finally
        {
            foreach (var h in Enumerable.Reverse(hosts)) await h.StopAsync();
            foreach (var h in hosts) h.Dispose();
        }
    }

    /// <summary>The single-process evaluator on the same plans and bars: one <see cref="PlanLive"/> per plan, every bar in order.</summary>
    private static (double Wall, double Cpu) Single(PlanSpec[] specs, Dictionary<string, List<SymbolBar>> map)
    {
        var lives = specs.Select(s => (Live: new PlanLive(PlanDocument.Load(s.Document)), Bars: map[s.Symbol!])).ToArray();
        var candles = map.ToDictionary(m => m.Key, m => m.Value.Select(b => (b.ToCandle(), b.ToFunding())).ToArray());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        long steps = 0;
        foreach (var (live, bars) in lives)
            foreach (var (c, f) in candles[bars[0].Symbol]) { live.Advance(c, f); steps++; }
        return (steps / sw.Elapsed.TotalSeconds, steps / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>A file under the repository's data/ folder, found upwards from the program's folder.</summary>
    /// <param name="relative">The path under data/.</param>
    public static string FindData(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "data", relative);
            if (File.Exists(p)) return p;
        }
        throw new ArgumentException($"data/{relative} not found above {AppContext.BaseDirectory}");
    }

    private sealed class NullSink : IPlanEventSink
    {
        public Task WriteAsync(IReadOnlyList<PlanEventRecord> records) => Task.CompletedTask;
    }
}
