using System.Globalization;

namespace HedgeMath.Exchanges;

/// <summary>The kline intervals the three exchanges share, and each exchange's spelling of them.</summary>
/// <remarks>
/// Binance futures: <c>1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M</c>; Bybit v5: <c>1 3 5 15 30 60 120 240 360 720 D W M</c>;
/// OKX v5 (UTC bars): <c>1m 3m 5m 15m 30m 1H 2H 4H 6Hutc 12Hutc 1Dutc 1Wutc</c>. The intersection below (1 minute .. 1 week)
/// is what <see cref="HedgeMath.Market.Candle"/> holds. Thread-safe.
/// </remarks>
public static class ExchangeIntervals
{
    private static readonly TimeSpan[] s_supported =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(7),
    ];

    /// <summary>Whether every exchange here serves klines of this interval.</summary>
    /// <param name="interval">The interval.</param>
    /// <returns>True for 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d and 1w.</returns>
    public static bool IsSupported(TimeSpan interval) => Array.IndexOf(s_supported, interval) >= 0;

    /// <summary>Reads an interval written the Binance way (<c>1m</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentException">The text is not a supported interval.</exception>
    public static TimeSpan Parse(string text)
    {
        Internal.Check.NotNull(text);
        var t = text.Trim();
        if (t.Length >= 2 && int.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            TimeSpan? iv = char.ToLowerInvariant(t[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => null,
            };
            if (iv is { } v && IsSupported(v)) return v;
        }
        throw new ArgumentException($"text must be a kline interval such as 1m, 5m, 1h, 4h, 1d or 1w; got '{text}'.", nameof(text));
    }

    internal static string Binance(TimeSpan interval) => interval.TotalMinutes switch
    {
        < 60 => $"{(int)interval.TotalMinutes}m",
        < 1440 => $"{(int)interval.TotalHours}h",
        < 10080 => $"{(int)interval.TotalDays}d",
        _ => "1w",
    };

    internal static string Bybit(TimeSpan interval) => interval.TotalMinutes switch
    {
        < 1440 => ((int)interval.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        < 10080 => "D",
        _ => "W",
    };

    internal static string Okx(TimeSpan interval) => interval.TotalMinutes switch
    {
        < 60 => $"{(int)interval.TotalMinutes}m",
        < 360 => $"{(int)interval.TotalHours}H",
        < 1440 => $"{(int)interval.TotalHours}Hutc",
        < 10080 => "1Dutc",
        _ => "1Wutc",
    };
}
