using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath ladder out | in</c>: their options and handlers, their parsing, their rendering.</summary>
internal static partial class HedgingCommands
{
    // ---------------------------------------------------------------- ladder: options and handlers
    private static Command LadderCommand()
    {
        var cmd = new Command("ladder", "Scale-out (profit-taking shorts at rising targets) or scale-in (entries at levels) ladders.");
        var asset = Cli.Optional<string?>("--asset", "Spot asset held (default: the contract's base asset).", null);
        var qty = Cli.Required<decimal>("--quantity", "Spot quantity held.");
        var cost = Cli.Required<decimal>("--cost", "Average cost of the holding.");
        var targets = new Option<string[]>("--target") { Description = "price:fraction, e.g. 60000:0.25 (repeat; prices ascending).", Required = true, AllowMultipleArgumentsPerToken = true };
        var leverage = Cli.Optional("--leverage", "Leverage.", 3m);
        var contract = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (list: hedgemath contracts).", "BTCUSDT");
        var closeAt = new Option<decimal[]>("--close-at") { Description = "The rally is over: close all the shorts at this price (repeatable) — realized futures PnL, fees, spot kept.", AllowMultipleArgumentsPerToken = true };
        var correction = Cli.Optional<decimal?>("--correction", "A correction from each target as a fraction (0.1 = 10 %): what the shorts held after that rung offset.", null);
        var outCmd = new Command("out", "Scale-out ladder: add a short at each target; cumulative hedge, average entry, margin, liquidation, locked-in value; closing it and corrections.");
        var save = PlanFiles.SaveOption(); var stops = new HedgeStopOptions(); var removal = new RemovalOptions("the ladder's short");
        foreach (var o in new Option[] { asset, qty, cost, targets, leverage, contract, closeAt, correction, save }.Concat(stops.All).Concat(removal.All)) outCmd.Options.Add(o);
        outCmd.Handles(pr =>
        {
            var futures = ParseContract(pr, pr.GetValue(contract)!);
            var l = ScaleOutLadder.Create(SpotHolding.Create(pr.GetValue(asset) ?? futures.BaseAsset, pr.GetValue(qty), pr.GetValue(cost)),
                futures, pr.GetValue(leverage), pr.GetValue(targets)!.Select(ParseTarget2).ToList());
            var report = new Report($"Scale-out ladder: {l.Holding.Quantity} {l.Holding.Asset} on {l.Contract.Symbol} at {l.Leverage}x");
            AddScaleOut(report, l);
            var closes = pr.GetValue(closeAt) ?? [];
            if (closes.Length > 0) AddScaleOutClose(report, l, closes);
            if (pr.GetValue(correction) is { } c) AddScaleOutCorrection(report, l, c);
            var w = report.Section("Warnings");
            var wt = w.Table(null, "Code", "Message");
            foreach (var x in l.Warnings) wt.Row(x.Code.ToString(), x.Message);
            var stop = stops.LegStop(pr);
            var rules = removal.Rules(pr);
            if (rules.Count > 0) report.Section("Removal rules (in the plan --save writes)").Note(string.Join("; ", rules.Select(r => r.Name)));
            PlanFiles.SaveIfAsked(pr, save, () => PlanDefinition.FromScaleOutLadder(l, stop).WithRules(rules), report);
            return report;
        });

        var entries = new Option<string[]>("--rung") { Description = "A rung price:quantity[:stop] or price:rest[:stop], e.g. pyramiding 3000:0.5:2850 3150:1:3000 3300:rest:3150 (repeat; prices monotone; stop = for the whole position after that rung).", Required = true, AllowMultipleArgumentsPerToken = true };
        var planned = Cli.Optional<decimal?>("--planned", "Planned total size (required with a :rest rung).", null);
        var reversal = Cli.Optional("--reversal", "Adverse move right after each rung, as a fraction.", 0.05m);
        var spot = Cli.Optional("--spot", "Scale into spot (fully paid) instead of a long futures position.", false);
        var leverage2 = Cli.Optional("--leverage", "Leverage (futures).", 3m);
        var contract2 = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (list: hedgemath contracts).", "ETHUSDT");
        var held = Cli.Optional<decimal?>("--quantity", "Spot quantity already held: the holding of the plan written by --save (a futures ladder sizes its long's ratio from it; a spot ladder's rungs buy their own quantities).", null);
        var heldCost = Cli.Optional<decimal?>("--cost", "Average cost of the spot held (default: the first rung's price).", null);
        var save2 = PlanFiles.SaveOption();
        var inCmd = new Command("in", "Scale-in ladder: entries at levels; average entry, exposure and margin per rung, loss if price reverses right after.");
        foreach (var o in new Option[] { entries, planned, reversal, spot, leverage2, contract2, held, heldCost, save2 }) inCmd.Options.Add(o);
        inCmd.Handles(pr =>
        {
            var list = pr.GetValue(entries)!.Select(ParseEntry).ToList();
            var c = ParseContract(pr, pr.GetValue(contract2)!);
            var l = pr.GetValue(spot)
                ? ScaleInLadder.Spot(c.BaseAsset, list, pr.GetValue(planned), pr.GetValue(reversal))
                : ScaleInLadder.Futures(c, pr.GetValue(leverage2), list, pr.GetValue(planned), pr.GetValue(reversal));
            var report = new Report($"Scale-in ladder: {l.Instrument} ({(l.IsPyramiding ? "pyramiding: adding as the price rises" : l.Rungs.Length > 1 ? "averaging down" : "one entry")})");
            AddScaleIn(report, l, c);
            if (!l.Warnings.IsEmpty)
            {
                var wt = report.Section("Warnings").Table(null, "Code", "Message");
                foreach (var x in l.Warnings) wt.Row(x.Code.ToString(), x.Message);
            }
            // The holding is checked whenever it is given (never ignored when bad); --save needs it.
            if (pr.GetValue(heldCost) is { } hc && hc < 0m) throw new ArgumentException($"--cost must be 0 or more; got {hc}.", "--cost");
            SpotHolding? holding = pr.GetValue(held) is { } hq
                ? Cli.About("--quantity", () => SpotHolding.Create(c.BaseAsset, hq, pr.GetValue(heldCost) ?? l.Rungs[0].Price)) : null;
            if (pr.GetValue(save2) is not null && holding is null)
                throw new ArgumentException("--save needs --quantity: the plan sizes its buys from the spot already held.", "--quantity");
            PlanFiles.SaveIfAsked(pr, save2, () => PlanDefinition.FromScaleInLadder(l, holding!), report);
            return report;
        });
        cmd.Subcommands.Add(outCmd);
        cmd.Subcommands.Add(inCmd);
        return cmd;
    }

