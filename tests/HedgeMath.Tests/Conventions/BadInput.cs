namespace HedgeMath.Tests.Conventions;

/// <summary>
/// One-line checks that an entry point rejects bad numbers with an <see cref="ArgumentException"/>-family
/// exception naming the parameter. Usage:
/// <c>BadInput.Rejects("quantity", q => Position.Open(..., quantity: q, ...), BadInput.NonPositiveDecimals);</c>
/// </summary>
public static class BadInput
{
    /// <summary>Zero and negative decimals (for quantities, prices, leverage).</summary>
    public static readonly decimal[] NonPositiveDecimals = [0m, -1m, -0.00000001m, decimal.MinValue];

    /// <summary>Negative decimals (for values where zero is meaningful).</summary>
    public static readonly decimal[] NegativeDecimals = [-1m, -0.00000001m, decimal.MinValue];

    /// <summary>NaN and both infinities.</summary>
    public static readonly double[] NonFiniteDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>NaN, infinities, zero and negatives (for volatilities, prices as doubles).</summary>
    public static readonly double[] NonPositiveDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0d, -1d, -double.Epsilon];

    /// <summary>Zero and negative integers (for lookbacks, counts).</summary>
    public static readonly int[] NonPositiveInts = [0, -1, int.MinValue];

    /// <summary>
    /// Asserts that <paramref name="call"/> throws an <see cref="ArgumentException"/> (or subclass) whose
    /// <see cref="ArgumentException.ParamName"/> is <paramref name="paramName"/> for every bad value.
    /// </summary>
    public static void Rejects<T>(string paramName, Action<T> call, params IEnumerable<T> badValues)
    {
        foreach (var bad in badValues)
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => call(bad));
            if (ex.ParamName != paramName)
                Assert.Fail($"For bad value {bad} expected ParamName '{paramName}' but got '{ex.ParamName}' ({ex.GetType().Name}: {ex.Message}).");
        }
    }

    /// <summary>Asserts that <paramref name="call"/> throws an ArgumentException naming <paramref name="paramName"/>.</summary>
    public static ArgumentException Throws(string paramName, Action call)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(paramName, ex.ParamName);
        return ex;
    }
}
