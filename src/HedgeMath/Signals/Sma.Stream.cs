using HedgeMath.Internal;

namespace HedgeMath.Signals;

// The streaming form of Sma: one value at a time, O(1) and allocation-free, bit-identical to the batch form.
// Add appends a closed bar; ReplaceLast revises the last, still-forming bar as often as needed.
// Holds the last N values (allocated once, in the constructor). Not thread-safe: one stream per feed.
public sealed partial class Sma : IIndicatorStream<double, double>
{
    private readonly WindowStreamCore _core;

    /// <summary>Creates an empty stream.</summary>
    /// <param name="lookbackPeriods">N, at least 1 (default 20).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public Sma(int lookbackPeriods = Sma.DefaultLookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        LookbackPeriods = lookbackPeriods;
        _core = new WindowStreamCore(lookbackPeriods, exactVariance: false);
    }

    /// <summary>N.</summary>
    public int LookbackPeriods { get; }

    /// <summary>Bars added so far.</summary>
    public int Count => _core.Count;

    /// <summary>True once the warm-up is over.</summary>
    public bool IsReady => _core.IsReady;

    /// <summary>The SMA at the last bar, NaN during warm-up.</summary>
    public double Current => _core.IsReady ? _core.Moments.Mean(LookbackPeriods) : double.NaN;

    /// <summary>Appends a bar.</summary>
    /// <param name="value">The bar's value (finite).</param>
    /// <returns>The SMA at this bar (NaN during warm-up).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public double Add(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        _core.Add(value);
        return Current;
    }

    /// <summary>Replaces the last bar's value (the bar is still forming).</summary>
    /// <param name="value">The new value (finite).</param>
    /// <returns>The SMA at this bar (NaN during warm-up).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    public double ReplaceLast(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        _core.ReplaceLast(value, nameof(Sma));
        return Current;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset() => _core.Reset();
}
