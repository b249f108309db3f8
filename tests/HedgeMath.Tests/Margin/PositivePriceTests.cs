using HedgeMath.Internal;
using HedgeMath.Margin;
using HedgeMath.Tests.Internal;

namespace HedgeMath.Tests.Margin;

/// <summary>
/// <see cref="MarginCalc.PositivePrice"/> (the solver's "num / den as a positive price, or null") divides without its
/// overflow handler when <see cref="DecimalFast.QuotientFits"/> proves the quotient fits: the proof must never be wrong
/// (a division it passes must not throw), and the result must be the handler's, bit for bit.
/// </summary>
public class PositivePriceTests
{
    // The rule as it was before the fast path (commit 64d69e4): the reference.
    private static decimal? Reference(decimal num, decimal den)
    {
        if (den == 0m) return null;
        try
        {
            var q = num / den;
            return q > 0m ? q : null;
        }
        catch (OverflowException) { return null; }
    }

    private static bool Divides(decimal a, decimal b)
    {
        try { _ = a / b; return true; }
        catch (OverflowException) { return false; }
        catch (DivideByZeroException) { return false; }
    }

    // Bounds by hand: |a/b| < 2^(la − lb + 1)·10^(sb − sa) must be ≤ 2^95 (la, lb the mantissas' bit lengths).
    [Theory]
    // 2^95 − 1 (95 bits) / 1: 95 − 1 + 1 = 95 → proven.
    [InlineData("39614081257132168796771975167", "1", true)]
    // decimal.MaxValue (96 bits) / 1: 96 → not proven (it would fit, but the bound does not show it).
    [InlineData("79228162514264337593543950335", "1", false)]
    // MaxValue / 2 (2 bits): 96 − 2 + 1 = 95 → proven (3.96e28).
    [InlineData("79228162514264337593543950335", "2", true)]
    // 1e27 (90 bits) / 0.1 (B = 1, one more scale): 90 − 1 + 1 + ⌈log₂10⌉ = 94 → proven (1e28).
    [InlineData("1000000000000000000000000000", "0.1", true)]
    // 1e27 / 0.01: 90 + ⌈2·log₂10⌉ = 97 → not proven; 1e29 overflows decimal.
    [InlineData("1000000000000000000000000000", "0.01", false)]
    // 2^88 (89 bits) / 0.01 (B = 1): 89 − 1 + 1 + 7 = 96 → not proven; 3.09e28 would fit (the bound is conservative).
    [InlineData("309485009821345068724781056", "0.01", false)]
    // 2^87 (88 bits) / 0.01: 95 → proven (1.55e28).
    [InlineData("154742504910672534362390528", "0.01", true)]
    // A den of 0 at any scale: never proven (the checked path returns null).
    [InlineData("5", "0", false)]
    [InlineData("5", "0.000", false)]
    // A num of 0 over 1e-28 (B = 1, scale 28): 0 − 1 + 1 + ⌈28·log₂10⌉ = 94 → proven.
    [InlineData("0", "0.0000000000000000000000000001", true)]
    // The isolated short of the benchmark (0.5 BTC at 50,000, 10x, first tier: MMR 0.004): num = 2,500 + 25,000, here
    // 27,500.0 (mantissa 275,000: 19 bits), den = 0.5·0.004 + 0.5 = 0.5020 (5,020: 13 bits, 3 more scale):
    // 19 − 13 + 1 + ⌈3·log₂10⌉ = 17 → proven.
    [InlineData("27500.0", "0.5020", true)]
    // A 1x coin-margined short's residue den (±1e-27, scale 27) under a num of 10: 4 − 1 + 1 + ⌈27·log₂10⌉ = 94 → proven
    // (1e28 fits); under 100 (7 bits): 97 → not proven, and 1e29 overflows.
    [InlineData("10", "0.000000000000000000000000001", true)]
    [InlineData("100", "-0.000000000000000000000000001", false)]
    public void QuotientFits_ByHand(string a, string b, bool expected)
    {
        decimal x = decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture);
        decimal y = decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, DecimalFast.QuotientFits(x, y));
        Assert.Equal(expected, DecimalFast.QuotientFits(-x, y));
        Assert.Equal(expected, DecimalFast.QuotientFits(x, -y));
        if (expected) Assert.True(Divides(x, y));
    }

    [Fact]
    public void QuotientFits_NeverPassesADivisionThatThrows_AndPositivePriceIsTheReference_RandomOperands()
    {
        // Mantissas of every bit length 0..96, scales 0..28, both signs (fixed seed); half the pairs near the bound.
        var rng = new Random(20261208);
        int proven = 0, overflowing = 0;
        for (int i = 0; i < 100_000; i++)
        {
            decimal a = Random(rng), b = Random(rng);
            bool fits = DecimalFast.QuotientFits(a, b);
            bool divides = Divides(a, b);
            if (fits) { proven++; Assert.True(divides, $"{a} / {b}"); }
            if (!divides) overflowing++;
            Same(Reference(a, b), MarginCalc.PositivePrice(a, b), a, b);
        }
        // Both sides are exercised: most quotients are proven, and some overflow.
        Assert.InRange(proven, 50_000, 100_000);
        Assert.InRange(overflowing, 500, 50_000);
    }

    [Theory]
    [InlineData("27500.0", "0.5020")]
    [InlineData("-27500.0", "0.5020")]
    [InlineData("0", "0.5020")]
    [InlineData("-0", "1")]
    [InlineData("5", "0")]
    [InlineData("79228162514264337593543950335", "0.5")]   // overflows: null
    [InlineData("79228162514264337593543950335", "-0.5")]  // overflows negative: null
    [InlineData("79228162514264337593543950335", "1.5")]   // not proven, divides: 5.28e28
    [InlineData("100", "0.000000000000000000000000001")] // 1e29: null
    [InlineData("1", "3")]                                // 0.3333…: rounded by the runtime, the same digits
    public void PositivePrice_Edges_AsTheReference(string num, string den)
    {
        decimal n = decimal.Parse(num, System.Globalization.CultureInfo.InvariantCulture);
        decimal d = decimal.Parse(den, System.Globalization.CultureInfo.InvariantCulture);
        Same(Reference(n, d), MarginCalc.PositivePrice(n, d), n, d);
    }

    [Fact]
    public void PositivePrice_ByHand()
    {
        // 27,500 / 0.502 = 54,780.87649402390438247011952191… (long division, 60 digits in Python's decimal), rounded to
        // decimal's 29 significant digits.
        Assert.Equal(54_780.876494023904382470119522m, MarginCalc.PositivePrice(27_500.0m, 0.5020m));
        Assert.Null(MarginCalc.PositivePrice(-27_500.0m, 0.5020m));
        Assert.Null(MarginCalc.PositivePrice(0m, 0.5020m));
        Assert.Null(MarginCalc.PositivePrice(1m, 0m));
        Assert.Null(MarginCalc.PositivePrice(100m, 1e-27m));
        Assert.Equal(5e27m, MarginCalc.PositivePrice(5m, 1e-27m));
    }

    private static void Same(decimal? expected, decimal? actual, decimal a, decimal b)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{a} / {b}: {expected} against {actual}");
        if (expected is { } e) Assert.True(DecimalFast.Identical(e, actual!.Value), $"{a} / {b}: {e} against {actual}");
    }

    private static decimal Random(Random rng)
    {
        int bits = rng.Next(0, 97);
        byte scale = (byte)rng.Next(0, 29);
        return RandomDecimal.Of(rng, bits, scale);
    }
}
