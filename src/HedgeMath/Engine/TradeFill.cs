namespace HedgeMath.Engine;

/// <summary>One fill of a trade the engine made: what was asked, what the lot step allowed, the price, the fee and the PnL it realized.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record TradeFill
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal TradeFill(string symbol, HedgeMath.Positions.Side side, decimal requestedQuantity, decimal filledQuantity, decimal price, decimal fee, decimal realizedPnl, string settlementAsset)
    {
        Symbol = symbol;
        Side = side;
        RequestedQuantity = requestedQuantity;
        FilledQuantity = filledQuantity;
        Price = price;
        Fee = fee;
        RealizedPnl = realizedPnl;
        SettlementAsset = settlementAsset;
    }

    /// <summary>The contract.</summary>
    public string Symbol { get; }

    /// <summary>The side of the order (buy = long, sell = short).</summary>
    public HedgeMath.Positions.Side Side { get; }

    /// <summary>The quantity asked for (linear: base units × size; inverse: contracts).</summary>
    public decimal RequestedQuantity { get; }

    /// <summary>The quantity traded: the request rounded down to the lot step (<see cref="HedgeMath.Positions.Contract.RoundQuantity"/>).</summary>
    public decimal FilledQuantity { get; }

    /// <summary>The fill price.</summary>
    public decimal Price { get; }

    /// <summary>The fee on the traded size only (<see cref="HedgeMath.Margin.Fees"/>), in the settlement asset.</summary>
    public decimal Fee { get; }

    /// <summary>The PnL realized by the part that reduced a position, in the settlement asset.</summary>
    public decimal RealizedPnl { get; }

    /// <summary>The asset of the fee and the PnL.</summary>
    public string SettlementAsset { get; }

    /// <summary>Filled − requested (≤ 0: the lot step cut the order by this much).</summary>
    public decimal RoundingDifference => FilledQuantity - RequestedQuantity;
}
