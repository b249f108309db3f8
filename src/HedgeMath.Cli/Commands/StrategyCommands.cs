using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath sell-and-hedge | derisk | buyback</c>: the worked strategies with the user's own numbers (no logic: each builds a report from library results).</summary>
internal static class StrategyCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return SellAndHedgeCommand();
        yield return DeRiskCommand();
        yield return BuybackCommand();
    }

    // ---------------------------------------------------------------- shared options: holding and tax lots
    private sealed class HoldingOptions
    {
        public readonly Option<string> Asset;
        public readonly Option<decimal?> Quantity = Cli.Optional<decimal?>("--quantity", "Spot quantity held (or give --lot).", null);
        public readonly Option<decimal?> Cost = Cli.Optional<decimal?>("--cost", "Average cost per unit (default: from --lot, else the price).", null);
        public readonly Option<string[]> Lots = new("--lot") { Description = "A tax lot [ASSET:]ID:QUANTITY:COST[:yyyy-MM-dd] (repeat; the asset, when given, is --asset), e.g. 2021:1:2000 2024:1:3500. Gives the holding when --quantity is omitted.", AllowMultipleArgumentsPerToken = true };
        public readonly Option<string> LotMethod = Cli.Optional("--lot-method", "How a sale picks lots: fifo, hifo or specific (with --sell-lots).", "fifo");
        public readonly Option<string?> SellLots = Cli.Optional<string?>("--sell-lots", "Lot ids to sell from for --lot-method specific, comma-separated, in order.", null);
        public readonly Option<decimal?> TaxRate = Cli.Optional<decimal?>("--tax-rate", "Tax rate on realized gains in [0, 1] (0.25 = 25 %): the flat rate, or the short-term rate with --long-term-rate; with --lot, shows the tax of the sale a hedge replaces.", null);
        public readonly Option<decimal?> LongTermRate = Cli.Optional<decimal?>("--long-term-rate", "Tax rate on gains held longer than --long-term-after-days (with --tax-rate as the short-term rate; lots need dates).", null);
        public readonly Option<int> LongTermDays = Cli.Optional("--long-term-after-days", "Holding period in days after which a gain is long-term.", 365);
        public readonly Option<string?> SaleDate = Cli.Optional<string?>("--sale-date", "Date of the sale, yyyy-MM-dd, for the holding periods (default: today, UTC).", null);

        public HoldingOptions(string defaultAsset) => Asset = Cli.Optional("--asset", "Spot asset held.", defaultAsset);

        public IEnumerable<Option> All => [Asset, Quantity, Cost, Lots, LotMethod, SellLots, TaxRate, LongTermRate, LongTermDays, SaleDate];

        /// <summary>The tax rates and sale date from the options: null without --tax-rate; a flat rate (no date) without --long-term-rate.</summary>
        public (TaxRates Rates, DateOnly? Date)? Tax(ParseResult pr)
        {
            if (pr.GetValue(TaxRate) is not { } rate)
                return pr.GetValue(LongTermRate) is null ? null : throw new ArgumentException("--long-term-rate needs --tax-rate (the short-term rate).", "long-term-rate");
            if (pr.GetValue(LongTermRate) is not { } lt) return (Cli.About("--tax-rate", () => TaxRates.Flat(rate)), null);
            var rates = Cli.About("--long-term-rate", () => TaxRates.Create(rate, lt, pr.GetValue(LongTermDays)));
            return (rates, HedgingCommands.ParseDate(pr.GetValue(SaleDate), "--sale-date") ?? DateOnly.FromDateTime(DateTime.UtcNow));
        }

        /// <summary>The lots; <paramref name="taxNeedsLots"/>: --tax-rate without --lot is an error (the tax is the sale's); false where the rate also taxes the hedge's own profit (derisk).</summary>
        public TaxLots? ParseLots(ParseResult pr, bool taxNeedsLots = true)
        {
            var raw = pr.GetValue(Lots);
            var lots = raw is null || raw.Length == 0 ? null : TaxLots.Create(pr.GetValue(Asset)!, raw.Select(x => ParseLot(x, pr.GetValue(Asset)!)));
            if (pr.GetValue(TaxRate) is { } tax)
            {
                Cli.Fraction(tax, "--tax-rate");
                if (lots is null && taxNeedsLots) throw new ArgumentException("--tax-rate needs --lot: the tax is on the gain of the lots a sale takes.", "--tax-rate");
            }
            return lots;
        }

        public SpotHolding Holding(ParseResult pr, TaxLots? lots, decimal price)
        {
            if (pr.GetValue(Quantity) is { } q) return SpotHolding.Create(pr.GetValue(Asset)!, q, pr.GetValue(Cost) ?? lots?.AverageCost ?? price);
            if (lots is not null) return lots.ToHolding();
            throw new ArgumentException("--quantity is required (or give the holding as --lot ID:QUANTITY:COST).", "quantity");
        }

        public Positions.LotMethod Method(ParseResult pr) => ParseLotMethod(pr.GetValue(LotMethod)!);

        public string[]? Ids(ParseResult pr) => pr.GetValue(SellLots)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    internal static Positions.LotMethod ParseLotMethod(string s) => s.Trim().ToLowerInvariant() switch
    {
        "fifo" => Positions.LotMethod.Fifo,
        "hifo" => Positions.LotMethod.Hifo,
        "specific" or "specific-id" => Positions.LotMethod.Specific,
        _ => throw new ArgumentException($"--lot-method '{s}' must be fifo, hifo or specific.", "lot-method"),
    };

    /// <summary>The one syntax of a <c>--lot</c> value, in every command that takes one.</summary>
    internal const string LotSyntax = "[ASSET:]ID:QUANTITY:COST[:yyyy-MM-dd]";

    /// <summary>
    /// One <c>--lot</c> value, <see cref="LotSyntax"/> (the one parser of <c>sell-and-hedge</c>, <c>derisk</c> and
    /// <c>rebalance</c>): three fields are ID:QUANTITY:COST; five add the asset before and the acquisition date after; four
    /// are ID:QUANTITY:COST:DATE when the last is a date (it has a '-' after its first character), else ASSET:ID:QUANTITY:COST.
    /// </summary>
    internal static (string? Asset, TaxLot Lot) ParseLotValue(string s)
    {
        var p = s.Split(':');
        if (p.Length is < 3 or > 5) throw new ArgumentException($"--lot '{s}' must be {LotSyntax} (e.g. 2021:1:2000 or BTC:2021:1:2000:2021-03-01).", "lot");
        bool dated = p.Length == 5 || (p.Length == 4 && p[3].IndexOf('-', 1) > 0);
        string? asset = p.Length == 5 || (p.Length == 4 && !dated) ? p[0] : null;
        if (asset is not null && (asset.Length == 0 || !asset.All(char.IsAsciiLetterOrDigit)))
            throw new ArgumentException($"--lot '{s}': '{asset}' is not an asset (letters and digits, e.g. BTC); the syntax is {LotSyntax}.", "lot");
        int o = asset is null ? 0 : 1;
        DateOnly? date = null;
        if (dated)
            date = DateOnly.TryParseExact(p[^1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                : throw new ArgumentException($"--lot '{s}': '{p[^1]}' is not a date yyyy-MM-dd.", "lot");
        return (asset, new TaxLot(p[o], HedgingCommands.ParseDecimal(p[o + 1], "--lot"), HedgingCommands.ParseDecimal(p[o + 2], "--lot"), date));
    }

    /// <summary>A <c>--lot</c> of the command's <c>--asset</c> (<see cref="ParseLotValue"/>; an asset given must be that one).</summary>
    internal static TaxLot ParseLot(string s, string asset)
    {
        var (a, lot) = ParseLotValue(s);
        if (a is not null && !string.Equals(a, asset, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--lot '{s}' is a lot of {a}, not of --asset {asset}.", "lot");
        return lot;
    }

    internal static void AddLotSale(Report report, string title, LotSale sale, (TaxRates Rates, DateOnly? Date)? tax)
    {
        var sec = report.Section(title)
            .Fact("Sold", $"{Json.Text(sale.Quantity)} {sale.Asset} @ {Json.Text(sale.Price)}")
            .Fact("Lot method", sale.Method.ToString())
            .Fact("Proceeds", sale.Proceeds, "USDT").Fact("Spot fee", sale.Fee, "USDT")
            .Fact("Cost basis of the lots sold", sale.CostBasis, "USDT")
            .Fact("Realized gain", sale.RealizedGain, "USDT");
        if (tax is { Date: { } d } dated)
        {
            var r = dated.Rates;
            sec.Fact("Short-term gain", sale.GainOfClass(r, d, false), "USDT").Fact("Long-term gain", sale.GainOfClass(r, d, true), "USDT")
                .Fact($"Tax (short-term {r.ShortTermRate:P1}, long-term {r.LongTermRate:P1} after {r.LongTermAfterDays} days)", sale.TaxAt(r, d), "USDT");
        }
        else if (tax is { } flat) sec.Fact($"Tax at {flat.Rates.ShortTermRate:P1}", sale.TaxAt(flat.Rates.ShortTermRate), "USDT");
        var t = sec.Table(null, "Lot", "Acquired", "Quantity", "Cost per unit", "Proceeds", "Cost", "Fee share", "Gain after fee", "Held days", "Term");
        foreach (var p in sale.Pieces)
        {
            int? held = tax?.Date is { } sd ? TaxRates.HeldDays(p.Acquired, sd) : null;
            string term = tax is { Date: { } sd2 } x ? (x.Rates.IsLongTerm(p.Acquired, sd2) ? "long" : "short") : "-";
            t.Row(p.LotId, p.Acquired, Show.Coins(p.Quantity), M(p.CostPerUnit), M(p.Proceeds), M(p.Cost), M(p.Fee), M(p.GainAfterFee), held, term);
        }
        sec.Note("Gain after fee = proceeds - this lot's share of the spot fee - cost: the lots add up to the realized gain.");
        if (tax is not null) sec.Note("Tax rules vary by country (holding periods, rates, loss offsets, how futures and funding are taxed): a simple model, check your own.");
    }

    internal static void AddHedgeVersusSale(Report report, string title, HedgeVersusSale v)
    {
        AddLotSale(report, title + ": the sale it replaces", v.Sale, (v.Rates, v.SaleDate));
        report.Section(title + ": hedge instead of the sale")
            .Fact("Tax due now on the sale", v.Tax, "USDT")
            .Fact("Hedge fees (open + close)", v.HedgeFees, "USDT")
            .Fact($"Hedge funding over {v.HoldingPeriodDays} days", v.HedgeFunding, "USDT")
            .Fact("Hedge cash cost (fees - funding)", v.HedgeCost, "USDT")
            .Fact($"Tax on the funding received ({v.Rates.ShortTermRate:P1})", v.TaxOnFunding, "USDT")
            .Fact("Hedge cost after tax", v.HedgeCostAfterTax, "USDT")
            .Fact("Margin at risk (initial margin)", v.MarginAtRisk, "USDT")
            .Fact("Tax minus hedge cost after tax", v.TaxMinusHedgeCost, "USDT")
            .Note("Positive: hedging costs less now than the tax on selling. The tax is deferred, not avoided: a later sale realizes the gain then.")
            .Note($"A hedge is not tax-free: a profitable close is itself taxable in most jurisdictions (here at the short-term rate, {v.Rates.ShortTermRate:P1} of the profit), and so is funding received.")
            .Note("Funding: positive = received (a positive rate: longs pay shorts, so a short hedge receives).");
    }

    /// <summary>Money in the quote asset (USDT), shown to the cent in text (the CLI's one formatting rule, <see cref="Show"/>).</summary>
    private static Shown? M(decimal? amount) => Show.Money(amount, "USDT");

    internal static HedgeVersusSale Versus(HedgePlan plan, TaxLots lots, Positions.LotMethod method, (TaxRates Rates, DateOnly? Date) tax, string[]? ids, decimal spotFee) =>
        tax.Date is { } d ? HedgeVersusSale.For(plan, lots, method, tax.Rates, d, ids, spotFee)
            : HedgeVersusSale.For(plan, lots, method, tax.Rates.ShortTermRate, ids, spotFee);

    private static HedgePlanOptions PlanOptions(ParseResult pr, Option<decimal> rate, Option<int> days, PreviousTradeOptions previous) => new()
    {
        FundingRatePerInterval = pr.GetValue(rate),
        HoldingPeriodDays = pr.GetValue(days),
        PreviousHedge = previous.Read(pr),
    };

    // The funding over the holding period the outcome tables run with (--funding-rate per 8 h, --days).
    private static FundingTerms Terms(ParseResult pr, Option<decimal> rate, Option<int> days) =>
        Cli.About("--days", () => FundingTerms.Constant(pr.GetValue(rate), pr.GetValue(days)));

    /// <summary>
    /// With removal rules (<see cref="RemovalOptions"/>) the strategy's outcome tables (its calculator: no rules) are followed
    /// by its plan, rules included, run along the same straight paths (<see cref="PlanAtCommand.AddAlong"/>); the rules go
    /// into the document <c>--save</c> writes either way.
    /// </summary>
    private static void WithRulesAlong(Report report, ParseResult pr, PlanDefinition plan, List<PlanRule> rules, decimal now, IReadOnlyList<decimal> prices,
        Option<decimal> rate, Option<int> days, string option)
    {
        if (rules.Count == 0) return;
        if (prices.Count == 0)
        {
            report.Section("Removal rules").Note($"{rules.Count} removal rule(s) in the plan (see its stop section); give later prices to see them along a path, or `hedgemath plan at FILE` on the plan --save writes.");
            return;
        }
        PlanAtCommand.AddAlong(report, plan, now, prices, Terms(pr, rate, days),
            $"With the removal rules: the plan along a straight path over {pr.GetValue(days)} days", option);
    }

    private static Option<decimal> Rate() => Cli.Optional("--funding-rate", "Assumed funding rate per 8 h interval (0.0001 = 0.01 %; positive: longs pay shorts).", 0.0001m);
    private static Option<int> Days() => Cli.Optional("--days", "Holding period in days (funding).", 30);

    // ---------------------------------------------------------------- sell-and-hedge
    private static Command SellAndHedgeCommand()
    {
        var h = new HoldingOptions("ETH");
        var price = Cli.Required<decimal>("--price", "Spot price now: the sale price and the hedge's entry.");
        var sell = Cli.Required<decimal>("--sell", "Spot quantity to sell now (part of the holding).");
        var ratio = Cli.Optional("--ratio", "Hedge ratio on the remaining holding.", 1m);
        var leverage = Cli.Optional("--leverage", "Leverage of the short hedge.", 5m);
        var symbol = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (BTCUSDT, ETHUSDT, BTCUSD COIN-M, …; list: hedgemath contracts).", "ETHUSDT");
        var spotFee = Cli.Optional("--spot-fee", "Spot fee rate (fraction): the sale now and the sale a hedge replaces.", 0.001m);
        var at = new Option<decimal[]>("--at") { Description = "Later prices to evaluate (repeatable).", AllowMultipleArgumentsPerToken = true };
        var rate = Rate(); var days = Days(); var prev = new PreviousTradeOptions();
        var cmd = new Command("sell-and-hedge", "Sell part of a holding now and hedge the rest with a futures short: the sale's realized gain (by lot, with tax), the hedge, and the outcome at later prices.");
        var save = PlanFiles.SaveOption(); var stops = new HedgeStopOptions(); var removal = new RemovalOptions();
        foreach (var o in h.All.Concat([price, sell, ratio, leverage, symbol, spotFee, at, rate, days, save]).Concat(prev.All).Concat(stops.All).Concat(removal.All)) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            var lots = h.ParseLots(pr);
            decimal p = Cli.Positive(pr.GetValue(price), "--price");
            var holding = h.Holding(pr, lots, p);
            var plan = SellAndHedgePlan.Create(holding, pr.GetValue(sell), pr.GetValue(ratio), HedgingCommands.ParseContract(pr, pr.GetValue(symbol)!),
                pr.GetValue(leverage), p, PlanOptions(pr, rate, days, prev), pr.GetValue(spotFee));
            plan = stops.Apply(pr, plan.Hedge.FuturesPrice, plan, (x, sp) => x.WithStop(LegStop.AtPrice(sp)));
            var report = new Report($"Sell {plan.SoldQuantity} of {holding.Quantity} {holding.Asset} at {p} and hedge the rest {plan.Hedge.HedgeRatio} with {plan.Hedge.Contract.Symbol} at {plan.Hedge.Leverage}x");
            report.Section("Sale now")
                .Fact("Sold", plan.SoldQuantity, holding.Asset).Fact("Proceeds", plan.SaleProceeds, "USDT").Fact("Spot fee", plan.SaleFee, "USDT")
                .Fact("Realized vs average cost", plan.RealizedOnSale, "USDT");
            LotSale? sale = null;
            if (lots is not null)
            {
                sale = lots.Sell(plan.SoldQuantity, p, h.Method(pr), h.Ids(pr), pr.GetValue(spotFee));
                AddLotSale(report, "Sale now, by lot", sale, h.Tax(pr));
            }
            var rules = removal.Rules(pr);
            HedgingCommands.AddPlan(report, plan.Hedge, rules);
            var prices = pr.GetValue(at) ?? [];
            if (prices.Length > 0)
            {
                var terms = Terms(pr, rate, days);
                var t = report.Section("Outcomes (futures price = spot price)").Table(null,
                    "Price", "Realized on sale", "Remaining spot vs cost", "Hedge PnL", "Total vs cost", "Remaining spot vs decision", "Net vs decision", "Hedge fees",
                    "Hedge funding", "Hedge net", "Total vs cost after fees and funding", "Do nothing vs cost");
                foreach (var x in prices)
                {
                    var o = Cli.About("--at", () => plan.OutcomeAt(x, null, terms));
                    t.Row(Show.Price(x, plan.Hedge.Contract), M(o.RealizedOnSale), M(o.SpotPnlVsCost), M(o.FuturesPnl), M(o.TotalVsCostBeforeFees), M(o.SpotPnlVsDecision), M(o.NetVsDecisionBeforeFees),
                        M(o.Fees), M(o.Funding), M(o.HedgeNet), M(o.TotalVsCost), M(holding.UnrealizedPnl(x)));
                }
                report.Sections[^1].Note("Total vs cost = realized on the sale + remaining spot vs cost + hedge PnL, before the hedge's fees. Do nothing = the whole holding unhedged.")
                    .Note($"Over {pr.GetValue(days)} days at a funding rate of {pr.GetValue(rate)} per 8 h (--days, --funding-rate), the price moving in a straight line: "
                        + "hedge net = hedge PnL - fees + funding (a short receives at a positive rate); the total after fees and funding adds it to the sale and the remaining spot.");
            }
            if (lots is not null && sale?.Remaining is { } rest && h.Tax(pr) is { } tax)
                AddHedgeVersusSale(report, "Hedged remainder", Versus(plan.Hedge, rest, h.Method(pr), tax, null, pr.GetValue(spotFee)));
            var definition = PlanDefinition.FromHedgePlan(plan.Hedge, rules, PlanReentry.StayFlat, stopFollowsEntry: false);
            WithRulesAlong(report, pr, definition, rules, p, prices, rate, days, "--at");
            PlanFiles.SaveIfAsked(pr, save, () => definition, report);
            return report;
        });
    }

    // ---------------------------------------------------------------- derisk
    private static Command DeRiskCommand()
    {
        var h = new HoldingOptions("BTC");
        var cash = Cli.Optional("--cash", "Stablecoins held (quote asset).", 0m);
        var price = Cli.Required<decimal>("--price", "Spot price now.");
        var target = Cli.Required<decimal>("--target-weight", "Crypto weight wanted, below the current one (0.6 = 60 %).");
        var leverage = Cli.Optional("--leverage", "Leverage of the short hedge.", 2m);
        var symbol = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (BTCUSDT, ETHUSDT, BTCUSD COIN-M, …; list: hedgemath contracts).", "BTCUSDT");
        var spotFee = Cli.Optional("--spot-fee", "Spot fee rate (fraction).", 0.001m);
        var fall = Cli.Optional<decimal?>("--fall-to", "Price if the market drops: close the hedge at a profit.", null);
        var rise = Cli.Optional<decimal?>("--rise-to", "Price if the market rises: close the hedge at a loss and sell spot higher.", null);
        var rate = Rate(); var days = Days(); var prev = new PreviousTradeOptions();
        var cmd = new Command("derisk", "Hedge and sell: bring the crypto weight down to a target with a short now, then take the hedge profit after a fall or sell spot higher after a rise; compared with selling now, with the tax of the sale.");
        var save = PlanFiles.SaveOption(); var stops = new HedgeStopOptions(); var removal = new RemovalOptions();
        foreach (var o in h.All.Concat([cash, price, target, leverage, symbol, spotFee, fall, rise, rate, days, save]).Concat(prev.All).Concat(stops.All).Concat(removal.All)) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            var lots = h.ParseLots(pr, taxNeedsLots: false);
            decimal p = Cli.Positive(pr.GetValue(price), "--price");
            var holding = h.Holding(pr, lots, p);
            var plan = DeRiskPlan.Create(holding, pr.GetValue(cash), pr.GetValue(target), HedgingCommands.ParseContract(pr, pr.GetValue(symbol)!),
                pr.GetValue(leverage), p, PlanOptions(pr, rate, days, prev), pr.GetValue(spotFee));
            plan = stops.Apply(pr, plan.Hedge.FuturesPrice, plan, (x, sp) => x.WithStop(LegStop.AtPrice(sp)));
            var report = new Report($"De-risk {holding.Quantity} {holding.Asset} + {plan.Cash} USDT from {plan.CryptoWeight:P1} to {plan.TargetCryptoWeight:P1} crypto");
            report.Section("Weights")
                .Fact("Crypto value", plan.CryptoValue, "USDT").Fact("Portfolio value", plan.PortfolioValue, "USDT")
                .Fact("Crypto weight now", Show.Percent(plan.CryptoWeight)).Fact("Target weight", Show.Percent(plan.TargetCryptoWeight))
                .Fact("Exposure to remove", plan.ExposureToRemove, "USDT")
                .Fact("Hedge ratio on the holding", Show.Percent(plan.Hedge.HedgeRatio))
                .Fact("Effective crypto weight after the hedge", Show.Percent(plan.EffectiveCryptoWeight))
                .Fact("Weight if shorting (weight - target) of the holding instead", Show.Percent(plan.WeightIfFractionOfHolding))
                .Note("The points to remove are of the portfolio: shorting that fraction of the holding removes less (80 % → 64 %, not 60 %).");
            var rules = removal.Rules(pr);
            HedgingCommands.AddPlan(report, plan.Hedge, rules);
            var taxRates = h.Tax(pr)?.Rates;
            string[] columns = ["Ending", "Exit price", "Hedge PnL", "Hedge fees", "Hedge funding", "Spot sold", "Effective sale price", "Final value", "Crypto weight reached", "Sale to reach target", "Sell-now value", "Difference"];
            var t = report.Section("Endings, against selling now").Table(null, taxRates is null ? columns : [.. columns, "Tax on hedge gain", "Final value after that tax"]);
            var terms = Terms(pr, rate, days);
            if (pr.GetValue(fall) is { } f) Row(t, plan.IfPriceFalls(f, taxRates, terms), plan.Hedge.Contract);
            if (pr.GetValue(rise) is { } r) Row(t, plan.IfPriceRises(r, taxRates, terms), plan.Hedge.Contract);
            report.Sections[^1].Note($"Selling now instead: {Json.Text(Show.Coins(plan.HedgedCoins))} {holding.Asset} at {Json.Text(Show.Price(p, plan.Hedge.Contract))} (fee {Json.Text(M(plan.SellNowFee))} USDT).")
                .Note($"The hedge held {pr.GetValue(days)} days at a funding rate of {pr.GetValue(rate)} per 8 h (--days, --funding-rate), the price moving in a straight line to the exit: "
                    + "its funding (a short receives at a positive rate) is in the final value and the effective sale price.")
                .Note("After a fall the closed hedge leaves every coin: the crypto weight is back above the target, and buying back lower with the profit "
                    + "would raise it further. Reaching the target still takes the sale shown (at the exit price, with the spot fee).");
            if (taxRates is not null)
                report.Sections[^1].Note($"Tax on hedge gain = {taxRates.ShortTermRate:P1} (the short-term rate) of the hedge's profit after its fees and funding; a loss owes nothing here. "
                    + "The spot sales (the rise ending's and the sell-now one) realize taxable gains too, by lot: see the comparison with --lot. Tax rules vary by country.");
            if (lots is not null && h.Tax(pr) is { } tax)
                AddHedgeVersusSale(report, "Hedge", Versus(plan.Hedge, lots, h.Method(pr), tax, h.Ids(pr), pr.GetValue(spotFee)));
            var definition = PlanDefinition.FromHedgePlan(plan.Hedge, rules, PlanReentry.StayFlat, stopFollowsEntry: false);
            decimal[] endings = [.. new[] { pr.GetValue(fall), pr.GetValue(rise) }.Where(x => x is not null).Select(x => x!.Value)];
            WithRulesAlong(report, pr, definition, rules, p, endings, rate, days, "--fall-to");
            PlanFiles.SaveIfAsked(pr, save, () => definition, report);
            return report;
        });

        // Spot quantities to the coin's precision (8 places: a spot sale has no futures lot step), prices to the contract's tick.
        static void Row(ReportTable t, DeRiskExit x, Contract c)
        {
            object?[] cells = [x.PriceRose ? "PriceRose" : "PriceFell", Show.Price(x.ExitPrice, c), M(x.HedgePnl), M(x.HedgeFees), M(x.HedgeFunding), Show.Coins(x.SpotSold),
                M(x.EffectiveSalePrice), M(x.FinalValue), Show.Percent(x.CryptoWeight), Show.Coins(x.SaleToReachTarget), M(x.SellNowFinalValue), M(x.VersusSellNow)];
            t.Row(x.TaxRates is null ? cells : [.. cells, M(x.TaxOnHedgeGain), M(x.FinalValueAfterHedgeTax)]);
        }
    }

    // ---------------------------------------------------------------- buyback
    private static Command BuybackCommand()
    {
        var asset = Cli.Optional("--asset", "Spot asset held.", "ETH");
        var qty = Cli.Required<decimal>("--quantity", "Spot quantity held.");
        var cost = Cli.Optional<decimal?>("--cost", "Average cost (default: the price).", null);
        var target = Cli.Required<decimal>("--target-quantity", "Exposure wanted in coins, above the holding (hold 10, want 12).");
        var price = Cli.Required<decimal>("--price", "Price now (the dip).");
        var leverage = Cli.Optional("--leverage", "Leverage of the long.", 3m);
        var symbol = Cli.Optional("--symbol", "Linear futures contract in the catalog on --exchange (BTCUSDT, ETHUSDT, …; list: hedgemath contracts).", "ETHUSDT");
        var at = new Option<decimal[]>("--at") { Description = "Later prices (repeatable), e.g. the recovery.", AllowMultipleArgumentsPerToken = true };
        var rate = Rate(); var days = Days(); var prev = new PreviousTradeOptions();
        var cmd = new Command("buyback", "Leverage-assisted buy-back: a long future tops the exposure up to the target; margin, liquidation, funding, and what its profit really buys at later prices.");
        var save = PlanFiles.SaveOption(); var stops = new HedgeStopOptions(isLong: true); var removal = new RemovalOptions("the long");
        foreach (var o in new Option[] { asset, qty, cost, target, price, leverage, symbol, at, rate, days, save }.Concat(prev.All).Concat(stops.All).Concat(removal.All)) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            decimal p = Cli.Positive(pr.GetValue(price), "--price");
            var plan = LeveragedExposurePlan.Create(SpotHolding.Create(pr.GetValue(asset)!, pr.GetValue(qty), pr.GetValue(cost) ?? p), pr.GetValue(target),
                HedgingCommands.ParseContract(pr, pr.GetValue(symbol)!), pr.GetValue(leverage), p, PlanOptions(pr, rate, days, prev));
            plan = stops.Apply(pr, p, plan, (x, sp) => x.WithStop(sp));
            var report = new Report($"Buy-back: hold {plan.Holding.Quantity} {plan.Holding.Asset}, want {plan.TargetExposure} of exposure at {Show.Text(Show.Price(p, plan.Position.Contract)!.Value)}");
            report.Section("Long futures")
                .Fact("Long", plan.FuturesCoins, plan.Holding.Asset).Fact("Long contracts", Show.Quantity(plan.FuturesQuantity, plan.Position.Contract), "contracts")
                .Fact("Total exposure", plan.TotalExposure, plan.Holding.Asset)
                .Fact("Notional", plan.Notional, "USDT").Fact("Initial margin", plan.InitialMargin, "USDT")
                .Fact("Liquidation price", Show.Price(plan.LiquidationPrice, plan.Position.Contract, MidpointRounding.ToZero))
                .Fact("Stop price", plan.StopPrice is { } stopAt ? Show.Price(stopAt, plan.Position.Contract) : "none")
                .Fact("Fee to open", plan.OpenFee, "USDT")
                .Fact("Funding per day", plan.FundingPerDay, "USDT").Fact("Funding per 30 days", plan.FundingPer30Days, "USDT")
                .Note("Funding: a long pays at a positive rate.");
            var w = report.Section("Warnings");
            if (plan.Warnings.IsEmpty) w.Note("none");
            var wt = w.Table(null, "Code", "Message");
            foreach (var x in plan.Warnings) wt.Row(x.Code.ToString(), x.Message);
            var prices = pr.GetValue(at) ?? [];
            if (prices.Length > 0)
            {
                var terms = Terms(pr, rate, days);
                var t = report.Section("Outcomes").Table(null,
                    "Price", "Spot PnL", "Futures PnL", "Fees", "Funding", "Net", "Exit", "Coins the futures profit buys", "Cash to turn the long into spot");
                foreach (var x in prices)
                {
                    var o = Cli.About("--at", () => plan.OutcomeAt(x, terms));
                    t.Row(Show.Price(x, plan.Position.Contract), M(o.SpotPnlVsDecision), M(o.FuturesPnl), M(o.Fees), M(o.Funding), M(o.NetVsDecision), HedgingCommands.ExitName(o.Exit),
                        Show.Coins(o.CoinsBuyableWithProfit), M(o.CashToBuySpot));
                }
                report.Sections[^1].Note($"After {pr.GetValue(days)} days at a funding rate of {pr.GetValue(rate)} per 8 h (--days, --funding-rate), the price moving in a straight line. "
                    + "Net = spot PnL + futures PnL - fees + funding (a long pays at a positive rate). "
                    + "Coins the profit buys = (futures PnL - fees + funding) / price: a 10 % recovery on a 2-coin long buys about 0.18 coins, not 2. "
                    + "Cash to turn the long into spot = its coins × price - its own result: owning the coins means paying for them.");
            }
            var rules = removal.Rules(pr);
            var definition = PlanDefinition.FromLeveragedExposure(plan).WithRules(rules);
            WithRulesAlong(report, pr, definition, rules, p, prices, rate, days, "--at");
            PlanFiles.SaveIfAsked(pr, save, () => definition, report);
            return report;
        });
    }
}
