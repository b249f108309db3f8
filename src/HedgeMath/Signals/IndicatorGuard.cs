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

    /// <summary>Requires every value of three equally long spans to be finite (one pass); names the first bad span and index.</summary>
    public static void Finite(ReadOnlySpan<double> first, string firstName, ReadOnlySpan<double> second, string secondName,
        ReadOnlySpan<double> third, string thirdName)
    {
        if (first.Length == second.Length && first.Length == third.Length && AllFinite(first, second, third)) return;
        Finite(first, firstName);
        Finite(second, secondName);
        Finite(third, thirdName);
    }

    /// <summary>The index of the first NaN or infinity, or −1. Vectorized: x − x is 0 for finite x and NaN otherwise.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        if (AllFinite(values, values, values)) return -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return i;
        }
        return -1;
    }

    /// <summary>
    /// True when the three spans (of one length) hold only finite values: sums x − x over all of them, which stays 0 unless
    /// a value is NaN or infinite (then NaN, and NaN never compares equal). No branch per element.
    /// </summary>
    private static bool AllFinite(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        int i = 0, length = a.Length;
        double acc = 0;
        unchecked
        {
            if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
            {
                ref double ra = ref MemoryMarshal.GetReference(a);
                ref double rb = ref MemoryMarshal.GetReference(b);
                ref double rc = ref MemoryMarshal.GetReference(c);
                Vector<double> acc0 = Vector<double>.Zero, acc1 = Vector<double>.Zero;
                bool same = Unsafe.AreSame(ref ra, ref rb) && Unsafe.AreSame(ref ra, ref rc);
                int last = length - Vector<double>.Count;
                for (; i <= last; i += Vector<double>.Count)
                {
                    var va = Vector.LoadUnsafe(ref ra, (nuint)i);
                    acc0 += va - va;
                    if (!same)
                    {
                        var vb = Vector.LoadUnsafe(ref rb, (nuint)i);
                        var vc = Vector.LoadUnsafe(ref rc, (nuint)i);
                        acc1 += (vb - vb) + (vc - vc);
                    }
                }
                if (!Vector.EqualsAll(acc0 + acc1, Vector<double>.Zero)) return false;
            }
            for (; i < length; i++) acc += (a[i] - a[i]) + (b[i] - b[i]) + (c[i] - c[i]);
        }
        return acc == 0;
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
