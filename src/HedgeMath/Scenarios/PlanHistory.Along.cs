using System.Collections.Immutable;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;
using HedgeMath.Market;
using HedgeMath.Signals;

namespace HedgeMath.Scenarios;

// Issue 28 item 3: "an outcome at a price is the plan run along a straight path" — the strategies' outcome tables, as
// plans, on the one step.
public static partial class PlanHistory
{
    /// <summary>
    /// A plan run along the straight path from one price to another: the engine's path of every "outcome at a price"
    /// (<see cref="HedgeBook.MoveStraight"/>), stepped bar by bar through <see cref="PlanState.Step"/>.
    /// </summary>
    /// <param name="plan">The plan (spot = futures = mark price along the path).</param>
    /// <param name="from">The price at the start, &gt; 0: the plan opens its legs at this close.</param>
    /// <param name="to">The price at the end, &gt; 0.</param>
    /// <param name="funding">Funding over a holding period (<see cref="FundingTerms.Constant"/>); none (an instant move) when null.</param>
    /// <param name="start">The time at the start; the Unix epoch when null.</param>
    /// <returns>The plan's state at the end of the path (book, spot, equity, the rules' states).</returns>
    /// <remarks>
    /// <para>The bars: one bar closing at <paramref name="from"/> (the legs open there at the taker fee); then, with n
    /// funding prints over the holding period (one per funding interval of the first leg's contract, 8 h without legs),
    /// n bars, bar k moving straight from print k − 1's price to print k's, <c>from + (to − from)·k/n</c>, exactly
    /// <paramref name="to"/> at the last; print k is settled at its price after bar k's move (the engine's order: move,
    /// then pay), carried by the next bar, the last by a closing bar of one tick at <paramref name="to"/>. Without
    /// funding, one bar moves from <paramref name="from"/> to <paramref name="to"/>. Stops and liquidation apply where the
    /// path crosses them, the rules at each bar's close: a path whose closes land on a rule's price trades at that price.</para>
    /// <para>Equal to <see cref="HedgeBook.MoveStraight"/> on the strategies' own books for a plan of one leg opened at
    /// <paramref name="from"/> (tested on sell-and-hedge, de-risk and buy-back). Thread-safe (pure).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">The plan runs on several assets (<see cref="PlanDefinition.Assets"/>): a straight path of one price moves one asset (the overload with prices by asset runs such a plan).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive, the holding period has more than 100,000 prints, or <paramref name="start"/> leaves no room for the bars.</exception>
    /// <exception cref="ArgumentException">A trade the contract cannot take at a price on the path (a notional above its largest tier, or one that rounds to 0), named after <paramref name="from"/> (the opening) or <paramref name="to"/> (on the way).</exception>
    public static PlanState Along(PlanDefinition plan, decimal from, decimal to, FundingTerms? funding = null, DateTimeOffset? start = null)
    {
        Preconditions.NotNull(plan);
        if (plan.IsMultiAsset)
            Preconditions.ThrowArgument(nameof(plan), $"runs on {string.Join(", ", plan.Assets)}: a straight path of one price moves one asset; give each asset's prices (PlanHistory.Along(plan, from, to) with prices by asset) or replay it over each asset's candles (PlanHistory.Run(markets, plan))");
        Preconditions.Positive(from);
        Preconditions.Positive(to);
        funding ??= FundingTerms.None;
        var t0 = start ?? DateTimeOffset.UnixEpoch;
        var interval = plan.Legs.IsEmpty ? TimeSpan.FromHours(8) : plan.Legs[0].Contract.FundingInterval;
        int n = funding.PrintsFor(interval);
        if (n > 100_000) Preconditions.ThrowOutOfRange(nameof(funding), funding.HoldingDays, "must have at most 100,000 funding prints on the path");
        // The bars run from one interval before the start to n intervals (and a tick) after it.
        if (t0.UtcTicks - DateTimeOffset.MinValue.UtcTicks < interval.Ticks || DateTimeOffset.MaxValue.UtcTicks - t0.UtcTicks <= interval.Ticks * (n + 1L))
            Preconditions.ThrowOutOfRange(nameof(start), t0, "must leave room for the path's bars before DateTimeOffset.MaxValue and after MinValue");
        // The one step in place (PlanState.Step's stepper): no state per print, one at the end.
        var stepper = new PlanStepper(PlanState.Start(plan));
        // A trade the engine rejects (a notional above the contract's largest tier, or one that rounds to 0) is the
        // price's: the opening close's (from), or a later close's on the way (to).
        try { stepper.Step(PlanBar.Create(t0 - interval, PriceBar.Straight(t0, from, from), from)); }
        catch (ArgumentException e) when (e.ParamName is not nameof(plan) || e.InnerException is ArgumentException) { throw Preconditions.Renamed(e, nameof(from), from); }
        catch (OverflowException e) { Preconditions.ThrowOverflow(nameof(from), from, e); throw; }
        try { return Path(stepper, from, to, funding, t0, interval, n); }
        catch (ArgumentException e) when (e.ParamName is not nameof(plan) || e.InnerException is ArgumentException) { throw Preconditions.Renamed(e, nameof(to), to); }
        catch (OverflowException e) { Preconditions.ThrowOverflow(nameof(to), to, e); throw; }
    }

