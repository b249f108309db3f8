using HedgeMath.Hedging;
using HedgeMath.Positions;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;
using HedgeMath.Tests.Scenarios;

namespace HedgeMath.Tests.Hedging;

/// <summary>
/// Plan conditions read on one close by hand (issue 29, the survivors of the plan evaluator's first Stryker run in
/// <c>PlanCondition.cs</c>): the kind and name each condition shows (docs/plans.md's table of kinds, the XML docs'
/// examples), each condition at its edge, the explanations a user reads (docs/plans.md's resistance example), and every
/// factory's checks. A close is given straight to the condition as the plan step gives it (<see cref="PlanContext"/>).
/// </summary>
public class PlanConditionMutationTests
{
    private static PriceWindow Window(int[] periods, params double[] closes)
    {
        var w = PriceWindow.Empty(periods, Math.Max(2, closes.Length));
        foreach (var c in closes) w.Add(c);
        return w;
    }

    /// <summary>The context of one close: spot (and perpetual) close, the window of closes, signals, PnL, leg entries.</summary>
    private static PlanContext At(decimal spot, PriceWindow? window = null, SignalSet signals = default, decimal pnl = 0m, decimal?[]? entries = null) =>
        new(0, TimeSpan.Zero, spot, spot, window ?? Window([], (double)spot), signals, pnl, entries ?? []);

    /// <summary>A signals bar with these active flags and swing levels (NaN: none), as the signals stream gives it.</summary>
    internal static SignalSet Signals(SignalKinds active, double resistance = double.NaN, double support = double.NaN)
    {
        double[] nan = [double.NaN, double.NaN];
        var series = SignalSeries.Snapshot(SignalOptions.Default, null, [100d, 100d], nan, nan, nan, nan, nan, nan, nan, nan, nan,
            [SignalKinds.None, active], [double.NaN, resistance], [double.NaN, support]);
        return new SignalSet(series, 1);
    }

    private static (bool Held, string Why) Read(PlanCondition c, in PlanContext ctx) => (c.Evaluate(ctx), c.Explain(ctx));

    [Fact]
    public void KindsAndNames_AreTheDocumentedOnes()
    {
        // Kinds: docs/plans.md's table; names: "spot ≤ 30,000" is the XML docs' example of Name (levels as written, with
        // thousands separators), fractions as whole percentages (0.1 → 10 %), proximities to one place.
        (PlanCondition C, string Kind, string Name)[] all =
        [
            (PlanCondition.PriceAtOrBelow(30_000m), "price-at-or-below", "spot ≤ 30,000"),
            (PlanCondition.PriceAtOrAbove(97_500.5m), "price-at-or-above", "spot ≥ 97,500.5"),
            (PlanCondition.After(TimeSpan.FromDays(3)), "after", "3 days elapsed"),
            (PlanCondition.DrawdownFromHigh(0.2m, 30), "drawdown-from-high", "spot 20 % below its 30-bar high"),
            (PlanCondition.RiseOver(0.05m, 10), "rise-over", "spot 5 % above 10 bars ago"),
            (PlanCondition.AboveMovingAverage(50), "above-moving-average", "spot above SMA(50)"),
            (PlanCondition.BelowMovingAverage(50), "below-moving-average", "spot below SMA(50)"),
            (PlanCondition.CrossesAboveMovingAverage(20), "crosses-above-moving-average", "spot crosses above SMA(20)"),
            (PlanCondition.CrossesBelowMovingAverage(20), "crosses-below-moving-average", "spot crosses below SMA(20)"),
            (PlanCondition.Signal(SignalKinds.MacdBullishCross | SignalKinds.RsiOversold), "signal", "signal rsi-oversold + macd-bullish-cross"),
            (PlanCondition.ConfluenceSuggests(SuggestedAction.ScaleOut, SuggestedAction.RaiseHedge, SuggestedAction.ScaleOut), "confluence", "confluence suggests ScaleOut/RaiseHedge"),
            (PlanCondition.NearResistance(0.02m), "near-resistance", "spot within 2.0 % of resistance"),
            (PlanCondition.NearSupport(0.015m), "near-support", "spot within 1.5 % of support"),
            (PlanCondition.BelowEntry(0.1m, 1), "below-entry", "price 10 % below leg 1's entry"),
            (PlanCondition.AboveEntry(0.25m), "above-entry", "price 25 % above leg 0's entry"),
            (PlanCondition.PnlAtOrBelow(-1_000m), "pnl-at-or-below", "plan PnL ≤ -1,000"),
            (PlanCondition.PnlAtOrAbove(2_500.5m), "pnl-at-or-above", "plan PnL ≥ 2,500.5"),
            (PlanCondition.And(PlanCondition.PriceAtOrBelow(100m), PlanCondition.PriceAtOrAbove(200m)), "and", "(spot ≤ 100 and spot ≥ 200)"),
            (PlanCondition.Or(PlanCondition.PriceAtOrBelow(100m), PlanCondition.PriceAtOrAbove(200m)), "or", "(spot ≤ 100 or spot ≥ 200)"),
            (PlanCondition.Not(PlanCondition.PriceAtOrAbove(100m)), "not", "not spot ≥ 100"),
            (PlanCondition.OnAsset("ETH", PlanCondition.AboveMovingAverage(5)), "on-asset", "ETH: spot above SMA(5)"),
            (PlanCondition.Series("my flags", [true]), "series", "my flags"),
        ];
        foreach (var (c, kind, name) in all)
        {
            Assert.Equal(kind, c.Kind);
            Assert.Equal(name, c.Name);
            Assert.Equal(name, c.ToString());
        }
    }

