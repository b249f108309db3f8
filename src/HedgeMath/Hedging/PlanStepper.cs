using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>
/// The ONE implementation of a plan's step (the order and accounting in <see cref="PlanState"/>'s remarks), on a state it
/// changes in place: the book (<see cref="BookCore"/>), the legs' targets and the rules' flags in reused arrays, the price
/// window a ring, the events in a reused list. A bar on which nothing trades and no rule fires allocates nothing.
/// <see cref="PlanState.Step"/> runs it on a copy of the state and builds the new state (<see cref="Snapshot"/>); the
/// clocks (<c>PlanLive</c>, <c>PlanHistory</c>) own one and build a snapshot only when asked. Not thread-safe.
/// </summary>
internal sealed class PlanStepper
{
    private readonly PlanState.LegState[] _legs;
    private readonly bool[] _armed, _holds, _exited, _fired, _wasOpen;
    private readonly decimal?[] _entries;
    private readonly List<PlanEvent> _events = [];
    private DateTimeOffset _eventTime;
    private int _moneyVersion = -1;
    private decimal _moneyPrice, _money;
    private bool _moneyFlat;
    private readonly bool _allLinear;
    // A plan over several assets (null/empty otherwise): every asset's closes and windows, the spot held of each asset,
    // each plan asset's index among the bar's assets, and each leg's perpetual close.
    private readonly PlanMarkets? _markets;
    private readonly decimal[] _spotQ = [];
    private readonly int[] _barIndex = [0];
    private readonly decimal[] _legLast = [];

    /// <summary>A stepper at a state (its parts copied: the state is not changed).</summary>
    public PlanStepper(PlanState state)
    {
        Plan = state.Plan;
        Book = new BookCore(state.Book);
        _legs = state.CopyLegs();
        _armed = state.CopyArmed();
        _holds = state.CopyHolds();
        Window = state.Window.Clone();
        Totals = state.Totals.Copy();
        Bars = state.Bars; StartTime = state.StartTime; SpotQuantity = state.SpotQuantity; SpotCash = state.SpotCash;
        StartEquity = state.StartEquity; Equity = state.Equity; UnhedgedEquity = state.UnhedgedEquity; LastCloseTime = state.LastCloseTime;
        RatioRulePnl = state.RatioRulePnl; OtherRulePnl = state.OtherRulePnl;
        _exited = new bool[_legs.Length];
        _entries = new decimal?[_legs.Length];
        _wasOpen = new bool[_legs.Length];
        _fired = new bool[Plan.Rules.Length];
        if (Plan.IsMultiAsset)
        {
            var windows = new PriceWindow[Plan.Assets.Length];
            windows[0] = Window;
            for (int k = 1; k < windows.Length; k++) windows[k] = state.AssetWindows![k].Clone();
            _markets = new PlanMarkets(Plan, windows);
            _spotQ = (decimal[])state.SpotQuantities!.Clone();
            _legLast = new decimal[_legs.Length];
        }
        _barIndex = new int[Plan.Assets.Length];
        _allLinear = Plan.Legs.All(l => l.Contract.Type == ContractType.Linear);
    }

    /// <summary>The spot held of each asset of <see cref="PlanDefinition.Assets"/> (a plan over several assets; empty otherwise).</summary>
    public decimal[] SpotQuantities => _spotQ;
    /// <summary>Each asset's window of closes (a plan over several assets: index 0 is <see cref="Window"/>); null otherwise.</summary>
    public PriceWindow[]? AssetWindows => _markets?.Windows;

    public PlanDefinition Plan { get; }
    public BookCore Book { get; }
    public PriceWindow Window { get; }
    public PlanState.Tally Totals { get; }
    public int Bars { get; private set; }
    public DateTimeOffset? StartTime { get; private set; }
    public decimal SpotQuantity { get; private set; }
    public decimal SpotCash { get; private set; }
    public decimal StartEquity { get; private set; }
    public decimal Equity { get; private set; }
    public decimal UnhedgedEquity { get; private set; }
    public DateTimeOffset LastCloseTime { get; private set; }
    public decimal RatioRulePnl { get; private set; }
    public decimal OtherRulePnl { get; private set; }

