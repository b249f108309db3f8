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
/// <para>One implementation: the step is written once, in an internal stepper that holds the state mutably (the book's
/// legs as values, the rules' flags, a ring of the closes the conditions read). The live and history clocks own one and
/// step it in place, building a state only when asked; <see cref="Step"/> runs it on a copy of this state. The two agree
/// exactly (property-tested on random plans and bars).</para>
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
    /// <summary>The spot quantity of the plan's first asset held now (changed only by sell/buy rules).</summary>
    public decimal SpotQuantity { get; }

    /// <summary>The spot quantity of an asset held now (a plan over several assets; changed only by sell/buy rules).</summary>
    /// <param name="asset">The asset (any case).</param>
    /// <returns>The quantity; 0 for an asset the plan does not hold.</returns>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is null or empty.</exception>
    public decimal SpotQuantityOf(string asset)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        int k = PlanDefinition.IndexOf(Plan.Assets, asset);
        return k == 0 ? SpotQuantity : k < 0 || SpotQuantities is null ? 0m : SpotQuantities[k];
    }

    /// <summary>The spot held of each of <see cref="PlanDefinition.Assets"/> (a plan over several assets), or null.</summary>
    internal decimal[]? SpotQuantities { get; private init; }
    /// <summary>Each asset's window of closes (a plan over several assets; index 0 is <see cref="Window"/>'s place), or null.</summary>
    internal PriceWindow[]? AssetWindows { get; private init; }
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
        var window = PriceWindow.Empty([.. plan.MovingAveragePeriods], plan.WindowLength);
        decimal[]? quantities = null;
        PriceWindow[]? windows = null;
        if (plan.IsMultiAsset)
        {
            quantities = new decimal[plan.Assets.Length];
            windows = new PriceWindow[plan.Assets.Length];
            windows[0] = window;
            for (int k = 0; k < quantities.Length; k++)
            {
                quantities[k] = k == 0 ? plan.SpotQuantity : plan.SpotQuantityOf(plan.Assets[k]);
                if (k > 0) windows[k] = PriceWindow.Empty(plan.AssetPeriods[k], plan.AssetWindowLength[k]);
            }
        }
        return new PlanState(plan, book, 0, null, plan.SpotQuantity, 0m, 0m, 0m, 0m, legs, armed, new bool[plan.Rules.Length],
            window, new Tally(), default) { SpotQuantities = quantities, AssetWindows = windows };
    }

    /// <summary>Steps the plan through one bar: funding, stops, take-profits and liquidation, then the rules at the close.</summary>
    /// <param name="bar">The bar (after the previous one).</param>
    /// <returns>The new state and what happened.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bar opens before the previous bar closed, or is the default.</exception>
    /// <remarks>The step runs on a copy of this state (<see cref="PlanStepper"/>, the one implementation the clocks also run in
    /// place); this state does not change.</remarks>
    public PlanStepResult Step(in PlanBar bar)
    {
        var stepper = new PlanStepper(this);
        stepper.Step(bar);
        var state = stepper.Snapshot();
        return new PlanStepResult(state, stepper.EventsArray()) { Bar = state.Bars - 1, Signals = bar.Signals };
    }

    /// <summary>A state of a stepper's parts (each copied: the stepper goes on changing its own).</summary>
    internal static PlanState Of(PlanStepper s, LegState[] legs, bool[] armed, bool[] holds)
    {
        var window = s.Window.Clone();
        return new(s.Plan, s.Book.ToBook(), s.Bars, s.StartTime, s.SpotQuantity, s.SpotCash, s.StartEquity, s.Equity, s.UnhedgedEquity,
            (LegState[])legs.Clone(), (bool[])armed.Clone(), (bool[])holds.Clone(), window, s.Totals.Copy(), s.LastCloseTime)
        {
            RatioRulePnl = s.RatioRulePnl, OtherRulePnl = s.OtherRulePnl,
            SpotQuantities = s.AssetWindows is null ? null : (decimal[])s.SpotQuantities.Clone(),
            AssetWindows = s.AssetWindows is null ? null : CloneWindows(s.AssetWindows, window),
        };
    }

    // The copies of the other assets' windows; index 0 is the state's own Window.
    private static PriceWindow[] CloneWindows(PriceWindow[] windows, PriceWindow first)
    {
        var copy = new PriceWindow[windows.Length];
        for (int k = 1; k < copy.Length; k++) copy[k] = windows[k].Clone();
        copy[0] = first;
        return copy;
    }

    internal LegState[] CopyLegs() => (LegState[])_legs.Clone();
    internal bool[] CopyArmed() => (bool[])_armed.Clone();
    internal bool[] CopyHolds() => (bool[])_holds.Clone();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Plan.Name}: {Bars} bars, equity {Equity:0.##}");

    internal struct LegState
    {
        public decimal Base, LastTarget, Held;
        public bool Retired, Flat;
        public int OpenedOn;
        public LegStop? Stop;
    }

    /// <summary>Running totals of a run (trades, exits, lot rounding), for reports.</summary>
    internal sealed class Tally
    {
        public int Trades, Stops, Liquidations, Partials, BarsHedged;
        public decimal LotRounding;
        public Tally Copy() => (Tally)MemberwiseClone();
    }
}
