using HedgeMath.Hedging;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Hedging;

public class RebalancingTests
{
    private static readonly (string Name, decimal Weight, bool IsCash)[] Targets602020 =
    [
        ("core", 0.60m, false),
        ("satellite", 0.20m, false),
        ("buffer", 0.20m, true),
    ];

    // Portfolio worth 100,000 USDT: core 0.5 BTC × 100,000 = 50,000; satellite 200 SOL × 150 = 30,000; buffer 20,000 USDT → 50/30/20.
    private static PortfolioAllocation Drifted(decimal futuresFeeRate = 0.0005m, decimal spotFeeRate = 0.001m) => PortfolioAllocation.Analyze(Targets602020,
    [
        ("BTC", "core", 0.5m, 100_000m),
        ("SOL", "satellite", 200m, 150m),
        ("USDT", "buffer", 20_000m, 1m),
    ], 0.05m, futuresFeeRate, spotFeeRate);

    [Fact]
    public void Analyze_503020Against602020_DriftAndBand()
    {
        var a = Drifted();
        Assert.Equal(100_000m, a.PortfolioValue);
        // Weights 50 000/100 000 = 0.5, 0.3, 0.2; drift −0.10, +0.10, 0 against a ±0.05 band.
        Assert.Equal([0.5m, 0.3m, 0.2m], a.Buckets.Select(b => b.Weight));
        Assert.Equal([-0.1m, 0.1m, 0m], a.Buckets.Select(b => b.Drift));
        Assert.Equal(["core", "satellite"], a.OutsideBand.Select(b => b.Name));
        Assert.Equal(0.3m, a.Bucket("SATELLITE").Weight);   // names compare ignoring case
        BadInput.Throws("name", () => a.Bucket("nope"));
    }

    [Fact]
    public void RestoringHedge_503020To602020_ShortSatelliteLongCore()
    {
        var p = Drifted(futuresFeeRate: 0.0005m, spotFeeRate: 0.001m);
        // Targets: 60 000 / 20 000 / 20 000. Hedge H = V − target: core 50 000 − 60 000 = −10 000 (long), satellite +10 000 (short).
        var core = p.Buckets[0]; var sat = p.Buckets[1]; var buf = p.Buckets[2];
        Assert.Equal(-10_000m, core.HedgeNotional);
        Assert.Equal(10_000m, sat.HedgeNotional);
        Assert.Equal(0m, buf.HedgeNotional);
        Assert.Equal(60_000m, core.EffectiveExposure);
        Assert.Equal(20_000m, sat.EffectiveExposure);
        Assert.Equal(20_000m, buf.EffectiveExposure);
        // Spot alternative: buy 10 000 core, sell 10 000 satellite; fees 0.1 % × 20 000 = 20.
        Assert.Equal(10_000m, core.SpotTrade);
        Assert.Equal(-10_000m, sat.SpotTrade);
        Assert.Equal(20m, p.SpotFees);
        // Futures fees: 0.05 % × 20 000 = 10 to open, 20 round trip.
        Assert.Equal(20_000m, p.GrossHedgeNotional);
        Assert.Equal(10m, p.HedgeOpenFees);
        Assert.Equal(20m, p.HedgeRoundTripFees);
    }

    [Fact]
    public void RestoringHedge_701020To602020_ShortCoreIntoSyntheticCash()
    {
        var p = PortfolioAllocation.Analyze(Targets602020,
        [
            ("BTC", "core", 0.7m, 100_000m),
            ("SOL", "satellite", 100m, 200m),
            ("USDT", "buffer", 10_000m, 1m),
        ], 0.05m, 0.0005m, 0.001m);
        // Core 70 000 − 60 000 = short 10 000; the buffer's effective exposure 10 000 + 10 000 synthetic cash = 20 000.
        Assert.Equal(10_000m, p.Buckets[0].HedgeNotional);
        Assert.Equal(0m, p.Buckets[1].HedgeNotional);
        Assert.Equal(20_000m, p.Buckets[2].EffectiveExposure);
        Assert.Equal(5m, p.HedgeOpenFees);
    }

