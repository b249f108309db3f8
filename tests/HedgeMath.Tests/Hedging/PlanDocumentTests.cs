using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Hedging;

/// <summary>Plans as JSON documents: round trip, one error naming the JSON path, the published schema.</summary>
public class PlanDocumentTests
{
    private static Gen<PlanCondition> Condition(int depth)
    {
        var leaves = Gen.OneOf(
            Gen.Choose(1, 200_000).Select(p => PlanCondition.PriceAtOrAbove(p / 2m)),
            Gen.Choose(1, 200_000).Select(p => PlanCondition.PriceAtOrBelow(p / 4m)),
            Gen.Choose(1, 10_000).Select(h => PlanCondition.After(TimeSpan.FromHours(h))),
            Gen.Choose(1, 99).SelectMany(f => Gen.Choose(2, 400).Select(n => PlanCondition.DrawdownFromHigh(f / 100m, n))),
            Gen.Choose(1, 500).SelectMany(f => Gen.Choose(1, 400).Select(n => PlanCondition.RiseOver(f / 1000m, n))),
            Gen.Choose(2, 400).Select(PlanCondition.AboveMovingAverage),
            Gen.Choose(2, 400).Select(PlanCondition.CrossesBelowMovingAverage),
            Gen.Elements(SignalNames.All.ToArray()).Select(PlanCondition.Signal),
            Gen.Elements(Enum.GetValues<SuggestedAction>()).Select(a => PlanCondition.ConfluenceSuggests(a)),
            Gen.Choose(1, 99).Select(f => PlanCondition.NearResistance(f / 1000m)),
            Gen.Choose(1, 99).Select(f => PlanCondition.BelowEntry(f / 100m)),
            Gen.Choose(-100_000, 100_000).Select(a => PlanCondition.PnlAtOrBelow(a / 7m)));
        if (depth == 0) return leaves;
        var sub = Condition(depth - 1);
        return Gen.Frequency(
            (4, leaves),
            (1, sub.SelectMany(a => sub.Select(b => PlanCondition.And(a, b)))),
            (1, sub.SelectMany(a => sub.Select(b => PlanCondition.Or(a, b)))),
            (1, sub.Select(PlanCondition.Not)));
    }

    private static readonly Gen<LegStop?> Stops = Gen.OneOf(
        Gen.Constant((LegStop?)null),
        Gen.Choose(1, 200_000).Select(p => (LegStop?)LegStop.AtPrice(p / 3m, TriggerPrice.Last)),
        Gen.Choose(1, 500).Select(d => (LegStop?)LegStop.AtDistance(d / 1000m, TriggerPrice.Mark, 0.001m)),
        Gen.Choose(1, 50).Select(k => (LegStop?)LegStop.AtAtrMultiple(k / 10m)));

    private static Gen<RuleAction> Actions() => Gen.OneOf(
        Gen.Constant(RuleAction.Remove()),
        Gen.Choose(1, 100).Select(r => RuleAction.RaiseTo(r / 50m)),
        Gen.Choose(0, 100).Select(r => RuleAction.LowerTo(r / 100m)),
        Gen.Choose(1, 100).Select(f => RuleAction.CloseFraction(f / 100m)),
        Stops.Select(s => RuleAction.MoveStop(s)),
        Gen.Choose(1, 100).Select(f => RuleAction.SellSpot(f / 100m)),
        Gen.Choose(1, 100).Select(f => RuleAction.BuySpot(f / 100m)),
        Gen.Choose(1, 1000).Select(q => RuleAction.SellSpotQuantity(q / 8m)),
        Gen.Choose(1, 1000).Select(q => RuleAction.BuySpotQuantity(q / 3m)));

    private static Gen<PlanDefinition> Plans() =>
        from inverse in Gen.Elements(false, true)
        from ratio in Gen.Choose(0, 200)
        from lev in Gen.Choose(1, 20)
        from stop in Stops
        from count in Gen.Choose(0, 4)
        from conditions in Gen.ArrayOf(Condition(2), count)
        from actions in Gen.ArrayOf(Actions(), count)
        from reentry in Gen.OneOf(Gen.Constant(PlanReentry.StayFlat), Gen.Constant(PlanReentry.NextBar), Condition(1).Select(PlanReentry.WhenCondition))
        from rehedge in Gen.Choose(0, 30)
        select PlanDefinition.Create("random plan", [SpotHolding.Create("BTC", 2.5m, 61_000m)],
            [new PlanLeg(inverse ? Contract.BinanceCoinMBtcUsd : Contract.BinanceBtcUsdt, ratio / 100m, lev, stop: stop, takeProfit: ratio == 0 ? null : 40_000m)],
            conditions.Zip(actions, (c, a) => new PlanRule(c, a, a.SetsRatio && c.Kind == "signal" ? RuleTrigger.While : RuleTrigger.Edge)),
            afterExit: reentry, rehedgeEveryDays: rehedge, spotFeeRate: 0.001m);

    [HedgeProperty(QuickTests = 300)]
    public Property LoadOfSave_IsThePlan() =>
        Prop.ForAll(Plans().ToArbitrary(), p => PlanDocument.Load(PlanDocument.Save(p)).Equals(p));

