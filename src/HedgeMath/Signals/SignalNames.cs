using System.Collections.Frozen;
using System.Collections.Immutable;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>The one naming of signals across the library, the CLI and the docs: each <see cref="SignalKinds"/> flag has a kebab-case name ("rsi-oversold" for <see cref="SignalKinds.RsiOversold"/>).</summary>
/// <remarks>
/// The name is the flag's C# name in kebab case. <see cref="Parse"/> accepts either spelling ("rsi-oversold" or
/// "RsiOversold"), ignoring case, and rejects anything else, so a rule can never wait for a signal that does not
/// exist. Removal and raise rules (<c>HedgeMath.Hedging</c>), the CLI's <c>--remove-on-signal</c>/<c>--raise-on-signal</c>
/// and docs/signals.md all use these names. Thread-safe.
/// </remarks>
public static class SignalNames
{
    private static readonly ImmutableArray<SignalKinds> Kinds =
        [.. Enum.GetValues<SignalKinds>().Where(k => k != SignalKinds.None)];
    private static readonly FrozenDictionary<SignalKinds, string> ByKind = Kinds.ToFrozenDictionary(k => k, k => Kebab(k.ToString()));
    private static readonly FrozenDictionary<string, SignalKinds> ByName = Kinds
        .SelectMany(k => new[] { (Name: Kebab(k.ToString()), Kind: k), (Name: k.ToString(), Kind: k) })
        .DistinctBy(x => x.Name, StringComparer.OrdinalIgnoreCase) // "squeeze" and "Squeeze" are one name
        .ToFrozenDictionary(x => x.Name, x => x.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every signal name, in the declaration order of <see cref="SignalKinds"/>.</summary>
    public static ImmutableArray<string> All { get; } = [.. Kinds.Select(k => ByKind[k])];

    /// <summary>The name of one signal.</summary>
    /// <param name="kind">Exactly one flag.</param>
    /// <returns>Its kebab-case name, e.g. "rsi-oversold".</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is None, several flags or undefined.</exception>
    public static string Of(SignalKinds kind)
    {
        if (!ByKind.TryGetValue(kind, out var name))
            Preconditions.ThrowOutOfRange(nameof(kind), kind, "must be exactly one defined signal flag");
        return name!;
    }

    /// <summary>The names of the flags set in <paramref name="kinds"/>, in declaration order.</summary>
    /// <param name="kinds">Signals (None gives an empty list).</param>
    /// <returns>The names.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kinds"/> has bits that are not defined flags.</exception>
    public static ImmutableArray<string> Names(SignalKinds kinds)
    {
        Preconditions.DefinedFlags(kinds);
        return [.. Kinds.Where(k => (kinds & k) == k).Select(k => ByKind[k])];
    }

    /// <summary>The flag named <paramref name="name"/> ("rsi-oversold" or "RsiOversold", ignoring case).</summary>
    /// <param name="name">A signal name.</param>
    /// <returns>The flag.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or not a signal name (the message lists the names).</exception>
    public static SignalKinds Parse(string name)
    {
        Preconditions.NotNullOrWhiteSpace(name);
        if (!ByName.TryGetValue(name.Trim(), out var kind))
            Preconditions.ThrowArgument(nameof(name), $"'{name}' is not a signal name; use one of: {string.Join(", ", All)}");
        return kind;
    }

    /// <summary>Tries <see cref="Parse"/>.</summary>
    /// <param name="name">A signal name or null.</param>
    /// <param name="kind">The flag, or None.</param>
    /// <returns>Whether the name is a signal name.</returns>
    public static bool TryParse(string? name, out SignalKinds kind)
    {
        kind = SignalKinds.None;
        return name is not null && ByName.TryGetValue(name.Trim(), out kind);
    }

    private static string Kebab(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
