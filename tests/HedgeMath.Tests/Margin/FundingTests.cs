using HedgeMath.Margin;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Margin;

/// <summary>Funding windows at their edges, the long and the short, a non-8 h interval, and each rejected input.</summary>
public class FundingTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Payment_R4_LongPaysShortReceives()
    {
        // R4: size 10, rate 0.0001, mark 2.0 → notional 20: the short receives 0.002, the long pays 0.002.
        Assert.Equal(0.002m, Funding.Payment(Side.Short, 20m, 0.0001m));
        Assert.Equal(-0.002m, Funding.Payment(Side.Long, 20m, 0.0001m));
        // R4: long 1 BTCUSDT at 100, rate 0.01 → pays 1.
        Assert.Equal(-1m, Funding.Payment(Position.Open(Contract.BinanceBtcUsdt, Side.Long, 1m, 100m, 1m), 100m, 0.01m));
        BadInput.Throws("side", () => Funding.Payment((Side)9, 1m, 0.0001m));
        BadInput.Throws("position", () => Funding.Payment(null!, 1m, 0.0001m));
    }

    [Fact]
    public void Total_WindowIncludesFromExcludesTo_ShortReceives()
    {
        // Prints at T0 (in: from is inclusive), T0+8h (in), T0+16h (out: to is exclusive), T0−8h (out).
        FundingEvent[] events =
        [
            new(T0.AddHours(-8), 0.5m),
            new(T0, 0.001m),
            new(T0.AddHours(8), 0.002m),
            new(T0.AddHours(16), 0.25m),
        ];
        // Short 2 BTC, mark 100: notional 200; receives 200·0.001 + 200·0.002 = 0.6; rate sum 0.003.
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Short, 2m, 100m, 1m);
        var t = Funding.Total(p, events, T0, T0.AddHours(16), 100m);
        Assert.Equal(2, t.EventCount);
        Assert.Equal(0.003m, t.RateSum);
        Assert.Equal(0.6m, t.Amount);
        Assert.Equal(T0, t.From);
        Assert.Equal(T0.AddHours(16), t.To);
        // The long pays the same.
        Assert.Equal(-0.6m, Funding.Total(Position.Open(Contract.BinanceBtcUsdt, Side.Long, 2m, 100m, 1m), events, T0, T0.AddHours(16), 100m).Amount);
    }

    [Fact]
    public void Total_BadInput_NamesTheParameter()
    {
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Short, 2m, 100m, 1m);
        FundingEvent[] events = [new(T0, 0.001m)];
        BadInput.Rejects("markPrice", (decimal m) => Funding.Total(p, events, T0, T0.AddDays(1), m), BadInput.NonPositiveDecimals);
        BadInput.Throws("markPriceAt", () => Funding.Total(p, events, T0, T0.AddDays(1), _ => 0m));
        BadInput.Throws("markPriceAt", () => Funding.Total(p, events, T0, T0.AddDays(1), (Func<DateTimeOffset, decimal>)null!));
        BadInput.Throws("position", () => Funding.Total(null!, events, T0, T0.AddDays(1), 1m));
        BadInput.Throws("to", () => Funding.Total(p, events, T0, T0.AddTicks(-1), 1m));
        // 2 BTC at a mark of 5e28: the notional 1e29 overflows decimal, reported against the position.
        BadInput.Throws("position", () => Funding.Total(p, events, T0, T0.AddDays(1), _ => 50_000_000_000_000_000_000_000_000_000m));
    }

    [Fact]
    public void Project_FourHourInterval_SixEventsADay()
    {
        // 4 h funding: 24/4 = 6 events a day. Short 1 at 1,000, rate 0.0001: 0.1 per event, 0.6 a day, 219 a year.
        var c = Contract.Linear("XUSDT", "X", "USDT", MarginTierTable.Flat(0.01m, 20m), 0.01m, 0.001m, 0.0002m, 0.0005m,
            fundingInterval: TimeSpan.FromHours(4));
        var f = Funding.Project(Position.Open(c, Side.Short, 1m, 1_000m, 1m), 1_000m, 0.0001m);
        Assert.Equal(6m, f.EventsPerDay);
        Assert.Equal(0.1m, f.PerEvent);
        Assert.Equal(0.6m, f.PerDay);
        Assert.Equal(219m, f.PerYear);
        Assert.Equal("USDT", f.SettlementAsset);
    }

    [Fact]
    public void Project_BadInput_NamesTheParameter()
    {
        var p = Position.Open(Contract.BinanceBtcUsdt, Side.Short, 10m, 100m, 1m);
        BadInput.Rejects("ratePerInterval", (decimal r) => Funding.Project(p, 100m, r), -1m, 1m, 1.5m);
        BadInput.Throws("position", () => Funding.Project(null!, 100m, 0.0001m));
        // 10 BTC at 7e27: notional 7e28 fits, one event at 0.5 is 3.5e28, three a day 1.05e29 overflows.
        BadInput.Throws("markPrice", () => Funding.Project(p, 7_000_000_000_000_000_000_000_000_000m, 0.5m));
    }
}
