using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>A futures contract: what one unit of quantity is, how it is margined and settled, its fees and tiers.</summary>
/// <remarks>
/// <para><b>Linear</b> (USDⓈ-margined): quantity in base units times <see cref="ContractSize"/> (1 on Binance);
/// notional = <c>q · size · price</c> in the quote asset; PnL = <c>side · q · size · (exit − entry)</c>.</para>
/// <para><b>Inverse</b> (coin-margined): quantity in contracts of <see cref="ContractSize"/> USD each;
/// notional = <c>contracts · size / price</c> in the base asset; PnL = <c>side · contracts · size · (1/entry − 1/exit)</c>
/// in the base asset (Binance COIN-M "PNL = direction · Qty · contract_multiplier · (1/entry − 1/exit)").</para>
/// <para><b>The catalog</b> (Contract.Catalog.cs: <see cref="Find"/>, <see cref="TryFind"/>, <see cref="Catalog"/>): real contracts looked up by exchange and symbol, with the tiers, fees and rule the exchange published. It is embedded data (data/catalog/contracts.json and one tier file per exchange in that exchange's own
/// format), loaded once on first use. Exchanges change tiers and fees: each contract says the date of its data and its source
/// (<see cref="AsOf"/>, <see cref="Source"/>), and lists what could not be traced to a public source (<see cref="Unverified"/>). Build your own contract (<see cref="Linear"/>, <see cref="Inverse"/>) from
/// a current tier table (<see cref="MarginTierTable.FromBinanceBrackets(string)"/>,
/// <see cref="MarginTierTable.FromBybitRiskLimits"/>, <see cref="MarginTierTable.FromOkxPositionTiers"/>) when the numbers
/// must match today's exchange. OKX tiers bound the position size in contracts, not the notional (<see cref="TierBasis"/>).</para>
/// <para>Exchange ids: <c>binance-usdm</c>, <c>binance-coinm</c>, <c>bybit-linear</c>, <c>okx-swap</c>. Symbols as the exchange writes them
/// (<c>ETHUSDT</c>, <c>BTCUSD_PERP</c>); lookups ignore case. A catalog contract carries its exchange's liquidation
/// rule (<see cref="Rule"/>).</para>
/// <para>Every creation path validates. Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class Contract
{
    private Contract(string symbol, ContractType type, string baseAsset, string quoteAsset, string settlementAsset,
        decimal contractSize, decimal tickSize, decimal lotStep, decimal maxLeverage, decimal makerFeeRate,
        decimal takerFeeRate, TimeSpan fundingInterval, MarginTierTable tiers)
    {
        Symbol = symbol; Type = type; BaseAsset = baseAsset; QuoteAsset = quoteAsset; SettlementAsset = settlementAsset;
        ContractSize = contractSize; TickSize = tickSize; LotStep = lotStep; MaxLeverage = maxLeverage;
        MakerFeeRate = makerFeeRate; TakerFeeRate = takerFeeRate; FundingInterval = fundingInterval; Tiers = tiers;
    }

    /// <summary>The exchange symbol, e.g. <c>BTCUSDT</c>.</summary>
    public string Symbol { get; }
    /// <summary>Linear (quote-settled) or inverse (coin-settled).</summary>
    public ContractType Type { get; }
    /// <summary>The base asset, e.g. <c>BTC</c>.</summary>
    public string BaseAsset { get; }
    /// <summary>The quote asset, e.g. <c>USDT</c> or <c>USD</c>.</summary>
    public string QuoteAsset { get; }
    /// <summary>The asset margin, PnL, fees and funding are paid in (linear: quote; inverse: base).</summary>
    public string SettlementAsset { get; }
    /// <summary>Linear: base units per unit of quantity (1 on Binance, a multiplier elsewhere). Inverse: USD per contract.</summary>
    public decimal ContractSize { get; }
    /// <summary>The price step.</summary>
    public decimal TickSize { get; }
    /// <summary>The quantity step (linear: base units; inverse: contracts).</summary>
    public decimal LotStep { get; }
    /// <summary>The highest leverage the contract allows at any size.</summary>
    public decimal MaxLeverage { get; }
    /// <summary>The maker fee rate (fraction of notional), in [0, 1).</summary>
    public decimal MakerFeeRate { get; }
    /// <summary>The taker fee rate (fraction of notional), in [0, 1).</summary>
    public decimal TakerFeeRate { get; }
    /// <summary>The time between funding events (8 h on Binance perpetuals).</summary>
    public TimeSpan FundingInterval { get; }
    /// <summary>The maintenance-margin tiers, notionals in the settlement asset.</summary>
    public MarginTierTable Tiers { get; }
    /// <summary>The exchange the contract comes from (a catalog id such as <c>binance-usdm</c> or <c>bybit-linear</c>); null for a contract built by hand.</summary>
    public string? Exchange { get; private init; }
    /// <summary>
    /// The liquidation rule of the contract's exchange (a catalog contract carries its own: Bybit linear contracts use
    /// <see cref="LiquidationRule.BybitLinear"/>, MM at entry; pass <see cref="LiquidationRule.BybitLinearUnified"/> for a
    /// Unified Trading Account); null for a contract built by hand, which then gets
    /// <see cref="HedgeMath.Margin.MarginCalc.DefaultRule"/>'s Binance rule for its type.
    /// </summary>
    public LiquidationRule? Rule { get; private init; }

    /// <summary>The date (or month/year) of the catalog snapshot the numbers come from; null for a contract not from the catalog (<see cref="Contract.Find"/>).</summary>
    public string? AsOf { get; private init; }

    /// <summary>Where each number of a catalog contract comes from (exchange API responses recorded in public repositories, exchange documentation); null for a contract not from the catalog.</summary>
    public string? Source { get; private init; }

    /// <summary>The fields of a catalog contract that could not be traced to a public source (empty when every number is sourced, and for a contract not from the catalog).</summary>
    public ImmutableArray<string> Unverified { get; private init; } = [];

    /// <summary>A copy carrying the catalog's provenance (the catalog builds its contracts with it).</summary>
    internal Contract WithProvenance(string asOf, string source, ImmutableArray<string> unverified) =>
        new(Symbol, Type, BaseAsset, QuoteAsset, SettlementAsset, ContractSize, TickSize, LotStep, MaxLeverage,
            MakerFeeRate, TakerFeeRate, FundingInterval, Tiers) { Exchange = Exchange, Rule = Rule, AsOf = asOf, Source = source, Unverified = unverified };

    /// <summary>A copy of the contract tagged with its exchange and that exchange's liquidation rule.</summary>
    /// <param name="exchange">The exchange id, e.g. <c>bybit-linear</c>.</param>
    /// <param name="rule">The exchange's liquidation rule; it must apply to the contract type.</param>
    /// <returns>The tagged contract (all other fields unchanged; not the catalog's, so without <see cref="AsOf"/>, <see cref="Source"/> and <see cref="Unverified"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exchange"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="exchange"/> is blank, or the rule is undefined or does not apply to the contract type.</exception>
    public Contract WithExchange(string exchange, LiquidationRule rule)
    {
        Preconditions.NotNullOrWhiteSpace(exchange);
        Preconditions.Defined(rule);
        bool linear = Type == ContractType.Linear;
        if ((rule == LiquidationRule.BinanceUsdM && !linear) || (rule == LiquidationRule.BinanceCoinM && linear))
            Preconditions.ThrowArgument(nameof(rule), $"{rule} does not apply to the {Type.ToString().ToLowerInvariant()} contract {Symbol}");
        return new Contract(Symbol, Type, BaseAsset, QuoteAsset, SettlementAsset, ContractSize, TickSize, LotStep, MaxLeverage,
            MakerFeeRate, TakerFeeRate, FundingInterval, Tiers) { Exchange = exchange, Rule = rule };
    }

    /// <summary>Creates a linear (USDⓈ-margined) contract.</summary>
    /// <param name="symbol">The symbol, e.g. <c>BTCUSDT</c>.</param>
    /// <param name="baseAsset">The base asset, e.g. <c>BTC</c>.</param>
    /// <param name="quoteAsset">The quote and settlement asset, e.g. <c>USDT</c>.</param>
    /// <param name="tiers">The tier table, notionals in the quote asset.</param>
    /// <param name="tickSize">The price step, &gt; 0.</param>
    /// <param name="lotStep">The quantity step in base units, &gt; 0.</param>
    /// <param name="makerFeeRate">The maker fee rate in [0, 1).</param>
    /// <param name="takerFeeRate">The taker fee rate in [0, 1).</param>
    /// <param name="contractSize">Base units per unit of quantity, &gt; 0 (1 on Binance).</param>
    /// <param name="fundingInterval">The funding interval, &gt; 0; 8 h when null.</param>
    /// <param name="maxLeverage">The contract's highest leverage in [1, tier 1's maximum]; tier 1's maximum when null.</param>
    /// <returns>The contract.</returns>
    /// <exception cref="ArgumentNullException">A string or the tier table is null.</exception>
    /// <exception cref="ArgumentException">A string is empty or a number breaks its rule (the message names it).</exception>
    public static Contract Linear(string symbol, string baseAsset, string quoteAsset, MarginTierTable tiers,
        decimal tickSize, decimal lotStep, decimal makerFeeRate, decimal takerFeeRate,
        decimal contractSize = 1m, TimeSpan? fundingInterval = null, decimal? maxLeverage = null) =>
        Create(symbol, ContractType.Linear, baseAsset, quoteAsset, quoteAsset, contractSize, tiers, tickSize, lotStep,
            makerFeeRate, takerFeeRate, fundingInterval, maxLeverage);

    /// <summary>Creates an inverse (coin-margined) contract.</summary>
    /// <param name="symbol">The symbol, e.g. <c>BTCUSD_PERP</c>.</param>
    /// <param name="baseAsset">The base and settlement asset, e.g. <c>BTC</c>.</param>
    /// <param name="quoteAsset">The quote asset, e.g. <c>USD</c>.</param>
    /// <param name="contractSize">USD per contract, &gt; 0 (100 for Binance BTCUSD, 10 for other coins).</param>
    /// <param name="tiers">The tier table, notionals in the base asset.</param>
    /// <param name="tickSize">The price step, &gt; 0.</param>
    /// <param name="lotStep">The quantity step in contracts, &gt; 0 (1 on Binance).</param>
    /// <param name="makerFeeRate">The maker fee rate in [0, 1).</param>
    /// <param name="takerFeeRate">The taker fee rate in [0, 1).</param>
    /// <param name="fundingInterval">The funding interval, &gt; 0; 8 h when null.</param>
    /// <param name="maxLeverage">The contract's highest leverage in [1, tier 1's maximum]; tier 1's maximum when null.</param>
    /// <returns>The contract.</returns>
    /// <exception cref="ArgumentNullException">A string or the tier table is null.</exception>
    /// <exception cref="ArgumentException">A string is empty or a number breaks its rule (the message names it).</exception>
    public static Contract Inverse(string symbol, string baseAsset, string quoteAsset, decimal contractSize, MarginTierTable tiers,
        decimal tickSize, decimal lotStep, decimal makerFeeRate, decimal takerFeeRate,
        TimeSpan? fundingInterval = null, decimal? maxLeverage = null) =>
        Create(symbol, ContractType.Inverse, baseAsset, quoteAsset, baseAsset, contractSize, tiers, tickSize, lotStep,
            makerFeeRate, takerFeeRate, fundingInterval, maxLeverage);

    private static Contract Create(string symbol, ContractType type, string baseAsset, string quoteAsset, string settlementAsset,
        decimal contractSize, MarginTierTable tiers, decimal tickSize, decimal lotStep, decimal makerFeeRate, decimal takerFeeRate,
        TimeSpan? fundingInterval, decimal? maxLeverage)
    {
        Preconditions.NotNullOrWhiteSpace(symbol);
        Preconditions.NotNullOrWhiteSpace(baseAsset);
        Preconditions.NotNullOrWhiteSpace(quoteAsset);
        Preconditions.NotNull(tiers);
        Preconditions.Positive(contractSize);
        Preconditions.Positive(tickSize);
        Preconditions.Positive(lotStep);
        Preconditions.FeeRate(makerFeeRate);
        Preconditions.FeeRate(takerFeeRate);
        var interval = fundingInterval ?? TimeSpan.FromHours(8);
        if (interval <= TimeSpan.Zero) Preconditions.ThrowOutOfRange(nameof(fundingInterval), interval, "must be a positive time span");
        var lev = maxLeverage ?? tiers.MaxLeverage;
        if (lev < 1m || lev > tiers.MaxLeverage)
            Preconditions.ThrowOutOfRange(nameof(maxLeverage), lev, $"must be in the range [1, {tiers.MaxLeverage}] (the first tier's maximum)");
        return new Contract(symbol, type, baseAsset, quoteAsset, settlementAsset, contractSize, tickSize, lotStep, lev,
            makerFeeRate, takerFeeRate, interval, tiers);
    }

    /// <summary>Rounds a quantity down to the lot step (an order can never be larger than asked).</summary>
    /// <param name="quantity">The quantity, ≥ 0.</param>
    /// <returns>The largest multiple of <see cref="LotStep"/> not above the quantity.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is negative.</exception>
    public decimal RoundQuantity(decimal quantity)
    {
        Preconditions.NonNegative(quantity);
        try { return RoundQuantityUnchecked(quantity); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return 0m; }
    }

    /// <summary>Rounds a price to the tick size.</summary>
    /// <param name="price">The price, ≥ 0.</param>
    /// <param name="mode">How to round; nearest tick (midpoint away from zero) by default. <see cref="MidpointRounding.ToZero"/> truncates, as exchange calculators display a liquidation price.</param>
    /// <returns>A multiple of <see cref="TickSize"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="price"/> is negative.</exception>
    public decimal RoundPrice(decimal price, MidpointRounding mode = MidpointRounding.AwayFromZero)
    {
        Preconditions.NonNegative(price);
        // A tick of 0.1, 0.01, 1…: the same decimal without the division (DecimalFast.TryRoundToStep, bit for bit the formula below).
        if (DecimalFast.TryRoundToStep(price, TickSize, mode, out var onTick)) return onTick;
        try { return decimal.Round(price / TickSize, 0, mode) * TickSize; }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(price), price, ex); return 0m; }
    }

    /// <summary>The highest leverage allowed for a position of the given notional: the lower of the tier's and the contract's maximum.</summary>
    /// <param name="notional">The notional in the settlement asset, ≥ 0.</param>
    /// <returns>The maximum leverage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="notional"/> is negative.</exception>
    /// <remarks>For a contract whose tiers bound the position size (<see cref="TierBasis.Quantity"/>, OKX) a notional does
    /// not fix the tier; use <see cref="MaxLeverageFor(decimal, decimal)"/>.</remarks>
    /// <exception cref="ArgumentException">The contract's tiers bound the position size, not the notional.</exception>
    public decimal MaxLeverageFor(decimal notional)
    {
        Preconditions.NonNegative(notional);
        if (Tiers.Basis == TierBasis.Quantity)
            Preconditions.ThrowArgument(nameof(notional), $"does not fix the tier of {Symbol}: its tiers bound the position size; use MaxLeverageFor(quantity, price)");
        return MaxLeverageForKey(notional);
    }

    /// <summary>The highest leverage allowed for a position of the given quantity at the given price: the lower of the tier's and the contract's maximum.</summary>
    /// <param name="quantity">Linear: base units; inverse: contracts. &gt; 0.</param>
    /// <param name="price">The entry price, &gt; 0.</param>
    /// <returns>The maximum leverage; the tier is taken at the notional (Binance, Bybit) or at the size (OKX) of the position.</returns>
    /// <exception cref="ArgumentException">A value is not positive, or the notional overflows decimal.</exception>
    public decimal MaxLeverageFor(decimal quantity, decimal price)
    {
        var notional = Notional(quantity, price);
        return MaxLeverageForKey(Tiers.Key(notional, quantity * ContractSize));
    }

    internal decimal MaxLeverageForKey(decimal key) => Math.Min(MaxLeverage, Tiers.TierFor(key).MaxLeverage);

    /// <summary>The notional of a quantity at a price, in the settlement asset.</summary>
    /// <param name="quantity">Linear: base units; inverse: contracts. &gt; 0.</param>
    /// <param name="price">The price, &gt; 0.</param>
    /// <returns>Linear: <c>q · size · price</c> (quote asset). Inverse: <c>contracts · size / price</c> (base asset).</returns>
    /// <exception cref="ArgumentException">A value is not positive, or the product overflows decimal.</exception>
    public decimal Notional(decimal quantity, decimal price)
    {
        Preconditions.Positive(quantity);
        Preconditions.Positive(price);
        try { return NotionalUnchecked(quantity, price); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return 0m; }
    }

    /// <summary>The profit or loss of a quantity from an entry to an exit price, in the settlement asset.</summary>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">Linear: base units; inverse: contracts. &gt; 0.</param>
    /// <param name="entryPrice">The entry price, &gt; 0.</param>
    /// <param name="exitPrice">The exit (or mark) price, &gt; 0.</param>
    /// <returns>Linear: <c>side · q · size · (exit − entry)</c>. Inverse: <c>side · contracts · size · (1/entry − 1/exit)</c>. Positive is a gain.</returns>
    /// <exception cref="ArgumentException">A value is not positive, the side is undefined, or the result overflows decimal.</exception>
    public decimal Pnl(Side side, decimal quantity, decimal entryPrice, decimal exitPrice)
    {
        Preconditions.Defined(side);
        Preconditions.Positive(quantity);
        Preconditions.Positive(entryPrice);
        Preconditions.Positive(exitPrice);
        try { return PnlUnchecked(side.Sign(), quantity, entryPrice, exitPrice); }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(quantity), quantity, ex); return 0m; }
    }

    internal decimal NotionalUnchecked(decimal quantity, decimal price) =>
        Type == ContractType.Linear ? quantity * ContractSize * price : quantity * ContractSize / price;

    /// <summary>The notional of a quantity at a price in the quote asset: linear <c>q · size · price</c> (the settlement
    /// notional), inverse <c>contracts · size</c> (the contracts' face value, whatever the price).</summary>
    internal decimal QuoteNotionalUnchecked(decimal quantity, decimal price) =>
        Type == ContractType.Linear ? NotionalUnchecked(quantity, price) : quantity * ContractSize;

    /// <summary>The coins of exposure (base-asset units) of a quantity: <c>quantity · size</c>. The one owner of the
    /// contracts → coins rule (linear quantities are base units already when the size is 1).</summary>
    internal decimal CoinsOf(decimal quantity) => ContractSize == 1m ? quantity : quantity * ContractSize;

    /// <summary>The quantity with a notional at a price, the inverse of <see cref="NotionalUnchecked"/>: linear
    /// <c>notional / (size · price)</c>, inverse <c>notional · price / size</c>; not rounded to the lot.</summary>
    internal decimal QuantityForNotionalUnchecked(decimal notional, decimal price) =>
        Type == ContractType.Linear ? notional / (ContractSize * price) : notional * price / ContractSize;

    /// <summary><see cref="RoundQuantity"/> without the check: the largest multiple of the lot step not above the quantity.</summary>
    internal decimal RoundQuantityUnchecked(decimal quantity) => decimal.Floor(quantity / LotStep) * LotStep;

    /// <summary>The contract's fee rate for a maker or a taker fill.</summary>
    internal decimal FeeRate(bool maker) => maker ? MakerFeeRate : TakerFeeRate;

    /// <summary>The fee on a fill of a notional at the contract's rate, <c>notional · rate</c> (the rule of
    /// <c>Fees.Fee</c>, here because <c>Positions</c> is below <c>Margin</c>).</summary>
    internal decimal FeeUnchecked(decimal notional, bool maker) => notional * FeeRate(maker);

    internal decimal PnlUnchecked(decimal sign, decimal quantity, decimal entryPrice, decimal exitPrice) =>
        Type == ContractType.Linear
            ? sign * quantity * ContractSize * (exitPrice - entryPrice)
            : sign * quantity * ContractSize * (1m / entryPrice - 1m / exitPrice);

    /// <inheritdoc />
    public override string ToString() => Exchange is null
        ? $"{Symbol} ({Type}, settles in {SettlementAsset})"
        : $"{Exchange} {Symbol} ({Type}, settles in {SettlementAsset})";
}