    /// <summary>The last bar's events (valid until the next step).</summary>
    public ReadOnlySpan<PlanEvent> Events => CollectionsMarshal.AsSpan(_events);

    /// <summary>The last bar's events as an immutable array (empty: no allocation).</summary>
    public ImmutableArray<PlanEvent> EventsArray() => _events.Count == 0 ? [] : [.. _events];

    /// <summary>The ratio a leg holds after the last close.</summary>
    public decimal HeldRatio(int leg) => _legs[leg].Held;

    /// <summary>The state as an immutable <see cref="PlanState"/> (copies of every part).</summary>
    public PlanState Snapshot() => PlanState.Of(this, _legs, _armed, _holds);

    /// <summary>Steps the plan through one bar in place (see <see cref="PlanState.Step"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bar opens before the previous bar closed, or is the default.</exception>
    /// <remarks>The phases, in the order of <see cref="PlanState"/>'s remarks: the bar's range (<see cref="ExitOnRange"/>), the
    /// close (<see cref="RecordCloses"/>), the ratio rules (<see cref="EvaluateRatioRules"/>, <see cref="ApplyRatioRules"/>),
    /// the legs to their targets (<see cref="TradeToTargets"/>), the other rules (<see cref="ApplyOtherRules"/>), the stops
    /// (<see cref="FollowStops"/>), then the equity.</remarks>
    public void Step(in PlanBar bar)
    {
        if (!DecimalFast.IsPositive(bar.SpotClose)) Preconditions.ThrowOutOfRange(nameof(bar), bar.SpotClose, "must be created with PlanBar.Create (default(PlanBar) is not a bar)");
        if (Bars > 0 && bar.Opens < LastCloseTime)
            Preconditions.ThrowOutOfRange(nameof(bar), bar.Opens, "must open at or after the previous bar's close");
        // The plan's first asset's prices: the bar's own, unless the bar carries several assets and it is not their first.
        int a0 = Resolve(bar);
        int t = Bars;
        var start = StartTime ?? bar.Opens;
        Array.Clear(_exited);
        Array.Clear(_fired);
        Array.Clear(_holds);
        _events.Clear();
        _eventTime = bar.Price.Time;
        var px = a0 <= 0 ? bar.Price : bar.Assets[a0].Price;
        decimal spotClose = a0 <= 0 ? bar.SpotClose : bar.Assets[a0].SpotClose;

        // 1–2. Funding, then the bar's range: stops and liquidation, then take-profits.
        if (Book.AnyOpen) ExitOnRange(bar, a0, px);

        // 3. The close: the ratio rules' conditions (and While levels), with the legs as the bar left them.
        decimal lastClose = px.LastClose;
        RecordCloses(bar, spotClose);
        // The sums in DecimalFast (bit for bit the decimal operators); the spot's value is the same at both rule passes (only
        // the spot rules after them trade spot).
        decimal spotValue = HeldValue(SpotQuantity, spotClose, SpotCash);
        decimal equityBefore = DecimalFast.Add(spotValue, HedgeMoney(lastClose));
        decimal startEquity = t == 0 ? equityBefore : StartEquity;
        decimal ratioRulePnl = DecimalFast.Subtract(equityBefore, startEquity);
        Span<decimal?> entries = _entries;
        Entries(entries);
        int entriesVersion = Book.MoneyVersion;
        var ratioContext = new PlanContext(t, bar.Opens - start, spotClose, lastClose, Window, bar.Signals, ratioRulePnl, entries, _markets);
        ApplyRatioRules(EvaluateRatioRules(ratioContext));
        TradeToTargets(bar, t, spotClose, lastClose);

        // 4. The other rules, in plan order, with the legs as the ratio rules left them (an entry moves only with a fill).
        if (Book.MoneyVersion != entriesVersion) Entries(entries);
        // A quiet bar (no fill, payment or exit since equityBefore: the book's money version is the same) has the same legs'
        // money, so the same sums of the same decimals: equityBefore and ratioRulePnl again, not recomputed.
        bool quiet = Book.MoneyVersion == entriesVersion;
        decimal otherRulePnl = quiet ? ratioRulePnl : DecimalFast.Subtract(DecimalFast.Add(spotValue, HedgeMoney(lastClose)), startEquity);
        var otherContext = new PlanContext(t, bar.Opens - start, spotClose, lastClose, Window, bar.Signals, otherRulePnl, entries, _markets);
        var rules = Plan.Rules;
        for (int r = 0; r < rules.Length; r++)
            if (!rules[r].Action.SetsRatio) Evaluate(rules[r], r, otherContext, _holds, _armed, _fired);
        decimal spotQ = SpotQuantity, cash = SpotCash;
        bool spotTraded = ApplyOtherRules(spotClose, lastClose, ref spotQ, ref cash);

        // Stops follow the legs' entries.
        FollowStops(bar, a0);

        if (_markets is not null) _spotQ[0] = spotQ;
        decimal unhedged = spotTraded ? HeldValue(spotQ, spotClose, cash) : spotValue;
        Equity = !spotTraded && Book.MoneyVersion == entriesVersion ? equityBefore : DecimalFast.Add(unhedged, HedgeMoney(lastClose));
        UnhedgedEquity = unhedged;
        SpotQuantity = spotQ; SpotCash = cash;
        Bars = t + 1; StartTime = start; StartEquity = startEquity; LastCloseTime = _eventTime;
        RatioRulePnl = ratioRulePnl; OtherRulePnl = otherRulePnl;
    }

