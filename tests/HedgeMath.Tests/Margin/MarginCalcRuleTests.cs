using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

/// <summary>Which rule applies where (each refusal by name), the default rule, and the snapshot's figures by hand.</summary>
public class MarginCalcRuleTests
{
    private static readonly Contract Linear = TestContracts.LinearFlat("XUSDT", 0.01m, 100m);
    private static readonly Contract Inverse = TestContracts.InverseFlat("XUSD_PERP", 100m, 0.01m, 100m);

    [Fact]
    public void DefaultRule_FromTheContractOrItsType()
    {
        // Contracts built by hand carry no exchange rule: Binance by type.
        Assert.Equal(LiquidationRule.BinanceUsdM, MarginCalc.DefaultRule(Linear));
        Assert.Equal(LiquidationRule.BinanceCoinM, MarginCalc.DefaultRule(Inverse));
        // A catalog contract carries its exchange's rule.
        var bybit = Contract.Find("bybit-linear", "BTCUSDT");
        Assert.NotNull(bybit.Rule);
        Assert.Equal(bybit.Rule, MarginCalc.DefaultRule(bybit));
        BadInput.Throws("contract", () => MarginCalc.DefaultRule(null!));
    }

    [Theory]
    [InlineData(LiquidationRule.BinanceUsdM, false, true)]
    [InlineData(LiquidationRule.BinanceCoinM, true, true)]
    [InlineData(LiquidationRule.BybitLinear, false, true)]
    [InlineData(LiquidationRule.BybitLinear, true, false)]
    [InlineData(LiquidationRule.BybitInverse, true, true)]
    [InlineData(LiquidationRule.BybitInverse, false, false)]
    [InlineData(LiquidationRule.BybitLinearUnified, false, true)]
    [InlineData(LiquidationRule.BybitLinearUnified, true, false)]
    public void Rule_RefusedForTheWrongContractTypeOrCross(LiquidationRule rule, bool linear, bool isolated)
    {
        var c = linear ? Linear : Inverse;
        decimal q = linear ? 1m : 10m;
        var mode = isolated ? MarginMode.Isolated : MarginMode.Cross;
        var p = Position.Open(c, Side.Long, q, 100m, 2m, mode);
        BadInput.Throws("rule", () => MarginCalc.MaintenanceMargin(p, 100m, rule));
    }

    [Fact]
    public void Rule_OutsideTheEnum_IsRefused()
    {
        var p = Position.Open(Linear, Side.Long, 1m, 100m, 2m);
        BadInput.Throws("rule", () => MarginCalc.MaintenanceMargin(p, 100m, (LiquidationRule)0));
        BadInput.Throws("rule", () => MarginCalc.MaintenanceMargin(p, 100m, (LiquidationRule)7));
        // Every defined rule that fits a linear isolated position is accepted.
        foreach (var r in new[] { LiquidationRule.BinanceUsdM, LiquidationRule.BybitLinear, LiquidationRule.OkxGate, LiquidationRule.BybitLinearUnified })
            Assert.True(MarginCalc.MaintenanceMargin(p, 100m, r) > 0m);
    }

    [Fact]
    public void MaintenanceMargin_ByRule()
    {
        // Long 2 at 100 on the flat 1 % table, mark 150: Binance at the mark 300·0.01 = 3; Bybit at entry 200·0.01 = 2;
        // OKX/Gate at the mark plus the taker fee: 3 + 300·0.0005 = 3.15.
        var p = Position.Open(Linear, Side.Long, 2m, 100m, 2m);
        Assert.Equal(3m, MarginCalc.MaintenanceMargin(p, 150m));
        Assert.Equal(2m, MarginCalc.MaintenanceMargin(p, 150m, LiquidationRule.BybitLinear));
        Assert.Equal(3.15m, MarginCalc.MaintenanceMargin(p, 150m, LiquidationRule.OkxGate));
        BadInput.Rejects("markPrice", (decimal m) => MarginCalc.MaintenanceMargin(p, m), BadInput.NonPositiveDecimals);
        BadInput.Throws("position", () => MarginCalc.MaintenanceMargin(null!, 1m));
    }

    [Fact]
    public void LiquidationPrice_CrossOrNull_IsRefused()
    {
        var cross = Position.Open(Linear, Side.Long, 1m, 100m, 2m, MarginMode.Cross);
        BadInput.Throws("position", () => MarginCalc.LiquidationPrice(cross));
        BadInput.Throws("position", () => MarginCalc.LiquidationPrice(null!));
        BadInput.Throws("position", () => MarginCalc.Isolated(null!, 1m));
    }

