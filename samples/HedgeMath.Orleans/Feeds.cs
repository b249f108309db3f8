using HedgeMath.Exchanges;
using HedgeMath.Market;
using Orleans.Streams;

namespace HedgeMath.Orleans;

/// <summary>Publishes bars to the per-symbol bar streams.</summary>
public static class BarStreams
{
    /// <summary>The bar stream of a symbol.</summary>
    /// <param name="provider">The stream provider named <see cref="PlanNames.StreamProvider"/>.</param>
    /// <param name="symbol">The symbol.</param>
    public static IAsyncStream<SymbolBar> Of(IStreamProvider provider, string symbol) =>
        provider.GetStream<SymbolBar>(StreamId.Create(PlanNames.BarsNamespace, symbol));

    /// <summary>Bar messages for a symbol's candles: each chained to the previous candle, with the funding prints in its [open, close).</summary>
    /// <param name="symbol">The symbol.</param>
    /// <param name="candles">The candles, ascending.</param>
    /// <param name="funding">The funding prints (any order; null: none).</param>
    public static List<SymbolBar> Messages(string symbol, IReadOnlyList<Candle> candles, IEnumerable<FundingEvent>? funding)
    {
        var prints = funding?.OrderBy(e => e.Time).ToArray() ?? [];
        var list = new List<SymbolBar>(candles.Count);
        int next = 0;
        DateTimeOffset? previous = null;
        foreach (var c in candles)
        {
            while (next < prints.Length && prints[next].Time < c.Timestamp) next++;
            int first = next;
            while (next < prints.Length && prints[next].Time < c.CloseTime) next++;
            list.Add(SymbolBar.From(symbol, c, previous, prints[first..next]));
            previous = c.Timestamp;
        }
        return list;
    }
}

/// <summary>
/// A feed from candle files: each symbol's bars replayed onto its stream in time order across symbols, at a chosen
/// speed. After a failure, replay again from an earlier bar: plans skip what they have processed.
/// </summary>
public sealed class FileFeed
{
    private const int PublishAttempts = 8;
    private readonly List<SymbolBar> _merged;

    /// <summary>A feed over bar messages (see <see cref="BarStreams.Messages"/>).</summary>
    /// <param name="symbols">Each symbol's bar messages, ascending.</param>
    public FileFeed(IReadOnlyDictionary<string, List<SymbolBar>> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        Symbols = symbols;
        _merged = [.. symbols.Values.SelectMany(b => b).OrderBy(b => b.Open).ThenBy(b => b.Symbol, StringComparer.Ordinal)];
    }

    /// <summary>A feed from candle CSV files (<see cref="Candle.ParseCsv(string)"/>; funding: <see cref="FundingEvent.ParseCsv(string)"/>).</summary>
    /// <param name="files">Per symbol: the candles file and the funding file (null: none).</param>
    /// <param name="last">Keep only each symbol's last this many candles (null: all).</param>
    public static FileFeed Load(IEnumerable<(string Symbol, string Candles, string? Funding)> files, int? last = null)
    {
        var map = new Dictionary<string, List<SymbolBar>>(StringComparer.Ordinal);
        foreach (var (symbol, candlesPath, fundingPath) in files)
        {
            IReadOnlyList<Candle> candles = Candle.ParseCsv(File.ReadAllText(candlesPath));
            if (last is { } n && candles.Count > n) candles = candles.Skip(candles.Count - n).ToArray();
            IEnumerable<FundingEvent>? funding = fundingPath is null ? null : FundingEvent.ParseCsv(File.ReadAllText(fundingPath));
            map[symbol] = BarStreams.Messages(symbol, candles, funding);
        }
        return new FileFeed(map);
    }

    /// <summary>Each symbol's bar messages.</summary>
    public IReadOnlyDictionary<string, List<SymbolBar>> Symbols { get; }

    /// <summary>Every bar message, in replay order.</summary>
    public IReadOnlyList<SymbolBar> Merged => _merged;

    /// <summary>Replays bars [from, to) of <see cref="Merged"/> onto the streams.</summary>
    /// <param name="provider">The stream provider (<see cref="PlanNames.StreamProvider"/>).</param>
    /// <param name="speed">Market time per wall time (86,400: a day per second); 0 or less: as fast as the streams take them.</param>
    /// <param name="from">The first bar's index.</param>
    /// <param name="to">The end (exclusive; null: all).</param>
    /// <param name="cancellationToken">Stops between bars.</param>
    /// <returns>The bars published.</returns>
    public async Task<int> ReplayAsync(IStreamProvider provider, double speed, int from = 0, int? to = null, CancellationToken cancellationToken = default)
    {
        int end = Math.Min(to ?? _merged.Count, _merged.Count);
        var streams = new Dictionary<string, IAsyncStream<SymbolBar>>(StringComparer.Ordinal);
        for (int i = from; i < end; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bar = _merged[i];
            if (speed > 0 && i > from && bar.Open > _merged[i - 1].Open)
                await Task.Delay(TimeSpan.FromTicks((long)((bar.Open - _merged[i - 1].Open).Ticks / speed)), cancellationToken);
            if (!streams.TryGetValue(bar.Symbol, out var s)) streams[bar.Symbol] = s = BarStreams.Of(provider, bar.Symbol);
            // A queue on a silo that went down fails or times out the publish: try again (a bar sent twice is skipped downstream).
            for (int attempt = 1; ; attempt++)
            {
                try { await s.OnNextAsync(bar); break; }
                catch (Exception) when (attempt < PublishAttempts && !cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
                }
            }
        }
        return Math.Max(0, end - from);
    }
}

/// <summary>A live feed: a symbol's closed candles from an exchange (<see cref="LiveCandles.FollowAsync"/>) with the funding prints of each, onto the symbol's stream.</summary>
public static class ExchangeFeed
{
    /// <summary>Follows a symbol until cancelled, publishing each closed candle (with its funding prints) as it closes.</summary>
    /// <param name="client">The exchange client.</param>
    /// <param name="provider">The stream provider (<see cref="PlanNames.StreamProvider"/>).</param>
    /// <param name="symbol">The symbol.</param>
    /// <param name="interval">The candle interval.</param>
    /// <param name="from">The open time of the first candle.</param>
    /// <param name="previous">The open time of the bar before <paramref name="from"/> that the symbol already logged
    /// (<see cref="ISymbolGrain.GetLastBarAsync"/> when resuming; null for a symbol's first bar ever).</param>
    /// <param name="cancellationToken">Stops following.</param>
    public static async Task RunAsync(IFuturesExchangeClient client, IStreamProvider provider, string symbol, TimeSpan interval,
        DateTimeOffset from, DateTimeOffset? previous, CancellationToken cancellationToken)
    {
        var stream = BarStreams.Of(provider, symbol);
        await foreach (var c in LiveCandles.FollowAsync(client, symbol, interval, from, cancellationToken: cancellationToken))
        {
            var prints = new List<FundingEvent>();
            await foreach (var f in client.GetFundingHistoryAsync(symbol, c.Timestamp, c.CloseTime, cancellationToken)) prints.Add(f);
            await stream.OnNextAsync(SymbolBar.From(symbol, c, previous, prints.OrderBy(p => p.Time)));
            previous = c.Timestamp;
        }
    }

}
