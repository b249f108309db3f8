using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// Sums the CLI computed in its command files until issue 25 (item 5), now owned by the library types that own their
/// inputs: <see cref="MinimumVarianceHedge.FromEstimate"/> (was <c>plan --hedge-estimate</c>'s parser),
/// <see cref="LegStop.PriceFor(Side, decimal)"/> (the strategies' <c>--stop-distance</c>) and <see cref="HedgeOutcome.HedgeNet"/>
/// (<c>sell-and-hedge</c>'s "Hedge net" column).
/// </summary>
public class CliSumsOwnedByLibraryTests
{
    [Fact]
    public void FromEstimate_HullExample33_GivesTheFuturesVolatility()
    {
        // Reference R6 (Hull, Options, Futures and Other Derivatives, Example 3.3; data/margin/reference_vectors.md):
        // h* = 0.7776507, ρ = 0.9283723, σS = 0.0262548 → σF = ρ·σS/h* = 0.0313434 (as printed, 7 decimals).
        var e = MinimumVarianceHedge.FromEstimate(0.7776507, 0.9283723, 0.0262548);
        Assert.Equal(0.0313434, e.FuturesVolatility, 6);
        // Residual σS·√(1 − ρ²) = 0.0262548 · √(1 − 0.86187513) = 0.0262548 · 0.37165155 = 0.00975771 (hand calculation).
        Assert.Equal(0.0097577, e.ResidualVolatility, 6);
        Assert.Equal(0.8618752, e.Effectiveness, 6);
        Assert.Equal((2, HedgeRatioBasis.PricesToLogReturns), (e.Observations, e.Basis));
        // hedge-ratio's own printout for SOL against BTC (docs/hedging.md): 1.1722:0.5775:0.0621 → σF = 0.5775·0.0621/1.1722 = 0.0305944.
        Assert.Equal(0.0305944, MinimumVarianceHedge.FromEstimate(1.1722, 0.5775, 0.0621).FuturesVolatility, 6);
    }

    [Theory]
    [InlineData(0d, 0.5, 0.02, "hedgeRatio")]
    [InlineData(1d, 0d, 0.02, "correlation")]
    [InlineData(1d, 1.01, 0.02, "correlation")]
    [InlineData(1d, double.NaN, 0.02, "correlation")]
    [InlineData(1d, 0.5, -0.02, "spotVolatility")]
    [InlineData(double.PositiveInfinity, 0.5, 0.02, "hedgeRatio")]
    [InlineData(5e-324, 0.5, 0.02, "hedgeRatio")] // σF = 0.01/5e-324 overflows: no infinite volatility
    public void FromEstimate_OutOfRange_NamesTheFigure(double h, double rho, double vol, string param)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MinimumVarianceHedge.FromEstimate(h, rho, vol));
        Assert.Equal(param, ex.ParamName);
    }

    [Fact]
    public void LegStopPriceFor_MovesTheEntryAgainstTheLeg()
    {
        // A short hedge from 50,000 with a 10 % stop: 50,000 × 1.1 = 55,000; a long from 3,000 with 5 %: 3,000 × 0.95 = 2,850.
        Assert.Equal(55_000m, LegStop.AtDistance(0.1m).PriceFor(Side.Short, 50_000m));
        Assert.Equal(2_850m, LegStop.AtDistance(0.05m).PriceFor(Side.Long, 3_000m));
        Assert.Equal(61_000m, LegStop.AtPrice(61_000m).PriceFor(Side.Short, 50_000m));
        // No price from the entry alone: an ATR multiple (needs the ATR), a maximum hedge cost (needs the size), a long 100 % below.
        Assert.Null(LegStop.AtAtrMultiple(2m).PriceFor(Side.Short, 50_000m));
        Assert.Null(LegStop.MaxHedgeCost(500m).PriceFor(Side.Short, 50_000m));
        Assert.Null(LegStop.AtDistance(1m).PriceFor(Side.Long, 50_000m));
        Assert.Equal("entry", Assert.ThrowsAny<ArgumentException>(() => LegStop.AtDistance(0.1m).PriceFor(Side.Short, 0m)).ParamName);
        Assert.Equal("side", Assert.ThrowsAny<ArgumentException>(() => LegStop.AtDistance(0.1m).PriceFor((Side)7, 50_000m)).ParamName);
    }

    [Fact]
    public void HedgeNet_IsPnlMinusFeesPlusFunding_InTheQuoteAsset()
    {
        // The README's hedge: 0.5 BTC short at 50,000, 10x; an instant fall to 45,000: PnL 0.5 × 5,000 = 2,500; fees at the
        // taker rate on 25,000 (open) and 22,500 (close); no funding.
        var btc = Contract.Find("binance-usdm", "BTCUSDT");
        var plan = HedgePlan.Create(SpotHolding.Create("BTC", 1.0m, 50_000m), 0.5m, btc, 10m, 50_000m);
        var o = plan.OutcomeAt(45_000m);
        decimal fees = (25_000m + 22_500m) * btc.TakerFeeRate;
        Assert.Equal(2_500m - fees, o.HedgeNet);
        // With funding over 30 days, the net still adds it (a short receives at a positive rate).
        var funded = plan.OutcomeAt(45_000m, funding: FundingTerms.Constant(0.0001m, 30m));
        Assert.True(funded.Funding > 0m);
        Assert.Equal(funded.FuturesPnl - funded.Fees + funded.Funding, funded.HedgeNet);
    }
}
