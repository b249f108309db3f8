using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace HedgeMath.Interactive;

/// <summary>
/// This package's argument checks. It uses the core's public API only (no InternalsVisibleTo), so it keeps its own,
/// with the core's message shape: the parameter, the rule and the value.
/// </summary>
internal static class Guard
{
    internal static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? name = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }

    [DoesNotReturn]
    internal static void ThrowOutOfRange(string name, object? value, string rule) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}; got {Format(value)}.");

    [DoesNotReturn]
    internal static void ThrowArgument(string name, string rule) => throw new ArgumentException($"{name} {rule}.", name);

    [DoesNotReturn]
    internal static void ThrowOverflow(string name, object? value, OverflowException inner) =>
        throw new ArgumentException($"{name} is too large: the calculation overflows decimal (about ±7.9e28); got {Format(value)}.", name, inner);

    /// <summary>A callee's rule under the caller's parameter name (ParamName is always a parameter of the method the user called).</summary>
    internal static ArgumentException Renamed(ArgumentException inner, string name, object? value)
    {
        string rule = inner.Message;
        int cut = rule.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut >= 0) rule = rule[..cut];
        return new ArgumentException($"{name} = {Format(value)} is rejected: {rule}", name, inner);
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
