using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>What a condition sees at one bar's close. Built by the plan step; passed by reference, never boxed.</summary>
internal readonly ref struct PlanContext
{
    private readonly ReadOnlySpan<decimal?> _entries;

    public PlanContext(int bar, TimeSpan elapsed, decimal spotClose, decimal lastClose, PriceWindow window, SignalSet signals,
        decimal planPnl, ReadOnlySpan<decimal?> entries, PlanMarkets? markets = null)
    {
        Bar = bar; Elapsed = elapsed; SpotClose = spotClose; LastClose = lastClose; Window = window; Signals = signals;
        PlanPnl = planPnl; _entries = entries; Markets = markets;
    }

    /// <summary>Every asset's closes and windows (a plan over several assets), or null (one asset: this context's are its).</summary>
    public PlanMarkets? Markets { get; }

    /// <summary>The same context read on asset <paramref name="k"/> of <paramref name="markets"/> (its spot close, perpetual close and closes).</summary>
    public PlanContext On(PlanMarkets markets, int k) =>
        new(Bar, Elapsed, markets.SpotClose[k], markets.LastClose[k], markets.Windows[k], Signals, PlanPnl, _entries, markets);

    /// <summary>The perpetual close of a leg's contract (its own asset's in a plan over several assets).</summary>
    /// <remarks>A leg index of the plan: <see cref="PlanDefinition.Create"/> refuses a condition naming another.</remarks>
    public decimal LastCloseOfLeg(int leg) => Markets is { } m ? m.LastClose[m.LegAsset[leg]] : LastClose;

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

    /// <summary>The average entry of a plan leg's open position, or null (flat).</summary>
    /// <remarks>A leg index of the plan: <see cref="PlanDefinition.Create"/> refuses a condition naming another.</remarks>
    public decimal? EntryOf(int leg) => _entries[leg];
}

/// <summary>
/// The prices of every asset of a plan over several assets at one close (<see cref="PlanDefinition.Assets"/>' order): the
/// spot closes, the perpetual (last price) closes, each asset's window of closes, and each leg's asset. Owned by one
/// stepper (written each bar) or built for one status; conditions read it through <see cref="PlanContext"/>.
/// </summary>
internal sealed class PlanMarkets
{
    public PlanMarkets(PlanDefinition plan, PriceWindow[] windows)
    {
        Assets = plan.Assets; Windows = windows; LegAsset = plan.LegAsset;
        SpotClose = new decimal[Assets.Length]; LastClose = new decimal[Assets.Length];
    }

    public System.Collections.Immutable.ImmutableArray<string> Assets { get; }
    public decimal[] SpotClose { get; }
    public decimal[] LastClose { get; }
    public PriceWindow[] Windows { get; }
    public int[] LegAsset { get; }

    /// <summary>The index of an asset (any case), or −1.</summary>
    public int IndexOf(string asset)
    {
        for (int k = 0; k < Assets.Length; k++) if (string.Equals(Assets[k], asset, StringComparison.OrdinalIgnoreCase)) return k;
        return -1;
    }
}

/// <summary>
/// The spot closes a plan has seen (as doubles) and the running sums of the moving averages its conditions use, kept
/// exactly as <c>HedgeConditions</c> keeps them (add the new close, then subtract the one n bars back). A ring buffer of
/// the last closes the plan's conditions can read (<see cref="PlanDefinition.WindowLength"/>): indices stay absolute
/// (0 = the first close), and reading a close that has left the ring throws rather than give another bar's price.
/// Mutable (<see cref="Add"/>): owned by one <see cref="PlanStepper"/>; a <see cref="PlanState"/> holds a copy nobody changes.
/// </summary>
internal sealed class PriceWindow
{
    private readonly double[] _ring;
    private readonly int _mask;
    private readonly int[] _periods;
    private readonly double[] _sums, _prevSums;

    private PriceWindow(double[] ring, int count, int[] periods, double[] sums, double[] prevSums)
    {
        _ring = ring; _mask = ring.Length - 1; Count = count; _periods = periods; _sums = sums; _prevSums = prevSums;
    }

    /// <summary>An empty window keeping running sums for these moving-average lengths and at least the last <paramref name="keep"/> closes.</summary>
    public static PriceWindow Empty(int[] periods, int keep) =>
        new(new double[System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, keep))], 0, periods, new double[periods.Length], new double[periods.Length]);

    /// <summary>The number of closes so far.</summary>
    public int Count { get; private set; }

    /// <summary>The close at index i (0 = the first); one of the last closes the ring keeps.</summary>
    public double this[int i]
    {
        get
        {
            if (i < 0 || i >= Count || Count - i > _ring.Length)
                throw new InvalidOperationException($"The window keeps the last {_ring.Length} closes; close {i} of {Count} is not among them.");
            return _ring[i & _mask];
        }
    }

    /// <summary>The running sum of the last n closes at the latest close.</summary>
    public double Sum(int period) => _sums[IndexOf(period)];

    /// <summary>The running sum of the n closes before the latest one.</summary>
    public double PreviousSum(int period) => _prevSums[IndexOf(period)];

    private int IndexOf(int period)
    {
        for (int i = 0; i < _periods.Length; i++) if (_periods[i] == period) return i;
        throw new InvalidOperationException($"The window keeps no moving average of {period} bars.");
    }

    /// <summary>Adds one close in place.</summary>
    public void Add(double close)
    {
        int t = Count;
        _ring[t & _mask] = close;
        for (int i = 0; i < _sums.Length; i++)
        {
            double s = _sums[i] + close;
            if (t >= _periods[i]) s -= _ring[(t - _periods[i]) & _mask];
            _prevSums[i] = _sums[i];
            _sums[i] = s;
        }
        Count = t + 1;
    }

    /// <summary>A copy (the ring, the sums).</summary>
    public PriceWindow Clone() => new((double[])_ring.Clone(), Count, _periods, (double[])_sums.Clone(), (double[])_prevSums.Clone());
}
