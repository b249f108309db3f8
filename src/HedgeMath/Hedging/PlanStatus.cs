using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>
/// The *now* clock's answer: a plan at the latest close of its bars — every rule's state and why, each leg's ratio,
/// position, distances to its stop and liquidation price and the margin it needs, and the orders to place now.
/// </summary>
/// <remarks>
/// <para>Nothing here evaluates a rule: the plan was stepped through its bars by the one step
/// (<see cref="PlanState.Step"/>; over a candle history by <c>HedgeMath.Scenarios.PlanHistory.Now</c>) and this reads
/// the last step. The orders are (1) a market order for each trade the step made at the latest close — a leg brought to
/// its target (reduce-only when it makes the leg smaller), a fraction closed (reduce-only), spot sold or bought — and
/// (2) the standing protective orders of each open leg: its stop as a stop-market, reduce-only order for the whole
/// position, triggered on the mark or the last price as its <see cref="LegStop"/> says, and its take-profit as a
/// take-profit-market order on the last price. <see cref="ActionDue"/> is true when the latest bar asks for a trade or a
/// rule fired on it (a moved stop is an action too).</para>
/// <para>Why-texts come from each condition evaluated against the latest close's data (the closes, the signals at the
/// close, the plan's PnL the step used for that rule, the legs' entries after the close). Immutable and thread-safe.</para>
/// </remarks>
public sealed record PlanStatus
{
    private PlanStatus() { }

    /// <summary>The plan.</summary>
    public PlanDefinition Plan { get; private init; } = null!;
    /// <summary>The state after the latest bar.</summary>
    public PlanState State { get; private init; } = null!;
    /// <summary>When the latest bar closed.</summary>
    public DateTimeOffset Time { get; private init; }
    /// <summary>The latest spot close.</summary>
    public decimal SpotClose { get; private init; }
    /// <summary>The latest mark close.</summary>
    public decimal MarkClose { get; private init; }
    /// <summary>The latest perpetual (last price) close.</summary>
    public decimal LastClose { get; private init; }
    /// <summary>The quote asset of the plan's money (the first leg's contract's).</summary>
    public string QuoteAsset => Plan.Legs.IsDefaultOrEmpty ? Plan.Holdings[0].QuoteAsset : Plan.Legs[0].Contract.QuoteAsset;
    /// <summary>Each rule, in the plan's order.</summary>
    public ImmutableArray<PlanRuleStatus> Rules { get; private init; }
    /// <summary>Each leg, in the plan's order.</summary>
    public ImmutableArray<PlanLegStatus> Legs { get; private init; }
    /// <summary>The orders to place now: market orders for the latest bar's trades first, then the standing protective orders.</summary>
    public ImmutableArray<PlanOrder> Orders { get; private init; }
    /// <summary>What happened on the latest bar (stops, liquidations, rules, trades).</summary>
    public ImmutableArray<PlanEvent> Events { get; private init; }
    /// <summary>The margin to keep in the futures wallet for all legs, in the quote asset (the sum of <see cref="PlanLegStatus.MarginInQuote"/>).</summary>
    public decimal MarginInQuote { get; private init; }
    /// <summary>True when the latest bar asks for an action: a trade to place or a rule that fired (not idle).</summary>
    public bool ActionDue { get; private init; }
    /// <summary>The plan's equity at the latest close (quote asset).</summary>
    public decimal Equity => State.Equity;
    /// <summary>The plan's PnL since its first bar (quote asset).</summary>
    public decimal Pnl => State.Pnl;

