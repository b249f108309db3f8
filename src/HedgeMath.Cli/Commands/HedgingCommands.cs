using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath plan | ladder | rebalance | hedge-ratio</c>: hedge planning commands (no logic: each builds a report from library results).</summary>
internal static class HedgingCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return PlanCommand();
        yield return LadderCommand();
        yield return RebalanceCommand();
        yield return HedgeRatioCommand();
    }

    // ---------------------------------------------------------------- plan
    private static Command PlanCommand()
    {
        var asset = Cli.Optional<string?>("--asset", "Spot asset held (default: the contract's base asset).", null);
        var qty = Cli.Required<decimal>("--quantity", "Spot quantity held.");
        var price = Cli.Required<decimal>("--price", "Spot price now (decision price), USDT.");
        var cost = Cli.Optional<decimal?>("--cost", "Average cost of the holding (default: the price).", null);
        var ratio = Cli.Required<decimal>("--ratio", "Hedge ratio: hedged value / spot value (0.25, 0.5 partial; 1 full).");
        var leverage = Cli.Optional("--leverage", "Leverage of the short hedge.", 3m);
        var contract = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (BTCUSDT, ETHUSDT, SOLUSDT, BTCUSD COIN-M, …; list: hedgemath contracts).", "BTCUSDT");
        var futPrice = Cli.Optional<decimal?>("--futures-price", "Futures price now (required for a cross-hedge; default: the spot price).", null);
        var cap = Cli.Optional("--cap", "Leverage cap for the warning.", 5m);
        var rate = Cli.Optional("--funding-rate", "Assumed funding rate per 8 h interval (0.0001 = 0.01 %).", 0.0001m);
        var days = Cli.Optional("--days", "Planned holding period in days (funding check).", 30);
        var stop = Cli.Optional<decimal?>("--stop", "Stop-loss price on the hedge (above entry for a short).", null);
        var maxCost = Cli.Optional<decimal?>("--max-cost", "Stop-loss as the largest hedge loss accepted (settlement asset).", null);
        var removal = new RemovalOptions();
        var raiseSignal = Cli.Optional<string?>("--raise-on-signal", "Raise rule NAME:RATIO: hold RATIO while the signal is active, e.g. rsi-extreme:0.75.", null);
        var prev = new PreviousTradeOptions();
        var fundingFile = Cli.Optional<string?>("--funding-csv", "Historical funding CSV (path or embedded name, e.g. btcusdt_funding_8h.csv) for the funding over --from..--to.", null);
        var from = Cli.Optional<string?>("--from", "Start of the historical funding window (yyyy-MM-dd).", null);
        var at = new Option<decimal[]>("--at") { Description = "Evaluate the plan at these later prices (repeatable).", AllowMultipleArgumentsPerToken = true };
        var estimate = Cli.Optional<string?>("--hedge-estimate", "A cross-hedge's estimate from `hedgemath hedge-ratio` (daily log returns) as BETA:CORRELATION:SPOTVOL, e.g. 1.1722:0.5775:0.0621: goes into the basis-risk warning.", null);
        var save = PlanFiles.SaveOption();
        var cmd = new Command("plan", "A hedge plan for a spot holding: futures size, margin, liquidation, funding, fees, stop, removal rules and warnings.");
        foreach (var o in new Option[] { asset, qty, price, cost, ratio, leverage, contract, futPrice, cap, rate, days, stop, maxCost, raiseSignal, fundingFile, from, at, estimate, save }.Concat(removal.All).Concat(prev.All))
            cmd.Options.Add(o);
        PlanFileCommands.AddTo(cmd);
        foreach (var sub in PlanRunCommands.All()) cmd.Subcommands.Add(sub);
        return cmd.Handles(pr =>
        {
            var futures = ParseContract(pr, pr.GetValue(contract)!);
            var holding = SpotHolding.Create(pr.GetValue(asset) ?? futures.BaseAsset, pr.GetValue(qty), pr.GetValue(cost) ?? Cli.Positive(pr.GetValue(price), "--price"));
            var options = new HedgePlanOptions
            {
                LeverageCap = pr.GetValue(cap), FuturesPrice = pr.GetValue(futPrice), FundingRatePerInterval = pr.GetValue(rate),
                HoldingPeriodDays = pr.GetValue(days),
                PreviousHedge = prev.Read(pr),
                CrossHedgeEstimate = pr.GetValue(estimate) is { } est ? ParseEstimate(est) : null,
            };
            var plan = HedgePlan.Create(holding, pr.GetValue(ratio), futures, pr.GetValue(leverage), pr.GetValue(price), options);
            if (pr.GetValue(stop) is { } s) plan = Cli.About("--stop", () => plan.WithStop(LegStop.AtPrice(s)));
            else if (pr.GetValue(maxCost) is { } c) plan = Cli.About("--max-cost", () => plan.WithStop(LegStop.MaxHedgeCost(c)));
            // The rules are plan rules on the plan's definition (issue 28: one rule type): each removal takes the hedge off
            // once its condition holds at a close; the raise holds its ratio while the signal is active.
            var rules = removal.Rules(pr);
            if (pr.GetValue(raiseSignal) is { } rs)
            {
                var parts = rs.Split(':');
                if (parts.Length != 2) throw new ArgumentException($"--raise-on-signal '{rs}' must be NAME:RATIO, e.g. rsi-extreme:0.75.", "raise-on-signal");
                var when = PlanCondition.Signal(SignalName(parts[0], "--raise-on-signal"));
                decimal raised = ParseDecimal(parts[1], "--raise-on-signal");
                if (raised <= plan.HedgeRatio || raised > HedgePlan.MaxHedgeRatio)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"--raise-on-signal '{rs}': the raised ratio must be above the plan's ratio {plan.HedgeRatio} and at most {HedgePlan.MaxHedgeRatio}."), "raise-on-signal");
                rules.Add(new PlanRule(when, RuleAction.RaiseTo(raised), RuleTrigger.While,
                    string.Create(CultureInfo.InvariantCulture, $"raise the hedge ratio to {raised} while {parts[0]} is active")));
            }
            var report = new Report($"Hedge plan: {holding.Quantity} {holding.Asset} hedged {plan.HedgeRatio} with {plan.Contract.Symbol} at {plan.Leverage}x");
            AddPlan(report, plan, rules);
            if (pr.GetValue(fundingFile) is null && pr.GetValue(from) is { } lonely)
                throw new ArgumentException($"--from ({lonely}) is the start of the --funding-csv window; give --funding-csv too.", "--from");
            if (pr.GetValue(fundingFile) is { } ff)
            {
                var start = ParseDate(pr.GetValue(from), "--from") ?? throw new ArgumentException("--from is required with --funding-csv.", "--from");
                var t0 = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var total = plan.FundingOver(EmbeddedData.FundingFromPathOrEmbedded(ff, "--funding-csv"), t0, t0.AddDays(plan.Options.HoldingPeriodDays));
                report.Section($"Historical funding over {plan.Options.HoldingPeriodDays} days from {start:yyyy-MM-dd}")
                    .Fact("Funding events", total.EventCount).Fact("Sum of rates", total.RateSum)
                    .Fact("Funding to the hedge", total.Amount, total.SettlementAsset)
                    .Note("Positive = received (a short receives at a positive rate). Notional held at the entry price.");
            }
            var prices = pr.GetValue(at) ?? [];
            if (prices.Length > 0) Cli.About("--at", () => { AddOutcomes(report, plan, prices); return 0; });
            PlanFiles.SaveIfAsked(pr, save, () => PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.StayFlat, stopFollowsEntry: false), report);
            return report;
        });
    }

    /// <summary>A hedge plan's figures, and its rules (the plan rules its definition carries) as notes of the stop section.</summary>
    internal static void AddPlan(Report report, HedgePlan plan, IReadOnlyList<PlanRule>? rules = null)
    {
        string ccy = plan.SettlementAsset;
        report.Section("Hedge")
            .Fact("Spot", $"{plan.Holding.Quantity} {plan.Holding.Asset} @ {Show.Text(Show.Price(plan.DecisionPrice, plan.Contract)!.Value)}")
            .Fact("Spot value", plan.SpotValue, plan.Contract.QuoteAsset)
            .Fact("Hedge ratio", Show.Percent(plan.HedgeRatio))
            .Fact("Hedged value", plan.HedgedValue, plan.Contract.QuoteAsset)
            .Fact("Futures", $"{plan.Side} {Show.Text(Show.Quantity(plan.Quantity, plan.Contract)!.Value)} {plan.Contract.Symbol} @ {Show.Text(Show.Price(plan.FuturesPrice, plan.Contract)!.Value)}")
            .Fact("Target quantity", plan.TargetQuantity)
            .Fact("Rounding error", plan.QuantityRoundingError, $"(lot step {plan.Contract.LotStep})")
            .Fact("Effective hedge ratio", Show.Percent(plan.EffectiveHedgeRatio))
            .Fact("Cross-hedge", plan.IsCrossHedge);
        report.Section($"Margin ({plan.Rule})")
            .Fact("Leverage", plan.Leverage, "x")
            .Fact("Notional", plan.Notional, ccy)
            .Fact("Initial margin", plan.InitialMargin, ccy)
            .Fact("Maintenance margin", plan.MaintenanceMargin, ccy)
            .Fact("Liquidation price", Show.Price(plan.LiquidationPrice, plan.Contract, MidpointRounding.ToZero))
            .Fact("Distance to liquidation", Show.Percent(plan.Margin.DistanceToLiquidation))
            .Note("Isolated margin; liquidation price from MarginCalc under the contract's rule, truncated to the tick as exchanges display it.");
        report.Section("Costs")
            .Fact("Fee to open", plan.OpenFee, ccy).Fact("Fee to close (at entry)", plan.CloseFee, ccy)
            .Fact("Funding rate assumed", Show.Rate(plan.Options.FundingRatePerInterval), "per 8 h")
            .Fact("Funding per day", plan.FundingPerDay, ccy).Fact("Funding per 30 days", plan.FundingPer30Days, ccy)
            .Fact($"Funding over {plan.Options.HoldingPeriodDays} days", plan.FundingOverHoldingPeriod, ccy)
            .Fact($"Protection on a {plan.Options.ProtectionMove:P0} fall", plan.ProtectionAtMove, ccy)
            .Note("Funding: positive = received (a positive rate: longs pay shorts).");
        var stops = report.Section("Stop and removal")
            .Fact("Stop set by", plan.Stop is null ? "none" : plan.Stop.Kind switch
            {
                LegStopKind.Price => "its price",
                LegStopKind.Distance => $"its distance from the entry, {Show.Text(Show.Percent(plan.Stop.Value)!.Value)}",
                _ => $"the largest hedge loss, {Show.Text(Show.Money(plan.Stop.Value, ccy)!.Value)} {ccy}",
            }).Fact("Stop price", Show.Price(plan.StopPrice, plan.Contract)).Fact("Hedge loss at stop", plan.LossAtStop, ccy);
        foreach (var r in rules ?? []) stops.Note(r.Name);
        var w = report.Section("Warnings");
        if (plan.Warnings.IsEmpty) w.Note("none");
        var t = w.Table(null, "Code", "Message");
        foreach (var x in plan.Warnings) t.Row(x.Code.ToString(), x.Message);
    }

    internal static void AddOutcomes(Report report, HedgePlan plan, IEnumerable<decimal> prices)
    {
        var section = report.Section("Outcomes (futures price = spot price)");
        var t = section.Table(null,
            "Price", "Spot vs cost", "Spot vs decision", "Hedge PnL", "Fees", "Net vs cost", "Net vs decision", "Hedge exit", "Exit price");
        foreach (var p in prices)
        {
            var o = plan.OutcomeAt(p);
            string q = plan.Contract.QuoteAsset;
            t.Row(Show.Price(p, plan.Contract.TickSize), Show.Money(o.SpotPnlVsCost, q), Show.Money(o.SpotPnlVsDecision, q), Show.Money(o.FuturesPnl, q), Show.Money(o.Fees, q),
                Show.Money(o.NetVsCost, q), Show.Money(o.NetVsDecision, q), ExitName(o.Exit), ExitPrice(o.ExitPrice, o.Exit, plan.Contract));
        }
        section.Note("Path: a straight move from the entry to the price; the stop and the liquidation price apply where crossed "
            + "(a liquidated hedge loses its isolated margin, no more). Nets are after fees; funding is left out (instant move).");
    }

    /// <summary>
    /// BETA:CORRELATION:SPOTVOL (what `hedge-ratio` prints for daily log returns) as a minimum-variance estimate: the
    /// futures volatility is ρ·σS/β (h* = ρ·σS/σF, Hull eq. 3.1) and the residual (basis) volatility σS·√(1 − ρ²).
    /// </summary>
    internal static MinimumVarianceHedge ParseEstimate(string s)
    {
        var p = s.Split(':');
        if (p.Length != 3) throw new ArgumentException($"--hedge-estimate '{s}' must be BETA:CORRELATION:SPOTVOL, e.g. 1.1722:0.5775:0.0621.", "hedge-estimate");
        double Num(string x) => double.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new ArgumentException($"--hedge-estimate '{s}': '{x}' is not a finite number.", "hedge-estimate");
        double beta = Num(p[0]), rho = Num(p[1]), vol = Num(p[2]);
        if (beta <= 0d || rho is <= 0d or > 1d || vol <= 0d)
            throw new ArgumentException($"--hedge-estimate '{s}': the beta and the spot volatility must be above 0 and the correlation in (0, 1].", "hedge-estimate");
        return new MinimumVarianceHedge(beta, rho, vol, rho * vol / beta, vol * Math.Sqrt(1d - rho * rho), 2, HedgeRatioBasis.PricesToLogReturns);
    }

    /// <summary>An exit price to the tick: a liquidation truncated to it, as the liquidation price is shown (54,780.8 both), a stop fill to the nearest.</summary>
    internal static Shown? ExitPrice(decimal? price, HedgeMath.Engine.HedgeExit exit, Contract contract) =>
        Show.Price(price, contract, exit == HedgeMath.Engine.HedgeExit.Liquidated ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero);

    internal static string ExitName(HedgeMath.Engine.HedgeExit exit) => exit switch
    {
        HedgeMath.Engine.HedgeExit.Stopped => "stopped",
        HedgeMath.Engine.HedgeExit.Liquidated => "liquidated",
        _ => "open",
    };

    // ---------------------------------------------------------------- ladder
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

        var entries = new Option<string[]>("--entry") { Description = "price:quantity[:stop] or price:rest[:stop], e.g. pyramiding 3000:0.5:2850 3150:1:3000 3300:rest:3150 (repeat; prices monotone; stop = for the whole position after that rung).", Required = true, AllowMultipleArgumentsPerToken = true };
        var planned = Cli.Optional<decimal?>("--planned", "Planned total size (required with a :rest entry).", null);
        var reversal = Cli.Optional("--reversal", "Adverse move right after each rung, as a fraction.", 0.05m);
        var spot = Cli.Optional("--spot", "Scale into spot (fully paid) instead of a long futures position.", false);
        var leverage2 = Cli.Optional("--leverage", "Leverage (futures).", 3m);
        var contract2 = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (list: hedgemath contracts).", "ETHUSDT");
        var held = Cli.Optional<decimal?>("--quantity", "Spot quantity already held: the holding of the plan written by --save, which sizes its buys (spot) or its long's ratio (futures) from it.", null);
        var heldCost = Cli.Optional<decimal?>("--cost", "Average cost of the spot held (default: the first entry's price).", null);
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
            t.Row(Show.Price(p, k), Show.Quantity(c.ShortQuantity, k), Show.Price(c.AverageShortEntry, k), Show.Money(c.FuturesPnl, q), Show.Money(c.OpenFees, q), Show.Money(c.CloseFee, q),
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

    // ---------------------------------------------------------------- hedge-ratio
    private static Command HedgeRatioCommand()
    {
        var spot = new Argument<string>("spot") { Description = "Spot candles: a CSV path (date,open,high,low,close,volume) or an embedded file name such as solusdt_spot_daily.csv." };
        var futures = new Argument<string>("futures") { Description = "Hedge instrument candles: a CSV path or an embedded name such as btcusdt_spot_daily.csv." };
        var basis = Cli.Optional("--basis", "Observations: log (log returns), simple (simple returns), diff (price changes).", "log");
        var window = Cli.Optional("--window", "Observations per window for the out-of-sample test (0: none).", 0);
        var step = Cli.Optional<int?>("--step", "Observations between successive estimation windows (default: the window, no overlap).", null);
        var from = Cli.Optional<string?>("--from", "First date used (yyyy-MM-dd), e.g. to skip listing days.", null);
        var to = Cli.Optional<string?>("--to", "Last date used (yyyy-MM-dd).", null);
        var qa = Cli.Optional<decimal?>("--quantity", "Units of spot hedged (QA) for the contract count N* = h*·QA/QF.", null);
        var qf = Cli.Optional<decimal?>("--contract-size", "Units per futures contract (QF); default 1.", null);
        var cmd = new Command("hedge-ratio", "Minimum-variance hedge ratio h* = ρ·σS/σF of one series against another (dates aligned), its effectiveness ρ² and, with --window, an out-of-sample test.");
        cmd.Arguments.Add(spot); cmd.Arguments.Add(futures);
        foreach (var o in new Option[] { basis, window, step, from, to, qa, qf }) cmd.Options.Add(o);
        return cmd.Handles(pr => BuildHedgeRatio(pr.GetValue(spot)!, pr.GetValue(futures)!, ParseBasis(pr.GetValue(basis)!), pr.GetValue(window), pr.GetValue(step),
            ParseDate(pr.GetValue(from), "--from"), ParseDate(pr.GetValue(to), "--to"), pr.GetValue(qa), pr.GetValue(qf)));
    }

    public static Report BuildHedgeRatio(string spotPath, string futuresPath, HedgeRatioBasis basis, int window, int? step,
        DateOnly? from, DateOnly? to, decimal? quantity, decimal? contractSize)
    {
        if (window < 0) throw new ArgumentException(FormattableString.Invariant($"--window must be 0 (no out-of-sample test) or a positive number of observations; got {window}."), "--window");
        if (step is <= 0) throw new ArgumentException(FormattableString.Invariant($"--step must be at least 1; got {step}."), "--step");
        var aligned = AlignedCloses.Create(EmbeddedData.CandlesFromPathOrEmbedded(spotPath, "spot"), EmbeddedData.CandlesFromPathOrEmbedded(futuresPath, "futures"));
        if (aligned.Count == 0) throw new ArgumentException($"The two series have no dates in common.", nameof(spotPath));
        if (from is not null || to is not null)
            aligned = aligned.Between(from ?? aligned.Dates[0], to ?? aligned.Dates[^1]);
        if (aligned.Count == 0) throw new ArgumentException("No common dates inside --from/--to.", nameof(from));
        if (step is { } sMax && sMax > aligned.Count)
            throw new ArgumentException(FormattableString.Invariant($"--step must be at most the {aligned.Count} common dates; got {sMax}."), "--step");
        var r = HedgeRatio.MinimumVariance(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), basis);
        var report = new Report($"Minimum-variance hedge ratio: {Path.GetFileName(spotPath)} against {Path.GetFileName(futuresPath)}");
        var s = report.Section("Estimate over the whole span")
            .Fact("First date", aligned.Dates[0]).Fact("Last date", aligned.Dates[^1])
            .Fact("Common dates", aligned.Count).Fact("Gaps (steps > 1 day)", aligned.Gaps)
            .Fact("Basis", basis.ToString()).Fact("Observations", r.Observations)
            .Fact("Hedge ratio", Show.Number(r.HedgeRatio, 4)).Fact("Correlation", Show.Number(r.Correlation, 4))
            .Fact("Spot volatility", Vol(r.SpotVolatility), "per observation").Fact("Futures volatility", Vol(r.FuturesVolatility), "per observation")
            .Fact("Effectiveness", Show.Percent(r.Effectiveness)).Fact("Residual (basis) volatility", Vol(r.ResidualVolatility), "per observation");
        if (quantity is not null)
        {
            var n = HedgeRatio.OptimalContracts(r.HedgeRatio, quantity.Value, contractSize ?? 1m);
            s.Fact("Contracts (exact)", n.Exact).Fact("Contracts (rounded)", n.Rounded).Fact("Rounding error", n.Rounded - n.Exact, "contracts");
        }
        if (basis == HedgeRatioBasis.PricesToLogReturns && double.IsFinite(r.HedgeRatio) && double.IsFinite(r.Correlation) && double.IsFinite(r.SpotVolatility))
            s.Fact("For plan --hedge-estimate", FormattableString.Invariant($"{r.HedgeRatio:0.####}:{r.Correlation:0.####}:{r.SpotVolatility:0.####}"));
        s.Note("Effectiveness = ρ², the share of spot variance the hedge removes in sample. Contracts N* = h*·QA/QF.");
        s.Note("h* = ρ·σS/σF = OLS slope of spot changes on futures changes (Hull, Options, Futures and Other Derivatives, §3.4).");
        if (window > 0)
        {
            var t = HedgeRatio.OutOfSample(aligned.Spot.AsSpan(), aligned.Futures.AsSpan(), basis, window, step);
            int priceOffset = basis == HedgeRatioBasis.InputsAreChanges ? 0 : 1;
            var sec = report.Section($"Out of sample: estimate on {window} observations, apply to the next {window}" + (step is { } st ? $", every {st}" : ""));
            var table = sec.Table(null, "Estimated from", "Estimated to", "Hedge ratio", "Promised", "Applied from", "Applied to", "Realized", "Hindsight ratio", "Hindsight best");
            foreach (var w in t.Windows)
            {
                table.Row(aligned.Dates[w.EstimationStart], aligned.Dates[w.EstimationStart + w.Length - 1 + priceOffset],
                    Show.Number(w.Estimate.HedgeRatio, 4), Show.Percent(w.PromisedEffectiveness),
                    aligned.Dates[w.TestStart], aligned.Dates[w.TestStart + w.Length - 1 + priceOffset],
                    Show.Percent(w.RealizedEffectiveness), Show.Number(w.HindsightHedgeRatio, 4), Show.Percent(w.HindsightEffectiveness));
            }
            sec.Fact("Windows tested", t.Windows.Length)
               .Fact("Mean hedge ratio", Show.Number(t.MeanHedgeRatio, 4))
               .Fact("Mean promised effectiveness", Show.Percent(t.MeanPromisedEffectiveness))
               .Fact("Mean realized variance reduction", Show.Percent(t.MeanRealizedEffectiveness))
               .Fact("Pooled realized variance reduction", Show.Percent(t.PooledRealizedEffectiveness))
               .Note("Promised = in-sample effectiveness ρ² of the estimation window; Realized = 1 − Var(ΔS − h·ΔF)/Var(ΔS) in the next window with h from the previous one (Ederington 1979).")
               .Note("Hindsight ratio/best = the ratio and ρ² the applied window itself would have given (the most any constant ratio could remove there).");
        }
        return report;

        // A volatility of returns is a ratio (a percentage); of price changes (--basis diff) it is in price units.
        object? Vol(double v) => basis is HedgeRatioBasis.PricesToLogReturns or HedgeRatioBasis.PricesToSimpleReturns ? Show.Percent(v) : Show.Number(v, 6);
    }

    // ---------------------------------------------------------------- rebalance
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
        var lots = new Option<string[]>("--lot") { Description = "A tax lot ASSET:ID:QUANTITY:COST (repeat): the sale a bucket's short replaces is matched to its asset's lots.", AllowMultipleArgumentsPerToken = true };
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
            var report = BuildRebalance(pr.GetValue(targets)!.Select(ParseTarget).ToList(), pr.GetValue(band), hs, pr.GetValue(ffee), pr.GetValue(sfee), pr.GetValue(hedge));
            var inst = pr.GetValue(instruments) ?? [];
            if (inst.Length > 0)
            {
                var allocation = PortfolioAllocation.Analyze(AllocationTargets.Create(pr.GetValue(targets)!.Select(ParseTarget), pr.GetValue(band)), hs);
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
                        + $"{pos.Quantity} {pos.Contract.Symbol}); the bucket's exact excess is {Json.Text(allocation.Buckets.Where(b => b.Name.Equals(pos.Bucket, StringComparison.OrdinalIgnoreCase)).Sum(b => b.Value - b.TargetWeight * allocation.PortfolioValue) / inBucket[0].Price)} {l.Asset}.");
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
                var allocation = PortfolioAllocation.Analyze(AllocationTargets.Create(pr.GetValue(targets)!.Select(ParseTarget), pr.GetValue(band)), hs);
                var plan = Cli.About("--instrument", () => PlanDefinition.FromRebalancing(allocation, one.Bucket, one.Contract, pr.GetValue(leverage), stop)).WithRules(rules);
                AddBandRules(report, plan);
                PlanFiles.SaveIfAsked(pr, save, () => plan, report);
            }
            return report;
        });
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

    private static BucketInstrument ParseInstrument(ParseResult pr, string s)
    {
        var eq = s.Split('=');
        var at = eq.Length == 2 ? eq[1].Split('@') : [];
        if (eq.Length != 2 || at.Length != 2) throw new ArgumentException($"--instrument '{s}' must be bucket=SYMBOL@FUTURESPRICE.", "instrument");
        return new BucketInstrument(eq[0], ParseContract(pr, at[0]), ParseDecimal(at[1], "--instrument"));
    }

    private static (string Asset, TaxLot Lot) ParseAssetLot(string s)
    {
        int i = s.IndexOf(':', StringComparison.Ordinal);
        if (i <= 0) throw new ArgumentException($"--lot '{s}' must be ASSET:ID:QUANTITY:COST.", "lot");
        return (s[..i], StrategyCommands.ParseLot(s[(i + 1)..]));
    }

    public static Report BuildRebalance(IReadOnlyList<BucketTarget> targets, decimal band, IReadOnlyList<AssetHolding> holdings,
        decimal futuresFeeRate, decimal spotFeeRate, string? hedge)
    {
        var allocation = PortfolioAllocation.Analyze(AllocationTargets.Create(targets, band), holdings);
        var report = new Report("Rebalance against allocation targets");
        AddAllocation(report, allocation, futuresFeeRate, spotFeeRate);
        if (hedge is not null)
        {
            var parts = hedge.Split('=');
            if (parts.Length != 2) throw new ArgumentException($"--hedge '{hedge}' must be bucket=fraction.", nameof(hedge));
            AddHedgeFraction(report, allocation, parts[0], ParseDecimal(parts[1], "--hedge"));
        }
        return report;
    }

    internal static void AddAllocation(Report report, PortfolioAllocation allocation, decimal futuresFeeRate, decimal spotFeeRate)
    {
        var drift = report.Section("Weights and drift").Fact("Portfolio value", allocation.PortfolioValue, "USDT")
            .Fact("Tolerance band", Show.Percent(allocation.Targets.ToleranceBand));
        var t = drift.Table(null, "Bucket", "Value", "Weight", "Target", "Drift", "Outside band");
        foreach (var b in allocation.Buckets) t.Row(b.Name + (b.IsCash ? " (cash)" : ""), Show.Money(b.Value, "USDT"), Show.Percent(b.Weight), Show.Percent(b.TargetWeight), Show.Percent(b.Drift), b.OutsideBand);

        var plan = allocation.RestoringHedge(futuresFeeRate, spotFeeRate);
        var sec = report.Section("Back to target: futures hedge (spot untouched) or spot trades");
        var tt = sec.Table(null, "Bucket", "Value", "Target value", "Hedge notional", "Hedge side", "Effective exposure", "Spot trade", "Spot fee");
        foreach (var r in plan.Buckets)
            tt.Row(r.Name, Show.Money(r.Value, "USDT"), Show.Money(r.TargetValue, "USDT"), Show.Money(Math.Abs(r.HedgeNotional), "USDT"),
                r.IsCash ? "-" : r.HedgeNotional > 0 ? "short" : r.HedgeNotional < 0 ? "long" : "none",
                Show.Money(r.EffectiveExposure, "USDT"), Show.Money(r.SpotTrade, "USDT"), Show.Money(r.SpotFee, "USDT"));
        sec.Fact("Gross futures notional", plan.GrossHedgeNotional, "USDT")
           .Fact("Futures fees to open", plan.HedgeOpenFees, "USDT")
           .Fact("Futures fees round trip", plan.HedgeRoundTripFees, "USDT")
           .Fact("Gross spot traded", plan.GrossSpotTraded, "USDT")
           .Fact("Spot fees", plan.SpotFees, "USDT")
           .Note("Hedge notional H = value − target·P per risky bucket (short if positive, long if negative); a short's notional counts as synthetic cash.")
           .Note("Spot trade T = target·P − value (positive: buy). Funding on the hedge is not included; see `hedgemath plan`.");
    }

    internal static void AddHedgeFraction(Report report, PortfolioAllocation allocation, string bucket, decimal fraction)
    {
        var sec = report.Section($"\"Hedge {fraction:P0}\" of {bucket}: the two readings");
        var t = sec.Table(null, "Reading", "Notional", "Hedge ratio on holding", "Exposure after", "Exposure weight after", "Net short");
        foreach (var basis in new[] { HedgeFractionBasis.OfHolding, HedgeFractionBasis.OfPortfolio })
        {
            var h = allocation.HedgeFraction(bucket, fraction, basis);
            t.Row(basis == HedgeFractionBasis.OfHolding ? "of the holding" : "of the portfolio", Show.Money(h.Notional, "USDT"), Show.Percent(h.HedgeRatio),
                Show.Money(h.ExposureAfter, "USDT"), Show.Percent(h.ExposureWeightAfter), h.ExceedsHolding);
        }
        sec.Note("Of the holding: notional = fraction × bucket value. Of the portfolio: notional = fraction × portfolio value (exposure falls by that many points).");
    }

    // ---------------------------------------------------------------- parsing helpers (text → values; no domain logic)
    internal static HedgeRatioBasis ParseBasis(string s) => s.ToLowerInvariant() switch
    {
        "log" => HedgeRatioBasis.PricesToLogReturns,
        "simple" => HedgeRatioBasis.PricesToSimpleReturns,
        "diff" or "price-changes" => HedgeRatioBasis.PricesToPriceChanges,
        "changes" => HedgeRatioBasis.InputsAreChanges,
        _ => throw new ArgumentException($"--basis '{s}' must be log, simple, diff or changes.", "basis"),
    };

    internal static DateOnly? ParseDate(string? s, string option) =>
        s is null ? null
        : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ArgumentException($"{option} '{s}' must be a date yyyy-MM-dd.", option);

    internal static decimal ParseDecimal(string s, string option) =>
        Cli.TryParseDecimal(s, out var d) ? d
        : throw new ArgumentException($"{option}: '{s}' is not a number.", option);

    // Contract presets are shared with the margin commands (one list of symbols for the whole CLI).
    internal static Contract ParseContract(ParseResult pr, string s) => MarginCommands.Preset(pr, s);

    private static LadderTarget ParseTarget2(string s)
    {
        var p = s.Split(':');
        if (p.Length != 2) throw new ArgumentException($"--target '{s}' must be price:fraction.", "target");
        return new LadderTarget(ParseDecimal(p[0], "--target"), ParseDecimal(p[1], "--target"));
    }

    private static LadderEntry ParseEntry(string s)
    {
        var p = s.Split(':');
        if (p.Length is < 2 or > 3) throw new ArgumentException($"--entry '{s}' must be price:quantity[:stop] or price:rest[:stop].", "entry");
        var price = ParseDecimal(p[0], "--entry");
        decimal? stop = p.Length == 3 ? ParseDecimal(p[2], "--entry") : null;
        if (stop is { } st && (st <= 0m || st >= price)) throw new ArgumentException($"--entry '{s}': the stop {st} must be below the entry price {price} (a long's stop).", "entry");
        return p[1].Equals("rest", StringComparison.OrdinalIgnoreCase) ? LadderEntry.Rest(price, stop) : LadderEntry.At(price, ParseDecimal(p[1], "--entry"), stop);
    }

    /// <summary>A signal name checked against the one naming (<see cref="HedgeMath.Signals.SignalNames"/>), the error naming the option.</summary>
    internal static string SignalName(string name, string option) =>
        HedgeMath.Signals.SignalNames.TryParse(name, out _) ? name
        : throw new ArgumentException($"{option} '{name}' is not a signal name; use one of: {string.Join(", ", HedgeMath.Signals.SignalNames.All)}.", option.TrimStart('-'));

    private static BucketTarget ParseTarget(string s)
    {
        var nameWeight = s.Split('=');
        if (nameWeight.Length != 2) throw new ArgumentException($"--bucket '{s}' must be name=weight or name=weight:cash.", "bucket");
        var w = nameWeight[1].Split(':');
        bool cash = w.Length == 2 && w[1].Equals("cash", StringComparison.OrdinalIgnoreCase);
        if (w.Length > 2 || (w.Length == 2 && !cash)) throw new ArgumentException($"--bucket '{s}' must be name=weight or name=weight:cash.", "bucket");
        return new BucketTarget(nameWeight[0], ParseDecimal(w[0], "--bucket"), cash);
    }

    private static AssetHolding ParseHolding(string s)
    {
        var p = s.Split(':');
        if (p.Length != 4) throw new ArgumentException($"--holding '{s}' must be asset:bucket:quantity:price.", "holding");
        return new AssetHolding(p[0], p[1], ParseDecimal(p[2], "--holding"), ParseDecimal(p[3], "--holding"));
    }

}
