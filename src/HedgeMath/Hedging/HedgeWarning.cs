using System.Collections.Immutable;

namespace HedgeMath.Hedging;

/// <summary>What a <see cref="HedgeWarning"/> is about: a plan as written (1–12) or a bar of the live clock (13, 14).</summary>
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
    /// <summary>The previous hedge lost money and this one is larger (coins of the base asset) than it was: revenge trading (<see cref="HedgePlanOptions.PreviousHedge"/>, its <c>BaseQuantity</c>).</summary>
    SizeRaisedAfterLoss = 11,
    /// <summary>The previous hedge lost money and this one's stop is farther from the entry than its stop was, or this one has none: revenge trading (<see cref="HedgePlanOptions.PreviousHedge"/>, its <c>StopDistance</c>).</summary>
    StopWidenedAfterLoss = 12,
    /// <summary>Live: a leg's stop price came within the warning distance of the close (<c>PlanLiveOptions.WarningDistance</c>); figures "level" (the stop price), "close", "distance" (|level − close| / close).</summary>
    StopNear = 13,
    /// <summary>Live: a leg's liquidation price came within the warning distance of the close; figures "level" (the liquidation price), "close", "distance".</summary>
    LiquidationNear = 14,
}

/// <summary>
/// A risk a careful trader would raise, as data: a code, a message and the numbers behind it — about a plan as written
/// (<see cref="HedgePlan.Warnings"/>, <see cref="PlanDefinition.Warnings"/>, the ladders' and rebalancing's), or about a
/// bar of the live clock (<see cref="HedgeWarningCode.StopNear"/>, <see cref="HedgeWarningCode.LiquidationNear"/>, with
/// <see cref="Time"/> and <see cref="Leg"/>).
/// </summary>
/// <remarks>Immutable and thread-safe. Two warnings are equal when their code, message, figures (in order), time and leg are.</remarks>
public sealed record HedgeWarning
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal HedgeWarning(HedgeWarningCode code, string message, ImmutableArray<KeyValuePair<string, decimal>> figures)
    {
        Code = code;
        Message = message;
        Figures = figures.IsDefault ? [] : figures;
    }

    /// <summary>What the warning is about.</summary>
    public HedgeWarningCode Code { get; }

    /// <summary>A sentence for people.</summary>
    public string Message { get; }

    /// <summary>The numbers behind the warning, in order: each a name (with its unit, e.g. "liquidation price of the combined short") and a value.</summary>
    public ImmutableArray<KeyValuePair<string, decimal>> Figures { get; }

    /// <summary>When: the close time of the bar that raised a live warning (<c>PlanLive</c>); null for a warning about a plan as written.</summary>
    public DateTimeOffset? Time { get; internal init; }

    /// <summary>The plan leg the warning is about (a live warning, a <see cref="PlanDefinition"/> leg's warning); null when it is about no one leg.</summary>
    public int? Leg { get; internal init; }

    /// <summary>The value of the first figure named <paramref name="name"/> (ordinal), or null when the warning has none.</summary>
    /// <param name="name">The figure's name, e.g. "cap", or a live warning's "level", "close", "distance".</param>
    /// <returns>The value, or null.</returns>
    public decimal? Figure(string name)
    {
        foreach (var f in Figures)
            if (string.Equals(f.Key, name, StringComparison.Ordinal)) return f.Value;
        return null;
    }

    /// <inheritdoc />
    public bool Equals(HedgeWarning? other) =>
        other is not null && Code == other.Code && Message == other.Message && Time == other.Time && Leg == other.Leg
        && Figures.AsSpan().SequenceEqual(other.Figures.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Message, Time, Leg, Figures.Length);

    /// <summary>The message.</summary>
    /// <returns><see cref="Message"/>.</returns>
    public override string ToString() => Message;

    /// <summary>One figure.</summary>
    internal static KeyValuePair<string, decimal> Fig(string name, decimal value) => new(name, value);

    /// <summary>
    /// The basis-risk warning of a hedge of <paramref name="asset"/> spot with a contract on another asset, without an
    /// estimate of how well the two move together (<see cref="HedgePlan"/>'s; a <see cref="PlanDefinition"/>'s cross leg,
    /// which adds the leg's index as a figure).
    /// </summary>
    internal static HedgeWarning CrossHedge(string asset, HedgeMath.Positions.Contract contract, decimal hedgeRatio, int? leg = null) =>
        new(HedgeWarningCode.CrossHedgeBasisRisk,
            $"{(leg is { } i ? $"Leg {i}: " : "")}{asset} spot is hedged with {contract.Symbol}: a cross-hedge carries basis risk, and no estimate of how well the two move together was given.",
            leg is { } l ? [Fig("hedge ratio", hedgeRatio), Fig("leg", l)] : [Fig("hedge ratio", hedgeRatio)]) { Leg = leg };

    /// <summary>The basis-risk warning of a rebalancing bucket whose holding of <paramref name="asset"/> (worth <paramref name="value"/>) is hedged with a contract on another asset.</summary>
    internal static HedgeWarning BucketCrossHedge(string asset, decimal value, string bucket, HedgeMath.Positions.Contract contract) =>
        new(HedgeWarningCode.CrossHedgeBasisRisk,
            $"{asset} in '{bucket}' is hedged with {contract.Symbol}: a cross-hedge carries basis risk (measure how much of {asset}'s "
            + "variance it removes with a minimum-variance estimate, HedgeRatio.MinimumVariance or `hedgemath hedge-ratio`; a BTC hedge of an altcoin "
            + "typically removes a third to a half).",
            [Fig($"{asset} value in the bucket (quote asset)", value)]);
}
