using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>Funding over a holding window.</summary>
public sealed record FundingTotal
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal FundingTotal(decimal amount, int eventCount, decimal rateSum, string settlementAsset, DateTimeOffset from, DateTimeOffset to)
    {
        Amount = amount;
        EventCount = eventCount;
        RateSum = rateSum;
        SettlementAsset = settlementAsset;
        From = from;
        To = to;
    }

    /// <summary>The total cash flow to the holder (positive = received, negative = paid).</summary>
    public decimal Amount { get; }

    /// <summary>The number of funding events in [From, To).</summary>
    public int EventCount { get; }

    /// <summary>The sum of the rates of those events.</summary>
    public decimal RateSum { get; }

    /// <summary>The asset of <see cref="Amount"/>.</summary>
    public string SettlementAsset { get; }

    /// <summary>The window start (inclusive).</summary>
    public DateTimeOffset From { get; }

    /// <summary>The window end (exclusive).</summary>
    public DateTimeOffset To { get; }
}
