using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// <c>hedgemath plan show FILE</c> and <c>hedgemath plan check FILE --candles C [--funding F]</c>: a saved plan document in words, and
/// the plan's status on the latest bar of a candle history (the now clock, <see cref="PlanHistory.Now(PlanDefinition, IReadOnlyList{Candle}, IReadOnlyList{FundingEvent}?, HedgeMath.Signals.SignalOptions?)"/>).
/// </summary>
internal static class PlanFileCommands
{
    /// <summary>Exit code of <c>plan check</c> when the latest bar asks for an action (0: nothing due; 2: bad input).</summary>
    public const int ActionDue = 1;

    /// <summary>Adds <c>show</c> and <c>check</c> under the <c>plan</c> command.</summary>
    public static Command AddTo(Command plan)
    {
        plan.Subcommands.Add(ShowCommand());
        plan.Subcommands.Add(CheckCommand());
        plan.Subcommands.Add(PlanAtCommand.Create());
        return plan;
    }

    /// <summary>The plan document argument (a path to a JSON plan, docs/plan.schema.json).</summary>
    internal static Argument<string> FileArgument() => new("FILE") { Description = "A plan document (JSON, docs/plan.schema.json), e.g. written by `hedgemath plan ... --save FILE`." };

    // ---------------------------------------------------------------- plan show
    private static Command ShowCommand()
    {
        var file = FileArgument();
        var cmd = new Command("show", "A saved plan in words: holdings, hedge legs, stops, rules and what follows a stop.");
        cmd.Arguments.Add(file);
        return cmd.Handles(pr =>
        {
            var plan = PlanFiles.Load(pr.GetValue(file)!, file.Name);
            var report = new Report($"Plan: {plan.Name}");
            AddDefinition(report, plan);
            if (pr.GetValue(Cli.Json)) report.Section("Document").Fact("Plan", JsonNode.Parse(PlanDocument.Save(plan)));
            return report;
        });
    }

    /// <summary>The plan in words: holdings, legs, rules, the plan-wide settings.</summary>
    internal static void AddDefinition(Report report, PlanDefinition plan, string titlePrefix = "")
    {
        var h = report.Section(titlePrefix + "Holdings").Table(null, "Asset", "Quantity", "Average cost", "Quote");
        foreach (var x in plan.Holdings) h.Row(x.Asset, x.Quantity, Show.Money(x.AverageCost, x.QuoteAsset), x.QuoteAsset);
        var legs = report.Section(titlePrefix + "Hedge legs").Table(null, "Leg", "Contract", "Side", "Ratio", "Leverage", "Margin", "Stop", "Take profit");
        for (int i = 0; i < plan.Legs.Length; i++)
        {
            var l = plan.Legs[i];
            legs.Row(i, $"{l.Contract.Symbol} ({l.Contract.Exchange}, {(l.Contract.Type == ContractType.Linear ? "linear" : "inverse")}){(l.IsCrossHedge ? $", hedging {l.Hedges} by value" : "")}",
                l.Side == Side.Short ? "short" : "long", l.Ratio, l.Leverage, l.MarginMode == MarginMode.Isolated ? "isolated" : "cross",
                StopText(l.Stop), Show.Price(l.TakeProfit, l.Contract.TickSize));
        }
        var rules = report.Section(titlePrefix + "Rules");
        if (plan.Rules.IsEmpty) rules.Note("none: the legs hold their ratios until a stop, a take-profit or liquidation");
        var t = rules.Table(null, "Rule", "When", "Do", "Trigger");
        for (int i = 0; i < plan.Rules.Length; i++)
        {
            var r = plan.Rules[i];
            t.Row(i, r.When.Name, r.Action.ToString(), TriggerText(r.Trigger));
        }
        var planSection = report.Section(titlePrefix + "Plan")
            .Fact("Spot quantity", plan.SpotQuantity, plan.Asset);
        // A plan over several assets: the other assets held, and the assets whose candles its runs need.
        foreach (var a in plan.Assets.Skip(1).Where(a => plan.SpotQuantityOf(a) != 0m)) planSection.Fact($"Spot quantity ({a})", plan.SpotQuantityOf(a), a);
        if (plan.Assets.Length > 1) planSection.Fact("Assets (candles: --candles ASSET=FILE each)", string.Join(", ", plan.Assets));
        planSection
            .Fact("Leverage cap", plan.LeverageCap, "x")
            .Fact("After a stop or liquidation", ReentryText(plan.AfterExit))
            .Fact("Re-hedge every", plan.RehedgeEveryDays == 0 ? "only on changes" : plan.RehedgeEveryDays.ToString(CultureInfo.InvariantCulture) + " days")
            .Fact("Spot fee rate", Show.Percent(plan.SpotFeeRate))
            .Fact("Cross wallet", plan.CrossWallet)
            .Note("A rule fires on the bar whose close makes its condition true; stops and liquidation come first, then the rules in this order (docs/plans.md).");
        var warnings = report.Section(titlePrefix + "Warnings");
        if (plan.Warnings.IsEmpty) { warnings.Note("none"); return; }
        var wt = warnings.Table(null, "Code", "Message");
        foreach (var x in plan.Warnings) wt.Row(x.Code.ToString(), x.Message);
    }

