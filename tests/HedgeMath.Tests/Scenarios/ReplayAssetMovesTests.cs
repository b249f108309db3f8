using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// <see cref="ReplayResult.AssetMoves"/>, <see cref="ReplayResult.SpotPnl"/> and <see cref="ReplayResult.HedgeToSpotPnl"/>
/// (issue 25 item 5: the figures of <c>plan replay</c>'s Assets section, worked out in the CLI before): each asset's move
/// and the holdings' spot PnL over a replay, checked by hand on three bars of 100 SOL hedged with BTCUSDT.
/// </summary>
public class ReplayAssetMovesTests
{
    private static readonly DateOnly Day0 = new(2024, 3, 1);

    private static Candle[] Bars(params decimal[] closes) =>
        [.. closes.Select((c, i) => new Candle(Day0.AddDays(i), c, c, c, c, 1m))];

    private static readonly FundingEvent[] NoFunding = [new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 0m), new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 0m)];

    private static Dictionary<string, MarketHistory> Markets(Candle[] sol, Candle[] btc) => new()
    {
        ["SOL"] = MarketHistory.Align(sol, sol, NoFunding), ["btc"] = MarketHistory.Align(btc, btc, NoFunding),
    };

    // 100 SOL, half hedged by value with BTCUSDT: 0.5 × 100 × 150 / 60,000 = 0.125 BTC short at the first close.
    private static readonly PlanDefinition Plan = PlanDefinition.Create("sol-btc", [SpotHolding.Create("SOL", 100m, 150m)],
        [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m) { Hedges = "SOL" }]);

    [Fact]
    public void AssetMoves_ByHand_ThreeBars()
    {
        var markets = Markets(Bars(150m, 140m, 120m), Bars(60_000m, 57_000m, 54_000m));
        var run = PlanHistory.Run(markets, Plan);
        var moves = run.AssetMoves(markets);
        // SOL: 150 → 120, −20 %; 100 held: 100 × (120 − 150) = −3,000. BTC: 60,000 → 54,000, −10 %; none held.
        Assert.Equal(("SOL", 150m, 120m, -0.2m, 100m, -3_000m), moves[0]);
        Assert.Equal(("BTC", 60_000m, 54_000m, -0.1m, 0m, 0m), moves[1]);
        Assert.Equal(-3_000m, run.SpotPnl(markets));
        // The short: 0.125 BTC × (60,000 − 54,000) = 750 before fees; the opening taker fee 7,500 × rate; no funding.
        Assert.Equal(750m, run.FuturesPnl);
        decimal hedgeNet = 750m - 7_500m * Contract.BinanceBtcUsdt.TakerFeeRate;
        Assert.Equal(hedgeNet, run.HedgeNet);
        Assert.Equal(hedgeNet / -3_000m, run.HedgeToSpotPnl(markets));
    }

    [Fact]
    public void HedgeToSpotPnl_IsNull_WhenTheSpotDidNotMove()
    {
        var markets = Markets(Bars(150m, 160m, 150m), Bars(60_000m, 57_000m, 54_000m));
        var run = PlanHistory.Run(markets, Plan);
        Assert.Equal(0m, run.SpotPnl(markets));
        Assert.Null(run.HedgeToSpotPnl(markets));
    }

    [Fact]
    public void AssetMoves_OtherHistories_AreRejectedNamingMarkets()
    {
        var markets = Markets(Bars(150m, 140m, 120m), Bars(60_000m, 57_000m, 54_000m));
        var run = PlanHistory.Run(markets, Plan);
        Assert.Throws<ArgumentNullException>("markets", () => run.AssetMoves(null!));
        var missing = Assert.Throws<ArgumentException>("markets", () => run.AssetMoves(new Dictionary<string, MarketHistory> { ["SOL"] = markets["SOL"] }));
        Assert.Contains("BTC", missing.Message, StringComparison.Ordinal);
        var shorter = Bars(150m, 140m);
        var other = Assert.Throws<ArgumentException>("markets", () => run.SpotPnl(new Dictionary<string, MarketHistory>
            { ["SOL"] = MarketHistory.Align(shorter, shorter, NoFunding), ["BTC"] = markets["btc"] }));
        Assert.Contains("2 bars", other.Message, StringComparison.Ordinal);
    }
}
