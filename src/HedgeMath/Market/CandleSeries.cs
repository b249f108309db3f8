using HedgeMath.Internal;

namespace HedgeMath.Market;

/// <summary>Conversions of candle lists to <see cref="double"/> arrays for indicators and statistics.</summary>
/// <remarks>The decimal → double conversion is the explicit boundary between money and statistics (see the numeric conventions).</remarks>
public static class CandleSeries
{
    /// <summary>The close prices as doubles, in order.</summary>
    /// <param name="candles">The candles.</param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    public static double[] Closes(IReadOnlyList<Candle> candles) => Select(candles, c => c.Close);

    /// <summary>The high prices as doubles, in order.</summary>
    /// <param name="candles">The candles.</param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    public static double[] Highs(IReadOnlyList<Candle> candles) => Select(candles, c => c.High);

    /// <summary>The low prices as doubles, in order.</summary>
    /// <param name="candles">The candles.</param>
    /// <returns>A new array of the same length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candles"/> is null.</exception>
    public static double[] Lows(IReadOnlyList<Candle> candles) => Select(candles, c => c.Low);

    private static double[] Select(IReadOnlyList<Candle> candles, Func<Candle, decimal> field)
    {
        Preconditions.NotNull(candles);
        var result = new double[candles.Count];
        for (int i = 0; i < result.Length; i++) result[i] = (double)field(candles[i]);
        return result;
    }
}
