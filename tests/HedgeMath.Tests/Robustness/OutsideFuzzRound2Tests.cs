using HedgeMath.Exchanges;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Interactive;
using HedgeMath.Margin;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Robustness;

/// <summary>
/// Regression tests of issue 23 (library and presentation side, items 1–20): each case threw an exception outside the
/// documented ones, named a parameter the called method does not have, returned an infinity or NaN, or accepted input a
/// getter then failed on, before the fix. The numbering follows the issue.
/// </summary>
public sealed class OutsideFuzzRound2Tests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;

    private static HedgePlan Plan(HedgePlanOptions? options = null, string asset = "BTC") =>
        HedgePlan.Create(SpotHolding.Create(asset, 1m, 50_000m), 0.5m, Btc, 2m, 50_000m, options);

    private static void AssertFiniteMarkup(string html)
    {
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", html, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- 1–3 presentation

    [Fact]
    public void Item01_HtmlOfACrossHedgePlan_RendersTheTableAndSaysWhyNoChart()
    {
        // ETH spot hedged on BTCUSDT at a futures price of 50,000: a valid plan the scenarios do not model.
        var plan = Plan(new HedgePlanOptions { FuturesPrice = 50_000m }, asset: "ETH");
        Assert.True(plan.IsCrossHedge);
        var html = HedgeMathFormatters.Html(plan);
        Assert.Contains("<table class=\"hedgemath-plan\">", html);
        Assert.Contains("No payoff chart", html);
        Assert.DoesNotContain("<svg", html);
        AssertFiniteMarkup(html);
    }

    [Fact]
    public void Item01_HtmlOfAPlanWithBasis_RendersTheTable()
    {
        // Futures 50,100 against a decision price of 50,000 (basis 100): table, and a note instead of the payoff chart.
        var html = HedgeMathFormatters.Html(Plan(new HedgePlanOptions { FuturesPrice = 50_100m }));
        Assert.Contains("<table class=\"hedgemath-plan\">", html);
        Assert.Contains("No payoff chart", html);
        AssertFiniteMarkup(html);
    }

    [Fact]
    public void Item01_HoldingPeriodBeyond100Years_RejectedAtCreationNotByTheRenderer() =>
        // 40,000 days was accepted by HedgePlan.Create, then the chart's FundingTerms rejected it as "holdingDays".
        Assert.Contains("HoldingPeriodDays", BadInput.Throws("options", () => Plan(new HedgePlanOptions { HoldingPeriodDays = 40_000 })).Message);

    [Fact]
    public void Item02_MarginCurveAndHtml_MarkAtDecimalMax_RenderWithoutOverflow()
    {
        var snapshot = MarginCalc.Isolated(Position.Open(Btc, Side.Short, 0.5m, 50_000m, 2m), decimal.MaxValue);
        var svg = ScenarioCharts.MarginCurve(snapshot);
        Assert.Contains("<svg", svg);
        AssertFiniteMarkup(svg);
        var html = HedgeMathFormatters.Html(snapshot);
        Assert.Contains("<table class=\"hedgemath-margin\">", html);
        AssertFiniteMarkup(html);
    }

    [Fact]
    public void Item03_EquityCurvesOfNullReplay_NamesResult() =>
        BadInput.Throws("result", () => ScenarioCharts.EquityCurves((ReplayResult)null!));

    // ---------------------------------------------------------------- 4–7 signals

    [Theory]
    [InlineData(nameof(SignalOptions.MacdSlowPeriods))]
    [InlineData(nameof(SignalOptions.RsiLookbackPeriods))]
    [InlineData(nameof(SignalOptions.MacdFastPeriods))]
    [InlineData(nameof(SignalOptions.MacdSignalPeriods))]
    [InlineData(nameof(SignalOptions.BollingerLookbackPeriods))]
    [InlineData(nameof(SignalOptions.SqueezeLookbackPeriods))]
    [InlineData(nameof(SignalOptions.HistogramShrinkBars))]
    [InlineData(nameof(SignalOptions.SwingStrength))]
    public void Items04And05_PeriodOfIntMax_RejectedWhenTheOptionsAreMade(string property)
    {
        // Before: accepted, then FromCloses/FromCandles/ComputeActive/PlanReplay.Run threw OverflowException (MACD) or the
        // lazy .Rsi/.Latest getters threw (RSI). The indicators' lookback limit is 100,000 (docs/conventions.md).
        var setter = typeof(SignalOptions).GetProperty(property)!;
        var ex = Assert.ThrowsAny<ArgumentOutOfRangeException>(() =>
        {
            try { setter.SetValue(SignalOptions.Default with { }, int.MaxValue); }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
        });
        Assert.Equal(property, ex.ParamName);
        // The limit itself is accepted, and the series built with it reads without throwing.
        var atLimit = new SignalOptions { RsiLookbackPeriods = 100_000 };
        var series = SignalSeries.FromCloses(new double[] { 1, 2, 3, 4, 5 }, atLimit);
        Assert.All(series.Rsi, r => Assert.True(double.IsNaN(r))); // all warm-up: 5 bars < 100,000
        Assert.Equal(5, series.Count);
    }

    [Fact]
    public void Item04_MacdSlowOfIntMax_NotAnOverflowInAnyEntryPoint() =>
        BadInput.Throws(nameof(SignalOptions.MacdSlowPeriods), () => SignalSeries.FromCloses(new double[] { 1, 2, 3 }, new SignalOptions { MacdSlowPeriods = int.MaxValue }));

    [Fact]
    public void Item06_BollingerMultiplierOfEpsilon_Rejected()
    {
        // BollingerBands.Compute rejects k < 0.001; the options now share that rule (before: %B was +∞).
        BadInput.Throws(nameof(SignalOptions.BollingerStandardDeviations), () => new SignalOptions { BollingerStandardDeviations = double.Epsilon });
        BadInput.Throws(nameof(SignalOptions.BollingerStandardDeviations), () => new SignalOptions { BollingerStandardDeviations = 1001 });
        Assert.Equal(0.001, new SignalOptions { BollingerStandardDeviations = 0.001 }.BollingerStandardDeviations);
    }

    [Fact]
    public void Item07_FromValuesWithAMiddleBandOfEpsilon_WidthIsNoReadingNotInfinity()
    {
        // width = (upper − lower) / middle = 2 / 4.9e-324 → +∞ before; now NaN (no reading), as ATR% is at a zero close.
        double[] close = [1, 1], rsi = [50, 50], line = [0, 0], signal = [0, 0], upper = [2, 2], middle = [1, double.Epsilon], lower = [0, 0];
        foreach (var s in new[] { SignalSeries.FromValues(close, rsi, line, signal, upper, middle, lower), SignalSet.FromValues(close, rsi, line, signal, upper, middle, lower) })
        {
            Assert.Equal(2.0, s.BandWidth[0]); // (2 − 0) / 1
            Assert.True(double.IsNaN(s.BandWidth[1]));
            Assert.Equal(0.5, s.PercentB[1]);  // (1 − 0) / (2 − 0)
        }
        // A reading beyond the indicators' input limit (±1e100) is rejected, so line − signal cannot overflow.
        BadInput.Throws("macdLine", () => SignalSeries.FromValues(close, rsi, [1e308, 0], [-1e308, 0], upper, [1, 1], lower));
    }

    // ---------------------------------------------------------------- 8–20 hedging, scenarios, market data

    [Theory]
    [InlineData(1e308)]
    [InlineData(1e200)]
    public void Item08_MinimumVarianceOnHugeChanges_ArgumentExceptionNotNaN(double size)
    {
        // Before: h* and ρ NaN, σ +∞ (the sums of squares overflow double). Changes beyond ±1e100 are now rejected.
        var spot = new double[40];
        var futures = new double[40];
        for (int i = 0; i < 40; i++) { spot[i] = (i % 2 == 0 ? 1 : -1) * size; futures[i] = (i % 3 == 0 ? 1 : -1) * size; }
        var ex = Assert.ThrowsAny<ArgumentException>(() => HedgeRatio.MinimumVariance(spot, futures, HedgeRatioBasis.InputsAreChanges));
        Assert.Equal("spot", ex.ParamName);
        ex = Assert.ThrowsAny<ArgumentException>(() => HedgeRatio.OutOfSample(spot, futures, HedgeRatioBasis.InputsAreChanges, 15));
        Assert.Equal("spot", ex.ParamName);
    }

    [Fact]
    public void Item09_OutOfSampleWithAStepOfIntMax_OneWindowPairNoOverflow()
    {
        var a = AlignedCloses.Create(TestData.Candles("solusdt_spot_daily.csv"), TestData.Candles("btcusdt_spot_daily.csv"));
        var huge = HedgeRatio.OutOfSample(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 60, step: int.MaxValue);
        var consecutive = HedgeRatio.OutOfSample(a.Spot.AsSpan(), a.Futures.AsSpan(), HedgeRatioBasis.PricesToLogReturns, 60);
        // A step past the end leaves only the first (estimation, test) pair: the same pair as the first of any step.
        Assert.Single(huge.Windows);
        Assert.Equal(consecutive.Windows[0], huge.Windows[0]);
    }

    [Fact]
    public void Item10_TradeToAHugeTarget_NamesTargetQuantity()
    {
        var book = HedgeBook.Empty.Open(Btc, Side.Short, 0.5m, 50_000m, 2m).Book;
        BadInput.Throws("targetQuantity", () => book.TradeTo(0, 1e15m, 50_000m));
    }

    [Fact]
    public void Item11_CrossHedgePrices_NameSpotPriceAndFuturesPrice()
    {
        var est = new MinimumVarianceHedge(1.2, 0.8, 0.05, 0.04, 0.03, 100, HedgeRatioBasis.PricesToLogReturns);
        var sol = SpotHolding.Create("SOL", 100m, 150m);
        BadInput.Throws("spotPrice", () => HedgePlan.CreateCrossHedge(sol, est, Btc, 3m, 0m, 50_000m));
        BadInput.Throws("futuresPrice", () => HedgePlan.CreateCrossHedge(sol, est, Btc, 3m, 150m, 1e-28m));
    }

    [Fact]
    public void Item12_ReplayOfAHugeSpotQuantity_IsAnArgumentError()
    {
        // The removed HistoricalReplay named its spotQuantity; on the history clock the hedge of a 1e15 BTC holding is a
        // trade beyond the contract's tiers: an ArgumentException naming the plan (its leg, size and bar; not an overflow, not the engine's parameter).
        var e = Assert.ThrowsAny<ArgumentException>(() => Scenarios.ReplayTests.Static(Scenarios.ReplayTests.Btc.Value, 0.5m, 2m, Btc, rehedgeEveryDays: 30, quantity: 1e15m));
        Assert.Equal("plan", e.ParamName);
        Assert.Contains("BTCUSDT", e.Message);
    }

    [Fact]
    public void Item13_AccountValueWithMarksAtDecimalMax_NamesMarkPrices()
    {
        // A short of 2 BTC at 50,000 loses 2 · (MaxValue − 50,000) at that mark: more than decimal holds.
        var account = Account.Create(new Dictionary<string, decimal> { ["USDT"] = 10_000m }, null, [Position.Open(Btc, Side.Short, 2m, 50_000m, 2m)]);
        BadInput.Throws("markPrices", () => account.Value(new Dictionary<string, decimal> { ["USDT"] = 1m }, new Dictionary<string, decimal> { ["BTCUSDT"] = decimal.MaxValue }));
    }

    private static PortfolioAllocation Allocation(decimal solQuantity) => PortfolioAllocation.Analyze(
        [("core", 0.6m, false), ("satellite", 0.2m, false), ("buffer", 0.2m, true)],
        [("BTC", "core", 0.5m, 100_000m), ("SOL", "satellite", solQuantity, 150m), ("USDT", "buffer", 20_000m, 1m)]);

    private static BucketHedgePosition SatelliteShort(PortfolioAllocation a) =>
        a.HedgePositions([("core", Btc, 100_000m), ("satellite", Btc, 100_000m)], 2m).Single(p => p.Bucket == "satellite");

    [Fact]
    public void Item14_SaleAvoided_TinySpotPriceAndAForeignHedge_NameTheirParameters()
    {
        // 50/30/20 of 100,000 against 60/20/20: the satellite is 10,000 over (StrategyCompletionTests' worked example).
        var a = Allocation(200m);
        var lots = TaxLots.Create("SOL", [new TaxLot("a", 100m, 50m), new TaxLot("b", 100m, 200m)]);
        BadInput.Throws("spotPrice", () => a.SaleAvoided(SatelliteShort(a), lots, 1e-28m, LotMethod.Fifo, 0.3m, 30));
        // The short of an allocation where SOL is 300 (satellite 45,000 of 125,000: 20,000 over) is not this one's.
        BadInput.Throws("hedge", () => a.SaleAvoided(SatelliteShort(Allocation(300m)), lots, 150m, LotMethod.Fifo, 0.3m, 30));
    }

    [Fact]
    public void Item15_HedgeVersusSaleWithFundingAtDecimalMax_RejectedAtCreationNotByAGetter()
    {
        // Gain 1 · (3,000 − 1,000) = 2,000 (Sell's default fee is 0), tax 25 % = 500.
        // Funding paid at decimal.MinValue: the cost 10 − MinValue leaves decimal's range, so creation rejects it.
        var sale = TaxLots.Create("ETH", [new TaxLot("a", 1m, 1_000m)]).Sell(1m, 3_000m, LotMethod.Fifo);
        BadInput.Throws("hedgeFunding", () => HedgeVersusSale.Create(sale, 0.25m, 10m, decimal.MinValue, 1_000m, 30));
        // Funding received at decimal.MaxValue is taxed (25 %), so tax − cost = 500 + 0.75 · MaxValue + 10 stays in range:
        // accepted, and every getter reads.
        var big = HedgeVersusSale.Create(sale, 0.25m, 10m, decimal.MaxValue, 1_000m, 30);
        Assert.True(big.TaxMinusHedgeCost > 0m);
        var ok = HedgeVersusSale.Create(sale, 0.25m, 10m, 90m, 1_000m, 30);
        // Cost 10 − 90 = −80; tax on the funding 0.25 · 90 = 22.5, so −57.5 after tax; 500 − (−57.5) = 557.5.
        Assert.Equal((500m, -80m, -57.5m, 557.5m), (ok.Tax, ok.HedgeCost, ok.HedgeCostAfterTax, ok.TaxMinusHedgeCost));
    }

    [Fact]
    public void Item16_LeveragedExposureOutcomeAtDecimalMax_RejectedNamingPriceNotThrownByNet()
    {
        var plan = LeveragedExposurePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 1.5m, Btc, 3m, 50_000m);
        BadInput.Throws("price", () => plan.OutcomeAt(decimal.MaxValue));
        // A reachable price: every getter and ToString read. Spot 1 · 5,000 = 5,000; the 0.5 long gains 2,500 before fees.
        var o = plan.OutcomeAt(55_000m);
        Assert.Equal(5_000m, o.SpotPnlVsDecision);
        Assert.Equal(2_500m, o.FuturesPnl);
        Assert.Equal(o.SpotPnlVsDecision + o.FuturesPnl - o.Fees + o.Funding, o.NetVsDecision);
        Assert.Contains("Net", o.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Item17_OkxTiersJsonWithATinyContractValue_NamesContractValue() =>
        BadInput.Throws("contractValue", () => Contract.Find("okx-swap", "BTC-USDT-SWAP").Tiers.ToOkxPositionTiersJson("BTC-USDT", 1e-28m));

    [Fact]
    public void Item18_ResampleWithADefaultCandle_ArgumentExceptionNotDivideByZero()
    {
        var daily = TestData.Candles("btcusdt_spot_daily.csv").Take(3).ToArray();
        BadInput.Throws("candles", () => Candle.Resample([default, .. daily], TimeSpan.FromDays(7)));
        BadInput.Throws("candles", () => Candle.Resample([daily[0], default, daily[1]], TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Item19_BinanceKlineCsvEmpty_RejectedLikeTheOtherReaders()
    {
        BadInput.Throws("csv", () => Candle.ParseBinanceCsv(""));
        BadInput.Throws("reader", () => Candle.ParseBinanceCsv(new StringReader("")));
        BadInput.Throws("csv", () => Candle.ParseCsv(""));
        BadInput.Throws("csv", () => FundingEvent.ParseBinanceCsv(""));
    }

    [Fact]
    public void Item20_TierMaintenanceMarginOfANegativeNotional_Rejected()
    {
        var tier = new MarginTier(1, 0m, 50_000m, 125m, 0.004m, 0m);
        BadInput.Throws("notional", () => tier.MaintenanceMargin(-1m));
        Assert.Equal(200m, tier.MaintenanceMargin(50_000m)); // 50,000 · 0.4 % − 0
    }
}
