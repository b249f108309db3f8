using System.Globalization;

namespace HedgeMath.Interactive;

/// <summary>
/// The one text rule for numbers shown to a person (issue 22), shared by the <c>hedgemath</c> CLI's text output and
/// this package's HTML tables: money to the cent of its asset (8 places for a coin), prices to the tick, quantities to
/// the lot step, ratios as percentages. Thread-safe (pure); invariant culture, thousands separators.
/// </summary>
public static class ValueFormat
{
    /// <summary>A coin's precision (a satoshi): the places of money in a coin and of a quantity with no lot step.</summary>
    public const int CoinPlaces = 8;

    // The quote currencies, counted in cents.
    private static readonly HashSet<string> Cents = new(StringComparer.OrdinalIgnoreCase) { "USD", "USDT", "USDC", "BUSD", "FDUSD", "TUSD", "DAI", "EUR" };

    /// <summary>True for an asset counted in cents (USD, USDT, USDC, ...); a coin (BTC) is not.</summary>
    /// <param name="asset">The asset code.</param>
    /// <returns>Whether money in <paramref name="asset"/> is shown to the cent.</returns>
    public static bool IsCents(string? asset) => asset is not null && Cents.Contains(asset);

    /// <summary>The decimal places of money in an asset: 2 for a quote currency (and for no asset named), <see cref="CoinPlaces"/> for a coin.</summary>
    /// <param name="asset">The asset code, or null for a quote currency left unnamed.</param>
    /// <returns>2 or 8.</returns>
    public static int MoneyPlaces(string? asset) => asset is null || IsCents(asset) ? 2 : CoinPlaces;

    /// <summary>The decimal places of a step (a tick or a lot step): 0.001 → 3, 1 → 0, 0.5 → 1; at most <see cref="CoinPlaces"/> (also for a step ≤ 0).</summary>
    /// <param name="step">The step.</param>
    /// <returns>The places, in [0, 8].</returns>
    public static int PlacesOf(decimal step) => step <= 0m ? CoinPlaces : Math.Min(CoinPlaces, (int)((decimal.GetBits(step / 1.000000000000000000000000000000000m)[3] >> 16) & 0xFF));

    /// <summary>A ratio as a percentage with <paramref name="places"/> decimals, at least two ("9.56 %" for 0.0956; a rate of 0.000125 with four: "0.0125 %").</summary>
    /// <param name="ratio">The ratio (1 = 100 %).</param>
    /// <param name="places">The most decimals of the percentage, in [2, 8]; trailing zeros past the second are dropped.</param>
    /// <returns>The text; a ratio too large to scale by 100 in decimal in scientific notation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="places"/> is out of range.</exception>
    public static string Percent(decimal ratio, int places = 2)
    {
        if (places is < 2 or > 8) Guard.ThrowOutOfRange(nameof(places), places, "must be in [2, 8]");
        return Math.Abs(ratio) > decimal.MaxValue / 100m ? ratio.ToString("E3", CultureInfo.InvariantCulture)
            : Math.Round(ratio * 100m, places, MidpointRounding.AwayFromZero).ToString("#,##0.00" + new string('#', places - 2), CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>
    /// A number to <paramref name="places"/> decimals with thousands separators, first rounded to a multiple of
    /// <paramref name="step"/> (a tick of 0.5 shows 54,780.5, not 54,780.8) when one is given.
    /// </summary>
    /// <param name="value">The number.</param>
    /// <param name="places">Decimals, in [0, 28].</param>
    /// <param name="step">The tick or lot step to round to first; 0 for none.</param>
    /// <param name="rounding">How to round: to the nearest (midpoint away from zero), or <see cref="MidpointRounding.ToZero"/>
    /// (truncated, as exchanges display a liquidation price).</param>
    /// <param name="upTo">True: up to <paramref name="places"/> decimals, trailing zeros dropped (a spot quantity: 66, 0.5).</param>
    /// <returns>The text; a value too large to divide by the step stays unrounded to it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="places"/> is out of range.</exception>
    public static string Number(decimal value, int places, decimal step = 0m, MidpointRounding rounding = MidpointRounding.AwayFromZero, bool upTo = false)
    {
        if (places is < 0 or > 28) Guard.ThrowOutOfRange(nameof(places), places, "must be in [0, 28]");
        decimal v = value;
        if (step > 0m)
        {
            try { v = decimal.Round(v / step, 0, rounding) * step; rounding = MidpointRounding.AwayFromZero; }
            catch (OverflowException) { }
        }
        return Math.Round(v, places, rounding).ToString(places == 0 ? "#,##0" : "#,##0." + new string(upTo ? '#' : '0', places), CultureInfo.InvariantCulture);
    }
}
