using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HedgeMath.Benchmarks.Baseline;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Issue 15's margin targets as ratios within one run: the isolated liquidation price (one-tier and tier re-check cases)
/// and the 50-position cross account (as returned, and with every figure read) against the frozen code of before the
/// optimisation (<c>Baseline/MarginV1</c>, category baselines, target ratio ≤ 0.67), and the double batch risk path
/// (<see cref="MarginBatch"/>) against the single-position decimal path (frozen <c>MarginV1.Isolated</c> in a loop, reading
/// the same three results) over 1,000,000 positions (target ratio ≤ 0.05).
/// Run: dotnet run -c Release --project benchmarks/HedgeMath.Benchmarks -- --filter '*MarginRatio*' --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MarginRatioBenchmarks
{
    private const int BookSize = 1_000_000;
    private Position _isolated = null!;
    private Position _isolatedTierChange = null!;
    private CrossAccount _cross = null!;
    private Dictionary<string, decimal> _marks = null!;
    private Position[] _book = [];
    private decimal[] _bookMarks = [];
    private Side[] _side = [];
    private double[] _qty = [], _entry = [], _margin = [], _mark = [], _lp = [], _ratio = [], _dist = [];

    [GlobalSetup]
    public void Setup()
    {
        var btc = Contract.BinanceBtcUsdt;
        _isolated = Position.Open(btc, Side.Short, 0.5m, 50_000m, 10m);
        // Entry notional in tier 2, the liquidation notional in another: the solver re-checks the tier (long 20 BTC at 50,000, 50x).
        _isolatedTierChange = Position.Open(btc, Side.Long, 20m, 50_000m, 50m);
        var positions = new List<Position>();
        _marks = new Dictionary<string, decimal>();
        for (int i = 0; i < 50; i++)
        {
            var c = Contract.Linear($"C{i:00}USDT", $"C{i:00}", "USDT", btc.Tiers, 0.01m, 0.001m, 0.0002m, 0.0005m);
            var entry = 100m + i * 37.5m;
            positions.Add(Position.Open(c, i % 3 == 0 ? Side.Short : Side.Long, 10m + i, entry, 10m, MarginMode.Cross));
            _marks[c.Symbol] = entry * (i % 2 == 0 ? 1.02m : 0.97m);
        }
        _cross = CrossAccount.Create("USDT", 100_000m, positions);

        // A book of 1,000,000 isolated BTCUSDT positions (4,096 distinct positions, each at its own mark).
        var rng = new Random(42);
        var distinct = new Position[4096];
        for (int i = 0; i < distinct.Length; i++)
        {
            decimal q = Math.Round((decimal)(0.01 + rng.NextDouble() * 20), 3);
            decimal ep = Math.Round((decimal)(20_000 + rng.NextDouble() * 60_000), 2);
            decimal lev = 1 + rng.Next(0, (int)decimal.Floor(btc.MaxLeverageFor(btc.Notional(q, ep))));
            distinct[i] = Position.Open(btc, rng.Next(2) == 0 ? Side.Long : Side.Short, q, ep, lev);
        }
        _book = new Position[BookSize]; _bookMarks = new decimal[BookSize];
        _side = new Side[BookSize]; _qty = new double[BookSize]; _entry = new double[BookSize]; _margin = new double[BookSize];
        _mark = new double[BookSize]; _lp = new double[BookSize]; _ratio = new double[BookSize]; _dist = new double[BookSize];
        for (int i = 0; i < BookSize; i++)
        {
            var p = distinct[i % distinct.Length];
            _book[i] = p;
            _bookMarks[i] = Math.Round(p.EntryPrice * (decimal)(0.9 + rng.NextDouble() * 0.2), 2);
            _side[i] = p.Side; _qty[i] = (double)p.Quantity; _entry[i] = (double)p.EntryPrice;
            _margin[i] = (double)p.IsolatedMargin; _mark[i] = (double)_bookMarks[i];
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("IsolatedLP")]
    public decimal? IsolatedLiquidationPrice_V1() => MarginV1.LiquidationPrice(_isolated);

    [Benchmark, BenchmarkCategory("IsolatedLP")]
    public decimal? IsolatedLiquidationPrice() => MarginCalc.LiquidationPrice(_isolated);

    [Benchmark(Baseline = true), BenchmarkCategory("IsolatedLPTierRecheck")]
    public decimal? IsolatedLiquidationPrice_TierRecheck_V1() => MarginV1.LiquidationPrice(_isolatedTierChange);

    [Benchmark, BenchmarkCategory("IsolatedLPTierRecheck")]
    public decimal? IsolatedLiquidationPrice_TierRecheck() => MarginCalc.LiquidationPrice(_isolatedTierChange);

    [Benchmark(Baseline = true), BenchmarkCategory("Cross50")]
    public CrossMarginSnapshot Cross50Positions_V1() => MarginV1.Cross(_cross, _marks);

    [Benchmark, BenchmarkCategory("Cross50")]
    public CrossMarginSnapshot Cross50Positions() => MarginCalc.Cross(_cross, _marks);

    // The same, with every figure of the account and of each position read afterwards: the optimised snapshot derives the
    // initial margins (and, as before, bankruptcy price and distance) on access, so this is its full cost. The frozen
    // pass already paid for the initial margins, so its read skips them (conservative for the optimised code).
    [Benchmark(Baseline = true), BenchmarkCategory("Cross50ReadAll")]
    public decimal Cross50PositionsReadAll_V1() => ReadAll(MarginV1.Cross(_cross, _marks), initialMargins: false);

    [Benchmark, BenchmarkCategory("Cross50ReadAll")]
    public decimal Cross50PositionsReadAll() => ReadAll(MarginCalc.Cross(_cross, _marks), initialMargins: true);

    private static decimal ReadAll(CrossMarginSnapshot s, bool initialMargins)
    {
        decimal sum = s.MaintenanceMargin + s.MarginBalance + (s.MarginRatio ?? 0m) + (initialMargins ? s.InitialMargin : 0m);
        foreach (var p in s.Positions)
        {
            sum += (p.LiquidationPrice ?? 0m) + (p.DistanceToLiquidation ?? 0m) + (p.BankruptcyPrice ?? 0m) + p.MaintenanceMargin;
            if (initialMargins) sum += p.InitialMargin;
        }
        return sum;
    }

    // Issue 15 item 4: the batch path against "the single-position decimal path", i.e. today's (frozen, MarginV1.Isolated)
    // in a loop, reading the same three results. The optimised decimal path is shown too (ratio to the same baseline).
    [Benchmark(Baseline = true), BenchmarkCategory("Book1M")]
    public double Book1M_DecimalSinglePath_V1()
    {
        double sum = 0;
        var book = _book; var marks = _bookMarks;
        for (int i = 0; i < book.Length; i++)
        {
            var s = MarginV1.Isolated(book[i], marks[i]);
            sum += (double)(s.LiquidationPrice ?? 0m) + (double)(s.MarginRatio ?? 0m) + (double)(s.DistanceToLiquidation ?? 0m);
        }
        return sum;
    }

    [Benchmark, BenchmarkCategory("Book1M")]
    public double Book1M_DecimalSinglePath()
    {
        double sum = 0;
        var book = _book; var marks = _bookMarks;
        for (int i = 0; i < book.Length; i++)
        {
            var s = MarginCalc.Isolated(book[i], marks[i]);
            sum += (double)(s.LiquidationPrice ?? 0m) + (double)(s.MarginRatio ?? 0m) + (double)(s.DistanceToLiquidation ?? 0m);
        }
        return sum;
    }

    [Benchmark, BenchmarkCategory("Book1M")]
    public double Book1M_DoubleBatch()
    {
        MarginBatch.Isolated(Contract.BinanceBtcUsdt, _side, _qty, _entry, _margin, _mark, _lp, _ratio, _dist);
        return _lp[^1] + _ratio[^1] + _dist[^1];
    }
}
