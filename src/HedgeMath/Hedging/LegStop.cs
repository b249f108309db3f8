using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>How a <see cref="LegStop"/> places its price.</summary>
public enum LegStopKind
{
    /// <summary>A fixed price.</summary>
    Price = 1,
    /// <summary>A fraction from the leg's average entry (above a short, below a long); it follows the entry as the leg is re-sized.</summary>
    Distance = 2,
    /// <summary>A multiple of the average true range (Wilder, <see cref="LegStop.AtrPeriods"/> bars, of the spot candles) from the leg's average entry, re-measured at every close.</summary>
    AtrMultiple = 3,
    /// <summary>The largest loss on the hedge (before fees, in the settlement asset) the trader accepts: a one-off <see cref="HedgePlan"/> turns it into a price (<see cref="HedgePlan.StopPrice"/>); a plan leg takes that price instead.</summary>
    MaxHedgeCost = 4,
}

/// <summary>A hedge's stop: a price, a distance from the entry, a multiple of ATR, or (for a one-off <see cref="HedgePlan"/>) the largest hedge loss accepted; watched on the mark or last price.</summary>
/// <remarks>
/// The one stop type of a plan leg (<see cref="PlanLeg"/>, <see cref="RuleAction.MoveStop"/>) and of a one-off
/// <see cref="HedgePlan"/> (<see cref="HedgePlan.WithStop"/>; it was <c>HedgeStop</c> before issue 28). A short hedge loses
/// when the price rises; the stop closes it before the loss grows. A maximum cost C is turned into a price by the
/// contract's PnL: linear <c>entry + C/(q·size)</c>; inverse <c>1/(1/entry − C/(contracts·size))</c>. Immutable and
/// thread-safe.
/// </remarks>
public sealed class LegStop : IEquatable<LegStop>
{
    /// <summary>The ATR length the <see cref="LegStopKind.AtrMultiple"/> stop uses (Wilder's 14).</summary>
    public const int AtrPeriods = 14;

    /// <summary>The largest distance accepted: a stop 1,000,000 × away from the entry (any price times it stays inside decimal).</summary>
    public const decimal MaxDistance = 1_000_000m;

    private LegStop(LegStopKind kind, decimal value, TriggerPrice trigger, decimal slippage)
    {
        Kind = kind; Value = value; Trigger = trigger; Slippage = slippage;
    }

    /// <summary>How the price is placed.</summary>
    public LegStopKind Kind { get; }
    /// <summary>The price, the fraction, or the ATR multiple.</summary>
    public decimal Value { get; }
    /// <summary>The price the stop watches.</summary>
    public TriggerPrice Trigger { get; }
    /// <summary>Slippage of the fill, as a fraction of the stop price.</summary>
    public decimal Slippage { get; }

    /// <summary>A stop at a fixed price.</summary>
    /// <param name="price">The price, &gt; 0.</param>
    /// <param name="trigger">Mark (default) or last.</param>
    /// <param name="slippage">Fill slippage in [0, 1).</param>
    /// <returns>The stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static LegStop AtPrice(decimal price, TriggerPrice trigger = TriggerPrice.Mark, decimal slippage = 0m) =>
        new(LegStopKind.Price, Preconditions.Positive(price), Preconditions.Defined(trigger), Slip(slippage));

    /// <summary>A stop a fraction away from the leg's average entry (a short's above it, a long's below it).</summary>
    /// <param name="fraction">The distance, &gt; 0 (a long's must be below 1).</param>
    /// <param name="trigger">Mark (default) or last.</param>
    /// <param name="slippage">Fill slippage in [0, 1).</param>
    /// <returns>The stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static LegStop AtDistance(decimal fraction, TriggerPrice trigger = TriggerPrice.Mark, decimal slippage = 0m) =>
        new(LegStopKind.Distance, Preconditions.InRange(fraction, 1e-28m, MaxDistance), Preconditions.Defined(trigger), Slip(slippage));

    /// <summary>A stop <paramref name="multiple"/> average true ranges from the leg's average entry.</summary>
    /// <param name="multiple">The multiple, in (0, 100].</param>
    /// <param name="trigger">Mark (default) or last.</param>
    /// <param name="slippage">Fill slippage in [0, 1).</param>
    /// <returns>The stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static LegStop AtAtrMultiple(decimal multiple, TriggerPrice trigger = TriggerPrice.Mark, decimal slippage = 0m)
    {
        if (multiple <= 0m || multiple > 100m) Preconditions.ThrowOutOfRange(nameof(multiple), multiple, "must be in (0, 100]");
        return new(LegStopKind.AtrMultiple, multiple, Preconditions.Defined(trigger), Slip(slippage));
    }

