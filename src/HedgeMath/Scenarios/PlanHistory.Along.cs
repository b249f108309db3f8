using System.Collections.Immutable;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Internal;

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
    /// <exception cref="ArgumentException">The plan runs on several assets (<see cref="PlanDefinition.Assets"/>): a straight path moves one price.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive, the holding period has more than 100,000 prints, or <paramref name="start"/> leaves no room for the bars.</exception>
    /// <exception cref="ArgumentException">A trade the contract cannot take at a price on the path (a notional above its largest tier, or one that rounds to 0), named after <paramref name="from"/> (the opening) or <paramref name="to"/> (on the way).</exception>
    public static PlanState Along(PlanDefinition plan, decimal from, decimal to, FundingTerms? funding = null, DateTimeOffset? start = null)
    {
        Preconditions.NotNull(plan);
        if (plan.IsMultiAsset)
            Preconditions.ThrowArgument(nameof(plan), $"runs on {string.Join(", ", plan.Assets)}: a straight path moves one price; replay it over each asset's candles (PlanHistory.Run(markets, plan))");
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
