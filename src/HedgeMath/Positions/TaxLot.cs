using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>One purchase of a spot holding: a quantity bought at a cost per unit, on a date.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TaxLot
{
    /// <summary>Creates a lot.</summary>
    /// <param name="id">A name for the lot (unique within its <see cref="TaxLots"/>), e.g. "2023-03 buy".</param>
    /// <param name="quantity">Units bought, &gt; 0.</param>
    /// <param name="costPerUnit">Cost per unit including fees (quote asset), ≥ 0 (0: an airdrop).</param>
    /// <param name="acquired">Acquisition date (orders FIFO), or null (the order given).</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule, or quantity × cost overflows decimal.</exception>
    public TaxLot(string id, decimal quantity, decimal costPerUnit, DateOnly? acquired = null)
    {
        Id = Preconditions.NotNullOrWhiteSpace(id);
        Quantity = Preconditions.Positive(quantity);
        CostPerUnit = Preconditions.NonNegative(costPerUnit);
        Acquired = acquired;
        try { CostBasis = quantity * costPerUnit; }
        catch (OverflowException) { Preconditions.ThrowOutOfRange(nameof(quantity), quantity, $"times the cost {costPerUnit} overflows decimal"); }
    }

    /// <summary>The lot's name.</summary>
    public string Id { get; }
    /// <summary>Units in the lot.</summary>
    public decimal Quantity { get; }
    /// <summary>Cost per unit (quote asset).</summary>
    public decimal CostPerUnit { get; }
    /// <summary>Acquisition date, if known.</summary>
    public DateOnly? Acquired { get; }
    /// <summary>Quantity × cost per unit.</summary>
    public decimal CostBasis { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id}: {Quantity} @ {CostPerUnit}");
}
