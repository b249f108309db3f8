using HedgeMath.Positions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// Test contracts with round numbers: one maintenance tier with rate <c>mmr</c> and no maintenance amount, lot 0.001,
/// tick 0.01, leverage up to 125x. Binance USDⓈ-M isolated short (one-way) on it: IM = q·P/L and
/// LP = (IM + q·P) / (q·(1 + MMR)) = P·(1 + 1/L)/(1 + MMR) (Binance "How to Calculate Liquidation Price of USDⓈ-M
/// Contracts", single position, cum = 0) — the engine takes it from MarginCalc.
/// </summary>
internal static class Stub
{
    public static Contract Contract(decimal mmr = 0.004m, decimal feeRate = 0m) => HedgeMath.Positions.Contract.Linear("STUBUSDT", "BTC", "USDT",
        new MarginTierTable([new MarginTier(1, 0m, 1_000_000_000m, 125m, mmr, 0m)]), tickSize: 0.01m, lotStep: 0.001m,
        makerFeeRate: feeRate, takerFeeRate: feeRate);

    /// <summary>P·(1 + 1/L)/(1 + MMR): the single-tier Binance liquidation price of an isolated short at its initial margin.</summary>
    public static decimal ShortLiquidation(decimal entry, decimal leverage, decimal mmr = 0.004m) => entry * (1m + 1m / leverage) / (1m + mmr);
}
