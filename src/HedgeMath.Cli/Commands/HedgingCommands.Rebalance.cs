using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath rebalance</c>: its options and handler, its parsing, its rendering.</summary>
internal static partial class HedgingCommands
{
    // ---------------------------------------------------------------- rebalance: options and handler
    private static Command RebalanceCommand()
    {
        var targets = new Option<string[]>("--bucket") { Description = "A bucket and its target weight, name=weight, with :cash for a stable-value bucket, e.g. core=0.6 satellite=0.2 buffer=0.2:cash (repeat).", Required = true, AllowMultipleArgumentsPerToken = true };
        var holdings = new Option<string[]>("--holding") { Description = "A holding asset:bucket:quantity:price, e.g. BTC:core:0.5:100000 (repeat).", Required = true, AllowMultipleArgumentsPerToken = true };
        var band = Cli.Optional("--band", "Tolerance band: absolute drift per bucket before it counts as outside (0.05 = ±5 pp).", 0.05m);
        var ffee = Cli.Optional("--futures-fee", "Futures fee rate per side (fraction of notional).", 0.0005m);
        var sfee = Cli.Optional("--spot-fee", "Spot fee rate (fraction of traded value).", 0.001m);
        var hedge = Cli.Optional<string?>("--hedge", "Also size \"hedge X %\" of a bucket both ways: bucket=fraction, e.g. core=0.2.", null);
        var instruments = new Option<string[]>("--instrument") { Description = "The contract a bucket is hedged with: bucket=SYMBOL@FUTURESPRICE, e.g. core=BTCUSDT@100000 satellite=BTCUSDT@100000 (repeat); gives real positions per bucket.", AllowMultipleArgumentsPerToken = true };
        var leverage = Cli.Optional("--leverage", "Leverage of the bucket hedges (with --instrument).", 2m);
        var rate = Cli.Optional("--funding-rate", "Assumed funding rate per 8 h interval (with --instrument).", 0.0001m);
        var days = Cli.Optional("--days", "Holding period in days (funding, with --instrument).", 30);
        var lots = new Option<string[]>("--lot") { Description = "A tax lot [ASSET:]ID:QUANTITY:COST[:yyyy-MM-dd] with its ASSET (repeat): the sale a bucket's short replaces is matched to its asset's lots.", AllowMultipleArgumentsPerToken = true };
        var method = Cli.Optional("--lot-method", "How a sale picks lots: fifo or hifo.", "fifo");
        var tax = Cli.Optional("--tax-rate", "Flat tax rate on realized gains (with --lot).", 0.25m);
        var save = PlanFiles.SaveOption(); var stops = new HedgeStopOptions(); var removal = new RemovalOptions("the band's short");
        var cmd = new Command("rebalance", "Weights and drift against allocation targets; the futures hedge that restores the target exposure without selling spot (as real positions per bucket with --instrument), next to the spot trades that would, with fees and the tax of the sales.");
        foreach (var o in new Option[] { targets, holdings, band, ffee, sfee, hedge, instruments, leverage, rate, days, lots, method, tax, save }.Concat(stops.All).Concat(removal.All)) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            // Checked whatever else is given (they are used only with --instrument and --lot, never ignored when bad).
            if (pr.GetValue(days) < 0) throw new ArgumentException($"--days must be 0 or more; got {pr.GetValue(days)}.", "--days");
            Cli.Fraction(pr.GetValue(tax), "--tax-rate");
            var hs = pr.GetValue(holdings)!.Select(ParseHolding).ToList();
            var allocation = PortfolioAllocation.Analyze(pr.GetValue(targets)!.Select(ParseTarget).ToList(), hs, pr.GetValue(band), pr.GetValue(ffee), pr.GetValue(sfee));
            var report = BuildRebalance(allocation, pr.GetValue(hedge));
            var inst = pr.GetValue(instruments) ?? [];
            if (inst.Length > 0)
            {
                var positions = allocation.HedgePositions(inst.Select(s => ParseInstrument(pr, s)), pr.GetValue(leverage), pr.GetValue(rate));
                AddBucketPositions(report, positions, pr.GetValue(leverage));
                // The positions' own warnings (basis risk of a bucket hedged with another asset's contract: SOL with BTCUSDT).
                if (positions.Any(p => !p.Warnings.IsEmpty))
                {
                    var wt = report.Section("Warnings").Table(null, "Bucket", "Code", "Message");
                    foreach (var p in positions)
                        foreach (var x in p.Warnings) wt.Row(p.Bucket, x.Code.ToString(), x.Message);
                }
                var lotList = (pr.GetValue(lots) ?? []).Select(ParseAssetLot).GroupBy(x => x.Asset, StringComparer.OrdinalIgnoreCase)
                    .Select(g => TaxLots.Create(g.Key, g.Select(x => x.Lot))).ToList();
                foreach (var pos in positions.Where(p => p.Side == Side.Short))
                {
                    var inBucket = hs.Where(x => string.Equals(x.Bucket, pos.Bucket, StringComparison.OrdinalIgnoreCase)).ToList();
                    var l = lotList.FirstOrDefault(x => inBucket.Count == 1 && string.Equals(x.Asset, inBucket[0].Asset, StringComparison.OrdinalIgnoreCase));
                    if (l is null) continue;
                    var v = allocation.SaleAvoided(pos, l, inBucket[0].Price, StrategyCommands.ParseLotMethod(pr.GetValue(method)!), pr.GetValue(tax), pr.GetValue(days), pr.GetValue(rate), pr.GetValue(sfee));
                    StrategyCommands.AddHedgeVersusSale(report, $"Bucket {pos.Bucket}", v);
                    report.Sections[^1].Note($"The sale is the one the position opened replaces ({Json.Text(v.Sale.Quantity)} {l.Asset}, after the lot rounding of "
                        + $"{pos.Quantity} {pos.Contract.Symbol}); the bucket's exact excess is {Json.Text(allocation.Bucket(pos.Bucket).HedgeUnitsAt(inBucket[0].Price))} {l.Asset}.");
                }
            }
            // The stop is checked whenever it is given (never ignored when bad); --save needs one --instrument: the band's bucket and contract.
            var stop = stops.LegStop(pr);
            var rules = removal.Rules(pr);
            if (rules.Count > 0 && pr.GetValue(save) is null)
                throw new ArgumentException($"{removal.FirstGiven(pr)} adds a rule to the band's plan ({rules[0].Name}); give --save FILE (and one --instrument) to write the plan.", removal.FirstGiven(pr));
            if (pr.GetValue(save) is not null)
            {
                if (inst.Length != 1)
                    throw new ArgumentException($"--save needs exactly one --instrument (the bucket to keep in its band and its contract: a plan runs on one underlying); got {inst.Length}.", "--instrument");
                var one = ParseInstrument(pr, inst[0]);
                var plan = Cli.About("--instrument", () => PlanDefinition.FromRebalancing(allocation, one.Bucket, one.Contract, pr.GetValue(leverage), stop)).WithRules(rules);
                AddBandRules(report, plan);
                PlanFiles.SaveIfAsked(pr, save, () => plan, report);
            }
            return report;
        });
    }

    // ---------------------------------------------------------------- rebalance: parsing
    private static (string Bucket, Contract Contract, decimal FuturesPrice) ParseInstrument(ParseResult pr, string s)
    {
        var eq = s.Split('=');
        var at = eq.Length == 2 ? eq[1].Split('@') : [];
        if (eq.Length != 2 || at.Length != 2) throw new ArgumentException($"--instrument '{s}' must be bucket=SYMBOL@FUTURESPRICE.", "instrument");
        return (eq[0], ParseContract(pr, at[0]), ParseDecimal(at[1], "--instrument"));
    }

    private static (string Asset, TaxLot Lot) ParseAssetLot(string s)
    {
        var (asset, lot) = StrategyCommands.ParseLotValue(s);
        return asset is null
            ? throw new ArgumentException($"--lot '{s}': rebalance needs the lot's asset, {StrategyCommands.LotSyntax} with the ASSET (e.g. BTC:2021:1:2000).", "lot")
            : (asset, lot);
    }

    private static (string Name, decimal Weight, bool IsCash) ParseTarget(string s)
    {
        var nameWeight = s.Split('=');
        if (nameWeight.Length != 2) throw new ArgumentException($"--bucket '{s}' must be name=weight or name=weight:cash.", "bucket");
        var w = nameWeight[1].Split(':');
        bool cash = w.Length == 2 && w[1].Equals("cash", StringComparison.OrdinalIgnoreCase);
        if (w.Length > 2 || (w.Length == 2 && !cash)) throw new ArgumentException($"--bucket '{s}' must be name=weight or name=weight:cash.", "bucket");
        return (nameWeight[0], ParseDecimal(w[0], "--bucket"), cash);
    }

    private static (string Asset, string Bucket, decimal Quantity, decimal Price) ParseHolding(string s)
    {
        var p = s.Split(':');
        if (p.Length != 4) throw new ArgumentException($"--holding '{s}' must be asset:bucket:quantity:price.", "holding");
        return (p[0], p[1], ParseDecimal(p[2], "--holding"), ParseDecimal(p[3], "--holding"));
    }

    // ---------------------------------------------------------------- rebalance: rendering
    public static Report BuildRebalance(PortfolioAllocation allocation, string? hedge)
    {
        var report = new Report("Rebalance against allocation targets");
        AddAllocation(report, allocation);
        if (hedge is not null)
        {
            var parts = hedge.Split('=');
            if (parts.Length != 2) throw new ArgumentException($"--hedge '{hedge}' must be bucket=fraction.", nameof(hedge));
            AddHedgeFraction(report, allocation, parts[0], ParseDecimal(parts[1], "--hedge"));
        }
        return report;
    }

    internal static void AddAllocation(Report report, PortfolioAllocation allocation)
    {
        var drift = report.Section("Weights and drift").Fact("Portfolio value", allocation.PortfolioValue, "USDT")
            .Fact("Tolerance band", Show.Percent(allocation.ToleranceBand));
        var t = drift.Table(null, "Bucket", "Value", "Weight", "Target", "Drift", "Outside band");
        foreach (var b in allocation.Buckets) t.Row(b.Name + (b.IsCash ? " (cash)" : ""), Show.Money(b.Value, "USDT"), Show.Percent(b.Weight), Show.Percent(b.TargetWeight), Show.Percent(b.Drift), b.OutsideBand);

        var sec = report.Section("Back to target: futures hedge (spot untouched) or spot trades");
        var tt = sec.Table(null, "Bucket", "Value", "Target value", "Hedge notional", "Hedge side", "Effective exposure", "Spot trade", "Spot fee");
        foreach (var r in allocation.Buckets)
            tt.Row(r.Name, Show.Money(r.Value, "USDT"), Show.Money(r.TargetValue, "USDT"), Show.Money(Math.Abs(r.HedgeNotional), "USDT"),
                r.IsCash ? "-" : r.HedgeNotional > 0 ? "short" : r.HedgeNotional < 0 ? "long" : "none",
                Show.Money(r.EffectiveExposure, "USDT"), Show.Money(r.SpotTrade, "USDT"), Show.Money(r.SpotFee, "USDT"));
        sec.Fact("Gross futures notional", allocation.GrossHedgeNotional, "USDT")
           .Fact("Futures fees to open", allocation.HedgeOpenFees, "USDT")
           .Fact("Futures fees round trip", allocation.HedgeRoundTripFees, "USDT")
           .Fact("Gross spot traded", allocation.GrossSpotTraded, "USDT")
           .Fact("Spot fees", allocation.SpotFees, "USDT")
           .Note("Hedge notional H = value − target·P per risky bucket (short if positive, long if negative); a short's notional counts as synthetic cash.")
           .Note("Spot trade T = target·P − value (positive: buy). Funding on the hedge is not included; see `hedgemath plan`.");
    }

    internal static void AddHedgeFraction(Report report, PortfolioAllocation allocation, string bucket, decimal fraction)
    {
        var sec = report.Section($"\"Hedge {fraction:P0}\" of {bucket}: the two readings");
        var t = sec.Table(null, "Reading", "Notional", "Hedge ratio on holding", "Exposure after", "Exposure weight after", "Net short");
        foreach (var ofPortfolio in new[] { false, true })
        {
            var h = allocation.HedgeFraction(bucket, fraction, ofPortfolio);
            t.Row(ofPortfolio ? "of the portfolio" : "of the holding", Show.Money(h.Notional, "USDT"), Show.Percent(h.HedgeRatio),
                Show.Money(h.ExposureAfter, "USDT"), Show.Percent(h.ExposureWeightAfter), h.ExceedsHolding);
        }
        sec.Note("Of the holding: notional = fraction × bucket value. Of the portfolio: notional = fraction × portfolio value (exposure falls by that many points).");
    }

    internal static void AddBucketPositions(Report report, IEnumerable<BucketHedgePosition> positions, decimal leverage)
    {
        var t = report.Section($"Hedge positions per bucket ({leverage}x isolated)").Table(null,
            "Bucket", "Contract", "Side", "Quantity", "Notional", "Initial margin", "Maintenance margin", "Liquidation", "Funding per day", "Fee to open");
        foreach (var p in positions)
        {
            var c = p.Contract;
            string m = c.SettlementAsset;
            t.Row(p.Bucket, c.Symbol, p.Side.ToString(), Show.Quantity(p.Quantity, c), Show.Money(p.Notional, m), Show.Money(p.InitialMargin, m), Show.Money(p.MaintenanceMargin, m),
                Show.Price(p.LiquidationPrice, c, MidpointRounding.ToZero), Show.Money(p.FundingPerDay, m), Show.Money(p.OpenFee, m));
        }
        report.Sections[^1].Note("Size = |hedge notional| / futures price, rounded down to the lot step; margin and liquidation from MarginCalc; funding: positive = received (shorts receive at a positive rate, longs pay).");
    }

    /// <summary>The band's rules of a rebalancing plan (<see cref="PlanDefinition.FromRebalancing"/>): the price of each rebalance and the short it sets.</summary>
    internal static void AddBandRules(Report report, PlanDefinition plan)
    {
        var sec = report.Section($"The band as a plan: {plan.Name}").Fact("Short now", Show.Percent(plan.Legs[0].Ratio));
        var t = sec.Table(null, "When", "Short ratio of the holding", "Rule");
        foreach (var r in plan.Rules) t.Row(r.When.Name, Show.Percent(r.Action.Value), r.Name);
        sec.Note("Each price is where the bucket's effective weight reaches target ± band (w = q(1 − h)P / (q(1 − h)P + other), the other holdings held still); "
            + "the short then brings it back to the target. The levels follow a one-way move from today: save again after a move back.");
    }
}
