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
        var r = Macd.Compute(Close.AsSpan(), Options.MacdFastPeriods, Options.MacdSlowPeriods, Options.MacdSignalPeriods);
        return new MacdReadings(r.Line, r.Signal, r.Histogram);
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
        var close = CandleSeries.Closes(candles);
        var series = Build(close, close, dates, options, CandleSeries.Highs(candles), CandleSeries.Lows(candles));
        series.Timestamps = ImmutableArray.CreateRange(candles.Select(c => c.Timestamp)); // set once, before the series is shared
        return series;
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
        double[]? high = null, double[]? low = null)
    {
        options ??= SignalOptions.Default;
        options.Validate(nameof(options));
        int n = close.Length;
        var active = GC.AllocateUninitializedArray<SignalKinds>(n); // every element written by the rules
        bool copy = !Unsafe.AreSame(ref MemoryMarshal.GetReference(closes), ref MemoryMarshal.GetArrayDataReference(close));
        ComputeSignals(closes, copy ? close : Span<double>.Empty, options, active, SignalEngine.Chunk);
        if (high is null || low is null) return new SignalSeries(options, dates, close, active);
        // Swing levels (from highs and lows) are context flags with their own one-bar and level rules; fold them into active
        // (Fired, computed from Active, then includes their starts).
        var resistance = new double[n];
        var support = new double[n];
        var levels = new SignalKinds[n];
        SwingLevels.Compute(high, low, close, options.SwingStrength, options.LevelTolerance, resistance, support, levels);
        for (int i = 0; i < n; i++) active[i] |= levels[i];
        return new SignalSeries(options, dates, close, active, resistance, support);
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
        IndicatorGuard.Finite(close, nameof(close));
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
                int bad = IndicatorGuard.FirstNonFinite(closes);
                if (bad >= 0) IndicatorGuard.ThrowNotFinite("closes", start + bad, closes[bad]);
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
            if (Math.Abs(values[i]) > IndicatorGuard.MaxMagnitude)
                Preconditions.ThrowOutOfRange(paramName, values[i], $"must hold NaN or finite numbers of magnitude at most 1e100 (index {i})");
    }

    private static double FiniteOrNaN(double x) => double.IsFinite(x) ? x : double.NaN;
}

/// <summary>The per-bar state machine of the signal rules (hysteresis, crossovers, shrinking streaks, squeeze rank).</summary>
/// <remarks>
/// <para>Passes per block of bars. (1) Vectorised: every threshold test of a bar (turn-on and stay-on levels of the
/// seven level signals, the MACD dead band either side, the two shrinking-histogram conditions) as one bit mask; a NaN
/// reading compares false everywhere, so all its bits are 0. (2) Vectorised across bars: the squeeze's rank tests (the
/// rank of the width among the previous widths against the turn-on and stay-on limits), then cleared where the window
/// holds a NaN width. (3) Sequential: the state, with the masks doing the comparisons. The hysteresis of the seven level
/// signals and the squeeze is one bitwise expression, <c>(prev ∧ stay) ∨ (¬prev ∧ on)</c>; the MACD regime is kept as
/// the cross bits it arms (a bearish cross is armed in the bullish regime) and moved on with two bitwise operations;
/// the shrinking streaks are counters reset by a mask. A few integer operations per bar, no branch.</para>
/// <para>Readings cross thresholds unpredictably, so no decision depends on a branch the predictor could miss.</para>
/// </remarks>
internal static class SignalEngine
{
    // Layout of a bar's mask: the turn-on tests at the level signals' (and the squeeze's) own SignalKinds bits, the
    // stay-on tests 16 bits higher; from bit 32 the MACD cross the bar would fire (histogram below the dead band: the
    // bearish cross's bit; above it: the bullish cross's), from bit 48 the cross that bar arms (the other one); bit 62
    // the positive histogram shrinking, bit 63 the negative.
    private const int LevelBits = (int)(SignalKinds.RsiOverbought | SignalKinds.RsiExtreme | SignalKinds.RsiOversold
        | SignalKinds.UpperBandTouch | SignalKinds.UpperBandBreak | SignalKinds.LowerBandTouch | SignalKinds.LowerBandBreak);
    private const int HysteresisBits = LevelBits | (int)SignalKinds.Squeeze;
    private const int StayShift = 16;
    private const int CrossShift = 32, ArmShift = 48, PosShrinkShift = 62, NegShrinkShift = 63;
    private const int CrossBits = (int)(SignalKinds.MacdBearishCross | SignalKinds.MacdBullishCross);
    private const long DownBits = ((long)SignalKinds.MacdBearishCross << CrossShift) | ((long)SignalKinds.MacdBullishCross << ArmShift);
    private const long UpBits = ((long)SignalKinds.MacdBullishCross << CrossShift) | ((long)SignalKinds.MacdBearishCross << ArmShift);
    /// <summary>Bars per block (the largest block <see cref="EvaluateBlock"/> takes).</summary>
    internal const int Chunk = 512;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bit(bool b) => Unsafe.As<bool, byte>(ref b); // a comparison's bool is 0 or 1: no branch

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SignalKinds Flag(bool on, SignalKinds kind) => (SignalKinds)(-Bit(on) & (int)kind);

