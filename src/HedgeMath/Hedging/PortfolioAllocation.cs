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
    /// <summary>The largest |Σ target weights − 1| accepted (so that thirds written to 6 decimals pass).</summary>
    public const decimal WeightSumTolerance = 0.000001m;

    private PortfolioAllocation(decimal value, decimal toleranceBand, decimal futuresFeeRate, decimal spotFeeRate, ImmutableArray<BucketAllocation> buckets,
        ImmutableArray<(string Asset, string Bucket, decimal Quantity, decimal Price)> holdings)
    {
        PortfolioValue = value; ToleranceBand = toleranceBand; FuturesFeeRate = futuresFeeRate; SpotFeeRate = spotFeeRate; Buckets = buckets; Holdings = holdings;
    }

    /// <summary>The holdings analyzed: which assets a bucket holds (a bucket hedged with another asset's contract is a
    /// cross-hedge; the plan of a bucket reads its quantity and price).</summary>
    internal ImmutableArray<(string Asset, string Bucket, decimal Quantity, decimal Price)> Holdings { get; }

    /// <summary>Total value P of all holdings (quote asset).</summary>
    public decimal PortfolioValue { get; }
    /// <summary>The absolute drift (fraction of the portfolio) a bucket may have before it counts as outside its band, e.g. 0.05 = ±5 percentage points.</summary>
    public decimal ToleranceBand { get; }
    /// <summary>Futures fee rate per side the hedges are priced with (fraction of notional).</summary>
    public decimal FuturesFeeRate { get; }
    /// <summary>Spot fee rate the spot trades are priced with (fraction of traded value).</summary>
    public decimal SpotFeeRate { get; }
    /// <summary>One row per bucket, in target order: weight and drift, the restoring hedge and the spot trade.</summary>
    public ImmutableArray<BucketAllocation> Buckets { get; }
    /// <summary>The buckets whose drift is outside the tolerance band.</summary>
    public IEnumerable<BucketAllocation> OutsideBand => Buckets.Where(b => b.OutsideBand);

    /// <summary>Σ |hedge notional|: futures notional to open.</summary>
    public decimal GrossHedgeNotional => Buckets.Sum(b => Math.Abs(b.HedgeNotional));
    /// <summary>Fees to open all hedges.</summary>
    public decimal HedgeOpenFees => Buckets.Sum(b => b.HedgeOpenFee);
    /// <summary>Fees to open and later close all hedges at unchanged prices (2 × open fees).</summary>
    public decimal HedgeRoundTripFees => 2m * HedgeOpenFees;
    /// <summary>Σ |spot trade| over risky buckets: spot value to trade.</summary>
    public decimal GrossSpotTraded => Buckets.Where(b => !b.IsCash).Sum(b => Math.Abs(b.SpotTrade));
    /// <summary>Fees of the spot trades.</summary>
    public decimal SpotFees => Buckets.Sum(b => b.SpotFee);

    /// <summary>Finds a bucket by name (ordinal, ignoring case).</summary>
    /// <param name="name">The bucket name.</param>
    /// <returns>The bucket's row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">No bucket has that name.</exception>
    public BucketAllocation Bucket(string name)
    {
        Preconditions.NotNull(name);
        foreach (var b in Buckets) if (string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)) return b;
        Preconditions.ThrowArgument(nameof(name), $"'{name}' is not one of the buckets ({string.Join(", ", Buckets.Select(x => x.Name))})");
        return null!;
    }

    /// <summary>
    /// Values holdings, groups them into buckets and measures the drift against the targets; per bucket, the futures hedge
    /// that brings its effective exposure back to the target without selling spot, and the spot trade that would do it instead.
    /// </summary>
    /// <param name="targets">The buckets (e.g. core BTC/ETH, satellite altcoins, buffer stablecoins), at least one: <c>Name</c>
    /// (non-empty, unique ignoring case), target <c>Weight</c> as a fraction of the portfolio (in [0, 1]; the weights sum to 1
    /// within <see cref="WeightSumTolerance"/>) and <c>IsCash</c>, true for a stable-value bucket (stablecoins, fiat: no futures
    /// to hedge it with; a short hedge on a risky bucket turns that exposure into synthetic cash). E.g.
    /// <c>[("core", 0.6m, false), ("satellite", 0.2m, false), ("buffer", 0.2m, true)]</c>.</param>
    /// <param name="holdings">The holdings: <c>Asset</c> (e.g. "BTC") held in <c>Bucket</c> (one of <paramref name="targets"/>),
    /// <c>Quantity</c> (≥ 0) at <c>Price</c> in the quote asset (&gt; 0; 1 for a stablecoin); value = quantity × price.
    /// E.g. <c>[("BTC", "core", 0.5m, 100_000m), ("USDT", "buffer", 20_000m, 1m)]</c>.</param>
    /// <param name="toleranceBand">Allowed absolute drift per bucket, in [0, 1] (default 0.05 = ±5 percentage points).</param>
    /// <param name="futuresFeeRate">Futures fee rate per side as a fraction of notional, in [0, 1) (default 0.0005, a taker rate).</param>
    /// <param name="spotFeeRate">Spot fee rate as a fraction of traded value, in [0, 1) (default 0.001).</param>
    /// <returns>The allocation: one row per bucket, in target order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="targets"/> or <paramref name="holdings"/> is null.</exception>
    /// <exception cref="ArgumentException">No buckets, a bucket with an empty or duplicate name, weights that do not sum to 1,
    /// a holding with an empty asset or bucket name or in a bucket that is not one of the targets, or a portfolio value of 0
    /// (or beyond decimal).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target weight outside [0, 1], a negative quantity, a non-positive price,
    /// <paramref name="toleranceBand"/> outside [0, 1] or a fee rate outside [0, 1).</exception>
    /// <remarks>
    /// Example: P = 100, core 50 / satellite 30 / buffer 20 against 60/20/20 → short 10 of satellite and
    /// long 10 of core (or sell 10 satellite and buy 10 core spot). An underweight bucket can only be
    /// restored without buying spot by a long futures position; the row says so with a negative notional.
    /// </remarks>
    public static PortfolioAllocation Analyze(IEnumerable<(string Name, decimal Weight, bool IsCash)> targets,
        IEnumerable<(string Asset, string Bucket, decimal Quantity, decimal Price)> holdings,
        decimal toleranceBand = 0.05m, decimal futuresFeeRate = 0.0005m, decimal spotFeeRate = 0.001m)
    {
        Preconditions.NotNull(targets);
        Preconditions.NotNull(holdings);
        Preconditions.InRange(toleranceBand, 0m, 1m);
        Preconditions.InRangeHalfOpen(futuresFeeRate, 0m, 1m);
        Preconditions.InRangeHalfOpen(spotFeeRate, 0m, 1m);
        var buckets = targets.ToImmutableArray();
        if (buckets.IsEmpty) Preconditions.ThrowArgument(nameof(targets), "must contain at least one bucket");
        var values = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        decimal sum = 0m;
        foreach (var (name, weight, _) in buckets)
        {
            if (string.IsNullOrWhiteSpace(name)) Preconditions.ThrowArgument(nameof(targets), "must name every bucket (a name is empty)");
            if (weight < 0m || weight > 1m) Preconditions.ThrowOutOfRange(nameof(targets), weight, $"must have weights in [0, 1] (bucket '{name}')");
            if (!values.TryAdd(name, 0m)) Preconditions.ThrowArgument(nameof(targets), $"has the bucket name '{name}' twice; names must be unique");
            sum += weight;
        }
        if (Math.Abs(sum - 1m) > WeightSumTolerance)
            Preconditions.ThrowArgument(nameof(targets), $"has weights summing to {sum}; target weights must sum to 1");

        decimal total = 0m;
        var held = ImmutableArray.CreateBuilder<(string Asset, string Bucket, decimal Quantity, decimal Price)>();
        foreach (var h in holdings)
        {
            if (string.IsNullOrWhiteSpace(h.Asset)) Preconditions.ThrowArgument(nameof(holdings), "must name every asset (an asset name is empty)");
            if (string.IsNullOrWhiteSpace(h.Bucket)) Preconditions.ThrowArgument(nameof(holdings), $"must name a bucket for every asset ('{h.Asset}' has none)");
            if (h.Quantity < 0m) Preconditions.ThrowOutOfRange(nameof(holdings), h.Quantity, $"must have quantities 0 or greater ('{h.Asset}')");
            if (h.Price <= 0m) Preconditions.ThrowOutOfRange(nameof(holdings), h.Price, $"must have prices greater than 0 ('{h.Asset}')");
            if (!values.ContainsKey(h.Bucket))
                Preconditions.ThrowArgument(nameof(holdings), $"has asset '{h.Asset}' in bucket '{h.Bucket}', which is not one of the targets ({string.Join(", ", buckets.Select(b => b.Name))})");
            try { decimal v = h.Quantity * h.Price; values[h.Bucket] += v; total += v; }
            catch (OverflowException) { Preconditions.ThrowArgument(nameof(holdings), "have a total value that overflows decimal"); }
            held.Add(h);
        }
        if (total <= 0m) Preconditions.ThrowArgument(nameof(holdings), "have a total value of 0; weights are undefined");
        var rows = ImmutableArray.CreateBuilder<BucketAllocation>(buckets.Length);
        foreach (var (name, weight, isCash) in buckets)
        {
            decimal v = values[name], w = v / total, drift = w - weight;
            decimal target = weight * total, trade = target - v;
            bool outside = Math.Abs(drift) > toleranceBand;
            if (isCash)
                rows.Add(new BucketAllocation(name, true, v, w, weight, drift, outside, target, 0m, 0m, target, trade, 0m));
            else
            {
                decimal hedge = v - target;
                rows.Add(new BucketAllocation(name, false, v, w, weight, drift, outside, target, hedge, Math.Abs(hedge) * futuresFeeRate, v - hedge,
                    trade, Math.Abs(trade) * spotFeeRate));
            }
        }
        return new PortfolioAllocation(total, toleranceBand, futuresFeeRate, spotFeeRate, rows.MoveToImmutable(), held.ToImmutable());
    }

    /// <summary>The real futures positions behind the buckets' <see cref="BucketAllocation.HedgeNotional"/>: per risky bucket with a hedge, the contract, side, size, margin, liquidation price and funding.</summary>
    /// <param name="instruments">The futures contract each bucket to hedge is hedged with, and its price now: <c>Bucket</c> (a risky
    /// bucket), <c>Contract</c> (a satellite of altcoins hedged with BTC futures is a cross-hedge) and <c>FuturesPrice</c> (&gt; 0),
    /// e.g. <c>[("core", Contract.BinanceBtcUsdt, 100_000m)]</c>; every risky bucket with a non-zero hedge needs one.</param>
    /// <param name="leverage">Leverage of every position, within each contract's limits.</param>
    /// <param name="fundingRatePerInterval">Assumed funding rate per interval, in (−1, 1) (default 0.0001 = 0.01 %).</param>
    /// <param name="rule">Liquidation rule; each contract's default when null.</param>
    /// <returns>One position per hedged bucket, in target order (a bucket whose hedge is below one lot step gets none); a
    /// position on a contract of another asset than one the bucket holds (SOL hedged with BTCUSDT) carries a
    /// <see cref="HedgeWarningCode.CrossHedgeBasisRisk"/> warning per such asset (<see cref="BucketHedgePosition.Warnings"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instruments"/> is null.</exception>
    /// <exception cref="ArgumentException">A hedged bucket has no instrument, or an instrument names an unknown or cash bucket or has no contract.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Leverage outside a contract's limits, an instrument's futures price not positive, or the funding rate outside (−1, 1).</exception>
    /// <remarks>
    /// Size: |H| / (futures price × contract size) for a linear contract, |H| / contract size USD contracts for an inverse
    /// one, rounded down (<see cref="Contract.RoundQuantity"/>). Margin and liquidation from <see cref="MarginCalc.Isolated"/>,
    /// funding from <see cref="Funding.Project"/>, the fee from <see cref="Position.OpenFee"/>.
    /// </remarks>
    public ImmutableArray<BucketHedgePosition> HedgePositions(IEnumerable<(string Bucket, Contract Contract, decimal FuturesPrice)> instruments, decimal leverage,
        decimal fundingRatePerInterval = 0.0001m, LiquidationRule? rule = null)
    {
        Preconditions.NotNull(instruments);
        Preconditions.FundingRate(fundingRatePerInterval);
        var byBucket = new Dictionary<string, (string Bucket, Contract Contract, decimal FuturesPrice)>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in instruments)
        {
            if (string.IsNullOrWhiteSpace(i.Bucket)) Preconditions.ThrowArgument(nameof(instruments), "must name a bucket for every contract (a bucket name is empty)");
            if (i.Contract is null) Preconditions.ThrowArgument(nameof(instruments), $"must give a contract for bucket '{i.Bucket}'");
            if (i.FuturesPrice <= 0m) Preconditions.ThrowOutOfRange(nameof(instruments), i.FuturesPrice, $"must have futures prices greater than 0 (bucket '{i.Bucket}')");
            var row = Buckets.FirstOrDefault(b => string.Equals(b.Name, i.Bucket, StringComparison.OrdinalIgnoreCase));
            if (row is null) Preconditions.ThrowArgument(nameof(instruments), $"name bucket '{i.Bucket}', which is not one of the buckets ({string.Join(", ", Buckets.Select(b => b.Name))})");
            if (row.IsCash) Preconditions.ThrowArgument(nameof(instruments), $"name the cash bucket '{i.Bucket}'; it has no futures to hedge with");
            byBucket[i.Bucket] = i;
        }
        var result = ImmutableArray.CreateBuilder<BucketHedgePosition>();
        foreach (var b in Buckets)
        {
            if (b.IsCash || b.HedgeNotional == 0m) continue;
            if (!byBucket.TryGetValue(b.Name, out var inst))
                Preconditions.ThrowArgument(nameof(instruments), $"have no contract for bucket '{b.Name}', which needs a hedge of {b.HedgeNotional:0.##}");
            var c = inst.Contract;
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
        foreach (var h in Holdings)
        {
            if (!string.Equals(h.Bucket, bucket, StringComparison.OrdinalIgnoreCase) || string.Equals(h.Asset, contract.BaseAsset, StringComparison.OrdinalIgnoreCase)) continue;
            w.Add(HedgeWarning.BucketCrossHedge(h.Asset, h.Quantity * h.Price, bucket, contract));
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
        var restoring = Buckets.FirstOrDefault(b => string.Equals(b.Name, hedge.Bucket, StringComparison.OrdinalIgnoreCase));
        if (restoring is null || restoring.HedgeNotional != hedge.HedgeNotional)
            Preconditions.ThrowArgument(nameof(hedge), string.Create(CultureInfo.InvariantCulture,
                $"is not from this allocation's HedgePositions: it hedges {hedge.HedgeNotional} on '{hedge.Bucket}', but this allocation needs {(restoring is null ? "no such bucket" : restoring.HedgeNotional.ToString(CultureInfo.InvariantCulture))} there"));
        // The sale the position actually opened replaces (after lot rounding), not the exact excess: its quote notional at
        // entry / the spot price (same asset at the same price: the hedged units; a cross-hedge: the value hedged).
        var p0 = hedge.Position;
        decimal units;
        try { units = p0.Contract.QuoteNotionalUnchecked(p0.Quantity, p0.EntryPrice) / spotPrice; }
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
    /// <param name="fraction">The X in "hedge X %", as a fraction in [0, 1].</param>
    /// <param name="ofPortfolio">What the fraction is of: false, of the value of the holding being hedged (notional = fraction ×
    /// holding value); true, of the whole portfolio value (notional = fraction × portfolio value).</param>
    /// <returns>
    /// <c>Notional</c>, the short notional; <c>HedgeRatio</c> = notional / holding value (above 1 = net short; 0 for an empty
    /// bucket); <c>ExposureAfter</c> = holding value − notional, the bucket's exposure after the hedge, and
    /// <c>ExposureWeightAfter</c>, that as a fraction of the portfolio; <c>ExceedsHolding</c>, true when the notional exceeds
    /// the holding (over-hedged: net short that asset). The holding value is the bucket's <see cref="BucketAllocation.Value"/>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="bucket"/> is null.</exception>
    /// <exception cref="ArgumentException">Unknown or cash bucket.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> outside [0, 1].</exception>
    /// <remarks>
    /// What "hedge X %" is a percentage of — both readings are in use and they give different sizes. Holding a bucket worth
    /// H in a portfolio worth P, "hedge 20 %" means either a short of 0.20·H (a fifth of that holding is protected:
    /// <paramref name="ofPortfolio"/> false) or a short of 0.20·P (the portfolio's exposure falls by 20 percentage points:
    /// <paramref name="ofPortfolio"/> true). With H = 50 and P = 100 the first is 10 and the second 20. The second exceeds the
    /// holding (a net short) once the fraction is above H/P.
    /// </remarks>
    public (decimal Notional, decimal HedgeRatio, decimal ExposureAfter, decimal ExposureWeightAfter, bool ExceedsHolding) HedgeFraction(
        string bucket, decimal fraction, bool ofPortfolio)
    {
        Preconditions.NotNull(bucket);
        var row = Buckets.FirstOrDefault(b => string.Equals(b.Name, bucket, StringComparison.OrdinalIgnoreCase));
        if (row is null) Preconditions.ThrowArgument(nameof(bucket), $"'{bucket}' is not one of the buckets ({string.Join(", ", Buckets.Select(x => x.Name))})");
        if (row.IsCash) Preconditions.ThrowArgument(nameof(bucket), $"'{bucket}' is a cash bucket; it has no futures to hedge with");
        Preconditions.InRange(fraction, 0m, 1m);
        decimal holding = row.Value, notional = ofPortfolio ? fraction * PortfolioValue : fraction * holding, after = holding - notional;
        return (notional, holding == 0m ? 0m : notional / holding, after, after / PortfolioValue, notional > holding);
    }
}