    [Fact]
    public void Factories_CheckEveryArgument_NamingItAndTheRule()
    {
        BadInput.Throws("fraction", () => PlanCondition.RiseOver(0m, 1));
        BadInput.Throws("fraction", () => PlanCondition.RiseOver(-0.1m, 1));
        Assert.Equal("signalName", Assert.Throws<ArgumentNullException>(() => PlanCondition.Signal((string)null!)).ParamName);
        // The message lists every name a user can take (SignalNames.All, comma separated).
        Assert.Contains("'rsi oversold' is not a signal name; use one of: " + string.Join(", ", SignalNames.All),
            BadInput.Throws("signalName", () => PlanCondition.Signal("rsi oversold")).Message, StringComparison.Ordinal);
        Assert.Contains("'x' is not a signal name; use one of: rsi-overbought, rsi-extreme, rsi-oversold, macd-bearish-cross, ",
            BadInput.Throws("signalName", () => PlanCondition.Signal("x")).Message, StringComparison.Ordinal);
        Assert.Contains("must name at least one signal", BadInput.Throws("signals", () => PlanCondition.Signal(SignalKinds.None)).Message, StringComparison.Ordinal);
        Assert.Equal("actions", Assert.Throws<ArgumentNullException>(() => PlanCondition.ConfluenceSuggests(null!)).ParamName);
        Assert.Contains("must name at least one suggested action", BadInput.Throws("actions", () => PlanCondition.ConfluenceSuggests()).Message, StringComparison.Ordinal);
        BadInput.Throws("actions", () => PlanCondition.ConfluenceSuggests(SuggestedAction.Hold, (SuggestedAction)6));
        Assert.Contains("must be in (0, 1)", BadInput.Throws("fraction", () => PlanCondition.BelowEntry(0m)).Message, StringComparison.Ordinal);
        Assert.Contains("must be in (0, 1)", BadInput.Throws("fraction", () => PlanCondition.NearSupport(1m)).Message, StringComparison.Ordinal);
        Assert.Contains("must be in (0, 1)", BadInput.Throws("fraction", () => PlanCondition.NearResistance(0m)).Message, StringComparison.Ordinal);
        BadInput.Throws("asset", () => PlanCondition.OnAsset(" ", PlanCondition.PriceAtOrBelow(1m)));
        Assert.Equal("condition", Assert.Throws<ArgumentNullException>(() => PlanCondition.OnAsset("ETH", null!)).ParamName);
        BadInput.Throws("name", () => PlanCondition.Series(" ", [true]));
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => PlanCondition.Series("s", null!)).ParamName);
    }

    [Fact]
    public void Series_AreEqualWhenNameAndEveryFlagAre()
    {
        Assert.Equal(PlanCondition.Series("s", [true, false]), PlanCondition.Series("s", [true, false]));
        Assert.NotEqual(PlanCondition.Series("s", [true, false]), PlanCondition.Series("s", [false, true]));
        Assert.NotEqual(PlanCondition.Series("s", [true, true]), PlanCondition.Series("s", [false, false]));
        Assert.NotEqual(PlanCondition.Series("s", [true, false]), PlanCondition.Series("t", [true, false]));
    }

    [Fact]
    public void Walk_VisitsEveryConditionInside_AndWalkScoped_GivesEachTheAssetItReads()
    {
        // (not A) and (ETH: (B or C)), depth first, the parent before its parts; A reads the first asset, B and C ETH.
        var a = PlanCondition.PriceAtOrBelow(1m);
        var b = PlanCondition.AboveMovingAverage(5);
        var r = PlanCondition.RiseOver(0.1m, 2);
        var c = PlanCondition.And(PlanCondition.Not(a), PlanCondition.OnAsset("ETH", PlanCondition.Or(b, r)));
        var kinds = new List<string>();
        c.Walk(x => kinds.Add(x.Kind));
        Assert.Equal(new[] { "and", "not", "price-at-or-below", "on-asset", "or", "above-moving-average", "rise-over" }, kinds);
        var scoped = new List<(string, string?)>();
        PlanCondition.WalkScoped(c, null, (x, asset) => scoped.Add((x.Kind, asset)));
        Assert.Equal(new (string, string?)[] { ("and", null), ("not", null), ("price-at-or-below", null), ("on-asset", null), ("or", "ETH"),
            ("above-moving-average", "ETH"), ("rise-over", "ETH") }, scoped);
    }

    [Fact]
    public void DrawdownFromHigh_HoldsAtExactlyTheFraction()
    {
        // Docs: close ≤ (1 − f) × the highest of the last n closes. 150 = (1 − 0.5) × 300 exactly (in doubles too).
        Assert.Equal((true, "spot close 150.00 is 50.00 % below the 2-bar high 300.00 (≥ 50.00 %)"),
            Read(PlanCondition.DrawdownFromHigh(0.5m, 2), At(150m, Window([], 300d, 150d))));
        // 151 is 1 − 151 / 300 = 49.67 % below it.
        Assert.Equal((false, "spot close 151.00 is 49.67 % below the 2-bar high 300.00 (< 50.00 %)"),
            Read(PlanCondition.DrawdownFromHigh(0.5m, 2), At(151m, Window([], 300d, 151d))));
    }

    [Fact]
    public void Explanations_ShowACloseBeyondWhatADecimalHolds_AsNotAvailable_RatherThanThrow()
    {
        // decimal.MaxValue as a double is 2^96, just above decimal.MaxValue: converting it back would overflow. 1e28 is
        // 12.62 % of 7.9228e28: 87.38 % below that high. Neither price is shown; the percentages are.
        double max = (double)decimal.MaxValue, close = 1e28;
        Assert.Equal((true, "spot close n/a is 87.38 % below the 2-bar high n/a (≥ 50.00 %)"),
            Read(PlanCondition.DrawdownFromHigh(0.5m, 2), At(1m, Window([], max, close))));
    }

    [Fact]
    public void MovingAverageCrosses_NeedTheCloseStrictlyBeyondTheAverage()
    {
        // SMA(2). 100, 90, 90: the previous close 90 was below its average 95; now 90 sits on the average 90: not above it,
        // so no cross above. 100, 110, 110: 110 was above 105, now 110 = 110: no cross below.
        Assert.Equal((false, "previous close 90.00 < SMA(2) 95.00; spot close 90.00 = SMA(2) 90.00"),
            Read(PlanCondition.CrossesAboveMovingAverage(2), At(90m, Window([2], 100d, 90d, 90d))));
        Assert.Equal((false, "previous close 110.00 > SMA(2) 105.00; spot close 110.00 = SMA(2) 110.00"),
            Read(PlanCondition.CrossesBelowMovingAverage(2), At(110m, Window([2], 100d, 110d, 110d))));
    }

    [Fact]
    public void Signal_HoldsWhenEveryNamedSignalIsActive_AndSaysWhichAre()
    {
        var c = PlanCondition.Signal(SignalKinds.RsiOversold | SignalKinds.MacdBullishCross);
        Assert.Equal((true, "rsi-oversold + macd-bullish-cross active (active signals: rsi-oversold, macd-bullish-cross, squeeze)"),
            Read(c, At(100m, signals: Signals(SignalKinds.RsiOversold | SignalKinds.MacdBullishCross | SignalKinds.Squeeze))));
        Assert.Equal((false, "rsi-oversold + macd-bullish-cross not active (active signals: rsi-oversold)"),
            Read(c, At(100m, signals: Signals(SignalKinds.RsiOversold))));
        Assert.Equal((false, "rsi-oversold + macd-bullish-cross not active (active signals: none)"), Read(c, At(100m)));
    }

    [Fact]
    public void ConfluenceSuggests_ComparesTheSignalsSuggestion_AndNamesIt()
    {
        // Confluence's rules: RSI overbought + MACD bearish cross are two bearish votes (≥ MinConfluence 2, none bullish),
        // RSI not extreme: ScaleOut. RSI oversold alone: one bullish vote, below 2: CautionBeforeAdding.
        var c = PlanCondition.ConfluenceSuggests(SuggestedAction.ScaleOut, SuggestedAction.RaiseHedge);
        Assert.Equal((true, "confluence suggests ScaleOut (one of ScaleOut/RaiseHedge)"),
            Read(c, At(100m, signals: Signals(SignalKinds.RsiOverbought | SignalKinds.MacdBearishCross))));
        Assert.Equal((false, "confluence suggests CautionBeforeAdding (not one of ScaleOut/RaiseHedge)"),
            Read(c, At(100m, signals: Signals(SignalKinds.RsiOversold))));
    }

    [Fact]
    public void NearLevels_MeasureTheirOwnLevel_InclusiveAtTheFraction()
    {
        // |close / level − 1| ≤ f, with powers of two so the doubles are exact: 130 / 128 − 1 = 0.015625 = f (near the
        // resistance 128); 130 / 64 − 1 = 1.03125 (far from the support 64); 65 / 64 − 1 = 0.015625 (near the support).
        const decimal f = 0.015625m;
        var levels = Signals(SignalKinds.None, resistance: 128d, support: 64d);
        Assert.True(PlanCondition.NearResistance(f).Evaluate(At(130m, signals: levels)));
        Assert.False(PlanCondition.NearSupport(f).Evaluate(At(130m, signals: levels)));
        Assert.True(PlanCondition.NearSupport(f).Evaluate(At(65m, signals: levels)));
        Assert.False(PlanCondition.NearResistance(f).Evaluate(At(65m, signals: levels)));
        // Just outside: 130.01 / 128 − 1 = 0.01570… > f.
        Assert.False(PlanCondition.NearResistance(f).Evaluate(At(130.01m, signals: levels)));
        // No level yet (NaN before the first swing): false whatever the fraction.
        Assert.Equal((false, "no resistance level at this close"), Read(PlanCondition.NearResistance(0.99m), At(130m, signals: Signals(SignalKinds.None, support: 64d))));
        Assert.Equal((false, "no support level at this close"), Read(PlanCondition.NearSupport(0.99m), At(130m, signals: Signals(SignalKinds.None, resistance: 128d))));
    }

    [Fact]
    public void NearLevels_Explain_AsDocumented()
    {
        // docs/plans.md: "spot close 62,887.88 is 4.35 % from resistance 65,744.60 (> 2.00 %)": 1 − 62,887.88 / 65,744.60
        // = 0.04345… Support 80, close 81: 81 / 80 − 1 = 1.25 % ≤ 2 %.
        var levels = Signals(SignalKinds.None, resistance: 65_744.60, support: 80d);
        Assert.Equal((false, "spot close 62,887.88 is 4.35 % from resistance 65,744.60 (> 2.00 %)"), Read(PlanCondition.NearResistance(0.02m), At(62_887.88m, signals: levels)));
        Assert.Equal((true, "spot close 81.00 is 1.25 % from support 80.00 (≤ 2.00 %)"), Read(PlanCondition.NearSupport(0.02m), At(81m, signals: levels)));
    }

    [Fact]
    public void AboveEntry_IsMeasuredUpFromTheEntry()
    {
        // Entry 100, 10 % above: 110. A close of 100 (between 100 / 1.1 = 90.9 and 110) is not there yet.
        Assert.Equal((false, "last close 100.00 < 110.00 (10.00 % above leg 0's entry 100.00)"), Read(PlanCondition.AboveEntry(0.1m), At(100m, entries: [100m])));
        Assert.Equal((true, "last close 110.00 ≥ 110.00 (10.00 % above leg 0's entry 100.00)"), Read(PlanCondition.AboveEntry(0.1m), At(110m, entries: [100m])));
    }

    [Fact]
    public void Not_SaysWhetherItsConditionHeld()
    {
        // 100 < 200: the inner condition does not hold, so its negation does.
        Assert.Equal((true, "not (no: spot close 100.00 < 200)"), Read(PlanCondition.Not(PlanCondition.PriceAtOrAbove(200m)), At(100m)));
        Assert.Equal((false, "not (yes: spot close 100.00 ≥ 100)"), Read(PlanCondition.Not(PlanCondition.PriceAtOrAbove(100m)), At(100m)));
    }
}

