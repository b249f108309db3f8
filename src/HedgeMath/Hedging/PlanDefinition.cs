using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>
/// A whole plan as the user intends it: the holdings, one or more hedge legs (any catalog contract, linear or inverse,
/// isolated or cross, short or long; each with leverage, a stop and an optional take-profit), a leverage cap, the
/// rules (<see cref="PlanRule"/>: when a <see cref="PlanCondition"/> holds, do a <see cref="RuleAction"/>) and what
/// follows a stop or liquidation. <see cref="PlanState"/> runs it, one bar at a time, on the hedge engine.
/// </summary>
/// <remarks>
/// <para>A plan runs on one or more assets (<see cref="Assets"/>): the holdings may be several assets, and each leg hedges
/// one held asset (<see cref="PlanLeg.Hedges"/>, by default its contract's base asset; another asset makes it a cross leg,
/// sized by value, with a basis-risk warning). A bar carries every asset's prices (<see cref="PlanBar"/>). Conditions and
/// spot actions read the first holding's asset (<see cref="Asset"/>) unless they name another
/// (<see cref="PlanCondition.OnAsset"/>, <see cref="RuleAction.SellSpot(decimal, string)"/>). <see cref="HedgePlan"/>
/// remains the one-leg plan with its computed figures; <see cref="FromHedgePlan(HedgePlan)"/> turns one into a definition.</para>
/// <para>Creation validates: at least one holding, legs with leverage within <see cref="LeverageCap"/> that hedge a held
/// asset, cross-margin legs on one underlying, rules that name existing legs and assets. Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class PlanDefinition : IEquatable<PlanDefinition>
{
    /// <summary>The leverage cap when none is given: 125, the largest any shipped contract allows.</summary>
    public const decimal DefaultLeverageCap = 125m;

    private PlanDefinition(string name, ImmutableArray<SpotHolding> holdings, ImmutableArray<PlanLeg> legs, ImmutableArray<PlanRule> rules,
        decimal leverageCap, PlanReentry afterExit, int rehedgeEveryDays, decimal spotFeeRate, decimal crossWallet)
    {
        Name = name; Holdings = holdings; Legs = legs; Rules = rules; LeverageCap = leverageCap; AfterExit = afterExit;
        RehedgeEveryDays = rehedgeEveryDays; SpotFeeRate = spotFeeRate; CrossWallet = crossWallet;
        Assets = AssetsOf(holdings, legs);
        LegAsset = new int[legs.Length];
        LegHedged = new int[legs.Length];
        for (int i = 0; i < legs.Length; i++) { LegAsset[i] = IndexOf(Assets, legs[i].Contract.BaseAsset); LegHedged[i] = IndexOf(Assets, legs[i].Hedges); }
        // Each asset's window: the moving averages and the closes its conditions read (a condition reads the first asset's
        // prices unless PlanCondition.OnAsset names another).
        var periods = new List<int>[Assets.Length];
        var keep = new int[Assets.Length];
        for (int k = 0; k < periods.Length; k++) { periods[k] = []; keep[k] = 2; }
        void Scan(PlanCondition c, string? asset)
        {
            int k = asset is null ? 0 : Math.Max(0, IndexOf(Assets, asset));
            Collect(c, periods[k]);
            keep[k] = Math.Max(keep[k], c.ClosesRead);
        }
        foreach (var r in rules) PlanCondition.WalkScoped(r.When, null, Scan);
        if (afterExit.When is { } aw) PlanCondition.WalkScoped(aw, null, Scan);
        MovingAveragePeriods = [.. periods[0]];
        WindowLength = keep[0];
        AssetPeriods = [.. periods.Select(p => p.ToArray())];
        AssetWindowLength = [.. keep];
        bool signals = false, atr = false;
        foreach (var r in rules) r.When.Walk(c => signals |= c is PlanCondition.SignalActive or PlanCondition.ConfluenceIs or PlanCondition.NearLevel);
        afterExit.When?.Walk(c => signals |= c is PlanCondition.SignalActive or PlanCondition.ConfluenceIs or PlanCondition.NearLevel);
        foreach (var l in legs) atr |= l.Stop?.Kind == LegStopKind.AtrMultiple;
        foreach (var r in rules) atr |= r.Action.Stop?.Kind == LegStopKind.AtrMultiple;
        UsesSignals = signals; UsesAtr = atr;
    }

    /// <summary>Whether a condition reads the signals (a clock computes them only then).</summary>
    internal bool UsesSignals { get; }
    /// <summary>Whether a stop is a multiple of ATR (a clock computes ATR only then).</summary>
    internal bool UsesAtr { get; }

    private static void Collect(PlanCondition c, List<int> periods)
    {
        if (c is PlanCondition.MovingAverage ma && !periods.Contains(ma.Bars)) periods.Add(ma.Bars);
    }

    /// <summary>A name for reports.</summary>
    public string Name { get; }
    /// <summary>The spot holdings (one or more assets; several holdings of one asset are lots of it).</summary>
    public ImmutableArray<SpotHolding> Holdings { get; }
    /// <summary>The hedge legs, in order (rules name them by index).</summary>
    public ImmutableArray<PlanLeg> Legs { get; }
    /// <summary>The rules, in the order they are applied.</summary>
    public ImmutableArray<PlanRule> Rules { get; }
    /// <summary>The highest leverage any leg may use.</summary>
    public decimal LeverageCap { get; }
    /// <summary>What follows a stop, take-profit or liquidation.</summary>
    public PlanReentry AfterExit { get; }
    /// <summary>Bring every open leg back to its target size every this many days (an inverse leg's contract count drifts with the price); 0 = only when the target changes.</summary>
    public int RehedgeEveryDays { get; }
    /// <summary>The fee rate of spot trades done by rules (sell/buy spot), as a fraction of the traded value.</summary>
    public decimal SpotFeeRate { get; }
    /// <summary>The cross wallet balance, in each cross leg's settlement asset, deposited at the start (0 without cross legs).</summary>
    public decimal CrossWallet { get; }

    /// <summary>The plan's first asset (the first holding's): the one its conditions, signals and spot actions read unless they name another.</summary>
    public string Asset => Holdings[0].Asset;
    /// <summary>The spot quantity of <see cref="Asset"/> across the holdings.</summary>
    public decimal SpotQuantity => Holdings.Where(h => h.Asset == Asset).Sum(h => h.Quantity);

    /// <summary>
    /// The assets whose prices a bar carries for this plan: the holdings' assets (first appearance, any case), then the
    /// legs' contracts' base assets the plan does not hold (BTC for a BTCUSDT leg hedging SOL). One asset for a plan whose
    /// legs hedge its own holding; <see cref="Asset"/> first.
    /// </summary>
    public ImmutableArray<string> Assets { get; }

    /// <summary>The spot quantity of an asset across the holdings (0 for an asset the plan does not hold).</summary>
    /// <param name="asset">The asset (any case).</param>
    /// <returns>The quantity.</returns>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is null or empty.</exception>
    public decimal SpotQuantityOf(string asset)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        return Holdings.Where(h => string.Equals(h.Asset, asset, StringComparison.OrdinalIgnoreCase)).Sum(h => h.Quantity);
    }

    /// <summary>Whether the plan runs on more than one asset's prices (<see cref="Assets"/>).</summary>
    internal bool IsMultiAsset => Assets.Length > 1;
    /// <summary>Each leg's contract's asset, as an index into <see cref="Assets"/>.</summary>
    internal int[] LegAsset { get; }
    /// <summary>Each leg's hedged asset (<see cref="PlanLeg.Hedges"/>), as an index into <see cref="Assets"/>.</summary>
    internal int[] LegHedged { get; }

    internal ImmutableArray<int> MovingAveragePeriods { get; }
    /// <summary>The most closes any condition reads back (this one included; at least 2): what a plan's price window keeps.</summary>
    internal int WindowLength { get; }
    /// <summary>Per asset of <see cref="Assets"/>: the moving-average lengths its conditions read (index 0: <see cref="MovingAveragePeriods"/>).</summary>
    internal ImmutableArray<int[]> AssetPeriods { get; }
    /// <summary>Per asset: the closes its conditions read back (index 0: <see cref="WindowLength"/>).</summary>
    internal ImmutableArray<int> AssetWindowLength { get; }

    /// <summary>The index of an asset in <paramref name="assets"/> (any case), or −1.</summary>
    internal static int IndexOf(ImmutableArray<string> assets, string asset)
    {
        for (int k = 0; k < assets.Length; k++) if (string.Equals(assets[k], asset, StringComparison.OrdinalIgnoreCase)) return k;
        return -1;
    }

    private static ImmutableArray<string> AssetsOf(ImmutableArray<SpotHolding> holdings, ImmutableArray<PlanLeg> legs)
    {
        var b = ImmutableArray.CreateBuilder<string>();
        foreach (var h in holdings) if (IndexOf(b.ToImmutable(), h.Asset) < 0) b.Add(h.Asset);
        foreach (var l in legs) if (IndexOf(b.ToImmutable(), l.Contract.BaseAsset) < 0) b.Add(l.Contract.BaseAsset);
        return b.ToImmutable();
    }

    /// <summary>Creates a validated plan.</summary>
    /// <param name="name">A name for reports.</param>
    /// <param name="holdings">The spot holdings (at least one; the first one's asset is the plan's <see cref="Asset"/>).</param>
    /// <param name="legs">The hedge legs (none: spot only).</param>
    /// <param name="rules">The rules, in order; none when null.</param>
    /// <param name="leverageCap">The highest leverage a leg may use, ≥ 1; <see cref="DefaultLeverageCap"/> when null.</param>
    /// <param name="afterExit">What follows a stop or liquidation; <see cref="PlanReentry.StayFlat"/> when null.</param>
    /// <param name="rehedgeEveryDays">The re-hedge period in days, ≥ 0 (0: only on a target change).</param>
    /// <param name="spotFeeRate">The fee rate of spot trades, in [0, 0.1]; 0 by default.</param>
    /// <param name="crossWallet">The cross wallet deposit for cross legs, ≥ 0; needed (&gt; 0) when a leg is cross.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">A value breaks its rule; the message names it.</exception>
    public static PlanDefinition Create(string name, IEnumerable<SpotHolding> holdings, IEnumerable<PlanLeg> legs, IEnumerable<PlanRule>? rules = null,
        decimal? leverageCap = null, PlanReentry? afterExit = null, int rehedgeEveryDays = 0, decimal spotFeeRate = 0m, decimal crossWallet = 0m)
    {
        Preconditions.NotNullOrWhiteSpace(name);
        var h = Preconditions.NotNull(holdings).ToImmutableArray();
        if (h.Length == 0) Preconditions.ThrowArgument(nameof(holdings), "must hold at least one spot holding");
        for (int i = 0; i < h.Length; i++) if (h[i] is null) Preconditions.ThrowArgument(nameof(holdings), $"[{i}] is null");
        var l = Preconditions.NotNull(legs).ToImmutableArray();
        var r = rules is null ? ImmutableArray<PlanRule>.Empty : rules.ToImmutableArray();
        decimal cap = leverageCap ?? DefaultLeverageCap;
        if (cap < 1m) Preconditions.ThrowOutOfRange(nameof(leverageCap), cap, "must be at least 1");
        bool cross = false;
        string? crossAsset = null;
        bool Held(string asset) => h.Any(x => string.Equals(x.Asset, asset, StringComparison.OrdinalIgnoreCase));
        for (int i = 0; i < l.Length; i++)
        {
            if (l[i] is null) Preconditions.ThrowArgument(nameof(legs), $"[{i}] is null");
            if (l[i].Leverage > cap)
                Preconditions.ThrowOutOfRange(nameof(legs), l[i].Leverage, string.Create(CultureInfo.InvariantCulture, $"[{i}] has leverage {l[i].Leverage} above the plan's cap {cap}"));
            if (!Held(l[i].Hedges))
                Preconditions.ThrowArgument(nameof(legs), l[i].IsCrossHedge
                    ? $"[{i}] hedges {l[i].Hedges}, which the plan does not hold (it holds {string.Join(", ", h.Select(x => x.Asset).Distinct())})"
                    : $"[{i}] is on {l[i].Contract.Symbol} ({l[i].Contract.BaseAsset}), which the plan does not hold: set the leg's Hedges to the held asset it hedges for a cross-hedge (it holds {string.Join(", ", h.Select(x => x.Asset).Distinct())})");
            if (l[i].MarginMode == MarginMode.Cross)
            {
                // The engine marks a cross wallet's legs at one price: cross legs of a plan over several assets share one underlying.
                if (crossAsset is not null && !string.Equals(crossAsset, l[i].Contract.BaseAsset, StringComparison.OrdinalIgnoreCase))
                    Preconditions.ThrowArgument(nameof(legs), $"[{i}] is a cross leg on {l[i].Contract.BaseAsset}, but another cross leg is on {crossAsset}: cross legs must share one underlying (make one isolated)");
                // The book's cross wallet holds one position (HedgeBook.Open): one cross leg per settlement asset.
                for (int j = 0; j < i; j++)
                    if (l[j].MarginMode == MarginMode.Cross && HedgeBook.SharesCrossWallet(l[j].Contract, l[i].Contract))
                        Preconditions.ThrowArgument(nameof(legs), $"[{i}] is a second cross leg in the {l[i].Contract.SettlementAsset} wallet (with [{j}], {l[j].Contract.Symbol}): a cross wallet holds one position (make one isolated, or use one leg)");
                crossAsset = l[i].Contract.BaseAsset;
                cross = true;
            }
        }
        var assets = AssetsOf(h, l);
        // A rule's or the re-entry's condition reading the entry move of a leg the plan does not have (it reads false forever).
        bool NamesMissingLeg(PlanCondition condition)
        {
            bool missing = false;
            condition.Walk(c => missing |= c is PlanCondition.EntryMove e && e.Leg >= l.Length);
            return missing;
        }
        for (int i = 0; i < r.Length; i++)
        {
            if (r[i] is null) Preconditions.ThrowArgument(nameof(rules), $"[{i}] is null");
            bool hedge = r[i].Action.Kind is not (RuleActionKind.SellSpot or RuleActionKind.BuySpot);
            if (hedge && r[i].Action.Leg >= l.Length)
                Preconditions.ThrowOutOfRange(nameof(rules), r[i].Action.Leg, $"[{i}] acts on leg {r[i].Action.Leg}; the plan has {l.Length} legs");
            if (NamesMissingLeg(r[i].When)) Preconditions.ThrowArgument(nameof(rules), $"[{i}]'s condition names a leg the plan does not have ({l.Length} legs)");
            if (r[i].Action.Asset is { } spotAsset && !Held(spotAsset))
                Preconditions.ThrowArgument(nameof(rules), $"[{i}] trades {spotAsset} spot, which the plan does not hold");
            CheckAssets(r[i].When, assets, $"[{i}]'s condition", nameof(rules));
        }
        if (afterExit?.When is { } when)
        {
            if (NamesMissingLeg(when)) Preconditions.ThrowArgument(nameof(afterExit), $"has a condition naming a leg the plan does not have ({l.Length} legs)");
            CheckAssets(when, assets, "the re-entry condition", nameof(afterExit));
        }
        Preconditions.NonNegative(rehedgeEveryDays);
        Preconditions.InRange(spotFeeRate, 0m, 0.1m);
        Preconditions.NonNegative(crossWallet);
        if (cross && crossWallet == 0m) Preconditions.ThrowOutOfRange(nameof(crossWallet), crossWallet, "must be greater than 0 when a leg is cross");
        return new PlanDefinition(name, h, l, r, cap, afterExit ?? PlanReentry.StayFlat, rehedgeEveryDays, spotFeeRate, crossWallet);
    }

    private static void CheckAssets(PlanCondition condition, ImmutableArray<string> assets, string what, string param)
    {
        string? unknown = null;
        condition.Walk(c => { if (c is PlanCondition.AssetScoped a && IndexOf(assets, a.Asset) < 0) unknown ??= a.Asset; });
        if (unknown is not null)
            Preconditions.ThrowArgument(param, $"{what} reads {unknown}, which is neither held nor a leg's asset (the plan's assets: {string.Join(", ", assets)})");
    }

    /// <summary>
    /// The definition of a one-leg <see cref="HedgePlan"/> as its replay runs it: its holding, one short leg (ratio,
    /// contract, leverage, liquidation rule; the stop as the distance of its stop price from the futures price, following
    /// the entry), re-entering at the next bar after a stop, with no rules.
    /// </summary>
    /// <param name="plan">The plan (a cross-hedge gives a cross leg, <see cref="PlanLeg.Hedges"/>).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static PlanDefinition FromHedgePlan(HedgePlan plan) => FromHedgePlan(plan, [], PlanReentry.NextBar, stopFollowsEntry: true);

    /// <summary>
    /// The definition of a one-leg <see cref="HedgePlan"/> as a user writes it down to run later, without rules of its own
    /// (<see cref="FromHedgePlan(HedgePlan, IEnumerable{PlanRule}, PlanReentry, bool)"/> with none).
    /// </summary>
    /// <param name="plan">The plan (a cross-hedge gives a cross leg, <see cref="PlanLeg.Hedges"/>).</param>
    /// <param name="afterExit">What follows a stop, take-profit or liquidation.</param>
    /// <param name="stopFollowsEntry">Whether the stop is a distance that follows the leg's entry (else the plan's stop price).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="afterExit"/> is null.</exception>
    public static PlanDefinition FromHedgePlan(HedgePlan plan, PlanReentry afterExit, bool stopFollowsEntry) =>
        FromHedgePlan(plan, [], afterExit, stopFollowsEntry);

    /// <summary>
    /// The definition of a one-leg <see cref="HedgePlan"/> with its rules: the holding, one short leg (ratio, contract,
    /// leverage, liquidation rule), the stop at the plan's stop price (<paramref name="stopFollowsEntry"/> false) or as its
    /// distance from the futures price, following the entry (true, as a replay re-opens it), the rules in order, and
    /// <paramref name="afterExit"/> after a stop (the CLI's <c>plan --save</c> writes <see cref="PlanReentry.StayFlat"/> and
    /// a price stop; a replay that re-opens uses <see cref="PlanReentry.NextBar"/>).
    /// </summary>
    /// <remarks>The rules act on leg 0, the plan's hedge (e.g. <c>new PlanRule(PlanCondition.PriceAtOrBelow(45_000m),
    /// RuleAction.Remove(), RuleTrigger.Once)</c>: take the hedge off once spot closes at or below 45,000).</remarks>
    /// <param name="plan">The plan (a cross-hedge gives a cross leg, <see cref="PlanLeg.Hedges"/>).</param>
    /// <param name="rules">The rules, in the order they apply.</param>
    /// <param name="afterExit">What follows a stop, take-profit or liquidation.</param>
    /// <param name="stopFollowsEntry">Whether the stop is a distance that follows the leg's entry (else the plan's stop price).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/>, <paramref name="rules"/> or <paramref name="afterExit"/> is null.</exception>
    /// <exception cref="ArgumentException">A rule is null or acts on a leg other than 0.</exception>
    public static PlanDefinition FromHedgePlan(HedgePlan plan, IEnumerable<PlanRule> rules, PlanReentry afterExit, bool stopFollowsEntry)
    {
        Preconditions.NotNull(plan);
        Preconditions.NotNull(rules);
        Preconditions.NotNull(afterExit);
        var stop = plan.StopPrice is not { } s ? null : stopFollowsEntry ? LegStop.AtDistance(s / plan.FuturesPrice - 1m) : LegStop.AtPrice(s);
        // A cross-hedge (SOL spot with BTCUSDT) is a cross leg: it hedges the holding's asset, sized by value at each trade's close.
        var leg = new PlanLeg(plan.Contract, plan.HedgeRatio, plan.Leverage, Side.Short, MarginMode.Isolated, stop, rule: plan.Options.Rule) { Hedges = plan.Holding.Asset };
        ImmutableArray<PlanRule> all = [.. rules];
        string name = "plan: " + string.Join("; ", all.Select(x => x is null ? "" : x.Name).DefaultIfEmpty("no rules"));
        return Create(name, [plan.Holding], [leg], all, afterExit: afterExit);
    }

    /// <summary>Two plans are equal when every part is: name, holdings (asset, quantity, cost, quote), legs, rules, cap, re-entry and settings.</summary>
    /// <param name="other">The other plan.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(PlanDefinition? other) => other is not null && Name == other.Name
        && Holdings.Length == other.Holdings.Length
        && Holdings.Zip(other.Holdings).All(p => p.First.Asset == p.Second.Asset && p.First.Quantity == p.Second.Quantity
            && p.First.AverageCost == p.Second.AverageCost && p.First.QuoteAsset == p.Second.QuoteAsset)
        && Legs.SequenceEqual(other.Legs) && Rules.SequenceEqual(other.Rules) && LeverageCap == other.LeverageCap
        && AfterExit.Equals(other.AfterExit) && RehedgeEveryDays == other.RehedgeEveryDays && SpotFeeRate == other.SpotFeeRate
        && CrossWallet == other.CrossWallet;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PlanDefinition);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Legs.Length, Rules.Length, LeverageCap);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Name}: {Holdings.Length} holdings, {Legs.Length} legs, {Rules.Length} rules, {AfterExit}");
}
