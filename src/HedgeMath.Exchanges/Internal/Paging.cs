using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace HedgeMath.Exchanges.Internal;

/// <summary>Walks [from, to) in windows that each hold at most one page of rows, so every page is complete whatever order the
/// exchange returns it in; yields ascending, skips overlaps and repeats; a failed window becomes an
/// <see cref="IncompleteHistoryException"/> naming the range from that window's start to the end. A full page that ends before its
/// window does is followed from its last row.</summary>
internal static class Paging
{
    public static async IAsyncEnumerable<T> Windows<T>(string exchange, string symbol, string series, DateTimeOffset from, DateTimeOffset to,
        TimeSpan window, int pageLimit, TimeSpan step, Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<ImmutableArray<T>>> fetch, Func<T, DateTimeOffset> time,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var cursor = from;
        DateTimeOffset? last = null;
        int delivered = 0;
        while (cursor < to)
        {
            ct.ThrowIfCancellationRequested();
            var end = to - cursor > window ? cursor + window : to;
            ImmutableArray<T> page;
            try
            {
                page = await fetch(cursor, end, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                throw new IncompleteHistoryException(exchange, symbol, series, cursor, to, delivered, ex);
            }
            foreach (var row in page)
            {
                var t = time(row);
                if (t < cursor || t >= end) continue;          // an overlapping page: rows outside the window belong to another
                if (last is { } l && t <= l) continue;          // a repeat
                last = t;
                delivered++;
                yield return row;
            }
            // A full page that stops short of its window (an exchange that pages from an earlier start than asked) may hide rows:
            // continue right after the last row instead of skipping to the next window.
            cursor = page.Length >= pageLimit && last is { } lastTime && lastTime >= cursor && lastTime + step < end ? lastTime.AddMilliseconds(1) : end;
        }
    }
}