    /// <summary>Phases 1–2 (a book with an open leg): the bar's funding, then its range — stops and liquidation, then take-profits; the legs that exited are flat.</summary>
    private void ExitOnRange(in PlanBar bar, int a0, PriceBar px)
    {
        var markets = _markets;
        var plan = Plan;
        var book = Book;
        var legs = _legs;
        var exited = _exited;
        var tally = Totals;
        if (markets is null)
            foreach (var print in a0 <= 0 ? bar.Funding : bar.Assets[a0].Funding) Settle(print, null, 0);
        else
            // Each asset's prints settle on the legs of its contracts.
            for (int k = 0; k < markets.Assets.Length; k++)
                if (Array.IndexOf(plan.LegAsset, k) >= 0)
                    foreach (var print in FundingOf(bar, k)) Settle(print, plan.LegAsset, k);
        var wasOpen = _wasOpen;
        for (int i = 0; i < legs.Length; i++) wasOpen[i] = book[i].IsOpen;
        if (markets is null) book.Move(px);
        else
            for (int k = 0; k < markets.Assets.Length; k++)
                if (Array.IndexOf(plan.LegAsset, k) >= 0) book.Move(PriceOf(bar, k), plan.LegAsset, k);
        bool heldThrough = false;
        for (int i = 0; i < legs.Length; i++)
        {
            if (!wasOpen[i]) continue;
            ref readonly var nl = ref book[i];
            if (nl.IsOpen) { heldThrough |= i == 0; continue; }
            exited[i] = true; tally.Trades++; legs[i].Held = 0m;
            decimal exitPrice = nl.ExitPrice ?? 0m; // a leg that exited has its exit price
            if (nl.Exit == HedgeExit.Liquidated) { tally.Liquidations++; Event(PlanEventKind.Liquidated, i, -1, 0m, exitPrice, $"leg {i} liquidated at {Px(exitPrice)}"); }
            else { tally.Stops++; Event(PlanEventKind.Stopped, i, -1, 0m, exitPrice, $"leg {i} stopped at {Px(exitPrice)}"); }
        }
        if (heldThrough) tally.BarsHedged++;
        for (int i = 0; i < legs.Length; i++)
        {
            var takeProfit = plan.Legs[i].TakeProfit; // plain locals in guards (docs/testing.md, Safe Mode)
            var p = book[i].Position;
            if (takeProfit is null || p is null) continue;
            decimal tp = takeProfit.Value;
            var lpx = markets is null ? px : PriceOf(bar, plan.LegAsset[i]);
            bool hit = p.Side == Side.Short ? lpx.LastLow <= tp : lpx.LastHigh >= tp;
            if (!hit) continue;
            decimal fill = p.Side == Side.Short ? Math.Min(tp, lpx.LastOpen) : Math.Max(tp, lpx.LastOpen);
            decimal q = p.Quantity;
            book.TradeTo(i, 0m, fill);
            exited[i] = true; tally.Trades++; legs[i].Held = 0m;
            Event(PlanEventKind.TookProfit, i, -1, q, fill, $"leg {i} took profit at {Px(fill)}");
        }
        for (int i = 0; i < legs.Length; i++)
            if (exited[i]) legs[i].Flat = true; // what follows is the plan's re-entry
    }

