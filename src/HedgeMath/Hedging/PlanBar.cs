using System.Collections.Immutable;
using HedgeMath.Engine;
using HedgeMath.Internal;
using HedgeMath.Signals;

namespace HedgeMath.Hedging;

/// <summary>One bar as a plan sees it: when it opened, its mark and last prices (a <see cref="PriceBar"/> stamped at its close), the spot close, the funding prints settled in it, the signals and the ATR at its close.</summary>
/// <remarks>Every clock (now, history, live) builds these; <see cref="PlanState.Step"/> is the one place a plan meets a bar. Immutable.</remarks>
public readonly struct PlanBar
{
    private PlanBar(DateTimeOffset opens, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding, SignalSet signals, double atr)
    {
        Opens = opens; Price = price; SpotClose = spotClose; _funding = funding; Signals = signals; Atr = atr;
    }

    /// <summary>Creates a bar.</summary>
    /// <param name="opens">When the bar opened (UTC).</param>
    /// <param name="price">The mark and last prices over the bar, stamped at its close (after <paramref name="opens"/>).</param>
    /// <param name="spotClose">The spot close, &gt; 0 (the holding's value and the conditions' price).</param>
    /// <param name="funding">Funding prints settled in the bar (at their marks); none when default.</param>
    /// <param name="signals">The signals at the close; default: none active.</param>
    /// <param name="atr">The average true range at the close (for ATR stops); NaN when unknown.</param>
    /// <returns>The bar.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The price bar is the default, closes before it opens, or the spot close is not positive.</exception>
    public static PlanBar Create(DateTimeOffset opens, PriceBar price, decimal spotClose, ImmutableArray<FundingPrint> funding = default,
        SignalSet signals = default, double atr = double.NaN)
    {
        if (price.Low <= 0m) Preconditions.ThrowOutOfRange(nameof(price), price.Low, "must have positive prices (default(PriceBar) is not a bar)");
        if (price.Time <= opens) Preconditions.ThrowOutOfRange(nameof(price), price.Time, "must be stamped at the bar's close, after it opens");
        Preconditions.Positive(spotClose);
        return new PlanBar(opens, price, spotClose, funding.IsDefault ? [] : funding, signals, atr);
    }

    /// <summary>When the bar opened.</summary>
    public DateTimeOffset Opens { get; }
    /// <summary>The mark and last prices, stamped at the close.</summary>
    public PriceBar Price { get; }
    /// <summary>The spot close.</summary>
    public decimal SpotClose { get; }
    private readonly ImmutableArray<FundingPrint> _funding;

    /// <summary>The funding prints settled in the bar (none for the default bar).</summary>
    public ImmutableArray<FundingPrint> Funding => _funding.IsDefault ? [] : _funding;
    /// <summary>The signals at the close.</summary>
    public SignalSet Signals { get; }
    /// <summary>The average true range at the close, or NaN.</summary>
    public double Atr { get; }
    /// <summary>The bar's length (close − open).</summary>
    public TimeSpan Interval => Price.Time - Opens;
}
