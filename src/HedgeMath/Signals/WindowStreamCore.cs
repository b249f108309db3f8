namespace HedgeMath.Signals;

/// <summary>
/// The ring buffer and <see cref="WindowMoments"/> state behind <see cref="Sma"/> and <see cref="BollingerBands"/>.
/// Mirrors the batch loops exactly (same restart bars, same summation order) so results are bit-identical.
/// </summary>
internal sealed class WindowStreamCore
{
    private struct State : IStreamState
    {
        public int Count;
        readonly int IStreamState.Count => Count;
        public int Head;
        public int Countdown;
        public WindowMoments Moments;
    }

    private readonly double[] _ring;
    private readonly int _interval;
    private Revisable<State> _s;
    private int _lastSlot;
    private double _lastRemoved;

    private readonly bool _exactVariance;
    private readonly double _invN;

    /// <param name="lookbackPeriods">N.</param>
    /// <param name="exactVariance">True for Bollinger (recompute when the variance sums turn inexact, as the batch loop does); false for the SMA, which uses only the mean.</param>
    public WindowStreamCore(int lookbackPeriods, bool exactVariance)
    {
        _ring = new double[lookbackPeriods];
        _interval = WindowMoments.RestartInterval(lookbackPeriods);
        _exactVariance = exactVariance;
        _invN = 1d / lookbackPeriods;
    }

    public int Count => _s.Current.Count;
    public bool IsReady => _s.Current.Count >= _ring.Length;
    public ref readonly WindowMoments Moments => ref _s.Current.Moments;

    public void Add(double x) => Step(ref _s.Advance(), x);

    /// <exception cref="InvalidOperationException">No bar has been added (the message names <paramref name="stream"/>).</exception>
    public void ReplaceLast(double x, string stream)
    {
        ref State s = ref _s.Revise(stream);
        _ring[_lastSlot] = _lastRemoved;
        Step(ref s, x);
    }

    public void Reset()
    {
        _s.Reset();
        Array.Clear(_ring);
    }

    private void Step(ref State s, double x)
    {
        int n = _ring.Length;
        int slot = s.Count < n ? s.Count : s.Head;
        double removed = _ring[slot];
        _lastSlot = slot;
        _lastRemoved = removed;
        _ring[slot] = x;
        if (s.Count >= n) s.Head = slot + 1 == n ? 0 : slot + 1;
        s.Count++;
        if (s.Count < n) return;
        if (s.Countdown == 0)
        {
            s.Moments.Reset(x);
            s.Moments.Accumulate(_ring.AsSpan(s.Head));
            s.Moments.Accumulate(_ring.AsSpan(0, s.Head));
            s.Countdown = _interval;
        }
        else
        {
            s.Moments.Slide(x, removed);
            if (_exactVariance && s.Moments.IsInexact(_invN))
            {
                s.Moments.Reset(x);
                s.Moments.Accumulate(_ring.AsSpan(s.Head));
                s.Moments.Accumulate(_ring.AsSpan(0, s.Head));
            }
        }
        s.Countdown--;
    }
}
