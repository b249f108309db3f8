using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// A test stand-in for the margin engine: one maintenance tier with rate <c>mmr</c> and no maintenance amount.
/// Binance USDⓈ-M isolated short (one-way): IM = q·P/L and LP = (IM + q·P) / (q·(1 + MMR)) = P·(1 + 1/L)/(1 + MMR)
/// (Binance "How to Calculate Liquidation Price of USDⓈ-M Contracts", single position, cum = 0). Used only to give
/// scenarios numbers to work with in tests; the library takes these from HedgeMath.Margin.
/// </summary>
internal sealed class StubMarginModel(decimal mmr = 0.004m) : IHedgeMarginModel
{
    public string Name => "stub single-tier";

    public HedgeMargin ShortHedge(decimal quantity, decimal entryPrice, decimal leverage) =>
        new(quantity * entryPrice / leverage, entryPrice * (1m + 1m / leverage) / (1m + mmr));

    public decimal MaintenanceMargin(decimal quantity, decimal entryPrice, decimal leverage, decimal markPrice) => quantity * markPrice * mmr;
}

/// <summary>A margin model whose hedges can never be liquidated (isolated margin = notional / leverage).</summary>
internal sealed class NoLiquidationModel : IHedgeMarginModel
{
    public string Name => "no liquidation";
    public HedgeMargin ShortHedge(decimal quantity, decimal entryPrice, decimal leverage) => new(quantity * entryPrice / leverage, null);
    public decimal MaintenanceMargin(decimal quantity, decimal entryPrice, decimal leverage, decimal markPrice) => 0m;
}