    /// <summary>
    /// A plan over several assets run along a straight path per asset: each asset moves in a straight line from its price
    /// now to its own target over the same days, replayed by the history clock over several assets
    /// (<see cref="Run(IReadOnlyDictionary{string, MarketHistory}, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>).
    /// </summary>
    /// <param name="plan">The plan (spot = futures = mark price of every asset along its path).</param>
    /// <param name="from">Every asset's price now (<see cref="PlanDefinition.Assets"/>, keys in any case), &gt; 0: the plan opens its legs at these closes.</param>
    /// <param name="to">The target prices, &gt; 0, keyed by asset (any case); an asset not given stays at its price now.</param>
    /// <param name="funding">Funding over a holding period (<see cref="FundingTerms.Constant"/>); none (an instant move) when null.</param>
    /// <param name="start">The time at the start; the Unix epoch when null.</param>
    /// <returns>The plan's state at the end of the path (book, every asset's spot, equity, the rules' states).</returns>
    /// <remarks>
    /// <para>The bars are <see cref="Along(PlanDefinition, decimal, decimal, FundingTerms?, DateTimeOffset?)"/>'s, one
    /// synthetic <see cref="MarketHistory"/> per asset on the same open times (its candles are spot, perpetual and mark):
    /// one bar closing at the asset's price now; with n funding prints (one per funding interval of the first leg's contract,
    /// 8 h without legs) n bars, asset a's bar k closing at <c>from_a + (to_a − from_a)·k/n</c>, exactly <c>to_a</c> at the
    /// last; print k at that close, carried by the next bar (a history settles a bar's funding at its opening mark); a last
    /// bar of one interval at the targets (the one-price path's is one tick long: a time rule that falls inside that
    /// interval can fire here and not there). Every leg is funded at <paramref name="funding"/>'s rate on its own
    /// contract's asset's prices, as the one-price path funds every leg at the first leg's interval. Without funding, one
    /// bar moves every asset from its price now to its target. The rules read their asset's bars (signals and ATR from the
    /// path's candles, as a replay computes them).</para>
    /// <para>Each leg ends at its own contract's asset's target, so a cross leg's basis shows: 100 SOL hedged with
    /// BTCUSDT gains on BTC's move, not SOL's. A plan on one asset gives exactly the one-price overload's state. Thread-safe (pure).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/>, <paramref name="from"/> or <paramref name="to"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="from"/> lacks one of the plan's assets; <paramref name="from"/> or
    /// <paramref name="to"/> names an asset the plan does not run on, or one asset twice; a trade the contract cannot take at
    /// a price on the path (named after <paramref name="from"/> at the opening, <paramref name="to"/> on the way); the plan
    /// holds none of its first asset.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive, the holding period has more than 100,000 prints, or <paramref name="start"/> leaves no room for the bars.</exception>
    public static PlanState Along(PlanDefinition plan, IReadOnlyDictionary<string, decimal> from, IReadOnlyDictionary<string, decimal> to,
        FundingTerms? funding = null, DateTimeOffset? start = null)
    {
        Preconditions.NotNull(plan);
        Preconditions.NotNull(from);
        Preconditions.NotNull(to);
        var assets = plan.Assets;
        var p0 = Prices(assets, from, nameof(from), required: true);
        var p1 = Prices(assets, to, nameof(to), required: false);
        for (int k = 0; k < p1.Length; k++) p1[k] ??= p0[k];
        if (!plan.IsMultiAsset) return Along(plan, p0[0]!.Value, p1[0]!.Value, funding, start);
        funding ??= FundingTerms.None;
        var t0 = start ?? DateTimeOffset.UnixEpoch;
        var interval = plan.Legs.IsEmpty ? TimeSpan.FromHours(8) : plan.Legs[0].Contract.FundingInterval;
        int n = funding.PrintsFor(interval);
        if (n > 100_000) Preconditions.ThrowOutOfRange(nameof(funding), funding.HoldingDays, "must have at most 100,000 funding prints on the path");
        // Without prints, the move takes the holding period (when shorter than an interval), else one interval.
        var bar = n == 0 && funding.HoldingDays > 0m ? TimeSpan.FromDays((double)funding.HoldingDays) : interval;
        if (bar < Candle.MinInterval) bar = Candle.MinInterval;
        if (bar > Candle.MaxInterval)
            Preconditions.ThrowArgument(nameof(plan), $"has a first leg whose funding interval ({interval}) is longer than a candle's longest (7 days): a path of several assets is a history of candles");
        if (t0.UtcTicks - DateTimeOffset.MinValue.UtcTicks < bar.Ticks || DateTimeOffset.MaxValue.UtcTicks - t0.UtcTicks <= bar.Ticks * (n + 2L))
            Preconditions.ThrowOutOfRange(nameof(start), t0, "must leave room for the path's bars before DateTimeOffset.MaxValue and after MinValue");
        try { return Path(plan, assets, p0, p1, funding, t0, bar, n); }
        catch (ArgumentException e) when (e.ParamName is not nameof(plan) || e.InnerException is ArgumentException)
        {
            // A trade the engine rejects is the opening's (every asset at its price now) or the way's: the opening alone tells.
            try { Path(plan, assets, p0, p0, FundingTerms.None, t0, bar, 0); }
            catch (ArgumentException) { throw Preconditions.Renamed(e, nameof(from), null); }
            throw Preconditions.Renamed(e, nameof(to), null);
        }
        catch (OverflowException e) { Preconditions.ThrowOverflow(nameof(to), string.Join(", ", assets.Select((a, k) => $"{a}={p1[k]}")), e); throw; }
    }

