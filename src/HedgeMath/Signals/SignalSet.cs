using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>The indicator readings of one bar and the named signals derived from them, with their confluence.</summary>
/// <remarks>
/// Obtained from a <see cref="SignalSeries"/> (indexer, <see cref="SignalSeries.Latest"/>, <see cref="SignalSeries.RecentFired"/>).
/// Readings are NaN while their indicator warms up (or where the caller's values were NaN); signals depending on a
/// NaN reading are off. <c>default(SignalSet)</c> is a bar with no readings: every reading NaN, no signals, no date.
/// An immutable value; thread-safe.
/// </remarks>
public readonly struct SignalSet
{
    private readonly SignalSeries? _series;

    internal SignalSet(SignalSeries series, int index)
    {
        _series = series;
        Index = index;
    }

    /// <summary>The series the bar is from (null for <c>default(SignalSet)</c>).</summary>
    internal SignalSeries? Series => _series;

    /// <summary>The bar's index in its series.</summary>
    public int Index { get; }
    /// <summary>The bar's date when the series was built from candles, otherwise null.</summary>
    public DateOnly? Date => _series is null || _series.Dates.IsEmpty ? null : _series.Dates[Index];
    /// <summary>The bar's open time (UTC) when the series was built from candles; null otherwise.</summary>
    public DateTimeOffset? Timestamp => _series is null || _series.Timestamps.IsEmpty ? null : _series.Timestamps[Index];
    /// <summary>Close price.</summary>
    public double Close => _series?.Close[Index] ?? double.NaN;
    /// <summary>RSI (Wilder).</summary>
    public double Rsi => _series?.Rsi[Index] ?? double.NaN;
    /// <summary>MACD line.</summary>
    public double MacdLine => _series?.MacdLine[Index] ?? double.NaN;
    /// <summary>MACD signal line.</summary>
    public double MacdSignal => _series?.MacdSignal[Index] ?? double.NaN;
    /// <summary>MACD histogram (line − signal).</summary>
    public double MacdHistogram => _series?.MacdHistogram[Index] ?? double.NaN;
    /// <summary>Upper Bollinger band.</summary>
    public double UpperBand => _series?.UpperBand[Index] ?? double.NaN;
    /// <summary>Middle Bollinger band (SMA).</summary>
    public double MiddleBand => _series?.MiddleBand[Index] ?? double.NaN;
    /// <summary>Lower Bollinger band.</summary>
    public double LowerBand => _series?.LowerBand[Index] ?? double.NaN;
    /// <summary>%B = (close − lower)/(upper − lower).</summary>
    public double PercentB => _series?.PercentB[Index] ?? double.NaN;
    /// <summary>Band width (upper − lower)/middle as a fraction.</summary>
    public double BandWidth => _series?.BandWidth[Index] ?? double.NaN;
    /// <summary>Resistance: the latest confirmed swing high (NaN when none or when the series has no highs and lows).</summary>
    public double Resistance => _series?.Resistance[Index] ?? double.NaN;
    /// <summary>Support: the latest confirmed swing low (NaN when none or when the series has no highs and lows).</summary>
    public double Support => _series?.Support[Index] ?? double.NaN;
    /// <summary>The price an exhausted move may revert to: the middle band while an upper- or lower-band signal is active, otherwise NaN.</summary>
    /// <remarks>A close at the upper band "may revert towards the middle band (the moving average)": the middle band is the target of that reversion, and <see cref="MoveToMiddleBand"/> the move to it.</remarks>
    public double MiddleBandTarget => (Active & (SignalKinds.UpperBandTouch | SignalKinds.UpperBandBreak | SignalKinds.LowerBandTouch | SignalKinds.LowerBandBreak)) != 0
        ? MiddleBand : double.NaN;
    /// <summary>The move from the close to <see cref="MiddleBandTarget"/> as a fraction (middle / close − 1; negative from the upper band); NaN without a band signal.</summary>
    public double MoveToMiddleBand => MiddleBandTarget / Close - 1;
    /// <summary>Signals active on this bar (level signals stay active until their reset level; crossovers last one bar).</summary>
    public SignalKinds Active => _series?.Active[Index] ?? SignalKinds.None;
    /// <summary>Signals that started on this bar (active now, not on the previous bar).</summary>
    public SignalKinds Fired => _series?.FiredAt(Index) ?? SignalKinds.None;
    /// <summary>Votes and suggested action of the active signals.</summary>
    public Confluence Confluence => Confluence.Evaluate(Active, Options);
    /// <summary>The options of the series the bar is from (the defaults for <c>default(SignalSet)</c>).</summary>
    internal SignalOptions Options => _series?.Options ?? SignalOptions.Default;

    /// <summary>True when every signal of <paramref name="kinds"/> is active.</summary>
    /// <param name="kinds">One or more signals.</param>
    /// <returns>Whether all are active.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kinds"/> holds a bit that is no signal.</exception>
    public bool IsActive(SignalKinds kinds) => (Active & Preconditions.DefinedFlags(kinds)) == kinds;

    /// <summary>Signals from candles with the library's indicators (same as <see cref="SignalSeries.FromCandles"/>).</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="options">Parameters (null: defaults).</param>
    /// <returns>The series of signal sets.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static SignalSeries FromCandles(IReadOnlyList<Candle> candles, SignalOptions? options = null) =>
        SignalSeries.FromCandles(candles, options);

    /// <summary>Signals from indicator values computed elsewhere (same as <see cref="SignalSeries.FromValues"/>).</summary>
    /// <param name="close">Closes (finite).</param>
    /// <param name="rsi">RSI per bar (NaN = no reading).</param>
    /// <param name="macdLine">MACD line per bar (NaN = no reading).</param>
    /// <param name="macdSignal">MACD signal per bar (NaN = no reading).</param>
    /// <param name="upperBand">Upper Bollinger band per bar (NaN = no reading).</param>
    /// <param name="middleBand">Middle band per bar (NaN = no reading).</param>
    /// <param name="lowerBand">Lower band per bar (NaN = no reading).</param>
    /// <param name="options">Thresholds (null: defaults; its indicator parameters are not used).</param>
    /// <returns>The series of signal sets.</returns>
    /// <exception cref="ArgumentException">Lengths differ, a value is infinite or beyond ±1e100, a close is NaN, or the options are inconsistent.</exception>
    public static SignalSeries FromValues(ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> macdLine,
        ReadOnlySpan<double> macdSignal, ReadOnlySpan<double> upperBand, ReadOnlySpan<double> middleBand, ReadOnlySpan<double> lowerBand,
        SignalOptions? options = null) =>
        SignalSeries.FromValues(close, rsi, macdLine, macdSignal, upperBand, middleBand, lowerBand, options);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"#{Index}{(Date is { } d ? " " + d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")} close {Close} RSI {Rsi:0.##} MACD hist {MacdHistogram:0.####} %B {PercentB:0.###} width {BandWidth:0.####}: {Confluence}");
}
