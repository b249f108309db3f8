using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Engine;

// HedgeBook: the legs' figures at a price, summed (the totals plan at shows); HedgeBook.cs holds the rest.
public sealed partial class HedgeBook
{
    /// <summary>
    /// The legs' figures at one price, summed in the quote asset: each leg's <see cref="BookLeg.PnlAt"/>, <see cref="BookLeg.Fees"/>,
    /// <see cref="BookLeg.CloseFeeAt"/> (taker) and <see cref="BookLeg.Funding"/>, converted by <see cref="BookLeg.ToQuote"/> at
    /// <paramref name="price"/> (the totals of <c>plan at</c>'s table).
    /// </summary>
    /// <param name="price">The price every leg is valued at, &gt; 0.</param>
    /// <returns>The sums over <see cref="Legs"/>: hedge PnL (realized + unrealized), fees paid, the fees to close what is open
    /// there, and funding received (negative: paid); all 0 for a book with no legs. Net of the hedge closed there:
    /// Pnl − Fees − CloseFees + Funding.</returns>
    /// <exception cref="ArgumentException"><paramref name="price"/> is not positive, or a figure overflows decimal.</exception>
    public (decimal Pnl, decimal Fees, decimal CloseFees, decimal Funding) LegsAt(decimal price)
    {
        Preconditions.Positive(price);
        return Sum(_ => price);
    }

    /// <summary>
    /// The legs' figures, each leg at its own contract's base asset's price, summed in the quote asset (as
    /// <see cref="LegsAt(decimal)"/>; a book over several assets, <c>plan at</c> on a multi-asset plan).
    /// </summary>
    /// <param name="prices">The price of each leg's <see cref="Contract.BaseAsset"/> (ordinal keys), each &gt; 0.</param>
    /// <returns>The sums over <see cref="Legs"/>, as <see cref="LegsAt(decimal)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="prices"/> is null.</exception>
    /// <exception cref="ArgumentException">A leg's base asset has no price or a price that is not positive, or a figure overflows decimal.</exception>
    public (decimal Pnl, decimal Fees, decimal CloseFees, decimal Funding) LegsAt(IReadOnlyDictionary<string, decimal> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        foreach (var leg in Legs)
        {
            if (!prices.TryGetValue(leg.Contract.BaseAsset, out var p))
                Preconditions.ThrowArgument(nameof(prices), $"has no price of {leg.Contract.BaseAsset}, the base asset of {leg.Contract.Symbol}");
            else if (p <= 0m)
                Preconditions.ThrowArgument(nameof(prices), string.Create(CultureInfo.InvariantCulture, $"must be greater than 0; {leg.Contract.BaseAsset} is {p}"));
        }
        return Sum(l => prices[l.Contract.BaseAsset]);
    }

    private (decimal Pnl, decimal Fees, decimal CloseFees, decimal Funding) Sum(Func<BookLeg, decimal> priceOf)
    {
        decimal pnl = 0m, fees = 0m, closeFees = 0m, funding = 0m;
        foreach (var l in Legs)
        {
            decimal x = priceOf(l);
            pnl += l.ToQuote(l.PnlAt(x), x); fees += l.ToQuote(l.Fees, x); closeFees += l.ToQuote(l.CloseFeeAt(x), x); funding += l.ToQuote(l.Funding, x);
        }
        return (pnl, fees, closeFees, funding);
    }
}
