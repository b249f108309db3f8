using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using HedgeMath.Internal;

namespace HedgeMath.Positions;

/// <summary>A contract's maintenance-margin tier table: validated, contiguous and monotone.</summary>
/// <remarks>
/// <para>Rules checked on creation: at least one tier; tiers ordered by floor with each tier's floor equal to the
/// previous tier's cap (no gaps, no overlaps); maintenance margin rates non-decreasing; maximum leverage
/// non-increasing. Exchanges publish their tables this way (Binance <c>GET /fapi/v1/leverageBracket</c>,
/// Bybit risk limits, OKX position tiers).</para>
/// <para>Loaders take the formats users have: the Binance bracket response (<see cref="FromBinanceBrackets(string)"/>)
/// and the common exchange-client tier structure (<see cref="FromExchangeClientTiers"/>) whose missing
/// maintenance amount is derived by the recurrence <c>cum(1) = 0</c>,
/// <c>cum(n) = cum(n−1) + floor(n) · (MMR(n) − MMR(n−1))</c>, which keeps the maintenance margin continuous at
/// every tier boundary. Parsing uses <see cref="JsonDocument"/> only (trim/AOT safe). Immutable and thread-safe.</para>
/// </remarks>
public sealed partial class MarginTierTable
{
    private readonly MarginTier[] _tiers;

    /// <summary>Creates a validated table.</summary>
    /// <param name="tiers">The tiers in ascending notional order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> or one of its tiers is null.</exception>
    /// <exception cref="ArgumentException">The table is empty, not contiguous, or not monotone (the message names the tier).</exception>
    public MarginTierTable(IEnumerable<MarginTier> tiers) : this(tiers, TierBasis.Notional)
    {
    }

    /// <summary>Creates a validated table whose bounds measure <paramref name="basis"/>.</summary>
    /// <param name="tiers">The tiers in ascending order of their bounds.</param>
    /// <param name="basis">What the bounds measure: notionals in the settlement asset, or position sizes (OKX).</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> or one of its tiers is null.</exception>
    /// <exception cref="ArgumentException">The table is empty, not contiguous, or not monotone (the message names the tier).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="basis"/> is not a defined value.</exception>
    public MarginTierTable(IEnumerable<MarginTier> tiers, TierBasis basis)
    {
        if (basis != TierBasis.Notional && basis != TierBasis.Quantity) Preconditions.ThrowOutOfRange(nameof(basis), basis, "must be a defined TierBasis value");
        Basis = basis;
        Preconditions.NotNull(tiers);
        var array = tiers.ToArray();
        if (array.Length == 0) Preconditions.ThrowArgument(nameof(tiers), "must contain at least one tier");
        for (int i = 0; i < array.Length; i++)
        {
            if (array[i] is null) Preconditions.ThrowArgument(nameof(tiers), $"contains a null tier at index {i}");
            if (i == 0) continue;
            var prev = array[i - 1];
            var t = array[i];
            if (t.NotionalFloor != prev.NotionalCap)
                Preconditions.ThrowArgument(nameof(tiers), Inv($"must be contiguous and ascending: tier {t.Tier} starts at {t.NotionalFloor} but tier {prev.Tier} ends at {prev.NotionalCap}"));
            if (t.MaintenanceMarginRate < prev.MaintenanceMarginRate)
                Preconditions.ThrowArgument(nameof(tiers), Inv($"must have non-decreasing maintenance margin rates: tier {t.Tier} has {t.MaintenanceMarginRate} after {prev.MaintenanceMarginRate}"));
            if (t.MaxLeverage > prev.MaxLeverage)
                Preconditions.ThrowArgument(nameof(tiers), Inv($"must have non-increasing maximum leverage: tier {t.Tier} allows {t.MaxLeverage}x after {prev.MaxLeverage}x"));
        }
        _tiers = array;
        Tiers = ImmutableArray.Create(array);
        CapD = new double[array.Length];
        RateD = new double[array.Length];
        CumD = new double[array.Length];
        MaxLeverageD = new double[array.Length];
        for (int i = 0; i < array.Length; i++)
        {
            CapD[i] = (double)array[i].NotionalCap;
            RateD[i] = (double)array[i].MaintenanceMarginRate;
            CumD[i] = (double)array[i].MaintenanceAmount;
            MaxLeverageD[i] = (double)array[i].MaxLeverage;
        }
    }

