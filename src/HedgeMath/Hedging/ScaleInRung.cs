using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>One rung of a scale-in ladder after its entry.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScaleInRung
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal ScaleInRung(int index, decimal price, decimal quantityAdded, decimal cumulativeQuantity, decimal averageEntry, decimal exposure, decimal marginAdded, decimal totalMargin, decimal pnlAtRung, decimal reversalPrice, decimal lossIfReverses, decimal? liquidationPrice, decimal? stopPrice = null, decimal? lossAtStop = null, bool stopBeyondLiquidation = false)
    {
        Index = index;
        Price = price;
        QuantityAdded = quantityAdded;
        CumulativeQuantity = cumulativeQuantity;
        AverageEntry = averageEntry;
        Exposure = exposure;
        MarginAdded = marginAdded;
        TotalMargin = totalMargin;
        PnlAtRung = pnlAtRung;
        ReversalPrice = reversalPrice;
        LossIfReverses = lossIfReverses;
        LiquidationPrice = liquidationPrice;
        StopPrice = stopPrice;
        LossAtStop = lossAtStop;
        StopBeyondLiquidation = stopBeyondLiquidation;
    }

    /// <summary>0-based rung number.</summary>
    public int Index { get; }

    /// <summary>The entry price.</summary>
    public decimal Price { get; }

    /// <summary>Quantity bought at this rung (futures: rounded down to the lot step by the engine).</summary>
    public decimal QuantityAdded { get; }

    /// <summary>Total quantity after the rung.</summary>
    public decimal CumulativeQuantity { get; }

    /// <summary>Average entry after the rung.</summary>
    public decimal AverageEntry { get; }

    /// <summary>Position notional at the rung price (quote asset for linear and spot; coin for inverse).</summary>
    public decimal Exposure { get; }

    /// <summary>Margin (futures: notional / leverage) or cash (spot: full cost) this rung ties up.</summary>
    public decimal MarginAdded { get; }

    /// <summary>Margin or cash tied up after the rung.</summary>
    public decimal TotalMargin { get; }

    /// <summary>Unrealized PnL at the rung price.</summary>
    public decimal PnlAtRung { get; }

    /// <summary>The price after an adverse move of the ladder's reversal fraction right after the rung.</summary>
    public decimal ReversalPrice { get; }

    /// <summary>Loss (positive number, before fees) on the straight way down to the reversal price; 0 when the position would still be in profit. Futures run on the engine: a rung's stop crossed on the way caps the loss at the stop fill, a liquidation at the isolated margin (<see cref="ScaleInRung.ExitIfReverses"/> says which).</summary>
    public decimal LossIfReverses { get; }

    /// <summary>Futures: liquidation price after the rung (null when none); spot: null.</summary>
    public decimal? LiquidationPrice { get; }

    /// <summary>The rung's stop for the whole position (null: none).</summary>
    public decimal? StopPrice { get; }

    /// <summary>Loss (positive) of the whole position if the price falls to <see cref="StopPrice"/> right after the rung, before fees: the loss at the stop fill, or the isolated margin when the liquidation price comes first (futures, on the engine); 0 when the stop is above the average entry (a stop that locks a profit); null without a stop.</summary>
    public decimal? LossAtStop { get; }

    /// <summary>True when the liquidation price is at or above the stop (a long is liquidated before its stop fires); false for spot or without a stop.</summary>
    public bool StopBeyondLiquidation { get; }

    /// <summary>How the position ends on the way to <see cref="ReversalPrice"/> (futures, on the engine): open (<see cref="HedgeExit.None"/>), stopped at the rung's stop or liquidated; <see cref="HedgeExit.None"/> for spot.</summary>
    public HedgeExit ExitIfReverses { get; internal init; }
}
