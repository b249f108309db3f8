using HedgeMath.Market;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>
/// Streaming <see cref="SignalSeries"/>: one candle at a time, the <see cref="SignalSet"/> of each bar equal value for
/// value to the one <see cref="SignalSeries.FromCandles"/> gives that bar over the same candles (readings, active and
/// fired signals, swing support and resistance). O(squeeze lookback) a bar; nothing is recomputed over the history.
/// </summary>
/// <remarks>
/// <para>The readings come from the streaming indicators (<see cref="Rsi"/>, <see cref="Macd"/>,
/// <see cref="BollingerBands"/>, each bit-identical to its batch form); the rules are the series' own state machine
/// run on a block of one bar (hysteresis, MACD crossovers, shrinking streaks, the squeeze ranked against the last
/// <see cref="SignalOptions.SqueezeLookbackPeriods"/> widths), whose output does not depend on the block size; the swing
/// levels keep the last 2·<see cref="SignalOptions.SwingStrength"/> + 1 highs and lows (a pivot is confirmed
/// <see cref="SignalOptions.SwingStrength"/> bars after it, as in the series). Tested against the series on random paths
/// and on real candles.</para>
/// <para>Each returned set is a snapshot of its bar (its <see cref="SignalSet.Index"/> is 1, its index in a two-bar
/// snapshot; <see cref="Count"/> counts the bars). Allocates the snapshot (a few hundred bytes) per bar. Not
/// thread-safe: one stream per feed.</para>
/// </remarks>
public sealed class SignalStream
{
    private readonly Rsi _rsi;
    private readonly Macd _macd;
    private readonly BollingerBands _bands;
    private readonly SignalEngine.Rules _rules;
    private readonly int _history, _strength, _swingWidth;
    private readonly double[] _histBuffer = [double.NaN, double.NaN];
    private readonly double[] _widths, _highs, _lows; // rings of 2·window, each bar written twice, so the last window is contiguous
    private SignalEngine.EngineState _state = SignalEngine.EngineState.Initial;
    private double _res = double.NaN, _sup = double.NaN, _prevClose = double.NaN;
    private SignalKinds _prevActive;
    private int _ring, _widthRing;
    private SignalSeries? _reused; // the series AddReused writes over

