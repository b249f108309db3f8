using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>The result of <see cref="MarginCalc.MaxLeverageForStop"/>.</summary>
public sealed record StopLeverage
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal StopLeverage(LiquidationRule rule, decimal leverage, decimal exactLeverage, decimal minimumMargin, decimal margin, decimal requiredLiquidationPrice, decimal? liquidationPrice, MarginTier tier)
    {
        Rule = rule;
        Leverage = leverage;
        ExactLeverage = exactLeverage;
        MinimumMargin = minimumMargin;
        Margin = margin;
        RequiredLiquidationPrice = requiredLiquidationPrice;
        LiquidationPrice = liquidationPrice;
        Tier = tier;
    }

    /// <summary>The rule used.</summary>
    public LiquidationRule Rule { get; }

    /// <summary>The highest whole leverage (≥ 1, ≤ the tier's maximum) that keeps liquidation beyond the stop and buffer.</summary>
    public decimal Leverage { get; }

    /// <summary>Entry notional / minimum margin, before whole-number and tier caps.</summary>
    public decimal ExactLeverage { get; }

    /// <summary>The least isolated margin that puts the liquidation price exactly at <see cref="RequiredLiquidationPrice"/>.</summary>
    public decimal MinimumMargin { get; }

    /// <summary>The isolated margin to post at <see cref="Leverage"/>: max(minimum margin, entry notional / leverage).</summary>
    public decimal Margin { get; }

    /// <summary>The stop moved by the safety buffer: the liquidation price must be at or beyond it.</summary>
    public decimal RequiredLiquidationPrice { get; }

    /// <summary>The liquidation price with <see cref="Margin"/> posted (null: none).</summary>
    public decimal? LiquidationPrice { get; }

    /// <summary>The tier the maintenance margin was measured in.</summary>
    public MarginTier Tier { get; }
}
