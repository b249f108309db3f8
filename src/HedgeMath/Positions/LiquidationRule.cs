namespace HedgeMath.Positions;

/// <summary>The exchange convention used to compute maintenance margin and the liquidation price.</summary>
/// <remarks>
/// The rules differ in where the maintenance margin is measured and what it includes; docs/margin.md sets them
/// side by side with their sources. Every result says which rule produced it.
/// </remarks>
public enum LiquidationRule
{
    /// <summary>
    /// Binance USDⓈ-M (linear): maintenance margin <c>notional·MMR − cum</c> with the tier that contains the notional
    /// <b>at the liquidation price</b> (iterated until stable); cross margin counts the other positions' maintenance
    /// and PnL. Default for linear contracts.
    /// </summary>
    BinanceUsdM = 1,
    /// <summary>
    /// Binance COIN-M (inverse): the same balance equation in coin terms, notional <c>contracts·size/price</c>, tier at
    /// the liquidation price. Default for inverse contracts.
    /// </summary>
    BinanceCoinM = 2,
    /// <summary>
    /// Bybit USDT perpetual, isolated, classic account ("Liquidation Price (USDT Contract)"): maintenance margin measured
    /// <b>at the entry price</b>, <c>LP = entry ∓ (position margin − MM)/quantity</c>. For the Unified Trading Account use
    /// <see cref="BybitLinearUnified"/>.
    /// </summary>
    BybitLinear = 3,
    /// <summary>
    /// OKX / Gate: liquidation when equity reaches maintenance margin <b>plus the taker fee to close</b>,
    /// <c>notional·(MMR + taker fee)</c>; linear and inverse.
    /// </summary>
    OkxGate = 4,
    /// <summary>
    /// Bybit inverse perpetual/futures, isolated (Unified Trading Account): maintenance margin <c>position value·MMR − MM
    /// deduction</c> with the position value at the liquidation price, the estimated fee to close counted in both the
    /// initial and the maintenance margin (so it cancels) and extra margin counted net of the closing fee:
    /// <c>LP(long) = Q·(1 + MMR) / (Q/EP + Q/EP/lev + extra/(1 + taker) + deduction)</c>,
    /// <c>LP(short) = Q·(1 − MMR) / (Q/EP − Q/EP/lev − extra/(1 − taker) − deduction)</c>, Q = contracts·size in USD.
    /// </summary>
    BybitInverse = 5,
    /// <summary>
    /// Bybit USDT perpetual/futures, isolated (Unified Trading Account): the estimated fee to close is counted in both the
    /// initial and the maintenance margin (so it cancels), the maintenance margin <c>position value·MMR − MM deduction</c>
    /// is taken at the liquidation price, and extra margin counts net of the closing fee:
    /// <c>LP(long) = (EP·q − EP·q/lev − extra/(1 − taker) − deduction) / (q·(1 − MMR))</c>,
    /// <c>LP(short) = (EP·q + EP·q/lev + extra/(1 + taker) + deduction) / (q·(1 + MMR))</c>. The rule of the catalog's
    /// Bybit linear contracts; <see cref="BybitLinear"/> is the classic-account formula.
    /// </summary>
    BybitLinearUnified = 6,
}
