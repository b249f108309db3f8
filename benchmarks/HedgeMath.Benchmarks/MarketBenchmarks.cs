using BenchmarkDotNet.Attributes;
using HedgeMath.Market;

namespace HedgeMath.Benchmarks;

/// <summary>Parsing the real BTCUSDT daily file (3,283 candles) and the funding file (7,550 prints).</summary>
[MemoryDiagnoser]
public class MarketBenchmarks
{
    private string _candles = "";
    private string _funding = "";

    [GlobalSetup]
    public void Setup()
    {
        _candles = File.ReadAllText(DataFile("market/btcusdt_spot_daily.csv"));
        _funding = File.ReadAllText(DataFile("market/btcusdt_funding_8h.csv"));
    }

    [Benchmark]
    public int ParseCandles() => Candle.ParseCsv(_candles).Length;

    [Benchmark]
    public int ParseFunding() => FundingEvent.ParseCsv(_funding).Length;

    internal static string DataFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "data", relative);
            if (File.Exists(p)) return p;
        }
        throw new FileNotFoundException("data file not found above " + AppContext.BaseDirectory, relative);
    }
}