    [Fact]
    public void Save_WritesTheDocumentedShape()
    {
        var plan = PlanDefinition.Create("half hedge", [SpotHolding.Create("BTC", 2.5m, 61_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 3m, stop: LegStop.AtDistance(0.08m))],
            [new PlanRule(PlanCondition.And(PlanCondition.Signal("macd-bearish-cross"), PlanCondition.NearResistance(0.02m)), RuleAction.CloseFraction(0.5m))]);
        var json = PlanDocument.Save(plan);
        Assert.Contains("\"version\": 1", json);
        Assert.Contains("\"exchange\": \"binance-usdm\"", json);
        Assert.Contains("\"kind\": \"near-resistance\"", json);
        Assert.Contains("\"signals\": [", json);
        Assert.Equal(plan, PlanDocument.Load(json));
    }

    [Theory]
    [InlineData("{\"version\": 3, \"name\": \"x\", \"holdings\": [], \"legs\": []}", "$.version: must be 1 or 2; got 3")]
    [InlineData("{\"version\": 1, \"holdings\": [], \"legs\": []}", "$.name: is required")]
    [InlineData("{\"version\": 1, \"name\": \"x\", \"holdings\": [{\"asset\": \"BTC\", \"quantity\": 1, \"averageCost\": 100}], \"legs\": [{\"exchange\": \"binance-usdm\", \"symbol\": \"BTCUSDT\", \"ratio\": 0.5, \"leverage\": 500}]}", "$.legs[0].leverage:")]
    [InlineData("{\"version\": 1, \"name\": \"x\", \"holdings\": [{\"asset\": \"BTC\", \"quantity\": 1, \"averageCost\": 100}], \"legs\": [{\"exchange\": \"binance-usdm\", \"symbol\": \"NOPEUSDT\", \"ratio\": 0.5, \"leverage\": 2}]}", "$.legs[0].symbol:")]
    [InlineData("{\"version\": 1, \"name\": \"x\", \"holdings\": [{\"asset\": \"BTC\", \"quantity\": 1, \"averageCost\": 100}], \"legs\": [{\"exchange\": \"binance-usdm\", \"symbol\": \"BTCUSDT\", \"ratio\": 0.5, \"leverage\": 2}], \"rules\": [{\"when\": {\"kind\": \"and\", \"left\": {\"kind\": \"signal\", \"signals\": [\"macd-purple\"]}, \"right\": {\"kind\": \"after\", \"elapsed\": \"1.00:00:00\"}}, \"do\": {\"kind\": \"remove\"}}]}", "$.rules[0].when.left")]
    [InlineData("{\"version\": 1, \"name\": \"x\", \"holdings\": [{\"asset\": \"BTC\", \"quantity\": 1, \"averageCost\": 100}], \"legs\": [{\"exchange\": \"binance-usdm\", \"symbol\": \"BTCUSDT\", \"ratio\": 0.5, \"leverage\": 2}], \"rules\": [{\"when\": {\"kind\": \"after\", \"elapsed\": \"1.00:00:00\"}, \"do\": {\"kind\": \"raise-to\"}}]}", "$.rules[0].do.ratio: is required")]
    [InlineData("{\"version\": 1, \"name\": \"x\", \"holdings\": [{\"asset\": \"BTC\", \"quantity\": 1, \"averageCost\": 100}], \"legs\": [{\"exchange\": \"binance-usdm\", \"symbol\": \"BTCUSDT\", \"ratio\": 0.5, \"leverage\": 2}], \"rules\": [{\"when\": {\"kind\": \"after\", \"elapsed\": \"1.00:00:00\"}, \"do\": {\"kind\": \"remove\", \"leg\": 3}}]}", "$.rules:")]
    [InlineData("{\"version\": 1, \"name\": \"x\", \"holdings\": [{\"asset\": \"BTC\", \"quantity\": \"lots\"}]}", "$.holdings[0].quantity")]
    [InlineData("{\"version\": 1, \"name\": \"x\", \"colour\": \"red\"}", "$")]
    [InlineData("not json", "$")]
    public void BadDocument_OneErrorNamingTheJsonPath(string json, string start)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => PlanDocument.Load(json));
        Assert.Equal("json", e.ParamName);
        Assert.StartsWith(start, e.Message);
    }

    [Fact]
    public void Save_RejectsWhatDocumentsCannotCarry()
    {
        var series = PlanDefinition.Create("x", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(Contract.BinanceBtcUsdt, 0.5m, 2m)],
            [new PlanRule(PlanCondition.Series("mine", [true]), RuleAction.Remove())]);
        Assert.Equal("plan", Assert.ThrowsAny<ArgumentException>(() => PlanDocument.Save(series)).ParamName);
        var offCatalog = PlanDefinition.Create("x", [SpotHolding.Create("BTC", 1m, 100m)], [new PlanLeg(HedgeMath.Tests.Scenarios.Stub.Contract(), 0.5m, 2m)]);
        Assert.Equal("plan", Assert.ThrowsAny<ArgumentException>(() => PlanDocument.Save(offCatalog)).ParamName);
    }

    [Fact]
    public void Schema_IsPublished_AndNamesEveryKind()
    {
        var schema = File.ReadAllText(RepoPaths.Of("docs/plan.schema.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(schema); // valid JSON
        foreach (var kind in new[] { "price-at-or-above", "price-at-or-below", "after", "drawdown-from-high", "rise-over", "above-moving-average",
                     "below-moving-average", "crosses-above-moving-average", "crosses-below-moving-average", "signal", "confluence", "near-resistance",
                     "near-support", "below-entry", "above-entry", "pnl-at-or-below", "pnl-at-or-above", "and", "or", "not",
                     "remove", "raise-to", "lower-to", "close-fraction", "move-stop", "sell-spot", "buy-spot",
                     "edge", "once", "while", "once-per-position", "stay-flat", "next-bar", "atr-multiple" })
            Assert.Contains($"\"{kind}\"", schema);
    }
}
