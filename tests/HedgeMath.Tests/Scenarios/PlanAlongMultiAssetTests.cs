using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// A plan over several assets along a straight path per asset (<c>PlanHistory.Along(plan, from, to)</c>, issue 28): each
/// asset moves in a straight line to its own target over the same days, on the history clock over several assets. By
/// hand: equity = Σ spot value + Σ hedge PnL + funding − fees at the target prices.
/// </summary>
public class PlanAlongMultiAssetTests
{
    /// <summary>1 BTC and 10 ETH, each hedged 0.5 with its own linear perpetual at 2x (no stop).</summary>
    private static PlanDefinition BtcAndEth() => PlanDefinition.Create("btc and eth",
        [SpotHolding.Create("BTC", 1m, 40_000m), SpotHolding.Create("ETH", 10m, 2_000m)],
        [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m), new PlanLeg(Contract.BinanceEthUsdt, 0.5m, 2m)]);

    private static Dictionary<string, decimal> Prices(decimal btc, decimal eth) => new() { ["BTC"] = btc, ["ETH"] = eth };

    [Fact]
    public void TwoAssets_OneLegEach_InstantMove_ByHand()
    {
        Assert.Equal(0.0005m, Contract.BinanceBtcUsdt.TakerFeeRate);
        Assert.Equal(0.0005m, Contract.BinanceEthUsdt.TakerFeeRate);
        var s = PlanHistory.Along(BtcAndEth(), Prices(60_000m, 3_000m), Prices(54_000m, 2_700m));
        // Legs: 0.5 BTC short at 60,000 (fee 0.5 × 60,000 × 0.0005 = 15) and 5 ETH short at 3,000 (fee 5 × 3,000 × 0.0005 = 7.5).
        Assert.Equal(0.5m, s.Book.Legs[0].Position!.Quantity);
        Assert.Equal(5m, s.Book.Legs[1].Position!.Quantity);
        Assert.Equal(15m, s.Book.Legs[0].Fees);
        Assert.Equal(7.5m, s.Book.Legs[1].Fees);
        // At the targets: spot 1 × 54,000 + 10 × 2,700 = 81,000; hedge 0.5 × 6,000 + 5 × 300 = 3,000 + 1,500; fees 22.5.
        Assert.Equal(81_000m, s.UnhedgedEquity);
        Assert.Equal(3_000m, s.Book.Legs[0].PnlAt(54_000m));
        Assert.Equal(1_500m, s.Book.Legs[1].PnlAt(2_700m));
        Assert.Equal(81_000m + 3_000m + 1_500m - 22.5m, s.Equity);
        Assert.Equal(1m, s.SpotQuantityOf("BTC"));
        Assert.Equal(10m, s.SpotQuantityOf("eth"));
    }

    [Fact]
    public void TwoAssets_WithFunding_EachLegFundedAtItsOwnAssetsPrints_ByHand()
    {
        // One day at 0.0001 per 8 h: 3 prints, at each asset's price on its straight line after each third of the move.
        var s = PlanHistory.Along(BtcAndEth(), Prices(60_000m, 3_000m), Prices(54_000m, 2_700m), FundingTerms.Constant(0.0001m, 1m));
        // BTC's short receives 0.5 × (58,000 + 56,000 + 54,000) × 0.0001 = 8.4; ETH's 5 × (2,900 + 2,800 + 2,700) × 0.0001 = 4.2.
        Assert.Equal(8.4m, s.Book.Legs[0].Funding);
        Assert.Equal(4.2m, s.Book.Legs[1].Funding);
        Assert.Equal(81_000m + 3_000m + 1_500m + 8.4m + 4.2m - 22.5m, s.Equity);
    }

    [Fact]
    public void AnAssetNotGiven_StaysAtItsPrice_ByHand()
    {
        var s = PlanHistory.Along(BtcAndEth(), Prices(60_000m, 3_000m), new Dictionary<string, decimal> { ["btc"] = 54_000m });
        // ETH stays at 3,000: spot 54,000 + 30,000; its short neither gains nor loses; fees 15 + 7.5.
        Assert.Equal(84_000m, s.UnhedgedEquity);
        Assert.Equal(0m, s.Book.Legs[1].PnlAt(3_000m));
        Assert.Equal(84_000m + 3_000m - 22.5m, s.Equity);
    }

    [Fact]
    public void CrossLeg_GainsOnItsOwnAssetsMove_TheBasisShows_ByHand()
    {
        // 100 SOL hedged 0.5 by value with BTCUSDT: 0.5 × 100 × 150 / 60,000 = 0.125 BTC short (fee 0.125 × 60,000 × 0.0005 = 3.75).
        var plan = PlanDefinition.Create("sol hedged with btc", [SpotHolding.Create("SOL", 100m, 150m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m) { Hedges = "SOL" }]);
        var from = new Dictionary<string, decimal> { ["SOL"] = 150m, ["BTC"] = 60_000m };
        // SOL −20 % (120), BTC −10 % (54,000): the short gains 0.125 × 6,000 = 750 against the spot's 3,000 loss.
        var s = PlanHistory.Along(plan, from, new Dictionary<string, decimal> { ["SOL"] = 120m, ["BTC"] = 54_000m });
        Assert.Equal(0.125m, s.Book.Legs[0].Position!.Quantity);
        Assert.Equal(12_000m + 750m - 3.75m, s.Equity);
        // BTC unmoved: the SOL fall is not hedged at all (the basis is the whole move).
        var still = PlanHistory.Along(plan, from, new Dictionary<string, decimal> { ["SOL"] = 120m });
        Assert.Equal(12_000m - 3.75m, still.Equity);
    }

    [Fact]
    public void OneAssetPlan_GivesTheOnePricePath()
    {
        var plan = PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 40_000m)], [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m, stop: LegStop.AtDistance(0.05m))]);
        var terms = FundingTerms.Constant(0.0001m, 10m);
        var byAsset = PlanHistory.Along(plan, new Dictionary<string, decimal> { ["BTC"] = 60_000m }, new Dictionary<string, decimal> { ["BTC"] = 66_000m }, terms);
        var onePrice = PlanHistory.Along(plan, 60_000m, 66_000m, terms);
        Assert.Equal(onePrice.Equity, byAsset.Equity);
        Assert.Equal(onePrice.Book.Legs[0].Exit, byAsset.Book.Legs[0].Exit);
        Assert.Equal(HedgeExit.Stopped, byAsset.Book.Legs[0].Exit);
    }

    [Fact]
    public void RandomTargets_EndAtTheTargets_EachLegAtItsOwnAssetsTarget()
    {
        // Over random targets, days and rates (two assets with a leg each; SOL with a cross leg on BTCUSD_PERP): the spot is
        // worth Σ held × target, and equity = that + Σ legs (PnL at their own asset's target − fees + funding, in USD(T)).
        var rng = new Random(28);
        var plans = new[]
        {
            BtcAndEth(),
            PlanDefinition.Create("sol on coin-m", [SpotHolding.Create("SOL", 100m, 150m)],
                [new PlanLeg(Contract.BinanceCoinMBtcUsd, 0.75m, 3m) { Hedges = "SOL" }]),
        };
        var starts = new[] { Prices(60_000m, 3_000m), new Dictionary<string, decimal> { ["SOL"] = 150m, ["BTC"] = 60_000m } };
        for (int i = 0; i < 40; i++)
        {
            int which = i % 2;
            var plan = plans[which];
            var from = starts[which];
            var to = from.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value * (0.5m + (decimal)rng.NextDouble()), 2));
            var terms = rng.Next(3) == 0 ? FundingTerms.None : FundingTerms.Constant((rng.Next(21) - 10) / 100_000m, rng.Next(1, 31));
            var s = PlanHistory.Along(plan, from, to, terms);
            decimal spot = plan.Assets.Sum(a => s.SpotQuantityOf(a) * to[a]);
            Assert.Equal(spot, s.UnhedgedEquity);
            decimal legs = 0m;
            for (int k = 0; k < plan.Legs.Length; k++)
            {
                var l = s.Book.Legs[k];
                decimal x = to[l.Contract.BaseAsset];
                legs += l.ToQuote(l.PnlAt(x) - l.Fees + l.Funding, x);
            }
            Assert.True(Math.Abs(s.Equity - (spot + legs)) <= 1e-12m * spot, $"case {i}: equity {s.Equity}, by the legs {spot + legs}");
        }
    }

    [Fact]
    public void BadInput_NamesFromOrTo_AndTheAsset()
    {
        var plan = BtcAndEth();
        var e = BadInput.Throws("from", () => PlanHistory.Along(plan, new Dictionary<string, decimal> { ["BTC"] = 60_000m }, Prices(54_000m, 2_700m)));
        Assert.Contains("has no price for ETH", e.Message, StringComparison.Ordinal);
        e = BadInput.Throws("to", () => PlanHistory.Along(plan, Prices(60_000m, 3_000m), new Dictionary<string, decimal> { ["XRP"] = 1m }));
        Assert.Contains("'XRP', which the plan does not run on (BTC, ETH)", e.Message, StringComparison.Ordinal);
        e = BadInput.Throws("to", () => PlanHistory.Along(plan, Prices(60_000m, 3_000m), new Dictionary<string, decimal> { ["BTC"] = 1m, ["btc"] = 2m }));
        Assert.Contains("two prices for BTC", e.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentOutOfRangeException>(BadInput.Throws("from", () => PlanHistory.Along(plan, Prices(60_000m, 0m), Prices(54_000m, 2_700m))));
        BadInput.Throws("from", () => PlanHistory.Along(plan, null!, Prices(54_000m, 2_700m)));
        // A notional beyond the contract's largest tier at the opening is the opening's price's (from).
        e = BadInput.Throws("from", () => PlanHistory.Along(plan, Prices(60_000_000_000m, 3_000m), Prices(54_000m, 2_700m)));
        Assert.StartsWith("from is rejected", e.Message, StringComparison.Ordinal);
    }
}
