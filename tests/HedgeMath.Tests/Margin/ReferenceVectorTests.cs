using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Tests.Margin;

/// <summary>Every row of data/margin/reference_vectors.md (R1–R5), exactly in decimal to the rounding shown.</summary>
public class ReferenceVectorTests
{
    private const decimal Wb = 1535443.01m;

    // ---------------- R1: Binance USDⓈ-M liquidation price, one-way mode (Binance FAQ worked example) ----------------

    [Fact]
    public void BinanceLiquidationPrice_R1EthLongWithoutOthers_Is1114_78()
    {
        // R1 row 1: (1535443.01 + 135365 − 3683.979·1456.84) / (3683.979·0.10 − 3683.979) = 1114.78
        var lp = MarginCalc.BinanceLiquidationPrice(Side.Long, 3683.979m, 1456.84m, Wb, 0.10m, 135365m);
        Assert.Equal(1114.78m, Math.Round(lp!.Value, 2));
    }

    [Fact]
    public void BinanceLiquidationPrice_R1BtcLongWithoutOthers_Is18778_73()
    {
        // R1 row 2: (1535443.01 + 16300 − 109.488·32481.98) / (109.488·0.025 − 109.488) = 18778.73
        var lp = MarginCalc.BinanceLiquidationPrice(Side.Long, 109.488m, 32481.98m, Wb, 0.025m, 16300m);
        Assert.Equal(18778.73m, Math.Round(lp!.Value, 2));
    }

    [Fact]
    public void BinanceLiquidationPrice_R1EthLongCross_Is1153_26()
    {
        // R1 row 3: other position BTC long 109.488 @ 32481.98, mark 31967.27, MMR 0.025, cum 16300:
        // TMM1 = 109.488·31967.27·0.025 − 16300, UPNL1 = 109.488·(31967.27 − 32481.98)
        var tmm1 = 109.488m * 31967.27m * 0.025m - 16300m;
        var upnl1 = 109.488m * (31967.27m - 32481.98m);
        var lp = MarginCalc.BinanceLiquidationPrice(Side.Long, 3683.979m, 1456.84m, Wb, 0.10m, 135365m, tmm1, upnl1);
        Assert.Equal(1153.26m, Math.Round(lp!.Value, 2));
    }

    [Fact]
    public void BinanceLiquidationPrice_R1BtcLongCross_Is26316_89()
    {
        // R1 row 4: other position ETH long 3683.979 @ 1456.84, mark 1335.18, MMR 0.10, cum 135365
        var tmm1 = 3683.979m * 1335.18m * 0.10m - 135365m;
        var upnl1 = 3683.979m * (1335.18m - 1456.84m);
        var lp = MarginCalc.BinanceLiquidationPrice(Side.Long, 109.488m, 32481.98m, Wb, 0.025m, 16300m, tmm1, upnl1);
        Assert.Equal(26316.89m, Math.Round(lp!.Value, 2));
    }

    private static (Contract Eth, Contract Btc) R1Contracts() =>
        (TestContracts.LinearFlat("ETHUSDT", 0.10m, 10m, 135365m), TestContracts.LinearFlat("BTCUSDT", 0.025m, 20m, 16300m));

    [Fact]
    public void Isolated_R1RowsOneAndTwoThroughPositions_MatchFaq()
    {
        // R1 rows 1–2 through Position + MarginCalc.Isolated: WB is the isolated margin; the tier quoted by the FAQ
        // (MMR 0.10 / cum 135365 and MMR 0.025 / cum 16300) is the contract's only tier.
        var (eth, btc) = R1Contracts();
        var ethPos = Position.Open(eth, Side.Long, 3683.979m, 1456.84m, 10m, MarginMode.Isolated, Wb);
        var btcPos = Position.Open(btc, Side.Long, 109.488m, 32481.98m, 20m, MarginMode.Isolated, Wb);
        var e = MarginCalc.Isolated(ethPos, 1335.18m);
        var b = MarginCalc.Isolated(btcPos, 31967.27m);
        Assert.Equal(LiquidationRule.BinanceUsdM, e.Rule);
        Assert.Equal(1114.78m, Math.Round(e.LiquidationPrice!.Value, 2));
        Assert.Equal(18778.73m, Math.Round(b.LiquidationPrice!.Value, 2));
        Assert.Equal(1114.78m, Math.Round(MarginCalc.LiquidationPrice(ethPos)!.Value, 2));
    }

