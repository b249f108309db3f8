using System.Collections.Immutable;
using System.Globalization;
using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>A portfolio measured against its allocation targets: weights, drift and the trades or hedges that restore the targets.</summary>
/// <remarks>
/// weight_b = V_b / P with P = Σ V_b; drift_b = weight_b − target_b. The hedge that restores the target
/// exposure without selling spot is, per risky bucket, H_b = V_b − target_b·P (short when positive, long
/// when negative): the effective exposure V_b − H_b is then target_b·P, and the shorts' notional behaves
/// like the cash bucket (a fully hedged coin is a synthetic stablecoin), so the cash buckets end at their
/// targets too. The alternative spot trade is T_b = target_b·P − V_b. A futures hedge has no value at
/// inception, so P is unchanged by it. Immutable and thread-safe.
/// </remarks>
public sealed class PortfolioAllocation
{
    private PortfolioAllocation(AllocationTargets targets, decimal value, ImmutableArray<BucketAllocation> buckets, ImmutableArray<AssetHolding> holdings)
    {
        Targets = targets; PortfolioValue = value; Buckets = buckets; _holdings = holdings;
    }

    // The holdings analyzed: which assets a bucket holds (a bucket hedged with another asset's contract is a cross-hedge).
    private readonly ImmutableArray<AssetHolding> _holdings;

    /// <summary>The holdings analyzed (the plan of a bucket reads its quantity and price).</summary>
    internal ImmutableArray<AssetHolding> Holdings => _holdings;

    /// <summary>The targets measured against.</summary>
    public AllocationTargets Targets { get; }
    /// <summary>Total value P of all holdings (quote asset).</summary>
    public decimal PortfolioValue { get; }
    /// <summary>One row per bucket, in target order.</summary>
    public ImmutableArray<BucketAllocation> Buckets { get; }
    /// <summary>The buckets whose drift is outside the tolerance band.</summary>
    public IEnumerable<BucketAllocation> OutsideBand => Buckets.Where(b => b.OutsideBand);

    /// <summary>Values holdings, groups them into buckets and measures the drift against the targets.</summary>
    /// <param name="targets">The allocation targets.</param>
    /// <param name="holdings">The holdings; each must name a bucket of <paramref name="targets"/>.</param>
    /// <returns>The allocation.</returns>
    /// <exception cref="ArgumentNullException">An argument or holding is null.</exception>
    /// <exception cref="ArgumentException">A holding names an unknown bucket, or the portfolio value is 0.</exception>
    public static PortfolioAllocation Analyze(AllocationTargets targets, IEnumerable<AssetHolding> holdings)
    {
        Preconditions.NotNull(targets);
        Preconditions.NotNull(holdings);
        var values = targets.Buckets.ToDictionary(b => b.Name, _ => 0m, StringComparer.OrdinalIgnoreCase);
        decimal total = 0m;
        var held = ImmutableArray.CreateBuilder<AssetHolding>();
        foreach (var h in holdings)
        {
            held.Add(h);
            if (h is null) Preconditions.ThrowArgument(nameof(holdings), "must not contain null");
            if (!values.ContainsKey(h.Bucket))
                Preconditions.ThrowArgument(nameof(holdings), $"has asset '{h.Asset}' in bucket '{h.Bucket}', which is not one of the targets ({string.Join(", ", targets.Buckets.Select(b => b.Name))})");
            try { values[h.Bucket] += h.Value; total += h.Value; }
            catch (OverflowException) { Preconditions.ThrowArgument(nameof(holdings), "have a total value that overflows decimal"); }
        }
        if (total <= 0m) Preconditions.ThrowArgument(nameof(holdings), "have a total value of 0; weights are undefined");
        var rows = ImmutableArray.CreateBuilder<BucketAllocation>(targets.Buckets.Length);
        foreach (var b in targets.Buckets)
        {
            decimal v = values[b.Name], w = v / total, drift = w - b.Weight;
            rows.Add(new BucketAllocation(b.Name, b.IsCash, v, w, b.Weight, drift, Math.Abs(drift) > targets.ToleranceBand));
        }
        return new PortfolioAllocation(targets, total, rows.MoveToImmutable(), held.ToImmutable());
    }

