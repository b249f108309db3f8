using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Tests.Properties;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// Plans over several assets (issue 28, item 1): holdings of more than one asset, cross legs (SOL hedged with BTC
/// futures) sized by value, equity over every asset, conditions and spot actions that name an asset, the basis-risk
/// warning, validation and documents. Expected values worked by hand in the comments.
/// </summary>
public class PlanMultiAssetTests
{
    private static readonly Contract BtcUsdt = Contract.BinanceBtcUsdt;      // linear, size 1 BTC, lot 0.001, taker 0.05 %
    private static readonly Contract BtcUsd = Contract.BinanceCoinMBtcUsd;    // inverse, 100 USD a contract, lot 1, taker 0.05 %
    private static readonly Contract EthUsdt = Contract.BinanceEthUsdt;       // linear, size 1 ETH, lot 0.001, taker 0.05 %
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static PlanBar Asset(string asset, int day, decimal open, decimal close) =>
        PlanBar.OfAsset(asset, PriceBar.Create(T0.AddDays(day + 1), open, Math.Max(open, close), Math.Min(open, close), close), close);

    internal static PlanBar Bar(int day, params PlanBar[] assets) => PlanBar.Create(T0.AddDays(day), [.. assets]);

    private static PlanDefinition SolWithBtc(Contract contract, params PlanRule[] rules) =>
        PlanDefinition.Create("SOL hedged with BTC", [SpotHolding.Create("SOL", 100m, 150m)],
            [new PlanLeg(contract, 0.5m, 2m) { Hedges = "SOL" }], rules);

    [Fact]
    public void CrossLeg_Linear_IsSizedByValue_AndEquityIsEveryAssetPlusTheLeg()
    {
        // 100 SOL at 150 hedged 0.5 with BTCUSDT at 60,000 (HedgePlan's cross-hedge sizing):
        //   notional = 0.5 × 100 × 150 = 7,500 USDT; contracts = 7,500 / (60,000 × 1) = 0.125 BTC (on the 0.001 lot);
        //   taker fee 0.125 × 60,000 × 0.0005 = 3.75 USDT; equity = 100 × 150 − 3.75 = 14,996.25.
        // Next day SOL 120 (−20 %), BTC 54,000 (−10 %): the short gains 0.125 × (60,000 − 54,000) = 750;
        //   equity = 100 × 120 + 750 − 3.75 = 12,746.25 (unhedged 12,000: the hedge covers 750 of the 3,000 lost, basis risk).
        var plan = SolWithBtc(BtcUsdt);
        Assert.Equal(["SOL", "BTC"], plan.Assets.ToArray());
        var s0 = PlanState.Start(plan).Step(Bar(0, Asset("SOL", 0, 150m, 150m), Asset("BTC", 0, 60_000m, 60_000m))).State;
        Assert.Equal(0.125m, s0.Book.Legs[0].Position!.Quantity);
        Assert.Equal(60_000m, s0.Book.Legs[0].Position!.EntryPrice);
        Assert.Equal(3.75m, s0.Book.Legs[0].Fees);
        Assert.Equal(14_996.25m, s0.Equity);
        var s1 = s0.Step(Bar(1, Asset("SOL", 1, 150m, 120m), Asset("BTC", 1, 60_000m, 54_000m))).State;
        Assert.Equal(12_000m, s1.UnhedgedEquity);
        Assert.Equal(12_746.25m, s1.Equity);
        Assert.Equal(100m, s1.SpotQuantityOf("sol"));
    }

