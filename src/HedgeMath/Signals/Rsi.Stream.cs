using HedgeMath.Internal;

namespace HedgeMath.Signals;

// The streaming form of Rsi: one close at a time, O(1) and allocation-free, bit-identical to the batch form.
// Add appends a closed bar; ReplaceLast revises the last, still-forming bar as often as needed
// (the state before it is kept and the bar re-applied). Not thread-safe: one stream per feed.
public sealed partial class Rsi : IIndicatorStream<double, double>
{
    private struct State : IStreamState
    {
        public int Count;
        readonly int IStreamState.Count => Count;
        public double Prev;
        public double SumGain, SumLoss, AvgGain, AvgLoss;
    }

    private readonly double _decay, _weight;
    private Revisable<State> _s;

    /// <summary>Creates an empty stream.</summary>
    /// <param name="lookbackPeriods">N, at least 1 (default 14).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public Rsi(int lookbackPeriods = Rsi.DefaultLookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        LookbackPeriods = lookbackPeriods;
        _decay = (lookbackPeriods - 1d) / lookbackPeriods;
        _weight = 1d / lookbackPeriods;
    }

    /// <summary>N.</summary>
    public int LookbackPeriods { get; }

    /// <summary>Bars added so far.</summary>
    public int Count => _s.Current.Count;

    /// <summary>True once the warm-up is over.</summary>
    public bool IsReady => _s.Current.Count > LookbackPeriods;

    /// <summary>The RSI at the last bar, NaN during warm-up.</summary>
    public double Current => IsReady ? Rsi.FromAverages(_s.Current.AvgGain, _s.Current.AvgLoss) : double.NaN;

    /// <summary>Appends a bar.</summary>
    /// <param name="value">The bar's close (finite).</param>
    /// <returns>The RSI at this bar (NaN during warm-up).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public double Add(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        Step(ref _s.Advance(), value);
        return Current;
    }

    /// <summary>Replaces the last bar's close (the bar is still forming).</summary>
    /// <param name="value">The new close (finite).</param>
    /// <returns>The RSI at this bar (NaN during warm-up).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    public double ReplaceLast(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        Step(ref _s.Revise(nameof(Rsi)), value);
        return Current;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset() => _s.Reset();

    private void Step(ref State s, double x)
    {
        int n = LookbackPeriods;
        int i = s.Count;
        double d = x - s.Prev;
        if (i > n)
        {
            // Steady state first: one predictable branch on the hot path.
            s.AvgGain = Math.FusedMultiplyAdd(s.AvgGain, _decay, Rsi.Gain(d) * _weight);
            s.AvgLoss = Math.FusedMultiplyAdd(s.AvgLoss, _decay, Rsi.Loss(d) * _weight);
        }
        else if (i > 0)
        {
            s.SumGain += Rsi.Gain(d);
            s.SumLoss += Rsi.Loss(d);
            if (i == n)
            {
                s.AvgGain = s.SumGain / n;
                s.AvgLoss = s.SumLoss / n;
            }
        }
        s.Prev = x;
        s.Count = i + 1;
    }
}