    // The tiers as doubles, for the margin engine's double-guided tier decisions (Engine.Predict). Never read as results:
    // a double only decides a tier when an error bound proves the decimal decision is the same. CumD[i] == 0 exactly
    // when the decimal amount is 0 (a non-zero decimal is at least 1e-28, which converts to a non-zero double).
    internal readonly double[] CapD;
    internal readonly double[] RateD;
    internal readonly double[] CumD;
    // The tiers' maximum leverage as doubles, for the batch path's input check (MarginBatch).
    internal readonly double[] MaxLeverageD;

    /// <summary>Creates a validated table (same rules as the constructor).</summary>
    /// <param name="tiers">The tiers in ascending notional order.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> or one of its tiers is null.</exception>
    /// <exception cref="ArgumentException">The table is empty, not contiguous, or not monotone.</exception>
    public static MarginTierTable Create(params IEnumerable<MarginTier> tiers) => new(tiers);

    /// <summary>The tiers in ascending notional order.</summary>
    public ImmutableArray<MarginTier> Tiers { get; }

    /// <summary>What the tier bounds measure: notionals in the settlement asset (Binance, Bybit) or position sizes (OKX).</summary>
    /// <remarks>For <see cref="TierBasis.Quantity"/> the <see cref="MarginTier.NotionalFloor"/>/<see cref="MarginTier.NotionalCap"/>
    /// of each tier hold contracts × contract value (base units for linear, quote value for inverse).</remarks>
    public TierBasis Basis { get; }

    /// <summary>The value a tier is looked up by: the notional, or the position size for a quantity-basis table.</summary>
    internal decimal Key(decimal notional, decimal sizeQk) => Basis == TierBasis.Quantity ? sizeQk : notional;

    /// <summary>The number of tiers.</summary>
    public int Count => _tiers.Length;

    /// <summary>The highest leverage of the table (that of the first tier).</summary>
    public decimal MaxLeverage => _tiers[0].MaxLeverage;

    /// <summary>A one-tier table covering every notional: handy for an exchange example that quotes a single rate.</summary>
    /// <param name="maintenanceMarginRate">The maintenance margin rate, in (0, 1).</param>
    /// <param name="maxLeverage">The highest leverage allowed, ≥ 1.</param>
    /// <param name="maintenanceAmount">The maintenance amount (<c>cum</c>), ≥ 0; 0 unless the example gives one.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value breaks the rules of <see cref="MarginTier"/>.</exception>
    public static MarginTierTable Flat(decimal maintenanceMarginRate, decimal maxLeverage, decimal maintenanceAmount = 0m) =>
        new([new MarginTier(1, 0m, decimal.MaxValue, maxLeverage, maintenanceMarginRate, maintenanceAmount)]);

    /// <summary>The tier whose range contains the notional.</summary>
    /// <param name="notional">The position notional in the settlement asset.</param>
    /// <returns>The tier with floor &lt; notional ≤ cap (Binance: "50,000 &lt; Position ≤ 250,000"); the first tier at or
    /// below the first floor; the last tier above the last cap.</returns>
    /// <remarks>Allocation-free linear scan (tables have about ten tiers).</remarks>
    public MarginTier TierFor(decimal notional) => _tiers[IndexFor(notional)];

    /// <summary>The highest notional a position may have at the given leverage (the cap of the last tier that allows it).</summary>
    /// <param name="leverage">The leverage, ≥ 1.</param>
    /// <returns>The notional cap in the settlement asset, or 0 when no tier allows that leverage.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leverage"/> is below 1.</exception>
    public decimal MaxNotionalFor(decimal leverage)
    {
        if (leverage < 1m) Preconditions.ThrowOutOfRange(nameof(leverage), leverage, "must be at least 1");
        decimal cap = 0m;
        for (int i = 0; i < _tiers.Length; i++)
        {
            if (_tiers[i].MaxLeverage >= leverage) cap = _tiers[i].NotionalCap;
        }
        return cap;
    }

    internal MarginTier this[int index] => _tiers[index];

    /// <summary>The tiers, for hot loops that index them directly.</summary>
    internal MarginTier[] Array => _tiers;

    internal int IndexFor(decimal notional)
    {
        var tiers = _tiers;
        for (int i = 0; i < tiers.Length; i++)
        {
            if (notional <= tiers[i].NotionalCap) return i;
        }
        return tiers.Length - 1;
    }

