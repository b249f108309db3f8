using System.CommandLine;
using System.Globalization;
using HedgeMath.Hedging;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// The removal-rule options of a plan's leg (one owner for <c>plan</c> and every strategy command, issue 28 item 3):
/// <c>--remove-below</c>, <c>--remove-above</c>, <c>--remove-after-days</c>, <c>--remove-on-signal</c>. Each becomes a
/// <see cref="PlanRule"/> that takes the leg off for good once its condition holds at a close (<see cref="RuleTrigger.Once"/>).
/// </summary>
internal sealed class RemovalOptions(string what = "the hedge")
{
    public Option<decimal?> Below { get; } = Cli.Optional<decimal?>("--remove-below", $"Removal rule: take {what} off when spot closes at or below this price.", null);
    public Option<decimal?> Above { get; } = Cli.Optional<decimal?>("--remove-above", $"Removal rule: take {what} off when spot closes at or above this price.", null);
    public Option<int?> AfterDays { get; } = Cli.Optional<int?>("--remove-after-days", $"Removal rule: take {what} off after this many days.", null);
    public Option<string?> OnSignal { get; } = Cli.Optional<string?>("--remove-on-signal", $"Removal rule: take {what} off when this signal is active (a name from `hedgemath signals`, e.g. rsi-oversold).", null);

    public IEnumerable<Option> All => [Below, Above, AfterDays, OnSignal];

    /// <summary>The first of the options given, or null.</summary>
    public string? FirstGiven(ParseResult pr) => All.FirstOrDefault(o => pr.GetResult(o) is { Implicit: false })?.Name;

    /// <summary>The rules asked for, in the order of the options above (none when no option is given).</summary>
    public List<PlanRule> Rules(ParseResult pr)
    {
        var rules = new List<PlanRule>();
        static PlanRule Removal(PlanCondition when, FormattableString name) => new(when, RuleAction.Remove(), RuleTrigger.Once, name.ToString(CultureInfo.InvariantCulture));
        if (pr.GetValue(Below) is { } rb) rules.Add(Cli.About(Below.Name, () => Removal(PlanCondition.PriceAtOrBelow(rb), $"remove {what} once spot closes at or below {rb}")));
        if (pr.GetValue(Above) is { } ra) rules.Add(Cli.About(Above.Name, () => Removal(PlanCondition.PriceAtOrAbove(ra), $"remove {what} once spot closes at or above {ra}")));
        if (pr.GetValue(AfterDays) is { } rd)
        {
            if (rd is < 1 or > 36_500) throw new ArgumentException($"--remove-after-days must be in the range [1, 36500]; got {rd}.", "--remove-after-days");
            rules.Add(Removal(PlanCondition.After(TimeSpan.FromDays(rd)), $"remove {what} after {rd} days"));
        }
        if (pr.GetValue(OnSignal) is { } sig)
            rules.Add(Cli.About(OnSignal.Name, () => Removal(PlanCondition.Signal(HedgingCommands.SignalName(sig, "--remove-on-signal")), $"remove {what} once {sig} is active")));
        return rules;
    }
}
