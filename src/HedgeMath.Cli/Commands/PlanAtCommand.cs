using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// <c>hedgemath plan at FILE --price P --at X [--days N --funding-rate R]</c>: a saved plan run along the straight path
/// from the price now to each later price (<see cref="PlanHistory.Along"/>) — the strategies' "outcome at a price", for
/// any plan on one asset (issue 28 item 3); a plan over several assets is an error naming <c>FILE</c> and the commands that run
/// it (<c>plan replay</c>, <c>plan watch</c>, <c>plan check</c>).
/// </summary>
internal static class PlanAtCommand
{
    public static Command Create()
    {
        var file = PlanFileCommands.FileArgument();
        var price = Cli.Required<decimal>("--price", "Spot price now: the plan opens its legs at this close.");
        var at = new Option<decimal[]>("--at") { Description = "Later prices to run the plan to, in a straight line (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var days = Cli.Optional("--days", "Holding period in days: the days the straight path takes (funding: one print per 8 h interval of the first leg's contract at the path's price; 0: an instant move).", 0m);
        var rate = Cli.Optional("--funding-rate", "Assumed funding rate per 8 h interval (0.0001 = 0.01 %; positive: longs pay shorts).", 0.0001m);
        var cmd = new Command("at", "Run a saved plan along a straight path from --price to each --at price (over --days, with funding): the outcome at a price, with the plan's rules, stops and liquidation on the way.");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { price, at, days, rate }) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            string path = pr.GetValue(file)!;
            var plan = PlanFiles.Load(path, "FILE");
            // A straight path moves one price (PlanHistory.Along); a plan over several assets runs over each asset's candles.
            if (plan.IsMultiAssetPlan())
                throw new ArgumentException($"FILE '{path}': the plan runs on {string.Join(", ", plan.Assets)}, and plan at moves one price along a straight path; "
                    + $"run a plan over several assets over each asset's candles: plan replay FILE {string.Join(" ", plan.Assets.Select(a => $"--candles {a}=CANDLES"))} (or plan watch, plan check).", "FILE");
            decimal p0 = Cli.Positive(pr.GetValue(price), "--price");
            decimal d = pr.GetValue(days);
            if (d < 0m || d > 36_500m) throw new ArgumentException($"--days must be in [0, 36500]; got {d}.", "--days");
            decimal r = pr.GetValue(rate);
            if (r <= -1m || r >= 1m) throw new ArgumentException($"--funding-rate must be a fraction in (-1, 1); got {r}.", "--funding-rate");
            var terms = d == 0m ? FundingTerms.None : Cli.About("--days", () => FundingTerms.Constant(r, d));
            var prices = pr.GetValue(at) ?? [];
            var c = plan.Legs.IsEmpty ? null : plan.Legs[0].Contract;
            var report = new Report($"Plan {plan.Name}: along a straight path from {Json.Text(Px(p0, c))}");
            AddAlong(report, plan, p0, prices, terms, d == 0m ? "Outcomes (an instant move)" : $"Outcomes after {Json.Text(d)} days at {Json.Text(Show.Percent(r))} per 8 h", "--at");
            return report;
        });
    }

    /// <summary>
    /// A section with the plan run along the straight path from <paramref name="p0"/> to each price (<see cref="PlanHistory.Along"/>):
    /// the one renderer of "the outcome at a price" of a saved plan, for <c>plan at</c> and the strategy commands whose plans carry rules.
    /// </summary>
    internal static void AddAlong(Report report, PlanDefinition plan, decimal p0, IReadOnlyList<decimal> prices, FundingTerms terms, string title, string option)
    {
        var c = plan.Legs.IsEmpty ? null : plan.Legs[0].Contract;
        string quote = c?.QuoteAsset ?? plan.Holdings[0].QuoteAsset;
        var t = report.Section(title)
            .Table(null, "Price", "Spot held", "Spot value and cash", "Hedge PnL", "Fees (open and close)", "Funding", "Net vs now", "Legs");
        foreach (var x in prices)
        {
            var s = Cli.About(option, () => PlanHistory.Along(plan, p0, x, terms));
            decimal pnl = 0m, fees = 0m, funding = 0m, closeFees = 0m;
            var legs = new List<string>();
            for (int i = 0; i < plan.Legs.Length; i++)
            {
                // The leg's figures at the price are BookLeg's (one owner, also the strategies' HedgeOutcome): PnL realized +
                // unrealized, the fee to close what is open, each in the quote asset (an inverse leg's coin at the price).
                var l = s.Book.Legs[i];
                pnl += l.ToQuote(l.PnlAt(x), x);
                fees += l.ToQuote(l.Fees, x); closeFees += l.ToQuote(l.CloseFeeAt(x), x); funding += l.ToQuote(l.Funding, x);
                legs.Add(l.Exit switch
                {
                    HedgeExit.Stopped => $"{i}: stopped at {Json.Text(Px(l.ExitPrice, l.Contract))}",
                    HedgeExit.Liquidated => $"{i}: liquidated at {Json.Text(Px(l.ExitPrice, l.Contract))}",
                    _ => l.Position is { } pos ? $"{i}: {(pos.Side == Side.Long ? "long" : "short")} {Json.Text(Show.Quantity(pos.Quantity, l.Contract))}" : $"{i}: flat",
                });
            }
            t.Row(Px(x, c), Show.Coins(s.SpotQuantity), Show.Money(s.UnhedgedEquity, quote), Show.Money(pnl, quote), Show.Money(fees + closeFees, quote),
                Show.Money(funding, quote), Show.Money(s.Pnl - closeFees, quote), string.Join("; ", legs));
        }
        report.Sections[^1].Note("The plan opens at the price now and runs to each price in a straight line (one bar per funding print, the rules at each close; "
            + "stops and liquidation where the path crosses them): PlanHistory.Along. Hedge PnL = realized + unrealized at the price; fees include closing "
            + "what is open there (taker); funding: positive = received; net vs now = spot value and cash + hedge PnL - fees + funding, against the start.");
    }

    private static Shown? Px(decimal? price, Contract? c) => c is null ? Show.Money(price, "USDT") : Show.Price(price, c);
}
