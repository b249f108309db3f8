using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HedgeMath.Internal;

namespace HedgeMath.Signals;

/// <summary>Shared argument checks of the indicator entry points (thin layer over <see cref="Preconditions"/>).</summary>
internal static class IndicatorGuard
{
    /// <summary>
    /// The largest magnitude an indicator input may have: sums of squares of N values of this size stay far inside
    /// double's range (1e300 · N), so every output is finite. Prices are nowhere near it.
    /// </summary>
    public const double MaxMagnitude = 1e100;

    /// <summary>Requires a lookback in [1, <see cref="SizeLimits.MaxLookbackPeriods"/>], naming the parameter.</summary>
    public static void Lookback(int value, string paramName)
    {
        if (value <= 0 || value > SizeLimits.MaxLookbackPeriods)
            Preconditions.ThrowOutOfRange(paramName, value, $"must be in the range [1, {SizeLimits.MaxLookbackPeriods}] (a documented size limit)");
    }

    /// <summary>
    /// <c>value / close · 100</c>, or NaN when the close is 0 (a percentage of nothing is undefined; Stock.Indicators
    /// leaves ATRP empty there too) or so close to 0 that the percentage overflows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PercentOf(double value, double close)
    {
        double p = value / close * 100d;
        return double.IsFinite(p) ? p : double.NaN;
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

    /// <summary>Requires a finite value of magnitude at most <see cref="MaxMagnitude"/> (one streaming update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite(double value, string paramName)
    {
        if (!(Math.Abs(value) <= MaxMagnitude)) Preconditions.ThrowOutOfRange(paramName, value, "must be a finite number (not NaN or infinity) of magnitude at most 1e100");
    }

    /// <summary>
    /// Requires every value of three equally long spans to be finite and within ±<see cref="MaxMagnitude"/> (one
    /// vectorized pass over all three); names the first bad span and index.
    /// </summary>
    public static void Finite(ReadOnlySpan<double> first, string firstName, ReadOnlySpan<double> second, string secondName,
        ReadOnlySpan<double> third, string thirdName)
    {
        if (first.Length == second.Length && first.Length == third.Length && AllWithinLimit(first, second, third)) return;
        Finite(first, firstName);
        Finite(second, secondName);
        Finite(third, thirdName);
    }

    /// <summary>True when three spans of one length hold only values with |x| ≤ <see cref="MaxMagnitude"/> (false for NaN).</summary>
    private static bool AllWithinLimit(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        int i = 0, length = a.Length;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rb = ref MemoryMarshal.GetReference(b);
            ref double rc = ref MemoryMarshal.GetReference(c);
            var limit = new Vector<double>(MaxMagnitude);
            int last = length - Vector<double>.Count;
            for (; i <= last; i += Vector<double>.Count)
            {
                var m = Vector.Max(Vector.Max(Vector.Abs(Vector.LoadUnsafe(ref ra, (nuint)i)), Vector.Abs(Vector.LoadUnsafe(ref rb, (nuint)i))),
                    Vector.Abs(Vector.LoadUnsafe(ref rc, (nuint)i)));
                if (!Vector.LessThanOrEqualAll(m, limit)) return false;
            }
        }
        for (; i < length; i++)
        {
            if (!(Math.Abs(a[i]) <= MaxMagnitude && Math.Abs(b[i]) <= MaxMagnitude && Math.Abs(c[i]) <= MaxMagnitude)) return false;
        }
        return true;
    }

    /// <summary>
    /// The index of the first NaN, infinity or value beyond ±<see cref="MaxMagnitude"/>, or −1. Vectorized: one
    /// compare of |x| against the limit (false for NaN) per lane.
    /// </summary>
    public static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            ref double r = ref MemoryMarshal.GetReference(values);
            int last = values.Length - Vector<double>.Count;
            var limit = new Vector<double>(MaxMagnitude);
            for (; i <= last; i += Vector<double>.Count)
            {
                var v = Vector.LoadUnsafe(ref r, (nuint)i);
                if (!Vector.LessThanOrEqualAll(Vector.Abs(v), limit)) break;
            }
        }
        for (; i < values.Length; i++)
        {
            if (!(Math.Abs(values[i]) <= MaxMagnitude)) return i;
        }
        return -1;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowNotFinite(string paramName, int index, double value) =>
        throw new ArgumentOutOfRangeException(paramName, value,
            $"{paramName} must contain only finite numbers of magnitude at most 1e100; index {index} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");

    /// <summary>Throws when a stream has no bar to replace.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void ThrowNothingToReplace(string streamName) =>
        throw new InvalidOperationException($"{streamName}.ReplaceLast needs at least one bar added first.");
}
