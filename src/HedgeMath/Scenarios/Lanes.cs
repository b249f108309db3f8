using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HedgeMath.Scenarios;

/// <summary>
/// The operations the Monte Carlo kernel needs on a pack of <see cref="Count"/> lanes of doubles (<typeparamref name="TD"/>)
/// and of 64-bit words (<typeparamref name="TU"/>): one Monte Carlo path per lane. Implemented by <see cref="ScalarLanes"/>
/// (one lane, plain <see cref="double"/>/<see cref="ulong"/>) and by <see cref="Lanes128"/>, <see cref="Lanes256"/>,
/// <see cref="Lanes512"/> (<c>Vector128/256/512</c>). Every operation is exact or correctly rounded per lane (IEEE-754 add,
/// subtract, multiply, divide, square root; integer and bit operations), so a kernel written once against this interface
/// gives bit-identical lanes at every width. No fused multiply-add: the JIT does not contract <c>a*b + c</c>, and nothing
/// here asks for it. Comparison results are masks: all bits set where true, zero where false.
/// </summary>
/// <remarks>Works on net8.0 and net10.0 alike (static abstract members), unlike <c>ISimdVector</c>, which is public from .NET 10 only.</remarks>
internal interface ILanes<TD, TU> where TD : struct where TU : struct
{
    static abstract int Count { get; }
    static abstract TD Splat(double x);
    static abstract TU SplatU(ulong x);
    static abstract TD Add(TD a, TD b);
    static abstract TD Sub(TD a, TD b);
    static abstract TD Mul(TD a, TD b);
    static abstract TD Div(TD a, TD b);
    static abstract TD Sqrt(TD a);
    static abstract TU AddU(TU a, TU b);
    static abstract TU SubU(TU a, TU b);
    static abstract TU XorU(TU a, TU b);
    static abstract TU OrU(TU a, TU b);
    static abstract TU AndU(TU a, TU b);
    static abstract TU Shl(TU a, int n);
    static abstract TU Shr(TU a, int n);
    static abstract TD AsDouble(TU a);
    static abstract TU AsBits(TD a);
    static abstract TD LessThan(TD a, TD b);
    static abstract TD GreaterThan(TD a, TD b);
    static abstract TD GreaterOrEqual(TD a, TD b);
    static abstract TD And(TD a, TD b);
    static abstract TD AndNot(TD a, TD b);
    /// <summary><paramref name="mask"/> ? <paramref name="a"/> : <paramref name="b"/>, lane by lane.</summary>
    static abstract TD Select(TD mask, TD a, TD b);
    static abstract TU SelectU(TD mask, TU a, TU b);
    /// <summary>Bit i set when lane i of the mask is set.</summary>
    static abstract uint MaskBits(TD mask);
    static abstract double Get(TD v, int lane);
    static abstract ulong GetU(TU v, int lane);
    static abstract TD Load(ReadOnlySpan<double> source);
    static abstract TU LoadU(ReadOnlySpan<ulong> source);
    static abstract void Store(TD v, Span<double> destination);
    static abstract void StoreU(TU v, Span<ulong> destination);
    /// <summary>Lane i = <c>table[index[i]]</c>, built from scalar loads (no store-to-load forwarding stall); the caller guarantees every index is in range.</summary>
    static abstract TD Gather(ref double table, ReadOnlySpan<ulong> index);
}

