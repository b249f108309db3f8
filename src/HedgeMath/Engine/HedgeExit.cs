namespace HedgeMath.Engine;

/// <summary>How a futures leg of a <see cref="HedgeBook"/> ended, or that it is still open.</summary>
public enum HedgeExit
{
    /// <summary>The leg stayed open to the end (or there was no leg).</summary>
    None = 0,
    /// <summary>The stop was hit and the leg closed at the stop fill (the stop plus slippage, or the open when the price gapped through).</summary>
    Stopped = 1,
    /// <summary>The leg was liquidated on the mark price: an isolated leg lost exactly its margin; a cross account its whole margin balance.</summary>
    Liquidated = 2,
}
