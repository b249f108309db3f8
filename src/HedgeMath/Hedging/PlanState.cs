using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>
/// A <see cref="PlanDefinition"/> part-way through its bars: the engine's book, the spot held, each leg's target and
/// each rule's state. <see cref="Step"/> is the ONE pure step that evaluates a plan — (state, bar with its funding
/// prints and signals) → (new state, events) — and every clock (now, history, live) drives it.
/// </summary>
/// <remarks>
/// <para>One bar, in order (each change made by the engine, <see cref="HedgeBook"/>):</para>
/// <list type="number">
/// <item>Funding: every open leg settles the bar's prints at their marks (<see cref="HedgeBook.Fund"/>).</item>
/// <item>The bar's range (<see cref="HedgeBook.Move"/>): stops and liquidation, as the range reaches them; then
/// take-profits (a short's when the last price falls to it, filled there or at the open when the bar opened beyond
/// it; taker fee). A leg that exits is not traded again on this bar; what follows is <see cref="PlanDefinition.AfterExit"/>.</item>
/// <item>At the close every rule's condition is evaluated (data up to the close; the plan's PnL before this close's
/// trades). Ratio rules set the legs' targets in plan order (<see cref="RuleTrigger"/>); each leg whose target
/// changed, that is flat with a target above 0, or whose re-hedge period is due is traded to
/// target = ratio × spot quantity (linear: / contract size; inverse: × price / contract size) at the perpetual's close,
/// only the difference (taker fee; lot rounding as the engine does it).</item>
/// <item>Then the other actions of the rules that fired, in plan order: close a fraction, move a stop, sell or buy spot.</item>
/// <item>Stops are re-placed from each open leg's average entry (distance and ATR stops follow the entry).</item>
/// </list>
/// <para>Equity (quote asset) = spot quantity × spot close + cash from spot trades + the legs' realized PnL − fees +
/// funding + unrealized PnL at the perpetual close − cross margin lost (an inverse leg's coin converted at the
/// perpetual close). This is the order and the accounting of <c>HedgeMath.Scenarios.HistoricalReplay</c>, which
/// the history clock reproduces exactly. Immutable and thread-safe: <see cref="Step"/> returns a new state.</para>
/// </remarks>
public sealed class PlanState
{
    private readonly LegState[] _legs;
    private readonly bool[] _armed, _holds;
    private readonly DateTimeOffset _lastClose;

    private PlanState(PlanDefinition plan, HedgeBook book, int bars, DateTimeOffset? start, decimal spotQuantity, decimal spotCash,
        decimal startEquity, decimal equity, decimal unhedged, LegState[] legs, bool[] armed, bool[] holds, PriceWindow window, Tally tally,
        DateTimeOffset lastClose)
    {
        _lastClose = lastClose;
        Plan = plan; Book = book; Bars = bars; StartTime = start; SpotQuantity = spotQuantity; SpotCash = spotCash;
        StartEquity = startEquity; Equity = equity; UnhedgedEquity = unhedged; _legs = legs; _armed = armed; _holds = holds; Window = window; Totals = tally;
    }

    /// <summary>The plan.</summary>
    public PlanDefinition Plan { get; }
    /// <summary>The engine's book: spot and the legs (in the plan's order).</summary>
    public HedgeBook Book { get; }
    /// <summary>Bars stepped so far.</summary>
    public int Bars { get; }
    /// <summary>When the first bar opened, or null before it.</summary>
    public DateTimeOffset? StartTime { get; }
    /// <summary>The spot quantity held now (changed only by sell/buy rules).</summary>
    public decimal SpotQuantity { get; }
    /// <summary>Cash from spot trades done by rules (quote asset; negative after buying).</summary>
    public decimal SpotCash { get; }
    /// <summary>Equity at the first close, before its trades (quote asset).</summary>
    public decimal StartEquity { get; }
    /// <summary>Equity at the last close (quote asset), after its trades.</summary>
    public decimal Equity { get; }
    /// <summary>The value without the legs at the last close: spot quantity × spot close + spot cash.</summary>
    public decimal UnhedgedEquity { get; }
    /// <summary>The plan's PnL: <see cref="Equity"/> − <see cref="StartEquity"/>.</summary>
    public decimal Pnl => Equity - StartEquity;

    internal PriceWindow Window { get; }
    internal Tally Totals { get; }
    /// <summary>When the last bar closed (default before the first bar).</summary>
    internal DateTimeOffset LastCloseTime => _lastClose;
    /// <summary>The plan's PnL the ratio rules saw at the last close (before its trades).</summary>
    internal decimal RatioRulePnl { get; private init; }
    /// <summary>The plan's PnL the other rules saw at the last close (after the legs were brought to their targets).</summary>
    internal decimal OtherRulePnl { get; private init; }
    /// <summary>The signals at the last close.</summary>
    internal HedgeMath.Signals.SignalSet LastSignals { get; private init; }

