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
        return Candle.ParseCsv(reader);
    }

    /// <summary>Funding prints from an embedded market file, e.g. <c>btcusdt_funding_8h.csv</c>.</summary>
    public static ImmutableArray<FundingEvent> Funding(string file)
    {
        using var reader = Open("market/" + file);
        return FundingEvent.ParseCsv(reader);
    }

    /// <summary>
    /// Loads candles from a user's CSV file, or from the embedded copy when <paramref name="path"/> is a bare embedded
    /// file name (e.g. <c>btcusdt_spot_daily.csv</c>) and no such file exists. A path with a directory part is always
    /// the user's file: a missing file, a directory or a file without rows is an error naming <paramref name="option"/>,
    /// never a silent fall-back to the embedded data.
    /// </summary>
    public static ImmutableArray<Candle> CandlesFromPathOrEmbedded(string path, string option) =>
        // Any layout the library reads: the generic CSV, a Binance kline download (with or without header, ms or µs
        // epochs), or Binance/Bybit/OKX kline JSON.
        Load(path, option, r => Candle.Parse(r.ReadToEnd()), Candles);

    /// <summary>Loads funding prints from a user's CSV path or the embedded copy of a bare file name (same rules as candles).</summary>
    public static ImmutableArray<FundingEvent> FundingFromPathOrEmbedded(string path, string option) =>
        Load(path, option, FundingEvent.ParseCsv, Funding);

    private static ImmutableArray<T> Load<T>(string path, string option, Func<TextReader, ImmutableArray<T>> parse, Func<string, ImmutableArray<T>> embedded)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} must name a CSV file.", option);
        ImmutableArray<T> rows;
        if (Directory.Exists(path)) throw new ArgumentException($"{option} '{path}' is a directory, not a CSV file.", option);
        if (File.Exists(path))
        {
            try
            {
                using var r = File.OpenText(path);
                rows = parse(r);
            }
            catch (ArgumentException e) { throw new ArgumentException($"{option} '{path}': {Cli.OneLine(e.Message)}", option, e); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"{option} '{path}' cannot be read: {Cli.OneLine(e.Message)}", option, e);
            }
        }
        else if (IsBareName(path) && Exists("market/" + path))
        {
            rows = embedded(path);
        }
        else
        {
            throw new ArgumentException($"{option} '{path}': no such file.", option);
        }
        if (rows.IsEmpty) throw new ArgumentException($"{option} '{path}' has a header but no rows.", option);
        return rows;
    }

    private static bool IsBareName(string path) =>
        path.IndexOfAny(['/', '\\']) < 0 && Path.GetFileName(path) == path;

    private static bool Exists(string relativePath) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceInfo("HedgeMath.Cli.Data." + relativePath.Replace('/', '.')) is not null;
}
