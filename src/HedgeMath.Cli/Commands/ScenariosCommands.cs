using HedgeMath.Engine;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using HedgeMath.Cli.Data;
using HedgeMath.Cli.Output;
using HedgeMath.Hedging;
using HedgeMath.Interactive;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath scenarios</c>, <c>simulate</c> and <c>backtest</c>: what a hedge does at a grid of prices, over simulated paths, and over real history.</summary>
internal static class ScenariosCommands
{
    public static IEnumerable<Command> Create() => [Scenarios(), Simulate(), Backtest()];

    private static readonly Option<string> SpotCandles = Deprecated(Cli.Optional("--spot-candles", "Spot candles file (date or date-time,open,high,low,close,volume); daily for simulate, any one interval for backtest (aligned with --perp-candles by timestamp); default the embedded Binance BTCUSDT daily spot file (--spot-csv: the old name, deprecated, removed in the next release).", "btcusdt_spot_daily.csv"), "--spot-csv");
    private static readonly Option<string> PerpCandles = Deprecated(Cli.Optional("--perp-candles", "Perpetual candles file, the same interval and timestamps as --spot-candles; default the embedded Binance BTCUSDT daily perpetual file (--perp-csv: the old name, deprecated, removed in the next release).", "btcusdt_perp_daily.csv"), "--perp-csv");
    private static readonly Option<string> FundingCsv = Cli.Optional("--funding-csv", "Funding CSV (time,funding_rate); default the embedded Binance BTCUSDT 8h funding file.", "btcusdt_funding_8h.csv");
    private static readonly Option<string?> Svg = new("--svg") { Description = "Write an SVG chart to this file." };

    /// <summary>Adds the old name of a renamed option as its alias for one release (Cli.DeprecatedAliases warns on use).</summary>
    private static Option<string> Deprecated(Option<string> option, string alias)
    {
        option.Aliases.Add(alias);
        return option;
    }

