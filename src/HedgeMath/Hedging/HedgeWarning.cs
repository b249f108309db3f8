using System.Collections.Immutable;

namespace HedgeMath.Hedging;

/// <summary>What a <see cref="HedgeWarning"/> is about.</summary>
public enum HedgeWarningCode
{
    /// <summary>The leverage is above the plan's cap (default 5x; beginners are told 3–5x).</summary>
    LeverageAboveCap = 1,
    /// <summary>The liquidation price comes before the stop: the hedge is liquidated before the stop can fire.</summary>
    StopBeyondLiquidation = 2,
    /// <summary>The liquidation price is beyond the stop but within the safety buffer of it (slippage or a wick can liquidate).</summary>
    LiquidationNearStop = 3,
    /// <summary>The hedge ratio is above 1: the hedge is larger than the holding, the book is net short (not raised for a cross-hedge sized by a minimum-variance estimate, where h* above 1 reflects relative volatility).</summary>
    OverHedged = 4,
    /// <summary>The funding paid over the planned holding period eats more than the allowed share of the protection.</summary>
    FundingEatsProtection = 5,
    /// <summary>Spot and futures are different assets: the hedge carries basis risk (the two can move apart).</summary>
    CrossHedgeBasisRisk = 6,
    /// <summary>The plan has no stop-loss on the hedge.</summary>
    NoStop = 7,
    /// <summary>Rounding to the contract's lot step moved the hedge size by more than 1 % of the target.</summary>
    LargeRoundingError = 8,
    /// <summary>The hedge ratio is at or above <see cref="HedgePlanOptions.FullHedgeThreshold"/> (default 1): the whole holding is hedged in one go; the strategy says stage it (start with 25–50 %).</summary>
    FullHedgeAtOnce = 9,
    /// <summary>The previous hedge lost money and this one uses higher leverage than it did: revenge trading (<see cref="HedgePlanOptions.PreviousHedge"/>).</summary>
    LeverageRaisedAfterLoss = 10,
    /// <summary>The previous hedge lost money and this one is larger (coins of the base asset) than it was: revenge trading (<see cref="PreviousTrade.BaseQuantity"/>).</summary>
    SizeRaisedAfterLoss = 11,
    /// <summary>The previous hedge lost money and this one's stop is farther from the entry than its stop was, or this one has none: revenge trading (<see cref="PreviousTrade.StopDistance"/>).</summary>
    StopWidenedAfterLoss = 12,
}

/// <summary>One figure attached to a warning (name and value; the unit is in the name).</summary>
public sealed record WarningFigure
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal WarningFigure(string name, decimal value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>What the number is, with its unit, e.g. "liquidation price (USDT)".</summary>
    public string Name { get; }

    /// <summary>The number.</summary>
    public decimal Value { get; }
}

/// <summary>A risk a careful trader would raise about a plan, as data: a code, a message and the numbers behind it.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record HedgeWarning
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal HedgeWarning(HedgeWarningCode code, string message, ImmutableArray<WarningFigure> figures)
    {
        Code = code;
        Message = message;
        Figures = figures;
    }

    /// <summary>What the warning is about.</summary>
    public HedgeWarningCode Code { get; }

    /// <summary>A sentence for people.</summary>
    public string Message { get; }

    /// <summary>The numbers behind the warning.</summary>
    public ImmutableArray<WarningFigure> Figures { get; }

    /// <summary>
    /// The basis-risk warning of a hedge of <paramref name="asset"/> spot with a contract on another asset, without an
    /// estimate of how well the two move together (<see cref="HedgePlan"/>'s; a <see cref="PlanDefinition"/>'s cross leg,
    /// which adds the leg's index as a figure).
    /// </summary>
    internal static HedgeWarning CrossHedge(string asset, HedgeMath.Positions.Contract contract, decimal hedgeRatio, int? leg = null) =>
        new(HedgeWarningCode.CrossHedgeBasisRisk,
            $"{(leg is { } i ? $"Leg {i}: " : "")}{asset} spot is hedged with {contract.Symbol}: a cross-hedge carries basis risk, and no estimate of how well the two move together was given.",
            leg is { } l ? [new WarningFigure("hedge ratio", hedgeRatio), new WarningFigure("leg", l)] : [new WarningFigure("hedge ratio", hedgeRatio)]);

    /// <summary>The basis-risk warning of a rebalancing bucket whose <paramref name="holding"/> is hedged with a contract on another asset.</summary>
    internal static HedgeWarning BucketCrossHedge(AssetHolding holding, string bucket, HedgeMath.Positions.Contract contract) =>
        new(HedgeWarningCode.CrossHedgeBasisRisk,
            $"{holding.Asset} in '{bucket}' is hedged with {contract.Symbol}: a cross-hedge carries basis risk (measure how much of {holding.Asset}'s "
            + "variance it removes with a minimum-variance estimate, HedgeRatio.MinimumVariance or `hedgemath hedge-ratio`; a BTC hedge of an altcoin "
            + "typically removes a third to a half).",
            [new WarningFigure($"{holding.Asset} value in the bucket (quote asset)", holding.Value)]);
}
