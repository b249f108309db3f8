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
/// <see cref="TriggerPrice"/>) and the perpetual's last prices; the spot close; the bar's funding as one print of its
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
    /// <param name="mark">The series taken as the mark price, which liquidation and stops on the mark watch: <see cref="TriggerPrice.Mark"/> (default) takes the spot candles, the nearest proxy of an exchange's mark (an index of spot prices; no index history is shipped); <see cref="TriggerPrice.Last"/> the perpetual's own last-price candles (its wicks alone can liquidate: more conservative).</param>
    /// <param name="options">Signal options when <paramref name="signals"/> is null.</param>
    /// <returns>The replay (equity curves and totals), the events and the final state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 bars; a plan with no spot of its asset; a dateless signal series of another length. A plan with no legs is a spot plan: its rules buy and sell spot.</exception>
    public static ReplayResult Run(MarketHistory history, PlanDefinition plan, SignalSeries? signals = null, TriggerPrice mark = TriggerPrice.Mark,
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
        bool ownSignals = signals is null && plan.UsesSignals;
        if (signals is not null) index = BarIndex(history, signals);
        // Signals computed here from the history's own spot candles are on its bars, bar t at index t: no index to build.
        // They are read only while the run runs: their arrays are rented and given back at its end, and the one bar the
        // result keeps (its last, for the status) gets a copy of its signal set (SignalSeries.Detached).
        var rented = ownSignals ? SignalSeries.RentFromHistoryCandles(history.Spot, history.Dates, history.Times, options) : null;
        try { return Step(history, plan, rented ?? signals, index, mark); }
        finally { rented?.ReturnRented(); }
    }

    /// <summary><see cref="Run(MarketHistory, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/> on checked arguments:
    /// the signals matched by <paramref name="index"/>, or on the history's bars (bar t at index t) when it is null.</summary>
    private static ReplayResult Step(MarketHistory history, PlanDefinition plan, SignalSeries? signals, int[]? index, TriggerPrice mark)
    {
        int n = history.Length;
        bool ownSignals = signals is not null && index is null;
        double[]? atr = plan.UsesAtr ? [.. Atr.Compute(history.Spot, LegStop.AtrPeriods).Select(v => v.Atr)] : null;

        var spot = history.Spot;
        var hedged = new decimal[n];
        var events = ImmutableArray.CreateBuilder<PlanEvent>();
        // The one step (PlanState.Step's), in place: no state is built per bar, only the final one.
        var stepper = new PlanStepper(PlanState.Start(plan));
        // The unhedged curve is the starting holding's value at each close until spot first trades (then it is kept from
        // there, the bars before written from the closes), and the ratios are kept where they change: both built when read.
        var unhedgedSums = new EquityStatistics.Running();
        decimal[]? unhedged = null;
        decimal q0 = stepper.SpotQuantity, cash0 = stepper.SpotCash;
        var ratioSteps = new List<(int Bar, decimal Ratio)>();
        PlanBar lastBar = default;
        // The bar's print in one reused array: the step reads a bar's prints and keeps none, and the last bar (kept) has the last write.
        var print = new FundingPrint[1];
        for (int t = 0; t < n; t++)
        {
            var opens = history.Times[t];
            var price = BarPrice(history, t, opens, mark);
            ImmutableArray<FundingPrint> prints = [];
            // A bar that opens with no leg open settles no funding (the step reads its prints only for the legs open at its
            // open): its print is not built, except on the last bar, which the result keeps.
            if ((stepper.Book.AnyOpen || t == n - 1) && PrintOf(history, t, opens, mark) is { } p)
            {
                print[0] = p;
                prints = ImmutableCollectionsMarshal.AsImmutableArray(print);
            }
            int at = ownSignals ? t : index is not null ? index[t] : -1;
            var set = at >= 0 ? signals![at] : default;
            // The history's candles were checked when it was aligned (MarketHistory.Align), the ATR is Atr's: no re-check per bar.
            var bar = PlanBar.Unchecked(opens, price, spot[t].Close, prints, set, atr?[t] ?? double.NaN);
            stepper.Step(bar);
            // The result keeps the last bar: with the run's own (rented) signals, a copy of its set that outlives them.
            if (t == n - 1) lastBar = ownSignals ? PlanBar.Unchecked(opens, price, spot[t].Close, prints, signals!.Detached(t), bar.Atr) : bar;
            if (!stepper.Events.IsEmpty) events.AddRange(stepper.Events);
            hedged[t] = stepper.Equity;
            unhedgedSums.Add(stepper.UnhedgedEquity);
            if (unhedged is null && !(DecimalFast.Identical(stepper.SpotQuantity, q0) && DecimalFast.Identical(stepper.SpotCash, cash0)))
            {
                unhedged = new decimal[n];
                for (int k = 0; k < t; k++) unhedged[k] = PlanStepper.HoldingValue(q0, spot[k].Close, cash0);
            }
            if (unhedged is not null) unhedged[t] = stepper.UnhedgedEquity;
            decimal ratio = plan.Legs.IsEmpty ? 0m : stepper.HeldRatio(0);
            if (ratioSteps.Count == 0 || !DecimalFast.Identical(ratio, ratioSteps[^1].Ratio)) ratioSteps.Add((t, ratio));
        }
        var state = stepper.Snapshot();
        var lastStep = new PlanStepResult(state, stepper.EventsArray());
        var result = Report(history, plan, state, mark, hedged, unhedgedSums, new Curve(unhedged, unhedged is null ? () => HeldValues(spot, q0, cash0) : null),
            new Curve(null, () => Expand(ratioSteps, n)));
        result.Events = events.ToImmutable(); result.Final = state; result.LastStep = lastStep; result.LastBar = lastBar;
        return result;
    }

    /// <summary>A curve of the result: its values, or how to build them when read.</summary>
    private readonly record struct Curve(decimal[]? Values, Func<ImmutableArray<decimal>>? Build);

    /// <summary>The unhedged curve of a plan whose spot never traded: the starting holding's value at each spot close (the step's own formula).</summary>
    private static ImmutableArray<decimal> HeldValues(ImmutableArray<Candle> spot, decimal quantity, decimal cash)
    {
        var values = new decimal[spot.Length];
        for (int t = 0; t < values.Length; t++) values[t] = PlanStepper.HoldingValue(quantity, spot[t].Close, cash);
        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    /// <summary>A series of <paramref name="n"/> bars from the bars where it changed (each value held until the next change).</summary>
    private static ImmutableArray<decimal> Expand(List<(int Bar, decimal Value)> steps, int n)
    {
        var values = new decimal[n];
        for (int s = 0; s < steps.Count; s++)
        {
            int end = s + 1 < steps.Count ? steps[s + 1].Bar : n;
            values.AsSpan(steps[s].Bar, end - steps[s].Bar).Fill(steps[s].Value);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(values);
    }

    /// <summary>
    /// Bar <paramref name="t"/> of a history as a plan steps it (both replays, one asset or several): mark prices from the
    /// spot or the perpetual candle, last prices from the perpetual, stamped at the bar's close; the bar's funding as one
    /// print at its opening mark (none when the bar's rate sums to 0).
    /// </summary>
    private static (PriceBar Price, ImmutableArray<FundingPrint> Prints) BarPrices(MarketHistory h, int t, DateTimeOffset opens, TriggerPrice mark) =>
        (BarPrice(h, t, opens, mark), PrintOf(h, t, opens, mark) is { } p ? [p] : []);

    /// <summary>Bar <paramref name="t"/>'s funding as one print at its opening mark (the spot candle's open, or the perpetual's
    /// with <see cref="TriggerPrice.Last"/>); none when the bar's rate sums to 0. Both replays' one rule for it.</summary>
    private static FundingPrint? PrintOf(MarketHistory h, int t, DateTimeOffset opens, TriggerPrice mark)
    {
        decimal rate = h.DailyFunding[t];
        return rate != 0m ? FundingPrint.AtOpen(opens, rate, mark == TriggerPrice.Mark ? h.Spot[t] : h.Perp[t]) : null;
    }

    /// <summary>Bar <paramref name="t"/>'s mark and last prices (<see cref="BarPrices"/>' price bar, <see cref="PriceBar.FromCandles"/>'s
    /// prices without its re-check: the history's candles were checked when it was aligned).</summary>
    private static PriceBar BarPrice(MarketHistory h, int t, DateTimeOffset opens, TriggerPrice mark)
    {
        ref readonly var pb = ref h.Perp.ItemRef(t);
        ref readonly var mb = ref mark == TriggerPrice.Mark ? ref h.Spot.ItemRef(t) : ref pb;
        return PriceBar.Unchecked(opens + h.Interval, mb.Open, mb.High, mb.Low, mb.Close, pb.Open, pb.High, pb.Low, pb.Close);
    }

    /// <summary>Replays a plan over several assets (<see cref="PlanDefinition.Assets"/>) over one history per asset, aligned on the same bars.</summary>
    /// <param name="markets">Each asset's history (spot, perpetual and funding of its contract), keyed by asset (any case), every one over the same bars
    /// (one interval, the same open times: align each with <see cref="MarketHistory.Align"/> on the same window). Extra assets are ignored.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="signals">Signals matched to the bars (the plan's first asset's); null: computed from its spot candles when the plan reads signals.</param>
    /// <param name="mark">For every asset: the series taken as the mark price, which liquidation and stops on the mark watch: <see cref="TriggerPrice.Mark"/> (default) takes the spot candles, the nearest proxy of an exchange's mark (an index of spot prices; no index history is shipped); <see cref="TriggerPrice.Last"/> the perpetual's own last-price candles (its wicks alone can liquidate: more conservative).</param>
    /// <param name="options">Signal options when <paramref name="signals"/> is null.</param>
    /// <returns>The replay: equity curves (every asset's spot plus the legs, in the quote asset), totals (futures PnL, fees and funding of every leg, each
    /// valued at its own asset's last close), the events and the final state. Its dates and times are the first asset's history's.</returns>
    /// <remarks>Bar t is a <see cref="PlanBar"/> of every asset's prices (<see cref="PlanBar.OfAsset"/>: its mark and last prices, spot close, funding
    /// at its opening mark, its ATR when a stop uses it), as <see cref="Run(MarketHistory, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>
    /// builds the one asset's. A plan on one asset gives exactly that overload's run on its history.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="markets"/> or <paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">An asset of the plan has no history; the histories' intervals or bars differ (the message names the asset and the
    /// first bar that differs); fewer than 2 bars; a plan with no spot of its first asset.</exception>
    public static ReplayResult Run(IReadOnlyDictionary<string, MarketHistory> markets, PlanDefinition plan, SignalSeries? signals = null,
        TriggerPrice mark = TriggerPrice.Mark, SignalOptions? options = null)
    {
        Preconditions.NotNull(markets);
        Preconditions.NotNull(plan);
        Preconditions.Defined(mark);
        var histories = Histories(markets, plan);
        var history = histories[0];
        if (!plan.IsMultiAsset) return Run(history, plan, signals, mark, options);
        int n = history.Length;
        if (n < 2) Preconditions.ThrowArgument(nameof(markets), $"must have at least 2 bars; got {n}");
        if (plan.SpotQuantity <= 0m) Preconditions.ThrowArgument(nameof(plan), $"must hold some {plan.Asset} to be replayed (its legs and spot trades are sized on the spot held); it holds {plan.SpotQuantity}");
        int[]? index = null;
        if (signals is not null || plan.UsesSignals)
        {
            signals ??= SignalSeries.FromCandles(history.Spot, options);
            index = BarIndex(history, signals);
        }
        var atr = plan.UsesAtr ? histories.Select(h => Atr.Compute(h.Spot, LegStop.AtrPeriods).Select(v => v.Atr).ToArray()).ToArray() : null;
        int m = histories.Length;
        var hedged = new decimal[n];
        var unhedged = new decimal[n];
        var ratios = new decimal[n];
        var events = ImmutableArray.CreateBuilder<PlanEvent>();
        var stepper = new PlanStepper(PlanState.Start(plan));
        PlanBar lastBar = default;
        var parts = new PlanBar[m];
        for (int t = 0; t < n; t++)
        {
            var opens = history.Times[t];
            for (int k = 0; k < m; k++)
            {
                var (price, prints) = BarPrices(histories[k], t, opens, mark);
                parts[k] = PlanBar.OfAsset(plan.Assets[k], price, histories[k].Spot[t].Close, prints, atr?[k][t] ?? double.NaN);
            }
            var set = index is not null && index[t] >= 0 ? signals![index[t]] : default;
            var bar = PlanBar.Create(opens, [.. parts], set);
            stepper.Step(bar);
            lastBar = bar;
            events.AddRange(stepper.Events);
            hedged[t] = stepper.Equity;
            unhedged[t] = stepper.UnhedgedEquity;
            ratios[t] = plan.Legs.IsEmpty ? 0m : stepper.HeldRatio(0);
        }
        var state = stepper.Snapshot();
        var lastStep = new PlanStepResult(state, stepper.EventsArray());
        var legEnd = new decimal[plan.Legs.Length];
        for (int i = 0; i < legEnd.Length; i++) legEnd[i] = histories[plan.LegAsset[i]].Perp[^1].Close;
        var result = Report(history, plan, state, mark, hedged, EquityStatistics.Running.Over(unhedged), new Curve(unhedged, null), new Curve(ratios, null), legEnd);
        result.Events = events.ToImmutable(); result.Final = state; result.LastStep = lastStep; result.LastBar = lastBar;
        return result;
    }

    /// <summary>The now clock over several assets' histories (<see cref="Run(IReadOnlyDictionary{string, MarketHistory}, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>, read at the latest bar).</summary>
    /// <param name="markets">Each asset's history over the same bars, keyed by asset.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="signals">Signals matched to the bars; null: computed from the first asset's spot candles when the plan reads signals.</param>
    /// <param name="mark">The series taken as the mark price, which liquidation and stops on the mark watch: <see cref="TriggerPrice.Mark"/> (default) takes the spot candles, the nearest proxy of an exchange's mark (an index of spot prices; no index history is shipped); <see cref="TriggerPrice.Last"/> the perpetual's own last-price candles (its wicks alone can liquidate: more conservative).</param>
    /// <param name="options">Signal options when <paramref name="signals"/> is null.</param>
    /// <returns>The plan's status at the latest close (each leg's distances at its own asset's prices).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="markets"/> or <paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">As that <c>Run</c>.</exception>
    public static PlanStatus Now(IReadOnlyDictionary<string, MarketHistory> markets, PlanDefinition plan, SignalSeries? signals = null,
        TriggerPrice mark = TriggerPrice.Mark, SignalOptions? options = null)
    {
        var run = Run(markets, plan, signals, mark, options);
        return PlanStatus.Of(run.LastStep, run.LastBar);
    }

    /// <summary>Each plan asset's history, in <see cref="PlanDefinition.Assets"/>' order, checked to be on the first one's bars.</summary>
    private static MarketHistory[] Histories(IReadOnlyDictionary<string, MarketHistory> markets, PlanDefinition plan)
    {
        var result = new MarketHistory[plan.Assets.Length];
        for (int k = 0; k < result.Length; k++)
        {
            string asset = plan.Assets[k];
            if (!AssetLookup.TryFind(markets, asset, out var found) || found is null)
                Preconditions.ThrowArgument(nameof(markets), $"has no history for {asset} (the plan runs on {string.Join(", ", plan.Assets)}; given: {string.Join(", ", markets.Keys)})");
            result[k] = found!;
        }
        var first = result[0];
        for (int k = 1; k < result.Length; k++)
        {
            var h = result[k];
            if (h.Interval != first.Interval)
                Preconditions.ThrowArgument(nameof(markets), $"has {Candle.IntervalName(h.Interval)} bars for {plan.Assets[k]} but {Candle.IntervalName(first.Interval)} bars for {plan.Assets[0]}: resample to one interval");
            for (int t = 0; t < Math.Max(h.Length, first.Length); t++)
                if (t >= h.Length || t >= first.Length || h.Times[t] != first.Times[t])
                    Preconditions.ThrowArgument(nameof(markets), FormattableString.Invariant(
                        $"has {plan.Assets[k]}'s bar {t} {(t < h.Length ? $"opening at {h.Times[t]:yyyy-MM-ddTHH:mm:ssZ}" : "missing")} but {plan.Assets[0]}'s {(t < first.Length ? $"opening at {first.Times[t]:yyyy-MM-ddTHH:mm:ssZ}" : "missing")}: align every asset's history on the same bars (MarketHistory.Align with the same from and to)"));
        }
        return result;
    }

    /// <summary>The now clock: a plan stepped over a history, read at its latest bar — every rule's state and why, the legs' distances to stop and liquidation, the margin to keep and the orders to place now.</summary>
    /// <param name="history">The market history (at least 2 bars); its last bar is "now".</param>
    /// <param name="plan">The plan.</param>
    /// <param name="signals">Signals matched to the bars; null: computed from the spot candles when the plan reads signals.</param>
    /// <param name="mark">The series taken as the mark price, which liquidation and stops on the mark watch: <see cref="TriggerPrice.Mark"/> (default) takes the spot candles, the nearest proxy of an exchange's mark (an index of spot prices; no index history is shipped); <see cref="TriggerPrice.Last"/> the perpetual's own last-price candles (its wicks alone can liquidate: more conservative).</param>
    /// <param name="options">Signal options when <paramref name="signals"/> is null.</param>
    /// <returns>The plan's status at the latest close (<see cref="PlanStatus.Of"/> of the last step of <see cref="Run(MarketHistory, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Run(MarketHistory, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>: fewer than 2 bars; a plan with no spot of its asset; a dateless signal series of another length.</exception>
    public static PlanStatus Now(MarketHistory history, PlanDefinition plan, SignalSeries? signals = null, TriggerPrice mark = TriggerPrice.Mark,
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
        // The candles are both series: Align checks the spot ones first, so a bad candle is always named "spot".
        catch (ArgumentException e) when (e.ParamName is "spot") { throw Preconditions.Renamed(e, nameof(candles), null); }
        return Now(history, plan, null, TriggerPrice.Mark, options);
    }

    private static ReplayResult Report(MarketHistory history, PlanDefinition plan, PlanState state, TriggerPrice mark,
        decimal[] hedged, EquityStatistics.Running unhedgedSums, Curve unhedged, Curve ratios, decimal[]? legEnd = null)
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
        decimal pnlQuote = realized * toQuote, feesQuote = fees * toQuote, fundingQuote = fundingSettlement * toQuote;
        if (legEnd is not null)
        {
            // Several assets: each leg at its own asset's last close, in the quote asset (an inverse leg's coin × that close).
            realized = fees = fundingSettlement = pnlQuote = feesQuote = fundingQuote = 0m;
            for (int i = 0; i < state.Book.Legs.Length; i++)
            {
                var l = state.Book.Legs[i];
                decimal r = l.RealizedPnl + (l.Position?.UnrealizedPnl(legEnd[i]) ?? 0m);
                decimal q = l.Contract.Type == ContractType.Linear ? 1m : legEnd[i];
                realized += r; fees += l.Fees; fundingSettlement += l.Funding;
                pnlQuote += r * q; feesQuote += l.Fees * q; fundingQuote += l.Funding * q;
            }
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
            UnhedgedEquity = ImmutableCollectionsMarshal.AsImmutableArray(unhedged.Values),
            UnhedgedEquityOf = unhedged.Build,
            HedgeRatios = ImmutableCollectionsMarshal.AsImmutableArray(ratios.Values),
            HedgeRatiosOf = ratios.Build,
            Hedged = EquityStatistics.Of(hedged, barsPerYear),
            Unhedged = unhedgedSums.Statistics(barsPerYear),
            // One valuation rule for coin-margined money (docs/hedging.md, issue 22): the coin stays in the wallet, so funding,
            // fees and PnL are all valued at the last perpetual close.
            TotalFunding = fundingQuote,
            TotalFees = feesQuote,
            FuturesPnl = pnlQuote,
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
