namespace HedgeMath.Positions;

/// <summary>How a sale picks the lots it sells from (the choice decides the realized gain, and so the tax).</summary>
public enum LotMethod
{
    /// <summary>First in, first out: the oldest lots first (acquisition date, then the order given).</summary>
    Fifo = 0,
    /// <summary>Highest in, first out: the most expensive lots first (the smallest gain, the largest loss).</summary>
    Hifo = 1,
    /// <summary>Specific identification: the lots the seller names, in the order named.</summary>
    Specific = 2,
}
