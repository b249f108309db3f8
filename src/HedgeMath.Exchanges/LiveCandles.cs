using System.Runtime.CompilerServices;
using HedgeMath.Market;

namespace HedgeMath.Exchanges;

/// <summary>How <see cref="LiveCandles.FollowAsync"/> waits for the next closed candle.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LiveCandleOptions
{
    /// <summary>Which price (last, mark or index).</summary>
    public PriceKind Price { get; init; } = PriceKind.Last;

    /// <summary>How long after a candle's close to ask for it (the exchange needs a moment to settle it); 0 .. 10 minutes, default 2 s.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest single wait between two requests (a wait until the next close is cut into waits this long,
    /// so a paused clock or a suspended machine is noticed); 10 ms .. 1 hour, default 1 minute.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock (the system's by default; tests pass their own).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>
/// Closed candles of one symbol as they complete: the live clock's input (<c>HedgeMath.Scenarios.PlanLive</c>) from an
/// exchange. Each candle is yielded once, in order, only after its close (plus <see cref="LiveCandleOptions.Settle"/>):
/// never the bar still forming, whose close is not yet a close.
/// </summary>
public static class LiveCandles
{
    /// <summary>
    /// Follows a symbol's candles from <paramref name="from"/>: first every closed candle since then (the catch-up, paged by
    /// the client), then each new one shortly after it closes, until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="client">The exchange client.</param>
    /// <param name="symbol">The symbol.</param>
    /// <param name="interval">The candle interval (<see cref="ExchangeIntervals.IsSupported"/>).</param>
    /// <param name="from">The open time of the first candle wanted.</param>
    /// <param name="options">Price kind, settle time, longest wait and clock; defaults when null.</param>
    /// <param name="cancellationToken">Stops following (the enumeration ends with <see cref="OperationCanceledException"/>).</param>
    /// <returns>The closed candles, ascending, without duplicates.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    /// <exception cref="ArgumentException">The symbol is blank, the interval is not supported, or an option is out of its range (named).</exception>
    /// <exception cref="IncompleteHistoryException">A page failed after its retries (from the client).</exception>
    public static IAsyncEnumerable<Candle> FollowAsync(IFuturesExchangeClient client, string symbol, TimeSpan interval, DateTimeOffset from,
        LiveCandleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrWhiteSpace(symbol)) throw new ArgumentException("must name a symbol.", nameof(symbol));
        if (!ExchangeIntervals.IsSupported(interval))
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "must be a supported candle interval (ExchangeIntervals).");
        options ??= new LiveCandleOptions();
        if (options.Settle < TimeSpan.Zero || options.Settle > TimeSpan.FromMinutes(10))
            throw new ArgumentOutOfRangeException(nameof(options), options.Settle, "Settle must be in [0, 10 minutes].");
        if (options.MaxWait < TimeSpan.FromMilliseconds(10) || options.MaxWait > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxWait, "MaxWait must be in [10 ms, 1 hour].");
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        return Follow(client, symbol, interval, from, options, cancellationToken);
    }

    private static async IAsyncEnumerable<Candle> Follow(IFuturesExchangeClient client, string symbol, TimeSpan interval, DateTimeOffset next,
        LiveCandleOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = options.TimeProvider;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Every candle whose close is at or before now − settle; "to" is exclusive on open times, so the end is the
            // open time just after the last closed one: next + k·interval with k whole.
            var settled = clock.GetUtcNow() - options.Settle;
            long closed = (settled - next).Ticks / interval.Ticks;
            bool advanced = false;
            if (closed > 0)
            {
                var end = next + TimeSpan.FromTicks(closed * interval.Ticks);
                await foreach (var c in client.GetCandlesAsync(symbol, interval, next, end, options.Price, cancellationToken).ConfigureAwait(false))
                {
                    if (c.Timestamp < next || c.CloseTime > settled) continue; // a repeat, or one not yet closed
                    next = c.CloseTime;
                    advanced = true;
                    yield return c;
                }
                // A candle the exchange has not settled yet is asked for again at the next poll (a gap before later
                // candles is passed by them: each later candle moves next on).
            }
            var wait = next + interval + options.Settle - clock.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                if (advanced) continue;                 // caught up part of the way: ask for the rest now
                // A closed candle the exchange did not return yet: ask again after a pause of max(Settle, 1 s) (at most
                // MaxWait, below), not in a tight loop.
                wait = options.Settle > TimeSpan.FromSeconds(1) ? options.Settle : TimeSpan.FromSeconds(1);
            }
            await Task.Delay(wait < options.MaxWait ? wait : options.MaxWait, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
