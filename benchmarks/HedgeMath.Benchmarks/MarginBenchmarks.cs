using BenchmarkDotNet.Attributes;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Margin engine: isolated liquidation price with tier lookup (target ≤ 1 µs, no allocation), full isolated
/// snapshot, a 50-position cross account (target ≤ 50 µs), the leverage-for-stop solver (target ≤ 20 µs).
/// </summary>
[MemoryDiagnoser]
public class MarginBenchmarks
{
    private Position _isolated = null!;
    private Position _isolatedTierChange = null!;
    private Position _inverse = null!;
    private CrossAccount _cross = null!;
    private Dictionary<string, decimal> _marks = null!;

    [GlobalSetup]
    public void Setup()
    {
        var btc = Contract.BinanceBtcUsdt;
        _isolated = Position.Open(btc, Side.Short, 0.5m, 50_000m, 10m);
        // Entry notional in tier 2, liquidation notional needs the re-check (long 20 BTC at 50,000, 50x).
        _isolatedTierChange = Position.Open(btc, Side.Long, 20m, 50_000m, 50m);
        _inverse = Position.Open(Contract.BinanceCoinMBtcUsd, Side.Long, 100_000m, 45_000m, 4m, MarginMode.Isolated, 101m);

        var tiers = btc.Tiers;
        var positions = new List<Position>();
        _marks = new Dictionary<string, decimal>();
        for (int i = 0; i < 50; i++)
        {
            var c = Contract.Linear($"C{i:00}USDT", $"C{i:00}", "USDT", tiers, 0.01m, 0.001m, 0.0002m, 0.0005m);
            var entry = 100m + i * 37.5m;
            positions.Add(Position.Open(c, i % 3 == 0 ? Side.Short : Side.Long, 10m + i, entry, 10m, MarginMode.Cross));
            _marks[c.Symbol] = entry * (i % 2 == 0 ? 1.02m : 0.97m);
        }
        _cross = CrossAccount.Create("USDT", 100_000m, positions);
    }

    [Benchmark(Baseline = true)]
    public decimal? IsolatedLiquidationPrice() => MarginCalc.LiquidationPrice(_isolated);

    [Benchmark]
    public decimal? IsolatedLiquidationPrice_TierRecheck() => MarginCalc.LiquidationPrice(_isolatedTierChange);

    [Benchmark]
    public decimal? InverseLiquidationPrice() => MarginCalc.LiquidationPrice(_inverse);

    [Benchmark]
    public MarginSnapshot IsolatedSnapshot() => MarginCalc.Isolated(_isolated, 51_000m);

    [Benchmark]
    public CrossMarginSnapshot Cross50Positions() => MarginCalc.Cross(_cross, _marks);

    [Benchmark]
    public StopLeverage MaxLeverageForStop() =>
        MarginCalc.MaxLeverageForStop(Contract.BinanceBtcUsdt, Side.Long, 0.5m, 50_000m, 45_000m, 0.01m);

    [Benchmark]
    public MaxOpen MaxOpenQuantity() => MarginCalc.MaxOpenQuantity(Contract.BinanceBtcUsdt, 1_000m, 50_000m, 10m);
}
