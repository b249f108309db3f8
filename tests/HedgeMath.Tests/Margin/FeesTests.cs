using HedgeMath.Margin;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// Fees with different open and close rates and maker/taker on each side, so that a swapped rate, a swapped branch or
/// a dropped check changes the answer (docs/testing.md: these close the mutants the symmetric examples let through).
/// </summary>
public class FeesTests
{
    // Binance BTCUSDT: maker 0.02 %, taker 0.05 %.
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;

    [Fact]
    public void Fee_IsNotionalTimesRate_AndRejectsNegativeNotional()
    {
        // Binance: trading fee = notional × fee rate; 25,000 · 0.0004 = 10.
        Assert.Equal(10m, Fees.Fee(25_000m, 0.0004m));
        Assert.Equal(0m, Fees.Fee(0m, 0.0004m));
        BadInput.Rejects("notional", (decimal n) => Fees.Fee(n, 0.0004m), BadInput.NegativeDecimals);
    }

    [Fact]
    public void OpenAndCloseFee_MakerAndTaker()
    {
        // 0.5 BTC at 50,000 = 25,000 USDT: maker 25,000 · 0.0002 = 5, taker 25,000 · 0.0005 = 12.5.
        Assert.Equal(5m, Fees.OpenFee(Btc, 0.5m, 50_000m, maker: true));
        Assert.Equal(12.5m, Fees.OpenFee(Btc, 0.5m, 50_000m));
        Assert.Equal(5m, Fees.CloseFee(Btc, 0.5m, 50_000m, maker: true));
        Assert.Equal(12.5m, Fees.CloseFee(Btc, 0.5m, 50_000m));
        BadInput.Throws("contract", () => Fees.OpenFee(null!, 1m, 1m));
    }

    [Fact]
    public void RoundTrip_MakerOnOneSideOnly()
    {
        // 1 BTC, open 50,000 maker = 10, close 60,000 taker = 30 → 40; open taker 25 + close maker 12 → 37.
        Assert.Equal(40m, Fees.RoundTrip(Btc, 1m, 50_000m, 60_000m, makerOpen: true, makerClose: false));
        Assert.Equal(37m, Fees.RoundTrip(Btc, 1m, 50_000m, 60_000m, makerOpen: false, makerClose: true));
    }

