using BenchmarkDotNet.Attributes;
using HedgeMath.Market;
using HedgeMath.Positions;

namespace HedgeMath.Benchmarks;

/// <summary>
/// Contract catalog lookup (target ≤ 100 ns) and kline parsing (target ≥ 1 million rows per second per core): 100,000
/// synthetic Binance 1-minute kline rows as downloaded (12 columns, no header), and the same rows as the generic CSV.
/// </summary>
[MemoryDiagnoser]
public class CatalogBenchmarks
{
    private const int Rows = 100_000;
    private string _binance = "";
    private string _generic = "";

    [GlobalSetup]
    public void Setup()
    {
        _ = Contract.Catalog; // load the catalog once, outside the measurement
        var b = new System.Text.StringBuilder();
        var g = new System.Text.StringBuilder("time,open,high,low,close,volume\n");
        long t = 1704067200000L;
        for (int i = 0; i < Rows; i++, t += 60_000L)
        {
            decimal c = 42000m + (i % 500) * 0.1m;
            b.Append(FormattableString.Invariant($"{t},{c - 1.5m},{c + 2.5m},{c - 3.5m},{c},12.345,{t + 59_999},518000.12,345,6.1,256000.5,0\n"));
            g.Append(FormattableString.Invariant($"{t},{c - 1.5m},{c + 2.5m},{c - 3.5m},{c},12.345\n"));
        }
        _binance = b.ToString();
        _generic = g.ToString();
    }

    [Benchmark]
    public Contract Find() => Contract.Find("bybit-linear", "BTCUSDT");

    [Benchmark]
    public bool TryFindMixedCase() => Contract.TryFind("Binance-USDM", "dogeusdt", out _);

    [Benchmark(OperationsPerInvoke = Rows)]
    public int ParseBinanceKlines() => Candle.ParseBinanceCsv(_binance).Length;

    [Benchmark(OperationsPerInvoke = Rows)]
    public int ParseGenericCsv() => Candle.ParseCsv(_generic).Length;
}
