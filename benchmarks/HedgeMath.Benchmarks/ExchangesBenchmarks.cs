using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using HedgeMath.Market;

namespace HedgeMath.Benchmarks;

/// <summary>Parsing one exchange page into candles, as HedgeMath.Exchanges does per request (issue 24: ≥ 1 M rows/s per core):
/// a full Binance page (1,500 rows of the 12-column REST layout) through the core's <see cref="Candle.ParseBinanceJson"/>, and a
/// full Bybit mark-price page (1,000 price-only rows, newest first) through the package's own reader.</summary>
[MemoryDiagnoser]
public class ExchangesBenchmarks
{
    private string _binance = "";
    private string _bybitMark = "";

    [GlobalSetup]
    public void Setup()
    {
        const long hour = 3_600_000, start = 1_704_067_200_000; // 2024-01-01T00:00Z
        var sb = new StringBuilder("[");
        for (int i = 0; i < 1500; i++)
        {
            long t = start + i * hour;
            decimal p = 42_000.10m + i % 97;
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture,
                $"[{t},\"{p}\",\"{p + 55.5m}\",\"{p - 61.2m}\",\"{p + 3.3m}\",\"1234.567\",{t + hour - 1},\"51834567.12\",8123,\"617.2\",\"25917283.5\",\"0\"]");
        }
        _binance = sb.Append(']').ToString();
        var rows = new List<string>();
        for (int i = 999; i >= 0; i--)
        {
            long t = start + i * hour;
            decimal p = 42_000.10m + i % 97;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"[\"{t}\",\"{p}\",\"{p + 55.5m}\",\"{p - 61.2m}\",\"{p + 3.3m}\"]"));
        }
        _bybitMark = $"{{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{{\"symbol\":\"BTCUSDT\",\"category\":\"linear\",\"list\":[{string.Join(',', rows)}]}},\"retExtInfo\":{{}},\"time\":1}}";
    }

    [Benchmark(OperationsPerInvoke = 1500)]
    public int BinanceKlinePage_PerRow() => Candle.ParseBinanceJson(_binance).Length;

    [Benchmark(OperationsPerInvoke = 1000)]
    public int BybitMarkPage_PerRow() => HedgeMath.Exchanges.Internal.JsonRead.PriceOnlyKlines(_bybitMark, "result", "list", TimeSpan.FromHours(1)).Length;
}
