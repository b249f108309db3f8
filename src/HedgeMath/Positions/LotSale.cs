using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>A spot sale matched to lots: proceeds, cost basis of the lots used, the realized gain, and the lots that remain.</summary>
/// <remarks>Realized gain = proceeds − fee − Σ cost of the units sold. Immutable and thread-safe.</remarks>
public sealed record LotSale
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal LotSale(string asset, LotMethod method, decimal quantity, decimal price, decimal fee, ImmutableArray<(string LotId, DateOnly? Acquired, decimal Quantity, decimal CostPerUnit, decimal Proceeds, decimal Cost, decimal Fee, decimal GainAfterFee)> pieces, TaxLots? remaining)
    {
        Asset = asset;
        Method = method;
        Quantity = quantity;
        Price = price;
        Fee = fee;
        Pieces = pieces;
        Remaining = remaining;
    }

    /// <summary>The asset sold.</summary>
    public string Asset { get; }

    /// <summary>How the lots were picked.</summary>
    public LotMethod Method { get; }

    /// <summary>Units sold.</summary>
    public decimal Quantity { get; }

    /// <summary>Sale price (quote asset).</summary>
    public decimal Price { get; }

    /// <summary>Spot fee of the sale (quote asset).</summary>
    public decimal Fee { get; }

    /// <summary>
    /// The part of each lot the sale used, in the order sold: the lot's id and acquisition date (if known), the units
    /// sold from it, its cost per unit, <c>Proceeds</c> = units × sale price (before fee), <c>Cost</c> = units × cost
    /// per unit, <c>Fee</c> = this piece's share of the sale fee, units × price × fee rate (the pieces' fees add up to
    /// <see cref="Fee"/>), and <c>GainAfterFee</c> = proceeds − fee − cost (the pieces add up to
    /// <see cref="RealizedGain"/>). A piece's holding period is <see cref="TaxRates.HeldDays"/>(<c>Acquired</c>, sale date).
    /// </summary>
    public ImmutableArray<(string LotId, DateOnly? Acquired, decimal Quantity, decimal CostPerUnit, decimal Proceeds, decimal Cost, decimal Fee, decimal GainAfterFee)> Pieces { get; }

    /// <summary>The lots left (null when the sale took every unit).</summary>
    public TaxLots? Remaining { get; }

    /// <summary>Quantity × price.</summary>
    public decimal Proceeds => Quantity * Price;
    /// <summary>Σ cost of the units sold.</summary>
    public decimal CostBasis => Pieces.Sum(p => p.Cost);
    /// <summary>Proceeds − fee − cost basis (negative: a realized loss).</summary>
    public decimal RealizedGain => Proceeds - Fee - CostBasis;

    /// <summary>Tax on the realized gain at a flat rate: rate × max(gain, 0) (a loss owes nothing; what it offsets elsewhere is not modelled).</summary>
    /// <param name="taxRate">The rate, in [0, 1].</param>
    /// <returns>The tax (quote asset).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="taxRate"/> is outside [0, 1].</exception>
    public decimal TaxAt(decimal taxRate)
    {
        Preconditions.InRange(taxRate, 0m, 1m);
        return Math.Max(0m, RealizedGain) * taxRate;
    }

    /// <summary>The realized gain after fees of the pieces that are long-term (<paramref name="longTerm"/> true) or short-term under <paramref name="rates"/>.</summary>
    /// <param name="rates">The rates and holding period.</param>
    /// <param name="saleDate">The sale date.</param>
    /// <param name="longTerm">Which class.</param>
    /// <returns>Σ <c>GainAfterFee</c> of the <see cref="Pieces"/> of that class (quote asset).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    public decimal GainOfClass(TaxRates rates, DateOnly saleDate, bool longTerm)
    {
        Preconditions.NotNull(rates);
        decimal g = 0m;
        foreach (var p in Pieces) if (rates.IsLongTerm(p.Acquired, saleDate) == longTerm) g += p.GainAfterFee;
        return g;
    }

    /// <summary>Tax on the sale with a short- and a long-term rate: short × max(short-term gain, 0) + long × max(long-term gain, 0).</summary>
    /// <param name="rates">The rates and holding period (<b>rules vary by country</b>: see <see cref="TaxRates"/>).</param>
    /// <param name="saleDate">The sale date (a piece held more than the holding period is long-term).</param>
    /// <returns>The tax (quote asset).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    public decimal TaxAt(TaxRates rates, DateOnly saleDate)
    {
        Preconditions.NotNull(rates);
        return rates.ShortTermRate * Math.Max(0m, GainOfClass(rates, saleDate, false)) + rates.LongTermRate * Math.Max(0m, GainOfClass(rates, saleDate, true));
    }
}
