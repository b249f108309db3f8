using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;
using HedgeMath.Tests.Conventions;

namespace HedgeMath.Tests.Robustness;

/// <summary>
/// Regression tests of issue 13 (library side): each case gave a wrong ParamName, an OverflowException, a
/// NullReferenceException, an infinity or an unbounded allocation before the fix.
/// </summary>
public sealed class LibraryBadInputTests
{
    private static readonly Contract Btc = Contract.BinanceBtcUsdt;
    private static SpotHolding Holding => SpotHolding.Create("BTC", 1m, 50_000m);

    // ---------------------------------------------------------------- ParamName is a parameter of the method that threw

    [Fact]
    public void HedgePlanCreate_TinyDecisionPrice_BlamesDecisionPrice() =>
        BadInput.Throws("decisionPrice", () => HedgePlan.Create(Holding, 0.5m, Btc, 2m, 1e-28m));

    [Fact]
    public void PositionCloseFee_ZeroExitPrice_BlamesExitPrice()
    {
        var p = Position.Open(Btc, Side.Short, 0.5m, 50_000m, 2m);
        BadInput.Throws("exitPrice", () => p.CloseFee(0m));
        BadInput.Throws("exitPrice", () => p.ReturnOnInitialMargin(0m));
    }

    [Fact]
    public void MarketCsvParseCandles_EmptyText_BlamesCsv() =>
        BadInput.Throws("csv", () => Candle.ParseCsv(""));

    [Fact]
    public void FeesRoundTrip_BadExitPrice_BlamesExitPrice() =>
        BadInput.Throws("exitPrice", () => HedgeMath.Margin.Fees.RoundTrip(Btc, 1m, 50_000m, 0m));

    [Fact]
    public void PlanLeg_BadRatio_BlamesRatio() =>
        BadInput.Throws("ratio", () => new PlanLeg(Contract.BinanceBtcUsdt, -1m, 2m));

    // ---------------------------------------------------------------- decimal overflow becomes ArgumentException

    [Fact]
    public void DeRiskPlanCreate_HugeCash_ArgumentExceptionNamingCash()
    {
        var ex = BadInput.Throws("cash", () => DeRiskPlan.Create(Holding, decimal.MaxValue, 0.5m, Btc, 2m, 50_000m));
        Assert.IsType<OverflowException>(ex.InnerException);
    }

    [Fact]
    public void ScenarioGridEvenMoves_HugeUpperBound_ArgumentExceptionNamingTo() =>
        BadInput.Throws("to", () => ScenarioGrid.EvenMoves(0m, decimal.MaxValue, 3));

    [Fact]
    public void ScenarioSetupCreate_HugeSpotQuantity_NoOverflowException()
    {
        // ratio × quantity × price overflowed decimal before the hedge size was even compared with the contract.
        var ex = Record.Exception(() => ScenarioSetup.Create(decimal.MaxValue, 50_000m, 50_000m, 1m, 2m, Contract.BinanceBtcUsdt));
        Assert.True(ex is ArgumentException, ex?.ToString());
    }

    [Fact]
    public void PositionRoe_MarkOf1e28_ArgumentExceptionNamingMark() =>
        BadInput.Throws("markPrice", () => Position.Open(Btc, Side.Short, 0.5m, 50_000m, 2m).Roe(1e-28m));

    // ---------------------------------------------------------------- LeveragedExposurePlan validates like HedgePlan

