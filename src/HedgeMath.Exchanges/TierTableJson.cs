using System.Globalization;
using System.Text.Json;
using HedgeMath.Exchanges.Internal;
using HedgeMath.Positions;

namespace HedgeMath.Exchanges;

/// <summary>
/// Writes a <see cref="MarginTierTable"/> in an exchange's own published format: the inverse of the core's loaders
/// (<c>MarginTierTable.From…</c>), so every catalog table round-trips, and a test server or a saved fixture can answer
/// with the exchange's own JSON. Thread-safe (pure).
/// </summary>
public static class TierTableJson
{
    /// <summary>Writes a table as Bybit's risk-limit list (the inverse of <see cref="MarginTierTable.FromBybitRiskLimits"/>).</summary>
    /// <param name="table">The tier table.</param>
    /// <param name="symbol">The symbol to write on every row.</param>
    /// <returns>A JSON object <c>{"list":[...]}</c> with the exchange's field names; numbers as strings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is blank.</exception>
    public static string ToBybitRiskLimitsJson(this MarginTierTable table, string symbol)
    {
        Check.NotNull(table);
        Check.NotBlank(symbol);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("list");
            foreach (var t in table.Tiers)
            {
                w.WriteStartObject();
                w.WriteNumber("id", t.Tier);
                w.WriteString("symbol", symbol);
                w.WriteString("riskLimitValue", t.NotionalCap.ToString(CultureInfo.InvariantCulture));
                w.WriteString("maintenanceMargin", t.MaintenanceMarginRate.ToString(CultureInfo.InvariantCulture));
                w.WriteString("initialMargin", t.InitialMarginRate.ToString(CultureInfo.InvariantCulture));
                w.WriteString("maxLeverage", t.MaxLeverage.ToString(CultureInfo.InvariantCulture));
                w.WriteString("mmDeduction", t.MaintenanceAmount.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a table as Binance's leverage-bracket response for one symbol (the inverse of <see cref="MarginTierTable.FromBinanceBrackets(string, string?)"/>).</summary>
    /// <param name="table">The tier table.</param>
    /// <param name="symbol">The symbol, e.g. <c>BTCUSDT</c>.</param>
    /// <param name="coinMargined">True to write COIN-M's <c>qtyCap</c>/<c>qtyFloor</c> instead of <c>notionalCap</c>/<c>notionalFloor</c>.</param>
    /// <returns>A JSON array <c>[{"symbol":...,"brackets":[...]}]</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="symbol"/> is blank.</exception>
    public static string ToBinanceBracketsJson(this MarginTierTable table, string symbol, bool coinMargined = false)
    {
        Check.NotNull(table);
        Check.NotBlank(symbol);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("symbol", symbol);
            w.WriteStartArray("brackets");
            foreach (var t in table.Tiers)
            {
                w.WriteStartObject();
                w.WriteNumber("bracket", t.Tier);
                w.WriteNumber("initialLeverage", t.MaxLeverage);
                w.WriteNumber(coinMargined ? "qtyCap" : "notionalCap", t.NotionalCap);
                w.WriteNumber(coinMargined ? "qtyFloor" : "notionalFloor", t.NotionalFloor);
                w.WriteNumber("maintMarginRatio", t.MaintenanceMarginRate);
                w.WriteNumber("cum", t.MaintenanceAmount);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a table in the common exchange-client (CCXT) leverage-tier structure (the inverse of <see cref="MarginTierTable.FromExchangeClientTiers"/>).</summary>
    /// <param name="table">The tier table.</param>
    /// <param name="key">The market key, e.g. <c>BTC/USDT:USDT</c>.</param>
    /// <param name="currency">The settlement currency written on each tier, e.g. <c>USDT</c>.</param>
    /// <returns>A JSON object keyed by <paramref name="key"/> holding the tier array (with <c>maintenanceAmount</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or a string is null.</exception>
    /// <exception cref="ArgumentException">A string is blank.</exception>
    public static string ToExchangeClientTiersJson(this MarginTierTable table, string key, string currency)
    {
        Check.NotNull(table);
        Check.NotBlank(key);
        Check.NotBlank(currency);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray(key);
            foreach (var t in table.Tiers)
            {
                w.WriteStartObject();
                w.WriteNumber("tier", t.Tier);
                w.WriteString("currency", currency);
                w.WriteNumber("minNotional", t.NotionalFloor);
                w.WriteNumber("maxNotional", t.NotionalCap);
                w.WriteNumber("maintenanceMarginRate", t.MaintenanceMarginRate);
                w.WriteNumber("maxLeverage", t.MaxLeverage);
                w.WriteNumber("maintenanceAmount", t.MaintenanceAmount);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a size-basis table as OKX's position-tiers response (the inverse of <see cref="MarginTierTable.FromOkxPositionTiers"/>).</summary>
    /// <param name="table">The tier table.</param>
    /// <param name="instFamily">The family written on every row (<c>instFamily</c> and <c>uly</c>), e.g. <c>BTC-USDT</c>.</param>
    /// <param name="contractValue">The contract value <c>ctVal</c> the bounds are divided by to give contracts, &gt; 0.</param>
    /// <returns><c>{"code":"0","msg":"","data":[...]}</c> with OKX's field names; numbers as strings; <c>minSz</c> is the previous tier's <c>maxSz</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="instFamily"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="instFamily"/> is blank, or the table bounds the notional (<see cref="TierBasis.Notional"/>): OKX tiers count contracts.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contractValue"/> is not positive, or so small that a tier in contracts overflows decimal.</exception>
    public static string ToOkxPositionTiersJson(this MarginTierTable table, string instFamily, decimal contractValue)
    {
        Check.NotNull(table);
        Check.NotBlank(instFamily);
        if (contractValue <= 0m) throw new ArgumentOutOfRangeException(nameof(contractValue), contractValue, string.Create(CultureInfo.InvariantCulture, $"contractValue must be greater than 0; got {contractValue}."));
        if (table.Basis != TierBasis.Quantity)
            throw new ArgumentException("instFamily cannot be written for a notional-basis table: OKX position tiers count contracts (load one with FromOkxPositionTiers).", nameof(instFamily));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("code", "0");
            w.WriteString("msg", "");
            w.WriteStartArray("data");
            foreach (var t in table.Tiers)
            {
                w.WriteStartObject();
                w.WriteString("instFamily", instFamily);
                w.WriteString("uly", instFamily);
                w.WriteString("instId", "");
                w.WriteString("tier", t.Tier.ToString(CultureInfo.InvariantCulture));
                w.WriteString("minSz", Contracts(t.NotionalFloor, contractValue).ToString(CultureInfo.InvariantCulture));
                w.WriteString("maxSz", Contracts(t.NotionalCap, contractValue).ToString(CultureInfo.InvariantCulture));
                w.WriteString("mmr", t.MaintenanceMarginRate.ToString(CultureInfo.InvariantCulture));
                w.WriteString("imr", t.InitialMarginRate.ToString(CultureInfo.InvariantCulture));
                w.WriteString("maxLever", t.MaxLeverage.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());

        static decimal Contracts(decimal size, decimal contractValue)
        {
            try { return size / contractValue; }
            catch (OverflowException)
            {
                throw new ArgumentOutOfRangeException(nameof(contractValue), contractValue, string.Create(CultureInfo.InvariantCulture,
                    $"contractValue is so small that a tier of {size} coins is more contracts than decimal holds; got {contractValue}."));
            }
        }
    }
}
