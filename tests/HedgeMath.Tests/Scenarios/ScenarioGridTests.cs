using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

public class ScenarioGridTests
{
    private static GridSpec Spec(int moves = 101, decimal? stop = 0.15m, decimal fee = 0.0005m, decimal funding = 0.0001m, int days = 30) =>
        GridSpec.Create(1m, 30_000m, 50_000m, ScenarioGrid.EvenMoves(-0.5m, 0.5m, moves), [0m, 0.25m, 0.5m, 0.75m, 1m], [1m, 2m, 3m, 5m, 10m],
            Stub.Contract(feeRate: fee), FundingTerms.Constant(funding, days), stop);

    [Fact]
    public void Exact_EveryCell_EqualsAtPriceOfThatCell()
    {
        var grid = ScenarioGrid.Exact(Spec(21));
        for (int m = 0; m < 21; m++)
            for (int r = 0; r < 5; r++)
                for (int l = 0; l < 5; l++)
                {
                    var cell = grid.Cell(m, r, l);
                    var full = grid.Result(m, r, l);
                    Assert.Equal(full.NetPnl, cell.NetPnl);
                    Assert.Equal(full.UnhedgedPnl, cell.UnhedgedPnl);
                    Assert.Equal(full.Exit, cell.Exit);
                }
    }

    [Fact]
    public void Exact_WorkedExampleCell_MatchesHandCalculation()
    {
        var grid = ScenarioGrid.Create(1m, 50_000m, 50_000m, [-0.2m], [0.5m], [10m], Stub.Contract());
        // price 40,000: spot −10,000, short 0.5 · 10,000 = +5,000
        Assert.Equal(-5_000m, grid.Cell(0, 0, 0).NetPnl);
        Assert.Equal(40_000m, grid.Cell(0, 0, 0).Price);
    }

    [Fact]
    public void Fast_AgreesWithExact_To1e9Relative()
    {
        var spec = Spec(1000);
        var exact = ScenarioGrid.Exact(spec);
        var fast = ScenarioGrid.Fast(spec);
        var net = fast.NetPnl.Span;
        var exits = fast.Exits.Span;
        // Relative to the larger of |exact| and the position's value (1 BTC · 50,000), so cells near 0 are compared on scale.
        for (int i = 0; i < exact.Cells.Length; i++)
        {
            double e = (double)exact.Cells[i].NetPnl;
            double scale = Math.Max(Math.Abs(e), 50_000d);
            Assert.True(Math.Abs(net[i] - e) <= 1e-9 * scale, $"cell {i}: fast {net[i]} vs exact {e}");
            Assert.Equal(exact.Cells[i].Exit, exits[i]);
        }
    }

    [Fact]
    public void Exact_MarksLiquidatedAndStoppedCells()
    {
        var grid = ScenarioGrid.Exact(Spec(11, stop: null));
        // +50 % at 10x: the stub's liquidation price 50,000·1.1/1.004 ≈ 54,781 is passed
        Assert.Equal(HedgeExit.Liquidated, grid.Cell(10, 2, 4).Exit);
        Assert.Equal(HedgeExit.None, grid.Cell(10, 0, 4).Exit); // ratio 0 never
        var stopped = ScenarioGrid.Exact(Spec(11, stop: 0.05m));
        Assert.Equal(HedgeExit.Stopped, stopped.Cell(10, 2, 4).Exit);
        Assert.Equal("L", ResultTables.Grid(grid, 4).Rows[10][3 + 2].Marker);
        Assert.Equal("S", ResultTables.Grid(stopped, 4).Rows[10][3 + 2].Marker);
        Assert.Null(ResultTables.Grid(grid, 4).Rows[10][3].Marker);
        System.Xml.Linq.XElement.Parse(grid.ToHtml(4));
    }

    [Fact]
    public void FullHedgeNoCosts_IsFlatAcrossTheGridUpToLiquidation()
    {
        var grid = ScenarioGrid.Exact(Spec(101, stop: null, fee: 0m, funding: 0m));
        foreach (var c in grid.Cells.Where(c => c.HedgeRatio == 1m && c.Exit == HedgeExit.None)) Assert.Equal(0m, c.NetPnl);
        foreach (var c in grid.Cells.Where(c => c.HedgeRatio == 0m)) Assert.Equal(c.UnhedgedPnl, c.NetPnl);
    }