    [Fact]
    public void Cross_R1RowsThreeAndFourThroughCrossAccount_MatchFaq()
    {
        // R1 rows 3–4: both positions in one USDT cross account with WB 1535443.01; marks ETH 1335.18, BTC 31967.27.
        var (eth, btc) = R1Contracts();
        var ethPos = Position.Open(eth, Side.Long, 3683.979m, 1456.84m, 10m, MarginMode.Cross);
        var btcPos = Position.Open(btc, Side.Long, 109.488m, 32481.98m, 20m, MarginMode.Cross);
        var account = CrossAccount.Create("USDT", Wb, [ethPos, btcPos]);
        var marks = new Dictionary<string, decimal> { ["ETHUSDT"] = 1335.18m, ["BTCUSDT"] = 31967.27m };
        var snap = MarginCalc.Cross(account, marks);
        Assert.Equal(1153.26m, Math.Round(snap.Positions[0].LiquidationPrice!.Value, 2));
        Assert.Equal(26316.89m, Math.Round(snap.Positions[1].LiquidationPrice!.Value, 2));
        Assert.Equal(1153.26m, Math.Round(MarginCalc.Cross(account, ethPos, marks).LiquidationPrice!.Value, 2));
    }

    [Fact]
    public void Cross_R1HedgeModeLegsOnOneSymbol_UseBothLegs()
    {
        // Binance hedge-mode formula: LP = (WB + cumL + cumS − qL·EPL + qS·EPS) / (qL·MMRL + qS·MMRS − qL + qS).
        // Long 2 @ 100 and short 1 @ 110, WB 50, MMR 0.01, cum 0:
        // LP = (50 − 200 + 110) / (0.02 + 0.01 − 2 + 1) = −40 / −0.97 = 41.2371134020618556701030927835...
        var c = TestContracts.LinearFlat("XUSDT", 0.01m, 50m);
        var l = Position.Open(c, Side.Long, 2m, 100m, 10m, MarginMode.Cross);
        var s = Position.Open(c, Side.Short, 1m, 110m, 10m, MarginMode.Cross);
        var account = CrossAccount.Create("USDT", 50m, [l, s], PositionMode.Hedge);
        var snap = MarginCalc.Cross(account, new Dictionary<string, decimal> { ["XUSDT"] = 100m });
        Assert.Equal(41.23711340m, Math.Round(snap.Positions[0].LiquidationPrice!.Value, 8));
        Assert.Equal(snap.Positions[0].LiquidationPrice, snap.Positions[1].LiquidationPrice);
    }

    // ---------------- R2: Binance COIN-M (inverse) ----------------

    [Fact]
    public void CoinMLiquidationPrice_R2_Is33599_4186()
    {
        // R2: WB 101 BTC, long 100,000 contracts × 100 USD @ 45,000, MMR 12.5 %, cum 11.605 BTC:
        // LP = (1e7·0.125 + 1e7) / (101 + 11.605 + 1e7/45000) = 33599.4186
        var lp = MarginCalc.CoinMLiquidationPrice(Side.Long, 100_000m, 100m, 45_000m, 101m, 0.125m, 11.605m);
        Assert.Equal(33599.4186m, Math.Round(lp!.Value, 4));
    }

    [Fact]
    public void Isolated_R2WithCoinMPreset_FindsTier7AtLiquidationAndTruncatesTo33599_4()
    {
        // R2 through the preset: the notional at the LP, 1e7/33599.42 ≈ 297.6 BTC, lies in tier 7 (12.5 %, 11.605).
        var c = Contract.BinanceCoinMBtcUsd;
        var p = Position.Open(c, Side.Long, 100_000m, 45_000m, 4m, MarginMode.Isolated, 101m);
        var snap = MarginCalc.Isolated(p, 45_000m);
        Assert.Equal(LiquidationRule.BinanceCoinM, snap.Rule);
        Assert.Equal("BTC", snap.SettlementAsset);
        Assert.Equal(33599.4186m, Math.Round(snap.LiquidationPrice!.Value, 4));
        Assert.Equal(7, snap.LiquidationTier!.Tier);
        Assert.Equal(0.125m, snap.LiquidationTier.MaintenanceMarginRate);
        Assert.Equal(11.605m, snap.LiquidationTier.MaintenanceAmount);
        // "Binance's calculator shows 33,599.4 after truncation to the 0.1 tick".
        Assert.Equal(33599.4m, c.RoundPrice(snap.LiquidationPrice.Value, MidpointRounding.ToZero));
    }

    [Fact]
    public void Cross_R2SinglePositionCrossAccount_SameAsIsolated()
    {
        var c = Contract.BinanceCoinMBtcUsd;
        var p = Position.Open(c, Side.Long, 100_000m, 45_000m, 4m, MarginMode.Cross);
        var snap = MarginCalc.Cross(CrossAccount.Create("BTC", 101m, [p]), new Dictionary<string, decimal> { ["BTCUSD_PERP"] = 45_000m });
        Assert.Equal(33599.4186m, Math.Round(snap.Positions[0].LiquidationPrice!.Value, 4));
    }