/// <summary>
/// What a condition sees (<see cref="PlanContext"/>, <see cref="PlanMarkets"/>, <see cref="PriceWindow"/>): a leg's
/// perpetual close from its own asset, the entries, and the window's documented refusal to give a close it no longer
/// keeps or an average it does not keep (issue 29, <c>PlanContext.cs</c>'s survivors).
/// </summary>
public class PlanContextMutationTests
{
    private static Contract Usdt(string asset) => Contract.Linear(asset + "USDT", asset, "USDT",
        new MarginTierTable([new MarginTier(1, 0m, 1_000_000_000m, 125m, 0.004m, 0m)]), tickSize: 0.01m, lotStep: 0.001m, makerFeeRate: 0m, takerFeeRate: 0m);

    [Fact]
    public void LastCloseOfLeg_IsItsOwnAssetsClose_InAPlanOverSeveralAssets()
    {
        // BTC and ETH; leg 0 on ETH, leg 1 on BTC. The context is BTC's (perpetual close 100): leg 0 reads ETH's 10.
        var plan = PlanDefinition.Create("two", [SpotHolding.Create("BTC", 1m, 100m), SpotHolding.Create("ETH", 10m, 10m)],
            [new PlanLeg(Usdt("ETH"), 1m, 1m), new PlanLeg(Usdt("BTC"), 1m, 1m)]);
        var m = new PlanMarkets(plan, [PriceWindow.Empty([], 2), PriceWindow.Empty([], 2)]);
        m.SpotClose[0] = 100m; m.LastClose[0] = 100.5m; m.SpotClose[1] = 10m; m.LastClose[1] = 10.05m;
        Assert.Equal((0, 1, 1), (m.IndexOf("btc"), m.IndexOf("ETH"), m.IndexOf("Eth")));
        decimal?[] entries = [null, 99m];
        var ctx = new PlanContext(0, TimeSpan.Zero, 100m, 100.5m, m.Windows[0], default, 0m, entries, m);
        Assert.Equal((10.05m, 100.5m), (ctx.LastCloseOfLeg(0), ctx.LastCloseOfLeg(1)));
        Assert.Equal(((decimal?)null, (decimal?)99m), (ctx.EntryOf(0), ctx.EntryOf(1)));
        // Read on ETH (OnAsset): its own spot and perpetual close; a leg still reads its own asset's.
        var eth = ctx.On(m, 1);
        Assert.Equal((10m, 10.05m, 100.5m), (eth.SpotClose, eth.LastClose, eth.LastCloseOfLeg(1)));
        // One asset (no markets): the context's perpetual close.
        var one = new PlanContext(0, TimeSpan.Zero, 100m, 100.5m, m.Windows[0], default, 0m, entries);
        Assert.Equal(100.5m, one.LastCloseOfLeg(0));
    }