    // ---------------------------------------------------------------- ladder: parsing
    private static (decimal Price, decimal Fraction) ParseTarget2(string s)
    {
        var p = s.Split(':');
        if (p.Length != 2) throw new ArgumentException($"--target '{s}' must be price:fraction.", "target");
        return (ParseDecimal(p[0], "--target"), ParseDecimal(p[1], "--target"));
    }

    private static (decimal Price, decimal? Quantity, decimal? StopPrice) ParseEntry(string s)
    {
        var p = s.Split(':');
        if (p.Length is < 2 or > 3) throw new ArgumentException($"--rung '{s}' must be price:quantity[:stop] or price:rest[:stop].", "--rung");
        var price = ParseDecimal(p[0], "--rung");
        decimal? stop = p.Length == 3 ? ParseDecimal(p[2], "--rung") : null;
        if (stop is { } st && (st <= 0m || st >= price)) throw new ArgumentException($"--rung '{s}': the stop {st} must be below the rung's price {price} (a long's stop).", "--rung");
        return (price, p[1].Equals("rest", StringComparison.OrdinalIgnoreCase) ? null : ParseDecimal(p[1], "--rung"), stop);
    }

    // ---------------------------------------------------------------- ladder: rendering
    internal static void AddScaleOut(Report report, ScaleOutLadder l)
    {
        var sec = report.Section($"Rungs ({l.Rule})");
        var t = sec.Table(null, "Target", "Fraction", "Short added", "Total short", "Hedge ratio", "Avg entry", "Margin", "Liquidation", "Locked-in value", "Gain vs cost");
        var c = l.Contract;
        foreach (var r in l.Rungs)
            t.Row(Show.Price(r.TargetPrice, c), Show.Percent(r.Fraction), Show.Quantity(r.QuantityAdded, c), Show.Quantity(r.CumulativeQuantity, c), Show.Percent(r.CumulativeHedgeRatio),
                Show.Price(r.AverageShortEntry, c), Show.Money(r.TotalMargin, c.SettlementAsset), Show.Price(r.LiquidationPrice, c, MidpointRounding.ToZero),
                Show.Money(r.LockedInValue, c.QuoteAsset), Show.Money(r.LockedInGainVsCost, c.QuoteAsset));
        sec.Note((c.SettlementAsset == c.QuoteAsset ? $"Money in {c.QuoteAsset}" : $"Margin in {c.SettlementAsset}, locked-in value and gain in {c.QuoteAsset}")
            + "; isolated margin of the combined short; locked-in value = hedged units × target price; the liquidation price truncated to the tick, as exchanges display it.");
    }

