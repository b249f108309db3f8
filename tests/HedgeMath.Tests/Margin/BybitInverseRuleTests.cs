using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

// Bybit help centre, "Liquidation Price Calculation under Isolated Mode (Unified Trading Account)", inverse contracts
// (https://www.bybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account):
// LP(long) = Size·(MMR + 1) / (Size/EP + Size/EP/Lev + Extra/(1 + taker) + deduction),
// LP(short) = Size·(1 − MMR) / (Size/EP − Size/EP/Lev − Extra/(1 − taker) − deduction).
// The page's example: 60,000 USD of BTCUSD at 50,000, 10x, MMR 0.5 %, no extra margin (position value 1.2 BTC,
// initial margin 0.12 BTC). The results below are worked out by hand from the formula.
public class BybitInverseRuleTests
{
    private static Contract BtcUsd(decimal mmr, decimal deduction = 0m, decimal taker = 0.00055m) =>
        Contract.Inverse("BTCUSD", "BTC", "USD", 1m, MarginTierTable.Flat(mmr, 100m, deduction), 0.5m, 1m, 0.0001m, taker);

    [Fact]
    public void LiquidationPrice_LongPageExample_Matches()
    {
        // 60,000 × 1.005 / (1.2 + 0.12) = 60,300 / 1.32 = 45,681.8181…
        var p = Position.Open(BtcUsd(0.005m), Side.Long, 60_000m, 50_000m, 10m);
        Assert.Equal(45_681.82m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitInverse)!.Value, 2));
    }

    [Fact]
    public void LiquidationPrice_ShortPageExample_Matches()
    {
        // 60,000 × 0.995 / (1.2 − 0.12) = 59,700 / 1.08 = 55,277.7777…
        var p = Position.Open(BtcUsd(0.005m), Side.Short, 60_000m, 50_000m, 10m);
        Assert.Equal(55_277.78m, Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitInverse)!.Value, 2));
    }

    [Fact]
    public void LiquidationPrice_ExtraMargin_CountsNetOfClosingFee()
    {
        // Isolated margin 0.22 BTC = IM 0.12 + extra 0.10; taker 0.055 %:
        // 60,300 / (1.2 + 0.12 + 0.10/1.00055 + 0) = 60,300 / 1.4199450302… = 42,466.43…
        var p = Position.Open(BtcUsd(0.005m), Side.Long, 60_000m, 50_000m, 10m, isolatedMargin: 0.22m);
        var expected = 60_300m / (1.32m + 0.10m / 1.00055m);
        Assert.Equal(Math.Round(expected, 6), Math.Round(MarginCalc.LiquidationPrice(p, LiquidationRule.BybitInverse)!.Value, 6));
        Assert.Equal(42_466.43m, Math.Round(expected, 2));
    }

    [Fact]
    public void IsLiquidatable_SwitchesAtTheLiquidationPrice_WithExtraMargin()
    {
        // The same position, LP 42,466.43. Coin terms at a mark P: counted margin 0.12 + 0.10/1.00055 = 0.2199450…, PnL
        // 60,000·(1/50,000 − 1/P), MM 60,000/P × 0.5 %. At 42,467: 0.0070833 > MM 0.0070643 → safe; at 42,466:
        // 0.0070500 ≤ MM 0.0070645 → liquidatable. The plain margin 0.22 gives 0.0071050 there and would call it safe.
        var p = Position.Open(BtcUsd(0.005m), Side.Long, 60_000m, 50_000m, 10m, isolatedMargin: 0.22m);
        Assert.False(MarginCalc.Isolated(p, 42_467m, LiquidationRule.BybitInverse).IsLiquidatable);
        Assert.True(MarginCalc.Isolated(p, 42_466m, LiquidationRule.BybitInverse).IsLiquidatable);
    }

    [Fact]
    public void BybitInverse_OnLinearContract_Throws()
    {
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m);
        var ex = Assert.Throws<ArgumentException>(() => MarginCalc.LiquidationPrice(p, LiquidationRule.BybitInverse));
        Assert.Equal("rule", ex.ParamName);
    }

    [Fact]
    public void Isolated_BybitInverse_ReportsRuleAndTier()
    {
        var p = Position.Open(BtcUsd(0.005m), Side.Long, 60_000m, 50_000m, 10m);
        var s = MarginCalc.Isolated(p, 50_000m, LiquidationRule.BybitInverse);
        Assert.Equal(LiquidationRule.BybitInverse, s.Rule);
        Assert.Equal(45_681.82m, Math.Round(s.LiquidationPrice!.Value, 2));
        Assert.Equal(1, s.LiquidationTier!.Tier);
    }
}
