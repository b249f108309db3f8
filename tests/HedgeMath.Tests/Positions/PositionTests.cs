using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Positions;

public class PositionTests
{
    private static Contract Btc => Contract.BinanceBtcUsdt;
    private static Contract CoinM => Contract.BinanceCoinMBtcUsd;

    [Fact]
    public void Open_DefaultIsolatedMargin_IsInitialMarginAtEntry()
    {
        // Worked example hedge: short 0.5 BTC at 50,000, 10x → notional 25,000, IM 2,500 USDT.
        var p = Position.Open(Btc, Side.Short, 0.5m, 50_000m, 10m);
        Assert.Equal(25_000m, p.EntryNotional);
        Assert.Equal(2_500m, p.InitialMargin());
        Assert.Equal(2_500m, p.IsolatedMargin);
        Assert.Equal("USDT", p.SettlementAsset);
    }

    [Fact]
    public void Open_Cross_HasNoIsolatedMargin()
    {
        var p = Position.Open(Btc, Side.Long, 1m, 50_000m, 5m, MarginMode.Cross);
        Assert.Equal(0m, p.IsolatedMargin);
        BadInput.Throws("isolatedMargin", () => Position.Open(Btc, Side.Long, 1m, 50_000m, 5m, MarginMode.Cross, 100m));
    }

    [Fact]
    public void Notional_LinearAndInverse_InSettlementAsset()
    {
        // Linear: 0.5·50,000 = 25,000 USDT. Inverse: 1,000 contracts·100 USD / 50,000 = 2 BTC.
        Assert.Equal(25_000m, Position.Open(Btc, Side.Long, 0.5m, 40_000m, 1m).Notional(50_000m));
        Assert.Equal(2m, Position.Open(CoinM, Side.Long, 1_000m, 40_000m, 1m).Notional(50_000m));
    }

    [Fact]
    public void UnrealizedPnl_LinearAndInverse_FollowExchangeFormulas()
    {
        // Linear short 0.5 @ 50,000, mark 48,000: −1·0.5·(48,000 − 50,000) = +1,000 USDT.
        Assert.Equal(1_000m, Position.Open(Btc, Side.Short, 0.5m, 50_000m, 10m).UnrealizedPnl(48_000m));
        // Inverse long 1,000 contracts @ 50,000, mark 40,000: 100,000·(1/50,000 − 1/40,000) = 2 − 2.5 = −0.5 BTC.
        Assert.Equal(-0.5m, Position.Open(CoinM, Side.Long, 1_000m, 50_000m, 10m).UnrealizedPnl(40_000m));
    }

    [Fact]
    public void Roe_BinanceDefinition_IsPnlOverMarginAtMark()
    {
        // Linear long 1 @ 50,000 10x, mark 55,000: PnL 5,000 / (55,000/10) = 0.909090… = (1 − 50,000/55,000)·10
        var linear = Position.Open(Btc, Side.Long, 1m, 50_000m, 10m);
        Assert.Equal(0.9090909091m, Math.Round(linear.Roe(55_000m), 10));
        // Inverse long 1,000 @ 50,000 10x, mark 55,000: (55,000/50,000 − 1)·10 = 1.0
        var inverse = Position.Open(CoinM, Side.Long, 1_000m, 50_000m, 10m);
        Assert.Equal(1.0m, Math.Round(inverse.Roe(55_000m), 20));
    }

    [Fact]
    public void TargetPrice_BinanceCalculator_RoundTripsReturnOnInitialMargin()
    {
        // Binance calculator: long target = entry·(ROE/leverage + 1) = 50,000·1.05 = 52,500; short: 50,000·0.95 = 47,500.
        Assert.Equal(52_500m, Position.Open(Btc, Side.Long, 1m, 50_000m, 10m).TargetPrice(0.5m));
        Assert.Equal(47_500m, Position.Open(Btc, Side.Short, 1m, 50_000m, 10m).TargetPrice(0.5m));
        // COIN-M: side·entry/(side − ROE·IMR) = 50,000/(1 − 0.05) = 52,631.578947…
        var inv = Position.Open(CoinM, Side.Long, 1_000m, 50_000m, 10m);
        var x = inv.TargetPrice(0.5m);
        Assert.Equal(52_631.578947m, Math.Round(x, 6));
        Assert.Equal(0.5m, Math.Round(inv.ReturnOnInitialMargin(x), 20));
        BadInput.Throws("returnOnMargin", () => Position.Open(Btc, Side.Short, 1m, 50_000m, 10m).TargetPrice(10m));
    }

    [Fact]
    public void Increase_Linear_QuantityWeightedEntry()
    {
        // (1·100 + 3·200)/4 = 175; isolated margin grows by the added IM 3·200/2 = 300.
        var p = Position.Open(TestFlat, Side.Long, 1m, 100m, 2m).Increase(3m, 200m);
        Assert.Equal(4m, p.Quantity);
        Assert.Equal(175m, p.EntryPrice);
        Assert.Equal(50m + 300m, p.IsolatedMargin);
    }

