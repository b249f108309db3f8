using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// <c>hedgemath plan at FILE --price P --at X [--days N --funding-rate R]</c>: a saved plan run along the straight path
/// from the price now to each later price (<see cref="PlanHistory.Along(PlanDefinition, decimal, decimal, FundingTerms?, DateTimeOffset?)"/>) — the strategies' "outcome at a price", for
/// any plan (issue 28 item 3). A plan over several assets takes every asset's price now and its own target
/// (<c>--price SOL=150 --price BTC=60000 --at SOL=120 --at BTC=54000</c>; an asset not given in <c>--at</c> stays at its
/// price), each moving in a straight line over the same days (<see cref="PlanHistory.Along(PlanDefinition, IReadOnlyDictionary{string, decimal}, IReadOnlyDictionary{string, decimal}, FundingTerms?, DateTimeOffset?)"/>).
/// </summary>
internal static class PlanAtCommand
{
    public static Command Create()
    {
        var file = PlanFileCommands.FileArgument();
        var price = new Option<string[]>("--price")
        {
            Description = "Spot price now: the plan opens its legs at this close. A plan over several assets takes every asset's: --price ASSET=P (repeatable, e.g. --price SOL=150 --price BTC=60000).",
            Required = true, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.OneOrMore,
        };
        var at = new Option<string[]>("--at")
        {
            Description = "Later prices to run the plan to, in a straight line (repeatable: one outcome each). A plan over several assets runs to one target per asset: --at ASSET=P (repeatable; an asset not given stays at its --price).",
            Required = true, AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore,
        };
        var days = Cli.Optional("--days", "Holding period in days: the days the straight path takes (funding: one print per 8 h interval of the first leg's contract at the path's price; 0: an instant move).", 0m);
        var rate = Cli.Optional("--funding-rate", "Assumed funding rate per 8 h interval (0.0001 = 0.01 %; positive: longs pay shorts).", 0.0001m);
        var cmd = new Command("at", "Run a saved plan along a straight path from --price to each --at price (over --days, with funding): the outcome at a price, with the plan's rules, stops and liquidation on the way. A plan over several assets moves every asset to its own --at ASSET=P.");
        cmd.Arguments.Add(file);
        foreach (var o in new Option[] { price, at, days, rate }) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            string path = pr.GetValue(file)!;
            var plan = PlanFiles.Load(path, "FILE");
            string[] nows = pr.GetValue(price) ?? [], targets = pr.GetValue(at) ?? [];
            decimal d = pr.GetValue(days);
            if (d < 0m || d > 36_500m) throw new ArgumentException($"--days must be in [0, 36500]; got {d}.", "--days");
            decimal r = pr.GetValue(rate);
            if (r <= -1m || r >= 1m) throw new ArgumentException($"--funding-rate must be a fraction in (-1, 1); got {r}.", "--funding-rate");
            var terms = d == 0m ? FundingTerms.None : Cli.About("--days", () => FundingTerms.Constant(r, d));
            string title = d == 0m ? "Outcomes (an instant move)" : $"Outcomes after {Json.Text(d)} days at {Json.Text(Show.Percent(r))} per 8 h";
            if (plan.IsMultiAssetPlan())
            {
                // Several assets: every asset's price now, one target per asset, one straight path per asset (the history clock).
                var from = AssetPrices(plan, nows, "--price", every: true);
                var to = AssetPrices(plan, targets, "--at", every: false);
                var multi = new Report($"Plan {plan.Name}: along a straight path per asset from {string.Join(", ", plan.Assets.Select(a => $"{a} {Json.Text(AssetPrice(plan, a, from[a]))}"))}");
                AddAlongAssets(multi, plan, from, to, terms, title.Replace("Outcomes", "Outcome", StringComparison.Ordinal));
                return multi;
            }
            if (nows.Length > 1) throw new ArgumentException($"--price: the plan runs on {plan.Asset} only; give one --price.", "--price");
            decimal p0 = Cli.Positive(OnePrice(plan, nows[0], "--price"), "--price");
            var prices = targets.Select(t => OnePrice(plan, t, "--at")).ToArray();
            var c = plan.Legs.IsEmpty ? null : plan.Legs[0].Contract;
            var report = new Report($"Plan {plan.Name}: along a straight path from {Json.Text(Px(p0, c))}");
            AddAlong(report, plan, p0, prices, terms, title, "--at");
            return report;
        });
    }

    /// <summary>A price of a one-asset plan: a number, or <c>ASSET=P</c> naming the plan's asset.</summary>
    private static decimal OnePrice(PlanDefinition plan, string text, string option)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0 && !string.Equals(text[..eq], plan.Asset, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{option} {text}: {text[..eq]} is not the plan's asset ({plan.Asset}).", option);
        return Number(eq > 0 ? text[(eq + 1)..] : text, option);
    }

    /// <summary>
    /// <c>ASSET=P</c> values of a plan over several assets, keyed by the plan's spelling of the asset; a plain number, an
    /// asset the plan does not run on, an asset given twice or (with <paramref name="every"/>) one missing is an error naming
    /// the option and the assets.
    /// </summary>
    private static Dictionary<string, decimal> AssetPrices(PlanDefinition plan, IEnumerable<string> values, string option, bool every)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        string assets = string.Join(", ", plan.Assets);
        foreach (var v in values)
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new ArgumentException($"{option} {v}: the plan runs on {assets}; give a price per asset as {option} ASSET=PRICE ({string.Join(" ", plan.Assets.Select(a => $"{option} {a}=..."))}).", option);
            string asset = plan.Assets.FirstOrDefault(a => string.Equals(a, v[..eq], StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"{option} {v}: {v[..eq]} is not one of the plan's assets ({assets}).", option);
            if (result.ContainsKey(asset))
                throw new ArgumentException($"{option}: {asset} is given twice (one {(every ? "price now" : "target")} per asset{(every ? "" : "; run plan at again for another")}).", option);
            decimal p = Number(v[(eq + 1)..], option);
            if (p <= 0m) throw new ArgumentException($"{option} {v}: the price must be greater than 0.", option);
            result[asset] = p;
        }
        if (every)
            foreach (var a in plan.Assets)
                if (!result.ContainsKey(a)) throw new ArgumentException($"{option}: the plan runs on {assets}; give {option} {a}=PRICE for {a}.", option);
        return result;
    }

    private static decimal Number(string text, string option) =>
        Cli.TryParseDecimal(text, out var v) ? v
        : throw new ArgumentException($"{option} must be a decimal number such as 1.5 or 2e-4 (no thousands separators; the decimal point is '.'); got '{text}'.", option);

    /// <summary>
    /// A section with the plan run along the straight path from <paramref name="p0"/> to each price (<see cref="PlanHistory.Along(PlanDefinition, decimal, decimal, FundingTerms?, DateTimeOffset?)"/>):
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
            var (pnl, fees, closeFees, funding) = s.Book.LegsAt(x);
            var legs = new List<string>();
            for (int i = 0; i < plan.Legs.Length; i++) legs.Add($"{i}: {Ending(s.Book.Legs[i])}");
            t.Row(Px(x, c), Show.Coins(s.SpotQuantity), Show.Money(s.UnhedgedEquity, quote), Show.Money(pnl, quote), Show.Money(fees + closeFees, quote),
                Show.Money(funding, quote), Show.Money(s.Pnl - closeFees, quote), string.Join("; ", legs));
        }
        report.Sections[^1].Note("The plan opens at the price now and runs to each price in a straight line (one bar per funding print, the rules at each close; "
            + "stops and liquidation where the path crosses them): PlanHistory.Along. Hedge PnL = realized + unrealized at the price; fees include closing "
            + "what is open there (taker); funding: positive = received; net vs now = spot value and cash + hedge PnL - fees + funding, against the start.");
    }

    /// <summary>
    /// A plan over several assets run along each asset's straight path (<see cref="PlanHistory.Along(PlanDefinition, IReadOnlyDictionary{string, decimal}, IReadOnlyDictionary{string, decimal}, FundingTerms?, DateTimeOffset?)"/>):
    /// each asset's move and holding, each leg at its own contract's asset's target, the totals, and a cross leg's basis (the hedged asset's move against its contract's).
    /// </summary>
    internal static void AddAlongAssets(Report report, PlanDefinition plan, IReadOnlyDictionary<string, decimal> from, IReadOnlyDictionary<string, decimal> to,
        FundingTerms terms, string title)
    {
        PlanState s;
        try { s = PlanHistory.Along(plan, from, to, terms); }
        catch (ArgumentException e) when (e.ParamName is "from" or "to" or "funding")
        {
            string option = e.ParamName switch { "from" => "--price", "to" => "--at", _ => "--days" };
            throw new ArgumentException($"{option}: {Cli.OneLine(e.Message)}", option, e);
        }
        catch (ArgumentException e) when (e.ParamName is not "FILE") { throw new ArgumentException($"FILE: {Cli.OneLine(e.Message)}", "FILE", e); }
        string quote = plan.Legs.IsEmpty ? plan.Holdings[0].QuoteAsset : plan.Legs[0].Contract.QuoteAsset;
        decimal End(string asset) => to.TryGetValue(asset, out var p) ? p : from[asset];
        decimal Change(string asset) => End(asset) / from[asset] - 1m;
        var sec = report.Section(title);
        var assets = sec.Table("Assets", "asset", "price now", "price at the end", "change", "spot held");
        foreach (var a in plan.Assets)
            assets.Row(a, AssetPrice(plan, a, from[a]), AssetPrice(plan, a, End(a)), Show.Percent(Change(a)), Show.Coins(s.SpotQuantityOf(a)));
        var legs = sec.Table("Legs", "leg", "contract", "hedges", "price at the end", "end", "hedge PnL", "fees (open and close)", "funding");
        for (int i = 0; i < plan.Legs.Length; i++)
        {
            var leg = plan.Legs[i];
            decimal x = End(leg.Contract.BaseAsset);
            var l = s.Book.Legs[i];
            legs.Row(i, leg.Contract.Symbol, leg.Hedges, Show.Price(x, leg.Contract), Ending(l), Show.Money(l.ToQuote(l.PnlAt(x), x), quote),
                Show.Money(l.ToQuote(l.Fees, x) + l.ToQuote(l.CloseFeeAt(x), x), quote), Show.Money(l.ToQuote(l.Funding, x), quote));
        }
        var (pnl, fees, closeFees, funding) = s.Book.LegsAt(plan.Assets.ToDictionary(a => a, End, StringComparer.Ordinal));
        sec.Fact("Spot value and cash", Show.Money(s.UnhedgedEquity, quote), quote)
            .Fact("Hedge PnL", Show.Money(pnl, quote), quote)
            .Fact("Fees (open and close)", Show.Money(fees + closeFees, quote), quote)
            .Fact("Funding", Show.Money(funding, quote), quote)
            .Fact("Net vs now", Show.Money(s.Pnl - closeFees, quote), quote);
        for (int i = 0; i < plan.Legs.Length; i++)
        {
            var leg = plan.Legs[i];
            if (!leg.IsCrossHedge) continue;
            sec.Note($"Basis of leg {i}: it hedges {leg.Hedges} ({Json.Text(Show.Percent(Change(leg.Hedges)))}) on {leg.Contract.Symbol}'s prices "
                + $"({leg.Contract.BaseAsset} {Json.Text(Show.Percent(Change(leg.Contract.BaseAsset)))}): it gains or loses on {leg.Contract.BaseAsset}'s move, not {leg.Hedges}'s.");
        }
        foreach (var w in plan.Warnings.Where(w => w.Code == HedgeWarningCode.CrossHedgeBasisRisk)) sec.Note(w.Message);
        sec.Note("Every asset opens at its price now and moves in a straight line to its target over the same days (one bar per funding print, the rules at each close; "
            + "stops and liquidation where the path crosses them), an asset without --at staying at its price: PlanHistory.Along(plan, from, to) on the history clock. "
            + "Each leg is valued at its own contract's asset's target (hedge PnL = realized + unrealized; fees include closing what is open there, taker; funding: positive = received); "
            + "net vs now = spot value and cash + hedge PnL - fees + funding, against the start.");
    }

    /// <summary>How a leg ended: stopped or liquidated at a price, or what is open (the figures at a price are the library's:
    /// <see cref="HedgeBook.LegsAt(decimal)"/> and <see cref="BookLeg.PnlAt"/>, <see cref="BookLeg.CloseFeeAt"/>, <see cref="BookLeg.ToQuote"/>).</summary>
    private static string Ending(BookLeg l) => l.Exit switch
    {
        HedgeExit.Stopped => $"stopped at {Json.Text(Px(l.ExitPrice, l.Contract))}",
        HedgeExit.Liquidated => $"liquidated at {Json.Text(Px(l.ExitPrice, l.Contract))}",
        _ => l.Position is { } pos ? $"{(pos.Side == Side.Long ? "long" : "short")} {Json.Text(Show.Quantity(pos.Quantity, l.Contract))}" : "flat",
    };

    /// <summary>An asset's price: to its contract's tick when a leg trades it, else money in the quote asset.</summary>
    private static Shown? AssetPrice(PlanDefinition plan, string asset, decimal price) =>
        plan.Legs.FirstOrDefault(l => l.Contract.BaseAsset == asset) is { } leg ? Show.Price(price, leg.Contract) : Show.Money(price, plan.Holdings[0].QuoteAsset);

    private static Shown? Px(decimal? price, Contract? c) => c is null ? Show.Money(price, "USDT") : Show.Price(price, c);
}