    /// <summary>
    /// Loads the Binance leverage-bracket response (<c>bracket, initialLeverage, notionalCap, notionalFloor,
    /// maintMarginRatio, cum</c>; COIN-M's <c>qtyCap</c>/<c>qtyFloor</c> are accepted too).
    /// </summary>
    /// <param name="json">A JSON array of brackets, an object with a <c>brackets</c> array, or the API's array of
    /// <c>{ "symbol": ..., "brackets": [...] }</c> holding exactly one symbol. Numbers may be JSON numbers or strings.</param>
    /// <returns>The table with the exchange's own <c>cum</c> values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, a field is missing, or the table breaks a rule.</exception>
    public static MarginTierTable FromBinanceBrackets(string json) => FromBinanceBrackets(json, null);

    /// <summary>Loads one symbol's brackets from the Binance leverage-bracket response for several symbols.</summary>
    /// <param name="json">The API response: an array of <c>{ "symbol": ..., "brackets": [...] }</c> (or any form accepted by <see cref="FromBinanceBrackets(string)"/>).</param>
    /// <param name="symbol">The symbol to load, e.g. <c>BTCUSDT</c>; null to require a single symbol.</param>
    /// <returns>The table with the exchange's own <c>cum</c> values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, the symbol is absent, a field is missing, or the table breaks a rule.</exception>
    public static MarginTierTable FromBinanceBrackets(string json, string? symbol)
    {
        Preconditions.NotNull(json);
        return LoadJson(json, nameof(symbol), "bracket table", doc =>
        {
                var brackets = FindBrackets(doc.RootElement, symbol);
                var tiers = new List<MarginTier>();
                foreach (var b in brackets.EnumerateArray())
                {
                    int index = tiers.Count;
                    var floor = Number(b, index, "notionalFloor", "qtyFloor");
                    var cap = Number(b, index, "notionalCap", "qtyCap");
                    tiers.Add(new MarginTier(
                        (int)Number(b, index, "bracket"),
                        floor, cap,
                        Number(b, index, "initialLeverage"),
                        Number(b, index, "maintMarginRatio"),
                        Number(b, index, "cum")));
                }
                return new MarginTierTable(tiers);
        });
    }

