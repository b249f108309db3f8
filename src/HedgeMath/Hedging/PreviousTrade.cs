using HedgeMath.Internal;

namespace HedgeMath.Hedging;

/// <summary>The trader's previous futures trade, for the revenge-trading check: its leverage and what it realized.</summary>
/// <remarks>
/// "If a hedge trade results in a loss, do not immediately try to get back that loss by overleveraging": a plan whose
/// leverage is above a losing previous trade's draws <see cref="HedgeWarningCode.LeverageRaisedAfterLoss"/>. Immutable and thread-safe.
/// </remarks>
public sealed class PreviousTrade
{
    /// <summary>Creates the record of a previous trade.</summary>
    /// <param name="leverage">Its leverage, ≥ 1.</param>
    /// <param name="realizedPnl">What it realized after fees (negative = a loss), in the settlement asset.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is below 1.</exception>
    public PreviousTrade(decimal leverage, decimal realizedPnl)
    {
        if (leverage < 1m) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, "must be at least 1");
        Leverage = leverage;
        RealizedPnl = realizedPnl;
    }

    /// <summary>The previous trade's leverage.</summary>
    public decimal Leverage { get; }
    /// <summary>What it realized (negative = a loss).</summary>
    public decimal RealizedPnl { get; }
}
