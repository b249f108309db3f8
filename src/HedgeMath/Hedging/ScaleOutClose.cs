using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>A scale-out ladder closed when the rally ends: the shorts' realized PnL and the spot kept.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ScaleOutClose
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal ScaleOutClose(decimal closePrice, decimal shortQuantity, decimal averageShortEntry, decimal futuresPnl, decimal openFees, decimal closeFee, decimal spotValue, decimal spotPnlVsCost)
    {
        ClosePrice = closePrice;
        ShortQuantity = shortQuantity;
        AverageShortEntry = averageShortEntry;
        FuturesPnl = futuresPnl;
        OpenFees = openFees;
        CloseFee = closeFee;
        SpotValue = spotValue;
        SpotPnlVsCost = spotPnlVsCost;
    }

    /// <summary>The closing price.</summary>
    public decimal ClosePrice { get; }

    /// <summary>Futures quantity closed.</summary>
    public decimal ShortQuantity { get; }

    /// <summary>The combined short's average entry.</summary>
    public decimal AverageShortEntry { get; }

    /// <summary>Realized PnL of the shorts before fees (quote asset): positive only when the close is below the average entry.</summary>
    public decimal FuturesPnl { get; }

    /// <summary>Σ the rungs' opening fees (quote asset).</summary>
    public decimal OpenFees { get; }

    /// <summary>Fee to close the combined short at the closing price (quote asset).</summary>
    public decimal CloseFee { get; }

    /// <summary>The spot kept, valued at the closing price.</summary>
    public decimal SpotValue { get; }

    /// <summary>The spot's unrealized PnL against its cost basis.</summary>
    public decimal SpotPnlVsCost { get; }

    /// <summary>The shorts' realized PnL after opening and closing fees.</summary>
    public decimal NetFuturesPnl => FuturesPnl - OpenFees - CloseFee;
    /// <summary>Spot vs cost + the shorts' net realized PnL.</summary>
    public decimal TotalVsCost => SpotPnlVsCost + NetFuturesPnl;
    /// <summary>How the combined short ended on the way to the close: open until closed (<see cref="HedgeExit.None"/>) or liquidated.</summary>
    public HedgeExit Exit { get; internal init; }
    /// <summary>The liquidation price when the short was liquidated on the way; null when it was closed at <see cref="ClosePrice"/>.</summary>
    public decimal? ExitPrice { get; internal init; }
}