    /// <summary>The status after a step: reads the state and the events of the latest bar.</summary>
    /// <param name="lastStep">The step of the latest bar.</param>
    /// <param name="lastBar">The bar that step was given (its closes, signals and times).</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lastStep"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="lastBar"/> is the default or is not the bar of <paramref name="lastStep"/> (another close time).</exception>
    public static PlanStatus Of(PlanStepResult lastStep, in PlanBar lastBar)
    {
        Preconditions.NotNull(lastStep);
        if (lastBar.SpotClose <= 0m) Preconditions.ThrowArgument(nameof(lastBar), "must be created with PlanBar.Create (default(PlanBar) is not a bar)");
        var state = lastStep.State;
        if (lastBar.Price.Time != state.LastCloseTime)
            Preconditions.ThrowArgument(nameof(lastBar), string.Create(CultureInfo.InvariantCulture,
                $"closes at {lastBar.Price.Time:yyyy-MM-ddTHH:mm:ssZ}, but the step's bar closed at {state.LastCloseTime:yyyy-MM-ddTHH:mm:ssZ}: give the bar the step was made with"));
        var plan = state.Plan;
        var events = lastStep.Events;
        var (price0, spot0) = lastBar.PricesOf(plan.Asset);
        var (markets, legMark, legLast) = Markets(state, lastBar, price0, spot0);
        var rules = RuleStatuses(state, events, lastBar, spot0, price0.LastClose, markets, out bool fired);
        var (legs, marginQuote) = LegStatuses(state, legMark, legLast);
        var orders = ImmutableArray.CreateBuilder<PlanOrder>();
        AddMarketOrders(orders, plan, events);
        bool due = fired || orders.Count > 0;
        AddProtectiveOrders(orders, plan, state.Book);
        return new PlanStatus
        {
            Plan = plan, State = state, Time = lastBar.Price.Time, SpotClose = spot0, MarkClose = price0.Close, LastClose = price0.LastClose,
            Rules = rules, Legs = legs, Orders = orders.ToImmutable(), Events = events,
            MarginInQuote = marginQuote, ActionDue = due,
        };
    }

    /// <summary>
    /// The latest closes by asset (a plan over several assets: each asset's closes from the bar, its window from the
    /// state; null for a plan on one asset) and each leg's mark and last close (its asset's).
    /// </summary>
    private static (PlanMarkets? Markets, decimal[] LegMark, decimal[] LegLast) Markets(PlanState state, in PlanBar lastBar, PriceBar price0, decimal spot0)
    {
        var plan = state.Plan;
        PlanMarkets? markets = null;
        var legMark = new decimal[plan.Legs.Length];
        var legLast = new decimal[plan.Legs.Length];
        if (plan.IsMultiAsset && state.AssetWindows is { } windows)
        {
            markets = new PlanMarkets(plan, windows);
            for (int k = 0; k < plan.Assets.Length; k++)
            {
                var (pk, sk) = lastBar.PricesOf(plan.Assets[k]);
                markets.SpotClose[k] = sk; markets.LastClose[k] = pk.LastClose;
            }
        }
        for (int i = 0; i < plan.Legs.Length; i++)
        {
            var (pi, _) = markets is null ? (price0, spot0) : lastBar.PricesOf(plan.Legs[i].Contract.BaseAsset);
            legMark[i] = pi.Close; legLast[i] = pi.LastClose;
        }
        return (markets, legMark, legLast);
    }

