using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

public class SolverPropertyTests
{
    private static readonly Config Cfg = Config.QuickThrowOnFailure.WithMaxTest(2000);

    [Fact]
    public void MaxLeverageForStop_LiquidationStaysBeyondStopPlusBuffer_AndOneMoreLeverageWouldNot()
    {
        var gen =
            from side in Gen.Elements(Side.Long, Side.Short)
            from rule in Gen.Elements(LiquidationRule.BinanceUsdM, LiquidationRule.BybitLinear, LiquidationRule.OkxGate)
            from entryCents in Gen.Choose(100_000, 10_000_000)
            from qtySteps in Gen.Choose(1, 50_000)
            from stopBp in Gen.Choose(5, 5_000)      // stop 0.05 % .. 50 % away from entry
            from bufferBp in Gen.Choose(0, 500)      // buffer 0 .. 5 %
            select (side, rule, entry: entryCents / 100m, q: qtySteps * 0.001m, stopBp, bufferBp);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = Contracts.BinanceBtcUsdt;
            var away = t.stopBp / 10_000m;
            var stop = t.side == Side.Long ? t.entry * (1m - away) : t.entry * (1m + away);
            var r = MarginCalc.MaxLeverageForStop(c, t.side, t.q, t.entry, stop, t.bufferBp / 10_000m, t.rule);
            bool beyond = r.LiquidationPrice is not { } lp
                || (t.side == Side.Long ? lp <= r.RequiredLiquidationPrice * (1m + 1e-20m) : lp >= r.RequiredLiquidationPrice * (1m - 1e-20m));
            // One whole step more leverage (if the tier allows it) must cross the required price.
            var max = c.MaxLeverageFor(c.Notional(t.q, t.entry));
            if (r.Leverage + 1m > max || r.Margin > c.Notional(t.q, t.entry) / r.Leverage) return beyond;
            var more = MarginCalc.LiquidationPrice(Position.Open(c, t.side, t.q, t.entry, r.Leverage + 1m), t.rule);
            bool tighter = more is { } m && (t.side == Side.Long ? m > r.RequiredLiquidationPrice : m < r.RequiredLiquidationPrice);
            return beyond && tighter;
        }).Check(Cfg);
    }

    [Fact]
    public void MaxOpenQuantity_CanBeOpened_AndFitsTheBalance()
    {
        var gen =
            from inverse in Gen.Elements(false, true)
            from balanceCents in Gen.Choose(1_000, 100_000_000)
            from priceCents in Gen.Choose(1_000_000, 20_000_000)
            from levPick in Gen.Choose(1, 125)
            from fee in Gen.Elements(false, true)
            select (inverse, balance: balanceCents / 100m, price: priceCents / 100m, levPick, fee);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = t.inverse ? Contracts.BinanceCoinMBtcUsd : Contracts.BinanceBtcUsdt;
            var balance = t.inverse ? t.balance / 100_000m : t.balance; // inverse: 0.0001 .. 10 BTC
            var lev = Math.Min(t.levPick, c.MaxLeverage);
            if (balance <= 0m) return true;
            var r = MarginCalc.MaxOpenQuantity(c, balance, t.price, lev, t.fee);
            if (r.Quantity == 0m) return true;
            var p = Position.Open(c, Side.Long, r.Quantity, t.price, lev); // must not throw: within the tier limits
            var cost = p.InitialMargin() + (t.fee ? p.OpenFee() : 0m);
            // One more lot would exceed the balance or the tier cap.
            var bigger = r.Quantity + c.LotStep;
            var biggerNotional = c.Notional(bigger, t.price);
            bool nextFails = biggerNotional / lev + (t.fee ? biggerNotional * c.TakerFeeRate : 0m) > balance
                || biggerNotional > c.Tiers.MaxNotionalFor(lev);
            return cost <= balance && nextFails;
        }).Check(Cfg);
    }

    [Fact]
    public void HedgeModeCrossAccount_MarginBalanceEqualsMaintenance_AtTheSymbolsLiquidationPrice()
    {
        var gen =
            from qL in Gen.Choose(1, 5_000)
            from qS in Gen.Choose(1, 5_000)
            from eL in Gen.Choose(2_000_000, 8_000_000)
            from eS in Gen.Choose(2_000_000, 8_000_000)
            from qEth in Gen.Choose(1, 50_000)
            from walletPermille in Gen.Choose(20, 1500)
            select (qL: qL * 0.001m, qS: qS * 0.001m, eL: eL / 100m, eS: eS / 100m, qEth: qEth * 0.001m, walletPermille);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var btc = Contracts.BinanceBtcUsdt;
            var l = Position.Open(btc, Side.Long, t.qL, t.eL, 20m, MarginMode.Cross);
            var s = Position.Open(btc, Side.Short, t.qS, t.eS, 20m, MarginMode.Cross);
            var eth = Position.Open(Contracts.BinanceEthUsdt, Side.Long, t.qEth, 3_000m, 20m, MarginMode.Cross);
            var wallet = (l.InitialMargin() + s.InitialMargin() + eth.InitialMargin()) * t.walletPermille / 1000m;
            var account = CrossAccount.Create("USDT", wallet, [l, s, eth], PositionMode.Hedge);
            var marks = new Dictionary<string, decimal> { ["BTCUSDT"] = 50_000m, ["ETHUSDT"] = 2_900m };
            var snap = MarginCalc.Cross(account, marks);
            if (snap.Positions[0].LiquidationPrice != snap.Positions[1].LiquidationPrice) return false; // both legs share the symbol's LP
            if (snap.Positions[0].LiquidationPrice is not { } lp) return true;
            var at = MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = lp, ["ETHUSDT"] = 2_900m });
            return Math.Abs(at.MarginBalance - at.MaintenanceMargin) <= 1e-8m * Math.Max(1m, at.MaintenanceMargin);
        }).Check(Cfg);
    }

    [Fact]
    public void InverseCrossAccount_MarginBalanceEqualsMaintenance_AtTheLiquidationPrice()
    {
        var gen =
            from contracts in Gen.Choose(1, 30_000)
            from entry in Gen.Choose(2_000_000, 8_000_000)
            from side in Gen.Elements(Side.Long, Side.Short)
            from walletPermille in Gen.Choose(50, 3000)
            select (contracts: (decimal)contracts, entry: entry / 100m, side, walletPermille);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var c = Contracts.BinanceCoinMBtcUsd;
            var p = Position.Open(c, t.side, t.contracts, t.entry, 4m, MarginMode.Cross);
            var account = CrossAccount.Create("BTC", p.InitialMargin() * t.walletPermille / 1000m, [p]);
            var snap = MarginCalc.Cross(account, new Dictionary<string, decimal> { [c.Symbol] = t.entry });
            if (snap.Positions[0].LiquidationPrice is not { } lp) return true;
            var at = MarginCalc.Cross(account, new Dictionary<string, decimal> { [c.Symbol] = lp });
            return Math.Abs(at.MarginBalance - at.MaintenanceMargin) <= 1e-8m * Math.Max(1e-8m, at.MaintenanceMargin);
        }).Check(Cfg);
    }
}
