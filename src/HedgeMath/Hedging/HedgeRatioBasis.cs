namespace HedgeMath.Hedging;

/// <summary>What the two input series of <see cref="HedgeRatio.MinimumVariance"/> are, and how they are turned into the changes the hedge ratio is estimated on.</summary>
/// <remarks>
/// The minimum-variance ratio depends on the unit of the changes: on price changes it answers
/// "futures units per spot unit" (Hull's ΔS, ΔF); on returns it answers "futures value per spot value".
/// For a position sized in value (USDT of futures per USDT of spot) use returns; for a position sized in
/// units of the same asset use price changes. The choice is explicit because the two differ.
/// </remarks>
public enum HedgeRatioBasis
{
    /// <summary>The inputs are already the changes (price changes or returns); they are used as they are (n changes → n observations).</summary>
    InputsAreChanges = 0,

    /// <summary>The inputs are prices; the observations are price differences P[t] − P[t−1] (n prices → n − 1 observations).</summary>
    PricesToPriceChanges = 1,

    /// <summary>The inputs are prices (&gt; 0); the observations are simple returns P[t] / P[t−1] − 1.</summary>
    PricesToSimpleReturns = 2,

    /// <summary>The inputs are prices (&gt; 0); the observations are log returns ln(P[t] / P[t−1]).</summary>
    PricesToLogReturns = 3,
}