    /// <summary>Each rule: the step's verdicts (fired, idle, held, armed) and its condition's explanation against the latest close.</summary>
    private static ImmutableArray<PlanRuleStatus> RuleStatuses(PlanState state, ImmutableArray<PlanEvent> events, in PlanBar lastBar,
        decimal spot0, decimal last, PlanMarkets? markets, out bool anyFired)
    {
        var plan = state.Plan;
        var book = state.Book;
        var entries = new decimal?[plan.Legs.Length];
        for (int i = 0; i < entries.Length; i++) entries[i] = book.Legs[i].Position?.EntryPrice;
        var elapsed = lastBar.Opens - (state.StartTime ?? lastBar.Opens);
        var ratioCtx = new PlanContext(state.Bars - 1, elapsed, spot0, last, state.Window, lastBar.Signals, state.RatioRulePnl, entries, markets);
        var otherCtx = new PlanContext(state.Bars - 1, elapsed, spot0, last, state.Window, lastBar.Signals, state.OtherRulePnl, entries, markets);
        var rules = ImmutableArray.CreateBuilder<PlanRuleStatus>(plan.Rules.Length);
        anyFired = false;
        for (int r = 0; r < plan.Rules.Length; r++)
        {
            var rule = plan.Rules[r];
            bool fired = false, idle = false;
            foreach (var e in events)
            {
                if (e.Rule != r) continue;
                if (e.Kind == PlanEventKind.RuleIdle) idle = true;
                else if (e.Kind is PlanEventKind.RuleFired or PlanEventKind.PartlyClosed or PlanEventKind.SpotTraded) fired = true;
            }
            anyFired |= fired;
            string why = rule.Action.SetsRatio ? rule.When.Explain(ratioCtx) : rule.When.Explain(otherCtx);
            decimal levelFrom = spot0;
            if (markets is not null && rule.When is PlanCondition.AssetScoped scoped && markets.IndexOf(scoped.Asset) is var k and >= 0) levelFrom = markets.SpotClose[k];
            rules.Add(new PlanRuleStatus(r, rule, state.RuleHeld(r), state.RuleArmed(r), fired, idle, why, levelFrom));
        }
        return rules.MoveToImmutable();
    }

    /// <summary>Each leg: position, distances to its stop and liquidation price, and the margin it needs; and their margin in the quote asset.</summary>
    private static (ImmutableArray<PlanLegStatus> Legs, decimal MarginInQuote) LegStatuses(PlanState state, decimal[] legMark, decimal[] legLast)
    {
        var plan = state.Plan;
        var book = state.Book;
        var legs = ImmutableArray.CreateBuilder<PlanLegStatus>(plan.Legs.Length);
        var crossLiq = CrossFigures(book, legMark);
        decimal marginQuote = 0m;
        for (int i = 0; i < plan.Legs.Length; i++)
        {
            var leg = plan.Legs[i];
            var bl = book.Legs[i];
            var p = bl.Position;
            decimal legM = legMark[i], legL = legLast[i];
            decimal? stop = p is null ? null : bl.Stop?.Price;
            decimal watched = bl.Stop?.Trigger == TriggerPrice.Last ? legL : legM;
            decimal? liq = p is null ? null : leg.MarginMode == MarginMode.Isolated ? bl.LiquidationPrice : crossLiq[i].Liquidation;
            decimal margin = p is null ? 0m : leg.MarginMode == MarginMode.Isolated ? p.IsolatedMargin : crossLiq[i].Margin;
            decimal inQuote = bl.Quote(margin, legL);
            marginQuote += inQuote;
            bool isShort = leg.Side == Side.Short;
            decimal? Adverse(decimal? level, decimal from) => level is { } l ? (isShort ? l - from : from - l) : null;
            var dStop = Adverse(stop, watched);
            var dLiq = Adverse(liq, legM);
            legs.Add(new PlanLegStatus
            {
                Index = i, Leg = leg, HeldRatio = state.HeldRatio(i), Position = p, UnrealizedPnl = bl.UnrealizedPnl(legL),
                StopPrice = stop, StopTrigger = stop is null ? null : bl.Stop!.Trigger,
                DistanceToStop = dStop, DistanceToStopFraction = dStop / watched,
                LiquidationPrice = liq, DistanceToLiquidation = dLiq, DistanceToLiquidationFraction = dLiq / legM,
                Margin = margin, MarginInQuote = inQuote,
            });
        }
        return (legs.MoveToImmutable(), marginQuote);
    }

