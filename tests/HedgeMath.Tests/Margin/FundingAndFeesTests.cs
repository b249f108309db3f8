using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

public class FundingAndFeesTests
{
    private static Position WorkedHedge => Position.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m);

    [Fact]
    public void Payment_WorkedHedgeOneEventAt0_01Percent_ShortReceives2_5()
    {
        // 25,000 USDT notional · 0.0001 = 2.5 USDT received by the short.
        Assert.Equal(2.5m, Funding.Payment(WorkedHedge, 50_000m, 0.0001m));
        Assert.Equal(-2.5m, Funding.Payment(WorkedHedge, 50_000m, -0.0001m));
    }

    [Fact]
    public void Payment_Inverse_IsInCoin()
    {
        // COIN-M short 1,000 contracts · 100 USD at mark 50,000 = 2 BTC notional; · 0.0001 = 0.0002 BTC received.
        var p = Position.Open(Contract.BinanceCoinMBtcUsd, Side.Short, 1_000m, 50_000m, 1m);
        Assert.Equal(0.0002m, Funding.Payment(p, 50_000m, 0.0001m));
    }

    [Fact]
    public void Total_RealBtcSeriesOverOneDay_SumsThreeEvents()
    {
        // data/market/btcusdt_funding_8h.csv, [2024-01-01, 2024-01-02): 0.00037409 + 0.00027213 + 0.00033601 = 0.00098223;
        // short 25,000 USDT notional receives 25,000 · 0.00098223 = 24.55575 USDT.
        var events = TestData.Funding("btcusdt_funding_8h.csv");
        var t = Funding.Total(WorkedHedge, events, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero), 50_000m);
        Assert.Equal(3, t.EventCount);
        Assert.Equal(0.00098223m, t.RateSum);
        Assert.Equal(24.55575m, t.Amount);
        Assert.Equal("USDT", t.SettlementAsset);
    }

    [Fact]
    public void Total_MarkPerEvent_UsesEachMark()
    {
        var events = new[]
        {
            new HedgeMath.Market.FundingEvent(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), 0.001m),
            new HedgeMath.Market.FundingEvent(new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero), 0.001m),
        };
        // Long 1 BTC: pays 40,000·0.001 + 60,000·0.001 = 100.
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 10m);
        var t = Funding.Total(p, events, events[0].Time, events[1].Time.AddHours(1), time => time.Hour == 0 ? 40_000m : 60_000m);
        Assert.Equal(-100m, t.Amount);
    }

    [Fact]
    public void Project_WorkedHedge_PerDayAndPerYear()
    {
        // 2.5 per 8 h event → 3 events/day = 7.5/day → 2,737.5/year (365 days).
        var f = Funding.Project(WorkedHedge, 50_000m, 0.0001m);
        Assert.Equal(2.5m, f.PerEvent);
        Assert.Equal(3m, f.EventsPerDay);
        Assert.Equal(7.5m, f.PerDay);
        Assert.Equal(2_737.5m, f.PerYear);
    }

    [Fact]
    public void Funding_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("rate", (decimal r) => Funding.Payment(Side.Long, 1m, r), -1m, 1m, 2m);
        BadInput.Rejects("notional", (decimal n) => Funding.Payment(Side.Long, n, 0.0001m), BadInput.NegativeDecimals);
        BadInput.Rejects("markPrice", (decimal m) => Funding.Payment(WorkedHedge, m, 0.0001m), BadInput.NonPositiveDecimals);
        var t0 = DateTimeOffset.UnixEpoch;
        BadInput.Throws("to", () => Funding.Total(WorkedHedge, [], t0, t0, 1m));
        BadInput.Throws("events", () => Funding.Total(WorkedHedge, null!, t0, t0.AddDays(1), 1m));
    }

    [Fact]
    public void RoundTrip_TakerBothWays()
    {
        // 1 BTC: open 50,000·0.0005 = 25, close 60,000·0.0005 = 30.
        Assert.Equal(55m, Fees.RoundTrip(Contract.BinanceBtcUsdt, 1m, 50_000m, 60_000m));
        Assert.Equal(10m + 12m, Fees.RoundTrip(Contract.BinanceBtcUsdt, 1m, 50_000m, 60_000m, makerOpen: true, makerClose: true));
    }

    [Fact]
    public void BreakevenPrice_Linear_CoversBothFees()
    {
        // Long: 50,000·1.0005/0.9995 = 50,050.025012…; short: 50,000·0.9995/1.0005 = 49,950.024987…
        var c = Contract.BinanceBtcUsdt;
        var longBe = Fees.BreakevenPrice(Position.Open(c, Side.Long, 1m, 50_000m, 10m));
        Assert.Equal(50_050.025013m, Math.Round(longBe, 6));
        Assert.Equal(49_950.024988m, Math.Round(Fees.BreakevenPrice(ContractType.Linear, Side.Short, 50_000m, 0.0005m, 0.0005m), 6));
    }

    [Theory]
    [InlineData(Side.Long)]
    [InlineData(Side.Short)]
    public void BreakevenPrice_Inverse_PnlEqualsFees(Side side)
    {
        // At the breakeven X: side·Q·(1/EP − 1/X) = f_o·Q/EP + f_c·Q/X (coin).
        var c = Contract.BinanceCoinMBtcUsd;
        var p = Position.Open(c, side, 1_000m, 50_000m, 10m);
        var x = Fees.BreakevenPrice(p, makerOpen: true);
        var pnl = p.UnrealizedPnl(x);
        var fees = 1_000m * 100m / 50_000m * c.MakerFeeRate + 1_000m * 100m / x * c.TakerFeeRate;
        Assert.True(Math.Abs(pnl - fees) < 1e-20m, $"pnl {pnl} fees {fees}");
    }

    [Fact]
    public void Fees_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("feeRate", (decimal f) => Fees.Fee(1m, f), -0.001m, 1m, 1.5m);
        BadInput.Rejects("openFeeRate", (decimal f) => Fees.BreakevenPrice(ContractType.Linear, Side.Long, 1m, f, 0m), -0.001m, 1m);
        BadInput.Rejects("closeFeeRate", (decimal f) => Fees.BreakevenPrice(ContractType.Linear, Side.Long, 1m, 0m, f), -0.001m, 1m);
        BadInput.Rejects("feeRate", (decimal f) => Fees.PnlWithFeesAndFunding(Side.Long, 1m, 1m, 1m, 1m, f, 0m), -0.001m, 1m);
        BadInput.Rejects("leverage", (decimal l) => Fees.PnlWithFeesAndFunding(Side.Long, 1m, 1m, 1m, l, 0m, 0m), 0.5m, 0m);
        BadInput.Rejects("quantity", (decimal q) => Fees.OpenFee(Contract.BinanceBtcUsdt, q, 1m), BadInput.NonPositiveDecimals);
    }
}