    /// <summary>The options as the rules need them: the thresholds of the mask pass and the streak and squeeze parameters.</summary>
    internal readonly struct Rules
    {
        public Rules(SignalOptions o)
        {
            Ob = o.RsiOverbought; ObOff = Ob - o.RsiHysteresis; Ex = o.RsiExtreme; ExOff = Ex - o.RsiHysteresis;
            Os = o.RsiOversold; OsOff = Os + o.RsiHysteresis;
            TouchOn = 1 - o.BandTouchTolerance; TouchOff = TouchOn - o.BandHysteresis; BreakOff = 1 - o.BandHysteresis;
            LowTouchOn = o.BandTouchTolerance; LowTouchOff = LowTouchOn + o.BandHysteresis; LowBreakOff = o.BandHysteresis;
            Deadband = o.MacdCrossDeadband;
            ShrinkBars = o.HistogramShrinkBars;
            Lookback = o.SqueezeLookbackPeriods;
            SqueezeOn = o.SqueezeQuantile * Lookback;
            SqueezeOff = (o.SqueezeQuantile + o.SqueezeHysteresis) * Lookback;
        }

        public readonly int ShrinkBars, Lookback;
        public readonly double SqueezeOn, SqueezeOff;
        public readonly double Ob, ObOff, Ex, ExOff, Os, OsOff, TouchOn, TouchOff, BreakOff, LowTouchOn, LowTouchOff, LowBreakOff, Deadband;
    }

    /// <summary>The rules' state after a bar (what carries from one block to the next).</summary>
    internal struct EngineState
    {
        /// <summary>The previous bar's active signals, the MACD cross the regime arms, the shrinking streaks, the last NaN width's bar.</summary>
        public int Prev, Armed, PosStreak, NegStreak, LastNaNWidth;

        /// <summary>The state before bar 0.</summary>
        public static EngineState Initial => new() { LastNaNWidth = -1 };
    }

    /// <summary>
    /// Block buffers: the histogram with the previous bar's in front (<c>[0]</c>; NaN before bar 0) and the widths with
    /// the <c>history</c> = min(squeeze lookback, bars) previous widths in front, as <see cref="EvaluateBlock"/> reads them.
    /// </summary>
    public static int ScratchLength(int block, int history) => block + 1 + (2 * (history + block));

    /// <summary>Splits <paramref name="scratch"/> into the histogram and width buffers (fresh: no bar before).</summary>
    public static void Buffers(Span<double> scratch, int block, int history, out Span<double> histBuffer, out Span<double> widthBuffer)
    {
        histBuffer = scratch[..(block + 1)];
        widthBuffer = scratch.Slice(block + 1, 2 * (history + block)); // the second half: scratch of the squeeze's filter
        histBuffer[0] = double.NaN;
        widthBuffer[..history].Fill(double.NaN); // never read (a squeeze window starts at bar 0 or later), but defined
    }