    [Fact]
    public void LiquidationPrice_EachIsolatedRule_ByHand()
    {
        // Short 1 at 100, 10x (margin 10), flat 1 % table, taker 0.05 %.
        var p = Position.Open(Linear, Side.Short, 1m, 100m, 10m);
        // Binance: (10 + 100)/(0.01 + 1) = 108.910891…
        Assert.Equal(108.910891m, Math.Round(MarginCalc.LiquidationPrice(p)!.Value, 6));
        // Bybit classic: EP + (IM − MM at entry)/q = 100 + (10 − 1) = 109.
        Assert.Equal(109m, MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinear));
        // OKX/Gate: (10 + 100)/(0.0105 + 1) = 108.857…
        Assert.Equal(108.857001m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.OkxGate)!.Value, 6));
        // Bybit UTA short: (100 + 10 + 0)/(1 + 0.01) = 108.910891… (no extra margin: the same as Binance here).
        Assert.Equal(108.910891m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitLinearUnified)!.Value, 6));
        // Inverse short 10 × 100 USD at 100 (10 coins), 10x: Bybit inverse LP = Q(1 − MMR)/(Q/EP − Q/EP/lev) = 990/9 = 110.
        var inv = Position.Open(Inverse, Side.Short, 10m, 100m, 10m);
        Assert.Equal(110m, MarginCalc.LiquidationPrice(inv, LiquidationRule.BybitInverse));
    }

    [Fact]
    public void Isolated_SnapshotFigures_ByHand()
    {
        // Long 2 at 100, 4x (margin 50), flat 1 % table, mark 90: notional 180, MM 1.8, UPNL −20, margin balance 30,
        // ratio 1.8/30 = 0.06, LP = (50 − 200)/(0.02 − 2) = 75.757575…, distance (90 − 75.76)/90.
        var p = Position.Open(Linear, Side.Long, 2m, 100m, 4m);
        var s = MarginCalc.Isolated(p, 90m);
        Assert.Equal(LiquidationRule.BinanceUsdM, s.Rule);
        Assert.Equal(180m, s.Notional);
        Assert.Equal(45m, s.InitialMargin);
        Assert.Equal(1.8m, s.MaintenanceMargin);
        Assert.Equal(-20m, s.UnrealizedPnl);
        Assert.Equal(50m, s.WalletBalance);
        Assert.Equal(30m, s.MarginBalance);
        Assert.Equal(0.06m, s.MarginRatio);
        Assert.False(s.IsLiquidatable);
        Assert.Equal(75.757576m, Math.Round(s.LiquidationPrice!.Value, 6));
        Assert.Equal(Math.Round((90m - s.LiquidationPrice.Value) / 90m, 12), Math.Round(s.DistanceToLiquidation!.Value, 12));
        // Bankruptcy: balance + PnL = 0 → 50 + 2·(P − 100) = 0 → P = 75.
        Assert.Equal(75m, s.BankruptcyPrice);
        Assert.Equal("USDT", s.SettlementAsset);
        Assert.Same(p, s.Position);
        Assert.Equal(90m, s.MarkPrice);
        // At the mark 70, past the liquidation price: margin balance 50 − 60 = −10, liquidatable, negative distance.
        var past = MarginCalc.Isolated(p, 70m);
        Assert.True(past.IsLiquidatable);
        Assert.True(past.DistanceToLiquidation < 0m);
        // At 40 the margin balance is −70: no ratio.
        Assert.Null(MarginCalc.Isolated(p, 40m).MarginRatio);
    }

    [Fact]
    public void Cross_MarkOfZero_AndRuleFromThePosition()
    {
        var cross = Position.Open(Linear, Side.Long, 1m, 100m, 2m, MarginMode.Cross);
        var account = CrossAccount.Create("USDT", 100m, [cross]);
        BadInput.Throws("markPrices", () => MarginCalc.Cross(account, new Dictionary<string, decimal> { ["XUSDT"] = 0m }));
        BadInput.Throws("account", () => MarginCalc.Cross(null!, new Dictionary<string, decimal>()));
        BadInput.Throws("markPrices", () => MarginCalc.Cross(account, (IReadOnlyDictionary<string, decimal>)null!));
        // One position of the account: the OKX rule adds the taker fee to its maintenance, 100·(0.01 + 0.0005) = 1.05.
        var one = MarginCalc.Cross(account, cross, new Dictionary<string, decimal> { ["XUSDT"] = 100m }, LiquidationRule.OkxGate);
        Assert.Equal(1.05m, one.MaintenanceMargin);
        Assert.Equal(LiquidationRule.OkxGate, one.Rule);
        Assert.Equal(LiquidationRule.BinanceUsdM, MarginCalc.Cross(account, cross, new Dictionary<string, decimal> { ["XUSDT"] = 100m }).Rule);
        // Wallet 100, long 1 at 100 (fully funded): LP = (100 + 0 − 100)/(0.0105 − 1) = 0 → none.
        Assert.Null(one.LiquidationPrice);
        // An empty account: nothing to check, the Binance rule.
        var empty = MarginCalc.Cross(CrossAccount.Create("USDT", 5m, []), new Dictionary<string, decimal>());
        Assert.Equal(LiquidationRule.BinanceUsdM, empty.Rule);
        Assert.Equal(5m, empty.MarginBalance);
        Assert.Equal(0m, empty.InitialMargin);
    }
}
