using System.Runtime.CompilerServices;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Scenarios;

/// <summary>
/// The live clock at its edges, by hand: which funding prints belong to a bar (from its open, inclusive, to its close,
/// exclusive) for <see cref="PlanLive.Push"/> and <see cref="PlanLive.RunAsync"/>, a warning exactly at the warning
/// distance, the warning's text, warm-up counting, and the messages of rejected input. 1 BTC hedged 1:1 on the stub
/// contract (no fees) at 1x, opened at the first close; funding is paid from the second bar on.
/// </summary>
public class PlanLiveEdgeTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Candle Day(int day, decimal price) => new(DateOnly.FromDateTime(Day0.UtcDateTime).AddDays(day), price, price, price, price, 1m);

    private static PlanDefinition Plan(LegStop? stop = null) =>
        PlanDefinition.Create("live", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub.Contract(), 1m, 1m, stop: stop)]);

    private static async IAsyncEnumerable<Candle> Feed(IEnumerable<Candle> candles, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var c in candles) { await Task.Yield(); yield return c; }
    }

    [Fact]
    public void Push_CountsThePrintsFromTheOpenUpToButNotAtTheClose()
    {
        // Bar 1 opens on day 1 at 100 and closes on day 2. Prints: just before its open (not its own), at its open
        // (+0.1 %: the 1 BTC short receives 100 × 0.001 = 0.1) and at its close (the next bar's).
        var live = new PlanLive(Plan());
        live.Push(Day(0, 100m));
        FundingEvent[] prints = [new(Day0.AddDays(1).AddTicks(-1), 0.3m), new(Day0.AddDays(1), 0.001m), new(Day0.AddDays(2), 0.5m)];
        var u = live.Push(Day(1, 100m), prints);
        Assert.Equal(0.1m, u.State.Book.Legs[0].Funding);
        Assert.Equal(1, u.Bar);
        Assert.Equal(Day(1, 100m), u.Candle);
    }

    [Fact]
    public async Task RunAsync_GivesEachBarTheSamePrints()
    {
        // The same prints through the asynchronous feed, plus one before the first candle: bar 1 gets only its open's.
        FundingEvent[] prints = [new(Day0.AddDays(-1), 0.2m), new(Day0.AddDays(1).AddTicks(-1), 0.3m), new(Day0.AddDays(1), 0.001m), new(Day0.AddDays(2), 0.5m)];
        var updates = new List<PlanStepResult>();
        await foreach (var u in PlanLive.RunAsync(Plan(), Feed([Day(0, 100m), Day(1, 100m)]), prints)) updates.Add(u);
        Assert.Equal(0.1m, updates[1].State.Book.Legs[0].Funding);
        Assert.Equal([0, 1], updates.Select(u => u.Bar));
    }

    [Fact]
    public void AWarningAtExactlyTheWarningDistance_IsGiven_AndSaysWhere()
    {
        // Stop at 105 (placed on the 0.01 tick: 105.00) over a close of 100: 5 % away, the default warning distance: warned.
        var live = new PlanLive(Plan(LegStop.AtPrice(105m)));
        Assert.Equal(0.05m, live.Options.WarningDistance);
        var w = Assert.Single(live.Push(Day(0, 100m)).Warnings);
        Assert.Equal((HedgeWarningCode.StopNear, 105m, 100m, 0.05m), (w.Code, w.Figure("level")!.Value, w.Figure("close")!.Value, w.Figure("distance")!.Value));
        Assert.Equal("2025-01-02 00:00 leg 0 stop at 105.00 is 5.00 % from the close 100", w.ToString());
        // A liquidation warning says "liquidation": a 20x short of the stub is liquidated 100·1.05/1.004 = 104.58 (4.58 %).
        var high = PlanDefinition.Create("liq", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Stub.Contract(), 1m, 20m)]);
        var lw = Assert.Single(new PlanLive(high).Push(Day(0, 100m)).Warnings);
        Assert.Equal(HedgeWarningCode.LiquidationNear, lw.Code);
        Assert.Contains("leg 0 liquidation at ", lw.ToString());
        // A warning distance of 0 warns of nothing that is not exactly at the close.
        Assert.Empty(new PlanLive(Plan(LegStop.AtPrice(105m)), new PlanLiveOptions { WarningDistance = 0m }).Push(Day(0, 100m)).Warnings);
    }

    [Fact]
    public void WarmUp_CountsCandles_NotBars()
    {
        var live = new PlanLive(Plan());
        live.WarmUp([Day(0, 100m), Day(1, 100m)]);
        Assert.Equal((2, 0), (live.Candles, live.Bars));
        var u = live.Push(Day(2, 100m));
        Assert.Equal((0, 3, 1), (u.Bar, live.Candles, live.Bars));
        BadInput.Throws("candles", () => new PlanLive(Plan()).WarmUp((IEnumerable<Candle>)null!));
    }

    [Fact]
    public void BadInput_Messages()
    {
        // A plan without legs is a spot plan: it runs (its equity is the spot held at the close).
        var spot = new PlanLive(PlanDefinition.Create("none", [SpotHolding.Create("BTC", 1m, 100m)], []));
        spot.Push(Day(0, 120m));
        Assert.Equal(120m, spot.Equity);
        var live = new PlanLive(Plan());
        Assert.Contains("must be a candle", BadInput.Throws("candle", () => live.Push(default)).Message);
        live.Push(Day(0, 100m));
        var hourly = new Candle(Day0.AddDays(1), TimeSpan.FromHours(1), 1m, 1m, 1m, 1m, 1m);
        Assert.Contains("has 1h bars but the feed's interval is 1d", BadInput.Throws("candle", () => live.Push(hourly)).Message);
        Assert.Contains("before the previous bar closed (2025-01-02T00:00:00Z)", BadInput.Throws("candle", () => live.Push(Day(0, 100m))).Message);
    }
}
