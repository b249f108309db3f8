using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Market;
using HedgeMath.Signals;

namespace HedgeMath.Scenarios;

/// <summary>
/// The live clock: a <see cref="PlanDefinition"/> stepped (<see cref="PlanState.Step"/>) on each candle as it closes,
/// the signals and the ATR updated from streaming state (<see cref="SignalStream"/>, <see cref="Atr"/>): nothing is
/// recomputed over the history per bar. Push bars into an instance (a bot), or run <see cref="RunAsync"/> over an
/// <see cref="IAsyncEnumerable{T}"/> of candles.
/// </summary>
/// <remarks>
/// <para>Each candle is one bar as <see cref="PlanHistory"/> builds it from a history whose spot and perpetual candles are
/// both these candles (the spot mark): opened at the candle's time, its prices the mark and the last prices, its close
/// the spot close; its funding the prints whose time falls in [open, close), summed into one print at the candle's open
/// (<see cref="MarketHistory.Align"/>'s bucketing); its signals those of <see cref="SignalSeries.FromCandles"/> over every
/// candle so far when the plan reads signals; its ATR(<see cref="LegStop.AtrPeriods"/>) when a stop uses it. On the same
/// candles and funding the states and events are <see cref="PlanHistory.Run(MarketHistory, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>'s, bar for bar (tested on random paths
/// and plans and on the real BTC history).</para>
/// <para>On top of the step's events, warnings (<see cref="HedgeWarning"/>, <see cref="HedgeWarningCode.StopNear"/> and
/// <see cref="HedgeWarningCode.LiquidationNear"/>, with the bar's <see cref="HedgeWarning.Time"/> and the
/// <see cref="HedgeWarning.Leg"/>, figures "level", "close", "distance"): a leg's stop or liquidation price within
/// <see cref="PlanLiveOptions.WarningDistance"/> of the close, given on the bar it comes that near and again only after
/// it has been farther at a close (or the leg was closed).</para>
/// <para>Warm-up: <see cref="WarmUp(Candle)"/> before the first <see cref="Push(Candle, IEnumerable{FundingEvent}?)"/> feeds bars to the indicators only (the
/// plan starts at the first pushed bar); to step the plan over past bars as well, push them. Not thread-safe: one
/// instance per feed.</para>
/// </remarks>
public sealed class PlanLive
{
    private readonly SignalStream? _signals;
    private readonly Atr? _atr;
    // A plan over several assets: the other assets' ATR streams (index 0 unused: _atr), each leg's close for the warnings.
    private readonly Atr?[] _assetAtr = [];
    private decimal[]? _legClose;
    private readonly bool[] _stopNear, _liqNear;
    private readonly double _near; // the warning distance as a double
    private readonly PlanStepper _stepper;
    private readonly List<HedgeWarning> _warnings = [];
    private readonly FundingPrint[] _print = new FundingPrint[1];
    private PlanState? _state;
    private bool _faulted;
    private TimeSpan _interval;
    private DateTimeOffset _nextOpen;
    private int _candles;

    /// <summary>Creates the clock before its first bar.</summary>
    /// <param name="plan">The plan (without legs: a spot plan, whose rules buy and sell spot).</param>
    /// <param name="options">Signal options and the warning distance (null: defaults).</param>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">The signal options are inconsistent.</exception>
    public PlanLive(PlanDefinition plan, PlanLiveOptions? options = null)
    {
        _state = PlanState.Start(plan); // checks plan (ArgumentNullException naming it)
        Options = options ?? PlanLiveOptions.Default;
        Plan = plan;
        _stepper = new PlanStepper(_state);
        if (plan.UsesSignals) _signals = new SignalStream(Options.Signals);
        if (plan.UsesAtr) _atr = new Atr(LegStop.AtrPeriods);
        if (plan.IsMultiAsset)
        {
            _assetAtr = new Atr?[plan.Assets.Length];
            if (plan.UsesAtr) for (int k = 1; k < _assetAtr.Length; k++) _assetAtr[k] = new Atr(LegStop.AtrPeriods);
        }
        _stopNear = new bool[plan.Legs.Length];
        _liqNear = new bool[plan.Legs.Length];
        _near = (double)Options.WarningDistance;
    }

