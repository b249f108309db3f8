using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

/// <summary>The <see cref="SignalSet"/> of every bar of a price series: readings, active and newly fired signals, confluence.</summary>
/// <remarks>
/// Build it from candles or closes (the library's RSI, MACD and Bollinger Bands with the parameters of
/// <see cref="SignalOptions"/>) or from indicator values computed elsewhere (<see cref="FromValues"/>). O(n), in blocks of
/// 512 bars: each block's readings (RSI, MACD histogram, Bollinger %B and width, their indicator state carried from block
/// to block) and then its rules, so the working set stays in a few dozen pooled kilobytes whatever the length (the squeeze
/// ranks the width against its lookback with a count vectorised across bars). Rules: see <see cref="SignalOptions"/> and
/// <see cref="Confluence"/>. Built from closes, only the active signals (and the closes) are computed and stored up front;
/// <see cref="Fired"/> (a function of <see cref="Active"/>) and each group of readings (RSI; MACD; Bollinger) is computed
/// on its first access, with the same code (bit for bit the values the signals were computed from), and then kept. Immutable and thread-safe (a reading computed by two threads at once is the same array content).
/// </remarks>
public sealed class SignalSeries
{
    // Readings: given (FromValues) or computed on first access from the closes (FromCloses/FromCandles), where only the
    // signals are computed eagerly, from pooled scratch: a scan over many series pays for what it reads.
    private double[]? _rsi;
    private MacdReadings? _macd;
    private BandReadings? _bands;

    private sealed record MacdReadings(ImmutableArray<double> Line, ImmutableArray<double> Signal, ImmutableArray<double> Histogram);

    private sealed record BandReadings(ImmutableArray<double> Upper, ImmutableArray<double> Middle, ImmutableArray<double> Lower,
        ImmutableArray<double> PercentB, ImmutableArray<double> Width);

    private SignalSeries(SignalOptions options, ImmutableArray<DateOnly> dates, double[] close, SignalKinds[] active,
        double[]? resistance = null, double[]? support = null)
    {
        Options = options;
        Dates = dates;
        Close = ImmutableCollectionsMarshal.AsImmutableArray(close);
        Active = ImmutableCollectionsMarshal.AsImmutableArray(active);
        _resistance = resistance;
        _support = support;
    }

    // Swing levels: given when built from candles; otherwise all NaN, created on first access (published once, so every
    // read returns the same array) rather than allocated and filled for every series that never reads them.
    private double[]? _resistance, _support;

