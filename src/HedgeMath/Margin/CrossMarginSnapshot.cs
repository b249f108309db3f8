using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>The margin picture of a whole cross account at its mark prices.</summary>
/// <remarks>Money figures in <see cref="SettlementAsset"/>. Immutable and thread-safe.</remarks>
public sealed record CrossMarginSnapshot
{
    internal CrossMarginSnapshot() { }

    /// <summary>The rule that produced these figures.</summary>
    public LiquidationRule Rule { get; internal init; }
    /// <summary>The asset of every money figure.</summary>
    public string SettlementAsset { get; internal init; } = null!; // always set by MarginCalc (the only creator)
    /// <summary>The cross wallet balance.</summary>
    public decimal WalletBalance { get; internal init; }
    /// <summary>The sum of the positions' unrealized PnL.</summary>
    public decimal UnrealizedPnl { get; internal init; }
    /// <summary>Wallet balance plus unrealized PnL.</summary>
    public decimal MarginBalance { get; internal init; }
    /// <summary>The sum of the positions' initial margins at their marks.</summary>
    /// <remarks>Computed on access (one division per position, summed in the account's order), so the cross pass does not
    /// pay for it when it is not read; read it once when it is needed in a loop. The cross pass has checked that the sum
    /// cannot overflow (it is at most the sum of the notionals, leverage ≥ 1), or computed it there.</remarks>
    public decimal InitialMargin
    {
        get
        {
            if (PrecomputedInitialMargin is { } total) return total;
            decimal sum = 0m;
            foreach (var p in Positions) sum = HedgeMath.Internal.DecimalFast.Add(sum, p.InitialMargin);
            return sum;
        }
    }

    /// <summary>Set by the cross pass only when the notionals' sum overflows decimal (then the margins are summed there, as before).</summary>
    internal decimal? PrecomputedInitialMargin { get; init; }
    /// <summary>The sum of the positions' maintenance margins at their marks.</summary>
    public decimal MaintenanceMargin { get; internal init; }
    /// <summary>Maintenance margin / margin balance; null when the margin balance is 0 or below.</summary>
    public decimal? MarginRatio { get; internal init; }
    /// <summary>True when the margin balance is at or below the maintenance margin.</summary>
    public bool IsLiquidatable { get; internal init; }
    /// <summary>One snapshot per position, in the account's order; each liquidation price holds every other symbol at its mark.</summary>
    public System.Collections.Immutable.ImmutableArray<MarginSnapshot> Positions { get; internal init; }
}