    /// <summary>The hedge ratio a leg holds after the last close (0 while flat).</summary>
    /// <param name="leg">The leg's index.</param>
    /// <returns>The ratio.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leg"/> is not a leg index.</exception>
    public decimal HeldRatio(int leg) => LegAt(leg).Held;

    /// <summary>Whether a rule's condition held at the last close.</summary>
    /// <param name="rule">The rule's index.</param>
    /// <returns>Whether it held.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rule"/> is not a rule index.</exception>
    public bool RuleHeld(int rule)
    {
        if (rule < 0 || rule >= _holds.Length) Preconditions.ThrowOutOfRange(nameof(rule), rule, $"must be a rule index in [0, {_holds.Length - 1}]");
        return _holds[rule];
    }

    /// <summary>Whether a rule can fire at the next close (an edge rule whose condition was false at the last close, a once rule that has not fired); While rules are always armed.</summary>
    /// <param name="rule">The rule's index.</param>
    /// <returns>Whether it is armed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rule"/> is not a rule index.</exception>
    public bool RuleArmed(int rule)
    {
        if (rule < 0 || rule >= _armed.Length) Preconditions.ThrowOutOfRange(nameof(rule), rule, $"must be a rule index in [0, {_armed.Length - 1}]");
        return _armed[rule];
    }

    private LegState LegAt(int leg)
    {
        if (leg < 0 || leg >= _legs.Length) Preconditions.ThrowOutOfRange(nameof(leg), leg, $"must be a leg index in [0, {_legs.Length - 1}]");
        return _legs[leg];
    }

    /// <summary>The state before the first bar: the holdings, each leg empty (opened on the engine with no fill), every rule armed.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The state.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static PlanState Start(PlanDefinition plan)
    {
        Preconditions.NotNull(plan);
        var wallets = new Dictionary<string, decimal>();
        foreach (var l in plan.Legs)
            if (l.MarginMode == MarginMode.Cross) wallets[l.Contract.SettlementAsset] = plan.CrossWallet;
        var book = HedgeBook.Create(plan.Holdings, wallets);
        var legs = new LegState[plan.Legs.Length];
        for (int i = 0; i < legs.Length; i++)
        {
            var l = plan.Legs[i];
            // An order below one lot opens an empty leg (a zero fill) that the first trade fills.
            book = book.Open(l.Contract, l.Side, l.Contract.LotStep / 2m, 1m, l.Leverage, l.MarginMode, stop: null, rule: l.Rule).Book;
            legs[i] = new LegState { Base = l.Ratio, LastTarget = -1m, Stop = l.Stop };
        }
        var armed = new bool[plan.Rules.Length];
        Array.Fill(armed, true);
        return new PlanState(plan, book, 0, null, plan.SpotQuantity, 0m, 0m, 0m, 0m, legs, armed, new bool[plan.Rules.Length],
            PriceWindow.Empty([.. plan.MovingAveragePeriods]), new Tally(), default);
    }