    private ImmutableArray<double> LevelsOrNaN(ref double[]? field)
    {
        var a = Volatile.Read(ref field);
        if (a is null)
        {
            var nan = new double[Close.Length];
            Array.Fill(nan, double.NaN);
            a = Interlocked.CompareExchange(ref field, nan, null) ?? nan;
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(a);
    }

    private SignalSeries(SignalOptions options, ImmutableArray<DateOnly> dates, double[] close, double[] rsi, double[] line,
        double[] signal, double[] hist, double[] upper, double[] middle, double[] lower, double[] pctB, double[] width)
        : this(options, dates, close, new SignalKinds[close.Length])
    {
        _rsi = rsi;
        _macd = new MacdReadings(A(line), A(signal), A(hist));
        _bands = new BandReadings(A(upper), A(middle), A(lower), A(pctB), A(width));
        SignalEngine.Evaluate(close, rsi, hist, pctB, width, options, ImmutableCollectionsMarshal.AsArray(Active));
        static ImmutableArray<double> A(double[] x) => ImmutableCollectionsMarshal.AsImmutableArray(x);
    }

    /// <summary>
    /// A two-bar series holding a streamed bar (index 1) and the active signals of the bar before it (index 0, for
    /// <see cref="SignalSet.Fired"/>): what <see cref="SignalStream"/> returns, the readings and signals computed elsewhere.
    /// Each array is [previous, this bar]; only the previous bar's <see cref="Active"/> is read.
    /// </summary>
    internal static SignalSeries Snapshot(SignalOptions options, DateTimeOffset? time, double[] close, double[] rsi, double[] line, double[] signal,
        double[] hist, double[] upper, double[] middle, double[] lower, double[] pctB, double[] width, SignalKinds[] active,
        double[] resistance, double[] support)
    {
        var dates = time is { } t ? ImmutableArray.Create(DateOnly.FromDateTime(t.UtcDateTime), DateOnly.FromDateTime(t.UtcDateTime)) : ImmutableArray<DateOnly>.Empty;
        var series = new SignalSeries(options, dates, close, active, resistance, support)
        {
            _rsi = rsi,
            _macd = new MacdReadings(A(line), A(signal), A(hist)),
            _bands = new BandReadings(A(upper), A(middle), A(lower), A(pctB), A(width)),
        };
        if (time is { } ts) series.Timestamps = [ts, ts];
        return series;
        static ImmutableArray<double> A(double[] x) => ImmutableCollectionsMarshal.AsImmutableArray(x);
    }

    /// <summary>
    /// Writes a new bar over a two-bar <see cref="Snapshot"/> in place (the previous bar's active signals and this bar's
    /// readings), for a stream whose sets are read before the next bar and kept by no one (the live clock's allocation-free
    /// step). The readings are those <see cref="Snapshot"/> would hold; what was computed from the old ones is dropped.
    /// </summary>
    internal void Rewrite(DateTimeOffset? time, double close, double rsi, double line, double signal, double hist, double upper, double middle,
        double lower, double pctB, double width, SignalKinds previous, SignalKinds active, double resistance, double support)
    {
        if (time is { } t && !Dates.IsEmpty)
        {
            Two(Dates, DateOnly.FromDateTime(t.UtcDateTime));
            Two(Timestamps, t);
        }
        Two(Close, close);
        _rsi![0] = _rsi[1] = rsi;
        var m = MacdValues;
        Two(m.Line, line); Two(m.Signal, signal); Two(m.Histogram, hist);
        var b = Bands;
        Two(b.Upper, upper); Two(b.Middle, middle); Two(b.Lower, lower); Two(b.PercentB, pctB); Two(b.Width, width);
        var a = ImmutableCollectionsMarshal.AsArray(Active)!;
        a[0] = previous; a[1] = active;
        _resistance![0] = _resistance[1] = resistance;
        _support![0] = _support[1] = support;
        _fired = null;

        static void Two<T>(ImmutableArray<T> array, T value)
        {
            var x = ImmutableCollectionsMarshal.AsArray(array)!;
            x[0] = x[1] = value;
        }
    }

    /// <summary>The options used.</summary>
    public SignalOptions Options { get; }
    /// <summary>Bar dates when built from candles; empty otherwise.</summary>
    public ImmutableArray<DateOnly> Dates { get; }
    /// <summary>Bar open times (UTC) when built from candles, any interval (1 minute .. 1 week); empty otherwise.</summary>
    public ImmutableArray<DateTimeOffset> Timestamps { get; private set; } = [];
    /// <summary>Closes.</summary>
    public ImmutableArray<double> Close { get; }
    /// <summary>RSI per bar (built from closes: computed on first access, then kept).</summary>
    public ImmutableArray<double> Rsi => ImmutableCollectionsMarshal.AsImmutableArray(Volatile.Read(ref _rsi) ?? Publish(ref _rsi,
        Signals.Rsi.Compute(Close.AsSpan(), Options.RsiLookbackPeriods)));
    /// <summary>MACD line per bar (built from closes: computed on first access, then kept).</summary>
    public ImmutableArray<double> MacdLine => MacdValues.Line;
    /// <summary>MACD signal line per bar.</summary>
    public ImmutableArray<double> MacdSignal => MacdValues.Signal;
    /// <summary>MACD histogram per bar.</summary>
    public ImmutableArray<double> MacdHistogram => MacdValues.Histogram;
    /// <summary>Upper band per bar (built from closes: computed on first access, then kept).</summary>
    public ImmutableArray<double> UpperBand => Bands.Upper;
    /// <summary>Middle band per bar.</summary>
    public ImmutableArray<double> MiddleBand => Bands.Middle;
    /// <summary>Lower band per bar.</summary>
    public ImmutableArray<double> LowerBand => Bands.Lower;
    /// <summary>%B per bar.</summary>
    public ImmutableArray<double> PercentB => Bands.PercentB;
    /// <summary>Band width per bar (fraction of the middle band).</summary>
    public ImmutableArray<double> BandWidth => Bands.Width;
    /// <summary>Resistance per bar: the latest swing high confirmed by that bar (NaN before the first, or when built without highs and lows).</summary>
    public ImmutableArray<double> Resistance => LevelsOrNaN(ref _resistance);
    /// <summary>Support per bar: the latest swing low confirmed by that bar (NaN before the first, or when built without highs and lows).</summary>
    public ImmutableArray<double> Support => LevelsOrNaN(ref _support);
    /// <summary>Active signals per bar.</summary>
    public ImmutableArray<SignalKinds> Active { get; }
    /// <summary>Signals that started on each bar: <c>Active[i] &amp; ~Active[i − 1]</c> (computed from <see cref="Active"/> on first access, then kept).</summary>
    public ImmutableArray<SignalKinds> Fired => ImmutableCollectionsMarshal.AsImmutableArray(Volatile.Read(ref _fired) ?? Publish(ref _fired, ComputeFired()));

    // Fired is a function of Active, so it is not stored up front: a scan that reads the latest bars pays nothing for it.
    private SignalKinds[]? _fired;

    private SignalKinds[] ComputeFired()
    {
        var fired = GC.AllocateUninitializedArray<SignalKinds>(Count); // every element written
        SignalEngine.FiredOf(Active.AsSpan(), fired);
        return fired;
    }

    /// <summary>The signals that started on bar <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>), without building <see cref="Fired"/>.</summary>
    internal SignalKinds FiredAt(int index) => Active[index] & ~(index > 0 ? Active[index - 1] : SignalKinds.None);

    private MacdReadings MacdValues => Volatile.Read(ref _macd) ?? Publish(ref _macd, ComputeMacd());

    private BandReadings Bands => Volatile.Read(ref _bands) ?? Publish(ref _bands, ComputeBands());

    /// <summary>Stores a computed reading unless another thread stored one first; returns the stored one.</summary>
    private static T Publish<T>(ref T? field, T value) where T : class => Interlocked.CompareExchange(ref field, value, null) ?? value;

    private MacdReadings ComputeMacd()
    {
        int n = Close.Length;
        double[] line = new double[n], signal = new double[n], histogram = new double[n];
        Macd.Compute(Close.AsSpan(), line, signal, histogram, Options.MacdFastPeriods, Options.MacdSlowPeriods, Options.MacdSignalPeriods);
        return new MacdReadings(ImmutableCollectionsMarshal.AsImmutableArray(line), ImmutableCollectionsMarshal.AsImmutableArray(signal),
            ImmutableCollectionsMarshal.AsImmutableArray(histogram));
    }

    private BandReadings ComputeBands()
    {
        int n = Close.Length;
        double[] u = new double[n], m = new double[n], l = new double[n], b = new double[n], w = new double[n];
        BollingerBands.ComputeCore(Close.AsSpan(), u, m, l, b, w, Span<double>.Empty, Options.BollingerLookbackPeriods, Options.BollingerStandardDeviations);
        return new BandReadings(A(u), A(m), A(l), A(b), A(w));
        static ImmutableArray<double> A(double[] x) => ImmutableCollectionsMarshal.AsImmutableArray(x);
    }

    /// <summary>Number of bars.</summary>
    public int Count => Close.Length;

    /// <summary>The signal set of bar <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The bar's signal set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the series.</exception>
    public SignalSet this[int index]
    {
        get
        {
            if (index < 0 || index >= Count) Preconditions.ThrowOutOfRange(nameof(index), index, $"must be in the range [0, {Count - 1}]");
            return new SignalSet(this, index);
        }
    }

    /// <summary>The last bar's signal set.</summary>
    /// <exception cref="InvalidOperationException">The series is empty.</exception>
    public SignalSet Latest => Count > 0 ? new SignalSet(this, Count - 1) : throw new InvalidOperationException("The signal series is empty.");

    /// <summary>The most recent bars on which at least one signal fired, oldest first.</summary>
    /// <param name="maxCount">At most this many bars (≥ 1).</param>
    /// <returns>Up to <paramref name="maxCount"/> signal sets.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCount"/> is not positive.</exception>
    public IReadOnlyList<SignalSet> RecentFired(int maxCount)
    {
        Preconditions.Positive(maxCount);
        var list = new List<SignalSet>();
        for (int i = Count - 1; i >= 0 && list.Count < maxCount; i--)
            if (FiredAt(i) != SignalKinds.None) list.Add(new SignalSet(this, i));
        list.Reverse();
        return list;
    }

    /// <summary>Signals from candles' closes with the library's indicators.</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <param name="options">Parameters (null: defaults).</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static SignalSeries FromCandles(IReadOnlyList<Candle> candles, SignalOptions? options = null)
    {
        Preconditions.NotNull(candles);
        var dates = ImmutableArray.CreateRange(candles.Select(c => c.Date));
        var close = Candle.Closes(candles);
        var series = Build(close, close, dates, options, Candle.Highs(candles), Candle.Lows(candles), levels: true);
        series.Timestamps = ImmutableArray.CreateRange(candles.Select(c => c.Timestamp)); // set once, before the series is shared
        return series;
    }

    /// <summary>
    /// <see cref="FromCandles"/> over a history's spot candles (the history clock's signals), every array rented from the shared
    /// pools: the same closes, active signals and swing levels, bit for bit (the same <see cref="ComputeSignals"/> and
    /// <see cref="SwingLevels.Compute"/>), for a caller that reads the series only while it runs and then gives the arrays back
    /// with <see cref="ReturnRented"/>. The arrays are at least <c>candles.Length</c> long (the pools' sizes): index only bars
    /// 0 .. <c>candles.Length − 1</c>, read no reading (RSI, MACD, bands: computed from the whole rented closes) and let no
    /// <see cref="SignalSet"/> of it outlive the call (<see cref="Detached"/> copies the one bar a caller keeps).
    /// </summary>
    /// <exception cref="ArgumentException">The options are inconsistent (nothing stays rented).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A close is beyond the indicators' limit (nothing stays rented).</exception>
    internal static SignalSeries RentFromHistoryCandles(ImmutableArray<Candle> candles, ImmutableArray<DateOnly> dates, ImmutableArray<DateTimeOffset> timestamps,
        SignalOptions? options)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        int n = candles.Length;
        double[] close = ArrayPool<double>.Shared.Rent(n), high = ArrayPool<double>.Shared.Rent(n), low = ArrayPool<double>.Shared.Rent(n);
        double[] resistance = ArrayPool<double>.Shared.Rent(n), support = ArrayPool<double>.Shared.Rent(n);
        SignalKinds[] active = ArrayPool<SignalKinds>.Shared.Rent(n);
        bool built = false;
        try
        {
            for (int i = 0; i < n; i++)
            {
                ref readonly var c = ref candles.ItemRef(i);
                close[i] = (double)c.Close; high[i] = (double)c.High; low[i] = (double)c.Low;
            }
            // Build's steps on spans of the n bars: the rules write every active signal, the levels every bar's level and flags.
            var closes = close.AsSpan(0, n);
            var act = active.AsSpan(0, n);
            ComputeSignals(closes, Span<double>.Empty, options, act, SignalEngine.Chunk);
            AddSwingLevels(high.AsSpan(0, n), low.AsSpan(0, n), closes, options, resistance.AsSpan(0, n), support.AsSpan(0, n), act);
            var series = new SignalSeries(options, dates, close, active, resistance, support) { _rented = true };
            series.Timestamps = timestamps; // set once, before the series is shared
            built = true;
            return series;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(high);
            ArrayPool<double>.Shared.Return(low);
            if (!built)
            {
                ArrayPool<double>.Shared.Return(close);
                ArrayPool<double>.Shared.Return(resistance);
                ArrayPool<double>.Shared.Return(support);
                ArrayPool<SignalKinds>.Shared.Return(active);
            }
        }
    }

