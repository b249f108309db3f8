using System.Globalization;

namespace HedgeMath.Interactive;

/// <summary>What a <see cref="TableValue"/> is, which decides how it is shown (<see cref="ValueFormat"/>).</summary>
public enum ValueKind
{
    /// <summary>Words (a name, a date span, how a hedge ended): <see cref="TableValue.Text"/>.</summary>
    Text,
    /// <summary>An amount of money in <see cref="TableValue.Unit"/> (to the cent, or 8 places for a coin).</summary>
    Money,
    /// <summary>A price, to the tick <see cref="TableValue.Step"/>.</summary>
    Price,
    /// <summary>A quantity, to the lot step <see cref="TableValue.Step"/> (a coin's 8 places without one).</summary>
    Quantity,
    /// <summary>A ratio or a distance (0.0956), shown as a percentage with two decimals (9.56 %).</summary>
    Percent,
    /// <summary>A whole count (trades, liquidations, days).</summary>
    Count,
}

/// <summary>
/// One cell or fact of a <see cref="ResultTable"/>: a number (or words) and what it is. Plain data: the value stays at
/// full precision (JSON writes it as it is); <see cref="ToString"/> shows it by <see cref="ValueFormat"/>'s rule.
/// </summary>
public readonly record struct TableValue
{
    /// <summary>What the value is.</summary>
    public ValueKind Kind { get; init; }

    /// <summary>The number (null: not applicable, or a statistic that is not finite); unused by <see cref="ValueKind.Text"/>.</summary>
    public decimal? Number { get; init; }

    /// <summary>The value as it was computed when it was a <see cref="double"/> (a statistic of many outcomes); null otherwise.</summary>
    public double? Raw { get; init; }

    /// <summary>The words of a <see cref="ValueKind.Text"/> value.</summary>
    public string? Text { get; init; }

    /// <summary>The asset money is in (USDT, BTC); null for other kinds (and for money in a quote currency left unnamed).</summary>
    public string? Unit { get; init; }

    /// <summary>The tick of a price or the lot step of a quantity the text rounds to; 0 for none.</summary>
    public decimal Step { get; init; }

    /// <summary>True: a price is truncated toward zero to its tick (a liquidation price, as exchanges display it); false: to the nearest tick.</summary>
    public bool Truncate { get; init; }

    /// <summary>A marker after the number in text ("L" liquidated, "S" stopped); the number itself is unchanged.</summary>
    public string? Marker { get; init; }

    /// <summary>Money in <paramref name="asset"/>.</summary>
    /// <param name="amount">The amount (null: not applicable).</param>
    /// <param name="asset">The asset it is in; null for a quote currency left unnamed (shown to the cent).</param>
    /// <returns>The value.</returns>
    public static TableValue Money(decimal? amount, string? asset) => new() { Kind = ValueKind.Money, Number = amount, Unit = asset };

    /// <summary>Money given as a double (a statistic of many outcomes); a value that is not finite (or beyond decimal) has no number.</summary>
    /// <param name="amount">The amount.</param>
    /// <param name="asset">The asset it is in.</param>
    /// <returns>The value.</returns>
    public static TableValue Money(double amount, string? asset) => new() { Kind = ValueKind.Money, Number = ToDecimal(amount), Raw = ToDecimal(amount) is null ? null : amount, Unit = asset };

    /// <summary>A price, shown to <paramref name="tick"/>.</summary>
    /// <param name="price">The price (null: none).</param>
    /// <param name="tick">The contract's tick; 0 for a coin's 8 places.</param>
    /// <param name="truncate">True: truncated toward zero to the tick (a liquidation price, as exchanges display it); false: to the nearest tick.</param>
    /// <returns>The value.</returns>
    public static TableValue Price(decimal? price, decimal tick, bool truncate = false) =>
        new() { Kind = ValueKind.Price, Number = price, Step = tick > 0m ? tick : 0m, Truncate = truncate };

    /// <summary>A quantity, shown to <paramref name="lotStep"/>.</summary>
    /// <param name="quantity">The quantity (null: none).</param>
    /// <param name="lotStep">The contract's lot step; 0 for a coin's 8 places.</param>
    /// <returns>The value.</returns>
    public static TableValue Quantity(decimal? quantity, decimal lotStep) => new() { Kind = ValueKind.Quantity, Number = quantity, Step = lotStep > 0m ? lotStep : 0m };

    /// <summary>A ratio shown as a percentage.</summary>
    /// <param name="ratio">The ratio (null: none).</param>
    /// <returns>The value.</returns>
    public static TableValue Percent(decimal? ratio) => new() { Kind = ValueKind.Percent, Number = ratio };

    /// <summary>A ratio given as a double (a statistic); a value that is not finite has no number.</summary>
    /// <param name="ratio">The ratio.</param>
    /// <returns>The value.</returns>
    public static TableValue Percent(double ratio) => new() { Kind = ValueKind.Percent, Number = ToDecimal(ratio), Raw = ToDecimal(ratio) is null ? null : ratio };

    /// <summary>A whole count.</summary>
    /// <param name="count">The count.</param>
    /// <returns>The value.</returns>
    public static TableValue Count(int count) => new() { Kind = ValueKind.Count, Number = count };

    /// <summary>Words.</summary>
    /// <param name="text">The words.</param>
    /// <returns>The value.</returns>
    public static TableValue Words(string text) => new() { Kind = ValueKind.Text, Text = text };

    /// <summary>The value as a person reads it (<see cref="ValueFormat"/>): "-" when it has no number.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (Kind == ValueKind.Text) return Text ?? "-";
        if (Number is not { } v) return "-";
        string text = Kind switch
        {
            ValueKind.Money => ValueFormat.Number(v, ValueFormat.MoneyPlaces(Unit)),
            ValueKind.Price or ValueKind.Quantity => ValueFormat.Number(v, ValueFormat.PlacesOf(Step), Step, Truncate ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero),
            ValueKind.Percent => ValueFormat.Percent(v),
            _ => v.ToString("#,##0", CultureInfo.InvariantCulture),
        };
        return Marker is null ? text : text + " " + Marker;
    }

    private static decimal? ToDecimal(double x) => double.IsFinite(x) && Math.Abs(x) < 7.9e27 ? (decimal)x : null;
}
