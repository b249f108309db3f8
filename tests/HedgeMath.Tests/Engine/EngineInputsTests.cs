using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Engine;

/// <summary>
/// The engine's small input types: the stop's fill on each side, the price bar's checks at their edges, funding terms
/// and prints — so that a swapped side, a flipped sign or a dropped check is noticed.
/// </summary>
public class EngineInputsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StopOrder_FillsAgainstTheClosingSide()
    {
        // Slippage 0.2 % on a stop at 50,000: a long is closed by a sell, filled lower at 50,000·0.998 = 49,900;
        // a short by a buy, filled higher at 50,000·1.002 = 50,100.
        var s = StopOrder.At(50_000m, TriggerPrice.Last, 0.002m);
        Assert.Equal(49_900m, s.FillFor(isLong: true));
        Assert.Equal(50_100m, s.FillFor(isLong: false));
        Assert.Equal(50_000m, s.Price);
        Assert.Equal(TriggerPrice.Last, s.Trigger);
        Assert.Equal(0.002m, s.Slippage);
        // No slippage: the stop price itself, and the default trigger is the mark.
        var plain = StopOrder.At(50_000m);
        Assert.Equal(50_000m, plain.FillFor(true));
        Assert.Equal(TriggerPrice.Mark, plain.Trigger);
        Assert.Equal("stop 50000 on Mark", plain.ToString());
        Assert.Equal("stop 50000 on Last, slippage 0.20 %", s.ToString());
    }

    [Fact]
    public void StopOrder_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("price", (decimal p) => StopOrder.At(p), BadInput.NonPositiveDecimals);
        BadInput.Throws("trigger", () => StopOrder.At(1m, (TriggerPrice)0));
        BadInput.Rejects("slippage", (decimal x) => StopOrder.At(1m, slippage: x), -0.0001m, 1m, 2m);
        Assert.Equal(0.9999m, StopOrder.At(1m, slippage: 0.9999m).Slippage);
    }

    [Fact]
    public void LongStop_WithSlippage_FillsBelowTheStop()
    {
        // Long 1 BTC at 50,000, 5x, stop 48,000 with 0.5 % slippage: a fall to 45,000 (liquidation ≈ 40,200, not reached)
        // fills the sell at 48,000·0.995 = 47,760: PnL 1·(47,760 − 50,000) = −2,240.
        var book = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 50_000m, 5m, stop: StopOrder.At(48_000m, slippage: 0.005m)).Book;
        var leg = book.Move(PriceBar.Straight(T0, 50_000m, 45_000m)).Legs[0];
        Assert.Equal(HedgeExit.Stopped, leg.Exit);
        Assert.Equal(47_760m, leg.ExitPrice);
        Assert.Equal(-2_240m, leg.RealizedPnl);
    }

    [Fact]
    public void PriceBar_Straight_OrdersHighAndLow()
    {
        var up = PriceBar.Straight(T0, 100m, 120m);
        Assert.Equal((100m, 120m, 100m, 120m), (up.Open, up.High, up.Low, up.Close));
        Assert.Equal((100m, 120m, 100m, 120m), (up.LastOpen, up.LastHigh, up.LastLow, up.LastClose));
        var down = PriceBar.Straight(T0, 120m, 100m);
        Assert.Equal((120m, 120m, 100m, 100m), (down.Open, down.High, down.Low, down.Close));
        Assert.Equal(T0, down.Time);
        BadInput.Rejects("to", (decimal p) => PriceBar.Straight(T0, 100m, p), BadInput.NonPositiveDecimals);
        BadInput.Rejects("from", (decimal p) => PriceBar.Straight(T0, p, 100m), BadInput.NonPositiveDecimals);
    }

    [Fact]
    public void PriceBar_Create_MarkOnlyCopiesTheMarkToLast()
    {
        var b = PriceBar.Create(T0, 100m, 110m, 90m, 105m);
        Assert.Equal((100m, 110m, 90m, 105m), (b.Open, b.High, b.Low, b.Close));
        Assert.Equal((100m, 110m, 90m, 105m), (b.LastOpen, b.LastHigh, b.LastLow, b.LastClose));
        // High and low may equal the open or close (a bar that only went one way).
        var flat = PriceBar.Create(T0, 100m, 100m, 100m, 100m);
        Assert.Equal(100m, flat.High);
    }

    [Fact]
    public void PriceBar_Create_RejectsEachBadValue_NamingIt()
    {
        BadInput.Rejects("open", (decimal v) => PriceBar.Create(T0, v, 110m, 90m, 100m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("high", (decimal v) => PriceBar.Create(T0, 100m, v, 90m, 100m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("low", (decimal v) => PriceBar.Create(T0, 100m, 110m, v, 100m), BadInput.NonPositiveDecimals);
        BadInput.Rejects("close", (decimal v) => PriceBar.Create(T0, 100m, 110m, 90m, v), BadInput.NonPositiveDecimals);
        // Low above the open or the close; high below the open or the close.
        BadInput.Throws("low", () => PriceBar.Create(T0, 100m, 110m, 100.01m, 105m));
        BadInput.Throws("low", () => PriceBar.Create(T0, 105m, 110m, 100.01m, 100m));
        BadInput.Throws("high", () => PriceBar.Create(T0, 100m, 104.99m, 90m, 105m));
        BadInput.Throws("high", () => PriceBar.Create(T0, 105m, 104.99m, 90m, 100m));
    }

    [Fact]
    public void PriceBar_Create_WithLastPrices_ChecksBoth()
    {
        var b = PriceBar.Create(T0, 100m, 110m, 90m, 105m, 101m, 112m, 88m, 104m);
        Assert.Equal((101m, 112m, 88m, 104m), (b.LastOpen, b.LastHigh, b.LastLow, b.LastClose));
        Assert.Equal((100m, 110m, 90m, 105m), (b.Open, b.High, b.Low, b.Close));
        BadInput.Throws("lastLow", () => PriceBar.Create(T0, 100m, 110m, 90m, 105m, 101m, 112m, 102m, 104m));
        BadInput.Throws("lastHigh", () => PriceBar.Create(T0, 100m, 110m, 90m, 105m, 101m, 103m, 88m, 104m));
        BadInput.Throws("high", () => PriceBar.Create(T0, 100m, 99m, 90m, 95m, 101m, 112m, 88m, 104m));
        BadInput.Rejects("lastClose", (decimal v) => PriceBar.Create(T0, 100m, 110m, 90m, 105m, 101m, 112m, 88m, v), BadInput.NonPositiveDecimals);
        Assert.Equal("2024-01-01T00:00:00.0000000+00:00 mark O 100 H 110 L 90 C 105", b.ToString());
    }

    [Fact]
    public void FundingTerms_Constant_PrintsAndEdges()
    {
        // 10 days of 8 h funding = 30 prints; 1 day of 5 h funding = floor(24/5) = 4 prints.
        var t = FundingTerms.Constant(0.0001m, 10m);
        Assert.True(t.IsIncluded);
        Assert.Equal(0.0001m, t.RatePerInterval);
        Assert.Equal(10m, t.HoldingDays);
        Assert.Equal(30, t.PrintsFor(TimeSpan.FromHours(8)));
        Assert.Equal(4, FundingTerms.Constant(-0.0001m, 1m).PrintsFor(TimeSpan.FromHours(5)));
        Assert.Equal(0, t.PrintsFor(TimeSpan.Zero));
        Assert.Equal(0, t.PrintsFor(TimeSpan.FromHours(-8)));
        Assert.Equal("funding 0.0001 per interval for 10 days", t.ToString());
        // Zero days is no funding at all, whatever the rate.
        var none = FundingTerms.Constant(0.01m, 0m);
        Assert.Same(FundingTerms.None, none);
        Assert.False(none.IsIncluded);
        Assert.Equal(0, none.PrintsFor(TimeSpan.FromHours(8)));
        Assert.Equal("no funding", none.ToString());
        // The edges that are allowed: 100 years, a rate just inside (−1, 1).
        Assert.Equal(36_500m, FundingTerms.Constant(0.9999m, 36_500m).HoldingDays);
        Assert.Equal(-0.9999m, FundingTerms.Constant(-0.9999m, 1m).RatePerInterval);
    }

    [Fact]
    public void FundingTerms_BadInput_NamesTheParameter()
    {
        BadInput.Rejects("ratePerInterval", (decimal r) => FundingTerms.Constant(r, 1m), -1m, 1m, -2m, 2m);
        BadInput.Rejects("holdingDays", (decimal d) => FundingTerms.Constant(0m, d), -1m, -0.0001m, 36_500.0001m, 40_000m);
    }

    [Fact]
    public void FundingPrint_KeepsItsValues_AndRejectsBadOnes()
    {
        var p = new FundingPrint(T0, -0.0002m, 50_000m);
        Assert.Equal((T0, -0.0002m, 50_000m), (p.Time, p.Rate, p.MarkPrice));
        Assert.Equal(0.9999m, new FundingPrint(T0, 0.9999m, 1m).Rate);
        BadInput.Rejects("rate", (decimal r) => new FundingPrint(T0, r, 1m), -1m, 1m);
        BadInput.Rejects("markPrice", (decimal m) => new FundingPrint(T0, 0.0001m, m), BadInput.NonPositiveDecimals);
    }
}