/// <summary>One lane: the scalar twin of the vector packs, the same operations on <see cref="double"/> and <see cref="ulong"/>.</summary>
internal readonly struct ScalarLanes : ILanes<double, ulong>
{
    private const ulong Ones = ulong.MaxValue;
    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Splat(double x) => x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong SplatU(ulong x) => x;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Add(double a, double b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sub(double a, double b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Mul(double a, double b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Div(double a, double b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sqrt(double a) => Math.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong AddU(ulong a, ulong b) => unchecked(a + b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong SubU(ulong a, ulong b) => unchecked(a - b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong XorU(ulong a, ulong b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong OrU(ulong a, ulong b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong AndU(ulong a, ulong b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Shl(ulong a, int n) => a << n;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong Shr(ulong a, int n) => a >> n;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double AsDouble(ulong a) => BitConverter.UInt64BitsToDouble(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong AsBits(double a) => BitConverter.DoubleToUInt64Bits(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] private static double Mask(bool b) => BitConverter.UInt64BitsToDouble(b ? Ones : 0UL);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double LessThan(double a, double b) => Mask(a < b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double GreaterThan(double a, double b) => Mask(a > b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double GreaterOrEqual(double a, double b) => Mask(a >= b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double And(double a, double b) => AsDouble(AsBits(a) & AsBits(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double AndNot(double a, double b) => AsDouble(AsBits(a) & ~AsBits(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Select(double mask, double a, double b) => AsBits(mask) != 0 ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong SelectU(double mask, ulong a, ulong b) => AsBits(mask) != 0 ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint MaskBits(double mask) => AsBits(mask) != 0 ? 1u : 0u;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Get(double v, int lane) => v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong GetU(ulong v, int lane) => v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Load(ReadOnlySpan<double> source) => source[0];
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong LoadU(ReadOnlySpan<ulong> source) => source[0];
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(double v, Span<double> destination) => destination[0] = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreU(ulong v, Span<ulong> destination) => destination[0] = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Gather(ref double table, ReadOnlySpan<ulong> index) => Unsafe.Add(ref table, unchecked((nint)index[0]));
}

/// <summary>Two lanes (<see cref="Vector128{T}"/>).</summary>
internal readonly struct Lanes128 : ILanes<Vector128<double>, Vector128<ulong>>
{
    public static int Count => 2;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Splat(double x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> SplatU(ulong x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Sub(Vector128<double> a, Vector128<double> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Mul(Vector128<double> a, Vector128<double> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Div(Vector128<double> a, Vector128<double> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Sqrt(Vector128<double> a) => Vector128.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> AddU(Vector128<ulong> a, Vector128<ulong> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> SubU(Vector128<ulong> a, Vector128<ulong> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> XorU(Vector128<ulong> a, Vector128<ulong> b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> OrU(Vector128<ulong> a, Vector128<ulong> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> AndU(Vector128<ulong> a, Vector128<ulong> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> Shl(Vector128<ulong> a, int n) => Vector128.ShiftLeft(a, n);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> Shr(Vector128<ulong> a, int n) => Vector128.ShiftRightLogical(a, n);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> AsDouble(Vector128<ulong> a) => a.AsDouble();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> AsBits(Vector128<double> a) => a.AsUInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> LessThan(Vector128<double> a, Vector128<double> b) => Vector128.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> GreaterThan(Vector128<double> a, Vector128<double> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> GreaterOrEqual(Vector128<double> a, Vector128<double> b) => Vector128.GreaterThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> And(Vector128<double> a, Vector128<double> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> AndNot(Vector128<double> a, Vector128<double> b) => Vector128.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Select(Vector128<double> mask, Vector128<double> a, Vector128<double> b) => Vector128.ConditionalSelect(mask, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> SelectU(Vector128<double> mask, Vector128<ulong> a, Vector128<ulong> b) => Vector128.ConditionalSelect(mask.AsUInt64(), a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint MaskBits(Vector128<double> mask) => Vector128.ExtractMostSignificantBits(mask);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Get(Vector128<double> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong GetU(Vector128<ulong> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Load(ReadOnlySpan<double> source) => Vector128.Create(source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ulong> LoadU(ReadOnlySpan<ulong> source) => Vector128.Create(source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<double> v, Span<double> destination) => v.CopyTo(destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreU(Vector128<ulong> v, Span<ulong> destination) => v.CopyTo(destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Gather(ref double table, ReadOnlySpan<ulong> index) =>
        Vector128.Create(Unsafe.Add(ref table, unchecked((nint)index[0])), Unsafe.Add(ref table, unchecked((nint)index[1])));
}

/// <summary>Four lanes (<see cref="Vector256{T}"/>).</summary>
internal readonly struct Lanes256 : ILanes<Vector256<double>, Vector256<ulong>>
{
    public static int Count => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Splat(double x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> SplatU(ulong x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Div(Vector256<double> a, Vector256<double> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Sqrt(Vector256<double> a) => Vector256.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> AddU(Vector256<ulong> a, Vector256<ulong> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> SubU(Vector256<ulong> a, Vector256<ulong> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> XorU(Vector256<ulong> a, Vector256<ulong> b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> OrU(Vector256<ulong> a, Vector256<ulong> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> AndU(Vector256<ulong> a, Vector256<ulong> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Shl(Vector256<ulong> a, int n) => Vector256.ShiftLeft(a, n);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> Shr(Vector256<ulong> a, int n) => Vector256.ShiftRightLogical(a, n);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> AsDouble(Vector256<ulong> a) => a.AsDouble();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> AsBits(Vector256<double> a) => a.AsUInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> GreaterThan(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> GreaterOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> AndNot(Vector256<double> a, Vector256<double> b) => Vector256.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Select(Vector256<double> mask, Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(mask, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> SelectU(Vector256<double> mask, Vector256<ulong> a, Vector256<ulong> b) => Vector256.ConditionalSelect(mask.AsUInt64(), a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint MaskBits(Vector256<double> mask) => Vector256.ExtractMostSignificantBits(mask);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Get(Vector256<double> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong GetU(Vector256<ulong> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Load(ReadOnlySpan<double> source) => Vector256.Create(source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ulong> LoadU(ReadOnlySpan<ulong> source) => Vector256.Create(source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<double> v, Span<double> destination) => v.CopyTo(destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreU(Vector256<ulong> v, Span<ulong> destination) => v.CopyTo(destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Gather(ref double table, ReadOnlySpan<ulong> index) =>
        Vector256.Create(Unsafe.Add(ref table, unchecked((nint)index[0])), Unsafe.Add(ref table, unchecked((nint)index[1])), Unsafe.Add(ref table, unchecked((nint)index[2])), Unsafe.Add(ref table, unchecked((nint)index[3])));
}

/// <summary>Eight lanes (<see cref="Vector512{T}"/>).</summary>
internal readonly struct Lanes512 : ILanes<Vector512<double>, Vector512<ulong>>
{
    public static int Count => 8;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> SplatU(ulong x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Div(Vector512<double> a, Vector512<double> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Sqrt(Vector512<double> a) => Vector512.Sqrt(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> AddU(Vector512<ulong> a, Vector512<ulong> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> SubU(Vector512<ulong> a, Vector512<ulong> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> XorU(Vector512<ulong> a, Vector512<ulong> b) => a ^ b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> OrU(Vector512<ulong> a, Vector512<ulong> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> AndU(Vector512<ulong> a, Vector512<ulong> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Shl(Vector512<ulong> a, int n) => Vector512.ShiftLeft(a, n);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> Shr(Vector512<ulong> a, int n) => Vector512.ShiftRightLogical(a, n);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> AsDouble(Vector512<ulong> a) => a.AsDouble();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> AsBits(Vector512<double> a) => a.AsUInt64();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> GreaterThan(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> GreaterOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThanOrEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> And(Vector512<double> a, Vector512<double> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> AndNot(Vector512<double> a, Vector512<double> b) => Vector512.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Select(Vector512<double> mask, Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(mask, a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> SelectU(Vector512<double> mask, Vector512<ulong> a, Vector512<ulong> b) => Vector512.ConditionalSelect(mask.AsUInt64(), a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint MaskBits(Vector512<double> mask) => unchecked((uint)Vector512.ExtractMostSignificantBits(mask));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Get(Vector512<double> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static ulong GetU(Vector512<ulong> v, int lane) => v.GetElement(lane);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(ReadOnlySpan<double> source) => Vector512.Create(source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ulong> LoadU(ReadOnlySpan<ulong> source) => Vector512.Create(source);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<double> v, Span<double> destination) => v.CopyTo(destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreU(Vector512<ulong> v, Span<ulong> destination) => v.CopyTo(destination);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Gather(ref double table, ReadOnlySpan<ulong> index) =>
        Vector512.Create(
            Vector256.Create(Unsafe.Add(ref table, unchecked((nint)index[0])), Unsafe.Add(ref table, unchecked((nint)index[1])), Unsafe.Add(ref table, unchecked((nint)index[2])), Unsafe.Add(ref table, unchecked((nint)index[3]))),
            Vector256.Create(Unsafe.Add(ref table, unchecked((nint)index[4])), Unsafe.Add(ref table, unchecked((nint)index[5])), Unsafe.Add(ref table, unchecked((nint)index[6])), Unsafe.Add(ref table, unchecked((nint)index[7]))));
}