    // Set by RentFromHistoryCandles: the closes, active signals and levels are the pools' until ReturnRented.
    private bool _rented;

    /// <summary>
    /// Gives a <see cref="RentFromHistoryCandles"/> series' arrays back to the pools (once; a no-op for any other series). The
    /// series and every <see cref="SignalSet"/> of it must not be read afterwards.
    /// </summary>
    internal void ReturnRented()
    {
        if (!_rented) return;
        _rented = false;
        ArrayPool<double>.Shared.Return(ImmutableCollectionsMarshal.AsArray(Close)!);
        ArrayPool<SignalKinds>.Shared.Return(ImmutableCollectionsMarshal.AsArray(Active)!);
        ArrayPool<double>.Shared.Return(_resistance!);
        ArrayPool<double>.Shared.Return(_support!);
    }

    /// <summary>
    /// Bar <paramref name="index"/>'s signal set copied out of this series into a two-bar one of its own ([previous, this bar],
    /// the set at index 1): the same close, active and fired signals, swing levels, options, date and open time — what a
    /// plan's rules read (<see cref="SignalSet.Active"/>, <see cref="SignalSet.Fired"/>, <see cref="SignalSet.Resistance"/>,
    /// <see cref="SignalSet.Support"/>, <see cref="SignalSet.Confluence"/>) — holding no reference to this series' arrays
    /// (for the bar a result keeps of a rented series). Its readings (RSI, MACD, bands) are those of two closes: NaN.
    /// </summary>
    internal SignalSet Detached(int index)
    {
        int p = index > 0 ? index - 1 : index;
        double[] close = [Close[p], Close[index]];
        SignalKinds[] active = [index > 0 ? Active[p] : SignalKinds.None, Active[index]];
        double[] resistance = [Resistance[p], Resistance[index]], support = [Support[p], Support[index]];
        var dates = Dates.IsDefaultOrEmpty ? ImmutableArray<DateOnly>.Empty : ImmutableArray.Create(Dates[p], Dates[index]);
        var series = new SignalSeries(Options, dates, close, active, resistance, support);
        if (!Timestamps.IsDefaultOrEmpty) series.Timestamps = ImmutableArray.Create(Timestamps[p], Timestamps[index]);
        return new SignalSet(series, 1);
    }

