using HedgeMath.Positions;

namespace HedgeMath.Exchanges.Tests;

/// <summary><see cref="ExchangePosition.MarginView"/>: the library's isolated margin view that <c>positions import</c> sets beside the exchange's figures.</summary>
public sealed class ExchangePositionTests
{
    private static ExchangePosition Short(MarginMode mode, decimal? margin) =>
        new("binance-usdm", "BTCUSDT", Side.Short, 0.5m, 50_000m, 50_000m, 10m, mode, 54_000m, margin, null, 0m, "USDT");

    [Fact]
    public void MarginView_Isolated_UsesTheExchangesMargin()
    {
        // Short 0.5 BTC at 50,000, 10x, the exchange holding 3,000 USDT of isolated margin; BTCUSDT tier 1 MMR 0.4 %:
        // MM = 25,000 × 0.004 = 100; liquidation (3,000 + 0.5 × 50,000) / (0.5 × 0.004 + 0.5) = 28,000 / 0.502 = 55,776.89…
        var v = Short(MarginMode.Isolated, 3_000m).MarginView(Contract.BinanceBtcUsdt);
        Assert.Equal(3_000m, v.WalletBalance);
        Assert.Equal(100m, v.MaintenanceMargin);
        Assert.Equal(55_776.89m, Math.Round(v.LiquidationPrice!.Value, 2));
    }

    [Fact]
    public void MarginView_CrossOrNoMargin_IsTheIsolatedViewAtTheInitialMargin()
    {
        // Initial margin 25,000 / 10 = 2,500: liquidation (2,500 + 25,000) / 0.502 = 54,780.876… (the README's worked example).
        foreach (var p in new[] { Short(MarginMode.Cross, 10_000m), Short(MarginMode.Isolated, null), Short(MarginMode.Isolated, 0m) })
        {
            var v = p.MarginView(Contract.BinanceBtcUsdt);
            Assert.Equal(2_500m, v.WalletBalance);
            Assert.Equal(54_780.88m, Math.Round(v.LiquidationPrice!.Value, 2));
        }
        Assert.Throws<ArgumentNullException>(() => Short(MarginMode.Isolated, 3_000m).MarginView(null!));
        var bad = Short(MarginMode.Isolated, 3_000m) with { Leverage = 0m };
        Assert.Contains("leverage", Assert.ThrowsAny<ArgumentException>(() => bad.MarginView(Contract.BinanceBtcUsdt)).Message, StringComparison.OrdinalIgnoreCase);
    }
}
