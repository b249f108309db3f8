using System.Collections.Immutable;
using HedgeMath.Market;

namespace HedgeMath.Tests;

/// <summary>Access to the repo's copied reference data (data/ at the repo root, copied to the test output as Data/).</summary>
public static class TestData
{
    /// <summary>The full path of a data file, e.g. <c>market/btcusdt_spot_daily.csv</c>.</summary>
    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path)) throw new FileNotFoundException($"Test data file missing: {path}");
        return path;
    }

    /// <summary>The text of a data file.</summary>
    public static string Text(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Daily candles of a market file, e.g. <c>btcusdt_spot_daily.csv</c>.</summary>
    public static ImmutableArray<Candle> Candles(string file)
    {
        using var r = File.OpenText(PathOf("market/" + file));
        return Candle.ParseCsv(r);
    }

    /// <summary>Funding prints of a market file, e.g. <c>btcusdt_funding_8h.csv</c>.</summary>
    public static ImmutableArray<FundingEvent> Funding(string file)
    {
        using var r = File.OpenText(PathOf("market/" + file));
        return FundingEvent.ParseCsv(r);
    }
}
