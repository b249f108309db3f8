using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath plan | ladder | rebalance | hedge-ratio</c>: hedge planning commands (no logic: each builds a report from library results).</summary>
internal static partial class HedgingCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return PlanCommand();
        yield return LadderCommand();
        yield return RebalanceCommand();
        yield return HedgeRatioCommand();
    }

    // ---------------------------------------------------------------- parsing shared by the hedging and strategy commands (text → values; no domain logic)
    internal static DateOnly? ParseDate(string? s, string option) =>
        s is null ? null
        : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ArgumentException($"{option} '{s}' must be a date yyyy-MM-dd.", option);

    internal static decimal ParseDecimal(string s, string option) =>
        Cli.TryParseDecimal(s, out var d) ? d
        : throw new ArgumentException($"{option}: '{s}' is not a number.", option);

    // Contract presets are shared with the margin commands (one list of symbols for the whole CLI).
    internal static Contract ParseContract(ParseResult pr, string s) => MarginCommands.Preset(pr, s);

    /// <summary>A signal name checked against the one naming (<see cref="HedgeMath.Signals.SignalNames"/>), the error naming the option.</summary>
    internal static string SignalName(string name, string option) =>
        HedgeMath.Signals.SignalNames.TryParse(name, out _) ? name
        : throw new ArgumentException($"{option} '{name}' is not a signal name; use one of: {string.Join(", ", HedgeMath.Signals.SignalNames.All)}.", option.TrimStart('-'));

    // ---------------------------------------------------------------- rendering shared by the hedging and strategy commands
    /// <summary>An exit price to the tick: a liquidation truncated to it, as the liquidation price is shown (54,780.8 both), a stop fill to the nearest.</summary>
    internal static Shown? ExitPrice(decimal? price, HedgeMath.Engine.HedgeExit exit, Contract contract) =>
        Show.Price(price, contract, exit == HedgeMath.Engine.HedgeExit.Liquidated ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero);

    internal static string ExitName(HedgeMath.Engine.HedgeExit exit) => HedgeMath.Interactive.ResultTables.ExitName(exit);
}