    internal static void AddScaleOutClose(Report report, ScaleOutLadder l, IEnumerable<decimal> prices)
    {
        var t = report.Section("Closing the ladder when the rally ends (quote asset)").Table(null,
            "Close at", "Short closed", "Avg short entry", "Futures PnL", "Open fees", "Close fee", "Net futures", "Spot value", "Spot vs cost", "Total vs cost", "Exit", "Exit price");
        foreach (var p in prices)
        {
            var c = l.CloseAt(p);
            var k = l.Contract;
            string q = k.QuoteAsset;
            t.Row(Show.Price(p, k), Show.Quantity(l.Position.Quantity, k), Show.Price(l.Position.EntryPrice, k), Show.Money(c.FuturesPnl, q), Show.Money(c.OpenFees, q), Show.Money(c.CloseFee, q),
                Show.Money(c.NetFuturesPnl, q), Show.Money(c.SpotValue, q), Show.Money(c.SpotPnlVsCost, q), Show.Money(c.TotalVsCost, q), ExitName(c.Exit), ExitPrice(c.ExitPrice, c.Exit, k));
        }
        report.Sections[^1].Note("The shorts realize a profit only below their average entry: while the rally goes on they lose. Path: straight from the last "
            + "target to the close; at or beyond the combined short's liquidation price it is liquidated on the way and loses its isolated margin, no more.");
    }

    internal static void AddScaleOutCorrection(Report report, ScaleOutLadder l, decimal correction)
    {
        var t = report.Section($"A {correction:P0} correction from each target (quote asset)").Table(null,
            "Target", "Price after", "Hedge ratio", "Shorts' gain from target", "Spot change from target", "Net", "Share offset");
        foreach (var r in l.Rungs)
        {
            var c = l.AfterCorrection(r.Index, correction);
            var k = l.Contract;
            string q = k.QuoteAsset;
            t.Row(Show.Price(r.TargetPrice, k), Show.Price(c.SpotPrice, k), Show.Percent(r.CumulativeHedgeRatio), Show.Money(c.FuturesPnl, q), Show.Money(c.SpotPnlVsDecision, q),
                Show.Money(c.NetVsDecisionBeforeFees, q), Show.Percent(c.ShareOffset));
        }
        report.Sections[^1].Note("Every figure is a change from the target (the shorts' PnL at the corrected price minus their PnL at the target): "
            + "the shorts offset the fall only in proportion to the hedge ratio — a 25 % short offsets 25 % of it.");
    }

    internal static void AddScaleIn(Report report, ScaleInLadder l) => AddScaleIn(report, l, null);

    /// <summary>
    /// The scale-in rungs. <paramref name="spotContract"/> is the catalog contract of the coin for a spot ladder: its tick
    /// shows the prices; spot quantities are shown to the coin's precision (8 places), futures to the lot step.
    /// </summary>
    internal static void AddScaleIn(Report report, ScaleInLadder l, Contract? spotContract)
    {
        var k = l.Position?.Contract ?? spotContract;
        // Money: the quote asset for linear and spot (USDT, cents), the coin for an inverse contract's margin and PnL.
        string quote = k?.QuoteAsset ?? "USDT", settle = l.Position?.Contract.SettlementAsset ?? quote;
        Shown? P(decimal? x) => k is null ? Show.Money(x, quote) : Show.Price(x, k);
        Shown? Q(decimal x) => l.Position is { } pos ? Show.Quantity(x, pos.Contract) : Show.Coins(x);
        var sec = report.Section($"Rungs (reversal {l.ReversalMove:P0} right after each)");
        var t = sec.Table(null, "Price", "Added", "Total", "Avg entry", "Exposure", "Margin added", "Total margin", "PnL at rung", "Reversal price", "Loss if reverses", "Exit if reverses", "Liquidation", "Stop", "Loss at stop", "Stop beyond liquidation");
        foreach (var r in l.Rungs)
            t.Row(P(r.Price), Q(r.QuantityAdded), Q(r.CumulativeQuantity), P(r.AverageEntry), Show.Money(r.Exposure, settle), Show.Money(r.MarginAdded, settle), Show.Money(r.TotalMargin, settle),
                Show.Money(r.PnlAtRung, settle), P(r.ReversalPrice), Show.Money(r.LossIfReverses, settle), ExitName(r.ExitIfReverses),
                k is null || l.Position is null ? null : Show.Price(r.LiquidationPrice, k, MidpointRounding.ToZero),
                P(r.StopPrice), Show.Money(r.LossAtStop, settle), r.StopBeyondLiquidation);
        sec.Fact("Pyramiding", l.IsPyramiding);
        if (l.Position is null) sec.Note("Spot: the margin columns are the cash spent.");
        else sec.Note("Losses before fees on the straight way down from the rung: the rung's stop and the liquidation price apply where crossed (a liquidated long loses its isolated margin, no more).");
    }
}
