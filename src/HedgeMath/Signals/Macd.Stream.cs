using HedgeMath.Internal;

namespace HedgeMath.Signals;

// The streaming form of Macd: one close at a time, O(1) and allocation-free, bit-identical to the batch form.
// Add appends a closed bar; ReplaceLast revises the last, still-forming bar as often as needed
// (the state before it is kept and the bar re-applied). Not thread-safe: one stream per feed.
public sealed partial class Macd : IIndicatorStream<double, MacdValue>
{
    private struct State : IStreamState
    {
        public int Count;
        readonly int IStreamState.Count => Count;
        public double SumFast, SumSlow, SumSignal, Fast, Slow, Line, Signal;
    }

    private readonly double _kf, _ks, _kg, _df, _ds, _dg;
    private Revisable<State> _s;

    /// <summary>Creates an empty stream.</summary>
    /// <param name="fastPeriods">Fast EMA length (default 12, ≥ 1, &lt; slow).</param>
    /// <param name="slowPeriods">Slow EMA length (default 26).</param>
    /// <param name="signalPeriods">Signal EMA length (default 9, ≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is not positive or fast ≥ slow.</exception>
    public Macd(int fastPeriods = Macd.DefaultFastPeriods, int slowPeriods = Macd.DefaultSlowPeriods,
        int signalPeriods = Macd.DefaultSignalPeriods)
    {
        Macd.Validate(fastPeriods, slowPeriods, signalPeriods);
        FastPeriods = fastPeriods;
        SlowPeriods = slowPeriods;
        SignalPeriods = signalPeriods;
        _kf = 2d / (fastPeriods + 1);
        _ks = 2d / (slowPeriods + 1);
        _kg = 2d / (signalPeriods + 1);
        _df = 1d - _kf;
        _ds = 1d - _ks;
        _dg = 1d - _kg;
    }

    /// <summary>Fast EMA length.</summary>
    public int FastPeriods { get; }
    /// <summary>Slow EMA length.</summary>
    public int SlowPeriods { get; }
    /// <summary>Signal EMA length.</summary>
    public int SignalPeriods { get; }

    /// <summary>Bars added so far.</summary>
    public int Count => _s.Current.Count;

    /// <summary>True once the signal line has a value.</summary>
    public bool IsReady => _s.Current.Count >= SlowPeriods + SignalPeriods - 1;

    /// <summary>MACD at the last bar (NaN parts during warm-up).</summary>
    public MacdValue Current
    {
        get
        {
            double line = _s.Current.Count >= SlowPeriods ? _s.Current.Line : double.NaN;
            double signal = IsReady ? _s.Current.Signal : double.NaN;
            return new MacdValue(line, signal, IsReady ? _s.Current.Line - _s.Current.Signal : double.NaN);
        }
    }

    /// <summary>Appends a bar.</summary>
    /// <param name="value">The bar's close (finite).</param>
    /// <returns>MACD at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public MacdValue Add(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        Step(ref _s.Advance(), value);
        return Current;
    }

    /// <summary>Replaces the last bar's close (the bar is still forming).</summary>
    /// <param name="value">The new close (finite).</param>
    /// <returns>MACD at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    public MacdValue ReplaceLast(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        Step(ref _s.Revise(nameof(Macd)), value);
        return Current;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset() => _s.Reset();

    private void Step(ref State s, double x)
    {
        int i = s.Count, nf = FastPeriods, ns = SlowPeriods, ng = SignalPeriods;
        int seedEnd = ns + ng - 2;
        if (i > seedEnd)
        {
            // Steady state first: one predictable branch on the hot path.
            s.Fast = Ema.Step(s.Fast, x, _kf, _df);
            s.Slow = Ema.Step(s.Slow, x, _ks, _ds);
            double line = s.Fast - s.Slow;
            s.Line = line;
            s.Signal = Ema.Step(s.Signal, line, _kg, _dg);
            s.Count = i + 1;
            return;
        }
        if (i < nf)
        {
            s.SumFast += x;
            if (i == nf - 1) s.Fast = s.SumFast / nf;
        }
        else s.Fast = Ema.Step(s.Fast, x, _kf, _df);
        if (i < ns)
        {
            s.SumSlow += x;
            if (i == ns - 1) s.Slow = s.SumSlow / ns;
        }
        else s.Slow = Ema.Step(s.Slow, x, _ks, _ds);
        if (i >= ns - 1)
        {
            double m = s.Fast - s.Slow;
            s.Line = m;
            s.SumSignal += m;
            if (i == seedEnd) s.Signal = s.SumSignal / ng;
        }
        s.Count = i + 1;
    }
}
