using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>The result of <see cref="MarginCalc.MaxLeverageForStop"/>.</summary>
public sealed record StopLeverage
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal StopLeverage(LiquidationRule rule, decimal leverage, decimal exactLeverage, decimal minimumMargin, decimal initialMargin, decimal margin, decimal requiredLiquidationPrice, decimal? liquidationPrice, MarginTier tier)
    {
        Rule = rule;
        Leverage = leverage;
        ExactLeverage = exactLeverage;
        MinimumMargin = minimumMargin;
        InitialMargin = initialMargin;
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

    /// <summary>The initial margin at <see cref="Leverage"/>: entry notional / leverage, in the settlement asset
    /// (<see cref="Position.InitialMargin()"/> of the position opened at that leverage).</summary>
    public decimal InitialMargin { get; }

    /// <summary>The isolated margin to post at <see cref="Leverage"/>: max(minimum margin, entry notional / leverage).</summary>
    public decimal Margin { get; }

    /// <summary>The isolated margin to add above the initial margin when even 1x is not enough: <see cref="Margin"/> −
    /// <see cref="InitialMargin"/>, in the settlement asset.</summary>
    /// <remarks>
    /// 0 when the leverage found keeps liquidation beyond the stop with the initial margin alone (the minimum margin is at
    /// or below the initial margin, so <see cref="Margin"/> is the initial margin); above 0 only at 1x, when the stop is
    /// beyond a 1x position's liquidation price (a linear short's stop about 100 % above entry, an inverse long's about
    /// half the entry). Under
    /// <see cref="LiquidationRule.BybitLinearUnified"/> it is the amount to post, <c>(M* − IM)·(1 − side·taker)</c>, which
    /// Bybit counts as <c>M* − IM</c> (see <see cref="MarginCalc.MaxLeverageForStop"/>).
    /// </remarks>
    public decimal ExtraMargin => Margin - InitialMargin;

    /// <summary>The stop moved by the safety buffer: the liquidation price must be at or beyond it.</summary>
    public decimal RequiredLiquidationPrice { get; }

    /// <summary>The liquidation price with <see cref="Margin"/> posted (null: none).</summary>
    public decimal? LiquidationPrice { get; }

    /// <summary>The tier the maintenance margin was measured in.</summary>
    public MarginTier Tier { get; }
}
