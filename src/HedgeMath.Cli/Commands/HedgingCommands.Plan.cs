using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath plan</c>: its options and handler, its parsing, its rendering.</summary>
internal static partial class HedgingCommands
{
    // ---------------------------------------------------------------- plan: options and handler
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
            if (pr.GetValue(raiseSignal) is { } rs) rules.Add(ParseRaiseRule(rs, plan));
            var report = new Report($"Hedge plan: {holding.Quantity} {holding.Asset} hedged {plan.HedgeRatio} with {plan.Contract.Symbol} at {plan.Leverage}x");
            AddPlan(report, plan, rules);
            if (pr.GetValue(fundingFile) is null && pr.GetValue(from) is { } lonely)
                throw new ArgumentException($"--from ({lonely}) is the start of the --funding-csv window; give --funding-csv too.", "--from");
            if (pr.GetValue(fundingFile) is { } ff)
            {
                var start = ParseDate(pr.GetValue(from), "--from") ?? throw new ArgumentException("--from is required with --funding-csv.", "--from");
                AddHistoricalFunding(report, plan, EmbeddedData.FundingFromPathOrEmbedded(ff, "--funding-csv"), start);
            }
            var prices = pr.GetValue(at) ?? [];
            if (prices.Length > 0) Cli.About("--at", () => { AddOutcomes(report, plan, prices); return 0; });
            PlanFiles.SaveIfAsked(pr, save, () => PlanDefinition.FromHedgePlan(plan, rules, PlanReentry.StayFlat, stopFollowsEntry: false), report);
            return report;
        });
    }

    // ---------------------------------------------------------------- plan: parsing
    /// <summary>
    /// BETA:CORRELATION:SPOTVOL (what `hedge-ratio` prints for daily log returns) as a minimum-variance estimate
    /// (<see cref="MinimumVarianceHedge.FromEstimate"/> derives the futures and residual volatilities).
    /// </summary>
    internal static MinimumVarianceHedge ParseEstimate(string s)
    {
        var p = s.Split(':');
        if (p.Length != 3) throw new ArgumentException($"--hedge-estimate '{s}' must be BETA:CORRELATION:SPOTVOL, e.g. 1.1722:0.5775:0.0621.", "hedge-estimate");
        double Num(string x) => double.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new ArgumentException($"--hedge-estimate '{s}': '{x}' is not a finite number.", "hedge-estimate");
        double beta = Num(p[0]), rho = Num(p[1]), vol = Num(p[2]);
        try { return MinimumVarianceHedge.FromEstimate(beta, rho, vol); }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--hedge-estimate '{s}': the beta and the spot volatility must be above 0 and the correlation in (0, 1].", "hedge-estimate", e);
        }
    }

    /// <summary><c>--raise-on-signal NAME:RATIO</c>: the plan rule that holds RATIO (above the plan's own) while the signal is active.</summary>
    private static PlanRule ParseRaiseRule(string rs, HedgePlan plan)
    {
        var parts = rs.Split(':');
        if (parts.Length != 2) throw new ArgumentException($"--raise-on-signal '{rs}' must be NAME:RATIO, e.g. rsi-extreme:0.75.", "raise-on-signal");
        var when = PlanCondition.Signal(SignalName(parts[0], "--raise-on-signal"));
        decimal raised = ParseDecimal(parts[1], "--raise-on-signal");
        if (raised <= plan.HedgeRatio || raised > HedgePlan.MaxHedgeRatio)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--raise-on-signal '{rs}': the raised ratio must be above the plan's ratio {plan.HedgeRatio} and at most {HedgePlan.MaxHedgeRatio}."), "raise-on-signal");
        return new PlanRule(when, RuleAction.RaiseTo(raised), RuleTrigger.While,
            string.Create(CultureInfo.InvariantCulture, $"raise the hedge ratio to {raised} while {parts[0]} is active"));
    }

    // ---------------------------------------------------------------- plan: rendering
    /// <summary>The funding the plan's hedge would have received over its holding period from <paramref name="start"/> (<see cref="HedgePlan.FundingOver"/>).</summary>
    private static void AddHistoricalFunding(Report report, HedgePlan plan, IReadOnlyList<HedgeMath.Market.FundingEvent> funding, DateOnly start)
    {
        var t0 = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var total = plan.FundingOver(funding, t0, t0.AddDays(plan.Options.HoldingPeriodDays));
        report.Section($"Historical funding over {plan.Options.HoldingPeriodDays} days from {start:yyyy-MM-dd}")
            .Fact("Funding events", total.EventCount).Fact("Sum of rates", total.RateSum)
            .Fact("Funding to the hedge", total.Amount, total.SettlementAsset)
            .Note("Positive = received (a short receives at a positive rate). Notional held at the entry price.");
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
}
