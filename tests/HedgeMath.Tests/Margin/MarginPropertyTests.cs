using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Tests.Properties;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

/// <summary>FsCheck invariants of the liquidation engine over thousands of random positions.</summary>
public class MarginPropertyTests
{
    public sealed record Case(Contract Contract, LiquidationRule Rule, Side Side, decimal Quantity, decimal Entry, decimal Leverage, decimal LowerLeverage);

    /// <summary>Random isolated positions on the BTCUSDT / ETHUSDT presets (Binance and OKX rules) and the COIN-M preset.</summary>
    private static Arbitrary<Case> Cases() => CaseGen(0, 3).ToArbitrary();

    private static Gen<Case> CaseGen(int firstKind, int lastKind)
    {
        return
            from which in Gen.Choose(firstKind, lastKind)
            from side in Gen.Elements(Side.Long, Side.Short)
            from entryCents in Gen.Choose(1_000, 10_000_000)
            from qtySteps in Gen.Choose(1, 2_000_000)
            from levPick in Gen.Choose(0, 10_000)
            from lowPick in Gen.Choose(0, 10_000)
            select Build(which, side, entryCents / 100m, qtySteps, levPick, lowPick);
    }

    private static Case Build(int which, Side side, decimal entry, int qtySteps, int levPick, int lowPick)
    {
        var (contract, rule) = which switch
        {
            0 => (Contract.BinanceBtcUsdt, LiquidationRule.BinanceUsdM),
            1 => (Contract.BinanceEthUsdt, LiquidationRule.BinanceUsdM),
            2 => (Contract.BinanceBtcUsdt, LiquidationRule.OkxGate),
            _ => (Contract.BinanceCoinMBtcUsd, LiquidationRule.BinanceCoinM),
        };
        // Linear: 0.001 .. 2000 base units; inverse: 1 .. 2000 contracts, capped to the preset's largest tier.
        decimal q = contract.Type == ContractType.Linear ? qtySteps * 0.001m : 1m + qtySteps % 2000;
        var notional = contract.Notional(q, entry);
        var cap = contract.Tiers.Tiers[^1].NotionalCap;
        if (notional > cap) q = contract.RoundQuantity(q * cap / notional * 0.99m);
        if (q <= 0m) q = contract.LotStep;
        var max = decimal.Floor(contract.MaxLeverageFor(contract.Notional(q, entry)));
        decimal lev = 1m + levPick % max;
        decimal low = 1m + lowPick % lev;
        return new Case(contract, rule, side, q, entry, lev, low);
    }

    [HedgeProperty(QuickTests = 3000)]
    public Property LiquidationPrice_MovesTowardEntry_AsLeverageRises()
    {
        return Prop.ForAll(Cases(), c =>
        {
            var hi = MarginCalc.LiquidationPrice(Position.Open(c.Contract, c.Side, c.Quantity, c.Entry, c.Leverage), c.Rule);
            var lo = MarginCalc.LiquidationPrice(Position.Open(c.Contract, c.Side, c.Quantity, c.Entry, c.LowerLeverage), c.Rule);
            bool holds = c.Leverage == c.LowerLeverage ? hi == lo
                : hi is null ? lo is null                 // no LP at the higher leverage means none at the lower one either
                : lo is null                              // e.g. 1x linear long: no LP at all, so any LP is nearer the entry
                || (c.Side == Side.Long ? hi.Value > lo.Value : hi.Value < lo.Value);
            return holds.Classify(c.Leverage == c.LowerLeverage, "same leverage")
                .Classify(hi is not null && lo is null, "no LP at the lower leverage")
                .Classify(hi is null, "no LP at either leverage");
        });
    }

    [HedgeProperty(QuickTests = 3000)]
    public Property LiquidationPrice_OfLongIsBelowEntry_OfShortIsAbove()
    {
        return Prop.ForAll(Cases(), c =>
        {
            var lp = MarginCalc.LiquidationPrice(Position.Open(c.Contract, c.Side, c.Quantity, c.Entry, c.Leverage), c.Rule);
            // A position with no liquidation price (a 1x linear long) has nothing to check: discarded.
            return Given.That(lp is not null, () => lp!.Value > 0m && (c.Side == Side.Long ? lp.Value < c.Entry : lp.Value > c.Entry));
        });
    }

    [HedgeProperty(QuickTests = 3000)]
    public Property MarginBalance_EqualsMaintenanceMargin_AtTheLiquidationPrice()
    {
        return Prop.ForAll(Cases(), c =>
        {
            var p = Position.Open(c.Contract, c.Side, c.Quantity, c.Entry, c.Leverage);
            var lp = MarginCalc.LiquidationPrice(p, c.Rule);
            return Given.That(lp is not null, () =>
            {
                var balance = p.IsolatedMargin + p.UnrealizedPnl(lp!.Value);
                var mm = MarginCalc.MaintenanceMargin(p, lp.Value, c.Rule); // tier at the LP notional
                return Math.Abs(balance - mm) <= 1e-8m * Math.Abs(mm);
            });
        });
    }

    [HedgeProperty(QuickTests = 1000)]
    public Property CrossAccountMarginBalance_EqualsMaintenanceMargin_AtEachSymbolsLiquidationPrice()
    {
        var gen =
            from a in CaseGen(0, 0)
            from b in CaseGen(1, 1)
            from walletPermille in Gen.Choose(50, 2000)
            select (a, b, walletPermille);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            // A BTCUSDT and an ETHUSDT position in one USDT cross account, wallet 5 %..200 % of their initial margins.
            var btc = Position.Open(t.a.Contract, t.a.Side, t.a.Quantity, t.a.Entry, t.a.Leverage, MarginMode.Cross);
            var eth = Position.Open(t.b.Contract, t.b.Side, t.b.Quantity, t.b.Entry, t.b.Leverage, MarginMode.Cross);
            var wallet = (btc.InitialMargin() + eth.InitialMargin()) * t.walletPermille / 1000m;
            var account = CrossAccount.Create("USDT", wallet, [btc, eth]);
            var marks = new Dictionary<string, decimal> { ["BTCUSDT"] = btc.EntryPrice, ["ETHUSDT"] = eth.EntryPrice };
            var snap = MarginCalc.Cross(account, marks);
            var lp = snap.Positions[0].LiquidationPrice;
            return Given.That(lp is not null, () =>
            {
                var atLp = MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = lp!.Value, ["ETHUSDT"] = eth.EntryPrice });
                return Math.Abs(atLp.MarginBalance - atLp.MaintenanceMargin) <= 1e-8m * Math.Max(1m, Math.Abs(atLp.MaintenanceMargin));
            });
        });
    }

    [HedgeProperty(QuickTests = 3000)]
    public Property BankruptcyPrice_IsBeyondTheLiquidationPrice()
    {
        return Prop.ForAll(Cases(), c =>
        {
            var s = MarginCalc.Isolated(Position.Open(c.Contract, c.Side, c.Quantity, c.Entry, c.Leverage), c.Entry, c.Rule);
            return Given.That(s.LiquidationPrice is not null, () =>
                s.BankruptcyPrice is not { } bp ? c.Side == Side.Long  // a long's bankruptcy price can be ≤ 0 (none)
                : c.Side == Side.Long ? bp < s.LiquidationPrice!.Value : bp > s.LiquidationPrice!.Value)
                .Classify(s.BankruptcyPrice is null, "no bankruptcy price (long)");
        });
    }
}
