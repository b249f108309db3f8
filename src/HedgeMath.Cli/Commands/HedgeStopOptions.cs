using System.CommandLine;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// The stop-loss options of a strategy's futures leg (one owner): <c>--stop</c> a price, or <c>--stop-distance</c> a
/// fraction of the entry (above it for a short hedge, below it for a long); at most one.
/// </summary>
internal sealed class HedgeStopOptions(bool isLong = false)
{
    public Option<decimal?> Price { get; } = Cli.Optional<decimal?>("--stop", isLong
        ? "Stop-loss price on the long (below its entry)." : "Stop-loss price on the hedge (above its entry: the hedge is a short).", null);
    public Option<decimal?> Distance { get; } = Cli.Optional<decimal?>("--stop-distance", isLong
        ? "Stop-loss on the long as a fraction below its entry (0.1 = 10 %)." : "Stop-loss on the hedge as a fraction above its entry (0.1 = 10 %).", null);

    /// <summary>The stop price asked for, or null: <c>--stop</c>, or the entry moved by <c>--stop-distance</c> against the leg.</summary>
    private decimal? ReadPrice(ParseResult pr, decimal entry)
    {
        var (price, distance) = Read(pr);
        if (distance is { } d) return Cli.About(Distance.Name, () => HedgeMath.Hedging.LegStop.AtDistance(d).PriceFor(isLong ? HedgeMath.Positions.Side.Long : HedgeMath.Positions.Side.Short, entry));
        return price;
    }

    /// <summary>The two options checked: at most one, a distance in range.</summary>
    private (decimal? Price, decimal? Distance) Read(ParseResult pr)
    {
        decimal? price = pr.GetValue(Price), distance = pr.GetValue(Distance);
        if (price is not null && distance is not null)
            throw new ArgumentException("--stop-distance: give --stop (a price) or --stop-distance (a fraction), not both.", "--stop-distance");
        if (distance is { } d)
        {
            // A long's stop stays above 0 (a distance below 1); a short's may be up to 10 entries above.
            decimal max = isLong ? 1m : 10m;
            bool inRange = d > 0m && (isLong ? d < max : d <= max);
            if (!inRange)
                throw new ArgumentException($"--stop-distance must be a fraction in (0, {max}{(isLong ? ")" : "]")} (0.1 = 10 % {(isLong ? "below" : "above")} the entry); got {d}.", "--stop-distance");
        }
        return (price, distance);
    }

    /// <summary>
    /// The stop of a plan leg whose entry is not known yet (a ladder's or a band's short, opened by its rules): <c>--stop</c>
    /// a price, <c>--stop-distance</c> a distance that follows the leg's average entry; null without either.
    /// </summary>
    public HedgeMath.Hedging.LegStop? LegStop(ParseResult pr)
    {
        var (price, distance) = Read(pr);
        if (distance is { } d) return HedgeMath.Hedging.LegStop.AtDistance(d);
        return price is { } p ? Cli.About(Price.Name, () => HedgeMath.Hedging.LegStop.AtPrice(p)) : null;
    }

    public IEnumerable<Option> All => [Price, Distance];

    /// <summary>
    /// <paramref name="plan"/> with the stop asked for (<paramref name="withStop"/> given the stop price), or as it is
    /// without one; an error of <paramref name="withStop"/> names the option given.
    /// </summary>
    public T Apply<T>(ParseResult pr, decimal entry, T plan, Func<T, decimal, T> withStop) =>
        ReadPrice(pr, entry) is { } p ? Cli.About(pr.GetValue(Price) is null ? Distance.Name : Price.Name, () => withStop(plan, p)) : plan;
}
