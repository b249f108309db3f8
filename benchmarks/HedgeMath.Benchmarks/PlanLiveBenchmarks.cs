using BenchmarkDotNet.Attributes;
using HedgeMath.Engine;
using HedgeMath.Hedging;
using HedgeMath.Market;
using HedgeMath.Positions;
using HedgeMath.Scenarios;
using HedgeMath.Signals;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Issue 28's speed item for the live clock: one plan stepped on one new bar (signals incremental, a funding print
/// included) against the baseline of one streaming Bollinger update plus one <see cref="HedgeBook.Move"/> in the same run
/// (target: ≤ 2× the baseline). The plan reads signals (a confluence rule, a MACD cross near resistance) and has an ATR
/// stop, so every indicator stream is updated on each bar. Bars (one minute each) follow an oscillating path with ever later times (a
/// live feed never repeats a bar); both sides see the same prices. Each call builds its candle (<see cref="BarAt"/>) from a
/// precomputed ring of prices, the same cost on both sides: building the path's prices (a sine and decimal rounding,
/// ≈ 300 ns) inside the timed call, as this benchmark did until issue 28's third round, counted on both sides and pulled
/// the ratio toward 1.
/// </summary>
[MemoryDiagnoser]
public class PlanLiveBenchmarks
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private PlanLive _live = null!;
    private BollingerBands _bands = null!;
    private HedgeBook _book = null!;
    private PlanState _state = null!;
    private PlanBar _planBar;
    private readonly FundingEvent[] _print = new FundingEvent[1];
    private int _bar;

    private const int Ring = 4096; // a power of two; the path wraps once per Ring bars (one larger bar)
    private static readonly Candle[] Path = Enumerable.Range(0, Ring).Select(CandleAt).ToArray();

    internal static decimal PriceAt(int i) => Math.Round(50_000m * (1m + (0.08m * (decimal)Math.Sin(i / 9.0))) + (i % 7 * 35m), 2);

    internal static Candle CandleAt(int i)
    {
        decimal open = PriceAt(i - 1), close = PriceAt(i);
        // One-minute bars: BenchmarkDotNet calls a sub-microsecond method hundreds of millions of times, and 8-hour bars
        // ran past DateTimeOffset.MaxValue (the baseline failed so); minutes last 19,000 years of calls.
        return new Candle(Start.AddMinutes(i), TimeSpan.FromMinutes(1), open, Math.Max(open, close) + 120m, Math.Min(open, close) - 120m, close, 1m);
    }

    /// <summary>Bar <paramref name="i"/> of the timed calls: <see cref="CandleAt"/>'s prices (from the ring), stamped at its own minute.</summary>
    internal static Candle BarAt(int i)
    {
        var p = Path[i & (Ring - 1)];
        return new Candle(Start.AddMinutes(i), OneMinute, p.Open, p.High, p.Low, p.Close, 1m);
    }

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    /// <summary>The benchmark's plan: signals (a confluence While rule, a MACD cross near resistance), SMA(50), an ATR stop.</summary>
    internal static PlanDefinition Plan(decimal ratio = 0.5m) =>
        PlanDefinition.Create("bench",
            [SpotHolding.Create("BTC", 1m, 50_000m)],
            [new PlanLeg(Contract.BinanceBtcUsdt, ratio, 2m, stop: LegStop.AtAtrMultiple(3m))],
            [
                new PlanRule(PlanCondition.ConfluenceSuggests(SuggestedAction.LowerHedge), RuleAction.LowerTo(0m), RuleTrigger.While),
                new PlanRule(PlanCondition.And(PlanCondition.Signal(SignalKinds.MacdBearishCross), PlanCondition.NearResistance(0.03m)), RuleAction.CloseFraction(0.5m)),
                new PlanRule(PlanCondition.BelowMovingAverage(50), RuleAction.RaiseTo(0.75m)),
            ],
            afterExit: PlanReentry.NextBar);

    [GlobalSetup]
    public void Setup()
    {
        var plan = Plan();
        _live = new PlanLive(plan);
        for (_bar = 1; _bar <= 2_000; _bar++) _live.Push(BarAt(_bar)); // warm: indicators ready, the leg open
        _bands = new BollingerBands();
        for (int i = 1; i <= 2_000; i++) _bands.Add((double)PriceAt(i));
        _book = HedgeBook.Empty.Open(Contract.BinanceBtcUsdt, Side.Short, 0.5m, 50_000m, 2m, stop: StopOrder.At(80_000m)).Book;
        _state = _live.State;
        var c = BarAt(_bar);
        _planBar = PlanBar.Create(c.Timestamp, PriceBar.Create(c.CloseTime, c.Open, c.High, c.Low, c.Close), c.Close,
            [new FundingPrint(c.Timestamp, 0.0001m, c.Open)], default, 900d);
    }

    /// <summary>Baseline: one streaming Bollinger update plus one <see cref="HedgeBook.Move"/> over the bar.</summary>
    [Benchmark(Baseline = true)]
    public decimal BollingerUpdatePlusBookMove()
    {
        var c = BarAt(_bar++);
        var b = _bands.Add((double)c.Close);
        var moved = _book.Move(PriceBar.Create(c.CloseTime, c.Open, c.High, c.Low, c.Close));
        return moved.Legs[0].RealizedPnl + (decimal)b.PercentB;
    }

    /// <summary>One plan stepped live on one new bar: its funding print, every signal stream and the ATR updated, the step, the warnings.</summary>
    [Benchmark]
    public decimal PlanLiveOneBar()
    {
        var c = BarAt(_bar++);
        _print[0] = new FundingEvent(c.Timestamp, 0.0001m);
        return _live.Push(c, _print).State.Equity;
    }

    /// <summary>
    /// One plan stepped live on one new bar without building an update (<see cref="PlanLive.Advance"/>, the bot's call): the
    /// same streams, step and warnings as <see cref="PlanLiveOneBar"/>, the state built only when read (here: never).
    /// </summary>
    [Benchmark]
    public decimal PlanLiveAdvanceOneBar()
    {
        var c = BarAt(_bar++);
        _print[0] = new FundingEvent(c.Timestamp, 0.0001m);
        _live.Advance(c, _print);
        return _live.Equity;
    }

    /// <summary>The pure step alone (<see cref="PlanState.Step"/> on a prepared bar, no indicators): what the live clock adds to it is the streams and the warnings.</summary>
    [Benchmark]
    public decimal PlanStateStepOnly() => _state.Step(_planBar).State.Equity;
}