    [Fact]
    public void ACondition_NamingALegThePlanDoesNotHave_IsRefused_InARuleAndInTheReentry()
    {
        // One leg (index 0): leg 1 has no entry ever. The rules were checked; the re-entry condition was not, and read as
        // false forever (the leg never re-opened).
        var btc = SpotHolding.Create("BTC", 1m, 100m);
        var leg = new PlanLeg(Stub.Contract(), 1m, 2m);
        Assert.Contains("[0]'s condition names a leg the plan does not have (1 legs)", BadInput.Throws("rules", () => PlanDefinition.Create("p", [btc], [leg],
            [new PlanRule(PlanCondition.Not(PlanCondition.AboveEntry(0.1m, 1)), RuleAction.Remove())])).Message, StringComparison.Ordinal);
        Assert.Contains("afterExit has a condition naming a leg the plan does not have (1 legs)", BadInput.Throws("afterExit", () => PlanDefinition.Create("p", [btc], [leg],
            afterExit: PlanReentry.WhenCondition(PlanCondition.Or(PlanCondition.PriceAtOrBelow(90m), PlanCondition.BelowEntry(0.1m, 1))))).Message, StringComparison.Ordinal);
        var ok = PlanDefinition.Create("p", [btc], [leg], afterExit: PlanReentry.WhenCondition(PlanCondition.BelowEntry(0.1m, 0)));
        Assert.Equal("re-enter when price 10 % below leg 0's entry", ok.AfterExit.ToString());
    }

