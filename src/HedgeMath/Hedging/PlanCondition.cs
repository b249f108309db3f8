using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>
/// The one condition type of a plan's rules: a yes/no question asked at each bar's close, using only data up to that
/// close — price levels, time elapsed, drawdown from a high, the price against its moving average, any named signal,
/// the confluence of the signals, support/resistance proximity, the price against a hedge leg's entry, the plan's own
/// PnL — and <see cref="And"/>/<see cref="Or"/>/<see cref="Not"/> of them.
/// </summary>
/// <remarks>
/// <para>Each condition has a <see cref="Kind"/> (its name in plan documents) and a <see cref="Name"/> used in
/// explanations. Prices are the spot close (the holding's market); the moving averages, highs and rises are over the
/// spot closes the plan has seen (as <c>double</c>, the statistics convention), exactly as
/// <c>HedgeMath.Scenarios.HedgeConditions</c> computes them: a simple moving average of n closes is a running sum
/// (add the new close, subtract the one n bars back) divided by n, false during the first n − 1 bars.</para>
/// <para>Evaluating a condition on a bar allocates nothing. The set is closed (no public constructor), so a plan is
/// always a document. Immutable and thread-safe.</para>
/// </remarks>
public abstract class PlanCondition
{
    private protected PlanCondition(string kind, string name) { Kind = kind; Name = name; }

    /// <summary>The condition's kind as written in plan documents, e.g. <c>price-at-or-below</c>, <c>signal</c>, <c>and</c>.</summary>
    public string Kind { get; }

    /// <summary>A short description for explanations, e.g. <c>spot ≤ 30,000</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the condition holds at this bar's close.</summary>
    internal abstract bool Evaluate(in PlanContext context);

    /// <summary>
    /// Why the condition holds or not at this close, with the values it compared, e.g. <c>spot close 97,000.00 ≥ 90,000</c>
    /// (for people; off the per-bar path: <see cref="Evaluate"/> allocates nothing, this builds a string).
    /// </summary>
    internal abstract string Explain(in PlanContext context);

