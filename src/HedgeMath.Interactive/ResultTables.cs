using System.Globalization;

namespace HedgeMath.Interactive;

/// <summary>
/// The library's results as <see cref="ResultTable"/>s: the one place that decides which rows a scenario, a grid, a
/// Monte Carlo run and a replay show, and what each value is (money in which asset, a price to which tick). The
/// <c>hedgemath</c> CLI prints these tables and the notebooks display them. Thread-safe (pure).
/// </summary>
public static class ResultTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A scenario, hedged against unhedged: price, spot, futures, fees, funding and net PnL, margin, liquidation and stop
    /// prices, the worst point (rows; money in the quote asset, prices to the tick); how the hedge ended, at what price,
    /// and (a hedge that settles in a coin) its net in that coin (facts).
    /// </summary>
    /// <param name="result">The scenario result.</param>
    /// <param name="contract">The hedge's contract, for its tick and assets; null: prices to the cent and money in the quote currency, unnamed.</param>
    /// <returns>The table: metric, hedged, unhedged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static ResultTable Scenario(ScenarioResult result, Contract? contract = null)
    {
        var r = Guard.NotNull(result);
        decimal tick = contract?.TickSize ?? 0.01m;
        string? quote = contract?.QuoteAsset;
        TableValue Money(decimal? v) => TableValue.Money(v, quote);
        TableValue Price(decimal? v) => TableValue.Price(v, tick);
        TableValue[][] rows =
        [
            [TableValue.Words("Price"), Price(r.Price), Price(r.Price)],
            [TableValue.Words("Spot PnL (vs decision)"), Money(r.SpotPnl), Money(r.UnhedgedPnl)],
            [TableValue.Words("Futures PnL"), Money(r.FuturesPnl), Money(null)],
            [TableValue.Words("Fees"), Money(-r.Fees), Money(null)],
            [TableValue.Words("Funding"), Money(r.Funding), Money(null)],
            [TableValue.Words("Net PnL (vs decision)"), Money(r.NetPnl), Money(r.UnhedgedPnl)],
            [TableValue.Words("Net PnL (vs cost basis)"), Money(r.NetPnlVsCost), Money(r.UnhedgedPnlVsCost)],
            [TableValue.Words("Initial margin"), Money(r.InitialMargin), Money(null)],
            [TableValue.Words("Liquidation price"), Price(r.LiquidationPrice), Price(null)],
            [TableValue.Words("Stop price"), Price(r.StopPrice), Price(null)],
            [TableValue.Words("Worst mark price"), Price(r.WorstMarkPrice), Price(null)],
            [TableValue.Words("Margin balance at worst"), Money(r.MarginBalanceAtWorst), Money(null)],
            [TableValue.Words("Maintenance margin at worst"), Money(r.MaintenanceMarginAtWorst), Money(null)],
        ];
        var facts = new List<KeyValuePair<string, TableValue>>
        {
            new("Hedge exit", TableValue.Words(ExitName(r.Exit))),
            new("Exit price", TableValue.Price(r.ExitPrice, tick, truncate: r.Exit == HedgeExit.Liquidated)),
        };
        bool coinSettled = r.SettlementAsset != "" && (contract is null ? !ValueFormat.IsCents(r.SettlementAsset) : r.SettlementAsset != contract.QuoteAsset);
        if (coinSettled) facts.Add(new("Hedge net in " + r.SettlementAsset, TableValue.Money(r.HedgeNetInSettlement, r.SettlementAsset)));
        string title = string.Create(Inv, $"Hedge {r.HedgeRatio:P0} at {r.Leverage}x, price {r.Price:#,##0.##}");
        return new ResultTable(title, ["metric", "hedged", "unhedged"], rows, facts);
    }

    /// <summary>
    /// Net PnL of one leverage of a grid after fees and funding: a row per price move (the move, the price, the unhedged
    /// PnL), a column per hedge ratio; a cell whose hedge was liquidated is marked "L", stopped "S".
    /// </summary>
    /// <param name="grid">The grid.</param>
    /// <param name="leverage">Index into <see cref="ScenarioGrid.Leverages"/>.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grid"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is out of range.</exception>
    public static ResultTable Grid(ScenarioGrid grid, int leverage)
    {
        Guard.NotNull(grid);
        if (leverage < 0 || leverage >= grid.Leverages.Length) Guard.ThrowOutOfRange(nameof(leverage), leverage, $"must be an index in [0, {grid.Leverages.Length - 1}]");
        var contract = grid.Contract;
        string quote = contract.QuoteAsset;
        var rows = new List<TableValue[]>(grid.PriceMoves.Length);
        for (int m = 0; m < grid.PriceMoves.Length; m++)
        {
            var first = grid.Cell(m, 0, leverage);
            var row = new List<TableValue>
            {
                TableValue.Words(grid.PriceMoves[m].ToString("+0.##%;-0.##%;0%", Inv)), TableValue.Price(first.Price, contract.TickSize), TableValue.Money(first.UnhedgedPnl, quote),
            };
            for (int h = 0; h < grid.HedgeRatios.Length; h++)
            {
                var c = grid.Cell(m, h, leverage);
                row.Add(TableValue.Money(c.NetPnl, quote) with { Marker = c.Exit switch { HedgeExit.Liquidated => "L", HedgeExit.Stopped => "S", _ => null } });
            }
            rows.Add([.. row]);
        }
        return new ResultTable(string.Create(Inv, $"Net PnL at {grid.Leverages[leverage]}x ({quote})"),
            ["move", "price", "unhedged", .. grid.HedgeRatios.Select(r => "h=" + r.ToString("0.##", Inv))], rows,
            [new("Contract", TableValue.Words(contract.Symbol)), new("Funding", TableValue.Words(grid.Funding.ToString())),
             new("Marks", TableValue.Words("L = liquidated, S = stopped"))]);
    }

    /// <summary>
    /// A Monte Carlo run's outcome per strategy (unhedged first): mean, median, standard deviation, 95 % VaR and CVaR (as
    /// positive losses), worst, the probabilities of liquidation and of the stop, and the variance reduction against
    /// unhedged; money in the contract's quote asset.
    /// </summary>
    /// <param name="result">The Monte Carlo result.</param>
    /// <returns>The table, one row per strategy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static ResultTable MonteCarlo(MonteCarloResult result)
    {
        Guard.NotNull(result);
        string q = result.Spec.Contract.QuoteAsset;
        var rows = result.Strategies.Select(s => new[]
        {
            TableValue.Words(s.Name), TableValue.Money(s.Mean, q), TableValue.Money(s.Median, q), TableValue.Money(s.StandardDeviation, q),
            TableValue.Money(s.ValueAtRisk95, q), TableValue.Money(s.ConditionalValueAtRisk95, q), TableValue.Money(s.Worst, q),
            TableValue.Percent(s.ProbabilityLiquidation), TableValue.Percent(s.ProbabilityStop), TableValue.Percent(s.VarianceReduction),
        });
        var spec = result.Spec;
        return new ResultTable($"Outcome per strategy ({q})",
            ["strategy", "mean", "median", "sd", "VaR95", "CVaR95", "worst", "P(liq)", "P(stop)", "var reduction"], rows,
            [new("Paths", TableValue.Count(spec.Paths)), new("Days per path", TableValue.Count(spec.Steps)), new("Model", TableValue.Words(result.Model)),
             new("Seed", TableValue.Words(spec.Seed.ToString(Inv))), new("Leverage", TableValue.Words(string.Create(Inv, $"{spec.Leverage}x")))]);
    }

    /// <summary>
    /// A replay, hedged against unhedged: start and final equity, total return, maximum drawdown and annualised
    /// volatility (rows; money in the quote asset); the hedge's PnL before fees and funding, funding, fees (also in the
    /// settlement coin when it is not the quote asset), trades, liquidations, stops, partial closes and days (or bars)
    /// hedged (facts).
    /// </summary>
    /// <param name="result">The replay result.</param>
    /// <returns>The table: metric, hedged, unhedged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static ResultTable Replay(ReplayResult result)
    {
        var r = Guard.NotNull(result);
        string q = r.QuoteAsset, c = r.SettlementAsset;
        TableValue[][] rows =
        [
            [TableValue.Words($"Start equity ({q})"), TableValue.Money(r.Hedged.StartEquity, q), TableValue.Money(r.Unhedged.StartEquity, q)],
            [TableValue.Words($"Final equity ({q})"), TableValue.Money(r.Hedged.FinalEquity, q), TableValue.Money(r.Unhedged.FinalEquity, q)],
            [TableValue.Words("Total return"), TableValue.Percent(r.Hedged.TotalReturn), TableValue.Percent(r.Unhedged.TotalReturn)],
            [TableValue.Words("Max drawdown"), TableValue.Percent(r.Hedged.MaxDrawdown), TableValue.Percent(r.Unhedged.MaxDrawdown)],
            [TableValue.Words("Volatility (annualised)"), TableValue.Percent(r.Hedged.AnnualizedVolatility), TableValue.Percent(r.Unhedged.AnnualizedVolatility)],
        ];
        var facts = new List<KeyValuePair<string, TableValue>>
        {
            new("Hedge PnL before fees and funding", TableValue.Money(r.FuturesPnl, q)),
            new("Funding received", TableValue.Money(r.TotalFunding, q)),
            new("Fees", TableValue.Money(r.TotalFees, q)),
        };
        if (c != q)
        {
            facts.Add(new("Hedge PnL in " + c, TableValue.Money(r.FuturesPnlInSettlement, c)));
            facts.Add(new("Funding in " + c, TableValue.Money(r.FundingInSettlement, c)));
            facts.Add(new("Fees in " + c, TableValue.Money(r.FeesInSettlement, c)));
        }
        bool daily = r.Interval == TimeSpan.FromDays(1);
        facts.Add(new("Trades", TableValue.Count(r.Trades)));
        facts.Add(new("Liquidations", TableValue.Count(r.Liquidations)));
        facts.Add(new("Stops hit", TableValue.Count(r.StopsHit)));
        facts.Add(new("Partial closes", TableValue.Count(r.PartialCloses)));
        facts.Add(new(daily ? "Days hedged" : $"Bars hedged ({Candle.IntervalName(r.Interval)})", TableValue.Count(r.DaysHedged)));
        return new ResultTable("Hedged vs unhedged", ["metric", "hedged", "unhedged"], rows, facts);
    }

    /// <summary>How a hedge ended, in words: "open", "stopped" or "liquidated".</summary>
    /// <param name="exit">The exit.</param>
    /// <returns>The word.</returns>
    public static string ExitName(HedgeExit exit) => exit switch
    {
        HedgeExit.Stopped => "stopped",
        HedgeExit.Liquidated => "liquidated",
        _ => "open",
    };
}