    [Fact]
    public void Window_RefusesACloseItDoesNotKeep_AndAnAverageItDoesNotKeep()
    {
        // keep 3: a ring of 4 (the next power of two). Three closes: indices 0..2; index 3 is not yet, −1 never.
        var w = PriceWindow.Empty([3], keep: 3);
        w.Add(1d); w.Add(2d); w.Add(3d);
        Assert.Equal((1d, 3d, 6d), (w[0], w[2], w.Sum(3)));
        Assert.Equal("The window keeps the last 4 closes; close 3 of 3 is not among them.", Assert.Throws<InvalidOperationException>(() => w[3]).Message);
        Assert.Equal("The window keeps the last 4 closes; close -1 of 3 is not among them.", Assert.Throws<InvalidOperationException>(() => w[-1]).Message);
        // Two more: five closes, the ring keeps 1..4 (closes 2..5); close 0 has left it.
        w.Add(4d); w.Add(5d);
        Assert.Equal((2d, 5d), (w[1], w[4]));
        Assert.Equal("The window keeps the last 4 closes; close 0 of 5 is not among them.", Assert.Throws<InvalidOperationException>(() => w[0]).Message);
        Assert.Equal("The window keeps no moving average of 7 bars.", Assert.Throws<InvalidOperationException>(() => w.Sum(7)).Message);
        Assert.Equal("The window keeps no moving average of 4 bars.", Assert.Throws<InvalidOperationException>(() => w.PreviousSum(4)).Message);
    }
}

