using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Positions;

public class AccountTests
{
    [Fact]
    public void CrossAccount_MixedSettlementAssets_Throws()
    {
        var usdt = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        var btc = Position.Open(Contract.BinanceCoinMBtcUsd, Side.Short, 100m, 50_000m, 10m, MarginMode.Cross);
        var ex = BadInput.Throws("positions", () => CrossAccount.Create("USDT", 1_000m, [usdt, btc]));
        Assert.Contains("mixes settlement assets", ex.Message);
    }

    [Fact]
    public void CrossAccount_IsolatedPosition_Throws() =>
        BadInput.Throws("positions", () => CrossAccount.Create("USDT", 1_000m, [Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m)]));

    [Fact]
    public void PositionMode_OneWayRejectsTwoLegs_HedgeAllowsLongAndShort()
    {
        var l = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        var s = Position.Open(Contract.BinanceBtcUsdt, Side.Short, 1m, 50_000m, 10m, MarginMode.Cross);
        BadInput.Throws("positions", () => CrossAccount.Create("USDT", 1_000m, [l, s]));
        Assert.Equal(2, CrossAccount.Create("USDT", 1_000m, [l, s], PositionMode.Hedge).Positions.Length);
        BadInput.Throws("positions", () => CrossAccount.Create("USDT", 1_000m, [l, l], PositionMode.Hedge));
    }

    [Fact]
    public void Value_SpotPlusShortHedge_SumsEveryPart()
    {
        // 1 BTC spot + isolated short 0.5 BTC @ 50,000 10x (margin 2,500) + 7,500 USDT wallet; BTC at 40,000:
        // wallets 7,500 + spot 40,000 + margin 2,500 + PnL 0.5·10,000 = 55,000 USDT.
        var hedge = Position.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m);
        var account = Account.Create(new Dictionary<string, decimal> { ["USDT"] = 7_500m },
            [SpotHolding.Create("BTC", 1m, 30_000m)], [hedge]);
        var v = account.Value(new Dictionary<string, decimal> { ["USDT"] = 1m, ["BTC"] = 40_000m },
            new Dictionary<string, decimal> { ["BTCUSDT"] = 40_000m });
        Assert.Equal(7_500m, v.Wallets);
        Assert.Equal(40_000m, v.Spot);
        Assert.Equal(2_500m, v.IsolatedMargins);
        Assert.Equal(5_000m, v.UnrealizedPnl);
        Assert.Equal(55_000m, v.Total);
        BadInput.Throws("markPrices", () => account.Value(new Dictionary<string, decimal> { ["USDT"] = 1m, ["BTC"] = 1m }, new Dictionary<string, decimal>()));
    }

    [Fact]
    public void CrossAccountFor_PicksTheAssetsCrossPositions()
    {
        var a = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m, MarginMode.Cross);
        var b = Position.Open(Contract.BinanceCoinMBtcUsd, Side.Short, 100m, 50_000m, 10m, MarginMode.Cross);
        var c = Position.Open(Contract.BinanceEthUsdt, Side.Long, 1m, 3_000m, 10m);
        var account = Account.Create(new Dictionary<string, decimal> { ["USDT"] = 1_000m, ["BTC"] = 1m }, null, [a, b, c]);
        var usdt = account.CrossAccountFor("USDT");
        Assert.Single(usdt.Positions);
        Assert.Equal(1_000m, usdt.WalletBalance);
        Assert.Equal(1m, account.CrossAccountFor("BTC").WalletBalance);
    }

    [Fact]
    public void SpotHolding_BuyAndSell_AverageCostAndRealizedPnl()
    {
        // 1 @ 30,000 then 1 @ 50,000 → average 40,000; sell 0.5 at 60,000 → realized 0.5·20,000 = 10,000.
        var h = SpotHolding.Create("BTC", 1m, 30_000m).Buy(1m, 50_000m);
        Assert.Equal(40_000m, h.AverageCost);
        var (rest, realized) = h.Sell(0.5m, 60_000m);
        Assert.Equal(10_000m, realized);
        Assert.Equal(1.5m, rest.Quantity);
        BadInput.Throws("quantity", () => h.Sell(3m, 1m));
        BadInput.Rejects("quantity", (decimal q) => SpotHolding.Create("BTC", q, 1m), BadInput.NegativeDecimals);
    }

    [Fact]
    public void Create_BadInput_NamesTheParameter()
    {
        BadInput.Throws("walletBalances", () => Account.Create(new Dictionary<string, decimal> { ["USDT"] = -1m }));
        BadInput.Throws("walletBalances", () => Account.Create(null!));
        BadInput.Throws("positions", () => Account.Create(new Dictionary<string, decimal>(), null, [null!]));
        BadInput.Rejects("walletBalance", (decimal w) => CrossAccount.Create("USDT", w, []), BadInput.NegativeDecimals);
        BadInput.Throws("settlementAsset", () => CrossAccount.Create(" ", 1m, []));
    }
}
