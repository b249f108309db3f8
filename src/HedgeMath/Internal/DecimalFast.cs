using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HedgeMath.Internal;

/// <summary>
/// Decimal addition and subtraction with a fast path for the common case of the margin engine's hot loops, giving
/// <b>bit-for-bit</b> the result of <c>decimal</c>'s own <c>+</c> and <c>−</c> (same mantissa, scale and sign); and a
/// cheap proof that a division cannot overflow (<see cref="QuotientFits"/>).
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

    /// <summary>The bit length of a 96-bit mantissa (0 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BitLength(uint hi, ulong lo) =>
        hi != 0 ? 128 - BitOperations.LeadingZeroCount((ulong)hi) : 64 - BitOperations.LeadingZeroCount(lo);

    /// <summary><c>a − b</c>, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal Subtract(decimal a, decimal b) => TryFast(a, b, SignMask, out var r) ? r : a - b;

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