    [Fact]
    public void RoundTrip_BadPriceNamesEntryOrExit_AndOverflowNamesQuantity()
    {
        BadInput.Rejects("entryPrice", (decimal p) => Fees.RoundTrip(Btc, 1m, p, 50_000m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("exitPrice", (decimal p) => Fees.RoundTrip(Btc, 1m, 50_000m, p), BadInput.NonPositiveDecimals);
        // A 90 % taker rate: each fee is 0.9 · 5e28 = 4.5e28, their sum 9e28 is past decimal's 7.9e28.
        var costly = TestContracts.LinearFlat("XUSDT", 0.01m, 10m, takerFee: 0.9m);
        BadInput.Throws("quantity", () => Fees.RoundTrip(costly, 50_000_000_000_000_000_000_000_000_000m, 1m, 1m));
    }

    [Fact]
    public void BreakevenPrice_Linear_DifferentOpenAndCloseRates()
    {
        // Linear long: EP·(1 + f_o)/(1 − f_c) = 10,000 · 1.01 / 0.98 = 10,306.122448979…;
        // linear short: EP·(1 − f_o)/(1 + f_c) = 10,000 · 0.99 / 1.02 = 9,705.882352941…
        Assert.Equal(10_306.122449m, Math.Round(Fees.BreakevenPrice(ContractType.Linear, Side.Long, 10_000m, 0.01m, 0.02m), 6));
        Assert.Equal(9_705.882353m, Math.Round(Fees.BreakevenPrice(ContractType.Linear, Side.Short, 10_000m, 0.01m, 0.02m), 6));
    }

    [Fact]
    public void BreakevenPrice_Inverse_DifferentOpenAndCloseRates()
    {
        // Inverse long: EP·(1 + f_c)/(1 − f_o) = 10,000 · 1.02 / 0.99 = 10,303.030303…;
        // inverse short: EP·(1 − f_c)/(1 + f_o) = 10,000 · 0.98 / 1.01 = 9,702.970297…
        Assert.Equal(10_303.030303m, Math.Round(Fees.BreakevenPrice(ContractType.Inverse, Side.Long, 10_000m, 0.01m, 0.02m), 6));
        Assert.Equal(9_702.970297m, Math.Round(Fees.BreakevenPrice(ContractType.Inverse, Side.Short, 10_000m, 0.01m, 0.02m), 6));
    }

    [Fact]
    public void BreakevenPrice_OfPosition_MakerCloseOnly()
    {
        // Long 1 BTC at 50,000, taker open 0.0005, maker close 0.0002: 50,000 · 1.0005 / 0.9998 = 50,035.007001…
        var p = Position.Open(Btc, Side.Long, 1m, 50_000m, 10m);
        Assert.Equal(50_035.007001m, Math.Round(Fees.BreakevenPrice(p, makerOpen: false, makerClose: true), 6));
        // Maker open 0.0002, taker close 0.0005: 50,000 · 1.0002 / 0.9995 = 50,035.017508…
        Assert.Equal(50_035.017509m, Math.Round(Fees.BreakevenPrice(p, makerOpen: true, makerClose: false), 6));
        BadInput.Throws("position", () => Fees.BreakevenPrice(null!));
    }

    [Fact]
    public void BreakevenPrice_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("entryPrice", (decimal p) => Fees.BreakevenPrice(ContractType.Linear, Side.Long, p, 0.001m, 0.001m), BadInput.NonPositiveDecimals);
        BadInput.Throws("type", () => Fees.BreakevenPrice((ContractType)99, Side.Long, 1m, 0m, 0m));
        BadInput.Throws("side", () => Fees.BreakevenPrice(ContractType.Linear, (Side)99, 1m, 0m, 0m));
        // decimal.MaxValue · 1.5 overflows: reported against the entry price.
        BadInput.Throws("entryPrice", () => Fees.BreakevenPrice(ContractType.Linear, Side.Long, decimal.MaxValue, 0.5m, 0m));
    }

    [Fact]
    public void PnlWithFeesAndFunding_Long_HandCalculation()
    {
        // Long 2 at 100, close 110, open fee 1 %, close fee 2 %, funding paid 3, leverage 5.
        // open = 2·100·1.01 = 202; close = 2·110·0.98 − 3 = 212.6; profit = 10.6; rom = (212.6/202 − 1)·5;
        // fees = 2·100·0.01 + 2·110·0.02 = 2 + 4.4 = 6.4.
        var r = Fees.PnlWithFeesAndFunding(Side.Long, 2m, 100m, 110m, 5m, 0.01m, 0.02m, -3m);
        Assert.Equal(202m, r.OpenValue);
        Assert.Equal(212.6m, r.CloseValue);
        Assert.Equal(10.6m, r.Profit);
        Assert.Equal(Math.Round((212.6m / 202m - 1m) * 5m, 20), Math.Round(r.ReturnOnMargin, 20));
        Assert.Equal(0.2623762376m, Math.Round(r.ReturnOnMargin, 10));
        Assert.Equal(6.4m, r.FeesPaid);
        Assert.Equal(-3m, r.Funding);
    }

    [Fact]
    public void PnlWithFeesAndFunding_Short_HandCalculation()
    {
        // Short 2 at 100, close 90, open fee 1 %, close fee 2 %, funding received 3, leverage 1 (the minimum).
        // open = 2·100·0.99 = 198; close = 2·90·1.02 − 3 = 180.6; profit = 198 − 180.6 = 17.4;
        // rom = (1 − 180.6/198)·1 = 0.087878…; fees = 2 + 3.6 = 5.6.
        var r = Fees.PnlWithFeesAndFunding(Side.Short, 2m, 100m, 90m, 1m, 0.01m, 0.02m, 3m);
        Assert.Equal(198m, r.OpenValue);
        Assert.Equal(180.6m, r.CloseValue);
        Assert.Equal(17.4m, r.Profit);
        Assert.Equal(0.0878787879m, Math.Round(r.ReturnOnMargin, 10));
        Assert.Equal(5.6m, r.FeesPaid);
        Assert.Equal(3m, r.Funding);
    }

    [Fact]
    public void PnlWithFeesAndFunding_OneRate_AppliesToBothSides()
    {
        // Long 1 at 100, close 100, 1 % each way, no funding: open 101, close 99, profit −2, fees 2.
        var r = Fees.PnlWithFeesAndFunding(Side.Long, 1m, 100m, 100m, 1m, 0.01m, 0m);
        Assert.Equal(101m, r.OpenValue);
        Assert.Equal(99m, r.CloseValue);
        Assert.Equal(2m, r.FeesPaid);
    }

    [Fact]
    public void PnlWithFeesAndFunding_BadInput_NamesTheParameter()
    {
        BadInput.Throws("side", () => Fees.PnlWithFeesAndFunding((Side)99, 1m, 1m, 1m, 1m, 0m, 0m, 0m));
        BadInput.Rejects("quantity", (decimal q) => Fees.PnlWithFeesAndFunding(Side.Long, q, 1m, 1m, 1m, 0m, 0m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("openPrice", (decimal p) => Fees.PnlWithFeesAndFunding(Side.Long, 1m, p, 1m, 1m, 0m, 0m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("closePrice", (decimal p) => Fees.PnlWithFeesAndFunding(Side.Long, 1m, 1m, p, 1m, 0m, 0m, 0m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("leverage", (decimal l) => Fees.PnlWithFeesAndFunding(Side.Long, 1m, 1m, 1m, l, 0m, 0m, 0m), 0.999999m, 0m, -1m);
        Assert.Contains("must be at least 1", BadInput.Throws("leverage", () => Fees.PnlWithFeesAndFunding(Side.Long, 1m, 1m, 1m, 0.5m, 0m, 0m, 0m)).Message);
        BadInput.Rejects("openFeeRate", (decimal f) => Fees.PnlWithFeesAndFunding(Side.Long, 1m, 1m, 1m, 1m, f, 0m, 0m), -0.001m, 1m);
        BadInput.Rejects("closeFeeRate", (decimal f) => Fees.PnlWithFeesAndFunding(Side.Long, 1m, 1m, 1m, 1m, 0m, f, 0m), -0.001m, 1m);
        // 5e28 · 1 · 1.9 = 9.5e28 overflows decimal (max 7.9e28): reported against the quantity.
        BadInput.Throws("quantity", () => Fees.PnlWithFeesAndFunding(Side.Long, 50_000_000_000_000_000_000_000_000_000m, 1m, 1m, 1m, 0.9m, 0m, 0m));
    }
}
