using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>What a condition sees at one bar's close. Built by the plan step; passed by reference, never boxed.</summary>
internal readonly ref struct PlanContext
{
    private readonly ReadOnlySpan<decimal?> _entries;

    public PlanContext(int bar, TimeSpan elapsed, decimal spotClose, decimal lastClose, PriceWindow window, SignalSet signals,
        decimal planPnl, ReadOnlySpan<decimal?> entries)
    {
        Bar = bar; Elapsed = elapsed; SpotClose = spotClose; LastClose = lastClose; Window = window; Signals = signals;
        PlanPnl = planPnl; _entries = entries;
    }

    /// <summary>The bar's index in the plan's run (0 = the first bar).</summary>
    public int Bar { get; }
    /// <summary>Time since the first bar's open.</summary>
    public TimeSpan Elapsed { get; }
    /// <summary>The spot close.</summary>
    public decimal SpotClose { get; }
    /// <summary>The perpetual's (last price) close.</summary>
    public decimal LastClose { get; }
    /// <summary>The spot closes so far, this one last.</summary>
    public PriceWindow Window { get; }
    /// <summary>The signals at the close (default: none).</summary>
    public SignalSet Signals { get; }
    /// <summary>Equity now − equity at the first close (quote asset), before this close's trades.</summary>
    public decimal PlanPnl { get; }

    /// <summary>The average entry of a plan leg's open position, or null.</summary>
    public decimal? EntryOf(int leg) => leg >= 0 && leg < _entries.Length ? _entries[leg] : null;
}

/// <summary>
/// The spot closes a plan has seen (as doubles) and the running sums of the moving averages its conditions use, kept
/// exactly as <c>HedgeConditions</c> keeps them (add the new close, then subtract the one n bars back). Immutable from
/// outside: <see cref="Append"/> returns a new window; the closes live in an append-only buffer shared by the windows
/// of one run (a window appended from an older state copies the prefix it owns, so states never see each other's bars).
/// </summary>
internal sealed class PriceWindow
{
    private readonly Buffer _buffer;
    private readonly int[] _periods;
    private readonly double[] _sums, _prevSums;

    private PriceWindow(Buffer buffer, int count, int[] periods, double[] sums, double[] prevSums)
    {
        _buffer = buffer; Count = count; _periods = periods; _sums = sums; _prevSums = prevSums;
    }

    /// <summary>An empty window keeping running sums for these moving-average lengths.</summary>
    public static PriceWindow Empty(int[] periods) => new(new Buffer(), 0, periods, new double[periods.Length], new double[periods.Length]);

    /// <summary>The number of closes.</summary>
    public int Count { get; }

    /// <summary>The close at index i (0 = the first).</summary>
    public double this[int i] => _buffer.Data[i];

    /// <summary>The running sum of the last n closes at the latest close.</summary>
    public double Sum(int period) => _sums[IndexOf(period)];

    /// <summary>The running sum of the n closes before the latest one.</summary>
    public double PreviousSum(int period) => _prevSums[IndexOf(period)];

    private int IndexOf(int period)
    {
        for (int i = 0; i < _periods.Length; i++) if (_periods[i] == period) return i;
        throw new InvalidOperationException($"The window keeps no moving average of {period} bars.");
    }

    /// <summary>The window with one more close.</summary>
    public PriceWindow Append(double close)
    {
        var buffer = _buffer.TryAppend(Count, close) ? _buffer : _buffer.Fork(Count, close);
        int t = Count;
        var sums = new double[_sums.Length];
        for (int i = 0; i < sums.Length; i++)
        {
            double s = _sums[i] + close;
            if (t >= _periods[i]) s -= buffer.Data[t - _periods[i]];
            sums[i] = s;
        }
        return new PriceWindow(buffer, t + 1, _periods, sums, _sums);
    }

    private sealed class Buffer
    {
        private readonly object _gate = new();
        private int _length;
        public double[] Data = new double[64];

        /// <summary>Appends in place when <paramref name="count"/> is the buffer's tip (no other window has appended there).</summary>
        public bool TryAppend(int count, double value)
        {
            lock (_gate)
            {
                if (count != _length) return false;
                if (count == Data.Length)
                {
                    var bigger = new double[Data.Length * 2];
                    Array.Copy(Data, bigger, count);
                    Data = bigger;
                }
                Data[count] = value;
                _length = count + 1;
                return true;
            }
        }

        public Buffer Fork(int count, double value)
        {
            var b = new Buffer();
            if (b.Data.Length <= count) b.Data = new double[Math.Max(64, count * 2)];
            Array.Copy(Data, b.Data, count);
            b.Data[count] = value;
            b._length = count + 1;
            return b;
        }
    }
}
