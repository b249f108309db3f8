using HedgeMath.Internal;
using HedgeMath.Tests.Internal;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// <see cref="DecimalFast.TryDivide"/> (the solvers' decimal division) returns the runtime's quotient bit for bit
/// (mantissa, scale and sign) whenever it returns a result, and declines whatever it cannot place.
/// </summary>
public class DecimalDivisionTests
{
    private static void Check(decimal a, decimal b, ref int taken)
    {
        decimal expected;
        try { expected = a / b; }
        catch (OverflowException) { Assert.False(DecimalFast.TryDivide(a, b, out _), $"{a} / {b} overflows"); return; }
        catch (DivideByZeroException) { Assert.False(DecimalFast.TryDivide(a, b, out _), $"{a} / {b}"); return; }
        if (!DecimalFast.TryDivide(a, b, out var actual)) return;
        taken++;
        Assert.True(DecimalFast.Identical(expected, actual),
            $"{a} / {b}: runtime {expected} ({Bits(expected)}), fast {actual} ({Bits(actual)})");
    }

    private static string Bits(decimal d) => string.Join(",", decimal.GetBits(d).Select(v => v.ToString("X8")));

    [Fact]
    public void ByHand_TheBenchmarkPosition()
    {
        // 27,500.0 / 0.5020 = 54,780.87649402390438247011952191… (60 digits in Python's decimal): 29 significant digits,
        // the last rounded up (…1195219 → …119522); mantissa 54780876494023904382470119522 = 0xB101ADD1_46278D8B_0C2CE062
        // (Python's hex), scale 24.
        Assert.True(DecimalFast.TryDivide(27_500.0m, 0.5020m, out var q));
        Assert.Equal(new[] { "0C2CE062", "46278D8B", "B101ADD1", "00180000" }, decimal.GetBits(q).Select(v => v.ToString("X8")));
        Assert.Equal(54_780.876494023904382470119522m, q);
        // 1 / 3: 0.3333333333333333333333333333 (28 threes: scale 28 caps it); −2 / 3 rounds the last 6 up to 7.
        Assert.True(DecimalFast.TryDivide(1m, 3m, out q));
        Assert.Equal("0.3333333333333333333333333333", q.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(DecimalFast.TryDivide(-2m, 3m, out q));
        Assert.Equal("-0.6666666666666666666666666667", q.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // 10 / 3 = 3.333… with 29 digits (3.3333333333333333333333333333: mantissa 3.3e28 fits 96 bits, scale 28).
        Assert.True(DecimalFast.TryDivide(10m, 3m, out q));
        Assert.Equal("3.3333333333333333333333333333", q.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // 100 / 3: 33.333333333333333333333333333 (29 digits; 30 would pass 2^96 ≈ 7.9e28).
        Assert.True(DecimalFast.TryDivide(100m, 3m, out q));
        Assert.Equal("33.333333333333333333333333333", q.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Declines_ExactQuotients_WideDivisors_Zero()
    {
        Assert.False(DecimalFast.TryDivide(1m, 4m, out _));          // exact: 0.25 (the runtime's own scale rules)
        Assert.False(DecimalFast.TryDivide(10.0m, 4m, out _));       // exact at the natural scale (2.5)
        Assert.False(DecimalFast.TryDivide(1m, 0m, out _));
        Assert.False(DecimalFast.TryDivide(0m, 3m, out _));
        Assert.False(DecimalFast.TryDivide(1m, 4294967296m, out _)); // divisor mantissa 2^32
        Assert.True(DecimalFast.TryDivide(1m, 4294967295m, out _));  // 2^32 − 1: taken (not exact)
    }

    [Fact]
    public void RandomOperands_BitForBitAsRuntime()
    {
        var rng = new Random(20261208);
        int taken = 0;
        const int Count = 300_000; // 45 million more were checked outside the suite (commit dfceaa4)
        for (int i = 0; i < Count; i++)
        {
            decimal a = Random(rng, rng.Next(0, 97), (byte)rng.Next(0, 29));
            // Divisors mostly below 2^32 (the fast path), some wider (declined); scales 0..28.
            int bits = i % 8 == 0 ? rng.Next(1, 97) : rng.Next(1, 33);
            decimal b = Random(rng, bits, (byte)rng.Next(0, 29));
            if (b == 0m) continue;
            Check(a, b, ref taken);
        }
        Assert.InRange(taken, Count / 2, Count);
    }

    [Fact]
    public void RealisticOperands_BitForBitAsRuntime()
    {
        // The solver's shapes: a balance ± an entry notional (cents, satoshis) over quantity × (MMR ± 1).
        var rng = new Random(7);
        int taken = 0;
        for (int i = 0; i < 300_000; i++)
        {
            decimal qty = Math.Round((decimal)(rng.NextDouble() * 50), rng.Next(0, 4));
            if (qty == 0m) qty = 0.001m;
            decimal mmr = new[] { 0.004m, 0.005m, 0.0065m, 0.01m, 0.02m, 0.05m, 0.1m, 0.125m, 0.25m }[rng.Next(9)];
            decimal entry = Math.Round((decimal)(1_000 + rng.NextDouble() * 99_000), rng.Next(0, 3));
            decimal lev = rng.Next(1, 126);
            decimal margin = Math.Round(qty * entry / lev, rng.Next(2, 9));
            bool longSide = rng.Next(2) == 0;
            decimal num = margin + (longSide ? -qty * entry : qty * entry) + rng.Next(0, 3) * 1_250.5m;
            decimal den = qty * mmr + (longSide ? -qty : qty);
            Check(num, den, ref taken);
            Check(qty * entry, den, ref taken);
            Check(num, qty, ref taken);
        }
        Assert.InRange(taken, 300_000, 900_000);
    }

    [Fact]
    public void RoundingTies_AndTheEdgeOfTheRange_BitForBitAsRuntime()
    {
        // Ties: B = 2^k·5^j divides 2·A·10^e but not A·10^e at the last scale, so the remainder is exactly half of B.
        var rng = new Random(11);
        int taken = 0;
        for (int i = 0; i < 200_000; i++)
        {
            ulong b = (ulong)Math.Pow(2, rng.Next(0, 20)) * (ulong)Math.Pow(5, rng.Next(0, 13));
            if (b > uint.MaxValue || b == 0) continue;
            decimal bd = new decimal((int)(uint)b, 0, 0, rng.Next(2) == 0, (byte)rng.Next(0, 29));
            decimal a = Random(rng, rng.Next(60, 97), (byte)rng.Next(0, 29));
            Check(a, bd, ref taken);
            Check(a, bd * 3m, ref taken);
            // Mantissas near 2^96 − 1 (the largest quotients), divisors just above 1.
            decimal big = new decimal(-1 - rng.Next(0, 1000), -1, -1, rng.Next(2) == 0, (byte)rng.Next(0, 29));
            Check(big, new decimal(rng.Next(1, 10_000), 0, 0, false, (byte)rng.Next(0, 5)), ref taken);
        }
        Assert.True(taken > 100_000, $"{taken}");
    }

    private static decimal Random(Random rng, int bits, byte scale) => RandomDecimal.Of(rng, bits, scale);
}
