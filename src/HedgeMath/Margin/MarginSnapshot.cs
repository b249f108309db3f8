using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>The margin picture of one futures position at a mark price, under a named liquidation rule.</summary>
/// <remarks>
/// Every money figure is in <see cref="SettlementAsset"/> (USDT for linear contracts, the coin for inverse).
/// For a cross position, <see cref="WalletBalance"/>, <see cref="MarginBalance"/>, <see cref="MarginRatio"/> and
/// <see cref="IsLiquidatable"/> are account-wide (Binance shows the cross margin ratio per account), while
/// <see cref="InitialMargin"/>, <see cref="MaintenanceMargin"/> and <see cref="UnrealizedPnl"/> are the position's own.
/// Only <see cref="MarginCalc"/> creates snapshots (no public setters, so none can contradict its position).
/// Immutable and thread-safe.
/// </remarks>
public sealed record MarginSnapshot
{
    internal MarginSnapshot() { }

    /// <summary>The rule that produced these figures.</summary>
    public LiquidationRule Rule { get; internal init; }
    /// <summary>The position.</summary>
    public Position Position { get; internal init; } = null!;
    /// <summary>The asset of every money figure.</summary>
    public string SettlementAsset { get; internal init; } = null!; // always set by MarginCalc (the only creator)
    /// <summary>The mark price used.</summary>
    public decimal MarkPrice { get; internal init; }
    /// <summary>The notional at the mark price.</summary>
    public decimal Notional { get; internal init; }
    /// <summary>The initial margin at the mark price: <c>notional(mark) / leverage</c>.</summary>
    /// <remarks>Computed on access from <see cref="Notional"/> and the position's leverage (one decimal division; it cannot
    /// overflow, the leverage being at least 1), so the margin passes do not pay for it when it is not read.</remarks>
    public decimal InitialMargin => Notional / Position.Leverage;
    /// <summary>
    /// The maintenance margin as the rule measures it: Binance <c>notional(mark)·MMR − cum</c>; Bybit the same at the
    /// entry price; OKX/Gate <c>notional(mark)·(MMR + taker fee) − cum</c>.
    /// </summary>
    public decimal MaintenanceMargin { get; internal init; }
    /// <summary>The tier of <see cref="MaintenanceMargin"/> (at the mark notional; Bybit: at the entry notional).</summary>
    public MarginTier Tier { get; internal init; } = null!;
    /// <summary>The tier that holds the notional at the liquidation price (the one the liquidation price was solved with); null when there is none.</summary>
    public MarginTier? LiquidationTier { get; internal init; }
    /// <summary>The wallet balance backing the position: the isolated margin, or the cross wallet balance.</summary>
    public decimal WalletBalance { get; internal init; }
    /// <summary>The position's unrealized PnL at the mark price.</summary>
    public decimal UnrealizedPnl { get; internal init; }
    /// <summary>Wallet balance plus unrealized PnL (cross: of every position in the account).</summary>
    public decimal MarginBalance { get; internal init; }
    /// <summary>Maintenance margin / margin balance (Binance "Margin Ratio"; liquidation at 1); null when the margin balance is 0 or below.</summary>
    public decimal? MarginRatio { get; internal init; }
    /// <summary>
    /// True when the margin balance is at or below the maintenance margin at this mark. Under Bybit's Unified Trading
    /// Account rules (<see cref="LiquidationRule.BybitLinearUnified"/>, <see cref="LiquidationRule.BybitInverse"/>) the
    /// margin counted is Bybit's: extra margin divided by 1 ∓ taker fee, as in their liquidation price, so the position is
    /// liquidatable exactly at and beyond <see cref="LiquidationPrice"/> (<see cref="MarginRatio"/> stays the plain ratio).
    /// </summary>
    public bool IsLiquidatable { get; internal init; }
    /// <summary>
    /// The mark price at which the margin balance equals the maintenance margin; null when no positive price does
    /// (a 1x linear long, a 1x inverse short, a fully hedged cross book that cannot be liquidated).
    /// </summary>
    public decimal? LiquidationPrice { get; internal init; }
    /// <summary>The mark price at which the margin balance reaches 0; null when no positive (representable) price does.</summary>
    /// <remarks>Computed on access from the balance equation without maintenance: linear
    /// <c>P = (Σ s·q·size·EP − WB'') / Σ s·q·size</c>, inverse <c>P = Σ s·Q / (WB'' + Σ s·Q/EP)</c>, WB'' = wallet + other positions' PnL.</remarks>
    public decimal? BankruptcyPrice => MarginCalc.PositivePrice(BankruptcyNumerator, BankruptcyDenominator);

    /// <summary>
    /// <c>|mark − LP| / mark</c>: the fraction of the mark price the market must move to liquidate; negative when the
    /// position is already liquidatable; null without a liquidation price. Saturates at ±<see cref="decimal.MaxValue"/>
    /// when the ratio does not fit in decimal (a mark price near 1e-28).
    /// </summary>
    public decimal? DistanceToLiquidation
    {
        get
        {
            if (LiquidationPrice is not { } lp) return null;
            decimal d;
            try { d = Math.Abs(HedgeMath.Internal.DecimalFast.Subtract(MarkPrice, lp)) / MarkPrice; }
            catch (OverflowException) { d = decimal.MaxValue; }
            return IsLiquidatable ? -d : d;
        }
    }

    internal decimal BankruptcyNumerator { get; init; }
    internal decimal BankruptcyDenominator { get; init; }
}