    [HedgeProperty(QuickTests = 500)]
    public Property FastPath_AgreesWithExact_ForRandomGrids_LinearAndInverse()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from moves in Gen.ArrayOf(Gen.Choose(-95, 300).Select(m => m / 100m), 5)
            from ratio in Gen.Choose(0, 200).Select(r => r / 100m)
            from lev in Gen.Choose(1, 50).Select(l => (decimal)l)
            from fee in Gen.Choose(0, 20).Select(f => f / 10_000m)
            from funding in Gen.Choose(-30, 30).Select(f => f / 100_000m)
            from stop in Gen.Choose(0, 60).Select(s => s == 0 ? (decimal?)null : s / 100m)
            from price in Gen.Choose(1, 100_000).Select(p => (decimal)p)
            select (inverse, moves, ratio, lev, fee, funding, stop, price);
        return Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var contract = g.inverse ? HedgeMath.Positions.Contract.BinanceCoinMBtcUsd : Stub.Contract(feeRate: g.fee);
            var spec = GridSpec.Create(1.7m, g.price, g.price, g.moves, [g.ratio, 0m], [g.lev], contract, FundingTerms.Constant(g.funding, 45m), g.stop);
            var exact = ScenarioGrid.Exact(spec);
            var fast = ScenarioGrid.Fast(spec);
            var net = fast.NetPnl.Span;
            double scale = (double)(1.7m * g.price);
            int nr = spec.HedgeRatios.Length, nl = spec.Leverages.Length, n = spec.Funding.PrintsFor(contract.FundingInterval);
            int mismatches = 0;
            for (int i = 0; i < exact.Cells.Length; i++)
            {
                double e = (double)exact.Cells[i].NetPnl;
                if (Math.Abs(net[i] - e) <= 1e-9 * Math.Max(Math.Abs(e), scale) && fast.Exits.Span[i] == exact.Cells[i].Exit) continue;
                // A stop or liquidation price that falls exactly on a funding print's price (a tie) is decided by decimal
                // rounding in the engine and by binary rounding in the fast path: not a disagreement of the rules.
                var setup = grid(spec, (i / nl) % nr, i % nl);
                double p0 = (double)g.price, p = (double)exact.Cells[i].Price;
                double[] levels = [(double)(setup.LiquidationPrice ?? 0m), (double)(setup.StopPrice ?? 0m)];
                bool tie = Enumerable.Range(1, n).Any(j => levels.Any(l => Math.Abs(p0 + (p - p0) * j / n - l) <= 1e-9 * l));
                if (!tie) mismatches++;
            }
            return (mismatches == 0).Label($"{mismatches} of {exact.Cells.Length} cells differ")
                .Classify(exact.Cells.Any(c => c.Exit != HedgeExit.None), "some hedge exits");
        });
    }

    private static ScenarioSetup grid(GridSpec spec, int ratio, int leverage) =>
        ScenarioSetup.Create(spec.SpotQuantity, spec.CostBasis, spec.DecisionPrice, spec.HedgeRatios[ratio], spec.Leverages[leverage], spec.Contract,
            spec.StopDistance is { } d ? spec.DecisionPrice * (1m + d) : null);

    [Fact]
    public void BadInput_IsRejectedNamingTheParameter()
    {
        var m = Stub.Contract();
        BadInput.Throws("priceMoves", () => ScenarioGrid.Create(1m, 1m, 1m, [], [0m], [1m], m));
        BadInput.Throws("priceMoves", () => ScenarioGrid.Create(1m, 1m, 1m, [-1m], [0m], [1m], m));
        // A move whose price, decision · (1 + move), overflows decimal (the grid threw an AggregateException from its parallel loop).
        Assert.Contains("overflows decimal", BadInput.Throws("priceMoves", () => ScenarioGrid.Create(1m, 1m, 50_000m, [0m, decimal.MaxValue], [0m], [1m], m)).Message);
        BadInput.Throws("hedgeRatios", () => ScenarioGrid.Create(1m, 1m, 1m, [0m], [-0.5m], [1m], m));
        BadInput.Throws("leverages", () => ScenarioGrid.Create(1m, 1m, 1m, [0m], [0m], [0.5m], m));
        BadInput.Throws("leverages", () => ScenarioGrid.Create(1m, 1m, 1m, [0m], [0m], [126m], m));
        BadInput.Throws("hedgeRatios", () => ScenarioGrid.Create(1m, 1m, 1m, [0m], [10.5m], [1m], m));
        BadInput.Throws("contract", () => ScenarioGrid.Create(1m, 1m, 1m, [0m], [0m], [1m], null!));
        BadInput.Rejects("decisionPrice", (decimal p) => ScenarioGrid.Create(1m, 1m, p, [0m], [0m], [1m], m), BadInput.NonPositiveDecimals);
        BadInput.Throws("count", () => ScenarioGrid.EvenMoves(-0.5m, 0.5m, 1));
        var plan = FastGridPlan.Create(Spec(11));
        BadInput.Throws("netPnl", () => ScenarioGrid.FastInto(plan, new double[10], new HedgeExit[plan.CellCount]));
        var grid = ScenarioGrid.Exact(Spec(11));
        BadInput.Throws("move", () => grid.Cell(11, 0, 0));
    }
}