    [Theory]
    [InlineData("cap")]
    [InlineData("futures")]
    [InlineData("days")]
    public void LeveragedExposurePlanCreate_OptionsHedgePlanRejects_Rejected(string which)
    {
        var options = which switch
        {
            "cap" => HedgePlanOptions.Default with { LeverageCap = -1m },
            "futures" => HedgePlanOptions.Default with { FuturesPrice = -1m },
            _ => HedgePlanOptions.Default with { HoldingPeriodDays = -1 },
        };
        // The same options through HedgePlan.Create are rejected (the reference behaviour).
        Assert.ThrowsAny<ArgumentException>(() => HedgePlan.Create(Holding, 0.5m, Btc, 2m, 50_000m, options));
        var ex = Assert.ThrowsAny<ArgumentException>(() =>
            LeveragedExposurePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 1.5m, Btc, 2m, 50_000m, options));
        Assert.Equal("options", ex.ParamName);
    }

    // ---------------------------------------------------------------- CSV rows wider than the header

    [Fact]
    public void ParseCandles_RowWithMoreFieldsThanHeader_RejectedNamingLineAndColumn()
    {
        // "1,234.5" in the volume column splits into two fields; before the fix the volume was read as 1.
        var ex = BadInput.Throws("csv", () => Candle.ParseCsv("date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,1,234.5\n"));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("column 7", ex.Message);
    }

    // ---------------------------------------------------------------- size limits up front

    [Fact]
    public void IndicatorPeriods_IntMaxValue_RejectedWithTheLimit()
    {
        foreach (var call in new Action[]
        {
            () => _ = new Sma(int.MaxValue), () => _ = new BollingerBands(int.MaxValue), () => _ = new Ema(int.MaxValue),
            () => _ = new Rsi(int.MaxValue), () => _ = new Atr(int.MaxValue), () => _ = new Macd(12, int.MaxValue, 9),
            () => Rsi.ConvergencePeriods(int.MaxValue), () => Ema.SmoothingFactor(int.MaxValue), () => Macd.ConvergencePeriods(12, int.MaxValue, 9),
        })
        {
            var ex = Assert.IsType<ArgumentOutOfRangeException>(Record.Exception(call));
            Assert.Contains("100000", ex.Message);
        }
    }

    [Fact]
    public void MonteCarloSpec_IntMaxValueStepsOrPaths_RejectedWithTheLimit()
    {
        var m = Contract.BinanceBtcUsdt;
        var steps = BadInput.Throws("steps", () => MonteCarloSpec.Create(1m, 50_000m, [0.5m], 2m, m, int.MaxValue, 10, 1));
        Assert.Contains("36500", steps.Message);
        var paths = BadInput.Throws("paths", () => MonteCarloSpec.Create(1m, 50_000m, [0.5m], 2m, m, 365, int.MaxValue, 1));
        Assert.Contains("1000000", paths.Message);
        var product = BadInput.Throws("paths", () => MonteCarloSpec.Create(1m, 50_000m, [0.5m], 2m, m, 36_500, 1_000_000, 1));
        Assert.Contains("100000000", product.Message);
    }

    [Fact]
    public void ScenarioGridEvenMoves_IntMaxValueCount_RejectedWithTheLimit() =>
        Assert.Contains("10000", BadInput.Throws("count", () => ScenarioGrid.EvenMoves(-0.5m, 0.5m, int.MaxValue)).Message);

    // ---------------------------------------------------------------- default values, enums, extreme doubles

    [Fact]
    public void DefaultSignalSet_IsABarWithNoReadings()
    {
        SignalSet s = default;
        Assert.True(double.IsNaN(s.Rsi));
        Assert.True(double.IsNaN(s.PercentB));
        Assert.Equal(SignalKinds.None, s.Active);
        Assert.Null(s.Date);
        Assert.Equal(0, s.Confluence.BearishCount);
        Assert.NotNull(s.ToString());
    }

    [Fact]
    public void UndefinedEnumValues_Rejected()
    {
        BadInput.Throws("side", () => ((Side)7).Sign());
        BadInput.Throws("active", () => Confluence.Evaluate((SignalKinds)(-1)));
        BadInput.Throws("rule", () => ScenarioSetup.Create(1m, 50_000m, 50_000m, 0.5m, 2m, Btc, rule: (HedgeMath.Positions.LiquidationRule)99));
    }

    [Fact]
    public void SignalSeriesIndexer_NegativeIndex_ArgumentOutOfRange() =>
        BadInput.Throws("index", () => _ = SignalSeries.FromCandles(TestData.Candles("btcusdt_spot_daily.csv"))[-1]);

    [Fact]
    public void AtrPercent_ZeroClose_IsNaNNotInfinity()
    {
        // ATR% = ATR / close · 100 is undefined at close 0 (Stock.Indicators leaves it empty); it was ±∞.
        double[] high = [2, 2, 2, 2], low = [1, 1, 1, 1], close = [1.5, 1.5, 1.5, 0];
        var r = Atr.Compute(high, low, close, 2);
        Assert.True(double.IsNaN(r.AtrPercent[3]));
        Assert.True(double.IsFinite(r.Atr[3]));
        var stream = new Atr(2);
        AtrValue last = default;
        for (int i = 0; i < 4; i++) last = stream.Add(high[i], low[i], close[i]);
        Assert.True(double.IsNaN(last.AtrPercent));
    }

    [Fact]
    public void ExtremeDoubles_RejectedNotInfinite()
    {
        double[] x = [.. Enumerable.Range(0, 30).Select(i => 100d + i)];
        BadInput.Throws("standardDeviations", () => BollingerBands.Compute(x, 20, 1e308));
        BadInput.Throws("standardDeviations", () => BollingerBands.Compute(x, 20, double.Epsilon));
        x[25] = 1e308;
        BadInput.Throws("source", () => BollingerBands.Compute(x, 20, 2));
        BadInput.Throws("high", () => new Atr(2).Add(1e308, -1e308, 1));
    }
}