    /// <summary>A price or amount for explanations: thousands separators, two places (invariant culture).</summary>
    private protected static string Px(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A price or amount for explanations from a double statistic (NaN/∞ shown as "n/a").</summary>
    private protected static string Px(double value) => double.IsFinite(value) && Math.Abs(value) < 7.9e27 ? Px((decimal)value) : "n/a";

    /// <summary>A level as written in the plan: thousands separators, no trailing zeros.</summary>
    private protected static string Level(decimal value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with two places (always finite here: ratios of positive closes, levels and fractions).</summary>
    private protected static string Pct(double fraction) => (fraction * 100d).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary>Calls <paramref name="visit"/> on this condition and every condition inside it.</summary>
    internal virtual void Walk(Action<PlanCondition> visit) => visit(this);

    /// <summary>How many of the latest closes (this one included) the condition reads from the window (0: none).</summary>
    internal virtual int ClosesRead => 0;

    /// <summary>The condition's parameters, compared by <see cref="Equals(object)"/> (not on the per-bar path).</summary>
    private protected abstract object Key { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Two conditions are equal when they are of one kind with equal parameters.</summary>
    /// <param name="obj">The other object.</param>
    /// <returns>Whether they are equal.</returns>
    public override bool Equals(object? obj) => obj is PlanCondition c && c.GetType() == GetType() && Key.Equals(c.Key);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Key);

    /// <summary>The spot close is at or above a price.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public static PlanCondition PriceAtOrAbove(decimal price) => new PriceLevel(Preconditions.Positive(price), below: false);

    /// <summary>The spot close is at or below a price.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public static PlanCondition PriceAtOrBelow(decimal price) => new PriceLevel(Preconditions.Positive(price), below: true);

    /// <summary>At least this long has passed since the first bar's open (bar open times; a daily plan's bar t is t days in).</summary>
    /// <param name="elapsed">The time, &gt; 0.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="elapsed"/> is not positive.</exception>
    public static PlanCondition After(TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero) Preconditions.ThrowOutOfRange(nameof(elapsed), elapsed, "must be a positive time span");
        return new Elapsed(elapsed);
    }

    /// <summary>The spot close is at least <paramref name="fraction"/> below the highest close of the last <paramref name="lookbackBars"/> bars (this one included).</summary>
    /// <param name="fraction">The drawdown, in (0, 1).</param>
    /// <param name="lookbackBars">The window, in (1, 100,000] bars; false until it is full.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static PlanCondition DrawdownFromHigh(decimal fraction, int lookbackBars)
    {
        if (fraction <= 0m || fraction >= 1m) Preconditions.ThrowOutOfRange(nameof(fraction), fraction, "must be in (0, 1)");
        return new Drawdown(fraction, CheckBars(lookbackBars));
    }

    /// <summary>The spot close is at least <paramref name="fraction"/> above the close <paramref name="bars"/> bars earlier.</summary>
    /// <param name="fraction">The rise, &gt; 0.</param>
    /// <param name="bars">Bars back, in [1, 100,000]; false until there are that many.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static PlanCondition RiseOver(decimal fraction, int bars)
    {
        Preconditions.Positive(fraction);
        if (bars < 1 || bars > SizeLimits.MaxLookbackPeriods)
            Preconditions.ThrowOutOfRange(nameof(bars), bars, string.Create(CultureInfo.InvariantCulture, $"must be at least 1 and at most {SizeLimits.MaxLookbackPeriods:N0}"));
        return new Rise(fraction, bars);
    }

    /// <summary>The spot close is above its simple moving average of <paramref name="bars"/> closes.</summary>
    /// <param name="bars">The average's length, in (1, 100,000].</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> is not greater than 1, or above 100,000.</exception>
    public static PlanCondition AboveMovingAverage(int bars) => new MovingAverage(CheckBars(bars), MaRelation.Above);

    /// <summary>The spot close is below its simple moving average of <paramref name="bars"/> closes.</summary>
    /// <param name="bars">The average's length, in (1, 100,000].</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> is not greater than 1, or above 100,000.</exception>
    public static PlanCondition BelowMovingAverage(int bars) => new MovingAverage(CheckBars(bars), MaRelation.Below);

    /// <summary>The spot close crosses above its simple moving average on this bar (at or below it at the previous close, above it now).</summary>
    /// <param name="bars">The average's length, in (1, 100,000].</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> is not greater than 1, or above 100,000.</exception>
    public static PlanCondition CrossesAboveMovingAverage(int bars) => new MovingAverage(CheckBars(bars), MaRelation.CrossAbove);

    /// <summary>The spot close crosses below its simple moving average on this bar (at or above it at the previous close, below it now).</summary>
    /// <param name="bars">The average's length, in (1, 100,000].</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> is not greater than 1, or above 100,000.</exception>
    public static PlanCondition CrossesBelowMovingAverage(int bars) => new MovingAverage(CheckBars(bars), MaRelation.CrossBelow);

    /// <summary>A named signal is active at the close (a name from <see cref="SignalNames.All"/>, e.g. <c>macd-bearish-cross</c>).</summary>
    /// <param name="signalName">The signal's name (kebab case or the flag's C# name, any case).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException"><paramref name="signalName"/> is not a signal name.</exception>
    public static PlanCondition Signal(string signalName)
    {
        Preconditions.NotNullOrWhiteSpace(signalName);
        if (!SignalNames.TryParse(signalName, out var kind))
            Preconditions.ThrowArgument(nameof(signalName), $"'{signalName}' is not a signal name; use one of: {string.Join(", ", SignalNames.All)}");
        return new SignalActive(kind);
    }

    /// <summary>Every signal in <paramref name="signals"/> is active at the close.</summary>
    /// <param name="signals">One or more signal flags.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signals"/> is None or undefined.</exception>
    public static PlanCondition Signal(SignalKinds signals)
    {
        if (signals == SignalKinds.None) Preconditions.ThrowOutOfRange(nameof(signals), signals, "must name at least one signal");
        return new SignalActive(Preconditions.DefinedFlags(signals));
    }

    /// <summary>The confluence of the active signals (<see cref="Confluence.Action"/>) is one of <paramref name="actions"/>.</summary>
    /// <param name="actions">One or more suggested actions.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">No action given, or one is undefined.</exception>
    public static PlanCondition ConfluenceSuggests(params SuggestedAction[] actions)
    {
        Preconditions.NotNull(actions);
        if (actions.Length == 0) Preconditions.ThrowArgument(nameof(actions), "must name at least one suggested action");
        foreach (var a in actions) Preconditions.Defined(a, nameof(actions));
        return new ConfluenceIs([.. actions.Distinct()]);
    }

    /// <summary>The spot close is within <paramref name="fraction"/> of the nearest resistance level (<see cref="SignalSet.Resistance"/>): |close / resistance − 1| ≤ fraction.</summary>
    /// <param name="fraction">The proximity, in (0, 1).</param>
    /// <returns>The condition; false while there is no resistance level.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is out of range.</exception>
    public static PlanCondition NearResistance(decimal fraction) => new NearLevel(Proximity(fraction), resistance: true);

    /// <summary>The spot close is within <paramref name="fraction"/> of the nearest support level (<see cref="SignalSet.Support"/>): |close / support − 1| ≤ fraction.</summary>
    /// <param name="fraction">The proximity, in (0, 1).</param>
    /// <returns>The condition; false while there is no support level.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is out of range.</exception>
    public static PlanCondition NearSupport(decimal fraction) => new NearLevel(Proximity(fraction), resistance: false);

    /// <summary>The perpetual's close is at least <paramref name="fraction"/> below a hedge leg's (average) entry price: close ≤ entry · (1 − fraction).</summary>
    /// <param name="fraction">The fall, in (0, 1).</param>
    /// <param name="leg">The leg's index in the plan, ≥ 0.</param>
    /// <returns>The condition; false while the leg is flat.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static PlanCondition BelowEntry(decimal fraction, int leg = 0)
    {
        if (fraction <= 0m || fraction >= 1m) Preconditions.ThrowOutOfRange(nameof(fraction), fraction, "must be in (0, 1)");
        return new EntryMove(fraction, Preconditions.NonNegative(leg), below: true);
    }

    /// <summary>The perpetual's close is at least <paramref name="fraction"/> above a hedge leg's (average) entry price: close ≥ entry · (1 + fraction).</summary>
    /// <param name="fraction">The rise, &gt; 0.</param>
    /// <param name="leg">The leg's index in the plan, ≥ 0.</param>
    /// <returns>The condition; false while the leg is flat.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static PlanCondition AboveEntry(decimal fraction, int leg = 0) =>
        new EntryMove(Preconditions.Positive(fraction), Preconditions.NonNegative(leg), below: false);

    /// <summary>The plan's PnL since its first bar (equity now − equity at the first close, quote asset) is at or below an amount (a loss limit when negative).</summary>
    /// <param name="amount">The amount in the quote asset.</param>
    /// <returns>The condition.</returns>
    public static PlanCondition PnlAtOrBelow(decimal amount) => new Pnl(amount, below: true);

    /// <summary>The plan's PnL since its first bar (equity now − equity at the first close, quote asset) is at or above an amount.</summary>
    /// <param name="amount">The amount in the quote asset.</param>
    /// <returns>The condition.</returns>
    public static PlanCondition PnlAtOrAbove(decimal amount) => new Pnl(amount, below: false);

    /// <summary>Both conditions hold.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException">A condition is null.</exception>
    public static PlanCondition And(PlanCondition left, PlanCondition right) => new Combined(Preconditions.NotNull(left), Preconditions.NotNull(right), and: true);

    /// <summary>Either condition holds.</summary>
    /// <param name="left">The first condition.</param>
    /// <param name="right">The second condition.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException">A condition is null.</exception>
    public static PlanCondition Or(PlanCondition left, PlanCondition right) => new Combined(Preconditions.NotNull(left), Preconditions.NotNull(right), and: false);

    /// <summary>The condition does not hold.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>The negation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    public static PlanCondition Not(PlanCondition condition) => new Negated(Preconditions.NotNull(condition));

    /// <summary>
    /// A condition read on another asset's prices, in a plan over several assets: <paramref name="condition"/>'s spot close,
    /// closes (moving averages, highs, rises) and perpetual close are <paramref name="asset"/>'s (e.g. take the SOL hedge
    /// off when BTC closes below its 50-bar average: <c>OnAsset("BTC", BelowMovingAverage(50))</c>). Without it a
    /// condition reads the plan's first holding's asset.
    /// </summary>
    /// <param name="asset">The asset: one the plan holds or a leg's contract is on (checked by <see cref="PlanDefinition.Create"/>).</param>
    /// <param name="condition">The condition (price levels, drawdown, rise, moving averages, and/or/not of them; not a signal,
    /// confluence or support/resistance condition: the signals are computed from the first asset's candles).</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="asset"/> is empty, or <paramref name="condition"/> reads the signals.</exception>
    public static PlanCondition OnAsset(string asset, PlanCondition condition)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        Preconditions.NotNull(condition);
        bool signals = false;
        condition.Walk(c => signals |= c is SignalActive or ConfluenceIs or NearLevel);
        if (signals)
            Preconditions.ThrowArgument(nameof(condition), $"'{condition.Name}' reads the signals, which are the first asset's (computed from its candles); it cannot be read on {asset}");
        return new AssetScoped(asset, condition);
    }

