using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>Funding projected at a constant rate.</summary>
public sealed record FundingProjection
{
    // A result: built by the library only, no init setters (docs/conventions.md, "Results").
    internal FundingProjection(decimal perEvent, decimal perDay, decimal perYear, decimal eventsPerDay, string settlementAsset)
    {
        PerEvent = perEvent;
        PerDay = perDay;
        PerYear = perYear;
        EventsPerDay = eventsPerDay;
        SettlementAsset = settlementAsset;
    }

    /// <summary>Cash flow per funding event (positive = received).</summary>
    public decimal PerEvent { get; }

    /// <summary>Cash flow per day.</summary>
    public decimal PerDay { get; }

    /// <summary>Cash flow per 365-day year.</summary>
    public decimal PerYear { get; }

    /// <summary>Funding events per day (3 for an 8 h interval).</summary>
    public decimal EventsPerDay { get; }

    /// <summary>The asset of the amounts.</summary>
    public string SettlementAsset { get; }
}