    /// <summary>A market order for each trade the latest bar's step made: a leg brought to its target, a fraction closed, spot sold or bought.</summary>
    private static void AddMarketOrders(ImmutableArray<PlanOrder>.Builder orders, PlanDefinition plan, ImmutableArray<PlanEvent> events)
    {
        string SpotSymbol(string? asset) => (asset ?? plan.Asset) + plan.Holdings[0].QuoteAsset;
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case PlanEventKind.Traded when e.TradeSide is { } side:
                    var legT = plan.Legs[e.Leg];
                    orders.Add(new PlanOrder(PlanOrderKind.Market, e.Leg, -1, side, legT.Contract.Symbol, false, e.Quantity, side != legT.Side, null, null, e.Detail));
                    break;
                case PlanEventKind.PartlyClosed when e.Quantity > 0m:
                    var legP = plan.Legs[e.Leg];
                    orders.Add(new PlanOrder(PlanOrderKind.Market, e.Leg, e.Rule, legP.Side.Opposite(), legP.Contract.Symbol, false, e.Quantity, true, null, null, e.Detail));
                    break;
                case PlanEventKind.SpotTraded:
                    var spotAction = plan.Rules[e.Rule].Action;
                    var sell = spotAction.Kind == RuleActionKind.SellSpot;
                    orders.Add(new PlanOrder(PlanOrderKind.Market, -1, e.Rule, sell ? Side.Short : Side.Long, SpotSymbol(spotAction.Asset), true, e.Quantity, false, null, null, e.Detail));
                    break;
            }
        }
    }

    /// <summary>The standing protective orders of each open leg: its stop (stop-market, reduce-only, on the mark or the last price) and its take-profit.</summary>
    private static void AddProtectiveOrders(ImmutableArray<PlanOrder>.Builder orders, PlanDefinition plan, HedgeBook book)
    {
        for (int i = 0; i < plan.Legs.Length; i++)
        {
            var leg = plan.Legs[i];
            var bl = book.Legs[i];
            var p = bl.Position; // plain locals in guards: a mutation tool can drop a `continue` and still compile (docs/testing.md)
            if (p is null) continue;
            var c = leg.Contract;
            if (bl.Stop is { } s)
            {
                // The engine's stop is the order: PlanState.Step places every stop on the tick, toward the entry.
                orders.Add(new PlanOrder(PlanOrderKind.StopMarket, i, -1, p.Side.Opposite(), c.Symbol, false, p.Quantity, true, s.Price, s.Trigger,
                    string.Create(CultureInfo.InvariantCulture, $"leg {i} stop ({leg.Stop?.ToString() ?? "moved by a rule"})")));
            }
            if (leg.TakeProfit is { } tp)
                orders.Add(new PlanOrder(PlanOrderKind.TakeProfitMarket, i, -1, p.Side.Opposite(), c.Symbol, false, p.Quantity, true,
                    Math.Max(c.TickSize, c.RoundPrice(tp)), TriggerPrice.Last, string.Create(CultureInfo.InvariantCulture, $"leg {i} take profit at {tp}")));
        }
    }

    /// <summary>Each cross leg's liquidation price and initial margin at its mark (the book's one cross snapshot, <see cref="HedgeBook.CrossSnapshot"/>).</summary>
    private static (decimal? Liquidation, decimal Margin)[] CrossFigures(HedgeBook book, decimal[] legMark)
    {
        var result = new (decimal? Liquidation, decimal Margin)[book.Legs.Length];
        for (int i = 0; i < book.Legs.Length; i++)
        {
            var l = book.Legs[i];
            if (!l.IsOpen || l.MarginMode != MarginMode.Cross) continue;
            decimal wallet = book.CrossWallets.TryGetValue(l.Contract.SettlementAsset, out var w) ? w : 0m;
            var p = HedgeBook.CrossSnapshot(l, wallet, legMark[i]).Positions[0];
            result[i] = (p.LiquidationPrice, p.InitialMargin);
        }
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Plan.Name} at {Time:yyyy-MM-dd HH:mm}: {(ActionDue ? "action due" : "nothing due")}, {Orders.Length} orders, margin {MarginInQuote:0.##} {QuoteAsset}");
}
