using HedgeMath.Internal;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Margin;

/// <summary>Funding payments of perpetual futures: one event, a real series over a holding window, and projections.</summary>
/// <remarks>
/// <para>Payment = position notional at the mark price × funding rate (Binance "Funding Amount = Nominal Value of
/// Positions × Funding Rate", nominal value = mark price × size; COIN-M: size·contract value / mark, in coin).
/// A positive rate means longs pay and shorts receive; a negative rate the reverse.</para>
/// <para>Sign convention of every result here: the cash flow <b>to the position holder</b> in the settlement asset —
/// positive = received, negative = paid. Thread-safe (pure).</para>
/// </remarks>
public static class Funding
{
    /// <summary>The cash flow of one funding event for a side and notional.</summary>
    /// <param name="side">Long or short.</param>
    /// <param name="notional">The position notional at the mark price, in the settlement asset, ≥ 0.</param>
    /// <param name="rate">The funding rate for the interval, a fraction in (−1, 1).</param>
    /// <returns><c>−side · notional · rate</c>: positive when received (e.g. a short at a positive rate).</returns>
    /// <exception cref="ArgumentException">A value breaks its rule.</exception>
    public static decimal Payment(Side side, decimal notional, decimal rate)
    {
        Preconditions.Defined(side);
        Preconditions.NonNegative(notional);
        Preconditions.FundingRate(rate);
        return PaymentOf(side, notional, rate);
    }

    /// <summary><see cref="Payment(Side, decimal, decimal)"/> on values already checked (a position's side and notional, a
    /// <see cref="HedgeMath.Engine.FundingPrint"/>'s rate): the formula alone, for the book's per-bar funding.</summary>
    // |rate| < 1, so |notional · rate| < notional ≤ decimal.MaxValue: the product cannot overflow.
    internal static decimal PaymentOf(Side side, decimal notional, decimal rate) => -side.Sign() * notional * rate;

    /// <summary>The cash flow of one funding event for a position.</summary>
    /// <param name="position">The position.</param>
    /// <param name="markPrice">The mark price at the funding time, &gt; 0.</param>
    /// <param name="rate">The funding rate for the interval, in (−1, 1).</param>
    /// <returns>Positive when received, negative when paid, in the settlement asset (linear: quote; inverse: coin).</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the product overflows decimal.</exception>
    public static decimal Payment(Position position, decimal markPrice, decimal rate)
    {
        Preconditions.NotNull(position);
        return Payment(position.Side, position.Notional(markPrice), rate);
    }

    /// <summary>The funding over a real series for a holding window [from, to), at one mark price.</summary>
    /// <param name="position">The position held through the window.</param>
    /// <param name="events">The funding prints (e.g. from <see cref="FundingEvent.ParseCsv(string)"/>).</param>
    /// <param name="from">The start of the window (inclusive).</param>
    /// <param name="to">The end of the window (exclusive), after <paramref name="from"/>.</param>
    /// <param name="markPrice">The mark price used for every event's notional, &gt; 0.</param>
    /// <returns>The total cash flow and the events counted.</returns>
    /// <exception cref="ArgumentException">An argument breaks its rule or the sum overflows decimal.</exception>
    public static FundingTotal Total(Position position, IReadOnlyList<FundingEvent> events, DateTimeOffset from, DateTimeOffset to, decimal markPrice)
    {
        Preconditions.Positive(markPrice);
        return Total(position, events, from, to, _ => markPrice);
    }

    /// <summary>The funding over a real series for a holding window [from, to), with the mark price at each event.</summary>
    /// <param name="position">The position held through the window.</param>
    /// <param name="events">The funding prints.</param>
    /// <param name="from">The start of the window (inclusive).</param>
    /// <param name="to">The end of the window (exclusive), after <paramref name="from"/>.</param>
    /// <param name="markPriceAt">The mark price at an event time, &gt; 0.</param>
    /// <returns>The total cash flow (positive = received) and the events counted.</returns>
    /// <exception cref="ArgumentException">An argument breaks its rule, a mark is not positive, or the sum overflows decimal.</exception>
    public static FundingTotal Total(Position position, IReadOnlyList<FundingEvent> events, DateTimeOffset from, DateTimeOffset to,
        Func<DateTimeOffset, decimal> markPriceAt)
    {
        Preconditions.NotNull(position);
        Preconditions.NotNull(events);
        Preconditions.NotNull(markPriceAt);
        if (to <= from) Preconditions.ThrowOutOfRange(nameof(to), to, "must be after from");
        decimal amount = 0m, rateSum = 0m;
        int count = 0;
        try
        {
            for (int i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (e.Time < from || e.Time >= to) continue;
                var mark = markPriceAt(e.Time);
                if (mark <= 0m) Preconditions.ThrowOutOfRange(nameof(markPriceAt), mark, $"must return a positive mark price; at {e.Time:O} it did not");
                var flow = position.NotionalAt(mark) * e.Rate;
                amount += position.IsLong ? -flow : flow;
                rateSum += e.Rate;
                count++;
            }
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(position), position, ex); }
        return new FundingTotal(amount, count, rateSum, position.SettlementAsset, from, to);
    }

    /// <summary>Projects funding at an assumed constant rate: per event, per day and per 365-day year.</summary>
    /// <param name="position">The position.</param>
    /// <param name="markPrice">The mark price, &gt; 0.</param>
    /// <param name="ratePerInterval">The assumed rate per funding interval, in (−1, 1).</param>
    /// <returns>Cash flows (positive = received) in the settlement asset, using the contract's funding interval.</returns>
    /// <exception cref="ArgumentException">A value breaks its rule or the result overflows decimal.</exception>
    public static FundingProjection Project(Position position, decimal markPrice, decimal ratePerInterval)
    {
        Preconditions.NotNull(position);
        Preconditions.FundingRate(ratePerInterval);
        var perEvent = Payment(position, markPrice, ratePerInterval);
        decimal eventsPerDay = (decimal)TimeSpan.TicksPerDay / position.Contract.FundingInterval.Ticks;
        try
        {
            var perDay = perEvent * eventsPerDay;
            return new FundingProjection(perEvent, perDay, perDay * 365m, eventsPerDay, position.SettlementAsset);
        }
        catch (OverflowException ex) { Preconditions.ThrowOverflow(nameof(markPrice), markPrice, ex); return null!; }
    }
}