    /// <summary>Steps the plan through one bar: funding, stops, take-profits and liquidation, then the rules at the close.</summary>
    /// <param name="bar">The bar (after the previous one).</param>
    /// <returns>The new state and what happened.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bar opens before the previous bar closed, or is the default.</exception>
    public PlanStepResult Step(in PlanBar bar)
    {
        if (bar.SpotClose <= 0m) Preconditions.ThrowOutOfRange(nameof(bar), bar.SpotClose, "must be created with PlanBar.Create (default(PlanBar) is not a bar)");
        if (Bars > 0 && bar.Opens < _lastClose)
            Preconditions.ThrowOutOfRange(nameof(bar), bar.Opens, "must open at or after the previous bar's close");
        var plan = Plan;
        int t = Bars;
        var start = StartTime ?? bar.Opens;
        var book = Book;
        var legs = (LegState[])_legs.Clone();
        var armed = (bool[])_armed.Clone();
        var holds = new bool[_holds.Length];
        var tally = Totals.Copy();
        List<PlanEvent>? events = null;
        var time = bar.Price.Time;
        var px = bar.Price;
        void Event(PlanEventKind kind, int leg, int rule, decimal qty, decimal price, string detail, Side? side = null) =>
            (events ??= []).Add(new PlanEvent(time, kind, leg, rule, qty, price, detail) { TradeSide = side });

        // 1–2. Funding, then the bar's range: stops and liquidation, then take-profits.
        Span<bool> exited = legs.Length <= 16 ? stackalloc bool[legs.Length] : new bool[legs.Length];
        bool anyOpen = false;
        foreach (var l in book.Legs) anyOpen |= l.IsOpen;
        if (anyOpen)
        {
            foreach (var print in bar.Funding)
            {
                var before = book;
                book = book.Fund(print);
                for (int i = 0; i < legs.Length; i++)
                {
                    decimal paid = book.Legs[i].Funding - before.Legs[i].Funding;
                    tally.FundingQuote += paid * (plan.Legs[i].Contract.Type == ContractType.Linear ? 1m : print.MarkPrice);
                }
            }
            var moved = book.Move(px);
            bool heldThrough = false;
            for (int i = 0; i < legs.Length; i++)
            {
                if (!book.Legs[i].IsOpen) continue;
                var nl = moved.Legs[i];
                if (nl.IsOpen) { heldThrough |= i == 0; continue; }
                exited[i] = true; tally.Trades++; legs[i].Held = 0m;
                if (nl.Exit == HedgeExit.Liquidated) { tally.Liquidations++; Event(PlanEventKind.Liquidated, i, -1, 0m, nl.ExitPrice ?? 0m, $"leg {i} liquidated at {Px(nl.ExitPrice)}"); }
                else { tally.Stops++; Event(PlanEventKind.Stopped, i, -1, 0m, nl.ExitPrice ?? 0m, $"leg {i} stopped at {Px(nl.ExitPrice)}"); }
            }
            book = moved;
            if (heldThrough) tally.BarsHedged++;
            for (int i = 0; i < legs.Length; i++)
            {
                if (plan.Legs[i].TakeProfit is not { } tp || book.Legs[i].Position is not { } p) continue;
                bool hit = p.Side == Side.Short ? px.LastLow <= tp : px.LastHigh >= tp;
                if (!hit) continue;
                decimal fill = p.Side == Side.Short ? Math.Min(tp, px.LastOpen) : Math.Max(tp, px.LastOpen);
                decimal q = p.Quantity;
                book = book.TradeTo(i, 0m, fill).Book;
                exited[i] = true; tally.Trades++; legs[i].Held = 0m;
                Event(PlanEventKind.TookProfit, i, -1, q, fill, $"leg {i} took profit at {Px(fill)}");
            }
            for (int i = 0; i < legs.Length; i++)
                if (exited[i]) legs[i].Flat = true; // what follows is the plan's re-entry
        }

        // 3. The close: the ratio rules' conditions (and While levels), with the legs as the bar left them.
        var window = Window.Append((double)bar.SpotClose);
        decimal lastClose = px.LastClose;
        decimal equityBefore = SpotQuantity * bar.SpotClose + SpotCash + HedgeMoney(book, lastClose);
        decimal startEquity = t == 0 ? equityBefore : StartEquity;
        var rules = plan.Rules;
        Span<decimal?> entries = legs.Length <= 16 ? stackalloc decimal?[legs.Length] : new decimal?[legs.Length];
        Span<bool> fired = rules.Length <= 64 ? stackalloc bool[rules.Length] : new bool[rules.Length];
        Entries(book, entries);
        bool reenterNow;
        {
            var ctx = new PlanContext(t, bar.Opens - start, bar.SpotClose, lastClose, window, bar.Signals, equityBefore - startEquity, entries);
            for (int r = 0; r < rules.Length; r++)
                if (rules[r].Action.SetsRatio) Evaluate(rules[r], r, ctx, holds, armed, fired);
            var reentry = plan.AfterExit;
            reenterNow = reentry.Kind == ReentryKind.NextBar || (reentry.Kind == ReentryKind.WhenCondition && reentry.When!.Evaluate(ctx));
        }

        // Re-entry after an exit on an earlier bar.
        for (int i = 0; i < legs.Length; i++)
            if (legs[i].Flat && !exited[i] && reenterNow) legs[i].Flat = false;

        // The ratio rules that fired, in plan order.
        for (int r = 0; r < rules.Length; r++)
        {
            if (!fired[r] || !rules[r].Action.SetsRatio) continue;
            var a = rules[r].Action;
            ref var ls = ref legs[a.Leg];
            if (ls.Retired) { Event(PlanEventKind.RuleIdle, a.Leg, r, 0m, 0m, $"{rules[r].Name}: leg {a.Leg} was removed"); continue; }
            if (a.Kind == RuleActionKind.Remove) ls.Retired = true;
            else { ls.Base = a.Value; ls.Flat = false; }
            Event(PlanEventKind.RuleFired, a.Leg, r, 0m, 0m, rules[r].Name);
        }

        // Each leg to its target.
        int rehedgeBars = plan.RehedgeEveryDays == 0 ? 0
            : (int)decimal.Ceiling((decimal)plan.RehedgeEveryDays * TimeSpan.TicksPerDay / Math.Max(1L, bar.Interval.Ticks));
        for (int i = 0; i < legs.Length; i++)
        {
            ref var ls = ref legs[i];
            decimal target = ls.Base;
            for (int r = 0; r < rules.Length; r++)
                if (rules[r].Trigger == RuleTrigger.While && holds[r] && rules[r].Action.Leg == i) { target = rules[r].Action.TargetRatio; break; }
            if (ls.Retired || ls.Flat) target = 0m;
            bool open = book.Legs[i].IsOpen;
            bool changed = target != ls.LastTarget;
            bool rehedgeDue = open && rehedgeBars > 0 && t - ls.OpenedOn >= rehedgeBars;
            if (!exited[i] && (changed || rehedgeDue || (!open && target > 0m)))
            {
                var leg = plan.Legs[i];
                var res = book.TradeTo(i, leg.QuantityFor(target, SpotQuantity, lastClose), lastClose);
                if (res.Fill.FilledQuantity > 0m)
                {
                    tally.Trades++;
                    tally.LotRounding += res.Fill.RoundingDifference;
                    if (!open || rehedgeDue || changed) ls.OpenedOn = t;
                    Event(PlanEventKind.Traded, i, -1, res.Fill.FilledQuantity, lastClose,
                        string.Create(CultureInfo.InvariantCulture, $"leg {i} {res.Fill.Side} {res.Fill.FilledQuantity} {leg.Contract.Symbol} at {Px(lastClose)} (target ratio {target})"), res.Fill.Side);
                }
                book = res.Book;
                ls.Held = book.Legs[i].IsOpen ? target : 0m;
                ls.LastTarget = target;
                for (int r = 0; r < rules.Length; r++)
                    if (rules[r].Trigger == RuleTrigger.OncePerPosition && rules[r].Action.Leg == i) armed[r] = true;
            }
            else if (exited[i]) ls.LastTarget = -1m;
        }

        // 4. The other rules, in plan order, with the legs as the ratio rules left them.
        Entries(book, entries);
        decimal equityAfterTargets = SpotQuantity * bar.SpotClose + SpotCash + HedgeMoney(book, lastClose);
        {
            var ctx = new PlanContext(t, bar.Opens - start, bar.SpotClose, lastClose, window, bar.Signals, equityAfterTargets - startEquity, entries);
            for (int r = 0; r < rules.Length; r++)
                if (!rules[r].Action.SetsRatio) Evaluate(rules[r], r, ctx, holds, armed, fired);
        }
        decimal spotQ = SpotQuantity, cash = SpotCash;
        for (int r = 0; r < rules.Length; r++)
        {
            if (!fired[r] || rules[r].Action.SetsRatio) continue;
            var a = rules[r].Action;
            switch (a.Kind)
            {
                case RuleActionKind.CloseFraction:
                    if (book.Legs[a.Leg].Position is not { } pos) { Event(PlanEventKind.RuleIdle, a.Leg, r, 0m, 0m, $"{rules[r].Name}: leg {a.Leg} is flat"); break; }
                    var res = book.TradeTo(a.Leg, pos.Quantity * (1m - a.Value), lastClose);
                    if (res.Fill.FilledQuantity > 0m) { tally.Trades++; tally.Partials++; }
                    book = res.Book;
                    legs[a.Leg].Held *= 1m - a.Value;
                    Event(PlanEventKind.PartlyClosed, a.Leg, r, res.Fill.FilledQuantity, lastClose, rules[r].Name);
                    break;
                case RuleActionKind.MoveStop:
                    legs[a.Leg].Stop = a.Stop;
                    if (a.Stop is null) book = book.WithStop(a.Leg, null);
                    Event(PlanEventKind.RuleFired, a.Leg, r, 0m, 0m, rules[r].Name);
                    break;
                default:
                    decimal q = spotQ * a.Value;
                    if (q == 0m) { Event(PlanEventKind.RuleIdle, -1, r, 0m, 0m, $"{rules[r].Name}: no spot held"); break; }
                    decimal value = q * bar.SpotClose, fee = value * plan.SpotFeeRate;
                    if (a.Kind == RuleActionKind.SellSpot) { spotQ -= q; cash += value - fee; }
                    else { spotQ += q; cash -= value + fee; }
                    tally.SpotFees += fee;
                    Event(PlanEventKind.SpotTraded, -1, r, q, bar.SpotClose, rules[r].Name);
                    break;
            }
        }

        // Stops follow the legs' entries.
        for (int i = 0; i < legs.Length; i++)
        {
            if (legs[i].Stop is not { } spec || book.Legs[i].Position is not { } p) continue;
            decimal? sp = spec.PriceFor(p.Side == Side.Short, p.EntryPrice, bar.Atr);
            if (sp is { } raw)
            {
                // An exchange takes a trigger price on the tick: a short's stop (above) down to it, a long's (below) up to
                // it — toward the entry, never looser than the plan says. The order placed now (PlanStatus) is this one.
                var c = plan.Legs[i].Contract;
                decimal onTick = c.RoundPrice(raw, p.Side == Side.Short ? MidpointRounding.ToZero : MidpointRounding.ToPositiveInfinity);
                sp = onTick > 0m ? onTick : c.TickSize;
            }
            book = book.WithStop(i, sp is { } price ? spec.Order(price) : null);
        }

        decimal unhedged = spotQ * bar.SpotClose + cash;
        decimal equity = unhedged + HedgeMoney(book, lastClose);
        var next = new PlanState(plan, book, t + 1, start, spotQ, cash, startEquity, equity, unhedged, legs, armed, holds, window, tally, time)
        {
            RatioRulePnl = equityBefore - startEquity, OtherRulePnl = equityAfterTargets - startEquity, LastSignals = bar.Signals,
        };
        return new PlanStepResult(next, events is null ? [] : [.. events]);
    }

