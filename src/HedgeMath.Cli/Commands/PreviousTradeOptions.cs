using System.CommandLine;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// The previous trade's options of every command with the revenge-trading check (one owner): <c>--previous-leverage</c>
/// and <c>--previous-pnl</c> (together), and optionally <c>--previous-quantity</c> and <c>--previous-stop-distance</c>.
/// </summary>
internal sealed class PreviousTradeOptions
{
    public Option<decimal?> Leverage { get; } = Cli.Optional<decimal?>("--previous-leverage",
        "Leverage of your previous hedge (with --previous-pnl: flags leverage, size or stop stepped up after a loss).", null);
    public Option<decimal?> Pnl { get; } = Cli.Optional<decimal?>("--previous-pnl", "Realized PnL of your previous hedge (negative = a loss).", null);
    public Option<decimal?> Quantity { get; } = Cli.Optional<decimal?>("--previous-quantity",
        "Size of your previous hedge in coins of the base asset (after a loss, a larger size is flagged).", null);
    public Option<decimal?> StopDistance { get; } = Cli.Optional<decimal?>("--previous-stop-distance",
        "Your previous hedge's stop distance from its entry as a fraction (0.05 = 5 %; after a loss, a farther or no stop is flagged).", null);

    public IEnumerable<Option> All => [Leverage, Pnl, Quantity, StopDistance];

    /// <summary>The previous trade, or null without <c>--previous-leverage</c>; the other options need it.</summary>
    /// <remarks>Its values are checked by the library (<see cref="HedgeMath.Hedging.HedgePlanOptions.PreviousHedge"/>), whose
    /// errors name <c>PreviousHedge.Leverage</c>, <c>.BaseQuantity</c> or <c>.StopDistance</c>: <see cref="Cli.LibraryNames"/> maps each to its option.</remarks>
    public (decimal Leverage, decimal RealizedPnl, decimal? BaseQuantity, decimal? StopDistance)? Read(ParseResult pr)
    {
        decimal? q = pr.GetValue(Quantity), d = pr.GetValue(StopDistance), pnl = pr.GetValue(Pnl);
        if (pr.GetValue(Leverage) is not { } lev)
        {
            string? alone = pnl is not null ? "--previous-pnl" : q is not null ? "--previous-quantity" : d is not null ? "--previous-stop-distance" : null;
            if (alone is not null) throw new ArgumentException($"{alone} needs --previous-leverage (the previous hedge's leverage).", alone);
            return null;
        }
        if (pnl is not { } p) throw new ArgumentException("--previous-pnl is required with --previous-leverage.", "--previous-pnl");
        return (lev, p, q, d);
    }
}
