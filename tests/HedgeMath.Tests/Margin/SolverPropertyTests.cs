using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

public class SolverPropertyTests
{
    [HedgeProperty(QuickTests = 2000)]
    public Property MaxLeverageForStop_LiquidationStaysBeyondStopPlusBuffer_AndOneMoreLeverageWouldNot()
    {
        var gen =
            from side in Gen.Elements(Side.Long, Side.Short)
            from rule in Gen.Elements(LiquidationRule.BinanceUsdM, LiquidationRule.BybitLinear, LiquidationRule.OkxGate)
            from entryCents in Gen.Choose(100_000, 10_000_000)
            from qtySteps in Gen.Choose(1, 50_000)
            from stopBp in Gen.Choose(5, 5_000)      // stop 0.05 % .. 50 % away from entry
            from bufferBp in Gen.Choose(0, 500)      // buffer 0 .. 5 %
            select (side, rule, entry: entryCents / 100m, q: qtySteps * 0.001m, stopBp, bufferBp);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = Contract.BinanceBtcUsdt;
            var away = t.stopBp / 10_000m;
            var stop = t.side == Side.Long ? t.entry * (1m - away) : t.entry * (1m + away);
            var r = MarginCalc.MaxLeverageForStop(c, t.side, t.q, t.entry, stop, t.bufferBp / 10_000m, t.rule);
            bool beyond = r.LiquidationPrice is not { } lp
                || (t.side == Side.Long ? lp <= r.RequiredLiquidationPrice * (1m + 1e-20m) : lp >= r.RequiredLiquidationPrice * (1m - 1e-20m));
            // One whole step more leverage (if the tier allows it) must cross the required price.
            var max = c.MaxLeverageFor(c.Notional(t.q, t.entry));
            bool atCap = r.Leverage + 1m > max || r.Margin > c.Notional(t.q, t.entry) / r.Leverage;
            bool tighter = atCap || (MarginCalc.LiquidationPrice(Position.Open(c, t.side, t.q, t.entry, r.Leverage + 1m), t.rule) is { } m
                && (t.side == Side.Long ? m > r.RequiredLiquidationPrice : m < r.RequiredLiquidationPrice));
            return (beyond && tighter).Classify(atCap, "at the tier's leverage cap (no step up to check)");
        });
    }

    [HedgeProperty(QuickTests = 2000)]
    public Property MaxOpenQuantity_CanBeOpened_AndFitsTheBalance()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from balanceCents in Gen.Choose(1_000, 100_000_000)
            from priceCents in Gen.Choose(1_000_000, 20_000_000)
            from levPick in Gen.Choose(1, 125)
            from fee in Gen.Elements(false, true)
            select (inverse, balance: balanceCents / 100m, price: priceCents / 100m, levPick, fee);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = t.inverse ? Contract.BinanceCoinMBtcUsd : Contract.BinanceBtcUsdt;
            var balance = t.inverse ? t.balance / 100_000m : t.balance; // inverse: 0.0001 .. 10 BTC
            var lev = Math.Min(t.levPick, c.MaxLeverage);
            var r = MarginCalc.MaxOpenQuantity(c, balance, t.price, lev, t.fee);
            // Whatever it opens (possibly nothing) fits the balance ...
            bool fits = r.Quantity == 0m
                || Position.Open(c, Side.Long, r.Quantity, t.price, lev) is var p // must not throw: within the tier limits
                   && p.InitialMargin() + (t.fee ? p.OpenFee() : 0m) <= balance;
            // ... and one more lot would exceed the balance or the tier cap.
            var biggerNotional = c.Notional(r.Quantity + c.LotStep, t.price);
            bool nextFails = biggerNotional / lev + (t.fee ? biggerNotional * c.TakerFeeRate : 0m) > balance
                || biggerNotional > c.Tiers.MaxNotionalFor(lev);
            return (fits && nextFails).Classify(r.Quantity == 0m, "balance below one lot");
        });
    }

    [HedgeProperty(QuickTests = 2000)]
    public Property HedgeModeCrossAccount_MarginBalanceEqualsMaintenance_AtTheSymbolsLiquidationPrice()
    {
        var gen =
            from qL in Gen.Choose(1, 5_000)
            from qS in Gen.Choose(1, 5_000)
            from eL in Gen.Choose(2_000_000, 8_000_000)
            from eS in Gen.Choose(2_000_000, 8_000_000)
            from qEth in Gen.Choose(1, 50_000)
            from walletPermille in Gen.Choose(20, 1500)
            select (qL: qL * 0.001m, qS: qS * 0.001m, eL: eL / 100m, eS: eS / 100m, qEth: qEth * 0.001m, walletPermille);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var btc = Contract.BinanceBtcUsdt;
            var l = Position.Open(btc, Side.Long, t.qL, t.eL, 20m, MarginMode.Cross);
            var s = Position.Open(btc, Side.Short, t.qS, t.eS, 20m, MarginMode.Cross);
            var eth = Position.Open(Contract.BinanceEthUsdt, Side.Long, t.qEth, 3_000m, 20m, MarginMode.Cross);
            var wallet = (l.InitialMargin() + s.InitialMargin() + eth.InitialMargin()) * t.walletPermille / 1000m;
            var account = CrossAccount.Create("USDT", wallet, [l, s, eth], PositionMode.Hedge);
            var marks = new Dictionary<string, decimal> { ["BTCUSDT"] = 50_000m, ["ETHUSDT"] = 2_900m };
            var snap = MarginCalc.Cross(account, marks);
            var lp = snap.Positions[0].LiquidationPrice;
            bool shared = lp == snap.Positions[1].LiquidationPrice; // both legs share the symbol's LP
            return shared.Label("both legs share the symbol's liquidation price").And(Given.That(lp is not null, () =>
            {
                var at = MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = lp!.Value, ["ETHUSDT"] = 2_900m });
                return Math.Abs(at.MarginBalance - at.MaintenanceMargin) <= 1e-8m * Math.Max(1m, at.MaintenanceMargin);
            }));
        });
    }

    [HedgeProperty(QuickTests = 2000)]
    public Property InverseCrossAccount_MarginBalanceEqualsMaintenance_AtTheLiquidationPrice()
    {
        var gen =
            from contracts in Gen.Choose(1, 30_000)
            from entry in Gen.Choose(2_000_000, 8_000_000)
            from side in Gen.Elements(Side.Long, Side.Short)
            from walletPermille in Gen.Choose(50, 3000)
            select (contracts: (decimal)contracts, entry: entry / 100m, side, walletPermille);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = Contract.BinanceCoinMBtcUsd;
            var p = Position.Open(c, t.side, t.contracts, t.entry, 4m, MarginMode.Cross);
            var account = CrossAccount.Create("BTC", p.InitialMargin() * t.walletPermille / 1000m, [p]);
            var snap = MarginCalc.Cross(account, new Dictionary<string, decimal> { [c.Symbol] = t.entry });
            var lp = snap.Positions[0].LiquidationPrice;
            return Given.That(lp is not null, () =>
            {
                var at = MarginCalc.Cross(account, new Dictionary<string, decimal> { [c.Symbol] = lp!.Value });
                return Math.Abs(at.MarginBalance - at.MaintenanceMargin) <= 1e-8m * Math.Max(1e-8m, at.MaintenanceMargin);
            });
        });
    }
}
