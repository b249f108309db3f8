using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary>
/// The futures calculator: <c>margin</c>, <c>liquidation</c>, <c>pnl</c>, <c>target-price</c>, <c>max-open</c>,
/// <c>breakeven</c>. Every number comes from HedgeMath.Positions / HedgeMath.Margin; this file only maps options to
/// library calls and library results to reports.
/// </summary>
internal static class MarginCommands
{
    public static IEnumerable<Command> All()
    {
        yield return MarginCommand();
        yield return LiquidationCommand();
        yield return PnlCommand();
        yield return TargetPriceCommand();
        yield return MaxOpenCommand();
        yield return BreakevenCommand();
        yield return RiskCommand();
    }

    // ---------------------------------------------------------------- options

    private static Option<string> SymbolOption() =>
        Cli.Optional("--symbol", "Contract symbol in the catalog on --exchange, e.g. BTCUSDT, ETHUSDT, SOLUSDT (Binance USDⓈ-M), BTCUSD (Binance COIN-M inverse); list: hedgemath contracts.", "BTCUSDT");
    private static Option<string> SideOption() => Cli.Required<string>("--side", "long or short.");
    private static Option<decimal> QtyOption() => Cli.Required<decimal>("--quantity", "Position size: base units (BTCUSDT/ETHUSDT) or contracts (BTCUSD; OKX swaps: 1 BTC-USDT-SWAP contract = 0.01 BTC).");
    private static Option<decimal> EntryOption() => Cli.Required<decimal>("--entry", "Entry price.");
    private static Option<decimal?> MarkOption() => Cli.Optional<decimal?>("--mark", "Mark price (default: the entry price).", null);
    private static Option<decimal> LeverageOption() => Cli.Optional("--leverage", "Leverage (initial margin rate = 1/leverage).", 10m);
    private static Option<string> ModeOption() => Cli.Optional("--mode", "isolated or cross (cross: a one-position cross account whose wallet is --margin).", "isolated");
    private static Option<decimal?> MarginOption() =>
        Cli.Optional<decimal?>("--margin", "Isolated margin, or the cross wallet balance, in the settlement asset (default: the initial margin).", null);
    private static Option<string?> RuleOption() =>
        Cli.Optional<string?>("--rule", "Liquidation rule: binance-usdm, binance-coinm, bybit (linear: MM at entry, the catalog default; inverse: UTA), bybit-uta (linear, Unified Trading Account: fee to close in the bankruptcy price), okx (default: the contract's own exchange rule).", null);

    private sealed record PositionOptions(Option<string> Symbol, Option<string> Side, Option<decimal> Qty, Option<decimal> Entry,
        Option<decimal?> Mark, Option<decimal> Leverage, Option<string> Mode, Option<decimal?> Margin, Option<string?> Rule)
    {
        public static PositionOptions AddTo(Command c)
        {
            var o = new PositionOptions(SymbolOption(), SideOption(), QtyOption(), EntryOption(), MarkOption(), LeverageOption(),
                ModeOption(), MarginOption(), RuleOption());
            foreach (var opt in new Option[] { o.Symbol, o.Side, o.Qty, o.Entry, o.Mark, o.Leverage, o.Mode, o.Margin, o.Rule }) c.Options.Add(opt);
            return o;
        }
    }

    // ---------------------------------------------------------------- commands

    private static Command MarginCommand()
    {
        var cmd = new Command("margin", "Margin picture of a futures position: initial and maintenance margin, tier, margin ratio, liquidation and bankruptcy price, under each exchange rule.");
        var o = PositionOptions.AddTo(cmd);
        return cmd.Handles(pr =>
        {
            var (position, mark, rule, snapshot) = Evaluate(pr, o);
            var report = new Report($"Margin: {position}");
            AddPosition(report, position, mark);
            AddSnapshot(report, snapshot, $"Margin ({RuleName(snapshot.Rule)})");
            AddRuleComparison(report, position, mark, pr.GetValue(o.Mode));
            return report;
        });
    }

