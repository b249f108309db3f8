using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>What is known at a moment when a plan asks whether its hedge should come off or be raised: the price, the time held and the signals active.</summary>
/// <remarks>
/// Signals are <see cref="SignalKinds"/> flags; names follow <see cref="SignalNames"/> ("rsi-oversold" or "RsiOversold").
/// Build it from a bar of the signals layer with <see cref="FromSignalSet"/>. Immutable and thread-safe.
/// </remarks>
[Obsolete(Retired.RemovalContext)]
public sealed class RemovalContext
{
    /// <summary>Creates a context from signal names.</summary>
    /// <param name="spotPrice">The spot price now, &gt; 0.</param>
    /// <param name="elapsed">Time since the hedge was opened, ≥ 0.</param>
    /// <param name="firedSignals">Names of the signals active now (<see cref="SignalNames"/>); null or empty when none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spotPrice"/> is not positive or <paramref name="elapsed"/> is negative.</exception>
    /// <exception cref="ArgumentException">A name in <paramref name="firedSignals"/> is not a signal name.</exception>
    public RemovalContext(decimal spotPrice, TimeSpan elapsed, IEnumerable<string>? firedSignals = null)
        : this(spotPrice, elapsed, ParseNames(firedSignals))
    {
    }

    /// <summary>Creates a context from signal flags.</summary>
    /// <param name="spotPrice">The spot price now, &gt; 0.</param>
    /// <param name="elapsed">Time since the hedge was opened, ≥ 0.</param>
    /// <param name="signals">The signals active now.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spotPrice"/> is not positive, <paramref name="elapsed"/> is negative, or <paramref name="signals"/> has undefined bits.</exception>
    public RemovalContext(decimal spotPrice, TimeSpan elapsed, SignalKinds signals)
    {
        SpotPrice = Preconditions.Positive(spotPrice);
        if (elapsed < TimeSpan.Zero) Preconditions.ThrowOutOfRange(nameof(elapsed), elapsed, "must be 0 or greater");
        Elapsed = elapsed;
        Signals = Preconditions.DefinedFlags(signals);
    }

    /// <summary>The context of one bar of the signals layer: its close as the spot price and its active signals.</summary>
    /// <param name="set">The bar's signal set.</param>
    /// <param name="elapsed">Time since the hedge was opened, ≥ 0.</param>
    /// <param name="spotPrice">The spot price; null: the bar's close.</param>
    /// <returns>The context.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The price is not positive (or the close is not a positive finite number), or <paramref name="elapsed"/> is negative.</exception>
    public static RemovalContext FromSignalSet(SignalSet set, TimeSpan elapsed, decimal? spotPrice = null)
    {
        decimal price;
        if (spotPrice is { } sp) price = sp;
        else
        {
            double c = set.Close;
            if (!double.IsFinite(c) || c <= 0d || c > 1e15) Preconditions.ThrowOutOfRange(nameof(set), c, "must have a positive finite close (or give spotPrice)");
            price = (decimal)c;
        }
        return new RemovalContext(Preconditions.Positive(price, nameof(spotPrice)), elapsed, set.Active);
    }

    /// <summary>The spot price now.</summary>
    public decimal SpotPrice { get; }
    /// <summary>Time since the hedge was opened.</summary>
    public TimeSpan Elapsed { get; }
    /// <summary>The signals active now.</summary>
    public SignalKinds Signals { get; }
    /// <summary>Names of the signals active now (<see cref="SignalNames"/>, kebab case).</summary>
    public ImmutableArray<string> FiredSignals => SignalNames.Names(Signals);

    private static SignalKinds ParseNames(IEnumerable<string>? names)
    {
        var kinds = SignalKinds.None;
        if (names is null) return kinds;
        foreach (var n in names)
        {
            if (!SignalNames.TryParse(n, out var k))
                Preconditions.ThrowArgument("firedSignals", $"contains '{n}', which is not a signal name; use one of: {string.Join(", ", SignalNames.All)}");
            kinds |= k;
        }
        return kinds;
    }
}

/// <summary>A rule that says when a hedge comes off: a price level, a time limit, a named signal, or a predicate.</summary>
/// <remarks>
/// A plan holds any number of rules; the hedge comes off when the first fires. Signals are referred to by
/// name so that the plan does not depend on how they are computed (the signals layer, or the caller's own
/// system, reports which names fire in a <see cref="RemovalContext"/>). Immutable and thread-safe.
/// </remarks>
[Obsolete(Retired.RemovalRule)]
public abstract class RemovalRule
{
    private protected RemovalRule(string description) => Description = description;

    /// <summary>The rule's condition as a plan condition, or null (a predicate has none): the bridge to <see cref="PlanRule"/>.</summary>
    internal abstract PlanCondition? AsCondition();

    /// <summary>A sentence that says when the rule fires.</summary>
    public string Description { get; }

    /// <summary>True when the hedge should come off in this context.</summary>
    /// <param name="context">What is known now.</param>
    /// <returns>Whether the rule fires.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public abstract bool ShouldRemove(RemovalContext context);

    /// <summary>Remove when the spot price is at or below a level (the drop the hedge was for has happened: take the hedge profit).</summary>
    /// <param name="price">The level, &gt; 0.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public static RemovalRule PriceAtOrBelow(decimal price) => new PriceLevelRemoval(Preconditions.Positive(price), below: true);