    [Fact]
    public void HedgeFraction_TwentyPercent_BothReadingsDiffer()
    {
        var a = Drifted();
        // Core holding 50 000 in a 100 000 portfolio: "hedge 20 %" of the holding = 10 000; of the portfolio = 20 000.
        var ofHolding = a.HedgeFraction("core", 0.20m, ofPortfolio: false);
        var ofPortfolio = a.HedgeFraction("core", 0.20m, ofPortfolio: true);
        Assert.Equal(10_000m, ofHolding.Notional);
        Assert.Equal(0.2m, ofHolding.HedgeRatio);
        Assert.Equal(0.4m, ofHolding.ExposureWeightAfter);   // (50 000 − 10 000) / 100 000
        Assert.Equal(20_000m, ofPortfolio.Notional);
        Assert.Equal(0.4m, ofPortfolio.HedgeRatio);
        Assert.Equal(0.3m, ofPortfolio.ExposureWeightAfter); // (50 000 − 20 000) / 100 000
        // 60 % of the portfolio is 60 000 > 50 000 held: net short.
        Assert.True(a.HedgeFraction("core", 0.60m, ofPortfolio: true).ExceedsHolding);
        Assert.False(ofPortfolio.ExceedsHolding);
    }

    [Fact]
    public void Analyze_WeightsNotSummingToOne_RejectsTargets()
    {
        (string, string, decimal, decimal)[] usdt = [("USDT", "a", 1m, 1m)];
        var ex = BadInput.Throws("targets", () => PortfolioAllocation.Analyze([("a", 0.6m, false), ("b", 0.3m, false)], usdt));
        Assert.Contains("sum to 1", ex.Message);
        BadInput.Throws("targets", () => PortfolioAllocation.Analyze([("a", 0.6m, false), ("A", 0.4m, false)], usdt));
        BadInput.Throws("targets", () => PortfolioAllocation.Analyze([], usdt));
        BadInput.Throws("targets", () => PortfolioAllocation.Analyze([(" ", 1m, false)], usdt));
        // Thirds to 6 decimals are accepted.
        Assert.Equal(3, PortfolioAllocation.Analyze([("a", 0.333333m, false), ("b", 0.333333m, false), ("c", 0.333334m, false)], usdt).Buckets.Length);
    }

    [Fact]
    public void BadInput_Rejected()
    {
        (string, string, decimal, decimal)[] usdt = [("USDT", "a", 1m, 1m)];
        BadInput.Rejects("targets", w => PortfolioAllocation.Analyze([("a", w, false)], usdt), -0.1m, 1.01m);
        BadInput.Rejects("toleranceBand", t => PortfolioAllocation.Analyze([("a", 1m, false)], usdt, t), -0.01m, 1.5m);
        BadInput.Rejects("holdings", q => PortfolioAllocation.Analyze(Targets602020, [("BTC", "core", q, 1m)]), BadInput.NegativeDecimals);
        BadInput.Rejects("holdings", p => PortfolioAllocation.Analyze(Targets602020, [("BTC", "core", 1m, p)]), BadInput.NonPositiveDecimals);
        BadInput.Throws("holdings", () => PortfolioAllocation.Analyze(Targets602020, [(" ", "core", 1m, 1m)]));
        BadInput.Throws("holdings", () => PortfolioAllocation.Analyze(Targets602020, [("BTC", "", 1m, 1m)]));
        BadInput.Throws("holdings", () => PortfolioAllocation.Analyze(Targets602020, [("DOGE", "memes", 1m, 1m)]));
        BadInput.Throws("holdings", () => PortfolioAllocation.Analyze(Targets602020, []));
        BadInput.Rejects("futuresFeeRate", r => Drifted(r, 0m), -0.001m, 1m);
        BadInput.Rejects("spotFeeRate", r => Drifted(0m, r), -0.001m, 1m);
        BadInput.Rejects("fraction", f => Drifted().HedgeFraction("core", f, ofPortfolio: false), -0.1m, 1.1m);
        BadInput.Throws("bucket", () => Drifted().HedgeFraction("buffer", 0.2m, ofPortfolio: false));
        BadInput.Throws("bucket", () => Drifted().HedgeFraction("nope", 0.2m, ofPortfolio: false));
    }
}
