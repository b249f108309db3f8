namespace HedgeMath.Hedging;

/// <summary>The optimal number of futures contracts N* = h*·QA/QF, exact and rounded to whole contracts.</summary>
/// <remarks>
/// Hull, <i>Options, Futures and Other Derivatives</i>, §3.4, eq. 3.2: QA is the size of the position
/// being hedged (units), QF the size of one futures contract (units). Rounding is to the nearest whole
/// contract, halves away from zero. Immutable and thread-safe.
/// </remarks>
public sealed record ContractCount
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal ContractCount(decimal exact, decimal rounded)
    {
        Exact = exact;
        Rounded = rounded;
    }

    /// <summary>N* before rounding.</summary>
    public decimal Exact { get; }

    /// <summary>N* rounded to the nearest whole contract (midpoint away from zero).</summary>
    public decimal Rounded { get; }

    /// <summary>Rounded − Exact: the contracts over-hedged (positive) or under-hedged (negative) by rounding.</summary>
    public decimal RoundingError => Rounded - Exact;
}
