using System.Globalization;

namespace HedgeMath.Hedging;

/// <summary>What happened to a plan on a bar.</summary>
public enum PlanEventKind
{
    /// <summary>A rule's condition held and its action was done.</summary>
    RuleFired = 1,
    /// <summary>A rule fired but its action had nothing to act on (a flat or removed leg, no spot); recorded, not an error.</summary>
    RuleIdle = 2,
    /// <summary>A leg was traded to its target (opened, re-sized, re-opened or closed).</summary>
    Traded = 3,
    /// <summary>A leg's stop was hit.</summary>
    Stopped = 4,
    /// <summary>A leg was liquidated.</summary>
    Liquidated = 5,
    /// <summary>A leg's take-profit was reached and the leg closed.</summary>
    TookProfit = 6,
    /// <summary>A leg closed a fraction of its position.</summary>
    PartlyClosed = 7,
    /// <summary>Spot was sold or bought by a rule.</summary>
    SpotTraded = 8,
}

/// <summary>One thing that happened to a plan on a bar.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PlanEvent
{
    internal PlanEvent(DateTimeOffset time, PlanEventKind kind, int leg, int rule, decimal quantity, decimal price, string detail)
    {
        Time = time; Kind = kind; Leg = leg; Rule = rule; Quantity = quantity; Price = price; Detail = detail;
    }

    /// <summary>The bar's close time.</summary>
    public DateTimeOffset Time { get; }
    /// <summary>What happened.</summary>
    public PlanEventKind Kind { get; }
    /// <summary>The leg's index, or −1 (spot, or a rule on no leg).</summary>
    public int Leg { get; }
    /// <summary>The rule's index in the plan, or −1.</summary>
    public int Rule { get; }
    /// <summary>The quantity traded (contracts for legs, base units for spot), 0 when nothing traded.</summary>
    public decimal Quantity { get; }
    /// <summary>The price of the fill or exit, 0 when nothing traded.</summary>
    public decimal Price { get; }
    /// <summary>A sentence for people.</summary>
    public string Detail { get; }

    /// <summary>The side of the order a <see cref="PlanEventKind.Traded"/> event filled (for the now clock's orders); null for other events.</summary>
    internal HedgeMath.Positions.Side? TradeSide { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Time:yyyy-MM-dd HH:mm} {Kind}: {Detail}");
}
