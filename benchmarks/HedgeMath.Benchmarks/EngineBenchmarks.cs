using BenchmarkDotNet.Attributes;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Positions;

namespace HedgeMath.Benchmarks;

/// <summary>The hedge engine's single steps and a plan's outcome at a price (issue 10: ≤ 2 µs).</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private HedgePlan _plan = null!;
    private HedgeBook _book = null!;
    private PriceBar _bar;
    private FundingTerms _month = null!;
    private HedgePlan _inversePlan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceBtcUsdt, 10m, 50_000m);
        _book = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 10m, stop: StopOrder.At(53_000m)).Book;
        _bar = PriceBar.Create(DateTimeOffset.UnixEpoch, 50_000m, 51_000m, 49_000m, 50_500m);
        _month = FundingTerms.Constant(0.0001m, 30m);
        _inversePlan = HedgePlan.Create(SpotHolding.Create("BTC", 1m, 50_000m), 0.5m, Contract.BinanceCoinMBtcUsd, 10m, 50_000m);
    }

    /// <summary>Plan outcome at a price inside the liquidation price (hedge open), no funding.</summary>
    [Benchmark(Baseline = true)]
    public decimal PlanOutcomeAtOpen() => _plan.OutcomeAt(45_000m).NetVsDecision;

    /// <summary>Plan outcome past the liquidation price (hedge liquidated on the way).</summary>
    [Benchmark]
    public decimal PlanOutcomeAtLiquidated() => _plan.OutcomeAt(60_000m).NetVsDecision;

    /// <summary>Plan outcome with 30 days of funding (90 prints on the straight path).</summary>
    [Benchmark]
    public decimal PlanOutcomeAtWith30DaysFunding() => _plan.OutcomeAt(45_000m, funding: _month).NetVsDecision;

    /// <summary>The same for a COIN-M (inverse) hedge: the funding sum needs Σ 1/price over the prints (a loop of 90 divisions).</summary>
    [Benchmark]
    public decimal PlanOutcomeAtInverseWith30DaysFunding() => _inversePlan.OutcomeAt(45_000m, funding: _month).NetVsDecision;

    /// <summary>The straight path with 30 days of funding on a one-leg book (the direct route of one isolated leg).</summary>
    [Benchmark]
    public decimal BookStraightWith30DaysFunding() => _book.MoveStraight(50_000m, 45_000m, _month).Legs[0].Funding;

    /// <summary>The same path through the print-by-print route (one Move and one Fund, one book each, per print): the route the direct one is tested against.</summary>
    [Benchmark]
    public decimal BookStraightWith30DaysFundingPrintByPrint() => _book.MoveStraightRoute(50_000m, 45_000m, _month, null, printByPrint: true).Legs[0].Funding;

    /// <summary>One interval on a one-leg book (stop and liquidation checked, nothing hit).</summary>
    [Benchmark]
    public int BookMove() => _book.Move(_bar).Legs.Length;

    /// <summary>One funding print on a one-leg book.</summary>
    [Benchmark]
    public decimal BookFund() => _book.Fund(new FundingPrint(DateTimeOffset.UnixEpoch, 0.0001m, 50_000m)).Legs[0].Funding;

    /// <summary>A re-hedge trade of the difference (0.5 → 0.3 BTC).</summary>
    [Benchmark]
    public decimal BookTradeTo() => _book.TradeTo(0, 0.3m, 48_000m).Fill.Fee;
}
