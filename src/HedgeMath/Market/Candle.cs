using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>One OHLCV bar in the quote asset: the UTC time it opens and its interval (1 minute .. 1 week).</summary>
/// <remarks>
/// <para>Prices are <see cref="decimal"/> as the exchanges publish them; use <see cref="Closes"/> to get
/// <see cref="double"/> spans for indicators and statistics. Creation validates: prices positive, volume
/// non-negative, low ≤ open, close ≤ high, interval in [1 minute, 7 days]. <see cref="Date"/> is a convenience: the UTC
/// day the bar opens (several intraday bars share it; order and align by <see cref="Timestamp"/>). Immutable and
/// thread-safe.</para>
/// <para><b>Reading candles</b> (Candle.Parse.cs): <see cref="ParseBinanceCsv(string)"/>, <see cref="ParseBinanceJson"/>, <see cref="ParseBybitJson"/>,
/// <see cref="ParseOkxJson"/>, <see cref="ParseOkxSwapJson"/>, <see cref="ParseCsv(string)"/> (the generic headered CSV) and <see cref="Parse"/>
/// (any of them, recognised by its shape). <b>Binance</b> (data.binance.vision downloads and <c>GET /api/v3/klines</c>, <c>/fapi/v1/klines</c>): 12 columns
/// <c>open_time, open, high, low, close, volume, close_time, quote_volume, count, taker_buy_volume,
/// taker_buy_quote_volume, ignore</c>, with or without a header row; times are epoch milliseconds, or microseconds
/// (spot archives since 2025, detected by magnitude). The interval is <c>close_time − open_time</c> plus one unit.</para>
/// <para><b>Bybit</b> (<c>GET /v5/market/kline</c>): <c>result.list</c> of <c>[startTime, open, high, low, close, volume,
/// turnover]</c> strings, newest first. <b>OKX</b> (<c>GET /api/v5/market/candles</c>, <c>history-candles</c>):
/// <c>data</c> of <c>[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]</c>, newest first. Neither carries the interval:
/// pass it, or it is taken as the smallest gap between bars.</para>
/// <para><b>Volume unit</b> (<see cref="Candle.Volume"/>): the base asset wherever the exchange publishes it. Binance <c>volume</c>
/// (the 6th value) is the base asset on spot and USDⓈ-M, contracts on COIN-M (whose base volume, the 8th value, these readers do not
/// take). Bybit <c>volume</c> counts contracts: for spot and linear contracts one is one base coin, for inverse contracts one USD
/// (the base coin is then <c>turnover</c>, which is not taken; Bybit v5 "Get Kline"). OKX <c>vol</c> is the base currency for SPOT
/// and contracts for FUTURES/SWAP/OPTION, whose base currency is <c>volCcy</c> (OKX v5 "Get candlesticks"):
/// <see cref="ParseOkxJson"/> takes <c>vol</c> (spot), <see cref="ParseOkxSwapJson"/> takes <c>volCcy</c> (swaps and futures).
/// <see cref="Parse"/> cannot tell an OKX swap from a spot pair and reads OKX rows as <see cref="ParseOkxJson"/> does.</para>
/// <para>Every reader returns candles in ascending time and rejects unordered or duplicate timestamps, naming the row and
/// column. Pure functions (no file access).</para>
/// <para><b>Candle lists</b> (Candle.Series.cs): <see cref="Closes"/>, <see cref="Highs"/> and <see cref="Lows"/> convert a candle
/// list to a new <see cref="double"/> array for the indicators (the explicit boundary between money and statistics);
/// <see cref="Resample"/> joins candles into a longer interval.</para>
/// </remarks>
public readonly partial struct Candle : IEquatable<Candle>
{
    /// <summary>The shortest interval a candle may have (1 minute).</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMinutes(1);
    /// <summary>The longest interval a candle may have (1 week).</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(7);

    /// <summary>Creates a validated daily candle (opens at 00:00 UTC of <paramref name="date"/>, interval 1 day).</summary>
    /// <param name="date">The UTC day the candle opens.</param>
    /// <param name="open">Open price (&gt; 0).</param>
    /// <param name="high">High price (&gt; 0, ≥ open, low and close).</param>
    /// <param name="low">Low price (&gt; 0, ≤ open, high and close).</param>
    /// <param name="close">Close price (&gt; 0).</param>
    /// <param name="volume">Volume (≥ 0), in the unit of the source: the base asset for the exchanges' readers where the exchange publishes it (see <see cref="Candle"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The date is the last representable day, a price is not positive, the volume is negative, or low/high do not bound open and close.</exception>
    public Candle(DateOnly date, decimal open, decimal high, decimal low, decimal close, decimal volume)
        : this(Midnight(date), TimeSpan.FromDays(1), open, high, low, close, volume)
    {
    }

    private static DateTimeOffset Midnight(DateOnly date)
    {
        if (date == DateOnly.MaxValue) Preconditions.ThrowOutOfRange(nameof(date), date, "must be before 9999-12-31 (the candle must close before DateTimeOffset.MaxValue)");
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    /// <summary>Creates a validated candle of any interval.</summary>
    /// <param name="timestamp">The time the candle opens (converted to UTC).</param>
    /// <param name="interval">The candle's interval, in [1 minute, 7 days].</param>
    /// <param name="open">Open price (&gt; 0).</param>
    /// <param name="high">High price (&gt; 0, ≥ open, low and close).</param>
    /// <param name="low">Low price (&gt; 0, ≤ open, high and close).</param>
    /// <param name="close">Close price (&gt; 0).</param>
    /// <param name="volume">Volume (≥ 0), in the unit of the source: the base asset for the exchanges' readers where the exchange publishes it (see <see cref="Candle"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The interval is out of range, the close time is not representable, a price is not positive, the volume is negative, or low/high do not bound open and close.</exception>
    public Candle(DateTimeOffset timestamp, TimeSpan interval, decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        if (interval < MinInterval || interval > MaxInterval)
            Preconditions.ThrowOutOfRange(nameof(interval), interval, "must be in the range [1 minute, 7 days]");
        if (timestamp.UtcDateTime > DateTime.MaxValue - interval)
            Preconditions.ThrowOutOfRange(nameof(timestamp), timestamp, "must leave room for the interval before DateTimeOffset.MaxValue");
        Preconditions.Positive(open);
        Preconditions.Positive(high);
        Preconditions.Positive(low);
        Preconditions.Positive(close);
        Preconditions.NonNegative(volume);
        if (low > Math.Min(open, close)) Preconditions.ThrowOutOfRange(nameof(low), low, $"must not exceed open ({open}) or close ({close})");
        if (high < Math.Max(open, close)) Preconditions.ThrowOutOfRange(nameof(high), high, $"must not be below open ({open}) or close ({close})");
        Timestamp = timestamp.ToUniversalTime(); Interval = interval;
        Open = open; High = high; Low = low; Close = close; Volume = volume;
    }

    /// <summary>The UTC time the candle opens.</summary>
    public DateTimeOffset Timestamp { get; }
    /// <summary>The candle's interval (1 minute .. 1 week).</summary>
    public TimeSpan Interval { get; }
    /// <summary>The UTC time the candle closes, <c>Timestamp + Interval</c>.</summary>
    public DateTimeOffset CloseTime => Timestamp + Interval;
    /// <summary>The UTC day the candle opens (a convenience for daily data).</summary>
    public DateOnly Date => DateOnly.FromDateTime(Timestamp.UtcDateTime);
    /// <summary>Open price.</summary>
    public decimal Open { get; }
    /// <summary>High price.</summary>
    public decimal High { get; }
    /// <summary>Low price.</summary>
    public decimal Low { get; }
    /// <summary>Close price.</summary>
    public decimal Close { get; }
    /// <summary>Volume in the source's unit: the base asset (BTC for BTCUSDT) from Binance spot and USDⓈ-M, Bybit spot and linear and OKX
    /// (spot through <see cref="Candle.ParseOkxJson"/>, swaps through <see cref="Candle.ParseOkxSwapJson"/>) klines; contracts where the
    /// exchange's kline volume counts them (Binance COIN-M, Bybit inverse: USD); 0 for mark and index price candles.</summary>
    public decimal Volume { get; }

    /// <inheritdoc />
    public bool Equals(Candle other) => Timestamp == other.Timestamp && Interval == other.Interval && Open == other.Open && High == other.High
        && Low == other.Low && Close == other.Close && Volume == other.Volume;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Candle c && Equals(c);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Timestamp, Interval, Open, High, Low, Close, Volume);
    /// <summary>Equality of all fields.</summary>
    public static bool operator ==(Candle left, Candle right) => left.Equals(right);
    /// <summary>Inequality of any field.</summary>
    public static bool operator !=(Candle left, Candle right) => !left.Equals(right);
    /// <inheritdoc />
    public override string ToString() => Interval == TimeSpan.FromDays(1) && Timestamp.TimeOfDay == TimeSpan.Zero
        ? FormattableString.Invariant($"{Date:yyyy-MM-dd} O {Open} H {High} L {Low} C {Close} V {Volume}")
        : string.Create(CultureInfo.InvariantCulture, $"{Timestamp:yyyy-MM-ddTHH:mm:ssZ} {IntervalName(Interval)} O {Open} H {High} L {Low} C {Close} V {Volume}");

    /// <summary>The exchange-style name of an interval: <c>1m</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>, else <c>90s</c>-style seconds.</summary>
    /// <param name="interval">The interval.</param>
    /// <returns>The name.</returns>
    public static string IntervalName(TimeSpan interval) =>
        interval.Ticks % TimeSpan.TicksPerDay == 0 && interval.Days % 7 == 0 && interval.Days > 0 ? $"{interval.Days / 7}w"
        : interval.Ticks % TimeSpan.TicksPerDay == 0 ? $"{interval.Days}d"
        : interval.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)interval.TotalHours}h"
        : interval.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)interval.TotalMinutes}m"
        : $"{(long)interval.TotalSeconds}s";
}