    /// <summary>Signals from closes with the library's indicators.</summary>
    /// <param name="closes">Closes (finite), oldest first.</param>
    /// <param name="options">Parameters (null: defaults).</param>
    /// <returns>The series.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="closes"/> holds NaN or infinity (the message gives the index).</exception>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static SignalSeries FromCloses(ReadOnlySpan<double> closes, SignalOptions? options = null)
    {
        // Copied a block at a time as the signals are computed (every element written), so the closes are read once.
        return Build(closes, GC.AllocateUninitializedArray<double>(closes.Length), ImmutableArray<DateOnly>.Empty, options);
    }

    /// <summary>
    /// The scan path: the active signals of every bar of <paramref name="closes"/> written into a caller-owned span, without
    /// building a series. <c>active[i]</c> equals <c>FromCloses(closes, options).Active[i]</c> bit for bit (the same block
    /// pipeline); the signals that fired on bar i are <c>active[i] &amp; ~active[i − 1]</c>.
    /// </summary>
    /// <remarks>
    /// Allocates nothing (its scratch is pooled), so a scan over many symbols reuses one buffer instead of paying for a
    /// new series per symbol: at a million bars the outputs of <see cref="FromCloses"/> (12 bytes a bar) cost more than a
    /// third of the call, most of it the operating system's first touch of fresh pages (docs/benchmarks.md). Nothing else
    /// is kept; for the readings of a symbol that matters, build its series.
    /// </remarks>
    /// <param name="closes">Closes (finite), oldest first.</param>
    /// <param name="active">Receives the active signals of each bar; its length must equal <paramref name="closes"/>'s.</param>
    /// <param name="options">Parameters (null: defaults).</param>
    /// <exception cref="ArgumentException"><paramref name="active"/>'s length differs from <paramref name="closes"/>'s, or the options are inconsistent.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="closes"/> holds NaN or infinity (the message gives the index; <paramref name="active"/> is then partly written).</exception>
    public static void ComputeActive(ReadOnlySpan<double> closes, Span<SignalKinds> active, SignalOptions? options = null)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        Preconditions.SameLength(active.Length, closes.Length, nameof(active), nameof(closes));
        ComputeSignals(closes, Span<double>.Empty, options, active, SignalEngine.Chunk);
    }

    /// <summary>The series of <paramref name="closes"/> (validated here), stored in <paramref name="close"/> (the same array, or a copy made as it goes).</summary>
    private static SignalSeries Build(ReadOnlySpan<double> closes, double[] close, ImmutableArray<DateOnly> dates, SignalOptions? options,
        ReadOnlySpan<double> high = default, ReadOnlySpan<double> low = default, bool levels = false)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        int n = close.Length;
        var active = GC.AllocateUninitializedArray<SignalKinds>(n); // every element written by the rules
        bool copy = !Unsafe.AreSame(ref MemoryMarshal.GetReference(closes), ref MemoryMarshal.GetArrayDataReference(close));
        ComputeSignals(closes, copy ? close : Span<double>.Empty, options, active, SignalEngine.Chunk);
        if (!levels) return new SignalSeries(options, dates, close, active);
        var resistance = new double[n];
        var support = new double[n];
        AddSwingLevels(high, low, close, options, resistance, support, active);
        return new SignalSeries(options, dates, close, active, resistance, support);
    }

    /// <summary>
    /// Swing levels (from highs and lows) are context flags with their own one-bar and level rules: writes each bar's
    /// resistance and support and folds the level flags into <paramref name="active"/> (Fired, computed from Active, then
    /// includes their starts). <see cref="Build"/>'s and <see cref="RentFromHistoryCandles"/>' one step for it.
    /// </summary>
    private static void AddSwingLevels(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, SignalOptions options,
        Span<double> resistance, Span<double> support, Span<SignalKinds> active)
    {
        int n = active.Length;
        var flags = ArrayPool<SignalKinds>.Shared.Rent(n);
        try
        {
            SwingLevels.Compute(high, low, close, options.SwingStrength, options.LevelTolerance, resistance, support, flags.AsSpan(0, n));
            for (int i = 0; i < n; i++) active[i] |= flags[i];
        }
        finally { ArrayPool<SignalKinds>.Shared.Return(flags); }
    }

    /// <summary>Signals from indicator values computed elsewhere (another library, a data vendor).</summary>
    /// <param name="close">Closes (finite).</param>
    /// <param name="rsi">RSI per bar, in [0, 100] (NaN = no reading).</param>
    /// <param name="macdLine">MACD line per bar (NaN = no reading).</param>
    /// <param name="macdSignal">MACD signal line per bar (NaN = no reading).</param>
    /// <param name="upperBand">Upper Bollinger band per bar (NaN = no reading).</param>
    /// <param name="middleBand">Middle band per bar (NaN = no reading).</param>
    /// <param name="lowerBand">Lower band per bar (NaN = no reading).</param>
    /// <param name="options">Thresholds (null: defaults; the indicator parameters in it are not used).</param>
    /// <returns>The series; histogram = line − signal, %B and width derived from the bands (as <see cref="BollingerBands"/> does).</returns>
    /// <exception cref="ArgumentException">A span's length differs from <paramref name="close"/>'s, a value is infinite or beyond ±1e100, a close is NaN, or the options are inconsistent.</exception>
    /// <remarks>%B or band width that would leave double's range (a band gap or middle band near 0, e.g. 1e-300) is NaN, no reading.</remarks>
    public static SignalSeries FromValues(ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> macdLine,
        ReadOnlySpan<double> macdSignal, ReadOnlySpan<double> upperBand, ReadOnlySpan<double> middleBand, ReadOnlySpan<double> lowerBand,
        SignalOptions? options = null)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        int n = close.Length;
        Preconditions.SameLength(rsi.Length, n, nameof(rsi), nameof(close));
        Preconditions.SameLength(macdLine.Length, n, nameof(macdLine), nameof(close));
        Preconditions.SameLength(macdSignal.Length, n, nameof(macdSignal), nameof(close));
        Preconditions.SameLength(upperBand.Length, n, nameof(upperBand), nameof(close));
        Preconditions.SameLength(middleBand.Length, n, nameof(middleBand), nameof(close));
        Preconditions.SameLength(lowerBand.Length, n, nameof(lowerBand), nameof(close));
        Preconditions.IndicatorValues(close, nameof(close));
        NotInfinite(rsi, nameof(rsi));
        NotInfinite(macdLine, nameof(macdLine));
        NotInfinite(macdSignal, nameof(macdSignal));
        NotInfinite(upperBand, nameof(upperBand));
        NotInfinite(middleBand, nameof(middleBand));
        NotInfinite(lowerBand, nameof(lowerBand));
        double[] hist = new double[n], b = new double[n], w = new double[n];
        for (int i = 0; i < n; i++)
        {
            hist[i] = macdLine[i] - macdSignal[i];
            double up = upperBand[i], lo = lowerBand[i], mid = middleBand[i];
            // A ratio that leaves double's range (a band gap or middle band of 1e-300) is no reading, as ATR% is at a zero close.
            b[i] = up > lo ? FiniteOrNaN((close[i] - lo) / (up - lo)) : up == lo ? 0.5 : double.NaN;
            w[i] = mid != 0 ? FiniteOrNaN((up - lo) / mid) : double.NaN;
        }
        return new SignalSeries(options, ImmutableArray<DateOnly>.Empty, close.ToArray(), rsi.ToArray(), macdLine.ToArray(), macdSignal.ToArray(), hist,
            upperBand.ToArray(), middleBand.ToArray(), lowerBand.ToArray(), b, w);
    }

    /// <summary>
    /// The signals of validated closes, a block of <paramref name="block"/> bars (1 .. <see cref="SignalEngine.Chunk"/>)
    /// at a time: each indicator's block (<c>ComputeBlock</c> of RSI, MACD and Bollinger Bands, their state carried from
    /// block to block) and then the rules' block, so the readings stay in a few pooled kilobytes of cache instead of nine
    /// series as long as the input. The same cores as the reading properties, bar for bar, so the signals are those of
    /// the readings bit for bit whatever the block size (tested).
    /// </summary>
    /// <remarks>
    /// Each block's closes are checked (finite, |x| ≤ 1e100: <see cref="ArgumentOutOfRangeException"/> for "closes" naming
    /// the index) and, when <paramref name="copy"/> is not empty, copied into it just before the block is computed, so a
    /// long input is read from memory once.
    /// </remarks>
    internal static void ComputeSignals(ReadOnlySpan<double> close, Span<double> copy, SignalOptions o, Span<SignalKinds> active, int block)
    {
        if (block < 1 || block > SignalEngine.Chunk) throw new ArgumentOutOfRangeException(nameof(block));
        int n = close.Length;
        int history = Math.Min(o.SqueezeLookbackPeriods, n);
        double[] scratch = ArrayPool<double>.Shared.Rent(SignalEngine.ScratchLength(block, history) + (8 * block));
        try
        {
            var s = scratch.AsSpan();
            SignalEngine.Buffers(s, block, history, out var histBuffer, out var widthBuffer);
            var rest = s[SignalEngine.ScratchLength(block, history)..];
            Span<double> rsi = rest[..block], loss = rest.Slice(block, block), line = rest.Slice(2 * block, block), sig = rest.Slice(3 * block, block);
            Span<double> up = rest.Slice(4 * block, block), mid = rest.Slice(5 * block, block), lo = rest.Slice(6 * block, block), b = rest.Slice(7 * block, block);
            var rules = new SignalEngine.Rules(o);
            var rsiState = default(Signals.Rsi.ChainState);
            var macdState = default(Macd.ChainState);
            var bandState = default(BollingerBands.BandState);
            var state = SignalEngine.EngineState.Initial;
            int rsiN = o.RsiLookbackPeriods, fastN = o.MacdFastPeriods, slowN = o.MacdSlowPeriods, signalN = o.MacdSignalPeriods;
            int bandN = o.BollingerLookbackPeriods;
            double bandK = o.BollingerStandardDeviations;
            for (int start = 0; start < n; start += block)
            {
                int count = Math.Min(block, n - start);
                var closes = close.Slice(start, count);
                int bad = Preconditions.FirstBeyondIndicatorLimit(closes);
                if (bad >= 0) Preconditions.ThrowBeyondIndicatorLimit("closes", start + bad, closes[bad]);
                if (!copy.IsEmpty) closes.CopyTo(copy[start..]);
                var hist = histBuffer.Slice(1, count);
                var width = widthBuffer.Slice(history, count);
                Signals.Rsi.ComputeBlock(close, start, rsi[..count], loss, rsiN, ref rsiState);
                Macd.ComputeBlock(close, start, line[..count], sig[..count], hist, fastN, slowN, signalN, ref macdState);
                BollingerBands.ComputeBlock(close, start, up[..count], mid[..count], lo[..count], b[..count], width, bandN, bandK, ref bandState);
                SignalEngine.EvaluateBlock(start, closes, rsi[..count], histBuffer, b[..count], widthBuffer, history, rules,
                    active.Slice(start, count), ref state);
                SignalEngine.Advance(histBuffer, widthBuffer, count, history);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    // A reading is NaN (no reading) or a finite number within the indicators' input limit (±1e100), so the histogram
    // and the band ratios derived from it stay finite.
    private static void NotInfinite(ReadOnlySpan<double> values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
            if (Math.Abs(values[i]) > Preconditions.IndicatorMaxMagnitude)
                Preconditions.ThrowOutOfRange(paramName, values[i], $"must hold NaN or finite numbers of magnitude at most 1e100 (index {i})");
    }

    private static double FiniteOrNaN(double x) => double.IsFinite(x) ? x : double.NaN;
}