    /// <summary>The plan.</summary>
    public PlanDefinition Plan { get; }
    /// <summary>The options.</summary>
    public PlanLiveOptions Options { get; }
    /// <summary>The plan's state after the last pushed bar (<see cref="PlanState.Start"/> before the first); built when first read after a bar.</summary>
    public PlanState State => _state ??= _stepper.Snapshot();
    /// <summary>Bars pushed (stepped) so far.</summary>
    public int Bars => _stepper.Bars;
    /// <summary>The plan's equity at the last close (quote asset; <see cref="PlanState.Equity"/>, read without building the state).</summary>
    public decimal Equity => _stepper.Equity;
    /// <summary>What happened on the last pushed bar (<see cref="PlanState.Step"/>'s events): a view valid until the next bar is pushed.</summary>
    public ReadOnlySpan<PlanEvent> LastEvents => _stepper.Events;
    /// <summary>The warnings of the last pushed bar: a view valid until the next bar is pushed.</summary>
    public ReadOnlySpan<HedgeWarning> LastWarnings => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_warnings);
    /// <summary>Candles seen so far, warm-up included.</summary>
    public int Candles => _candles;

    /// <summary>Feeds a bar before the live ones to the indicators only (the plan is not stepped).</summary>
    /// <param name="candle">The candle (the same interval as the others, opening at or after the previous one's close).</param>
    /// <exception cref="InvalidOperationException">A bar was already pushed.</exception>
    /// <exception cref="ArgumentException">The candle's interval differs from the first candle's, or it opens before the previous one closed.</exception>
    public void WarmUp(Candle candle)
    {
        if (Bars > 0) throw new InvalidOperationException("Warm-up bars go before the first pushed bar: push past bars to step the plan over them.");
        Accept(candle);
        _signals?.Add(candle);
        _atr?.Add(candle);
    }

    /// <summary>Feeds bars before the live ones to the indicators only (see <see cref="WarmUp(Candle)"/>).</summary>
    /// <param name="candles">The candles, oldest first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A bar was already pushed.</exception>
    /// <exception cref="ArgumentException">A candle's interval differs from the first candle's, or one opens before the previous one closed.</exception>
    public void WarmUp(IEnumerable<Candle> candles)
    {
        Preconditions.NotNull(candles);
        foreach (var c in candles) WarmUp(c);
    }

    /// <summary>Steps the plan on a closed candle.</summary>
    /// <param name="candle">The candle (the same interval as the others, opening at or after the previous one's close).</param>
    /// <param name="funding">Funding prints; those whose time is in [the candle's open, its close) are settled in this bar, the others ignored. Null: none.</param>
    /// <returns>The bar's state, events and warnings.</returns>
    /// <exception cref="ArgumentException">The plan runs on several assets (push one candle per asset), the candle's interval differs from the first candle's, or it opens before the previous one closed.</exception>
    public PlanStepResult Push(Candle candle, IEnumerable<FundingEvent>? funding = null)
    {
        decimal rate = 0m;
        if (funding is not null)
            foreach (var e in funding)
                if (e.Time >= candle.Timestamp && e.Time < candle.CloseTime) rate += e.Rate;
        return Step(candle, rate);
    }

    /// <summary>
    /// Steps the plan on a closed candle as <see cref="Push(Candle, IEnumerable{FundingEvent}?)"/> does, without building the bar's update or state: for a bot
    /// that runs many plans. A bar on which nothing trades and nothing is warned allocates nothing; read
    /// <see cref="LastEvents"/>, <see cref="LastWarnings"/>, <see cref="Equity"/> (and <see cref="State"/>, built when read).
    /// </summary>
    /// <param name="candle">The candle (the same interval as the others, opening at or after the previous one's close).</param>
    /// <param name="funding">Funding prints; those whose time is in [the candle's open, its close) are settled in this bar, the others ignored.</param>
    /// <returns>The bar's events (<see cref="LastEvents"/>): a view valid until the next bar is pushed.</returns>
    /// <exception cref="ArgumentException">The plan runs on several assets (push one candle per asset), the candle's interval differs from the first candle's, or it opens before the previous one closed.</exception>
    /// <exception cref="InvalidOperationException">An earlier bar failed part-way (the plan's state is not known).</exception>
    public ReadOnlySpan<PlanEvent> Advance(Candle candle, ReadOnlySpan<FundingEvent> funding = default)
    {
        decimal rate = 0m;
        foreach (var e in funding)
            if (e.Time >= candle.Timestamp && e.Time < candle.CloseTime) rate = DecimalFast.Add(rate, e.Rate); // rate + e.Rate, bit for bit
        Advance(candle, rate, reuseSignals: true);
        return LastEvents;
    }

    /// <summary>Feeds one bar of every asset before the live ones to the indicators only (a plan over several assets; see <see cref="WarmUp(Candle)"/>).</summary>
    /// <param name="candles">One candle per asset of <see cref="PlanDefinition.Assets"/> (keyed by asset, any case), all opening at one time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A bar was already pushed.</exception>
    /// <exception cref="ArgumentException">An asset has no candle, the candles open at different times or have different intervals, or they open before the previous bar closed.</exception>
    public void WarmUpAssets(IReadOnlyDictionary<string, Candle> candles)
    {
        var bars = CandlesOf(candles);
        WarmUp(bars[0]);
        for (int k = 1; k < bars.Length; k++) _assetAtr[k]?.Add(bars[k]);
    }

    /// <summary>
    /// Steps a plan over several assets (<see cref="PlanDefinition.Assets"/>) on one closed bar of every asset: each asset's
    /// candle is its spot, mark and last prices (as <see cref="Push(Candle, IEnumerable{FundingEvent}?)"/> takes one
    /// asset's), its funding the prints in [open, close) of its contract. The states and events equal
    /// <see cref="PlanHistory.Run(IReadOnlyDictionary{string, MarketHistory}, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>'s
    /// over histories of the same candles, bar for bar. A plan on one asset takes its asset's candle and ignores the others.
    /// </summary>
    /// <param name="candles">One candle per asset of the plan (keyed by asset, any case), all opening at one time with one interval.</param>
    /// <param name="funding">Funding prints per asset (its perpetual's), keyed by asset; null or a missing asset: none.</param>
    /// <returns>The bar's state, events and warnings (each leg's warning measured from its own asset's close); <see cref="PlanStepResult.Candle"/> is the first asset's.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentException">An asset of the plan has no candle; the candles open at different times or have different intervals; the first asset's candle's interval differs from the feed's, or it opens before the previous bar closed.</exception>
    public PlanStepResult PushAssets(IReadOnlyDictionary<string, Candle> candles, IReadOnlyDictionary<string, IReadOnlyList<FundingEvent>>? funding = null)
    {
        var bars = CandlesOf(candles);
        var rates = new decimal[bars.Length];
        for (int k = 0; k < bars.Length; k++)
        {
            var prints = Lookup(funding, Plan.Assets[k]);
            if (prints is null) continue;
            foreach (var e in prints)
                if (e.Time >= bars[k].Timestamp && e.Time < bars[k].CloseTime) rates[k] += e.Rate;
        }
        if (!Plan.IsMultiAsset) return Step(bars[0], rates[0]);
        if (_faulted) throw new InvalidOperationException("An earlier bar failed part-way through the plan's step, so its state is not known: start a new PlanLive.");
        Accept(bars[0]);
        var set = _signals is null ? default : _signals.Add(bars[0]);
        var parts = new PlanBar[bars.Length];
        for (int k = 0; k < bars.Length; k++)
        {
            var c = bars[k];
            double atr = k == 0 ? (_atr is null ? double.NaN : _atr.Add(c).Atr) : _assetAtr[k] is { } s ? s.Add(c).Atr : double.NaN;
            var price = PriceBar.FromCandles(c.CloseTime, c, c);
            ImmutableArray<FundingPrint> prints = rates[k] != 0m ? [FundingPrint.AtOpen(c.Timestamp, rates[k], c)] : [];
            parts[k] = PlanBar.OfAsset(Plan.Assets[k], price, c.Close, prints, atr);
        }
        _state = null;
        try { _stepper.Step(PlanBar.Create(bars[0].Timestamp, [.. parts], set)); }
        catch { _faulted = true; throw; }
        _legClose ??= new decimal[Plan.Legs.Length];
        for (int i = 0; i < _legClose.Length; i++) _legClose[i] = bars[Plan.LegAsset[i]].Close;
        Warnings(bars[0], _legClose);
        return new PlanStepResult(State, _stepper.EventsArray())
        { Bar = Bars - 1, Candle = bars[0], Signals = set, Warnings = _warnings.Count == 0 ? [] : [.. _warnings], Candles = [.. bars] };
    }

    /// <summary>One candle per plan asset, in <see cref="PlanDefinition.Assets"/>' order, checked to open at one time with one interval.</summary>
    private Candle[] CandlesOf(IReadOnlyDictionary<string, Candle> candles)
    {
        Preconditions.NotNull(candles);
        var assets = Plan.Assets;
        var bars = new Candle[assets.Length];
        for (int k = 0; k < bars.Length; k++)
        {
            // The one asset lookup (AssetLookup): the key as given, else the first equal to it ignoring case.
            if (!AssetLookup.TryFind(candles, assets[k], out bars[k]))
                Preconditions.ThrowArgument(nameof(candles), $"has no candle for {assets[k]} (the plan runs on {string.Join(", ", assets)}; given: {string.Join(", ", candles.Keys)})");
            if (bars[k].Interval == TimeSpan.Zero) Preconditions.ThrowArgument(nameof(candles), $"has default(Candle) for {assets[k]}");
            if (k > 0 && (bars[k].Timestamp != bars[0].Timestamp || bars[k].Interval != bars[0].Interval))
                Preconditions.ThrowArgument(nameof(candles), string.Create(CultureInfo.InvariantCulture,
                    $"has {assets[k]}'s candle opening at {bars[k].Timestamp:yyyy-MM-ddTHH:mm:ssZ} ({Candle.IntervalName(bars[k].Interval)}) but {assets[0]}'s at {bars[0].Timestamp:yyyy-MM-ddTHH:mm:ssZ} ({Candle.IntervalName(bars[0].Interval)}): one bar of every asset, same open time and interval"));
        }
        return bars;
    }

    private static IReadOnlyList<FundingEvent>? Lookup(IReadOnlyDictionary<string, IReadOnlyList<FundingEvent>>? funding, string asset)
    {
        if (funding is null) return null;
        return AssetLookup.TryFind(funding, asset, out var prints) ? prints : null;
    }

    private void Accept(Candle candle)
    {
        if (candle.Interval == TimeSpan.Zero) Preconditions.ThrowArgument(nameof(candle), "must be a candle (default(Candle) is not one)");
        if (_candles == 0) _interval = candle.Interval;
        else
        {
            if (candle.Interval != _interval)
                Preconditions.ThrowArgument(nameof(candle), string.Create(CultureInfo.InvariantCulture,
                    $"opening {candle.Timestamp:yyyy-MM-ddTHH:mm:ssZ} has {Candle.IntervalName(candle.Interval)} bars but the feed's interval is {Candle.IntervalName(_interval)}"));
            if (candle.Timestamp < _nextOpen)
                Preconditions.ThrowArgument(nameof(candle), string.Create(CultureInfo.InvariantCulture,
                    $"opens at {candle.Timestamp:yyyy-MM-ddTHH:mm:ssZ}, before the previous bar closed ({_nextOpen:yyyy-MM-ddTHH:mm:ssZ}): bars must arrive in order, each once"));
        }
        _nextOpen = candle.CloseTime;
        _candles++;
    }

    private PlanStepResult Step(Candle candle, decimal fundingRate)
    {
        var set = Advance(candle, fundingRate, reuseSignals: false);
        return new PlanStepResult(State, _stepper.EventsArray()) { Bar = Bars - 1, Candle = candle, Signals = set, Warnings = _warnings.Count == 0 ? [] : [.. _warnings] };
    }

    /// <summary>The one live step: the streams, the plan's step in place, the warnings; the state is built only when read.
    /// <paramref name="reuseSignals"/>: the bar's signal set is written over the last one's (nothing keeps it: no update is built).</summary>
    private SignalSet Advance(Candle candle, decimal fundingRate, bool reuseSignals)
    {
        if (_faulted) throw new InvalidOperationException("An earlier bar failed part-way through the plan's step, so its state is not known: start a new PlanLive.");
        if (Plan.IsMultiAsset)
            Preconditions.ThrowArgument(nameof(candle), $"is one asset's bar, but the plan runs on {string.Join(", ", Plan.Assets)}: push one candle per asset (PushAssets)");
        Accept(candle);
        // The prices as doubles once for both streams (each stream's Add(Candle) converts them so).
        double high = (double)candle.High, low = (double)candle.Low, close = (double)candle.Close;
        var set = _signals is null ? default
            : reuseSignals ? _signals.AddReused(high, low, close, candle.Timestamp) : _signals.Add(high, low, close, candle.Timestamp);
        double atr = _atr is null ? double.NaN : _atr.Add(high, low, close).Atr;
        // A candle's prices were checked when it was made (positive, the high and low bounding the open and close; Accept
        // refuses default(Candle)), as PriceBar.Create would check them again.
        var price = PriceBar.FromCandleUnchecked(candle.CloseTime, candle);
        // The print's array is reused: the step reads the bar's prints and keeps none of them.
        ImmutableArray<FundingPrint> prints = [];
        if (fundingRate != 0m)
        {
            _print[0] = FundingPrint.AtOpen(candle.Timestamp, fundingRate, candle);
            prints = ImmutableCollectionsMarshal.AsImmutableArray(_print);
        }
        _state = null;
        // The candle's checks stand for the bar's (PlanBar.Create's): the ATR is the stream's (finite, ≥ 0, or NaN).
        try { _stepper.Step(PlanBar.Unchecked(candle.Timestamp, price, candle.Close, prints, set, atr)); }
        catch { _faulted = true; throw; }
        Warnings(candle, null);
        return set;
    }

    /// <summary>The warnings of the last bar: each leg's stop and liquidation measured from the close (its own asset's close in <paramref name="legClose"/>, a plan over several assets).</summary>
    private void Warnings(Candle candle, decimal[]? legClose)
    {
        _warnings.Clear();
        decimal close = candle.Close, near = Options.WarningDistance;
        double dClose = (double)close, dNear = _near;
        var book = _stepper.Book;
        for (int i = 0; i < book.Count; i++)
        {
            ref readonly var leg = ref book[i];
            if (legClose is not null) { close = legClose[i]; dClose = (double)close; }
            Check(HedgeWarningCode.StopNear, i, leg.IsOpen && leg.HasStop ? leg.StopPrice : null, ref _stopNear[i]);
            Check(HedgeWarningCode.LiquidationNear, i, leg.IsOpen ? leg.Liquidation : null, ref _liqNear[i]);
        }

        void Check(HedgeWarningCode kind, int leg, decimal? level, ref bool wasNear)
        {
            if (level is not { } l || l <= 0m) { wasNear = false; return; }
            // The distance in doubles first (relative error ~1e-16): a level clearly far (or clearly near) needs no decimal
            // division; one within 1e-9 of the threshold is decided in decimals, as the warning's distance is.
            double approx = Math.Abs((double)l - dClose) / dClose;
            bool isNear = approx > dNear * (1d + 1e-9) ? false
                : approx < dNear * (1d - 1e-9) || Math.Abs(l - close) / close <= near;
            if (isNear && !wasNear) _warnings.Add(NearWarning(candle.CloseTime, kind, leg, l, close));
            wasNear = isNear;
        }
    }

    /// <summary>A leg's stop or liquidation price near the close: the figures "level", "close", "distance" (|level − close| / close).</summary>
    private static HedgeWarning NearWarning(DateTimeOffset time, HedgeWarningCode code, int leg, decimal level, decimal close)
    {
        decimal distance = Math.Abs(level - close) / close;
        string message = string.Create(CultureInfo.InvariantCulture,
            $"{time:yyyy-MM-dd HH:mm} leg {leg} {(code == HedgeWarningCode.StopNear ? "stop" : "liquidation")} at {level} is {distance:P2} from the close {close}");
        return new HedgeWarning(code, message, [HedgeWarning.Fig("level", level), HedgeWarning.Fig("close", close), HedgeWarning.Fig("distance", distance)])
        { Time = time, Leg = leg };
    }

    /// <summary>Runs a plan over candles as they arrive: one update per candle, in order.</summary>
    /// <param name="plan">The plan (without legs: a spot plan, whose rules buy and sell spot).</param>
    /// <param name="candles">The closed candles, oldest first.</param>
    /// <param name="funding">Funding prints (any order); each is settled in the bar whose [open, close) holds its time. Null: none.</param>
    /// <param name="options">Signal options and the warning distance (null: defaults).</param>
    /// <param name="warmUp">Bars before the live ones that only warm the indicators (see <see cref="WarmUp(Candle)"/>). Null: none.</param>
    /// <param name="cancellationToken">Stops the run between bars.</param>
    /// <returns>The updates, one per candle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="candles"/> is null (when enumerated).</exception>
    /// <exception cref="ArgumentException">A candle's interval differs from the first's, or a candle opens before the previous one closed (when that candle arrives).</exception>
    public static async IAsyncEnumerable<PlanStepResult> RunAsync(PlanDefinition plan, IAsyncEnumerable<Candle> candles,
        IEnumerable<FundingEvent>? funding = null, PlanLiveOptions? options = null, IEnumerable<Candle>? warmUp = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Preconditions.NotNull(candles);
        var live = new PlanLive(plan, options);
        if (warmUp is not null) live.WarmUp(warmUp);
        var prints = funding is null ? [] : funding.OrderBy(e => e.Time).ToArray();
        int next = 0;
        await foreach (var candle in candles.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            while (next < prints.Length && prints[next].Time < candle.Timestamp) next++;
            decimal rate = 0m;
            for (; next < prints.Length && prints[next].Time < candle.CloseTime; next++) rate += prints[next].Rate;
            yield return live.Step(candle, rate);
        }
    }
}