    /// <summary>Remove when the spot price is at or above a level (the danger has passed).</summary>
    /// <param name="price">The level, &gt; 0.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is not positive.</exception>
    public static RemovalRule PriceAtOrAbove(decimal price) => new PriceLevelRemoval(Preconditions.Positive(price), below: false);

    /// <summary>Remove once the hedge has been held for a time.</summary>
    /// <param name="limit">The longest holding time, &gt; 0.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public static RemovalRule After(TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero) Preconditions.ThrowOutOfRange(nameof(limit), limit, "must be a positive time span");
        return new TimeLimitRemoval(limit);
    }

    /// <summary>Remove when a named signal is active (e.g. "rsi-oversold"; names from <see cref="SignalNames"/>).</summary>
    /// <param name="signalName">The signal name, kebab case or the flag's C# name, ignoring case.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="signalName"/> is empty or not a signal name.</exception>
    public static RemovalRule WhenSignal(string signalName)
    {
        Preconditions.NotNullOrWhiteSpace(signalName);
        if (!SignalNames.TryParse(signalName, out var kind))
            Preconditions.ThrowArgument(nameof(signalName), $"'{signalName}' is not a signal name; use one of: {string.Join(", ", SignalNames.All)}");
        return new SignalRemoval(kind);
    }

    /// <summary>Remove when every signal of <paramref name="signals"/> is active (e.g. <c>MacdBearishCross | NearResistance</c>: a bearish cross near resistance).</summary>
    /// <param name="signals">One or more flags.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signals"/> is None or has undefined bits.</exception>
    public static RemovalRule WhenSignal(SignalKinds signals)
    {
        if (signals == SignalKinds.None) Preconditions.ThrowOutOfRange(nameof(signals), signals, "must name at least one signal");
        return new SignalRemoval(Preconditions.DefinedFlags(signals));
    }

    /// <summary>Remove when a caller-supplied predicate holds.</summary>
    /// <param name="name">A name for the rule.</param>
    /// <param name="predicate">The condition; must be pure and thread-safe.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is null.</exception>
    public static RemovalRule When(string name, Func<RemovalContext, bool> predicate) =>
        new PredicateRemoval(Preconditions.NotNullOrWhiteSpace(name), Preconditions.NotNull(predicate));

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary>Removes the hedge when the spot price reaches a level.</summary>
[Obsolete(Retired.RemovalRule)]
internal sealed class PriceLevelRemoval : RemovalRule
{
    internal PriceLevelRemoval(decimal price, bool below)
        : base(FormattableString.Invariant($"remove when spot is at or {(below ? "below" : "above")} {price}"))
    { Price = price; AtOrBelow = below; }

    /// <summary>The level.</summary>
    public decimal Price { get; }
    /// <summary>True: fires at or below the level; false: at or above.</summary>
    public bool AtOrBelow { get; }

    /// <inheritdoc />
    public override bool ShouldRemove(RemovalContext context)
    {
        Preconditions.NotNull(context);
        return AtOrBelow ? context.SpotPrice <= Price : context.SpotPrice >= Price;
    }

    internal override PlanCondition AsCondition() => AtOrBelow ? PlanCondition.PriceAtOrBelow(Price) : PlanCondition.PriceAtOrAbove(Price);
}

/// <summary>Removes the hedge after a holding time.</summary>
[Obsolete(Retired.RemovalRule)]
internal sealed class TimeLimitRemoval : RemovalRule
{
    internal TimeLimitRemoval(TimeSpan limit) : base(FormattableString.Invariant($"remove after {limit.TotalDays:0.##} days")) => Limit = limit;

    /// <summary>The longest holding time.</summary>
    public TimeSpan Limit { get; }

    /// <inheritdoc />
    public override bool ShouldRemove(RemovalContext context)
    {
        Preconditions.NotNull(context);
        return context.Elapsed >= Limit;
    }

    internal override PlanCondition AsCondition() => PlanCondition.After(Limit);
}

/// <summary>Removes the hedge when its signals are active.</summary>
[Obsolete(Retired.RemovalRule)]
internal sealed class SignalRemoval : RemovalRule
{
    internal SignalRemoval(SignalKinds signals) : base($"remove when signal '{string.Join(" + ", SignalNames.Names(signals))}' is active")
    { Signals = signals; SignalName = string.Join("+", SignalNames.Names(signals)); }

    /// <summary>The signals that must all be active.</summary>
    public SignalKinds Signals { get; }
    /// <summary>The signal name (<see cref="SignalNames"/>; several joined with '+').</summary>
    public string SignalName { get; }

    /// <inheritdoc />
    public override bool ShouldRemove(RemovalContext context)
    {
        Preconditions.NotNull(context);
        return (context.Signals & Signals) == Signals;
    }

    internal override PlanCondition AsCondition() => PlanCondition.Signal(Signals);
}

/// <summary>Removes the hedge when a caller's predicate holds.</summary>
[Obsolete(Retired.RemovalRule)]
internal sealed class PredicateRemoval : RemovalRule
{
    private readonly Func<RemovalContext, bool> _predicate;

    internal PredicateRemoval(string name, Func<RemovalContext, bool> predicate) : base($"remove when '{name}' holds")
    { Name = name; _predicate = predicate; }

    /// <summary>The rule's name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override bool ShouldRemove(RemovalContext context)
    {
        Preconditions.NotNull(context);
        return _predicate(context);
    }

    internal override PlanCondition? AsCondition() => null;
}
