using System.Collections.Immutable;
using System.Runtime.InteropServices;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Positions;
using HedgeMath.Market;
using HedgeMath.Signals;

namespace HedgeMath.Scenarios;

/// <summary>The history clock: a <see cref="PlanDefinition"/> stepped (<see cref="PlanState.Step"/>) over every bar of a <see cref="MarketHistory"/> (any candle interval) with its funding.</summary>
/// <remarks>
/// <para>Bar t becomes a <see cref="PlanBar"/>: opened at the history's time; the mark (spot candles by default, see
/// <see cref="MarkPriceSource"/>) and the perpetual's last prices; the spot close; the bar's funding as one print of its
/// summed rate at the opening mark, stamped at the open (the convention of the retired <c>HistoricalReplay</c>); the
/// signals of that bar (computed from the spot candles when the plan reads signals and none are given, matched by
/// date — by time for intraday bars, by position for a dateless series); the ATR(14) of the spot candles when a stop
/// uses it.</para>
/// <para>This is the one replay: the backtest's policies are plans (<see cref="PlanDefinition.StaticHedge"/>,
/// <see cref="PlanDefinition.TrendHedge"/>, <see cref="PlanDefinition.SignalHedge"/>), and the result's
/// <see cref="ReplayResult"/> has the figures the retired <c>HistoricalReplay</c> and <c>PlanReplay</c> gave for them
/// (tested on the published replay numbers). Thread-safe (pure).</para>
/// </remarks>
public static partial class PlanHistory
{
    /// <summary>Replays a plan over a history.</summary>
    /// <param name="history">The market history (at least 2 bars).</param>
    /// <param name="plan">The plan; its holdings must be of the history's asset (this is not checked by name: the history has none).</param>
    /// <param name="signals">Signals matched to the bars; null: computed from the history's spot candles with <paramref name="options"/> when the plan reads signals.</param>
    /// <param name="mark">The mark price source (spot by default).</param>
    /// <param name="options">Signal options when <paramref name="signals"/> is null.</param>
    /// <returns>The replay (equity curves and totals), the events and the final state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 bars; a plan with no spot of its asset; a dateless signal series of another length. A plan with no legs is a spot plan: its rules buy and sell spot.</exception>
    public static PlanRun Run(MarketHistory history, PlanDefinition plan, SignalSeries? signals = null, MarkPriceSource mark = MarkPriceSource.Spot,
        SignalOptions? options = null)
    {
        Preconditions.NotNull(history);
        Preconditions.NotNull(plan);
        Preconditions.Defined(mark);
        int n = history.Length;
        if (n < 2) Preconditions.ThrowArgument(nameof(history), $"must have at least 2 bars; got {n}");
        // A plan without legs is a spot plan (its rules buy and sell spot: a scale-in ladder of spot entries).
        // The legs and the spot trades are sized on the spot held and the equity's returns are relative to it: a plan holding none has neither.
        if (plan.SpotQuantity <= 0m) Preconditions.ThrowArgument(nameof(plan), $"must hold some {plan.Asset} to be replayed (its legs and spot trades are sized on the spot held); it holds {plan.SpotQuantity}");
        int[]? index = null;
        if (signals is not null || plan.UsesSignals)
        {
            signals ??= SignalSeries.FromCandles(history.Spot, options);
            index = BarIndex(history, signals);
        }
        double[]? atr = plan.UsesAtr ? [.. Atr.Compute(history.Spot, LegStop.AtrPeriods).Atr] : null;

        var spot = history.Spot; var perp = history.Perp; var funding = history.DailyFunding;
        var hedged = new decimal[n];
        var unhedged = new decimal[n];
        var ratios = new decimal[n];
        var events = ImmutableArray.CreateBuilder<PlanEvent>();
        // The one step (PlanState.Step's), in place: no state is built per bar, only the final one.
        var stepper = new PlanStepper(PlanState.Start(plan));
        PlanBar lastBar = default;
        for (int t = 0; t < n; t++)
        {
            var pb = perp[t];
            var mb = mark == MarkPriceSource.Spot ? spot[t] : pb;
            var opens = history.Times[t];
            var price = PriceBar.Create(opens + history.Interval, mb.Open, mb.High, mb.Low, mb.Close, pb.Open, pb.High, pb.Low, pb.Close);
            ImmutableArray<FundingPrint> prints = funding[t] != 0m ? [new FundingPrint(opens, funding[t], mb.Open)] : [];
            var set = index is not null && index[t] >= 0 ? signals![index[t]] : default;
            var bar = PlanBar.Create(opens, price, spot[t].Close, prints, set, atr?[t] ?? double.NaN);
            stepper.Step(bar);
            lastBar = bar;
            events.AddRange(stepper.Events);
            hedged[t] = stepper.Equity;
            unhedged[t] = stepper.UnhedgedEquity;
            ratios[t] = plan.Legs.IsEmpty ? 0m : stepper.HeldRatio(0);
        }
        var state = stepper.Snapshot();
        var lastStep = new PlanStepResult(state, stepper.EventsArray());
        return new PlanRun(Report(history, plan, state, mark, hedged, unhedged, ratios), events.ToImmutable(), state) { LastStep = lastStep, LastBar = lastBar };
    }