/// <summary>
/// Action texts with an asset or a quantity (the events a user reads), and a plan leg's stops: the price a stop is at for
/// an entry (<see cref="LegStop.PriceFor(Side, decimal)"/>'s documented cases) and the one-off plan's stop a leg refuses
/// (issue 29, <c>RuleAction.cs</c>'s and <c>LegStop.cs</c>'s survivors).
/// </summary>
public class PlanActionAndStopMutationTests
{
    [Fact]
    public void SpotActions_NameTheirAssetOrSpot()
    {
        Assert.Equal("sell 0.5 spot", RuleAction.SellSpotQuantity(0.5m).ToString());
        Assert.Equal("sell 25 % of ETH", RuleAction.SellSpot(0.25m, "ETH").ToString());
        Assert.Equal("buy 2 more spot", RuleAction.BuySpotQuantity(2m).ToString());
        Assert.Equal(("SOL", "buy 2 more SOL"), (RuleAction.BuySpotQuantity(2m, "SOL").Asset, RuleAction.BuySpotQuantity(2m, "SOL").ToString()));
        Assert.Null(RuleAction.BuySpotQuantity(2m).Asset);
        Assert.Equal("buy 20 % more ETH", RuleAction.BuySpot(0.2m, "ETH").ToString());
        Assert.NotEqual(RuleAction.BuySpotQuantity(2m, "SOL"), RuleAction.BuySpotQuantity(2m));
    }

    [Fact]
    public void MoveStop_RefusesAMaximumHedgeCost_SayingWhatALegTakes()
    {
        var e = BadInput.Throws("stop", () => RuleAction.MoveStop(LegStop.MaxHedgeCost(100m)));
        Assert.Contains("is a maximum hedge cost (100), a one-off HedgePlan's stop; a plan leg's stop is a price, a distance or an ATR multiple (take the HedgePlan's StopPrice)",
            e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PriceFor_AnEntry_IsThePriceOrTheDistanceAgainstTheLeg_AndNullWithoutOne()
    {
        // XML docs: a price stop is its price; a distance d is entry·(1 + d) for a short, entry·(1 − d) for a long; an
        // ATR multiple and a maximum hedge cost have no price from the entry alone.
        Assert.Equal((110m, 90m), (LegStop.AtDistance(0.1m).PriceFor(Side.Short, 100m), LegStop.AtDistance(0.1m).PriceFor(Side.Long, 100m)));
        Assert.Equal((95m, 95m), (LegStop.AtPrice(95m).PriceFor(Side.Long, 100m), LegStop.AtPrice(95m).PriceFor(Side.Short, 100m)));
        Assert.Null(LegStop.AtAtrMultiple(2m).PriceFor(Side.Short, 100m));
        Assert.Null(LegStop.MaxHedgeCost(50m).PriceFor(Side.Long, 100m));
        BadInput.Throws("side", () => LegStop.AtDistance(0.1m).PriceFor((Side)7, 100m));
        BadInput.Throws("entry", () => LegStop.AtDistance(0.1m).PriceFor(Side.Short, 0m));
        BadInput.Throws("entry", () => LegStop.AtPrice(95m).PriceFor(Side.Short, -1m));
    }
}
