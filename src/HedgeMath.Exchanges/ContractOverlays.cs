using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HedgeMath.Exchanges.Internal;
using HedgeMath.Margin;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>A contract fetched from an exchange and saved as a dated overlay file, fresher than the embedded catalog.</summary>
/// <param name="Contract">The contract (exchange and liquidation rule set).</param>
/// <param name="FetchedAt">When it was fetched.</param>
/// <param name="Source">The endpoints it came from.</param>
/// <param name="TiersFormat">The tier format kept in the file (<c>bybit-risk-limit</c>, <c>okx-position-tiers</c>, <c>binance-brackets</c>) or <c>catalog</c>.</param>
/// <param name="Path">The overlay file.</param>
public sealed record ContractOverlay(Contract Contract, DateTimeOffset FetchedAt, string Source, string TiersFormat, string Path);

/// <summary>Writes and reads contract overlays: one JSON file per fetch (<c>{exchange}_{symbol}_{yyyyMMddTHHmmssZ}.json</c>) holding the
/// instrument facts and the tier response <b>in the exchange's own format</b>, with the fetch time.</summary>
/// <remarks>
/// The default directory is <c>HEDGEMATH_CONTRACTS_DIR</c>, else <c>~/.hedgemath/contracts</c>. Loading re-reads the tiers through
/// the core's own loaders (<see cref="MarginTierTable.FromBybitRiskLimits"/>, <see cref="MarginTierTable.FromOkxPositionTiers"/>,
/// <see cref="MarginTierTable.FromBinanceBrackets(string, string?)"/>); where several overlays hold one contract the freshest wins,
/// and an overlay wins over the embedded catalog. Thread-safe (no shared state).
/// </remarks>
public static class ContractOverlays
{
    private const string Format = "hedgemath-contract-overlay/1";