    /// <summary>After a block of <paramref name="count"/> bars: its last histogram and widths move to the front.</summary>
    public static void Advance(Span<double> histBuffer, Span<double> widthBuffer, int count, int history)
    {
        histBuffer[0] = histBuffer[count];
        widthBuffer.Slice(count, history).CopyTo(widthBuffer);
    }

    /// <summary>The rules over whole series (readings given): the block pipeline over copies of the readings.</summary>
    public static void Evaluate(ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> hist,
        ReadOnlySpan<double> pctB, ReadOnlySpan<double> width, SignalOptions o, Span<SignalKinds> active)
    {
        int length = close.Length;
        int history = Math.Min(o.SqueezeLookbackPeriods, length);
        double[] scratch = ArrayPool<double>.Shared.Rent(ScratchLength(Chunk, history));
        try
        {
            Buffers(scratch, Chunk, history, out var histBuffer, out var widthBuffer);
            var rules = new Rules(o);
            var state = EngineState.Initial;
            for (int start = 0; start < length; start += Chunk)
            {
                int count = Math.Min(Chunk, length - start);
                hist.Slice(start, count).CopyTo(histBuffer[1..]);
                width.Slice(start, count).CopyTo(widthBuffer[history..]);
                EvaluateBlock(start, close.Slice(start, count), rsi.Slice(start, count), histBuffer, pctB.Slice(start, count), widthBuffer, history,
                    rules, active.Slice(start, count), ref state);
                Advance(histBuffer, widthBuffer, count, history);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The rules over bars <paramref name="start"/> .. start + close.Length − 1 (at most <see cref="Chunk"/> bars):
    /// <paramref name="close"/>, <paramref name="rsi"/>, <paramref name="pctB"/> and <paramref name="active"/> hold the block's bars, <paramref name="histBuffer"/> and <paramref name="widthBuffer"/>
    /// are laid out as <see cref="Buffers"/> describes. <paramref name="state"/> is the state after the bar before; moved on.
    /// </summary>
    public static void EvaluateBlock(int start, ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> histBuffer,
        ReadOnlySpan<double> pctB, Span<double> widthBuffer, int history, in Rules rules, Span<SignalKinds> active,
        ref EngineState state)
    {
        int count = close.Length;
        if (count == 0) return;
        if (count > Chunk) throw new ArgumentOutOfRangeException(nameof(close));
        rsi = rsi[..count]; histBuffer = histBuffer[..(count + 1)]; pctB = pctB[..count];
        var maxima = widthBuffer.Slice(widthBuffer.Length / 2, history + count); // the second half: scratch
        widthBuffer = widthBuffer[..(history + count)];
        active = active[..count];
        int k = rules.ShrinkBars, lookback = rules.Lookback;
        int prev = state.Prev, armed = state.Armed, posStreak = state.PosStreak, negStreak = state.NegStreak, k1 = k - 1;
        Span<long> masks = stackalloc long[Chunk];
        masks = masks[..count];
        Masks(close, rsi, histBuffer, pctB, masks, rules);
        if (history == lookback) // else no bar has a full window of widths
            SqueezeMasks(widthBuffer, maxima, history, masks, rules);
        state.LastNaNWidth = SqueezeWindows(start, widthBuffer.Slice(history, count), masks, lookback, state.LastNaNWidth);
        ref long mk = ref MemoryMarshal.GetReference(masks);
        ref SignalKinds act = ref MemoryMarshal.GetReference(active);
        unchecked
        {
            for (int j = 0; j < count; j++)
            {
                long m = Unsafe.Add(ref mk, j);
                // The hysteresis of the seven level signals and the squeeze: (prev ∧ stay) ∨ (¬prev ∧ on).
                int on = (int)m & HysteresisBits, stay = (int)(m >> StayShift) & HysteresisBits;
                int a = (prev & stay) | (~prev & on);

                // MACD: crossovers with a dead band (a cross fires when the histogram passes the band opposite the regime).
                // `armed` holds the cross the regime allows (bearish in the bullish regime, bullish in the bearish one,
                // none before the first pass); a pass fires its cross if armed and arms the other one.
                int cross = (int)(m >> CrossShift) & CrossBits, arm = (int)(m >> ArmShift) & CrossBits;
                a |= cross & armed;
                armed = (armed & ~(cross | arm)) | arm;
                // Shrinking streaks: counters cleared by a bar that does not shrink (bit 62 / 63 of the mask, spread to all bits).
                posStreak = (posStreak + 1) & (int)((m << 1) >> 63);
                negStreak = (negStreak + 1) & (int)(m >> 63);
                a |= (((k1 - posStreak) >> 31) & (int)SignalKinds.HistogramShrinkingPositive)
                    | (((k1 - negStreak) >> 31) & (int)SignalKinds.HistogramShrinkingNegative); // streak ≥ k ⇔ k − 1 − streak < 0

                Unsafe.Add(ref act, j) = (SignalKinds)a;
                prev = a;
            }
        }
        state.Prev = prev;
        state.Armed = armed;
        state.PosStreak = posStreak;
        state.NegStreak = negStreak;
    }

    /// <summary>fired[j] ← active[j] ∧ ¬active[j − 1] (the signals that started on the bar; none before bar 0), a vector at a time.</summary>
    public static void FiredOf(ReadOnlySpan<SignalKinds> activeKinds, Span<SignalKinds> firedKinds)
    {
        var active = MemoryMarshal.Cast<SignalKinds, int>(activeKinds);
        var fired = MemoryMarshal.Cast<SignalKinds, int>(firedKinds);
        int count = active.Length, j = 1;
        if (count == 0) return;
        fired = fired[..count];
        fired[0] = active[0];
        unchecked
        {
            if (Vector.IsHardwareAccelerated)
            {
                ref int a = ref MemoryMarshal.GetReference(active);
                ref int f = ref MemoryMarshal.GetReference(fired);
                for (; j <= count - Vector<int>.Count; j += Vector<int>.Count)
                    Vector.AndNot(Vector.LoadUnsafe(ref a, (nuint)j), Vector.LoadUnsafe(ref a, (nuint)(j - 1))).StoreUnsafe(ref f, (nuint)j);
            }
            for (; j < count; j++) fired[j] = active[j] & ~active[j - 1];
        }
    }

    /// <summary>Widths per run of the squeeze's filter.</summary>
    private const int SubBlock = 15;

    /// <summary>maxima[p] ← the largest of widths[p − SubBlock + 1 .. p] (NaN if one is NaN), for p ≥ SubBlock − 1.</summary>
    private static void SlidingMaxima(ReadOnlySpan<double> widths, Span<double> maxima)
    {
        int p = SubBlock - 1, length = widths.Length;
        ref double w = ref MemoryMarshal.GetReference(widths);
        ref double m = ref MemoryMarshal.GetReference(maxima);
        _ = maxima[length - 1];
        unchecked
        {
            for (; p <= length - Vector512<double>.Count; p += Vector512<double>.Count)
            {
                ref double at = ref Unsafe.Add(ref w, p);
                var a = Vector512.Max(Vector512.LoadUnsafe(ref at), Vector512.LoadUnsafe(ref Unsafe.Subtract(ref at, 1)));
                for (int t = 2; t < SubBlock; t++) a = Vector512.Max(a, Vector512.LoadUnsafe(ref Unsafe.Subtract(ref at, t)));
                a.StoreUnsafe(ref m, (nuint)p);
            }
            for (; p < length; p++)
            {
                double a = Unsafe.Add(ref w, p);
                for (int t = 1; t < SubBlock; t++) a = Math.Max(a, Unsafe.Add(ref w, p - t));
                Unsafe.Add(ref m, p) = a;
            }
        }
    }

    /// <summary>
    /// Clears the squeeze's tests of the bars whose window (the bar's width and the <c>lookback</c> before it) holds a NaN
    /// width; <paramref name="widths"/> are the block's. Returns the index of the last NaN width so far.
    /// </summary>
    private static int SqueezeWindows(int start, ReadOnlySpan<double> widths, Span<long> masks, int lookback, int lastNaNWidth)
    {
        const long SqueezeBits = (long)SignalKinds.Squeeze | ((long)SignalKinds.Squeeze << StayShift);
        int count = widths.Length;
        if (!widths.ContainsAnyExceptInRange(double.NegativeInfinity, double.PositiveInfinity))
        {
            // No NaN width in the block (the usual case): only the bars within lookback of the last NaN before it.
            long firstValid = (long)lastNaNWidth + lookback + 1;
            for (int j = 0; j < count && start + j < firstValid; j++) masks[j] &= ~SqueezeBits;
            return lastNaNWidth;
        }
        for (int j = 0; j < count; j++)
        {
            int i = start + j;
            if (double.IsNaN(widths[j])) lastNaNWidth = i;
            if (!(i - lookback > lastNaNWidth)) masks[j] &= ~SqueezeBits;
        }
        return lastNaNWidth;
    }

    /// <summary>
    /// The squeeze's tests of a block's bars into their masks: the rank c of the bar's width among the <c>lookback</c>
    /// widths before it (how many are strictly below it) against both limits, c ≤ q·lookback turning the squeeze on and
    /// c ≤ (q + hysteresis)·lookback keeping it on. Vectorised across bars (a vector of consecutive bars against each
    /// earlier width in turn), stopping once every bar of the vector has more than the larger limit below it. A NaN width
    /// counts as not below (the rule's validity test, in the sequential pass, excludes such windows anyway). Needs
    /// history = lookback (see <see cref="Buffers"/>).
    /// </summary>
    private static void SqueezeMasks(ReadOnlySpan<double> widthBuffer, Span<double> maxima, int history, Span<long> masks, in Rules rules)
    {
        int count = masks.Length, lookback = rules.Lookback, j = 0;
        // For a whole count c: c ≤ limit ⇔ c ≤ ⌊limit⌋ (the limits are ≥ 0 and at most twice the lookback).
        long onLimit = (long)Math.Floor(rules.SqueezeOn), stayLimit = (long)Math.Floor(rules.SqueezeOff);
        const long OnBit = (long)SignalKinds.Squeeze, StayBit = (long)SignalKinds.Squeeze << StayShift;
        ref double wd = ref MemoryMarshal.GetReference(widthBuffer);
        ref long mk = ref MemoryMarshal.GetReference(masks);
        unchecked
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var vOn = Vector512.Create(onLimit);
                var vStay = Vector512.Create(stayLimit);
                // Filter: with M[p] the largest of the SubBlock widths ending at p, a window holding `need` such runs
                // wholly below the bar's width (M < w) has more than the larger limit below it: no squeeze, no count.
                // (A NaN width makes its M NaN, which is never below: the filter then does not apply.)
                int runs = lookback / SubBlock;
                long need = (stayLimit / SubBlock) + 1;
                bool filter = runs >= need && runs >= 2;
                ref double mx = ref MemoryMarshal.GetReference(maxima);
                if (filter) SlidingMaxima(widthBuffer, maxima);
                var vNeed = Vector512.Create(need);
                for (; j <= count - Vector512<double>.Count; j += Vector512<double>.Count)
                {
                    ref double bar = ref Unsafe.Add(ref wd, history + j);
                    var w = Vector512.LoadUnsafe(ref bar);
                    if (filter)
                    {
                        ref double run = ref Unsafe.Add(ref mx, history + j - 1);
                        var runsBelow = Vector512<long>.Zero;
                        for (int r = 0; r < runs; r++)
                            runsBelow -= Vector512.LessThan(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref run, r * SubBlock)), w).AsInt64();
                        if (Vector512.GreaterThanOrEqualAll(runsBelow, vNeed)) continue; // no bar of the vector is in a squeeze
                    }
                    var below = Vector512<long>.Zero;
                    int d = 1;
                    for (; d + 15 <= lookback; d += 16)
                    {
                        for (int e = d; e < d + 16; e += 4)
                        {
                            below -= Vector512.LessThan(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref bar, e)), w).AsInt64()
                                + Vector512.LessThan(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref bar, e + 1)), w).AsInt64()
                                + Vector512.LessThan(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref bar, e + 2)), w).AsInt64()
                                + Vector512.LessThan(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref bar, e + 3)), w).AsInt64();
                        }
                        if (Vector512.GreaterThanAll(below, vStay)) break; // no bar of the vector can be in a squeeze
                    }
                    for (; d <= lookback; d++)
                        below -= Vector512.LessThan(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref bar, d)), w).AsInt64();
                    var bits = (Vector512.LessThanOrEqual(below, vOn) & Vector512.Create(OnBit))
                        | (Vector512.LessThanOrEqual(below, vStay) & Vector512.Create(StayBit));
                    (Vector512.LoadUnsafe(ref mk, (nuint)j) | bits).StoreUnsafe(ref mk, (nuint)j);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var vOn = Vector256.Create(onLimit);
                var vStay = Vector256.Create(stayLimit);
                for (; j <= count - Vector256<double>.Count; j += Vector256<double>.Count)
                {
                    ref double bar = ref Unsafe.Add(ref wd, history + j);
                    var w = Vector256.LoadUnsafe(ref bar);
                    var below = Vector256<long>.Zero;
                    int d = 1;
                    for (; d + 15 <= lookback; d += 16)
                    {
                        for (int e = d; e < d + 16; e += 4)
                        {
                            below -= Vector256.LessThan(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref bar, e)), w).AsInt64()
                                + Vector256.LessThan(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref bar, e + 1)), w).AsInt64()
                                + Vector256.LessThan(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref bar, e + 2)), w).AsInt64()
                                + Vector256.LessThan(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref bar, e + 3)), w).AsInt64();
                        }
                        if (Vector256.GreaterThanAll(below, vStay)) break;
                    }
                    for (; d <= lookback; d++)
                        below -= Vector256.LessThan(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref bar, d)), w).AsInt64();
                    var bits = (Vector256.LessThanOrEqual(below, vOn) & Vector256.Create(OnBit))
                        | (Vector256.LessThanOrEqual(below, vStay) & Vector256.Create(StayBit));
                    (Vector256.LoadUnsafe(ref mk, (nuint)j) | bits).StoreUnsafe(ref mk, (nuint)j);
                }
            }
            for (; j < count; j++)
            {
                double w = Unsafe.Add(ref wd, history + j);
                int c = CountBelow(widthBuffer.Slice(history + j - lookback, lookback), w, stayLimit);
                Unsafe.Add(ref mk, j) |= (-(long)Bit(c <= onLimit) & OnBit) | (-(long)Bit(c <= stayLimit) & StayBit);
            }
        }
    }

    /// <summary>
    /// The threshold tests of a block's bars as masks (vectorised, the tail scalar); <paramref name="histBuffer"/>[j + 1]
    /// is bar j's histogram, [j] the bar before's.
    /// </summary>
    private static void Masks(ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> histBuffer, ReadOnlySpan<double> pctB,
        Span<long> masks, in Rules t)
    {
        int count = masks.Length, j = 0;
        unchecked
        {
            if (Vector.IsHardwareAccelerated)
            {
                ref double c = ref MemoryMarshal.GetReference(close);
                ref double r = ref MemoryMarshal.GetReference(rsi);
                ref double h = ref MemoryMarshal.GetReference(histBuffer);
                ref double b = ref MemoryMarshal.GetReference(pctB);
                ref long mk = ref MemoryMarshal.GetReference(masks);
                var ob = new Vector<double>(t.Ob); var obOff = new Vector<double>(t.ObOff);
                var ex = new Vector<double>(t.Ex); var exOff = new Vector<double>(t.ExOff);
                var os = new Vector<double>(t.Os); var osOff = new Vector<double>(t.OsOff);
                var touchOn = new Vector<double>(t.TouchOn); var touchOff = new Vector<double>(t.TouchOff);
                var one = new Vector<double>(1d); var breakOff = new Vector<double>(t.BreakOff);
                var lowTouchOn = new Vector<double>(t.LowTouchOn); var lowTouchOff = new Vector<double>(t.LowTouchOff);
                var lowBreakOff = new Vector<double>(t.LowBreakOff); var deadband = new Vector<double>(t.Deadband);
                var zero = Vector<double>.Zero;
                for (; j <= count - Vector<double>.Count; j += Vector<double>.Count)
                {
                    nuint i = (nuint)j;
                    var vr = Vector.LoadUnsafe(ref r, i);
                    var vb = Vector.LoadUnsafe(ref b, i);
                    var vh = Vector.LoadUnsafe(ref h, i + 1);
                    var ph = Vector.LoadUnsafe(ref h, i);
                    var band = deadband * Vector.Abs(Vector.LoadUnsafe(ref c, i));
                    var m = (Vector.GreaterThan(vr, ob) & new Vector<long>((long)SignalKinds.RsiOverbought))
                        | (Vector.GreaterThanOrEqual(vr, obOff) & new Vector<long>((long)SignalKinds.RsiOverbought << StayShift))
                        | (Vector.GreaterThanOrEqual(vr, ex) & new Vector<long>((long)SignalKinds.RsiExtreme))
                        | (Vector.GreaterThanOrEqual(vr, exOff) & new Vector<long>((long)SignalKinds.RsiExtreme << StayShift))
                        | (Vector.LessThan(vr, os) & new Vector<long>((long)SignalKinds.RsiOversold))
                        | (Vector.LessThanOrEqual(vr, osOff) & new Vector<long>((long)SignalKinds.RsiOversold << StayShift))
                        | (Vector.GreaterThanOrEqual(vb, touchOn) & new Vector<long>((long)SignalKinds.UpperBandTouch))
                        | (Vector.GreaterThanOrEqual(vb, touchOff) & new Vector<long>((long)SignalKinds.UpperBandTouch << StayShift))
                        | (Vector.GreaterThan(vb, one) & new Vector<long>((long)SignalKinds.UpperBandBreak))
                        | (Vector.GreaterThanOrEqual(vb, breakOff) & new Vector<long>((long)SignalKinds.UpperBandBreak << StayShift))
                        | (Vector.LessThanOrEqual(vb, lowTouchOn) & new Vector<long>((long)SignalKinds.LowerBandTouch))
                        | (Vector.LessThanOrEqual(vb, lowTouchOff) & new Vector<long>((long)SignalKinds.LowerBandTouch << StayShift))
                        | (Vector.LessThan(vb, zero) & new Vector<long>((long)SignalKinds.LowerBandBreak))
                        | (Vector.LessThanOrEqual(vb, lowBreakOff) & new Vector<long>((long)SignalKinds.LowerBandBreak << StayShift))
                        | (Vector.LessThan(vh, -band) & new Vector<long>(DownBits))
                        | (Vector.GreaterThan(vh, band) & new Vector<long>(UpBits))
                        | (Vector.GreaterThan(vh, zero) & Vector.GreaterThan(ph, zero) & Vector.LessThan(vh, ph) & new Vector<long>(1L << PosShrinkShift))
                        | (Vector.LessThan(vh, zero) & Vector.LessThan(ph, zero) & Vector.GreaterThan(vh, ph) & new Vector<long>(1L << NegShrinkShift));
                    m.StoreUnsafe(ref mk, i);
                }
            }
            for (; j < count; j++)
                masks[j] = Mask(close[j], rsi[j], histBuffer[j + 1], histBuffer[j], pctB[j], t);
        }
    }

    /// <summary>One bar's mask (the scalar form of the vector pass, the same comparisons).</summary>
    private static long Mask(double close, double r, double h, double prevHist, double b, in Rules t)
    {
        double band = t.Deadband * Math.Abs(close);
        int on = (int)(Flag(r > t.Ob, SignalKinds.RsiOverbought) | Flag(r >= t.Ex, SignalKinds.RsiExtreme) | Flag(r < t.Os, SignalKinds.RsiOversold)
            | Flag(b >= t.TouchOn, SignalKinds.UpperBandTouch) | Flag(b > 1, SignalKinds.UpperBandBreak)
            | Flag(b <= t.LowTouchOn, SignalKinds.LowerBandTouch) | Flag(b < 0, SignalKinds.LowerBandBreak));
        int stay = (int)(Flag(r >= t.ObOff, SignalKinds.RsiOverbought) | Flag(r >= t.ExOff, SignalKinds.RsiExtreme) | Flag(r <= t.OsOff, SignalKinds.RsiOversold)
            | Flag(b >= t.TouchOff, SignalKinds.UpperBandTouch) | Flag(b >= t.BreakOff, SignalKinds.UpperBandBreak)
            | Flag(b <= t.LowTouchOff, SignalKinds.LowerBandTouch) | Flag(b <= t.LowBreakOff, SignalKinds.LowerBandBreak));
        long m = (uint)on | ((long)stay << StayShift);
        m |= -(long)Bit(h < -band) & DownBits;
        m |= -(long)Bit(h > band) & UpBits;
        m |= (long)Bit((h > 0) & (prevHist > 0) & (h < prevHist)) << PosShrinkShift;
        m |= (long)Bit((h < 0) & (prevHist < 0) & (h > prevHist)) << NegShrinkShift;
        return m;
    }

    /// <summary>
    /// How many values of <paramref name="window"/> are strictly below <paramref name="value"/> (vectorised); stops once the
    /// count exceeds <paramref name="limit"/>, returning the count so far (then a lower bound above the limit).
    /// </summary>
    internal static int CountBelow(ReadOnlySpan<double> window, double value, double limit = double.PositiveInfinity)
    {
        int i = 0;
        long count = 0;
        ref double r = ref MemoryMarshal.GetReference(window);
        unchecked
        {
            if (Vector512.IsHardwareAccelerated && window.Length >= Vector512<double>.Count)
            {
                var v = Vector512.Create(value);
                int step = Vector512<double>.Count;
                for (; i <= window.Length - 4 * step; i += 4 * step)
                {
                    var acc = Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)i), v).AsInt64()
                        + Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)(i + step)), v).AsInt64()
                        + Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)(i + 2 * step)), v).AsInt64()
                        + Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)(i + 3 * step)), v).AsInt64();
                    count -= Vector512.Sum(acc);
                    if (count > limit) return (int)count;
                }
                var tail = Vector512<long>.Zero;
                for (; i <= window.Length - step; i += step)
                    tail += Vector512.LessThan(Vector512.LoadUnsafe(ref r, (nuint)i), v).AsInt64();
                count -= Vector512.Sum(tail);
            }
            else if (Vector256.IsHardwareAccelerated && window.Length >= Vector256<double>.Count)
            {
                var v = Vector256.Create(value);
                int step = Vector256<double>.Count;
                for (; i <= window.Length - 4 * step; i += 4 * step)
                {
                    var acc = Vector256.LessThan(Vector256.LoadUnsafe(ref r, (nuint)i), v).AsInt64()
                        + Vector256.LessThan(Vector256.LoadUnsafe(ref r, (nuint)(i + step)), v).AsInt64()
                        + Vector256.LessThan(Vector256.LoadUnsafe(ref r, (nuint)(i + 2 * step)), v).AsInt64()
                        + Vector256.LessThan(Vector256.LoadUnsafe(ref r, (nuint)(i + 3 * step)), v).AsInt64();
                    count -= Vector256.Sum(acc);
                    if (count > limit) return (int)count;
                }
                var tail = Vector256<long>.Zero;
                for (; i <= window.Length - step; i += step)
                    tail += Vector256.LessThan(Vector256.LoadUnsafe(ref r, (nuint)i), v).AsInt64();
                count -= Vector256.Sum(tail);
            }
            for (; i < window.Length; i++)
                count += Bit(Unsafe.Add(ref r, i) < value);
        }
        return (int)count;
    }
}