    /// <summary>Phase 3's close: the first asset's close into the window; a plan over several assets records every asset's closes and each leg's perpetual close.</summary>
    private void RecordCloses(in PlanBar bar, decimal spotClose)
    {
        Window.Add((double)spotClose);
        if (_markets is not { } markets) return;
        for (int k = 0; k < markets.Assets.Length; k++)
        {
            var kp = PriceOf(bar, k);
            decimal kc = SpotCloseOf(bar, k);
            markets.SpotClose[k] = kc; markets.LastClose[k] = kp.LastClose;
            if (k > 0) markets.Windows[k].Add((double)kc);
        }
        for (int i = 0; i < _legs.Length; i++) _legLast[i] = markets.LastClose[Plan.LegAsset[i]];
    }

    /// <summary>The ratio rules' conditions at the close, in plan order; returns whether the plan's re-entry condition holds (a flat leg re-enters now).</summary>
    private bool EvaluateRatioRules(in PlanContext ctx)
    {
        var rules = Plan.Rules;
        for (int r = 0; r < rules.Length; r++)
            if (rules[r].Action.SetsRatio) Evaluate(rules[r], r, ctx, _holds, _armed, _fired);
        var reentry = Plan.AfterExit;
        return reentry.ReEnters && (reentry.When is null || reentry.When.Evaluate(ctx));
    }

    /// <summary>Re-entry after an exit on an earlier bar, then the ratio rules that fired, in plan order (a leg's base ratio, or its removal).</summary>
    private void ApplyRatioRules(bool reenterNow)
    {
        var legs = _legs;
        var rules = Plan.Rules;
        for (int i = 0; i < legs.Length; i++)
            if (legs[i].Flat && !_exited[i] && reenterNow) legs[i].Flat = false;
        for (int r = 0; r < rules.Length; r++)
        {
            if (!_fired[r] || !rules[r].Action.SetsRatio) continue;
            var a = rules[r].Action;
            ref var ls = ref legs[a.Leg];
            if (ls.Retired) { Event(PlanEventKind.RuleIdle, a.Leg, r, 0m, 0m, $"{rules[r].Name}: leg {a.Leg} was removed"); continue; }
            if (a.Kind == RuleActionKind.Remove) ls.Retired = true;
            else { ls.Base = a.Value; ls.Flat = false; }
            Event(PlanEventKind.RuleFired, a.Leg, r, 0m, 0m, rules[r].Name);
        }
    }

