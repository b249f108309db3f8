using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>Shared argument checks of the indicator entry points (thin layer over <see cref="Preconditions"/>).</summary>
internal static class IndicatorGuard
{
    /// <summary>Requires a lookback of at least 1, naming the parameter.</summary>
    public static void Lookback(int value, string paramName)
    {
        if (value <= 0) Preconditions.ThrowOutOfRange(paramName, value, "must be greater than 0");
    }

    /// <summary>Requires a destination at least as long as the source.</summary>
    public static void Destination(int destinationLength, int sourceLength, string paramName) =>
        Preconditions.DestinationLongEnough(destinationLength, sourceLength, paramName);

    /// <summary>Requires every value to be finite; names the parameter and the index of the first bad value.</summary>
    public static void Finite(ReadOnlySpan<double> values, string paramName)
    {
        int bad = FirstNonFinite(values);
        if (bad >= 0) ThrowNotFinite(paramName, bad, values[bad]);
    }

    /// <summary>Requires a finite value (one streaming update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite(double value, string paramName)
    {
        if (!double.IsFinite(value)) Preconditions.ThrowOutOfRange(paramName, value, "must be a finite number (not NaN or infinity)");
    }

    /// <summary>The index of the first NaN or infinity, or −1. Vectorized: x − x is 0 for finite x and NaN otherwise.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            ref double r = ref MemoryMarshal.GetReference(values);
            int last = values.Length - Vector<double>.Count;
            for (; i <= last; i += Vector<double>.Count)
            {
                var v = Vector.LoadUnsafe(ref r, (nuint)i);
                if (!Vector.EqualsAll(v - v, Vector<double>.Zero)) break;
            }
        }
        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return i;
        }
        return -1;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNotFinite(string paramName, int index, double value) =>
        throw new ArgumentOutOfRangeException(paramName, value,
            $"{paramName} must contain only finite numbers; index {index} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");

    /// <summary>Throws when a stream has no bar to replace.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void ThrowNothingToReplace(string streamName) =>
        throw new InvalidOperationException($"{streamName}.ReplaceLast needs at least one bar added first.");
}