/// <summary>
/// Issue 28's third speed item: 10,000 plans (the <see cref="PlanLiveBenchmarks"/> plan at ratios from 0.25 to 1) each
/// stepped live on one new bar (<see cref="PlanLive.Advance"/>: funding print, signal streams, ATR, the step, the
/// warnings), target ≤ 20 ms on the 2-core machine. Each plan warms its indicators on 100 bars and is stepped on 100 more
/// before the measurement; every call is the next bar for all of them.
/// </summary>
[MemoryDiagnoser]
public class PlanManyBenchmarks
{
    private const int Plans = 10_000;
    private PlanLive[] _plans = null!;
    private readonly FundingEvent[] _print = new FundingEvent[1];
    private int _bar;

    [GlobalSetup]
    public void Setup()
    {
        _plans = new PlanLive[Plans];
        var candles = Enumerable.Range(1, 200).Select(PlanLiveBenchmarks.CandleAt).ToArray();
        for (int p = 0; p < Plans; p++)
        {
            var live = new PlanLive(PlanLiveBenchmarks.Plan(0.25m + (p % 4 * 0.25m)));
            live.WarmUp(candles.AsSpan(0, 100).ToArray());
            for (int i = 100; i < 200; i++) live.Advance(candles[i]);
            _plans[p] = live;
        }
        _bar = 201;
    }

    /// <summary>10,000 plans on one new bar, one after another on one thread.</summary>
    [Benchmark]
    public decimal TenThousandPlansOneBar()
    {
        var c = PlanLiveBenchmarks.CandleAt(_bar++);
        _print[0] = new FundingEvent(c.Timestamp, 0.0001m);
        decimal equity = 0m;
        foreach (var live in _plans)
        {
            live.Advance(c, _print);
            equity += live.Equity;
        }
        return equity;
    }

    /// <summary>The same on both cores (each plan is its own state: the instances share only the immutable plan and the bar).</summary>
    [Benchmark]
    public int TenThousandPlansOneBarParallel()
    {
        var c = PlanLiveBenchmarks.CandleAt(_bar++);
        _print[0] = new FundingEvent(c.Timestamp, 0.0001m);
        var print = _print;
        Parallel.For(0, 2, half =>
        {
            for (int p = half; p < Plans; p += 2) _plans[p].Advance(c, print);
        });
        return _bar;
    }
}
