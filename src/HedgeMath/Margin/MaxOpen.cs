using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>The result of <see cref="MarginCalc.MaxOpenQuantity"/>.</summary>
public sealed record MaxOpen
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal MaxOpen(decimal quantity, decimal notional, decimal initialMargin, decimal openFee, bool limitedByTier, string settlementAsset)
    {
        Quantity = quantity;
        Notional = notional;
        InitialMargin = initialMargin;
        OpenFee = openFee;
        LimitedByTier = limitedByTier;
        SettlementAsset = settlementAsset;
    }

    /// <summary>The largest quantity (rounded down to the lot step; 0 when not even one lot fits).</summary>
    public decimal Quantity { get; }

    /// <summary>Its notional at the price, in the settlement asset.</summary>
    public decimal Notional { get; }

    /// <summary>Its initial margin, notional / leverage.</summary>
    public decimal InitialMargin { get; }

    /// <summary>The taker fee of opening it.</summary>
    public decimal OpenFee { get; }

    /// <summary>True when the tier cap for the leverage, not the balance, set the limit.</summary>
    public bool LimitedByTier { get; }

    /// <summary>The asset of the money figures.</summary>
    public string SettlementAsset { get; }
}
