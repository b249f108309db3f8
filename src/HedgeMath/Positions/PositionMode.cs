namespace HedgeMath.Positions;

/// <summary>Whether an account holds one net position per symbol or a long and a short at once.</summary>
public enum PositionMode
{
    /// <summary>One net position per symbol (Binance "one-way mode", position side BOTH).</summary>
    OneWay = 1,
    /// <summary>A long and a short position on one symbol at once (Binance "hedge mode", position side LONG/SHORT).</summary>
    Hedge = 2,
}
