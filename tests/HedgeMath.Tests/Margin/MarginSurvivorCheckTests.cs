using HedgeMath.Margin;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// Issue 29's mutation survivors in the margin checks and edges: each argument check named (also when a later step would
/// reject the value under another name), each rule's message, the overflow reports, equality edges (liquidatable at
/// exactly the maintenance margin, a margin balance of exactly 0), and the solvers' stop target and size-basis tiers.
/// Every number is a hand calculation written next to it.
/// </summary>
public class MarginSurvivorCheckTests
{
    private static readonly Contract Flat = TestContracts.LinearFlat("XUSDT", 0.01m, 100m); // MMR 1 %, taker 0.05 %
    private static readonly Contract InverseFlat = TestContracts.InverseFlat("XUSD", 100m, 0.005m, 100m);
    private static Dictionary<string, decimal> Marks(Contract c, decimal mark) => new() { [c.Symbol] = mark };

    [Fact]
    public void ClosedForms_CheckTheSideFirst()
    {
        // The side is checked before the numbers: with a bad side and a bad quantity, the side is named.
        BadInput.Throws("side", () => MarginCalc.BinanceLiquidationPrice((Side)9, 0m, 50_000m, 1_000m, 0.004m, 0m));
        BadInput.Throws("side", () => MarginCalc.CoinMLiquidationPrice((Side)9, 0m, 100m, 50_000m, 1m, 0.004m, 0m));
        BadInput.Throws("side", () => Funding.Payment((Side)9, -1m, 0.0001m));
        Assert.Contains("must be a fraction in the range (0, 1)", BadInput.Throws("maintenanceMarginRate",
            () => MarginCalc.BinanceLiquidationPrice(Side.Long, 1m, 50_000m, 1_000m, 1m, 0m)).Message);
    }

    [Fact]
    public void CoinM_OneXShortDenominatorOfRoundingResidue_IsNoPrice()
    {
        // Short 1,000 USD at 1,000 with a wallet of 1 + 1e-28 BTC (1x and a rounding residue): WB − Q/EP = 1e-28, and
        // (1,000·0.005 − 1,000)/1e-28 = −9.95e30 is beyond decimal: no liquidation price (not an overflow error).
        Assert.Null(MarginCalc.CoinMLiquidationPrice(Side.Short, 1_000m, 1m, 1_000m, 1.0000000000000000000000000001m, 0.005m, 0m));
    }

    [Fact]
    public void Overflows_NameTheInput()
    {
        // Bybit classic short 1 at 7e28, 1x: LP = EP + (7e28 − 7e26)/1 = 1.393e29, beyond decimal.
        var big = Position.Open(Flat, Side.Short, 1m, 70_000_000_000_000_000_000_000_000_000m, 1m);
        BadInput.Throws("position", () => MarginCalc.LiquidationPrice(big, LiquidationRule.BybitLinear));
        // 2 at a mark of 7e28: the notional 1.4e29 overflows.
        var p = Position.Open(Flat, Side.Long, 2m, 50_000m, 10m);
        BadInput.Throws("markPrice", () => MarginCalc.MaintenanceMargin(p, 70_000_000_000_000_000_000_000_000_000m));
        // 1e20 at 1e10: entry notional 1e30.
        BadInput.Throws("quantity", () => MarginCalc.MaxLeverageForStop(Flat, Side.Long, 100_000_000_000_000_000_000m, 10_000_000_000m, 1m));
        // A balance near decimal's maximum at 100x: balance / 0.01 overflows.
        BadInput.Throws("balance", () => MarginCalc.MaxOpenQuantity(Flat, decimal.MaxValue / 2m, 50_000m, 100m));
    }

