using System.Collections.Immutable;
using HedgeMath.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The futures contract a rebalancing bucket is hedged with, and its price now.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BucketInstrument
{
    /// <summary>Creates the assignment.</summary>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="contract">The futures contract (a satellite of altcoins hedged with BTC futures is a cross-hedge).</param>
    /// <param name="futuresPrice">The futures price now, &gt; 0.</param>
    /// <exception cref="ArgumentException"><paramref name="bucket"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="futuresPrice"/> is not positive.</exception>
    public BucketInstrument(string bucket, Contract contract, decimal futuresPrice)
    {
        Bucket = Preconditions.NotNullOrWhiteSpace(bucket);
        Contract = Preconditions.NotNull(contract);
        FuturesPrice = Preconditions.Positive(futuresPrice);
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }
    /// <summary>The contract.</summary>
    public Contract Contract { get; }
    /// <summary>The futures price now.</summary>
    public decimal FuturesPrice { get; }
}
