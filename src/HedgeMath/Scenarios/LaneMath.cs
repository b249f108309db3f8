using System.Runtime.CompilerServices;

namespace HedgeMath.Scenarios;

/// <summary>
/// exp and log written once over <see cref="ILanes{TD, TU}"/>: the scalar instantiation (<see cref="Exp(double)"/>,
/// <see cref="Log(double)"/>) and every vector width compute the same operations in the same order, so Monte Carlo
/// results do not depend on the vector width (<see cref="Math.Exp"/> and <c>Vector256.Exp</c> differ in the last bit).
/// Accuracy within 2 units in the last place of <see cref="Math.Exp"/>/<see cref="Math.Log(double)"/> (tested).
/// </summary>
/// <remarks>
/// exp: Cody–Waite reduction x = n·ln 2 + r, |r| ≤ ln 2 / 2, with ln 2 split in a 32-bit head (n·head exact for
/// |n| ≤ 2¹¹) and a tail; n by the round-to-nearest "magic number" 1.5·2⁵² (its bits hold n, added to the exponent
/// field); e^r by its Taylor polynomial to degree 13 (remainder below r¹⁴/14! ≈ 4·10⁻¹⁸ relative). Inputs are clamped to
/// [−708, 709] so 2ⁿ stays a normal number. log: x = 2ᵏ·m with m in [√2/2, √2), f = m − 1, s = f/(2 + f), and
/// ln(1 + f) = 2·artanh s = f − s·(f − R), R = Σ 2s²ʲ/(2j + 1) for j = 1..11 (remainder below 10⁻¹⁸ relative); the
/// reduction is fdlibm's (Sun Microsystems, <c>e_log.c</c>, 1993), the series the textbook artanh series. Positive
/// normal inputs only (the kernel's uniforms and price ratios).
/// </remarks>
internal static class LaneMath
{
    private const double Magic = 6755399441055744.0; // 1.5·2⁵²
    private const double InvLn2 = 1.4426950408889634;
    private const double Ln2Hi = 0.6931471803691238; // bits 0x3FE62E42FEE00000: ln 2 to 32 significant bits
    private const double Ln2Lo = 1.9082149292705877e-10; // ln 2 − Ln2Hi
    private const ulong ExponentOne = 0x3FF0000000000000UL;
    private const ulong SqrtHalfBits = 0x3FE6A09E00000000UL; // ≈ √2/2, the low end of the log's mantissa range
    private const ulong MantissaMask = 0x000FFFFFFFFFFFFFUL;
    private const ulong TwoTo52Bits = 0x4330000000000000UL; // 2⁵²

    /// <summary>e^x for one double, the scalar lane of <see cref="Exp{L, TD, TU}(TD)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => Exp<ScalarLanes, double, ulong>(x);

    /// <summary>ln x for one positive normal double, the scalar lane of <see cref="Log{L, TD, TU}(TD)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Log<ScalarLanes, double, ulong>(x);