    [Fact]
    public void Increase_Inverse_HarmonicMeanEntry()
    {
        // 400/(100/40,000 + 300/60,000) = 400/0.0075 = 53,333.33…
        var p = Position.Open(CoinM, Side.Long, 100m, 40_000m, 1m).Increase(300m, 60_000m);
        Assert.Equal(53_333.333333m, Math.Round(p.EntryPrice, 6));
    }

    [Fact]
    public void Reduce_Partial_RealizesOnClosedPartAndKeepsEntry()
    {
        // Long 2 @ 100 at 2x (IM 100); reduce 0.5 at 120 → realized 0.5·20 = 10; margin 100·1.5/2 = 75 remains.
        var r = Position.Open(TestFlat, Side.Long, 2m, 100m, 2m).Reduce(0.5m, 120m);
        Assert.Equal(10m, r.RealizedPnl);
        Assert.Equal(1.5m, r.Remaining!.Quantity);
        Assert.Equal(100m, r.Remaining.EntryPrice);
        Assert.Equal(75m, r.Remaining.IsolatedMargin);
        Assert.Equal(25m, r.ReleasedMargin);
    }

    [Fact]
    public void Reduce_Everything_LeavesNoPosition()
    {
        var r = Position.Open(TestFlat, Side.Short, 2m, 100m, 2m).Reduce(2m, 90m);
        Assert.Null(r.Remaining);
        Assert.Equal(20m, r.RealizedPnl); // −1·2·(90 − 100)
    }

    [Fact]
    public void Reduce_MoreThanHeld_ThrowsNeverFlips()
    {
        var p = Position.Open(TestFlat, Side.Long, 2m, 100m, 2m);
        var ex = BadInput.Throws("quantity", () => p.Reduce(2.001m, 100m));
        Assert.Contains("never flips", ex.Message);
    }

    [Fact]
    public void Fees_OpenAndClose_MakerAndTaker()
    {
        // 1 BTC @ 50,000: taker 0.05 % = 25, maker 0.02 % = 10; close at 60,000 taker = 30.
        var p = Position.Open(Btc, Side.Long, 1m, 50_000m, 10m);
        Assert.Equal(25m, p.OpenFee());
        Assert.Equal(10m, p.OpenFee(maker: true));
        Assert.Equal(30m, p.CloseFee(60_000m));
    }

    [Fact]
    public void NetPnl_Linear_IsGrossLessBothFeesPlusFunding()
    {
        // Long 1 BTC @ 50,000 closed at 60,000: gross 10,000; open taker 0.05 % of 50,000 = 25; close maker 0.02 % of
        // 60,000 = 12; funding paid 30. Net = 10,000 − 25 − 12 − 30 = 9,933.
        var p = Position.Open(Btc, Side.Long, 1m, 50_000m, 10m);
        Assert.Equal(9_933m, p.NetPnl(60_000m, funding: -30m, makerClose: true));
        Assert.Equal(10_000m - 25m - 30m, p.NetPnl(60_000m));
    }

    [Fact]
    public void NetReturnOnInitialMargin_IsTheNetPnlOverTheEntryMargin()
    {
        // Long 1 BTC @ 50,000 at 10x (initial margin 5,000) closed at 60,000 with the close at maker and 30 funding paid:
        // net 9,933 (as above) / 5,000 = 1.9866; all taker, no funding: (10,000 − 25 − 30) / 5,000 = 1.989.
        var p = Position.Open(Btc, Side.Long, 1m, 50_000m, 10m);
        Assert.Equal(1.9866m, p.NetReturnOnInitialMargin(60_000m, funding: -30m, makerClose: true));
        Assert.Equal(1.989m, p.NetReturnOnInitialMargin(60_000m));
        // A short 0.5 @ 50,000 at 5x (margin 5,000) closed at 45,000: gross 2,500; fees 0.05 % of 25,000 and of 22,500 =
        // 12.5 + 11.25; funding received 4: (2,500 − 23.75 + 4) / 5,000 = 0.49605.
        Assert.Equal(0.49605m, Position.Open(Btc, Side.Short, 0.5m, 50_000m, 5m).NetReturnOnInitialMargin(45_000m, funding: 4m));
        BadInput.Throws("exitPrice", () => p.NetReturnOnInitialMargin(0m));
    }

    [Fact]
    public void MoveFromEntry_IsThePriceOverTheEntryLessOne()
    {
        // 52,500 from 50,000: +5 %; 47,500: −5 %; the same on an inverse contract (the price, not the PnL).
        Assert.Equal(0.05m, Position.Open(Btc, Side.Long, 1m, 50_000m, 10m).MoveFromEntry(52_500m));
        Assert.Equal(-0.05m, Position.Open(Btc, Side.Short, 1m, 50_000m, 10m).MoveFromEntry(47_500m));
        Assert.Equal(0.05m, Position.Open(CoinM, Side.Long, 1_000m, 50_000m, 10m).MoveFromEntry(52_500m));
        BadInput.Throws("price", () => Position.Open(Btc, Side.Long, 1m, 50_000m, 10m).MoveFromEntry(-1m));
    }

