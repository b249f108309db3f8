using System.Globalization;
using System.Text;

namespace HedgeMath.Exchanges.Tests.Infrastructure;

/// <summary>Kline pages in each exchange's documented row layout, generated for a requested window (for paging tests: the
/// layouts are the documented ones, the prices a deterministic function of the open time).</summary>
public static class Synthetic
{
    public static decimal Price(long openMs, long intervalMs) => 100m + (openMs / intervalMs % 50);

    private static string P(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>Binance: [openTime, o, h, l, c, v, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore], ascending.</summary>
    public static string BinanceKlines(long startMs, long endMsInclusive, long intervalMs, int limit, long? firstOverride = null)
    {
        var sb = new StringBuilder("[");
        long t = firstOverride ?? (startMs + intervalMs - 1) / intervalMs * intervalMs;
        for (int n = 0; t <= endMsInclusive && n < limit; t += intervalMs, n++)
        {
            if (n > 0) sb.Append(',');
            var p = Price(t, intervalMs);
            sb.Append(CultureInfo.InvariantCulture, $"[{t},\"{P(p)}\",\"{P(p + 1)}\",\"{P(p - 1)}\",\"{P(p)}\",\"10\",{t + intervalMs - 1},\"1000\",5,\"5\",\"500\",\"0\"]");
        }
        return sb.Append(']').ToString();
    }

    /// <summary>Bybit: result.list of [startTime, o, h, l, c, volume, turnover], newest first.</summary>
    public static string BybitKlines(long startMs, long endMsInclusive, long intervalMs, int limit)
    {
        var rows = new List<string>();
        for (long t = (startMs + intervalMs - 1) / intervalMs * intervalMs; t <= endMsInclusive && rows.Count < limit; t += intervalMs)
        {
            var p = Price(t, intervalMs);
            rows.Add($"[\"{t}\",\"{P(p)}\",\"{P(p + 1)}\",\"{P(p - 1)}\",\"{P(p)}\",\"10\",\"1000\"]");
        }
        rows.Reverse();
        return $"{{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{{\"symbol\":\"BTCUSDT\",\"category\":\"linear\",\"list\":[{string.Join(',', rows)}]}},\"retExtInfo\":{{}},\"time\":1672025956592}}";
    }

    /// <summary>OKX: data of [ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm], newest first; after = older than, before = newer than.</summary>
    public static string OkxCandles(long beforeMs, long afterMs, long intervalMs, int limit)
    {
        var rows = new List<string>();
        for (long t = (afterMs - 1) / intervalMs * intervalMs; t > beforeMs && rows.Count < limit; t -= intervalMs)
        {
            var p = Price(t, intervalMs);
            rows.Add($"[\"{t}\",\"{P(p)}\",\"{P(p + 1)}\",\"{P(p - 1)}\",\"{P(p)}\",\"10\",\"1\",\"1000\",\"1\"]");
        }
        return $"{{\"code\":\"0\",\"msg\":\"\",\"data\":[{string.Join(',', rows)}]}}";
    }
}