    [Fact]
    public void CrossLeg_Inverse_IsSizedByValueInUsdContracts()
    {
        // The same hedge on BTCUSD_PERP (100 USD a contract): notional 7,500 USD → 7,500 / 100 = 75 contracts;
        //   fee 75 × 100 / 60,000 × 0.0005 = 0.0000625 BTC (3.75 USD at 60,000).
        // Next day BTC 54,000: a short inverse gains 75 × 100 × (1/54,000 − 1/60,000) BTC; valued at 54,000 that is
        //   7,500 − 7,500 × 54,000 / 60,000 = 750 USD, the fee 0.0000625 × 54,000 = 3.375 USD;
        //   equity = 12,000 + 750 − 3.375 = 12,746.625 (to decimal rounding: 1/54,000 does not terminate).
        var plan = SolWithBtc(BtcUsd);
        var s0 = PlanState.Start(plan).Step(Bar(0, Asset("SOL", 0, 150m, 150m), Asset("BTC", 0, 60_000m, 60_000m))).State;
        Assert.Equal(75m, s0.Book.Legs[0].Position!.Quantity);
        Assert.Equal(0.0000625m, s0.Book.Legs[0].Fees);
        Assert.Equal(14_996.25m, s0.Equity);
        var s1 = s0.Step(Bar(1, Asset("SOL", 1, 150m, 120m), Asset("BTC", 1, 60_000m, 54_000m))).State;
        Assert.True(Math.Abs(s1.Equity - 12_746.625m) < 1e-18m, s1.Equity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CrossLeg_ResizesOnTheHedgedValue_WhenARuleRaisesIt()
    {
        // Raised to ratio 1 on day 1 (SOL 120, BTC 54,000): target = 1 × 100 × 120 / 54,000 = 0.2222… → 0.222 BTC on the lot;
        // the trade adds 0.222 − 0.125 = 0.097 BTC at 54,000.
        var plan = SolWithBtc(BtcUsdt, new PlanRule(PlanCondition.PriceAtOrBelow(130m), RuleAction.RaiseTo(1m), RuleTrigger.Once));
        var s0 = PlanState.Start(plan).Step(Bar(0, Asset("SOL", 0, 150m, 150m), Asset("BTC", 0, 60_000m, 60_000m))).State;
        var r1 = s0.Step(Bar(1, Asset("SOL", 1, 150m, 120m), Asset("BTC", 1, 60_000m, 54_000m)));
        Assert.Equal(0.222m, r1.State.Book.Legs[0].Position!.Quantity);
        var trade = Assert.Single(r1.Events, e => e.Kind == PlanEventKind.Traded);
        Assert.Equal(0.097m, trade.Quantity);
        Assert.Equal(54_000m, trade.Price);
    }

    [Fact]
    public void TwoHoldings_ACrossAndASameAssetLeg_EquityAndAssetRules_ByHand()
    {
        // Holdings: 100 SOL at 150 and 2 ETH at 3,000. Leg 0: BTCUSDT 0.5 of SOL (cross); leg 1: ETHUSDT 1.0 of ETH (same asset).
        // Day 0 (SOL 150, ETH 3,000, BTC 60,000): leg 0 0.125 BTC (fee 3.75), leg 1 2 ETH (fee 2 × 3,000 × 0.0005 = 3);
        //   equity = 15,000 + 6,000 − 6.75 = 20,993.25.
        // Day 1 (SOL 120, ETH 2,700, BTC 54,000): rule 0 (BTC ≤ 55,000, read on BTC) removes leg 0 at 54,000:
        //   +750, close fee 0.125 × 54,000 × 0.0005 = 3.375; rule 1 (ETH ≤ 2,800, on ETH) sells half the ETH: 1 ETH at 2,700.
        //   Leg 1: 2 × (3,000 − 2,700) = +600. Equity = 12,000 + 1 × 2,700 + 2,700 cash + (750 − 3.75 − 3.375) + (600 − 3) = 18,739.875.
        var plan = PlanDefinition.Create("two assets", [SpotHolding.Create("SOL", 100m, 150m), SpotHolding.Create("ETH", 2m, 3_000m)],
            [new PlanLeg(BtcUsdt, 0.5m, 2m) { Hedges = "SOL" }, new PlanLeg(EthUsdt, 1m, 2m)],
            [
                new PlanRule(PlanCondition.OnAsset("BTC", PlanCondition.PriceAtOrBelow(55_000m)), RuleAction.Remove(0), RuleTrigger.Once),
                new PlanRule(PlanCondition.OnAsset("ETH", PlanCondition.PriceAtOrBelow(2_800m)), RuleAction.SellSpot(0.5m, "ETH"), RuleTrigger.Once),
            ]);
        Assert.Equal(["SOL", "ETH", "BTC"], plan.Assets.ToArray());
        Assert.Equal(2m, plan.SpotQuantityOf("ETH"));
        var s0 = PlanState.Start(plan).Step(Bar(0, Asset("BTC", 0, 60_000m, 60_000m), Asset("ETH", 0, 3_000m, 3_000m), Asset("SOL", 0, 150m, 150m))).State;
        Assert.Equal(2m, s0.Book.Legs[1].Position!.Quantity);
        Assert.Equal(20_993.25m, s0.Equity);
        var r1 = s0.Step(Bar(1, Asset("SOL", 1, 150m, 120m), Asset("ETH", 1, 3_000m, 2_700m), Asset("BTC", 1, 60_000m, 54_000m)));
        var s1 = r1.State;
        Assert.False(s1.Book.Legs[0].IsOpen);
        Assert.Equal(1m, s1.SpotQuantityOf("ETH"));
        Assert.Equal(100m, s1.SpotQuantity);
        Assert.Equal(2_700m, s1.SpotCash);
        Assert.Equal(18_739.875m, s1.Equity);
        var sale = Assert.Single(r1.Events, e => e.Kind == PlanEventKind.SpotTraded);
        Assert.Equal(2_700m, sale.Price);
        // The now clock reads the same bar: the spot order is on ETHUSDT; leg 1's distances are at ETH's prices.
        var status = PlanStatus.Of(r1, Bar(1, Asset("SOL", 1, 150m, 120m), Asset("ETH", 1, 3_000m, 2_700m), Asset("BTC", 1, 60_000m, 54_000m)));
        Assert.Contains(status.Orders, o => o.Symbol == "ETHUSDT" && o.IsSpot && o.Quantity == 1m);
        Assert.Equal(2 * 300m, status.Legs[1].UnrealizedPnl);
        Assert.Contains("ETH: spot close 2,700.00 ≤ 2,800", status.Rules[1].Why, StringComparison.Ordinal);
        // A level read on BTC is measured from BTC's close: 54,000 − 55,000 = −1,000 (reached).
        Assert.Equal(55_000m, status.Rules[0].TriggerPrice);
        Assert.Equal(-1_000m, status.Rules[0].DistanceToTrigger);
    }

    [Fact]
    public void OneAssetPlan_OnABarOfSeveralAssets_IsTheSameAsOnItsOwnBar()
    {
        var plan = PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 60_000m)], [new PlanLeg(BtcUsdt, 0.5m, 2m, stop: LegStop.AtDistance(0.05m))]);
        var own = PlanState.Start(plan);
        var many = PlanState.Start(plan);
        decimal[] closes = [60_000m, 62_000m, 64_000m, 59_000m];
        for (int d = 0; d < closes.Length; d++)
        {
            decimal open = d == 0 ? closes[0] : closes[d - 1];
            var a = Asset("BTC", d, open, closes[d]);
            own = own.Step(PlanBar.Create(T0.AddDays(d), a.Price, a.SpotClose)).State;
            many = many.Step(Bar(d, Asset("SOL", d, 150m, 150m), a)).State;
            Assert.Equal(own.Equity, many.Equity);
        }
        Assert.Equal(own.Book.Legs[0].Exit, many.Book.Legs[0].Exit);
    }

    [Fact]
    public void Warnings_ACrossLeg_HasTheBasisRiskWarning_OfHedgePlan()
    {
        var plan = SolWithBtc(BtcUsdt);
        var w = Assert.Single(plan.Warnings, x => x.Code == HedgeWarningCode.CrossHedgeBasisRisk);
        Assert.StartsWith("Leg 0: SOL spot is hedged with BTCUSDT: a cross-hedge carries basis risk", w.Message, StringComparison.Ordinal);
        // The same sentence HedgePlan gives its cross-hedge (one owner).
        var hedge = HedgePlan.Create(SpotHolding.Create("SOL", 100m, 150m), 0.5m, BtcUsdt, 2m, 150m, HedgePlanOptions.Default with { FuturesPrice = 60_000m });
        Assert.EndsWith(hedge.Warnings.Single(x => x.Code == HedgeWarningCode.CrossHedgeBasisRisk).Message, w.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PlanDefinition.Create("same", [SpotHolding.Create("BTC", 1m, 1m)], [new PlanLeg(BtcUsdt, 0.5m, 2m)]).Warnings,
            x => x.Code == HedgeWarningCode.CrossHedgeBasisRisk);
    }

    [Fact]
    public void FromHedgePlan_ACrossHedge_IsACrossLeg_SizedAsTheHedgePlanSizesIt()
    {
        // HedgePlan: 100 SOL at 150, ratio 0.5, BTCUSDT at 60,000 → 7,500 / 60,000 = 0.125 BTC; the plan's first trade at the same prices is the same size.
        var hedge = HedgePlan.Create(SpotHolding.Create("SOL", 100m, 150m), 0.5m, BtcUsdt, 2m, 150m, HedgePlanOptions.Default with { FuturesPrice = 60_000m });
        var plan = PlanDefinition.FromHedgePlan(hedge);
        Assert.True(plan.Legs[0].IsCrossHedge);
        Assert.Equal("SOL", plan.Legs[0].Hedges);
        var s0 = PlanState.Start(plan).Step(Bar(0, Asset("SOL", 0, 150m, 150m), Asset("BTC", 0, 60_000m, 60_000m))).State;
        Assert.Equal(hedge.Quantity, s0.Book.Legs[0].Position!.Quantity);
    }

    [Fact]
    public void BadInput_NamesTheParameterAndTheAsset()
    {
        var sol = SpotHolding.Create("SOL", 100m, 150m);
        var e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("x", [sol], [new PlanLeg(BtcUsdt, 0.5m, 2m)]));
        Assert.Equal("legs", e.ParamName);
        Assert.Contains("BTC), which the plan does not hold", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("x", [sol], [new PlanLeg(BtcUsdt, 0.5m, 2m) { Hedges = "XRP" }]));
        Assert.Contains("hedges XRP, which the plan does not hold", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("x", [sol], [new PlanLeg(BtcUsdt, 0.5m, 2m) { Hedges = "SOL" }],
            [new PlanRule(PlanCondition.OnAsset("ETH", PlanCondition.PriceAtOrBelow(1m)), RuleAction.Remove())]));
        Assert.Equal("rules", e.ParamName);
        Assert.Contains("reads ETH", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("x", [sol], [], [new PlanRule(PlanCondition.After(TimeSpan.FromDays(1)), RuleAction.SellSpot(0.5m, "ETH"))]));
        Assert.Contains("trades ETH spot", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => PlanCondition.OnAsset("BTC", PlanCondition.Signal("macd-bearish-cross")));
        Assert.Equal("condition", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new PlanLeg(BtcUsdt, 0.5m, 2m) { Hedges = " " });
        Assert.Equal("Hedges", e.ParamName);
        // Cross-margin legs of one plan share one underlying.
        e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("x", [sol, SpotHolding.Create("ETH", 1m, 1m)],
            [new PlanLeg(BtcUsdt, 0.5m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }, new PlanLeg(EthUsdt, 0.5m, 2m, mode: MarginMode.Cross)], crossWallet: 1_000m));
        Assert.Contains("cross legs must share one underlying", e.Message, StringComparison.Ordinal);
        // Two cross legs in one wallet — on one symbol (a long and a short), or on two BTC contracts settled in USDT: the
        // book's cross wallet holds one position, so the plan is refused at Create, not at its first step. In two wallets
        // (USDT and BTC) they are allowed.
        e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("x", [sol],
            [new PlanLeg(BtcUsdt, 0.5m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }, new PlanLeg(BtcUsdt, 0.2m, 2m, Side.Long, MarginMode.Cross) { Hedges = "SOL" }], crossWallet: 1_000m));
        Assert.Equal("legs", e.ParamName);
        Assert.Contains("[1] is a second cross leg in the USDT wallet (with [0], BTCUSDT)", e.Message, StringComparison.Ordinal);
        var okx = Contract.Find("okx-swap", "BTC-USDT-SWAP");
        e = Assert.Throws<ArgumentException>(() => PlanDefinition.Create("x", [sol],
            [new PlanLeg(BtcUsdt, 0.3m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }, new PlanLeg(okx, 0.2m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }], crossWallet: 1_000m));
        Assert.Equal("legs", e.ParamName);
        Assert.Contains("[1] is a second cross leg in the USDT wallet (with [0], BTCUSDT)", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, PlanDefinition.Create("x", [sol],
            [new PlanLeg(BtcUsdt, 0.3m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }, new PlanLeg(BtcUsd, 0.2m, 2m, mode: MarginMode.Cross) { Hedges = "SOL" }], crossWallet: 1_000m).Legs.Length);

        // A bar for a plan over several assets carries every asset.
        var plan = SolWithBtc(BtcUsdt);
        var one = Asset("SOL", 0, 150m, 150m);
        e = Assert.Throws<ArgumentException>(() => PlanState.Start(plan).Step(PlanBar.Create(T0, one.Price, one.SpotClose)));
        Assert.Equal("bar", e.ParamName);
        Assert.Contains("carries one asset's prices", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => PlanState.Start(plan).Step(Bar(0, one)));
        Assert.Contains("has no prices for BTC", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Bar(0, one, Asset("sol", 0, 1m, 1m)));
        Assert.Contains("repeats sol", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => PlanBar.Create(T0, [one, Asset("BTC", 1, 1m, 1m)]));
        Assert.Contains("one bar, one close", e.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- documents

    private static readonly string[] Held = ["SOL", "ETH"];

    private static Gen<PlanCondition> Leaf() => Gen.OneOf(
        Gen.Choose(1, 200_000).Select(p => PlanCondition.PriceAtOrBelow(p / 4m)),
        Gen.Choose(2, 400).Select(PlanCondition.BelowMovingAverage),
        Gen.Choose(1, 99).SelectMany(f => Gen.Choose(2, 400).Select(n => PlanCondition.DrawdownFromHigh(f / 100m, n))),
        Gen.Choose(1, 99).Select(f => PlanCondition.BelowEntry(f / 100m, 1)));

    private static Gen<PlanCondition> Scoped() => Gen.OneOf(
        Leaf(),
        from a in Gen.Elements("SOL", "ETH", "BTC") from c in Leaf() select PlanCondition.OnAsset(a, c),
        from a in Gen.Elements("BTC", "eth") from c in Leaf() from d in Leaf() select PlanCondition.OnAsset(a, PlanCondition.And(c, PlanCondition.Not(d))));

    private static Gen<RuleAction> ActionsOnAssets() => Gen.OneOf(
        Gen.Choose(1, 100).Select(r => RuleAction.RaiseTo(r / 50m, 1)),
        Gen.Choose(1, 100).Select(f => RuleAction.CloseFraction(f / 100m)),
        Gen.Choose(1, 100).Select(f => RuleAction.SellSpot(f / 100m)),
        from f in Gen.Choose(1, 100) from a in Gen.Elements(Held) select RuleAction.SellSpot(f / 100m, a),
        from f in Gen.Choose(1, 100) from a in Gen.Elements(Held) select RuleAction.BuySpot(f / 50m, a));

    internal static Gen<PlanDefinition> MultiAssetPlans() =>
        from inverse in Gen.Elements(false, true)
        from hedged in Gen.Elements(Held)
        from ratio in Gen.Choose(0, 200)
        from count in Gen.Choose(0, 4)
        from conditions in Gen.ArrayOf(Scoped(), count)
        from actions in Gen.ArrayOf(ActionsOnAssets(), count)
        from reentry in Gen.OneOf(Gen.Constant(PlanReentry.NextBar), Scoped().Select(PlanReentry.WhenCondition))
        select PlanDefinition.Create("two assets", [SpotHolding.Create("SOL", 100m, 150m), SpotHolding.Create("ETH", 2m, 3_000m)],
            [new PlanLeg(inverse ? BtcUsd : BtcUsdt, ratio / 100m, 2m, stop: LegStop.AtDistance(0.05m)) { Hedges = hedged }, new PlanLeg(EthUsdt, 0.5m, 3m)],
            conditions.Zip(actions, (c, a) => new PlanRule(c, a)), afterExit: reentry);

    [HedgeProperty(QuickTests = 200)]
    public Property LoadOfSave_IsThePlan_WithCrossLegsAndAssetRules() =>
        Prop.ForAll(MultiAssetPlans().ToArbitrary(), p =>
        {
            string json = PlanDocument.Save(p);
            return PlanDocument.Load(json).Equals(p) && json.Contains("\"version\": 2", StringComparison.Ordinal);
        });

    [Fact]
    public void Document_CrossLegAndAssetFields_AreVersion2_AndVersion1CannotCarryThem()
    {
        var plan = PlanDefinition.Create("sol", [SpotHolding.Create("SOL", 100m, 150m)], [new PlanLeg(BtcUsdt, 0.5m, 2m) { Hedges = "SOL" }],
            [new PlanRule(PlanCondition.OnAsset("BTC", PlanCondition.BelowMovingAverage(50)), RuleAction.Remove(), RuleTrigger.Once)]);
        string json = PlanDocument.Save(plan);
        Assert.Contains("\"version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"hedges\": \"SOL\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"on-asset\"", json, StringComparison.Ordinal);
        Assert.Equal(plan, PlanDocument.Load(json));
        var e = Assert.ThrowsAny<ArgumentException>(() => PlanDocument.Load(json.Replace("\"version\": 2", "\"version\": 1", StringComparison.Ordinal)));
        Assert.StartsWith("$.version: must be 2", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => PlanDocument.Load(json.Replace("\"hedges\": \"SOL\"", "\"hedges\": \"XRP\"", StringComparison.Ordinal)));
        Assert.StartsWith("$.legs", e.Message, StringComparison.Ordinal);
        // A one-asset plan is still written as version 1.
        Assert.Contains("\"version\": 1", PlanDocument.Save(PlanDefinition.Create("btc", [SpotHolding.Create("BTC", 1m, 1m)], [new PlanLeg(BtcUsdt, 0.5m, 2m)])),
            StringComparison.Ordinal);
    }
}