    [Fact]
    public void NetPnl_Inverse_IsInTheCoin()
    {
        // Short 10 BTCUSD contracts (100 USD each) @ 50,000 closed at 40,000: PnL = −1 · 1,000 · (1/50,000 − 1/40,000)
        // = 0.005 BTC; fees at the contract's taker rate on 0.02 BTC (open) and 0.025 BTC (close); funding +0.0001 BTC.
        var p = Position.Open(CoinM, Side.Short, 10m, 50_000m, 5m);
        decimal rate = CoinM.TakerFeeRate;
        Assert.Equal(0.005m - 0.02m * rate - 0.025m * rate + 0.0001m, p.NetPnl(40_000m, funding: 0.0001m));
    }

    [Fact]
    public void NetPnl_BadInput_NamesTheParameter()
    {
        var p = Position.Open(Btc, Side.Long, 1m, 50_000m, 10m);
        Assert.Equal("exitPrice", Assert.ThrowsAny<ArgumentException>(() => p.NetPnl(0m)).ParamName);
        Assert.Equal("funding", Assert.ThrowsAny<ArgumentException>(() => p.NetPnl(60_000m, funding: decimal.MaxValue)).ParamName);
    }

    [Fact]
    public void Open_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("quantity", (decimal q) => Position.Open(Btc, Side.Long, q, 50_000m, 10m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("entryPrice", (decimal e) => Position.Open(Btc, Side.Long, 1m, e, 10m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("leverage", (decimal l) => Position.Open(Btc, Side.Long, 1m, 50_000m, l), 0.99m, 0m, -5m, 125.01m);
        // 10 BTC at 50,000 = 500,000 USDT is tier 2 (max 100x): 101x is above the tier's maximum for that notional.
        var ex = BadInput.Throws("leverage", () => Position.Open(Btc, Side.Long, 10m, 50_000m, 101m));
        Assert.Contains("100", ex.Message);
        BadInput.Rejects("isolatedMargin", (decimal m) => Position.Open(Btc, Side.Long, 1m, 50_000m, 10m, MarginMode.Isolated, m), BadInput.NonPositiveDecimals);
        BadInput.Throws("side", () => Position.Open(Btc, (Side)7, 1m, 50_000m, 10m));
        BadInput.Throws("contract", () => Position.Open(null!, Side.Long, 1m, 50_000m, 10m));
        // Above the largest tier of the COIN-M preset (1,500 BTC): 1,000,000 contracts at 50,000 = 2,000 BTC.
        BadInput.Throws("quantity", () => Position.Open(CoinM, Side.Long, 1_000_000m, 50_000m, 1m));
    }

    [Fact]
    public void Open_DecimalOverflow_IsReportedNamingTheInput()
    {
        var ex = BadInput.Throws("quantity", () => Position.Open(TestFlat, Side.Long, 1e20m, 1e20m, 1m));
        Assert.Contains("overflow", ex.Message);
        var p = Position.Open(TestFlat, Side.Long, 1e10m, 1m, 1m);
        Assert.Contains("overflow", BadInput.Throws("markPrice", () => p.UnrealizedPnl(decimal.MaxValue / 2m)).Message);
        Assert.Contains("overflow", BadInput.Throws("quantity", () => p.Increase(decimal.MaxValue / 2m, 1e10m)).Message);
    }

    [Fact]
    public void Operations_BadInput_NamesTheParameter()
    {
        var p = Position.Open(Btc, Side.Long, 1m, 50_000m, 10m);
        BadInput.Rejects("markPrice", (decimal m) => p.UnrealizedPnl(m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("markPrice", (decimal m) => p.Roe(m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("quantity", (decimal q) => p.Increase(q, 50_000m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("price", (decimal x) => p.Increase(1m, x), BadInput.NonPositiveDecimals);
        BadInput.Rejects("quantity", (decimal q) => p.Reduce(q, 50_000m), BadInput.NonPositiveDecimals);
        // Growing 1 BTC to 20 BTC (1,000,000 USDT, tier 3, max 75x) at 100x is refused.
        var hundred = Position.Open(Btc, Side.Long, 1m, 50_000m, 100m);
        BadInput.Throws("quantity", () => hundred.Increase(19m, 50_000m));
    }

    internal static readonly Contract TestFlat = Contract.Linear("TESTUSDT", "TEST", "USDT", MarginTierTable.Flat(0.01m, 50m),
        tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0.0002m, takerFeeRate: 0.0005m);
}
