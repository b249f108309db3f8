using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HedgeMath.Internal;

// The argument checks of the indicator entry points (HedgeMath.Signals): lookbacks within the documented size limit
// and inputs finite and within ±1e100 (was the Signals-internal IndicatorGuard; issue 25).
internal static partial class Preconditions
{
    /// <summary>
    /// The largest magnitude an indicator input may have: sums of squares of N values of this size stay far inside
    /// double's range (1e300 · N), so every output is finite. Prices are nowhere near it.
    /// </summary>
    public const double IndicatorMaxMagnitude = 1e100;

    /// <summary>Requires a lookback in [1, <see cref="SizeLimits.MaxLookbackPeriods"/>], naming the parameter.</summary>
    public static void Lookback(int value, string paramName)
    {
        if (value <= 0 || value > SizeLimits.MaxLookbackPeriods)
            ThrowOutOfRange(paramName, value, $"must be in the range [1, {SizeLimits.MaxLookbackPeriods}] (a documented size limit)");
    }

    /// <summary>Requires every value to be finite; names the parameter and the index of the first bad value.</summary>
    public static void IndicatorValues(ReadOnlySpan<double> values, string paramName)
    {
        int bad = FirstBeyondIndicatorLimit(values);
        if (bad >= 0) ThrowBeyondIndicatorLimit(paramName, bad, values[bad]);
    }

    /// <summary>Requires a finite value of magnitude at most <see cref="IndicatorMaxMagnitude"/> (one streaming update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void IndicatorValues(double value, string paramName)
    {
        if (!(Math.Abs(value) <= IndicatorMaxMagnitude)) ThrowOutOfRange(paramName, value, "must be a finite number (not NaN or infinity) of magnitude at most 1e100");
    }

    /// <summary>
    /// Requires every value of three equally long spans to be finite and within ±<see cref="IndicatorMaxMagnitude"/> (one
    /// vectorized pass over all three); names the first bad span and index.
    /// </summary>
    public static void IndicatorValues(ReadOnlySpan<double> first, string firstName, ReadOnlySpan<double> second, string secondName,
        ReadOnlySpan<double> third, string thirdName)
    {
        if (first.Length == second.Length && first.Length == third.Length && AllWithinLimit(first, second, third)) return;
        IndicatorValues(first, firstName);
        IndicatorValues(second, secondName);
        IndicatorValues(third, thirdName);
    }

    /// <summary>True when three spans of one length hold only values with |x| ≤ <see cref="IndicatorMaxMagnitude"/> (false for NaN).</summary>
    private static bool AllWithinLimit(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        int i = 0, length = a.Length;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rb = ref MemoryMarshal.GetReference(b);
            ref double rc = ref MemoryMarshal.GetReference(c);
            var limit = new Vector<double>(IndicatorMaxMagnitude);
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
            if (!(Math.Abs(a[i]) <= IndicatorMaxMagnitude && Math.Abs(b[i]) <= IndicatorMaxMagnitude && Math.Abs(c[i]) <= IndicatorMaxMagnitude)) return false;
        }
        return true;
    }

    /// <summary>
    /// The index of the first NaN, infinity or value beyond ±<see cref="IndicatorMaxMagnitude"/>, or −1. Vectorized: one
    /// compare of |x| against the limit (false for NaN) per lane.
    /// </summary>
    public static int FirstBeyondIndicatorLimit(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            ref double r = ref MemoryMarshal.GetReference(values);
            int last = values.Length - Vector<double>.Count;
            var limit = new Vector<double>(IndicatorMaxMagnitude);
            for (; i <= last; i += Vector<double>.Count)
            {
                var v = Vector.LoadUnsafe(ref r, (nuint)i);
                if (!Vector.LessThanOrEqualAll(Vector.Abs(v), limit)) break;
            }
        }
        for (; i < values.Length; i++)
        {
            if (!(Math.Abs(values[i]) <= IndicatorMaxMagnitude)) return i;
        }
        return -1;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowBeyondIndicatorLimit(string paramName, int index, double value) =>
        throw new ArgumentOutOfRangeException(paramName, value,
            $"{paramName} must contain only finite numbers of magnitude at most 1e100; index {index} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");

    /// <summary>Throws when a stream has no bar to replace.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void ThrowNothingToReplace(string streamName) =>
        throw new InvalidOperationException($"{streamName}.ReplaceLast needs at least one bar added first.");
}
