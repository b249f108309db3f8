using HedgeMath.Internal;
using HedgeMath.Market;

namespace HedgeMath.Engine;

/// <summary>A funding print: the rate of one funding interval, settled at a time with that time's mark price.</summary>
/// <remarks>Positive rate: longs pay shorts. Immutable and thread-safe.</remarks>
public readonly struct FundingPrint
{
    /// <summary>Creates a validated print.</summary>
    /// <param name="time">The settlement time.</param>
    /// <param name="rate">The rate for the interval, in (−1, 1).</param>
    /// <param name="markPrice">The mark price at that time (&gt; 0): the notional the payment is taken on.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside (−1, 1) or the mark is not positive.</exception>
    public FundingPrint(DateTimeOffset time, decimal rate, decimal markPrice)
    {
        Preconditions.FundingRate(rate);
        Preconditions.Positive(markPrice);
        Time = time; Rate = rate; MarkPrice = markPrice;
    }

    /// <summary>A bar's funding as one print at the bar's opening mark price (the plan clocks' rule: the rate summed
    /// over the bar settles on the notional at the open).</summary>
    internal static FundingPrint AtOpen(DateTimeOffset time, decimal rate, in Candle mark) => new(time, rate, mark.Open);

    /// <summary>The settlement time.</summary>
    public DateTimeOffset Time { get; }
    /// <summary>The funding rate of the interval (positive: longs pay shorts).</summary>
    public decimal Rate { get; }
    /// <summary>The mark price at the settlement time.</summary>
    public decimal MarkPrice { get; }
}