    /// <summary>e^x per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Exp<L, TD, TU>(TD x) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        x = L.Select(L.LessThan(x, L.Splat(-708d)), L.Splat(-708d), x);
        x = L.Select(L.GreaterThan(x, L.Splat(709d)), L.Splat(709d), x);
        var t = L.Add(L.Mul(x, L.Splat(InvLn2)), L.Splat(Magic));
        var n = L.Sub(t, L.Splat(Magic));
        var r = L.Sub(L.Sub(x, L.Mul(n, L.Splat(Ln2Hi))), L.Mul(n, L.Splat(Ln2Lo)));
        // e^r = 1 + r + r²·(1/2! + r/3! + … + r¹¹/13!), the tail by Estrin's scheme (pairs, then r², r⁴, r⁸).
        var r2 = L.Mul(r, r);
        var r4 = L.Mul(r2, r2);
        var r8 = L.Mul(r4, r4);
        var q0 = L.Add(L.Splat(1d / 2), L.Mul(r, L.Splat(1d / 6)));
        var q1 = L.Add(L.Splat(1d / 24), L.Mul(r, L.Splat(1d / 120)));
        var q2 = L.Add(L.Splat(1d / 720), L.Mul(r, L.Splat(1d / 5040)));
        var q3 = L.Add(L.Splat(1d / 40320), L.Mul(r, L.Splat(1d / 362880)));
        var q4 = L.Add(L.Splat(1d / 3628800), L.Mul(r, L.Splat(1d / 39916800)));
        var q5 = L.Add(L.Splat(1d / 479001600), L.Mul(r, L.Splat(1d / 6227020800)));
        var a0 = L.Add(q0, L.Mul(q1, r2));
        var a1 = L.Add(q2, L.Mul(q3, r2));
        var a2 = L.Add(q4, L.Mul(q5, r2));
        var tail = L.Add(L.Add(a0, L.Mul(a1, r4)), L.Mul(a2, r8));
        var p = L.Add(L.Splat(1d), L.Add(r, L.Mul(r2, tail)));
        // n sits in the low bits of t (t = 1.5·2⁵² + n exactly): shift it into the exponent field of p.
        var nBits = L.SubU(L.AsBits(t), L.AsBits(L.Splat(Magic)));
        return L.AsDouble(L.AddU(L.AsBits(p), L.Shl(nBits, 52)));
    }

    /// <summary>ln x per lane, for positive normal x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Log<L, TD, TU>(TD x) where L : struct, ILanes<TD, TU> where TD : struct where TU : struct
    {
        // Shift the mantissa range to [√2/2, √2): hx's exponent field is then k + 1023.
        var hx = L.AddU(L.AsBits(x), L.SplatU(ExponentOne - SqrtHalfBits));
        var biased = L.AsDouble(L.OrU(L.Shr(hx, 52), L.SplatU(TwoTo52Bits))); // 2⁵² + k + 1023, exact
        var k = L.Sub(biased, L.Splat(4503599627370496d + 1023d));
        var m = L.AsDouble(L.AddU(L.AndU(hx, L.SplatU(MantissaMask)), L.SplatU(SqrtHalfBits)));
        var f = L.Sub(m, L.Splat(1d));
        var s = L.Div(f, L.Add(L.Splat(2d), f));
        var z = L.Mul(s, s);
        // R/z = 2/3 + 2z/5 + … + 2z¹⁰/23 by Estrin's scheme (pairs, then z², z⁴, z⁸): a short dependency chain.
        var z2 = L.Mul(z, z);
        var z4 = L.Mul(z2, z2);
        var z8 = L.Mul(z4, z4);
        var p0 = L.Add(L.Splat(2d / 3), L.Mul(z, L.Splat(2d / 5)));
        var p1 = L.Add(L.Splat(2d / 7), L.Mul(z, L.Splat(2d / 9)));
        var p2 = L.Add(L.Splat(2d / 11), L.Mul(z, L.Splat(2d / 13)));
        var p3 = L.Add(L.Splat(2d / 15), L.Mul(z, L.Splat(2d / 17)));
        var p4 = L.Add(L.Splat(2d / 19), L.Mul(z, L.Splat(2d / 21)));
        var p5 = L.Splat(2d / 23);
        var b0 = L.Add(p0, L.Mul(p1, z2));
        var b1 = L.Add(p2, L.Mul(p3, z2));
        var b2 = L.Add(p4, L.Mul(p5, z2));
        var poly = L.Add(L.Add(b0, L.Mul(b1, z4)), L.Mul(b2, z8));
        var rr = L.Mul(z, poly);
        var lnm = L.Sub(f, L.Mul(s, L.Sub(f, rr)));
        return L.Add(L.Mul(k, L.Splat(Ln2Hi)), L.Add(lnm, L.Mul(k, L.Splat(Ln2Lo))));
    }
}