    // ---------------- R3: Bybit vs Binance on the same inputs ----------------

    [Fact]
    public void Isolated_R3BybitRule_MaintenanceAtEntryGives19700()
    {
        // R3: long 1 BTC @ 20,000, 50x, MMR 0.5 %: IM = 400, MM = 100 at entry, LP = 20000 − (400 − 100)/1 = 19,700
        var c = TestContracts.LinearFlat("BTCUSDT", 0.005m, 100m);
        var p = Position.Open(c, Side.Long, 1m, 20_000m, 50m);
        Assert.Equal(400m, p.InitialMargin());
        var snap = MarginCalc.Isolated(p, 20_000m, LiquidationRule.BybitLinear);
        Assert.Equal(LiquidationRule.BybitLinear, snap.Rule);
        Assert.Equal(100m, snap.MaintenanceMargin);
        Assert.Equal(19_700m, snap.LiquidationPrice);
    }

    [Fact]
    public void Isolated_R3BinanceRule_Gives19698_49()
    {
        // R3: Binance on the same inputs: (400 + 0 − 20000) / (0.005 − 1) = 19,698.49
        var c = TestContracts.LinearFlat("BTCUSDT", 0.005m, 100m);
        var p = Position.Open(c, Side.Long, 1m, 20_000m, 50m);
        var snap = MarginCalc.Isolated(p, 20_000m, LiquidationRule.BinanceUsdM);
        Assert.Equal(LiquidationRule.BinanceUsdM, snap.Rule);
        Assert.Equal(19_698.49m, Math.Round(snap.LiquidationPrice!.Value, 2));
    }

    // ---------------- R4: funding payments ----------------

    [Fact]
    public void Payment_R4Size10Rate0001Mark2_ShortReceivesLongPays0_002()
    {
        // R4: notional 10·2.0 = 20; 20·0.0001 = 0.002
        Assert.Equal(0.002m, Funding.Payment(Side.Short, 10m * 2.0m, 0.0001m));
        Assert.Equal(-0.002m, Funding.Payment(Side.Long, 10m * 2.0m, 0.0001m));
        var c = TestContracts.LinearFlat("XUSDT", 0.01m, 50m);
        Assert.Equal(0.002m, Funding.Payment(Position.Open(c, Side.Short, 10m, 2.0m, 1m), 2.0m, 0.0001m));
        Assert.Equal(-0.002m, Funding.Payment(Position.Open(c, Side.Long, 10m, 2.0m, 1m), 2.0m, 0.0001m));
    }

    [Fact]
    public void Payment_R4Size10Rate0002Mark2_5_ShortReceives0_005()
    {
        // R4: 10·2.5·0.0002 = 0.005
        var c = TestContracts.LinearFlat("XUSDT", 0.01m, 50m);
        Assert.Equal(0.005m, Funding.Payment(Position.Open(c, Side.Short, 10m, 2.0m, 1m), 2.5m, 0.0002m));
    }

    [Fact]
    public void Payment_R4LongOneBtcAt100Rate1Percent_Pays1()
    {
        // R4: long 1 BTCUSDT at 100, rate 0.01 → the long pays 1 (cash flow −1)
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 100m, 1m);
        Assert.Equal(-1m, Funding.Payment(p, 100m, 0.01m));
    }

    // ---------------- R5: PnL with fees and funding ----------------

    [Theory]
    [InlineData(Side.Long, 1, 2.1, 1, 3.6925, 0.0613881962)]
    [InlineData(Side.Long, 3, 2.1, 1, 3.6925, 0.1841645885)]
    [InlineData(Side.Short, 3, 2.1, 1, -2.3075, -0.1156641604)]
    [InlineData(Side.Short, 1, 1.9, -1, 1.7075, 0.0285296575)]
    [InlineData(Side.Long, 3, 2.2, -1, 4.685, 0.2336658354)]
    [InlineData(Side.Short, 3, 1.9, 0, 2.7075, 0.1357142857)]
    public void PnlWithFeesAndFunding_R5Rows_MatchExactly(Side side, int leverage, double close, int funding, double profit, double rom)
    {
        // R5: 30 units, open 2.0, fee 0.25 % on open and close; profits exact, returns rounded to 10 places.
        var r = Fees.PnlWithFeesAndFunding(side, 30m, 2.0m, (decimal)close, leverage, 0.0025m, funding);
        Assert.Equal((decimal)profit, r.Profit);
        Assert.Equal((decimal)rom, Math.Round(r.ReturnOnMargin, 10));
    }
}
