using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// The now clock's summary line, a plan without legs, and a cross account the margin rules cannot picture (issue 29,
/// plan evaluator), by hand. Stub contract: one tier up to 1e9 notional, MMR 0.4 %, no fees.
/// </summary>
public class PlanStatusEdgeTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Contract Stub0 = Stub.Contract();

    private static PlanBar Bar(int i, decimal close)
    {
        var t = Day0.AddDays(i);
        return PlanBar.Create(t, PriceBar.Create(t.AddDays(1), close, close, close, close), close);
    }

    private static PlanStatus Status(PlanDefinition plan, params decimal[] closes)
    {
        var state = PlanState.Start(plan);
        PlanStepResult step = null!;
        for (int i = 0; i < closes.Length; i++) { step = state.Step(Bar(i, closes[i])); state = step.State; }
        return PlanStatus.Of(step, Bar(closes.Length - 1, closes[^1]));
    }

    [Fact]
    public void ToString_SaysWhetherActionIsDue_TheOrders_AndTheMargin()
    {
        // 0.5 short on 1 BTC at 2x opened at 60,000: margin 0.5 × 60,000 / 2 = 15,000 USDT; the opening order is due.
        var plan = PlanDefinition.Create("half", [SpotHolding.Create("BTC", 1m, 60_000m)], [new PlanLeg(Stub0, 0.5m, 2m)]);
        Assert.Equal("half at 2025-01-02 00:00: action due, 1 orders, margin 15000 USDT", Status(plan, 60_000m).ToString());
        Assert.Equal("half at 2025-01-03 00:00: nothing due, 0 orders, margin 15000 USDT", Status(plan, 60_000m, 61_000m).ToString());
    }

    [Fact]
    public void APlanWithoutLegs_QuotesInItsHoldingsAsset()
    {
        var s = Status(PlanDefinition.Create("spot", [SpotHolding.Create("BTC", 1m, 60_000m, "USDC")], []), 60_000m);
        Assert.Equal("USDC", s.QuoteAsset);
        Assert.Equal((0m, false), (s.MarginInQuote, s.ActionDue));
        Assert.Empty(s.Legs);
    }

    [Fact]
    public void TwoCrossLegsOnOneSymbol_AreRefusedAtCreate_OneHasALiquidationPrice()
    {
        // Two cross shorts of 0.5 on one symbol: the book's cross wallet holds one position, so its first step would fail; the plan is refused when it is created, naming the second leg. One such leg alone has a
        // liquidation price.
        var e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("two", [SpotHolding.Create("BTC", 1m, 60_000m)],
            [new PlanLeg(Stub0, 0.5m, 2m, mode: MarginMode.Cross), new PlanLeg(Stub0, 0.5m, 2m, mode: MarginMode.Cross)], crossWallet: 100_000m));
        Assert.Equal("legs", e.ParamName);
        Assert.Contains("[1] is a second cross leg in the USDT wallet (with [0],", e.Message, StringComparison.Ordinal);
        var one = PlanDefinition.Create("one", [SpotHolding.Create("BTC", 1m, 60_000m)], [new PlanLeg(Stub0, 0.5m, 2m, mode: MarginMode.Cross)],
            crossWallet: 100_000m);
        Assert.NotNull(Status(one, 60_000m).Legs[0].LiquidationPrice);
    }
}