    /// <summary>A stop at the price where a one-off <see cref="HedgePlan"/>'s hedge has lost <paramref name="amount"/> (before fees); not for a plan leg (use the plan's <see cref="HedgePlan.StopPrice"/>).</summary>
    /// <param name="amount">The largest loss accepted, in the contract's settlement asset, &gt; 0.</param>
    /// <returns>The stop (watched on the mark, no slippage).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    public static LegStop MaxHedgeCost(decimal amount) => new(LegStopKind.MaxHedgeCost, Preconditions.Positive(amount), TriggerPrice.Mark, 0m);

    /// <summary>Rejects a stop a plan leg cannot place (a maximum hedge cost: it depends on the one-off plan's size).</summary>
    internal static LegStop? ForLeg(LegStop? stop, string paramName)
    {
        if (stop?.Kind == LegStopKind.MaxHedgeCost)
            Preconditions.ThrowArgument(paramName, $"is a maximum hedge cost ({stop.Value}), a one-off HedgePlan's stop; a plan leg's stop is a price, a distance or an ATR multiple (take the HedgePlan's StopPrice)");
        return stop;
    }

    private static decimal Slip(decimal slippage)
    {
        if (slippage < 0m || slippage >= 1m) Preconditions.ThrowOutOfRange(nameof(slippage), slippage, "must be in [0, 1)");
        return slippage;
    }

    /// <summary>The stop price of a leg entered at a price: the price itself, or the entry moved by the distance against the leg.</summary>
    /// <param name="side">The leg's side (a short's stop is above its entry, a long's below).</param>
    /// <param name="entry">The leg's (average) entry price, &gt; 0.</param>
    /// <returns>
    /// <see cref="LegStopKind.Price"/>: <see cref="Value"/>; <see cref="LegStopKind.Distance"/>: entry·(1 + d) short, entry·(1 − d)
    /// long; null when no price follows from the entry alone (an ATR multiple needs the ATR, a maximum hedge cost the
    /// plan's size) or a long's distance puts it at or below 0.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is not defined or <paramref name="entry"/> is not positive.</exception>
    public decimal? PriceFor(Side side, decimal entry)
    {
        Preconditions.Defined(side);
        Preconditions.Positive(entry);
        return Kind is LegStopKind.Price or LegStopKind.Distance ? PriceFor(side == Side.Short, entry, double.NaN) : null;
    }

    /// <summary>The stop price for a leg, or null when it cannot be placed yet (an ATR stop before the ATR has warmed up, a long's distance stop at or below 0).</summary>
    /// <param name="isShort">Whether the leg is short.</param>
    /// <param name="entry">The leg's average entry.</param>
    /// <param name="atr">The average true range at the close (NaN during warm-up).</param>
    internal decimal? PriceFor(bool isShort, decimal entry, double atr)
    {
        decimal p;
        switch (Kind)
        {
            case LegStopKind.Price: return Value;
            case LegStopKind.Distance: p = entry * (isShort ? 1m + Value : 1m - Value); break;
            default:
                if (!double.IsFinite(atr) || atr <= 0d) return null;
                decimal a = (decimal)atr * Value;
                p = isShort ? entry + a : entry - a;
                break;
        }
        return p > 0m ? p : null;
    }

    /// <summary>The engine's stop order at a price.</summary>
    internal StopOrder Order(decimal price) => StopOrder.At(price, Trigger, Slippage);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        LegStopKind.Price => string.Create(CultureInfo.InvariantCulture, $"stop at {Value}"),
        LegStopKind.Distance => string.Create(CultureInfo.InvariantCulture, $"stop {Value:P1} from entry"),
        LegStopKind.MaxHedgeCost => string.Create(CultureInfo.InvariantCulture, $"stop at a hedge loss of {Value}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"stop {Value} × ATR({AtrPeriods}) from entry"),
    } + (Trigger == TriggerPrice.Last ? " on last" : "");

    /// <inheritdoc />
    public bool Equals(LegStop? other) => other is not null && Kind == other.Kind && Value == other.Value && Trigger == other.Trigger && Slippage == other.Slippage;
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LegStop);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value, Trigger, Slippage);
}