    private static string StopText(LegStop? s) => s is null ? "none" : s.Kind switch
    {
        LegStopKind.Price => string.Create(CultureInfo.InvariantCulture, $"at {s.Value:#,0.##########}"),
        LegStopKind.Distance => string.Create(CultureInfo.InvariantCulture, $"{s.Value * 100m:0.####} % from entry"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{s.Value} × ATR({LegStop.AtrPeriods}) from entry"),
    } + (s.Trigger == TriggerPrice.Last ? ", on last" : ", on mark") + (s.Slippage > 0m ? string.Create(CultureInfo.InvariantCulture, $", slippage {s.Slippage * 100m:0.##} %") : "");

    private static string TriggerText(RuleTrigger t) => t switch
    {
        RuleTrigger.Edge => "each time it turns true",
        RuleTrigger.Once => "once",
        RuleTrigger.While => "while true",
        _ => "once per position",
    };

    private static string ReentryText(PlanReentry r) =>
        !r.ReEnters ? "stay flat until a rule sets a ratio" : r.When is null ? "re-enter at the next bar" : $"re-enter when {r.When.Name}";

    // ---------------------------------------------------------------- plan check
    private static Command CheckCommand()
    {
        var file = FileArgument();
        var candles = PlanMarketFiles.CandlesOption("Candles of the holding's market, oldest first, the last one 'now': any layout `signals --candles` reads (generic CSV, Binance kline CSV, Binance/Bybit/OKX kline JSON); a path or an embedded file name.", required: true);
        var funding = PlanRunCommands.FundingOption();
        var from = Cli.Optional<string?>("--from", "First day of the candles used (yyyy-MM-dd): the plan starts at that bar (default: the first candle).", null);
        var to = Cli.Optional<string?>("--to", "Last day of the candles used (yyyy-MM-dd): its candle is 'now' (default: the last candle).", null);
        var cmd = new Command("check", "A saved plan on the latest bar of its candles: each rule's state and why, distances to stop and liquidation, margin to keep, orders to place now. Exit 0: nothing due; 1: an action is due; 2: bad input.");
        cmd.Arguments.Add(file);
        cmd.Options.Add(candles);
        cmd.Options.Add(funding);
        cmd.Options.Add(from);
        cmd.Options.Add(to);
        var due = new ConditionalWeakTable<ParseResult, StrongBox<bool>>();
        cmd.Handles(pr =>
        {
            var plan = PlanFiles.Load(pr.GetValue(file)!, file.Name);
            var all = PlanMarketFiles.Candles(plan, pr.GetValue(candles), candles.Name);
            var fundings = PlanMarketFiles.Funding(plan, pr.GetValue(funding), funding.Name);
            var bars = all[0];
            var first = HedgingCommands.ParseDate(pr.GetValue(from), from.Name);
            var last = HedgingCommands.ParseDate(pr.GetValue(to), to.Name);
            if (plan.IsMultiAssetPlan())
            {
                // Several assets: each asset's candles in the window, one history per asset over the bars all of them have.
                var markets = PlanMarketFiles.Histories(plan, [.. all.Select(b => b.Where(x => (first is null || x.Date >= first) && (last is null || x.Date <= last)).ToImmutableArray())],
                    fundings, null, null);
                if (markets[plan.Asset].Length < 2)
                    throw new ArgumentException($"{candles.Name}: the assets' candles share {markets[plan.Asset].Length} bar(s); at least 2 are needed.", candles.Name);
                PlanStatus multi;
                try { multi = PlanHistory.Now(markets, plan); }
                catch (ArgumentException e) when (e.ParamName is "plan" or "markets")
                {
                    throw new ArgumentException($"{file.Name} '{pr.GetValue(file)}': {Cli.OneLine(e.Message)}", file.Name, e);
                }
                due.AddOrUpdate(pr, new StrongBox<bool>(multi.ActionDue));
                var multiReport = new Report($"Plan check: {plan.Name} at {multi.Time:yyyy-MM-dd HH:mm} UTC: {(multi.ActionDue ? "action due" : "nothing due")}");
                AddStatus(multiReport, multi);
                return multiReport;
            }
            if (first is not null || last is not null)
            {
                bars = [.. bars.Where(b => (first is null || b.Date >= first) && (last is null || b.Date <= last))];
                if (bars.Length < 2)
                    throw new ArgumentException($"{(first is null ? to.Name : from.Name)}: --from/--to leave {bars.Length} candle(s) of {candles.Name}; at least 2 are needed.", first is null ? to.Name : from.Name);
            }
            IReadOnlyList<FundingEvent>? prints = fundings[0] is { } f ? f : null;
            PlanStatus status;
            try { status = PlanHistory.Now(plan, bars, prints); }
            catch (ArgumentException e) when (e.ParamName is "plan" or "history")
            {
                throw new ArgumentException($"{file.Name} '{pr.GetValue(file)}': {Cli.OneLine(e.Message)}", file.Name, e);
            }
            catch (ArgumentException e) when (e.ParamName == "funding")
            {
                throw new ArgumentException($"{funding.Name}: {Cli.OneLine(e.Message)}", funding.Name, e);
            }
            due.AddOrUpdate(pr, new StrongBox<bool>(status.ActionDue));
            var report = new Report($"Plan check: {plan.Name} at {status.Time:yyyy-MM-dd HH:mm} UTC: {(status.ActionDue ? "action due" : "nothing due")}");
            AddStatus(report, status);
            return report;
        });
        var inner = (SynchronousCommandLineAction)cmd.Action!;
        cmd.SetAction(pr =>
        {
            int rc = inner.Invoke(pr);
            return rc == 0 && due.TryGetValue(pr, out var box) && box.Value ? ActionDue : rc;
        });
        return cmd;
    }

    /// <summary>The now status: the latest close, each rule and why, each leg, the orders to place now.</summary>
    internal static void AddStatus(Report report, PlanStatus s, string titlePrefix = "")
    {
        var plan = s.Plan;
        string q = s.QuoteAsset;
        // Futures prices at the first leg's tick; a spot plan (no legs) has none: its prices are money in the quote asset.
        // A plan whose first leg is on another asset (a cross leg: SOL with BTCUSDT) shows the first asset's closes as money too.
        bool ownTick = !plan.Legs.IsEmpty && string.Equals(plan.Legs[0].Contract.BaseAsset, plan.Asset, StringComparison.OrdinalIgnoreCase);
        Shown? Px(decimal price) => ownTick ? Show.Price(price, plan.Legs[0].Contract.TickSize) : Show.Money(price, q);
        report.Section(titlePrefix + "Now")
            .Fact("Latest close", s.Time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Fact("Bars", s.State.Bars)
            .Fact("Spot close", Show.Money(s.SpotClose, q), q)
            .Fact("Mark close", Px(s.MarkClose), q)
            .Fact("Last close", Px(s.LastClose), q)
            .Fact("Equity", s.Equity, q)
            .Fact("Plan PnL", s.Pnl, q)
            .Fact("Margin to keep", s.MarginInQuote, q)
            .Fact("Action due", s.ActionDue)
            .Note("The plan stepped through every bar (stops and liquidation first, then the rules in order); equity and PnL in the quote asset, an inverse leg's coin at the last close.");

        var rules = report.Section(titlePrefix + "Rules");
        if (s.Rules.IsEmpty) rules.Note("none");
        var rt = rules.Table(null, "Rule", "When", "Do", "Holds", "Armed", "Fired now", "To trigger", "To trigger %", "Why");
        foreach (var r in s.Rules)
            rt.Row(r.Index, r.Rule.When.Name, r.Rule.Action.ToString(), r.Held, r.Armed, r.FiredOnLastBar ? "fired" : r.IdleOnLastBar ? "idle" : "no",
                Show.Money(r.DistanceToTrigger, q), Show.Percent(r.DistanceToTriggerFraction), r.Why);
        if (s.Rules.Any(r => r.TriggerPrice is not null))
            rules.Note("To trigger: how far the spot close still has to move to a price rule's level (up for at-or-above, down for at-or-below; 0 or less: there).");

        var legs = report.Section(titlePrefix + "Legs");
        if (s.Legs.IsEmpty) legs.Note("none: a spot plan, whose rules buy and sell spot");
        var lt = legs.Table(null, "Leg", "Contract", "Held ratio", "Position", "Quantity", "Entry", "Stop", "Stop on", "To stop", "To stop %",
            "Liquidation", "To liquidation", "To liquidation %", "Margin", "Margin asset");
        foreach (var l in s.Legs)
        {
            var c = l.Leg.Contract;
            lt.Row(l.Index, c.Symbol, l.HeldRatio, l.Position is null ? "flat" : l.Position.Side == Side.Short ? "short" : "long",
                Show.Quantity(l.Quantity, c.LotStep), Show.Price(l.EntryPrice, c.TickSize), Show.Price(l.StopPrice, c.TickSize),
                l.StopTrigger is { } tr ? (tr == TriggerPrice.Mark ? "mark" : "last") : null,
                Show.Price(l.DistanceToStop, c.TickSize), Show.Percent(l.DistanceToStopFraction),
                l.LiquidationPrice is { } lp ? Show.Price(c.RoundPrice(lp, MidpointRounding.ToZero), c.TickSize) : null,
                Show.Price(l.DistanceToLiquidation, c.TickSize), Show.Percent(l.DistanceToLiquidationFraction),
                Show.Money(l.Margin, l.SettlementAsset), l.SettlementAsset);
        }
        legs.Note("Distances are how far the price can move against the leg: the stop from the close of the price it watches, liquidation from the mark close; a negative distance is already beyond.")
            .Note("Margin to keep: an isolated leg's posted margin, a cross leg's initial margin at the mark (the engine's margin, MarginCalc).");

        var orders = report.Section(titlePrefix + "Orders to place now");
        if (s.Orders.IsEmpty) orders.Note("none: no position is open and nothing is due");
        var ot = orders.Table(null, "Order", "Side", "Symbol", "Quantity", "Reduce only", "Trigger price", "Trigger on", "Reason");
        foreach (var o in s.Orders)
        {
            var c = o.Leg >= 0 ? plan.Legs[o.Leg].Contract : null;
            ot.Row(o.Kind switch { PlanOrderKind.Market => o.IsSpot ? "spot market" : "market", PlanOrderKind.StopMarket => "stop market", _ => "take-profit market" },
                o.Side == Side.Long ? "buy" : "sell", o.Symbol, c is null ? o.Quantity : Show.Quantity(o.Quantity, c.LotStep), o.ReduceOnly,
                c is null ? null : Show.Price(o.TriggerPrice, c.TickSize), o.Trigger is { } tr ? (tr == TriggerPrice.Mark ? "mark" : "last") : null, o.Reason);
        }
        orders.Note("Market orders are the trades the plan made at the latest close; stop and take-profit orders are the standing protection of each open leg (replace the ones on the exchange when they differ).")
            .Note("Quantities in contracts at the lot step (spot: base units); trigger prices at the tick, rounded toward the entry.");

        var events = report.Section(titlePrefix + "Events on the latest bar");
        if (s.Events.IsEmpty) events.Note("none");
        foreach (var e in s.Events) events.Note($"{e.Kind}: {e.Detail}");
    }
}

/// <summary>Reading and writing plan documents for the CLI: one error naming the option (or argument) and, for a bad document, the JSON path.</summary>
internal static class PlanFiles
{
    /// <summary>Loads a plan document from a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="option">The option or argument that named it (in errors).</param>
    /// <returns>The validated plan.</returns>
    /// <exception cref="ArgumentException">No such file, a directory, an unreadable file, or a bad document (the message names <paramref name="option"/>, the file and the JSON path).</exception>
    public static PlanDefinition Load(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} must name a plan file (JSON).", option);
        if (Directory.Exists(path)) throw new ArgumentException($"{option} '{path}' is a directory, not a plan file.", option);
        if (!File.Exists(path)) throw new ArgumentException($"{option} '{path}': no such file.", option);
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option} '{path}' cannot be read: {Cli.OneLine(e.Message)}", option, e);
        }
        try { return PlanDocument.Load(json); }
        catch (ArgumentException e) { throw new ArgumentException($"{option} '{path}': {Cli.OneLine(e.Message)}", option, e); }
    }

    /// <summary>Writes a plan document to a file (creating its directory).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="path">The file.</param>
    /// <param name="option">The option that named it (in errors).</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException">The plan cannot be a document, or the file cannot be written (the message names <paramref name="option"/>).</exception>
    public static string Save(PlanDefinition plan, string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} must name a file to write.", option);
        if (Directory.Exists(path)) throw new ArgumentException($"{option} '{path}' is a directory; give a file name such as plan.json.", option);
        string json;
        try { json = PlanDocument.Save(plan); }
        catch (ArgumentException e) { throw new ArgumentException($"{option}: this plan cannot be saved: {Cli.OneLine(e.Message)}", option, e); }
        try
        {
            var full = Path.GetFullPath(path);
            var dir = Path.GetDirectoryName(full);
            if (dir is not null) Directory.CreateDirectory(dir);
            File.WriteAllText(full, json);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new ArgumentException($"{option} '{path}' cannot be written: {Cli.OneLine(e.Message)}", option, e);
        }
    }

    /// <summary>The <c>--save FILE</c> option of a command that prints a plan.</summary>
    public static Option<string?> SaveOption() =>
        Cli.Optional<string?>("--save", "Write the plan as a plan document (JSON, docs/plan.schema.json) to this file, for `hedgemath plan show` / `plan check`.", null);

    /// <summary>Saves the plan when <c>--save</c> was given and says where in the report.</summary>
    public static void SaveIfAsked(ParseResult pr, Option<string?> save, Func<PlanDefinition> plan, Report report)
    {
        if (pr.GetValue(save) is not { } path) return;
        var full = Save(Cli.About(save.Name, plan), path, save.Name);
        report.Section("Saved").Fact("Plan file", full).Note($"Check it on new candles: hedgemath plan check {path} --candles FILE");
    }
}
