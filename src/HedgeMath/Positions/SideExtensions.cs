namespace HedgeMath.Positions;

/// <summary>Extensions for <see cref="Side"/>.</summary>
internal static class SideExtensions
{
    /// <summary>The sign of a side in the formulas: +1 for long, −1 for short.</summary>
    /// <param name="side">The side.</param>
    /// <returns>+1 or −1.</returns>
    internal static decimal Sign(this Side side) => side switch
    {
        Side.Short => -1m,
        Side.Long => 1m,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, $"side must be Long or Short; got {(int)side}."),
    };

    /// <summary>The other side.</summary>
    /// <param name="side">The side.</param>
    /// <returns><see cref="Side.Short"/> for long, <see cref="Side.Long"/> for short.</returns>
    internal static Side Opposite(this Side side) => side switch
    {
        Side.Short => Side.Long,
        Side.Long => Side.Short,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, $"side must be Long or Short; got {(int)side}."),
    };
}
