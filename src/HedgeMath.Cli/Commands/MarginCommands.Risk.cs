using System.CommandLine;
using HedgeMath.Cli.Output;
using HedgeMath.Exchanges;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Cli.Commands;

/// <summary><c>hedgemath risk</c>: its options and handler, its parsing (the positions file), its rendering.</summary>
internal static partial class MarginCommands
{
    // ---------------------------------------------------------------- risk: options and handler
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

    // ---------------------------------------------------------------- risk: parsing
    /// <summary>The positions file (<see cref="PositionsCsv"/>, the format <c>positions import --out</c> writes); a bad row names its line and column.</summary>
    private static System.Collections.Immutable.ImmutableArray<PositionsCsvRow> ReadPositions(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--positions-csv '{path}' is not a readable file.", "--positions-csv");
        using var reader = File.OpenText(path);
        try { return PositionsCsv.Parse(reader); }
        catch (ArgumentException e) { throw new ArgumentException($"--positions-csv '{path}': {Cli.OneLine(e.Message)}", "--positions-csv", e); }
    }
}
