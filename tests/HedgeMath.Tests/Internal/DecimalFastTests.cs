using HedgeMath.Internal;

namespace HedgeMath.Tests.Internal;

/// <summary>
/// <see cref="DecimalFast"/> returns the runtime's decimal sum, difference and product bit for bit, and its comparisons, (mantissa, scale and sign, read
/// with <see cref="decimal.GetBits(decimal)"/>), on and off its fast path.
/// </summary>
public class DecimalFastTests
{
    [Fact]
    public void Layout_MatchesRuntime_FastPathEnabled() =>
        // If this fails the fast path is off (every call falls back to the runtime operator); results stay right.
        Assert.True(DecimalFast.Enabled);

    private static readonly (decimal A, decimal B)[] EdgePairs =
    [
        (0m, 0m), (0m, 0.00m), (0.0m, -0m), (-0m, -0m), (5m, -5m), (-5.0m, 5m), (5m, 5.000m),
        (0.0020m, 0.5m), (0.5m, -0.0020m), (2500.0m, -25000.0m), (ulong.MaxValue, 1m), (ulong.MaxValue, ulong.MaxValue),
        (ulong.MaxValue, -0.000000001m), (0.000000001m, (decimal)ulong.MaxValue), (1.0000000001m, 1m), // scale gap 10: runtime path
        (decimal.MaxValue, -1m), (decimal.MinValue, 0.5m), (1e-28m, -1e-28m), (79228162514264337593543950335m, -79228162514264337593543950335m),
        (new decimal(-1, -1, 0, false, 9), new decimal(-1, -1, 0, true, 0)), // 2^64−1 at scales 9 and 0: the largest fast-path operands
        // A zero with a large operand (≥ 2^64): fast when the zero's scale is not larger (the large one is the sum), else the runtime's.
        (0m, -19388999.237500000000000000000m), (-0m, -19388999.237500000000000000000m), (0.00m, new decimal(-1, -1, 5, false, 2)),
        (new decimal(0, 0, 0, true, 3), new decimal(1, 1, 1, true, 3)), (0.0000m, new decimal(1, 2, 3, false, 2)), (-0m, decimal.MinValue),
    ];

    // By index: xunit would show 0m, 0.00m and -0m alike and skip them as duplicate cases.
    public static TheoryData<int> Edges => new(Enumerable.Range(0, EdgePairs.Length));

    [Theory]
    [MemberData(nameof(Edges))]
    public void AddSubtract_Edges_BitForBitAsRuntime(int index)
    {
        var (a, b) = EdgePairs[index];
        Check(a, b);
        Check(b, a);
    }

