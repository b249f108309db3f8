using HedgeMath.Internal;

namespace HedgeMath.Engine;

/// <summary>A stop-market order on a futures leg: the trigger price, the price it watches and the slippage of its fill.</summary>
/// <remarks>
/// A short's stop sits above the price and fires when the watched price reaches it; a long's sits below. The fill
/// is the stop moved against the trader by <see cref="Slippage"/> (short: <c>stop·(1 + slippage)</c>, long:
/// <c>stop·(1 − slippage)</c>), or the interval's open (last price) when the price gapped through the stop.
/// Stop-market orders take liquidity: the taker fee applies. Immutable and thread-safe.
/// </remarks>
public sealed class StopOrder
{
    private StopOrder(decimal price, TriggerPrice trigger, decimal slippage) { Price = price; Trigger = trigger; Slippage = slippage; }

    /// <summary>The trigger price.</summary>
    public decimal Price { get; }
    /// <summary>The price the stop watches.</summary>
    public TriggerPrice Trigger { get; }
    /// <summary>The fill's distance beyond the stop, a fraction of the stop price in [0, 1).</summary>
    public decimal Slippage { get; }

    /// <summary>A stop at a price.</summary>
    /// <param name="price">The trigger price, &gt; 0.</param>
    /// <param name="trigger">The price watched; the mark price by default.</param>
    /// <param name="slippage">The fill's distance beyond the stop as a fraction, in [0, 1); 0 by default.</param>
    /// <returns>The stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks its rule or the trigger is undefined.</exception>
    public static StopOrder At(decimal price, TriggerPrice trigger = TriggerPrice.Mark, decimal slippage = 0m)
    {
        Preconditions.Positive(price);
        Preconditions.Defined(trigger);
        Preconditions.InRangeHalfOpen(slippage, 0m, 1m);
        return new StopOrder(price, trigger, slippage);
    }

    internal decimal FillFor(bool isLong) => FillFor(Price, Slippage, isLong);

    /// <summary>The fill of a stop at <paramref name="price"/>: moved against the trader by the slippage.</summary>
    internal static decimal FillFor(decimal price, decimal slippage, bool isLong) => isLong ? price * (1m - slippage) : price * (1m + slippage);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"stop {Price} on {Trigger}{(Slippage > 0m ? $", slippage {Slippage:P2}" : "")}");
}
