using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>The trader's previous futures trade, for the revenge-trading check: its leverage, what it realized and,
/// where known, its size and its stop.</summary>
/// <remarks>
/// "If a hedge trade results in a loss, do not immediately try to get back that loss by overleveraging": after a losing
/// previous trade, a plan draws <see cref="HedgeWarningCode.LeverageRaisedAfterLoss"/> when its leverage is higher,
/// <see cref="HedgeWarningCode.SizeRaisedAfterLoss"/> when its size (coins of the base asset) is larger, and
/// <see cref="HedgeWarningCode.StopWidenedAfterLoss"/> when its stop is farther from the entry or it has none while the
/// previous trade had one. A figure not given (null) is not checked. Immutable and thread-safe.
/// </remarks>
public sealed class PreviousTrade
{
    /// <summary>Creates the record of a previous trade.</summary>
    /// <param name="leverage">Its leverage, ≥ 1.</param>
    /// <param name="realizedPnl">What it realized after fees (negative = a loss), in the settlement asset.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is below 1.</exception>
    public PreviousTrade(decimal leverage, decimal realizedPnl) : this(leverage, realizedPnl, null, null) { }

    /// <summary>Creates the record of a previous trade with its size and its stop.</summary>
    /// <param name="leverage">Its leverage, ≥ 1.</param>
    /// <param name="realizedPnl">What it realized after fees (negative = a loss), in the settlement asset.</param>
    /// <param name="baseQuantity">Its size in coins of the base asset (e.g. 1.2 for a 1.2 BTC short), &gt; 0; null when not known.</param>
    /// <param name="stopDistance">How far its stop was from its entry, as a fraction of the entry (0.05 = 5 %), &gt; 0;
    /// null when it had no stop or it is not known (then a plan without a stop is not flagged).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is below 1, or <paramref name="baseQuantity"/> or <paramref name="stopDistance"/> is not positive.</exception>
    public PreviousTrade(decimal leverage, decimal realizedPnl, decimal? baseQuantity, decimal? stopDistance)
    {
        if (leverage < 1m) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, "must be at least 1");
        if (baseQuantity is { } q) Preconditions.Positive(q, nameof(baseQuantity));
        if (stopDistance is { } d) Preconditions.Positive(d, nameof(stopDistance));
        Leverage = leverage;
        RealizedPnl = realizedPnl;
        BaseQuantity = baseQuantity;
        StopDistance = stopDistance;
    }

    /// <summary>The previous trade's leverage.</summary>
    public decimal Leverage { get; }
    /// <summary>What it realized (negative = a loss).</summary>
    public decimal RealizedPnl { get; }
    /// <summary>Its size in coins of the base asset, or null when not known.</summary>
    public decimal? BaseQuantity { get; }
    /// <summary>Its stop's distance from its entry as a fraction of the entry, or null (no stop, or not known).</summary>
    public decimal? StopDistance { get; }
    /// <summary>Whether it lost money (<see cref="RealizedPnl"/> &lt; 0): the case the revenge-trading check is about.</summary>
    public bool Lost => RealizedPnl < 0m;
}
