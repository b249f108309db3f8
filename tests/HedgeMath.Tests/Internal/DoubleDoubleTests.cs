using FsCheck;
using FsCheck.Fluent;
using HedgeMath.Internal;

namespace HedgeMath.Tests.Internal;

/// <summary>
/// <see cref="DoubleDouble"/> against the runtime's decimal arithmetic (the reference): conversions round-trip, a
/// reciprocal is the decimal division's to ~1e-27 relative, and the straight path's Σ 1/p is the decimal loop's (a
/// division per print, as the print-by-print route pays) within that loop's own rounding (≤ 1e-28 absolute per print) — well inside the 1e-20 the straight-path
/// property tests allow.
/// </summary>
public class DoubleDoubleTests
{
    private static decimal Rel(decimal a, decimal b) => b == 0m ? Math.Abs(a) : Math.Abs(a - b) / Math.Abs(b);

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("0.00002")]
    [InlineData("50000.25")]
    [InlineData("0.0001")]
    [InlineData("123456789012345678.9012345678")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("9999999999999999999999999999")]
    [InlineData("-0.3333333333333333333333333333")]
    public void From_ThenToDecimal_IsTheSameNumber(string text)
    {
        decimal d = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(d, DoubleDouble.From(d).ToDecimal());
    }

    [Fact]
    public void ToDecimal_DropsTrailingZeros_AsADecimalDivisionDoes()
    {
        // 1 / 50,000 = 0.00002 exactly: written with scale 5, as 1m / 50000m is.
        decimal r = DoubleDouble.Reciprocal(DoubleDouble.From(50_000m)).ToDecimal();
        Assert.Equal((1m / 50_000m).ToString(System.Globalization.CultureInfo.InvariantCulture), r.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Reciprocal_IsTheDecimalDivision_To1e27()
    {
        var prices = Gen.Choose(1, int.MaxValue).Two().Select(t => (decimal)t.Item1 / 1000m + (decimal)t.Item2 / 7_919m);
        Prop.ForAll(prices.ToArbitrary(), p =>
            Rel(DoubleDouble.Reciprocal(DoubleDouble.From(p)).ToDecimal(), 1m / p) <= 1e-27m)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void InverseSum_IsTheDecimalLoop_WithinItsOwnRounding()
    {
        // The decimal loop the straight path ran before (a division per print, prices from + step·j, the last exactly `to`).
        var paths =
            from a in Gen.Choose(100, 20_000_000)
            from b in Gen.Choose(100, 20_000_000)
            from n in Gen.Choose(1, 400)
            select ((decimal)a / 100m, (decimal)b / 100m, n);
        Prop.ForAll(paths.ToArbitrary(), t =>
        {
            var (from, to, n) = t;
            decimal step = (to - from) / n, loop = 0m;
            var prefix = new decimal[n + 1];
            DoubleDouble.InverseSums(from, to, step, n, prefix);
            for (int j = 1; j <= n; j++)
            {
                loop += 1m / (j == n ? to : from + step * j);
                // The loop itself rounds each term and partial sum to decimal's last place (1e-28 at most: a sum near 1e-3 keeps 25
                // significant digits), so the two may differ by about that much per print.
                if (Math.Abs(prefix[j] - loop) > 1e-28m * (j + 1) + 1e-27m * loop) return false;
            }
            // The one-sum form gives the prefix form's decimal exactly (the exact grid and the book agree bit for bit).
            int k = 1 + (n / 2);
            return DoubleDouble.InverseSum(from, to, step, n, k) == prefix[k] && DoubleDouble.InverseSum(from, to, step, n, n) == prefix[n];
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void InverseSum_OfAFlatPath_IsCountOverPrice()
    {
        // 90 prints at 40,000: 90 / 40,000 = 0.00225 exactly.
        Assert.Equal(0.00225m, DoubleDouble.InverseSum(40_000m, 40_000m, 0m, 90, 90));
    }
}
