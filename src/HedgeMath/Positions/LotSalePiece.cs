using System.Collections.Immutable;

namespace HedgeMath.Positions;

/// <summary>The part of one lot a sale used.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record LotSalePiece
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal LotSalePiece(string lotId, decimal quantity, decimal costPerUnit, decimal proceeds, decimal fee, DateOnly? acquired)
    {
        LotId = lotId;
        Quantity = quantity;
        CostPerUnit = costPerUnit;
        Proceeds = proceeds;
        Fee = fee;
        Acquired = acquired;
    }

    /// <summary>The lot.</summary>
    public string LotId { get; }

    /// <summary>Units sold from it.</summary>
    public decimal Quantity { get; }

    /// <summary>Its cost per unit.</summary>
    public decimal CostPerUnit { get; }

    /// <summary>Units × sale price (before fee).</summary>
    public decimal Proceeds { get; }

    /// <summary>Units × cost per unit.</summary>
    public decimal Cost => Quantity * CostPerUnit;
    /// <summary>Proceeds − cost (before the sale fee).</summary>
    public decimal Gain => Proceeds - Cost;
    /// <summary>This piece's share of the sale fee: units × price × fee rate (the pieces' fees add up to <see cref="LotSale.Fee"/>).</summary>
    public decimal Fee { get; }
    /// <summary>Proceeds − fee − cost: this piece's part of <see cref="LotSale.RealizedGain"/> (the pieces add up to it).</summary>
    public decimal GainAfterFee => Proceeds - Fee - Cost;
    /// <summary>The lot's acquisition date, if known.</summary>
    public DateOnly? Acquired { get; }

    /// <summary>Days the units were held at a sale on <paramref name="saleDate"/>; null when the lot has no date.</summary>
    /// <param name="saleDate">The sale date.</param>
    /// <returns>saleDate − acquired, in days; null without an acquisition date.</returns>
    public int? HeldDays(DateOnly saleDate) => Acquired is { } a ? saleDate.DayNumber - a.DayNumber : null;
}
