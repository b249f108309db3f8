using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Signals;

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
    /// <summary>Bars per block (the largest block <c>EvaluateBlock</c> takes).</summary>
    internal const int Chunk = 512;

    /// <summary>A block this small gets its masks from a small stack buffer.</summary>
    private const int SmallBlock = 8;

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
    /// the <c>history</c> = min(squeeze lookback, bars) previous widths in front, as <c>EvaluateBlock</c> reads them.
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
        EvaluateBlock(start, close, rsi, histBuffer, pctB, widthBuffer[..(history + count)],
            widthBuffer.Slice(widthBuffer.Length / 2, history + count), history, rules, active, ref state); // the second half: scratch
    }

    /// <summary>
    /// <c>EvaluateBlock</c> with the widths (the <paramref name="history"/> previous ones, then the block's) and the squeeze filter's scratch
    /// given apart: <paramref name="maxima"/> is history + count long, or empty (the stream's one-bar block: no filter, the
    /// same masks from the plain count).
    /// </summary>
    public static void EvaluateBlock(int start, ReadOnlySpan<double> close, ReadOnlySpan<double> rsi, ReadOnlySpan<double> histBuffer,
        ReadOnlySpan<double> pctB, ReadOnlySpan<double> widths, Span<double> maxima, int history, in Rules rules, Span<SignalKinds> active,
        ref EngineState state)
    {
        int count = close.Length;
        if (count == 0) return;
        if (count > Chunk) throw new ArgumentOutOfRangeException(nameof(close));
        rsi = rsi[..count]; histBuffer = histBuffer[..(count + 1)]; pctB = pctB[..count];
        widths = widths[..(history + count)];
        active = active[..count];
        int k = rules.ShrinkBars, lookback = rules.Lookback;
        int prev = state.Prev, armed = state.Armed, posStreak = state.PosStreak, negStreak = state.NegStreak, k1 = k - 1;
        // A one-bar block (the stream) zeroes 8 masks, not a whole chunk's 4 KB.
        Span<long> masks = count <= SmallBlock ? stackalloc long[SmallBlock] : stackalloc long[Chunk];
        masks = masks[..count];
        Masks(close, rsi, histBuffer, pctB, masks, rules);
        if (history == lookback) // else no bar has a full window of widths
            SqueezeMasks(widths, maxima, history, masks, rules);
        state.LastNaNWidth = SqueezeWindows(start, widths.Slice(history, count), masks, lookback, state.LastNaNWidth);
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
                // Only where a vector of bars is counted below, and given scratch for the maxima (the filter only skips counts).
                bool filter = runs >= need && runs >= 2 && count >= Vector512<double>.Count && maxima.Length >= widthBuffer.Length;
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
