using System.CommandLine;
using HedgeMath.Hedging;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// The stop-loss options of a strategy whose hedge is a short (one owner): <c>--stop</c> a price, or
/// <c>--stop-distance</c> a fraction above the hedge's entry; at most one.
/// </summary>
internal sealed class HedgeStopOptions
{
    public Option<decimal?> Price { get; } = Cli.Optional<decimal?>("--stop", "Stop-loss price on the hedge (above its entry: the hedge is a short).", null);
    public Option<decimal?> Distance { get; } = Cli.Optional<decimal?>("--stop-distance", "Stop-loss on the hedge as a fraction above its entry (0.1 = 10 %).", null);

    public IEnumerable<Option> All => [Price, Distance];

    /// <summary>The stop asked for, or null; <paramref name="entry"/> is the hedge's entry (the futures price).</summary>
    public HedgeStop? Read(ParseResult pr, decimal entry)
    {
        decimal? price = pr.GetValue(Price), distance = pr.GetValue(Distance);
        if (price is not null && distance is not null)
            throw new ArgumentException("--stop-distance: give --stop (a price) or --stop-distance (a fraction), not both.", "--stop-distance");
        if (distance is { } d)
        {
            if (d <= 0m || d > 10m) throw new ArgumentException($"--stop-distance must be a fraction in (0, 10] (0.1 = 10 % above the entry); got {d}.", "--stop-distance");
            return HedgeStop.AtPrice(entry * (1m + d));
        }
        return price is { } p ? Cli.About("--stop", () => HedgeStop.AtPrice(p)) : null;
    }
}