    /// <summary>Creates an empty stream.</summary>
    /// <param name="options">Parameters (null: defaults), as for <see cref="SignalSeries.FromCandles"/>.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public SignalStream(SignalOptions? options = null)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        Options = options;
        _rsi = new Rsi(options.RsiLookbackPeriods);
        _macd = new Macd(options.MacdFastPeriods, options.MacdSlowPeriods, options.MacdSignalPeriods);
        _bands = new BollingerBands(options.BollingerLookbackPeriods, options.BollingerStandardDeviations);
        _rules = new SignalEngine.Rules(options);
        // The squeeze window: always the full lookback (the slots before bar 0 are NaN and, as in the series, every bar
        // whose window reaches before bar 0 or over a NaN width has no squeeze).
        _history = options.SqueezeLookbackPeriods;
        _widths = new double[2 * (_history + 1)];
        _widths.AsSpan().Fill(double.NaN);
        _strength = options.SwingStrength;
        _swingWidth = (2 * _strength) + 1;
        _highs = new double[2 * _swingWidth];
        _lows = new double[2 * _swingWidth];
    }

    /// <summary>The options used.</summary>
    public SignalOptions Options { get; }

    /// <summary>Bars added so far.</summary>
    public int Count { get; private set; }

    /// <summary>The last bar's signal set (<c>default</c> before the first bar: no readings, no signals).</summary>
    public SignalSet Latest { get; private set; }

    /// <summary>Appends a closed candle.</summary>
    /// <param name="candle">The candle (after the previous one; the order is not checked here).</param>
    /// <returns>The bar's signal set.</returns>
    public SignalSet Add(Candle candle) =>
        Add((double)candle.High, (double)candle.Low, (double)candle.Close, candle.Timestamp);

    /// <summary>Appends a closed bar.</summary>
    /// <param name="high">High (finite).</param>
    /// <param name="low">Low (finite).</param>
    /// <param name="close">Close (finite).</param>
    /// <param name="time">The bar's open time (UTC) for <see cref="SignalSet.Timestamp"/> and <see cref="SignalSet.Date"/>; null: none.</param>
    /// <returns>The bar's signal set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is NaN, infinite or beyond ±1e100.</exception>
    public SignalSet Add(double high, double low, double close, DateTimeOffset? time = null) => Add(high, low, close, time, reuse: false);

    /// <summary>
    /// Appends a closed candle; its set is written over one series kept from bar to bar (<see cref="SignalSeries.Rewrite"/>),
    /// so it is valid only until the next bar: for a reader that keeps nothing (the live clock's allocation-free step).
    /// </summary>
    internal SignalSet AddReused(Candle candle) =>
        Add((double)candle.High, (double)candle.Low, (double)candle.Close, candle.Timestamp, reuse: true);

    /// <summary><see cref="AddReused(Candle)"/> with the candle's prices already converted (the live clock converts them once for every stream).</summary>
    internal SignalSet AddReused(double high, double low, double close, DateTimeOffset time) => Add(high, low, close, time, reuse: true);

    private SignalSet Add(double high, double low, double close, DateTimeOffset? time, bool reuse)
    {
        Preconditions.IndicatorValues(high, nameof(high));
        Preconditions.IndicatorValues(low, nameof(low));
        Preconditions.IndicatorValues(close, nameof(close));
        int i = Count;
        double rsi = _rsi.Add(close);
        var macd = _macd.Add(close);
        var band = _bands.Add(close);

        // The rules on a block of one bar: the widths window (the squeeze lookback's, then this bar's) read from the ring.
        _histBuffer[1] = macd.Histogram;
        int ww = _history + 1;
        _widths[_widthRing] = _widths[_widthRing + ww] = band.Width;
        _widthRing = _widthRing + 1 == ww ? 0 : _widthRing + 1;
        Span<SignalKinds> active = stackalloc SignalKinds[1];
        SignalEngine.EvaluateBlock(i, [close], [rsi], _histBuffer, [band.PercentB], _widths.AsSpan(_widthRing, ww), [], _history, _rules, active, ref _state);
        _histBuffer[0] = _histBuffer[1];

        // Swing levels: the pivot the window ending at this bar confirms, then the level flags.
        int w = _swingWidth;
        _highs[_ring] = _highs[_ring + w] = high;
        _lows[_ring] = _lows[_ring + w] = low;
        _ring = _ring + 1 == w ? 0 : _ring + 1;
        if (i >= 2 * _strength) SwingLevels.Pivot(_highs.AsSpan(_ring, w), _lows.AsSpan(_ring, w), _strength, ref _res, ref _sup);
        var flags = SwingLevels.Flags(close, _prevClose, _res, _sup, Options.LevelTolerance);
        _prevClose = close;

        var a = active[0] | flags;
        SignalSet set;
        if (reuse && _reused is not null)
        {
            _reused.Rewrite(time, close, rsi, macd.Line, macd.Signal, macd.Histogram, band.Upper, band.Middle, band.Lower, band.PercentB, band.Width,
                _prevActive, a, _res, _sup);
            set = _reused[1];
        }
        else set = SignalSeries.Snapshot(Options, time, [close, close], [rsi, rsi], [macd.Line, macd.Line], [macd.Signal, macd.Signal],
            [macd.Histogram, macd.Histogram], [band.Upper, band.Upper], [band.Middle, band.Middle], [band.Lower, band.Lower],
            [band.PercentB, band.PercentB], [band.Width, band.Width], [_prevActive, a], [_res, _res], [_sup, _sup])[1];
        // The first reused set is a snapshot of its own, which later bars write over (a set handed out by Add is never written).
        if (reuse && _reused is null) _reused = set.Series;
        _prevActive = a;
        Count = i + 1;
        Latest = set;
        return set;
    }
}