    /// <summary>Each leg to its target ratio (a While rule that holds, else its base; 0 when removed or flat): traded when the target changed, a re-hedge is due, or it is closed with a target.</summary>
    private void TradeToTargets(in PlanBar bar, int t, decimal spotClose, decimal lastClose)
    {
        var plan = Plan;
        var markets = _markets;
        var book = Book;
        var legs = _legs;
        var rules = plan.Rules;
        var holds = _holds;
        int rehedgeBars = plan.RehedgeEveryDays == 0 ? 0
            : (int)decimal.Ceiling((decimal)plan.RehedgeEveryDays * TimeSpan.TicksPerDay / Math.Max(1L, bar.Interval.Ticks));
        for (int i = 0; i < legs.Length; i++)
        {
            ref var ls = ref legs[i];
            decimal target = ls.Base;
            for (int r = 0; r < rules.Length; r++)
                if (rules[r].Trigger == RuleTrigger.While && holds[r] && rules[r].Action.Leg == i) { target = rules[r].Action.TargetRatio; break; }
            if (ls.Retired || ls.Flat) target = 0m;
            bool open = book[i].IsOpen;
            bool changed = DecimalFast.Compare(target, ls.LastTarget) != 0;
            bool rehedgeDue = open && rehedgeBars > 0 && t - ls.OpenedOn >= rehedgeBars;
            if (!_exited[i] && (changed || rehedgeDue || (!open && target > 0m)))
            {
                var leg = plan.Legs[i];
                // A plan over several assets: the leg trades at its own contract's close, sized on the holding it hedges.
                decimal legLast = markets is null ? lastClose : _legLast[i];
                int hk = plan.LegHedged[i];
                decimal quantity = markets is null ? leg.QuantityFor(target, SpotQuantity, spotClose, lastClose)
                    : leg.QuantityFor(target, _spotQ[hk], markets.SpotClose[hk], legLast);
                TradeFill fill;
                // A size the contract cannot take (beyond its largest tier, say) is the plan's, not the engine's parameter.
                try { fill = book.TradeTo(i, quantity, legLast); }
                catch (ArgumentException e)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Leg {i} of the plan cannot trade to {quantity} {leg.Contract.Symbol} at {legLast} on the bar closing {_eventTime:yyyy-MM-dd HH:mm} UTC: {e.Message}"), "plan", e);
                }
                if (fill.FilledQuantity > 0m)
                {
                    Totals.Trades++;
                    Totals.LotRounding += fill.RoundingDifference;
                    if (!open || rehedgeDue || changed) ls.OpenedOn = t;
                    Event(PlanEventKind.Traded, i, -1, fill.FilledQuantity, legLast,
                        string.Create(CultureInfo.InvariantCulture, $"leg {i} {fill.Side} {fill.FilledQuantity} {leg.Contract.Symbol} at {Px(legLast)} (target ratio {target})"), fill.Side);
                }
                ls.Held = book[i].IsOpen ? target : 0m;
                ls.LastTarget = target;
                for (int r = 0; r < rules.Length; r++)
                    if (rules[r].Trigger == RuleTrigger.OncePerPosition && rules[r].Action.Leg == i) _armed[r] = true;
            }
            else if (_exited[i]) ls.LastTarget = -1m;
        }
    }

    /// <summary>Phase 4's actions: the other rules that fired, in plan order (partial closes, stop moves, spot trades); returns whether spot was traded.</summary>
    private bool ApplyOtherRules(decimal spotClose, decimal lastClose, ref decimal spotQ, ref decimal cash)
    {
        var markets = _markets;
        var book = Book;
        var rules = Plan.Rules;
        bool spotTraded = false;
        for (int r = 0; r < rules.Length; r++)
        {
            if (!_fired[r] || rules[r].Action.SetsRatio) continue;
            var a = rules[r].Action;
            switch (a.Kind)
            {
                case RuleActionKind.CloseFraction:
                    if (book[a.Leg].Position is not { } pos) { Event(PlanEventKind.RuleIdle, a.Leg, r, 0m, 0m, $"{rules[r].Name}: leg {a.Leg} is flat"); break; }
                    decimal closeAt = markets is null ? lastClose : _legLast[a.Leg];
                    var fill = book.TradeTo(a.Leg, pos.Quantity * (1m - a.Value), closeAt);
                    if (fill.FilledQuantity > 0m) { Totals.Trades++; Totals.Partials++; }
                    _legs[a.Leg].Held *= 1m - a.Value;
                    Event(PlanEventKind.PartlyClosed, a.Leg, r, fill.FilledQuantity, closeAt, rules[r].Name);
                    break;
                case RuleActionKind.MoveStop:
                    _legs[a.Leg].Stop = a.Stop;
                    if (a.Stop is null) book.RemoveStop(a.Leg);
                    Event(PlanEventKind.RuleFired, a.Leg, r, 0m, 0m, rules[r].Name);
                    break;
                default:
                    spotTraded |= TradeSpot(r, spotClose, ref spotQ, ref cash);
                    break;
            }
        }
        return spotTraded;
    }

    /// <summary>A spot rule's trade (buy or sell spot) at the close; returns whether it traded (false: nothing held to sell).</summary>
    private bool TradeSpot(int r, decimal spotClose, ref decimal spotQ, ref decimal cash)
    {
        var markets = _markets;
        var rule = Plan.Rules[r];
        var a = rule.Action;
        // A spot action trades the plan's first asset unless it names another (a plan over several assets).
        int sk = markets is null || a.Asset is null ? 0 : markets.IndexOf(a.Asset);
        decimal held = markets is null || sk == 0 ? spotQ : _spotQ[sk];
        decimal at = markets is null || sk == 0 ? spotClose : markets.SpotClose[sk];
        // A quantity action trades its units (a sale at most what is held); a fraction action a share of the holding.
        decimal q = !a.IsQuantity ? held * a.Value : a.Kind == RuleActionKind.SellSpot ? Math.Min(a.Value, held) : a.Value;
        if (q == 0m) { Event(PlanEventKind.RuleIdle, -1, r, 0m, 0m, $"{rule.Name}: no spot held"); return false; }
        decimal value = q * at, fee = value * Plan.SpotFeeRate;
        if (a.Kind == RuleActionKind.SellSpot) { held -= q; cash += value - fee; }
        else { held += q; cash -= value + fee; }
        if (markets is null || sk == 0) spotQ = held; else _spotQ[sk] = held;
        Event(PlanEventKind.SpotTraded, -1, r, q, at, rule.Name);
        return true;
    }

    /// <summary>Each open leg's stop re-placed from its entry (and the ATR at the close), on the contract's tick; removed when the spec gives no price.</summary>
    private void FollowStops(in PlanBar bar, int a0)
    {
        var plan = Plan;
        var book = Book;
        var legs = _legs;
        for (int i = 0; i < legs.Length; i++)
        {
            var spec = legs[i].Stop; // plain locals in guards (docs/testing.md, Safe Mode)
            var p = book[i].Position;
            if (spec is null || p is null) continue;
            double legAtr = _markets is null ? (a0 <= 0 ? bar.Atr : bar.Assets[a0].Atr) : AtrOf(bar, plan.LegAsset[i]);
            decimal? sp = spec.PriceFor(p.Side == Side.Short, p.EntryPrice, legAtr);
            if (sp is { } raw)
            {
                // An exchange takes a trigger price on the tick: a short's stop (above) down to it, a long's (below) up to
                // it — toward the entry, never looser than the plan says. The order placed now (PlanStatus) is this one.
                var c = plan.Legs[i].Contract;
                decimal onTick = c.RoundPrice(raw, p.Side == Side.Short ? MidpointRounding.ToZero : MidpointRounding.ToPositiveInfinity);
                book.SetStop(i, onTick > 0m ? onTick : c.TickSize, spec.Trigger, spec.Slippage);
            }
            else book.RemoveStop(i);
        }
    }

    /// <summary>
    /// The plan's first asset's index among the bar's assets (<see cref="PlanBar.Assets"/>; −1: the bar's own prices, a bar of
    /// one asset's prices); on a bar of several assets, each plan asset's index in <c>_barIndex</c>. A plan over several assets
    /// needs a bar of every one of them.
    /// </summary>
    private int Resolve(in PlanBar bar)
    {
        var assets = Plan.Assets;
        var carried = bar.Assets;
        if (carried.IsEmpty)
        {
            if (assets.Length > 1)
                Preconditions.ThrowArgument(nameof(bar), $"carries one asset's prices, but the plan runs on {string.Join(", ", assets)}: create it with PlanBar.Create(opens, assets)");
            return -1;
        }
        for (int k = 0; k < assets.Length; k++)
        {
            int j = bar.IndexOf(assets[k]);
            if (j < 0)
                Preconditions.ThrowArgument(nameof(bar), $"has no prices for {assets[k]} (it carries {string.Join(", ", carried.Select(x => x.Asset))}; the plan runs on {string.Join(", ", assets)})");
            _barIndex[k] = j;
        }
        return _barIndex[0];
    }

    // Asset k's prices in a bar of several assets. Only a plan over several assets reads them, and Resolve has found every one
    // of its assets in the bar (a bar of one asset's prices is refused), so the index is never −1 here.
    private PriceBar PriceOf(in PlanBar bar, int k) => bar.Assets[_barIndex[k]].Price;
    private decimal SpotCloseOf(in PlanBar bar, int k) => bar.Assets[_barIndex[k]].SpotClose;
    private ImmutableArray<FundingPrint> FundingOf(in PlanBar bar, int k) => bar.Assets[_barIndex[k]].Funding;
    private double AtrOf(in PlanBar bar, int k) => bar.Assets[_barIndex[k]].Atr;

    /// <summary>One funding print settled on the open legs (those of asset <paramref name="asset"/> when <paramref name="legAsset"/> is given).</summary>
    private void Settle(in FundingPrint print, int[]? legAsset, int asset) => Book.Fund(print, legAsset, asset);

    /// <summary>The unhedged equity at the close: the spot held (the first asset's quantity × its close; a plan over several
    /// assets adds each other asset's quantity × its close) plus the spot cash.</summary>
    private decimal HeldValue(decimal firstQuantity, decimal spotClose, decimal cash)
    {
        if (_markets is not { } m) return HoldingValue(firstQuantity, spotClose, cash);
        decimal v = DecimalFast.Multiply(firstQuantity, spotClose);
        for (int k = 1; k < _spotQ.Length; k++) if (_spotQ[k] != 0m) v += DecimalFast.Multiply(_spotQ[k], m.SpotClose[k]);
        return DecimalFast.Add(v, cash);
    }

    /// <summary>The unhedged equity of a plan of one asset at a close: quantity × close + cash (the sum in <see cref="DecimalFast"/>,
    /// bit for bit the decimal operators). The one formula: the history clock rebuilds its unhedged curve with it.</summary>
    internal static decimal HoldingValue(decimal quantity, decimal close, decimal cash) => DecimalFast.Add(DecimalFast.Multiply(quantity, close), cash);

    private void Event(PlanEventKind kind, int leg, int rule, decimal qty, decimal price, string detail, Side? side = null) =>
        _events.Add(new PlanEvent(_eventTime, kind, leg, rule, qty, price, detail) { TradeSide = side });

    private static void Evaluate(PlanRule rule, int r, in PlanContext ctx, bool[] holds, bool[] armed, bool[] fired)
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
    private static string Px(decimal price) =>
        Math.Round(price, 8, MidpointRounding.AwayFromZero).ToString("#,0.########", CultureInfo.InvariantCulture);

    private void Entries(Span<decimal?> entries)
    {
        for (int i = 0; i < entries.Length; i++) entries[i] = Book[i].Position?.EntryPrice;
    }

    /// <summary>The legs' money in the quote asset: per settlement asset, <see cref="HedgeBook.NetPnl"/> at the perpetual close (an inverse leg's coin × the close).
    /// Kept while the book's money and the close are the same (a bar on which nothing trades reads it three times).</summary>
    private decimal HedgeMoney(decimal lastClose)
    {
        if (_markets is not null) return HedgeMoneyOfLegs();
        // The same decimal, scale included (50,000.0 and 50,000.00 are equal but print differently).
        // With no leg open and every leg linear the money does not depend on the close (no unrealized PnL, nothing × the close).
        if (Book.MoneyVersion == _moneyVersion && (_moneyFlat || DecimalFast.Identical(lastClose, _moneyPrice))) return _money;
        _money = HedgeMoneyAt(lastClose);
        _moneyVersion = Book.MoneyVersion;
        _moneyPrice = lastClose;
        _moneyFlat = !Book.AnyOpen && _allLinear;
        return _money;
    }

    /// <summary>The legs' money in the quote asset in a plan over several assets: per settlement asset, the legs' net at each one's own close (an inverse leg's coin × its close).</summary>
    private decimal HedgeMoneyOfLegs() => HedgeMoney(_legLast, 0m);

    private decimal HedgeMoneyAt(decimal lastClose) => HedgeMoney(null, lastClose);

    /// <summary>
    /// The one sum of the legs' money in the quote asset: per settlement asset (once, at its first leg), the book's net
    /// (realized − fees + funding + unrealized) valued at each leg's own close (<paramref name="legLast"/>, a plan over
    /// several assets) or at the one <paramref name="lastClose"/>; an inverse leg's coin × that close.
    /// </summary>
    private decimal HedgeMoney(decimal[]? legLast, decimal lastClose)
    {
        decimal sum = 0m;
        var legs = Plan.Legs;
        for (int i = 0; i < legs.Length; i++)
        {
            var c = legs[i].Contract;
            bool seen = false;
            for (int j = 0; j < i; j++) seen |= legs[j].Contract.SettlementAsset == c.SettlementAsset;
            if (seen) continue;
            decimal m = legLast is null ? Book.NetPnl(c.SettlementAsset, lastClose) : Book.NetPnl(c.SettlementAsset, legLast);
            decimal close = legLast is null ? lastClose : legLast[i];
            sum = DecimalFast.Add(sum, c.Type == ContractType.Linear ? m : m * close);
        }
        return sum;
    }
}