    /// <summary>The futures hedges that bring every bucket's effective exposure back to its target without selling spot, and the spot trades that would do it instead.</summary>
    /// <param name="futuresFeeRate">Futures fee rate per side as a fraction of notional, in [0, 1) (e.g. 0.0005 taker).</param>
    /// <param name="spotFeeRate">Spot fee rate as a fraction of traded value, in [0, 1) (e.g. 0.001).</param>
    /// <returns>Both alternatives per bucket with their fees.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A fee rate outside [0, 1).</exception>
    /// <remarks>
    /// Example: P = 100, core 50 / satellite 30 / buffer 20 against 60/20/20 → short 10 of satellite and
    /// long 10 of core (or sell 10 satellite and buy 10 core spot). An underweight bucket can only be
    /// restored without buying spot by a long futures position; the row says so with a negative notional.
    /// </remarks>
    public RebalancePlan RestoringHedge(decimal futuresFeeRate, decimal spotFeeRate)
    {
        Preconditions.InRangeHalfOpen(futuresFeeRate, 0m, 1m);
        Preconditions.InRangeHalfOpen(spotFeeRate, 0m, 1m);
        var rows = ImmutableArray.CreateBuilder<BucketRebalance>(Buckets.Length);
        foreach (var b in Buckets)
        {
            decimal target = b.TargetWeight * PortfolioValue;
            decimal trade = target - b.Value;
            if (b.IsCash)
            {
                rows.Add(new BucketRebalance(b.Name, true, b.Value, target, 0m, 0m, target, trade, 0m));
            }
            else
            {
                decimal hedge = b.Value - target;
                rows.Add(new BucketRebalance(b.Name, false, b.Value, target, hedge, Math.Abs(hedge) * futuresFeeRate, b.Value - hedge,
                    trade, Math.Abs(trade) * spotFeeRate));
            }
        }
        return new RebalancePlan(PortfolioValue, rows.MoveToImmutable(), futuresFeeRate, spotFeeRate);
    }