    /// <summary>The documented overlay directory: <c>HEDGEMATH_CONTRACTS_DIR</c>, else <c>~/.hedgemath/contracts</c>.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable("HEDGEMATH_CONTRACTS_DIR") is { Length: > 0 } d
            ? d
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".hedgemath", "contracts");

    /// <summary>Saves a fetched contract as a dated overlay file.</summary>
    /// <param name="snapshot">The contract from <see cref="IFuturesExchangeClient.GetContractAsync"/>.</param>
    /// <param name="directory">The directory (created if missing); null for <see cref="DefaultDirectory"/>.</param>
    /// <returns>The file written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static string Write(ContractSnapshot snapshot, string? directory = null)
    {
        Check.NotNull(snapshot);
        var dir = directory ?? DefaultDirectory;
        Directory.CreateDirectory(dir);
        var c = snapshot.Contract;
        var i = snapshot.Instrument;
        var path = System.IO.Path.Combine(dir, FormattableString.Invariant(
            $"{c.Exchange}_{Safe(c.Symbol)}_{snapshot.AsOf.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.json"));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("exchange", c.Exchange);
            w.WriteString("symbol", c.Symbol);
            w.WriteString("fetchedAt", snapshot.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("source", snapshot.Source);
            w.WriteString("type", c.Type == ContractType.Linear ? "linear" : "inverse");
            w.WriteString("base", c.BaseAsset);
            w.WriteString("quote", c.QuoteAsset);
            w.WriteString("contractSize", Num(c.ContractSize));
            w.WriteString("tickSize", Num(c.TickSize));
            w.WriteString("lotStep", Num(c.LotStep));
            w.WriteString("maxLeverage", Num(c.MaxLeverage));
            w.WriteString("makerFeeRate", Num(c.MakerFeeRate));
            w.WriteString("takerFeeRate", Num(c.TakerFeeRate));
            w.WriteNumber("fundingIntervalHours", c.FundingInterval.TotalHours);
            w.WriteString("rule", c.Rule?.ToString());
            w.WriteString("status", i.Status);
            w.WriteStartObject("tiers");
            w.WriteString("format", snapshot.TiersFormat);
            w.WriteString("key", snapshot.TiersFormat == "okx-position-tiers" ? i.Symbol.Replace("-SWAP", "", StringComparison.OrdinalIgnoreCase) : c.Symbol);
            if (snapshot.TiersFormat == "okx-position-tiers") w.WriteString("contractValue", Num(i.ContractSize));
            if (snapshot.TiersJson is { } json)
            {
                w.WritePropertyName("response");
                using var doc = JsonDocument.Parse(json);
                doc.RootElement.WriteTo(w);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        File.WriteAllBytes(path, stream.ToArray());
        return path;
    }

    /// <summary>Reads every overlay in a directory (none when it does not exist).</summary>
    /// <param name="directory">The directory, or a single overlay file; null for <see cref="DefaultDirectory"/>.</param>
    /// <returns>The overlays, freshest first.</returns>
    /// <exception cref="ArgumentException">A file is not a valid overlay (the message names the file and the field).</exception>
    public static ImmutableArray<ContractOverlay> Load(string? directory = null)
    {
        var dir = directory ?? DefaultDirectory;
        IEnumerable<string> files = File.Exists(dir) ? [dir] : Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*.json") : [];
        return [.. files.Select(Read).OrderByDescending(o => o.FetchedAt)];
    }

    /// <summary>The freshest overlay of a contract, or null.</summary>
    /// <param name="overlays">Overlays from <see cref="Load"/>.</param>
    /// <param name="exchange">The exchange identifier.</param>
    /// <param name="symbol">The symbol.</param>
    /// <returns>The overlay fetched last, or null when none holds the contract.</returns>
    public static ContractOverlay? Freshest(IEnumerable<ContractOverlay> overlays, string exchange, string symbol) =>
        Check.NotNull(overlays)
            .Where(o => string.Equals(o.Contract.Exchange, exchange, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(o.Contract.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
            .MaxBy(o => o.FetchedAt);

    private static ContractOverlay Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var e = doc.RootElement;
            if (JsonRead.StrOrNull(e, "format") != Format) throw new FormatException($"'format' is not {Format}");
            string exchange = JsonRead.Str(e, "exchange"), symbol = JsonRead.Str(e, "symbol");
            var t = e.GetProperty("tiers");
            var format = JsonRead.Str(t, "format");
            string key = JsonRead.StrOrNull(t, "key") ?? symbol;
            string? response = t.TryGetProperty("response", out var r) ? r.GetRawText() : null;
            var tiers = format switch
            {
                "bybit-risk-limit" => MarginTierTable.FromBybitRiskLimits(response ?? throw new FormatException("'tiers.response' is missing"), key),
                "okx-position-tiers" => MarginTierTable.FromOkxPositionTiers(response ?? throw new FormatException("'tiers.response' is missing"), key, JsonRead.Dec(t, "contractValue")),
                "binance-brackets" => MarginTierTable.FromBinanceBrackets(response ?? throw new FormatException("'tiers.response' is missing"), key),
                "catalog" => Contract.Find(exchange, symbol).Tiers,
                _ => throw new FormatException($"'tiers.format' '{format}' is not bybit-risk-limit, okx-position-tiers, binance-brackets or catalog"),
            };
            var funding = TimeSpan.FromHours(e.GetProperty("fundingIntervalHours").GetDouble());
            decimal maxLev = Math.Min(JsonRead.Dec(e, "maxLeverage"), tiers.MaxLeverage);
            var contract = JsonRead.Str(e, "type") == "inverse"
                ? Contract.Inverse(symbol, JsonRead.Str(e, "base"), JsonRead.Str(e, "quote"), JsonRead.Dec(e, "contractSize"), tiers, JsonRead.Dec(e, "tickSize"),
                    JsonRead.Dec(e, "lotStep"), JsonRead.Dec(e, "makerFeeRate"), JsonRead.Dec(e, "takerFeeRate"), funding, maxLev)
                : Contract.Linear(symbol, JsonRead.Str(e, "base"), JsonRead.Str(e, "quote"), tiers, JsonRead.Dec(e, "tickSize"), JsonRead.Dec(e, "lotStep"),
                    JsonRead.Dec(e, "makerFeeRate"), JsonRead.Dec(e, "takerFeeRate"), JsonRead.Dec(e, "contractSize"), funding, maxLev);
            var rule = Enum.Parse<LiquidationRule>(JsonRead.Str(e, "rule"));
            var fetched = DateTimeOffset.Parse(JsonRead.Str(e, "fetchedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return new ContractOverlay(contract.WithExchange(exchange, rule), fetched, JsonRead.StrOrNull(e, "source") ?? "", format, path);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"The contract overlay '{path}' is not valid: {ex.Message}", nameof(path), ex);
        }
    }

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Safe(string symbol)
    {
        var sb = new StringBuilder(symbol.Length);
        foreach (var ch in symbol) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_');
        return sb.ToString();
    }
}