    /// <summary>Visits a condition and every condition inside it with the asset whose prices it reads (null: the plan's first asset).</summary>
    internal static void WalkScoped(PlanCondition condition, string? asset, Action<PlanCondition, string?> visit)
    {
        visit(condition, asset);
        switch (condition)
        {
            case Combined b: WalkScoped(b.Left, asset, visit); WalkScoped(b.Right, asset, visit); break;
            case Negated n: WalkScoped(n.Inner, asset, visit); break;
            case AssetScoped o: WalkScoped(o.Inner, o.Asset, visit); break;
        }
    }

    /// <summary>Flags given from outside, one per bar in the order the plan sees bars (e.g. a signal computed elsewhere); bars past the end are false.</summary>
    /// <param name="name">A description.</param>
    /// <param name="values">One flag per bar.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>A series belongs to one run over known bars; it is not written to plan documents.</remarks>
    public static PlanCondition Series(string name, IEnumerable<bool> values)
    {
        Preconditions.NotNullOrWhiteSpace(name);
        Preconditions.NotNull(values);
        return new Flags(name, [.. values]);
    }

    /// <summary>A bar count of a condition (moving average, drawdown lookback, rise window): in (1, <see cref="SizeLimits.MaxLookbackPeriods"/>], the indicators' limit (the history clock keeps that many closes).</summary>
    internal static int CheckBars(int bars, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(bars))] string? name = null)
    {
        if (bars <= 1 || bars > SizeLimits.MaxLookbackPeriods)
            Preconditions.ThrowOutOfRange(name, bars, string.Create(CultureInfo.InvariantCulture, $"must be greater than 1 and at most {SizeLimits.MaxLookbackPeriods:N0}"));
        return bars;
    }

    private static decimal Proximity(decimal fraction)
    {
        if (fraction <= 0m || fraction >= 1m) Preconditions.ThrowOutOfRange(nameof(fraction), fraction, "must be in (0, 1)");
        return fraction;
    }

    internal sealed class PriceLevel(decimal price, bool below)
        : PlanCondition(below ? "price-at-or-below" : "price-at-or-above", $"spot {(below ? "≤" : "≥")} {Level(price)}")
    {
        private protected override object Key => (Price, Below);
        public decimal Price { get; } = price;
        public bool Below { get; } = below;
        internal override bool Evaluate(in PlanContext c) => Below ? DecimalFast.Compare(c.SpotClose, Price) <= 0 : DecimalFast.Compare(c.SpotClose, Price) >= 0;
        internal override string Explain(in PlanContext c) =>
            $"spot close {Px(c.SpotClose)} {(Evaluate(c) ? (Below ? "≤" : "≥") : (Below ? ">" : "<"))} {Level(Price)}";
    }

    internal sealed class Elapsed(TimeSpan span) : PlanCondition("after", FormattableString.Invariant($"{span.TotalDays:0.##} days elapsed"))
    {
        private protected override object Key => Span;
        public TimeSpan Span { get; } = span;
        internal override bool Evaluate(in PlanContext c) => c.Elapsed >= Span;
        internal override string Explain(in PlanContext c) => FormattableString.Invariant(
            $"{c.Elapsed.TotalDays:0.##} days elapsed {(Evaluate(c) ? "≥" : "<")} {Span.TotalDays:0.##} days");
    }

    internal sealed class Drawdown(decimal fraction, int lookback)
        : PlanCondition("drawdown-from-high", FormattableString.Invariant($"spot {fraction:P0} below its {lookback}-bar high"))
    {
        private protected override object Key => (Fraction, Lookback);
        private readonly double _f = (double)fraction;
        public decimal Fraction { get; } = fraction;
        public int Lookback { get; } = lookback;
        internal override int ClosesRead => Lookback;
        internal override bool Evaluate(in PlanContext c)
        {
            var w = c.Window;
            int t = w.Count - 1;
            if (t < Lookback - 1) return false;
            double close = w[t], high = close;
            for (int i = Math.Max(0, t - Lookback + 1); i < t; i++) high = Math.Max(high, w[i]);
            return close <= (1d - _f) * high;
        }

        internal override string Explain(in PlanContext c)
        {
            var w = c.Window;
            int t = w.Count - 1;
            if (t < Lookback - 1) return FormattableString.Invariant($"{w.Count} of the {Lookback} closes needed for the high");
            double close = w[t], high = close;
            for (int i = Math.Max(0, t - Lookback + 1); i < t; i++) high = Math.Max(high, w[i]);
            return $"spot close {Px(close)} is {Pct(1d - close / high)} below the {Lookback}-bar high {Px(high)} ({(Evaluate(c) ? "≥" : "<")} {Pct(_f)})";
        }
    }

    internal sealed class Rise(decimal fraction, int bars)
        : PlanCondition("rise-over", FormattableString.Invariant($"spot {fraction:P0} above {bars} bars ago"))
    {
        private protected override object Key => (Fraction, BarsBack);
        private readonly double _f = (double)fraction;
        public decimal Fraction { get; } = fraction;
        public int BarsBack { get; } = bars;
        internal override int ClosesRead => BarsBack + 1;
        internal override bool Evaluate(in PlanContext c)
        {
            var w = c.Window;
            int t = w.Count - 1;
            return t >= BarsBack && w[t] >= (1d + _f) * w[t - BarsBack];
        }

        internal override string Explain(in PlanContext c)
        {
            var w = c.Window;
            int t = w.Count - 1;
            if (t < BarsBack) return FormattableString.Invariant($"{w.Count} of the {BarsBack + 1} closes needed");
            return $"spot close {Px(w[t])} is {Pct(w[t] / w[t - BarsBack] - 1d)} above the close {BarsBack} bars ago {Px(w[t - BarsBack])} ({(Evaluate(c) ? "≥" : "<")} {Pct(_f)})";
        }
    }

    internal enum MaRelation { Above, Below, CrossAbove, CrossBelow }

    internal sealed class MovingAverage(int bars, MaRelation relation) : PlanCondition(KindOf(relation), NameOf(bars, relation))
    {
        private protected override object Key => (Bars, Relation);
        public int Bars { get; } = bars;
        public MaRelation Relation { get; } = relation;
        internal override int ClosesRead => Bars + 1; // the running sum drops the close n bars back; a cross reads the previous close

        internal override bool Evaluate(in PlanContext c)
        {
            var w = c.Window;
            int t = w.Count - 1;
            if (t < Bars - 1) return false;
            double sma = w.Sum(Bars) / Bars, close = w[t];
            switch (Relation)
            {
                case MaRelation.Above: return close > sma;
                case MaRelation.Below: return close < sma;
            }
            if (t < Bars) return false; // no average at the previous close
            double prevSma = w.PreviousSum(Bars) / Bars, prev = w[t - 1];
            return Relation == MaRelation.CrossAbove ? prev <= prevSma && close > sma : prev >= prevSma && close < sma;
        }

        internal override string Explain(in PlanContext c)
        {
            var w = c.Window;
            int t = w.Count - 1;
            if (t < Bars - 1) return FormattableString.Invariant($"{w.Count} of the {Bars} closes SMA({Bars}) needs");
            double sma = w.Sum(Bars) / Bars, close = w[t];
            string now = $"spot close {Px(close)} {(close > sma ? ">" : close < sma ? "<" : "=")} SMA({Bars}) {Px(sma)}";
            if (Relation is MaRelation.Above or MaRelation.Below) return now;
            if (t < Bars) return now + " (no average at the previous close)";
            double prevSma = w.PreviousSum(Bars) / Bars, prev = w[t - 1];
            return $"previous close {Px(prev)} {(prev > prevSma ? ">" : prev < prevSma ? "<" : "=")} SMA({Bars}) {Px(prevSma)}; {now}";
        }

        private static string KindOf(MaRelation r) => r switch
        {
            MaRelation.Above => "above-moving-average",
            MaRelation.Below => "below-moving-average",
            MaRelation.CrossAbove => "crosses-above-moving-average",
            _ => "crosses-below-moving-average",
        };

        private static string NameOf(int bars, MaRelation r) => r switch
        {
            MaRelation.Above => $"spot above SMA({bars})",
            MaRelation.Below => $"spot below SMA({bars})",
            MaRelation.CrossAbove => $"spot crosses above SMA({bars})",
            _ => $"spot crosses below SMA({bars})",
        };
    }

    internal sealed class SignalActive(SignalKinds kinds) : PlanCondition("signal", $"signal {string.Join(" + ", SignalNames.Names(kinds))}")
    {
        private protected override object Key => Kinds;
        public SignalKinds Kinds { get; } = kinds;
        internal override bool Evaluate(in PlanContext c) => (c.Signals.Active & Kinds) == Kinds;
        internal override string Explain(in PlanContext c)
        {
            var active = c.Signals.Active;
            string need = string.Join(" + ", SignalNames.Names(Kinds));
            string now = active == SignalKinds.None ? "none" : string.Join(", ", SignalNames.Names(active));
            return $"{need} {(Evaluate(c) ? "active" : "not active")} (active signals: {now})";
        }
    }

    internal sealed class ConfluenceIs(ImmutableArray<SuggestedAction> actions)
        : PlanCondition("confluence", $"confluence suggests {string.Join("/", actions)}")
    {
        private protected override object Key => string.Join(",", Actions);
        public ImmutableArray<SuggestedAction> Actions { get; } = actions;
        internal override bool Evaluate(in PlanContext c)
        {
            var a = Confluence.ActionOf(c.Signals.Active, c.Signals.Options, out _, out _);
            foreach (var x in Actions) if (x == a) return true;
            return false;
        }

        internal override string Explain(in PlanContext c) =>
            $"confluence suggests {c.Signals.Confluence.Action} ({(Evaluate(c) ? "one of" : "not one of")} {string.Join("/", Actions)})";
    }

    internal sealed class NearLevel(decimal fraction, bool resistance)
        : PlanCondition(resistance ? "near-resistance" : "near-support", FormattableString.Invariant($"spot within {fraction:P1} of {(resistance ? "resistance" : "support")}"))
    {
        private protected override object Key => (Fraction, Resistance);
        private readonly double _f = (double)fraction;
        public decimal Fraction { get; } = fraction;
        public bool Resistance { get; } = resistance;
        internal override bool Evaluate(in PlanContext c)
        {
            double level = Resistance ? c.Signals.Resistance : c.Signals.Support;
            if (!double.IsFinite(level)) return false; // a level is a swing high or low of positive candles, or NaN
            return Math.Abs((double)c.SpotClose / level - 1d) <= _f;
        }

        internal override string Explain(in PlanContext c)
        {
            string what = Resistance ? "resistance" : "support";
            double level = Resistance ? c.Signals.Resistance : c.Signals.Support;
            if (!double.IsFinite(level)) return $"no {what} level at this close";
            return $"spot close {Px(c.SpotClose)} is {Pct(Math.Abs((double)c.SpotClose / level - 1d))} from {what} {Px(level)} ({(Evaluate(c) ? "≤" : ">")} {Pct(_f)})";
        }
    }

    internal sealed class EntryMove(decimal fraction, int leg, bool below)
        : PlanCondition(below ? "below-entry" : "above-entry", FormattableString.Invariant($"price {fraction:P0} {(below ? "below" : "above")} leg {leg}'s entry"))
    {
        private protected override object Key => (Fraction, Leg, Below);
        public decimal Fraction { get; } = fraction;
        public int Leg { get; } = leg;
        public bool Below { get; } = below;
        internal override bool Evaluate(in PlanContext c)
        {
            if (c.EntryOf(Leg) is not { } entry) return false;
            decimal last = c.LastCloseOfLeg(Leg);
            return Below ? last <= entry * (1m - Fraction) : last >= entry * (1m + Fraction);
        }

        internal override string Explain(in PlanContext c)
        {
            if (c.EntryOf(Leg) is not { } entry) return FormattableString.Invariant($"leg {Leg} is flat (no entry)");
            decimal level = Below ? entry * (1m - Fraction) : entry * (1m + Fraction);
            bool v = Evaluate(c);
            return FormattableString.Invariant($"last close {Px(c.LastCloseOfLeg(Leg))} {(Below ? (v ? "≤" : ">") : (v ? "≥" : "<"))} {Px(level)} ({Pct((double)Fraction)} {(Below ? "below" : "above")} leg {Leg}'s entry {Px(entry)})");
        }
    }

    internal sealed class Pnl(decimal amount, bool below) : PlanCondition(below ? "pnl-at-or-below" : "pnl-at-or-above", $"plan PnL {(below ? "≤" : "≥")} {Level(amount)}")
    {
        private protected override object Key => (Amount, Below);
        public decimal Amount { get; } = amount;
        public bool Below { get; } = below;
        internal override bool Evaluate(in PlanContext c) => Below ? c.PlanPnl <= Amount : c.PlanPnl >= Amount;
        internal override string Explain(in PlanContext c) =>
            $"plan PnL {Px(c.PlanPnl)} {(Evaluate(c) ? (Below ? "≤" : "≥") : (Below ? ">" : "<"))} {Level(Amount)}";
    }

    internal sealed class Combined(PlanCondition left, PlanCondition right, bool and) : PlanCondition(and ? "and" : "or", $"({left.Name} {(and ? "and" : "or")} {right.Name})")
    {
        private protected override object Key => (Left, Right, IsAnd);
        public PlanCondition Left { get; } = left;
        public PlanCondition Right { get; } = right;
        public bool IsAnd { get; } = and;
        internal override bool Evaluate(in PlanContext c) => IsAnd ? Left.Evaluate(c) && Right.Evaluate(c) : Left.Evaluate(c) || Right.Evaluate(c);
        internal override string Explain(in PlanContext c) =>
            $"({(Left.Evaluate(c) ? "yes" : "no")}: {Left.Explain(c)}) {(IsAnd ? "and" : "or")} ({(Right.Evaluate(c) ? "yes" : "no")}: {Right.Explain(c)})";
        internal override void Walk(Action<PlanCondition> visit) { visit(this); Left.Walk(visit); Right.Walk(visit); }
    }

    internal sealed class Negated(PlanCondition inner) : PlanCondition("not", $"not {inner.Name}")
    {
        private protected override object Key => Inner;
        public PlanCondition Inner { get; } = inner;
        internal override bool Evaluate(in PlanContext c) => !Inner.Evaluate(c);
        internal override string Explain(in PlanContext c) => $"not ({(Inner.Evaluate(c) ? "yes" : "no")}: {Inner.Explain(c)})";
        internal override void Walk(Action<PlanCondition> visit) { visit(this); Inner.Walk(visit); }
    }

    internal sealed class AssetScoped(string asset, PlanCondition inner) : PlanCondition("on-asset", $"{asset}: {inner.Name}")
    {
        private protected override object Key => (Asset.ToUpperInvariant(), Inner);
        public string Asset { get; } = asset;
        public PlanCondition Inner { get; } = inner;
        internal override int ClosesRead => 0; // the inner condition's closes are the asset's window's (PlanDefinition scopes them)
        // A plan on one asset: the asset is its own; on several: one of them (PlanDefinition.Create checks every rule's and the
        // re-entry condition's assets), so its index is never −1.
        internal override bool Evaluate(in PlanContext c) =>
            c.Markets is not { } m ? Inner.Evaluate(c) : Inner.Evaluate(c.On(m, m.IndexOf(Asset)));

        internal override string Explain(in PlanContext c) =>
            $"{Asset}: {(c.Markets is not { } m ? Inner.Explain(c) : Inner.Explain(c.On(m, m.IndexOf(Asset))))}";

        internal override void Walk(Action<PlanCondition> visit) { visit(this); Inner.Walk(visit); }
    }

    internal sealed class Flags(string name, ImmutableArray<bool> values) : PlanCondition("series", name)
    {
        private protected override object Key => (Name, string.Concat(Values.Select(v => v ? '1' : '0')));
        public ImmutableArray<bool> Values { get; } = values;
        internal override bool Evaluate(in PlanContext c) => c.Bar < Values.Length && Values[c.Bar];
        internal override string Explain(in PlanContext c) => FormattableString.Invariant(
            $"{Name} is {(Evaluate(c) ? "true" : "false")} at bar {c.Bar}{(c.Bar < Values.Length ? "" : " (past the series' end)")}");
    }
}
