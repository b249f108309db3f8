using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>What is known at a moment when a plan asks whether its hedge should come off.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RemovalContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="spotPrice">The spot price now, &gt; 0.</param>
    /// <param name="elapsed">Time since the hedge was opened, ≥ 0.</param>
    /// <param name="firedSignals">Names of the signals that fire now (e.g. from the signals layer); null or empty when none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="spotPrice"/> is not positive or <paramref name="elapsed"/> is negative.</exception>
    public RemovalContext(decimal spotPrice, TimeSpan elapsed, IEnumerable<string>? firedSignals = null)
    {
        SpotPrice = Preconditions.Positive(spotPrice);
        if (elapsed < TimeSpan.Zero) Preconditions.ThrowOutOfRange(nameof(elapsed), elapsed, "must be 0 or greater");
        Elapsed = elapsed;
        FiredSignals = firedSignals is null ? ImmutableHashSet<string>.Empty : firedSignals.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The spot price now.</summary>
    public decimal SpotPrice { get; }
    /// <summary>Time since the hedge was opened.</summary>
    public TimeSpan Elapsed { get; }
    /// <summary>Names of the signals that fire now (compared ignoring case).</summary>
    public ImmutableHashSet<string> FiredSignals { get; }
}

/// <summary>A rule that says when a hedge comes off: a price level, a time limit, a named signal, or a predicate.</summary>
/// <remarks>
/// A plan holds any number of rules; the hedge comes off when the first fires. Signals are referred to by
/// name so that the plan does not depend on how they are computed (the signals layer, or the caller's own
/// system, reports which names fire in a <see cref="RemovalContext"/>). Immutable and thread-safe.
/// </remarks>
public abstract class RemovalRule
{
    private protected RemovalRule(string description) => Description = description;

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

    /// <summary>Remove when a named signal fires (e.g. "rsi-oversold"; the signals layer supplies the names).</summary>
    /// <param name="signalName">The signal name (compared ignoring case).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="signalName"/> is empty.</exception>
    public static RemovalRule WhenSignal(string signalName) => new SignalRemoval(Preconditions.NotNullOrWhiteSpace(signalName));

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
}

/// <summary>Removes the hedge after a holding time.</summary>
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
}

/// <summary>Removes the hedge when a named signal fires.</summary>
internal sealed class SignalRemoval : RemovalRule
{
    internal SignalRemoval(string name) : base($"remove when signal '{name}' fires") => SignalName = name;

    /// <summary>The signal name.</summary>
    public string SignalName { get; }

    /// <inheritdoc />
    public override bool ShouldRemove(RemovalContext context)
    {
        Preconditions.NotNull(context);
        return context.FiredSignals.Contains(SignalName);
    }
}

/// <summary>Removes the hedge when a caller's predicate holds.</summary>
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
}
