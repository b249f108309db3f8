using HedgeMath.Market;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

// The streaming form of Atr: one bar at a time, O(1) and allocation-free, bit-identical to the batch form.
// Add(double, double, double) appends a closed bar; ReplaceLast(double, double, double) revises the last,
// still-forming bar as often as needed. Not thread-safe: one stream per feed.
public sealed partial class Atr : IIndicatorStream<Candle, AtrValue>
{
    private struct State : IStreamState
    {
        public int Count;
        readonly int IStreamState.Count => Count;
        public double PrevClose, Close, Sum, Tr, Atr;
    }

    private readonly double _m, _ch, _cl, _mcl; // N − 1 and the reciprocal constants of Atr.ComputeCore
    private Revisable<State> _s;

    /// <summary>Creates an empty stream.</summary>
    /// <param name="lookbackPeriods">N, at least 1 (default 14).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lookbackPeriods"/> is not positive.</exception>
    public Atr(int lookbackPeriods = Atr.DefaultLookbackPeriods)
    {
        Preconditions.Lookback(lookbackPeriods, nameof(lookbackPeriods));
        LookbackPeriods = lookbackPeriods;
        (_m, _ch, _cl, _mcl) = Atr.ReciprocalConstants(lookbackPeriods);
    }

    /// <summary>N.</summary>
    public int LookbackPeriods { get; }

    /// <summary>Bars added so far.</summary>
    public int Count => _s.Current.Count;

    /// <summary>True once the warm-up is over.</summary>
    public bool IsReady => _s.Current.Count > LookbackPeriods;

    /// <summary>TR, ATR and ATR% at the last bar (NaN parts during warm-up).</summary>
    public AtrValue Current => new(
        _s.Current.Count > 1 ? _s.Current.Tr : double.NaN,
        IsReady ? _s.Current.Atr : double.NaN,
        IsReady ? Atr.PercentOf(_s.Current.Atr, _s.Current.Close) : double.NaN);

    /// <summary>Appends a bar.</summary>
    /// <param name="high">High (finite).</param>
    /// <param name="low">Low (finite).</param>
    /// <param name="close">Close (finite).</param>
    /// <returns>ATR at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is NaN or infinite.</exception>
    public AtrValue Add(double high, double low, double close)
    {
        Check(high, low, close);
        Step(ref _s.Advance(), high, low, close);
        return Current;
    }

    /// <summary>Appends a candle.</summary>
    /// <param name="candle">The candle.</param>
    /// <returns>ATR at this bar.</returns>
    public AtrValue Add(Candle candle) => Add((double)candle.High, (double)candle.Low, (double)candle.Close);

    /// <summary>Replaces the last bar (still forming).</summary>
    /// <param name="high">High (finite).</param>
    /// <param name="low">Low (finite).</param>
    /// <param name="close">Close (finite).</param>
    /// <returns>ATR at this bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A price is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    public AtrValue ReplaceLast(double high, double low, double close)
    {
        Check(high, low, close);
        Step(ref _s.Revise(nameof(Atr)), high, low, close);
        return Current;
    }

    /// <summary>Replaces the last bar with a revised candle.</summary>
    /// <param name="candle">The candle.</param>
    /// <returns>ATR at this bar.</returns>
    /// <exception cref="InvalidOperationException">No bar has been added.</exception>
    public AtrValue ReplaceLast(Candle candle) => ReplaceLast((double)candle.High, (double)candle.Low, (double)candle.Close);

    /// <summary>Forgets every bar.</summary>
    public void Reset() => _s.Reset();

    private static void Check(double high, double low, double close)
    {
        Preconditions.IndicatorValues(high, nameof(high));
        Preconditions.IndicatorValues(low, nameof(low));
        Preconditions.IndicatorValues(close, nameof(close));
    }

    private void Step(ref State s, double high, double low, double close)
    {
        int n = LookbackPeriods, i = s.Count;
        if (i > 0)
        {
            double tr = Atr.TrueRange(high, low, s.PrevClose);
            s.Tr = tr;
            if (i < n) s.Sum += tr;
            else if (i == n)
            {
                s.Sum += tr;
                s.Atr = s.Sum / n;
            }
            else s.Atr = Atr.Next(s.Atr, tr, n, _m, _ch, _cl, _mcl);
        }
        s.PrevClose = close;
        s.Close = close;
        s.Count = i + 1;
    }
}
