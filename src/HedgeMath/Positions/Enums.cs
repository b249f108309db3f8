namespace HedgeMath.Positions;

/// <summary>The direction of a position: long gains when the price rises, short when it falls.</summary>
public enum Side
{
    /// <summary>Bought: gains when the price rises (sign +1 in the formulas).</summary>
    Long = 1,
    /// <summary>Sold: gains when the price falls (sign −1 in the formulas).</summary>
    Short = 2,
}

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

/// <summary>Whether a position has its own margin (isolated) or shares the account's wallet (cross).</summary>
public enum MarginMode
{
    /// <summary>The position's margin is its own isolated wallet; a liquidation loses at most that margin.</summary>
    Isolated = 1,
    /// <summary>The position shares the cross wallet balance with every other cross position of the same settlement asset.</summary>
    Cross = 2,
}

/// <summary>Whether an account holds one net position per symbol or a long and a short at once.</summary>
public enum PositionMode
{
    /// <summary>One net position per symbol (Binance "one-way mode", position side BOTH).</summary>
    OneWay = 1,
    /// <summary>A long and a short position on one symbol at once (Binance "hedge mode", position side LONG/SHORT).</summary>
    Hedge = 2,
}

/// <summary>Extensions for <see cref="Side"/>.</summary>
public static class SideExtensions
{
    /// <summary>The sign of a side in the formulas: +1 for long, −1 for short.</summary>
    /// <param name="side">The side.</param>
    /// <returns>+1 or −1.</returns>
    public static decimal Sign(this Side side) => side switch
    {
        Side.Short => -1m,
        Side.Long => 1m,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, $"side must be Long or Short; got {(int)side}."),
    };

    /// <summary>The other side.</summary>
    /// <param name="side">The side.</param>
    /// <returns><see cref="Side.Short"/> for long, <see cref="Side.Long"/> for short.</returns>
    public static Side Opposite(this Side side) => side switch
    {
        Side.Short => Side.Long,
        Side.Long => Side.Short,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, $"side must be Long or Short; got {(int)side}."),
    };
}