    /// <summary>The now clock: a plan stepped over a history, read at its latest bar — every rule's state and why, the legs' distances to stop and liquidation, the margin to keep and the orders to place now.</summary>
    /// <param name="history">The market history (at least 2 bars); its last bar is "now".</param>
    /// <param name="plan">The plan.</param>
    /// <param name="signals">Signals matched to the bars; null: computed from the spot candles when the plan reads signals.</param>
    /// <param name="mark">The mark price source (spot by default).</param>
    /// <param name="options">Signal options when <paramref name="signals"/> is null.</param>
    /// <returns>The plan's status at the latest close (<see cref="PlanStatus.Of"/> of the last step of <see cref="Run"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Run"/>: fewer than 2 bars; a plan with no spot of its asset; a dateless signal series of another length.</exception>
    public static PlanStatus Now(MarketHistory history, PlanDefinition plan, SignalSeries? signals = null, MarkPriceSource mark = MarkPriceSource.Spot,
        SignalOptions? options = null)
    {
        var run = Run(history, plan, signals, mark, options);
        return PlanStatus.Of(run.LastStep, run.LastBar);
    }

    /// <summary>The now clock over one candle series (the holding's market, used as spot, mark and the perpetual's last price) and optional funding prints.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="candles">The candles (ascending, one interval, at least 2); the last is "now".</param>
    /// <param name="funding">Funding prints covering the candles' days; none (no funding) when null.</param>
    /// <param name="options">Signal options when the plan reads signals (computed from the candles).</param>
    /// <returns>The plan's status at the latest close.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="candles"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 candles, candles of mixed intervals or with gaps (the message names the row), funding that does not cover the candles' days, or a plan with no spot of its asset.</exception>
    public static PlanStatus Now(PlanDefinition plan, IReadOnlyList<Candle> candles, IReadOnlyList<FundingEvent>? funding = null, SignalOptions? options = null)
    {
        Preconditions.NotNull(plan);
        Preconditions.NotNull(candles);
        if (candles.Count < 2) Preconditions.ThrowArgument(nameof(candles), $"must have at least 2 candles; got {candles.Count}");
        // No funding given: one zero print at each end, so the history covers the window and no bar pays funding.
        IReadOnlyList<FundingEvent> prints = funding ?? [new FundingEvent(candles[0].Timestamp, 0m), new FundingEvent(candles[^1].Timestamp, 0m)];
        MarketHistory history;
        try { history = MarketHistory.Align(candles, candles, prints); }
        catch (ArgumentException e) when (e.ParamName is "spot" or "perp") { throw Preconditions.Renamed(e, nameof(candles), null); }
        return Now(history, plan, null, MarkPriceSource.Spot, options);
    }

