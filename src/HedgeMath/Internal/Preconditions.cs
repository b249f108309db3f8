using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace HedgeMath.Internal;

/// <summary>
/// The single place every public entry point validates its arguments. Each check throws an
/// <see cref="ArgumentException"/>-family exception whose message names the parameter, the bad value
/// and the rule, and keeps the throwing code out of the hot path (<see cref="DoesNotReturnAttribute"/>).
/// </summary>
internal static partial class Preconditions
{
    /// <summary>Requires <paramref name="value"/> &gt; 0.</summary>
    public static decimal Positive(decimal value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!DecimalFast.IsPositive(value)) ThrowOutOfRange(paramName, value, "must be greater than 0"); // value <= 0m, without the comparison's call
        return value;
    }

    /// <summary>Requires <paramref name="value"/> &gt;= 0.</summary>
    public static decimal NonNegative(decimal value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (DecimalFast.IsNegative(value)) ThrowOutOfRange(paramName, value, "must be 0 or greater"); // value < 0m, without the comparison's call
        return value;
    }

    /// <summary>Requires <paramref name="min"/> &lt;= <paramref name="value"/> &lt;= <paramref name="max"/>.</summary>
    public static decimal InRange(decimal value, decimal min, decimal max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < min || value > max) ThrowOutOfRange(paramName, value, $"must be in the range [{min}, {max}]");
        return value;
    }

    /// <summary>Requires <paramref name="min"/> &lt;= <paramref name="value"/> &lt; <paramref name="maxExclusive"/>.</summary>
    public static decimal InRangeHalfOpen(decimal value, decimal min, decimal maxExclusive, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < min || value >= maxExclusive) ThrowOutOfRange(paramName, value, $"must be in the range [{min}, {maxExclusive})");
        return value;
    }

    /// <summary>Requires a finite double.</summary>
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value)) ThrowOutOfRange(paramName, value, "must be a finite number (not NaN or infinity)");
        return value;
    }

    /// <summary>Requires a finite double &gt; 0.</summary>
    public static double Positive(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value <= 0d) ThrowOutOfRange(paramName, value, "must be a finite number greater than 0");
        return value;
    }

    /// <summary>Requires a finite double &gt;= 0.</summary>
    public static double NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value < 0d) ThrowOutOfRange(paramName, value, "must be a finite number 0 or greater");
        return value;
    }

    /// <summary>Requires a finite double in [min, max].</summary>
    public static double InRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value) || value < min || value > max) ThrowOutOfRange(paramName, value, $"must be a finite number in the range [{min}, {max}]");
        return value;
    }

    /// <summary>Requires an int &gt; 0.</summary>
    public static int Positive(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= 0) ThrowOutOfRange(paramName, value, "must be greater than 0");
        return value;
    }

    /// <summary>Requires an int &gt;= 0.</summary>
    public static int NonNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0) ThrowOutOfRange(paramName, value, "must be 0 or greater");
        return value;
    }

    /// <summary>Requires a non-null reference.</summary>
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
    {
        if (value is null) ThrowNull(paramName);
        return value;
    }

    /// <summary>Requires a non-empty string.</summary>
    public static string NotNullOrWhiteSpace([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is null) ThrowNull(paramName);
        if (string.IsNullOrWhiteSpace(value)) ThrowArgument(paramName, "must not be empty or white space");
        return value;
    }

    /// <summary>Requires every value of a span to be finite; names the index of the first bad one.</summary>
    public static void AllFinite(ReadOnlySpan<double> values, [CallerArgumentExpression(nameof(values))] string? paramName = null)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) ThrowNotFiniteAt(paramName, i, values[i]);
        }
    }

    /// <summary>Requires a destination of <paramref name="destinationLength"/> to be at least <paramref name="sourceLength"/> long.</summary>
    public static void DestinationLongEnough(int destinationLength, int sourceLength, string paramName)
    {
        if (destinationLength < sourceLength)
            ThrowArgument(paramName, $"is {destinationLength} long but must be at least as long as the source ({sourceLength})");
    }

    /// <summary>Requires two lengths to match.</summary>
    public static void SameLength(int length, int expected, string paramName, string otherName)
    {
        if (length != expected)
            ThrowArgument(paramName, $"has length {length} but must have the same length as {otherName} ({expected})");
    }

    /// <summary>Requires a defined enum value.</summary>
    public static TEnum Defined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) ThrowOutOfRange(paramName, value, $"must be a defined {typeof(TEnum).Name} value");
        return value;
    }

    /// <summary>Requires a [Flags] value made only of defined flags.</summary>
    public static TEnum DefinedFlags<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where TEnum : struct, Enum
    {
        ulong x = unchecked((ulong)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        if ((x & ~FlagMask<TEnum>.All) != 0) ThrowOutOfRange(paramName, value, $"must combine only defined {typeof(TEnum).Name} flags");
        return value;
    }

    private static class FlagMask<TEnum> where TEnum : struct, Enum
    {
        public static readonly ulong All = Enum.GetValues<TEnum>()
            .Aggregate(0UL, (a, v) => a | unchecked((ulong)Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Requires a fee rate in [0, 1).</summary>
    public static decimal FeeRate(decimal value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0m || value >= 1m) ThrowOutOfRange(paramName, value, "must be a fee rate (fraction) in the range [0, 1)");
        return value;
    }

    /// <summary>True for a funding rate per interval: a fraction in (−1, 1) (a print of −100 % or beyond is no rate).</summary>
    public static bool IsFundingRate(decimal value) => value > -1m && value < 1m;

    /// <summary>Requires a funding rate per interval, a fraction in (−1, 1): the one range check of every funding input.</summary>
    public static decimal FundingRate(decimal value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!IsFundingRate(value)) ThrowOutOfRange(paramName, value, "must be a fraction in (-1, 1)");
        return value;
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> reporting that a calculation overflowed
    /// <see cref="decimal"/> because of the named input.
    /// </summary>
    [DoesNotReturn]
    public static void ThrowOverflow(string? paramName, object? value, OverflowException inner) =>
        throw new ArgumentException(
            $"{paramName} is too large: the calculation overflows decimal (about ±7.9e28); got {Format(value)}.", paramName, inner);

    /// <summary>
    /// The exception to throw when a callee rejected a value derived from the caller's parameter
    /// <paramref name="paramName"/>: the callee's rule, under the caller's parameter name (so ParamName is always
    /// a parameter of the public method the user called).
    /// </summary>
    public static ArgumentException Renamed(ArgumentException inner, string paramName, object? value)
    {
        string rule = inner.Message;
        int cut = rule.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) rule = rule[..cut];
        string what = value is null ? paramName : $"{paramName} = {Format(value)}";
        return new ArgumentException($"{what} is rejected: {rule}", paramName, inner);
    }

    /// <summary>Requires an int in [1, <paramref name="max"/>] (sizes: counts, periods, paths), naming the limit.</summary>
    public static int Size(int value, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value <= 0 || value > max) ThrowOutOfRange(paramName, value, $"must be in the range [1, {max}] (a documented size limit)");
        return value;
    }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the parameter, value and rule.</summary>
    [DoesNotReturn]
    public static void ThrowOutOfRange(string? paramName, object? value, string rule) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} {rule}; got {Format(value)}.");

    /// <summary>Throws an <see cref="ArgumentException"/> naming the parameter and rule.</summary>
    [DoesNotReturn]
    public static void ThrowArgument(string? paramName, string rule) =>
        throw new ArgumentException($"{paramName} {rule}.", paramName);

    [DoesNotReturn]
    private static void ThrowNull(string? paramName) => throw new ArgumentNullException(paramName);

    [DoesNotReturn]
    private static void ThrowNotFiniteAt(string? paramName, int index, double value) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must contain only finite numbers; index {index} is {Format(value)}.");

    private static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