    // ---------------------------------------------------------------- scenarios
    private static Command Scenarios()
    {
        var qty = Cli.Optional("--quantity", "Spot holding in base units (BTC).", 1m);
        var price = Cli.Optional("--price", "Price at decision time (USDT).", 50_000m);
        var cost = new Option<decimal?>("--cost") { Description = "Cost basis per unit (default: the decision price)." };
        var ratios = Cli.Optional("--ratios", "Hedge ratios, comma-separated.", "0,0.25,0.5,0.75,1");
        var levs = Cli.Optional("--leverages", "Leverages, comma-separated.", "2,5,10");
        var from = Cli.Optional("--from-move", "Lowest price move (fraction).", -0.5m);
        var to = Cli.Optional("--to-move", "Highest price move (fraction).", 0.5m);
        var count = Cli.Optional("--moves", "Number of price moves.", 11);
        var days = Cli.Optional("--days", "Holding period in days (funding).", 30);
        var funding = Cli.Optional("--funding-rate", "Funding rate per 8h interval (0.0001 = 0.01 %).", 0.0001m);
        var symbol = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (BTCUSDT, ETHUSDT, BTCUSD COIN-M, …; list: hedgemath contracts). Fees are its taker rate.", "BTCUSDT");
        var stop = new Option<decimal?>("--stop-distance") { Description = "Stop-loss on the hedge as a fraction above entry (e.g. 0.1)." };
        var ratio = Cli.Optional("--ratio", "Hedge ratio of the detailed result and payoff chart.", 0.5m);
        var lev = Cli.Optional("--leverage", "Leverage of the detailed result and payoff chart.", 10m);
        var at = new Option<decimal?>("--at") { Description = "Price of the detailed result (default: −20 %)." };
        var cmd = new Command("scenarios", "Hedged vs unhedged net PnL over a grid of price moves x hedge ratios x leverages, on the hedge engine (any contract preset, COIN-M included).");
        foreach (Option o in new Option[] { qty, price, cost, ratios, levs, from, to, count, days, funding, symbol, stop, ratio, lev, at, Svg }) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            var contract = MarginCommands.Preset(pr, pr.GetValue(symbol)!);
            decimal p0 = Cli.Positive(pr.GetValue(price), "--price"), basis = pr.GetValue(cost) ?? p0;
            var terms = FundingTerms.Constant(pr.GetValue(funding), pr.GetValue(days));
            var grid = ScenarioGrid.Create(pr.GetValue(qty), basis, p0, ScenarioGrid.EvenMoves(pr.GetValue(from), pr.GetValue(to), pr.GetValue(count)),
                List(pr.GetValue(ratios)!, "--ratios"), List(pr.GetValue(levs)!, "--leverages"), contract, terms, pr.GetValue(stop));
            string quote = contract.QuoteAsset;
            var report = new Report("Scenario grid: hedged vs unhedged");
            report.Section("Assumptions")
                .Fact("Spot holding", grid.SpotQuantity, contract.BaseAsset).Fact("Decision price", p0, quote).Fact("Cost basis", basis, quote)
                .Fact("Contract", contract.ToString()).Fact("Holding period", terms.HoldingDays, "days").Fact("Funding per interval", Show.Rate(terms.RatePerInterval))
                .Fact("Taker fee", Show.Rate(contract.TakerFeeRate)).Fact("Stop above entry", Show.Percent(grid.StopDistance))
                .Note("Each cell: a straight move from the decision price to decision·(1+move) over the holding period, on the hedge engine: funding at each print "
                    + "at that time's price, the stop and liquidation applied where crossed; L = liquidated (isolated margin lost), S = stopped. Money in " + quote + ".");
            // The grid's tables are the shared table model's (the notebooks show the same rows); L = liquidated, S = stopped after the number.
            for (int l = 0; l < grid.Leverages.Length; l++)
            {
                var table = ResultTables.Grid(grid, l);
                Show.Rows(report.Section(table.Title), table);
            }
            var setup = ScenarioSetup.Create(grid.SpotQuantity, basis, p0, pr.GetValue(ratio), pr.GetValue(lev), contract,
                grid.StopDistance is { } sd ? p0 * (1m + sd) : null);
            var detail = Cli.About("--at", () =>
            {
                try { return setup.AtPrice(pr.GetValue(at) ?? p0 * 0.8m, terms); }
                catch (OverflowException e) { throw new ArgumentException($"--at {pr.GetValue(at)} is too large: the scenario overflows decimal.", "--at", e); }
            });
            AddResult(report, FormattableString.Invariant($"Detail: hedge {setup.HedgeRatio:P0} at {setup.Leverage}x, price {detail.Price:#,##0.##}"), detail, contract);
            if (pr.GetValue(Svg) is { } path)
            {
                WriteSvg(path, ScenarioCharts.Payoff(setup, p0 * 0.5m, p0 * 1.5m, 201, terms));
                report.Section("Chart").Fact("Payoff diagram", Path.GetFullPath(path));
            }
            return report;
        });
    }

    // ---------------------------------------------------------------- simulate
    private static Command Simulate()
    {
        var qty = Cli.Optional("--quantity", "Spot holding in base units (BTC).", 1m);
        var price = new Option<decimal?>("--price") { Description = "Starting price (default: the last spot close of the data)." };
        var ratios = Cli.Optional("--ratios", "Hedge ratios compared, comma-separated.", "0.25,0.5,0.75,1");
        var lev = Cli.Optional("--leverage", "Leverage of the hedges.", 3m);
        var days = Cli.Optional("--days", "Holding period in days: each path's length (one step a day).", 365);
        var paths = Cli.Optional("--paths", "Number of paths.", 10_000);
        var seed = Cli.Optional("--seed", "Random seed (same seed, same numbers).", 42UL);
        var model = Cli.Optional("--model", "Path model: bootstrap (real daily returns and funding, blocks) or gbm.", "bootstrap");
        var block = Cli.Optional("--block", "Bootstrap block length in days.", 10);
        var drift = Cli.Optional("--drift", "GBM annual drift.", 0d);
        var vol = new Option<double?>("--vol") { Description = "GBM annual volatility (default: realized volatility of the data)." };
        var symbol = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (BTCUSDT, ETHUSDT, BTCUSD COIN-M, …; list: hedgemath contracts). Fees are its taker rate.", "BTCUSDT");
        var stop = new Option<decimal?>("--stop-distance") { Description = "Stop-loss on the hedge as a fraction above entry." };
        var from = new Option<DateOnly?>("--from") { Description = "First day of the data window (default 2021-01-01 .. end of the perpetual data)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day of the data window." };
        var cmd = new Command("simulate", "Monte Carlo of hedged vs unhedged outcomes (block bootstrap of real BTC returns with real funding, or GBM).");
        foreach (Option o in new Option[] { qty, price, ratios, lev, days, paths, seed, model, block, drift, vol, symbol, stop, from, to, SpotCandles, PerpCandles, FundingCsv, Svg }) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            var history = History(pr, pr.GetValue(from) ?? new DateOnly(2021, 1, 1), pr.GetValue(to));
            if (history.Interval != TimeSpan.FromDays(1))
                throw new ArgumentException(FormattableString.Invariant(
                    $"simulate steps in days and needs daily candles; --spot-candles/--perp-candles have {Candle.IntervalName(history.Interval)} candles (backtest replays them as they are)."), SpotCandles.Name);
            decimal p0 = pr.GetValue(price) ?? history.Spot[^1].Close;
            double realized = history.RealizedVolatility();
            PricePathModel m = pr.GetValue(model) switch
            {
                "bootstrap" => history.Bootstrap(pr.GetValue(block)),
                "gbm" => PricePathModel.Gbm(pr.GetValue(drift), pr.GetValue(vol) ?? realized, history.FundingOfReturnDays()),
                var other => throw new ArgumentException($"--model must be 'bootstrap' or 'gbm'; got '{other}'.", "model"),
            };
            var contract = MarginCommands.Preset(pr, pr.GetValue(symbol)!);
            var spec = MonteCarloSpec.Create(pr.GetValue(qty), p0, List(pr.GetValue(ratios)!, "--ratios"), pr.GetValue(lev), contract,
                pr.GetValue(days), pr.GetValue(paths), pr.GetValue(seed), pr.GetValue(stop));
            var result = MonteCarlo.Run(spec, m);
            var report = new Report("Monte Carlo: hedged vs unhedged");
            report.Section("Assumptions")
                .Fact("Spot holding", spec.SpotQuantity, contract.BaseAsset).Fact("Starting price", p0, contract.QuoteAsset).Fact("Contract", contract.ToString()).Fact("Leverage", spec.Leverage, "x")
                .Fact("Paths", spec.Paths).Fact("Days per path", spec.Steps).Fact("Seed", spec.Seed.ToString(CultureInfo.InvariantCulture))
                .Fact("Model", result.Model).Fact("Data window", FormattableString.Invariant($"{history.Dates[0]:yyyy-MM-dd} .. {history.Dates[^1]:yyyy-MM-dd}"))
                .Fact("Realized volatility of the data", Show.Percent(realized)).Fact("Taker fee", Show.Rate(contract.TakerFeeRate)).Fact("Stop above entry", Show.Percent(spec.StopDistance))
                .Note("PnL in " + contract.QuoteAsset + " against the starting price (an inverse hedge's coin at the path's last price); VaR/CVaR 95 % as positive losses; "
                    + "variance reduction = 1 − Var(hedged)/Var(unhedged). Stops and liquidation are checked between the daily closes (Brownian-bridge high).");
            AddMonteCarlo(report, result);
            if (pr.GetValue(Svg) is { } path)
            {
                WriteSvg(path, ScenarioCharts.Histogram(result));
                report.Section("Chart").Fact("PnL histogram", Path.GetFullPath(path));
            }
            return report;
        });
    }

    // ---------------------------------------------------------------- backtest
    private static Command Backtest()
    {
        var qty = Cli.Optional("--quantity", "Spot held throughout, in base units (BTC).", 1m);
        var policy = Cli.Optional("--policy", "static (the same ratio every day), trend (--raised-ratio while the close is below its --sma-day average, else --ratio) or signals (--raised-ratio while RSI/MACD/Bollinger confluence is bearish, none while it is bullish, else --ratio).", "static");
        var ratio = Cli.Optional("--ratio", "Default hedge ratio.", 0.5m);
        var raised = Cli.Optional("--raised-ratio", "Hedge ratio while the trend condition holds (policy trend).", 0.75m);
        var sma = Cli.Optional("--sma", "Moving-average length of the trend condition, days.", 100);
        var lev = Cli.Optional("--leverage", "Leverage of the hedge.", 2m);
        var stop = new Option<decimal?>("--stop-distance") { Description = "Stop-loss on the hedge as a fraction above entry." };
        var rehedge = Cli.Optional("--rehedge", "Bring the hedge back to its target size every this many days, trading only the difference (0 = only on changes).", 30);
        var symbol = Cli.Optional("--symbol", "Futures contract in the catalog on --exchange (BTCUSDT, ETHUSDT, BTCUSD COIN-M, …; list: hedgemath contracts). Fees are its taker rate.", "BTCUSDT");
        var mark = Cli.Optional("--mark-source", "Mark price for stops and liquidation: spot (default; the spot candles as the index proxy) or last (the perpetual's own prices).", "spot");
        var dropAt = new Option<decimal?>("--reduce-after-drop") { Description = "Close part of the hedge once the price has fallen this fraction below its entry (e.g. 0.2)." };
        var dropClose = Cli.Optional("--reduce-fraction", "The fraction of the hedge --reduce-after-drop closes.", 0.5m);
        var from = new Option<DateOnly?>("--from") { Description = "First day (default: the first day both candle files have)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day (default: the last day both candle files have)." };
        var compare = new Option<decimal?>("--compare") { Description = "Also replay a static hedge of this ratio (same leverage, stop, re-hedge and fee) and draw it on the same chart." };
        var cmd = new Command("backtest", "Replay a hedge policy bar by bar (daily or intraday candles) over real spot, perpetual and funding data; hedged vs unhedged equity.");
        foreach (Option o in new Option[] { qty, policy, ratio, raised, sma, lev, stop, rehedge, symbol, mark, dropAt, dropClose, from, to, compare, SpotCandles, PerpCandles, FundingCsv, Svg }) cmd.Options.Add(o);
        return cmd.Handles(pr =>
        {
            var history = History(pr, pr.GetValue(from), pr.GetValue(to));
            var contract = MarginCommands.Preset(pr, pr.GetValue(symbol)!);
            var markSource = pr.GetValue(mark)!.Trim().ToLowerInvariant() switch
            {
                "spot" => TriggerPrice.Mark,
                "last" => TriggerPrice.Last,
                var other => throw new ArgumentException($"--mark-source must be 'spot' or 'last'; got '{other}'.", "--mark-source"),
            };
            // The policies are plan templates (issue 28: one plan model, one replay): one short leg at --ratio, the levels as
            // While rules, re-opened at the next bar after a stop; PlanHistory replays them. A bad --sma is never silently
            // ignored: it is checked whatever the policy.
            int smaBars = pr.GetValue(sma);
            Cli.About("--sma", () => PlanCondition.BelowMovingAverage(smaBars));
            var holding = SpotHolding.Create(contract.BaseAsset, Cli.Positive(pr.GetValue(qty), "--quantity"), history.Spot[0].Close, contract.QuoteAsset);
            var legStop = pr.GetValue(stop) is { } sd ? Cli.About("--stop-distance", () => LegStop.AtDistance(sd)) : null;
            // A bad ratio or leverage is named by the leg (ratio → --ratio, leverage → --leverage); --compare's ratio by --compare.
            PlanLeg Leg(decimal r) => new(contract, r, pr.GetValue(lev), Side.Short, MarginMode.Isolated, legStop);
            var leg = Leg(pr.GetValue(ratio));
            int every = pr.GetValue(rehedge);
            if (every < 0) throw new ArgumentException($"--rehedge must be 0 or more; got {every}.", "--rehedge");
            PlanRule[] drop = pr.GetValue(dropAt) is { } da
                ? [new PlanRule(Cli.About("--reduce-after-drop", () => PlanCondition.BelowEntry(da)), Cli.About("--reduce-fraction", () => RuleAction.CloseFraction(pr.GetValue(dropClose))),
                    RuleTrigger.OncePerPosition, FormattableString.Invariant($"close {pr.GetValue(dropClose):P0} after a {da:P0} drop"))]
                : [];
            var plan = pr.GetValue(policy) switch
            {
                "static" => PlanDefinition.StaticHedge(holding, leg, every, drop),
                "trend" => PlanDefinition.TrendHedge(holding, leg, smaBars, pr.GetValue(raised), every, drop),
                "signals" => PlanDefinition.SignalHedge(holding, leg, pr.GetValue(raised), every, drop),
                var other => throw new ArgumentException($"--policy must be 'static', 'trend' or 'signals'; got '{other}'.", "policy"),
            };
            var result = Replay(history, plan, markSource);
            var report = new Report("Backtest: hedged vs unhedged over real history");
            AddReplay(report, result, interval: history.Interval);
            var results = new List<ReplayResult> { result };
            if (pr.GetValue(compare) is { } cr)
            {
                var other = Replay(history, PlanDefinition.StaticHedge(holding, Cli.About("--compare", () => Leg(cr)), every), markSource);
                AddReplay(report, other, "Compared: ", history.Interval);
                results.Add(other);
            }
            if (pr.GetValue(Svg) is { } path)
            {
                WriteSvg(path, ScenarioCharts.EquityCurves(results));
                report.Section("Chart").Fact("Equity curves", Path.GetFullPath(path));
            }
            return report;
        });
    }

    /// <summary>
    /// A plan replayed over the history (the history clock). The hedge's size comes from the spot held: a hedge the engine
    /// cannot open or trade (a notional beyond the contract's tiers) is an error of --quantity.
    /// </summary>
    internal static ReplayResult Replay(MarketHistory history, PlanDefinition plan, TriggerPrice mark)
    {
        try { return PlanHistory.Run(history, plan, mark: mark); }
        catch (ArgumentException e) when (e.ParamName is not "history")
        {
            throw new ArgumentException($"--quantity: {Cli.OneLine(e.Message)}", "--quantity", e);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("--quantity is too large: the hedge overflows decimal (about ±7.9e28).", "--quantity", e);
        }
    }

    // ---------------------------------------------------------------- shared
    /// <summary>A scenario's detail: prices to the contract's tick, money in its quote asset to the cent (the hedge's own net also in the settlement asset).</summary>
    internal static void AddResult(Report report, string title, ScenarioResult r, HedgeMath.Positions.Contract contract)
    {
        var table = ResultTables.Scenario(r, contract);
        Show.Rows(Show.Facts(report.Section(title), table), table);
    }

    internal static void AddMonteCarlo(Report report, MonteCarloResult result)
    {
        var table = ResultTables.MonteCarlo(result);
        Show.Rows(report.Section(table.Title), table);
    }

    internal static void AddReplay(Report report, ReplayResult r, string prefix = "", TimeSpan? interval = null, string asset = "BTC")
    {
        bool daily = (interval ?? TimeSpan.FromDays(1)) == TimeSpan.FromDays(1);
        string bars = daily ? "days" : Candle.IntervalName(interval!.Value) + " bars";
        report.Section(prefix + "Policy").Fact("Policy", r.Policy).Fact("Spot held", r.SpotQuantity, asset).Fact("Mark price", r.MarkSource.ToString().ToLowerInvariant())
            .Fact("Window", FormattableString.Invariant($"{r.Dates[0]:yyyy-MM-dd} .. {r.Dates[^1]:yyyy-MM-dd} ({r.Dates.Length} {bars})"));
        var table = ResultTables.Replay(r);
        Show.Rows(report.Section(prefix + table.Title), table);
        Show.Facts(report.Section(prefix + "The hedge"), table);
    }

    private static MarketHistory History(ParseResult pr, DateOnly? from, DateOnly? to)
    {
        var history = MarketHistory.Align(
            EmbeddedData.CandlesFromPathOrEmbedded(pr.GetValue(SpotCandles)!, SpotCandles.Name), EmbeddedData.CandlesFromPathOrEmbedded(pr.GetValue(PerpCandles)!, PerpCandles.Name),
            EmbeddedData.FundingFromPathOrEmbedded(pr.GetValue(FundingCsv)!, FundingCsv.Name), from, to);
        if (history.Dates.Length < 2)
            throw new ArgumentException(FormattableString.Invariant(
                $"--from/--to leave {history.Dates.Length} common day(s) of spot, perpetual and funding data; at least 2 are needed."), "--from");
        return history;
    }

    private static ImmutableArray<decimal> List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = ImmutableArray.CreateBuilder<decimal>(items.Length);
        foreach (var item in items)
        {
            if (!Cli.TryParseDecimal(item, out var v))
                throw new ArgumentException($"{option} must be a comma-separated list of decimal numbers (each at most about 7.9e28); '{item}' in '{text}' is not one.", option);
            values.Add(v);
        }
        if (values.Count == 0) throw new ArgumentException($"{option} must list at least one number; got '{text}'.", option);
        return values.ToImmutable();
    }

    internal static void WriteSvg(string path, string svg)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("--svg must name a file to write.", "--svg");
        if (Directory.Exists(path)) throw new ArgumentException($"--svg '{path}' is a directory; give a file name such as chart.svg.", "--svg");
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null) Directory.CreateDirectory(dir);
            File.WriteAllText(path, svg);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            throw new ArgumentException($"--svg '{path}' cannot be written: {Cli.OneLine(e.Message)}", "--svg", e);
        }
    }
}
