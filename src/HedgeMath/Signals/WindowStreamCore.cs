namespace HedgeMath.Signals;

/// <summary>
/// The ring buffer and <see cref="WindowMoments"/> state behind <see cref="SmaStream"/> and <see cref="BollingerStream"/>.
/// Mirrors the batch loops exactly (same restart bars, same summation order) so results are bit-identical.
/// </summary>
internal sealed class WindowStreamCore
{
    private struct State
    {
        public int Count;
        public int Head;
        public int Countdown;
        public WindowMoments Moments;
    }

    private readonly double[] _ring;
    private readonly int _interval;
    private State _cur, _prev;
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

    public int Count => _cur.Count;
    public bool IsReady => _cur.Count >= _ring.Length;
    public ref readonly WindowMoments Moments => ref _cur.Moments;

    public void Add(double x)
    {
        _prev = _cur;
        Step(x);
    }

    public void ReplaceLast(double x)
    {
        _cur = _prev;
        _ring[_lastSlot] = _lastRemoved;
        Step(x);
    }

    public void Reset()
    {
        _cur = default;
        _prev = default;
        Array.Clear(_ring);
    }

    private void Step(double x)
    {
        int n = _ring.Length;
        ref State s = ref _cur;
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
