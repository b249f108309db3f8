using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>The current funding of a perpetual: the rate of the running interval and when it settles.</summary>
/// <param name="Exchange">The exchange identifier.</param>
/// <param name="Symbol">The symbol.</param>
/// <param name="Rate">The current (predicted) rate per interval, a fraction; positive: longs pay shorts.</param>
/// <param name="NextFundingTime">When it settles (UTC).</param>
/// <param name="MarkPrice">The mark price the exchange reported with it, or null.</param>
/// <param name="IndexPrice">The index price, or null.</param>
/// <param name="AsOf">When it was fetched (the response's time where the exchange sends one, else the local clock).</param>
public sealed record FundingSnapshot(string Exchange, string Symbol, decimal Rate, DateTimeOffset NextFundingTime, decimal? MarkPrice,
    decimal? IndexPrice, DateTimeOffset AsOf);

/// <summary>An instrument as the exchange lists it: tick, lot, contract size, maximum leverage, funding interval.</summary>
/// <param name="Exchange">The exchange identifier.</param>
/// <param name="Symbol">The symbol (OKX: the instId, e.g. <c>BTC-USDT-SWAP</c>).</param>
/// <param name="Type">Linear or inverse.</param>
/// <param name="BaseAsset">The base asset.</param>
/// <param name="QuoteAsset">The quote asset.</param>
/// <param name="SettlementAsset">The margin and settlement asset.</param>
/// <param name="ContractSize">Base units per quantity unit for linear (1 on Binance and Bybit; OKX's <c>ctVal</c>); USD per contract for inverse.</param>
/// <param name="TickSize">The price step.</param>
/// <param name="LotStep">The quantity step (base units, or contracts).</param>
/// <param name="MaxLeverage">The highest leverage listed, or null where the exchange lists it only with the tiers (Binance).</param>
/// <param name="FundingInterval">The funding interval, or null when not listed.</param>
/// <param name="Status">The exchange's status word (<c>TRADING</c>, <c>Trading</c>, <c>live</c>).</param>
/// <param name="AsOf">When it was fetched.</param>
/// <param name="Source">The endpoint it came from.</param>
public sealed record InstrumentInfo(string Exchange, string Symbol, ContractType Type, string BaseAsset, string QuoteAsset, string SettlementAsset,
    decimal ContractSize, decimal TickSize, decimal LotStep, decimal? MaxLeverage, TimeSpan? FundingInterval, string Status,
    DateTimeOffset AsOf, string Source);

/// <summary>A contract built from the exchange's live instrument and tier data, with when and where it came from.</summary>
/// <param name="Contract">The core contract (exchange and liquidation rule set).</param>
/// <param name="Instrument">The instrument listing it was built from.</param>
/// <param name="TiersJson">The tier response as the exchange sent it (its own format), or null when the tiers came from the embedded catalog.</param>
/// <param name="TiersFormat">The catalog's name for that format: <c>binance-brackets</c>, <c>bybit-risk-limit</c>, <c>okx-position-tiers</c>; or <c>catalog</c>.</param>
/// <param name="AsOf">When it was fetched.</param>
/// <param name="Source">The endpoints it came from.</param>
public sealed record ContractSnapshot(Contract Contract, InstrumentInfo Instrument, string? TiersJson, string TiersFormat, DateTimeOffset AsOf, string Source);

/// <summary>An open futures position as the exchange reports it, with the exchange's own liquidation price and margin.</summary>
/// <param name="Exchange">The exchange identifier.</param>
/// <param name="Symbol">The symbol (OKX instId).</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Positive size in the exchange's unit: base asset on Binance USDⓈ-M and Bybit linear; contracts on Binance COIN-M, Bybit inverse (1 USD each) and OKX.</param>
/// <param name="EntryPrice">The average entry price.</param>
/// <param name="MarkPrice">The mark price the exchange reported.</param>
/// <param name="Leverage">The leverage setting.</param>
/// <param name="MarginMode">Isolated or cross.</param>
/// <param name="LiquidationPrice">The exchange's liquidation price, or null when it reports none (empty, 0).</param>
/// <param name="Margin">The margin the exchange holds for it (isolated margin / position IM), in <paramref name="MarginAsset"/>, or null.</param>
/// <param name="MaintenanceMargin">The exchange's maintenance margin, or null when not reported.</param>
/// <param name="UnrealizedPnl">The exchange's unrealized PnL, in <paramref name="MarginAsset"/>.</param>
/// <param name="MarginAsset">The settlement asset of the money figures.</param>
public sealed record ExchangePosition(string Exchange, string Symbol, Side Side, decimal Quantity, decimal EntryPrice, decimal MarkPrice,
    decimal Leverage, MarginMode MarginMode, decimal? LiquidationPrice, decimal? Margin, decimal? MaintenanceMargin, decimal UnrealizedPnl,
    string MarginAsset)
{
    /// <summary>
    /// The library's margin view of this position, to set beside the exchange's figures (<c>hedgemath positions import</c>):
    /// opened at its entry price and leverage, isolated, with the exchange's <see cref="Margin"/> as its isolated margin when
    /// the position is isolated and the exchange reports a positive one (otherwise the initial margin at entry; a cross
    /// position gets this isolated view, the exchange's cross liquidation depending on the whole account), and marked at
    /// the exchange's <see cref="MarkPrice"/> (<see cref="MarginCalc.Isolated(Position, decimal, LiquidationRule?)"/>).
    /// </summary>
    /// <param name="contract">The position's contract (the catalog's or a refreshed overlay's).</param>
    /// <returns>The margin snapshot: liquidation price, wallet balance (the isolated margin), maintenance margin.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentException">The position's figures do not open a position on the contract (a quantity, price or leverage out of range).</exception>
    public MarginSnapshot MarginView(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        decimal? isolatedMargin = MarginMode == MarginMode.Isolated && Margin is > 0m ? Margin : null;
        var position = Position.Open(contract, Side, Quantity, EntryPrice, Leverage, MarginMode.Isolated, isolatedMargin);
        return MarginCalc.Isolated(position, MarkPrice);
    }
}

/// <summary>One asset's futures balance.</summary>
/// <param name="Exchange">The exchange identifier.</param>
/// <param name="Asset">The asset.</param>
/// <param name="WalletBalance">The wallet balance (no unrealized PnL).</param>
/// <param name="Equity">Wallet balance plus unrealized PnL.</param>
/// <param name="Available">What can be withdrawn or used for new positions, or null when the exchange does not report it (Bybit unified
/// accounts send <c>availableToWithdraw</c> empty: Bybit serves that amount only from its "Get Transferable Amount" endpoint).</param>
public sealed record ExchangeBalance(string Exchange, string Asset, decimal WalletBalance, decimal Equity, decimal? Available);
