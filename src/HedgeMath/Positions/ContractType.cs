namespace HedgeMath.Positions;

/// <summary>How a futures contract is margined and settled.</summary>
public enum ContractType
{
    /// <summary>
    /// USDⓈ-margined: quantity in base units (times the contract size), PnL, margin and fees in the quote asset (USDT).
    /// </summary>
    Linear = 1,
    /// <summary>
    /// Coin-margined: quantity in contracts of a fixed USD size, PnL, margin and fees in the base asset (BTC).
    /// </summary>
    Inverse = 2,
}
