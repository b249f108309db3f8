namespace HedgeMath.Positions;

/// <summary>The result of reducing a position: what remains and the PnL realized on the closed part.</summary>
public sealed record PositionReduction
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal PositionReduction(Position? remaining, decimal closedQuantity, decimal realizedPnl, decimal releasedMargin)
    {
        Remaining = remaining;
        ClosedQuantity = closedQuantity;
        RealizedPnl = realizedPnl;
        ReleasedMargin = releasedMargin;
    }

    /// <summary>The remaining position, or null when fully closed.</summary>
    public Position? Remaining { get; }

    /// <summary>The quantity closed.</summary>
    public decimal ClosedQuantity { get; }

    /// <summary>The realized PnL in the settlement asset (positive is a gain), before fees.</summary>
    public decimal RealizedPnl { get; }

    /// <summary>The isolated margin released by the close (proportional to the closed quantity; 0 for cross).</summary>
    public decimal ReleasedMargin { get; }
}
