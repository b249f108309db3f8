using HedgeMath.Internal;

namespace HedgeMath.Signals;

// The streaming form of Ema: one value at a time, O(1) and allocation-free, bit-identical to the batch form.
// Add appends a closed bar; ReplaceLast revises the last, still-forming bar (a live candle)
// as often as needed without corrupting state: the state before the last bar is kept and the bar is re-applied.
// Not thread-safe: one stream per feed, updated by one thread (its public surface has no setters).
public sealed partial class Ema : IIndicatorStream<double, double>
{
    private struct State : IStreamState
    {
        public int Count;
        readonly int IStreamState.Count => Count;
        public double Sum;
        public double Ema;
    }

    private readonly double _k, _decay;
    private Revisable<State> _s;

    /// <summary>Creates an empty stream.</summary>
    /// <param name="lookbackPeriods">N, at least 1 (default 20).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public Ema(int lookbackPeriods = Ema.DefaultLookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        LookbackPeriods = lookbackPeriods;
        _k = 2d / (lookbackPeriods + 1);
        _decay = 1d - _k;
    }

    /// <summary>N.</summary>
    public int LookbackPeriods { get; }

    /// <summary>Bars added so far.</summary>
    public int Count => _s.Current.Count;

    /// <summary>True once the warm-up is over (<see cref="Current"/> is a number).</summary>
    public bool IsReady => _s.Current.Count >= LookbackPeriods;

    /// <summary>The EMA at the last bar, NaN during warm-up.</summary>
    public double Current => IsReady ? _s.Current.Ema : double.NaN;

    /// <summary>Appends a bar.</summary>
    /// <param name="value">The bar's value (finite).</param>
    /// <returns>The EMA at this bar (NaN during warm-up).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public double Add(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        Step(ref _s.Advance(), value);
        return Current;
    }

    /// <summary>Replaces the last bar's value (the bar is still forming).</summary>
    /// <param name="value">The bar's new value (finite).</param>
    /// <returns>The EMA at this bar (NaN during warm-up).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    public double ReplaceLast(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        Step(ref _s.Revise(nameof(Ema)), value);
        return Current;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset() => _s.Reset();

    private void Step(ref State s, double x)
    {
        int n = LookbackPeriods;
        if (s.Count >= n)
        {
            s.Ema = Ema.Step(s.Ema, x, _k, _decay);
        }
        else
        {
            s.Sum += x;
            if (s.Count == n - 1) s.Ema = s.Sum / n;
        }
        s.Count++;
    }
}
