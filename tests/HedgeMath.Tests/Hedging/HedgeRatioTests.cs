using HedgeMath.Hedging;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

public class HedgeRatioTests
{
    // Reference R6 (data/margin/reference_vectors.md): Hull, Options, Futures and Other Derivatives, Example 3.3.
    private static readonly double[] R6Futures = [0.021, 0.035, -0.046, 0.001, 0.044, -0.029, -0.026, -0.029, 0.048, -0.006, -0.036, -0.011, 0.019, -0.027, 0.029];
    private static readonly double[] R6Spot = [0.029, 0.020, -0.044, 0.008, 0.026, -0.019, -0.010, -0.007, 0.043, 0.011, -0.036, -0.018, 0.009, -0.032, 0.023];

    [Fact]
    public void MinimumVariance_HullExample33_ReproducesR6()
    {
        var r = HedgeRatio.MinimumVariance(R6Spot, R6Futures, HedgeRatioBasis.InputsAreChanges);
        // R6: σF = 0.0313434, σS = 0.0262548, ρ = 0.9283723, h* = 0.7776507, ρ² = 0.8618752 (7 decimals as printed).
        Assert.Equal(0.0313434, Math.Round(r.FuturesVolatility, 7));
        Assert.Equal(0.0262548, Math.Round(r.SpotVolatility, 7));
        Assert.Equal(0.9283723, Math.Round(r.Correlation, 7));
        Assert.Equal(0.7776507, Math.Round(r.HedgeRatio, 7));
        Assert.Equal(0.8618752, Math.Round(r.Effectiveness, 7));
        Assert.Equal(15, r.Observations);
        // Residual volatility = σS·√(1 − ρ²) = 0.0262548·√0.1381248 = 0.0097576 (hand calculation).
        Assert.Equal(0.0262548 * Math.Sqrt(1 - 0.8618752), r.ResidualVolatility, 6);
    }

    [Fact]
    public void OptimalContracts_HullExample33_Is37()
    {
        // R6: N* = 0.7776507 × 2,000,000 / 42,000 = 37.03 → 37.
        var n = HedgeRatio.OptimalContracts(0.7776507, 2_000_000m, 42_000m);
        Assert.Equal(37.03m, Math.Round(n.Exact, 2));
        Assert.Equal(37m, n.Rounded);
        Assert.True(n.Rounded - n.Exact < 0m);   // the rounding error: under-hedged
    }

    [Fact]
    public void MinimumVariance_PricesToPriceChanges_EqualsChangesOfCumulatedPrices()
    {
        // Prices whose differences are the R6 changes give the same estimate.
        var fp = new double[16]; var sp = new double[16];
        fp[0] = 1; sp[0] = 1;
        for (int i = 0; i < 15; i++) { fp[i + 1] = fp[i] + R6Futures[i]; sp[i + 1] = sp[i] + R6Spot[i]; }
        var r = HedgeRatio.MinimumVariance(sp, fp, HedgeRatioBasis.PricesToPriceChanges);
        Assert.Equal(0.7776507, Math.Round(r.HedgeRatio, 7));
    }

    [Fact]
    public void MinimumVariance_LogReturnsOfProportionalSeries_IsOne()
    {
        // Spot = 3 × futures at every point: log returns are identical → h* = 1, ρ = 1, residual 0.
        double[] f = [100, 101, 99, 103, 104, 102];
        var s = f.Select(x => 3 * x).ToArray();
        var r = HedgeRatio.MinimumVariance(s, f, HedgeRatioBasis.PricesToLogReturns);
        Assert.Equal(1d, r.HedgeRatio, 12);
        Assert.Equal(1d, r.Correlation, 12);
        Assert.Equal(0d, r.ResidualVolatility, 12);
        // On price changes the same data gives h* = 3 (3 spot dollars per futures dollar).
        Assert.Equal(3d, HedgeRatio.MinimumVariance(s, f, HedgeRatioBasis.PricesToPriceChanges).HedgeRatio, 12);
    }

    [Fact]
    public void MinimumVariance_SimpleReturns_MatchesHandComputation()
    {
        // Spot returns +10 %, −10 %, +20 %; futures returns +5 %, −5 %, +10 %: spot = 2 × futures exactly → h* = 2.
        double[] s = [100, 110, 99, 118.8];
        double[] f = [50, 52.5, 49.875, 54.8625];
        var r = HedgeRatio.MinimumVariance(s, f, HedgeRatioBasis.PricesToSimpleReturns);
        Assert.Equal(2d, r.HedgeRatio, 10);
    }

    [Fact]
    public void MinimumVariance_DifferentLengths_RejectsFutures() =>
        BadInput.Throws("futures", () => HedgeRatio.MinimumVariance(R6Spot, R6Futures.AsSpan(0, 14), HedgeRatioBasis.InputsAreChanges));

    [Fact]
    public void MinimumVariance_TooShort_RejectsSpot() =>
        BadInput.Throws("spot", () => HedgeRatio.MinimumVariance(R6Spot.AsSpan(0, 3), R6Futures.AsSpan(0, 3), HedgeRatioBasis.PricesToLogReturns));

    [Fact]
    public void MinimumVariance_NonFiniteValue_RejectsSeries()
    {
        BadInput.Rejects("spot", v => { var s = (double[])R6Spot.Clone(); s[4] = v; HedgeRatio.MinimumVariance(s, R6Futures, HedgeRatioBasis.InputsAreChanges); }, BadInput.NonFiniteDoubles);
        BadInput.Rejects("futures", v => { var f = (double[])R6Futures.Clone(); f[4] = v; HedgeRatio.MinimumVariance(R6Spot, f, HedgeRatioBasis.InputsAreChanges); }, BadInput.NonFiniteDoubles);
    }

    [Fact]
    public void MinimumVariance_NonPositivePriceForReturns_RejectsSpot() =>
        BadInput.Rejects("spot", v => HedgeRatio.MinimumVariance([1, v, 2, 3], [1, 2, 3, 2], HedgeRatioBasis.PricesToLogReturns), 0d, -1d);

    [Fact]
    public void MinimumVariance_ConstantFutures_RejectsFutures() =>
        BadInput.Throws("futures", () => HedgeRatio.MinimumVariance([1, 2, 3, 1], [5, 5, 5, 5], HedgeRatioBasis.InputsAreChanges));

    [Fact]
    public void MinimumVariance_UndefinedBasis_RejectsBasis() =>
        BadInput.Throws("basis", () => HedgeRatio.MinimumVariance(R6Spot, R6Futures, (HedgeRatioBasis)42));

    [Fact]
    public void OptimalContracts_BadInput_Rejected()
    {
        BadInput.Rejects("hedgeRatio", h => HedgeRatio.OptimalContracts(h, 1m, 1m), [.. BadInput.NonFiniteDoubles, -0.1]);
        BadInput.Rejects("hedgedQuantity", q => HedgeRatio.OptimalContracts(0.5, q, 1m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("contractQuantity", q => HedgeRatio.OptimalContracts(0.5, 1m, q), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void ToChanges_LogReturns_WritesNMinusOne()
    {
        double[] p = [100, 110, 99];
        var d = new double[2];
        Assert.Equal(2, HedgeRatio.ToChanges(p, d, HedgeRatioBasis.PricesToLogReturns));
        Assert.Equal(Math.Log(1.1), d[0], 15);
        Assert.Equal(Math.Log(0.9), d[1], 15);
        BadInput.Throws("destination", () => HedgeRatio.ToChanges(p, new double[1], HedgeRatioBasis.PricesToLogReturns));
    }
}