    [Fact]
    public void AddSubtract_RandomOperands_BitForBitAsRuntime()
    {
        // Mantissas of every bit length 0..96 (so both sides of the 2^64 limit), scales 0..28, both signs; fixed seed.
        var rng = new Random(20261206);
        for (int i = 0; i < 200_000; i++)
        {
            decimal a = Random(rng), b = Random(rng);
            // Half the cases share magnitude and scale range closely, as the engine's operands do.
            if ((i & 1) == 0) b = Random(rng, maxBits: 64, maxScale: (byte)Math.Min(28, a.Scale + 9));
            Check(a, b);
        }
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public void MultiplyCompare_Edges_AsRuntime(int index)
    {
        var (a, b) = EdgePairs[index];
        CheckProductAndOrder(a, b);
        CheckProductAndOrder(b, a);
    }

    [Fact]
    public void MultiplyCompare_RandomOperands_AsRuntime()
    {
        // The product bit for bit (including the rounding and overflow of the runtime's path); the comparison's sign; > 0.
        // Half the cases are the engine's shapes: small mantissas whose product and scales fit (the fast path), and pairs of
        // close scales for the comparison.
        var rng = new Random(20261208);
        for (int i = 0; i < 200_000; i++)
        {
            decimal a = Random(rng), b = Random(rng);
            if ((i & 1) == 0) { a = Random(rng, maxBits: 48, maxScale: 14); b = Random(rng, maxBits: 48, maxScale: (byte)Math.Min(28, a.Scale + 9)); }
            CheckProductAndOrder(a, b);
        }
    }

    [Fact]
    public void RoundToStep_RandomPricesTicksAndModes_BitForBitTheFormula()
    {
        // decimal.Round(value / step, 0, mode) * step, the contracts' tick rounding, against the fast path: powers of ten
        // (taken) and other steps (refused, the caller's formula), every mode, values on and off the grid, scales 0..20.
        decimal[] steps = [1m, 0.1m, 0.01m, 0.001m, 0.0001m, 0.00000001m, 10m, 0.10m, 0.5m, 0.25m, 5m, 0.0000000000000000000001m];
        MidpointRounding[] modes = [MidpointRounding.ToEven, MidpointRounding.AwayFromZero, MidpointRounding.ToZero,
            MidpointRounding.ToNegativeInfinity, MidpointRounding.ToPositiveInfinity];
        var rng = new Random(20261209);
        int taken = 0;
        for (int i = 0; i < 100_000; i++)
        {
            decimal step = steps[rng.Next(steps.Length)];
            var mode = modes[rng.Next(modes.Length)];
            // Midpoints are frequent: a price of a few digits past the tick ending in 5.
            decimal value = (i % 3) switch
            {
                0 => Random(rng, maxBits: 64, maxScale: 20),
                1 => new decimal(rng.Next(1, 1_000_000) * 10 + 5, 0, 0, false, (byte)rng.Next(1, 12)),
                _ => Random(rng, maxBits: 96, maxScale: 28),
            };
            if (value < 0m) value = -value;
            decimal expected;
            try { expected = decimal.Round(value / step, 0, mode) * step; }
            catch (OverflowException) { continue; } // beyond decimal: the caller's formula reports it
            if (DecimalFast.TryRoundToStep(value, step, mode, out var fast)) { taken++; AssertSame(expected, fast, value, step, $"onto step ({mode})"); }
        }
        Assert.True(taken > 40_000, $"the fast path was taken {taken} times");
    }

    private static void CheckProductAndOrder(decimal a, decimal b)
    {
        Same(() => a * b, () => DecimalFast.Multiply(a, b), a, b, "*");
        Assert.True(decimal.Compare(a, b) == DecimalFast.Compare(a, b), $"compare {a} with {b}: runtime {decimal.Compare(a, b)}, fast {DecimalFast.Compare(a, b)}");
        Assert.True(a > 0m == DecimalFast.IsPositive(a), $"{a} > 0: runtime {a > 0m}");
        Assert.True(a < 0m == DecimalFast.IsNegative(a), $"{a} < 0: runtime {a < 0m}");
    }

    // Bits, mantissa, sign, then scale (the draws in this order).
    private static decimal Random(Random rng, int maxBits = 96, byte maxScale = 28)
    {
        var m = RandomDecimal.Mantissa(rng, rng.Next(0, maxBits + 1));
        return RandomDecimal.Of(m, rng.Next(2) == 0, (byte)rng.Next(0, maxScale + 1));
    }

    /// <summary>Both operations against the runtime's, including the overflow the runtime throws.</summary>
    private static void Check(decimal a, decimal b)
    {
        Same(() => a + b, () => DecimalFast.Add(a, b), a, b, "+");
        Same(() => a - b, () => DecimalFast.Subtract(a, b), a, b, "-");
    }

    private static void Same(Func<decimal> runtime, Func<decimal> fast, decimal a, decimal b, string op)
    {
        decimal expected;
        try { expected = runtime(); }
        catch (OverflowException)
        {
            Assert.Throws<OverflowException>(() => fast());
            return;
        }
        AssertSame(expected, fast(), a, b, op);
    }

    private static void AssertSame(decimal expected, decimal actual, decimal a = 0m, decimal b = 0m, string op = "")
    {
        var e = decimal.GetBits(expected);
        var g = decimal.GetBits(actual);
        Assert.True(e.SequenceEqual(g),
            $"{a} {op} {b}: runtime [{string.Join(",", e)}] = {expected}, fast [{string.Join(",", g)}] = {actual}");
    }
}
