namespace HedgeMath.Positions;

/// <summary>The direction of a position: long gains when the price rises, short when it falls.</summary>
public enum Side
{
    /// <summary>Bought: gains when the price rises (sign +1 in the formulas).</summary>
    Long = 1,
    /// <summary>Sold: gains when the price falls (sign −1 in the formulas).</summary>
    Short = 2,
}