    private static Command LiquidationCommand()
    {
        var cmd = new Command("liquidation", "Liquidation price of a position (tier at the liquidation price), by leverage, and the highest leverage that keeps liquidation beyond a stop.");
        var o = PositionOptions.AddTo(cmd);
        var stop = Cli.Optional<decimal?>("--stop", "Stop price: also solve the highest leverage whose liquidation price stays beyond it.", null);
        var buffer = Cli.Optional("--buffer", "Safety buffer between stop and liquidation, as a fraction of the stop price (0.01 = 1 %).", 0.01m);
        cmd.Options.Add(stop);
        cmd.Options.Add(buffer);
        return cmd.Handles(pr =>
        {
            var (position, mark, rule, s) = Evaluate(pr, o);
            var report = new Report($"Liquidation: {position}");
            var unit = s.SettlementAsset;
            var k = position.Contract;
            report.Section($"Liquidation ({RuleName(s.Rule)})")
                .Fact("Liquidation price", Show.Price(s.LiquidationPrice, k, MidpointRounding.ToZero))
                .Fact("Liquidation price (tick)", Show.Price(s.LiquidationPrice is { } lp ? k.RoundPrice(lp, MidpointRounding.ToZero) : null, k))
                .Fact("Tier at liquidation", s.LiquidationTier?.Tier)
                .Fact("Bankruptcy price", Show.Price(s.BankruptcyPrice, k))
                .Fact("Distance to liquidation", Percent(s.DistanceToLiquidation))
                .Fact("Wallet balance", s.WalletBalance, unit)
                .Note(s.LiquidationPrice is null ? "No positive price liquidates this position." : "The exchange liquidates when the mark price reaches the liquidation price.");

            var table = report.Section("By leverage (isolated, margin = initial margin)").Table(null, "Leverage", "Initial margin", "Liquidation price", "Distance");
            var max = position.Contract.MaxLeverageFor(position.Quantity, position.EntryPrice);
            foreach (var lev in new[] { 1m, 2m, 3m, 5m, 10m, 20m, 25m, 50m, 75m, 100m, 125m })
            {
                if (lev > max) break;
                var p = Position.Open(position.Contract, position.Side, position.Quantity, position.EntryPrice, lev);
                var ls = MarginCalc.Isolated(p, mark, rule);
                table.Row(lev, Show.Money(p.InitialMargin(), unit), Show.Price(ls.LiquidationPrice, k, MidpointRounding.ToZero), Percent(ls.DistanceToLiquidation));
            }

            if (pr.GetValue(stop) is { } stopPrice)
            {
                var r = MarginCalc.MaxLeverageForStop(position.Contract, position.Side, position.Quantity, position.EntryPrice, stopPrice, pr.GetValue(buffer), rule);
                report.Section("Highest leverage for the stop")
                    .Fact("Stop price", Show.Price(stopPrice, k))
                    .Fact("Liquidation must be beyond", Show.Price(r.RequiredLiquidationPrice, k))
                    .Fact("Highest leverage", r.Leverage, "x")
                    .Fact("Exact leverage", r.ExactLeverage, "x")
                    .Fact("Least margin", r.MinimumMargin, unit)
                    .Fact("Margin to post", r.Margin, unit)
                    .Fact("Liquidation price", Show.Price(r.LiquidationPrice, k, MidpointRounding.ToZero))
                    .Note(r.Margin > position.EntryNotional / r.Leverage ? "Even 1x is not enough: add the difference as extra isolated margin." : "The stop fires before liquidation.");
            }
            return report;
        });
    }

