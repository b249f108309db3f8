using System.Collections.Immutable;
using HedgeMath.Market;

namespace HedgeMath.Cli.Data;

/// <summary>
/// The real market data embedded in the CLI so the demo runs offline from a clone (copies of
/// data/market/*.csv; attribution in data/ATTRIBUTION.md and data/market/SOURCES.md).
/// </summary>
internal static class EmbeddedData
{
    /// <summary>Opens an embedded file, e.g. <c>market/btcusdt_spot_daily.csv</c>.</summary>
    public static TextReader Open(string relativePath)
    {
        var name = "HedgeMath.Cli.Data." + relativePath.Replace('/', '.');
        var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"No embedded data file '{relativePath}'.", relativePath);
        return new StreamReader(stream);
    }

    /// <summary>Daily candles from an embedded market file, e.g. <c>btcusdt_spot_daily.csv</c>.</summary>
    public static ImmutableArray<Candle> Candles(string file)
    {
        using var reader = Open("market/" + file);
        return MarketCsv.ParseCandles(reader);
    }

    /// <summary>Funding prints from an embedded market file, e.g. <c>btcusdt_funding_8h.csv</c>.</summary>
    public static ImmutableArray<FundingEvent> Funding(string file)
    {
        using var reader = Open("market/" + file);
        return MarketCsv.ParseFunding(reader);
    }

    /// <summary>
    /// Loads candles either from a user's CSV file path or, when the path names an embedded file
    /// (e.g. <c>btcusdt_spot_daily.csv</c>), from the embedded copy.
    /// </summary>
    public static ImmutableArray<Candle> CandlesFromPathOrEmbedded(string path)
    {
        // Any layout the library reads: the generic headered CSV, a Binance kline download (with or without header,
        // ms or µs epochs), or Binance/Bybit/OKX kline JSON.
        if (File.Exists(path)) return Klines.Parse(File.ReadAllText(path));
        return Candles(Path.GetFileName(path));
    }

    /// <summary>Loads funding prints from a user's CSV path or the embedded copy of that file name.</summary>
    public static ImmutableArray<FundingEvent> FundingFromPathOrEmbedded(string path)
    {
        if (File.Exists(path)) { using var r = File.OpenText(path); return MarketCsv.ParseFunding(r); }
        return Funding(Path.GetFileName(path));
    }
}
