using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>Tax rates on realized gains: a short-term rate, a long-term rate, and the holding period after which a gain is long-term.</summary>
/// <remarks>
/// A deliberately simple model: <b>tax rules vary by country</b> (holding periods, rates, whether losses offset gains,
/// whether futures or funding are taxed as capital gains or income); check your own jurisdiction's rules. A piece of a
/// sale held more than <see cref="LongTermAfterDays"/> days is long-term; a lot without an acquisition date is taxed as
/// short-term. Each class is taxed on its net gain after the sale fee (a net loss owes nothing; losses of one class are
/// not set against gains of the other). Futures profits and funding received are taxed at the short-term rate
/// (<see cref="HedgeMath.Hedging.HedgeVersusSale"/>). Immutable and thread-safe.
/// </remarks>
public sealed class TaxRates
{
    private TaxRates(decimal shortTerm, decimal longTerm, int days) { ShortTermRate = shortTerm; LongTermRate = longTerm; LongTermAfterDays = days; }

    /// <summary>The rate on gains held at most <see cref="LongTermAfterDays"/> days (and on futures profits and funding).</summary>
    public decimal ShortTermRate { get; }
    /// <summary>The rate on gains held longer.</summary>
    public decimal LongTermRate { get; }
    /// <summary>The holding period, in days, beyond which a gain is long-term (365: "more than one year").</summary>
    public int LongTermAfterDays { get; }

    /// <summary>One rate for every gain, whatever the holding period.</summary>
    /// <param name="rate">The rate, in [0, 1].</param>
    /// <returns>The rates.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1].</exception>
    public static TaxRates Flat(decimal rate) => new(Preconditions.InRange(rate, 0m, 1m), rate, 0);

    /// <summary>A short-term and a long-term rate.</summary>
    /// <param name="shortTermRate">The rate on gains held at most <paramref name="longTermAfterDays"/> days, in [0, 1].</param>
    /// <param name="longTermRate">The rate on gains held longer, in [0, 1].</param>
    /// <param name="longTermAfterDays">The holding period in days, in [0, 36,500] (default 365).</param>
    /// <returns>The rates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public static TaxRates Create(decimal shortTermRate, decimal longTermRate, int longTermAfterDays = 365)
    {
        Preconditions.InRange(shortTermRate, 0m, 1m);
        Preconditions.InRange(longTermRate, 0m, 1m);
        if (longTermAfterDays < 0 || longTermAfterDays > 36_500) Preconditions.ThrowOutOfRange(nameof(longTermAfterDays), longTermAfterDays, "must be in [0, 36,500] days");
        return new TaxRates(shortTermRate, longTermRate, longTermAfterDays);
    }

    /// <summary>Whether units acquired on <paramref name="acquired"/> and sold on <paramref name="saleDate"/> are long-term (a piece of a sale: <c>IsLongTerm(piece.Acquired, saleDate)</c>).</summary>
    /// <param name="acquired">The lot's acquisition date (<see cref="LotSale.Pieces"/>' <c>Acquired</c>); null when unknown.</param>
    /// <param name="saleDate">The sale date.</param>
    /// <returns>True when <see cref="HeldDays"/> is more than <see cref="LongTermAfterDays"/> (false for a lot without a date).</returns>
    public bool IsLongTerm(DateOnly? acquired, DateOnly saleDate) =>
        HeldDays(acquired, saleDate) is { } d && d > LongTermAfterDays;

    /// <summary>Days units acquired on <paramref name="acquired"/> were held at a sale on <paramref name="saleDate"/>.</summary>
    /// <param name="acquired">The lot's acquisition date (<see cref="LotSale.Pieces"/>' <c>Acquired</c>); null when unknown.</param>
    /// <param name="saleDate">The sale date.</param>
    /// <returns>saleDate − acquired, in days; null without an acquisition date.</returns>
    public static int? HeldDays(DateOnly? acquired, DateOnly saleDate) => acquired is { } a ? saleDate.DayNumber - a.DayNumber : null;

    /// <summary>The tax on a hedge's profit when it is closed: short-term rate × max(gain, 0).</summary>
    /// <param name="hedgeGain">The hedge's realized gain (quote asset), after its fees where they are deductible; a loss owes nothing here.</param>
    /// <returns>The tax (quote asset).</returns>
    /// <remarks>A futures hedge is held short-term (here: taxed at <see cref="ShortTermRate"/>); a loss is not set against
    /// other gains in this model, though many countries allow it. The one owner of this rule: the sale-versus-hedge
    /// comparison and the de-risk endings use it.</remarks>
    public decimal TaxOnHedgeGain(decimal hedgeGain) => ShortTermRate * Math.Max(0m, hedgeGain);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"short-term {ShortTermRate:P1}, long-term {LongTermRate:P1} after {LongTermAfterDays} days");
}
