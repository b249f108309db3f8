namespace HedgeMath.Tests.Internal;

/// <summary>
/// Random decimals for the bit-for-bit tests of the decimal fast paths (<c>DecimalFastTests</c>, <c>DecimalDivisionTests</c>,
/// <c>PositivePriceTests</c>): a mantissa of a chosen bit length (uniform below 2^bits), a sign, a scale.
/// </summary>
internal static class RandomDecimal
{
    /// <summary>A mantissa below 2^<paramref name="bits"/> (0 for 0 bits; draws nothing then).</summary>
    public static UInt128 Mantissa(Random rng, int bits) =>
        bits == 0 ? 0 : ((UInt128)(ulong)rng.NextInt64() << 64 | (ulong)rng.NextInt64()) >> (128 - bits);

    /// <summary>The decimal of a mantissa (below 2^96), a sign and a scale.</summary>
    public static decimal Of(UInt128 mantissa, bool negative, byte scale)
    {
        unchecked
        {
            return new decimal((int)(uint)(mantissa & uint.MaxValue), (int)(uint)((mantissa >> 32) & uint.MaxValue),
                (int)(uint)((mantissa >> 64) & uint.MaxValue), negative, scale);
        }
    }

    /// <summary>A decimal with a mantissa of <paramref name="bits"/> bits at most, a random sign, at <paramref name="scale"/>.</summary>
    public static decimal Of(Random rng, int bits, byte scale) => Of(Mantissa(rng, bits), rng.Next(2) == 0, scale);
}
