using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

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
        var pieces = ImmutableArray.CreateBuilder<(string LotId, DateOnly? Acquired, decimal Quantity, decimal CostPerUnit, decimal Proceeds, decimal Cost, decimal Fee, decimal GainAfterFee)>();
        decimal left = quantity;
        foreach (var lot in order)
        {
            if (left == 0m) break;
            decimal take = Math.Min(left, lot.Quantity);
            decimal proceeds = take * price, cost = take * lot.CostPerUnit, fee = proceeds * feeRate;
            pieces.Add((lot.Id, lot.Acquired, take, lot.CostPerUnit, proceeds, cost, fee, proceeds - fee - cost));
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