    private static void Evaluate(PlanRule rule, int r, in PlanContext ctx, bool[] holds, bool[] armed, Span<bool> fired)
    {
        bool v = rule.When.Evaluate(ctx);
        holds[r] = v;
        switch (rule.Trigger)
        {
            case RuleTrigger.Edge:
                if (!v) armed[r] = true;
                else if (armed[r]) { fired[r] = true; armed[r] = false; }
                break;
            case RuleTrigger.Once:
            case RuleTrigger.OncePerPosition:
                if (v && armed[r]) { fired[r] = true; armed[r] = false; }
                break;
        }
    }

    /// <summary>A price in an event's text: invariant, thousands separated, as it is (to 8 places; a fill off the tick is not
    /// rounded onto it in words); the event's Price keeps it whole.</summary>
    private static string Px(decimal? price) =>
        price is { } p ? Math.Round(p, 8, MidpointRounding.AwayFromZero).ToString("#,0.########", CultureInfo.InvariantCulture) : "-";

    private static void Entries(HedgeBook book, Span<decimal?> entries)
    {
        for (int i = 0; i < entries.Length; i++) entries[i] = book.Legs[i].Position?.EntryPrice;
    }

    /// <summary>The legs' money in the quote asset: per settlement asset, <see cref="HedgeBook.NetPnl"/> at the perpetual close (an inverse leg's coin × the close).</summary>
    internal decimal HedgeMoney(HedgeBook book, decimal lastClose)
    {
        decimal sum = 0m;
        var legs = Plan.Legs;
        for (int i = 0; i < legs.Length; i++)
        {
            var c = legs[i].Contract;
            bool seen = false;
            for (int j = 0; j < i; j++) seen |= legs[j].Contract.SettlementAsset == c.SettlementAsset;
            if (seen) continue;
            decimal m = book.NetPnl(c.SettlementAsset, lastClose);
            sum += c.Type == ContractType.Linear ? m : m * lastClose;
        }
        return sum;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Plan.Name}: {Bars} bars, equity {Equity:0.##}");

    internal struct LegState
    {
        public decimal Base, LastTarget, Held;
        public bool Retired, Flat;
        public int OpenedOn;
        public LegStop? Stop;
    }

    /// <summary>Running totals of a run (trades, exits, funding in the quote asset), for reports.</summary>
    internal sealed class Tally
    {
        public int Trades, Stops, Liquidations, Partials, BarsHedged;
        public decimal FundingQuote, LotRounding, SpotFees;
        public Tally Copy() => (Tally)MemberwiseClone();
    }
}

/// <summary>The result of one <see cref="PlanState.Step"/>: the new state and what happened on the bar.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlanStepResult
{
    internal PlanStepResult(PlanState state, ImmutableArray<PlanEvent> events) { State = state; Events = events; }

    /// <summary>The state after the bar.</summary>
    public PlanState State { get; }
    /// <summary>What happened, in order.</summary>
    public ImmutableArray<PlanEvent> Events { get; }
}
