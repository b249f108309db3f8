using HedgeMath.Internal;

namespace HedgeMath.Signals;

// The streaming form of BollingerBands: one close at a time, O(1) and allocation-free, bit-identical to the batch form.
// Add appends a closed bar; ReplaceLast revises the last, still-forming bar as often as needed.
// Holds the last N closes (allocated once, in the constructor). Not thread-safe: one stream per feed.
public sealed partial class BollingerBands : IIndicatorStream<double, BollingerValue>
{
    private readonly WindowStreamCore _core;
    private readonly double _invN;
    private double _last;

    /// <summary>Creates an empty stream.</summary>
    /// <param name="lookbackPeriods">N, at least 1 (default 20).</param>
    /// <param name="standardDeviations">Band multiplier k, &gt; 0 (default 2).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive.</exception>
    public BollingerBands(int lookbackPeriods = BollingerBands.DefaultLookbackPeriods,
        double standardDeviations = BollingerBands.DefaultStandardDeviations)
    {
        BollingerBands.Validate(lookbackPeriods, standardDeviations);
        LookbackPeriods = lookbackPeriods;
        StandardDeviations = standardDeviations;
        _core = new WindowStreamCore(lookbackPeriods, exactVariance: true);
        _invN = 1d / lookbackPeriods;
    }

    /// <summary>N.</summary>
    public int LookbackPeriods { get; }

    /// <summary>The band multiplier k.</summary>
    public double StandardDeviations { get; }

    /// <summary>Bars added so far.</summary>
    public int Count => _core.Count;

    /// <summary>True once the warm-up is over.</summary>
    public bool IsReady => _core.IsReady;

    /// <summary>The bands at the last bar (all NaN during warm-up).</summary>
    public BollingerValue Current => _core.IsReady
        ? BollingerBands.Bar(_core.Moments, _last, LookbackPeriods, _invN, StandardDeviations)
        : BollingerValue.NaN;

    /// <summary>Appends a bar.</summary>
    /// <param name="value">The bar's close (finite).</param>
    /// <returns>The bands at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public BollingerValue Add(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        _core.Add(value);
        _last = value;
        return Current;
    }

    /// <summary>Replaces the last bar's close (the bar is still forming).</summary>
    /// <param name="value">The new close (finite).</param>
    /// <returns>The bands at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    public BollingerValue ReplaceLast(double value)
    {
        Preconditions.IndicatorValues(value, nameof(value));
        _core.ReplaceLast(value, nameof(BollingerBands));
        _last = value;
        return Current;
    }

    /// <summary>Forgets every bar.</summary>
    public void Reset()
    {
        _core.Reset();
        _last = 0;
    }
}
