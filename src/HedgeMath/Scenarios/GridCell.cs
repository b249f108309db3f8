using HedgeMath.Engine;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Scenarios;

/// <summary>One cell of an exact scenario grid.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct GridCell
{
    internal GridCell(decimal move, decimal price, decimal ratio, decimal leverage, decimal netPnl, decimal unhedgedPnl, HedgeExit exit)
    {
        Move = move; Price = price; HedgeRatio = ratio; Leverage = leverage; NetPnl = netPnl; UnhedgedPnl = unhedgedPnl; Exit = exit;
    }

    /// <summary>Price move as a fraction.</summary>
    public decimal Move { get; }
    /// <summary>Price at the end.</summary>
    public decimal Price { get; }
    /// <summary>Hedge ratio.</summary>
    public decimal HedgeRatio { get; }
    /// <summary>Leverage.</summary>
    public decimal Leverage { get; }
    /// <summary>Hedged net PnL after fees and funding (vs decision price).</summary>
    public decimal NetPnl { get; }
    /// <summary>Unhedged PnL (vs decision price).</summary>
    public decimal UnhedgedPnl { get; }
    /// <summary>Whether the hedge was stopped or liquidated in this cell.</summary>
    public HedgeExit Exit { get; }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"move {Move:P0}, ratio {HedgeRatio}, {Leverage}x: net {NetPnl:0.00} (unhedged {UnhedgedPnl:0.00}){(Exit == HedgeExit.None ? "" : " " + Exit)}");
}