    /// <summary>
    /// Loads one symbol from the common exchange-client tier structure (<c>tier, minNotional, maxNotional,
    /// maintenanceMarginRate, maxLeverage</c>), deriving the maintenance amount <c>cum</c> by the recurrence
    /// <c>cum(n) = cum(n−1) + floor(n)·(MMR(n) − MMR(n−1))</c> when a tier has no <c>maintenanceAmount</c>/<c>cum</c> field.
    /// </summary>
    /// <param name="json">An object keyed by symbol (e.g. <c>"BTC/USDT:USDT"</c>) whose values are tier arrays, or a bare tier array.</param>
    /// <param name="symbol">The key of the symbol to load (ignored for a bare array).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> or <paramref name="symbol"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, the symbol is absent, a field is missing, or the table breaks a rule.</exception>
    public static MarginTierTable FromExchangeClientTiers(string json, string symbol)
    {
        Preconditions.NotNull(json);
        Preconditions.NotNull(symbol);
        return LoadJson(json, nameof(symbol), "tier table", doc =>
        {
                var root = doc.RootElement;
                JsonElement array;
                if (root.ValueKind == JsonValueKind.Array) array = root;
                else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(symbol, out var found) && found.ValueKind == JsonValueKind.Array) array = found;
                else if (root.ValueKind == JsonValueKind.Object)
                {
                    var keys = string.Join(", ", root.EnumerateObject().Select(p => p.Name));
                    throw new ArgumentException($"symbol '{symbol}' is not in the tier JSON; it holds: {keys}.", nameof(symbol));
                }
                else throw new ArgumentException("json must be an object keyed by symbol or an array of tiers.", nameof(json));

                var tiers = new List<MarginTier>();
                decimal cum = 0m, prevMmr = 0m;
                foreach (var t in array.EnumerateArray())
                {
                    int index = tiers.Count;
                    var floor = Number(t, index, "minNotional");
                    var cap = OptionalNumber(t, "maxNotional") ?? decimal.MaxValue;
                    var mmr = Number(t, index, "maintenanceMarginRate");
                    var given = OptionalNumber(t, "maintenanceAmount") ?? OptionalNumber(t, "cum");
                    cum = given ?? NextMaintenanceAmount(index, cum, floor, mmr, prevMmr);
                    prevMmr = mmr;
                    tiers.Add(new MarginTier((int)Number(t, index, "tier"), floor, cap, Number(t, index, "maxLeverage"), mmr, cum));
                }
                return new MarginTierTable(tiers);
        });
    }

    /// <summary>
    /// The maintenance amounts implied by the floors and rates of a table:
    /// <c>cum(1) = 0</c>, <c>cum(n) = cum(n−1) + floor(n)·(MMR(n) − MMR(n−1))</c>.
    /// </summary>
    /// <returns>One derived amount per tier, in tier order.</returns>
    public ImmutableArray<decimal> DerivedMaintenanceAmounts()
    {
        var b = ImmutableArray.CreateBuilder<decimal>(_tiers.Length);
        decimal cum = 0m;
        for (int i = 0; i < _tiers.Length; i++)
        {
            if (i > 0) cum += _tiers[i].NotionalFloor * (_tiers[i].MaintenanceMarginRate - _tiers[i - 1].MaintenanceMarginRate);
            b.Add(cum);
        }
        return b.MoveToImmutable();
    }

    /// <summary>
    /// The loaders' one translation of failures into the argument that caused them: malformed JSON, a number beyond
    /// decimal, or data that breaks a tier rule become an <see cref="ArgumentException"/> on <c>json</c> naming the table
    /// kind; errors that already name <c>json</c> or the loader's selector (<c>symbol</c>, <c>instFamily</c>) pass through.
    /// </summary>
    private static MarginTierTable LoadJson(string json, string selector, string kind, Func<JsonDocument, MarginTierTable> read)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return read(doc);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"json is not valid JSON: {ex.Message}", nameof(json), ex);
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException($"json holds a number too large for decimal: {ex.Message}", nameof(json), ex);
        }
        catch (ArgumentException ex) when (ex.ParamName != nameof(json) && ex.ParamName != selector)
        {
            throw new ArgumentException($"json holds an invalid {kind}: {ex.Message}", nameof(json), ex);
        }
    }

    private static JsonElement FindBrackets(JsonElement root, string? symbol)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("brackets", out var br)) return br;
        if (root.ValueKind == JsonValueKind.Array)
        {
            int n = root.GetArrayLength();
            if (n > 0 && root[0].ValueKind == JsonValueKind.Object && root[0].TryGetProperty("brackets", out _))
            {
                if (symbol is null)
                {
                    if (n != 1) throw new ArgumentException($"json holds brackets for {n} symbols; pass the symbol to load.", "json");
                    return root[0].GetProperty("brackets");
                }
                foreach (var e in root.EnumerateArray())
                {
                    if (e.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == symbol)
                        return e.GetProperty("brackets");
                }
                throw new ArgumentException($"symbol '{symbol}' is not in the bracket JSON.", nameof(symbol));
            }
            return root;
        }
        throw new ArgumentException("json must be an array of brackets, an object with 'brackets', or the API's array of symbols with brackets.", "json");
    }

    private static decimal Number(JsonElement e, int index, string name, string? alternative = null)
    {
        var v = OptionalNumber(e, name) ?? (alternative is null ? null : OptionalNumber(e, alternative));
        if (v is null) throw new ArgumentException($"json tier at index {index} has no numeric '{name}' field.", "json");
        return v.Value;
    }

    private static decimal? OptionalNumber(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var p)) return null;
        switch (p.ValueKind)
        {
            case JsonValueKind.Number:
                if (p.TryGetDecimal(out var d)) return d;
                break;
            case JsonValueKind.String:
                var s = p.GetString();
                if (s is not null && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                break;
            case JsonValueKind.Null:
                return null;
        }
        throw new ArgumentException($"json field '{name}' is not a decimal number: {p.GetRawText()}.", "json");
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => $"{_tiers.Length} tiers, max {MaxLeverage.ToString(CultureInfo.InvariantCulture)}x";

    /// <summary>
    /// The maintenance amount of tier <paramref name="index"/> (0-based) when the exchange does not publish it:
    /// <c>cum(n) = cum(n−1) + floor(n)·(MMR(n) − MMR(n−1))</c>, <c>cum(1) = 0</c>. Binance calls it <c>cum</c>, Bybit the
    /// "MM deduction"; both define it so that <c>notional·MMR − cum</c> is continuous at every tier floor.
    /// </summary>
    internal static decimal NextMaintenanceAmount(int index, decimal previousAmount, decimal floor, decimal mmr, decimal previousMmr) =>
        index == 0 ? 0m : previousAmount + floor * (mmr - previousMmr);
}
