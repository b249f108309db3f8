using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HedgeMath.Internal;

/// <summary>
/// Decimal addition and subtraction with a fast path for the common case of the margin engine's hot loops, giving
/// <b>bit-for-bit</b> the result of <c>decimal</c>'s own <c>+</c> and <c>−</c> (same mantissa, scale and sign); the
/// division likewise for a 32-bit divisor mantissa and a rounded quotient (<see cref="TryDivide"/>); and a cheap proof
/// that a division cannot overflow (<see cref="QuotientFits"/>).
/// </summary>
/// <remarks>
/// <para>Fast path: both mantissas below 2⁶⁴ and scales at most 9 apart. The operand with the smaller scale is multiplied
/// by 10^d (d ≤ 9, so the product is below 2⁶⁴·10⁹ &lt; 2⁹⁴) and the magnitudes are added or subtracted in 128 bits; the
/// result is below 2⁹⁵, so it always fits decimal's 96-bit mantissa at the larger scale and needs no rounding. That is
/// exactly what the runtime's <c>DecCalc.DecAddSub</c> returns in this case (it aligns to the larger scale and does not
/// normalise trailing zeros). Also fast: a zero operand, at a scale no larger than the other's, with a large one (mantissa ≥ 2⁶⁴), whose sum
/// is the large operand unchanged (a plan's running sums start at 0m). A zero result (whose sign the runtime takes from
/// whichever operand it scaled) and every other case go to the runtime operator.</para>
/// <para>The fast path reads decimal's fields through its documented memory layout (flags, high 32 bits, low 64 bits, as
/// in .NET Core 3.0 and later); a check at type initialisation compares that layout with <see cref="decimal.GetBits(decimal)"/>
/// and turns the fast path off if it ever differs. Tests compare both operations with the runtime's over random operands
/// bit for bit. Thread-safe (pure).</para>
/// </remarks>
internal static class DecimalFast
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Bits
    {
        public int Flags;
        public uint Hi;
        public ulong Lo;
    }

    private const int SignMask = unchecked((int)0x80000000);

    /// <summary>True when decimal's layout is the one the fast path reads (checked once).</summary>
    internal static readonly bool Enabled = CheckLayout();

    private static bool CheckLayout()
    {
        if (Unsafe.SizeOf<Bits>() != sizeof(decimal)) return false;
        var d = new decimal(0x01020304, 0x05060708, 0x090A0B0C, isNegative: true, scale: 7);
        var b = Unsafe.As<decimal, Bits>(ref d);
        int[] g = decimal.GetBits(d);
        return b.Lo == ((ulong)(uint)g[1] << 32 | (uint)g[0]) && b.Hi == (uint)g[2] && b.Flags == g[3];
    }

    /// <summary><c>a + b</c>, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Add(decimal a, decimal b) => TryFast(a, b, 0, out var r) ? r : a + b;

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are the same decimal bit for bit, scale and sign included
    /// (50,000.0 and 50,000.00 are equal as numbers but print differently): the test a cache of a decimal result uses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Identical(decimal a, decimal b) => Unsafe.As<decimal, Int128>(ref a) == Unsafe.As<decimal, Int128>(ref b);

    /// <summary>
    /// True when <c>a / b</c> certainly returns (b is not 0 and the quotient's magnitude is below 2⁹⁵, so it cannot
    /// overflow decimal); false when that is not proven (the division may still succeed), or the fast path is off.
    /// </summary>
    /// <remarks>
    /// With a = A·10^−sa and b = B·10^−sb, A &lt; 2^la and B ≥ 2^(lb−1) (la, lb the mantissas' bit lengths, B ≥ 1):
    /// |a/b| &lt; 2^(la − lb + 1)·10^(sb − sa), and for k = sb − sa in 1..28, 10^k &lt; 2^⌈k·log₂10⌉ with
    /// ⌈k·log₂10⌉ = (10k + 2)/3 in integer division (checked for every k; for k ≤ 0 the factor is at most 1). A bound
    /// of 2⁹⁵ keeps the quotient, rounded to decimal's digits, below decimal.MaxValue (2⁹⁶ − 1). This lets a caller skip
    /// an overflow handler, which keeps the runtime from inlining the method that holds it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool QuotientFits(decimal a, decimal b)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref a);
        ref Bits y = ref Unsafe.As<decimal, Bits>(ref b);
        if (!Enabled) return false;
        int lb = BitLength(y.Hi, y.Lo);
        if (lb == 0) return false;
        int k = ((y.Flags >> 16) & 0xFF) - ((x.Flags >> 16) & 0xFF);
        int bound = BitLength(x.Hi, x.Lo) - lb + 1 + (k > 0 ? (10 * k + 2) / 3 : 0);
        return bound <= 95;
    }

    /// <summary>
    /// <c>a / b</c>, bit for bit as the runtime's operator, in the solvers' common case: b's mantissa below 2³² and a
    /// quotient that is not exact where it ends (so it is rounded). False, with <paramref name="result"/> 0, in every
    /// other case (the caller divides): an exact quotient, a wider divisor, a quotient whose digits the bounds below
    /// cannot place, or one beyond decimal's range.
    /// </summary>
    /// <remarks>
    /// <para>What the runtime's division returns (System.Decimal.DecCalc.VarDecDiv; the rules below restate its
    /// behaviour, no code is taken from it): with a = A·10^−sa, b = B·10^−sb and s0 = sa − sb, the quotient mantissa at
    /// scale s is q(s) = ⌊A·10^(s − s0) / B⌋. When the division is not exact, the result is at the largest scale S ≤ 28
    /// with q(S) ≤ 2⁹⁶ − 1, rounded half to even on the remainder (its digit loop stops exactly there: either one more
    /// digit would overflow, or the scale is 28), and then its trailing zeros are removed while the scale is above 0.
    /// The sign is the XOR of the operands' signs.</para>
    /// <para>Here: S is found with exact 128-bit comparisons (q(s) ≤ 2⁹⁶ − 1 ⟺ A·10^(s − s0) &lt; B·2⁹⁶), starting from a
    /// bit-length estimate; one 128-by-64-bit division gives q(S) and the remainder. A quotient whose rounding would
    /// reach 2⁹⁶, a scale below 0, or an exact remainder go to the runtime. Tests compare with the runtime's operator bit
    /// for bit over millions of random operands and the rounding ties.</para>
    /// </remarks>
    public static bool TryDivide(decimal a, decimal b, out decimal result)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref a);
        ref Bits y = ref Unsafe.As<decimal, Bits>(ref b);
        result = 0m;
        ulong den = y.Lo;
        if (!Enabled || y.Hi != 0 || den > uint.MaxValue || den == 0 || (x.Hi | x.Lo) == 0) return false;
        unchecked
        {
            int s0 = ((x.Flags >> 16) & 0xFF) - ((y.Flags >> 16) & 0xFF);
            int eMax = 28 - s0;
            if (eMax > MaxPower) return false;
            var n = new UInt128(x.Hi, x.Lo);
            int bn = BitLength(x.Hi, x.Lo);
            // q(s0 + e) has about bn − bd + e·log₂10 bits; aim at 96 (1233/4096 ≈ log₁₀2), then step by exact tests.
            int e = (96 - bn + (64 - BitOperations.LeadingZeroCount(den))) * 1233 >> 12;
            if (e > eMax) e = eMax;
            if (e < 0) e = 0;
            UInt128 limit = (UInt128)den << 96, scaled;
            for (int step = 0; ; step++)
            {
                if (step == 4) return false;
                int bits = bn + Pow10Bits[e];
                if (bits > 128)
                {
                    // A·10^e ≥ 2^(bits − 2): when bits > 129 that is ≥ 2¹²⁸ > limit, so q(s0 + e) is too large; at 129 the
                    // product may not fit 128 bits and is not computed.
                    if (bits == 129 || e == 0) return false;
                    e--;
                    continue;
                }
                scaled = n * Pow10Wide[e];
                if (scaled >= limit)
                {
                    if (e == 0) return false;
                    e--;
                    continue;
                }
                // One more digit fits when 10·A·10^e < B·2⁹⁶ (and the scale may still grow).
                if (e < eMax && scaled <= MaxOverTen && scaled * 10 < limit) { e++; continue; }
                break;
            }
            int scale = s0 + e;
            if (scale < 0) return false;
            UInt128 q = scaled / den;
            // The remainder is below den < 2³², so the low 64 bits of scaled − q·den are all of it.
            ulong rem = (ulong)scaled - (ulong)q * den;
            if (rem == 0) return false;
            // Half to even: the remainder against half the divisor (rem < den < 2³², so 2·rem fits).
            ulong twice = rem << 1;
            if (twice > den || (twice == den && ((ulong)q & 1) != 0))
            {
                q++;
                if ((q >> 96) != 0) return false;
            }
            // An odd mantissa has no trailing zero; else 2⁶⁴ ≡ 6 (mod 10) gives the last digit from the two halves.
            while (scale > 0 && ((ulong)q & 1) == 0 && (((ulong)(q >> 64) % 10 * 6) + ((ulong)q % 10)) % 10 == 0)
            {
                q /= 10;
                scale--;
            }
            var r = new Bits { Flags = ((x.Flags ^ y.Flags) & SignMask) | (scale << 16), Hi = (uint)(q >> 64), Lo = (ulong)q };
            result = Unsafe.As<Bits, decimal>(ref r);
            return true;
        }
    }

    private const int MaxPower = 38;
    private static readonly UInt128 MaxOverTen = UInt128.MaxValue / 10;
    private static readonly UInt128[] Pow10Wide = Powers();
    private static readonly int[] Pow10Bits = Pow10Wide.Select(p => 128 - (int)UInt128.LeadingZeroCount(p)).ToArray();

    private static UInt128[] Powers()
    {
        var p = new UInt128[MaxPower + 1];
        p[0] = 1;
        for (int i = 1; i <= MaxPower; i++) p[i] = p[i - 1] * 10;
        return p;
    }

    /// <summary>The bit length of a 96-bit mantissa (0 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BitLength(uint hi, ulong lo) =>
        hi != 0 ? 128 - BitOperations.LeadingZeroCount((ulong)hi) : 64 - BitOperations.LeadingZeroCount(lo);

    /// <summary><c>a − b</c>, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Subtract(decimal a, decimal b) => TryFast(a, b, SignMask, out var r) ? r : a - b;

    /// <summary>
    /// <c>a × b</c>, bit for bit. Fast path: both mantissas below 2⁶⁴, a product below 2⁹⁶ and not zero, scales summing to
    /// at most 28. That is the case in which the runtime's <c>DecCalc.VarDecMul</c> returns the exact product at the summed
    /// scale with the signs' exclusive or, without rounding or normalising; every other case goes to the runtime operator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Multiply(decimal a, decimal b)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref a);
        ref Bits y = ref Unsafe.As<decimal, Bits>(ref b);
        if (Enabled && (x.Hi | y.Hi) == 0)
        {
            int scale = ((x.Flags >> 16) & 0xFF) + ((y.Flags >> 16) & 0xFF);
            ulong hi = Math.BigMul(x.Lo, y.Lo, out ulong lo);
            if (scale <= 28 && hi <= uint.MaxValue && (hi | lo) != 0)
            {
                var r = new Bits { Flags = ((x.Flags ^ y.Flags) & SignMask) | (scale << 16), Hi = (uint)hi, Lo = lo };
                return Unsafe.As<Bits, decimal>(ref r);
            }
        }
        return a * b;
    }

    /// <summary>True when <paramref name="a"/> &gt; 0 (the operator's answer, without its call: a clear sign bit and a mantissa that is not zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPositive(decimal a)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref a);
        return Enabled ? x.Flags >= 0 && (x.Lo | x.Hi) != 0 : a > 0m;
    }

    /// <summary>
    /// <c>decimal.Round(value / step, 0, mode) * step</c> (a price or size rounded onto its tick or step), bit for bit, when
    /// the step is a power of ten (mantissa 1: 0.1, 0.01, 1, 10 at scale 0…) and the value is positive with a mantissa
    /// below 2⁶⁴: the quotient is then the value's mantissa at scale s − k (exact), the round an integer division by
    /// 10^(s−k) with its remainder, and the product that integer at the step's scale k. False otherwise (the caller uses
    /// the formula).
    /// </summary>
    public static bool TryRoundToStep(decimal value, decimal step, MidpointRounding mode, out decimal result)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref value);
        ref Bits t = ref Unsafe.As<decimal, Bits>(ref step);
        result = 0m;
        // The step: +1 × 10^-k (flags carry only the scale); the value: positive, not zero, below 2^64.
        // An undefined mode is the formula's to reject (decimal.Round names the parameter).
        if (!Enabled || unchecked((uint)mode) > (uint)MidpointRounding.ToPositiveInfinity || t.Lo != 1UL || t.Hi != 0 || (t.Flags & ~0x00FF0000) != 0 || x.Flags < 0 || x.Hi != 0 || x.Lo == 0) return false;
        int k = t.Flags >> 16, s = (x.Flags >> 16) & 0xFF;
        ulong n;
        if (s <= k)
        {
            // On the step's grid already: the value's mantissa at scale k.
            if (k - s > 9) return false;
            ulong hi = Math.BigMul(x.Lo, (ulong)Pow10Wide[k - s], out n);
            if (hi != 0) return false;
        }
        else
        {
            if (s - k > 19) return false;
            ulong p = (ulong)Pow10Wide[s - k]; // 10^19 < 2^64
            var (q, r) = Math.DivRem(x.Lo, p);
            bool up;
            switch (mode)
            {
                case MidpointRounding.ToZero:
                case MidpointRounding.ToNegativeInfinity: up = false; break;
                case MidpointRounding.ToPositiveInfinity: up = r != 0; break;
                case MidpointRounding.AwayFromZero: up = r >= p - r; break;
                case MidpointRounding.ToEven: up = r > p - r || (r == p - r && (q & 1) == 1); break;
                default: return false;
            }
            n = up ? q + 1 : q;
        }
        var b = new Bits { Flags = k << 16, Hi = 0, Lo = n };
        result = Unsafe.As<Bits, decimal>(ref b);
        return true;
    }

    /// <summary>True when <paramref name="a"/> &lt; 0 (a set sign bit and a mantissa that is not zero: −0 is not negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNegative(decimal a)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref a);
        return Enabled ? x.Flags < 0 && (x.Lo | x.Hi) != 0 : a < 0m;
    }

    /// <summary>
    /// <c>decimal.Compare(a, b)</c>'s sign (−1, 0, 1). Fast path: both mantissas below 2⁶⁴ and scales at most 9 apart, the
    /// smaller-scale magnitude multiplied by 10^d and the two compared in 128 bits (zeros of either sign are equal).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(decimal a, decimal b)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref a);
        ref Bits y = ref Unsafe.As<decimal, Bits>(ref b);
        int d = ((x.Flags >> 16) & 0xFF) - ((y.Flags >> 16) & 0xFF);
        if (!Enabled || (x.Hi | y.Hi) != 0 || unchecked((uint)(d + 9)) > 18u) return decimal.Compare(a, b);
        if ((x.Lo | y.Lo) == 0) return 0;
        bool xNeg = x.Flags < 0 && x.Lo != 0, yNeg = y.Flags < 0 && y.Lo != 0;
        if (xNeg != yNeg) return xNeg ? -1 : 1;
        UInt128 mx = x.Lo, my = y.Lo;
        if (d > 0) my *= Pow10(d);
        else if (d < 0) mx *= Pow10(-d);
        int c = mx.CompareTo(my);
        return xNeg ? -c : c;
    }

    /// <summary>The fast path of <c>a + b</c> (<paramref name="negateB"/> 0) or <c>a − b</c> (<see cref="SignMask"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFast(decimal a, decimal b, int negateB, out decimal result)
    {
        ref Bits x = ref Unsafe.As<decimal, Bits>(ref a);
        ref Bits y = ref Unsafe.As<decimal, Bits>(ref b);
        if (!Enabled) { result = 0m; return false; }
        int d = ((x.Flags >> 16) & 0xFF) - ((y.Flags >> 16) & 0xFF);
        if ((x.Hi | y.Hi) == 0)
        {
            if (unchecked((uint)(d + 9)) <= 18u) return TryAddSmall(x.Lo, x.Flags, y.Lo, y.Flags ^ negateB, d, out result);
        }
        // A zero added to a large operand (≥ 2⁶⁴, so not zero) at no larger a scale: the runtime scales the zero up to the
        // other's scale and returns the other operand as it is (negated when it is subtracted).
        else if ((y.Lo | y.Hi) == 0 && d >= 0) { result = a; return true; }
        else if ((x.Lo | x.Hi) == 0 && d <= 0)
        {
            var r = new Bits { Flags = y.Flags ^ negateB, Hi = y.Hi, Lo = y.Lo };
            result = Unsafe.As<Bits, decimal>(ref r);
            return true;
        }
        result = 0m;
        return false;
    }

    private static bool TryAddSmall(ulong xl, int xf, ulong yl, int yf, int d, out decimal result)
    {
        unchecked
        {
        ulong xh = 0, yh = 0;
        int flags;
        if (d > 0) { yh = Math.BigMul(yl, Pow10(d), out yl); flags = xf; }
        else if (d < 0) { xh = Math.BigMul(xl, Pow10(-d), out xl); flags = yf; }
        else flags = xf;
        int scaleBits = flags & 0x00FF0000;
        ulong rl, rh;
        int sign;
        if ((xf ^ yf) >= 0)
        {
            // Same sign: add magnitudes.
            rl = xl + yl;
            rh = xh + yh + (rl < xl ? 1UL : 0UL);
            sign = xf & SignMask;
        }
        else if (xh > yh || (xh == yh && xl >= yl))
        {
            rl = xl - yl;
            rh = xh - yh - (xl < yl ? 1UL : 0UL);
            sign = xf & SignMask;
        }
        else
        {
            rl = yl - xl;
            rh = yh - xh - (yl < xl ? 1UL : 0UL);
            sign = yf & SignMask;
        }
        // A zero result takes a sign that depends on which operand the runtime scaled and on zero operands: leave it to the runtime.
        if ((rl | rh) == 0) { result = 0m; return false; }
        var r = new Bits { Flags = sign | scaleBits, Hi = (uint)rh, Lo = rl };
        result = Unsafe.As<Bits, decimal>(ref r);
        return true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pow10(int n) => n switch
    {
        1 => 10UL,
        2 => 100UL,
        3 => 1_000UL,
        4 => 10_000UL,
        5 => 100_000UL,
        6 => 1_000_000UL,
        7 => 10_000_000UL,
        8 => 100_000_000UL,
        _ => 1_000_000_000UL,
    };
}
