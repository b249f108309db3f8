using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Positions;
using HedgeMath.Tests.Properties;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Engine;

/// <summary>The double fast path (grids, Monte Carlo) against the decimal engine on random books and random bars, linear and inverse.</summary>
public class FastLegPropertyTests
{
    [Fact]
    public void FastLeg_AgreesWithEngine_To1e9Relative_OverRandomBooksAndBars()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from isLong in Gen.Elements(false, true)
            from price in Gen.Choose(1_000, 100_000).Select(p => (decimal)p)
            from lots in Gen.Choose(1, 3_000)
            from lev in Gen.Choose(1, 50).Select(l => (decimal)l)
            from stopPct in Gen.Choose(0, 40)
            from slipBp in Gen.Choose(0, 50)
            from moves in Gen.ArrayOf(Gen.Choose(-800, 800), 12)
            from wicks in Gen.ArrayOf(Gen.Choose(0, 600), 12)
            from rates in Gen.ArrayOf(Gen.Choose(-30, 30), 12)
            select (inverse, isLong, price, lots, lev, stopPct, slipBp, moves, wicks, rates);
        Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var contract = g.inverse ? Contract.BinanceCoinMBtcUsd : Stub.Contract(feeRate: 0.0005m);
            decimal qty = g.inverse ? g.lots : g.lots * 0.001m;
            var side = g.isLong ? Side.Long : Side.Short;
            StopOrder? stop = g.stopPct == 0 ? null
                : StopOrder.At(g.isLong ? g.price * (1m - g.stopPct / 100m) : g.price * (1m + g.stopPct / 100m), slippage: g.slipBp / 10_000m);
            HedgeBook book;
            try { book = HedgeBook.Empty.Open(contract, side, qty, g.price, g.lev, stop: stop).Book; }
            catch (ArgumentOutOfRangeException) { return true; } // a size the tiers do not allow at this leverage
            var fast = new FastLeg(book.Legs[0]);
            var exit = HedgeExit.None;
            double exitPrice = 0, funding = 0;
            decimal prev = g.price;
            var t = DateTimeOffset.UnixEpoch;
            for (int i = 0; i < g.moves.Length; i++)
            {
                decimal close = Math.Max(1m, prev * (1m + g.moves[i] / 10_000m));
                decimal open = Math.Max(1m, prev * (1m + g.moves[i] / 40_000m));
                decimal hi = Math.Max(open, close) * (1m + g.wicks[i] / 10_000m), lo = Math.Min(open, close) * (1m - g.wicks[i] / 20_000m);
                var bar = PriceBar.Create(t.AddDays(i + 1), open, hi, lo, close);
                decimal rate = g.rates[i] / 100_000m;
                book = book.Move(bar);
                if (book.Legs[0].IsOpen) book = book.Fund(new FundingPrint(bar.Time, rate, close));
                if (exit == HedgeExit.None)
                {
                    exit = fast.FirstExit((double)open, (double)hi, (double)lo, out exitPrice);
                    if (exit == HedgeExit.None) funding += fast.FundingPayment((double)close, (double)rate);
                }
                prev = close;
            }
            var leg = book.Legs[0];
            decimal exact = leg.NetPnl + (leg.Position is { } p ? p.UnrealizedPnl(prev) - p.CloseFee(prev) : 0m);
            double approx = fast.Settle(exit, exitPrice, (double)prev) + funding;
            double scale = Math.Max(Math.Abs((double)exact), (double)book.Legs[0].Contract.Notional(qty, g.price));
            return exit == leg.Exit && Math.Abs(approx - (double)exact) <= 1e-9 * scale;
        }).Check(HedgePropertyAttribute.CheckConfig(2_000));
    }
}
