using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace HedgeMath.Exchanges.Internal;

/// <summary>The package's argument checks: one place, the core's wording (parameter, value, rule in one sentence).</summary>
internal static class Check
{
    /// <summary>The endpoint (or any value) for a price kind: one rule for every client's last/mark/index choice.</summary>
    public static T ForPrice<T>(PriceKind price, T last, T mark, T index) => price switch
    {
        PriceKind.Last => last,
        PriceKind.Mark => mark,
        PriceKind.Index => index,
        _ => throw new ArgumentOutOfRangeException(nameof(price), price, $"price must be Last, Mark or Index; got {(int)price}."),
    };

    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is null) throw new ArgumentNullException(paramName);
        return value;
    }

    public static string NotBlank([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is null) throw new ArgumentNullException(paramName);
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{paramName} must not be empty or white space; got '{value}'.", paramName);
        return value;
    }

    public static void Range(DateTimeOffset from, DateTimeOffset to, string fromName = "from", string toName = "to")
    {
        if (to <= from)
            throw new ArgumentOutOfRangeException(toName, to, $"{toName} must be after {fromName} ({from:yyyy-MM-ddTHH:mm:ssZ}); got {to:yyyy-MM-ddTHH:mm:ssZ}.");
    }

    public static TimeSpan Interval(TimeSpan interval, [CallerArgumentExpression(nameof(interval))] string? paramName = null)
    {
        if (!ExchangeIntervals.IsSupported(interval))
            throw new ArgumentOutOfRangeException(paramName, interval,
                $"{paramName} must be one of the exchanges' kline intervals (1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d, 1w); got {interval}.");
        return interval;
    }

    public static TimeSpan Positive(TimeSpan value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a positive time span; got {value}.");
        return value;
    }

    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be positive; got {value}.");
        return value;
    }

    public static int NonNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be zero or more; got {value}.");
        return value;
    }
}