    private static ReplayResult Report(MarketHistory history, PlanDefinition plan, PlanState state, MarkPriceSource mark,
        decimal[] hedged, decimal[] unhedged, decimal[] ratios)
    {
        // A spot plan (no legs) settles in the holding's quote asset, as a linear leg would.
        var c = plan.Legs.IsEmpty ? null : plan.Legs[0].Contract;
        bool linear = c is null || c.Type == ContractType.Linear;
        decimal endClose = history.Perp[^1].Close, toQuote = linear ? 1m : endClose;
        decimal realized = 0m, fees = 0m, fundingSettlement = 0m;
        foreach (var l in state.Book.Legs)
        {
            realized += l.RealizedPnl + (l.Position?.UnrealizedPnl(endClose) ?? 0m);
            fees += l.Fees; fundingSettlement += l.Funding;
        }
        double barsPerYear = 365d * TimeSpan.TicksPerDay / history.Interval.Ticks;
        var tally = state.Totals;
        return new ReplayResult
        {
            Policy = plan.Name,
            MarkSource = mark,
            SettlementAsset = c?.SettlementAsset ?? plan.Holdings[0].QuoteAsset,
            QuoteAsset = c?.QuoteAsset ?? plan.Holdings[0].QuoteAsset,
            SpotQuantity = plan.SpotQuantity,
            Dates = history.Dates,
            Interval = history.Interval,
            Times = history.Times,
            HedgedEquity = ImmutableCollectionsMarshal.AsImmutableArray(hedged),
            UnhedgedEquity = ImmutableCollectionsMarshal.AsImmutableArray(unhedged),
            HedgeRatios = ImmutableCollectionsMarshal.AsImmutableArray(ratios),
            Hedged = EquityStatistics.Of(hedged, barsPerYear),
            Unhedged = EquityStatistics.Of(unhedged, barsPerYear),
            // One valuation rule for coin-margined money (docs/hedging.md, issue 22): the coin stays in the wallet, so funding,
            // fees and PnL are all valued at the last perpetual close.
            TotalFunding = fundingSettlement * toQuote,
            TotalFees = fees * toQuote,
            FuturesPnl = realized * toQuote,
            FuturesPnlInSettlement = realized,
            FeesInSettlement = fees,
            FundingInSettlement = fundingSettlement,
            Trades = tally.Trades,
            Liquidations = tally.Liquidations,
            StopsHit = tally.Stops,
            PartialCloses = tally.Partials,
            DaysHedged = tally.BarsHedged,
            LotRounding = tally.LotRounding,
        };
    }

    /// <summary>Each bar's index in a signal series: by date (daily), by time (intraday), by position (dateless); −1 where the series has no bar.</summary>
    internal static int[] BarIndex(MarketHistory history, SignalSeries series)
    {
        int n = history.Length;
        var index = new int[n];
        if (series.Dates.IsDefaultOrEmpty)
        {
            Preconditions.SameLength(series.Count, n, "signals", nameof(history));
            for (int t = 0; t < n; t++) index[t] = t;
            return index;
        }
        if (history.Interval != TimeSpan.FromDays(1) && !series.Timestamps.IsDefaultOrEmpty)
        {
            var byTime = new Dictionary<DateTimeOffset, int>(series.Count);
            for (int i = 0; i < series.Count; i++) byTime[series.Timestamps[i]] = i;
            for (int t = 0; t < n; t++) index[t] = byTime.TryGetValue(history.Times[t], out int i) ? i : -1;
            return index;
        }
        var byDate = new Dictionary<DateOnly, int>(series.Count);
        for (int i = 0; i < series.Count; i++) byDate[series.Dates[i]] = i;
        for (int t = 0; t < n; t++) index[t] = byDate.TryGetValue(history.Dates[t], out int i) ? i : -1;
        return index;
    }
}

/// <summary>A plan replayed over a history: the equity curves and totals, every event, and the state after the last bar.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlanRun
{
    internal PlanRun(ReplayResult replay, ImmutableArray<PlanEvent> events, PlanState final)
    {
        Replay = replay; Events = events; Final = final;
    }

    /// <summary>Equity curves, hedged and unhedged, fees, funding, stops and liquidations (leg 0's ratio in <see cref="ReplayResult.HedgeRatios"/>).</summary>
    public ReplayResult Replay { get; }
    /// <summary>What happened, bar by bar.</summary>
    public ImmutableArray<PlanEvent> Events { get; }
    /// <summary>The state after the last bar (the "now" of the history).</summary>
    public PlanState Final { get; }

    /// <summary>The step of the last bar (for the now clock).</summary>
    internal PlanStepResult LastStep { get; init; } = null!;
    /// <summary>The last bar as the plan saw it.</summary>
    internal PlanBar LastBar { get; init; }
}
