using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Hedging;

/// <summary>The settings of a <see cref="HedgePlan"/> beyond its core inputs: thresholds for warnings, funding, fees and the futures price.</summary>
/// <remarks>All values are checked by <see cref="HedgePlan.Create"/> (which names the offending property). Immutable and thread-safe.</remarks>
public sealed record HedgePlanOptions
{
    /// <summary>The default options.</summary>
    public static HedgePlanOptions Default { get; } = new();

    /// <summary>Leverage above this draws <see cref="HedgeWarningCode.LeverageAboveCap"/> (default 5; beginners are told 3–5x). ≥ 1.</summary>
    public decimal LeverageCap { get; init; } = 5m;

    /// <summary>The futures price at decision time (the hedge's entry). Null: the decision price (same asset; basis ignored). Required for a cross-hedge.</summary>
    public decimal? FuturesPrice { get; init; }

    /// <summary>The liquidation rule; null for the contract's default (<see cref="MarginCalc.DefaultRule"/>).</summary>
    public LiquidationRule? Rule { get; init; }

    /// <summary>Isolated margin to post; null for the initial margin (notional / leverage). Posting more moves the liquidation price away.</summary>
    public decimal? IsolatedMargin { get; init; }

    /// <summary>The assumed funding rate per funding interval for the projections (default 0.0001 = 0.01 % per 8 h, Binance's base rate). In (−1, 1).</summary>
    public decimal FundingRatePerInterval { get; init; } = 0.0001m;

    /// <summary>Planned holding period in days for the funding check (default 30), in [0, 36,500] (0: an instant move, no funding; 100 years at most).</summary>
    public int HoldingPeriodDays { get; init; } = 30;

    /// <summary>Safety gap between stop and liquidation as a fraction of the stop price (default 0.05): liquidation below stop·(1 + buffer) draws <see cref="HedgeWarningCode.LiquidationNearStop"/>. In [0, 1).</summary>
    public decimal LiquidationBuffer { get; init; } = 0.05m;

    /// <summary>The price fall the protection is measured at (default 0.10 = 10 %): protection = the hedge's gain if the futures price falls by this fraction. In (0, 1).</summary>
    public decimal ProtectionMove { get; init; } = 0.10m;

    /// <summary>Funding paid over the holding period above this share of the protection draws <see cref="HedgeWarningCode.FundingEatsProtection"/> (default 0.25). In (0, 1].</summary>
    public decimal FundingShareLimit { get; init; } = 0.25m;

    /// <summary>True to use maker fee rates for open and close (resting orders); false (default) for taker.</summary>
    public bool MakerFees { get; init; }

    /// <summary>A hedge ratio at or above this draws <see cref="HedgeWarningCode.FullHedgeAtOnce"/> (default 1: a full hedge in one go). &gt; 0.</summary>
    public decimal FullHedgeThreshold { get; init; } = 1m;

    /// <summary>
    /// The trader's previous futures trade, for the revenge-trading check; null: unknown. <c>Leverage</c> (≥ 1) and
    /// <c>RealizedPnl</c> (after fees, negative = a loss, settlement asset) are its figures; where known, <c>BaseQuantity</c>
    /// (its size in coins of the base asset, e.g. 1.2 for a 1.2 BTC short, &gt; 0) and <c>StopDistance</c> (how far its
    /// stop was from its entry as a fraction of the entry, 0.05 = 5 %, &gt; 0; null when it had no stop or it is not known),
    /// e.g. <c>(3m, -500m, 0.4m, 0.05m)</c> or <c>(3m, -500m, null, null)</c>.
    /// </summary>
    /// <remarks>
    /// "If a hedge trade results in a loss, do not immediately try to get back that loss by overleveraging": after a losing
    /// previous trade, a plan draws <see cref="HedgeWarningCode.LeverageRaisedAfterLoss"/> when its leverage is higher,
    /// <see cref="HedgeWarningCode.SizeRaisedAfterLoss"/> when its size (coins of the base asset) is larger, and
    /// <see cref="HedgeWarningCode.StopWidenedAfterLoss"/> when its stop is farther from the entry or it has none while the
    /// previous trade had one. A figure not given (null) is not checked.
    /// </remarks>
    public (decimal Leverage, decimal RealizedPnl, decimal? BaseQuantity, decimal? StopDistance)? PreviousHedge { get; init; }

    /// <summary>For a cross-hedge: the estimate the ratio came from (its correlation and residual volatility go into the basis-risk warning).</summary>
    public MinimumVarianceHedge? CrossHedgeEstimate { get; init; }
}
