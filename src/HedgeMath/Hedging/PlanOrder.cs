using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>What kind of order a <see cref="PlanOrder"/> is.</summary>
public enum PlanOrderKind
{
    /// <summary>A market order for a trade the plan made at the latest close (a leg brought to its target, a fraction closed, spot sold or bought): place it now.</summary>
    Market = 1,
    /// <summary>A standing stop-market order that closes a leg (reduce-only) when its trigger price is reached.</summary>
    StopMarket = 2,
    /// <summary>A standing take-profit-market order that closes a leg (reduce-only) when the last price reaches it.</summary>
    TakeProfitMarket = 3,
}

/// <summary>One order a plan asks for now: a market order for a trade it made on the latest bar, or a standing protective order.</summary>
/// <remarks>
/// Quantities are as the exchange takes them: contracts of the leg's contract, at its lot step (the engine's fill,
/// <see cref="Contract.RoundQuantity"/>); spot orders in base units. Trigger prices are at the contract's tick, rounded
/// toward the leg's entry (a stop is never placed beyond the price the plan computed). Immutable and thread-safe.
/// </remarks>
public sealed record PlanOrder
{
    internal PlanOrder(PlanOrderKind kind, int leg, int rule, Side side, string symbol, bool isSpot, decimal quantity, bool reduceOnly,
        decimal? triggerPrice, TriggerPrice? trigger, string reason)
    {
        Kind = kind; Leg = leg; Rule = rule; Side = side; Symbol = symbol; IsSpot = isSpot; Quantity = quantity; ReduceOnly = reduceOnly;
        TriggerPrice = triggerPrice; Trigger = trigger; Reason = reason;
    }

    /// <summary>Market, stop-market or take-profit-market.</summary>
    public PlanOrderKind Kind { get; }
    /// <summary>The plan leg the order is for, or −1 for a spot order.</summary>
    public int Leg { get; }
    /// <summary>The rule that asked for it, or −1 (a leg brought to its target, a protective order).</summary>
    public int Rule { get; }
    /// <summary>The order's side: <see cref="Side.Long"/> buys, <see cref="Side.Short"/> sells.</summary>
    public Side Side { get; }
    /// <summary>The contract symbol (e.g. BTCUSDT), or for a spot order the asset and its quote (e.g. BTCUSDT).</summary>
    public string Symbol { get; }
    /// <summary>True for a spot order, false for a futures order.</summary>
    public bool IsSpot { get; }
    /// <summary>The quantity: contracts at the lot step (futures) or base units (spot).</summary>
    public decimal Quantity { get; }
    /// <summary>Whether the order may only reduce the position (every protective order, and every trade that makes a leg smaller).</summary>
    public bool ReduceOnly { get; }
    /// <summary>The trigger price at the contract's tick; null for a market order.</summary>
    public decimal? TriggerPrice { get; }
    /// <summary>The price the trigger watches (mark or last, as the leg's stop says; last for a take-profit); null for a market order.</summary>
    public TriggerPrice? Trigger { get; }
    /// <summary>Why the order is asked for, in words.</summary>
    public string Reason { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Kind} {(Side == Side.Long ? "buy" : "sell")} {Quantity} {Symbol}{(ReduceOnly ? " reduce-only" : "")}{(TriggerPrice is { } p ? $" trigger {p} on {Trigger}" : "")}: {Reason}");
}