    [Fact]
    public void RuleMessages_SayWhichRuleAppliesWhere()
    {
        var lin = Position.Open(Flat, Side.Long, 1m, 50_000m, 10m);
        var inv = Position.Open(InverseFlat, Side.Long, 10m, 50_000m, 10m);
        Assert.Contains("must be a defined LiquidationRule value", BadInput.Throws("rule", () => MarginCalc.LiquidationPrice(lin, (LiquidationRule)99)).Message);
        Assert.Contains("BinanceUsdM applies to linear contracts", BadInput.Throws("rule", () => MarginCalc.LiquidationPrice(inv, LiquidationRule.BinanceUsdM)).Message);
        Assert.Contains("BybitLinear applies to linear contracts", BadInput.Throws("rule", () => MarginCalc.LiquidationPrice(inv, LiquidationRule.BybitLinear)).Message);
        Assert.Contains("BybitInverse applies to inverse contracts", BadInput.Throws("rule", () => MarginCalc.LiquidationPrice(lin, LiquidationRule.BybitInverse)).Message);
        Assert.Contains("BybitLinearUnified applies to linear contracts", BadInput.Throws("rule", () => MarginCalc.LiquidationPrice(inv, LiquidationRule.BybitLinearUnified)).Message);
        var invCross = CrossAccount.Create("BTC", 1m, [Position.Open(InverseFlat, Side.Long, 10m, 50_000m, 10m, MarginMode.Cross)]);
        Assert.Contains("BybitInverse is Bybit's isolated-margin formula", BadInput.Throws("rule", () => MarginCalc.Cross(invCross, Marks(InverseFlat, 50_000m), LiquidationRule.BybitInverse)).Message);
        var linCross = CrossAccount.Create("USDT", 1_000m, [Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross)]);
        Assert.Contains("BybitLinearUnified is Bybit's isolated-margin formula", BadInput.Throws("rule", () => MarginCalc.Cross(linCross, Marks(Flat, 50_000m), LiquidationRule.BybitLinearUnified)).Message);
        Assert.Contains("must be isolated; use MarginCalc.Cross", BadInput.Throws("position", () => MarginCalc.Isolated(linCross.Positions[0], 50_000m)).Message);
        // An account without positions still checks the rule it is given.
        var empty = CrossAccount.Create("USDT", 1_000m, []);
        BadInput.Throws("rule", () => MarginCalc.Cross(empty, new Dictionary<string, decimal>(), (LiquidationRule)99));
    }

    [Fact]
    public void CrossOfOnePosition_ChecksItsArguments()
    {
        var acc = CrossAccount.Create("USDT", 1_000m, [Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross)]);
        Assert.Throws<ArgumentNullException>("account", () => MarginCalc.Cross(null!, acc.Positions[0], Marks(Flat, 50_000m)));
        Assert.Throws<ArgumentNullException>("position", () => MarginCalc.Cross(acc, null!, Marks(Flat, 50_000m)));
        var other = Position.Open(Flat, Side.Long, 2m, 50_000m, 10m, MarginMode.Cross);
        Assert.Contains("is not one of the account's positions", BadInput.Throws("position", () => MarginCalc.Cross(acc, other, Marks(Flat, 50_000m))).Message);
    }

    [Fact]
    public void AtExactlyTheMaintenanceMargin_IsLiquidatable()
    {
        // Long 1 at 50,000, wallet 10,400, flat MMR 1 %: LP = (10,400 − 50,000)/(0.01 − 1) = 40,000. At 40,000 the margin
        // balance 10,400 − 10,000 = 400 equals the MM 40,000·0.01 = 400: liquidatable ("at or below").
        var iso = Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Isolated, 10_400m);
        var s = MarginCalc.Isolated(iso, 40_000m, LiquidationRule.BinanceUsdM);
        Assert.Equal(40_000m, s.LiquidationPrice);
        Assert.Equal(400m, s.MarginBalance);
        Assert.Equal(400m, s.MaintenanceMargin);
        Assert.True(s.IsLiquidatable);
        // The same as a cross account of one position.
        var acc = CrossAccount.Create("USDT", 10_400m, [Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross)]);
        var x = MarginCalc.Cross(acc, Marks(Flat, 40_000m));
        Assert.Equal(400m, x.MarginBalance);
        Assert.True(x.IsLiquidatable);
        Assert.True(x.Positions[0].IsLiquidatable);
    }

    [Fact]
    public void BybitUnified_AtExactlyItsLiquidationPrice_IsLiquidatable_AndNoPriceMeansNoTier()
    {
        // Long 1 at 50,000, 10x (IM 5,000), 5,397.3 added = 0.9995·5,400: counted margin 5,000 + 5,397.3/(1 − 0.0005)
        // = 10,400; Bybit UTA LP = (50,000 − 5,000 − 5,400)/(1 − 0.01) = 40,000. At 40,000: 10,400 − 10,000 = 400 =
        // MM 400: liquidatable.
        var p = Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Isolated, 10_397.3m);
        var s = MarginCalc.Isolated(p, 40_000m, LiquidationRule.BybitLinearUnified);
        Assert.Equal(40_000m, s.LiquidationPrice);
        Assert.True(s.IsLiquidatable);
        // Margin 60,000 on 50,000: (50,000 − 5,000 − 55,000/0.9995)/0.99 < 0: no liquidation price, and no tier for it.
        var safe = MarginCalc.Isolated(Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Isolated, 60_000m), 50_000m, LiquidationRule.BybitLinearUnified);
        Assert.Null(safe.LiquidationPrice);
        Assert.Null(safe.LiquidationTier);
    }

    [Fact]
    public void BinanceRule_CountsTheWholeWallet_NotBybitsNetOfFee()
    {
        // Binance: 10,400 of wallet (5,400 above the 10x IM) counts as 10,400 (Bybit UTA would count 5,000 + 5,400/0.9995
        // = 10,402.70): at 40,000 the balance 400 equals the MM 400, liquidatable under Binance.
        var p = Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Isolated, 10_400m);
        Assert.True(MarginCalc.Isolated(p, 40_000m, LiquidationRule.BinanceUsdM).IsLiquidatable);
    }

    [Fact]
    public void MarginBalanceOfExactlyZero_HasNoRatio()
    {
        // Long 1 at 50,000 with 5,000: at 45,000 the margin balance is 5,000 − 5,000 = 0: no margin ratio.
        var s = MarginCalc.Isolated(Position.Open(Flat, Side.Long, 1m, 50_000m, 10m), 45_000m);
        Assert.Equal(0m, s.MarginBalance);
        Assert.Null(s.MarginRatio);
        Assert.True(s.IsLiquidatable);
    }

    [Fact]
    public void CrossMarginBalanceOfExactlyZero_HasNoRatio()
    {
        // Cross wallet 5,000, long 1 at 50,000: at 45,000 the margin balance is 5,000 − 5,000 = 0: no ratio.
        var acc = CrossAccount.Create("USDT", 5_000m, [Position.Open(Flat, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross)]);
        var x = MarginCalc.Cross(acc, Marks(Flat, 45_000m));
        Assert.Equal(0m, x.MarginBalance);
        Assert.Null(x.MarginRatio);
        Assert.Null(x.Positions[0].MarginRatio);
    }

    [Fact]
    public void MaxLeverageForStop_NoMarginNeeded_TakesTheTiersMaximum()
    {
        // A table whose tier 2 carries a cum of 5,450 (validation allows any cum): at the stop 45,000 the maintenance is
        // 45,000·0.01 − 5,450 = −5,000, exactly the loss of a long 1 from 50,000: M* = −5,000 − (−5,000) = 0. No margin is
        // needed beyond the initial margin: the leverage is the tier's maximum, 50x (entry notional 50,000 in tier 2).
        var table = MarginTierTable.Create(new MarginTier(1, 0m, 1_000m, 100m, 0.01m, 0m), new MarginTier(2, 1_000m, decimal.MaxValue, 50m, 0.01m, 5_450m));
        var c = Contract.Linear("VUSDT", "V", "USDT", table, 0.01m, 0.001m, 0.0002m, 0.0005m);
        var r = MarginCalc.MaxLeverageForStop(c, Side.Long, 1m, 50_000m, 45_000m);
        Assert.Equal(0m, r.MinimumMargin);
        Assert.Equal(50m, r.ExactLeverage);
        Assert.Equal(50m, r.Leverage);
        Assert.Equal(1_000m, r.Margin);
    }

    [Fact]
    public void MaxLeverageForStop_ShortTarget_ClassicBybit_AndChecks()
    {
        // Short: the target is the stop raised by the buffer, 55,000·1.01 = 55,550.
        var r = MarginCalc.MaxLeverageForStop(Flat, Side.Short, 1m, 50_000m, 55_000m, 0.01m);
        Assert.Equal(55_550m, r.RequiredLiquidationPrice);
        // Bybit classic (MM at entry, 50,000·0.01 = 500): long 1 at 50,000, stop 45,000: M* = 500 + 5,000 = 5,500;
        // 50,000/5,500 = 9.09 → 9x, margin 5,555.55…; LP = 50,000 − (5,555.55… − 500)/1 = 44,944.44…
        var b = MarginCalc.MaxLeverageForStop(Flat, Side.Long, 1m, 50_000m, 45_000m, rule: LiquidationRule.BybitLinear);
        Assert.Equal(5_500m, b.MinimumMargin);
        Assert.Equal(9m, b.Leverage);
        Assert.Equal(44_944.444444m, Math.Round(b.LiquidationPrice!.Value, 6));
        // The contract is checked even when the rule is given; the side before the numbers; the quantity before the stop.
        BadInput.Throws("contract", () => MarginCalc.MaxLeverageForStop(null!, Side.Long, 1m, 50_000m, 45_000m, rule: LiquidationRule.BinanceUsdM));
        BadInput.Throws("side", () => MarginCalc.MaxLeverageForStop(Flat, (Side)9, 0m, 50_000m, 45_000m));
        BadInput.Throws("quantity", () => MarginCalc.MaxLeverageForStop(Flat, Side.Long, 0m, 50_000m, 0m));
        Assert.Contains("must be a fraction in the range [0, 1)", BadInput.Throws("safetyBuffer", () => MarginCalc.MaxLeverageForStop(Flat, Side.Long, 1m, 50_000m, 45_000m, 1m)).Message);
    }

    [Fact]
    public void MaxLeverageForStop_NotionalOnTheLastCap_IsAllowed_AndAboveIsNamed()
    {
        // A table that ends at 100,000: 2 at 50,000 is exactly 100,000 (within the last tier, ≤ cap); 2.002 is above.
        var table = MarginTierTable.Create(new MarginTier(1, 0m, 50_000m, 50m, 0.01m, 0m), new MarginTier(2, 50_000m, 100_000m, 20m, 0.02m, 500m));
        var c = Contract.Linear("YUSDT", "Y", "USDT", table, 0.01m, 0.001m, 0.0002m, 0.0005m);
        // M* = MM(45,000) − PnL = 90,000·0.02 − 500 + 10,000 = 11,300 → 100,000/11,300 = 8.85 → 8x.
        Assert.Equal(8m, MarginCalc.MaxLeverageForStop(c, Side.Long, 2m, 50_000m, 45_000m).Leverage);
        Assert.Contains("above the largest tier", BadInput.Throws("quantity", () => MarginCalc.MaxLeverageForStop(c, Side.Long, 2.002m, 50_000m, 45_000m)).Message);
    }

    [Fact]
    public void MaxOpenQuantity_SizeBasisCaps_AndATie()
    {
        // OKX-style size tiers: 50x up to size 5, 20x above. Linear, contract value 0.01: at 50x the cap is size 5 =
        // 5·50,000 = 250,000 USDT; 10,000 at 50x would buy 500,000: limited by the tier, 250,000/(0.01·50,000) = 500.
        var size = new MarginTierTable([new MarginTier(1, 0m, 5m, 50m, 0.004m, 0m), new MarginTier(2, 5m, decimal.MaxValue, 20m, 0.01m, 0m)], TierBasis.Quantity);
        var lin = Contract.Linear("ZUSDT", "Z", "USDT", size, 0.1m, 1m, 0.0002m, 0.0005m, contractSize: 0.01m);
        var m = MarginCalc.MaxOpenQuantity(lin, 10_000m, 50_000m, 50m);
        Assert.True(m.LimitedByTier);
        Assert.Equal(500m, m.Quantity);
        // Inverse, 100 USD contracts, tiers of 10,000 USD size: at 50x the cap is 10,000/50,000 = 0.2 BTC; 1 BTC at 50x
        // would buy 50: limited, 0.2·50,000/100 = 100 contracts.
        var sizeUsd = new MarginTierTable([new MarginTier(1, 0m, 10_000m, 50m, 0.004m, 0m), new MarginTier(2, 10_000m, decimal.MaxValue, 20m, 0.01m, 0m)], TierBasis.Quantity);
        var inv = Contract.Inverse("ZUSD", "BTC", "USD", 100m, sizeUsd, 0.1m, 1m, 0.0002m, 0.0005m);
        var i = MarginCalc.MaxOpenQuantity(inv, 1m, 50_000m, 50m);
        Assert.True(i.LimitedByTier);
        Assert.Equal(100m, i.Quantity);
        // A balance that buys exactly the tier's cap (2,500 at 20x = 50,000 = the cap of the 20x tier) is not "limited by the tier".
        var two = MarginTierTable.Create(new MarginTier(1, 0m, 50_000m, 20m, 0.01m, 0m), new MarginTier(2, 50_000m, decimal.MaxValue, 10m, 0.02m, 500m));
        var t = MarginCalc.MaxOpenQuantity(Contract.Linear("WUSDT", "W", "USDT", two, 0.01m, 0.001m, 0.0002m, 0.0005m), 2_500m, 50_000m, 20m);
        Assert.Equal(50_000m, t.Notional);
        Assert.False(t.LimitedByTier);
    }

    [Fact]
    public void Funding_ChecksAndMessages()
    {
        var p = Position.Open(Flat, Side.Long, 1m, 100m, 1m);
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Contains("must be after from", BadInput.Throws("to", () => Funding.Total(p, [], t0, t0, 100m)).Message);
        Assert.Contains("must return a positive mark price", BadInput.Throws("markPriceAt", () => Funding.Total(p, [new FundingEvent(t0, 0.0001m)], t0, t0.AddDays(1), _ => 0m)).Message);
        Assert.Contains("must be a fraction in (-1, 1)", BadInput.Throws("rate", () => Funding.Payment(Side.Long, 1m, 1m)).Message);
        // The position is checked before the rate.
        BadInput.Throws("position", () => Funding.Project(null!, 100m, 5m));
    }
}
