using System.Runtime.CompilerServices;

namespace HedgeMath.Internal;

/// <summary>
/// An unevaluated sum of two doubles, <c>Hi + Lo</c> with |Lo| ≤ ulp(Hi)/2: about 106 bits (32 decimal digits) of
/// precision, more than a <see cref="decimal"/>'s 28–29 digits, at the cost of a few floating-point operations instead of
/// a decimal division (≈ 100 ns). Used where a sum of many reciprocals must match the decimal route to ~1e-26 relative
/// (an inverse contract's Σ 1/p over funding prints).
/// </summary>
/// <remarks>
/// The error-free transformations are Knuth's TwoSum, Dekker's Fast2Sum and the FMA product (Muller et al., <i>Handbook
/// of Floating-Point Arithmetic</i>, 2nd ed., §4.3 and §4.4); the double-double addition and the conversions follow
/// Hida, Li and Bailey, "Library for Double-Double and Quad-Double Arithmetic" (2007), §2. The reciprocal is one Newton
/// step from the double reciprocal: r = r₀ + r₀(1 − p·r₀), with 1 − p·r₀ evaluated exactly enough through the FMA
/// (relative error of r ≈ 2⁻¹⁰⁴). Thread-safe (a value).
/// </remarks>
internal readonly struct DoubleDouble
{
    public readonly double Hi, Lo;

    private DoubleDouble(double hi, double lo) { Hi = hi; Lo = lo; }

    // 10^k as double-doubles, k = 0..28: Hi the double nearest 10^k, Lo the exact remainder (10^k < 2^94, so it fits).
    private static readonly DoubleDouble[] Pow10 = BuildPow10();

    private static DoubleDouble[] BuildPow10()
    {
        var t = new DoubleDouble[29];
        UInt128 p = 1;
        for (int k = 0; k < t.Length; k++, p *= 10) t[k] = FromInteger(p);
        return t;
    }

    /// <summary>An integer below 2^106 exactly: the nearest double, plus the (exact) remainder.</summary>
    private static DoubleDouble FromInteger(UInt128 m)
    {
        double hi = (double)m;
        double lo = (double)((Int128)m - (Int128)(UInt128)hi);
        return Fast2Sum(hi, lo);
    }

    /// <summary>A decimal, to ~2⁻¹⁰⁴ relative: its 96-bit coefficient exactly, divided by 10^scale.</summary>
    public static DoubleDouble From(decimal d)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        // The coefficient's three 32-bit words, reinterpreted (not range-checked: the project builds checked).
        UInt128 m = unchecked(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);
        int scale = (bits[3] >> 16) & 0xFF;
        var x = FromInteger(m);
        if (scale > 0) x = Divide(x, Pow10[scale]);
        return bits[3] < 0 ? new(-x.Hi, -x.Lo) : x;
    }

    /// <summary>
    /// The nearest decimal with up to 28 significant digits (trailing zeros removed), as a decimal division would give for
    /// a value it cannot hold exactly. The value must be finite with |value| &lt; 10^28.
    /// </summary>
    public decimal ToDecimal()
    {
        if (Hi == 0d) return 0m;
        bool negative = Hi < 0d;
        var x = negative ? new DoubleDouble(-Hi, -Lo) : this;
        // The scale that leaves 28 significant digits: the value has `digits` digits before the point (≤ 0 below 1).
        int digits = (int)Math.Floor(Math.Log10(x.Hi)) + 1;
        int k = Math.Clamp(28 - digits, 0, 28);
        var y = Multiply(x, Pow10[k]);
        double rh = Math.Round(y.Hi);
        Int128 n = (Int128)rh + (Int128)Math.Round((y.Hi - rh) + y.Lo);
        // A value that rounds up to 10^28 (28 nines and more) keeps one digit less.
        if (n >= Ten28) { n = (n + 5) / 10; k--; }
        while (k > 0 && n % 10 == 0) { n /= 10; k--; }
        var u = (UInt128)n;
        return unchecked(new decimal((int)(uint)u, (int)(uint)(u >> 32), (int)(uint)(u >> 64), negative, (byte)k));
    }

    private static readonly Int128 Ten28 = Int128.Parse("10000000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The sum without the low parts' own error term (the "sloppy" addition of Hida, Li and Bailey): as accurate as
    /// <see cref="Add"/> when the sum is not much smaller than the operands (no cancellation), e.g. adding positive terms
    /// or a path's step to a price that stays positive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble AddNoCancel(DoubleDouble a, DoubleDouble b)
    {
        var (s, e) = TwoSum(a.Hi, b.Hi);
        return Fast2Sum(s, e + (a.Lo + b.Lo));
    }

    /// <summary>The sum, to ~2⁻¹⁰⁴ relative (the "IEEE" double-double addition of Hida, Li and Bailey).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Add(DoubleDouble a, DoubleDouble b)
    {
        var (s, e) = TwoSum(a.Hi, b.Hi);
        var (t, f) = TwoSum(a.Lo, b.Lo);
        e += t;
        (s, e) = Fast2SumParts(s, e);
        e += f;
        return Fast2Sum(s, e);
    }

    /// <summary>The product, to ~2⁻¹⁰⁴ relative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Multiply(DoubleDouble a, DoubleDouble b)
    {
        double p = a.Hi * b.Hi;
        double e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + (a.Hi * b.Lo + a.Lo * b.Hi);
        return Fast2Sum(p, e);
    }

    /// <summary>1 / <paramref name="p"/> (p ≠ 0): one Newton step from the double reciprocal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DoubleDouble Reciprocal(DoubleDouble p)
    {
        double r0 = 1d / p.Hi;
        double ph = p.Hi * r0;
        double pl = Math.FusedMultiplyAdd(p.Hi, r0, -ph); // p.Hi·r0 = ph + pl exactly
        double e = (1d - ph - pl) - p.Lo * r0;             // 1 − ph is exact (ph is within an ulp of 1)
        return Fast2Sum(r0, r0 * e);
    }

    /// <summary>a / b by long division (Hida, Li and Bailey's accurate quotient), to ~2⁻¹⁰⁴ relative.</summary>
    public static DoubleDouble Divide(DoubleDouble a, DoubleDouble b)
    {
        // q1 = a/b, then the remainder's quotient twice.
        double q1 = a.Hi / b.Hi;
        var r = Add(a, Negate(Multiply(b, new DoubleDouble(q1, 0d))));
        double q2 = r.Hi / b.Hi;
        r = Add(r, Negate(Multiply(b, new DoubleDouble(q2, 0d))));
        double q3 = r.Hi / b.Hi;
        return Add(Fast2Sum(q1, q2), new DoubleDouble(q3, 0d));
    }

    private static DoubleDouble Negate(DoubleDouble a) => new(-a.Hi, -a.Lo);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double S, double E) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double S, double E) Fast2SumParts(double a, double b)
    {
        double s = a + b;
        return (s, b - (s - a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleDouble Fast2Sum(double a, double b)
    {
        double s = a + b;
        return new(s, b - (s - a));
    }

    /// <summary>
    /// Σ_{j=1..count} 1/p_j over the prints of a straight path, p_j = <paramref name="from"/> + <paramref name="step"/>·j and
    /// the last (j = <paramref name="prints"/>) exactly <paramref name="to"/>: the prefix sums written to
    /// <paramref name="prefix"/>[1..count] (prefix[0] = 0), each rounded to a decimal once. The decimal route (a decimal
    /// division per print) agrees to ~1e-26 relative; every caller of this one owner gets the same decimals.
    /// </summary>
    public static void InverseSums(decimal from, decimal to, decimal step, int prints, decimal[] prefix)
    {
        var acc = new DoubleDouble(0d, 0d);
        var p = From(from);
        var s = From(step);
        prefix[0] = 0m;
        for (int j = 1; j < prefix.Length; j++)
        {
            acc = AddNoCancel(acc, Reciprocal(Next(ref p, s, j, prints, to)));
            prefix[j] = acc.ToDecimal();
        }
    }

    /// <summary>Σ_{j=1..count} 1/p_j as <see cref="InverseSums"/> defines it, only the last sum rounded to a decimal.</summary>
    public static decimal InverseSum(decimal from, decimal to, decimal step, int prints, int count)
    {
        var acc = new DoubleDouble(0d, 0d);
        var p = From(from);
        var s = From(step);
        for (int j = 1; j <= count; j++) acc = AddNoCancel(acc, Reciprocal(Next(ref p, s, j, prints, to)));
        return acc.ToDecimal();
    }

    /// <summary>Print j's price: the previous one plus the step (j steps add ~j·2⁻¹⁰⁴ relative), the last exactly <paramref name="to"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleDouble Next(ref DoubleDouble p, DoubleDouble step, int j, int prints, decimal to) =>
        p = j == prints ? From(to) : AddNoCancel(p, step);
}