    /// <summary>Each plan asset's price in a dictionary keyed by asset (any case), in <see cref="PlanDefinition.Assets"/>' order; null where not given.</summary>
    private static decimal?[] Prices(ImmutableArray<string> assets, IReadOnlyDictionary<string, decimal> prices, string name, bool required)
    {
        var result = new decimal?[assets.Length];
        foreach (var (key, price) in prices)
        {
            int k = key is null ? -1 : assets.IndexOf(key, StringComparer.OrdinalIgnoreCase);
            if (k < 0) Preconditions.ThrowArgument(name, $"has a price for '{key}', which the plan does not run on ({string.Join(", ", assets)})");
            if (result[k] is not null) Preconditions.ThrowArgument(name, $"has two prices for {assets[k]} (keys are matched in any case)");
            if (price <= 0m) Preconditions.ThrowOutOfRange(name, price, $"must be greater than 0 (the price of {assets[k]})");
            result[k] = price;
        }
        if (required)
            for (int k = 0; k < assets.Length; k++)
                if (result[k] is null) Preconditions.ThrowArgument(name, $"has no price for {assets[k]} (the plan runs on {string.Join(", ", assets)}; every asset's price now is needed)");
        return result;
    }

    /// <summary>The straight path of every asset as one <see cref="MarketHistory"/> per asset, replayed by <see cref="Run(IReadOnlyDictionary{string, MarketHistory}, PlanDefinition, SignalSeries?, TriggerPrice, SignalOptions?)"/>.</summary>
    private static PlanState Path(PlanDefinition plan, ImmutableArray<string> assets, decimal?[] from, decimal?[] to, FundingTerms funding, DateTimeOffset t0, TimeSpan bar, int n)
    {
        // Bar 0 closes at the prices now (the legs open there); bars 1..n move to print k's price; bar n + 1 carries the
        // last print at the targets (without prints: bar 1 moves straight to the targets).
        int bars = n == 0 ? 2 : n + 2;
        var prints = new List<FundingEvent>(n + 2) { new(t0 - bar, 0m) };
        for (int k = 1; k <= n; k++) prints.Add(new FundingEvent(t0 + bar * k, funding.RatePerInterval));
        if (n == 0) prints.Add(new FundingEvent(t0, 0m));
        var markets = new Dictionary<string, MarketHistory>(assets.Length, StringComparer.OrdinalIgnoreCase);
        for (int a = 0; a < assets.Length; a++)
        {
            decimal p0 = from[a]!.Value, p1 = to[a]!.Value, step = n == 0 ? 0m : (p1 - p0) / n, prev = p0;
            var candles = new Candle[bars];
            candles[0] = new Candle(t0 - bar, bar, p0, p0, p0, p0, 0m);
            for (int k = 1; k < bars; k++)
            {
                decimal p = n == 0 || k > n ? p1 : HedgeBook.PrintPrice(p0, p1, step, n, k);
                candles[k] = new Candle(t0 + bar * (k - 1), bar, prev, Math.Max(prev, p), Math.Min(prev, p), p, 0m);
                prev = p;
            }
            markets[assets[a]] = MarketHistory.Align(candles, candles, prints);
        }
        return Run(markets, plan).Final!;
    }

    private static PlanState Path(PlanStepper stepper, decimal from, decimal to, FundingTerms funding, DateTimeOffset t0, TimeSpan interval, int n)
    {
        if (n == 0)
        {
            var end = t0 + (funding.HoldingDays > 0m ? TimeSpan.FromDays((double)funding.HoldingDays) : interval);
            stepper.Step(PlanBar.Create(t0, PriceBar.Straight(end, from, to), to));
            return stepper.Snapshot();
        }
        decimal step = (to - from) / n, prev = from;
        ImmutableArray<FundingPrint> carried = [];
        for (int k = 1; k <= n; k++)
        {
            decimal p = HedgeBook.PrintPrice(from, to, step, n, k);
            var opens = t0 + interval * (k - 1);
            stepper.Step(PlanBar.Create(opens, PriceBar.Straight(opens + interval, prev, p), p, carried));
            carried = [new FundingPrint(opens + interval, funding.RatePerInterval, p)];
            prev = p;
        }
        var last = t0 + interval * n;
        stepper.Step(PlanBar.Create(last, PriceBar.Straight(last + TimeSpan.FromTicks(1), to, to), to, carried));
        return stepper.Snapshot();
    }
}
