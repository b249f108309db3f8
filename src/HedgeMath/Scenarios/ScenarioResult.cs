using System.Globalization;
using System.Text;
using HedgeMath.Engine;

namespace HedgeMath.Scenarios;

/// <summary>
/// What a spot holding and its short futures hedge did at a price or at the end of a price path, hedged
/// against unhedged, against the decision price and against the cost basis.
/// </summary>
/// <remarks>
/// Money figures are in the quote asset (USDT, or USD for an inverse contract, whose coin figures are converted at
/// the end price); the hedge's own figures are also given in <see cref="SettlementAsset"/> (<c>…InSettlement</c>), and
/// the margin figures (<see cref="InitialMargin"/>, <see cref="WorstUnrealizedPnl"/>, <see cref="MaintenanceMarginAtWorst"/>)
/// are in the settlement asset. Signs: PnL positive is a gain; <see cref="Funding"/> positive is funding received (a
/// short receives when the rate is positive); <see cref="Fees"/> is a positive cost.
/// <c>NetPnl = SpotPnl + FuturesPnl − Fees + Funding</c>. On liquidation the hedge's isolated margin is lost
/// (<c>FuturesPnlInSettlement = −InitialMargin</c>): Binance closes the position and the margin left above the
/// bankruptcy price goes to the insurance fund (Binance, "Liquidation Protocols").
/// Immutable and thread-safe.
/// </remarks>
public sealed record ScenarioResult
{
    internal ScenarioResult() { }

    /// <summary>The price at which the scenario ends.</summary>
    public decimal Price { get; internal init; }
    /// <summary>Number of path steps (0 for a single price).</summary>
    public int Steps { get; internal init; }
    /// <summary>Spot holding in base units.</summary>
    public decimal SpotQuantity { get; internal init; }
    /// <summary>Cost basis per unit.</summary>
    public decimal CostBasis { get; internal init; }
    /// <summary>Price at decision time (hedge entry).</summary>
    public decimal DecisionPrice { get; internal init; }
    /// <summary>Hedge ratio (hedge quantity / spot quantity).</summary>
    public decimal HedgeRatio { get; internal init; }
    /// <summary>Short futures quantity in contract units (linear: base units; inverse: contracts).</summary>
    public decimal HedgeQuantity { get; internal init; }
    /// <summary>Leverage of the hedge.</summary>
    public decimal Leverage { get; internal init; }

    /// <summary>The hedge's contract symbol.</summary>
    public string Symbol { get; internal init; } = "";
    /// <summary>The asset the hedge settles in (USDT for linear, the coin for inverse).</summary>
    public string SettlementAsset { get; internal init; } = "";
    /// <summary><see cref="FuturesPnl"/> in the settlement asset.</summary>
    public decimal FuturesPnlInSettlement { get; internal init; }
    /// <summary><see cref="Fees"/> in the settlement asset.</summary>
    public decimal FeesInSettlement { get; internal init; }
    /// <summary><see cref="Funding"/> in the settlement asset.</summary>
    public decimal FundingInSettlement { get; internal init; }
    /// <summary>The hedge's net in the settlement asset: PnL − fees + funding.</summary>
    public decimal HedgeNetInSettlement => FuturesPnlInSettlement - FeesInSettlement + FundingInSettlement;

    /// <summary>Spot PnL against the decision price: <c>q·(P − P₀)</c>.</summary>
    public decimal SpotPnl { get; internal init; }
    /// <summary>Spot PnL against the cost basis: <c>q·(P − cost)</c>.</summary>
    public decimal SpotPnlVsCost { get; internal init; }
    /// <summary>PnL of the short hedge before fees and funding (quote asset): at its exit, or at the end price while open; minus the isolated margin if liquidated.</summary>
    public decimal FuturesPnl { get; internal init; }
    /// <summary>Trading fees on the hedge (open and close), a positive cost.</summary>
    public decimal Fees { get; internal init; }
    /// <summary>Funding received by the short hedge (negative: paid).</summary>
    public decimal Funding { get; internal init; }
    /// <summary>Hedged net PnL against the decision price.</summary>
    public decimal NetPnl { get; internal init; }
    /// <summary>Hedged net PnL against the cost basis.</summary>
    public decimal NetPnlVsCost { get; internal init; }
    /// <summary>Unhedged PnL against the decision price (the spot alone).</summary>
    public decimal UnhedgedPnl { get; internal init; }
    /// <summary>Unhedged PnL against the cost basis.</summary>
    public decimal UnhedgedPnlVsCost { get; internal init; }
    /// <summary>What the hedge added: <c>NetPnl − UnhedgedPnl</c>.</summary>
    public decimal HedgeBenefit => NetPnl - UnhedgedPnl;

    /// <summary>Whether and how the hedge ended before the end of the scenario.</summary>
    public HedgeExit Exit { get; internal init; }
    /// <summary>True when the hedge was liquidated.</summary>
    public bool Liquidated => Exit == HedgeExit.Liquidated;
    /// <summary>True when the hedge's stop-loss was hit.</summary>
    public bool StoppedOut => Exit == HedgeExit.Stopped;
    /// <summary>The path step (1-based) at which the hedge ended early; null when it did not (0 for a single price move).</summary>
    public int? ExitStep { get; internal init; }
    /// <summary>The price at which the hedge ended early (stop fill or liquidation price); null when it did not.</summary>
    public decimal? ExitPrice { get; internal init; }

    /// <summary>Liquidation price of the hedge (null: none).</summary>
    public decimal? LiquidationPrice { get; internal init; }
    /// <summary>Stop-loss price of the hedge (null: none).</summary>
    public decimal? StopPrice { get; internal init; }
    /// <summary>Isolated margin the hedge tied up (settlement asset).</summary>
    public decimal InitialMargin { get; internal init; }
    /// <summary>The highest price the hedge saw while open (its worst point).</summary>
    public decimal WorstMarkPrice { get; internal init; }
    /// <summary>Unrealized PnL of the hedge at its worst point (settlement asset).</summary>
    public decimal WorstUnrealizedPnl { get; internal init; }
    /// <summary>Margin balance of the hedge at its worst point: <c>InitialMargin + WorstUnrealizedPnl</c>.</summary>
    public decimal MarginBalanceAtWorst => InitialMargin + WorstUnrealizedPnl;
    /// <summary>Maintenance margin at the worst point (<see cref="HedgeMath.Margin.MarginCalc.MaintenanceMargin"/>, settlement asset); null without a hedge.</summary>
    public decimal? MaintenanceMarginAtWorst { get; internal init; }

    /// <summary>One line: the price, hedged and unhedged net PnL and the hedge's fate.</summary>
    /// <returns>A readable summary.</returns>
    public override string ToString()
    {
        string fate = Exit switch
        {
            HedgeExit.Liquidated => FormattableString.Invariant($", hedge LIQUIDATED at {ExitPrice} (step {ExitStep})"),
            HedgeExit.Stopped => FormattableString.Invariant($", hedge stopped at {ExitPrice} (step {ExitStep})"),
            _ => "",
        };
        return FormattableString.Invariant(
            $"at {Price:0.##}: hedged {NetPnl:+#,##0.00;-#,##0.00;0.00} (spot {SpotPnl:+#,##0.00;-#,##0.00;0.00}, futures {FuturesPnl:+#,##0.00;-#,##0.00;0.00}, fees {-Fees:#,##0.00}, funding {Funding:+#,##0.00;-#,##0.00;0.00}) vs unhedged {UnhedgedPnl:+#,##0.00;-#,##0.00;0.00}; ratio {HedgeRatio:0.##} at {Leverage:0.##}x{fate}");
    }
}