    /// <summary>The real futures positions behind <see cref="RestoringHedge"/>: per risky bucket with a hedge, the contract, side, size, margin, liquidation price and funding.</summary>
    /// <param name="instruments">The contract and futures price of each bucket to hedge (every risky bucket with a non-zero hedge needs one).</param>
    /// <param name="leverage">Leverage of every position, within each contract's limits.</param>
    /// <param name="fundingRatePerInterval">Assumed funding rate per interval, in (−1, 1) (default 0.0001 = 0.01 %).</param>
    /// <param name="rule">Liquidation rule; each contract's default when null.</param>
    /// <returns>One position per hedged bucket, in target order (a bucket whose hedge is below one lot step gets none); a
    /// position on a contract of another asset than one the bucket holds (SOL hedged with BTCUSDT) carries a
    /// <see cref="HedgeWarningCode.CrossHedgeBasisRisk"/> warning per such asset (<see cref="BucketHedgePosition.Warnings"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instruments"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">A hedged bucket has no instrument, or an instrument names an unknown or cash bucket.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Leverage outside a contract's limits, or the funding rate outside (−1, 1).</exception>
    /// <remarks>
    /// Size: |H| / (futures price × contract size) for a linear contract, |H| / contract size USD contracts for an inverse
    /// one, rounded down (<see cref="Contract.RoundQuantity"/>). Margin and liquidation from <see cref="MarginCalc.Isolated"/>,
    /// funding from <see cref="Funding.Project"/>, the fee from <see cref="Position.OpenFee"/>.
    /// </remarks>
    public ImmutableArray<BucketHedgePosition> HedgePositions(IEnumerable<BucketInstrument> instruments, decimal leverage,
        decimal fundingRatePerInterval = 0.0001m, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(instruments);
        Preconditions.FundingRate(fundingRatePerInterval);
        var byBucket = new Dictionary<string, BucketInstrument>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in instruments)
        {
            if (i is null) Preconditions.ThrowArgument(nameof(instruments), "must not contain null");
            var row = Buckets.FirstOrDefault(b => string.Equals(b.Name, i.Bucket, StringComparison.OrdinalIgnoreCase));
            if (row is null) Preconditions.ThrowArgument(nameof(instruments), $"name bucket '{i.Bucket}', which is not one of the buckets ({string.Join(", ", Buckets.Select(b => b.Name))})");
            if (row.IsCash) Preconditions.ThrowArgument(nameof(instruments), $"name the cash bucket '{i.Bucket}'; it has no futures to hedge with");
            byBucket[i.Bucket] = i;
        }
        var plan = RestoringHedge(0m, 0m);
        var result = ImmutableArray.CreateBuilder<BucketHedgePosition>();
        foreach (var b in plan.Buckets)
        {
            if (b.IsCash || b.HedgeNotional == 0m) continue;
            if (!byBucket.TryGetValue(b.Name, out var inst))
                Preconditions.ThrowArgument(nameof(instruments), $"have no contract for bucket '{b.Name}', which needs a hedge of {b.HedgeNotional:0.##}");
            var c = inst!.Contract;
            decimal h = Math.Abs(b.HedgeNotional), price = inst.FuturesPrice;
            decimal q = c.RoundQuantity(HedgePlan.ContractsForValue(c, h, price));
            if (q <= 0m) continue;
            if (leverage < 1m || leverage > c.MaxLeverage)
                Preconditions.ThrowOutOfRange(nameof(leverage), leverage, string.Create(CultureInfo.InvariantCulture, $"must be in [1, {c.MaxLeverage}] for {c.Symbol}"));
            var side = b.HedgeNotional > 0m ? Side.Short : Side.Long;
            var pos = Position.Open(c, side, q, price, leverage, MarginMode.Isolated);
            var m = MarginCalc.Isolated(pos, price, rule);
            result.Add(new BucketHedgePosition(b.Name, b.HedgeNotional, pos, m.Notional, m.InitialMargin, m.MaintenanceMargin, m.LiquidationPrice,
                Funding.Project(pos, price, fundingRatePerInterval).PerDay, pos.OpenFee(), CrossHedgeWarnings(b.Name, c)));
        }
        return result.ToImmutable();
    }

    // Basis risk: each asset of the bucket that is not the contract's base asset (SOL hedged with BTCUSDT) is a cross-hedge.
    private ImmutableArray<HedgeWarning> CrossHedgeWarnings(string bucket, Contract contract)
    {
        var w = ImmutableArray.CreateBuilder<HedgeWarning>();
        foreach (var h in _holdings)
        {
            if (!string.Equals(h.Bucket, bucket, StringComparison.OrdinalIgnoreCase) || string.Equals(h.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase)) continue;
            w.Add(HedgeWarning.BucketCrossHedge(h, bucket, contract));
        }
        return w.ToImmutable();
    }

    /// <summary>The spot sale a bucket's hedge replaces, matched to lots, beside the hedge position's cost.</summary>
    /// <param name="hedge">The bucket's short from <see cref="HedgePositions"/>.</param>
    /// <param name="lots">Lots of the asset the excess would be sold from.</param>
    /// <param name="spotPrice">That asset's price now, &gt; 0.</param>
    /// <param name="method">How lots are picked.</param>
    /// <param name="taxRate">Flat tax rate, in [0, 1].</param>
    /// <param name="holdingPeriodDays">Days the hedge is held (funding), ≥ 0.</param>
    /// <param name="fundingRatePerInterval">Assumed funding rate per interval, in (−1, 1).</param>
    /// <param name="spotFeeRate">Spot fee rate, in [0, 1).</param>
    /// <param name="lotIds">For specific identification: the lots to sell from.</param>
    /// <returns>The sale the opened position replaces — its quote notional at entry / spot price units, after the lot rounding of the position (not the exact excess of the bucket) — from the lots (realized gain, tax), and the hedge's fees, funding and margin.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">The hedge is a long (an underweight bucket sells nothing) or not one this allocation's <see cref="HedgePositions"/> made, or a lot-selection error.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number breaks its rule (a spot price so small the units overflow), or the lots hold less than the sale.</exception>
    /// <remarks>Round-trip fees = <see cref="Position.OpenFee"/> + <see cref="Position.CloseFee"/> at the entry price; funding from <see cref="Funding.Project"/> × days.</remarks>
    public HedgeVersusSale SaleAvoided(BucketHedgePosition hedge, TaxLots lots, decimal spotPrice, LotMethod method, decimal taxRate, int holdingPeriodDays,
        decimal fundingRatePerInterval = 0.0001m, decimal spotFeeRate = 0.001m, IEnumerable<string>? lotIds = null)
    {
        Preconditions.NotNull(hedge);
        Preconditions.NotNull(lots);
        Preconditions.Positive(spotPrice);
        Preconditions.NonNegative(holdingPeriodDays);
        Preconditions.InRange(taxRate, 0m, 1m);
        Preconditions.InRangeHalfOpen(spotFeeRate, 0m, 1m);
        Preconditions.FundingRate(fundingRatePerInterval);
        if (hedge.Side != Side.Short) Preconditions.ThrowArgument(nameof(hedge), $"is a long on '{hedge.Bucket}': an underweight bucket sells nothing");
        // The hedge must be the one HedgePositions made for this allocation: its bucket's restoring notional here.
        var restoring = RestoringHedge(0m, 0m).Buckets.FirstOrDefault(b => string.Equals(b.Name, hedge.Bucket, StringComparison.OrdinalIgnoreCase));
        if (restoring is null || restoring.HedgeNotional != hedge.HedgeNotional)
            Preconditions.ThrowArgument(nameof(hedge), string.Create(CultureInfo.InvariantCulture,
                $"is not from this allocation's HedgePositions: it hedges {hedge.HedgeNotional} on '{hedge.Bucket}', but this allocation needs {(restoring is null ? "no such bucket" : restoring.HedgeNotional.ToString(CultureInfo.InvariantCulture))} there"));
        // The sale the position actually opened replaces (after lot rounding), not the exact excess: its quote notional at
        // entry / the spot price (same asset at the same price: the hedged units; a cross-hedge: the value hedged).
        var p0 = hedge.Position;
        decimal units;
        try { units = p0.Quantity * p0.Contract.ContractSize * (p0.Contract.Type == ContractType.Linear ? p0.EntryPrice : 1m) / spotPrice; }
        catch (OverflowException)
        {
            Preconditions.ThrowOutOfRange(nameof(spotPrice), spotPrice, "is so small that the units sold overflow decimal");
            throw;
        }
        if (units > lots.Quantity)
            Preconditions.ThrowOutOfRange(nameof(lots), lots.Quantity, string.Create(CultureInfo.InvariantCulture, $"must hold at least the {units:0.########} {lots.Asset} the sale would take"));
        var sale = lots.Sell(units, spotPrice, method, lotIds, spotFeeRate);
        var p = hedge.Position;
        decimal price = p.EntryPrice, toQuote = p.Contract.Type == ContractType.Linear ? 1m : price;
        decimal fees = (p.OpenFee() + p.CloseFee(price)) * toQuote;
        decimal funding = Funding.Project(p, price, fundingRatePerInterval).PerDay * holdingPeriodDays * toQuote;
        return HedgeVersusSale.Create(sale, taxRate, fees, funding, hedge.InitialMargin * toQuote, holdingPeriodDays);
    }

    /// <summary>The short notional of "hedge <paramref name="fraction"/>" on a bucket under an explicit reading of the percentage.</summary>
    /// <param name="bucket">The bucket hedged (must not be a cash bucket).</param>
    /// <param name="fraction">The fraction, in [0, 1].</param>
    /// <param name="ofPortfolio">False: the fraction is of the holding (notional = fraction × holding value); true: of the portfolio (notional = fraction × portfolio value). <see cref="FractionalHedge"/> says why both readings are in use.</param>
    /// <returns>The notional and its consequences.</returns>
    /// <exception cref="ArgumentException">Unknown or cash bucket.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> outside [0, 1].</exception>
    public FractionalHedge HedgeFraction(string bucket, decimal fraction, bool ofPortfolio)
    {
        Preconditions.NotNull(bucket);
        var target = Targets.Buckets.FirstOrDefault(b => string.Equals(b.Name, bucket, StringComparison.OrdinalIgnoreCase));
        if (target is null) Preconditions.ThrowArgument(nameof(bucket), $"'{bucket}' is not one of the buckets ({string.Join(", ", Targets.Buckets.Select(x => x.Name))})");
        if (target.IsCash) Preconditions.ThrowArgument(nameof(bucket), $"'{bucket}' is a cash bucket; it has no futures to hedge with");
        Preconditions.InRange(fraction, 0m, 1m);
        var row = Buckets.First(b => string.Equals(b.Name, target.Name, StringComparison.Ordinal));
        decimal notional = ofPortfolio ? fraction * PortfolioValue : fraction * row.Value;
        return new FractionalHedge(row.Name, fraction, ofPortfolio, row.Value, PortfolioValue, notional);
    }
}
