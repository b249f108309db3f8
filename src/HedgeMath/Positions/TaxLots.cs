using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>How a sale picks the lots it sells from (the choice decides the realized gain, and so the tax).</summary>
public enum LotMethod
{
    /// <summary>First in, first out: the oldest lots first (acquisition date, then the order given).</summary>
    Fifo = 0,
    /// <summary>Highest in, first out: the most expensive lots first (the smallest gain, the largest loss).</summary>
    Hifo = 1,
    /// <summary>Specific identification: the lots the seller names, in the order named.</summary>
    Specific = 2,
}

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

    /// <summary>Whether a piece of a sale on <paramref name="saleDate"/> is long-term.</summary>
    /// <param name="piece">The piece.</param>
    /// <param name="saleDate">The sale date.</param>
    /// <returns>True when held more than <see cref="LongTermAfterDays"/> days (false for a lot without a date).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="piece"/> is null.</exception>
    public bool IsLongTerm(LotSalePiece piece, DateOnly saleDate) =>
        Preconditions.NotNull(piece).HeldDays(saleDate) is { } d && d > LongTermAfterDays;

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

/// <summary>A spot sale matched to lots: proceeds, cost basis of the lots used, the realized gain, and the lots that remain.</summary>
/// <remarks>Realized gain = proceeds − fee − Σ cost of the units sold. Immutable and thread-safe.</remarks>
public sealed record LotSale
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal LotSale(string asset, LotMethod method, decimal quantity, decimal price, decimal fee, ImmutableArray<LotSalePiece> pieces, TaxLots? remaining)
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

    /// <summary>The lots used, in the order sold.</summary>
    public ImmutableArray<LotSalePiece> Pieces { get; }

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
    /// <returns>Σ <see cref="LotSalePiece.GainAfterFee"/> of that class (quote asset).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    public decimal GainOfClass(TaxRates rates, DateOnly saleDate, bool longTerm)
    {
        Preconditions.NotNull(rates);
        decimal g = 0m;
        foreach (var p in Pieces) if (rates.IsLongTerm(p, saleDate) == longTerm) g += p.GainAfterFee;
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

/// <summary>A spot holding as the lots it was bought in, for the realized gain (and tax) of a sale under FIFO, HIFO or specific identification.</summary>
/// <remarks>
/// Selling spot is a taxable event; a futures hedge is not a sale of the coin. To compare them, the sale a hedge replaces
/// is matched to lots: FIFO sells the oldest first, HIFO the most expensive first (smallest gain), specific
/// identification the lots named. Quantities are base units; money in the quote asset. Immutable and thread-safe.
/// </remarks>
public sealed class TaxLots
{
    private TaxLots(string asset, ImmutableArray<TaxLot> lots) { Asset = asset; Lots = lots; }

    /// <summary>The asset.</summary>
    public string Asset { get; }
    /// <summary>The lots, FIFO order (by acquisition date when given, then as given).</summary>
    public ImmutableArray<TaxLot> Lots { get; }
    /// <summary>Σ lot quantities.</summary>
    public decimal Quantity => Lots.Sum(l => l.Quantity);
    /// <summary>Σ lot cost bases.</summary>
    public decimal CostBasis => Lots.Sum(l => l.CostBasis);
    /// <summary>Cost basis / quantity.</summary>
    public decimal AverageCost => CostBasis / Quantity;

    /// <summary>Creates the lots of a holding.</summary>
    /// <param name="asset">The asset, e.g. "BTC".</param>
    /// <param name="lots">At least one lot; ids unique (ignoring case).</param>
    /// <returns>The lots, in FIFO order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lots"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">An empty asset, no lots, or a duplicate id.</exception>
    public static TaxLots Create(string asset, IEnumerable<TaxLot> lots)
    {
        Preconditions.NotNullOrWhiteSpace(asset);
        Preconditions.NotNull(lots);
        var list = lots.ToList();
        if (list.Count == 0) Preconditions.ThrowArgument(nameof(lots), "must contain at least one lot");
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var l in list)
        {
            if (l is null) Preconditions.ThrowArgument(nameof(lots), "must not contain null");
            if (!ids.Add(l.Id)) Preconditions.ThrowArgument(nameof(lots), $"has the lot id '{l.Id}' twice; ids must be unique");
        }
        // Stable: lots without a date keep their place relative to each other.
        var ordered = list.Select((l, i) => (l, i)).OrderBy(x => x.l.Acquired ?? DateOnly.MinValue).ThenBy(x => x.i).Select(x => x.l);
        return new TaxLots(asset, [.. ordered]);
    }

    /// <summary>The holding as one average-cost position (<see cref="SpotHolding"/>).</summary>
    /// <returns>Quantity and average cost of all lots.</returns>
    public SpotHolding ToHolding() => SpotHolding.Create(Asset, Quantity, AverageCost);

    /// <summary>Sells <paramref name="quantity"/> at <paramref name="price"/>, picking lots by <paramref name="method"/>.</summary>
    /// <param name="quantity">Units to sell, in (0, <see cref="Quantity"/>].</param>
    /// <param name="price">Sale price, &gt; 0.</param>
    /// <param name="method">FIFO, HIFO or specific identification.</param>
    /// <param name="lotIds">For <see cref="LotMethod.Specific"/>: the lots to sell from, in order (they must hold the quantity); otherwise ignored.</param>
    /// <param name="feeRate">Spot fee rate, in [0, 1) (default 0).</param>
    /// <returns>The sale matched to lots.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule, or <paramref name="method"/> is undefined.</exception>
    /// <exception cref="ArgumentException">Specific identification without lot ids, with an unknown id, or with lots too small for the quantity.</exception>
    public LotSale Sell(decimal quantity, decimal price, LotMethod method, IEnumerable<string>? lotIds = null, decimal feeRate = 0m)
    {
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        Preconditions.Defined(method);
        Preconditions.InRangeHalfOpen(feeRate, 0m, 1m);
        if (quantity > Quantity)
            Preconditions.ThrowOutOfRange(nameof(quantity), quantity, string.Create(CultureInfo.InvariantCulture, $"must not exceed the {Quantity} {Asset} held in lots"));
        IEnumerable<TaxLot> order = method switch
        {
            LotMethod.Fifo => Lots,
            LotMethod.Hifo => Lots.Select((l, i) => (l, i)).OrderByDescending(x => x.l.CostPerUnit).ThenBy(x => x.i).Select(x => x.l),
            _ => SpecificOrder(lotIds),
        };
        var remaining = Lots.ToDictionary(l => l.Id, l => l.Quantity, StringComparer.OrdinalIgnoreCase);
        var pieces = ImmutableArray.CreateBuilder<LotSalePiece>();
        decimal left = quantity;
        foreach (var lot in order)
        {
            if (left == 0m) break;
            decimal take = Math.Min(left, lot.Quantity);
            pieces.Add(new LotSalePiece(lot.Id, take, lot.CostPerUnit, take * price, take * price * feeRate, lot.Acquired));
            remaining[lot.Id] -= take;
            left -= take;
        }
        if (left > 0m)
            Preconditions.ThrowArgument(nameof(lotIds), string.Create(CultureInfo.InvariantCulture, $"name lots holding {quantity - left} {Asset}, less than the {quantity} to sell"));
        var rest = Lots.Where(l => remaining[l.Id] > 0m)
            .Select(l => remaining[l.Id] == l.Quantity ? l : new TaxLot(l.Id, remaining[l.Id], l.CostPerUnit, l.Acquired)).ToImmutableArray();
        return new LotSale(Asset, method, quantity, price, quantity * price * feeRate, pieces.ToImmutable(), rest.IsEmpty ? null : new TaxLots(Asset, rest));
    }

    private IEnumerable<TaxLot> SpecificOrder(IEnumerable<string>? lotIds)
    {
        if (lotIds is null) Preconditions.ThrowArgument(nameof(lotIds), "are required for specific identification");
        var byId = Lots.ToDictionary(l => l.Id, StringComparer.OrdinalIgnoreCase);
        var list = new List<TaxLot>();
        foreach (var id in lotIds)
        {
            TaxLot? lot = null;
            if (id is null || !byId.TryGetValue(id, out lot))
                Preconditions.ThrowArgument(nameof(lotIds), $"name '{id}', which is not one of the lots ({string.Join(", ", Lots.Select(l => l.Id))})");
            list.Add(lot!);
        }
        if (list.Count == 0) Preconditions.ThrowArgument(nameof(lotIds), "must name at least one lot for specific identification");
        return list.Distinct();
    }
}
