using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Positions;

public class ContractTests
{
    [Fact]
    public void Presets_BinanceUsdt_MatchTheDatedData()
    {
        var btc = Contract.BinanceBtcUsdt;
        Assert.Equal(ContractType.Linear, btc.Type);
        Assert.Equal("USDT", btc.SettlementAsset);
        Assert.Equal(0.1m, btc.TickSize);
        Assert.Equal(0.001m, btc.LotStep);
        Assert.Equal(0.0002m, btc.MakerFeeRate);
        Assert.Equal(0.0005m, btc.TakerFeeRate);
        Assert.Equal(TimeSpan.FromHours(8), btc.FundingInterval);
        Assert.Equal(12, btc.Tiers.Count);
        Assert.Equal(125m, btc.MaxLeverage);
        // binance_usdm_leverage_tiers_2024-10.json, BTC tier 12: floor 1.2e9, cap 1.8e9, 1x, MMR 0.5, cum 421,481,450
        Assert.Equal(421_481_450m, btc.Tiers.Tiers[11].MaintenanceAmount);
        var eth = Contract.BinanceEthUsdt;
        Assert.Equal(0.01m, eth.TickSize);
        // ETH tier 6: 50,000,000–65,000,000, 20x, MMR 0.025, cum 381,450
        Assert.Equal(381_450m, eth.Tiers.TierFor(60_000_000m).MaintenanceAmount);
    }

    [Fact]
    public void Preset_CoinMBtcUsd_HasTheR2Tier()
    {
        var c = Contract.BinanceCoinMBtcUsd;
        Assert.Equal(ContractType.Inverse, c.Type);
        Assert.Equal("BTC", c.SettlementAsset);
        Assert.Equal(100m, c.ContractSize);
        var t = c.Tiers.TierFor(300m);
        Assert.Equal(0.125m, t.MaintenanceMarginRate);
        Assert.Equal(11.605m, t.MaintenanceAmount);
        // The recorded rates reproduce the documented cum through Binance's recurrence.
        Assert.Equal(c.Tiers.Tiers.Select(x => x.MaintenanceAmount).ToArray(), c.Tiers.DerivedMaintenanceAmounts().ToArray());
    }

    [Fact]
    public void RoundQuantityAndPrice_UseLotAndTick()
    {
        var c = Contract.BinanceBtcUsdt;
        Assert.Equal(0.001m, c.RoundQuantity(0.0019m));
        Assert.Equal(0m, c.RoundQuantity(0.0009m));
        Assert.Equal(50_000.1m, c.RoundPrice(50_000.06m));
        Assert.Equal(50_000.0m, c.RoundPrice(50_000.09m, MidpointRounding.ToZero));
    }

    [Fact]
    public void MaxLeverageFor_UsesTheTierOfTheNotional()
    {
        var c = Contract.BinanceBtcUsdt;
        Assert.Equal(125m, c.MaxLeverageFor(25_000m));
        Assert.Equal(100m, c.MaxLeverageFor(50_000.01m));
        Assert.Equal(75m, c.MaxLeverageFor(1_000_000m));
    }

    [Fact]
    public void Factories_BadInput_NameTheParameter()
    {
        var tiers = MarginTierTable.Flat(0.01m, 50m);
        BadInput.Rejects("takerFeeRate", (decimal f) => Contract.Linear("X", "X", "USDT", tiers, 0.1m, 0.001m, 0.0002m, f), -0.0001m, 1m, 2m);
        BadInput.Rejects("makerFeeRate", (decimal f) => Contract.Linear("X", "X", "USDT", tiers, 0.1m, 0.001m, f, 0.0005m), -0.0001m, 1m);
        BadInput.Rejects("tickSize", (decimal v) => Contract.Linear("X", "X", "USDT", tiers, v, 0.001m, 0m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("lotStep", (decimal v) => Contract.Linear("X", "X", "USDT", tiers, 0.1m, v, 0m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("contractSize", (decimal v) => Contract.Inverse("X", "BTC", "USD", v, tiers, 0.1m, 1m, 0m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("maxLeverage", (decimal v) => Contract.Linear("X", "X", "USDT", tiers, 0.1m, 0.001m, 0m, 0m, maxLeverage: v), 0.5m, 51m);
        BadInput.Throws("symbol", () => Contract.Linear(" ", "X", "USDT", tiers, 0.1m, 0.001m, 0m, 0m));
        BadInput.Throws("tiers", () => Contract.Linear("X", "X", "USDT", null!, 0.1m, 0.001m, 0m, 0m));
        BadInput.Throws("fundingInterval", () => Contract.Linear("X", "X", "USDT", tiers, 0.1m, 0.001m, 0m, 0m, fundingInterval: TimeSpan.Zero));
    }
}
