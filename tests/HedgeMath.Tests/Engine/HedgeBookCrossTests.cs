using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// A cross wallet in the book holds one open position (liquidated against the whole wallet), which the book enforces
/// when a cross leg opens or re-opens; a symbol-filtered move leaves another wallet's cross legs alone; a bar
/// that touches the cross liquidation price exactly liquidates.
/// </summary>
public class HedgeBookCrossTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static Contract Btc => Contract.BinanceBtcUsdt;
    private static Contract Eth => Contract.BinanceEthUsdt;
    private static Contract BtcCoinM => Contract.BinanceCoinMBtcUsd;

    private static HedgeBook Wallets(decimal usdt, decimal btc = 0m) =>
        HedgeBook.Create(crossWallets: new Dictionary<string, decimal> { ["USDT"] = usdt, ["BTC"] = btc });

    [Fact]
    public void Open_RefusesASecondCrossLegInOneWallet_OnAnotherUnderlying_AnotherSymbolOfTheSameOne_OrTheSameSymbol()
    {
        var book = Wallets(10_000m).Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross).Book;
        // ETH in the USDT wallet beside BTC: a BTC bar would mark the ETH leg at BTC's price (it liquidated it at 50,000).
        var e = Assert.Throws<ArgumentException>(() => book.Open(Eth, Side.Short, 10m, 3_000m, 10m, MarginMode.Cross));
        Assert.Equal("contract", e.ParamName);
        Assert.Contains("ETHUSDT cannot join the USDT cross wallet: it holds BTCUSDT open", e.Message, StringComparison.Ordinal);
        // Another BTC contract settled in USDT (OKX's swap): the two would be liquidated together at one price, which neither
        // position's own cross liquidation price (the other held at its mark) is; the book holds one position per wallet.
        e = Assert.Throws<ArgumentException>(() => book.Open(Contract.Find("okx-swap", "BTC-USDT-SWAP"), Side.Short, 1m, 50_000m, 10m, MarginMode.Cross));
        Assert.Equal("contract", e.ParamName);
        Assert.Contains("BTC-USDT-SWAP cannot join the USDT cross wallet: it holds BTCUSDT open", e.Message, StringComparison.Ordinal);
        // A second cross BTCUSDT leg: the account is one-way.
        e = Assert.Throws<ArgumentException>(() => book.Open(Btc, Side.Long, 0.1m, 50_000m, 10m, MarginMode.Cross));
        Assert.Equal("contract", e.ParamName);
        Assert.Contains("BTCUSDT already has an open cross leg in the USDT wallet", e.Message, StringComparison.Ordinal);
        // Isolated, or in another wallet, or once the BTC leg is closed: allowed.
        Assert.True(book.Open(Eth, Side.Short, 10m, 3_000m, 10m).Book.Legs[1].IsOpen);
        Assert.True(book.Open(BtcCoinM, Side.Short, 10m, 50_000m, 10m, MarginMode.Cross).Book.Legs[1].IsOpen);
        var closed = book.TradeTo(0, 0m, 50_000m).Book;
        Assert.True(closed.Open(Eth, Side.Short, 10m, 3_000m, 10m, MarginMode.Cross).Book.Legs[1].IsOpen);
    }

    [Fact]
    public void ReopeningAClosedCrossLeg_BesideAnotherOpenCrossLegInItsWallet_IsRefused_ByLeg()
    {
        // ETH cross opened and closed; then a BTC cross leg; re-opening the ETH leg (Trade or TradeTo) would put two
        // positions in the USDT wallet.
        var book = Wallets(10_000m).Open(Eth, Side.Short, 10m, 3_000m, 10m, MarginMode.Cross).Book
            .TradeTo(0, 0m, 3_000m).Book
            .Open(Btc, Side.Short, 0.5m, 50_000m, 10m, MarginMode.Cross).Book;
        Assert.Equal("leg", Assert.Throws<ArgumentException>(() => book.Trade(0, Side.Short, 1m, 3_000m)).ParamName);
        Assert.Equal("leg", Assert.Throws<ArgumentException>(() => book.TradeTo(0, 1m, 3_000m)).ParamName);
        // TradeTo 0 on the closed leg trades nothing and is no re-opening.
        Assert.Equal(0m, book.TradeTo(0, 0m, 3_000m).Fill.FilledQuantity);
    }

    [Fact]
    public void SymbolFilteredMove_LeavesTheOtherWalletsCrossLegs_Alone()
    {
        // A USDT-margined cross BTCUSDT short and a thin BTC-margined cross BTCUSD_PERP short (10 contracts of 100 USD at
        // 50,000 = 0.02 BTC of exposure, margin 0.002 BTC; wallet 0.0025 BTC). A BTCUSDT bar to 60,000 moves only the
        // BTCUSDT leg; the COIN-M leg, whose own price did not move in this call, stays open. The same bar moved without a
        // filter liquidates the COIN-M leg (a 20 % rise costs 10·100·(1/50,000 − 1/60,000) ≈ 0.0033 BTC > its wallet).
        var book = Wallets(100_000m, 0.0025m)
            .Open(Btc, Side.Short, 0.1m, 50_000m, 10m, MarginMode.Cross).Book
            .Open(BtcCoinM, Side.Short, 10m, 50_000m, 10m, MarginMode.Cross).Book;
        var bar = PriceBar.Straight(T0, 50_000m, 60_000m);
        var filtered = book.Move(bar, "BTCUSDT");
        Assert.True(filtered.Legs[0].IsOpen);
        Assert.True(filtered.Legs[1].IsOpen);
        Assert.Equal(HedgeExit.Liquidated, book.Move(bar).Legs[1].Exit);
    }

    [Theory]
    [InlineData(Side.Short)]
    [InlineData(Side.Long)]
    public void ABarTouchingTheCrossLiquidationPriceExactly_Liquidates_OneTickShortDoesNot(Side side)
    {
        // One cross leg of 1 BTC at 50,000, 20x, wallet 3,000: the margin engine's cross liquidation price (MarginCalc.Cross,
        // tested against the exchanges' examples in Margin/) is where the book liquidates; a touch counts, as for
        // isolated legs (the bar's high for a short, its low for a long, equal to the price).
        var book = Wallets(3_000m).Open(Btc, side, 1m, 50_000m, 20m, MarginMode.Cross).Book;
        var account = CrossAccount.Create("USDT", book.CrossWallets["USDT"], [book.Legs[0].Position!]);
        decimal lp = MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = 50_000m }).Positions[0].LiquidationPrice!.Value;
        Assert.True(side == Side.Short ? lp > 50_000m : lp < 50_000m);
        decimal tick = Btc.TickSize;
        PriceBar To(decimal extreme) => side == Side.Short
            ? PriceBar.Create(T0, 50_000m, extreme, 50_000m, 50_000m)
            : PriceBar.Create(T0, 50_000m, 50_000m, extreme, 50_000m);
        var touched = book.Move(To(lp));
        Assert.Equal((HedgeExit.Liquidated, (decimal?)lp), (touched.Legs[0].Exit, touched.Legs[0].ExitPrice));
        Assert.True(book.Move(To(side == Side.Short ? lp - tick : lp + tick)).Legs[0].IsOpen);
    }
    [Fact]
    public void ACrossLongTheWalletFullyCovers_HasNoLiquidationPrice_AndACrashLeavesItOpen()
    {
        // 1 BTC long at 50,000, 1x, cross wallet 100,000 USDT (after the 25 USDT fee): at any price P > 0 the margin balance
        // 99,975 + (P − 50,000) = 49,975 + P exceeds the maintenance margin (P × MMR ≤ P), so the account has no liquidation
        // price. A bar down to 1,000 (−98 %) loses 49,000 and leaves the leg open.
        var book = Wallets(100_000m).Open(Btc, Side.Long, 1m, 50_000m, 1m, MarginMode.Cross).Book;
        var account = CrossAccount.Create("USDT", book.CrossWallets["USDT"], [book.Legs[0].Position!]);
        Assert.Null(MarginCalc.Cross(account, new Dictionary<string, decimal> { ["BTCUSDT"] = 50_000m }).Positions[0].LiquidationPrice);
        var crashed = book.Move(PriceBar.Create(T0, 50_000m, 50_000m, 1_000m, 1_000m));
        Assert.True(crashed.Legs[0].IsOpen);
        Assert.Equal(-49_000m, crashed.Legs[0].Position!.UnrealizedPnl(1_000m));
    }
}