    private static Command RiskCommand()
    {
        var cmd = new Command("risk",
            "Batch risk of many isolated positions at their marks (the fast double path, MarginBatch): liquidation price, margin ratio, distance to liquidation.");
        var csv = Cli.Required<string>("--positions-csv", "Positions CSV with a header: side,quantity,entry,margin,mark[,leverage] (quantity in base units, or contracts for BTCUSD; margin = isolated wallet; leverage: every row or none, needed by Bybit's Unified Trading Account rules).");
        var symbol = SymbolOption();
        var rule = RuleOption();
        cmd.Options.Add(csv);
        cmd.Options.Add(symbol);
        cmd.Options.Add(rule);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var r = ParseRule(pr.GetValue(rule), contract);
            var path = pr.GetValue(csv)!;
            var rows = ReadPositions(path);
            int n = rows.Length;
            var side = rows.Select(x => x.Side).ToArray();
            double[] q = [.. rows.Select(x => (double)x.Quantity)], ep = [.. rows.Select(x => (double)x.EntryPrice)];
            double[] wb = [.. rows.Select(x => (double)x.Margin)], mark = [.. rows.Select(x => (double)x.MarkPrice)];
            double[] lp = new double[n], ratio = new double[n], dist = new double[n];
            if (rows[0].Leverage is not null)
                MarginBatch.Isolated(contract, side, q, ep, wb, [.. rows.Select(x => (double)x.Leverage!.Value)], mark, lp, ratio, dist, r);
            else if (r is LiquidationRule.BybitLinearUnified or LiquidationRule.BybitInverse)
                throw new ArgumentException($"--positions-csv: {RuleName(r)} counts the margin above the initial margin net of the closing fee, so it needs each position's leverage: add a sixth column, leverage.", "--positions-csv");
            else
                MarginBatch.Isolated(contract, side, q, ep, wb, mark, lp, ratio, dist, r);
            var report = new Report($"Risk: {n} isolated {contract.Symbol} positions ({RuleName(r)})");
            int liquidatable = dist.Count(d => d < 0), within5 = dist.Count(d => d >= 0 && d < 0.05);
            report.Section("Book")
                .Fact("Positions", n)
                .Fact("Liquidatable now", liquidatable)
                .Fact("Within 5 % of liquidation", within5)
                .Note("Computed by the double batch path (MarginBatch.Isolated): agrees with the decimal path to 1e-9; MarginCalc stays the reference.");
            var t = report.Section("Positions").Table(null, "Position", "Side", "Quantity", "Entry", "Mark", "Liquidation price", "Margin ratio", "Distance");
            for (int i = 0; i < n; i++)
                t.Row(i + 1, side[i].ToString(), Show.Quantity(q[i], contract), Show.Price(ep[i], contract), Show.Price(mark[i], contract),
                    Show.Price(lp[i], contract, MidpointRounding.ToZero), Show.Percent(ratio[i]), Show.Percent(dist[i]));
            return report;
        });
    }

    /// <summary>The positions file (<see cref="PositionsCsv"/>, the format <c>positions import --out</c> writes); a bad row names its line and column.</summary>
    private static System.Collections.Immutable.ImmutableArray<PositionsCsvRow> ReadPositions(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--positions-csv '{path}' is not a readable file.", "--positions-csv");
        using var reader = File.OpenText(path);
        try { return PositionsCsv.Parse(reader); }
        catch (ArgumentException e) { throw new ArgumentException($"--positions-csv '{path}': {Cli.OneLine(e.Message)}", "--positions-csv", e); }
    }

    private static Command PnlCommand()
    {
        var cmd = new Command("pnl", "Profit of a trade from entry to exit: gross PnL, fees, funding, net, return on margin.");
        var symbol = SymbolOption(); var side = SideOption(); var qty = QtyOption(); var entry = EntryOption(); var leverage = LeverageOption();
        var exit = Cli.Required<decimal>("--exit", "Exit price.");
        var funding = Cli.Optional("--funding-amount", "Funding over the holding period as a cash flow (+ received, − paid), in the settlement asset.", 0m);
        var makerOpen = Cli.Optional("--maker-open", "Maker rate on the open (default taker).", false);
        var makerClose = Cli.Optional("--maker-close", "Maker rate on the close (default taker).", false);
        foreach (var opt in new Option[] { symbol, side, qty, entry, leverage, exit, funding, makerOpen, makerClose }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var p = Position.Open(contract, ParseSide(pr.GetValue(side)!), pr.GetValue(qty), pr.GetValue(entry), pr.GetValue(leverage));
            var x = pr.GetValue(exit);
            bool mkOpen = pr.GetValue(makerOpen), mkClose = pr.GetValue(makerClose);
            var gross = p.UnrealizedPnl(x);
            var fees = Fees.RoundTrip(contract, p.Quantity, p.EntryPrice, x, mkOpen, mkClose);
            var f = pr.GetValue(funding);
            var net = p.NetPnl(x, f, mkOpen, mkClose);
            var unit = contract.SettlementAsset;
            var report = new Report($"PnL: {p} → {x}");
            report.Section("Result")
                .Fact("Initial margin", p.InitialMargin(), unit)
                .Fact("Gross PnL", gross, unit)
                .Fact("Fees (open + close)", fees, unit)
                .Fact("Funding", f, unit)
                .Fact("Net PnL", net, unit)
                .Fact("ROE (Binance calculator)", Show.Percent(p.ReturnOnInitialMargin(x)))
                .Fact("Net return on initial margin", Show.Percent(net / p.InitialMargin()))
                .Note("ROE = PnL / initial margin at entry (Binance futures calculator); open fee at the " + (mkOpen ? "maker" : "taker")
                    + " rate, close fee at the " + (mkClose ? "maker" : "taker") + " rate.");
            return report;
        });
    }

    private static Command TargetPriceCommand()
    {
        var cmd = new Command("target-price", "Exit price that reaches a target return on margin (Binance calculator 'Target Price').");
        var symbol = SymbolOption(); var side = SideOption(); var entry = EntryOption(); var leverage = LeverageOption();
        var roe = Cli.Required<decimal>("--roe", "Target return on initial margin in percent (50 = +50 %, −20 = −20 %).");
        foreach (var opt in new Option[] { symbol, side, entry, leverage, roe }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var p = Position.Open(contract, ParseSide(pr.GetValue(side)!), contract.LotStep, pr.GetValue(entry), pr.GetValue(leverage));
            var target = p.TargetPrice(pr.GetValue(roe) / 100m);
            var report = new Report($"Target price: {p.Side} {contract.Symbol} @ {p.EntryPrice} {p.Leverage}x for {pr.GetValue(roe)} %");
            report.Section("Result")
                .Fact("Target price", Show.Price(target, contract))
                .Fact("Target price (tick)", Show.Price(contract.RoundPrice(target), contract))
                .Fact("Move from entry", Show.Percent(target / p.EntryPrice - 1m))
                .Note(contract.Type == ContractType.Linear
                    ? "Linear: entry · (1 + side · ROE / leverage)."
                    : "Inverse: entry / (1 − side · ROE / leverage).");
            return report;
        });
    }

    private static Command MaxOpenCommand()
    {
        var cmd = new Command("max-open", "Largest position a balance can open at a leverage within the tier limits.");
        var symbol = SymbolOption(); var entry = EntryOption(); var leverage = LeverageOption();
        var balance = Cli.Required<decimal>("--balance", "Available balance in the settlement asset (USDT, or BTC for BTCUSD).");
        var reserve = Cli.Optional("--reserve-fee", "Keep the taker fee of the open out of the balance.", false);
        foreach (var opt in new Option[] { symbol, entry, leverage, balance, reserve }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var r = MarginCalc.MaxOpenQuantity(contract, pr.GetValue(balance), pr.GetValue(entry), pr.GetValue(leverage), pr.GetValue(reserve));
            var report = new Report($"Max open: {contract.Symbol} at {pr.GetValue(leverage)}x with {pr.GetValue(balance)} {contract.SettlementAsset}");
            report.Section("Result")
                .Fact("Quantity", Show.Quantity(r.Quantity, contract), contract.Type == ContractType.Linear && contract.ContractSize == 1m ? contract.BaseAsset : "contracts")
                .Fact("Notional", r.Notional, r.SettlementAsset)
                .Fact("Initial margin", r.InitialMargin, r.SettlementAsset)
                .Fact("Open fee (taker)", r.OpenFee, r.SettlementAsset)
                .Fact("Limited by", r.LimitedByTier ? "tier cap for this leverage" : "balance");
            return report;
        });
    }

    private static Command BreakevenCommand()
    {
        var cmd = new Command("breakeven", "Exit price at which a trade breaks even after open and close fees.");
        var symbol = SymbolOption(); var side = SideOption(); var entry = EntryOption();
        var makerOpen = Cli.Optional("--maker-open", "Maker rate on the open (default taker).", false);
        var makerClose = Cli.Optional("--maker-close", "Maker rate on the close (default taker).", false);
        foreach (var opt in new Option[] { symbol, side, entry, makerOpen, makerClose }) cmd.Options.Add(opt);
        return cmd.Handles(pr =>
        {
            var contract = Preset(pr, pr.GetValue(symbol)!);
            var p = Position.Open(contract, ParseSide(pr.GetValue(side)!), contract.LotStep, pr.GetValue(entry), 1m);
            var be = Fees.BreakevenPrice(p, pr.GetValue(makerOpen), pr.GetValue(makerClose));
            var report = new Report($"Breakeven: {p.Side} {contract.Symbol} @ {p.EntryPrice}");
            report.Section("Result")
                .Fact("Breakeven price", Show.Price(be, contract, p.Side == Side.Long ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity))
                .Fact("Breakeven price (tick, safe side)", Show.Price(contract.RoundPrice(be, p.Side == Side.Long ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity), contract))
                .Fact("Move from entry", Show.Percent(be / p.EntryPrice - 1m))
                .Fact("Open fee rate", Show.Rate(pr.GetValue(makerOpen) ? contract.MakerFeeRate : contract.TakerFeeRate))
                .Fact("Close fee rate", Show.Rate(pr.GetValue(makerClose) ? contract.MakerFeeRate : contract.TakerFeeRate));
            return report;
        });
    }

    // ---------------------------------------------------------------- mapping

    private static (Position Position, decimal Mark, LiquidationRule Rule, MarginSnapshot Snapshot) Evaluate(ParseResult pr, PositionOptions o)
    {
        var contract = Preset(pr, pr.GetValue(o.Symbol)!);
        var side = ParseSide(pr.GetValue(o.Side)!);
        var mode = ParseMode(pr.GetValue(o.Mode)!);
        var rule = ParseRule(pr.GetValue(o.Rule), contract);
        var qty = pr.GetValue(o.Qty);
        var entry = pr.GetValue(o.Entry);
        var mark = pr.GetValue(o.Mark) ?? entry;
        var margin = pr.GetValue(o.Margin);
        if (mode == MarginMode.Isolated)
        {
            var p = Position.Open(contract, side, qty, entry, pr.GetValue(o.Leverage), MarginMode.Isolated, margin);
            return (p, mark, rule, MarginCalc.Isolated(p, mark, rule));
        }
        var cross = Position.Open(contract, side, qty, entry, pr.GetValue(o.Leverage), MarginMode.Cross);
        var account = CrossAccount.Create(contract.SettlementAsset, margin ?? cross.InitialMargin(), [cross]);
        return (cross, mark, rule, MarginCalc.Cross(account, cross, new Dictionary<string, decimal> { [contract.Symbol] = mark }, rule));
    }

    private static void AddPosition(Report report, Position p, decimal mark)
    {
        var c = p.Contract;
        report.Section("Position")
            .Fact("Contract", $"{c.Symbol} ({c.Type}, settles in {c.SettlementAsset})")
            .Fact("Side", p.Side.ToString())
            .Fact("Quantity", Show.Quantity(p.Quantity, c), c.Type == ContractType.Linear && c.ContractSize == 1m ? c.BaseAsset : "contracts")
            .Fact("Entry price", Show.Price(p.EntryPrice, c))
            .Fact("Mark price", Show.Price(mark, c))
            .Fact("Leverage", p.Leverage, "x")
            .Fact("Margin mode", p.MarginMode.ToString())
            .Fact("Unrealized PnL", p.UnrealizedPnl(mark), c.SettlementAsset)
            .Fact("ROE (at mark)", Percent(p.Roe(mark)))
            .Fact("Open fee (taker)", p.OpenFee(), c.SettlementAsset);
    }

    internal static void AddSnapshot(Report report, MarginSnapshot s, string title)
    {
        var unit = s.SettlementAsset;
        var k = s.Position.Contract;
        report.Section(title)
            .Fact("Rule", RuleName(s.Rule))
            .Fact("Notional", s.Notional, unit)
            .Fact("Initial margin", s.InitialMargin, unit)
            .Fact("Maintenance margin", s.MaintenanceMargin, unit)
            .Fact("Tier", $"{s.Tier.Tier} (MMR {MarginCommands.Num(s.Tier.MaintenanceMarginRate * 100m)} %, cum {MarginCommands.Num(s.Tier.MaintenanceAmount)}, max {MarginCommands.Num(s.Tier.MaxLeverage)}x)")
            .Fact("Wallet balance", s.WalletBalance, unit)
            .Fact("Margin balance", s.MarginBalance, unit)
            .Fact("Margin ratio", Percent(s.MarginRatio))
            .Fact("Liquidation price", Show.Price(s.LiquidationPrice, k, MidpointRounding.ToZero))
            .Fact("Tier at liquidation", s.LiquidationTier?.Tier)
            .Fact("Bankruptcy price", Show.Price(s.BankruptcyPrice, k))
            .Fact("Distance to liquidation", Percent(s.DistanceToLiquidation))
            .Note(s.LiquidationPrice is null ? "No liquidation price: no positive mark price liquidates this position." : $"Money figures in {unit}; prices in {s.Position.Contract.QuoteAsset}.");
    }

    private static void AddRuleComparison(Report report, Position p, decimal mark, string? mode)
    {
        if (p.MarginMode != MarginMode.Isolated) return;
        var rules = p.Contract.Type == ContractType.Linear
            ? new[] { LiquidationRule.BinanceUsdM, LiquidationRule.BybitLinear, LiquidationRule.BybitLinearUnified, LiquidationRule.OkxGate }
            : new[] { LiquidationRule.BinanceCoinM, LiquidationRule.BybitInverse, LiquidationRule.OkxGate };
        var t = report.Section("The same position under each exchange rule").Table(null, "Rule", "Maintenance margin", "Liquidation price", "Distance");
        foreach (var r in rules)
        {
            var s = MarginCalc.Isolated(p, mark, r);
            t.Row(RuleName(r), Show.Money(s.MaintenanceMargin, s.SettlementAsset), Show.Price(s.LiquidationPrice, p.Contract, MidpointRounding.ToZero), Percent(s.DistanceToLiquidation));
        }
    }

    // A ratio (a distance, a margin ratio, an ROE) shown as a percentage in text and kept as the ratio in --json, as every
    // command does (docs/cli.md); one beyond decimal's range as a percentage (a mark near 1e-28) is an input error naming --mark.
    private static Shown? Percent(decimal? fraction)
    {
        if (fraction is not { } f) return null;
        if (Math.Abs(f) > decimal.MaxValue / 100m)
            throw new ArgumentException("--mark is so far from the liquidation price that the distance does not fit in decimal; give a realistic mark price.", "--mark");
        return Show.Percent(f);
    }

    /// <summary>The catalog contract of <c>--exchange</c> and <c>--symbol</c> (BTCUSD on the default exchange means Binance COIN-M BTCUSD_PERP).</summary>
    internal static Contract Preset(ParseResult pr, string symbol)
    {
        var exchange = pr.GetValue(Cli.Exchange) ?? "binance-usdm";
        var s = symbol.Trim();
        if (string.Equals(exchange, "binance-usdm", StringComparison.OrdinalIgnoreCase)
            && (s.Equals("BTCUSD", StringComparison.OrdinalIgnoreCase) || s.Equals("BTCUSD_PERP", StringComparison.OrdinalIgnoreCase)))
            return Contracts.BinanceCoinMBtcUsd;
        if (string.Equals(exchange, "binance-coinm", StringComparison.OrdinalIgnoreCase) && !s.Contains('_'))
            s += "_PERP";
        // A fresher overlay fetched with `contracts refresh` wins over the embedded catalog (HedgeMath.Exchanges.ContractOverlays).
        if (ContractOverlays.Freshest(ContractOverlays.Load(), exchange, s) is { } fresh) return fresh.Contract;
        if (Contracts.TryFind(exchange, s, out var c)) return c;
        try { return Contracts.Find(exchange, s); }
        catch (ArgumentException ex) { throw new ArgumentException($"--exchange {exchange} --symbol {symbol}: {ex.Message.Split(" (Parameter")[0]}", "symbol", ex); }
    }

    private static Side ParseSide(string side) => side.Trim().ToLowerInvariant() switch
    {
        "long" or "buy" => Side.Long,
        "short" or "sell" => Side.Short,
        _ => throw new ArgumentException($"--side '{side}' must be long or short.", "side"),
    };

    private static MarginMode ParseMode(string mode) => mode.Trim().ToLowerInvariant() switch
    {
        "isolated" => MarginMode.Isolated,
        "cross" => MarginMode.Cross,
        _ => throw new ArgumentException($"--mode '{mode}' must be isolated or cross.", "mode"),
    };

    private static LiquidationRule ParseRule(string? rule, Contract contract) => rule?.Trim().ToLowerInvariant() switch
    {
        null or "" => MarginCalc.DefaultRule(contract),
        "binance" => contract.Type == ContractType.Inverse ? LiquidationRule.BinanceCoinM : LiquidationRule.BinanceUsdM,
        "binance-usdm" or "binanceusdm" or "usdm" => LiquidationRule.BinanceUsdM,
        "binance-coinm" or "binancecoinm" or "coinm" => LiquidationRule.BinanceCoinM,
        "bybit" => contract.Type == ContractType.Inverse ? LiquidationRule.BybitInverse : LiquidationRule.BybitLinear,
        "bybit-linear" or "bybitlinear" or "bybit-classic" => LiquidationRule.BybitLinear,
        "bybit-uta" or "bybit-unified" or "bybitlinearunified" => LiquidationRule.BybitLinearUnified,
        "bybit-inverse" or "bybitinverse" => LiquidationRule.BybitInverse,
        "okx" or "gate" or "okx-gate" or "okxgate" => LiquidationRule.OkxGate,
        _ => throw new ArgumentException($"--rule '{rule}' must be binance-usdm, binance-coinm, bybit (linear: MM at entry; inverse: UTA), bybit-uta or okx.", "rule"),
    };

    internal static string Num(decimal d) => d.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture);

    internal static string RuleName(LiquidationRule r) => r switch
    {
        LiquidationRule.BinanceUsdM => "Binance USDⓈ-M",
        LiquidationRule.BinanceCoinM => "Binance COIN-M",
        LiquidationRule.BybitLinear => "Bybit linear classic (MM at entry)",
        LiquidationRule.BybitLinearUnified => "Bybit linear (UTA isolated)",
        LiquidationRule.OkxGate => "OKX/Gate (closing fee included)",
        LiquidationRule.BybitInverse => "Bybit inverse (UTA isolated)",
        _ => r.ToString(),
    };
}
