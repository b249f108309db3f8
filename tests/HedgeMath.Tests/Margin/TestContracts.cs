using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

/// <summary>Contracts with a single quoted tier, for exchange examples that give one MMR/cum.</summary>
internal static class TestContracts
{
    public static Contract LinearFlat(string symbol, decimal mmr, decimal maxLeverage, decimal cum = 0m, decimal takerFee = 0.0005m, decimal contractSize = 1m) =>
        Contract.Linear(symbol, symbol.Replace("USDT", ""), "USDT", MarginTierTable.Flat(mmr, maxLeverage, cum),
            tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0.0002m, takerFeeRate: takerFee, contractSize: contractSize);

    public static Contract InverseFlat(string symbol, decimal contractSize, decimal mmr, decimal maxLeverage, decimal cum = 0m, decimal takerFee = 0.0005m) =>
        Contract.Inverse(symbol, "BTC", "USD", contractSize, MarginTierTable.Flat(mmr, maxLeverage, cum),
            tickSize: 0.1m, lotStep: 1m, makerFeeRate: 0.0002m, takerFeeRate: takerFee);
}
