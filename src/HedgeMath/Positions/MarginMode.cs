namespace HedgeMath.Positions;

/// <summary>Whether a position has its own margin (isolated) or shares the account's wallet (cross).</summary>
public enum MarginMode
{
    /// <summary>The position's margin is its own isolated wallet; a liquidation loses at most that margin.</summary>
    Isolated = 1,
    /// <summary>The position shares the cross wallet balance with every other cross position of the same settlement asset.</summary>
    Cross = 2,
}
