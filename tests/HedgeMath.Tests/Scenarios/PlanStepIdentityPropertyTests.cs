using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// Issue 22, item 2, at every step of an inverse (coin-margined) plan: the one pure step (<see cref="PlanState.Step"/>)
/// keeps equity = unhedged value + hedge PnL − fees + funding in the settlement asset (BTC) and in USD, the coin figures
/// valued at the one valuation price (the perpetual's close), from 1x leverage up; and the funding the step settles is the
/// COIN-M rule written out: contracts × contract size / mark × rate per print, a short receiving at a positive rate
/// (Binance COIN-M funding FAQ).
/// </summary>
public class PlanStepIdentityPropertyTests
{
    private static readonly Contract CoinM = Contract.BinanceCoinMBtcUsd;

    [HedgeProperty(QuickTests = 150)]
    public Property InversePlan_EveryStep_EquityClosesInTheCoinAndInUsd()
    {
        var gen =
            from days in Gen.Choose(3, 40)
            from moves in Gen.ArrayOf(Gen.Choose(-900, 900), days)
            from basis in Gen.ArrayOf(Gen.Choose(-30, 30), 5)
            from rates in Gen.ArrayOf(Gen.Choose(-50, 100), 7)
            from start in Gen.Choose(5_000, 120_000)
            from ratio in Gen.Choose(10, 100).Select(r => r / 100m)
            from lev in Gen.Choose(1, 20).Select(l => (decimal)l)          // from 1x: a 1x COIN-M short has no liquidation price
            from stop in Gen.Choose(0, 30).Select(s => s == 0 ? null : LegStop.AtDistance(s / 100m))
            from rehedge in Gen.Choose(0, 10)
            select (moves, basis, rates, start, ratio, lev, stop, rehedge);
        return Prop.ForAll(gen.ToArbitrary(), g =>
        {
            decimal q = 1.5m;
            var plan = PlanDefinition.Create("identity", [SpotHolding.Create("BTC", q, g.start, "USD")],
                [new PlanLeg(CoinM, g.ratio, g.lev, Side.Short, MarginMode.Isolated, g.stop)], leverageCap: g.lev, afterExit: PlanReentry.NextBar,
                rehedgeEveryDays: g.rehedge);
            var state = PlanState.Start(plan);
            var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            decimal prev = g.start, worst = 0m, worstFunding = 0m;
            for (int i = 0; i < g.moves.Length; i++)
            {
                // A daily bar: spot from a random walk, the perpetual a small basis away, three prints a day at the spot open (the mark).
                decimal close = Math.Round(prev * (1m + g.moves[i] / 10_000m), 1);
                decimal hi = Math.Round(Math.Max(prev, close) * 1.01m, 1), lo = Math.Round(Math.Min(prev, close) * 0.99m, 1);
                decimal b = 1m + g.basis[i % g.basis.Length] / 10_000m;
                var opens = t0.AddDays(i);
                var price = PriceBar.Create(opens.AddDays(1), prev, hi, lo, close,
                    Math.Round(prev * b, 1), Math.Round(hi * b, 1), Math.Round(lo * b, 1), Math.Round(close * b, 1));
                var prints = Enumerable.Range(0, 3).Select(k => new FundingPrint(opens.AddHours(8 * k), g.rates[(3 * i + k) % g.rates.Length] / 100_000m, prev))
                    .ToImmutableArray();
                // The COIN-M rule written out, on the short held before the bar (funding settles first in a bar).
                var held = state.Book.Legs[0].Position;
                decimal expectedFunding = held is null ? 0m : prints.Sum(p => held.Quantity * CoinM.ContractSize / p.MarkPrice * p.Rate);
                decimal fundingBefore = state.Book.Legs[0].Funding;
                var next = state.Step(PlanBar.Create(opens, price, close, prints)).State;
                // A leg stopped or liquidated on this bar stops earning funding only after the prints: the prints come first.
                worstFunding = Math.Max(worstFunding, Math.Abs(next.Book.Legs[0].Funding - fundingBefore - expectedFunding));

                decimal perpClose = price.LastClose;
                // The hedge in its own asset: realized + unrealized at the perpetual close − fees + funding (BTC).
                var leg = next.Book.Legs[0];
                decimal hedgeCoin = leg.RealizedPnl + (leg.Position?.UnrealizedPnl(perpClose) ?? 0m) - leg.Fees + leg.Funding;
                decimal unhedged = next.SpotQuantity * close + next.SpotCash;
                // In USD: equity = unhedged + (PnL − fees + funding) × the perpetual close.
                decimal usdGap = next.Equity - (unhedged + hedgeCoin * perpClose);
                // In BTC: equity / close = unhedged / close + PnL − fees + funding (each coin figure in the coin).
                decimal coinGap = next.Equity / perpClose - (unhedged / perpClose + hedgeCoin);
                worst = Math.Max(worst, Math.Max(Math.Abs(usdGap) / Math.Max(1m, Math.Abs(next.Equity)), Math.Abs(coinGap) * perpClose / Math.Max(1m, Math.Abs(next.Equity))));
                Assert.Equal(unhedged, next.UnhedgedEquity);
                state = next;
                prev = close;
            }
            return (worst <= 1e-20m && worstFunding <= 1e-20m)
                .Label($"worst relative gap {worst}, worst funding gap {worstFunding}")
                .Classify(state.Book.Legs[0].Exit != HedgeExit.None, "exited")
                .Classify(g.lev == 1m, "1x");
        });
    }
}
