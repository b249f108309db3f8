using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Properties;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// <see cref="HedgeBook.MoveStraight(decimal, decimal, FundingTerms, DateTimeOffset?)"/>: the direct route for one open
/// isolated leg against the print-by-print route (one Move and one Fund per print) on random books, linear and inverse,
/// long and short, with stops and liquidation levels ahead of, behind and beyond the path.
/// </summary>
public class StraightPathPropertyTests
{
    [Fact]
    public void OneLegRoute_EqualsPrintByPrintRoute_OverRandomBooks()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from isLong in Gen.Elements(false, true)
            from entry in Gen.Choose(1_000, 100_000).Select(p => (decimal)p)
            from lots in Gen.Choose(1, 3_000)
            from lev in Gen.Choose(1, 50).Select(l => (decimal)l)
            from stopPct in Gen.Choose(-10, 40)       // 0: no stop; negative: a stop already behind the entry
            from slipBp in Gen.Choose(0, 50)
            from fromPct in Gen.Choose(-30, 30)       // the path starts away from the entry (levels may lie behind it)
            from toPct in Gen.Choose(-90, 150)
            from days in Gen.Choose(0, 400)           // quarter days: 0 to 100 days
            from rate in Gen.Choose(-300, 300)
            from closedLegFirst in Gen.Elements(false, true)
            select (inverse, isLong, entry, lots, lev, stopPct, slipBp, fromPct, toPct, days, rate, closedLegFirst);
        int exits = 0, paid = 0, cases = HedgePropertyAttribute.CasesFor(3_000);
        Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var contract = g.inverse ? Contract.BinanceCoinMBtcUsd : Stub.Contract(feeRate: 0.0005m);
            decimal qty = g.inverse ? g.lots : g.lots * 0.001m;
            var side = g.isLong ? Side.Long : Side.Short;
            decimal stopAt = g.isLong ? g.entry * (1m - g.stopPct / 100m) : g.entry * (1m + g.stopPct / 100m);
            StopOrder? stop = g.stopPct == 0 ? null : StopOrder.At(stopAt, slippage: g.slipBp / 10_000m);
            HedgeBook book = HedgeBook.Empty;
            try
            {
                if (g.closedLegFirst) book = book.Open(contract, side, qty, g.entry, g.lev).Book.TradeTo(0, 0m, g.entry).Book;
                book = book.Open(contract, side, qty, g.entry, g.lev, stop: stop).Book;
            }
            catch (ArgumentOutOfRangeException) { return true; } // a size the tiers do not allow at this leverage
            decimal from = g.entry * (1m + g.fromPct / 100m), to = g.entry * (1m + g.toPct / 100m);
            var terms = FundingTerms.Constant(g.rate / 1_000_000m, g.days / 4m);
            var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var fast = book.MoveStraight(from, to, terms, start);
            var slow = book.MoveStraightRoute(from, to, terms, start, printByPrint: true);
            var b = slow.Legs[^1];
            if (b.Exit != HedgeExit.None) exits++;
            if (b.Funding != 0m) paid++;
            for (int i = 0; i < book.Legs.Length; i++)
                if (!Same(fast.Legs[i], slow.Legs[i])) return false;
            return true;
        }).Check(HedgePropertyAttribute.CheckConfig(3_000));
        // The generator reaches both kinds of case often, in over a tenth of the cases (not a vacuous pass).
        Assert.True(exits > cases / 10, $"{exits} exits in {cases} cases");
        Assert.True(paid > cases / 10, $"{paid} with funding in {cases} cases");
    }

    private static bool Same(BookLeg a, BookLeg b)
    {
        // Decimal rounding: the direct route sums the print prices in closed form, the print-by-print route adds the
        // rounded payments one by one; the two sums may differ only in the last of decimal's 28-29 digits.
        bool funding = b.Funding == 0m ? a.Funding == 0m : Math.Abs(a.Funding - b.Funding) <= 1e-20m * Math.Abs(b.Funding);
        return funding && a.Exit == b.Exit && a.ExitPrice == b.ExitPrice && a.ExitTime == b.ExitTime
            && a.RealizedPnl == b.RealizedPnl && a.Fees == b.Fees && a.MarginLost == b.MarginLost && a.LiquidationPrice == b.LiquidationPrice
            && a.Position?.Quantity == b.Position?.Quantity && a.Position?.EntryPrice == b.Position?.EntryPrice;
    }

    [Fact]
    public void OneLegRoute_OnPrintPrices_PaysExactlyThePrintByPrintAmount()
    {
        // A path whose print prices are whole numbers: every payment is exact in decimal, so the routes agree to the digit.
        // Short 0.5 BTC at 50,000, 10x, 3 days (9 prints of 8 h) from 50,000 to 50,900: prints at 50,100, 50,200, …, 50,900.
        // Hand calculation: Σ prices = 9·50,000 + 100·(1+…+9) = 454,500; notional sum = 0.5·454,500 = 227,250;
        // a short receives 227,250 · 0.0001 = 22.725 USDT.
        var book = HedgeBook.Empty.Open(Stub.Contract(), Side.Short, 0.5m, 50_000m, 10m).Book;
        var terms = FundingTerms.Constant(0.0001m, 3m);
        var fast = book.MoveStraight(50_000m, 50_900m, terms);
        var slow = book.MoveStraightRoute(50_000m, 50_900m, terms, null, printByPrint: true);
        Assert.Equal(22.725m, fast.Legs[0].Funding);
        Assert.Equal(22.725m, slow.Legs[0].Funding);
        // A stop at 50,450 (no slippage) is reached in the segment from 50,400 to 50,500 (print 5): prints 1-4 are paid,
        // 50,100+50,200+50,300+50,400 = 201,000; 0.5·201,000·0.0001 = 10.05; the stop fills at 50,450 at print 5's time.
        var stopped = book.WithStop(0, StopOrder.At(50_450m));
        var f2 = stopped.MoveStraight(50_000m, 50_900m, terms).Legs[0];
        var s2 = stopped.MoveStraightRoute(50_000m, 50_900m, terms, null, printByPrint: true).Legs[0];
        Assert.Equal(10.05m, f2.Funding);
        Assert.Equal(10.05m, s2.Funding);
        Assert.Equal(HedgeExit.Stopped, f2.Exit);
        Assert.Equal(50_450m, f2.ExitPrice);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(40), f2.ExitTime);
        Assert.Equal(s2.ExitTime, f2.ExitTime);
    }

    [Fact]
    public void ExactGrid_InverseWithFunding_EveryCellIsItsOwnScenario()
    {
        // The grid shares one path's Σ 1/p over the prints among the cells of a move; each cell must be exactly the
        // scenario computed on its own (which sums them itself), exits included.
        var grid = ScenarioGrid.Create(1m, 50_000m, 50_000m, ScenarioGrid.EvenMoves(-0.5m, 0.5m, 21), [0m, 0.5m, 1m], [1m, 5m, 20m],
            Contract.BinanceCoinMBtcUsd, FundingTerms.Constant(0.0001m, 30m), stopDistance: 0.15m);
        int exits = 0;
        for (int m = 0; m < 21; m++)
            for (int r = 0; r < 3; r++)
                for (int l = 0; l < 3; l++)
                {
                    var own = grid.Result(m, r, l);
                    var cell = grid.Cell(m, r, l);
                    Assert.Equal(own.NetPnl, cell.NetPnl);
                    Assert.Equal(own.Exit, cell.Exit);
                    if (own.Exit != HedgeExit.None) exits++;
                }
        Assert.True(exits > 10, $"{exits} exits");
    }
}
